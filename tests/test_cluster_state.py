"""The shared state (fetch state, story index) with concurrent writers, on SQLite and on a real
PostgreSQL (``scripts/cluster/services.sh``, 127.0.0.1:55432; each test gets its own schema).

Four processes start together (a barrier) and assign story ids to copies of the same
stories, or record and commit the fetch state of overlapping URLs; the stories are the
bodies of the sample pages, cleaned by the real cleaner.
"""

from __future__ import annotations

import hashlib
import json
import logging
import multiprocessing
import os
import subprocess
import sys
import uuid
from collections import defaultdict

import psycopg
import pytest

from etl.clean import clean_page
from etl.clean.dedupe import StoryIndex
from etl.core.errors import ConfigError, TransientError
from etl.core.records import CleanedArticle, FetchedPage
from etl.core.settings import Settings
from etl.core.statedb import StateDB
from etl.core.urls import doc_id
from etl.dev import samples
from etl.fetch.state import FetchState, StateEntry
from tests import cluster

WORKERS = 4
COPIES = 4
RUNS = [f"2025-01-0{i + 1}T00-00-00Z" for i in range(WORKERS)]


@pytest.fixture
def pg_url(postgres_server):
    """A PostgreSQL URL whose search_path is a fresh schema (dropped afterwards)."""
    schema = "t" + uuid.uuid4().hex[:12]
    with psycopg.connect(postgres_server, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    yield cluster.pg_schema_url(schema)
    with psycopg.connect(postgres_server, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=["sqlite", "postgresql"])
def state_settings(request, tmp_path) -> Settings:
    """Settings whose state is in a fresh SQLite folder or a fresh PostgreSQL schema."""
    settings = Settings.from_env({}, staging_dir=str(tmp_path / "staging"))
    if request.param == "sqlite":
        return settings
    return settings.replace(state_url=request.getfixturevalue("pg_url"))


def _stories() -> list[list[tuple[str, str]]]:
    """For every sample page: ``COPIES`` (url, body) copies of its story, as other sites run it."""
    stories = []
    for name in samples.PAGES:
        url = f"https://wire.example/{name}"
        page = FetchedPage(url=url, final_url=url, status=200, content=(samples.PAGES_DIR / name).read_bytes())
        body = clean_page(page, Settings()).body
        paragraphs = body.split("\n")
        stories.append([
            (url, body),
            (f"https://mirror.example/{name}", "  " + body.upper().replace("\n", "\n\n")),  # an exact copy
            (f"https://courier.example/{name}",  # syndicated: own intro, last paragraph cut
             "\n".join(["Published with material from the wire service. Updated at 3:40 pm.", *paragraphs[:-1]])),
            (f"https://daily.example/{name}", "\n".join([*paragraphs[1:], "Staff writers contributed."])),
        ])
    return stories


def _assign_worker(settings: Settings, stories, worker: int, barrier, results) -> None:
    """One process: every copy of every story, copy ``worker`` of each story first."""
    with StoryIndex.open(settings) as index:
        barrier.wait(timeout=60)
        got = {}
        for turn in range(COPIES):
            for copies in stories:
                url, body = copies[(worker + turn) % COPIES]
                got[url] = index.assign(CleanedArticle(url=url, doc_id=doc_id(url), title="t", body=body)).story_id
    results.put(got)


def _run_processes(target, settings: Settings, *args) -> list:
    """Run ``target(settings, *args, worker, barrier, results)`` in WORKERS processes at once."""
    ctx = multiprocessing.get_context("spawn")  # fresh interpreters: no connection is shared
    barrier, results = ctx.Barrier(WORKERS), ctx.Queue()
    procs = [ctx.Process(target=target, args=(settings, *args, i, barrier, results)) for i in range(WORKERS)]
    for proc in procs:
        proc.start()
    out = [results.get(timeout=300) for _ in procs]
    for proc in procs:
        proc.join(timeout=60)
        assert proc.exitcode == 0
    return out


def test_concurrent_processes_give_each_story_exactly_one_story_id(state_settings, tmp_path):
    stories = _stories()
    with StoryIndex(tmp_path / "serial.sqlite3", state_settings.dedupe_threshold) as serial:  # the reference
        expected = [{serial.assign(CleanedArticle(url=u, doc_id=doc_id(u), title="t", body=b)).story_id
                     for u, b in copies} for copies in stories]
    assert [len(ids) for ids in expected] == [1] * len(stories)  # the copies are one story each
    assert len(set().union(*expected)) == len(stories)

    seen = _run_processes(_assign_worker, state_settings, stories)
    with StoryIndex.open(state_settings) as index:
        stored = dict(index.db.query("SELECT doc_id, story_id FROM docs"))
    for copies in stories:
        ids = {got[url] for got in seen for url, _ in copies} | {stored[doc_id(url)] for url, _ in copies}
        assert len(ids) == 1, f"{copies[0][0]}: {ids}"  # every process, and the store, agree on one id
    assert len({stored[doc_id(c[0][0])] for c in stories}) == len(stories)
    assert len(stored) == len(stories) * COPIES  # one row per document, none doubled


def _entry(run: str, url: str) -> StateEntry:
    sha = hashlib.sha256(f"{run} {url}".encode()).hexdigest()
    return StateEntry(url=url, source="s", fetched_at=run, etag=f'"{run}"', content_hash=sha, status="200",
                      final_url=url)


def _urls(worker: int) -> list[str]:
    """Overlapping URL sets: worker i fetched URLs 25*i .. 25*i + 59 (four sets over 135 URLs)."""
    return [f"https://site.example/a/{n}" for n in range(25 * worker, 25 * worker + 60)]


def _fetch_worker(settings: Settings, worker: int, barrier, results) -> None:
    """One process: record its run's fetches as pending, then (all together) commit the run."""
    run = RUNS[worker]
    with FetchState.open(settings) as state:
        barrier.wait(timeout=60)
        for url in _urls(worker):
            state.record(run, _entry(run, url))
        state.flush()
        barrier.wait(timeout=60)
        results.put((run, state.commit(run, run)))


def test_concurrent_commits_of_overlapping_urls_lose_and_double_nothing(state_settings):
    committed = dict(_run_processes(_fetch_worker, state_settings))
    recorded = defaultdict(list)
    for worker, run in enumerate(RUNS):
        for url in _urls(worker):
            recorded[url].append(run)
    with FetchState.open(state_settings) as state:
        rows = state.db.query("SELECT url FROM fetch_state")
        assert sorted(url for (url,) in rows) == sorted(recorded)  # every URL once, none lost
        for url, runs in recorded.items():
            assert state.get(url) == _entry(max(runs), url)  # whole rows, from the newest run
        assert state.pending() == 0  # committed, or superseded by a newer run's commit
        assert dict(state.db.query("SELECT run, pages FROM runs")) == committed
    newest_only = {run: sum(max(r) == run for r in recorded.values()) for run in RUNS}
    assert all(committed[run] >= newest_only[run] for run in RUNS)


def test_both_back_ends_keep_the_two_phase_fetch_state_and_story_ids(state_settings):
    with FetchState.open(state_settings) as state:
        state.record(RUNS[0], _entry(RUNS[0], "https://a.example/1"))
    with FetchState.open(state_settings) as state:
        assert state.get("https://a.example/1") is None and state.pending(RUNS[0]) == 1  # pending: invisible
        assert state.commit(RUNS[0], RUNS[0]) == 1 and state.commit(RUNS[0]) == 0  # idempotent
        assert state.get("https://a.example/1") == _entry(RUNS[0], "https://a.example/1")
    stories = _stories()
    with StoryIndex.open(state_settings) as index:
        first = [index.assign(CleanedArticle(url=u, doc_id=doc_id(u), title="t", body=b)) for u, b in stories[1]]
    with StoryIndex.open(state_settings) as index:  # a later run
        url, body = stories[1][2]
        again = index.assign(CleanedArticle(url=url, doc_id=doc_id(url), title="t", body=body + "\nCorrected."))
    assert {a.story_id for a in first} == {again.story_id} == {first[0].doc_id}


def test_a_wrong_postgresql_password_fails_fast_with_a_clear_config_error(pg_url, caplog):
    caplog.set_level(logging.WARNING, logger="etl.core.retry")
    wrong = Settings.from_env({}, state_url=pg_url.replace("newsetl:newsetl@", "newsetl:not-it@"))
    with pytest.raises(ConfigError, match="password authentication failed.*NEWS_ETL_STATE_URL") as info:
        FetchState.open(wrong)
    assert "not-it" not in str(info.value) and "newsetl:***@" in str(info.value)  # no password in logs
    with pytest.raises(ConfigError, match="does not exist"):
        StoryIndex.open(wrong.replace(state_url=cluster.PG_URL.rsplit("/", 1)[0] + "/no_such_db"))
    with pytest.raises(ConfigError, match="not a postgresql:// URL"):
        StateDB.open(wrong.replace(state_url="mysql://x@y/z"), "fetch_state")
    assert "retry" not in caplog.text  # not retried: retrying cannot help


def test_a_stopped_postgresql_is_transient_retried_then_raised_and_the_store_recovers(pg_url, caplog):
    settings = Settings.from_env({}, state_url=pg_url)
    url = "https://a.example/1"
    with FetchState.open(settings) as state:
        state.record(RUNS[0], _entry(RUNS[0], url))
        assert state.commit(RUNS[0], RUNS[0]) == 1
        caplog.set_level(logging.WARNING, logger="etl.core.retry")
        cluster.stop("postgres")
        try:
            with pytest.raises(TransientError, match="state database"):
                state.get(url)
            assert caplog.text.count("retry ") == 3  # etl.core.retry.SERVICE, then raised for Airflow
            with pytest.raises(TransientError):
                StoryIndex.open(settings)
        finally:
            cluster.start("postgres")
        assert state.get(url) == _entry(RUNS[0], url)  # the same store reconnects
        state.record(RUNS[1], _entry(RUNS[1], url))
        assert state.commit(RUNS[1], RUNS[1]) == 1


def test_an_airflow_postgres_connection_supplies_the_state_database(pg_url):
    code = ("from etl.dagkit import task_settings; from etl.fetch.state import FetchState; s = task_settings();"
            "st = FetchState.open(s); print(s.redacted()['state_url'], st.db.dialect, st.count()); st.close()")
    schema = pg_url.rsplit("%3D", 1)[1]
    conn = {"conn_type": "postgres", "login": "newsetl", "password": "newsetl", "host": "127.0.0.1",
            "port": 55432, "schema": "newsetl", "extra": {"options": f"-csearch_path={schema}"}}
    env = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"),
           "AIRFLOW_CONN_NEWS_ETL_STATE": json.dumps(conn)}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    shown, dialect, count = out.stdout.split()
    assert shown.startswith("postgresql://newsetl:***@127.0.0.1:55432/newsetl") and (dialect, count) == ("postgresql", "0")
