"""Fault tests with real processes, no mocks: an Elasticsearch node stopped (by pid) in the
middle of a load and restarted, and a fetch server that answers garbage, hangs or resets
connections. Zero documents lost, zero duplicated.

The node stopped here is our own (a free port in 9270-9298, its own data folder under the
ES cache, 256 MB heap), never the shared test (9250) or dev (9299) node.
"""

from __future__ import annotations

import gzip
import os
import socket
import struct
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from test_e2e import BIN, _airflow_env, airflow_home  # noqa: F401 - airflow_home is a fixture
from test_load import make_articles, stage_articles

from etl.core.errors import TransientError
from etl.core.records import FetchedPage
from etl.core.settings import Settings
from etl.core.shards import shard_inputs
from etl.core.staging import StageWriter, read_jsonl, run_dir
from etl.dev import esserver, samples
from etl.index.client import client
from etl.pipeline import clean_stage, discover_stage, fetch_stage, load_stage

pytestmark = [pytest.mark.es, pytest.mark.slow]
FAULT_PORTS = range(9270, 9299)  # http port; the transport port is +100. Never 9250 (tests) or 9299 (dev).
N_DOCS = 10_000


# --------------------------------------------------------------------------- Elasticsearch faults
@pytest.fixture(scope="module")
def fault_node():
    """Settings of a private node on FAULT_PORT (started here, stopped at the end)."""
    port = int(os.environ.get("NEWS_ETL_FAULT_ES_PORT") or _free_port_pair())
    settings = Settings.from_env(es_url=f"http://127.0.0.1:{port}", es_heap="256m")
    if esserver.health(settings.es_url):
        pytest.skip(f"port {port} is already used by another Elasticsearch; set NEWS_ETL_FAULT_ES_PORT")
    esserver.start(settings)
    try:
        yield settings
    finally:
        esserver.stop(settings)


def _free_port_pair() -> int:
    """A random port of FAULT_PORTS whose http and transport ports are both free (so that two
    test sessions on one machine never stop each other's node)."""
    port = esserver.free_port(FAULT_PORTS)
    if port is None:
        pytest.skip("no free port pair for a private Elasticsearch node")
    return port


@pytest.fixture
def fault_settings(fault_node, tmp_path):
    alias = f"f{os.getpid()}{int(time.time() * 1000) % 10**8}-articles"
    settings = fault_node.replace(index_alias=alias, staging_dir=str(tmp_path / "staging"), es_max_retries=1,
                                  es_request_timeout=10.0, bulk_chunk_size=100)
    yield settings
    esserver.start(settings)  # whatever the test did, leave the node up and clean
    es = client(settings)
    es.options(ignore_status=404).indices.delete(index=f"{alias}*", expand_wildcards="all")
    es.options(ignore_status=404).indices.delete_index_template(name=alias)
    es.close()


def _count(settings) -> int:
    """Documents indexed so far (a refresh first: the article index refreshes only every 30 s by itself)."""
    es = client(settings.replace(es_max_retries=0))
    try:
        es.options(ignore_status=404).indices.refresh(index=settings.index_alias)
        return es.options(ignore_status=404).count(index=settings.index_alias).body.get("count", 0)
    except Exception:  # noqa: BLE001 - node going down: nothing to count
        return -1
    finally:
        es.close()


def _assert_complete(settings, articles) -> None:
    """Every input document is in the index exactly once (one index behind the alias, ``_id`` unique)."""
    es = client(settings)
    try:
        es.indices.refresh(index=settings.index_alias)
        indices = list(es.indices.get_alias(name=settings.index_alias).body)
        assert len(indices) == 1, indices
        assert es.count(index=settings.index_alias)["count"] == len(articles)
        ids = [a.article.doc_id for a in articles]
        for i in range(0, len(ids), 5000):
            docs = es.mget(index=settings.index_alias, ids=ids[i:i + 5000], _source=False)["docs"]
            missing = [d["_id"] for d in docs if not d["found"]]
            assert not missing, f"{len(missing)} documents lost"
    finally:
        es.close()


def _load_in_thread(settings, path):
    outcome: dict = {}

    def run():
        try:
            outcome["summary"] = load_stage(settings, path)
        except Exception as exc:  # noqa: BLE001 - the test inspects it
            outcome["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, outcome


def _stop_when_loading(settings, thread, at_least: int = 500) -> int:
    """Wait until some documents are visible but the load is still running, then stop the node."""
    deadline = time.monotonic() + 120
    seen = 0
    while time.monotonic() < deadline and thread.is_alive():
        seen = _count(settings)
        if seen >= at_least:
            break
        time.sleep(0.2)
    assert thread.is_alive(), "the load finished before the node could be stopped: raise N_DOCS"
    assert esserver.stop(settings)
    return seen


def test_node_stopped_mid_load_then_restarted_nothing_lost_nothing_duplicated(fault_settings):
    """1. The node is stopped (SIGTERM by pid) in the middle of a load: the load resumes a
    couple of times, then the task fails with TransientError (Airflow retries it).
    2. The retry starts while the node is still down: it backs off; the node is restarted
    with its data; the same call resumes and finishes.
    Then every input document is in the index exactly once; a third run changes nothing."""
    articles = make_articles(N_DOCS, prefix="stop")
    path = stage_articles(fault_settings, articles)

    first = fault_settings.replace(load_retries=1, load_backoff=0.2)
    thread, outcome = _load_in_thread(first, path)
    seen = _stop_when_loading(first, thread)
    thread.join(timeout=120)
    assert isinstance(outcome.get("error"), TransientError), outcome
    assert 0 < seen < N_DOCS

    retry = fault_settings.replace(load_retries=12, load_backoff=1.0, load_max_backoff=8.0)
    thread, outcome = _load_in_thread(retry, path)
    time.sleep(2)
    assert thread.is_alive(), outcome  # backing off while the node is down, not failed
    esserver.start(retry)  # the node comes back with its data (partial load)
    thread.join(timeout=240)
    assert "error" not in outcome, outcome
    summary = outcome["summary"]
    assert summary.count == N_DOCS and summary.rejected == 0
    _assert_complete(fault_settings, articles)

    load_stage(fault_settings, path)  # a rerun of the task overwrites by _id
    _assert_complete(fault_settings, articles)


@pytest.mark.airflow
def test_real_airflow_task_retry_rides_out_an_elasticsearch_outage(fault_settings, airflow_home):  # noqa: F811
    """``airflow dags test``: the node is down when the load task runs, the task fails with
    TransientError, Airflow retries it (exponential backoff) while the node restarts, the
    run succeeds and each sample page is indexed once."""
    settings = fault_settings
    esserver.stop(settings)
    date = "2024-08-01T00:00:00+00:00"
    with samples.serve() as base:
        env = _airflow_env(airflow_home, NEWS_ETL_ES_URL=settings.es_url, NEWS_ETL_INDEX_ALIAS=settings.index_alias,
                           NEWS_ETL_STAGING_DIR=settings.staging_dir, NEWS_ETL_SAMPLES_URL=base,
                           NEWS_ETL_TASK_RETRIES="8", NEWS_ETL_LOAD_RETRIES="0", NEWS_ETL_ES_MAX_RETRIES="0")
        proc = subprocess.Popen([str(BIN / "airflow"), "dags", "test", "news_ingest", date], env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        annotated = Path(settings.staging_dir) / "2024-08-01T00-00-00Z" / "shard-00" / "annotate.jsonl.gz"
        deadline = time.monotonic() + 300
        while not annotated.exists() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.5)
        time.sleep(3)  # the load task's first try hits the stopped node
        esserver.start(settings)
        output, _ = proc.communicate(timeout=600)
    assert proc.returncode == 0, output[-4000:]
    assert "TransientError" in output and "up_for_retry" in output.lower(), output[-4000:]
    es = client(settings)
    try:
        es.indices.refresh(index=settings.index_alias)
        hits = es.search(index=settings.index_alias, size=100, _source=["url"])["hits"]["hits"]
    finally:
        es.close()
    urls = [h["_source"]["url"] for h in hits]
    assert len(urls) == len(set(urls)) >= len(samples.PAGES) - 1


# --------------------------------------------------------------------------- fetch server faults
class _FaultHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    hang_seconds = 6.0

    def log_message(self, format, *args):  # noqa: A002
        pass

    def do_GET(self):  # noqa: N802
        path = self.path.split("?")[0]
        if path.startswith("/garbage"):
            body = bytes(range(256)) * 64 + os.urandom(4096)
            self._send(200, body, "text/html; charset=utf-8")
        elif path.startswith("/gzip-lie"):  # claims gzip, is not
            self._send(200, b"\x1f\x8b not really gzip" * 100, "text/html", {"Content-Encoding": "gzip"})
        elif path.startswith("/hang"):
            time.sleep(self.hang_seconds)
            self._send(200, b"<html><body><p>too late</p></body></html>", "text/html")
        elif path.startswith("/reset"):
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()  # RST
            self.close_connection = True
        elif path.startswith("/truncated"):
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.wfile.write(b"<html><body><p>cut short")
            self.wfile.flush()
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
            self.close_connection = True
        elif path.startswith("/error"):
            self._send(503, b"busy", "text/plain")
        elif path.startswith("/empty"):
            self._send(200, b"", "text/html")
        else:
            self._send(404, b"not found", "text/plain")

    def _send(self, status: int, body: bytes, ctype: str, headers: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)


BAD_PATHS = ["garbage/1.html", "gzip-lie/2.html", "hang/3.html", "reset/4.html", "truncated/5.html",
             "error/6.html", "empty/7.html", "missing/8.html"]


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):  # clients hanging up on /hang is expected
        pass


@pytest.fixture
def fault_server():
    server = _QuietServer(("127.0.0.1", 0), _FaultHandler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_fetch_faults_garbage_hang_reset_complete_the_run_with_reasons_counted(fault_server, tmp_path):
    bad = [f"{fault_server}/{p}" for p in BAD_PATHS]
    with samples.serve() as base:
        good = samples.page_urls(base)
        sources = tmp_path / "sources.yaml"
        sources.write_text("sources:\n  - name: faulty\n    kind: urls\n    urls:\n"
                           + "".join(f"      - {u}\n" for u in bad + good), encoding="utf-8")
        settings = Settings.from_env(staging_dir=str(tmp_path / "staging"), sources_file=str(sources),
                                     fetch_timeout=2.0, fetch_retries=1, fetch_backoff=0.1)
        started = time.monotonic()
        date = "2024-05-01T10:00:00+00:00"
        discovered = discover_stage(settings, date)
        (shard,) = shard_inputs(discovered)  # the one shard of the default settings
        fetched = fetch_stage(settings, shard, date)
        cleaned = clean_stage(settings, fetched.path)
    assert time.monotonic() - started < 90  # the hang is cut by the timeout, not waited out

    assert discovered.count == len(bad) + len(good)
    # Nothing disappears: every URL is a page or a counted rejection, at each stage.
    assert fetched.count + fetched.rejected == discovered.count
    assert sum(fetched.reasons.values()) == fetched.rejected
    assert cleaned.count + cleaned.rejected == fetched.count
    reasons = {r["url"]: r["reason"] for r in read_jsonl(Path(fetched.path).with_name("fetch.rejected.jsonl.gz"))}
    reasons.update({r["url"]: r["reason"] for r in read_jsonl(Path(cleaned.path).with_name(
        "clean.rejected.jsonl.gz"))})
    assert set(bad) <= set(reasons), sorted(set(bad) - set(reasons))  # every bad URL has a reason
    assert reasons[f"{fault_server}/hang/3.html"] == "timeout"
    assert reasons[f"{fault_server}/reset/4.html"] == "connection"
    assert reasons[f"{fault_server}/error/6.html"] == "http_503"
    assert reasons[f"{fault_server}/missing/8.html"] == "http_404"
    good_out = {r["url"] for r in read_jsonl(cleaned.path)}
    assert len(good_out) >= len(good) - 1  # the sample pages still go through (one may be too short)
    assert not good_out & set(bad)


def test_garbage_bytes_on_disk_never_break_the_clean_stage(tmp_path):
    """A fetched batch with random binary and mis-encoded pages: all rejected by reason, no crash."""
    folder = run_dir(Settings.from_env(staging_dir=str(tmp_path)), "2024-05-01T10:00:00+00:00")
    pages = [os.urandom(5000), b"\x00" * 3000, gzip.compress(b"<p>zipped</p>" * 100), "<html>é".encode("utf-16")]
    with StageWriter(folder, "fetch") as out:
        for i, content in enumerate(pages):
            out.add(FetchedPage(url=f"http://x/{i}", final_url=f"http://x/{i}", status=200, content=content,
                                content_type="text/html"))
    cleaned = clean_stage(Settings.from_env(staging_dir=str(tmp_path)), str(out.path))
    assert cleaned.count + cleaned.rejected == len(pages)
    assert cleaned.rejected >= 3
