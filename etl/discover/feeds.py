"""Feed and sitemap documents: the URLs (and dates) an RSS/Atom feed or a sitemap lists.

Pure parsing, no network: :func:`parse_feed` reads RSS 2.0, RSS 1.0 (RDF) and Atom;
:func:`parse_sitemap` reads URL sets, sitemap indexes and Google news sitemaps, plain or
gzipped. External entities and network access are off in the XML parser. A document that
is not what it should be raises :class:`SourceError` with a reason code (``bad_gzip``,
``not_xml``, ``not_feed``, ``not_sitemap``).
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urljoin

from lxml import etree

from etl.core.dates import parse_instant
from etl.core.errors import EtlError

FEED_DATES = ("pubdate", "date", "updated", "published", "modified")  # local names, newest wins


class SourceError(EtlError):
    """A source could not be read this run (bad document, missing feed); ``reason`` is the
    code recorded in the run's discover errors."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(f"{reason}: {detail}")
        self.reason = reason


@dataclass(frozen=True)
class Entry:
    """One URL listed by a source, with its date when the source gives one."""

    url: str
    date: datetime | None = None


def parse_feed(data: bytes, base_url: str = "") -> list[Entry]:
    """Entries of an RSS 2.0/1.0 or Atom feed: item link and its newest date.

    Input: the document's bytes and the URL relative links resolve against. Output: one
    Entry per item with a link. Raises SourceError when the document is not XML or not a feed.
    """
    root = _xml_root(data)
    items = [el for el in root.iter() if _local(el) in ("item", "entry")]
    if _local(root) not in ("rss", "rdf", "feed"):
        raise SourceError("not_feed", f"root element <{_local(root)}>")
    entries = []
    for item in items:
        link = _feed_link(item)
        if link:
            dates = [parse_instant(_text(item, name)) for name in FEED_DATES]
            entries.append(Entry(urljoin(base_url, link), _latest(*dates)))
    return entries


def parse_sitemap(data: bytes, base_url: str = "") -> tuple[str, list[Entry]]:
    """Read a sitemap: returns ``("index", child sitemaps)`` or ``("urlset", pages)``.

    Page dates are the newest of ``lastmod`` and ``news:publication_date``. Raises
    SourceError when the document is not a sitemap.
    """
    root = _xml_root(data)
    kind = _local(root)
    if kind not in ("sitemapindex", "urlset"):
        raise SourceError("not_sitemap", f"root element <{kind}>")
    entries = []
    for node in _children(root, "sitemap", "url"):
        loc = _text(node, "loc")
        if not loc:
            continue
        news = [parse_instant(_text(n, "publication_date")) for n in _children(node, "news")]
        entries.append(Entry(urljoin(base_url, loc), _latest(parse_instant(_text(node, "lastmod")), *news)))
    return ("index" if kind == "sitemapindex" else "urlset"), entries


def _xml_root(data: bytes):
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as exc:
            raise SourceError("bad_gzip", str(exc)) from exc
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise SourceError("not_xml", str(exc)) from exc
    if root is None:
        raise SourceError("not_xml", "empty or unreadable document")
    return root


def _local(el) -> str:
    tag = el.tag if isinstance(el.tag, str) else ""
    return tag.rsplit("}", 1)[-1].lower()


def _children(el, *names: str) -> list:
    return [c for c in el if _local(c) in names]


def _text(el, *names: str) -> str:
    for child in _children(el, *names):
        if child.text and child.text.strip():
            return child.text.strip()
    return ""


def _latest(*dates: datetime | None) -> datetime | None:
    known = [d for d in dates if d is not None]
    return max(known) if known else None


def _feed_link(item) -> str:
    for link in _children(item, "link"):
        href = link.get("href")
        if href and link.get("rel", "alternate") == "alternate":
            return href.strip()
        if not href and link.text and link.text.strip():
            return link.text.strip()
    for guid in _children(item, "guid"):
        if guid.get("isPermaLink", "true") == "true" and (guid.text or "").startswith("http"):
            return guid.text.strip()
    return ""
