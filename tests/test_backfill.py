"""Real Airflow: a backfill over three hourly intervals plus the same DAG run executed twice
must leave each distinct article page in the index exactly once.

``airflow backfill create`` only creates the runs for a scheduler to execute (Airflow 3),
and no scheduler runs in CI; so the backfill is three ``airflow dags test news_ingest
<logical date>`` runs, which execute the real DAG with its real tasks in order, one
interval each (the same tasks a scheduler would run).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_e2e import airflow_home, run_dag  # noqa: F401 - airflow_home is a fixture

from etl.core.staging import read_jsonl
from etl.dev import samples

pytestmark = [pytest.mark.airflow, pytest.mark.es, pytest.mark.slow]
INTERVALS = ["2024-06-01T00:00:00+00:00", "2024-06-01T01:00:00+00:00", "2024-06-01T02:00:00+00:00"]


def _annotated_ids(staging: str) -> set[str]:
    ids: set[str] = set()
    for path in Path(staging).glob("*/shard-*/annotate.jsonl.gz"):  # every run, every shard
        ids.update(row["article"]["doc_id"] for row in read_jsonl(path))
    return ids


def test_backfill_three_intervals_and_a_rerun_leave_no_duplicates(airflow_home, es_settings, es):  # noqa: F811
    with samples.serve() as base:  # one server: stable URLs, so stable doc ids across runs
        for date in INTERVALS:
            run_dag(airflow_home, es_settings, base, date)
        es.indices.refresh(index=es_settings.index_alias)
        after_backfill = es.count(index=es_settings.index_alias)["count"]
        run_dag(airflow_home, es_settings, base, INTERVALS[1])  # the same DAG run executed twice

    runs = sorted(p.name for p in Path(es_settings.staging_dir).iterdir() if not p.name.startswith("_"))
    assert runs == ["2024-06-01T00-00-00Z", "2024-06-01T01-00-00Z", "2024-06-01T02-00-00Z"]
    expected = _annotated_ids(es_settings.staging_dir)
    assert len(expected) >= len(samples.PAGES) - 1  # every article page, give or take a rejected one

    es.indices.refresh(index=es_settings.index_alias)
    assert es.count(index=es_settings.index_alias)["count"] == after_backfill == len(expected)
    hits = es.search(index=es_settings.index_alias, size=100, _source=["url"], query={"match_all": {}})
    indexed = [h["_id"] for h in hits["hits"]["hits"]]
    assert sorted(indexed) == sorted(expected)
    urls = [h["_source"]["url"] for h in hits["hits"]["hits"]]
    assert len(urls) == len(set(urls))  # one document per page URL
