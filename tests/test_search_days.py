"""The publisher's day in the index, search, API and page, against the real Elasticsearch (issue 12).

An article published at 00:30+01:00 on 18 January is on the 18th in the day filter, the
histogram, the date sort and the display, although its UTC instant is on the 17th; a
date-only article is on its own day; documents of the previous mapping get their day when
migrated.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from test_browser import ARGS, CHROMIUM, serving
from test_search_corpus import article, index_corpus

from etl.api import create_app
from etl.index import versions as ix
from etl.index.builder import to_document
from etl.search import SearchRequest, search

pytestmark = pytest.mark.es


def _dated(doc_id: str, published: str, day: str | None) -> object:
    a = article(doc_id, f"Haushalt {doc_id}", "Der Bundestag beschloss den Haushalt.", published=published)
    return replace(a, article=replace(a.article, published_day=day))


DAYS = [
    _dated("midnight", "2018-01-18T00:30:00+01:00", "2018-01-18"),  # UTC: 2018-01-17T23:30Z
    _dated("dayonly", "2018-01-18", "2018-01-18"),
    _dated("evening", "2018-01-17T22:00:00+01:00", "2018-01-17"),
    _dated("utc", "2018-01-17T12:00:00Z", None),                    # day derived from the value itself
    _dated("west", "2018-01-19T04:50:00Z", "2018-01-18"),  # UTC value, the page printed the 18th (US evening)
]


@pytest.fixture
def days_index(es, es_settings):
    index_corpus(es, es_settings, DAYS)
    return es, es_settings


def _ids(result) -> list[str]:
    return [h["id"] for h in result["hits"]]


def test_document_carries_the_day():
    assert to_document(DAYS[0])["published_day"] == "2018-01-18"
    assert to_document(DAYS[3])["published_day"] == "2018-01-17"


def test_day_filter_histogram_and_sort_use_the_publishers_day(days_index):
    es, settings = days_index
    on_18 = search(es, settings.index_alias, SearchRequest.create(date_from="2018-01-18", date_to="2018-01-18"))
    assert sorted(_ids(on_18)) == ["dayonly", "midnight", "west"]
    on_17 = search(es, settings.index_alias, SearchRequest.create(date_to="2018-01-17"))
    assert sorted(_ids(on_17)) == ["evening", "utc"]
    hist = search(es, settings.index_alias, SearchRequest.create(
        date_from="2018-01-16", date_to="2018-01-19", interval="day"))["histogram"]
    assert hist == [{"date": "2018-01-16", "count": 0}, {"date": "2018-01-17", "count": 2},
                    {"date": "2018-01-18", "count": 3}, {"date": "2018-01-19", "count": 0}]
    by_date = search(es, settings.index_alias, SearchRequest.create(sort="date"))
    # newest day first, then the time within it (a bare day counts as its midnight UTC)
    assert _ids(by_date) == ["west", "dayonly", "midnight", "evening", "utc"]
    assert [h["published_day"] for h in by_date["hits"]] == ["2018-01-18"] * 3 + ["2018-01-17"] * 2
    assert by_date["hits"][2]["published_at"] == "2018-01-18T00:30:00+01:00"


def test_a_time_bound_still_filters_the_instant(days_index):
    es, settings = days_index
    r = search(es, settings.index_alias, SearchRequest.create(date_from="2018-01-17T23:00:00Z"))
    assert sorted(_ids(r)) == ["dayonly", "midnight", "west"]  # 23:30Z; a bare day is its midnight UTC


def test_date_sort_cursor_pages_through_everything(days_index):
    es, settings = days_index
    seen, after = [], None
    while True:
        r = search(es, settings.index_alias, SearchRequest.create(sort="date", size=1, after=after))
        seen += _ids(r)
        after = r["next"]
        if not after:
            break
    assert seen == ["west", "dayonly", "midnight", "evening", "utc"]


def test_api_and_article_show_the_day(days_index):
    _, settings = days_index
    with TestClient(create_app(settings)) as c:
        body = c.get("/search", params={"from": "2018-01-18", "to": "2018-01-18", "sort": "date"}).json()
        assert {h["id"]: h["published_day"] for h in body["hits"]} == {
            "midnight": "2018-01-18", "dayonly": "2018-01-18", "west": "2018-01-18"}
        doc = c.get("/articles/midnight").json()
        assert doc["published_day"] == "2018-01-18" and doc["published_at"] == "2018-01-18T00:30:00+01:00"


def test_migration_gives_old_documents_their_day(es, es_settings, tmp_path):
    """Documents of the previous mapping (no published_day) get it from published_at when migrated."""
    mappings = tmp_path / "mappings"
    shutil.copytree(es_settings.mappings_dir, mappings)
    spec = json.loads((mappings / "articles.json").read_text())
    for name in ("published_day", "modified_day"):
        del spec["mappings"]["properties"][name]
    spec["mappings"]["_meta"]["index_version"] -= 1
    (mappings / "articles.json").write_text(json.dumps(spec))
    old = es_settings.replace(mappings_dir=str(mappings))
    ix.ensure_index(es, old)
    for a in DAYS[:2]:
        doc = {k: v for k, v in to_document(a).items() if not k.endswith("_day") and k != "folded"}
        es.index(index=old.index_alias, id=a.article.doc_id, document=doc, refresh=True)
    report = ix.migrate(es, es_settings)
    assert report["copied"] == 2
    got = {h["_id"]: h["_source"]["published_day"] for h in es.search(index=es_settings.index_alias)["hits"]["hits"]}
    assert got == {"midnight": "2018-01-18", "dayonly": "2018-01-18"}
    r = search(es, es_settings.index_alias, SearchRequest.create(date_from="2018-01-18", date_to="2018-01-18"))
    assert sorted(_ids(r)) == ["dayonly", "midnight"]


def test_search_page_shows_the_publishers_day(days_index):
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip("chromium not installed (apt-get install chromium)")
    _, settings = days_index
    with serving(create_app(settings)) as url, sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            page = browser.new_page()
            page.goto(url + "/?sort=date&from=2018-01-18&to=2018-01-18")
            page.wait_for_function("() => document.body.dataset.state === 'ready'", timeout=30_000)
            metas = page.locator("#results li.hit .meta").all_inner_texts()
            assert len(metas) == 3 and all("2018-01-18" in m for m in metas), metas  # "west" too
        finally:
            browser.close()
