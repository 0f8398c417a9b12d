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
from datetime import datetime, timedelta

from airflow.sdk import dag, get_current_context, task

SCHEDULE = os.environ.get("NEWS_ETL_SCHEDULE", "@hourly")
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
    dag_id="news_ingest",
    schedule=None if SCHEDULE.lower() == "none" else SCHEDULE,
    start_date=datetime(2024, 1, 1),
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    tags=["news-etl"],
    doc_md=__doc__,
)
def news_ingest():
    @task
    def discover() -> dict:
        from etl.pipeline import discover_stage

        return discover_stage(_settings(), _run_date())

    @task
    def fetch(discovered: dict) -> dict:
        from etl.pipeline import fetch_stage

        return fetch_stage(_settings(), discovered["path"], _run_date())

    @task
    def clean(fetched: dict) -> dict:
        from etl.pipeline import clean_stage

        return clean_stage(_settings(), fetched["path"])

    @task
    def annotate(cleaned: dict) -> dict:
        from etl.pipeline import annotate_stage

        return annotate_stage(_settings(), cleaned["path"], get_current_context()["run_id"])

    @task
    def load(annotated: dict) -> dict:
        from etl.pipeline import load_stage

        return load_stage(_settings(), annotated["path"])

    @task
    def report(discovered: dict, fetched: dict, cleaned: dict, annotated: dict, loaded: dict) -> dict:
        from etl.pipeline import report_stage

        summaries = {"discover": discovered, "fetch": fetched, "clean": cleaned, "annotate": annotated,
                     "load": loaded}
        return report_stage(_settings(), _run_date(), summaries, get_current_context()["run_id"])

    discovered = discover()
    fetched = fetch(discovered)
    cleaned = clean(fetched)
    annotated = annotate(cleaned)
    report(discovered, fetched, cleaned, annotated, load(annotated))


news_ingest()
