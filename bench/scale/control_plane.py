"""What Airflow itself costs a run: the control plane's CPU and the waits between tasks, per setting.

    .venv/bin/python bench/scale/control_plane.py [--variant base --variant hb5 ...] [--sleep 12]

Runs ``probe_dags/cp_probe.py`` (news_ingest's shape, discover -> 2 shards x 4 tasks -> report, tasks
that only sleep) on the CeleryExecutor cluster of ``bench/scale/run.py`` (PostgreSQL, Redis, scheduler,
dag-processor, api-server, 2 workers with one slot each, the deployment's settings), once per
``--variant`` (VARIANTS: Airflow settings over the deployment's), after one unmeasured warm-up run.
Prints per variant the run's seconds, the CPU seconds each part of the cluster used during the run
(its own and its reaped children's) and, per task, the wait from the end of its upstream task to its
start, split into the scheduler's part (upstream end -> scheduled) and the executor's (scheduled ->
start: Celery pickup, task process start); and the Celery task durations against the task
instances' (a worker slot held after its task ended). With sleeping tasks these costs are the same
on a quiet or a busy machine, so variants compare in any run.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from bench.scale.run import DEPLOYMENT_AIRFLOW, POLL, _seconds, cpu_seconds, cpu_snapshot  # noqa: E402 - after the path above
from etl.dev.airflow_cluster import AirflowCluster, ClusterServices  # noqa: E402

VARIANTS: dict[str, dict[str, str]] = {  # name -> Airflow settings over the deployment's ("_slots": per worker)
    "base": {},
    "no-pre-ping": {"AIRFLOW__DATABASE__SQL_ALCHEMY_POOL_PRE_PING": "False"},
    "no-row-locks": {"AIRFLOW__SCHEDULER__USE_ROW_LEVEL_LOCKING": "False"},
    "heartbeat-5": {"AIRFLOW__WORKERS__MIN_HEARTBEAT_INTERVAL": "5"},
    "heartbeat-5-slots-2": {"AIRFLOW__WORKERS__MIN_HEARTBEAT_INTERVAL": "5", "_slots": "2"},
    "idle-sleep-0.5": {"AIRFLOW__SCHEDULER__SCHEDULER_IDLE_SLEEP_TIME": "0.5"},
    # task states through Redis (the broker's server, database 1) instead of PostgreSQL
    "redis-results": {"AIRFLOW__CELERY__RESULT_BACKEND": "{broker_db_1}"},
}


def waits(tis: list[dict]) -> list[tuple[str, float, float]]:
    """(task, upstream end -> scheduled s, scheduled -> start s) of every task with an upstream task in
    its chain (the same map index, or the last to end of the run's tasks before it)."""
    def key(t: dict) -> str:
        return f"{t['task_id']}[{t['map_index']}]" if t["map_index"] >= 0 else t["task_id"]

    done = sorted((t for t in tis if t.get("start_date") and t.get("end_date")), key=lambda t: t["start_date"])
    out = []
    for t in done:
        upstream = [u for u in done if u["end_date"] <= t["scheduled_when"]
                    and (t["map_index"] < 0 or u["map_index"] in (t["map_index"], -1))]
        if upstream:
            last = max(upstream, key=lambda u: u["end_date"])
            out.append((key(t), round(_seconds(last["end_date"], t["scheduled_when"]), 2),
                        round(_seconds(t["scheduled_when"], t["start_date"]), 2)))
    return out


def measure(services: ClusterServices, name: str, index: int, sleep: float) -> dict:
    """One variant: a fresh cluster, a warm-up run, the measured run; its figures."""
    broker = services.airflow_env()["AIRFLOW__CELERY__BROKER_URL"]
    settings = {k: v.replace("{broker_db_1}", broker.rsplit("/", 1)[0] + "/1") for k, v in VARIANTS[name].items()}
    slots = int(settings.pop("_slots", "1"))
    env = {**DEPLOYMENT_AIRFLOW, "AIRFLOW__CORE__DAGS_FOLDER": str(HERE / "probe_dags"),
           "CP_PROBE_SLEEP": str(sleep), **settings}
    home = Path(tempfile.mkdtemp(prefix=f"cp-{name}-"))
    cluster = AirflowCluster(home / "airflow", services, env)
    cluster.migrate()
    try:
        for process in cluster.processes_for(workers=2, concurrency=slots):
            cluster.start(process)
        cluster.wait_ready(180, dag_id="cp_probe")
        cluster.wait_run("cp_probe", cluster.trigger("cp_probe", f"2025-12-31T{index:02d}:00:00+00:00"), poll=POLL)
        before = cpu_snapshot(cluster)
        run_id = cluster.trigger("cp_probe", f"2026-01-01T{index:02d}:00:00+00:00")
        run = cluster.wait_run("cp_probe", run_id, timeout=600, poll=POLL)
        used = {k: round(v, 2) for k, v in sorted(cpu_seconds(before, cpu_snapshot(cluster)).items())}
        tis = cluster.task_instances("cp_probe", run_id)
    finally:
        cluster.stop_all()
    celery = [float(s) for log in sorted((home / "airflow" / "processes").glob("worker-*.log"))
              for s in re.findall(r"succeeded in ([0-9.]+)s", log.read_text(errors="replace"))]
    return {"variant": name, "state": run["state"], "seconds": round(_seconds(run["start_date"], run["end_date"]), 1),
            "cpu_seconds": {k: v for k, v in used.items() if k != "other"}, "waits": waits(tis),
            "slot_held_s": sorted(round(s - sleep, 2) for s in celery if s > sleep)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--variant", action="append", choices=sorted(VARIANTS), help="repeatable; default: base")
    parser.add_argument("--sleep", type=float, default=12.0, help="seconds each shard task sleeps")
    args = parser.parse_args(argv)
    with ClusterServices() as services:
        for i, name in enumerate(args.variant or ["base"]):
            result = measure(services, name, i, args.sleep)
            sched = [w[1] for w in result["waits"]]
            print(f"{name}: {result['state']} in {result['seconds']} s; cpu s {json.dumps(result['cpu_seconds'])}; "
                  f"end->scheduled mean {sum(sched) / max(1, len(sched)):.2f} s, max {max(sched, default=0):.2f}")
            print(f"  waits (task, end->scheduled, scheduled->start): {result['waits']}")
            print(f"  celery task s beyond the sleep (task start + slot held): {result['slot_held_s']}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
