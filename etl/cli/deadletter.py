"""``news-etl deadletter list|replay [PATH]``: documents Elasticsearch refused at load."""

from __future__ import annotations

import argparse
import json
import time

from etl.core.obs import print_summary, progress
from etl.core.settings import Settings
from etl.core.staging import StageSummary, read_jsonl
from etl.core.storage import Location
from etl.index.client import client
from etl.index.deadletter import find, replay, summarize

ENTRY_FIELDS = ("id", "index", "status", "reason", "detail", "when")


def deadletter(args: argparse.Namespace, settings: Settings) -> int:
    """List the dead-letter files (``args.path``, else every one) or replay them.

    Prints one JSON line per file (and, after a replay, the summary table on stderr: one
    row per file). Returns 0, or 1 when entries remain after a replay.
    Raises ConfigError when ``args.path`` does not exist, TransientError when
    Elasticsearch stays unreachable during a replay.
    """
    files = find(settings, args.path)
    if not files:
        print("no dead letters")
        return 0
    if args.action == "list":
        _list(files, args.verbose_entries)
        return 0
    return 1 if _replay(files, settings) else 0


def _list(files: list[Location], entries: bool) -> None:
    for path in files:
        print(json.dumps(summarize(path), sort_keys=True))
        if entries:
            for entry in read_jsonl(path):
                print(json.dumps({k: entry.get(k) for k in ENTRY_FIELDS}))


def _replay(files: list[Location], settings: Settings) -> int:
    """Replay every file; return how many entries still fail."""
    rows: list[StageSummary] = []
    es = client(settings)
    try:
        for path in files:
            started = time.monotonic()
            with progress(desc=f"replay {path.name}") as bar:
                info = replay(es, path, settings, progress=bar)
            print(json.dumps(info, sort_keys=True), flush=True)
            rows.append(StageSummary(f"replay {path.parent.name}/{path.name}", str(path), info["indexed"],
                                     info["failed"], info["reasons"],
                                     {"in": info["replayed"], "seconds": round(time.monotonic() - started, 3)}))
    finally:
        es.close()
    print_summary(rows)
    return sum(row.rejected for row in rows)
