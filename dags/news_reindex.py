"""news_reindex: rebuild the article index from the current mapping file, then swap the alias.

Manual only (``schedule=None``). Wiring only: each task calls one ``etl.index`` function.

plan -> build (create ``<alias>-v<N+1>`` from ``mappings/articles.json`` and copy every
document) -> verify (refresh, compare counts; the new index is dropped on a mismatch) ->
swap (one atomic ``_aliases`` call). Searches keep using the old index until the swap.
Pause ``news_ingest`` while this runs: documents loaded during the copy are not copied
(the count check then fails and nothing is swapped).

Environment: ``NEWS_ETL_*`` settings; ``NEWS_ETL_REINDEX_DELETE_OLD=1`` deletes the older
versions after the swap (default: kept for rollback); optionally the Airflow connection
``news_etl_es``.
"""

from __future__ import annotations

import os
from datetime import datetime, timedelta

from airflow.sdk import dag, task

ES_CONN_ID = os.environ.get("NEWS_ETL_ES_CONN_ID", "news_etl_es")
DELETE_OLD = os.environ.get("NEWS_ETL_REINDEX_DELETE_OLD", "0").lower() in ("1", "true", "yes")
DEFAULT_ARGS = {
    "retries": int(os.environ.get("NEWS_ETL_TASK_RETRIES", "2")),
    "retry_delay": timedelta(seconds=int(os.environ.get("NEWS_ETL_RETRY_DELAY_SECONDS", "20"))),
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


@dag(
    dag_id="news_reindex",
    schedule=None,
    start_date=datetime(2024, 1, 1),
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    tags=["news-etl"],
    doc_md=__doc__,
)
def news_reindex():
    @task
    def plan() -> dict:
        from etl.index import reindex_plan

        return reindex_plan(_settings())

    @task(retries=0)
    def build(_plan: dict) -> dict:
        from etl.index import reindex_build

        return reindex_build(_settings())

    @task
    def verify(built: dict) -> dict:
        from etl.index import reindex_verify

        return reindex_verify(_settings(), built)

    @task
    def swap(verified: dict) -> dict:
        from etl.index import reindex_swap

        return reindex_swap(_settings(), verified, delete_old=DELETE_OLD)

    swap(verify(build(plan())))


news_reindex()
