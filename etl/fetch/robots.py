"""robots.txt per RFC 9309: fetched once per origin and run, cached, asked before every request.

Parsing and matching are Protego's (Scrapy's RFC 9309 parser): ``*`` and ``$`` in paths,
the longest matching rule wins, ``allow`` wins over an equally long ``disallow``, groups
naming the same agent are merged, percent-encoding is normalised, ``/robots.txt`` itself
is always allowed. Our product token (``news-etl`` of ``settings.user_agent``) picks the
group (case-insensitively; the most specific name found in it, else ``*``); Crawl-delay
(fractions allowed) is read from that group.

Answers (RFC 9309 2.3.1): 2xx is parsed (the first 500 KiB, 2.5); 4xx other than 429
allows everything; 429, 5xx, an unreachable server, a request over ``fetch_deadline`` or a
redirect to a refused address (:mod:`etl.fetch.netguard`) disallows the origin
("unreachable"). A refused address of the origin itself propagates as
:class:`BlockedAddress` (the page would be refused anyway, and is counted so).
:class:`RobotsCache` serves the async fetcher, :class:`SyncRobots` discovery (feeds and
sitemaps); the async cache keeps an unreachable verdict for the run, the sync one asks
again next time (discovery retries transient faults).
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx
from protego import Protego

from etl.core.settings import Settings
from etl.fetch.netguard import BlockedAddress

log = logging.getLogger(__name__)
MAX_ROBOTS_BYTES = 512_000  # RFC 9309 2.5: parse at least 500 KiB
ROBOTS_REQUEST = "news_etl_robots"  # request extension marking a robots.txt fetch (and its redirect hops)


@dataclass(frozen=True)
class Rules:
    """The robots rules of one origin: a parsed file, or allow/deny everything."""

    parser: Protego | None = None
    allow_all: bool = False
    unreachable: bool = False

    def allows(self, agent: str, url: str) -> bool:
        """True when ``agent`` (a product token) may fetch ``url``."""
        if self.unreachable:
            return False
        if self.allow_all or self.parser is None:
            return True
        return self.parser.can_fetch(url, agent)

    def crawl_delay(self, agent: str) -> float:
        """The origin's Crawl-delay for ``agent`` in seconds (0 when none)."""
        return (self.parser.crawl_delay(agent) or 0.0) if self.parser is not None else 0.0

    def verdict(self, agent: str, url: str) -> str:
        """``"allowed"``, ``"disallowed"`` or ``"unreachable"`` for ``url``."""
        if self.unreachable:
            return "unreachable"
        return "allowed" if self.allows(agent, url) else "disallowed"


def parse_robots(text: str) -> Rules:
    """Rules from the text of a robots.txt file."""
    return Rules(parser=Protego.parse(text))


def rules_for_answer(status: int, body: bytes) -> Rules:
    """Rules from the answer to ``GET /robots.txt`` (RFC 9309 2.3.1, see the module doc)."""
    if status >= 500 or status == 429:
        return Rules(unreachable=True)
    if status >= 400:
        return Rules(allow_all=True)
    return parse_robots(body[:MAX_ROBOTS_BYTES].decode("utf-8", "replace"))


def agent_token(user_agent: str) -> str:
    """Product token of a user agent string: ``news-etl/0.1 (+...)`` -> ``news-etl``."""
    return user_agent.split("/", 1)[0].split(" ", 1)[0] or "*"


def origin_of(url: str) -> str:
    """``scheme://host[:port]`` of ``url``, lower-cased: the unit robots.txt applies to."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def _failed(origin: str, exc: Exception) -> Rules:
    """Rules after the robots.txt request of ``origin`` failed: unreachable; a refused
    address of the origin itself is re-raised."""
    if isinstance(exc, BlockedAddress) and exc.host == httpx.URL(origin).raw_host.decode("ascii"):
        raise exc
    log.warning("robots: %s unreachable: %s %s", origin, type(exc).__name__, exc)
    return Rules(unreachable=True)


class RobotsCache:
    """Per-origin robots rules for the async fetcher, each fetched at most once per run
    (concurrent askers wait for it).

    ``client`` is an ``httpx.AsyncClient`` or a pool with ``for_url(url) -> AsyncClient``;
    with ``enabled=False`` everything is allowed.
    """

    def __init__(self, client, settings: Settings, enabled: bool = True):
        self.client = client
        self.settings = settings
        self.enabled = enabled
        self.agent = agent_token(settings.user_agent)
        self._rules: dict[str, Rules] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    async def rules(self, url: str) -> Rules:
        """Rules for the origin of ``url``. Raises only BlockedAddress (see the module doc)."""
        if not self.enabled:
            return Rules(allow_all=True)
        origin = origin_of(url)
        if origin in self._rules:
            return self._rules[origin]
        async with self._locks.setdefault(origin, asyncio.Lock()):
            if origin not in self._rules:
                self._rules[origin] = await self._load(origin)
        return self._rules[origin]

    async def check(self, url: str) -> str:
        """``"allowed"``, ``"disallowed"`` or ``"unreachable"`` for ``url``."""
        return (await self.rules(url)).verdict(self.agent, url)

    async def crawl_delay(self, url: str) -> float:
        """Crawl-delay of the origin of ``url`` for our agent, capped by settings."""
        rules = await self.rules(url)
        return min(rules.crawl_delay(self.agent), self.settings.fetch_max_crawl_delay)

    async def _load(self, origin: str) -> Rules:
        client = self.client.for_url(origin) if hasattr(self.client, "for_url") else self.client
        try:
            status, body = await asyncio.wait_for(self._get(client, origin + "/robots.txt"),
                                                  self.settings.fetch_deadline)
        except (httpx.HTTPError, asyncio.TimeoutError, BlockedAddress) as exc:
            return _failed(origin, exc)
        return rules_for_answer(status, body)

    @staticmethod
    async def _get(client: httpx.AsyncClient, url: str) -> tuple[int, bytes]:
        async with client.stream("GET", url, follow_redirects=True) as resp:
            body = bytearray()
            async for chunk in resp.aiter_bytes():
                body += chunk
                if len(body) >= MAX_ROBOTS_BYTES:
                    break
            return resp.status_code, bytes(body)


class SyncRobots:
    """Per-origin robots rules for discovery's synchronous ``httpx.Client`` (feeds, sitemaps).

    An unreachable verdict is not kept: the next request asks again (discovery retries).
    """

    def __init__(self, client: httpx.Client, settings: Settings):
        self.client = client
        self.settings = settings
        self.agent = agent_token(settings.user_agent)
        self._rules: dict[str, Rules] = {}

    def check(self, url: str) -> str:
        """``"allowed"``, ``"disallowed"`` or ``"unreachable"`` for ``url``; raises only
        BlockedAddress (see the module doc)."""
        origin = origin_of(url)
        rules = self._rules.get(origin) or self._load(origin)
        if not rules.unreachable:
            self._rules[origin] = rules
        return rules.verdict(self.agent, url)

    def _load(self, origin: str) -> Rules:
        try:
            status, body = self._get(origin + "/robots.txt")
        except (httpx.HTTPError, BlockedAddress) as exc:
            return _failed(origin, exc)
        return rules_for_answer(status, body)

    def _get(self, url: str) -> tuple[int, bytes]:
        until = time.monotonic() + self.settings.fetch_deadline
        with self.client.stream("GET", url, follow_redirects=True, extensions={ROBOTS_REQUEST: True}) as resp:
            body = bytearray()
            for chunk in resp.iter_bytes():
                body += chunk
                if len(body) >= MAX_ROBOTS_BYTES:
                    break
                if time.monotonic() > until:
                    raise httpx.ReadTimeout(f"deadline of {self.settings.fetch_deadline:g} s exceeded")
            return resp.status_code, bytes(body)
