"""Discovery: turn the sources file into the run's candidate article URLs.

``urls`` sources list their URLs; ``rss``/``atom`` feeds and sitemaps (URL sets, sitemap
indexes, news sitemaps; plain or gzipped; URL or local file) are read
(:func:`read_location`), parsed (:mod:`etl.discover.feeds`) and their entries kept when
they fall in the run's interval: an entry dated before
``logical_date - settings.discover_window`` is skipped, an entry without a date is kept
(the fetch state then prevents fetching it again when unchanged).

Remote documents are read with the fetcher's rules (:func:`discover_client`): only
public addresses, checked on every connection and redirect hop (``blocked_address``,
:mod:`etl.fetch.netguard`), robots.txt asked for every request and hop
(``robots_disallowed``; an unreachable robots.txt is a transient fault), and a
``fetch_deadline`` on the body.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import httpx

from etl.core.dates import parse_instant
from etl.core.errors import ConfigError, TransientError
from etl.core.retry import Backoff, retry
from etl.core.settings import Settings
from etl.core.urls import normalize_url
from etl.discover.feeds import Entry, SourceError, parse_feed, parse_sitemap
from etl.discover.site import site_entries
from etl.discover.sources import Source, load_sources
from etl.fetch.netguard import AddressGuard, BlockedAddress, SyncGuardedTransport
from etl.fetch.robots import ROBOTS_REQUEST, SyncRobots

log = logging.getLogger(__name__)
MAX_DOCUMENT_BYTES = 50_000_000  # sitemaps may be up to 50 MB uncompressed
_TRANSIENT = (httpx.TransportError, TransientError)


def read_location(location: str, settings: Settings, client: httpx.Client | None = None) -> bytes:
    """Bytes of a local file or an http(s) URL (``client`` needed for a URL).

    Transient faults (connection errors, 429, 5xx, robots.txt unreachable) are retried
    with the fetch backoff (``fetch_retries``, ``fetch_backoff``, ``fetch_max_backoff``).
    Raises ConfigError for a missing local file, TransientError when the server stays
    unreachable or keeps answering 429/5xx, SourceError for another HTTP error, a document
    over ``MAX_DOCUMENT_BYTES`` or ``fetch_deadline`` (``too_large``, ``timeout``), a refused
    address (``blocked_address``), a robots.txt disallow with :func:`discover_client`
    (``robots_disallowed``) or a URL httpx cannot parse (``bad_url``).
    """
    if not location.startswith(("http://", "https://")):
        try:
            return Path(location).read_bytes()
        except OSError as exc:
            raise ConfigError(f"cannot read source file {location}: {exc.strerror}") from exc
    if client is None:
        raise ValueError(f"reading {location} needs an httpx.Client")
    policy = Backoff(settings.fetch_retries, settings.fetch_backoff, settings.fetch_max_backoff)
    try:
        return retry(lambda: _http_get(client, location, settings.fetch_deadline), policy, _TRANSIENT,
                     what=f"discover {location}")
    except _TRANSIENT as exc:
        raise TransientError(f"{location}: {exc}") from exc
    except BlockedAddress as exc:
        raise SourceError("blocked_address", f"{location}: {exc}") from exc
    except httpx.InvalidURL as exc:
        raise SourceError("bad_url", f"{location}: {exc}") from exc


def _http_get(client: httpx.Client, url: str, deadline: float) -> bytes:
    """The body of ``url``; the deadline is checked between chunks (so it may be overrun by
    one read timeout)."""
    until = time.monotonic() + deadline
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
            if time.monotonic() > until:
                raise SourceError("timeout", f"{url}: deadline of {deadline:g} s exceeded")
        return bytes(body)


def discover_client(settings: Settings) -> httpx.Client:
    """The ``httpx.Client`` discovery reads remote documents with: guarded connections
    (:mod:`etl.fetch.netguard`), redirects up to ``fetch_max_redirects``, and, with
    ``robots_enabled``, robots.txt asked before every request and redirect hop.

    Raises ConfigError for a bad ``fetch_allowed_networks``. Close it after use.
    """
    timeout = httpx.Timeout(settings.fetch_timeout, connect=min(10.0, settings.fetch_timeout))
    client = httpx.Client(transport=SyncGuardedTransport(AddressGuard.from_settings(settings)), timeout=timeout,
                          headers={"User-Agent": settings.user_agent}, follow_redirects=True,
                          max_redirects=settings.fetch_max_redirects, trust_env=False)
    if settings.robots_enabled:
        client.event_hooks = {"request": [_robots_hook(SyncRobots(client, settings))]}
    return client


def _robots_hook(robots: SyncRobots) -> Callable[[httpx.Request], None]:
    """Request hook raising SourceError (disallowed) or TransientError (robots.txt
    unreachable) before a request robots.txt does not allow; the robots.txt requests
    themselves pass."""

    def enforce(request: httpx.Request) -> None:
        if request.extensions.get(ROBOTS_REQUEST):
            return
        url = str(request.url)
        verdict = robots.check(url)
        if verdict == "disallowed":
            raise SourceError("robots_disallowed", url)
        if verdict == "unreachable":
            raise TransientError(f"robots.txt of {url} unreachable")

    return enforce


def source_entries(source: Source, settings: Settings, client: httpx.Client | None = None,
                   since: datetime | None = None) -> Iterator[Entry]:
    """Yield the entries a source lists (before interval, pattern and duplicate filters).

    ``client`` is needed for remote locations; child sitemaps of an index dated before
    ``since`` are not read; a ``site`` page gives its feeds' entries and its article
    links (:mod:`etl.discover.site`).

    Raises SourceError / TransientError / ConfigError as :func:`read_location` does.
    """
    if source.kind == "urls":
        yield from (Entry(u) for u in source.urls)
    elif source.kind in ("rss", "atom"):
        yield from parse_feed(read_location(source.location, settings, client), source.location)
    elif source.kind == "site":
        yield from site_entries(source.location, lambda url: read_location(url, settings, client), since,
                                settings.discover_max_site_feeds)
    else:
        yield from _sitemap_entries(source.location, settings, client, since)


def _sitemap_entries(location: str, settings: Settings, client: httpx.Client | None, since: datetime | None = None,
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
    """Oldest entry date kept for the run at ``logical_date`` (None: keep everything).

    Raises ConfigError when ``logical_date`` is a string that is not an ISO 8601 date.
    """
    if logical_date is None:
        return None
    when = parse_instant(logical_date) if isinstance(logical_date, str) else logical_date
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
    since = interval_start(settings, logical_date)
    errors = {} if errors is None else errors
    seen: set[str] = set()
    sources = load_sources(sources_file or settings.sources_file)
    with discover_client(settings) as client:
        for source in sources:
            yield from _discover_source(source, settings, client, since, seen, errors)
    transient = [s for s in sources if errors.get(s.name) == "transient"]
    if transient and len(transient) == len([s for s in sources if s.is_remote]):
        raise TransientError(f"every remote source failed: {sorted(errors)}")


def _discover_source(source: Source, settings: Settings, client: httpx.Client, since: datetime | None,
                     seen: set[str], errors: dict) -> Iterator[dict]:
    taken = 0
    try:
        for entry in source_entries(source, settings, client, since):
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
