"""cp_probe: news_ingest's shape (discover -> a task group of four tasks mapped over 2 shards -> report)
with tasks that only sleep, so that what a run costs beyond its tasks is Airflow's alone: the control
plane's CPU and the waits between tasks (``bench/scale/control_plane.py``)."""

from __future__ import annotations

import os
import time
from datetime import datetime

from airflow.sdk import dag, task, task_group

SLEEP = float(os.environ.get("CP_PROBE_SLEEP", "12"))  # s each shard task sleeps
STAGES = ("fetch", "clean", "annotate", "load")


def stage(name: str):
    """A shard task called ``name`` that sleeps SLEEP s and hands its input on."""

    @task(task_id=name)
    def run(previous: dict) -> dict:
        time.sleep(SLEEP)
        return previous

    return run


@dag(dag_id="cp_probe", schedule=None, start_date=datetime(2024, 1, 1), catchup=False, max_active_runs=1)
def cp_probe():
    @task
    def discover() -> list[dict]:
        return [{"shard": 0}, {"shard": 1}]

    @task
    def report(last: list[dict]) -> int:
        return len(last)

    @task_group(group_id="shard", prefix_group_id=False)
    def shard(previous: dict):
        for name in STAGES:
            previous = stage(name)(previous)
        return previous

    report(shard.expand(previous=discover()))


cp_probe()
