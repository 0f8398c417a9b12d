import pytest

from etl.core.errors import ConfigError
from etl.core.settings import Settings


def test_defaults_then_env_then_overrides():
    env = {"NEWS_ETL_ES_URL": "http://127.0.0.1:9999", "NEWS_ETL_BULK_CHUNK_SIZE": "42",
           "NEWS_ETL_ES_VERIFY_CERTS": "no", "NEWS_ETL_MAX_FAILURE_RATIO": "0.5"}
    s = Settings.from_env(env, index_alias="x")
    assert s.es_url == "http://127.0.0.1:9999"
    assert s.bulk_chunk_size == 42 and s.es_verify_certs is False and s.max_failure_ratio == 0.5
    assert s.index_alias == "x"
    assert Settings.from_env({}).index_alias == "articles"


def test_bad_env_value_fails_fast_with_the_variable_name():
    with pytest.raises(ConfigError, match="NEWS_ETL_BULK_CHUNK_SIZE"):
        Settings.from_env({"NEWS_ETL_BULK_CHUNK_SIZE": "many"})
    with pytest.raises(ConfigError, match="NEWS_ETL_ES_VERIFY_CERTS"):
        Settings.from_env({"NEWS_ETL_ES_VERIFY_CERTS": "perhaps"})


def test_connection_uri_sets_credentials_and_strips_them_from_url():
    s = Settings.from_env({}).with_es_url("https://elastic:p%40ss@es.internal:9243")
    assert s.es_url == "https://es.internal:9243"
    assert (s.es_username, s.es_password) == ("elastic", "p@ss")
    assert s.redacted()["es_password"] == "***"
    assert "p@ss" not in repr(s.redacted())


def test_connection_uri_must_be_http():
    with pytest.raises(ConfigError):
        Settings.from_env({}).with_es_url("ftp://host")


def test_secrets_never_appear_in_repr():
    s = Settings.from_env({"NEWS_ETL_ES_PASSWORD": "hunter2", "NEWS_ETL_ES_API_KEY": "k3y"})
    assert s.es_password == "hunter2" and "hunter2" not in repr(s) and "k3y" not in repr(s)


def test_several_https_nodes_on_loopback_are_a_cluster_not_the_local_nodes_credentials_file():
    # The compose stack's tasks, run locally by tests/compose_runner.py: three nodes, TLS, their own user.
    urls = "https://127.0.0.1:30301,https://127.0.0.1:30302,https://127.0.0.1:30303"
    s = Settings.from_env({"NEWS_ETL_ES_URL": urls, "NEWS_ETL_ES_CA_CERTS": "/certs/ca.crt"})
    assert (s.es_url, s.es_username, s.es_ca_certs) == (urls, "", "/certs/ca.crt")
