"""The credentials file of a secured Elasticsearch: its address, CA and two least-privilege users.

``news-etl es start`` (:mod:`etl.dev.esserver`) writes it for the local node, mode 0600, in
the git-ignored cache: ``<es_cache_dir>/security-<port>/credentials.json``::

    {"url": "https://127.0.0.1:9200", "ca_certs": ".../security-9200/ca.crt", "alias": "articles",
     "elastic_password": "...",
     "users": {"ingest": {"username": "news_etl_ingest", "password": "..."},
               "api": {"username": "news_etl_api", "password": "..."}}}

:meth:`etl.core.settings.Settings.from_env` applies it (:func:`apply`) when no credentials are
given (``NEWS_ETL_ES_API_KEY`` and ``NEWS_ETL_ES_USERNAME`` unset) and the file is the one of
the node at ``es_url`` (same URL), or the one ``NEWS_ETL_ES_CREDENTIALS_FILE`` names: the user
named by ``es_role`` (``ingest``: the pipeline and the CLI; ``api``: the read-only user of
``news-etl serve``) and the CA, unless ``NEWS_ETL_ES_CA_CERTS`` names one. The ``elastic``
password is for administration (``news-etl es start``) and is never applied.

Kept free of other news-etl imports: :mod:`etl.core.settings` imports it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from etl.core.errors import ConfigError

if TYPE_CHECKING:
    from etl.core.settings import Settings

ROLES = ("ingest", "api")
"""The users of a credentials file: the pipeline's (writes the alias's indices) and the search API's (reads)."""
LOOPBACK = ("127.0.0.1", "localhost")


def node_path(cache_dir: str, url: str) -> Path | None:
    """Where ``news-etl es start`` keeps the credentials of the local node at ``url``
    (``<cache_dir>/security-<port>/credentials.json``); None when ``url`` is no local https node
    (several comma-separated URLs are a cluster's nodes, not that node)."""
    if "," in url:
        return None
    parts = urlsplit(url)
    if parts.scheme != "https" or parts.hostname not in LOOPBACK:
        return None
    return Path(cache_dir) / f"security-{parts.port or 9200}" / "credentials.json"


def read(path: Path) -> dict | None:
    """The credentials at ``path``, or None when there is no file. Raises ConfigError when
    it is not the JSON object this module describes."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise ConfigError(f"cannot read the Elasticsearch credentials file {path}: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("users", {}), dict):
        raise ConfigError(f"{path} is not a news-etl credentials file")
    return data


def apply(settings: Settings, role: str = "") -> Settings:
    """``settings`` with the user named ``role`` (default ``settings.es_role``) and the CA of
    its credentials file; a user that came from the same file is swapped for the one named.

    Unchanged (but for ``es_role``) when other credentials are given, when no file applies
    (see the module doc) or when the file has no such user yet. Errors: ConfigError for a
    role other than :data:`ROLES`, an unreadable file, or a named file that is missing.
    """
    role = role or settings.es_role
    if role not in ROLES:
        raise ConfigError(f"NEWS_ETL_ES_ROLE={role!r}: one of {', '.join(ROLES)}")
    path, data = _file_of(settings)
    users = (data or {}).get("users", {})
    user = users.get(role)
    from_file = any(settings.es_username == u.get("username") and settings.es_password == u.get("password")
                    for u in users.values())
    if not user or settings.es_api_key or (settings.es_username and not from_file):
        return settings.replace(es_role=role)
    ca = settings.es_ca_certs if settings.es_ca_certs and not from_file else (data or {}).get("ca_certs", "")
    return settings.replace(es_role=role, es_username=user["username"], es_password=user["password"], es_ca_certs=ca)


def _file_of(settings: Settings) -> tuple[Path | None, dict | None]:
    """The credentials file that applies to ``settings`` and its content (None, None: none)."""
    if settings.es_credentials_file:
        path = Path(settings.es_credentials_file)
        data = read(path)
        if data is None:
            raise ConfigError(f"NEWS_ETL_ES_CREDENTIALS_FILE: no file {path}")
        return path, data
    node = node_path(settings.es_cache_dir, settings.es_url)
    data = read(node) if node else None
    if data is None or data.get("url", "").rstrip("/") != settings.es_url.rstrip("/"):
        return None, None  # none, or left by an earlier node on this port
    return node, data
