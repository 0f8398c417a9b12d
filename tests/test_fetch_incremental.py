"""Two hourly runs over a feed and a sitemap, then a rebuild from the archive without network.

Real local servers (127.0.0.12 and 127.0.0.13), the real pipeline stages (discover ->
fetch -> clean -> annotate -> load -> report) and the real Elasticsearch.
"""

from __future__ import annotations

import json
import re

import pytest

from etl import pipeline
from etl.core.records import CleanedArticle
from etl.core.shards import shard_inputs
from etl.core.staging import read_records
from etl.dev.samples import PAGES_DIR
from tests.httpserver import LocalServer, Reply

pytestmark = [pytest.mark.es, pytest.mark.slow]
RUN1, RUN2 = "2025-03-10T10:00:00+00:00", "2025-03-10T11:00:00+00:00"


def sample(name: str) -> str:
    return (PAGES_DIR / name).read_text(encoding="utf-8")


def syndicated_fed() -> str:
    """The AP story as republished by another site: own headline, intro, trimmed end."""
    html = sample("business/ap-fed-rates.html")
    html = re.sub(r"https://www\.lakeshoreledger\.com[^\"]*", "https://courier.example/markets/fed-decision", html)
    html = html.replace("Fed holds rates steady, signals cuts may come later next year",
                        "Fed stands pat on rates; cuts seen in 2024")
    html = html.replace("<p>WASHINGTON (AP)", "<p>Our markets desk adds local context below.</p>\n<p>WASHINGTON (AP)")
    return re.sub(r"<p>Consumers have so far.*?</p>\s*<p>For households.*?</p>", "", html, flags=re.S)


def etagged(html: str, tag: str):
    """A page answering 304 to a matching If-None-Match."""
    def reply(headers):
        if headers.get("If-None-Match") == tag:
            return Reply(304, headers={"ETag": tag})
        return Reply.html(html, headers={"ETag": tag})
    return reply


def rss(base: str, items: list[tuple[str, str | None]]) -> bytes:
    entries = "".join(f"<item><link>{base}{path}</link>{f'<pubDate>{d}</pubDate>' if d else ''}</item>"
                      for path, d in items)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{entries}</channel></rss>'.encode()


def sitemap(base: str, paths: list[str]) -> bytes:
    urls = "".join(f"<url><loc>{base}{p}</loc></url>" for p in paths)
    return f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'.encode()


def run(settings, sources, when: str) -> dict:
    summaries = {"discover": pipeline.discover_stage(settings, when, str(sources))}
    (shard,) = shard_inputs(summaries["discover"])  # the one shard of the default settings
    summaries["fetch"] = pipeline.fetch_stage(settings, shard, when)
    summaries["clean"] = pipeline.clean_stage(settings, summaries["fetch"].path)
    summaries["annotate"] = pipeline.annotate_stage(settings, summaries["clean"].path, "test")
    summaries["load"] = pipeline.load_stage(settings, summaries["annotate"].path, "test")
    summaries["report"] = pipeline.report_stage(settings, when, summaries, "test")
    return summaries


def report_of(summaries: dict) -> dict:
    return json.loads(open(summaries["report"].path).read())


def test_hourly_runs_fetch_only_new_and_changed_then_rebuild_from_archive(es_settings, es, tmp_path):
    settings = es_settings.replace(fetch_backoff=0.05, fetch_retries=1, fetch_timeout=2.0)
    with LocalServer("127.0.0.12") as wire, LocalServer("127.0.0.13") as courier:
        wire.route("/robots.txt", Reply(200, b"User-agent: *\nDisallow: /members/\n", {"Content-Type": "text/plain"}))
        wire.route("/fed", etagged(sample("business/ap-fed-rates.html"), '"fed1"'))
        wire.route("/climate", etagged(sample("world/afp-climate-summit.html"), '"c1"'))
        wire.route("/members/secret", Reply.html(sample("world/putin-trump-apec.html")))
        wire.route("/broken", Reply(500))
        wire.route("/video", Reply(200, b"\x00\x00", {"Content-Type": "video/mp4"}))
        wire.route("/feed.xml", Reply(200, rss(wire.url(""), [
            ("/fed", "Mon, 10 Mar 2025 09:30:00 GMT"), ("/climate", None), ("/members/secret", None),
            ("/broken", None), ("/video", None), ("/old", "Fri, 07 Mar 2025 09:00:00 GMT")]),
            {"Content-Type": "application/rss+xml"}))
        courier.route("/markets/fed-decision", Reply.html(syndicated_fed()))  # no validators
        courier.route("/sitemap.xml", Reply(200, sitemap(courier.url(""), ["/markets/fed-decision"]),
                                            {"Content-Type": "application/xml"}))
        sources = tmp_path / "sources.yaml"
        sources.write_text(f"""sources:
  - {{name: wire, kind: rss, location: '{wire.url("/feed.xml")}'}}
  - {{name: courier, kind: sitemap, location: '{courier.url("/sitemap.xml")}'}}
""")
        first = run(settings, sources, RUN1)
        report = report_of(first)
        by_source = {row["source"]: row for row in report["sources"]}
        assert report["accounted"] and report["committed"] == 3
        assert by_source["wire"]["discovered"] == 5  # /old is before the interval
        assert by_source["wire"]["fetched"] == 2 and by_source["wire"]["skipped_robots"] == 1
        assert by_source["wire"]["failed_reasons"] == {"http_500": 1, "not_html": 1}
        assert by_source["courier"]["fetched"] == 1
        assert report["totals"]["indexed"] + report["totals"]["rejected"] == 3
        assert wire.hits("/members/secret") == 0 and wire.hits("/broken") == 2
        articles = {a.url: a for a in read_records(first["clean"].path, CleanedArticle)}
        fed, copy = articles[wire.url("/fed")], articles[courier.url("/markets/fed-decision")]
        assert fed.doc_id != copy.doc_id
        assert copy.story_id == fed.story_id in {fed.doc_id, copy.doc_id}  # whichever copy was seen first
        assert articles[wire.url("/climate")].story_id != fed.story_id
        indexed = es.count(index=settings.index_alias)["count"]
        assert indexed == report["totals"]["indexed"] >= 2

        # An hour later: the climate story changed (new ETag), a new story was added.
        wire.route("/climate", etagged(sample("world/afp-climate-summit.html").replace(
            '<p class="signature">', "<p>Update: delegates agreed a final text late on Friday night after the "
                                     'talks ran into overtime.</p>\n<p class="signature">'), '"c2"'))
        wire.route("/rover", Reply.html(sample("science/jsonld-mars-rover.html")))
        wire.route("/feed.xml", Reply(200, rss(wire.url(""), [
            ("/fed", "Mon, 10 Mar 2025 09:30:00 GMT"), ("/climate", None), ("/rover", "Mon, 10 Mar 2025 10:40:00 GMT")]),
            {"Content-Type": "application/rss+xml"}))
        fed_hits = wire.hits("/fed")
        second = run(settings, sources, RUN2)
        report2 = report_of(second)
        rows = {row["source"]: row for row in report2["sources"]}
        assert report2["accounted"]
        assert wire.hits("/fed") == fed_hits  # listed lastmod older than our fetch: no request at all
        assert rows["wire"]["not_modified"] == 1 and rows["wire"]["fetched"] == 2  # climate (changed), rover (new)
        assert rows["courier"]["not_modified"] == 1 and rows["courier"]["fetched"] == 0  # same content
        assert {a.url for a in read_records(second["clean"].path, CleanedArticle)} <= {
            wire.url("/climate"), wire.url("/rover")}
        runs = es.get(index=f"{settings.index_alias}-runs", id="2025-03-10T11-00-00Z")["_source"]
        assert runs["totals"]["not_modified"] == 2
        total = es.count(index=settings.index_alias)["count"]

    # Rebuild a fresh index from the archive; the servers are gone.
    rebuild = settings.replace(index_alias=settings.index_alias.replace("-articles", "-rebuild"))
    listed = pipeline.reprocess_list_stage(rebuild, "2025-03-11T00:00:00+00:00")
    assert listed.count == 4  # fed, copy, climate (newest version), rover
    cleaned = pipeline.clean_stage(rebuild, listed.path)
    annotated = pipeline.annotate_stage(rebuild, cleaned.path, "reprocess")
    pipeline.load_stage(rebuild, annotated.path, "reprocess")
    assert es.count(index=rebuild.index_alias)["count"] == total
    again = {a.url: a for a in read_records(cleaned.path, CleanedArticle)}
    assert again[courier.url("/markets/fed-decision")].story_id == fed.story_id  # story ids are stable
    assert "Update: delegates agreed" in again[wire.url("/climate")].body
