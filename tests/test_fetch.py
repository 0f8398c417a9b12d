"""Fetching against real local HTTP servers: politeness, retries, limits, charsets, state."""

from __future__ import annotations

import asyncio
import socket
import time

import pytest

from etl.core.encoding import sniff_charset
from etl.core.errors import ConfigError, TransientError
from etl.core.records import FetchedPage, Rejection
from etl.core.settings import Settings
from etl.core.staging import run_dir, write_jsonl
from etl.fetch.archive import Archive
from etl.fetch.fetcher import ClientPool, Fetcher, fetch_all, retry_after_seconds
from etl.fetch.state import FetchState
from etl.pipeline import fetch_stage
from tests.httpserver import LocalServer, Reply

ARTICLE = """<!doctype html><html><head><meta charset="utf-8"><title>Rates</title></head>
<body><article><h1>Fed holds rates</h1><p>The Federal Reserve kept rates unchanged on Wednesday.</p>
</article></body></html>"""


@pytest.fixture
def settings(tmp_path):
    return Settings.from_env(staging_dir=str(tmp_path / "staging"), fetch_timeout=0.5, fetch_backoff=0.05,
                             fetch_retries=2, fetch_per_host_delay=0.0, fetch_max_bytes=50_000)


@pytest.fixture
def server():
    with LocalServer("127.0.0.1") as srv:
        srv.route("/robots.txt", Reply(200, b"User-agent: *\nDisallow: /private/\n", {"Content-Type": "text/plain"}))
        yield srv


def run(settings, urls, **kwargs) -> dict[str, FetchedPage | Rejection]:
    out = []
    fetch_all(({"url": u, "source": "test"} for u in urls), settings, out.append, **kwargs)
    assert len(out) == len(urls), "every URL must end as a page or a rejection"
    return {r.url: r for r in out}


def test_fetches_html_with_user_agent_and_charset(settings, server):
    server.route("/a", Reply.html(ARTICLE))
    page = run(settings, [server.url("/a")])[server.url("/a")]
    assert isinstance(page, FetchedPage)
    assert page.status == 200 and page.content == ARTICLE.encode() and page.encoding == "utf-8"
    assert page.source == "test" and page.content_type == "text/html"
    assert server.requests[-1][1]["User-Agent"] == settings.user_agent


def test_robots_disallow_and_unreachable(settings, server):
    server.route("/private/x", Reply.html(ARTICLE))
    result = run(settings, [server.url("/private/x")])[server.url("/private/x")]
    assert isinstance(result, Rejection) and result.reason == "robots_disallowed" and result.source == "test"
    assert server.hits("/private/x") == 0
    assert server.hits("/robots.txt") == 1
    with LocalServer("127.0.0.4") as down:
        down.route("/robots.txt", Reply(500))
        down.route("/a", Reply.html(ARTICLE))
        assert run(settings, [down.url("/a")])[down.url("/a")].reason == "robots_unreachable"
        assert down.hits("/a") == 0
    with LocalServer("127.0.0.5") as none:  # no robots.txt (404): everything allowed
        none.route("/a", Reply.html(ARTICLE))
        assert isinstance(run(settings, [none.url("/a")])[none.url("/a")], FetchedPage)


def test_robots_cached_per_host(settings, server):
    for i in range(5):
        server.route(f"/p{i}", Reply.html(ARTICLE))
    results = run(settings, [server.url(f"/p{i}") for i in range(5)])
    assert all(isinstance(r, FetchedPage) for r in results.values())
    assert server.hits("/robots.txt") == 1


def test_redirects_followed_with_a_limit(settings, server):
    server.route("/old", Reply(301, headers={"Location": "/new?utm_source=x"}))
    server.route("/new", Reply.html(ARTICLE))
    server.route("/loop", Reply(302, headers={"Location": "/loop2"}))
    server.route("/loop2", Reply(302, headers={"Location": "/loop"}))
    results = run(settings.replace(fetch_max_redirects=3), [server.url("/old"), server.url("/loop")])
    page = results[server.url("/old")]
    assert isinstance(page, FetchedPage) and page.final_url == server.url("/new")
    assert results[server.url("/loop")].reason == "too_many_redirects"
    assert server.hits("/loop") + server.hits("/loop2") == 4


def test_slow_response_times_out_after_retries(settings, server):
    server.route("/slow", Reply(200, b"late", {"Content-Type": "text/html"}, delay=1.0))
    result = run(settings.replace(fetch_retries=1), [server.url("/slow")])[server.url("/slow")]
    assert result.reason == "timeout"
    assert server.hits("/slow") == 2


def test_slow_drip_ends_at_the_deadline(settings, server):
    """One byte every 0.25 s never trips the 1 s read timeout; the 1.5 s deadline per request
    (connect + headers + body) ends both fetches, the dripped headers and the dripped body."""
    page = ARTICLE.encode()  # ~250 bytes: a minute of dripping
    server.route("/drip-body", Reply(200, page, {"Content-Type": "text/html"}, drip=0.25))
    server.route("/drip-head", Reply(200, page, {"Content-Type": "text/html"}, drip=0.25, drip_headers=True))
    quick = settings.replace(fetch_timeout=1.0, fetch_deadline=1.5, fetch_retries=2)
    with LocalServer("127.0.0.16") as other:  # its robots.txt drips: unreachable at the deadline
        other.route("/robots.txt", Reply(200, b"User-agent: *\nAllow: /\n" * 20, drip=0.25))
        start = time.monotonic()
        results = run(quick, [server.url("/drip-body"), server.url("/drip-head"), other.url("/a")])
        elapsed = time.monotonic() - start
    assert results.pop(other.url("/a")).reason == "robots_unreachable"
    assert {r.reason for r in results.values()} == {"timeout"}
    assert all("deadline of 1.5 s exceeded" in r.detail for r in results.values())
    assert 1.4 < elapsed < 4.0  # the deadline, not the drip (~60 s), nor the retries
    assert server.hits("/drip-body") == server.hits("/drip-head") == 1  # a deadline is not retried


def test_deadline_shorter_than_timeout_is_a_config_error(settings):
    with pytest.raises(ConfigError, match="NEWS_ETL_FETCH_DEADLINE"):
        run(settings.replace(fetch_timeout=10.0, fetch_deadline=5.0), [])


def test_429_honours_retry_after(settings, server):
    server.route("/busy", Reply(429, headers={"Retry-After": "1"}), Reply.html(ARTICLE))
    start = time.monotonic()
    page = run(settings, [server.url("/busy")])[server.url("/busy")]
    assert isinstance(page, FetchedPage)
    assert time.monotonic() - start >= 0.95
    assert server.hits("/busy") == 2


def test_retry_after_pauses_the_whole_host(settings, server):
    server.route("/busy", Reply(429, headers={"Retry-After": "1"}), Reply.html(ARTICLE))
    server.route("/other", Reply.html(ARTICLE))

    async def fetch_both() -> float:
        pool = ClientPool(settings)
        fetcher = Fetcher(pool, settings)
        start = time.monotonic()

        async def other_later() -> float:
            await asyncio.sleep(0.3)  # the host answered /busy with 429 by now
            assert isinstance(await fetcher.fetch({"url": server.url("/other")}), FetchedPage)
            return time.monotonic() - start

        try:
            return (await asyncio.gather(fetcher.fetch({"url": server.url("/busy")}), other_later()))[1]
        finally:
            fetcher.writer.shutdown(wait=True)
            await pool.aclose()

    assert asyncio.run(fetch_both()) >= 0.95  # /other waited for the pause, not only /busy's retry


def test_500_retried_with_backoff_then_rejected(settings, server):
    server.route("/err", Reply(500, b"oops"))
    server.route("/flaky", Reply(502), Reply(503), Reply.html(ARTICLE))
    results = run(settings, [server.url("/err"), server.url("/flaky")])
    assert results[server.url("/err")].reason == "http_500"
    assert server.hits("/err") == settings.fetch_retries + 1
    assert isinstance(results[server.url("/flaky")], FetchedPage)


def test_size_type_and_status_limits(settings, server):
    server.route("/big", Reply.html("<p>" + "x" * 60_000 + "</p>"))
    server.route("/pdf", Reply(200, b"%PDF-1.4", {"Content-Type": "application/pdf"}))
    server.route("/missing", Reply(404, b"no"))
    server.route("/untyped", Reply(200, b"<!DOCTYPE html><html><body><p>hi</p></body></html>"))
    server.route("/untyped-bin", Reply(200, b"\x89PNG\r\n\x1a\n\x00\x00"))
    server.route("/gzip-lie", Reply(200, b"<html>plain, not gzip</html>", {"Content-Type": "text/html",
                                                                            "Content-Encoding": "gzip"}))
    results = run(settings, [server.url(p) for p in ("/big", "/pdf", "/missing", "/untyped", "/untyped-bin",
                                                     "/gzip-lie")])
    assert results[server.url("/untyped")].content_type == "text/html"
    assert results[server.url("/untyped-bin")].reason == "not_html"
    assert results[server.url("/gzip-lie")].reason == "bad_encoding"
    assert results[server.url("/big")].reason == "too_large"
    assert results[server.url("/pdf")].reason == "not_html"
    assert results[server.url("/missing")].reason == "http_404"
    assert server.hits("/missing") == 1  # 4xx is not retried


def test_connection_refused(settings):
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    url = f"http://127.0.0.1:{port}/a"
    assert run(settings.replace(robots_enabled=False, fetch_retries=1), [url])[url].reason == "connection"


def test_wrong_charsets(settings, server):
    cp1252 = '<html><head><meta charset="windows-1252"></head><body><p>Café “Zürich” – naïve</p></body></html>'
    server.route("/lies-utf8", Reply(200, cp1252.encode("cp1252"), {"Content-Type": "text/html; charset=utf-8"}))
    server.route("/lies-latin1", Reply(200, ARTICLE.replace("rates", "Zürich €").encode("utf-8"),
                                       {"Content-Type": "text/html; charset=iso-8859-1"}))
    server.route("/nolabel", Reply(200, "<p>Grüße aus München, schöne Straße</p>".encode(),
                                   {"Content-Type": "text/html"}))
    results = run(settings, [server.url(p) for p in ("/lies-utf8", "/lies-latin1", "/nolabel")])
    assert results[server.url("/lies-utf8")].encoding == "windows-1252"
    assert results[server.url("/lies-latin1")].encoding == "utf-8"
    page = results[server.url("/nolabel")]
    assert page.content.decode(page.encoding) == "<p>Grüße aus München, schöne Straße</p>"


def test_sniff_charset_and_retry_after():
    assert sniff_charset(b"\xef\xbb\xbfabc", "latin-1") == "utf-8"
    assert sniff_charset(b"<meta charset='koi8-r'>", None) == "koi8-r"
    assert retry_after_seconds("7") == 7.0
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0
    assert retry_after_seconds("soon") is None


def test_per_host_delay_and_concurrency(settings, server):
    for i in range(6):
        server.route(f"/d{i}", Reply.html(ARTICLE))
    start = time.monotonic()
    run(settings.replace(fetch_per_host_delay=0.15), [server.url(f"/d{i}") for i in range(6)])
    assert time.monotonic() - start >= 5 * 0.15 - 0.02


def test_hosts_are_fetched_in_parallel(settings):
    with LocalServer("127.0.0.6") as a, LocalServer("127.0.0.7") as b:
        for srv in (a, b):
            for i in range(6):
                srv.route(f"/p{i}", Reply.html(ARTICLE))
        urls = [a.url(f"/p{i}") for i in range(6)] + [b.url(f"/p{i}") for i in range(6)]  # grouped by host
        start = time.monotonic()
        results = run(settings.replace(fetch_per_host_delay=0.3), urls)
        elapsed = time.monotonic() - start
    assert all(isinstance(r, FetchedPage) for r in results.values())
    assert 1.5 - 0.02 <= elapsed < 2.8  # 5 delays per host, both hosts at once (one after the other: >= 3.3)


def test_conditional_requests_and_unchanged_pages(settings, server):
    def etagged(headers):
        if headers.get("If-None-Match") == '"v1"':
            return Reply(304, headers={"ETag": '"v1"'})
        return Reply.html(ARTICLE, headers={"ETag": '"v1"', "Last-Modified": "Wed, 01 Jan 2025 00:00:00 GMT"})

    server.route("/etag", etagged)
    server.route("/plain", Reply.html(ARTICLE))  # no validators: compared by content hash
    urls = [server.url("/etag"), server.url("/plain")]
    with FetchState.open(settings) as state:
        first = run(settings, urls, state=state, run="r1", fetched_at="2025-01-01T10:00:00+00:00")
        assert all(isinstance(r, FetchedPage) for r in first.values())
        again = run(settings, urls, state=state, run="r1b")  # r1 not committed yet: fetched in full
        assert all(isinstance(r, FetchedPage) for r in again.values())
        assert state.commit("r1") == 2 and state.get(server.url("/etag")).etag == '"v1"'
        second = run(settings, urls, state=state, run="r2", fetched_at="2025-01-01T11:00:00+00:00")
    assert second[server.url("/etag")].reason == "not_modified"
    assert second[server.url("/etag")].detail == "304"
    assert second[server.url("/plain")].detail == "same content"
    conditional = [h for p, h in server.requests if p == "/etag" and "If-None-Match" in h]
    assert conditional and conditional[-1]["If-Modified-Since"] == "Wed, 01 Jan 2025 00:00:00 GMT"


def test_listed_lastmod_older_than_last_fetch_skips_request(settings, server):
    server.route("/a", Reply.html(ARTICLE))
    url = server.url("/a")
    with FetchState.open(settings) as state:
        run(settings, [url], state=state, run="r1", fetched_at="2025-01-01T10:00:00+00:00")
        state.commit("r1")
        out = []
        items = [{"url": url, "source": "s", "lastmod": "2025-01-01T09:00:00+00:00"}]
        fetch_all(items, settings, out.append, state=state, run="r2", fetched_at="2025-01-01T11:00:00+00:00")
    assert out[0].reason == "not_modified" and out[0].detail == "lastmod"
    assert server.hits("/a") == 1


def test_pages_are_archived(settings, server):
    server.route("/a", Reply.html(ARTICLE))
    archive = Archive.open(settings)
    run(settings, [server.url("/a")], archive=archive, fetched_at="2025-01-01T10:00:00+00:00")
    pages = list(archive.pages())
    assert [p.url for p in pages] == [server.url("/a")]
    assert pages[0].content == ARTICLE.encode() and pages[0].headers["content-type"].startswith("text/html")


def test_fetch_stage_raises_transient_error_when_the_network_is_down(settings):
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    path = run_dir(settings, "2025-01-01T10:00:00+00:00") / "discover.jsonl.gz"
    write_jsonl(path, [{"url": f"http://127.0.0.1:{port}/{i}", "source": "s"} for i in range(3)])
    with pytest.raises(TransientError, match="network outage"):
        fetch_stage(settings.replace(robots_enabled=False, fetch_retries=0), str(path), "2025-01-01T10:00:00+00:00")
