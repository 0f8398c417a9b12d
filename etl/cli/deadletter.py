"""``news-etl deadletter list|replay [PATH]``: documents Elasticsearch refused at load."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from etl.core.obs import progress
from etl.core.settings import Settings
from etl.core.staging import read_jsonl
from etl.index.client import client
from etl.index.deadletter import find, replay, summarize

ENTRY_FIELDS = ("id", "index", "status", "reason", "detail", "when")


def deadletter(args: argparse.Namespace, settings: Settings) -> int:
    """List the dead-letter files (``args.path``, else every one) or replay them.

    Prints one JSON line per file. Returns 0, or 1 when entries remain after a replay.
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


def _list(files: list[Path], entries: bool) -> None:
    for path in files:
        print(json.dumps(summarize(path), sort_keys=True))
        if entries:
            for entry in read_jsonl(path):
                print(json.dumps({k: entry.get(k) for k in ENTRY_FIELDS}))


def _replay(files: list[Path], settings: Settings) -> int:
    """Replay every file; return how many entries still fail."""
    remaining = 0
    es = client(settings)
    try:
        for path in files:
            with progress(desc=f"replay {path.name}") as bar:
                info = replay(es, path, settings, progress=bar)
            remaining += info["failed"]
            print(json.dumps(info, sort_keys=True))
    finally:
        es.close()
    return remaining
