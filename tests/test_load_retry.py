"""Retries with backoff on 429 / 5xx: a real proxy in front of the real node answers some bulk
requests with 429 or 503 and marks some documents of a real response as 429 (rejected
execution). The load still ends with every document indexed once and nothing dead-lettered."""

from __future__ import annotations

import http.client
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest
from test_load import ids_in_index, make_articles, stage_articles

from etl.errors import TransientError
from etl.pipeline import load_stage

pytestmark = pytest.mark.es


class _Flaky(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    upstream: tuple[str, int] = ("127.0.0.1", 9200)
    plan: list[str] = []  # per bulk request: "429", "503", "items429" (forward, then mark items) or "ok"
    lock = threading.Lock()
    bulk_calls = 0

    def log_message(self, format, *args):  # noqa: A002
        pass

    def _forward(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        action = "ok"
        if "_bulk" in self.path:
            with self.lock:
                cls = type(self)
                action = cls.plan[cls.bulk_calls] if cls.bulk_calls < len(cls.plan) else "ok"
                cls.bulk_calls += 1
        if action in ("429", "503"):
            err = {"error": {"type": "es_rejected_execution_exception" if action == "429" else "unavailable",
                             "reason": "injected by the test"}, "status": int(action)}
            return self._reply(int(action), json.dumps(err).encode(), "application/json")
        headers = {k: v for k, v in self.headers.items() if k.lower() != "host"}
        conn = http.client.HTTPConnection(*self.upstream, timeout=60)
        try:
            conn.request(self.command, self.path, body=body, headers=headers)
            resp = conn.getresponse()
            data, status, ctype = resp.read(), resp.status, resp.getheader("Content-Type", "application/json")
        finally:
            conn.close()
        if action == "items429":  # the documents were indexed, but we tell the client 3 were rejected
            doc = json.loads(data)
            for item in doc["items"][:3]:
                op = next(iter(item.values()))
                op.update(status=429, error={"type": "es_rejected_execution_exception", "reason": "injected"})
                op.pop("result", None)
            doc["errors"] = True
            data = json.dumps(doc).encode()
        self._reply(status, data, ctype)

    def _reply(self, status: int, data: bytes, ctype: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("X-Elastic-Product", "Elasticsearch")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _forward  # noqa: N815


@pytest.fixture
def flaky(es_url):
    def start(plan: list[str]):
        parts = urlsplit(es_url)
        handler = type("Flaky", (_Flaky,), {"upstream": (parts.hostname, parts.port), "plan": plan,
                                            "bulk_calls": 0, "lock": threading.Lock()})
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}", handler

    servers: list = []
    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def test_429_and_503_are_retried_with_backoff_and_nothing_is_lost(flaky, es_settings, es):
    url, handler = flaky(["429", "503", "items429", "ok", "items429", "429"])
    settings = es_settings.replace(es_url=url, bulk_chunk_size=40, es_max_retries=0, load_backoff=0.05,
                                   load_retries=8)
    articles = make_articles(200)
    summary = load_stage(settings, stage_articles(settings, articles))
    assert summary["count"] == 200 and summary["failed"] == 0
    assert summary["rounds"] >= 3  # whole-request 429/503 and per-document 429 each cost a round
    assert handler.bulk_calls > 200 // 40
    ids = ids_in_index(es, es_settings.index_alias)
    assert sorted(ids) == sorted(a.article.doc_id for a in articles)


def test_persistent_429_gives_up_with_a_transient_error_not_dead_letters(flaky, es_settings):
    url, _ = flaky(["429"] * 100)
    settings = es_settings.replace(es_url=url, es_max_retries=0, load_backoff=0.01, load_retries=2)
    with pytest.raises(TransientError, match="rerun the task"):
        load_stage(settings, stage_articles(settings, make_articles(10)))
