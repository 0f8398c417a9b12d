"""robots.txt: fetched once per host and run, cached, asked before every page request.

Follows RFC 9309: a 2xx answer is parsed; a 4xx answer (no robots.txt) allows
everything; a 5xx answer or an unreachable server disallows the host for this run.
The user agent is ``settings.user_agent`` (its product token is matched against the
groups of the file).
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from etl.core.settings import Settings

log = logging.getLogger(__name__)
MAX_ROBOTS_BYTES = 500_000


@dataclass(frozen=True)
class Rules:
    """The robots rules of one host: a parser, or allow/deny everything."""

    parser: RobotFileParser | None = None
    allow_all: bool = False
    unreachable: bool = False
    delays: tuple[tuple[str, float], ...] = ()  # (agent, Crawl-delay) per group; fractions allowed

    def allows(self, agent: str, url: str) -> bool:
        """True when ``agent`` may fetch ``url``."""
        if self.unreachable:
            return False
        if self.allow_all or self.parser is None:
            return True
        return self.parser.can_fetch(agent, url)

    def crawl_delay(self, agent: str) -> float:
        """The host's Crawl-delay for ``agent`` in seconds (0 when none)."""
        token = agent.split("/")[0].lower()
        named = [d for name, d in self.delays if name != "*" and name in token]
        default = [d for name, d in self.delays if name == "*"]
        return (named or default or [0.0])[0]


def parse_robots(text: str) -> Rules:
    """Rules from the text of a robots.txt file."""
    parser = RobotFileParser()
    parser.parse(text.splitlines())
    return Rules(parser=parser, delays=tuple(_crawl_delays(text)))


def _crawl_delays(text: str) -> list[tuple[str, float]]:
    """(agent, delay) for every group with a Crawl-delay (urllib's parser takes whole seconds only)."""
    delays: list[tuple[str, float]] = []
    agents: list[str] = []
    in_rules = False
    for raw in text.splitlines():
        key, _, value = raw.split("#", 1)[0].partition(":")
        key, value = key.strip().lower(), value.strip()
        if key == "user-agent":
            if in_rules:
                agents, in_rules = [], False
            agents.append(value.lower())
        elif key in ("allow", "disallow", "crawl-delay"):
            in_rules = True
            if key == "crawl-delay":
                try:
                    delays += [(a, max(0.0, float(value))) for a in agents]
                except ValueError:
                    pass
    return delays


def agent_token(user_agent: str) -> str:
    """Product token of a user agent string: ``news-etl/0.1 (+...)`` -> ``news-etl``."""
    return user_agent.split("/", 1)[0].split(" ", 1)[0] or "*"


class RobotsCache:
    """Per-host robots rules, each fetched at most once (concurrent askers wait for it).

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
        """Rules for the scheme+host of ``url``; never raises."""
        if not self.enabled:
            return Rules(allow_all=True)
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}".lower()
        if origin in self._rules:
            return self._rules[origin]
        lock = self._locks.setdefault(origin, asyncio.Lock())
        async with lock:
            if origin not in self._rules:
                self._rules[origin] = await self._load(origin)
        return self._rules[origin]

    async def check(self, url: str) -> str:
        """``"allowed"``, ``"disallowed"`` or ``"unreachable"`` for ``url``."""
        rules = await self.rules(url)
        if rules.unreachable:
            return "unreachable"
        return "allowed" if rules.allows(self.agent, url) else "disallowed"

    async def crawl_delay(self, url: str) -> float:
        """Crawl-delay of the host of ``url`` for our agent, capped by settings."""
        rules = await self.rules(url)
        return min(rules.crawl_delay(self.agent), self.settings.fetch_max_crawl_delay)

    async def _load(self, origin: str) -> Rules:
        try:
            client = self.client.for_url(origin) if hasattr(self.client, "for_url") else self.client
            resp = await client.get(origin + "/robots.txt", follow_redirects=True)
        except httpx.HTTPError as exc:
            log.warning("robots: %s unreachable: %s", origin, exc)
            return Rules(unreachable=True)
        if resp.status_code >= 500 or resp.status_code == 429:
            return Rules(unreachable=True)
        if resp.status_code >= 400:
            return Rules(allow_all=True)
        return parse_robots(resp.content[:MAX_ROBOTS_BYTES].decode("utf-8", "replace"))
