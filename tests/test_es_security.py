"""The local Elasticsearch with security on (the default of ``news-etl es start``): TLS on
HTTP with a CA made at the first start, least-privilege users, credentials found by Settings.

The test suite's shared node is plain HTTP (``http://`` in its URL; conftest); this module
starts its own secured node on a free port of SECURE_PORTS, from a fresh security folder, as
a first ``news-etl es start`` would, and stops it at the end.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import certifi
import pytest
from elasticsearch import AuthorizationException, Elasticsearch
from fastapi.testclient import TestClient
from test_load import make_articles

from etl.api.app import create_app
from etl.core.errors import ConfigError, TransientError
from etl.core.settings import Settings
from etl.dev import essecurity, esserver, samples
from etl.index import versions as ix
from etl.index.client import client, es_errors
from etl.index.load import bulk_load
from etl.index.runs import runs_index, store_run_report

pytestmark = [pytest.mark.es, pytest.mark.slow]
SECURE_PORTS = range(9340, 9350)  # transport +100; never 9200, 9250, 9260
CACHE = Path(__file__).resolve().parent.parent / ".cache" / "elasticsearch"
BIN = Path(sys.executable).parent


def _free_port() -> int:
    port = esserver.free_port(SECURE_PORTS)
    if port is None:
        pytest.skip("no free port for a secured Elasticsearch node")
    return port


def _env(url: str) -> dict[str, str]:
    return {"NEWS_ETL_ES_URL": url, "NEWS_ETL_ES_CACHE_DIR": str(CACHE), "NEWS_ETL_ES_HEAP": "256m"}


@pytest.fixture(scope="module")
def node():
    """The secured node's URL: started from nothing (no certificates, users or data), stopped after."""
    url = f"https://127.0.0.1:{_free_port()}"
    bare = Settings.from_env(_env(url))
    shutil.rmtree(essecurity.security_dir(bare), ignore_errors=True)
    shutil.rmtree(esserver.node_for(bare).root, ignore_errors=True)
    esserver.start(bare)
    try:
        yield url
    finally:
        esserver.stop(bare)


@pytest.fixture
def ingest(node) -> Settings:
    return Settings.from_env(_env(node))  # nothing but the URL given: credentials come from the file


@pytest.fixture
def admin(ingest) -> Elasticsearch:
    saved = json.loads((essecurity.security_dir(ingest) / "credentials.json").read_text())
    es = client(ingest.replace(es_username="elastic", es_password=saved["elastic_password"]))
    yield es
    es.close()


def test_first_start_makes_a_ca_users_and_a_private_credentials_file(node, ingest):
    folder = essecurity.security_dir(ingest)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for name in ("credentials.json", "ca.key", "node.key", "users", "users_roles"):
        assert stat.S_IMODE((folder / name).stat().st_mode) == 0o600, name
    saved = json.loads((folder / "credentials.json").read_text())
    assert saved["url"] == node and saved["ca_certs"] == str(folder / "ca.crt")
    assert {u["username"] for u in saved["users"].values()} == {"news_etl_ingest", "news_etl_api"}
    assert len({saved["elastic_password"], *(u["password"] for u in saved["users"].values())}) == 3
    config = esserver.node_for(ingest).root / "config"
    assert sorted(p.name for p in (config / "certs").iterdir()) == ["ca.crt", "node.crt", "node.key"]  # no CA key
    assert (ingest.es_username, ingest.es_ca_certs) == ("news_etl_ingest", saved["ca_certs"])
    assert ingest.with_es_role("api").es_username == "news_etl_api"
    assert esserver.health(node) is None  # no CA, no password: refused
    assert esserver.health(node, **esserver.access(ingest))["status"] in ("green", "yellow")


def test_plain_http_a_wrong_ca_and_no_password_are_refused(node, ingest):
    plain = ingest.replace(es_url=node.replace("https://", "http://"), es_max_retries=0)
    with pytest.raises(TransientError, match="unreachable"), es_errors(plain, "counting"), client(plain) as es:
        es.count(index="articles")
    wrong_ca = ingest.replace(es_ca_certs=certifi.where(), es_max_retries=0)
    with pytest.raises(ConfigError, match="TLS to Elasticsearch .* failed"), es_errors(wrong_ca, "counting"), \
            client(wrong_ca) as es:
        es.count(index="articles")
    for anonymous in (ingest.replace(es_username="", es_password=""), ingest.replace(es_password="guess")):
        with pytest.raises(ConfigError, match="refused the credentials .*HTTP 401"), \
                es_errors(anonymous, "counting"), client(anonymous) as es:
            es.count(index="articles")


def test_the_api_user_reads_the_alias_and_nothing_else(ingest, admin):
    assert bulk_load(client(ingest), make_articles(3, prefix="sec"), ingest).indexed == 3
    store_run_report(ingest, {"run": "2024-05-01T10-00-00Z", "run_id": "r", "logical_date": "2024-05-01T10:00:00Z"})
    admin.index(index="other", id="1", document={"secret": "x"}, refresh=True)
    doc_id = make_articles(1, prefix="sec")[0].article.doc_id
    with client(ingest.with_es_role("api")) as es:
        assert es.count(index="articles")["count"] == 3
        assert es.get(index="articles", id=doc_id)["found"]
        assert es.cluster.health()["status"] in ("green", "yellow")
        refused = {
            "index a document": lambda: es.index(index="articles", id="x", document={"title": "x"}),
            "update a document": lambda: es.update(index="articles", id=doc_id, doc={"title": "x"}),
            "delete a document": lambda: es.delete(index="articles", id=doc_id),
            "bulk": lambda: es.bulk(operations=[{"delete": {"_index": "articles", "_id": doc_id}}]),
            "delete the index": lambda: es.indices.delete(index=ix.current_index(admin, ingest)),
            "create an index": lambda: es.indices.create(index="articles-new"),
            "change the mapping": lambda: es.indices.put_mapping(index="articles", properties={"x": {"type": "text"}}),
            "move the alias": lambda: es.indices.update_aliases(actions=[{"remove": {"index": "*", "alias": "articles"}}]),
            "read another index": lambda: es.search(index="other"),
            "get from another index": lambda: es.get(index="other", id="1"),
            "read the runs": lambda: es.search(index=runs_index(ingest)),
            "read the locks": lambda: es.search(index="articles-locks"),
            "make a user": lambda: es.security.put_user(username="u", password="p" * 12, roles=["superuser"]),
        }
        for what, call in refused.items():
            with pytest.raises(AuthorizationException):
                call()
                pytest.fail(f"the api user could {what}")
        every = es.search(index="*", size=100)["hits"]["hits"]  # a wildcard sees only what the user may read
        assert {h["_index"] for h in every} == {ix.current_index(admin, ingest)} and len(every) == 3
    assert admin.count(index="articles")["count"] == 3 and admin.count(index="other")["count"] == 1


def test_the_ingest_user_manages_its_indices_only(ingest, admin):
    with client(ingest) as es:
        bulk_load(es, make_articles(5, prefix="mig"), ingest)
        report = ix.migrate(es, ingest, delete_old=True)  # templates, index, copy, lock, alias, delete
        assert report["target_count"] == es.count(index="articles")["count"]
        admin.index(index="other", id="2", document={"secret": "y"}, refresh=True)
        for call in (lambda: es.search(index="other"), lambda: es.index(index="other", document={"a": 1}),
                     lambda: es.indices.delete(index="other"), lambda: es.indices.create(index="elsewhere"),
                     lambda: es.cluster.put_settings(persistent={"action.auto_create_index": "false"}),
                     lambda: es.security.put_user(username="u", password="p" * 12, roles=["superuser"])):
            with pytest.raises(AuthorizationException):
                call()


def test_the_search_api_and_the_cli_find_their_credentials(node, ingest, tmp_path):
    app = create_app(Settings.from_env(_env(node)))  # read-only: news_etl_api
    assert app.state.settings.es_username == "news_etl_api"
    with TestClient(app) as api:
        assert api.get("/health").status_code == 200
        assert api.get("/search", params={"q": "rates"}).json()["total"] >= 1
    sources = tmp_path / "sources.yaml"
    with samples.serve() as base:
        urls = "".join(f"\n      - {base}/{page}" for page in samples.PAGES)
        sources.write_text(f"sources:\n  - name: samples\n    kind: urls\n    urls:{urls}\n")
        env = {**os.environ, **_env(node), "NEWS_ETL_SOURCES_FILE": str(sources),
               "NEWS_ETL_STAGING_DIR": str(tmp_path / "staging"), "NEWS_ETL_FETCH_ALLOWED_NETWORKS": "127.0.0.0/8"}
        env = {k: v for k, v in env.items() if k not in ("NEWS_ETL_ES_USERNAME", "NEWS_ETL_ES_PASSWORD")}
        ingested = subprocess.run([str(BIN / "news-etl"), "ingest", "--quiet"], env=env, capture_output=True,
                                  text=True, timeout=600)
    assert ingested.returncode == 0, ingested.stderr[-2000:]
    summary = json.loads(ingested.stdout)
    assert summary["load"]["count"] >= 5 and summary["report"]["accounted"] is True  # runs, alerts, locks too
    found = subprocess.run([str(BIN / "news-etl"), "search", "Putin", "--json"], env=env, capture_output=True,
                           text=True, timeout=120)
    assert found.returncode == 0 and json.loads(found.stdout)["total"] >= 1, found.stderr[-1000:]


def test_a_restart_keeps_certificates_and_passwords(node, ingest):
    folder = essecurity.security_dir(ingest)
    before = {name: (folder / name).read_bytes() for name in ("credentials.json", "ca.crt", "users")}
    esserver.stop(ingest)
    esserver.start(ingest)
    assert {name: (folder / name).read_bytes() for name in before} == before
    with client(Settings.from_env(_env(node))) as es:
        assert es.count(index="articles")["count"] >= 5


# ----------------------------------------------------------------------------- which settings apply (no node)


def _file(tmp_path: Path, url: str = "https://127.0.0.1:9399") -> Path:
    folder = tmp_path / "security-9399"
    folder.mkdir()
    path = folder / "credentials.json"
    path.write_text(json.dumps({"url": url, "ca_certs": "/ca.crt", "users": {
        "ingest": {"username": "news_etl_ingest", "password": "i"}, "api": {"username": "news_etl_api", "password": "a"}}}))
    return path


def test_settings_apply_the_node_file_only_when_nothing_else_is_given(tmp_path):
    _file(tmp_path)
    base = {"NEWS_ETL_ES_CACHE_DIR": str(tmp_path), "NEWS_ETL_ES_URL": "https://127.0.0.1:9399"}
    s = Settings.from_env(base)
    assert (s.es_username, s.es_password, s.es_ca_certs) == ("news_etl_ingest", "i", "/ca.crt")
    assert "'i'" not in repr(s) and s.redacted()["es_password"] == "***"
    api = s.with_es_role("api")
    assert (api.es_username, api.es_password) == ("news_etl_api", "a")
    own = Settings.from_env({**base, "NEWS_ETL_ES_USERNAME": "me", "NEWS_ETL_ES_PASSWORD": "pw"})
    assert (own.es_username, own.with_es_role("api").es_username) == ("me", "me")  # given credentials win
    assert Settings.from_env({**base, "NEWS_ETL_ES_API_KEY": "k"}).es_username == ""
    assert Settings.from_env({**base, "NEWS_ETL_ES_URL": "http://127.0.0.1:9399"}).es_username == ""  # plain node
    assert Settings.from_env({**base, "NEWS_ETL_ES_ROLE": "api"}).es_username == "news_etl_api"
    with pytest.raises(ConfigError, match="NEWS_ETL_ES_ROLE='admin'"):
        Settings.from_env({**base, "NEWS_ETL_ES_ROLE": "admin"})


def test_a_stale_file_is_ignored_and_a_named_one_must_exist(tmp_path):
    path = _file(tmp_path, url="https://127.0.0.1:9399/other")  # left by another node on this port
    assert Settings.from_env({"NEWS_ETL_ES_CACHE_DIR": str(tmp_path),
                              "NEWS_ETL_ES_URL": "https://127.0.0.1:9399"}).es_username == ""
    named = Settings.from_env({"NEWS_ETL_ES_URL": "https://es.internal:9200", "NEWS_ETL_ES_CREDENTIALS_FILE": str(path)})
    assert named.es_username == "news_etl_ingest" and named.es_url == "https://es.internal:9200"
    with pytest.raises(ConfigError, match="no file"):
        Settings.from_env({"NEWS_ETL_ES_CREDENTIALS_FILE": str(tmp_path / "missing.json")})
