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
from urllib.parse import urlsplit, urlunsplit

from etl.core.errors import ConfigError, LoadFailed
from etl.core.settings import Settings

ES_CONN_ID = os.environ.get("NEWS_ETL_ES_CONN_ID", "news_etl_es")
S3_CONN_ID = os.environ.get("NEWS_ETL_S3_CONN_ID", "news_etl_s3")  # an 'aws' connection: object storage
STATE_CONN_ID = os.environ.get("NEWS_ETL_STATE_CONN_ID", "news_etl_state")  # a 'postgres' connection: shared state
LOAD_POOL = os.environ.get("NEWS_ETL_LOAD_POOL", "news_etl_load")
"""The Airflow pool every bulk load task runs in: it caps the loads running at once (all DAGs,
all shards). Create it before the scheduler runs a DAG: :func:`load_pool_command`."""


def default_args(retries: int = 3) -> dict:
    """Task defaults: retries (``NEWS_ETL_TASK_RETRIES``) with exponential backoff from
    ``NEWS_ETL_RETRY_DELAY_SECONDS`` (default 20 s) up to 10 minutes."""
    return {
        "retries": int(os.environ.get("NEWS_ETL_TASK_RETRIES", str(retries))),
        "retry_delay": timedelta(seconds=int(os.environ.get("NEWS_ETL_RETRY_DELAY_SECONDS", "20"))),
        "retry_exponential_backoff": True,
        "max_retry_delay": timedelta(minutes=10),
    }


def load_pool_command(settings: Settings | None = None, airflow: str = "airflow") -> list[str]:
    """The command creating (or resizing) the pool :data:`LOAD_POOL` with
    ``settings.load_pool_slots`` slots (``NEWS_ETL_LOAD_POOL_SLOTS``, default 2):
    ``airflow pools set news_etl_load 2 "..."``. A task in a pool that does not exist is never
    scheduled (``airflow dags test`` ignores pools)."""
    slots = (settings or Settings.from_env()).load_pool_slots
    return [airflow, "pools", "set", LOAD_POOL, str(slots), "news-etl: bulk loads into Elasticsearch at once"]


def task_settings() -> Settings:
    """Settings for a running task: the environment, overlaid with the Airflow connections
    that are defined: ``NEWS_ETL_ES_CONN_ID`` (default ``news_etl_es``: Elasticsearch),
    ``NEWS_ETL_S3_CONN_ID`` (``news_etl_s3``, type aws: access key, secret, extra
    ``endpoint_url``/``region_name``) and ``NEWS_ETL_STATE_CONN_ID`` (``news_etl_state``,
    type postgres: the shared state database).

    Raises ConfigError when the Elasticsearch address is not http(s) or the state one not PostgreSQL.
    """
    settings = Settings.from_env()
    es = _connection(ES_CONN_ID)
    if es is not None:
        settings = settings.with_es_url(es_connection_url(es, settings))
    s3 = _connection(S3_CONN_ID)
    if s3 is not None:
        settings = settings.with_s3_connection(s3.login or "", s3.password or "", s3.extra_dejson)
    state = _connection(STATE_CONN_ID)
    if state is not None:
        settings = settings.with_state_url(state.get_uri())
    return settings


def es_connection_url(conn: Any, settings: Settings) -> str:
    """The Elasticsearch address (with credentials) of the Airflow connection ``conn``.

    The scheme: type ``https`` -> https; type ``http`` -> its Schema field when that is http or
    https (as Airflow's HTTP connections use it), else http; any other type (``elasticsearch``,
    ``generic``) -> its extra ``scheme``, else the scheme of ``settings.es_url``, so a connection
    saved with host, port, login and password keeps the environment's TLS (and its CA,
    ``NEWS_ETL_ES_CA_CERTS``). Output: ``scheme://login:password@host:port``.
    """
    parts = urlsplit(conn.get_uri())
    if conn.conn_type in ("http", "https"):
        scheme = conn.schema if conn.conn_type == "http" and conn.schema in ("http", "https") else conn.conn_type
        path = "" if conn.schema in ("http", "https") else parts.path
    else:
        scheme = conn.extra_dejson.get("scheme") or urlsplit(settings.es_url).scheme or "http"
        path = parts.path
    return urlunsplit((scheme, parts.netloc, path.rstrip("/"), "", ""))


def _connection(conn_id: str) -> Any:
    """The Airflow connection ``conn_id``, or None when it is not defined (or outside Airflow)."""
    try:
        from airflow.sdk import Connection  # noqa: PLC0415 - optional extra, only inside a running task

        return Connection.get(conn_id)
    except Exception:  # connection not defined: keep the environment / defaults
        return None


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


_TASK_ARGS: dict[str, dict[str, Any]] = {"load": {"pool": LOAD_POOL}}  # caps the bulk loads running at once


def stage_task(name: str) -> Callable:
    """The Airflow task running stage ``name`` of ``etl.pipeline`` (see ``etl.pipeline.run_step``).

    Input: a stage name of ``INGEST_STAGES`` / ``REPROCESS_STAGES``. Output: a TaskFlow task
    (task id ``name``) taking the previous task's summary dict (XCom; ``None`` for a first
    stage; only its ``path`` is read, so a shard's entry of discover's ``shards`` will do)
    and returning its own summary dict. ``ConfigError``/``LoadFailed`` fail it at once.
    ``load`` runs in the pool :data:`LOAD_POOL`. (The sharded ``discover`` of ``news_ingest``
    is :func:`discover_task`.)
    """
    from airflow.sdk import task  # noqa: PLC0415 - optional extra, only in DAG files

    @task(task_id=name, **_TASK_ARGS.get(name, {}))
    @fail_fast
    def stage(previous: dict | None = None) -> dict:
        from etl.pipeline import Run, run_step  # noqa: PLC0415 - parse-time: heavy, only in a running task

        run = Run(task_settings(), run_date(), run_id())
        return run_step(name, run, previous["path"] if previous else "").to_dict()

    return stage


def discover_task() -> Callable:
    """The ``discover`` task of ``news_ingest`` (see ``etl.pipeline.discover_stage``).

    Output: a TaskFlow task (task id ``discover``, no argument) returning the list of its
    shards' summary dicts (each with the ``path`` of the shard's ``discover.jsonl.gz``), which
    the shard tasks are mapped over (Airflow maps over return values only); the run's whole
    discover summary (sources, errors, counts) is pushed as the XCom ``summary``.
    ``ConfigError`` fails it at once.
    """
    from airflow.sdk import get_current_context, task  # noqa: PLC0415 - optional extra, only in DAG files

    @task(task_id="discover")
    @fail_fast
    def discover() -> list[dict]:
        from etl.pipeline import Run, run_step  # noqa: PLC0415 - parse-time: heavy, only in a running task

        summary = run_step("discover", Run(task_settings(), run_date(), run_id())).to_dict()
        get_current_context()["ti"].xcom_push(key="summary", value=summary)
        return summary["shards"]

    return discover
