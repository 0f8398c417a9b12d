"""Incremental fetch state: what was fetched, when, with which validators and content hash.

Kept durably in the state database (:mod:`etl.core.statedb`): SQLite under
``settings.state_dir`` (default ``<staging_dir>/_state``), or PostgreSQL shared by every
worker when ``settings.state_url`` is set. Writes are two-phase so a failed run never
hides pages from the next one:

- the fetch stage :meth:`FetchState.record`\\ s each fetched page as *pending* for its run
  (buffered, written in batches; several tasks of one run may record at once);
- the final ``report`` task :meth:`FetchState.commit`\\ s the run once it was loaded;
- lookups (:meth:`FetchState.get`) only see committed entries. A rerun of the same run,
  or the next run after a failure, therefore fetches those pages again in full (or
  conditionally against the previous committed validators) and emits them.

Concurrent runs: commits are serialised (one lock), each URL keeps one committed entry (the
last commit wins, written whole), and a commit drops the pending entries it supersedes
(older runs' entries of the URLs it committed) but not other runs' entries of other URLs,
so a run still in flight loses nothing. Pending entries of runs more than
:data:`STALE_AFTER` older than a committing run (runs that failed for good) are dropped.
"""

from __future__ import annotations

from dataclasses import astuple, dataclass, fields
from datetime import datetime, timedelta, timezone
from pathlib import Path

from etl.core.settings import Settings
from etl.core.staging import RUN_KEY_FORMAT
from etl.core.statedb import StateDB
from etl.core.statedb import state_dir as state_dir  # re-exported: where the SQLite files live

_COLUMNS = "url, source, fetched_at, etag, last_modified, content_hash, status, final_url"
_UPDATE = ", ".join(f"{c} = excluded.{c}" for c in _COLUMNS.split(", ")[1:])
_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS fetch_state ({_COLUMNS.replace(',', ' TEXT,')} TEXT, PRIMARY KEY (url));
CREATE TABLE IF NOT EXISTS pending (run TEXT, {_COLUMNS.replace(',', ' TEXT,')} TEXT, PRIMARY KEY (run, url));
CREATE TABLE IF NOT EXISTS runs (run TEXT PRIMARY KEY, committed_at TEXT, pages INTEGER);
"""
BATCH = 200
"""Pending entries buffered before they are written (and at close)."""
STALE_AFTER = timedelta(days=7)
"""Pending entries of a run this much older than a committing run are dropped."""


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


class FetchState:
    """The fetch state store. Use as a context manager (writes what is buffered and closes on exit).

    Input: a :class:`StateDB`, or the path of a SQLite file.
    """

    def __init__(self, db: StateDB | str | Path):
        self.db = db if isinstance(db, StateDB) else StateDB.sqlite(db)
        self.db.setup(_SCHEMA)
        self._buffer: dict[tuple[str, str], StateEntry] = {}

    @classmethod
    def open(cls, settings: Settings) -> FetchState:
        """The store of ``settings`` (``<state_dir>/fetch_state.sqlite3``, or ``state_url``).
        Errors: ConfigError / TransientError (see :mod:`etl.core.statedb`)."""
        return cls(StateDB.open(settings, "fetch_state"))

    def __enter__(self) -> FetchState:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Write the buffered pending entries and close the connection."""
        try:
            self.flush()
        finally:
            self.db.close()

    def get(self, url: str) -> StateEntry | None:
        """The committed entry of ``url`` (normalised), or None when never committed."""
        rows = self.db.query(f"SELECT {_COLUMNS} FROM fetch_state WHERE url = ?", (url,))
        return StateEntry(*rows[0]) if rows else None

    def record(self, run: str, entry: StateEntry) -> None:
        """Store ``entry`` as pending for ``run`` (replacing an earlier attempt of the run)."""
        self._buffer[(run, entry.url)] = entry
        if len(self._buffer) >= BATCH:
            self.flush()

    def flush(self) -> None:
        """Write the buffered pending entries (in URL order: concurrent writers never deadlock)."""
        if not self._buffer:
            return
        rows = [(run, *astuple(entry)) for (run, _), entry in sorted(self._buffer.items())]
        marks = ", ".join("?" * (len(fields(StateEntry)) + 1))
        self.db.write(lambda tx: tx.executemany(
            f"INSERT INTO pending (run, {_COLUMNS}) VALUES ({marks}) ON CONFLICT (run, url) DO UPDATE SET {_UPDATE}",
            rows))
        self._buffer.clear()

    def commit(self, run: str, committed_at: str = "") -> int:
        """Make the pending entries of ``run`` the committed state; return how many.

        Also drops the pending entries this commit supersedes and those of stale runs
        (module doc). Idempotent: committing a run twice changes nothing the second time.
        """
        self.flush()
        return self.db.write(lambda tx: _commit(tx, run, committed_at), lock=["commit"])

    def count(self) -> int:
        """Number of committed URLs."""
        return self.db.query("SELECT COUNT(*) FROM fetch_state")[0][0]

    def pending(self, run: str | None = None) -> int:
        """Number of pending entries (of ``run``, else of every run), buffered ones not included."""
        if run is None:
            return self.db.query("SELECT COUNT(*) FROM pending")[0][0]
        return self.db.query("SELECT COUNT(*) FROM pending WHERE run = ?", (run,))[0][0]


def _commit(tx, run: str, committed_at: str) -> int:
    """One commit transaction (see :meth:`FetchState.commit`)."""
    count = tx.execute(
        f"INSERT INTO fetch_state ({_COLUMNS}) SELECT {_COLUMNS} FROM pending WHERE run = ? ORDER BY url "
        f"ON CONFLICT (url) DO UPDATE SET {_UPDATE}", (run,)).rowcount
    tx.execute("DELETE FROM pending WHERE run <= ? AND url IN (SELECT url FROM pending WHERE run = ?)", (run, run))
    stale = _stale_before(run)
    if stale:
        tx.execute("DELETE FROM pending WHERE run < ?", (stale,))
    if count > 0:
        tx.execute("INSERT INTO runs (run, committed_at, pages) VALUES (?, ?, ?) ON CONFLICT (run) DO UPDATE "
                   "SET committed_at = excluded.committed_at, pages = excluded.pages", (run, committed_at, count))
    return max(count, 0)


def _stale_before(run: str) -> str:
    """The run key :data:`STALE_AFTER` before ``run``; "" when ``run`` is not a run key."""
    try:
        when = datetime.strptime(run, RUN_KEY_FORMAT).replace(tzinfo=timezone.utc)
    except ValueError:
        return ""
    return (when - STALE_AFTER).strftime(RUN_KEY_FORMAT)
