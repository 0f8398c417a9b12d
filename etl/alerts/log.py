"""The notification log ``<alias>-alert-log``: what each alert told about which story, in which run.

One document per alert, story and run (``mappings/alert-log.json``, strict), id
:func:`notification_id` (a hash of the three): a retried or rerun alerts task finds its own
earlier notifications there and sends nothing twice. The outlets an alert has already told
about a story (:func:`known_outlets`) decide whether a new copy is news (a new outlet) or
not; the Atom feed of an alert (:func:`recent`) is read from here too.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from etl.alerts.store import MAX_ALERTS, ensure_index
from etl.core.settings import Settings
from etl.index.scan import PitScan

LOG_MAPPING = "alert-log.json"
CHANNELS = ("webhook", "email")
NEW_STORY, NEW_OUTLET = "new_story", "new_outlet"
TERMS_CHUNK = 1000  # story ids per terms query (well under the clause limit)
TEST = "test"  # ``news-etl alerts test --send``: delivered, never logged


@dataclass(frozen=True)
class Notification:
    """One notification: alert ``alert`` tells, in run ``run_id``, about story ``story_id``.

    ``event``: :data:`NEW_STORY` (first time this alert sees the story) or
    :data:`NEW_OUTLET` (outlets it had not told about yet joined). ``outlets``: every outlet
    told about so far, these included; ``new_outlets``: the ones this notification adds;
    ``articles``: the run's matching copies from those outlets (``id, title, url, outlet,
    published_at``). ``deliveries``: channel -> ``{"status", "attempts", "error"}``.
    """

    alert: str
    story_id: str
    run_id: str
    logical_date: str
    event: str
    outlets: tuple[str, ...]
    new_outlets: tuple[str, ...]
    articles: tuple[Mapping, ...]
    deliveries: Mapping[str, Mapping] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return notification_id(self.alert, self.story_id, self.run_id)

    @property
    def title(self) -> str:
        """The story's title: its first notified article's."""
        return next((a.get("title") for a in self.articles if a.get("title")), "") or "(untitled)"

    def pending(self, channels: Iterable[str]) -> list[str]:
        """The channels among ``channels`` not delivered yet (never tried, or failed)."""
        return [c for c in channels if self.deliveries.get(c, {}).get("status") != "sent"]

    def delivered(self, channel: str, result: Mapping) -> Notification:
        """A copy with ``channel``'s delivery result recorded."""
        return replace(self, deliveries={**self.deliveries, channel: dict(result)})

    def to_doc(self) -> dict:
        return {"alert": self.alert, "story_id": self.story_id, "run_id": self.run_id,
                "logical_date": self.logical_date, "event": self.event, "title": self.title,
                "outlets": list(self.outlets), "new_outlets": list(self.new_outlets),
                "articles": [dict(a) for a in self.articles], "deliveries": dict(self.deliveries)}

    @classmethod
    def from_doc(cls, doc: Mapping) -> Notification:
        return cls(alert=doc["alert"], story_id=doc["story_id"], run_id=doc["run_id"],
                   logical_date=doc["logical_date"], event=doc["event"], outlets=tuple(doc.get("outlets", ())),
                   new_outlets=tuple(doc.get("new_outlets", ())), articles=tuple(doc.get("articles", ())),
                   deliveries=dict(doc.get("deliveries") or {}))


def notification_id(alert: str, story_id: str, run_id: str) -> str:
    """The log document id of (alert, story, run): the same on every retry and rerun."""
    return hashlib.sha256(f"{alert}\x00{story_id}\x00{run_id}".encode()).hexdigest()[:32]


def log_index(settings: Settings) -> str:
    """Name of the notification log index."""
    return f"{settings.index_alias}-alert-log"


def ensure_log(es, settings: Settings) -> str:
    """Create the log index when missing; return its name. Raises ConfigError for a bad mapping file."""
    ensure_index(es, settings, log_index(settings), LOG_MAPPING)
    return log_index(settings)


def _entries(es, settings: Settings, query: dict) -> Iterable[Notification]:
    """Every notification matching ``query`` (none when the log does not exist yet)."""
    if not es.indices.exists(index=log_index(settings)):
        return
    with PitScan(es, log_index(settings), query=query) as scan:
        for hit in scan:
            yield Notification.from_doc(hit["_source"])


def of_run(es, settings: Settings, alert: str, stories: Iterable[str], run_id: str) -> dict[str, Notification]:
    """This alert's notifications of run ``run_id`` about ``stories``, by story id.

    Read by id (real time: what an interrupted try of this run stored is seen at once).
    """
    ids = [notification_id(alert, story, run_id) for story in stories]
    if not ids:
        return {}
    docs = es.mget(index=log_index(settings), ids=ids)["docs"]
    found = (Notification.from_doc(d["_source"]) for d in docs if d.get("found"))
    return {n.story_id: n for n in found}


def known_outlets(es, settings: Settings, alert: str, stories: Iterable[str], run_id: str) -> dict[str, set[str]]:
    """Outlets this alert told about, per story of ``stories``, in runs other than ``run_id``.

    A story missing from the result was never notified by this alert.
    """
    ids = sorted(set(stories))
    known: dict[str, set[str]] = {}
    for start in range(0, len(ids), TERMS_CHUNK):
        query = {"bool": {"filter": [{"term": {"alert": alert}}, {"terms": {"story_id": ids[start:start + TERMS_CHUNK]}}],
                          "must_not": [{"term": {"run_id": run_id}}]}}
        for n in _entries(es, settings, query):
            known.setdefault(n.story_id, set()).update(n.outlets)
    return known


def save(es, settings: Settings, notification: Notification) -> None:
    """Store (or overwrite) ``notification`` under its id (durable at once, searchable after a refresh)."""
    es.index(index=log_index(settings), id=notification.id, document=notification.to_doc())


def recent(es, settings: Settings, alert: str, size: int) -> list[Notification]:
    """This alert's newest ``size`` notifications, newest first (empty when the log does not exist)."""
    if not es.indices.exists(index=log_index(settings)):
        return []
    resp = es.search(index=log_index(settings), size=size, query={"term": {"alert": alert}},
                     sort=[{"logical_date": "desc"}, {"story_id": "asc"}])
    return [Notification.from_doc(h["_source"]) for h in resp["hits"]["hits"]]


def count_by_alert(es, settings: Settings) -> dict[str, int]:
    """How many notifications each alert has in the log."""
    if not es.indices.exists(index=log_index(settings)):
        return {}
    resp = es.search(index=log_index(settings), size=0,
                     aggs={"alerts": {"terms": {"field": "alert", "size": MAX_ALERTS}}})
    return {b["key"]: b["doc_count"] for b in resp["aggregations"]["alerts"]["buckets"]}


def forget(es, settings: Settings, alert: str) -> int:
    """Delete every notification of ``alert``; return how many."""
    if not es.indices.exists(index=log_index(settings)):
        return 0
    resp = es.delete_by_query(index=log_index(settings), query={"term": {"alert": alert}}, refresh=True,
                              conflicts="proceed")
    return int(resp["deleted"])
