"""Run ``docker-compose.yml`` as local processes, without Docker: the file users run is the file
the distributed test runs.

:func:`load` reads the file as Compose does: ``.env``-style variables interpolated (``${X}``,
``${X:-default}``, ``${X-default}``, ``${X:?error}``, ``$$``), YAML anchors merged, only the
services of the active profiles (and ``scale`` > 0) kept. :class:`LocalStack` then maps every
service to a local equivalent and starts them in ``depends_on`` order:

- images of infrastructure -> ``scripts/cluster/services.sh`` in a private state folder on free
  ports: ``postgres:*`` (its ``POSTGRES_*`` credentials), ``redis:*``, ``andrewgaul/s3proxy:*``
  (its ``S3PROXY_*`` / ``JCLOUDS_*`` settings) and every ``elasticsearch:*`` service as one node of
  one cluster, with the services' node settings (``-E``), ``ELASTIC_PASSWORD`` (keystore) and
  heap (``ES_JAVA_OPTS``); Elasticsearch refuses a setting it does not know, so a misspelt one
  fails the start. One-shot commands of the Elasticsearch image (``es-certs``) run from a copy of
  the image's home folder.
- the project's image (``build: .``) -> the venv: the Airflow image's entrypoint (``bash`` /
  ``python`` as they are, anything else after ``airflow``), an ``entrypoint`` of the service
  (``news-etl``, ``python``), the Dockerfile's ``ENV`` lines and the service's ``environment``.

In every value, command and healthcheck a service's host name and container port become
``127.0.0.1`` and the local port (a network alias of several services becomes the list of their
URLs), ``0.0.0.0`` binds become ``127.0.0.1``, container paths become local ones (bind mounts ->
the repository, named volumes -> folders of the stack, the Dockerfile's ``COPY`` targets -> the
repository, ``/opt/airflow`` -> a home per service). Ports an Airflow command listens on without
the compose file saying so (log server 8793, scheduler health 8974, api-server 8080) are moved by
the variables Airflow reads for them. Healthchecks run locally; a ``service_healthy`` dependency
waits for them. :func:`unknown_names` lists the variables nothing reads: ``AIRFLOW__S__K``
absent from ``airflow config list --defaults``, ``NEWS_ETL_*`` that are no setting, image
variables of Elasticsearch, PostgreSQL and s3proxy the images do not know, and other variables
that no script of the service mentions.

Not emulated (raises :class:`ComposeError`): other images, ``network_mode``, several different
Elasticsearch settings per node beyond the topology (names, seed hosts, initial masters).
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import random
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil
import yaml

from etl.core.settings import ENV_PREFIX, ROOT, Settings
from etl.dev import esserver
from etl.dev.airflow_cluster import AirflowCluster, AirflowProcess, ClusterServices, free_port

log = logging.getLogger(__name__)
COMPOSE_FILE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "Dockerfile"
ENV_SH = ROOT / "scripts" / "compose" / "env.sh"
VENV_BIN = Path(sys.executable).parent
# Airflow commands listen on these container ports whatever the file says; the variables move them.
AIRFLOW_PORTS: dict[str, dict[int, dict[str, str]]] = {
    "api-server": {8080: {"AIRFLOW__API__HOST": "127.0.0.1", "AIRFLOW__API__PORT": "{port}"}},
    "scheduler": {8974: {"AIRFLOW__SCHEDULER__SCHEDULER_HEALTH_CHECK_SERVER_HOST": "127.0.0.1",
                         "AIRFLOW__SCHEDULER__SCHEDULER_HEALTH_CHECK_SERVER_PORT": "{port}"}},
    "*": {8793: {"AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT": "{port}"}},  # every Airflow process's log server
}
# Variables the images themselves read (their entrypoints), beyond AIRFLOW__* / settings.
IMAGE_VARIABLES = {
    "airflow": {"DUMB_INIT_SETSID", "CONNECTION_CHECK_MAX_COUNT", "CONNECTION_CHECK_SLEEP_TIME"},
    "elasticsearch": {"ELASTIC_PASSWORD", "ES_JAVA_OPTS"},
    "postgres": {"POSTGRES_USER", "POSTGRES_PASSWORD", "POSTGRES_DB", "PGDATA"},
    "s3proxy": {"LOG_LEVEL", "S3PROXY_ENDPOINT", "S3PROXY_AUTHORIZATION", "S3PROXY_IDENTITY", "S3PROXY_CREDENTIAL",
                "S3PROXY_IGNORE_UNKNOWN_HEADERS", "S3PROXY_JAVA_OPTS", "JCLOUDS_PROVIDER", "JCLOUDS_FILESYSTEM_BASEDIR"},
}
ES_TOPOLOGY = {"node.name", "cluster.name", "discovery.seed_hosts", "cluster.initial_master_nodes", "discovery.type",
               "network.host", "http.port", "transport.port", "path.data", "path.logs"}
ES_HOME_IN_IMAGE = "/usr/share/elasticsearch"
AIRFLOW_HOME_IN_IMAGE = "/opt/airflow"
_VAR = re.compile(r"\$(?:\$|\{(?P<braced>[^}]*)\}|(?P<name>[A-Za-z_][A-Za-z0-9_]*))")
# host:port, optionally scheme:// before and /path after; not user:password@ (a port is followed by no
# word character, @, . or -).
_HOST_PORT = re.compile(r"(?P<scheme>[a-z][a-z0-9+.-]*://)?(?P<host>[A-Za-z0-9][A-Za-z0-9_.-]*):(?P<port>\d+)"
                        r"(?![\w@.-])(?P<path>/[^\s,'\"]*)?")


class ComposeError(RuntimeError):
    """The compose file cannot be read or run locally, or a service failed."""


# ----------------------------------------------------------------------------- reading the file


def profile_env(*profiles: str) -> dict[str, str]:
    """The variables ``scripts/compose/env.sh PROFILES`` gives (what ``make compose-up`` exports)."""
    out = subprocess.run(["bash", str(ENV_SH), *profiles], capture_output=True, text=True, check=True).stdout
    return dict(line.split("=", 1) for line in out.splitlines() if "=" in line)


def interpolate(value: Any, env: Mapping[str, str]) -> Any:
    """``value`` (a YAML tree) with Compose's ``$`` interpolation applied to every string.

    Raises ComposeError for ``${X:?message}`` / ``${X?message}`` when X is unset (or empty for
    ``:?``), and for a malformed reference.
    """
    if isinstance(value, str):
        return _VAR.sub(lambda m: _substitute(m, env), value)
    if isinstance(value, list):
        return [interpolate(item, env) for item in value]
    if isinstance(value, dict):
        return {key: interpolate(item, env) for key, item in value.items()}
    return value


def _substitute(match: re.Match, env: Mapping[str, str]) -> str:
    if match.group(0) == "$$":
        return "$"
    if match.group("name"):
        return env.get(match.group("name"), "")
    expr = match.group("braced")
    found = re.fullmatch(r"([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?])(.*))?", expr, re.DOTALL)
    if not found:
        raise ComposeError(f"invalid interpolation ${{{expr}}}")
    name, colon, op, arg = found.groups()
    value = env.get(name)
    missing = value is None or (colon == ":" and value == "")
    if op == "-":
        return interpolate(arg, env) if missing else str(value)
    if op == "?" and missing:
        raise ComposeError(f"required variable {name} is missing: {arg}")
    return value or ""


def load(env: Mapping[str, str], profiles: tuple[str, ...] = (), path: Path = COMPOSE_FILE) -> dict:
    """The compose file at ``path`` interpolated with ``env``, ``services`` reduced to those the
    ``profiles`` enable and whose ``scale`` is not 0. Raises ComposeError (see :func:`interpolate`)."""
    data = interpolate(yaml.safe_load(path.read_text(encoding="utf-8")), env)
    data = {key: value for key, value in data.items() if not key.startswith("x-")}
    for service in data["services"].values():  # Compose casts interpolated numbers to the schema's type
        if "scale" in service:
            service["scale"] = int(service["scale"])
    data["services"] = {name: svc for name, svc in data["services"].items()
                        if (not svc.get("profiles") or set(svc["profiles"]) & set(profiles)) and svc.get("scale", 1) > 0}
    return data


def environment(service: Mapping[str, Any]) -> dict[str, str]:
    """A service's ``environment`` as a dict of strings (the list form ``KEY=VALUE`` too)."""
    env = service.get("environment") or {}
    if isinstance(env, list):
        env = dict(item.split("=", 1) if "=" in item else (item, "") for item in env)
    return {str(k): "" if v is None else str(v) for k, v in env.items()}


def as_argv(value: Any) -> list[str]:
    """A ``command`` / ``entrypoint`` as an argument list (a string is split like a shell does)."""
    if value is None:
        return []
    return shlex.split(value) if isinstance(value, str) else [str(v) for v in value]


def image_kind(service: Mapping[str, Any]) -> str:
    """``project`` (built from this repository), ``postgres``, ``redis``, ``s3proxy`` or
    ``elasticsearch``; ComposeError for another image."""
    if "build" in service:
        return "project"
    image = str(service.get("image", ""))
    for kind, prefix in (("postgres", "postgres:"), ("redis", "redis:"), ("s3proxy", "andrewgaul/s3proxy:"),
                         ("elasticsearch", "elasticsearch:"), ("elasticsearch", "docker.elastic.co/elasticsearch/")):
        if image.startswith(prefix):
            return kind
    raise ComposeError(f"no local equivalent of image {image!r}")


@dataclass(frozen=True)
class Dockerfile:
    """What the runner needs of the Dockerfile: ``ENV`` variables and ``COPY`` targets (container
    path -> repository path)."""

    env: dict[str, str]
    copies: dict[str, Path]

    @classmethod
    def read(cls, path: Path = DOCKERFILE) -> Dockerfile:
        """Parse ``ENV`` and ``COPY`` lines (continuations joined). Raises ComposeError for a
        ``COPY`` source that does not exist."""
        env: dict[str, str] = {}
        copies: dict[str, Path] = {}
        for line in path.read_text(encoding="utf-8").replace("\\\n", " ").splitlines():
            words = shlex.split(line, comments=True)
            if words[:1] == ["ENV"]:
                env.update(w.split("=", 1) for w in words[1:] if "=" in w)
            elif words[:1] == ["COPY"]:
                *sources, target = [w for w in words[1:] if not w.startswith("--")]
                for source in sources:
                    local = ROOT / source
                    if not local.exists():
                        raise ComposeError(f"Dockerfile copies {source}, which does not exist")
                    copies[f"{target.rstrip('/')}/{local.name}" if target.endswith("/") else target] = local
        return cls(env, copies)


# ----------------------------------------------------------------------------- names nothing reads


@functools.cache
def airflow_options() -> frozenset[str]:
    """Every ``AIRFLOW__SECTION__KEY`` Airflow knows (``airflow config list --defaults``, with
    the providers installed in the venv)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AIRFLOW")}
    env["AIRFLOW_HOME"] = str(ROOT / ".cache" / "compose-runner-airflow-home")
    out = subprocess.run([str(VENV_BIN / "airflow"), "config", "list", "--defaults"], env=env, capture_output=True,
                         text=True, check=True, timeout=300).stdout
    names, section = set(), ""
    for line in out.splitlines():
        if found := re.fullmatch(r"\[([\w.]+)\]", line.strip()):
            section = found.group(1)
        elif found := re.match(r"#?\s*(\w+) = ", line):
            names.add(f"AIRFLOW__{section.upper().replace('.', '_')}__{found.group(1).upper()}")
    return frozenset(names)


def news_etl_names() -> set[str]:
    """``NEWS_ETL_*`` variables something reads: the settings and the DAG files' own variables."""
    fields = {f"{ENV_PREFIX}{name.upper()}" for name in Settings.__dataclass_fields__}
    dag_text = "".join(p.read_text(encoding="utf-8") for p in [ROOT / "etl" / "dagkit.py", *(ROOT / "dags").glob("*.py")])
    return fields | set(re.findall(r"\bNEWS_ETL_[A-Z0-9_]+", dag_text))


def unknown_names(compose: Mapping[str, Any], dockerfile: Dockerfile | None = None) -> list[str]:
    """``service: VARIABLE`` for every variable of every service that nothing reads (see the
    module docstring); an empty list when all are read."""
    dockerfile = dockerfile or Dockerfile.read()
    problems = []
    for name, service in compose["services"].items():
        kind = image_kind(service)
        scripts = _script_text(service, dockerfile)
        for key in environment(service):
            if not _is_read(key, kind, scripts):
                problems.append(f"{name}: {key}")
    return problems


def _is_read(key: str, kind: str, scripts: str) -> bool:
    if kind == "elasticsearch":
        # Dotted settings go to the node as they are (and the node refuses unknown ones).
        return key in IMAGE_VARIABLES[kind] or bool(re.fullmatch(r"[a-z0-9_-]+(\.[a-z0-9_-]+)+", key))
    if kind != "project":
        return key in IMAGE_VARIABLES[kind]
    if key.startswith("AIRFLOW__"):
        return key in airflow_options()
    if key.startswith(ENV_PREFIX) and key in news_etl_names():
        return True
    return key in IMAGE_VARIABLES["airflow"] or re.search(rf"\b{re.escape(key)}\b", scripts) is not None


def _script_text(service: Mapping[str, Any], dockerfile: Dockerfile) -> str:
    """Text of what a service runs or reads: the repository scripts of its command (and their
    folder's siblings) and the files it bind-mounts (e.g. the sources file's ``${VAR}``)."""
    folders: list[Path] = []
    for arg in as_argv(service.get("entrypoint")) + as_argv(service.get("command")):
        if any(arg.startswith(target) for target in dockerfile.copies):
            path = dockerfile.copies[_prefix_of(arg, dockerfile)] / arg[len(_prefix_of(arg, dockerfile)):].lstrip("/")
            folders.append(path.parent if path.is_file() else path)
    folders += [ROOT / source for source, _target in _mounts(service) if source.startswith((".", "/"))]
    files = [f for folder in folders for f in ([folder] if folder.is_file() else sorted(folder.glob("*")))]
    return "\n".join(f.read_text(encoding="utf-8", errors="replace") for f in files
                     if f.is_file() and f.suffix in (".py", ".sh", ".yaml", ".yml", ".json", ".txt"))


def _prefix_of(arg: str, dockerfile: Dockerfile) -> str:
    return max((t for t in dockerfile.copies if arg.startswith(t)), key=len)


# ----------------------------------------------------------------------------- TLS of Elasticsearch

ES_TLS_FILES = ("xpack.security.http.ssl.key", "xpack.security.http.ssl.certificate",
                "xpack.security.http.ssl.certificate_authorities")
LOOPBACK_NAMES = {"dns:localhost", "ip:127.0.0.1"}  # what a node's healthcheck (and the local runner) connects to


def tls_problems(compose: Mapping[str, Any]) -> list[str]:
    """What keeps the file's Elasticsearch from answering only HTTPS that every client verifies;
    an empty list when nothing does. The one-shot of the Elasticsearch image (``es-certs``)
    writes the certificates into the volume it mounts under ``config/`` and the CA certificate
    into the volume its command names. Problems: a node without ``xpack.security.http.ssl.enabled:
    "true"`` or whose key, certificate or CA is not on the certificates volume; a node's
    healthcheck without ``https://`` and ``--cacert`` on that volume; a service of the project's
    image that addresses a node (by service name or network alias) other than with ``https://``,
    or without ``NEWS_ETL_ES_CA_CERTS`` on the CA volume; a node name, an alias, localhost or
    127.0.0.1 missing from the subject alternative names (``SANS=``) of the es-certs script."""
    services = compose["services"]
    nodes = {n: s for n, s in services.items() if image_kind(s) == "elasticsearch" and "node.name" in environment(s)}
    certs = [(n, s) for n, s in services.items() if image_kind(s) == "elasticsearch" and n not in nodes]
    if len(certs) != 1:
        return [f"one service of the Elasticsearch image must make the certificates, found {[n for n, _ in certs]}"]
    name, maker = certs[0]
    certs_volume = next((src for src, target in _mounts(maker) if target.startswith(f"{ES_HOME_IN_IMAGE}/config/")), "")
    args = as_argv(maker.get("command"))
    ca_volume = next((src for src, target in _mounts(maker) if target in args and not src.startswith((".", "/"))), "")
    hosts = set(nodes) | {alias for node in nodes.values() for alias in _aliases(node)}
    problems = [p for node, service in nodes.items() for p in _node_tls_problems(node, service, certs_volume)]
    for client, service in services.items():
        if image_kind(service) == "project":
            problems += _client_tls_problems(client, service, hosts, ca_volume)
    script = next((ROOT / src for src, target in _mounts(maker) if target in args and src.endswith(".sh")), None)
    found = re.search(r'^SANS="([^"]+)"', script.read_text(encoding="utf-8"), re.M) if script else None
    sans = set(found.group(1).split(",")) if found else set()
    missing = sorted(({f"dns:{h}" for h in hosts} | LOOPBACK_NAMES) - sans)
    return problems + ([f"{name}: the node certificate's SANS lack {missing}"] if missing else [])


def _volume_of(path: str, service: Mapping[str, Any]) -> str:
    """The source of the mount of ``service`` that holds the container path ``path`` ('' for none)."""
    return next((src for src, target in sorted(_mounts(service), key=lambda m: -len(m[1]))
                 if path.startswith(f"{target.rstrip('/')}/")), "")


def _node_tls_problems(name: str, node: Mapping[str, Any], certs_volume: str) -> list[str]:
    env = environment(node)
    problems = [] if env.get("xpack.security.http.ssl.enabled") == "true" else [
        f'{name}: xpack.security.http.ssl.enabled is not "true"']
    for key in ES_TLS_FILES:  # relative to the node's config folder
        if _volume_of(f"{ES_HOME_IN_IMAGE}/config/{env.get(key, '')}", node) != certs_volume or not env.get(key):
            problems.append(f"{name}: {key} ({env.get(key)!r}) is not a file of the volume {certs_volume}")
    test = as_argv((node.get("healthcheck") or {}).get("test"))
    words = " ".join(test).split()
    ca = words[words.index("--cacert") + 1] if "--cacert" in words[:-1] else ""
    if "https://" not in " ".join(test) or _volume_of(ca, node) != certs_volume:
        problems.append(f"{name}: healthcheck not over https:// with --cacert on the volume {certs_volume}")
    return problems


def _client_tls_problems(name: str, service: Mapping[str, Any], hosts: set[str], ca_volume: str) -> list[str]:
    env = environment(service)
    urls = [m for value in env.values() for m in _HOST_PORT.finditer(value) if m.group("host") in hosts]
    if not urls:
        return []
    problems = [f"{name}: {m.group(0)} is not https://" for m in urls if m.group("scheme") != "https://"]
    ca = env.get("NEWS_ETL_ES_CA_CERTS", "")
    if not ca or _volume_of(ca, service) != ca_volume:
        problems.append(f"{name}: NEWS_ETL_ES_CA_CERTS ({ca!r}) is not a file of the volume {ca_volume}")
    return problems


# ----------------------------------------------------------------------------- running it locally


@dataclass
class Instance:
    """One local stand-in of a compose service (one per ``scale`` replica)."""

    service: str
    name: str  # the emulated container host name: the service, or service-N for replicas
    kind: str
    ports: dict[int, int] = field(default_factory=dict)  # container port -> local port


class StackServices(ClusterServices):
    """``services.sh`` for a compose stack: PostgreSQL, Redis, s3proxy and an Elasticsearch
    cluster in a private state folder on free ports, with settings taken from the compose file
    (:meth:`configure`)."""

    def __init__(self, state_dir: Path):
        super().__init__(state_dir)
        self.s3_port = free_port()
        self.es_http_base = _free_block(6)  # nodes i = 1..3 answer on base+i, transport on base+3+i
        self.es_transport_base = self.es_http_base + 3
        self.es_ca: Path | None = None  # set when the nodes answer HTTPS: the CA their certificate is signed by
        self.extra: dict[str, str] = {}

    def env(self) -> dict[str, str]:
        """The variables ``services.sh`` reads (ports, state folder, venv, settings of the file)."""
        return {**super().env(), "CLUSTER_S3_PORT": str(self.s3_port),
                "CLUSTER_ES_HTTP_BASE": str(self.es_http_base), "CLUSTER_ES_TRANSPORT_BASE": str(self.es_transport_base),
                **self.extra}

    def es_url(self, node: int) -> str:
        """The local URL of Elasticsearch node ``node`` (1-based): ``https://`` when the nodes run TLS on HTTP."""
        return f"{'https' if self.es_ca else 'http'}://127.0.0.1:{self.es_http_base + node}"

    def curl_tls(self) -> list[str]:
        """curl's options to verify the nodes' certificate (none for plain HTTP)."""
        return ["--cacert", str(self.es_ca)] if self.es_ca else []

    def __enter__(self) -> StackServices:
        self.state_dir.mkdir(parents=True, exist_ok=True)
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            self.run("stop")
        finally:
            shutil.rmtree(self.state_dir, ignore_errors=True)


def _free_block(size: int) -> int:
    """A base port B such that B+1 .. B+size are free on 127.0.0.1, below the kernel's ephemeral
    range (32768-): nodes starting together open many outgoing connections, which could take an
    ephemeral port before the node that should listen on it binds it."""
    for _ in range(200):
        base = random.randrange(20000, 32000 - size)
        if all(_port_free(base + i) for i in range(1, size + 1)):
            return base
    raise ComposeError("no block of free ports")


def _port_free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


class Background(threading.Thread):
    """A step run beside the others, as a container starts beside the others; ``wait`` gives 0
    when it returned, 1 when it raised (the exception in ``error``)."""

    def __init__(self, name: str, func: Callable[[], Any]):
        super().__init__(name=name, daemon=True)
        self.func = func
        self.error: BaseException | None = None
        self.returncode: int | None = None
        self.start()

    def run(self) -> None:
        try:
            self.func()
            self.returncode = 0
        except BaseException as exc:  # reported by wait()
            self.error, self.returncode = exc, 1

    def poll(self) -> int | None:
        """The result, or None while it runs."""
        return None if self.is_alive() else self.returncode

    def wait(self, timeout: float | None = None) -> int | None:
        """Wait for the result. Raises subprocess.TimeoutExpired when still running after ``timeout``."""
        self.join(timeout)
        if self.is_alive():
            raise subprocess.TimeoutExpired(self.name, timeout or 0)
        return self.returncode


class LocalStack:
    """The services of a loaded compose file (:func:`load`) as local processes under ``work``.

    ``with LocalStack(compose, work) as stack: stack.up()`` starts everything in dependency
    order and waits for the healthchecks; leaving the block stops everything. ``stack.airflow``
    is the :class:`etl.dev.airflow_cluster.AirflowCluster` holding the long-running processes
    (REST API, kill, logs); ``stack.infra`` the :class:`StackServices`.
    """

    def __init__(self, compose: Mapping[str, Any], work: Path, dockerfile: Dockerfile | None = None):
        self.compose, self.work = compose, work
        self.services: dict[str, dict] = compose["services"]
        self.dockerfile = dockerfile or Dockerfile.read()
        self.infra = StackServices(ROOT / ".cache" / "compose-stack" / work.name)
        self.airflow = AirflowCluster(work / "airflow", self.infra)
        self.instances = {name: self._instances(name) for name in self.services}
        self.one_shots: dict[str, subprocess.Popen | Background] = {}  # instance -> running or finished one-shot
        self.substitutes: dict[str, Callable[[LocalStack], None]] = {}  # service -> what runs in its place
        self.es_start: Background | None = None
        self.logs = work / "logs"

    # -- mapping

    def _instances(self, name: str) -> list[Instance]:
        service = self.services[name]
        kind = image_kind(service)
        count = int(service.get("scale", 1))
        found = [Instance(name, name if count == 1 else f"{name}-{i}", kind) for i in range(1, count + 1)]
        for instance in found:
            instance.ports = self._ports(name, service, kind)
        return found

    def _ports(self, name: str, service: Mapping[str, Any], kind: str) -> dict[int, int]:
        """Container port -> local port of one instance (free ports; services.sh's for infrastructure)."""
        ports = {int(str(p).rsplit(":", 1)[-1].split("/")[0]) for p in service.get("ports", [])}
        ports |= {int(str(p).split("/")[0]) for p in service.get("expose", [])}
        if kind == "project" and self._is_airflow(service):
            command = " ".join(as_argv(service.get("command")))
            ports |= {p for cmd, table in AIRFLOW_PORTS.items() if cmd == "*" or command.startswith(cmd) for p in table}
        if kind == "elasticsearch":
            nodes = self._es_nodes()
            return {9200: self.infra.es_http_base + nodes.index(name) + 1} if name in nodes else {}
        if kind == "postgres":
            return {5432: self.infra.pg_port}
        if kind == "redis":
            return {6379: self.infra.redis_port}
        if kind == "s3proxy":
            return {80: self.infra.s3_port}
        return {p: (self.airflow.api_port if (p == 8080 and "api-server" in as_argv(service.get("command")))
                    else free_port()) for p in ports}

    def _is_airflow(self, service: Mapping[str, Any]) -> bool:
        return not service.get("entrypoint")

    def _es_nodes(self) -> list[str]:
        return [n for n, s in self.services.items() if image_kind(s) == "elasticsearch" and s.get("environment")
                and "node.name" in environment(s)]

    def _targets(self, host: str, port: int, current: Instance | None) -> list[str]:
        """Local ``127.0.0.1:port`` addresses a container host:port stands for (empty: not a service)."""
        if host in ("localhost", "127.0.0.1") and current is not None:
            return [f"127.0.0.1:{current.ports.get(port, port)}"]
        names = [n for n, s in self.services.items() if n == host or host in _aliases(s)]
        return [f"127.0.0.1:{i.ports[port]}" for n in names for i in self.instances[n] if port in i.ports]

    def rewrite(self, value: str, current: Instance | None = None) -> str:
        """``value`` with container hosts, ports, addresses and paths made local (module doc)."""
        def host(m: re.Match) -> str:
            targets = self._targets(m.group("host"), int(m.group("port")), current)
            if not targets:
                return m.group(0)
            scheme, path = m.group("scheme") or "", m.group("path") or ""
            if len(targets) > 1 and (not scheme or path.strip("/")):
                raise ComposeError(f"{m.group(0)}: an alias of several services only as a plain URL")
            return ",".join(f"{scheme}{t}{path}" for t in targets)

        value = _HOST_PORT.sub(host, value)
        for service in self.services.values():
            address = ((service.get("networks") or {}).get("default") or {}).get("ipv4_address") \
                if isinstance(service.get("networks"), dict) else None
            if address:
                value = value.replace(address, "127.0.0.1")
        value = re.sub(r"(?<![\d.])0\.0\.0\.0(?![\d.])", "127.0.0.1", value)
        return self._paths(value, current)

    def _paths(self, value: str, current: Instance | None) -> str:
        table = self._path_table(current)
        if not table:
            return value
        pattern = "|".join(re.escape(k) for k in sorted(table, key=len, reverse=True))
        return re.sub(rf"(?<![\w./-])({pattern})(?=/|$|[\s:,'\"])", lambda m: str(table[m.group(1)]), value)

    def _path_table(self, current: Instance | None) -> dict[str, Path]:
        table: dict[str, Path] = {k: v for k, v in self.dockerfile.copies.items()}
        if current is None:
            return table
        service = self.services[current.service]
        if current.kind == "project":
            table[AIRFLOW_HOME_IN_IMAGE] = self.work / "home" / current.name
        if current.kind == "elasticsearch":
            table[ES_HOME_IN_IMAGE] = self.work / "es-home" / current.name
        for source, target in _mounts(service):
            table[target] = (ROOT / source).resolve() if source.startswith((".", "/")) else self.work / "volumes" / source
        return table

    # -- starting

    def __enter__(self) -> LocalStack:
        self.infra.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            for process in self.one_shots.values():
                if isinstance(process, subprocess.Popen) and process.poll() is None:
                    os.killpg(process.pid, signal.SIGKILL)
            if self.es_start is not None:
                self.es_start.join(600)  # services.sh holds its lock while it starts the nodes
            self.airflow.stop_all(grace=30)
        finally:
            self.infra.__exit__(*exc)

    def up(self, timeout: float = 600) -> None:
        """Start every service in dependency order; wait for their healthchecks. Raises
        ComposeError (a service failed, a one-shot exited non-zero) or TimeoutError."""
        deadline = time.monotonic() + timeout
        for name in self.order():
            for dependency, condition in _depends_on(self.services[name]).items():
                self._wait_for(dependency, condition, deadline)
            self.start(name)
            log.info("compose: %s started at %.0fs", name, time.monotonic() - deadline + timeout)
        for name, service in self.services.items():
            condition = "service_completed_successfully" if service.get("restart") == "no" else "service_healthy"
            self._wait_for(name, condition, deadline)
            log.info("compose: %s %s at %.0fs", name, condition, time.monotonic() - deadline + timeout)

    def order(self) -> list[str]:
        """Service names, each after the services it depends on. Raises ComposeError on a cycle
        or a dependency on a service that is not enabled."""
        done: list[str] = []

        def visit(name: str, path: tuple[str, ...]) -> None:
            if name in done:
                return
            if name in path:
                raise ComposeError(f"dependency cycle: {' -> '.join(path + (name,))}")
            if name not in self.services:
                raise ComposeError(f"{path[-1]} depends on {name}, which is not enabled")
            for dependency in _depends_on(self.services[name]):
                visit(dependency, path + (name,))
            done.append(name)

        for name in self.services:
            visit(name, ())
        return done

    def start(self, name: str) -> None:
        """Start (or, for a one-shot, run to completion) every instance of service ``name``."""
        service = self.services[name]
        kind = image_kind(service)
        if name in self.substitutes:  # a one-shot run by the test in the service's place
            substitute = self.substitutes[name]
            self.one_shots[name] = Background(name, lambda: substitute(self))
        elif kind == "elasticsearch" and not as_argv(service.get("command")):
            self.start_es()
        elif kind in ("postgres", "redis", "s3proxy"):
            self._start_infra(kind, service)
        else:
            for instance in self.instances[name]:
                self._start_process(instance, service)

    def _start_infra(self, kind: str, service: Mapping[str, Any]) -> None:
        env = environment(service)
        if kind == "postgres":
            if env.get("POSTGRES_USER") != "airflow" or env.get("POSTGRES_DB", "airflow") != "airflow":
                raise ComposeError("postgres: only POSTGRES_USER=POSTGRES_DB=airflow is emulated (services.sh roles)")
            self.infra.extra["CLUSTER_PG_AIRFLOW_PASSWORD"] = env["POSTGRES_PASSWORD"]
            self.infra.run("start", "postgres")
        elif kind == "redis":
            self.infra.run("start", "redis")
        else:
            self._check_s3proxy(env)
            self.infra.extra.update({"CLUSTER_S3_ACCESS_KEY": env["S3PROXY_IDENTITY"],
                                     "CLUSTER_S3_SECRET_KEY": env["S3PROXY_CREDENTIAL"],
                                     "CLUSTER_S3_BUCKET": "compose-runner-probe"})  # the stack creates its own
            self.infra.run("start", "s3")

    @staticmethod
    def _check_s3proxy(env: Mapping[str, str]) -> None:
        wanted = {"JCLOUDS_PROVIDER": "filesystem", "S3PROXY_AUTHORIZATION": "aws-v2-or-v4",
                  "S3PROXY_IGNORE_UNKNOWN_HEADERS": "true"}  # what services.sh configures
        different = {k: env.get(k) for k, v in wanted.items() if env.get(k) != v}
        if different:
            raise ComposeError(f"s3: services.sh runs s3proxy with {wanted}, the file says {different}")

    def start_es(self) -> None:
        """Start every Elasticsearch node of the file as one cluster, in the background (as
        containers start beside each other); once: later calls return. :meth:`wait_es` waits."""
        if self.es_start is None:
            self.es_start = Background("elasticsearch", self._start_es_nodes)

    def wait_es(self, timeout: float = 600) -> None:
        """Wait until :meth:`start_es` is done. Raises ComposeError when it failed."""
        if self.es_start is None:
            raise ComposeError("no Elasticsearch started")
        if self.es_start.wait(timeout) != 0:
            raise ComposeError(f"Elasticsearch did not start: {self.es_start.error}")

    def _start_es_nodes(self) -> None:
        nodes = self._es_nodes()
        settings = es_cluster_settings({n: environment(self.services[n]) for n in nodes})
        extra = self.es_config_extra
        extra.mkdir(parents=True, exist_ok=True)
        for node in nodes:
            for source, target in _mounts(self.services[node]):
                if target.startswith(f"{ES_HOME_IN_IMAGE}/config/"):
                    local = (ROOT / source) if source.startswith((".", "/")) else self.work / "volumes" / source
                    shutil.copytree(local, extra / target[len(ES_HOME_IN_IMAGE) + 8:], dirs_exist_ok=True)
        if settings.get("xpack.security.http.ssl.enabled") == "true":  # paths relative to the node's config folder
            self.infra.es_ca = extra / settings["xpack.security.http.ssl.certificate_authorities"]
            if not self.infra.es_ca.is_file():
                raise ComposeError(f"TLS on HTTP, but no CA certificate at {self.infra.es_ca}")
            self.infra.extra["CLUSTER_ES_CA"] = str(self.infra.es_ca)
        self.infra.extra.update({"CLUSTER_ES_NODES": str(len(nodes)), "CLUSTER_ES_NAME": settings.pop("cluster.name"),
                                 "CLUSTER_ES_HEAP": settings.pop("heap"), "CLUSTER_ES_PASSWORD": settings.pop("password"),
                                 "CLUSTER_ES_SETTINGS": "\n".join(f"{k}={v}" for k, v in settings.items()),
                                 "CLUSTER_ES_CONFIG_EXTRA": str(extra)})
        self.infra.run("start", "es", timeout=600)

    def process_env(self, instance: Instance) -> dict[str, str]:
        """The whole environment of a project-image instance (module doc)."""
        service = self.services[instance.service]
        env = {k: v for k, v in os.environ.items() if k in ("LANG", "LC_ALL", "TZ", "TMPDIR", "HOME", "USER")}
        env.update(self.dockerfile.env)
        env.update(environment(service))
        env = {k: self.rewrite(v, instance) for k, v in env.items()}
        home = self.work / "home" / instance.name
        env.update({"PATH": f"{VENV_BIN}:/usr/local/bin:/usr/bin:/bin", "AIRFLOW_HOME": str(home),
                    "HOSTNAME": instance.name, "PYTHONUNBUFFERED": "1"})  # logs as they happen
        if self._is_airflow(service):
            command = " ".join(as_argv(service.get("command")))
            for cmd, table in AIRFLOW_PORTS.items():
                if cmd == "*" or command.startswith(cmd):
                    for port, variables in table.items():
                        env.update({k: v.format(port=instance.ports[port]) for k, v in variables.items()})
        return env

    def argv(self, instance: Instance) -> list[str]:
        """The local command of an instance: its entrypoint and command, made local."""
        service = self.services[instance.service]
        args = [self.rewrite(a, instance) for a in as_argv(service.get("command"))]
        entry = [self.rewrite(a, instance) for a in as_argv(service.get("entrypoint"))]
        if instance.kind == "elasticsearch" or entry or args[:1] in (["bash"], ["python"]):
            # An entrypoint of the service, or what the Airflow image's entrypoint runs as it is.
            args = [_local_exe((entry or args)[0]), *(entry[1:] + args if entry else args[1:])]
        else:
            args = [str(VENV_BIN / "airflow"), *args]
        if args[1:3] == ["celery", "worker"]:  # in Docker the node name is celery@<container host name>
            args += ["--celery-hostname", f"celery@{instance.name}"]
        ports = {str(port): str(local) for port, local in instance.ports.items()}
        return [ports.get(a, a) if prev in ("--port", "-p") else a for prev, a in zip(["", *args], args, strict=False)]

    def _start_process(self, instance: Instance, service: Mapping[str, Any]) -> None:
        env = self.process_env(instance) if instance.kind == "project" else self._image_env(instance, service)
        Path(env.get("AIRFLOW_HOME", self.work)).mkdir(parents=True, exist_ok=True)
        for source, _target in _mounts(service):
            if not source.startswith((".", "/")):
                (self.work / "volumes" / source).mkdir(parents=True, exist_ok=True)
        argv = self.argv(instance)
        if service.get("restart") == "no":  # a one-shot: runs beside the others, awaited by its dependents
            self.logs.mkdir(parents=True, exist_ok=True)
            with (self.logs / f"{instance.name}.log").open("w", encoding="utf-8") as out:
                self.one_shots[instance.name] = subprocess.Popen(argv, env=env, cwd=self._cwd(instance), stdout=out,
                                                                 stderr=subprocess.STDOUT, start_new_session=True)
            return
        self.airflow.start(AirflowProcess(instance.name, argv, env, self.logs / f"{instance.name}.log"))

    def _image_env(self, instance: Instance, service: Mapping[str, Any]) -> dict[str, str]:
        """The environment of a command in an infrastructure image (the Elasticsearch image's
        tools: its bundled JDK is a local one here)."""
        env = {k: self.rewrite(v, instance) for k, v in environment(service).items()}
        return {**env, "PATH": f"{VENV_BIN}:/usr/local/bin:/usr/bin:/bin", "HOME": str(self.work),
                "ES_JAVA_HOME": str(esserver.find_java())}

    def _cwd(self, instance: Instance) -> Path | None:
        """The working folder: for the Elasticsearch image, a copy of the node's home whose
        ``config`` holds the service's mounts (its image WORKDIR)."""
        if instance.kind != "elasticsearch":
            return None
        home = self.work / "es-home" / instance.name
        real = _es_home()
        home.mkdir(parents=True, exist_ok=True)
        for entry in real.iterdir():
            if entry.name != "config" and not (home / entry.name).exists():
                (home / entry.name).symlink_to(entry)
        shutil.copytree(real / "config", home / "config", dirs_exist_ok=True)
        for source, target in _mounts(self.services[instance.service]):
            if target.startswith(f"{ES_HOME_IN_IMAGE}/config/"):
                local = self.work / "volumes" / source
                local.mkdir(parents=True, exist_ok=True)
                link = home / target[len(ES_HOME_IN_IMAGE) + 1:]
                if not link.exists():
                    link.symlink_to(local)
        return home

    # -- waiting

    def _wait_for(self, name: str, condition: str, deadline: float) -> None:
        for instance in self.instances[name]:
            if condition == "service_completed_successfully":
                self.wait_completed(instance, deadline)
            elif condition == "service_healthy":
                self.wait_healthy(instance, deadline)

    def wait_completed(self, instance: Instance, deadline: float) -> None:
        """Wait until the one-shot ``instance`` has exited; ComposeError unless with status 0."""
        process = self.one_shots.get(instance.name)
        if process is None:
            raise ComposeError(f"{instance.name} is not a one-shot service (restart: \"no\")")
        try:
            process.wait(timeout=max(1.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired as exc:
            raise TimeoutError(f"{instance.name} still running: {self.log(instance.name)}") from exc
        if process.returncode != 0:
            detail = process.error if isinstance(process, Background) else self.log(instance.name)
            raise ComposeError(f"{instance.name} exited {process.returncode}:\n{detail}")

    def log(self, name: str, chars: int = 4000) -> str:
        """The end of the log of instance ``name``."""
        path = self.logs / f"{name}.log"
        return path.read_text(errors="replace")[-chars:] if path.exists() else "(no log)"

    @property
    def es_config_extra(self) -> Path:
        """What ``services.sh`` copies into every node's config folder at each (re)start."""
        return self.work / "es-config-extra"

    def es_node_config(self, node: int) -> Path:
        """The config folder of the local Elasticsearch node ``node`` (1-based)."""
        return self.infra.state_dir / "elasticsearch" / f"node-{node}" / "config"

    def wait_healthy(self, instance: Instance, deadline: float) -> None:
        """Run the service's healthcheck locally until it passes. Services of ``services.sh``
        are healthy once it has started them (it waits until each answers)."""
        service = self.services[instance.service]
        test = (service.get("healthcheck") or {}).get("test")
        if instance.service in self._es_nodes():
            self.wait_es(max(1.0, deadline - time.monotonic()))
        if not test or instance.kind in ("postgres", "redis", "s3proxy"):
            return
        argv = self.healthcheck_argv(instance)
        env = self.process_env(instance) if instance.kind == "project" else self._image_env(instance, service)
        while True:
            done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=120)
            if done.returncode == 0:
                return
            process = self.airflow.processes.get(instance.name)
            if process is not None and not process.running:
                raise ComposeError(f"{instance.name} exited:\n{process.log.read_text(errors='replace')[-4000:]}")
            if time.monotonic() > deadline:
                raise TimeoutError(f"{instance.name} not healthy: {' '.join(argv)}: {done.stdout[-500:]}"
                                   f"{done.stderr[-1500:]}\n{self.log(instance.name)}")
            time.sleep(2)

    def healthcheck_argv(self, instance: Instance) -> list[str]:
        """The healthcheck's command made local (``CMD`` as it is, ``CMD-SHELL`` through bash)."""
        test = self.services[instance.service]["healthcheck"]["test"]
        test = ["CMD-SHELL", test] if isinstance(test, str) else test
        args = [self.rewrite(a, instance) for a in test[1:]]
        if test[0] == "CMD-SHELL":
            return ["bash", "-c", " ".join(args)]
        return [_local_exe(args[0]), *args[1:]]

    # -- faults

    def kill(self, name: str) -> None:
        """SIGKILL every process of instance ``name``: its process group and every descendant,
        also those that started a session of their own (a lost container)."""
        process = self.airflow.processes[name].popen
        descendants = psutil.Process(process.pid).children(recursive=True) if process and process.poll() is None else []
        self.airflow.kill(name, signal.SIGKILL)
        for child in descendants:
            with contextlib.suppress(psutil.NoSuchProcess):
                child.kill()

    def rss_mib(self) -> dict[str, int]:
        """Resident memory (MiB) of each running part of the stack, its child processes included
        (forked pages counted in each process, so an upper bound): the long-running instances,
        the Elasticsearch nodes, PostgreSQL, Redis and s3proxy (their ``services.sh`` pid files)."""
        pids = {name: p.popen.pid for name, p in self.airflow.processes.items() if p.running and p.popen}
        state = self.infra.state_dir
        for name, pidfile in [*((f"es-{n}", state / "elasticsearch" / f"node-{n}" / "pid")
                                for n in range(1, len(self._es_nodes()) + 1)),
                              ("postgres", state / "postgres" / "data" / "postmaster.pid"),
                              ("redis", state / "redis" / "redis.pid"), ("s3", state / "s3proxy" / "s3proxy.pid")]:
            with contextlib.suppress(OSError, ValueError):
                pids[name] = int(pidfile.read_text().split()[0])
        found = {}
        for name, pid in pids.items():
            with contextlib.suppress(psutil.NoSuchProcess):
                tree = [psutil.Process(pid), *psutil.Process(pid).children(recursive=True)]
                found[name] = round(sum(p.memory_info().rss for p in tree) / 2**20)
        return found

    def instance_of_pid(self, pid: int) -> str | None:
        """The long-running instance whose process (or one of its descendants) is ``pid``."""
        try:
            lineage = {pid, *(p.pid for p in psutil.Process(pid).parents())}
        except psutil.NoSuchProcess:
            return None
        return next((name for name, p in self.airflow.processes.items()
                     if p.popen is not None and p.popen.pid in lineage), None)


def es_cluster_settings(nodes: Mapping[str, Mapping[str, str]]) -> dict[str, str]:
    """The settings every Elasticsearch node of ``nodes`` (service -> environment) shares, plus
    ``cluster.name``, ``heap`` (from ``ES_JAVA_OPTS``) and ``password`` (``ELASTIC_PASSWORD``).

    The topology (names, seed hosts, initial masters, discovery type) is checked, not passed:
    ``services.sh`` sets its local equivalent. Raises ComposeError when the nodes' other settings
    differ, a seed host or initial master names no node, or a node has no heap or password.
    """
    names = {service: env.get("node.name", service) for service, env in nodes.items()}
    shared: dict[str, str] | None = None
    for service, env in nodes.items():
        seeds = [s.strip().split(":")[0] for s in env.get("discovery.seed_hosts", "").split(",") if s.strip()]
        masters = [s.strip() for s in env.get("cluster.initial_master_nodes", "").split(",") if s.strip()]
        if len(nodes) > 1 and (set(seeds) != set(nodes) or set(masters) != set(names.values())):
            raise ComposeError(f"{service}: seed hosts {seeds} / initial masters {masters} do not name the nodes")
        if len(nodes) == 1 and env.get("discovery.type") != "single-node":
            raise ComposeError(f"{service}: one node needs discovery.type=single-node")
        heap = re.search(r"-Xmx(\S+)", env.get("ES_JAVA_OPTS", ""))
        if not heap or not env.get("ELASTIC_PASSWORD"):
            raise ComposeError(f"{service}: no -Xmx in ES_JAVA_OPTS or no ELASTIC_PASSWORD")
        mine = {k: v for k, v in env.items() if k not in ES_TOPOLOGY and k not in IMAGE_VARIABLES["elasticsearch"]}
        mine.update({"cluster.name": env.get("cluster.name", "docker-cluster"), "heap": heap.group(1),
                     "password": env["ELASTIC_PASSWORD"]})
        if shared is not None and mine != shared:
            raise ComposeError(f"{service}: node settings differ from the other nodes': {mine} vs {shared}")
        shared = mine
    if shared is None:
        raise ComposeError("no Elasticsearch node")
    return dict(shared)


def _aliases(service: Mapping[str, Any]) -> list[str]:
    networks = service.get("networks")
    if not isinstance(networks, dict):
        return []
    return [a for net in networks.values() if isinstance(net, dict) for a in net.get("aliases", [])]


def _depends_on(service: Mapping[str, Any]) -> dict[str, str]:
    found = service.get("depends_on") or {}
    if isinstance(found, list):
        return {name: "service_started" for name in found}
    return {name: spec.get("condition", "service_started") for name, spec in found.items()}


def _mounts(service: Mapping[str, Any]) -> list[tuple[str, str]]:
    """``(source, container target)`` of the service's volumes (short syntax; ``:ro`` dropped)."""
    found = []
    for volume in service.get("volumes", []):
        parts = str(volume).split(":")
        if len(parts) >= 2:
            found.append((parts[0], parts[1]))
    return found


def _local_exe(name: str) -> str:
    """A command name of the image as a local executable (the venv's first)."""
    if name == "python":
        return sys.executable
    local = VENV_BIN / name
    return str(local) if local.exists() else (shutil.which(name) or name)


def _es_home() -> Path:
    settings = Settings.from_env()
    return Path(settings.es_cache_dir) / f"elasticsearch-{settings.es_version}"


def file_realm(stack: LocalStack, roles: Mapping[str, dict], users: Mapping[str, str], timeout: float = 60) -> None:
    """Define ``roles`` (name -> role body) and ``users`` (name -> password, each with the role of
    its name) in the file realm of every local Elasticsearch node, and wait until they log in.

    The stand-in of the native-realm users that ``es-init`` creates in Docker: the integ-test-zip
    lacks the analysis-common module the ``.security`` index needs, so it cannot store native
    users or API keys (etl/dev/essecurity.py); the same role definitions go to ``roles.yml``
    instead, which the nodes reload within seconds, like ``users``; the files also go to
    :attr:`LocalStack.es_config_extra`, so a node restarted later has them again (native users
    would live in the cluster). Waits for the nodes first (:meth:`LocalStack.wait_es`). Raises
    TimeoutError when a user cannot log in.
    """
    stack.wait_es()
    env = {**os.environ, "ES_PATH_CONF": str(stack.es_node_config(1)), "ES_JAVA_HOME": str(esserver.find_java())}
    for user, password in users.items():
        subprocess.run([str(_es_home() / "bin" / "elasticsearch-users"), "useradd", user, "-r", user], env=env,
                       input=f"{password}\n{password}\n", text=True, check=True, capture_output=True)
    (stack.es_node_config(1) / "roles.yml").write_text(yaml.safe_dump(dict(roles)), encoding="utf-8")
    nodes = range(1, len(stack._es_nodes()) + 1)
    for name in ("roles.yml", "users", "users_roles"):  # kept for a node's restart too
        shutil.copyfile(stack.es_node_config(1) / name, stack.es_config_extra / name)
    for node in nodes:
        for name in ("roles.yml", "users", "users_roles"):
            if node > 1:
                shutil.copyfile(stack.es_node_config(1) / name, stack.es_node_config(node) / name)
            if os.geteuid() == 0:  # the nodes run as nobody (services.sh)
                shutil.chown(stack.es_node_config(node) / name, user=esserver.RUN_AS)
    deadline = time.monotonic() + timeout
    for node in nodes:
        for user, password in users.items():
            while subprocess.run(["curl", "-sf", *stack.infra.curl_tls(), "-o", "/dev/null", "-u", f"{user}:{password}",
                                  f"{stack.infra.es_url(node)}/_security/_authenticate"]).returncode != 0:
                if time.monotonic() > deadline:
                    raise TimeoutError(f"user {user} cannot log in on node {node}")
                time.sleep(1)
