"""The HTTP API against the real Elasticsearch: results, parity with the library, bad inputs."""

from __future__ import annotations

import uuid

import pytest
from fastapi.testclient import TestClient
from test_search_corpus import CORPUS, corpus_index

from etl.api import create_app
from etl.core.settings import Settings
from etl.search import SearchRequest, search

pytestmark = pytest.mark.es


@pytest.fixture(scope="module")
def env(es_url):
    with corpus_index(es_url) as (es, settings), TestClient(create_app(settings)) as tc:
        yield tc, es, settings


def test_health(env):
    c, _, settings = env
    r = c.get("/health")
    assert r.status_code == 200
    assert r.json() == {"status": "ok", "elasticsearch": r.json()["elasticsearch"], "alias": settings.index_alias,
                        "docs": len(CORPUS)}


def test_search_shape_and_parity_with_library(env):
    c, es, settings = env
    r = c.get("/search", params=[("q", "putin"), ("facet", "persons"), ("facet", "locations"),
                                 ("filter", "persons:Donald Trump"), ("from", "2017-01-01"), ("to", "2017-12-31"),
                                 ("sort", "relevance"), ("page", "1"), ("size", "20")])
    assert r.status_code == 200, r.text
    body = r.json()
    assert set(body) >= {"total", "hits", "facets", "histogram"}
    assert body["total"] == 2
    hit = body["hits"][0]
    assert set(hit) >= {"id", "title", "url", "published_at", "source", "highlight"}
    assert "<mark>Putin</mark>" in hit["highlight"]["title"]
    assert set(body["facets"]) == {"persons", "locations"}
    assert {"value": "Vladimir Putin", "count": 3, "selected": False} in body["facets"]["persons"]
    lib = search(es, settings.index_alias, SearchRequest.create(
        q="putin", facets=["persons", "locations"], filters={"persons": ["Donald Trump"]},
        date_from="2017-01-01", date_to="2017-12-31"))
    assert body["facets"] == lib["facets"] and [h["id"] for h in body["hits"]] == [h["id"] for h in lib["hits"]]
    assert body["histogram"] == lib["histogram"]


def test_multi_select_through_api(env):
    c, _, _ = env
    base = c.get("/search", params={"facet": "site"}).json()
    sel = c.get("/search", params=[("facet", "site"), ("filter", "site:Daily Planet")]).json()
    assert sel["total"] == 4 and sel["total"] < base["total"]
    # the selected facet keeps the counts of its other values (post_filter + filtered aggregations)
    assert [(v["value"], v["count"]) for v in sel["facets"]["site"]] == [
        (v["value"], v["count"]) for v in base["facets"]["site"]]
    assert [v["value"] for v in sel["facets"]["site"] if v["selected"]] == ["Daily Planet"]
    both = c.get("/search", params=[("facet", "site"), ("filter", "site:Daily Planet"),
                                    ("filter", "site=Market Wire")]).json()
    assert both["total"] == 5


def test_article_similar_and_quotes(env):
    c, _, _ = env
    a = c.get("/articles/a2").json()
    assert a["id"] == "a2" and a["quotes"][0]["speaker"] == "Rex Tillerson" and "folded" not in a
    assert c.get("/articles/nope").status_code == 404
    assert c.get("/articles/nope/similar").status_code == 404
    sim = c.get("/articles/a1/similar", params={"size": 2}).json()
    assert len(sim["similar"]) == 2 and all(s["id"] != "a1" for s in sim["similar"])
    q = c.get("/quotes", params={"q": "What did Rex Tillerson say about Russia?"}).json()
    assert [h["id"] for h in q["hits"]] == ["a2"] and q["speaker"] == "Rex Tillerson"
    assert c.get("/quotes").status_code == 400


@pytest.mark.parametrize("q", ['"', "((", "a:b]", "\\", "<script>", "%", "ü", "💥", "'; DROP TABLE", "*" * 50,
                               "   ", "~1", "AND", "/regex/"])
def test_odd_characters_never_500(env, q):
    c, _, _ = env
    r = c.get("/search", params={"q": q})
    assert r.status_code == 200, r.text
    assert isinstance(r.json()["total"], int)


@pytest.mark.parametrize("params, status, message", [
    ({"page": "0"}, 422, "page"),
    ({"page": "99999999999999999999999999"}, 422, "page"),
    ({"page": "abc"}, 422, "page"),
    ({"page": "600", "size": "20"}, 400, "too deep"),
    ({"size": "101"}, 422, "size"),
    ({"size": "-1"}, 422, "size"),
    ({"facet": "password"}, 400, "unknown facet"),
    ({"filter": "body:x"}, 400, "unknown filter field"),
    ({"filter": "no-colon"}, 400, "facet=value"),
    ({"filter": "persons:"}, 400, "empty value"),
    ({"from": "yesterday"}, 400, "'from' must be a date"),
    ({"from": "2018-01-01", "to": "2017-01-01"}, 400, "after"),
    ({"sort": "random"}, 422, "sort"),
    ({"after": "not-a-cursor"}, 400, "cursor"),
    ({"q": "x" * 1001}, 422, "q"),
    ({"interval": "century"}, 422, "interval"),
    ({"q": "a\x00b"}, 400, "NUL"),
    ({"filter": [f"persons:x{i}" for i in range(51)]}, 400, "too many values"),
    ({"after": "eyJzIjoiZGF0ZSIsInYiOlsxLDIsM119", "sort": "relevance"}, 400, "cursor"),
])
def test_bad_inputs_are_clear_4xx(env, params, status, message):
    c, _, _ = env
    r = c.get("/search", params=params)
    assert r.status_code == status, r.text
    assert message in r.json()["error"]


def test_empty_query_lists_everything(env):
    c, _, _ = env
    r = c.get("/search", params={"q": ""}).json()
    assert r["total"] == len(CORPUS)
    assert r["hits"][0]["highlight"] == {"title": None, "snippet": ""}


def test_deep_paging_with_cursor(env):
    c, _, _ = env
    seen, cursor = [], None
    while True:
        params = {"size": "4", "sort": "date"} | ({"after": cursor} if cursor else {})
        r = c.get("/search", params=params).json()
        seen += [h["id"] for h in r["hits"]]
        cursor = r["next"]
        if not cursor:
            break
    assert sorted(seen) == sorted(a.article.doc_id for a in CORPUS)


def test_no_raw_dsl_or_writes(env):
    c, _, _ = env
    # unknown parameters are ignored, never passed to Elasticsearch
    r = c.get("/search", params={"query": '{"script": "x"}', "body": "{}"})
    assert r.status_code == 200 and r.json()["total"] == len(CORPUS)
    assert c.post("/search").status_code == 405
    assert c.delete("/articles/a1").status_code == 405
    assert c.get("/articles/a1").status_code == 200


def test_openapi_and_page(env):
    c, _, _ = env
    spec = c.get("/openapi.json").json()
    assert {"/search", "/articles/{doc_id}", "/health", "/quotes"} <= set(spec["paths"])
    assert c.get("/docs").status_code == 200
    page = c.get("/")
    assert page.status_code == 200 and "search-form" in page.text
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assert c.get("/static/app.js").status_code == 200


def test_backend_down_is_503(es_url):
    settings = Settings.from_env(es_url="http://127.0.0.1:1", index_alias="nothing", es_request_timeout=2)
    with TestClient(create_app(settings)) as c:
        assert c.get("/health").status_code == 503
        r = c.get("/search", params={"q": "x"})
        assert r.status_code == 503 and "unavailable" in r.json()["error"]


def test_missing_alias_is_503(es_url):
    settings = Settings.from_env(es_url=es_url, index_alias=f"t{uuid.uuid4().hex[:10]}-none")
    with TestClient(create_app(settings)) as c:
        assert c.get("/health").status_code == 503
        assert c.get("/search").status_code == 503
