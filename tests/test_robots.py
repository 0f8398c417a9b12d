"""robots.txt per RFC 9309 (Protego): rules, agent matching, Crawl-delay, answers, the per-host cache
over HTTP, and robots for pages, feeds and sitemaps."""

from __future__ import annotations

import asyncio
import time

import httpx

from etl.core.settings import Settings
from etl.discover import discover
from etl.fetch.fetcher import fetch_all
from etl.fetch.robots import RobotsCache, agent_token, parse_robots, rules_for_answer
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


# RFC 9309, section 5.1 ("Simple Example") and 5.2 ("Longest Match"), verbatim.
RFC_SIMPLE = """User-Agent: *
Disallow: *.gif$
Disallow: /example/
Allow: /publications/

User-Agent: foobot
Disallow:/
Allow:/example/page.html
Allow:/example/allowed.gif

User-Agent: barbot
User-Agent: bazbot
Disallow: /example/page.html

User-Agent: quxbot
"""
RFC_LONGEST = """User-Agent: foobot
Allow: /example/page/
Disallow: /example/page/disallowed.gif
"""
# The cases of issue 15 (first-match parsers get them wrong).
SITE = """User-agent: *
Disallow: /*?print=
Disallow: /private$
Disallow: /news/
Allow: /news/*.html
Allow: /news/public/
"""


def allowed(text: str, agent: str, paths: list[str]) -> dict[str, bool]:
    rules = parse_robots(text)
    return {p: rules.allows(agent, "https://example.com" + p) for p in paths}


def test_rfc9309_simple_example():
    paths = ["/publications/a", "/publications/a.gif", "/example/", "/example/page.html", "/example/allowed.gif",
             "/a.gif", "/a.gif?x", "/a.gifs", "/other"]
    assert allowed(RFC_SIMPLE, "otherbot", paths) == {  # no group of its own: the '*' group
        "/publications/a": True, "/publications/a.gif": True, "/example/": False, "/example/page.html": False,
        "/example/allowed.gif": False, "/a.gif": False, "/a.gif?x": True, "/a.gifs": True, "/other": True}
    assert allowed(RFC_SIMPLE, "foobot", paths) == {
        "/publications/a": False, "/publications/a.gif": False, "/example/": False, "/example/page.html": True,
        "/example/allowed.gif": True, "/a.gif": False, "/a.gif?x": False, "/a.gifs": False, "/other": False}
    for agent in ("barbot", "bazbot"):  # one group for two agents
        assert allowed(RFC_SIMPLE, agent, paths) == {**dict.fromkeys(paths, True), "/example/page.html": False}
    assert allowed(RFC_SIMPLE, "quxbot", paths) == dict.fromkeys(paths, True)  # empty group: no rules
    assert allowed(RFC_SIMPLE, "FooBot", ["/other"]) == {"/other": False}  # agent names are case-insensitive


def test_rfc9309_longest_match_special_characters_and_encoding():
    assert allowed(RFC_LONGEST, "foobot", ["/example/page/disallowed.gif", "/example/page/other.gif"]) == {
        "/example/page/disallowed.gif": False, "/example/page/other.gif": True}
    special = "User-agent: *\nDisallow: /\nAllow: /this/path/exactly$ # comment in line\n# own line\nAllow: /this/*/also\n"
    assert allowed(special, "news-etl", ["/this/path/exactly", "/this/path/exactly/not", "/this/a/b/also/x",
                                          "/this/also", "/robots.txt"]) == {
        "/this/path/exactly": True, "/this/path/exactly/not": False, "/this/a/b/also/x": True,
        "/this/also": False, "/robots.txt": True}  # /robots.txt is implicitly allowed
    encoded = "User-agent: *\nDisallow: /foo/bar/ツ\nDisallow: /enc/%E3%83%84\nDisallow: /foo/bar/%62%61%7A\n"
    assert allowed(encoded, "news-etl", ["/foo/bar/%E3%83%84", "/foo/bar/ツ", "/enc/ツ", "/foo/bar/%62%61%7A",
                                          "/foo/bar/other"]) == {
        "/foo/bar/%E3%83%84": False, "/foo/bar/ツ": False, "/enc/ツ": False, "/foo/bar/%62%61%7A": False,
        "/foo/bar/other": True}


def test_wildcards_end_anchor_longest_match_and_allow_on_ties():
    paths = ["/story?print=1", "/story?id=2&print=1", "/story?id=2", "/private", "/private/page", "/privately",
             "/news/", "/news/a.html", "/news/a.htm", "/news/2025/b.html", "/news/public/x", "/news/other", "/"]
    assert allowed(SITE, "news-etl", paths) == {
        "/story?print=1": False, "/story?id=2&print=1": True, "/story?id=2": True, "/private": False,
        "/private/page": True, "/privately": True, "/news/": False, "/news/a.html": True, "/news/a.htm": False,
        "/news/2025/b.html": True, "/news/public/x": True, "/news/other": False, "/": True}
    tie = "User-agent: *\nDisallow: /page\nAllow: /page\nDisallow: /*.php\nAllow: /a.php\n"
    assert allowed(tie, "news-etl", ["/page", "/a.php", "/b.php"]) == {"/page": True, "/a.php": True, "/b.php": False}
    merged = "User-agent: news-etl\nDisallow: /a/\n\nUser-agent: *\nDisallow: /\n\nUser-agent: NEWS-ETL\nDisallow: /b/\n"
    assert allowed(merged, "news-etl", ["/a/x", "/b/x", "/c"]) == {"/a/x": False, "/b/x": False, "/c": True}


def test_fetcher_follows_rfc9309_rules_over_http(tmp_path):
    settings = Settings.from_env(staging_dir=str(tmp_path), fetch_retries=0)
    paths = ["/story?print=1", "/story?id=2", "/private", "/private/page", "/news/a.html", "/news/other",
             "/news/public/x"]
    with LocalServer("127.0.0.36") as srv:
        srv.route("/robots.txt", Reply(200, SITE.encode(), {"Content-Type": "text/plain"}))
        for path in paths:
            srv.route(path, Reply.html(f"<html><body><p>{path}</p></body></html>"))
        out: list = []
        fetch_all([{"url": srv.url(p), "source": "t"} for p in paths], settings, out.append)
        served = {path for path, _ in srv.requests}
    verdicts = {r.url.split(str(srv.port), 1)[1]: getattr(r, "reason", "fetched") for r in out}
    assert verdicts == {"/story?print=1": "robots_disallowed", "/story?id=2": "fetched", "/private": "robots_disallowed",
                        "/private/page": "fetched", "/news/a.html": "fetched", "/news/other": "robots_disallowed",
                        "/news/public/x": "fetched"}
    assert served == {"/robots.txt"} | {p for p, v in verdicts.items() if v == "fetched"}


def test_answers_per_rfc9309():
    assert rules_for_answer(200, b"User-agent: *\nDisallow: /\n").verdict("news-etl", "http://h/a") == "disallowed"
    for status in (401, 403, 404, 410):  # unavailable: everything allowed
        assert rules_for_answer(status, b"User-agent: *\nDisallow: /\n").verdict("news-etl", "http://h/a") == "allowed"
    for status in (429, 500, 503):  # unreachable: everything disallowed
        assert rules_for_answer(status, b"").verdict("news-etl", "http://h/a") == "unreachable"
    big = b"#" * 400_000 + b"\nUser-agent: *\nDisallow: /late\n"  # parsed up to 500 KiB
    assert rules_for_answer(200, big).verdict("news-etl", "http://h/late") == "disallowed"


def test_robots_applies_to_feeds_and_sitemaps(tmp_path):
    rss = b"<rss><channel><item><link>https://news.example.com/a</link></item></channel></rss>"
    xml = {"Content-Type": "application/xml"}
    settings = Settings.from_env(staging_dir=str(tmp_path), fetch_retries=1, fetch_backoff=0.05)
    with LocalServer("127.0.0.37") as srv, LocalServer("127.0.0.38") as down:
        srv.route("/robots.txt", Reply(200, b"User-agent: *\nDisallow: /private/\nDisallow: /*.xml$\n"
                                            b"Allow: /sitemaps/open.xml$\n", {"Content-Type": "text/plain"}))
        srv.route("/private/feed", Reply(200, rss, xml))
        srv.route("/moved", Reply(301, headers={"Location": srv.url("/private/feed")}))  # a disallowed hop
        srv.route("/feed", Reply(200, rss, xml))
        srv.route("/sitemaps/open.xml", Reply(200, (
            '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f'<sitemap><loc>{srv.url("/sitemaps/closed.xml")}</loc></sitemap></sitemapindex>').encode(), xml))
        srv.route("/sitemaps/closed.xml", Reply(200, b"<urlset/>", xml))
        down.route("/robots.txt", Reply(503))
        down.route("/feed", Reply(200, rss, xml))
        path = tmp_path / "sources.yaml"
        path.write_text(f"""sources:
  - {{name: private, kind: rss, location: '{srv.url("/private/feed")}'}}
  - {{name: moved, kind: rss, location: '{srv.url("/moved")}'}}
  - {{name: index, kind: sitemap, location: '{srv.url("/sitemaps/open.xml")}'}}
  - {{name: robots-down, kind: rss, location: '{down.url("/feed")}'}}
  - {{name: open, kind: rss, location: '{srv.url("/feed")}'}}
""")
        errors: dict = {}
        items = list(discover(settings, str(path), None, errors))
        assert srv.hits("/private/feed") == 0 and srv.hits("/sitemaps/closed.xml") == 0 and down.hits("/feed") == 0
        assert srv.hits("/robots.txt") == 1 and down.hits("/robots.txt") == 2  # unreachable: asked again on retry
    assert errors == {"private": "robots_disallowed", "moved": "robots_disallowed", "robots-down": "transient"}
    assert [i["source"] for i in items] == ["open"]  # the index's only child is disallowed: skipped
