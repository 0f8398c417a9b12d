"""Discovery: turn the sources file into the run's candidate article URLs.

``urls`` sources list their URLs; ``rss``/``atom`` feeds and sitemaps (URL sets, sitemap
indexes, news sitemaps; plain or gzipped; URL or local file) are read and their entries
kept when they fall in the run's interval: an entry dated before
``logical_date - settings.discover_window`` is skipped, an entry without a date is kept
(the fetch state then prevents fetching it again when unchanged).
"""

from __future__ import annotations

import gzip
import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urljoin

from etl.core.errors import ConfigError, TransientError
from etl.core.settings import Settings
from etl.core.urls import normalize_url
from etl.discover.sources import Source, load_sources

log = logging.getLogger(__name__)
MAX_DOCUMENT_BYTES = 50_000_000  # sitemaps may be up to 50 MB uncompressed


class SourceError(Exception):
    """A source could not be read this run (bad document, missing feed); has a reason code."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(f"{reason}: {detail}")
        self.reason = reason


@dataclass(frozen=True)
class Entry:
    """One URL listed by a source, with its date when the source gives one."""

    url: str
    date: datetime | None = None


def parse_date(text: str | None) -> datetime | None:
    """Parse an RFC 822 or ISO 8601 / W3C date into an aware UTC datetime; None if unreadable.

    A date without a time (``2025-03-10``) stands for the whole day: its last second is
    returned, so neither the interval filter nor the fetch state drops a page of that day.
    """
    text = (text or "").strip()
    if not text:
        return None
    if len(text) == 10 and text[4] == "-" and text[7] == "-":
        text += "T23:59:59+00:00"
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            value = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc)


def _xml_root(data: bytes):
    from lxml import etree

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


def _children(el, *names: str):
    return [c for c in el if _local(c) in names]


def _text(el, *names: str) -> str:
    for child in _children(el, *names):
        if child.text and child.text.strip():
            return child.text.strip()
    return ""


def _latest(*dates: datetime | None) -> datetime | None:
    known = [d for d in dates if d is not None]
    return max(known) if known else None


def parse_feed(data: bytes, base_url: str = "") -> list[Entry]:
    """Entries of an RSS 2.0/1.0 or Atom feed: item link and its newest date.

    Raises SourceError when the document is not XML or not a feed.
    """
    root = _xml_root(data)
    items = [el for el in root.iter() if _local(el) in ("item", "entry")]
    if _local(root) not in ("rss", "rdf", "feed"):
        raise SourceError("not_feed", f"root element <{_local(root)}>")
    entries = []
    for item in items:
        link = _feed_link(item)
        if link:
            dates = [parse_date(_text(item, n)) for n in ("pubdate", "date", "updated", "published", "modified")]
            entries.append(Entry(urljoin(base_url, link), _latest(*dates)))
    return entries


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
        news = [parse_date(_text(n, "publication_date")) for n in _children(node, "news")]
        entries.append(Entry(urljoin(base_url, loc), _latest(parse_date(_text(node, "lastmod")), *news)))
    return ("index" if kind == "sitemapindex" else "urlset"), entries


def read_location(location: str, settings: Settings, client=None) -> bytes:
    """Bytes of a local file or an http(s) URL (retries transient faults).

    Raises ConfigError for a missing local file, TransientError when the server stays
    unreachable or keeps answering 429/5xx, SourceError for another HTTP error.
    """
    if not location.startswith(("http://", "https://")):
        try:
            return Path(location).read_bytes()
        except OSError as exc:
            raise ConfigError(f"cannot read source file {location}: {exc.strerror}") from exc
    import httpx

    for attempt in range(settings.fetch_retries + 1):
        try:
            return _http_get(client, location, settings)
        except (httpx.TransportError, TransientError) as exc:
            if attempt == settings.fetch_retries:
                raise TransientError(f"{location}: {exc}") from exc
            time.sleep(min(settings.fetch_backoff * 2**attempt, settings.fetch_max_backoff))
    raise AssertionError("unreachable")


def _http_get(client, url: str, settings: Settings) -> bytes:
    with client.stream("GET", url) as resp:
        if resp.status_code == 429 or resp.status_code >= 500:
            raise TransientError(f"HTTP {resp.status_code}")
        if resp.status_code >= 400:
            raise SourceError(f"http_{resp.status_code}", url)
        body = bytearray()
        for chunk in resp.iter_bytes():
            body += chunk
            if len(body) > MAX_DOCUMENT_BYTES:
                raise SourceError("too_large", url)
        return bytes(body)


def candidates(source: Source, settings: Settings, client=None, since: datetime | None = None) -> Iterator[Entry]:
    """Yield the entries a source lists (before interval, pattern and duplicate filters).

    ``client`` is an ``httpx.Client`` (needed for remote locations); child sitemaps of an
    index dated before ``since`` are not read.

    Raises SourceError / TransientError / ConfigError as :func:`read_location` does.
    """
    if source.kind == "urls":
        yield from (Entry(u) for u in source.urls)
    elif source.kind in ("rss", "atom"):
        yield from parse_feed(read_location(source.location, settings, client), source.location)
    else:
        yield from _sitemap_entries(source.location, settings, client, since)


def _sitemap_entries(location: str, settings: Settings, client, since: datetime | None = None,
                     depth: int = 0) -> Iterator[Entry]:
    """Pages of a sitemap; an index's children (up to ``discover_max_sitemaps``, two levels
    deep) are read unless dated before ``since``. A child that cannot be read is logged and
    skipped; the top-level document failing raises."""
    kind, entries = parse_sitemap(read_location(location, settings, client), location)
    if kind == "urlset":
        yield from entries
        return
    if depth >= 2:
        log.warning("discover: sitemap index %s nested too deep, skipped", location)
        return
    for child in entries[: settings.discover_max_sitemaps]:
        if child.date is not None and since is not None and child.date < since:
            continue
        try:
            yield from _sitemap_entries(child.url, settings, client, since, depth + 1)
        except (SourceError, TransientError) as exc:
            log.warning("discover: child sitemap %s skipped: %s", child.url, exc)


def interval_start(settings: Settings, logical_date: str | datetime | None) -> datetime | None:
    """Oldest entry date kept for the run at ``logical_date`` (None: keep everything)."""
    if logical_date is None:
        return None
    when = parse_date(logical_date) if isinstance(logical_date, str) else logical_date
    if when is None:
        raise ConfigError(f"not an ISO 8601 logical date: {logical_date!r}")
    return when.astimezone(timezone.utc) - timedelta(seconds=settings.discover_window)


def discover(settings: Settings, sources_file: str | None = None, logical_date: str | None = None,
             errors: dict | None = None) -> Iterator[dict]:
    """Yield ``{"url", "source", "lastmod"}`` once per normalised URL across all sources.

    Applies the run interval (see module doc), each source's include/exclude patterns and
    ``max_articles``. A source that cannot be read is recorded in ``errors`` (source name
    -> reason) and skipped. Raises ConfigError for an invalid sources file and
    TransientError when every remote source failed with a transient fault.
    """
    import httpx

    since = interval_start(settings, logical_date)
    errors = {} if errors is None else errors
    seen: set[str] = set()
    sources = load_sources(sources_file or settings.sources_file)
    timeout = httpx.Timeout(settings.fetch_timeout, connect=min(10.0, settings.fetch_timeout))
    with httpx.Client(timeout=timeout, headers={"User-Agent": settings.user_agent}, follow_redirects=True,
                      max_redirects=settings.fetch_max_redirects) as client:
        for source in sources:
            yield from _discover_source(source, settings, client, since, seen, errors)
    transient = [s for s in sources if errors.get(s.name) == "transient"]
    if transient and len(transient) == len([s for s in sources if s.is_remote]):
        raise TransientError(f"every remote source failed: {sorted(errors)}")


def _discover_source(source: Source, settings: Settings, client, since, seen: set, errors: dict) -> Iterator[dict]:
    taken = 0
    try:
        for entry in candidates(source, settings, client, since):
            if since is not None and entry.date is not None and entry.date < since:
                continue
            norm = normalize_url(entry.url)
            if norm in seen or not norm.startswith("http") or not source.accepts(norm):
                continue
            if source.max_articles and taken >= source.max_articles:
                break
            seen.add(norm)
            taken += 1
            yield {"url": norm, "source": source.name, "lastmod": entry.date.isoformat() if entry.date else None}
    except (SourceError, TransientError) as exc:
        errors[source.name] = exc.reason if isinstance(exc, SourceError) else "transient"
        log.warning("discover: source %s failed: %s", source.name, exc)
