"""Saved searches: :class:`Alert`, validated by :func:`new_alert`, kept in ``<alias>-alerts``.

One document per alert, id = its name (``mappings/alerts.json``, strict). An alert keeps the
request as the user gave it (query text, facet filters) and rebuilds it into a
:class:`~etl.search.request.SearchRequest` when it runs, so a saved search and a search on
the page mean the same thing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from elasticsearch import BadRequestError, ConflictError, NotFoundError

from etl.core.errors import EtlError
from etl.core.settings import Settings
from etl.index.versions import load_mapping
from etl.search.request import InvalidQuery, SearchRequest, group_filters

ALERTS_MAPPING = "alerts.json"
MAX_ALERTS = 1000  # alerts read per run (a list, not a search engine of its own)
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")
_EMAIL = re.compile(r"[^@\s<>,;\"]+@[^@\s<>,;\"]+")


class AlertError(EtlError):
    """A user error about alerts: unknown alert, duplicate name, invalid query or address."""


@dataclass(frozen=True)
class Alert:
    """A saved search and where its notifications go (``webhook`` URL, ``email`` address)."""

    name: str
    q: str = ""
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    webhook: str = ""
    email: str = ""
    created_at: str = ""

    def request(self) -> SearchRequest:
        """The saved search as a request (no facets, no histogram). Raises InvalidQuery."""
        return SearchRequest.create(q=self.q, facets=[], filters=dict(self.filters), histogram=False)

    def to_doc(self) -> dict:
        """The ``_source`` stored in the alerts index."""
        doc = {"name": self.name, "q": self.q, "filters": {k: list(v) for k, v in self.filters.items()},
               "webhook": self.webhook or None, "email": self.email or None, "created_at": self.created_at or None}
        return {k: v for k, v in doc.items() if v is not None}

    @classmethod
    def from_doc(cls, doc: Mapping) -> Alert:
        """Rebuild an alert from :meth:`to_doc`'s output."""
        filters = {k: tuple(v) if isinstance(v, list) else (v,) for k, v in (doc.get("filters") or {}).items()}
        return cls(name=doc["name"], q=doc.get("q", ""), filters=filters, webhook=doc.get("webhook", ""),
                   email=doc.get("email", ""), created_at=doc.get("created_at", ""))


def new_alert(name: str, q: str, filter_exprs: Iterable[str] | None = None, webhook: str = "",
              email: str = "", created_at: str = "") -> Alert:
    """Validate user input into an :class:`Alert`.

    ``filter_exprs``: ``facet=value`` expressions as for search. Raises AlertError with a
    clear message: a name that is not 1-64 letters, digits, ``-`` or ``_``; an invalid query
    or filter (the search's own validation); a search without words or filters (it would
    match everything); a webhook that is not an http(s) URL; a malformed e-mail address.
    """
    if not _NAME.fullmatch(name or ""):
        raise AlertError(f"invalid alert name {name!r}: 1-64 letters, digits, '-' or '_', starting with a "
                         "letter or digit")
    try:
        req = Alert(name=name, q=q, filters=group_filters(filter_exprs)).request()
    except InvalidQuery as exc:
        raise AlertError(f"invalid query for alert {name!r}: {exc}") from exc
    if not req.q and not req.filters:
        raise AlertError(f"alert {name!r} needs a query or a filter (it would match every article)")
    return Alert(name=name, q=req.q, filters=dict(req.filters), webhook=_checked_webhook(webhook),
                 email=_checked_email(email), created_at=created_at)


def _checked_webhook(url: str) -> str:
    url = (url or "").strip()
    if url and (urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).hostname):
        raise AlertError(f"webhook must be an http(s) URL, got {url[:80]!r}")
    return url


def _checked_email(addr: str) -> str:
    addr = (addr or "").strip()
    if addr and not _EMAIL.fullmatch(addr):
        raise AlertError(f"not an e-mail address: {addr[:80]!r}")
    return addr


# ----------------------------------------------------------------------------- the alerts index


def alerts_index(settings: Settings) -> str:
    """Name of the saved-searches index."""
    return f"{settings.index_alias}-alerts"


def ensure_index(es, settings: Settings, name: str, mapping_file: str) -> None:
    """Create index ``name`` from ``mappings/<mapping_file>`` unless it exists (safe when two callers race).

    Raises ConfigError for a missing or invalid mapping file, Elasticsearch errors otherwise.
    """
    if es.indices.exists(index=name):
        return
    mapping = load_mapping(settings, mapping_file)
    try:
        es.indices.create(index=name, settings=mapping["settings"], mappings=mapping["mappings"])
    except BadRequestError as exc:
        if exc.error != "resource_already_exists_exception":
            raise


def save_alert(es, settings: Settings, alert: Alert) -> None:
    """Store a new alert. Raises AlertError when an alert of that name exists."""
    ensure_index(es, settings, alerts_index(settings), ALERTS_MAPPING)
    try:
        es.create(index=alerts_index(settings), id=alert.name, document=alert.to_doc(), refresh="wait_for")
    except ConflictError:
        raise AlertError(f"alert {alert.name!r} exists already (remove it first)") from None


def get_alert(es, settings: Settings, name: str) -> Alert:
    """The alert ``name``. Raises AlertError when there is none."""
    try:
        doc = es.get(index=alerts_index(settings), id=name)
    except NotFoundError:
        raise AlertError(f"unknown alert {name!r} (see `news-etl alerts list`)") from None
    return Alert.from_doc(doc["_source"])


def list_alerts(es, settings: Settings) -> list[Alert]:
    """Every alert, by name (empty when the index does not exist yet)."""
    if not es.indices.exists(index=alerts_index(settings)):
        return []
    resp = es.search(index=alerts_index(settings), size=MAX_ALERTS, sort=[{"name": "asc"}],
                     query={"match_all": {}})
    return [Alert.from_doc(h["_source"]) for h in resp["hits"]["hits"]]


def delete_alert(es, settings: Settings, name: str) -> None:
    """Delete the alert ``name`` (its notification log is the caller's). Raises AlertError when unknown."""
    try:
        es.delete(index=alerts_index(settings), id=name, refresh="wait_for")
    except NotFoundError:
        raise AlertError(f"unknown alert {name!r} (see `news-etl alerts list`)") from None
