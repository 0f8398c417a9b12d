"""Export (``etl.search.export``, ``GET /export``, ``news-etl export``, the page's Export link)
against the real Elasticsearch: every hit once, in the search's order, the search's filters,
the documented columns; bad input answered clearly. Memory and speed: bench/export/run.py."""

from __future__ import annotations

import csv
import io
import json

import pytest
from fastapi.testclient import TestClient
from test_browser import _settled, browser, diagnosed, server  # noqa: F401 - fixtures
from test_search_corpus import CORPUS, article

from etl.api import create_app
from etl.cli import main
from etl.index.load import bulk_load
from etl.search import FACETS, SearchRequest, search
from etl.search.export import COLUMNS, FACET_COLUMNS, encode, export_request, export_scan

pytestmark = pytest.mark.es
FORMULA = article("f1", "=HYPERLINK(\"http://evil.example\",\"click\")", "A title that a spreadsheet would run.",
                  persons=("Vladimir Putin", "Jean-Claude Juncker"), site="Daily Planet",
                  published="2016-01-01T00:00:00+00:00")
ALL = [*CORPUS, FORMULA]


@pytest.fixture
def corpus(es, es_settings):
    assert bulk_load(es, ALL, es_settings).indexed == len(ALL)
    return es, es_settings


def exported(es, settings, req, fmt="csv", batch=1000, **kw) -> bytes:
    with export_scan(es, settings.index_alias, req, batch=batch, **kw) as scan:
        return b"".join(encode(scan, fmt, with_body=kw.get("with_body", False)))


def csv_rows(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


def searched_ids(es, settings, **kw) -> list[str]:
    result = search(es, settings.index_alias, SearchRequest.create(facets=[], size=100, **kw))
    return [h["id"] for h in result["hits"]]


@pytest.mark.parametrize("batch", [1, 3, 11, 1000])  # 11 hits: pages of one, a rest, exactly one page, one page
def test_every_hit_once_in_the_search_order(corpus, batch):
    es, settings = corpus
    for sort in ("date", "relevance"):
        rows = csv_rows(exported(es, settings, export_request("", sort=sort), batch=batch))
        assert [r["id"] for r in rows] == searched_ids(es, settings, sort=sort)
    rows = csv_rows(exported(es, settings, export_request("putin", sort="relevance"), batch=batch))
    assert [r["id"] for r in rows] == searched_ids(es, settings, q="putin")


def test_filters_dates_and_any_word_are_the_searchs(corpus):
    es, settings = corpus
    req = export_request("putin", ["persons:Donald Trump", "site=Daily Planet"], "2017-01-01", "2017-12-31", "date")
    ids = [json.loads(line)["id"] for line in exported(es, settings, req, "jsonl").splitlines()]
    assert ids == searched_ids(es, settings, q="putin", filters={"persons": ["Donald Trump"], "site": ["Daily Planet"]},
                               date_from="2017-01-01", date_to="2017-12-31", sort="date")
    assert ids  # the filters leave something to compare
    anyword = exported(es, settings, export_request("helsinki merkel"), "jsonl", operator="or").splitlines()
    allwords = exported(es, settings, export_request("helsinki merkel"), "jsonl").splitlines()
    assert len(anyword) > len(allwords)


def test_csv_columns_joined_facets_and_formula_guard(corpus):
    es, settings = corpus
    data = exported(es, settings, export_request("", sort="date"))
    assert data.startswith(b"id,url,title,published_at,lead,word_count,story_id,persons,") and b"\r\n" in data
    rows = {r["id"]: r for r in csv_rows(data)}
    assert list(next(iter(rows.values()))) == list(COLUMNS)
    assert rows["f1"]["persons"] == "Vladimir Putin; Jean-Claude Juncker"
    assert rows["f1"]["title"] == "'=HYPERLINK(\"http://evil.example\",\"click\")"
    assert rows["f1"]["published_at"] == "2016-01-01T00:00:00+00:00" and rows["f1"]["site"] == "Daily Planet"
    assert rows["f1"]["events"] == "" and rows["f1"]["word_count"] == "7"
    with_body = csv_rows(exported(es, settings, export_request("", sort="date"), with_body=True))
    assert list(with_body[0])[-1] == "body" and {r["id"]: r["body"] for r in with_body}["f1"] == FORMULA.article.body


def test_jsonl_keeps_types(corpus):
    es, settings = corpus
    rows = {r["id"]: r for r in map(json.loads, exported(es, settings, export_request(""), "jsonl").splitlines())}
    assert list(rows["f1"]) == list(COLUMNS)
    assert rows["f1"]["persons"] == ["Vladimir Putin", "Jean-Claude Juncker"] and rows["f1"]["events"] == []
    assert rows["f1"]["title"].startswith("=HYPERLINK") and rows["f1"]["word_count"] == 7
    assert rows["f1"]["agency"] is None


def test_one_column_per_facet():
    assert set(FACET_COLUMNS) == set(FACETS) and len(set(COLUMNS)) == len(COLUMNS)


def test_api_streams_csv_and_jsonl_and_answers_bad_input(corpus):
    es, settings = corpus
    with TestClient(create_app(settings)) as client:
        resp = client.get("/export", params=[("q", "putin"), ("filter", "persons:Donald Trump"), ("sort", "date")])
        lines = client.get("/export", params={"format": "jsonl"})
        bad_filter = client.get("/export", params={"filter": "colour:red"})
        bad_date = client.get("/export", params={"from": "yesterday"})
        bad_format = client.get("/export", params={"format": "xlsx"})
    assert resp.status_code == 200 and resp.headers["content-type"] == "text/csv; charset=utf-8"
    assert resp.headers["content-disposition"] == 'attachment; filename="news-etl-export.csv"'
    rows = csv_rows(resp.content)
    assert int(resp.headers["x-total-count"]) == len(rows) > 0
    assert [r["id"] for r in rows] == searched_ids(es, settings, q="putin", filters={"persons": ["Donald Trump"]},
                                                   sort="date")
    assert lines.headers["content-type"] == "application/x-ndjson" and len(lines.text.splitlines()) == len(ALL)
    assert bad_filter.status_code == 400 and "unknown filter field 'colour'" in bad_filter.json()["error"]
    assert bad_date.status_code == 400 and "'from' must be a date" in bad_date.json()["error"]
    assert bad_format.status_code == 422 and "format" in bad_format.json()["error"]


def test_api_without_an_index_is_a_503(es_settings):
    with TestClient(create_app(es_settings)) as client:
        resp = client.get("/export")
    assert resp.status_code == 503 and "does not exist" in resp.json()["error"]


def test_cli_writes_a_file_atomically_and_reports_bad_input(corpus, tmp_path, monkeypatch, capsys):
    es, settings = corpus
    monkeypatch.setenv("NEWS_ETL_ES_URL", settings.es_url)
    monkeypatch.setenv("NEWS_ETL_INDEX_ALIAS", settings.index_alias)
    out = tmp_path / "putin.jsonl"
    assert main(["export", "putin", "--sort", "date", "-o", str(out), "--quiet"]) == 0
    ids = [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert ids == searched_ids(es, settings, q="putin", sort="date")
    assert f"exported {len(ids)} articles to {out} (jsonl)" in capsys.readouterr().err
    assert main(["export", "", "--format", "csv", "-o", str(tmp_path / "all.txt")]) == 0
    assert len(csv_rows((tmp_path / "all.txt").read_bytes())) == len(ALL)
    assert main(["export", "x", "--filter", "colour=red", "-o", str(tmp_path / "bad.csv")]) == 2
    assert "unknown filter field 'colour'" in capsys.readouterr().err
    assert not (tmp_path / "bad.csv").exists() and sorted(p.name for p in tmp_path.iterdir()) == [
        "all.txt", "putin.jsonl"]  # nothing half-written left behind
    monkeypatch.setenv("NEWS_ETL_INDEX_ALIAS", "nosuch-articles")
    assert main(["export", "x", "-o", str(tmp_path / "none.csv")]) == 1
    assert "no article index 'nosuch-articles'" in capsys.readouterr().err


def test_page_export_link_follows_the_search(server, browser):  # noqa: F811
    page = browser.new_page(viewport={"width": 1200, "height": 800})
    with diagnosed(page, "export") as errors:
        page.goto(server + "/?q=putin&filter=persons:Donald%20Trump&sort=date&page=1")
        _settled(page, 0)
        link = page.locator("#export")
        assert link.is_visible() and link.inner_text() == "Export 2 as CSV"
        href = link.get_attribute("href")
        assert href.startswith("/export?") and "page=" not in href
        resp = page.request.get(server + href)
        assert resp.status == 200 and len(csv_rows(resp.body())) == 2
        assert {r["persons"].count("Donald Trump") for r in csv_rows(resp.body())} == {1}
        page.goto(server + "/?q=helsinki%20merkel")  # no article has both words: the page relaxes, so does the link
        _settled(page, 0)
        assert "match=any" in page.locator("#export").get_attribute("href")
        assert not errors, errors
