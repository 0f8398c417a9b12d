"""news_reindex: rebuild the article index from the current mapping file, then swap the alias.

Manual only (``schedule=None``). Wiring only: each task calls one ``etl.pipeline.reindex_*`` function.

plan -> build (create ``<alias>-v<N+1>`` from ``mappings/articles.json`` and copy every
document) -> verify (refresh, compare counts; the new index is dropped on a mismatch) ->
swap (one atomic ``_aliases`` call). Searches keep using the old index until the swap.
``news_ingest`` may keep running: build takes the migration lock (``etl.index.locks``), verify
and swap adopt it, swap releases it; loads wait for it meanwhile, so no update is lost.

Environment: ``NEWS_ETL_*`` settings; ``NEWS_ETL_REINDEX_DELETE_OLD=1`` deletes the older
versions after the swap (default: kept for rollback); optionally the Airflow connection
``news_etl_es``.
"""

from __future__ import annotations

import os
from datetime import datetime

from airflow.sdk import dag, task

from etl.dagkit import default_args, fail_fast, task_settings

DELETE_OLD = os.environ.get("NEWS_ETL_REINDEX_DELETE_OLD", "0").lower() in ("1", "true", "yes")


@dag(
    dag_id="news_reindex",
    schedule=None,
    start_date=datetime(2024, 1, 1),
    catchup=False,
    max_active_runs=1,
    default_args=default_args(retries=2),
    tags=["news-etl"],
    doc_md=__doc__,
)
def news_reindex():
    @task
    @fail_fast
    def plan() -> dict:
        from etl.pipeline import reindex_plan  # noqa: PLC0415 - parse-time

        return reindex_plan(task_settings())

    @task(retries=0)
    @fail_fast
    def build(_plan: dict) -> dict:
        from etl.pipeline import reindex_build  # noqa: PLC0415 - parse-time

        return reindex_build(task_settings())

    @task
    @fail_fast
    def verify(built: dict) -> dict:
        from etl.pipeline import reindex_verify  # noqa: PLC0415 - parse-time

        return reindex_verify(task_settings(), built)

    @task
    @fail_fast
    def swap(verified: dict) -> dict:
        from etl.pipeline import reindex_swap  # noqa: PLC0415 - parse-time

        return reindex_swap(task_settings(), verified, delete_old=DELETE_OLD)

    swap(verify(build(plan())))


news_reindex()
