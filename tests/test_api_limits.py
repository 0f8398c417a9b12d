"""Client-made outages: query cost caps, the search time limit and the per-client rate limit.

Against the real API on the real Elasticsearch; a recording proxy (tests/esproxy.py) in
front of Elasticsearch shows which requests reach it and can slow its answers down.
"""

from __future__ import annotations

import base64
import json
import threading
import time
from urllib.parse import urlsplit

import pytest
from esproxy import Forwarder, running
from fastapi.testclient import TestClient
from test_search_corpus import corpus_index

from etl.api import create_app
from etl.api.middleware import TokenBuckets, client_key
from etl.search.request import (
    MAX_FILTER_VALUES,
    MAX_FUZZY_CHARS,
    MAX_FUZZY_TERMS,
    MAX_HISTOGRAM_BUCKETS,
    MAX_PREFIX_TERMS,
    MAX_QUERY_TERMS,
    MIN_PREFIX_CHARS,
)

pytestmark = pytest.mark.es

BOMB = " ".join(["xxxxxx~2"] * 111)  # 998 characters: tripped Elasticsearch's circuit breaker (503)


class Recorder(Forwarder):
    """Forwards to Elasticsearch and records ``(path, body)`` of every ``_search``; a search waits
    ``delay`` seconds before its answer."""

    def respond(self, body):
        path = urlsplit(self.path).path
        if path.endswith("/_search"):
            with self.lock:
                self.searches.append((path, json.loads(body or b"{}")))
            time.sleep(self.delay)
        super().respond(body)


@pytest.fixture(scope="module")
def corpus(es_url):
    with corpus_index(es_url) as (es, settings):
        yield settings


@pytest.fixture
def recorded(corpus):
    """``(TestClient, Recorder class)``: the API reads Elasticsearch through a recording proxy."""
    with running(Recorder, corpus.es_url, searches=[], delay=0.0, lock=threading.Lock()) as (url, rec):
        with TestClient(create_app(corpus.replace(es_url=url))) as client:
            yield client, rec


@pytest.fixture(scope="module")
def api(corpus):
    with TestClient(create_app(corpus)) as client:
        yield client


def test_fuzzy_bomb_is_a_clear_400_and_never_reaches_elasticsearch(recorded):
    client, rec = recorded
    r = client.get("/search", params={"q": BOMB})
    assert r.status_code == 400
    assert r.json()["error"] == "query too complex: query has 111 fuzzy terms (word~), at most 3"
    assert client.get("/quotes", params={"about": BOMB}).status_code == 400
    assert client.get("/export", params={"q": BOMB}).status_code == 400
    assert rec.searches == []
    # the proxy does see searches: a normal query goes through it
    assert client.get("/search", params={"q": "putin~1"}).status_code == 200
    assert len(rec.searches) == 1


def _status(api, **params) -> tuple[int, str]:
    r = api.get("/search", params=params)
    return r.status_code, r.json().get("error", "")


@pytest.mark.parametrize("ok, too_much, limit", [
    (" ".join(["putin~"] * MAX_FUZZY_TERMS), " ".join(["putin~"] * (MAX_FUZZY_TERMS + 1)), "fuzzy terms"),
    ("p" * MAX_FUZZY_CHARS + "~2", "p" * (MAX_FUZZY_CHARS + 1) + "~2", "fuzzy term"),
    (" ".join(["pu*"] * MAX_PREFIX_TERMS), " ".join(["pu*"] * (MAX_PREFIX_TERMS + 1)), "prefix terms"),
    ("p" * MIN_PREFIX_CHARS + "*", "p" * (MIN_PREFIX_CHARS - 1) + "*", "needs at least"),
    (" ".join(["putin"] * MAX_QUERY_TERMS), " ".join(["putin"] * (MAX_QUERY_TERMS + 1)), "words"),
    ("普" * MAX_QUERY_TERMS, "普" * (MAX_QUERY_TERMS + 1), "words"),
    ("|".join(["putin"] * MAX_QUERY_TERMS), "|".join(["putin"] * (MAX_QUERY_TERMS + 1)), "words"),
])
def test_query_text_limits_at_the_boundary(api, ok, too_much, limit):
    assert _status(api, q=ok)[0] == 200
    status, error = _status(api, q=too_much)
    assert status == 400 and error.startswith("query too complex:") and limit in error


def test_operators_inside_words_and_phrases_are_not_over_counted(api):
    # '*' and '~' that are no operators cost nothing and are not counted against the caps
    assert _status(api, q="*" * 50)[0] == 200
    assert _status(api, q='"trade talks"~3 ~1 a*b')[0] == 200


def test_leading_wildcards_are_off(api):
    assert api.get("/search", params={"q": "puti*"}).json()["total"] == 3
    r = api.get("/search", params={"q": "*utin"})  # read as the word 'utin', never as a wildcard
    assert r.status_code == 200 and r.json()["total"] == 0


def test_filter_values_are_capped_in_all(api):
    half = MAX_FILTER_VALUES // 2
    filters = [f"persons:p{i}" for i in range(half)] + [f"locations:l{i}" for i in range(MAX_FILTER_VALUES - half)]
    assert api.get("/search", params={"filter": filters}).status_code == 200
    r = api.get("/search", params={"filter": [*filters, "site:x"]})
    assert r.status_code == 400 and r.json()["error"].startswith("query too complex: too many values in filters")


def test_histogram_buckets_are_capped(api):
    start = "2000-01-01"
    last_ok = "2027-05-18"  # 2000-01-01 + 9999 days: 10,000 daily buckets
    r = api.get("/search", params={"from": start, "to": last_ok, "interval": "day", "size": 1})
    assert r.status_code == 200 and len(r.json()["histogram"]) == MAX_HISTOGRAM_BUCKETS
    status, error = _status(api, **{"from": start, "to": "2027-05-19", "interval": "day"})
    assert status == 400 and "10001 day buckets" in error
    # a date before the histogram's default start (1990) is no error
    assert _status(api, to="1970-01-01T00:00:00Z")[0] == 200


def test_forged_cursors_are_400_not_backend_errors(api):
    def cursor(values, sort="relevance"):
        return base64.urlsafe_b64encode(json.dumps({"s": sort, "v": values}).encode()).decode().rstrip("=")

    for values in (["x", 1, "a1"], [1.0, "x", "a1"], [1.0, 2**63, "a1"], [None, 1, "a1"], [True, 1, "a1"],
                   [1.0, float("inf"), "a1"]):
        status, error = _status(api, after=cursor(values))
        assert status == 400 and "invalid 'after' cursor" in error, values


def test_every_search_carries_a_time_limit(corpus):
    with running(Recorder, corpus.es_url, searches=[], delay=0.0, lock=threading.Lock()) as (url, rec):
        with TestClient(create_app(corpus.replace(es_url=url, search_timeout=1.5))) as client:
            assert client.get("/search", params={"q": "putin"}).status_code == 200
            assert client.get("/quotes", params={"q": "what did Rex Tillerson say about Russia"}).status_code == 200
            assert client.get("/articles/a1/similar").status_code == 200
    assert len(rec.searches) == 3
    assert [body.get("timeout") for _, body in rec.searches] == ["1500ms"] * 3


def test_a_slow_search_is_cut(corpus):
    # Elasticsearch answers after 6 s; the search may take 0.5 s (+2 s for the answer): 504, not a wait
    with running(Recorder, corpus.es_url, searches=[], delay=6.0, lock=threading.Lock()) as (url, _rec):
        with TestClient(create_app(corpus.replace(es_url=url, search_timeout=0.5))) as client:
            r = client.get("/search", params={"q": "putin"})
    assert r.status_code == 504 and "took too long" in r.json()["error"]


def test_rate_limit_429_then_recovery(corpus):
    app = create_app(corpus.replace(api_rate_limit=60, api_rate_burst=3))  # 1 a second, 3 at once
    with TestClient(app) as client, TestClient(app, client=("10.1.2.3", 4000)) as other:
        assert [client.get("/openapi.json").status_code for _ in range(3)] == [200] * 3
        r = client.get("/search")
        assert r.status_code == 429 and r.headers["retry-after"] == "1"
        assert r.json()["error"].startswith("too many requests: at most 60 a minute per client")
        assert r.headers["x-content-type-options"] == "nosniff"
        assert other.get("/search").status_code == 200  # another client has its own bucket
        time.sleep(float(r.headers["retry-after"]) + 0.05)
        assert client.get("/search").status_code == 200
        assert client.get("/search").status_code == 429


def test_rate_limit_off_when_zero(corpus):
    with TestClient(create_app(corpus.replace(api_rate_limit=0, api_rate_burst=1))) as client:
        assert {client.get("/openapi.json").status_code for _ in range(200)} == {200}


def test_token_buckets():
    now = [0.0]
    buckets = TokenBuckets(per_minute=120, burst=2, clock=lambda: now[0], max_clients=2)
    assert [buckets.take("a"), buckets.take("a")] == [0.0, 0.0]
    assert buckets.take("a") == pytest.approx(0.5)  # 2 a second: the next token in 0.5 s
    now[0] = 0.25
    assert buckets.take("a") == pytest.approx(0.25)  # a refused request takes nothing
    now[0] = 0.5
    assert buckets.take("a") == 0.0
    now[0] = 100.0
    assert [buckets.take("a"), buckets.take("a"), buckets.take("a")] == [0.0, 0.0, pytest.approx(0.5)]
    buckets.take("b")
    buckets.take("c")  # a third client: the least recently seen one ('a') is forgotten
    assert buckets.take("a") == 0.0


@pytest.mark.parametrize("host, key", [
    ("192.0.2.7", "192.0.2.7"),
    ("2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64"),
    ("2001:db8:1:2:bbbb::9", "2001:db8:1:2::/64"),  # one /64, one client
    ("::ffff:192.0.2.7", "192.0.2.7"),
])
def test_client_key(host, key):
    assert client_key({"client": (host, 1234)}) == key
