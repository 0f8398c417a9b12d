"""etl.index.versions against the real Elasticsearch: alias, template, strict mapping, migration."""

from __future__ import annotations

import json
import shutil
import threading
from dataclasses import replace
from pathlib import Path

import pytest
from elasticsearch import BadRequestError
from test_search_corpus import CORPUS, article, index_corpus

from etl import pipeline
from etl.cli import main
from etl.core.errors import ConfigError, EtlError
from etl.core.records import Entity
from etl.index import versions as ix
from etl.index.builder import to_document
from etl.index.client import client
from etl.search import SearchRequest, search

pytestmark = pytest.mark.es


def test_ensure_index_creates_v1_and_is_idempotent(es, es_settings):
    name = ix.ensure_index(es, es_settings)
    assert name == f"{es_settings.index_alias}-v1"
    assert ix.ensure_index(es, es_settings) == name
    aliases = es.indices.get_alias(name=es_settings.index_alias).body
    assert aliases[name]["aliases"][es_settings.index_alias]["is_write_index"] is True
    assert es.indices.exists_index_template(name=es_settings.index_alias)
    mapping = es.indices.get_mapping(index=name).body[name]["mappings"]
    assert mapping["dynamic"] == "strict"


def test_ensure_index_concurrent_callers_agree(es, es_settings):
    results = []
    threads = [threading.Thread(target=lambda: results.append(ix.ensure_index(es, es_settings))) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(results)) == 1
    assert ix.alias_indices(es, es_settings) == [results[0]]


def test_strict_mapping_accepts_documents_and_rejects_unknown_fields(es, es_settings):
    index_corpus(es, es_settings)
    assert es.count(index=es_settings.index_alias)["count"] == len(CORPUS)
    doc = to_document(CORPUS[0]) | {"unexpected": 1}
    with pytest.raises(BadRequestError):
        es.index(index=es_settings.index_alias, id="bad", document=doc)
    # folded.* is indexed but not stored in _source
    got = es.get(index=es_settings.index_alias, id="a4")["_source"]
    assert "folded" not in got and got["title"].startswith("Café")


def test_hunspell_stemming_in_index(es, es_settings):
    name = ix.ensure_index(es, es_settings)
    tokens = es.indices.analyze(index=name, analyzer="en_text", text="Summits talked sanctions")["tokens"]
    assert [t["token"] for t in tokens] == ["summit", "talk", "sanction"]


def test_migrate_copies_verifies_and_swaps(es, es_settings):
    index_corpus(es, es_settings)
    report = ix.migrate(es, es_settings)
    v2 = f"{es_settings.index_alias}-v2"
    assert report["target"] == v2 and report["copied"] == len(CORPUS)
    assert report["source_count"] == report["target_count"] == len(CORPUS)
    assert ix.alias_indices(es, es_settings) == [v2]
    assert ix.current_index(es, es_settings) == v2
    # the copy ran without refreshes; the new index refreshes as the mapping file says again
    assert es.indices.get_settings(index=v2)[v2]["settings"]["index"]["refresh_interval"] == "30s"
    # folded fields were recomputed: an ASCII query still finds the accented article
    r = search(es, es_settings.index_alias, SearchRequest.create(q="zurich cafe"))
    assert [h["id"] for h in r["hits"]] == ["a4"]
    # the old index is kept for rollback, then deleted on request
    assert es.indices.exists(index=f"{es_settings.index_alias}-v1")
    report = ix.migrate(es, es_settings, delete_old=True)
    assert report["target"] == f"{es_settings.index_alias}-v3"
    assert not es.indices.exists(index=f"{es_settings.index_alias}-v1")
    assert not es.indices.exists(index=v2)


def test_verify_copy_detects_mismatch(es, es_settings):
    index_corpus(es, es_settings)
    built = ix.build_next_index(es, es_settings)
    es.index(index=built["source"], id="late", document=to_document(article("late", "Late", "late body")),
             refresh=True)
    with pytest.raises(EtlError, match="count mismatch"):
        ix.verify_copy(es, built["source"], built["target"])
    assert ix.current_index(es, es_settings) == built["source"]  # not swapped


def test_alias_swap_during_concurrent_searches(es, es_settings):
    """Searches through the alias never fail and never see an empty or doubled index while migrating."""
    index_corpus(es, es_settings)
    stop = threading.Event()
    totals, failures = [], []

    def searcher():
        c = client(es_settings)
        while not stop.is_set():
            try:
                r = search(c, es_settings.index_alias, SearchRequest.create(q="putin"))
                totals.append(r["total"])
            except Exception as exc:  # noqa: BLE001 - any failure is a test failure
                failures.append(repr(exc))

    threads = [threading.Thread(target=searcher) for _ in range(3)]
    for t in threads:
        t.start()
    try:
        for _ in range(3):
            ix.migrate(es, es_settings, delete_old=True)
    finally:
        stop.set()
        for t in threads:
            t.join()
    assert not failures, failures[:3]
    assert len(totals) > 10
    assert set(totals) == {3}


def test_status_and_cli(es_settings, monkeypatch, capsys):
    for k, v in {"NEWS_ETL_ES_URL": es_settings.es_url, "NEWS_ETL_INDEX_ALIAS": es_settings.index_alias}.items():
        monkeypatch.setenv(k, v)
    assert main(["index", "create"]) == 0
    assert capsys.readouterr().out.strip() == f"{es_settings.index_alias}-v1"
    assert main(["index", "status"]) == 0
    st = json.loads(capsys.readouterr().out)
    assert st["index"] == f"{es_settings.index_alias}-v1" and st["docs"] == 0 and st["up_to_date"] is True
    assert main(["index", "migrate"]) == 0
    assert json.loads(capsys.readouterr().out)["index"] == f"{es_settings.index_alias}-v2"
    assert main(["index", "delete"]) == 2
    capsys.readouterr()
    assert main(["index", "delete", "--yes"]) == 0
    assert sorted(json.loads(capsys.readouterr().out)["deleted"]) == [
        f"{es_settings.index_alias}-v1", f"{es_settings.index_alias}-v2"]


def test_alias_name_taken_by_concrete_index(es, es_settings):
    es.indices.create(index=es_settings.index_alias)
    with pytest.raises(ConfigError, match="concrete index"):
        ix.ensure_index(es, es_settings)


def test_reindex_dag_stages(es, es_settings):
    """The four functions the news_reindex DAG calls, chained as the DAG does (JSON between tasks)."""
    index_corpus(es, es_settings)
    plan = json.loads(json.dumps(pipeline.reindex_plan(es_settings)))
    assert plan["index"] == f"{es_settings.index_alias}-v1" and plan["docs"] == len(CORPUS)
    built = json.loads(json.dumps(pipeline.reindex_build(es_settings)))
    verified = json.loads(json.dumps(pipeline.reindex_verify(es_settings, built)))
    swapped = pipeline.reindex_swap(es_settings, verified, delete_old=True)
    assert swapped["index"] == f"{es_settings.index_alias}-v2"
    assert swapped["deleted"] == [f"{es_settings.index_alias}-v1"]
    assert es.count(index=es_settings.index_alias)["count"] == len(CORPUS)


def test_reindex_verify_failure_drops_new_index(es, es_settings):
    index_corpus(es, es_settings)
    built = pipeline.reindex_build(es_settings)
    es.index(index=built["source"], id="late", document=to_document(article("late", "Late", "x")), refresh=True)
    with pytest.raises(EtlError):
        pipeline.reindex_verify(es_settings, built)
    assert not es.indices.exists(index=built["target"])
    assert ix.current_index(es, es_settings) == built["source"]


def test_reindex_dag_graph():
    from airflow.dag_processing.dagbag import DagBag  # noqa: PLC0415 - Airflow is heavy, only this test needs it

    path = Path(__file__).resolve().parent.parent / "dags" / "news_reindex.py"
    bag = DagBag(dag_folder=str(path))
    assert bag.import_errors == {}
    dag = bag.dags["news_reindex"]
    assert type(dag.timetable).__name__ == "NullTimetable"  # schedule=None
    edges = {t.task_id: sorted(t.downstream_task_ids) for t in dag.tasks}
    assert edges == {"plan": ["build"], "build": ["verify"], "verify": ["swap"], "swap": []}


def test_failed_copy_leaves_no_new_index(es, es_settings, tmp_path):
    """A mapping the old documents do not fit: the copy fails, the new index is dropped, the alias stays."""
    index_corpus(es, es_settings)
    mappings = tmp_path / "mappings"
    shutil.copytree(es_settings.mappings_dir, mappings)
    spec = json.loads((mappings / "articles.json").read_text())
    del spec["mappings"]["properties"]["quotes"]  # strict: documents with quotes are now rejected
    spec["mappings"]["_meta"]["index_version"] = 99
    (mappings / "articles.json").write_text(json.dumps(spec))
    settings = es_settings.replace(mappings_dir=str(mappings))
    with pytest.raises(EtlError, match="failed to copy"):
        ix.migrate(es, settings)
    assert ix.versioned_indices(es, settings) == [f"{settings.index_alias}-v1"]
    assert ix.current_index(es, settings) == f"{settings.index_alias}-v1"
    assert search(es, settings.index_alias, SearchRequest.create(q="putin"))["total"] == 3


def test_hostile_values_do_not_fail_the_document(es, es_settings):
    """A 40 KB tag, a NaN salience, odd characters: the document is still indexed and searchable."""
    a = article("odd", "Odd values \u0000 \ud7ff \U0001f4a5", "Body with emoji \U0001f4a5 and <b>tags</b>.",
                tags=("x" * 40_000, "ok"), persons=("P" * 2000,))
    a = replace(a, annotation=replace(a.annotation, entities=(
        Entity(name="N", type="person", count=1, salience=float("nan"), first_offset=0),)))
    ix.ensure_index(es, es_settings)
    es.index(index=es_settings.index_alias, id="odd", document=to_document(a), refresh=True)
    r = search(es, es_settings.index_alias, SearchRequest.create(q="emoji", facets=["tags", "persons"]))
    assert [h["id"] for h in r["hits"]] == ["odd"]
    assert r["facets"]["tags"] == [{"value": "ok", "count": 1, "selected": False}]
