"""A local Airflow cluster of real processes: CeleryExecutor, Redis broker, PostgreSQL metadata
database, scheduler, dag-processor, api-server and Celery workers, for the distributed test
(``tests/test_celery.py``) and the scale benchmark (``bench/scale``).

PostgreSQL and Redis are those of ``scripts/cluster/services.sh``, started in a private state
folder on free ports (:class:`ClusterServices`), so the cluster shares nothing with another
one or with the default ``.cache/cluster`` services; the client settings Airflow reads
(``AIRFLOW__DATABASE__SQL_ALCHEMY_CONN``, ``AIRFLOW__CELERY__BROKER_URL``...) come from
``services.sh env``. Every Airflow process is an :class:`AirflowProcess` (name, command,
environment, log file), started in its own process group and stopped by SIGTERM to that group
(``airflow celery stop`` only stops daemonised workers), SIGKILL after a grace period::

    with ClusterServices(work / "services") as services:
        cluster = AirflowCluster(work / "airflow", services, {"NEWS_ETL_ES_URL": ...})
        cluster.migrate()
        try:
            cluster.start_all(workers=2)
            run_id = cluster.trigger("news_ingest", "2024-05-01T10:00:00+00:00")
            run = cluster.wait_run("news_ingest", run_id, timeout=240)
        finally:
            cluster.stop_all()

:meth:`AirflowCluster.processes_for` gives the commands before anything starts (a caller may
take them from elsewhere, e.g. a compose file, and :meth:`AirflowCluster.start` each);
:meth:`AirflowCluster.kill` kills one (a worker lost mid-run). The REST API (``/api/v2``) is
open to every request (``simple_auth_manager_all_admins``): a local, loopback-only test cluster.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import IO, Any

import httpx

from etl.core.errors import ConfigError
from etl.core.settings import ROOT, Settings
from etl.dagkit import load_pool_command

SERVICES_SH = ROOT / "scripts" / "cluster" / "services.sh"
AIRFLOW = Path(sys.executable).parent / "airflow"
FINISHED = ("success", "failed")


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ClusterServices:
    """PostgreSQL and Redis of ``services.sh`` in ``state_dir`` on free ports; a context manager
    that starts them (``services.sh start postgres redis``) and stops them again.

    ``state_dir`` must be reachable by the ``postgres`` user when run as root (not under a
    ``0700`` folder such as pytest's ``/tmp/pytest-of-root``); the default is a fresh folder
    under ``.cache/airflow-cluster/``. Raises ConfigError when ``services.sh`` fails (e.g.
    PostgreSQL or Redis not installed: ``services.sh install system``).
    """

    def __init__(self, state_dir: Path | None = None):
        self.state_dir = state_dir or ROOT / ".cache" / "airflow-cluster" / secrets.token_hex(4)
        self.pg_port, self.redis_port = free_port(), free_port()

    def env(self) -> dict[str, str]:
        """The variables ``services.sh`` reads: state folder, ports, the venv."""
        return {"NEWS_ETL_CLUSTER_DIR": str(self.state_dir), "CLUSTER_PG_PORT": str(self.pg_port),
                "CLUSTER_REDIS_PORT": str(self.redis_port), "VENV": str(AIRFLOW.parent.parent)}

    def run(self, *args: str, timeout: float = 300) -> str:
        """``services.sh ARGS`` with :meth:`env`; its stdout. Raises ConfigError when it fails."""
        done = subprocess.run([str(SERVICES_SH), *args], env={**os.environ, **self.env()}, capture_output=True,
                              text=True, timeout=timeout)
        if done.returncode != 0:
            raise ConfigError(f"services.sh {' '.join(args)} failed: {done.stderr[-3000:]}")
        return done.stdout

    def airflow_env(self) -> dict[str, str]:
        """The ``AIRFLOW__*`` lines of ``services.sh env``: executor, metadata DB, broker, result backend."""
        found = re.findall(r"^export (AIRFLOW__\w+)='?([^'\n]*)'?$", self.run("env"), re.MULTILINE)
        return dict(found)

    def __enter__(self) -> ClusterServices:
        self.state_dir.mkdir(parents=True, exist_ok=True)
        try:
            self.run("start", "postgres", "redis")
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        try:
            self.run("stop", "postgres", "redis")
        finally:
            shutil.rmtree(self.state_dir, ignore_errors=True)


@dataclass
class AirflowProcess:
    """One process of the cluster: its name, command, whole environment and log file."""

    name: str
    argv: list[str]
    env: dict[str, str]
    log: Path
    popen: subprocess.Popen | None = field(default=None, repr=False)
    stopped: bool = False  # stopped or killed on purpose: its exit is no failure of the cluster
    _out: IO[str] | None = field(default=None, repr=False)

    @property
    def running(self) -> bool:
        """True while the process has been started and has not exited."""
        return self.popen is not None and self.popen.poll() is None


class AirflowCluster:
    """Airflow on CeleryExecutor in ``home`` (``AIRFLOW_HOME``), on ``services``, with the
    project's DAGs and ``env`` (e.g. ``NEWS_ETL_*``) in every process.

    Use :meth:`migrate` once, then :meth:`start_all` (or :meth:`start` per process),
    :meth:`trigger` / :meth:`wait_run`, and :meth:`stop_all` in a ``finally``.
    """

    def __init__(self, home: Path, services: ClusterServices, env: Mapping[str, str] | None = None):
        self.home = home
        self.services = services
        self.api_port = free_port()
        self.api_url = f"http://127.0.0.1:{self.api_port}"
        self.extra_env = dict(env or {})
        self.processes: dict[str, AirflowProcess] = {}
        self.headers: dict[str, str] = {}  # sent with every REST call, e.g. a bearer token (:meth:`login`)
        self._secret = secrets.token_urlsafe(32)

    def base_env(self) -> dict[str, str]:
        """The environment of every Airflow process (the caller's, without its ``AIRFLOW*`` and
        ``NEWS_ETL*`` variables, then the cluster's, then ``env``)."""
        env = {k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW", "NEWS_ETL"))}
        env.update(self.services.airflow_env())
        env.update({
            "PATH": f"{AIRFLOW.parent}:{env.get('PATH', '')}", "AIRFLOW_HOME": str(self.home),
            "AIRFLOW__CORE__DAGS_FOLDER": str(ROOT / "dags"), "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
            "AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION": "False", "NEWS_ETL_SCHEDULE": "none",
            "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"{self.api_url}/execution/",
            "AIRFLOW__API__HOST": "127.0.0.1", "AIRFLOW__API__PORT": str(self.api_port),
            "AIRFLOW__API_AUTH__JWT_SECRET": self._secret, "AIRFLOW__API__SECRET_KEY": self._secret,
            "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_ALL_ADMINS": "True",
            "AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL": "5", "AIRFLOW__SCHEDULER__SCHEDULER_HEARTBEAT_SEC": "2",
        })
        env.update(self.extra_env)
        return env

    def airflow(self, *args: str, timeout: float = 300) -> str:
        """``airflow ARGS`` in the cluster's environment; its stdout. Raises RuntimeError when it fails."""
        done = subprocess.run([str(AIRFLOW), *args], env=self.base_env(), capture_output=True, text=True,
                              timeout=timeout)
        if done.returncode != 0:
            raise RuntimeError(f"airflow {' '.join(args)} failed: {done.stderr[-3000:]}")
        return done.stdout

    def migrate(self, settings: Settings | None = None) -> None:
        """Create the metadata database and the bulk-load pool (``settings.load_pool_slots``)."""
        self.home.mkdir(parents=True, exist_ok=True)
        self.airflow("db", "migrate")
        self.airflow(*load_pool_command(settings or Settings.from_env(self.extra_env))[1:])

    def processes_for(self, workers: int = 2, concurrency: int = 1,
                      worker_env: Mapping[str, str] | None = None) -> list[AirflowProcess]:
        """The scheduler, dag-processor, api-server and ``workers`` Celery workers (each
        ``concurrency`` task slots, its own log-server port and Celery node name
        ``worker-N@host``; ``worker_env`` added to theirs), not started."""
        env = self.base_env()
        logs = self.home / "processes"
        procs = [AirflowProcess(name, [str(AIRFLOW), *args], env, logs / f"{name}.log") for name, args in (
            ("scheduler", ["scheduler"]), ("dag-processor", ["dag-processor"]),
            ("api-server", ["api-server", "--host", "127.0.0.1", "--port", str(self.api_port), "--workers", "1"]))]
        for i in range(1, workers + 1):
            name = f"worker-{i}"
            argv = [str(AIRFLOW), "celery", "worker", "--concurrency", str(concurrency), "--celery-hostname",
                    f"{name}@%h", "--without-mingle", "--without-gossip"]
            wenv = {**env, "AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT": str(free_port()), **(worker_env or {})}
            procs.append(AirflowProcess(name, argv, wenv, logs / f"{name}.log"))
        return procs

    def start(self, process: AirflowProcess) -> AirflowProcess:
        """Start ``process`` in its own process group, output to its log file; keep it by name."""
        process.log.parent.mkdir(parents=True, exist_ok=True)
        process._out = process.log.open("a", encoding="utf-8")
        process.popen = subprocess.Popen(process.argv, env=process.env, stdout=process._out,
                                         stderr=subprocess.STDOUT, start_new_session=True)
        self.processes[process.name] = process
        return process

    def start_all(self, workers: int = 2, concurrency: int = 1, worker_env: Mapping[str, str] | None = None,
                  timeout: float = 180) -> None:
        """Start :meth:`processes_for` and wait until the API answers (:meth:`wait_ready`)."""
        for process in self.processes_for(workers, concurrency, worker_env):
            self.start(process)
        self.wait_ready(timeout)

    def kill(self, name: str, sig: int = signal.SIGKILL) -> None:
        """Send ``sig`` to the process group of ``name`` (default SIGKILL: a lost worker)."""
        process = self.processes[name]
        process.stopped = True
        if process.popen is not None:
            try:
                os.killpg(process.popen.pid, sig)
            except ProcessLookupError:
                pass

    def stop(self, name: str, grace: float = 60) -> None:
        """SIGTERM the process group of ``name`` (a Celery worker finishes its running tasks:
        warm shutdown), SIGKILL after ``grace`` seconds."""
        process = self.processes[name]
        if process.popen is None:
            return
        self.kill(name, signal.SIGTERM)
        try:
            process.popen.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            self.kill(name, signal.SIGKILL)
            process.popen.wait(timeout=30)
        self.kill(name, signal.SIGKILL)  # children left behind in the group (log server, task runners)
        if process._out is not None:
            process._out.close()

    def stop_all(self, grace: float = 60) -> None:
        """Stop every started process, workers first."""
        for name in sorted(self.processes, key=lambda n: not n.startswith("worker")):
            self.stop(name, grace)

    def log_tail(self, chars: int = 3000) -> str:
        """The end of every process's log, for failure messages."""
        return "\n".join(f"--- {p.name} (running={p.running}) ---\n{p.log.read_text(errors='replace')[-chars:]}"
                         for p in self.processes.values() if p.log.exists())

    # ------------------------------------------------------------------------- REST API

    def api(self, method: str, path: str, body: Any = None, timeout: float = 30) -> Any:
        """``METHOD /api/v2/PATH`` with a JSON ``body``; the decoded JSON answer.
        Raises httpx.HTTPError (connection, HTTP status >= 400)."""
        response = httpx.request(method, f"{self.api_url}/api/v2/{path.lstrip('/')}", json=body, timeout=timeout,
                                 headers=self.headers)
        response.raise_for_status()
        return response.json()

    def login(self, username: str, password: str) -> None:
        """Log in to the api-server (simple auth manager: ``POST /auth/token``); later REST calls
        carry the token. Raises httpx.HTTPError (refused credentials: 401)."""
        response = httpx.post(f"{self.api_url}/auth/token", json={"username": username, "password": password},
                              timeout=30)
        response.raise_for_status()
        self.headers["Authorization"] = f"Bearer {response.json()['access_token']}"

    def wait_ready(self, timeout: float = 180, dag_id: str = "news_ingest") -> None:
        """Wait until the api-server answers and ``dag_id`` is parsed into the database.
        Raises TimeoutError (with the logs' tails) or RuntimeError when a process exited."""
        def ready() -> bool:
            try:
                return bool(self.api("GET", f"dags/{dag_id}"))
            except httpx.HTTPError:
                return False

        self._wait(ready, timeout, f"the api-server and DAG {dag_id}")

    def trigger(self, dag_id: str, logical_date: str, conf: Mapping[str, Any] | None = None) -> str:
        """Create a DAG run for ``logical_date`` (ISO 8601); return its run id."""
        run = self.api("POST", f"dags/{dag_id}/dagRuns", {"logical_date": logical_date, "conf": dict(conf or {})})
        return run["dag_run_id"]

    def dag_run(self, dag_id: str, run_id: str) -> dict:
        """The DAG run as the REST API gives it (``state``, ``start_date``, ``end_date``...)."""
        return self.api("GET", f"dags/{dag_id}/dagRuns/{run_id}")

    def wait_run(self, dag_id: str, run_id: str, timeout: float = 600, poll: float = 1.0) -> dict:
        """Wait until the run is finished (success or failed), asking the REST API every ``poll`` s
        (each question costs the api-server ≈ 20 ms of CPU); return it. Raises TimeoutError
        (with the logs' tails) or RuntimeError when a process of the cluster exited."""
        run: dict = {}

        def finished() -> bool:
            nonlocal run
            run = self.dag_run(dag_id, run_id)
            return run["state"] in FINISHED

        self._wait(finished, timeout, f"run {run_id} of {dag_id}", poll)
        return run

    def task_instances(self, dag_id: str, run_id: str) -> list[dict]:
        """Every task instance of the run (mapped ones one per map index)."""
        found = self.api("GET", f"dags/{dag_id}/dagRuns/{run_id}/taskInstances?limit=1000")
        return found["task_instances"]

    def _wait(self, predicate, timeout: float, what: str, poll: float = 1.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate():
                return
            exited = [p.name for p in self.processes.values()
                      if p.popen is not None and not p.running and not p.stopped]
            if exited:
                raise RuntimeError(f"{', '.join(exited)} exited while waiting for {what}\n{self.log_tail()}")
            time.sleep(poll)
        raise TimeoutError(f"timed out after {timeout:.0f}s waiting for {what}\n{self.log_tail()}")
