"""news_ingest: discover -> per shard (fetch -> clean -> annotate -> load) -> report (and alerts).

Wiring only: one task per stage of ``INGEST_STAGES`` (``etl.core.staging``), each calling
``etl.pipeline.run_step``. Discover writes the run's URLs as ``NEWS_ETL_SHARDS`` shards
partitioned by host (``etl.core.shards``); the task group ``shard`` (fetch -> clean ->
annotate -> load) is mapped over them (dynamic task mapping: one instance per shard, each
shard's chain runs as soon as its previous task is done), every load in the pool
``news_etl_load`` (``etl.dagkit.LOAD_POOL``). Then the run report merges every shard and,
beside it, the ``alerts`` task runs the saved searches over the documents the run loaded
(``etl.pipeline.alerts_stage``). Batches live in the staging store keyed by the run's
logical date; XCom carries the small summary dicts (paths and counts). Heavy libraries are
imported inside the tasks, never at parse time.

Environment: ``NEWS_ETL_SCHEDULE`` (default ``@hourly``; ``none`` for manual only),
``NEWS_ETL_*`` settings (see ``etl/core/settings.py``), and optionally the Airflow
connection ``news_etl_es`` for the Elasticsearch address and credentials.
"""

from __future__ import annotations

import os
from datetime import datetime

from airflow.sdk import dag, task, task_group

from etl.core.shards import SHARD_STAGES, per_shard
from etl.dagkit import default_args, discover_task, fail_fast, run_date, run_id, stage_task, task_settings

SCHEDULE = os.environ.get("NEWS_ETL_SCHEDULE", "@hourly")


@dag(
    dag_id="news_ingest",
    schedule=None if SCHEDULE.lower() == "none" else SCHEDULE,
    start_date=datetime(2024, 1, 1),
    catchup=False,
    max_active_runs=1,
    default_args=default_args(),
    tags=["news-etl"],
    doc_md=__doc__,
)
def news_ingest():
    @task
    @fail_fast
    def report(summaries: dict) -> dict:
        from etl.pipeline import report_stage  # noqa: PLC0415 - parse-time

        stages = {name: per_shard(summary) for name, summary in summaries.items()}  # mapped: one per shard
        return report_stage(task_settings(), run_date(), stages, run_id()).to_dict()

    shards = discover_task()()  # one summary dict per shard; the run's discover summary: XCom "summary"
    summaries = {"discover": shards["summary"]}

    @task_group(group_id="shard", prefix_group_id=False)
    def shard(previous: dict):
        for name in SHARD_STAGES:
            previous = summaries[name] = stage_task(name)(previous)

    shard.expand(previous=shards)
    summaries["load"] >> stage_task("alerts")()  # saved searches over this run's documents, beside the report
    report(summaries)


news_ingest()
