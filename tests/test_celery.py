"""news_ingest under CeleryExecutor with real processes: PostgreSQL (metadata database and the
shared fetch/story state) and Redis (broker) from ``scripts/cluster/services.sh`` in a private
folder on free ports, then Airflow's scheduler, dag-processor, api-server and two Celery
workers (``etl.dev.airflow_cluster``). A run over the sample pages, served on two loopback
hosts that fall into different shards, is triggered through the REST API with two shards;
it must succeed with both shards' tasks spread over both workers and every page indexed once.
Everything is stopped afterwards.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from contextlib import ExitStack
from pathlib import Path

import pytest
from test_shards import other_shard_host, spread_sources

from etl.core.errors import ConfigError
from etl.core.staging import read_jsonl, run_dir
from etl.dev import samples
from etl.dev.airflow_cluster import AIRFLOW, AirflowCluster, ClusterServices

pytestmark = [pytest.mark.airflow, pytest.mark.es, pytest.mark.slow]
LOGICAL_DATE = "2024-05-03T10:00:00+00:00"
SHARD_TASKS = ("fetch", "clean", "annotate", "load")


@pytest.fixture
def services():
    """PostgreSQL and Redis of services.sh, private to this test; skipped when not installed."""
    if not (shutil.which("redis-server") and list(Path("/usr/lib/postgresql").glob("*/bin/postgres"))):
        pytest.skip("PostgreSQL or Redis not installed: run `scripts/cluster/services.sh install system` as root")
    try:
        with ClusterServices() as started:
            yield started
    except ConfigError as exc:
        pytest.fail(str(exc))


def _workers_of(cluster: AirflowCluster) -> dict[str, set[str]]:
    """Per worker, the task ids it executed (from its log: one line per workload it runs)."""
    found: dict[str, set[str]] = {}
    for name, process in cluster.processes.items():
        if name.startswith("worker"):
            text = process.log.read_text(errors="replace")
            found[name] = set(re.findall(r"task_id='(\w+)'", text))
    return found


def _worker_app_setting(cluster: AirflowCluster, name: str) -> str:
    """``name`` in the Celery app an ``airflow celery worker`` of ``cluster`` runs, as printed."""
    code = f"from airflow.providers.celery.executors.celery_executor_utils import app; print(app.conf.{name})"
    done = subprocess.run([str(AIRFLOW.parent / "python"), "-c", code], env=cluster.base_env(), capture_output=True,
                          text=True, timeout=120, check=True)
    return done.stdout.strip().splitlines()[-1]


def test_news_ingest_runs_on_two_celery_workers(services, es_settings, es, tmp_path):
    hosts = ["127.0.0.1", other_shard_host("127.0.0.1", 2)]  # two hosts, two shards
    with ExitStack() as stack:
        bases = [stack.enter_context(samples.serve(host=host)) for host in hosts]
        env = {"NEWS_ETL_ES_URL": es_settings.es_url, "NEWS_ETL_INDEX_ALIAS": es_settings.index_alias,
               "NEWS_ETL_STAGING_DIR": es_settings.staging_dir, "NEWS_ETL_SHARDS": "2",
               "NEWS_ETL_SOURCES_FILE": spread_sources(tmp_path / "sources.yaml", bases),
               "NEWS_ETL_STATE_URL": f"postgresql://newsetl:newsetl@127.0.0.1:{services.pg_port}/newsetl",
               "NEWS_ETL_FETCH_ALLOWED_NETWORKS": "127.0.0.0/8", "NEWS_ETL_RETRY_DELAY_SECONDS": "2"}
        cluster = AirflowCluster(tmp_path / "airflow", services, env)
        cluster.migrate()
        try:
            cluster.start_all(workers=2, concurrency=1)
            run_id = cluster.trigger("news_ingest", LOGICAL_DATE)
            run = cluster.wait_run("news_ingest", run_id, timeout=240)
            assert run["state"] == "success", cluster.log_tail()
            tis = cluster.task_instances("news_ingest", run_id)
            workers = _workers_of(cluster)
            prefetch_off = _worker_app_setting(cluster, "worker_disable_prefetch")
        finally:
            cluster.stop_all()

    assert prefetch_off == "True"  # etl/celery_config.py via services.sh env: no task waits beside an idle worker

    assert {ti["state"] for ti in tis} == {"success"}
    mapped = sorted((ti["task_id"], ti["map_index"]) for ti in tis if ti["map_index"] >= 0)
    assert mapped == sorted((task, i) for task in SHARD_TASKS for i in range(2))
    assert {ti["pool"] for ti in tis if ti["task_id"] == "load"} == {"news_etl_load"}  # created by migrate()
    assert all(workers.values()) and len(workers) == 2, workers  # both workers ran tasks
    assert set().union(*workers.values()) == {"discover", *SHARD_TASKS, "report", "alerts"}

    folder = run_dir(es_settings, LOGICAL_DATE)
    report = json.loads((folder / "report.json").read_text())
    assert report["accounted"] and report["shards"] == 2 and report["totals"]["discovered"] == len(samples.PAGES)
    assert all(report["stages"]["fetch"]["shards"][i]["count"] > 0 for i in range(2))  # both shards had pages
    annotated = [row["article"]["doc_id"] for i in range(2)
                 for row in read_jsonl(folder / f"shard-0{i}" / "annotate.jsonl.gz")]
    es.indices.refresh(index=es_settings.index_alias)
    hits = es.search(index=es_settings.index_alias, size=100, _source=False)["hits"]["hits"]
    assert sorted(h["_id"] for h in hits) == sorted(annotated) and len(annotated) >= len(samples.PAGES) - 1
