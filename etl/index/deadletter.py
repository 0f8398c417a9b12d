"""The dead-letter store: documents Elasticsearch refused, kept whole so they can be replayed.

One gzipped JSON-lines file per load, by default ``<staging run dir>/load.failed.jsonl.gz``
(or ``<settings.deadletter_dir>/<run key>.failed.jsonl.gz``). One entry per refused
document::

    {"id": "<_id>", "index": "<alias or index written to>", "concrete_index": "<alias-v1>",
     "status": 400, "reason": "document_parsing_exception", "detail": "...",
     "when": "2026-...Z", "run_id": "...", "source": {... the _source sent ...}}

Files are written to a temporary name and renamed (a crashed load leaves the previous
file intact; a successful rerun replaces it, possibly with an empty file).

``news-etl deadletter list [PATH]`` prints the files with counts by reason;
``news-etl deadletter replay [PATH]`` re-sends every entry through the same loader
(:func:`etl.index.load.bulk_load_actions`): what now succeeds is indexed and removed, what
still fails stays in the file with its new reason.
"""

from __future__ import annotations

import gzip
import json
import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from etl.core.errors import ConfigError
from etl.core.settings import Settings

FILE_NAME = "load.failed.jsonl.gz"
SUFFIX = ".failed.jsonl.gz"


class DeadLetterWriter:
    """Streams dead-letter entries to ``path`` (atomic rename on a clean exit)."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.count = 0
        self.reasons: Counter = Counter()
        self._tmp = self.path.with_name(self.path.name + f".tmp{os.getpid()}")
        self._fh = None

    def __enter__(self) -> DeadLetterWriter:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._fh = gzip.open(self._tmp, "wt", encoding="utf-8", compresslevel=3)
        return self

    def add(self, entry: dict) -> None:
        self.count += 1
        self.reasons[entry.get("reason", "unknown")] += 1
        self._fh.write(json.dumps(entry, ensure_ascii=False, separators=(",", ":"), default=str) + "\n")

    def __exit__(self, exc_type, exc, tb) -> None:
        self._fh.close()
        if exc_type is None:
            self._tmp.replace(self.path)
        else:
            self._tmp.unlink(missing_ok=True)


def read(path: str | Path) -> Iterator[dict]:
    """Yield the entries of one dead-letter file (streaming)."""
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def path_for(settings: Settings, run_folder: str | Path) -> Path:
    """Dead-letter file of the run whose staging folder is ``run_folder``."""
    run_folder = Path(run_folder)
    if settings.deadletter_dir:
        return Path(settings.deadletter_dir) / f"{run_folder.name}{SUFFIX}"
    return run_folder / FILE_NAME


def find(settings: Settings, target: str | None = None) -> list[Path]:
    """Dead-letter files: ``target`` (a file, or a folder searched recursively), else every
    file under ``settings.deadletter_dir`` and ``settings.staging_dir``. Raises ConfigError
    when ``target`` does not exist."""
    if target:
        path = Path(target)
        if path.is_file():
            return [path]
        if not path.is_dir():
            raise ConfigError(f"no dead-letter file or folder at {path}")
        roots = [path]
    else:
        roots = [Path(p) for p in (settings.deadletter_dir, settings.staging_dir) if p]
    found: set[Path] = set()
    for root in roots:
        if root.is_dir():
            found.update(p for p in root.rglob(f"*{SUFFIX}") if p.is_file())
    return sorted(found)


def summarize(path: str | Path) -> dict:
    """``{"path", "count", "reasons": {reason: n}}`` of one file."""
    reasons = Counter(e.get("reason", "unknown") for e in read(path))
    return {"path": str(path), "count": sum(reasons.values()), "reasons": dict(reasons)}


def replay(es, path: str | Path, settings: Settings, progress=None) -> dict:
    """Re-index every entry of ``path``; keep only what still fails (file rewritten atomically).

    The alias of each entry is created first if it no longer exists (same mapping file).
    Returns ``{"path", "replayed", "indexed", "failed", "reasons"}``. Raises TransientError
    when Elasticsearch stays unreachable (the file is then left unchanged).
    """
    from etl.index.load import bulk_load_actions
    from etl.index.versions import ensure_index

    path = Path(path)
    total, indices = 0, set()
    for entry in read(path):
        total += 1
        indices.add(entry["index"])
    for index in sorted(indices):  # never let a replay auto-create an unmapped index named like the alias
        ensure_index(es, settings.replace(index_alias=index))
    if progress is not None:
        progress.reset(total=total)

    def _actions():
        for entry in read(path):
            yield {"_op_type": "index", "_index": entry["index"], "_id": entry["id"], "_source": entry["source"]}

    with DeadLetterWriter(path) as out:
        result = bulk_load_actions(es, _actions(), settings, out, progress=progress)
    return {"path": str(path), "replayed": total, "indexed": result.indexed, "failed": result.failed,
            "reasons": dict(result.reasons)}


def cli(args, settings: Settings) -> int:
    """``news-etl deadletter list|replay [PATH]``: exit 0, or 1 when entries remain after replay."""
    from etl.core.obs import progress

    files = find(settings, args.path)
    if args.action == "list":
        for path in files:
            info = summarize(path)
            print(json.dumps(info, sort_keys=True))
            if args.verbose_entries:
                for entry in read(path):
                    print(json.dumps({k: entry.get(k) for k in ("id", "index", "status", "reason", "detail", "when")}))
        if not files:
            print("no dead letters")
        return 0
    from etl.index.client import client

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
    if not files:
        print("no dead letters")
    return 1 if remaining else 0
