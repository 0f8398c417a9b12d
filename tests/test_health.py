"""Source health and extraction drift (etl.core.health): the rule, and a site redesigned mid-series.

The series runs the real pipeline (``etl.pipeline.run_once``: fetch over HTTP, clean,
spaCy, load into the real Elasticsearch, report) on consecutive hourly logical dates. A
local site publishes new articles every run through its RSS feed: the bundled sample
pages (real article markup: bylines, dates, JSON-LD, leads), a different subset each run.
From run ``REDESIGN`` on the site serves the same stories through a client-rendered
template (headline and teaser in the HTML, the text in a script blob): no byline, no
date, no body structure. The source must be flagged in that run and in no run before.
"""

from __future__ import annotations

import json
import logging
import math
import struct
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

import lxml.html
import pytest
from httpserver import LocalServer, Reply

from etl.cli import main
from etl.core import health
from etl.core.settings import Settings
from etl.dev.samples import PAGES, PAGES_DIR
from etl.index.runs import health_rows, previous_health
from etl.pipeline import run_once

START = datetime(2024, 5, 6, 8, 0, tzinfo=timezone.utc)
REDESIGN = 4  # 1-based run from which the site serves the new template
SUBSETS = ((0, 1, 2, 3, 4, 5), (0, 2, 3, 5), (1, 2, 3, 4, 5), (0, 1, 2, 4, 5), (0, 1, 3, 4, 5))  # pages per run


# ----------------------------------------------------------------------------- the rule, without a pipeline


def test_binomial_cdf_matches_the_exact_sum():
    for n, p in ((5, 0.3), (12, 0.9), (40, 0.5)):
        for k in range(n + 1):
            exact = sum(math.comb(n, i) * p**i * (1 - p) ** (n - i) for i in range(k + 1))
            assert health.binomial_cdf(k, n, p) == pytest.approx(exact, rel=1e-9, abs=1e-12)
    assert health.binomial_cdf(0, 5000, 0.5) == pytest.approx(0.0, abs=1e-300)  # no overflow for large n


def _row(pages: int, median: float, **counts: int) -> dict:
    full = {m: counts.get(m, pages) for m in health.SHARES}
    return {"pages": pages, "counts": full, health.MEDIAN: median, **{m: full[m] / pages for m in health.SHARES}}


def test_a_fall_must_be_large_and_unlikely_by_chance():
    settings = Settings()
    base = health.baseline([_row(10, 420.0, author=7), _row(12, 380.0, author=9), _row(8, 400.0, author=6)])
    assert base["runs"] == 3 and base["pages"] == 30 and base["author"] == pytest.approx(22 / 30, abs=1e-4)
    words = [350, 400, 450, 500]
    # 2 of 4 with an author against 73 %: a fall of 0.23, below the threshold.
    assert health.drops(_row(4, 420.0, author=2), base, settings, words) == []
    # 0 of 4: large, and unlikely by chance (smoothed baseline 23/32: p = (9/32)^4 ~ 0.006 < 0.01).
    assert health.drops(_row(4, 420.0, author=0), base, settings, words) == ["author"]
    # 0 of 2: as large, but two pages cannot tell (p ~ 0.08).
    assert health.drops(_row(2, 420.0, author=0), base, settings, words[:2]) == []
    # The median: eight pages all far below the old median of 400 words (sign test p = 1/256).
    assert health.drops(_row(8, 40.0), base, settings, [30, 35, 40, 40, 40, 45, 50, 60]) == [health.MEDIAN]
    # Half the pages still long: the median fell by more than the threshold, the sign test says chance.
    assert health.drops(_row(8, 200.0), base, settings, [30, 40, 60, 200, 410, 420, 430, 450]) == []
    # Six short pages are not enough for the sign test at 1 % (1/64): the 'body' share speaks for them.
    short = _row(6, 40.0, body=0)
    assert health.drops(short, base, settings, [30, 35, 40, 40, 45, 50]) == ["body"]


def test_nothing_is_flagged_without_enough_pages_in_the_run_or_the_baseline():
    settings = Settings()
    assert health.drops(_row(5, 0.0, date=0), health.baseline([_row(2, 400.0)]), settings, [0] * 5) == []
    assert health.drops(_row(2, 0.0, date=0), health.baseline([_row(20, 400.0)]), settings, [0] * 2) == []
    assert health.baseline([])["runs"] == 0


# ----------------------------------------------------------------------------- a redesign mid-series


def _redesigned(html: bytes) -> bytes:
    """The same story through a client-rendered template: headline and teaser in the HTML,
    the paragraphs in a JSON blob for the script; no byline, no date, no JSON-LD."""
    root = lxml.html.document_fromstring(html)
    title = (root.findtext(".//title") or "").split(" - ")[0].strip()
    paragraphs = [p.text_content().strip() for p in root.iter("p") if len(p.text_content().split()) > 8]
    state = json.dumps({"story": {"headline": title, "paragraphs": paragraphs}}).replace("</", "<\\/")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | Newsroom</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/static/app.4f1c.css"></head>
<body><div id="app" data-page="story">
<nav class="top"><a href="/">Home</a> <a href="/world/">World</a> <a href="/business/">Business</a></nav>
<h1 class="story-hed">{title}</h1>
<div class="story-dek">{paragraphs[0].split(". ")[0] if paragraphs else ""}.</div>
<div class="story-body" data-hydrate="story"></div>
</div>
<script id="__STATE__" type="application/json">{state}</script>
<script src="/static/app.4f1c.js" defer></script>
</body></html>""".encode()


def _publish(srv: LocalServer, run: int, logical: datetime) -> None:
    """Run ``run``'s articles at /r<run>/<page> and the feed listing them (dated 10 minutes before)."""
    items = []
    for i in SUBSETS[run - 1]:
        page = PAGES[i]
        html = (PAGES_DIR / page).read_bytes()
        srv.route(f"/r{run}/{page}", Reply(200, _redesigned(html) if run >= REDESIGN else html,
                                            {"Content-Type": "text/html; charset=utf-8"}))
        items.append(f"<item><title>{page}</title><link>{srv.url(f'/r{run}/{page}')}</link>"
                     f"<pubDate>{format_datetime(logical - timedelta(minutes=10))}</pubDate></item>")
    feed = f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{"".join(items)}</channel></rss>'
    srv.route("/feed.xml", Reply(200, feed.encode(), {"Content-Type": "application/rss+xml"}))


@pytest.mark.es
def test_a_template_change_is_flagged_in_that_run_and_not_before(tmp_path, es_settings, caplog, capsys,
                                                                 monkeypatch):
    with LocalServer("127.0.0.1") as srv:
        srv.route("/robots.txt", Reply(200, b"User-agent: *\nAllow: /\n", {"Content-Type": "text/plain"}))
        sources = tmp_path / "sources.yaml"
        sources.write_text(f"sources:\n  - name: newsroom\n    kind: rss\n    location: {srv.url('/feed.xml')}\n")
        settings = es_settings.replace(sources_file=str(sources), fetch_allowed_networks="127.0.0.0/8")
        reports, warned = [], []
        for run in range(1, len(SUBSETS) + 1):
            logical = START + timedelta(hours=run - 1)
            _publish(srv, run, logical)
            caplog.clear()
            with caplog.at_level(logging.WARNING, logger="etl.core.health"):
                summaries = run_once(settings, logical.isoformat())
            warned.append([r.getMessage() for r in caplog.records if r.name == "etl.core.health"])
            reports.append(json.loads(open(summaries["report"].path, encoding="utf-8").read()))

    rows = [r["health"][0] for r in reports]
    assert [row["pages"] for row in rows] == [len(s) for s in SUBSETS]  # every page reached the cleaner
    for run, (report, row) in enumerate(zip(reports, rows, strict=True), start=1):
        assert report["flagged_sources"] == (["newsroom"] if run >= REDESIGN else []), (run, row)
        assert row["flagged"] == (run >= REDESIGN) and bool(warned[run - 1]) == (run >= REDESIGN), (run, row)
        assert summaries["report"].extra["flagged"] == ["newsroom"]  # the last run's, through the stage summary
    before, broken = rows[REDESIGN - 2], rows[REDESIGN - 1]
    assert before["baseline"]["runs"] == REDESIGN - 2 and broken["baseline"]["runs"] == REDESIGN - 1
    assert {"date", "author", "body"} <= set(broken["drops"])
    assert broken[health.MEDIAN] < 0.3 * before[health.MEDIAN]
    assert broken["date"] == 0 and before["date"] == 1.0
    assert "source=newsroom" in warned[REDESIGN - 1][0] and "date 100%->0%" in warned[REDESIGN - 1][0]

    # The runs index holds the same rows: the baseline of the next run, and the CLI's table.
    stored = previous_health(settings, "newsroom", (START + timedelta(hours=9)).isoformat(), 10)
    assert [r["flagged"] for r in reversed(stored)] == [row["flagged"] for row in rows]
    assert len(health_rows(settings, "newsroom", runs=3)) == 3
    monkeypatch.setenv("NEWS_ETL_ES_URL", settings.es_url)
    monkeypatch.setenv("NEWS_ETL_INDEX_ALIAS", settings.index_alias)
    plot = tmp_path / "health.png"
    capsys.readouterr()
    assert main(["sources", "health", "--source", "newsroom", "--plot", str(plot)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:3] == ["run", "source", "pages"]
    table = [line for line in lines[1:] if "newsroom" in line]
    assert len(table) == len(SUBSETS)
    assert [("!" in line) for line in table] == [run >= REDESIGN for run in range(1, len(SUBSETS) + 1)]
    png = plot.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", png[16:24])[0] >= 600  # a real image



@pytest.mark.es
def test_sources_health_says_so_when_nothing_was_recorded(es_settings, capsys, monkeypatch):
    monkeypatch.setenv("NEWS_ETL_ES_URL", es_settings.es_url)
    monkeypatch.setenv("NEWS_ETL_INDEX_ALIAS", es_settings.index_alias)
    assert main(["sources", "health", "--source", "nowhere"]) == 1
    assert "no source health recorded yet" in capsys.readouterr().out
    assert main(["sources", "health", "--runs", "0"]) == 2  # a configuration error, not a crash
