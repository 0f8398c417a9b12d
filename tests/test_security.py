"""Security defaults: Elasticsearch credentials come from the Airflow connection or the
environment, are really sent (checked by a recording proxy in front of the real node) and
never appear in task logs; TLS options reach the client."""

from __future__ import annotations

import base64
import logging
import re
import subprocess
from pathlib import Path
from urllib.parse import quote, urlsplit

import certifi
import pytest
from esproxy import Forwarder, running
from test_e2e import BIN, _airflow_env, airflow_home  # noqa: F401 - airflow_home is a fixture
from test_load import make_articles, stage_articles

from etl.core.settings import Settings
from etl.dev import samples
from etl.index.client import client
from etl.pipeline import load_stage

pytestmark = pytest.mark.es
USER, PASSWORD, API_KEY = "etl-writer", "S3cr3t-P@ss:w0rd", "c2VjcmV0LWtleS1pZDpzZWNyZXQta2V5LXZhbHVl"


class _Recorder(Forwarder):
    """Forwards every request to the real node (which has security off) and records its
    Authorization header."""

    dropped_request_headers = ("host", "authorization")
    seen: list[str] = []

    def respond(self, body):
        self.seen.append(self.headers.get("Authorization", ""))
        super().respond(body)


@pytest.fixture
def proxy(es_url):
    """A recording proxy: yields (proxy URL, list of Authorization headers seen)."""
    with running(_Recorder, es_url, seen=[]) as (url, handler):
        yield url, handler.seen


def _secret_forms(*secrets: str) -> list[str]:
    forms = []
    for s in secrets:
        forms += [s, quote(s, safe=""), base64.b64encode(s.encode()).decode()]
    forms.append(base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode())
    return forms


def test_api_key_from_the_environment_is_sent_and_never_logged(proxy, es_settings, es, caplog):
    url, seen = proxy
    settings = es_settings.replace(es_url=url, es_api_key=API_KEY)
    with caplog.at_level(logging.DEBUG):
        summary = load_stage(settings, stage_articles(settings, make_articles(20)))
    assert summary.count == 20
    assert seen and set(seen) == {f"ApiKey {API_KEY}"}
    logged = "\n".join(r.getMessage() for r in caplog.records) + repr(summary)
    assert not [f for f in _secret_forms(API_KEY) if f in logged]
    assert settings.redacted()["es_api_key"] == "***"


def test_tls_settings_reach_the_client():
    s = Settings.from_env({}, es_url="https://es.internal:9243", es_ca_certs=certifi.where(), es_username=USER,
                          es_password=PASSWORD)
    es = client(s)
    try:
        node = es.transport.node_pool.all()[0]
        assert node.config.scheme == "https" and node.config.ca_certs == certifi.where()
        assert node.config.verify_certs is True
        assert es._headers["authorization"] == "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
    finally:
        es.close()


@pytest.mark.airflow
@pytest.mark.slow
def test_airflow_connection_credentials_are_used_and_never_logged(airflow_home, proxy, es_settings, es):  # noqa: F811
    url, seen = proxy
    port = urlsplit(url).port
    conn_uri = f"http://{quote(USER, safe='')}:{quote(PASSWORD, safe='')}@127.0.0.1:{port}"
    with samples.serve() as base:
        env = _airflow_env(airflow_home, NEWS_ETL_ES_URL="http://127.0.0.1:9",  # unreachable: only the connection works
                           NEWS_ETL_INDEX_ALIAS=es_settings.index_alias, NEWS_ETL_STAGING_DIR=es_settings.staging_dir,
                           NEWS_ETL_SAMPLES_URL=base, NEWS_ETL_TASK_RETRIES="0", AIRFLOW_CONN_NEWS_ETL_ES=conn_uri)
        proc = subprocess.run([str(BIN / "airflow"), "dags", "test", "news_ingest", "2024-07-01T00:00:00+00:00"],
                              env=env, capture_output=True, text=True, timeout=600)
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output[-4000:]
    es.indices.refresh(index=es_settings.index_alias)
    assert es.count(index=es_settings.index_alias)["count"] >= len(samples.PAGES) - 1

    basic = "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
    assert seen and set(seen) == {basic}  # every request carried the connection's credentials
    load_line = re.search(r"stage=load run_id=(\S+) .*count=(\d+)", output)  # structured task logs ...
    assert load_line and load_line.group(1).startswith("manual__"), output[-3000:]
    logs = [output] + [p.read_text(errors="replace") for p in Path(airflow_home).rglob("*.log") if p.is_file()]
    leaks = [f for f in _secret_forms(PASSWORD) if any(f in text for text in logs)]
    assert not leaks, leaks  # ... and no form of the password is in them
