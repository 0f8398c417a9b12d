"""Shared fixtures: a real Elasticsearch node, per-test index aliases, repo paths."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from etl.core.settings import Settings
from etl.dev import esserver
from etl.index.client import client
from tests import cluster

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
TEST_ES_PORT = 9250
# The tests serve pages, feeds and robots.txt on loopback (127.0.0.x), which fetching refuses
# by default (SSRF protection, etl/fetch/netguard.py): open exactly that range, visibly, for
# every test and the processes they start (Airflow, the CLI). Tests of the refusal itself
# set fetch_allowed_networks explicitly (tests/test_netguard.py).
os.environ["NEWS_ETL_FETCH_ALLOWED_NETWORKS"] = "127.0.0.0/8"


@pytest.fixture(scope="session")
def es_url():
    """URL of a real Elasticsearch: ``NEWS_ETL_TEST_ES_URL`` if it answers, else a node started here.

    A node started by this fixture is stopped when the session ends.
    """
    given = os.environ.get("NEWS_ETL_TEST_ES_URL")
    if given and esserver.health(given):
        yield given
        return
    settings = Settings.from_env(es_url=f"http://127.0.0.1:{TEST_ES_PORT}")
    started = esserver.health(settings.es_url) is None
    node = esserver.start(settings)
    try:
        yield node.url
    finally:
        if started:
            esserver.stop(settings)


@pytest.fixture
def es_settings(es_url, tmp_path):
    """Settings for one test: the real node, a unique alias, a private staging folder.

    Every index whose name starts with the test's prefix is deleted afterwards.
    """
    prefix = "t" + uuid.uuid4().hex[:10]
    settings = Settings.from_env(
        es_url=es_url, index_alias=f"{prefix}-articles", staging_dir=str(tmp_path / "staging")
    )
    yield settings
    es = client(settings)
    es.options(ignore_status=404).indices.delete(index=f"{prefix}*", expand_wildcards="all")
    es.options(ignore_status=404).indices.delete_index_template(name=f"{prefix}*")
    es.close()


@pytest.fixture
def es(es_settings):
    """An Elasticsearch client bound to ``es_settings``."""
    es = client(es_settings)
    yield es
    es.close()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The read-only ``../shared`` folder beside the project (may be absent)."""
    return SHARED


@pytest.fixture(scope="session")
def s3_server() -> Iterator[str]:
    """Endpoint of the real S3 server (s3proxy on 58333, tests/cluster.py), started for the
    session when it is not running and then stopped at its end."""
    with cluster.running("s3"):
        yield cluster.S3_ENDPOINT


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """URL of the real PostgreSQL (55432, database and role newsetl, tests/cluster.py),
    started for the session when it is not running and then stopped at its end."""
    with cluster.running("postgres"):
        yield cluster.PG_URL
