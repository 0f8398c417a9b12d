"""Retries with backoff on 429 / 5xx: a real proxy in front of the real node answers some bulk
requests with 429 or 503 and marks some documents of a real response as 429 (rejected
execution). The load still ends with every document indexed once and nothing dead-lettered."""

from __future__ import annotations

import json
import threading
from contextlib import ExitStack

import pytest
from esproxy import Forwarder, running
from test_load import ids_in_index, make_articles, stage_articles

from etl.core.errors import TransientError
from etl.pipeline import load_stage

pytestmark = pytest.mark.es
JSON_HEADERS = [("Content-Type", "application/json"), ("X-Elastic-Product", "Elasticsearch")]


class _Flaky(Forwarder):
    """Follows ``plan``, one entry per bulk request: "429" or "503" (answered here), "items429"
    (forwarded, then 3 of its documents reported as rejected with 429) or "ok"."""

    plan: list[str] = []
    lock = threading.Lock()
    bulk_calls = 0

    def respond(self, body):
        action = self._next_action() if "_bulk" in self.path else "ok"
        if action in ("429", "503"):
            err = {"error": {"type": "es_rejected_execution_exception" if action == "429" else "unavailable",
                             "reason": "injected by the test"}, "status": int(action)}
            return self.reply(int(action), json.dumps(err).encode(), JSON_HEADERS)
        status, data, headers = self.forward(body)
        if action == "items429":  # the documents were indexed, but we tell the client 3 were rejected
            doc = json.loads(data)
            for item in doc["items"][:3]:
                op = next(iter(item.values()))
                op.update(status=429, error={"type": "es_rejected_execution_exception", "reason": "injected"})
                op.pop("result", None)
            doc["errors"] = True
            data = json.dumps(doc).encode()
        self.reply(status, data, headers)

    def _next_action(self) -> str:
        with self.lock:
            cls = type(self)
            cls.bulk_calls += 1
            return cls.plan[cls.bulk_calls - 1] if cls.bulk_calls <= len(cls.plan) else "ok"


@pytest.fixture
def flaky(es_url):
    """Start a flaky proxy with a plan: returns (proxy URL, handler class with ``bulk_calls``)."""
    with ExitStack() as stack:
        yield lambda plan: stack.enter_context(
            running(_Flaky, es_url, plan=plan, bulk_calls=0, lock=threading.Lock()))


def test_429_and_503_are_retried_with_backoff_and_nothing_is_lost(flaky, es_settings, es):
    url, handler = flaky(["429", "503", "items429", "ok", "items429", "429"])
    settings = es_settings.replace(es_url=url, bulk_chunk_size=40, es_max_retries=0, load_backoff=0.05,
                                   load_retries=8)
    articles = make_articles(200)
    summary = load_stage(settings, stage_articles(settings, articles))
    assert summary.count == 200 and summary.rejected == 0
    assert summary.extra["rounds"] >= 3  # whole-request 429/503 and per-document 429 each cost a round
    assert handler.bulk_calls > 200 // 40
    ids = ids_in_index(es, es_settings.index_alias)
    assert sorted(ids) == sorted(a.article.doc_id for a in articles)


def test_persistent_429_gives_up_with_a_transient_error_not_dead_letters(flaky, es_settings):
    url, _ = flaky(["429"] * 100)
    settings = es_settings.replace(es_url=url, es_max_retries=0, load_backoff=0.01, load_retries=2)
    with pytest.raises(TransientError, match="rerun the task"):
        load_stage(settings, stage_articles(settings, make_articles(10)))
