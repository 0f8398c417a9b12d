"""End to end: the sample corpus served on 127.0.0.1, the news_ingest DAG run by real
Airflow (``airflow dags test``) against the real Elasticsearch, then a faceted search."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from contextlib import ExitStack
from pathlib import Path

import pytest
from test_shards import spread_sources

from etl.core.staging import read_jsonl, run_dir
from etl.core.urls import host_of
from etl.dagkit import load_pool_command
from etl.dev import samples

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
pytestmark = [pytest.mark.airflow, pytest.mark.slow]


@pytest.fixture(scope="module")
def airflow_home(tmp_path_factory):
    """A private AIRFLOW_HOME with a migrated SQLite metadata DB and the bulk-load pool."""
    home = tmp_path_factory.mktemp("airflow")
    env = _airflow_env(home)
    subprocess.run([str(BIN / "airflow"), "db", "migrate"], env=env, check=True, capture_output=True)
    subprocess.run(load_pool_command(airflow=str(BIN / "airflow")), env=env, check=True, capture_output=True)
    return home


def _airflow_env(home: Path, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW", "NEWS_ETL"))}
    env.update(AIRFLOW_HOME=str(home), AIRFLOW__CORE__DAGS_FOLDER=str(ROOT / "dags"),
               AIRFLOW__CORE__LOAD_EXAMPLES="False", NEWS_ETL_RETRY_DELAY_SECONDS="1",
               NEWS_ETL_FETCH_ALLOWED_NETWORKS="127.0.0.1/32")  # the samples are served on loopback
    env.update(extra)
    return env


def run_dag(home: Path, settings, base_url: str, logical_date: str, dag_id: str = "news_ingest", **extra: str):
    """Run ``airflow dags test`` for one logical date (``extra``: more environment); return the
    completed process."""
    env = _airflow_env(home, NEWS_ETL_ES_URL=settings.es_url, NEWS_ETL_INDEX_ALIAS=settings.index_alias,
                       NEWS_ETL_STAGING_DIR=settings.staging_dir, NEWS_ETL_SAMPLES_URL=base_url, **extra)
    proc = subprocess.run([str(BIN / "airflow"), "dags", "test", dag_id, logical_date], env=env,
                          capture_output=True, text=True, timeout=600)
    log = home / f"{dag_id}-{logical_date[:13]}.log"
    log.write_text(proc.stdout + proc.stderr)
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-4000:]
    return proc


def search_cli(settings, *args: str) -> dict:
    env = dict(os.environ, NEWS_ETL_ES_URL=settings.es_url, NEWS_ETL_INDEX_ALIAS=settings.index_alias)
    out = subprocess.run([str(BIN / "news-etl"), "search", *args, "--json"], env=env, capture_output=True,
                         text=True, check=True)
    return json.loads(out.stdout)


def test_news_ingest_end_to_end_and_rerun_is_idempotent(airflow_home, es_settings, es):
    with samples.serve() as base:
        run_dag(airflow_home, es_settings, base, "2024-05-01T10:00:00+00:00")
        count = es.count(index=es_settings.index_alias)["count"]
        assert count >= len(samples.PAGES) - 1  # every article page, give or take a rejected one

        result = search_cli(es_settings, "Putin Trump APEC", "--facet", "persons")
        assert result["total"] >= 1
        top = result["hits"][0]
        assert top["title"] == "Prospects for Putin-Trump meeting at APEC summit unclear"
        persons = {f["value"] for f in result["facets"]["persons"]}
        assert "Vladimir Putin" in persons

        filtered = search_cli(es_settings, "", "--filter", "persons=Vladimir Putin")
        assert filtered["total"] == 1

        run_dag(airflow_home, es_settings, base, "2024-05-01T10:00:00+00:00")
        assert es.count(index=es_settings.index_alias)["count"] == count


def _task_states(home: Path, logical_date: str) -> list[dict]:
    out = subprocess.run([str(BIN / "airflow"), "tasks", "states-for-dag-run", "news_ingest", logical_date, "-o", "json"],
                         env=_airflow_env(home), capture_output=True, text=True, check=True, timeout=120)
    return json.loads(next(line for line in out.stdout.splitlines() if line.startswith("[")))


def test_news_ingest_in_three_shards_indexes_every_page_once(airflow_home, es_settings, es, tmp_path):
    """NEWS_ETL_SHARDS=3, the sample pages on three hosts: the shard task group is mapped over
    three shards, each host's pages stay in one, the report merges all and accounts for every
    URL, every page is indexed once, and a rerun of the run changes nothing."""
    date = "2024-05-02T10:00:00+00:00"
    hosts = ["127.0.0.1", "127.0.0.2", "127.0.0.3"]
    folder = run_dir(es_settings, date)
    with ExitStack() as stack:
        bases = [stack.enter_context(samples.serve(host=host)) for host in hosts]
        sources = spread_sources(tmp_path / "sources.yaml", bases)
        more = {"NEWS_ETL_SHARDS": "3", "NEWS_ETL_SOURCES_FILE": sources, "NEWS_ETL_FETCH_ALLOWED_NETWORKS": "127.0.0.0/8"}
        run_dag(airflow_home, es_settings, bases[0], date, **more)
        states = _task_states(airflow_home, date)
        report = json.loads((folder / "report.json").read_text())
        shard_hosts = [{host_of(r["url"]) for r in read_jsonl(folder / f"shard-0{i}" / "discover.jsonl.gz")}
                       for i in range(3)]
        annotated = [row["article"]["doc_id"] for i in range(3)
                     for row in read_jsonl(folder / f"shard-0{i}" / "annotate.jsonl.gz")]
        es.indices.refresh(index=es_settings.index_alias)
        hits = es.search(index=es_settings.index_alias, size=100, _source=False)["hits"]["hits"]
        run_dag(airflow_home, es_settings, bases[0], date, **more)

    mapped = sorted((s["task_id"], int(s["map_index"])) for s in states if str(s["map_index"]) not in ("", "-1"))
    assert mapped == sorted((task, i) for task in ("fetch", "clean", "annotate", "load") for i in range(3))
    assert {s["state"] for s in states} == {"success"}
    assert report["accounted"] and report["shards"] == 3
    assert report["totals"]["discovered"] == len(samples.PAGES)
    assert sum(len(h) for h in shard_hosts) == len(hosts)  # each host in one shard
    assert len(annotated) == len(set(annotated)) == report["totals"]["indexed"] >= len(samples.PAGES) - 1
    assert sorted(h["_id"] for h in hits) == sorted(annotated)  # every page indexed once

    rerun = json.loads((folder / "report.json").read_text())
    assert rerun["accounted"] and rerun["totals"]["discovered"] == len(samples.PAGES)
    es.indices.refresh(index=es_settings.index_alias)
    assert es.count(index=es_settings.index_alias)["count"] == len(hits)  # the rerun doubled nothing
