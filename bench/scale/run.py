"""Scale-out benchmark: news_ingest on Airflow's CeleryExecutor, 2 shards on 2 Celery workers
against 1 shard on 1 worker, same pages, same run.

    .venv/bin/python bench/scale/run.py [--docs 2000] [--hosts 40] [--rounds 1] [--es-url http://127.0.0.1:9200]

1. Builds ``--docs`` varied article pages (``bench/pipeline/corpus.py``, the corpus of
   ``bench/pipeline``: copies of the real pages of ``../shared/bench``, varied per copy), each base
   page copied an even number of times (2,000 pages: the first 500 of the 604 base pages, 4 copies
   each; :func:`paired_bases`), and serves them from ``--hosts`` loopback addresses (one
   ``http.server`` process each), half of them taken from the addresses whose shard
   (``etl.core.shards.shard_of``) is 0, half from those whose shard is 1. Copy k of base page j is
   served by a host of shard (j + k) mod 2 (:func:`write_sources`), so both shards hold the same
   pages, two copies of each: the benchmark measures what a second worker adds, not how evenly a
   hash spreads a few dozen hosts, nor how evenly a few heavy pages fall (with page i on host i mod
   40, shard 0's pages cost 4 % more CPU than shard 1's, and the scaled run waited for it).
2. Starts PostgreSQL (metadata database) and Redis (broker) with ``scripts/cluster/services.sh``
   in a private folder on free ports (``etl.dev.airflow_cluster``).
3. For each configuration, ``scaled`` (``NEWS_ETL_SHARDS=2``, 2 workers) and ``single`` (1 shard,
   1 worker), in the order scaled, single (any warm cache left by the first run helps the
   reference), and with ``--rounds`` > 1 alternating (scaled, single, single, scaled, ...) so
   that a change of the machine's load over time hits both alike;
   a fresh AIRFLOW_HOME, staging folder, fetch/story state and index alias; scheduler,
   dag-processor, api-server and the workers (``--concurrency 1`` each, annotate with one
   spaCy process: ``NEWS_ETL_ANNOTATE_PROCESSES=1``); one run triggered through the REST API;
   the time from the run's start to its end as Airflow records it (discover, every shard,
   report and alerts, with Airflow's own scheduling between tasks); then everything stopped.
4. Beside each run, the reference: how many cores two CPU-bound processes get from the machine
   just before and just after it (:func:`parallelism`; 2.0 on an idle 2-core machine), the
   ceiling of any speedup at that time.
5. Prints a table (run seconds, docs/s, each task's seconds) and the load average before and
   after, writes ``out/results.json``, and ends with the line
   ``scale: workers=2 shards=2 docs/s=.. single_docs/s=.. speedup=.. docs=N``.

docs/s = documents indexed (the run report's ``indexed``) / the run's wall time; with several
rounds, the best run of each configuration (as ``bench/pipeline`` takes the best load trial).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import ExitStack
from datetime import datetime
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path[:0] = [str(ROOT), str(HERE.parent / "pipeline")]

import corpus  # noqa: E402 - bench/pipeline/corpus.py, after the path above

from etl.core.settings import Settings  # noqa: E402
from etl.core.shards import shard_of  # noqa: E402
from etl.dev import samples  # noqa: E402
from etl.dev.airflow_cluster import AirflowCluster, ClusterServices  # noqa: E402
from etl.index.client import client  # noqa: E402

CONFIGS = (("scaled", 2, 2), ("single", 1, 1))  # name, shards, workers
POLL = 5.0  # s between the script's questions about the measured run (≈ 20 ms of api-server CPU each, which
# the run's tasks would pay on a busy machine; the run's seconds are Airflow's own start and end, not the poll's)
DEPLOYMENT_AIRFLOW = {  # Airflow's defaults, as in docker-compose.yml, over the test harness's quicker ones
    "AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL": "300", "AIRFLOW__SCHEDULER__SCHEDULER_HEARTBEAT_SEC": "5",
}
GROUPS = (  # (group, words of a command line that put a process outside Airflow there), first match wins
    ("elasticsearch", ("org.elasticsearch",)), ("postgres", ("postgres",)), ("redis", ("redis-server",)),
    ("page servers", ("http.server",)),
)


def _group(proc: psutil.Process, roots: dict[int, str]) -> str:
    """An Airflow process's group is that of the process the cluster started it under (worker1 and
    worker2 -> ``workers``, their task processes included); others by command line; else ``other``."""
    for ancestor in [proc, *proc.parents()]:
        if ancestor.pid in roots:
            return roots[ancestor.pid]
    line = " ".join(proc.info["cmdline"] or [])
    return next((name for name, words in GROUPS if any(w in line for w in words)), "other")


def cpu_snapshot(cluster: AirflowCluster) -> dict:
    """CPU seconds so far: the machine's busy time (every core) and, per process, its own CPU plus
    that of the children it reaped (a worker's finished task processes), with its group."""
    roots = {p.popen.pid: "workers" if name.startswith("worker") else name
             for name, p in cluster.processes.items() if p.popen is not None}
    machine = psutil.cpu_times()
    procs = {}
    for proc in psutil.process_iter(["cmdline", "cpu_times"]):
        t = proc.info["cpu_times"]
        with contextlib.suppress(psutil.Error):
            if t is not None:
                procs[proc.pid] = (_group(proc, roots), t.user + t.system + t.children_user + t.children_system)
    return {"busy": sum(machine) - machine.idle - getattr(machine, "iowait", 0.0), "procs": procs}


def cpu_use(before: dict, after: dict, wall: float) -> dict[str, float]:
    """Cores used on average during a run: the machine's (``busy``) and each group's (the Airflow
    processes; the workers with their task processes; GROUPS; ``other``: everything else on the
    machine, this script included). A process that ended unreaped during the run is missing."""
    used = {"busy": after["busy"] - before["busy"], **cpu_seconds(before, after)}
    return {k: round(v / wall, 2) for k, v in used.items()}


def cpu_seconds(before: dict, after: dict) -> dict[str, float]:
    """CPU seconds each group of processes (:func:`cpu_snapshot`) used between two snapshots, unrounded."""
    used: dict[str, float] = {}
    for pid, (group, seconds) in after["procs"].items():
        used[group] = used.get(group, 0.0) + seconds - before["procs"].get(pid, (group, 0.0))[1]
    return used


_BURN = "import hashlib, sys\nb = b'x' * 65536\nfor _ in range(int(sys.argv[1])): hashlib.sha256(b).digest()"


def parallelism(rounds: int = 20000) -> float:
    """The reference: how many cores two CPU-bound processes get from the machine right now,
    2 x (the wall time of one process alone) / (the wall time of two at once); 2.0 on an idle
    2-core machine, about 1 when other work already keeps both cores busy."""
    def burn(copies: int) -> float:
        started = time.perf_counter()
        procs = [subprocess.Popen([sys.executable, "-c", _BURN, str(rounds)]) for _ in range(copies)]
        for proc in procs:
            proc.wait()
        return time.perf_counter() - started

    return 2 * burn(1) / burn(2)


def pick_hosts(count: int, shards: int = 2) -> list[list[str]]:
    """``count`` loopback addresses (127.0.1.x upwards), as many in each of the ``shards`` shards:
    one list per shard, in shard order."""
    per_shard = count // shards
    picked: dict[int, list[str]] = {i: [] for i in range(shards)}
    for i in range(1, 255 * 250):
        host = f"127.0.{1 + i // 250}.{1 + i % 250}"
        group = picked[shard_of(f"http://{host}/", shards)]
        if len(group) < per_shard:
            group.append(host)
        if all(len(g) == per_shard for g in picked.values()):
            break
    return list(picked.values())


def paired_bases(docs: int) -> int:
    """How many base pages a corpus of ``docs`` pages uses so that each is copied an even number
    of times (2 shards get the same copies): ceil(docs / copies), copies the least even number with
    docs / copies <= the base pages there are (2,000 pages of the 604 bases: 500 bases x 4)."""
    available = len(corpus.base_pages())
    copies = 2 * -(-docs // (2 * available))
    return -(-docs // copies)


def write_sources(path: Path, groups: list[list[str]], rel: list[str], base_count: int | None = None) -> None:
    """One ``urls`` source. ``groups``: one list of base URLs (served hosts) per shard; page i is copy
    i // B of base page i % B (B = ``base_count``, default every page its own base); copy k of base j
    goes to shard (j + k) mod shards, on that shard's hosts in turn. With an even number of copies
    of every base page, both of 2 shards hold the same pages: the same work, not only as many pages."""
    count = base_count or len(rel)
    turns = [0] * len(groups)
    lines = ["sources:", "  - name: bench", "    kind: urls", "    urls:"]
    for i, r in enumerate(rel):
        copy, base = divmod(i, count)
        shard = (base + copy) % len(groups)
        hosts = groups[shard]
        lines.append(f"      - {hosts[turns[shard] % len(hosts)]}/{r}")
        turns[shard] += 1
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _seconds(start: str, end: str) -> float:
    return (datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds()


def schedule(rounds: int) -> list[tuple[str, int, int]]:
    """The runs in order: CONFIGS, then reversed, and so on (scaled, single, single, scaled...)."""
    return [config for r in range(rounds) for config in (CONFIGS if r % 2 == 0 else CONFIGS[::-1])]


def run_config(services: ClusterServices, work: Path, index: int, config: tuple[str, int, int], env: dict,
               timeout: float) -> dict:
    """Run number ``index`` of ``config``: its own Airflow processes, one triggered run; its figures."""
    name, shards, workers = config
    folder = work / f"{index}-{name}"
    logical_date = f"2026-01-01T{index:02d}:00:00+00:00"
    alias = f"{env['NEWS_ETL_INDEX_ALIAS']}-{index}"
    env = {**env, "NEWS_ETL_SHARDS": str(shards), "NEWS_ETL_STAGING_DIR": str(folder / "staging"),
           "NEWS_ETL_INDEX_ALIAS": alias}
    cluster = AirflowCluster(folder / "airflow", services, env)
    cluster.migrate()
    machine = [parallelism()]
    try:
        cluster.start_all(workers=workers, concurrency=1)
        warm = warm_up(cluster, work, index, timeout)
        before = cpu_snapshot(cluster)
        started = time.monotonic()
        run_id = cluster.trigger("news_ingest", logical_date)
        run = cluster.wait_run("news_ingest", run_id, timeout=timeout, poll=POLL)
        after = cpu_snapshot(cluster)
        cores_used = cpu_use(before, after, _seconds(run["start_date"], run["end_date"]) if run.get("end_date")
                             else time.monotonic() - started)
        tis = cluster.task_instances("news_ingest", run_id)
    finally:
        cluster.stop_all()
    machine.append(parallelism())
    if run["state"] != "success":
        raise SystemExit(f"{name}: the run ended {run['state']}\n{cluster.log_tail()}")
    key = logical_date[:19].replace(":", "-") + "Z"
    report = json.loads((folder / "staging" / key / "report.json").read_text())
    seconds = _seconds(run["start_date"], run["end_date"])
    tasks = {f"{t['task_id']}[{t['map_index']}]" if t["map_index"] >= 0 else t["task_id"]: round(t["duration"], 1)
             for t in tis}
    return {"run": index, "name": name, "shards": shards, "workers": workers, "docs": report["totals"]["indexed"],
            "discovered": report["totals"]["discovered"], "accounted": report["accounted"], "seconds": seconds,
            "docs_per_s": report["totals"]["indexed"] / seconds, "tasks": tasks, "alias": alias,
            "timeline": timeline(run["start_date"], tis), "cores_used": cores_used,
            "parallelism": round(sum(machine) / len(machine), 2), "warm_up_seconds": warm,
            "shard_docs": [s["count"] for s in report["stages"]["load"].get("shards", [report["stages"]["load"]])],
            "stage_seconds": stage_seconds(report)}


def stage_seconds(report: dict) -> dict[str, float]:
    """Per task (``clean[0]``...), the seconds the stage's own code measured (the run report's
    ``seconds``): the rest of a task's duration is Airflow's task start, imports and model loads."""
    found = {}
    for stage, summary in report["stages"].items():
        shards = summary.get("shards")
        for i, part in enumerate(shards or [summary]):
            if part.get("seconds") is not None:
                found[f"{stage}[{i}]" if shards and stage != "discover" else stage] = round(part["seconds"], 1)
    return found


def warm_up(cluster: AirflowCluster, work: Path, index: int, timeout: float) -> float:
    """One unmeasured run of ``news_ingest`` over the bundled sample pages (``warm-sources.yaml``,
    other URLs than the measured pages, an earlier logical date) on a freshly started cluster, then
    the measured pages' sources put in place; its seconds. A long-running deployment's api-server and
    workers are warm: the first task a fresh api-server starts waits ≈ 3 s for it to initialise,
    a cost of starting Airflow, not of a run."""
    active = work / "sources-active.yaml"
    shutil.copyfile(work / "warm-sources.yaml", active)
    run = cluster.wait_run("news_ingest", cluster.trigger("news_ingest", f"2025-12-31T{index:02d}:00:00+00:00"),
                           timeout=timeout)
    if run["state"] != "success":
        raise SystemExit(f"warm-up run ended {run['state']}\n{cluster.log_tail()}")
    shutil.copyfile(work / "sources.yaml", active)
    return round(_seconds(run["start_date"], run["end_date"]), 1)


def timeline(run_start: str, tis: list[dict]) -> list[tuple]:
    """(task, start s, end s, worker host, scheduled s, queued s) of every task instance, seconds from
    the run's start, by start: scheduled -> queued is the scheduler's part of a wait between tasks,
    queued -> start the executor's (Celery pickup, task process start)."""
    def at(stamp: str | None) -> float | None:
        return round(_seconds(run_start, stamp), 1) if stamp else None

    rows = [(f"{t['task_id']}[{t['map_index']}]" if t["map_index"] >= 0 else t["task_id"],
             at(t["start_date"]), at(t["end_date"]), str(t.get("hostname") or ""),
             at(t.get("scheduled_when")), at(t.get("queued_when"))) for t in tis if t.get("start_date") and t.get("end_date")]
    return sorted(rows, key=lambda row: row[1])


def _gap(first: float | None, second: float | None) -> str:
    return "?" if first is None or second is None else f"{second - first:.1f}"


SHARD_TASKS = ("fetch", "clean", "annotate", "load")


def ceiling(single: dict, cores: int) -> dict[str, float]:
    """The most any scaled run could gain over ``single`` on ``cores`` cores, from that run's own
    figures: ``work`` = the core-seconds its processes used (the workers with their tasks, Airflow,
    Elasticsearch, PostgreSQL, Redis, the page servers; not ``other``), ``serial`` = its seconds outside the shard's four
    tasks (discover, report, alerts and Airflow's waits between tasks, which a second worker does
    not shorten). A scaled run doing the same work with the same waits, on every core all the time
    otherwise and with nothing lost to two processes sharing the machine, takes
    ``serial + (work - serial) / cores`` seconds (counting the serial seconds as one busy core each,
    which only raises the bound); ``speedup`` = the single run's seconds / that."""
    work = sum(v for k, v in single["cores_used"].items() if k not in ("busy", "other")) * single["seconds"]
    tasks = sum(v for k, v in single["tasks"].items() if k.split("[")[0] in SHARD_TASKS)
    serial = single["seconds"] - tasks
    bound = serial + (work - serial) / cores
    return {"work": round(work, 1), "serial": round(serial, 1), "seconds": round(bound, 1),
            "speedup": round(single["seconds"] / bound, 3)}


def print_results(results: list[dict], load: tuple[tuple, tuple]) -> None:
    print(f"\nnews-etl scale benchmark: {results[0]['discovered']} pages, {os.cpu_count()} cores, "
          f"load average before {load[0][0]:.2f} {load[0][1]:.2f} {load[0][2]:.2f}, "
          f"after {load[1][0]:.2f} {load[1][1]:.2f} {load[1][2]:.2f}")
    print(f"{'run':3} {'config':8} {'shards':>6} {'workers':>7} {'docs':>6} {'per shard':>12} {'run s':>8} {'docs/s':>8}"
          f" {'machine':>8} {'warm-up s':>9}")
    for r in results:
        print(f"{r['run']:<3} {r['name']:8} {r['shards']:>6} {r['workers']:>7} {r['docs']:>6} "
              f"{'/'.join(map(str, r['shard_docs'])):>12} {r['seconds']:>8.1f} {r['docs_per_s']:>8.2f}"
              f" {r['parallelism']:>8.2f} {r.get('warm_up_seconds', 0):>9.1f}")
    print("machine: cores two CPU-bound processes got just before and after the run (reference; 2.00 when idle)")
    for r in results:
        print(f"  {r['run']} {r['name']} task seconds: " + ", ".join(f"{k} {v}" for k, v in sorted(r["tasks"].items())))
        print(f"  {r['run']} {r['name']} stage seconds (own code; task seconds minus these = task start, imports, "
              "model load): " + ", ".join(f"{k} {v}" for k, v in sorted(r.get("stage_seconds", {}).items())))
        print(f"  {r['run']} {r['name']} timeline (s from the run's start): "
              + ", ".join(f"{task} {start}-{end}" for task, start, end, *_ in r["timeline"]))
        print(f"  {r['run']} {r['name']} waits before each task (s; scheduled->queued, queued->start): "
              + ", ".join(f"{task} {_gap(sched, queued)}/{_gap(queued, start)}"
                          for task, start, _, _, sched, queued in r["timeline"]))
        print(f"  {r['run']} {r['name']} cores used on average over the run (of {os.cpu_count()}): "
              + ", ".join(f"{k} {v:.2f}" for k, v in r["cores_used"].items())
              + f"; work of the run's processes {ceiling(r, 1)['work']} core-s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--hosts", type=int, default=40, help="loopback hosts serving the pages (even)")
    parser.add_argument("--es-url", default=os.environ.get("NEWS_ETL_ES_URL", "http://127.0.0.1:9200"))
    parser.add_argument("--rounds", type=int, default=1, help="runs of each configuration, alternating")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds one run may take")
    parser.add_argument("--out", type=Path, default=HERE / "out")
    args = parser.parse_args()
    load_before = os.getloadavg()
    prefix = f"bench-scale-{uuid.uuid4().hex[:8]}"
    with tempfile.TemporaryDirectory(prefix="news-etl-scale-") as tmp, ExitStack() as stack:
        work = Path(tmp)
        base_count = paired_bases(args.docs)
        rel = corpus.build(work / "pages", args.docs, base_count)
        groups = [[stack.enter_context(corpus.serve(work / "pages", host)) for host in hosts]
                  for hosts in pick_hosts(args.hosts)]
        write_sources(work / "sources.yaml", groups, rel, base_count)
        warm = [[stack.enter_context(samples.serve(host=host)) for host in hosts] for hosts in pick_hosts(2)]
        write_sources(work / "warm-sources.yaml", warm, list(samples.PAGES) * 2,
                      len(samples.PAGES))  # every sample page on both shards
        env = {**DEPLOYMENT_AIRFLOW, "NEWS_ETL_ES_URL": args.es_url, "NEWS_ETL_INDEX_ALIAS": prefix,
               "NEWS_ETL_SOURCES_FILE": str(work / "sources-active.yaml"), "NEWS_ETL_FETCH_ALLOWED_NETWORKS": "127.0.0.0/8",
               "NEWS_ETL_ANNOTATE_PROCESSES": "1", "NEWS_ETL_PROGRESS": "0", "NEWS_ETL_TASK_RETRIES": "1"}
        services = stack.enter_context(ClusterServices())
        started = time.monotonic()
        try:
            results = [run_config(services, work, i, config, env, args.timeout)
                       for i, config in enumerate(schedule(args.rounds))]
        finally:
            with client(Settings.from_env(es_url=args.es_url)) as es:
                es.options(ignore_status=404).indices.delete(index=f"{prefix}*", expand_wildcards="all")
    load_after = os.getloadavg()
    print_results(results, (load_before, load_after))
    scaled, single = (max((r for r in results if r["name"] == name), key=lambda r: r["docs_per_s"])
                      for name, _, _ in CONFIGS)
    speedup = scaled["docs_per_s"] / single["docs_per_s"]
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(json.dumps(
        {"results": results, "speedup": speedup, "load_before": load_before, "load_after": load_after,
         "cores": os.cpu_count(), "wall_seconds": time.monotonic() - started,
         "ceiling": ceiling(single, os.cpu_count() or 1)}, indent=2))
    bound = ceiling(single, os.cpu_count() or 1)
    print(f"ceiling from the best single run: work {bound['work']} core-s, serial {bound['serial']} s -> a scaled run "
          f"takes >= {bound['seconds']} s, speedup <= {bound['speedup']:.2f} (no loss to sharing the cores); "
          f"measured {speedup:.2f} = {speedup / bound['speedup']:.0%} of it")
    print(f"reference: two CPU-bound processes got {scaled['parallelism']:.2f} cores around the best scaled run, "
          f"{single['parallelism']:.2f} around the best single run (2.00 on an idle 2-core machine)")
    print(f"scale: workers={scaled['workers']} shards={scaled['shards']} docs/s={scaled['docs_per_s']:.2f} "
          f"single_docs/s={single['docs_per_s']:.2f} speedup={speedup:.2f} docs={scaled['docs']}")


if __name__ == "__main__":
    main()
