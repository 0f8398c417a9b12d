"""What every news-etl DAG file shares: retry policy, task settings, the run's date.

Imported at DAG parse time, so it stays light: standard library and ``etl.core.settings``
only; Airflow's task SDK is imported inside the functions that run in a task.
"""

from __future__ import annotations

import functools
import os
from datetime import timedelta

from etl.core.settings import Settings

ES_CONN_ID = os.environ.get("NEWS_ETL_ES_CONN_ID", "news_etl_es")


def default_args(retries: int = 3) -> dict:
    """Task defaults: retries (``NEWS_ETL_TASK_RETRIES``) with exponential backoff from
    ``NEWS_ETL_RETRY_DELAY_SECONDS`` (default 20 s) up to 10 minutes."""
    return {
        "retries": int(os.environ.get("NEWS_ETL_TASK_RETRIES", str(retries))),
        "retry_delay": timedelta(seconds=int(os.environ.get("NEWS_ETL_RETRY_DELAY_SECONDS", "20"))),
        "retry_exponential_backoff": True,
        "max_retry_delay": timedelta(minutes=10),
    }


def task_settings() -> Settings:
    """Settings for a running task: the environment, overlaid with the Airflow connection
    ``NEWS_ETL_ES_CONN_ID`` (default ``news_etl_es``) when it is defined.

    Raises ConfigError when the connection's address is not http(s).
    """
    settings = Settings.from_env()
    try:
        from airflow.sdk import Connection

        conn = Connection.get(ES_CONN_ID)
    except Exception:  # connection not defined: keep NEWS_ETL_ES_URL / defaults
        return settings
    return settings.with_es_url(conn.get_uri().replace("elasticsearch://", "http://", 1))


def run_date() -> str:
    """The running task's logical date (a manual run without one: its run_after), ISO 8601."""
    from airflow.sdk import get_current_context

    ctx = get_current_context()
    when = ctx.get("logical_date") or ctx["dag_run"].run_after
    return when.isoformat()


def run_id() -> str:
    """The running task's DAG run id (goes into logs and the documents' provenance)."""
    from airflow.sdk import get_current_context

    return get_current_context()["run_id"]


def fail_fast(func):
    """Task decorator: ``ConfigError`` and ``LoadFailed`` end the task at once, without the
    retries that ``TransientError`` and other errors get (retrying cannot help them)."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        from etl.core.errors import ConfigError, LoadFailed

        try:
            return func(*args, **kwargs)
        except (ConfigError, LoadFailed) as exc:
            from airflow.sdk.exceptions import AirflowFailException

            raise AirflowFailException(f"{type(exc).__name__}: {exc}") from exc

    return wrapper
