"""Polite, fast fetching of article pages: async HTTP with global and per-host limits.

- a global concurrency limit (``fetch_concurrency``) and, per host, a concurrency limit
  (``fetch_per_host_concurrency``) and a minimum delay between request starts
  (``max(fetch_per_host_delay, robots Crawl-delay)``);
- robots.txt honoured (:mod:`etl.fetch.robots`, RFC 9309);
- only public addresses reached, checked after DNS resolution on every connection, so on
  every redirect hop (:mod:`etl.fetch.netguard`; ``fetch_allowed_networks`` opens exceptions);
- a total deadline per request, connect + headers + body (``fetch_deadline``; a
  slow-drip server cannot hold a fetch slot longer), beside the per-read ``fetch_timeout``;
- retries (:mod:`etl.core.retry`, exponential backoff) on timeouts, connection errors,
  429 and 5xx, honouring ``Retry-After`` (which also pauses the whole host); a request
  over its deadline is not retried;
- redirects followed by hand (each hop checked against robots and the host limits) up
  to ``fetch_max_redirects``;
- content-type (HTML only) and size (``fetch_max_bytes``) limits; charset from the
  header, the ``<meta>`` or detection;
- conditional requests (ETag / Last-Modified) against the committed fetch state; a 304,
  an identical body or a listed ``lastmod`` older than the last fetch is ``not_modified``.

Every URL ends as a :class:`FetchedPage` or a :class:`Rejection` (stage ``fetch``) with a
reason: ``not_modified``, ``robots_disallowed``, ``robots_unreachable``, ``blocked_address``,
``timeout``, ``connection``, ``http_<status>``, ``not_html``, ``too_large``,
``too_many_redirects``, ``bad_redirect``, ``bad_url``, ``bad_encoding``, ``http_error``.
Discovered URLs are buffered per host (at most ``fetch_queue_size``) and results handed to
a callback as they arrive, so memory stays bounded.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime

import httpx

from etl.core.dates import parse_instant
from etl.core.encoding import sniff_charset
from etl.core.errors import ConfigError
from etl.core.records import FetchedPage, Rejection
from etl.core.retry import Backoff, aretry
from etl.core.settings import Settings
from etl.core.urls import host_of, normalize_url
from etl.fetch.archive import Archive, raw_sha256
from etl.fetch.netguard import AddressGuard, BlockedAddress, GuardedTransport
from etl.fetch.robots import RobotsCache
from etl.fetch.state import FetchState, StateEntry

log = logging.getLogger(__name__)
HTML_TYPES = ("text/html", "application/xhtml+xml")
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUS = frozenset({301, 302, 303, 307, 308})


class _Retry(Exception):
    """A transient failure of one attempt: reason code and the server's Retry-After (s)."""

    def __init__(self, reason: str, retry_after: float | None = None, detail: str = ""):
        super().__init__(detail or reason)
        self.reason = reason
        self.retry_after = retry_after


@dataclass
class _Redirect:
    location: str


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or HTTP date); None if absent/bad."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


@dataclass
class HostGate:
    """Per-host politeness: a concurrency limit and a minimum delay between request starts."""

    concurrency: int
    delay: float
    sem: asyncio.Semaphore = field(init=False)
    lock: asyncio.Lock = field(init=False)
    next_ok: float = 0.0

    def __post_init__(self):
        self.sem = asyncio.Semaphore(max(1, self.concurrency))
        self.lock = asyncio.Lock()

    async def turn(self) -> None:
        """Wait until this host may receive the next request, and book that slot.

        Slots are booked on a fixed grid (``previous slot + delay``), so the event loop's
        wake-up latency does not add up: a host gets at most one request per ``delay`` on
        average, and no burst after a pause.
        """
        loop = asyncio.get_running_loop()
        async with self.lock:
            start = max(loop.time(), self.next_ok)
            self.next_ok = start + self.delay
            if start > loop.time():
                await asyncio.sleep(start - loop.time())

    def pause(self, seconds: float) -> None:
        """Send nothing to this host for ``seconds`` (after a 429/503 with Retry-After)."""
        self.next_ok = max(self.next_ok, asyncio.get_running_loop().time() + seconds)


class Fetcher:
    """Fetches one item at a time under the shared limits; see the module docstring.

    ``clients`` is a :class:`ClientPool`; ``state``/``archive`` are optional (no
    conditional requests / no archiving without them); ``run`` is the run key under
    which fetched pages are recorded as pending in the state.
    """

    def __init__(self, clients: ClientPool, settings: Settings, *, state: FetchState | None = None,
                 archive: Archive | None = None, run: str = "", fetched_at: str = ""):
        if settings.fetch_deadline < settings.fetch_timeout:
            raise ConfigError(f"NEWS_ETL_FETCH_DEADLINE ({settings.fetch_deadline:g} s) must be at least "
                              f"NEWS_ETL_FETCH_TIMEOUT ({settings.fetch_timeout:g} s)")
        self.clients, self.settings = clients, settings
        self.state, self.archive, self.run, self.fetched_at = state, archive, run, fetched_at
        self.robots = RobotsCache(clients, settings, enabled=settings.robots_enabled)
        self.global_sem = asyncio.Semaphore(max(1, settings.fetch_concurrency))
        self.gates: dict[str, HostGate] = {}
        self.writer = ThreadPoolExecutor(max_workers=2, thread_name_prefix="archive")
        self.backoff = Backoff(settings.fetch_retries, settings.fetch_backoff, settings.fetch_max_backoff)

    async def gate(self, url: str) -> HostGate:
        """The politeness gate of the host of ``url`` (created with its Crawl-delay)."""
        host = host_of(url)
        if host not in self.gates:
            delay = max(self.settings.fetch_per_host_delay, await self.robots.crawl_delay(url))
            self.gates.setdefault(host, HostGate(self.settings.fetch_per_host_concurrency, delay))
        return self.gates[host]

    async def fetch(self, item: dict) -> FetchedPage | Rejection:
        """Fetch one discovered ``{"url", "source", "lastmod"?}`` item; never raises for a bad page."""
        url, source = item["url"], item.get("source", "")
        known = self.state.get(url) if self.state is not None else None
        if known is not None and self.fetched_at and known.fetched_at == self.fetched_at:
            known = None  # a rerun of the run that fetched it: fetch again, emit again (idempotent)
        if known and _listed_unchanged(item.get("lastmod"), known.fetched_at):
            return Rejection(url, "fetch", "not_modified", "lastmod", source=source)
        outcome = await self._follow(url, _conditional_headers(known))
        if isinstance(outcome, Rejection):
            return Rejection(url, "fetch", outcome.reason, outcome.detail, source=source)
        page = self._page(item, outcome)
        sha = raw_sha256(page.content)
        if self.archive is not None:  # file writes off the event loop
            await asyncio.get_running_loop().run_in_executor(self.writer, self.archive.put, page, sha)
        return self._keep(page, sha, known, outcome[0])

    async def _follow(self, url: str, headers: dict) -> tuple | Rejection:
        """Robots, then the request, for ``url`` and each redirect hop; a refused address
        (of the hop or its robots.txt) ends it as ``blocked_address``."""
        current = url
        try:
            for _ in range(self.settings.fetch_max_redirects + 1):
                verdict = await self.robots.check(current)
                if verdict != "allowed":
                    return Rejection(current, "fetch", f"robots_{verdict}", current)
                outcome = await self._with_retries(current, headers)
                if not isinstance(outcome, _Redirect):
                    return outcome
                current = outcome.location
        except BlockedAddress as exc:
            return Rejection(current, "fetch", "blocked_address", f"{current}: {exc}"[:300])
        except httpx.InvalidURL as exc:  # e.g. a host httpx refuses to parse (0177.0.0.1)
            return Rejection(current, "fetch", "bad_url", f"{current}: {exc}"[:300])
        return Rejection(url, "fetch", "too_many_redirects", current)

    async def _with_retries(self, url: str, headers: dict):
        """One request under the host's gate and the global limit, retried on :class:`_Retry`
        faults with the fetch backoff; a Retry-After pauses the whole host. The last
        failure becomes a Rejection with its reason."""
        gate = await self.gate(url)

        async def attempt():
            async with gate.sem:
                await gate.turn()
                async with self.global_sem:
                    return await self._request(url, headers)

        def pause_host(exc: BaseException, wait: float) -> None:
            if getattr(exc, "retry_after", None) is not None:
                gate.pause(wait)

        try:
            return await aretry(attempt, self.backoff, (_Retry,), what=f"fetch {url}", on_retry=pause_host)
        except _Retry as exc:
            return Rejection(url, "fetch", exc.reason, str(exc)[:300])

    async def _request(self, url: str, headers: dict):
        """One exchange within ``fetch_deadline``; over it, a ``timeout`` Rejection (not retried)."""
        deadline = self.settings.fetch_deadline
        try:
            return await asyncio.wait_for(self._exchange(url, headers), deadline)
        except asyncio.TimeoutError:
            return Rejection(url, "fetch", "timeout", f"deadline of {deadline:g} s exceeded")

    async def _exchange(self, url: str, headers: dict):
        try:
            async with self.clients.for_url(url).stream("GET", url, headers=headers) as resp:
                return await self._read(url, resp)
        except httpx.DecodingError as exc:  # e.g. Content-Encoding: gzip on a body that is not gzip
            return Rejection(url, "fetch", "bad_encoding", str(exc)[:300])
        except httpx.TimeoutException as exc:
            raise _Retry("timeout", detail=f"{type(exc).__name__} {exc}") from exc
        except httpx.TransportError as exc:
            raise _Retry("connection", detail=f"{type(exc).__name__} {exc}") from exc
        except httpx.HTTPError as exc:  # any other protocol-level fault of this one page
            return Rejection(url, "fetch", "http_error", f"{type(exc).__name__} {exc}"[:300])

    async def _read(self, url: str, resp):
        status = resp.status_code
        if status in RETRY_STATUS:
            raise _Retry(f"http_{status}", retry_after_seconds(resp.headers.get("retry-after")))
        if status in REDIRECT_STATUS:
            location = resp.headers.get("location", "")
            target = normalize_url(str(resp.url.join(location))) if location else ""
            return _Redirect(target) if target.startswith("http") else Rejection(url, "fetch", "bad_redirect")
        if status == 304:
            return Rejection(url, "fetch", "not_modified", "304")
        if status >= 300 or status < 200:
            return Rejection(url, "fetch", f"http_{status}")
        ctype = resp.headers.get("content-type", "").split(";")[0].strip().lower()
        if ctype and ctype not in HTML_TYPES:
            return Rejection(url, "fetch", "not_html", ctype)
        body = await self._body(url, resp)
        if not ctype and not isinstance(body, Rejection):  # no content type: sniff the markup
            if not re.search(rb"<(!doctype html|html|head|body)[\s>]", body[:2048].lower()):
                return Rejection(url, "fetch", "not_html", "no content-type, no HTML markup")
            ctype = "text/html"
        return body if isinstance(body, Rejection) else (resp, ctype, body)

    async def _body(self, url: str, resp) -> bytes | Rejection:
        limit = self.settings.fetch_max_bytes
        length = resp.headers.get("content-length", "")
        if length.isdigit() and int(length) > limit:
            return Rejection(url, "fetch", "too_large", f"content-length {length} > {limit}")
        body = bytearray()
        async for chunk in resp.aiter_bytes():
            body += chunk
            if len(body) > limit:
                return Rejection(url, "fetch", "too_large", f"> {limit} bytes")
        return bytes(body)

    def _page(self, item: dict, outcome: tuple) -> FetchedPage:
        resp, ctype, body = outcome
        return FetchedPage(url=item["url"], final_url=normalize_url(str(resp.url)), status=resp.status_code,
                           content=body, content_type=ctype, encoding=sniff_charset(body, resp.charset_encoding),
                           headers=dict(resp.headers), fetched_at=self.fetched_at, source=item.get("source", ""))

    def _keep(self, page: FetchedPage, sha: str, known: StateEntry | None, resp) -> FetchedPage | Rejection:
        """Record the fetch as pending; a body identical to the committed one is ``not_modified``."""
        url, source = page.url, page.source
        if self.state is not None:
            self.state.record(self.run, StateEntry(
                url=url, source=source, fetched_at=self.fetched_at, etag=resp.headers.get("etag", ""),
                last_modified=resp.headers.get("last-modified", ""), content_hash=sha,
                status=str(resp.status_code), final_url=page.final_url))
        if known is not None and known.content_hash == sha:
            return Rejection(url, "fetch", "not_modified", "same content", source=source)
        return page


def _conditional_headers(known: StateEntry | None) -> dict:
    headers = {}
    if known is not None and known.etag:
        headers["If-None-Match"] = known.etag
    if known is not None and known.last_modified:
        headers["If-Modified-Since"] = known.last_modified
    return headers


def _listed_unchanged(lastmod: str | None, fetched_at: str) -> bool:
    """True when the source dates the URL before our last committed fetch of it."""
    listed, fetched = parse_instant(lastmod), parse_instant(fetched_at)
    return listed is not None and fetched is not None and listed <= fetched


class ClientPool:
    """One ``httpx.AsyncClient`` per host (httpx scans its whole pool on every request, so
    a single client for many hosts gets slower as hosts are added). Every connection
    passes ``guard`` (default: the one of ``settings``; ConfigError for a bad
    ``fetch_allowed_networks``); environment proxies are not used."""

    def __init__(self, settings: Settings, guard: AddressGuard | None = None):
        self.guard = AddressGuard.from_settings(settings) if guard is None else guard
        self.timeout = httpx.Timeout(settings.fetch_timeout, connect=min(10.0, settings.fetch_timeout))
        self.limits = httpx.Limits(max_connections=settings.fetch_per_host_concurrency + 2,
                                   max_keepalive_connections=settings.fetch_per_host_concurrency + 2,
                                   keepalive_expiry=30.0)
        self.headers = {"User-Agent": settings.user_agent}
        self.clients: dict[str, httpx.AsyncClient] = {}

    def for_url(self, url: str) -> httpx.AsyncClient:
        """The client of the host of ``url`` (created on first use)."""
        host = host_of(url)
        if host not in self.clients:
            self.clients[host] = httpx.AsyncClient(
                transport=GuardedTransport(self.guard, self.limits), timeout=self.timeout, headers=self.headers,
                follow_redirects=False, trust_env=False)
        return self.clients[host]

    async def aclose(self) -> None:
        """Close every client."""
        await asyncio.gather(*(c.aclose() for c in self.clients.values()))


async def fetch_async(items: Iterable[dict], settings: Settings, sink: Callable, **fetcher_args) -> None:
    """Fetch every item, calling ``sink(result)`` for each page or rejection as it arrives.

    Items are buffered per host (at most ``settings.fetch_queue_size``) so that every
    host is kept busy whatever the order of ``items``.
    """
    pool = ClientPool(settings)
    fetcher = Fetcher(pool, settings, **fetcher_args)
    try:
        await _Scheduler(fetcher, settings, sink).run(items)
    finally:
        fetcher.writer.shutdown(wait=True)
        await pool.aclose()


class _Scheduler:
    """Per-host queues drained by up to ``fetch_per_host_concurrency`` workers per host."""

    def __init__(self, fetcher: Fetcher, settings: Settings, sink: Callable):
        self.fetcher, self.sink = fetcher, sink
        self.per_host = max(1, settings.fetch_per_host_concurrency)
        self.room = asyncio.Semaphore(max(1, settings.fetch_queue_size))
        self.queues: dict[str, deque] = {}
        self.workers: dict[str, int] = {}
        self.tasks: set[asyncio.Task] = set()

    async def run(self, items: Iterable[dict]) -> None:
        for item in items:
            await self.room.acquire()
            host = host_of(item["url"])
            self.queues.setdefault(host, deque()).append(item)
            if self.workers.get(host, 0) < min(self.per_host, len(self.queues[host])):
                self.workers[host] = self.workers.get(host, 0) + 1
                task = asyncio.create_task(self._work(host))
                self.tasks.add(task)
                task.add_done_callback(self.tasks.discard)
        while self.tasks:
            await asyncio.gather(*list(self.tasks))

    async def _work(self, host: str) -> None:
        queue = self.queues[host]
        while queue:
            item = queue.popleft()
            try:
                self.sink(await self.fetcher.fetch(item))
            finally:
                self.room.release()
        self.workers[host] -= 1


def fetch_all(items: Iterable[dict], settings: Settings, sink: Callable, *, fetched_at: str = "",
              state: FetchState | None = None, archive: Archive | None = None, run: str = "") -> None:
    """Synchronous entry point of :func:`fetch_async` (runs its own event loop).

    Input: ``{"url", "source", "lastmod"?}`` dicts; ``sink`` receives each FetchedPage or
    Rejection. Output: None. Errors: only unexpected bugs propagate; page-level faults
    become Rejections.
    """
    asyncio.run(fetch_async(items, settings, sink, state=state, archive=archive, run=run, fetched_at=fetched_at))
