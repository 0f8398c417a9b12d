"""Shards and replicas of new indices (``NEWS_ETL_INDEX_SHARDS`` / ``NEWS_ETL_INDEX_REPLICAS``)
and a client given several nodes (``NEWS_ETL_ES_URL`` comma-separated), on the real node."""

from __future__ import annotations

import socket

import pytest

from etl.core.errors import ConfigError
from etl.index.client import client
from etl.index.runs import runs_index, store_run_report
from etl.index.versions import current_index, ensure_index, load_mapping

pytestmark = pytest.mark.es


def _index_settings(es, index: str) -> dict:
    return es.indices.get_settings(index=index)[index]["settings"]["index"]


def test_new_indices_take_the_shards_and_replicas_of_the_settings(es_settings, es):
    settings = es_settings.replace(index_shards=2, index_replicas="1")
    name = ensure_index(es, settings)
    created = _index_settings(es, name)
    assert (created["number_of_shards"], created["number_of_replicas"]) == ("2", "1")
    assert "auto_expand_replicas" not in created
    store_run_report(settings, {"run": "2024-05-01T10-00-00Z"})
    runs = runs_index(settings)
    assert _index_settings(es, runs)["number_of_replicas"] == "1"  # every index, not only the articles
    assert _index_settings(es, runs)["number_of_shards"] == "1"  # shards: the article index only


def test_a_replica_range_follows_the_number_of_nodes(es_settings, es):
    settings = es_settings.replace(index_replicas="0-1")
    created = _index_settings(es, ensure_index(es, settings))
    assert created["auto_expand_replicas"] == "0-1"
    nodes = int(es.cluster.health()["number_of_nodes"])
    assert created["number_of_replicas"] == ("0" if nodes == 1 else "1")  # one node here: green, no replica
    defaults = load_mapping(es_settings)["settings"]["index"]
    assert (defaults["number_of_shards"], defaults["number_of_replicas"]) == (1, 0)  # unset: the mapping file's


@pytest.mark.parametrize("bad", ["one", "1-", "-1", "0-x"])
def test_replicas_that_are_neither_a_number_nor_a_range_fail_fast(es_settings, bad):
    with pytest.raises(ConfigError, match="NEWS_ETL_INDEX_REPLICAS"):
        load_mapping(es_settings.replace(index_replicas=bad))


def test_a_client_given_several_nodes_carries_on_when_one_does_not_answer(es_settings, es):
    with socket.socket() as s:  # a port nothing listens on: a node that is down
        s.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{s.getsockname()[1]}"
    settings = es_settings.replace(es_url=f"{dead},{es_settings.es_url}")
    several = client(settings)
    for _ in range(4):  # round-robin: some requests go to the dead node first, then are retried
        assert ensure_index(several, settings) == current_index(es, settings)
    assert len(several.transport.node_pool.all()) == 2
