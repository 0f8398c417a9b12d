"""Discovery from URL lists, RSS/Atom feeds and sitemaps (index, news, gzipped), local and served."""

from __future__ import annotations

import gzip
import time
from datetime import datetime, timezone

import pytest
from hypothesis import given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from etl.core.dates import parse_instant
from etl.core.errors import ConfigError, EtlError, TransientError
from etl.core.settings import Settings
from etl.discover import SourceError, discover, interval_start, parse_feed, parse_sitemap
from tests.httpserver import LocalServer, Reply

LOGICAL = "2025-03-10T12:00:00+00:00"  # interval kept: from 10:00 (2 h window) on

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Wire</title>
<item><title>New</title><link>https://news.example.com/world/new?utm_source=rss</link>
  <pubDate>Mon, 10 Mar 2025 11:30:00 GMT</pubDate></item>
<item><title>Old</title><link>https://news.example.com/world/old</link>
  <pubDate>Sun, 09 Mar 2025 08:00:00 GMT</pubDate></item>
<item><title>Undated</title><link>https://news.example.com/world/undated</link></item>
<item><title>Video</title><link>https://news.example.com/video/clip</link>
  <dc:date>2025-03-10T11:00:00Z</dc:date></item>
<item><title>Relative</title><guid isPermaLink="true">https://news.example.com/world/guid</guid></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Blog</title>
<entry><title>A</title><link rel="alternate" href="/posts/a"/><link rel="edit" href="/edit/a"/>
  <updated>2025-03-10T11:59:00+01:00</updated></entry>
<entry><title>B</title><link href="https://blog.example.org/posts/b"/><published>2025-03-10T11:00:00Z</published></entry>
</feed>"""

URLSET = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://site.example.net/a</loc><lastmod>2025-03-10</lastmod></url>
<url><loc>https://site.example.net/b</loc><lastmod>2025-01-01T00:00:00Z</lastmod></url>
<url><loc>https://site.example.net/c</loc>
  <news:news><news:publication_date>2025-03-10T11:45:00Z</news:publication_date>
  <news:title>C</news:title></news:news></url>
<url><loc>https://site.example.net/d</loc></url>
</urlset>"""


def index_xml(children: list[tuple[str, str]]) -> str:
    body = "".join(f"<sitemap><loc>{loc}</loc><lastmod>{mod}</lastmod></sitemap>" for loc, mod in children)
    return f'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{body}</sitemapindex>'


@pytest.fixture
def settings(tmp_path):
    return Settings.from_env(staging_dir=str(tmp_path / "staging"), fetch_timeout=1.0, fetch_backoff=0.05,
                             fetch_retries=1)


def sources_file(tmp_path, body: str):
    path = tmp_path / "sources.yaml"
    path.write_text("sources:\n" + body)
    return str(path)


def test_parse_instants():
    assert parse_instant("Mon, 10 Mar 2025 11:30:00 GMT") == datetime(2025, 3, 10, 11, 30, tzinfo=timezone.utc)
    assert parse_instant("2025-03-10T12:30:00+01:00") == datetime(2025, 3, 10, 11, 30, tzinfo=timezone.utc)
    assert parse_instant("2025-03-10") == datetime(2025, 3, 10, 23, 59, 59, tzinfo=timezone.utc)  # the whole day
    assert parse_instant("yesterday") is None and parse_instant(None) is None


def test_parse_feeds_and_sitemaps():
    rss = parse_feed(RSS.encode())
    assert [e.url for e in rss][-1] == "https://news.example.com/world/guid"
    atom = parse_feed(ATOM.encode(), "https://blog.example.org/feed.atom")
    assert [e.url for e in atom] == ["https://blog.example.org/posts/a", "https://blog.example.org/posts/b"]
    assert atom[0].date == datetime(2025, 3, 10, 10, 59, tzinfo=timezone.utc)
    kind, pages = parse_sitemap(gzip.compress(URLSET.encode()))
    assert kind == "urlset" and len(pages) == 4
    assert pages[2].date == datetime(2025, 3, 10, 11, 45, tzinfo=timezone.utc) and pages[3].date is None


def test_local_feed_interval_and_patterns(tmp_path, settings):
    (tmp_path / "feed.xml").write_text(RSS)
    path = sources_file(tmp_path, "  - {name: wire, kind: rss, location: feed.xml, exclude: ['/video/']}\n")
    items = list(discover(settings, path, LOGICAL))
    assert [i["url"] for i in items] == ["https://news.example.com/world/new", "https://news.example.com/world/undated",
                                         "https://news.example.com/world/guid"]
    assert items[0] == {"url": "https://news.example.com/world/new", "source": "wire",
                        "lastmod": "2025-03-10T11:30:00+00:00"}
    assert len(list(discover(settings, path))) == 4  # no logical date: no interval filter


def test_served_sitemap_index_news_sitemap_and_atom(tmp_path, settings):
    with LocalServer("127.0.0.8") as srv:
        srv.route("/sitemap_index.xml", Reply(200, index_xml([(srv.url("/news.xml.gz"), "2025-03-10T11:50:00Z"),
                                                              (srv.url("/archive-2019.xml"), "2019-01-01")]).encode(),
                                              {"Content-Type": "application/xml"}))
        srv.route("/news.xml.gz", Reply(200, gzip.compress(URLSET.encode()), {"Content-Type": "application/gzip"}))
        srv.route("/atom", Reply(200, ATOM.encode(), {"Content-Type": "application/atom+xml"}))
        path = sources_file(tmp_path, f"""  - {{name: site, kind: sitemap, location: '{srv.url("/sitemap_index.xml")}'}}
  - {{name: blog, kind: atom, location: '{srv.url("/atom")}', max_articles: 1}}
""")
        items = list(discover(settings, path, LOGICAL))
        assert srv.hits("/archive-2019.xml") == 0  # child sitemap older than the interval is not read
    assert [(i["source"], i["url"]) for i in items] == [
        ("site", "https://site.example.net/a"), ("site", "https://site.example.net/c"),
        ("site", "https://site.example.net/d"), ("blog", f"http://127.0.0.8:{srv.port}/posts/a")]


def test_unreadable_sources_are_reported_not_fatal(tmp_path, settings):
    with LocalServer("127.0.0.9") as srv:
        srv.route("/feed", Reply(200, b"<html>not a feed</html>", {"Content-Type": "text/html"}))
        srv.route("/down", Reply(503))
        path = sources_file(tmp_path, f"""  - {{name: html, kind: rss, location: '{srv.url("/feed")}'}}
  - {{name: gone, kind: rss, location: '{srv.url("/missing")}'}}
  - {{name: down, kind: sitemap, location: '{srv.url("/down")}'}}
  - {{name: ok, kind: urls, urls: ['https://x.example/a']}}
""")
        errors: dict = {}
        items = list(discover(settings, path, LOGICAL, errors))
        assert srv.hits("/down") == 2  # retried
    assert [i["source"] for i in items] == ["ok"]
    assert errors == {"html": "not_feed", "gone": "http_404", "down": "transient"}
    assert issubclass(SourceError, EtlError) and SourceError("not_feed", "x").reason == "not_feed"


def test_all_remote_sources_down_is_transient(tmp_path, settings):
    with LocalServer("127.0.0.9") as srv:
        srv.route("/down", Reply(500))
        path = sources_file(tmp_path, f"  - {{name: down, kind: rss, location: '{srv.url('/down')}'}}\n")
        with pytest.raises(TransientError):
            list(discover(settings, path, LOGICAL))


def test_slow_drip_feed_ends_at_the_deadline(tmp_path, settings):
    with LocalServer("127.0.0.15") as srv:
        srv.route("/feed", Reply(200, RSS.encode(), {"Content-Type": "application/rss+xml"}, drip=0.1))
        path = sources_file(tmp_path, f"  - {{name: drip, kind: rss, location: '{srv.url('/feed')}'}}\n")
        errors: dict = {}
        start = time.monotonic()
        assert list(discover(settings.replace(fetch_deadline=1.0), path, LOGICAL, errors)) == []
        assert time.monotonic() - start < 3.0  # not the ~100 s the drip would take
    assert errors == {"drip": "timeout"}


def test_missing_local_file_is_a_config_error(tmp_path, settings):
    path = sources_file(tmp_path, "  - {name: a, kind: sitemap, location: nowhere.xml}\n")
    with pytest.raises(ConfigError, match="nowhere.xml"):
        list(discover(settings, path, LOGICAL))


def test_interval_start(settings):
    assert interval_start(settings, LOGICAL) == datetime(2025, 3, 10, 10, tzinfo=timezone.utc)
    assert interval_start(settings, None) is None


def test_nested_sitemap_index_and_broken_child(tmp_path, settings):
    with LocalServer("127.0.0.14") as srv:
        xml = {"Content-Type": "application/xml"}
        srv.route("/root.xml", Reply(200, index_xml([(srv.url("/sub-index.xml"), "2025-03-10"),
                                                     (srv.url("/broken.xml"), "2025-03-10")]).encode(), xml))
        srv.route("/sub-index.xml", Reply(200, index_xml([(srv.url("/pages.xml"), "2025-03-10")]).encode(), xml))
        srv.route("/pages.xml", Reply(200, URLSET.encode(), xml))
        srv.route("/broken.xml", Reply(200, b"<html>oops</html>", {"Content-Type": "text/html"}))
        path = sources_file(tmp_path, f"  - {{name: site, kind: sitemap, location: '{srv.url('/root.xml')}'}}\n")
        errors: dict = {}
        items = list(discover(settings, path, LOGICAL, errors))
    assert [i["url"] for i in items] == ["https://site.example.net/a", "https://site.example.net/c",
                                         "https://site.example.net/d"]
    assert errors == {}


@hyp_settings(max_examples=150, deadline=None)
@given(st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_parsers_fail_only_with_source_error(data):
    for parse in (parse_feed, parse_sitemap):
        try:
            parse(data)
        except SourceError:
            pass
