"""A real, local, single-node Elasticsearch for development, the demo and tests.

The official ``integ-test-zip`` distribution is obtained with ``mvn dependency:copy``
(Maven resolves the repository), unpacked into the git-ignored cache
(``settings.es_cache_dir``) and started on 127.0.0.1 with a JDK found in
``JAVA_HOME`` or ``/usr/lib/jvm``. Each node lives in ``<cache>/node-<port>/``
(config, data, logs, pid). Elasticsearch refuses to run as root, so when we are
root the node runs as user ``nobody``.

The scheme of ``es_url`` decides security: ``https://`` (the default) runs the node with
security on, TLS on HTTP and two least-privilege users (:mod:`etl.dev.essecurity`, files in
``<cache>/security-<port>/``); ``http://`` runs a plain node (the test suite's, benchmarks).
"""

from __future__ import annotations

import json
import os
import pwd
import random
import re
import shutil
import signal
import socket
import ssl
import subprocess
import time
import urllib.error
import urllib.request
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from etl.core.errors import ConfigError, TransientError
from etl.core.settings import Settings
from etl.dev import essecurity

ARTIFACT = "org.elasticsearch.distribution.integ-test-zip:elasticsearch:{version}:zip"
MIN_JAVA = 21
RUN_AS = "nobody"


@dataclass(frozen=True)
class Node:
    """Where a local node lives and answers."""

    home: Path  # unpacked distribution
    root: Path  # per-port instance folder
    url: str

    @property
    def pidfile(self) -> Path:
        return self.root / "pid"


def distribution_home(settings: Settings) -> Path:
    """Return the unpacked distribution folder, downloading it with Maven if missing.

    Raises ConfigError when ``mvn`` is missing or the artifact does not resolve.
    """
    cache = Path(settings.es_cache_dir)
    home = cache / f"elasticsearch-{settings.es_version}"
    if (home / "bin" / "elasticsearch").exists():
        return home
    archive = _download(settings.es_version, cache / "downloads")
    _unzip(archive, cache)
    if not (home / "bin" / "elasticsearch").exists():
        raise ConfigError(f"{archive} did not contain {home.name}/bin/elasticsearch")
    return home


def _download(version: str, dest: Path) -> Path:
    archive = dest / f"elasticsearch-{version}.zip"
    if archive.exists():
        return archive
    if not shutil.which("mvn"):
        raise ConfigError("Maven (mvn) is needed to fetch Elasticsearch: install it (apt-get install maven)")
    dest.mkdir(parents=True, exist_ok=True)
    cmd = ["mvn", "-q", "-B", "dependency:copy", f"-Dartifact={ARTIFACT.format(version=version)}",
           f"-DoutputDirectory={dest}"]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=dest)
    if proc.returncode != 0 or not archive.exists():
        raise ConfigError(f"mvn could not fetch Elasticsearch {version}: {proc.stdout[-2000:]}")
    return archive


def _unzip(archive: Path, dest: Path) -> None:
    """Unpack keeping the executable bits (zipfile alone drops them)."""
    with zipfile.ZipFile(archive) as zf:
        for info in zf.infolist():
            target = Path(zf.extract(info, dest))
            mode = (info.external_attr >> 16) & 0o777
            if mode:
                target.chmod(mode)


def find_java(min_major: int = MIN_JAVA) -> Path:
    """Return a JDK home with Java >= ``min_major``: ``JAVA_HOME`` first, then ``/usr/lib/jvm/*``.

    Newest version wins among ``/usr/lib/jvm`` entries. Raises ConfigError if none fits.
    """
    candidates = []
    if os.environ.get("JAVA_HOME"):
        candidates.append(Path(os.environ["JAVA_HOME"]))
    jvm = Path("/usr/lib/jvm")
    if jvm.is_dir():
        found = [p for p in jvm.iterdir() if p.is_dir() and not p.is_symlink()]
        candidates += sorted(found, key=_java_major, reverse=True)
    for home in candidates:
        if (home / "bin" / "java").exists() and _java_major(home) >= min_major:
            return home
    raise ConfigError(f"no JDK >= {min_major} in JAVA_HOME or /usr/lib/jvm (Elasticsearch needs one)")


def _java_major(home: Path) -> int:
    release = home / "release"
    text = release.read_text(errors="replace") if release.exists() else ""
    match = re.search(r'JAVA_VERSION="(\d+)', text)
    return int(match.group(1)) if match else 0


def node_for(settings: Settings) -> Node:
    """Describe the local node answering at ``settings.es_url`` (must be on loopback)."""
    parts = urlsplit(settings.es_url)
    if parts.hostname not in ("127.0.0.1", "localhost"):
        raise ConfigError(f"local Elasticsearch must bind 127.0.0.1, not {parts.hostname}")
    port = parts.port or 9200
    cache = Path(settings.es_cache_dir)
    home = cache / f"elasticsearch-{settings.es_version}"
    scheme = "https" if secured(settings) else "http"
    return Node(home=home, root=cache / f"node-{port}", url=f"{scheme}://127.0.0.1:{port}")


def free_port(ports: Iterable[int]) -> int | None:
    """A port of ``ports`` (tried in random order) whose http port and transport port (+100)
    are both free on 127.0.0.1, for a private node (tests); None when there is none."""
    candidates = list(ports)
    random.shuffle(candidates)
    for port in candidates:
        try:
            for p in (port, port + 100):
                with socket.socket() as sock:
                    sock.bind(("127.0.0.1", p))
        except OSError:
            continue
        return port
    return None


def secured(settings: Settings) -> bool:
    """True when the local node of ``settings`` runs with security (``es_url`` is https)."""
    return urlsplit(settings.es_url).scheme == "https"


def health(url: str, timeout: float = 2.0, *, context: ssl.SSLContext | None = None, auth: str = "") -> dict | None:
    """Return the cluster health document, or None when the node does not answer (or refuses).

    ``context``/``auth``: TLS context and ``Authorization`` header for a secured node
    (:func:`access`).
    """
    request = urllib.request.Request(f"{url}/_cluster/health", headers={"Authorization": auth} if auth else {})
    try:
        with urllib.request.urlopen(request, timeout=timeout, context=context) as resp:
            return json.loads(resp.read())
    except (OSError, ValueError):
        return None


def access(settings: Settings) -> dict:
    """The keyword arguments of :func:`health` for the local node of ``settings`` (empty when plain)."""
    return essecurity.probe_access(settings) if secured(settings) else {}


def start(settings: Settings, wait: float = 180.0) -> Node:
    """Start a single node for ``settings.es_url`` unless one answers there; wait until healthy.
    A secured node (https) gets its certificates, passwords and users first
    (:mod:`etl.dev.essecurity`; made once, kept in the cache).

    Returns the Node. Raises ConfigError (no JDK, no Maven, a security tool failed) or
    TransientError (did not become healthy in ``wait`` seconds; the node's log tail is in the message).
    """
    node = node_for(settings)
    if secured(settings):
        essecurity.ensure_files(settings, distribution_home(settings), find_java())
    if not health(node.url, **access(settings)):
        node = Node(home=distribution_home(settings), root=node.root, url=node.url)
        _prepare(node, settings)
        _launch(node, settings)
        _wait_healthy(node, settings, wait)
    return node


def _prepare(node: Node, settings: Settings) -> None:
    """Fresh config copy (+ hunspell dictionaries from mappings/), data and log folders."""
    conf = node.root / "config"
    if conf.exists():
        shutil.rmtree(conf)
    shutil.copytree(node.home / "config", conf)
    hunspell = Path(settings.mappings_dir) / "hunspell"
    if hunspell.is_dir():
        shutil.copytree(hunspell, conf / "hunspell")
    if secured(settings):
        essecurity.install(settings, conf)
    for sub in ("data", "logs", "tmp"):
        (node.root / sub).mkdir(parents=True, exist_ok=True)
    node.pidfile.unlink(missing_ok=True)
    if os.geteuid() == 0:
        subprocess.run(["chown", "-R", f"{RUN_AS}:", str(node.root)], check=True)


def _launch(node: Node, settings: Settings) -> None:
    port = urlsplit(node.url).port or 9200
    env = dict(os.environ, ES_JAVA_HOME=str(find_java()), ES_PATH_CONF=str(node.root / "config"),
               ES_TMPDIR=str(node.root / "tmp"), ES_JAVA_OPTS=f"-Xms{settings.es_heap} -Xmx{settings.es_heap}")
    env.pop("JAVA_HOME", None)
    options = {
        "network.host": "127.0.0.1", "http.port": port, "transport.port": port + 100,
        "discovery.type": "single-node", "path.data": node.root / "data", "path.logs": node.root / "logs",
        "cluster.routing.allocation.disk.threshold_enabled": "false", "action.destructive_requires_name": "false",
        **(essecurity.node_options(settings) if secured(settings) else {"xpack.security.enabled": "false"}),
    }
    cmd = [str(node.home / "bin" / "elasticsearch"), "-d", "-p", str(node.pidfile)]
    cmd += [f"-E{k}={v}" for k, v in options.items()]
    if os.geteuid() == 0:
        cmd = ["setpriv", f"--reuid={RUN_AS}", f"--regid={_group_of(RUN_AS)}", "--clear-groups", *cmd]
    out = (node.root / "logs" / "startup.log").open("w")
    proc = subprocess.run(cmd, env=env, stdout=out, stderr=subprocess.STDOUT, cwd=node.root)
    if proc.returncode != 0:
        raise TransientError(f"Elasticsearch failed to start: {_log_tail(node)}")


def _group_of(user: str) -> int:
    return pwd.getpwnam(user).pw_gid


def _wait_healthy(node: Node, settings: Settings, wait: float) -> None:
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        doc = health(node.url, **access(settings))
        if doc and doc.get("status") in ("green", "yellow"):
            return
        if node.pidfile.exists() and not _alive(_read_pid(node)):
            break
        time.sleep(0.5)
    raise TransientError(f"Elasticsearch at {node.url} did not become healthy: {_log_tail(node)}")


def _log_tail(node: Node, lines: int = 30) -> str:
    logs = sorted((node.root / "logs").glob("*.log"), key=lambda p: p.stat().st_mtime)
    return "\n".join(logs[-1].read_text(errors="replace").splitlines()[-lines:]) if logs else "(no log)"


def _read_pid(node: Node) -> int | None:
    try:
        return int(node.pidfile.read_text().strip())
    except (OSError, ValueError):
        return None


def _alive(pid: int | None) -> bool:
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def stop(settings: Settings, wait: float = 60.0) -> bool:
    """Stop the local node by its pid file (SIGTERM, then SIGKILL). Returns True if one was running."""
    node = node_for(settings)
    pid = _read_pid(node)
    if pid is None or not _alive(pid):
        return False
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + wait
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.3)
    if _alive(pid):
        os.kill(pid, signal.SIGKILL)
    node.pidfile.unlink(missing_ok=True)
    return True
