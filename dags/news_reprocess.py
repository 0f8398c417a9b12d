"""news_reprocess: rebuild the index from the raw archive, without network access.

list archive -> clean -> annotate -> load. Run it by hand (no schedule) after a new
extractor or model version: the newest archived copy of every URL is cleaned, annotated
and loaded again with the current code. Wiring only: each task calls one
``etl.pipeline`` function; heavy libraries are imported inside the tasks.

Environment: the same ``NEWS_ETL_*`` settings and ``news_etl_es`` connection as
``news_ingest`` (see that DAG).
"""

from __future__ import annotations

import os
from datetime import datetime, timedelta

from airflow.sdk import dag, get_current_context, task

ES_CONN_ID = os.environ.get("NEWS_ETL_ES_CONN_ID", "news_etl_es")
DEFAULT_ARGS = {
    "retries": int(os.environ.get("NEWS_ETL_TASK_RETRIES", "3")),
    "retry_delay": timedelta(seconds=int(os.environ.get("NEWS_ETL_RETRY_DELAY_SECONDS", "20"))),
    "retry_exponential_backoff": True,
    "max_retry_delay": timedelta(minutes=10),
}


def _settings():
    """Settings from the environment, overlaid with the Elasticsearch connection if defined."""
    from etl.settings import Settings

    settings = Settings.from_env()
    try:
        from airflow.sdk import Connection

        conn = Connection.get(ES_CONN_ID)
    except Exception:  # connection not defined: keep NEWS_ETL_ES_URL / defaults
        return settings
    return settings.with_es_url(conn.get_uri().replace("elasticsearch://", "http://", 1))


def _run_date() -> str:
    """The run's logical date (or, for a manual run without one, its run_after), ISO 8601."""
    ctx = get_current_context()
    when = ctx.get("logical_date") or ctx["dag_run"].run_after
    return when.isoformat()


@dag(
    dag_id="news_reprocess",
    schedule=None,
    start_date=datetime(2024, 1, 1),
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    tags=["news-etl"],
    doc_md=__doc__,
)
def news_reprocess():
    @task
    def list_archive() -> dict:
        from etl.pipeline import reprocess_list_stage

        return reprocess_list_stage(_settings(), _run_date())

    @task
    def clean(listed: dict) -> dict:
        from etl.pipeline import clean_stage

        return clean_stage(_settings(), listed["path"])

    @task
    def annotate(cleaned: dict) -> dict:
        from etl.pipeline import annotate_stage

        return annotate_stage(_settings(), cleaned["path"], get_current_context()["run_id"])

    @task
    def load(annotated: dict) -> dict:
        from etl.pipeline import load_stage

        return load_stage(_settings(), annotated["path"], get_current_context()["run_id"])

    load(annotate(clean(list_archive())))


news_reprocess()
