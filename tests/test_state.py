"""Fetch state: pending until the run is committed; durable across connections."""

from __future__ import annotations

import sqlite3

from etl.core.settings import Settings
from etl.core.statedb import SQLITE, StateDB, _sqlite_connect
from etl.fetch.state import FetchState, StateEntry, state_dir


def entry(url: str, etag: str = '"1"') -> StateEntry:
    return StateEntry(url=url, source="s", fetched_at="2025-01-01T10:00:00+00:00", etag=etag,
                      last_modified="Wed, 01 Jan 2025 00:00:00 GMT", content_hash="ab" * 32, status="200",
                      final_url=url)


def test_two_phase_commit_and_durability(tmp_path):
    settings = Settings.from_env(staging_dir=str(tmp_path / "staging"))
    assert state_dir(settings) == tmp_path / "staging" / "_state"
    with FetchState.open(settings) as state:
        state.record("r1", entry("https://a/1"))
        state.record("r1", entry("https://a/2"))
        assert state.get("https://a/1") is None  # pending entries are invisible
    with FetchState.open(settings) as state:
        assert state.commit("r1", "2025-01-01T10:00:00+00:00") == 2
        assert state.commit("r1") == 0  # idempotent
        assert state.get("https://a/1") == entry("https://a/1")
        state.record("r2", entry("https://a/1", '"2"'))  # r2 fails: never committed
        state.record("r3", entry("https://a/1", '"3"'))
        assert state.commit("r3") == 1
    with FetchState.open(settings.replace(state_dir=str(tmp_path / "staging" / "_state"))) as state:
        assert state.get("https://a/1").etag == '"3"' and state.count() == 2
        assert state.pending() == 0


def test_opening_a_store_rides_out_a_locked_database(tmp_path):
    # several processes opening one fresh SQLite file at once: one's switch to WAL can answer "locked"
    answers = [sqlite3.OperationalError("database is locked")]

    def connect():
        if answers:
            raise answers.pop()
        return _sqlite_connect(tmp_path / "s.sqlite3")

    db = StateDB(SQLITE, connect, "s")
    try:
        assert not answers and db.query("PRAGMA journal_mode") == [("wal",)]
    finally:
        db.close()
