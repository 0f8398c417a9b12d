"""The state database shared by concurrent writers: the fetch state (:mod:`etl.fetch.state`)
and the duplicate-story index (:mod:`etl.clean.dedupe`).

Two back ends behind one small interface, :class:`StateDB`:

- **SQLite** (the embedded default, today's files): ``<state_dir>/<name>.sqlite3`` in WAL
  mode. A write transaction starts with ``BEGIN IMMEDIATE``, which takes the database's
  write lock before the first read, so concurrent processes on one host are serialised.
- **PostgreSQL** (``settings.state_url = postgresql://user:password@host:port/db``, or the
  Airflow connection ``news_etl_state``) for workers on several hosts: every store's
  tables live side by side in that database (``search_path`` picks a schema, e.g.
  ``?options=-csearch_path%3Dnews``). A write transaction first takes transaction-scoped
  advisory locks (``pg_advisory_xact_lock``) on the keys the caller names, in sorted order
  (no deadlock between two writers), so two writers that could conflict run one after the
  other while others run in parallel; upserts use ``INSERT ... ON CONFLICT``.

SQL is written once with ``?`` placeholders and SQLite's type names; :meth:`StateDB.setup`
and :meth:`StateDB.write` translate them for PostgreSQL (``%s``, ``BIGSERIAL``, ``BYTEA``).

Faults: a database that cannot be reached (refused, timeout, connection lost, SQLite locked
past its busy timeout) is a :class:`TransientError`; a write transaction (replayed whole,
with a fresh connection when it was lost) and a read are retried first
(:data:`etl.core.retry.SERVICE`), and so are deadlocks and serialisation failures.
Credentials refused, an unknown role or database is a :class:`ConfigError` (fails fast).
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from etl.core.errors import ConfigError, TransientError
from etl.core.retry import SERVICE, retry
from etl.core.settings import Settings, redact_url

T = TypeVar("T")
SQLITE, POSTGRES = "sqlite", "postgresql"
_PG_TYPES = (("INTEGER PRIMARY KEY AUTOINCREMENT", "BIGSERIAL PRIMARY KEY"), ("BLOB", "BYTEA"))
_PG_CONFIG_ERRORS = ("password authentication failed", "no password supplied", "does not exist",
                     "pg_hba.conf", "permission denied", "authentication method")
_PG_RETRY_STATES = ("40001", "40P01", "55P03")  # serialization_failure, deadlock_detected, lock_not_available


def state_dir(settings: Settings) -> Path:
    """Folder of the SQLite state files: ``settings.state_dir``, else ``<staging_dir>/_state``
    (created if missing). Always local: SQLite needs a local file system."""
    path = Path(settings.state_dir or Path(settings.staging_dir) / "_state")
    path.mkdir(parents=True, exist_ok=True)
    return path


def lock_id(key: str) -> int:
    """A signed 64-bit advisory-lock id for ``key`` (blake2b)."""
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "big", signed=True)


class Tx:
    """The statements of one write transaction (``?`` placeholders in either dialect)."""

    def __init__(self, cursor: Any, dialect: str):
        self._cursor, self.dialect = cursor, dialect

    def execute(self, sql: str, params: Sequence = ()) -> Any:
        """Run one statement; return the cursor (``fetchone``, ``fetchall``, ``rowcount``)."""
        self._cursor.execute(_sql(sql, self.dialect), tuple(params))
        return self._cursor

    def executemany(self, sql: str, rows: Iterable[Sequence]) -> None:
        """Run one statement once per row of parameters."""
        self._cursor.executemany(_sql(sql, self.dialect), [tuple(row) for row in rows])


class StateDB:
    """A connection to one state store (SQLite file or PostgreSQL database); close it when done.

    Use :meth:`open` (from settings) or :meth:`sqlite` (a file). Reads: :meth:`query`.
    Writes: :meth:`write`, one transaction, optionally serialised on ``lock`` keys.
    """

    def __init__(self, dialect: str, connect: Callable[[], Any], what: str):
        self.dialect, self.what = dialect, what
        self._connect = connect
        self._conn: Any = None
        # several processes opening one fresh SQLite file at once: its switch to WAL may answer "locked"
        retry(self._live, SERVICE, (TransientError,), f"{what}: connect")

    @classmethod
    def open(cls, settings: Settings, name: str) -> StateDB:
        """The store ``name`` (e.g. ``fetch_state``, ``stories``) of ``settings``: PostgreSQL
        at ``settings.state_url`` when set, else ``<state_dir>/<name>.sqlite3``.

        Errors: ConfigError (credentials refused, unknown database, not a PostgreSQL URL),
        TransientError (unreachable after the retries).
        """
        if not settings.state_url:
            return cls.sqlite(state_dir(settings) / f"{name}.sqlite3")
        if not settings.state_url.startswith(("postgresql://", "postgres://")):
            raise ConfigError(f"NEWS_ETL_STATE_URL: not a postgresql:// URL: {redact_url(settings.state_url)}")
        return cls(POSTGRES, lambda: _pg_connect(settings.state_url), redact_url(settings.state_url))

    @classmethod
    def sqlite(cls, path: str | Path) -> StateDB:
        """The SQLite store in the file ``path`` (WAL mode, 60 s busy timeout)."""
        return cls(SQLITE, lambda: _sqlite_connect(Path(path)), str(path))

    def __enter__(self) -> StateDB:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection (idempotent)."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def setup(self, ddl: str) -> None:
        """Create the tables and indexes of ``ddl`` (``;``-separated ``... IF NOT EXISTS``
        statements); safe when several processes do it at once."""
        statements = [s.strip() for s in ddl.split(";") if s.strip()]

        def create(tx: Tx) -> None:
            for statement in statements:
                tx.execute(_pg_types(statement) if self.dialect == POSTGRES else statement)

        self.write(create, lock=["schema"])

    def query(self, sql: str, params: Sequence = ()) -> list[tuple]:
        """All rows of one read statement (outside any write transaction; retried)."""
        def attempt() -> list[tuple]:
            with self._errors():
                cursor = self._live().cursor()
                try:
                    return list(cursor.execute(_sql(sql, self.dialect), tuple(params)).fetchall())
                finally:
                    cursor.close()

        return retry(attempt, SERVICE, (TransientError,), f"{self.what}: read")

    def write(self, func: Callable[[Tx], T], lock: Iterable[str] = ()) -> T:
        """Return ``func(tx)`` run in one write transaction, committed when it returns.

        ``lock``: keys of what the transaction may conflict on; PostgreSQL serialises the
        transactions sharing a key (SQLite serialises every write). ``func`` may be run
        again (a deadlock, a lost connection): it must only touch the database. Errors:
        what ``func`` raises (rolled back); TransientError / ConfigError as in the module doc.
        """
        ids = sorted({lock_id(f"{self.what}:{key}") for key in lock})

        def attempt() -> T:
            with self._errors(), self._transaction(ids) as tx:
                return func(tx)

        return retry(attempt, SERVICE, (TransientError,), f"{self.what}: write")

    @contextmanager
    def _transaction(self, lock_ids: list[int]) -> Iterator[Tx]:
        conn = self._live()
        if self.dialect == SQLITE:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield Tx(conn.cursor(), SQLITE)
            except BaseException:
                conn.rollback()
                raise
            conn.commit()
            return
        with conn.transaction(), conn.cursor() as cursor:
            if lock_ids:  # unnest keeps the sorted order: locks are taken in it
                cursor.execute("SELECT pg_advisory_xact_lock(k) FROM unnest(%s::bigint[]) AS k", (lock_ids,))
            yield Tx(cursor, POSTGRES)

    def _live(self) -> Any:
        """The open connection, reconnecting when it was lost."""
        if self._conn is None or getattr(self._conn, "closed", False):
            with self._errors():
                self._conn = self._connect()
        return self._conn

    @contextmanager
    def _errors(self) -> Iterator[None]:
        """Translate database faults: TransientError (and drop a broken connection) or ConfigError."""
        try:
            yield
        except (TransientError, ConfigError):
            raise
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
            raise TransientError(f"state database {self.what}: {exc}") from exc
        except Exception as exc:
            kind = _pg_fault(exc)
            if kind is None:
                raise
            message = " ".join(str(exc).split())
            if kind is ConfigError:
                raise ConfigError(f"state database {self.what}: {message}; check NEWS_ETL_STATE_URL or the "
                                  "Airflow connection news_etl_state") from exc
            if getattr(exc, "sqlstate", None) not in _PG_RETRY_STATES:
                self._drop()
            raise TransientError(f"state database {self.what}: {type(exc).__name__}: {message}") from exc

    def _drop(self) -> None:
        """Forget a broken connection (the next call reconnects)."""
        try:
            self.close()
        except Exception:  # a broken connection may fail to close: it is gone either way
            self._conn = None


def _sql(sql: str, dialect: str) -> str:
    return sql.replace("?", "%s") if dialect == POSTGRES else sql


def _pg_types(statement: str) -> str:
    for sqlite_type, pg_type in _PG_TYPES:
        statement = statement.replace(sqlite_type, pg_type)
    return statement


def _sqlite_connect(path: Path) -> sqlite3.Connection:
    """Open a SQLite database in WAL mode, autocommit (transactions are explicit)."""
    conn = sqlite3.connect(str(path), timeout=60.0, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
    except sqlite3.Error:
        conn.close()
        raise
    return conn


def _pg_connect(url: str) -> Any:
    """Open an autocommit PostgreSQL connection (transactions are explicit)."""
    import psycopg  # noqa: PLC0415 - optional extra news-etl[postgres], only with NEWS_ETL_STATE_URL

    return psycopg.connect(url.replace("postgres://", "postgresql://", 1), autocommit=True, connect_timeout=10)


def _pg_fault(exc: BaseException) -> type | None:
    """ConfigError, TransientError or None (not a connection fault) for a psycopg error."""
    module = type(exc).__module__ or ""
    if not module.startswith("psycopg"):
        return None
    import psycopg  # noqa: PLC0415 - optional extra; only reached after a psycopg error

    if getattr(exc, "sqlstate", None) in _PG_RETRY_STATES:
        return TransientError
    if isinstance(exc, psycopg.OperationalError):
        message = str(exc).lower()
        if getattr(exc, "sqlstate", None) is None and any(s in message for s in _PG_CONFIG_ERRORS):
            return ConfigError
        return TransientError
    if isinstance(exc, psycopg.InterfaceError):  # the connection is closed
        return TransientError
    return None
