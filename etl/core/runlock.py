"""One run at a time per staging folder: an advisory lock file beside the run's batches.

Every stage of a run writes into ``<storage root>/<run key>/`` (:func:`etl.core.staging.run_dir`).
Two runs of the same logical date at once (two ``news-etl ingest``, or one beside the
DAG's run) would overwrite each other's batches mid-way. So:

- ``news-etl ingest`` / ``reprocess`` (:func:`etl.pipeline.run_once`, ``reprocess_once``)
  hold an **exclusive** lock for the whole run and refuse at once when the folder is
  in use, saying who uses it (pid, host, command, since: written into the lock file).
- Each stage (:func:`etl.pipeline.run_step`, what the DAG tasks call) holds a **shared**
  lock for its duration: the shards of one run work side by side, but not beside an
  exclusive holder; a stage waits for one at most ``lock_wait`` seconds, then raises
  :class:`RunLocked` (a TransientError: Airflow retries the task).

The lock is ``fcntl.flock`` on ``<run folder>/.lock``: the kernel drops it when its process
ends, however it ends, so there is never a stale lock to clean up. Within one process the
lock is re-entrant (a run's stages inside ``run_once``). flock needs a local file: when the
run folder is on object storage (``storage_url``) the lock file is
``<staging_dir>/_locks/<run key>.lock`` on this machine, which keeps apart the runs of
*this machine* only; several hosts sharing one bucket rely on Airflow (one DAG run per
logical date) and must not start manual runs of a date the scheduler is running.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import IO

from etl.core.errors import TransientError
from etl.core.settings import Settings
from etl.core.staging import run_dir, run_key

POLL_SECONDS = 0.2
_held: dict[str, list] = {}  # lock path -> [open file, exclusive, depth]: this process's locks
_held_guard = threading.Lock()


class RunLocked(TransientError):
    """The run folder is in use by another run (or, for a stage, by an exclusive run)."""


def lock_path(settings: Settings, logical_date: str) -> Path:
    """The lock file of the run at ``logical_date``: ``<run folder>/.lock`` when the run folder
    is local, else ``<staging_dir>/_locks/<run key>.lock`` (this machine only)."""
    folder = run_dir(settings, logical_date)
    if isinstance(folder, Path):
        return folder / ".lock"
    local = Path(settings.staging_dir) / "_locks"
    local.mkdir(parents=True, exist_ok=True)
    return local / f"{run_key(logical_date)}.lock"


@contextmanager
def run_lock(settings: Settings, logical_date: str, *, exclusive: bool = False, what: str = "",
             wait: float = 0.0) -> Iterator[Path]:
    """Hold the lock of the run at ``logical_date`` for the block (see the module doc).

    Input: settings, the run's logical date, ``exclusive`` (a whole run) or shared (one
    stage), ``what`` holds it (written into the file by an exclusive holder, for the message
    of whoever is refused), ``wait`` seconds to wait for the lock (0: refuse at once).
    Output: the lock file's path. Errors: RunLocked naming the other holder.
    """
    path = lock_path(settings, logical_date)
    key = str(path.resolve())
    with _held_guard:
        mine = _held.get(key)
        if mine is not None and (mine[1] or not exclusive):
            mine[2] += 1
        else:
            mine = None
    if mine is not None:  # this process holds it already (a stage inside run_once)
        try:
            yield path
        finally:
            with _held_guard:
                mine[2] -= 1
        return
    fh = _acquire(path, exclusive, what, wait)
    with _held_guard:
        _held[key] = [fh, exclusive, 1]
    try:
        yield path
    finally:
        with _held_guard:
            del _held[key]
        _release(fh, exclusive)


def _acquire(path: Path, exclusive: bool, what: str, wait: float) -> IO[str]:
    """Open and lock ``path``, polling for ``wait`` seconds. Raises RunLocked."""
    fh = open(path, "a+", encoding="utf-8")  # noqa: SIM115 - kept open while the lock is held
    deadline = time.monotonic() + max(0.0, wait)
    while True:
        try:
            fcntl.flock(fh, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            if time.monotonic() >= deadline:
                holder = _holder(path, patience=1.0)
                fh.close()
                raise RunLocked(_message(path, holder, what, wait)) from None
            time.sleep(POLL_SECONDS)
    fh.seek(0)
    fh.truncate()  # no exclusive holder now: whatever the file says is history
    if exclusive:
        fh.write(json.dumps(_me(what)))
        fh.flush()
    return fh


def _release(fh: IO[str], exclusive: bool) -> None:
    if exclusive:
        fh.seek(0)
        fh.truncate()
        fh.flush()
    fcntl.flock(fh, fcntl.LOCK_UN)
    fh.close()


def _me(what: str) -> dict:
    return {"pid": os.getpid(), "host": socket.gethostname(), "command": what or " ".join(sys.argv[:3]),
            "since": datetime.now(timezone.utc).isoformat(timespec="seconds")}


def _holder(path: Path, patience: float = 0.0) -> dict | None:
    """Who holds ``path`` exclusively, as written into it; None for shared holders. An
    exclusive holder writes itself in just after taking the lock, so an empty or half-written
    file is read again for up to ``patience`` seconds."""
    deadline = time.monotonic() + patience
    while True:
        try:
            found = json.loads(path.read_text(encoding="utf-8") or "null")
        except (OSError, ValueError):
            found = None
        if found is not None or time.monotonic() >= deadline:
            return found
        time.sleep(0.05)


def _message(path: Path, holder: dict | None, what: str, wait: float) -> str:
    folder = path.parent if path.name == ".lock" else path.with_suffix("")
    who = (f"{holder['command']!r} (pid {holder['pid']} on {holder['host']}, since {holder['since']})"
           if holder else "the stages of another run (e.g. the news_ingest DAG's tasks)")
    waited = f" after waiting {wait:.0f}s" if wait > 0 else ""
    return (f"{what or 'this run'} refused{waited}: the run folder {folder} is in use by {who}; "
            "wait until it ends or choose another --logical-date")
