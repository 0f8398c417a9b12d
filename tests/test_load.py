"""Loading against the real Elasticsearch: bounded streaming bulk, dead letters, threshold, idempotence.

``make_articles`` / ``stage_articles`` are reused by the other loading and fault tests.
"""

from __future__ import annotations

import hashlib
import logging

import pytest

from etl.core.errors import LoadFailed
from etl.core.records import AnnotatedArticle, Annotation, CleanedArticle, Entity
from etl.core.staging import StageWriter, read_jsonl, run_dir
from etl.index import deadletter
from etl.pipeline import load_stage

pytestmark = pytest.mark.es
BAD_WORD_COUNT = 10**12  # out of range of the mapping's integer: the document is refused


def make_articles(n: int, bad: set[int] = frozenset(), prefix: str = "doc") -> list[AnnotatedArticle]:
    """``n`` small valid annotated articles; those at positions in ``bad`` break the mapping."""
    out = []
    for i in range(n):
        url = f"http://127.0.0.1/{prefix}/{i}.html"
        art = CleanedArticle(url=url, doc_id=hashlib.sha1(url.encode()).hexdigest(), title=f"Story {i} on rates",
                             body=f"The central bank held rates on day {i}.\nMarkets moved.", language="en",
                             published_at="2024-05-01T10:00:00+00:00", source="test")
        ann = Annotation(language="en", persons=("Jerome Powell",), organizations=("Federal Reserve",),
                         entities=(Entity(name="Jerome Powell", type="person", count=1, salience=0.5,
                                          first_offset=0),),
                         word_count=BAD_WORD_COUNT if i in bad else 12, model="test")
        out.append(AnnotatedArticle(article=art, annotation=ann, run_id="test-run"))
    return out


def stage_articles(settings, articles, logical_date: str = "2024-05-01T10:00:00+00:00") -> str:
    """Write ``articles`` as the annotate stage would; return the batch path."""
    with StageWriter(run_dir(settings, logical_date), "annotate") as out:
        for a in articles:
            out.add(a)
    return str(out.path)


def ids_in_index(es, index: str) -> list[str]:
    es.indices.refresh(index=index)
    resp = es.search(index=index, size=10000, _source=False, query={"match_all": {}})
    return [h["_id"] for h in resp["hits"]["hits"]]


def test_load_stage_indexes_everything_in_bounded_chunks_and_rerun_does_not_duplicate(es_settings, es, caplog):
    settings = es_settings.replace(bulk_chunk_size=37, bulk_max_bytes=20_000)
    articles = make_articles(400)
    path = stage_articles(settings, articles)
    with caplog.at_level(logging.INFO, logger="etl.pipeline"):
        summary = load_stage(settings, path, run_id="manual__t1")
    assert summary.count == 400 and summary.rejected == 0 and summary.extra["rounds"] == 1
    assert es.count(index=settings.index_alias)["count"] == 400
    line = next(r.getMessage() for r in caplog.records if r.getMessage().startswith("stage=load"))
    assert "run_id=manual__t1" in line and "count=400" in line and "rejected=0" in line

    load_stage(settings, path)
    ids = ids_in_index(es, settings.index_alias)
    assert len(ids) == len(set(ids)) == 400
    assert set(ids) == {a.article.doc_id for a in articles}
    assert list(read_jsonl(summary.path)) == []


def test_mapping_conflicts_go_to_the_dead_letter_store_and_the_rest_is_indexed(es_settings, es):
    settings = es_settings.replace(bulk_chunk_size=25, max_failure_ratio=0.2)
    bad = {3, 50, 77}
    articles = make_articles(100, bad)
    summary = load_stage(settings, stage_articles(settings, articles), run_id="run-x")
    assert summary.count == 97 and summary.rejected == 3
    assert summary.reasons == {"document_parsing_exception": 3}
    assert es.count(index=settings.index_alias)["count"] == 97

    entries = list(read_jsonl(summary.path))
    assert {e["id"] for e in entries} == {articles[i].article.doc_id for i in bad}
    for e in entries:
        assert e["index"] == settings.index_alias and e["status"] == 400
        assert e["reason"] == "document_parsing_exception" and "out of range" in e["detail"]
        assert e["source"]["word_count"] == BAD_WORD_COUNT and e["source"]["doc_id"] == e["id"]
        assert e["when"].endswith("+00:00") and e["run_id"] == "run-x"


def test_failures_above_the_threshold_fail_the_task_but_keep_the_dead_letters(es_settings, es):
    settings = es_settings.replace(max_failure_ratio=0.05)
    articles = make_articles(40, bad=set(range(0, 40, 5)))  # 8 of 40 = 20 %
    path = stage_articles(settings, articles)
    with pytest.raises(LoadFailed, match="8 of 40"):
        load_stage(settings, path)
    assert es.count(index=settings.index_alias)["count"] == 32
    files = deadletter.find(settings)
    assert len(files) == 1 and deadletter.summarize(files[0])["count"] == 8


def test_dead_letters_go_to_the_configured_folder(es_settings, tmp_path):
    settings = es_settings.replace(deadletter_dir=str(tmp_path / "dl"), max_failure_ratio=1.0)
    summary = load_stage(settings, stage_articles(settings, make_articles(5, {1})))
    assert summary.path == str(tmp_path / "dl" / "2024-05-01T10-00-00Z.failed.jsonl.gz")
    assert [e["reason"] for e in read_jsonl(summary.path)] == ["document_parsing_exception"]
    assert deadletter.find(settings) == [tmp_path / "dl" / "2024-05-01T10-00-00Z.failed.jsonl.gz"]


def test_articles_are_searchable_when_the_load_returns_despite_the_slow_refresh(es_settings, es):
    """The article index refreshes every 30 s (mappings/articles.json: fewer segments and merges
    while a load streams); the load's own refresh at its end makes the documents searchable."""
    path = stage_articles(es_settings, make_articles(120))
    load_stage(es_settings, path)
    index = next(iter(es.indices.get_alias(name=es_settings.index_alias)))
    live = es.indices.get_settings(index=index)[index]["settings"]["index"]
    assert live["refresh_interval"] == "30s"
    found = es.search(index=es_settings.index_alias, size=0, query={"match": {"title": "rates"}})
    assert found["hits"]["total"]["value"] == 120
