"""Incremental fetch state: what was fetched, when, with which validators and content hash.

Kept durably in SQLite under ``settings.state_dir`` (default ``<staging_dir>/_state``).
Writes are two-phase so a failed run never hides pages from the next one:

- the fetch stage :meth:`FetchState.record`\\ s each fetched page as *pending* for its run;
- the final ``report`` task :meth:`FetchState.commit`\\ s the run once it was loaded;
- lookups (:meth:`FetchState.get`) only see committed entries. A rerun of the same run,
  or the next run after a failure, therefore fetches those pages again in full (or
  conditionally against the previous committed validators) and emits them.
"""

from __future__ import annotations

import sqlite3
from dataclasses import astuple, dataclass, fields
from pathlib import Path

from etl.core.settings import Settings

_COLUMNS = "url, source, fetched_at, etag, last_modified, content_hash, status, final_url"
_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS fetch_state ({_COLUMNS.replace(',', ' TEXT,')} TEXT, PRIMARY KEY (url));
CREATE TABLE IF NOT EXISTS pending (run TEXT, {_COLUMNS.replace(',', ' TEXT,')} TEXT, PRIMARY KEY (run, url));
CREATE TABLE IF NOT EXISTS runs (run TEXT PRIMARY KEY, committed_at TEXT, pages INTEGER);
"""


@dataclass(frozen=True)
class StateEntry:
    """The last committed fetch of one URL."""

    url: str
    source: str = ""
    fetched_at: str = ""  # the logical date of the run that fetched it
    etag: str = ""
    last_modified: str = ""
    content_hash: str = ""  # sha256 of the raw body (the archive key)
    status: str = ""
    final_url: str = ""


def state_dir(settings: Settings) -> Path:
    """Folder of the SQLite state files (created if missing)."""
    path = Path(settings.state_dir or Path(settings.staging_dir) / "_state")
    path.mkdir(parents=True, exist_ok=True)
    return path


def connect(path: Path) -> sqlite3.Connection:
    """Open a SQLite database in WAL mode with a generous busy timeout."""
    conn = sqlite3.connect(str(path), timeout=60.0)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    return conn


class FetchState:
    """The fetch state store. Use as a context manager (commits and closes on exit)."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.conn = connect(self.path)
        self.conn.executescript(_SCHEMA)
        self._writes = 0

    @classmethod
    def open(cls, settings: Settings) -> FetchState:
        """The store of ``settings`` (``<state_dir>/fetch_state.sqlite3``)."""
        return cls(state_dir(settings) / "fetch_state.sqlite3")

    def __enter__(self) -> FetchState:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Commit pending SQLite writes and close the connection."""
        self.conn.commit()
        self.conn.close()

    def get(self, url: str) -> StateEntry | None:
        """The committed entry of ``url`` (normalised), or None when never committed."""
        row = self.conn.execute(f"SELECT {_COLUMNS} FROM fetch_state WHERE url = ?", (url,)).fetchone()
        return StateEntry(*row) if row else None

    def record(self, run: str, entry: StateEntry) -> None:
        """Store ``entry`` as pending for ``run`` (replacing an earlier attempt of the run)."""
        marks = ", ".join("?" * (len(fields(StateEntry)) + 1))
        self.conn.execute(f"INSERT OR REPLACE INTO pending (run, {_COLUMNS}) VALUES ({marks})",
                          (run, *astuple(entry)))
        self._writes += 1
        if self._writes % 100 == 0:
            self.conn.commit()

    def commit(self, run: str, committed_at: str = "") -> int:
        """Make the pending entries of ``run`` the committed state; return how many.

        Also drops pending entries of older runs (they failed and were fetched again).
        Idempotent: committing a run twice changes nothing the second time.
        """
        with self.conn:
            count = self.conn.execute(
                f"INSERT OR REPLACE INTO fetch_state ({_COLUMNS}) SELECT {_COLUMNS} FROM pending WHERE run = ?",
                (run,)).rowcount
            self.conn.execute("DELETE FROM pending WHERE run <= ?", (run,))
            if count:
                self.conn.execute("INSERT OR REPLACE INTO runs VALUES (?, ?, ?)", (run, committed_at, count))
        return max(count, 0)

    def count(self) -> int:
        """Number of committed URLs."""
        return self.conn.execute("SELECT COUNT(*) FROM fetch_state").fetchone()[0]
