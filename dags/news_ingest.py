"""news_ingest: discover -> fetch -> clean -> annotate -> load -> report, once per interval.

Wiring only: each task calls one ``etl.pipeline`` function. Batches live in the staging
store keyed by the run's logical date; XCom carries the small summary dicts (paths and
counts). Heavy libraries are imported inside the tasks, never at parse time.

Environment: ``NEWS_ETL_SCHEDULE`` (default ``@hourly``; ``none`` for manual only),
``NEWS_ETL_*`` settings (see ``etl/settings.py``), and optionally the Airflow
connection ``news_etl_es`` for the Elasticsearch address and credentials.
"""

from __future__ import annotations

import os
from datetime import datetime

from airflow.sdk import dag, task

from etl.dagkit import default_args, fail_fast, run_date, run_id, task_settings

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
    def discover() -> dict:
        from etl.pipeline import discover_stage

        return discover_stage(task_settings(), run_date())

    @task
    @fail_fast
    def fetch(discovered: dict) -> dict:
        from etl.pipeline import fetch_stage

        return fetch_stage(task_settings(), discovered["path"], run_date())

    @task
    @fail_fast
    def clean(fetched: dict) -> dict:
        from etl.pipeline import clean_stage

        return clean_stage(task_settings(), fetched["path"])

    @task
    @fail_fast
    def annotate(cleaned: dict) -> dict:
        from etl.pipeline import annotate_stage

        return annotate_stage(task_settings(), cleaned["path"], run_id())

    @task
    @fail_fast
    def load(annotated: dict) -> dict:
        from etl.pipeline import load_stage

        return load_stage(task_settings(), annotated["path"], run_id())

    @task
    @fail_fast
    def report(discovered: dict, fetched: dict, cleaned: dict, annotated: dict, loaded: dict) -> dict:
        from etl.pipeline import report_stage

        summaries = {"discover": discovered, "fetch": fetched, "clean": cleaned, "annotate": annotated,
                     "load": loaded}
        return report_stage(task_settings(), run_date(), summaries, run_id())

    discovered = discover()
    fetched = fetch(discovered)
    cleaned = clean(fetched)
    annotated = annotate(cleaned)
    report(discovered, fetched, cleaned, annotated, load(annotated))


news_ingest()
