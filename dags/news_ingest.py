"""news_ingest: discover -> fetch -> clean -> annotate -> load -> report, once per interval.

Wiring only: one task per stage of ``INGEST_STAGES`` (``etl.core.staging``), each calling
``etl.pipeline.run_step``, then the run report. Batches live in the staging store keyed by
the run's logical date; XCom carries the small summary dicts (paths and counts). Heavy
libraries are imported inside the tasks, never at parse time.

Environment: ``NEWS_ETL_SCHEDULE`` (default ``@hourly``; ``none`` for manual only),
``NEWS_ETL_*`` settings (see ``etl/core/settings.py``), and optionally the Airflow
connection ``news_etl_es`` for the Elasticsearch address and credentials.
"""

from __future__ import annotations

import os
from datetime import datetime

from airflow.sdk import dag, task

from etl.core.staging import INGEST_STAGES, StageSummary
from etl.dagkit import default_args, fail_fast, run_date, run_id, stage_task, task_settings

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

        stages = {name: StageSummary.from_dict(summary) for name, summary in summaries.items()}
        return report_stage(task_settings(), run_date(), stages, run_id()).to_dict()

    summaries = {}
    previous = None
    for name in INGEST_STAGES:
        previous = summaries[name] = stage_task(name)(previous)
    report(summaries)


news_ingest()
