"""What every news-etl DAG file shares: retry policy, task settings, the run's date, stage tasks.

Imported at DAG parse time, so it stays light: standard library and ``etl.core`` only.
Airflow (an optional extra, ``news-etl[airflow]``) is imported inside the functions that
need it, and ``etl.pipeline`` (heavy: parsers, spaCy, the Elasticsearch client) only inside
running tasks.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from etl.core.errors import ConfigError, LoadFailed
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
        from airflow.sdk import Connection  # noqa: PLC0415 - optional extra, only inside a running task

        conn = Connection.get(ES_CONN_ID)
    except Exception:  # connection not defined: keep NEWS_ETL_ES_URL / defaults
        return settings
    return settings.with_es_url(conn.get_uri().replace("elasticsearch://", "http://", 1))


def run_date() -> str:
    """The running task's logical date (a manual run without one: its run_after), ISO 8601."""
    from airflow.sdk import get_current_context  # noqa: PLC0415 - optional extra, only inside a running task

    ctx = get_current_context()
    when = ctx.get("logical_date") or ctx["dag_run"].run_after
    return when.isoformat()


def run_id() -> str:
    """The running task's DAG run id (goes into logs and the documents' provenance)."""
    from airflow.sdk import get_current_context  # noqa: PLC0415 - optional extra, only inside a running task

    return get_current_context()["run_id"]


def fail_fast(func: Callable) -> Callable:
    """Task decorator: ``ConfigError`` and ``LoadFailed`` end the task at once, without the
    retries that ``TransientError`` and other errors get (retrying cannot help them)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (ConfigError, LoadFailed) as exc:
            from airflow.sdk.exceptions import AirflowFailException  # noqa: PLC0415 - optional extra

            raise AirflowFailException(f"{type(exc).__name__}: {exc}") from exc

    return wrapper


def stage_task(name: str) -> Callable:
    """The Airflow task running stage ``name`` of ``etl.pipeline`` (see ``etl.pipeline.run_step``).

    Input: a stage name of ``INGEST_STAGES`` / ``REPROCESS_STAGES``. Output: a TaskFlow task
    (task id ``name``) taking the previous task's summary dict (XCom; ``None`` for a first
    stage) and returning its own summary dict. ``ConfigError``/``LoadFailed`` fail it at once.
    """
    from airflow.sdk import task  # noqa: PLC0415 - optional extra, only in DAG files

    @task(task_id=name)
    @fail_fast
    def stage(previous: dict | None = None) -> dict:
        from etl.pipeline import Run, run_step  # noqa: PLC0415 - parse-time: heavy, only in a running task

        run = Run(task_settings(), run_date(), run_id())
        return run_step(name, run, previous["path"] if previous else "").to_dict()

    return stage
