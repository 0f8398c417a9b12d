"""Index migration under live loading (etl.index.locks): nothing lost, nothing left behind.

Against the real Elasticsearch: a migration started in the middle of a 5,000-document load
that keeps updating documents, forced failures of a migration, a dead holder's lock, and
the news_reindex DAG's steps with a load waiting between them.
"""

from __future__ import annotations

import threading
from dataclasses import replace

import pytest
from test_load import make_articles

from etl.cli import main
from etl.core.errors import EtlError
from etl.index import locks
from etl.index import versions as ix
from etl.index.builder import to_document
from etl.index.load import bulk_load
from etl.pipeline import reindex_build, reindex_swap, reindex_verify

pytestmark = pytest.mark.es
BATCHES, BATCH, IDS = 20, 250, 2000  # 5,000 writes over 2,000 documents: 3,000 of them updates


def _titles(es, index: str) -> dict[str, str]:
    es.indices.refresh(index=index)
    resp = es.search(index=index, size=10_000, source=["title"], query={"match_all": {}})
    return {h["_id"]: h["_source"]["title"] for h in resp["hits"]["hits"]}


def _version(base, i: int, v: int):
    """Article ``i`` of ``base`` at version ``v`` (a different title per version)."""
    a = base[i]
    return replace(a, article=replace(a.article, title=f"Story {i} version {v}"))


def _lock_docs(es, settings) -> list[dict]:
    index = locks.locks_index(settings)
    if not es.indices.exists(index=index):
        return []
    es.indices.refresh(index=index)
    return [h["_source"] for h in es.search(index=index, size=100)["hits"]["hits"]]


@pytest.fixture
def settings(es_settings):
    return es_settings.replace(lock_ttl=8.0, lock_wait=60.0, bulk_chunk_size=100)


def test_migration_in_the_middle_of_a_load_with_updates_loses_nothing(es, settings):
    base = make_articles(IDS, prefix="live")
    bulk_load(es, [_version(base, i, 0) for i in range(1000)], settings)  # the live index before the load
    expected = {base[i].article.doc_id: f"Story {i} version 0" for i in range(1000)}
    started, stop, errors = threading.Event(), threading.Event(), []

    def loader() -> None:
        try:
            for b in range(BATCHES):
                if stop.is_set():
                    return
                batch = [_version(base, (b * 137 + k) % IDS, b + 1) for k in range(BATCH)]
                bulk_load(es, batch, settings, run_id=f"batch-{b}")
                expected.update({a.article.doc_id: a.article.title for a in batch})
                if b == 4:
                    started.set()
        except Exception as exc:  # noqa: BLE001 - reported by the test
            errors.append(exc)
            started.set()

    thread = threading.Thread(target=loader)
    thread.start()
    assert started.wait(120)
    try:
        report = ix.migrate(es, settings)
    except BaseException:
        stop.set()  # the loader ends with its batch
        raise
    finally:
        thread.join(300)
    assert not thread.is_alive() and errors == []
    target = f"{settings.index_alias}-v2"
    assert report["target"] == target and ix.alias_indices(es, settings) == [target]
    assert report["source_count"] == report["target_count"] < IDS  # loading went on after the copy
    assert _titles(es, settings.index_alias) == expected  # every update of every batch is there
    assert es.count(index=settings.index_alias)["count"] == len(expected) == IDS
    assert _lock_docs(es, settings) == []  # lock and leases all released


def test_a_writer_ignoring_the_lock_fails_the_migration_and_leaves_no_target(es, settings):
    bulk_load(es, make_articles(300, prefix="rogue"), settings)
    source = ix.current_index(es, settings)

    class RogueWriter:
        """A progress bar that, mid-copy, writes straight into the source index (no lease)."""

        n = 0

        def reset(self, total=None):
            pass

        def update(self, k):
            self.n += k
            if self.n == 100:
                extra = make_articles(1, prefix="rogue-extra")[0]
                es.index(index=source, id=extra.article.doc_id, document=to_document(extra))

    with pytest.raises(EtlError, match="count mismatch"):
        ix.migrate(es, settings, progress=RogueWriter())
    assert ix.versioned_indices(es, settings) == [source]  # half-built target dropped
    assert ix.current_index(es, settings) == source
    assert _lock_docs(es, settings) == []  # the lock was released: loads go on at once
    assert bulk_load(es, make_articles(5, prefix="after"), replace(settings, lock_wait=0.0)).indexed == 5


def test_an_interrupted_copy_leaves_no_target_and_releases_the_lock(es, settings):
    bulk_load(es, make_articles(300, prefix="ctrlc"), settings)
    source = ix.current_index(es, settings)

    class CtrlC:
        def reset(self, total=None):
            pass

        def update(self, k):
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ix.migrate(es, settings, progress=CtrlC())
    assert ix.versioned_indices(es, settings) == [source]
    assert _lock_docs(es, settings) == []
    assert ix.migrate(es, settings)["target_count"] == 300  # and the next migration works


def test_second_migration_is_refused_with_a_clear_message(es, settings, monkeypatch, capsys):
    bulk_load(es, make_articles(10, prefix="two"), settings)
    held = locks.acquire_migration(es, settings, "first migration")
    try:
        monkeypatch.setenv("NEWS_ETL_ES_URL", settings.es_url)
        monkeypatch.setenv("NEWS_ETL_INDEX_ALIAS", settings.index_alias)
        assert main(["index", "migrate"]) == 1
        err = capsys.readouterr().err.strip()
        assert err.startswith("news-etl: another index migration is running (first migration, since ")
        assert len(err.splitlines()) == 1
        assert ix.versioned_indices(es, settings) == [f"{settings.index_alias}-v1"]
    finally:
        held.release()


def test_migration_waits_for_running_loads_then_gives_up_cleanly(es, settings):
    bulk_load(es, make_articles(10, prefix="wait"), settings)
    with locks.load_lease(es, settings, "a long load"):
        with pytest.raises(locks.LockBusy, match="1 loads still running after 1s .*a long load"):
            ix.migrate(es, replace(settings, lock_wait=1.0))
    assert ix.versioned_indices(es, settings) == [f"{settings.index_alias}-v1"]  # nothing built
    assert _lock_docs(es, settings) == []


def test_load_waits_for_a_migration_and_gives_up_after_lock_wait(es, settings):
    bulk_load(es, make_articles(10, prefix="busy"), settings)
    held = locks.acquire_migration(es, settings, "index migrate elsewhere")
    try:
        with pytest.raises(locks.LockBusy, match=r"an index migration holds .* load test waited 1s"):
            bulk_load(es, make_articles(5, prefix="late"), replace(settings, lock_wait=1.0), run_id="test")
    finally:
        held.release()
    assert es.count(index=settings.index_alias)["count"] == 10  # nothing written beside the migration


def test_dead_migrations_lock_expires_and_its_dag_steps_then_drop_the_target(es, settings):
    """A migration whose process died: loads wait for its lock to expire, remove it and go on;
    the dead run's verify step then finds its lock gone and drops what it built."""
    short = replace(settings, lock_ttl=2.0, lock_wait=20.0)
    bulk_load(es, make_articles(50, prefix="dead"), short)
    built = reindex_build(short)  # takes the lock and hands it over to verify, which never comes in time
    assert es.indices.exists(index=built["target"])
    loaded = bulk_load(es, make_articles(5, prefix="next"), short)  # waits ~2 s for the expiry
    assert loaded.indexed == 5
    with pytest.raises(EtlError, match="dropped, alias not swapped"):
        reindex_verify(short, built)
    assert not es.indices.exists(index=built["target"])
    assert ix.current_index(es, short) == built["source"]
    assert es.count(index=short.index_alias)["count"] == 55
    assert _lock_docs(es, short) == []


def test_reindex_dag_steps_hold_the_lock_and_a_waiting_load_lands_in_the_new_index(es, settings):
    bulk_load(es, make_articles(100, prefix="dag"), settings)
    built = reindex_build(settings)
    late = make_articles(20, prefix="dag-late")
    done = threading.Event()
    thread = threading.Thread(target=lambda: (bulk_load(es, late, settings), done.set()))
    thread.start()
    verified = reindex_verify(settings, built)
    assert not done.is_set()  # the load waits while the migration's tasks run
    assert verified["source_count"] == verified["target_count"] == 100
    swapped = reindex_swap(settings, verified)
    thread.join(60)
    assert done.is_set()
    assert swapped["index"] == built["target"]
    assert es.count(index=built["target"])["count"] == 120  # the waiting load went to the new index
    assert es.count(index=built["source"])["count"] == 100
    assert _lock_docs(es, settings) == []
