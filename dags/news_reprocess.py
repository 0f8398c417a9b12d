"""news_reprocess: rebuild the index from the raw archive, without network access.

list archive -> clean -> annotate -> load (``REPROCESS_STAGES`` in ``etl.core.staging``).
Run it by hand (no schedule) after a new extractor or model version: the newest archived
copy of every URL is cleaned, annotated and loaded again with the current code. Wiring
only: each task calls ``etl.pipeline.run_step``; heavy libraries are imported inside the tasks.
The load task runs in the pool ``news_etl_load``, like ``news_ingest``'s (``etl.dagkit.LOAD_POOL``).

Environment: the same ``NEWS_ETL_*`` settings and ``news_etl_es`` connection as
``news_ingest`` (see that DAG).
"""

from __future__ import annotations

from datetime import datetime

from airflow.sdk import dag

from etl.core.staging import REPROCESS_STAGES
from etl.dagkit import default_args, stage_task


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
    previous = None
    for name in REPROCESS_STAGES:
        previous = stage_task(name)(previous)


news_reprocess()
