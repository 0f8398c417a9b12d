"""Sources of kind ``site``: feeds and article links found on a home page (etl.discover.site).

A real local site: a home page with navigation, utility and tag links, article teasers,
an RSS feed and an Atom feed declared in ``<head>`` (the Atom one behind robots.txt),
and article pages (the bundled sample pages) served over HTTP.
"""

from __future__ import annotations

import json

import pytest

from etl.core.errors import ConfigError
from etl.core.settings import Settings
from etl.core.shards import shard_inputs
from etl.core.staging import read_jsonl
from etl.dev.samples import PAGES_DIR
from etl.discover.site import article_like, article_links, feed_links, parse_page, path_date, same_site
from etl.discover.sources import load_sources
from etl.pipeline import discover_stage, run_once
from tests.httpserver import LocalServer, Reply

LOGICAL = "2024-05-01T10:00:00+00:00"  # interval: dated entries from 08:00 on

HOME = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>The Daily Ledger - News</title>
<link rel="stylesheet" href="/static/site.css">
<link rel="alternate" type="application/rss+xml" title="Top stories" href="/feed.xml">
<link rel="alternate" type="application/atom+xml" title="Members" href="/members/feed.atom">
<link rel="alternate" hreflang="de" href="/de/">
<link rel="icon" href="/favicon.ico"></head>
<body>
<header><a href="/" class="logo">The Daily Ledger</a>
<nav><ul><li><a href="/world/">World</a></li><li><a href="/business/">Business</a></li>
<li><a href="/science">Science</a></li><li><a href="/world/middle-east-and-africa">Middle East &amp; Africa</a></li>
<li><a href="/tag/apec">APEC</a></li><li><a href="/topics/climate-change-and-energy-policy">Climate</a></li></ul></nav>
<a href="/login?next=%2F">Sign in</a> <a href="/search?q=">Search</a> <a href="javascript:void(0)">Menu</a></header>
<main>
<article class="lead-story"><h2><a href="/world/2024/05/01/leaders-meet-at-apec-summit-in-da-nang.html">Leaders meet
at APEC summit in Da Nang</a></h2>
<a href="/world/2024/05/01/leaders-meet-at-apec-summit-in-da-nang.html#comments">12 comments</a>
<p>By <a href="/author/jane-doe">Jane Doe</a></p></article>
<ul class="teasers">
<li><a href="/business/fed-holds-rates-steady-as-inflation-cools-2024-05-01">Fed holds rates steady</a></li>
<li><a href="/science/rover-finds-traces-of-ancient-lake-on-mars?utm_source=home">Rover finds a lake bed</a></li>
<li><a href="/world/europe-47110235">Climate summit opens</a></li>
<li><a href="/world/2024/03/02/archive-story-from-early-march-summit.html">From the archive</a></li>
<li><a href="/private/editors-notes-on-the-coverage-plan">Editors' notes</a></li>
<li><a href="/video/2024/05/01/watch-the-summit-opening-ceremony-live">Video: the opening</a></li>
<li><a href="http://other.example/world/2024/05/01/someone-elses-story-about-the-summit">Elsewhere</a></li>
<li><a href="/2024/05/01/">All of today's stories</a> <a href="/world/page/2">More world news</a></li>
</ul></main>
<footer><a href="/about-us">About us</a> <a href="/privacy-policy">Privacy</a>
<a href="/newsletters/daily-briefing-sign-up-today">Newsletter</a> <a href="mailto:desk@example.org">Contact</a>
<a href="/static/ledger-annual-report-2023.pdf">Annual report</a></footer>
</body></html>"""

FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Top stories</title>
<item><title>Rust or Go</title><link>{base}/tech/rust-or-go-a-year-of-running-both-in-production</link>
  <pubDate>Wed, 01 May 2024 09:30:00 GMT</pubDate></item>
<item><title>Old</title><link>{base}/world/older-feed-story-about-the-elections</link>
  <pubDate>Sat, 20 Apr 2024 09:30:00 GMT</pubDate></item>
</channel></rss>"""

ARTICLES = {  # path on the site -> sample page served there
    "/tech/rust-or-go-a-year-of-running-both-in-production": "tech/blog-rust-vs-go.html",
    "/world/2024/05/01/leaders-meet-at-apec-summit-in-da-nang.html": "world/putin-trump-apec.html",
    "/business/fed-holds-rates-steady-as-inflation-cools-2024-05-01": "business/ap-fed-rates.html",
    "/science/rover-finds-traces-of-ancient-lake-on-mars": "science/jsonld-mars-rover.html",
    "/world/europe-47110235": "world/afp-climate-summit.html",
}
EXPECTED = [*ARTICLES, "/private/editors-notes-on-the-coverage-plan"]  # feed entry first, then page order
ROBOTS = b"User-agent: *\nDisallow: /private/\nDisallow: /members/\n"


def _site(srv: LocalServer, robots: bytes = ROBOTS) -> None:
    html = {"Content-Type": "text/html; charset=utf-8"}
    srv.route("/robots.txt", Reply(200, robots, {"Content-Type": "text/plain"}))
    srv.route("/", Reply(200, HOME.encode(), html))
    srv.route("/feed.xml", Reply(200, FEED.format(base=srv.url("")).encode(), {"Content-Type": "application/rss+xml"}))
    for path, page in ARTICLES.items():
        srv.route(path, Reply(200, (PAGES_DIR / page).read_bytes(), html))


def _sources(tmp_path, srv: LocalServer, extra: str = "") -> str:
    path = tmp_path / "sources.yaml"
    path.write_text(f"sources:\n  - name: ledger\n    kind: site\n    location: {srv.url('/')}\n"
                    f"    exclude: ['/video/']\n{extra}")
    return str(path)


@pytest.fixture
def settings(tmp_path):
    return Settings.from_env({}, staging_dir=str(tmp_path / "staging"), fetch_allowed_networks="127.0.0.0/8",
                             fetch_timeout=2.0, fetch_retries=1, fetch_backoff=0.05)


def _discovered(settings, sources: str) -> tuple[list[dict], dict]:
    summary = discover_stage(settings, LOGICAL, sources)
    return [row for shard in shard_inputs(summary) for row in read_jsonl(shard)], summary.extra["errors"]


# ----------------------------------------------------------------------------- the rule


@pytest.mark.parametrize("url", [
    "https://www.theguardian.com/world/2017/nov/09/putin-trump-apec-vietnam",
    "https://www.bbc.com/news/world-asia-41925484",
    "https://edition.cnn.com/2017/11/09/politics/trump-putin-apec/index.html",
    "https://www.nytimes.com/2017/11/09/world/asia/trump-putin-apec.html",
    "https://www.spiegel.de/politik/ausland/wladimir-putin-und-donald-trump-treffen-sich-a-1177380.html",
    "https://www.lemonde.fr/international/article/2017/11/09/titre_5212345_3210.html",
    "https://apnews.com/article/putin-trump-apec-summit-4d4b9b4c0b6a4cfe8a1a2b7b8a3c1f2e",
    "https://blog.example.org/prospects-for-a-putin-trump-meeting-remain-unclear",
])
def test_article_urls_of_many_shapes_look_like_articles(url):
    assert article_like(url)


@pytest.mark.parametrize("url", [
    "https://www.bbc.com/news/world-asia", "https://example.org/world/", "https://example.org/",
    "https://example.org/news/science-and-technology", "https://example.org/tag/putin",
    "https://example.org/topics/vladimir-putin-and-the-kremlin", "https://example.org/author/jane-doe",
    "https://example.org/login?next=/world", "https://example.org/world/page/2", "https://example.org/2017/11/09/",
    "https://example.org/2017/11/", "https://example.org/images/putin-trump-meeting-at-the-apec-summit.jpg",
    "https://example.org/about-us", "https://example.org/search/putin-trump-meeting-at-apec",
])
def test_listing_utility_and_file_urls_do_not(url):
    assert not article_like(url)


def test_dates_in_paths_and_same_site():
    assert path_date("/world/2017/nov/09/x") == path_date("/x/2017-11-09/y") == path_date("/a-20171109-b")
    assert str(path_date("/2017/02/slug/")) == "2017-02-28"  # year/month only: the month's last day
    assert path_date("/news/world-asia-41925484") is None
    assert same_site("www.example.org", "example.org") and not same_site("news.example.org", "example.org")


def test_feeds_and_links_resolve_against_the_base_element():
    root = parse_page(b'<html><head><base href="https://ex.org/en/"><link rel="alternate feed" '
                      b'type="application/atom+xml; charset=utf-8" href="atom.xml"></head><body>'
                      b'<a href="world/2024/05/01/a-story-about-the-summit">x</a></body></html>')
    assert feed_links(root, "https://ex.org/") == ["https://ex.org/en/atom.xml"]
    assert article_links(root, "https://ex.org/") == ["https://ex.org/en/world/2024/05/01/a-story-about-the-summit"]


def test_a_site_source_needs_a_web_page(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text("sources:\n  - name: x\n    kind: site\n    location: pages/home.html\n")
    with pytest.raises(ConfigError, match="kind 'site' needs an http"):
        load_sources(path)


# ----------------------------------------------------------------------------- a real local site


def test_a_home_page_gives_its_feed_entries_and_article_links(tmp_path, settings):
    with LocalServer("127.0.0.1") as srv:
        _site(srv)
        found, errors = _discovered(settings, _sources(tmp_path, srv))
        assert errors == {}
        assert [r["url"] for r in found] == [srv.url(p) for p in EXPECTED]
        assert {r["source"] for r in found} == {"ledger"}
        assert found[0]["lastmod"] == "2024-05-01T09:30:00+00:00" and found[1]["lastmod"] is None
        assert srv.hits("/") == 1 and srv.hits("/feed.xml") == 1
        assert srv.hits("/members/feed.atom") == 0  # robots.txt disallows it: never requested


def test_the_source_limits_apply(tmp_path, settings):
    with LocalServer("127.0.0.1") as srv:
        _site(srv)
        capped, _ = _discovered(settings, _sources(tmp_path, srv, "    max_articles: 3\n"))
        world, _ = _discovered(settings, _sources(tmp_path, srv, "    include: ['/world/']\n"))
        no_feeds, _ = _discovered(settings.replace(discover_max_site_feeds=0), _sources(tmp_path, srv))
    assert [r["url"] for r in capped] == [srv.url(p) for p in EXPECTED[:3]]
    assert [r["url"] for r in world] == [srv.url(p) for p in EXPECTED if p.startswith("/world/")]
    assert [r["url"] for r in no_feeds] == [srv.url(p) for p in EXPECTED[1:]]


def test_a_page_robots_txt_forbids_is_not_read(tmp_path, settings):
    with LocalServer("127.0.0.1") as srv:
        _site(srv, robots=b"User-agent: *\nDisallow: /\n")
        found, errors = _discovered(settings, _sources(tmp_path, srv))
        assert found == [] and errors == {"ledger": "robots_disallowed"}
        assert srv.hits("/") == 0


@pytest.mark.es
def test_every_url_of_a_site_is_counted_in_the_run_report(tmp_path, es_settings):
    settings = es_settings.replace(fetch_allowed_networks="127.0.0.0/8", fetch_timeout=5.0)
    with LocalServer("127.0.0.1") as srv:
        _site(srv)
        summaries = run_once(settings, LOGICAL, _sources(tmp_path, srv))
        assert srv.hits("/private/editors-notes-on-the-coverage-plan") == 0
    report = json.loads(open(summaries["report"].path, encoding="utf-8").read())
    (row,) = report["sources"]
    assert row["source"] == "ledger" and report["accounted"]
    assert (row["discovered"], row["fetched"], row["skipped_robots"], row["indexed"]) == (6, 5, 1, 5)
