"""The DAG helpers: retry policy from the environment, task settings with the Airflow connection."""

import subprocess
import sys
from datetime import timedelta

import pytest
from airflow.sdk.exceptions import AirflowFailException

from etl import dagkit
from etl.core.errors import ConfigError, LoadFailed, TransientError


def test_default_args_read_the_environment(monkeypatch):
    monkeypatch.setenv("NEWS_ETL_TASK_RETRIES", "5")
    monkeypatch.setenv("NEWS_ETL_RETRY_DELAY_SECONDS", "7")
    args = dagkit.default_args()
    assert args["retries"] == 5 and args["retry_delay"] == timedelta(seconds=7)
    assert args["retry_exponential_backoff"] is True


def test_task_settings_overlay_the_airflow_connection_from_the_environment():
    code = ("from etl.dagkit import task_settings; s = task_settings();"
            "print(s.es_url, s.es_username, s.es_password)")
    env = {"AIRFLOW_CONN_NEWS_ETL_ES": "https://reader:s3cr%40t@search.internal:9243",
           "NEWS_ETL_ES_URL": "http://127.0.0.1:9200", "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["https://search.internal:9243", "reader", "s3cr@t"]


def test_without_a_connection_the_environment_wins():
    code = "from etl.dagkit import task_settings; print(task_settings().es_url)"
    env = {"NEWS_ETL_ES_URL": "http://127.0.0.1:9333", "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "http://127.0.0.1:9333"


def test_fail_fast_turns_config_and_load_failures_into_no_retry_failures():
    def raising(exc):
        @dagkit.fail_fast
        def task_body():
            raise exc
        return task_body

    for exc in (ConfigError("bad sources file"), LoadFailed("40 of 100 documents failed")):
        with pytest.raises(AirflowFailException, match=str(exc)):
            raising(exc)()
    with pytest.raises(TransientError):  # retried by Airflow as usual
        raising(TransientError("Elasticsearch down"))()
    assert dagkit.fail_fast(lambda x: x + 1)(1) == 2


@pytest.mark.parametrize("connection, env_url, expected", [
    # Saved with host, port, login, password (type Elasticsearch): the environment's scheme, i.e. its TLS.
    ('{"conn_type": "elasticsearch", "host": "es01", "port": 9200, "login": "ingest", "password": "s3cret-pw"}',
     "https://elasticsearch:9200", "https://es01:9200"),
    ('{"conn_type": "elasticsearch", "host": "es01", "port": 9200, "extra": {"scheme": "http"}}',
     "https://elasticsearch:9200", "http://es01:9200"),
    # Type HTTP: its Schema field is the scheme, as Airflow's HTTP connections use it; empty: http.
    ('{"conn_type": "http", "host": "es01", "port": 9243, "schema": "https"}', "http://127.0.0.1:9200",
     "https://es01:9243"),
    ('{"conn_type": "http", "host": "es01", "port": 9200}', "https://elasticsearch:9200", "http://es01:9200"),
], ids=["elasticsearch-type-keeps-tls", "extra-scheme", "http-type-schema-https", "http-type-plain"])
def test_the_connections_scheme(connection, env_url, expected):
    code = "from etl.dagkit import task_settings; s = task_settings(); print(s.es_url, s.es_ca_certs)"
    env = {"AIRFLOW_CONN_NEWS_ETL_ES": connection, "NEWS_ETL_ES_URL": env_url, "NEWS_ETL_ES_CA_CERTS": "/certs/ca.crt",
           "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.splitlines()[-1].split() == [expected, "/certs/ca.crt"], out.stderr[-2000:]
