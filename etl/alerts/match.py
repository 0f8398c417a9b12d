"""An alert's matches among one run's documents, grouped by story, and what is news in them.

:func:`story_matches` runs the saved search (the query of :func:`etl.search.export.match_query`,
the one query builder) restricted to the documents this run indexed or changed (their
``provenance.run_id``) and groups the hits by ``story_id``. :func:`plan` decides, from the
outlets the alert already told about, which stories deserve a notification: a story the
alert never told about (:data:`~etl.alerts.log.NEW_STORY`), or one that outlets it had not
told about yet have joined (:data:`~etl.alerts.log.NEW_OUTLET`). Same outlets again: nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from etl.alerts.log import NEW_OUTLET, NEW_STORY, Notification
from etl.alerts.store import Alert
from etl.index.scan import PitScan
from etl.search.export import match_query

MATCH_FIELDS = ("doc_id", "story_id", "title", "url", "site", "source", "published_at")


@dataclass
class StoryMatch:
    """The copies of one story that matched an alert: articles (``id, title, url, outlet,
    published_at``) in ``doc_id`` order, and their outlets."""

    story_id: str
    articles: list[dict] = field(default_factory=list)

    @property
    def outlets(self) -> set[str]:
        return {a["outlet"] for a in self.articles}


def outlet(source: Mapping) -> str:
    """The outlet that published a document: its site name, else its URL's host, else its source."""
    return source.get("site") or (urlsplit(source.get("url", "")).hostname or "") or source.get("source") or "?"


def run_query(alert: Alert, run_id: str | None) -> dict:
    """The alert's query, restricted to the documents of run ``run_id`` (None: every document).

    Raises InvalidQuery when the stored request is no longer valid.
    """
    query = match_query(alert.request())
    if run_id is None:
        return query
    return {"bool": {"must": [query], "filter": [{"term": {"provenance.run_id": run_id}}]}}


def story_matches(es, index: str, alert: Alert, run_id: str | None) -> dict[str, StoryMatch]:
    """The alert's matches in ``index`` among run ``run_id``'s documents, by story id (sorted)."""
    stories: dict[str, StoryMatch] = {}
    with PitScan(es, index, query=run_query(alert, run_id), sort=[{"doc_id": "asc"}],
                 source={"includes": list(MATCH_FIELDS)}) as scan:
        for hit in scan:
            src = hit["_source"]
            story = src.get("story_id") or hit["_id"]
            stories.setdefault(story, StoryMatch(story)).articles.append({
                "id": hit["_id"], "title": src.get("title", ""), "url": src.get("url", ""),
                "outlet": outlet(src), "published_at": src.get("published_at")})
    return dict(sorted(stories.items()))


def plan(alert: Alert, matches: Iterable[StoryMatch], known: Mapping[str, set[str]], run_id: str,
         logical_date: str) -> list[Notification]:
    """The notifications ``matches`` call for, given the outlets already told about per story.

    Input: the run's story matches, ``known`` (story id -> outlets notified in earlier runs;
    absent: never notified), the run id and logical date. Output: one notification per
    new story and per story with new outlets (carrying only the new outlets' articles).
    """
    out = []
    for match in matches:
        before = known.get(match.story_id)
        new = match.outlets - (before or set())
        if not new:
            continue
        articles = tuple(a for a in match.articles if a["outlet"] in new)
        out.append(Notification(alert=alert.name, story_id=match.story_id, run_id=run_id,
                                logical_date=logical_date, event=NEW_STORY if before is None else NEW_OUTLET,
                                outlets=tuple(sorted((before or set()) | new)), new_outlets=tuple(sorted(new)),
                                articles=articles))
    return out
