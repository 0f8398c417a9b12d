"""Dead-letter replay with the real CLI and the real Elasticsearch: what now succeeds is
indexed and removed from the store, what still fails stays with its reason."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from test_load import make_articles, stage_articles

from etl.core.staging import read_jsonl
from etl.index import deadletter
from etl.index.versions import ensure_index
from etl.pipeline import load_stage

pytestmark = pytest.mark.es
BIN = Path(sys.executable).parent


def _cli(settings, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, NEWS_ETL_ES_URL=settings.es_url, NEWS_ETL_INDEX_ALIAS=settings.index_alias,
               NEWS_ETL_STAGING_DIR=settings.staging_dir)
    return subprocess.run([str(BIN / "news-etl"), "deadletter", *args], env=env, capture_output=True, text=True,
                          timeout=120)


def test_replay_reindexes_what_now_succeeds_and_keeps_what_still_fails(es_settings, es):
    settings = es_settings.replace(max_failure_ratio=1.0, bulk_chunk_size=10)
    bad = {2, 11}
    articles = make_articles(30, bad)
    index = ensure_index(es, settings)
    es.indices.put_settings(index=index, settings={"index.blocks.write": True})  # every write refused (403)
    summary = load_stage(settings, stage_articles(settings, articles))
    assert summary.count == 0 and summary.rejected == 30
    assert summary.reasons == {"cluster_block_exception": 30}  # the block is checked before parsing

    listed = _cli(settings, "list")
    assert listed.returncode == 0, listed.stderr
    info = json.loads(listed.stdout.splitlines()[0])
    assert info["count"] == 30 and info["path"] == summary.path

    es.indices.put_settings(index=index, settings={"index.blocks.write": False})
    replayed = _cli(settings, "replay", summary.path)
    assert replayed.returncode == 1, replayed.stderr  # entries remain
    result = json.loads(replayed.stdout.splitlines()[-1])
    assert (result["replayed"], result["indexed"], result["failed"]) == (30, 28, 2)
    row = next(line.split() for line in replayed.stderr.splitlines() if line.startswith("replay "))
    assert row[2:5] == ["30", "28", "2"] and row[-2:] == ["document_parsing_exception", "2"]  # the summary

    es.indices.refresh(index=settings.index_alias)
    assert es.count(index=settings.index_alias)["count"] == 28
    kept = list(read_jsonl(summary.path))
    assert sorted(e["id"] for e in kept) == sorted(articles[i].article.doc_id for i in bad)
    assert {e["reason"] for e in kept} == {"document_parsing_exception"}
    assert all(e["source"]["doc_id"] == e["id"] for e in kept)  # still replayable

    again = _cli(settings, "replay")  # default: every file under the staging folder
    assert again.returncode == 1 and json.loads(again.stdout.splitlines()[-1])["failed"] == 2
    assert es.count(index=settings.index_alias)["count"] == 28  # replays overwrite, never duplicate


def test_replay_of_an_empty_store_and_a_missing_path(es_settings):
    out = _cli(es_settings, "replay")
    assert out.returncode == 0 and "no dead letters" in out.stdout
    missing = _cli(es_settings, "list", "/nonexistent/dead")
    assert missing.returncode == 2 and "no dead-letter file" in missing.stderr


def test_replay_after_the_index_was_dropped_recreates_the_mapped_alias(es_settings, es):
    settings = es_settings.replace(max_failure_ratio=1.0)
    index = ensure_index(es, settings)
    es.indices.put_settings(index=index, settings={"index.blocks.write": True})
    summary = load_stage(settings, stage_articles(settings, make_articles(12, {5})))
    assert summary.rejected == 12
    es.indices.delete(index=index)

    result = deadletter.replay(es, summary.path, settings)
    assert (result["indexed"], result["failed"]) == (11, 1)
    assert es.indices.exists_alias(name=settings.index_alias)  # an alias over <alias>-v1, not an unmapped index
    mapping = es.indices.get_mapping(index=settings.index_alias).body
    assert next(iter(mapping.values()))["mappings"]["dynamic"] == "strict"
    assert es.count(index=settings.index_alias)["count"] == 11
