"""The staging store: batches between stages as gzipped JSON lines, keyed by the run's logical date.

Layout: ``<staging_dir>/<run key>/<stage>.jsonl.gz`` for records and
``<stage>.rejected.jsonl.gz`` for rejections. Files are written to a temporary name
and renamed, so a rerun of a task overwrites its output whole (idempotent) and a
crash never leaves a half-written batch behind.
"""

from __future__ import annotations

import gzip
import json
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone
from pathlib import Path

from etl.core.records import Rejection
from etl.core.settings import Settings


def run_key(logical_date: str | datetime) -> str:
    """Folder-safe key of a logical date, in UTC: ``2017-11-09T09-00-00Z``.

    Raises ValueError for a string that is not ISO 8601.
    """
    if isinstance(logical_date, str):
        logical_date = datetime.fromisoformat(logical_date.replace("Z", "+00:00"))
    if logical_date.tzinfo is None:
        logical_date = logical_date.replace(tzinfo=timezone.utc)
    return logical_date.astimezone(timezone.utc).strftime("%Y-%m-%dT%H-%M-%SZ")


def run_dir(settings: Settings, logical_date: str | datetime) -> Path:
    """Staging folder of the run at ``logical_date`` (created if missing)."""
    path = Path(settings.staging_dir) / run_key(logical_date)
    path.mkdir(parents=True, exist_ok=True)
    return path


def write_jsonl(path: Path, rows: Iterable[dict]) -> int:
    """Write dicts to ``path`` (gzipped JSON lines) atomically; return how many were written."""
    tmp = path.with_name(path.name + f".tmp{os.getpid()}")
    count = 0
    with gzip.open(tmp, "wt", encoding="utf-8", compresslevel=3) as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")))
            fh.write("\n")
            count += 1
    tmp.replace(path)
    return count


def read_jsonl(path: str | Path) -> Iterator[dict]:
    """Yield the dicts stored in a gzipped JSON-lines file (streaming)."""
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def read_records(path: str | Path, cls) -> Iterator:
    """Yield records of type ``cls`` stored by :class:`StageWriter` at ``path``."""
    for row in read_jsonl(path):
        yield cls.from_dict(row)


class StageWriter:
    """Writes one stage's output records and rejections, and counts them.

    Use as a context manager; ``add(item)`` takes a record or a Rejection. On a clean
    exit both files are in place; ``summary()`` gives the small dict for XCom.
    """

    def __init__(self, folder: Path, stage: str):
        self.stage = stage
        self.path = folder / f"{stage}.jsonl.gz"
        self.rejected_path = folder / f"{stage}.rejected.jsonl.gz"
        self.count = 0
        self.reasons: Counter = Counter()
        self._tmp = {p: p.with_name(p.name + f".tmp{os.getpid()}") for p in (self.path, self.rejected_path)}

    def __enter__(self) -> StageWriter:
        self._out = gzip.open(self._tmp[self.path], "wt", encoding="utf-8", compresslevel=3)
        self._rej = gzip.open(self._tmp[self.rejected_path], "wt", encoding="utf-8", compresslevel=3)
        return self

    def add(self, item) -> None:
        """Append a record (anything with ``to_dict``) or a Rejection."""
        if isinstance(item, Rejection):
            self.reasons[item.reason] += 1
            self._rej.write(json.dumps(item.to_dict(), ensure_ascii=False) + "\n")
        else:
            self.count += 1
            self._out.write(json.dumps(item.to_dict(), ensure_ascii=False, separators=(",", ":")) + "\n")

    def __exit__(self, exc_type, exc, tb) -> None:
        self._out.close()
        self._rej.close()
        for final, tmp in self._tmp.items():
            if exc_type is None:
                tmp.replace(final)
            else:
                tmp.unlink(missing_ok=True)

    def summary(self, **extra) -> dict:
        """Small dict for XCom: output path, counts, rejection reasons."""
        return {"stage": self.stage, "path": str(self.path), "count": self.count,
                "rejected": sum(self.reasons.values()), "reasons": dict(self.reasons), **extra}
