"""news_ingest under the real Airflow scheduler: ``airflow standalone`` (api-server, scheduler,
dag-processor, triggerer, LocalExecutor) on SQLite. The DAG is unpaused and a run for one
hourly interval is triggered; the scheduler queues its tasks and the executor runs them."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from etl.dagkit import load_pool_command
from etl.dev import samples

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
pytestmark = [pytest.mark.airflow, pytest.mark.slow]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _airflow(env, *args) -> str:
    return subprocess.run([str(BIN / "airflow"), *args], env=env, capture_output=True, text=True,
                          check=True, timeout=120).stdout


def _wait(predicate, timeout: float, what: str, log: Path):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(2)
    raise AssertionError(f"timed out waiting for {what}; log tail:\n{log.read_text()[-3000:]}")


@pytest.fixture
def standalone(tmp_path, es_settings):
    """A running ``airflow standalone`` with the project's DAGs; stopped (whole group) afterwards."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW", "NEWS_ETL"))}
    env.update(
        PATH=f"{BIN}:{env.get('PATH', '')}", AIRFLOW_HOME=str(tmp_path / "airflow"),
        AIRFLOW__CORE__DAGS_FOLDER=str(ROOT / "dags"), AIRFLOW__CORE__LOAD_EXAMPLES="False",
        AIRFLOW__CORE__PARALLELISM="2", AIRFLOW__API__PORT=str(port),
        AIRFLOW__CORE__EXECUTION_API_SERVER_URL=f"http://127.0.0.1:{port}/execution/",
        AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL="5", AIRFLOW__SCHEDULER__SCHEDULER_HEARTBEAT_SEC="2",
        NEWS_ETL_ES_URL=es_settings.es_url, NEWS_ETL_INDEX_ALIAS=es_settings.index_alias,
        NEWS_ETL_STAGING_DIR=es_settings.staging_dir, NEWS_ETL_RETRY_DELAY_SECONDS="2",
        NEWS_ETL_FETCH_ALLOWED_NETWORKS="127.0.0.1/32",  # the samples are served on loopback
    )
    log = tmp_path / "standalone.log"
    with samples.serve() as base, log.open("w") as out:
        env["NEWS_ETL_SAMPLES_URL"] = base
        proc = subprocess.Popen([str(BIN / "airflow"), "standalone"], env=env, stdout=out,
                                stderr=subprocess.STDOUT, start_new_session=True)
        try:
            yield env, log
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
            subprocess.run(["pkill", "-9", "-g", str(proc.pid)], check=False)


def _try(env, *args) -> str:
    """``airflow ARGS`` output, or '' while standalone is still starting (DB not migrated yet)."""
    try:
        return _airflow(env, *args)
    except subprocess.CalledProcessError:
        return ""


def _runs(env) -> list[dict]:
    """The DAG's runs as dicts (the CLI may print warnings before its JSON line)."""
    lines = [ln for ln in _try(env, "dags", "list-runs", "news_ingest", "-o", "json").splitlines()
             if ln.startswith("[")]
    try:
        return json.loads(lines[-1]) if lines else []
    except json.JSONDecodeError:
        return []


def test_scheduler_runs_news_ingest(standalone, es_settings, es):
    env, log = standalone
    _wait(lambda: "news_ingest" in _try(env, "dags", "list", "-o", "plain"), 180, "DAG parsed", log)
    _airflow(env, *load_pool_command()[1:])  # the load tasks' pool: without it they are never scheduled
    _airflow(env, "dags", "unpause", "news_ingest")
    _airflow(env, "dags", "trigger", "news_ingest", "--logical-date", "2024-05-01T10:00:00+00:00")
    runs = _wait(lambda: [r for r in _runs(env) if r["run_id"].startswith("manual__")
                          and r["state"] in ("success", "failed")], 420, "the triggered run to finish", log)
    assert runs[0]["state"] == "success", log.read_text()[-3000:]
    assert all(r["state"] != "failed" for r in _runs(env))  # a scheduled run may also have started
    assert es.count(index=es_settings.index_alias)["count"] >= len(samples.PAGES) - 1
