"""news_reprocess: rebuild the index from the raw archive, without network access.

list archive -> clean -> annotate -> load. Run it by hand (no schedule) after a new
extractor or model version: the newest archived copy of every URL is cleaned, annotated
and loaded again with the current code. Wiring only: each task calls one
``etl.pipeline`` function; heavy libraries are imported inside the tasks.

Environment: the same ``NEWS_ETL_*`` settings and ``news_etl_es`` connection as
``news_ingest`` (see that DAG).
"""

from __future__ import annotations

from datetime import datetime

from airflow.sdk import dag, task

from etl.dagkit import default_args, fail_fast, run_date, run_id, task_settings


@dag(
    dag_id="news_reprocess",
    schedule=None,
    start_date=datetime(2024, 1, 1),
    catchup=False,
    max_active_runs=1,
    default_args=default_args(),
    tags=["news-etl"],
    doc_md=__doc__,
)
def news_reprocess():
    @task
    @fail_fast
    def list_archive() -> dict:
        from etl.pipeline import reprocess_list_stage

        return reprocess_list_stage(task_settings(), run_date())

    @task
    @fail_fast
    def clean(listed: dict) -> dict:
        from etl.pipeline import clean_stage

        return clean_stage(task_settings(), listed["path"])

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

    load(annotate(clean(list_archive())))


news_reprocess()
