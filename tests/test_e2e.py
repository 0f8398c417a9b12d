"""End to end: the sample corpus served on 127.0.0.1, the news_ingest DAG run by real
Airflow (``airflow dags test``) against the real Elasticsearch, then a faceted search."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from etl.dev import samples

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
pytestmark = [pytest.mark.airflow, pytest.mark.slow]


@pytest.fixture(scope="module")
def airflow_home(tmp_path_factory):
    """A private AIRFLOW_HOME with a migrated SQLite metadata DB."""
    home = tmp_path_factory.mktemp("airflow")
    env = _airflow_env(home)
    subprocess.run([str(BIN / "airflow"), "db", "migrate"], env=env, check=True, capture_output=True)
    return home


def _airflow_env(home: Path, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW", "NEWS_ETL"))}
    env.update(AIRFLOW_HOME=str(home), AIRFLOW__CORE__DAGS_FOLDER=str(ROOT / "dags"),
               AIRFLOW__CORE__LOAD_EXAMPLES="False", NEWS_ETL_RETRY_DELAY_SECONDS="1", **extra)
    return env


def run_dag(home: Path, settings, base_url: str, logical_date: str, dag_id: str = "news_ingest"):
    """Run ``airflow dags test`` for one logical date; return the completed process."""
    env = _airflow_env(home, NEWS_ETL_ES_URL=settings.es_url, NEWS_ETL_INDEX_ALIAS=settings.index_alias,
                       NEWS_ETL_STAGING_DIR=settings.staging_dir, NEWS_ETL_SAMPLES_URL=base_url)
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
