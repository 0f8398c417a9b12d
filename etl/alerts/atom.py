"""An alert's notifications as an Atom feed (RFC 4287), for ``GET /alerts/{name}.atom``.

One entry per notification, newest first. Ids are ``urn:uuid:`` names derived from the
alias, the alert and the notification id, so they never change and a feed reader shows an
entry once. ``updated`` is the run's logical date; the alternate link is the first notified
article, the other articles are ``related`` links; the summary lists outlets and articles.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from datetime import datetime, timezone
from xml.etree import ElementTree as ET

from etl.alerts.log import NEW_STORY, Notification
from etl.alerts.store import Alert

ATOM = "http://www.w3.org/2005/Atom"
MEDIA_TYPE = "application/atom+xml; charset=utf-8"
_EPOCH = "1970-01-01T00:00:00Z"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # not allowed in XML 1.0


def rfc3339(value: str) -> str:
    """An ISO 8601 instant as RFC 3339 in UTC (``2024-05-01T10:00:00Z``); naive means UTC.

    Raises ValueError for text that is not ISO 8601.
    """
    when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return when.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _id(*parts: str) -> str:
    return uuid.uuid5(uuid.NAMESPACE_URL, "news-etl:" + ":".join(parts)).urn


def _add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    node = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: _NOT_XML.sub("", v) for k, v in attrs.items()})
    if text is not None:
        node.text = _NOT_XML.sub("", text)
    return node


def _summary(n: Notification) -> str:
    head = ("New story" if n.event == NEW_STORY else f"New outlets: {', '.join(n.new_outlets)}")
    lines = [f"{head}. Outlets so far: {', '.join(n.outlets)}."]
    lines += [f"{a.get('outlet')}: {a.get('title') or '(untitled)'} ({a.get('url')})" for a in n.articles]
    return "\n".join(lines)


def _entry(feed: ET.Element, alias: str, n: Notification) -> None:
    entry = _add(feed, "entry")
    _add(entry, "id", _id(alias, n.alert, n.id))
    prefix = "" if n.event == NEW_STORY else f"[{', '.join(n.new_outlets)}] "
    _add(entry, "title", prefix + n.title)
    _add(entry, "updated", rfc3339(n.logical_date))
    links = [str(a["url"]) for a in n.articles if a.get("url")]
    for i, url in enumerate(dict.fromkeys(links)):
        _add(entry, "link", rel="alternate" if i == 0 else "related", href=url)
    _add(entry, "summary", _summary(n), type="text")
    _add(entry, "category", term=n.event)


def render(alert: Alert, notifications: Sequence[Notification], alias: str, self_url: str) -> bytes:
    """The Atom document (UTF-8 bytes) of ``alert`` with ``notifications`` (newest first).

    ``self_url``: the feed's own absolute URL (``rel="self"``). The feed's ``updated`` is the
    newest entry's, else the alert's creation time.
    """
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _add(feed, "id", _id(alias, alert.name))
    _add(feed, "title", f"news-etl alert: {alert.name}")
    _add(feed, "subtitle", " ".join(filter(None, [alert.q, *(f"{k}={v}" for k, vs in alert.filters.items()
                                                             for v in vs)])))
    newest = notifications[0].logical_date if notifications else (alert.created_at or _EPOCH)
    _add(feed, "updated", rfc3339(newest))
    _add(_add(feed, "author"), "name", "news-etl")
    _add(feed, "link", rel="self", href=self_url, type="application/atom+xml")
    _add(feed, "generator", "news-etl")
    for n in notifications:
        _entry(feed, alias, n)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)
