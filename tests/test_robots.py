"""robots.txt rules, agent matching, Crawl-delay, and the per-host cache over HTTP."""

from __future__ import annotations

import asyncio
import time

import httpx

from etl.core.settings import Settings
from etl.fetch.fetcher import fetch_all
from etl.fetch.robots import RobotsCache, agent_token, parse_robots
from tests.httpserver import LocalServer, Reply

ROBOTS = """
User-agent: news-etl
Disallow: /drafts/
Crawl-delay: 0.3

User-agent: *
Disallow: /
"""


def test_rules_for_our_agent_and_others():
    rules = parse_robots(ROBOTS)
    assert rules.allows("news-etl", "http://h/world/a")
    assert not rules.allows("news-etl", "http://h/drafts/a")
    assert not rules.allows("otherbot", "http://h/world/a")
    assert rules.crawl_delay("news-etl") == 0.3
    assert agent_token("news-etl/0.1 (+https://x)") == "news-etl"


def test_cache_fetches_once_per_host_and_status_rules(tmp_path):
    settings = Settings.from_env(staging_dir=str(tmp_path))

    async def go(srv):
        async with httpx.AsyncClient() as client:
            cache = RobotsCache(client, settings)
            verdicts = await asyncio.gather(*(cache.check(srv.url(f"/drafts/{i}")) for i in range(5)))
            return verdicts, await cache.check(srv.url("/ok")), await cache.crawl_delay(srv.url("/"))

    with LocalServer("127.0.0.10") as srv:
        srv.route("/robots.txt", Reply(200, ROBOTS.encode(), {"Content-Type": "text/plain"}))
        verdicts, ok, delay = asyncio.run(go(srv))
        assert verdicts == ["disallowed"] * 5 and ok == "allowed" and delay == 0.3
        assert srv.hits("/robots.txt") == 1
    with LocalServer("127.0.0.10") as srv:
        srv.route("/robots.txt", Reply(403))  # 4xx: no rules
        assert asyncio.run(go(srv))[1] == "allowed"
    with LocalServer("127.0.0.10") as srv:
        srv.route("/robots.txt", Reply(503))  # 5xx: unreachable, disallow all
        assert asyncio.run(go(srv))[1] == "unreachable"


def test_custom_user_agent_and_crawl_delay_are_honoured(tmp_path):
    settings = Settings.from_env(staging_dir=str(tmp_path), user_agent="otherbot/2.0", fetch_per_host_delay=0.0)
    with LocalServer("127.0.0.11") as srv:
        srv.route("/robots.txt", Reply(200, ROBOTS.encode(), {"Content-Type": "text/plain"}))
        srv.route("/world/a", Reply.html("<p>a</p>"))
        out = []
        fetch_all([{"url": srv.url("/world/a")}], settings, out.append)
        assert out[0].reason == "robots_disallowed"
        ours = settings.replace(user_agent="news-etl/9")
        for i in range(3):
            srv.route(f"/world/{i}", Reply.html("<p>a</p>"))
        start = time.monotonic()
        fetch_all([{"url": srv.url(f"/world/{i}")} for i in range(3)], ours, out.append)
        assert time.monotonic() - start >= 2 * 0.3 - 0.02  # Crawl-delay beats a smaller per-host delay
        assert srv.requests[-1][1]["User-Agent"] == "news-etl/9"
