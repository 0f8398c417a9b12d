"""Migrate the benchmark alias to the current mapping while the API is being searched.

Starts the API (uvicorn) on the alias, runs searches from two threads, runs
``etl.index.versions.migrate`` (next version, copy, verify, atomic swap, old index deleted) and
reports the number of searches, failures and distinct totals seen.

    NEWS_ETL_ES_URL=http://127.0.0.1:9299 .venv/bin/python bench/search/migrate_live.py
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
import time
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))
sys.path.insert(0, str(HERE))

from run import _free_port, start_api  # noqa: E402

from etl.core.settings import Settings  # noqa: E402
from etl.index.client import client  # noqa: E402
from etl.index.versions import migrate  # noqa: E402


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--alias", default=os.environ.get("NEWS_ETL_BENCH_ALIAS", "bench-articles"))
    args = p.parse_args(argv)
    settings = Settings.from_env(index_alias=args.alias)
    es = client(settings, request_timeout=300)
    port = _free_port()
    proc = start_api(settings, port)
    stop = threading.Event()
    stats = {"searches": 0, "failures": 0, "totals": set(), "errors": []}
    lock = threading.Lock()

    def searcher(q):
        with httpx.Client(timeout=30) as http:
            while not stop.is_set():
                try:
                    r = http.get(f"http://127.0.0.1:{port}/search", params={"q": q, "facet": ["persons", "site"]})
                    ok = r.status_code == 200
                    total = r.json().get("total") if ok else None
                except httpx.HTTPError as exc:
                    ok, total = False, repr(exc)
                with lock:
                    stats["searches"] += 1
                    if ok:
                        stats["totals"].add((q, total))
                    else:
                        stats["failures"] += 1
                        stats["errors"].append(str(total)[:200])

    threads = [threading.Thread(target=searcher, args=(q,)) for q in ("putin", "")]
    for t in threads:
        t.start()
    try:
        time.sleep(1)
        report = migrate(es, settings, delete_old=True)
        time.sleep(1)
    finally:
        stop.set()
        for t in threads:
            t.join()
        proc.terminate()
        proc.wait(10)
    print(json.dumps(report, indent=2))
    print(f"migrate_live: searches={stats['searches']} failures={stats['failures']} "
          f"totals={sorted(stats['totals'], key=str)} index={report['index']} seconds={report['seconds']}")
    return 1 if stats["failures"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
