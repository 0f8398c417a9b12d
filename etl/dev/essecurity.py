"""Security of the local Elasticsearch node: TLS on HTTP, passwords, two least-privilege users.

Used by :mod:`etl.dev.esserver` when ``es_url`` is ``https://`` (the default); an ``http://``
address runs a plain node (no TLS, no authentication), as the test suite's node does.
Everything lives in ``<es_cache_dir>/security-<port>/`` (git-ignored, mode 0700), made at the
first start with the distribution's own tools, nothing downloaded:

- ``ca.crt``/``ca.key`` and ``node.crt``/``node.key`` (``bin/elasticsearch-certutil``: a CA,
  and a node certificate for 127.0.0.1 and localhost signed by it);
- ``elasticsearch.keystore`` holding ``bootstrap.password`` (``bin/elasticsearch-keystore``):
  the ``elastic`` password, random, for administration only;
- ``users``/``users_roles`` (``bin/elasticsearch-users``, password on stdin, never on a command
  line) and ``roles.yml`` (rewritten at every start for the current alias): the file realm's
  two users of :func:`roles`, ``news_etl_ingest`` (may read and write the alias's indices
  only: ``<alias>``, ``<alias>-*``, i.e. article versions, runs, alerts, locks; and put index
  templates) and ``news_etl_api`` (may only read the alias and the alerts indices, for the
  Atom feeds, and ask for cluster health);
- ``credentials.json`` (mode 0600, :mod:`etl.core.credentials`): URL, CA path and every password.

Users, not API keys: API keys live in the ``.security`` index, whose mapping needs the
``analysis-common`` module, which the ``integ-test-zip`` distribution lacks (creating a key
fails with "Unknown filter type [pattern_capture]"); the file realm needs no index. The
compose stack's ``es-init`` gives its users the same roles (:func:`roles`).

Settings pick the file up by themselves (:func:`etl.core.credentials.apply`): ``news-etl``
commands and Airflow tasks use the ``ingest`` user, ``news-etl serve`` the ``api`` user.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import shutil
import ssl
import subprocess
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from etl.core import credentials
from etl.core.errors import ConfigError
from etl.core.settings import Settings
from etl.core.staging import atomic_path

CERT_FILES = ("ca.crt", "node.crt", "node.key")
"""What the node's config folder gets (``config/certs/``); ``ca.key`` stays in the security folder."""
REALM_FILES = ("elasticsearch.keystore", "users", "users_roles", "roles.yml")
"""Copied into the node's config folder at every start."""
USERS = {"ingest": "news_etl_ingest", "api": "news_etl_api"}
"""The user of each role of :data:`etl.core.credentials.ROLES`."""


def roles(alias: str) -> dict[str, dict]:
    """The role of each user (:data:`USERS`) on the indices of ``alias``, as Elasticsearch's
    role descriptors: ``{"news_etl_ingest": {...}, "news_etl_api": {...}}``."""
    own = [alias, f"{alias}-*"]  # the article versions, runs, alerts, alert log, locks
    return {
        USERS["ingest"]: {"cluster": ["manage_index_templates"],
                          "indices": [{"names": own, "privileges": ["read", "write", "manage"]}]},
        USERS["api"]: {"cluster": ["cluster:monitor/health"],
                       "indices": [{"names": [alias, f"{alias}-alerts", f"{alias}-alert-log"],
                                    "privileges": ["read", "view_index_metadata"]}]},
    }


def security_dir(settings: Settings) -> Path:
    """``<es_cache_dir>/security-<port>``: certificates, keystore and credentials of the node at ``es_url``."""
    return Path(settings.es_cache_dir) / f"security-{urlsplit(settings.es_url).port or 9200}"


def node_options(settings: Settings) -> dict[str, str]:
    """The ``-E`` settings of a node with security on: TLS on HTTP with the files of :func:`install`."""
    return {"xpack.security.enabled": "true", "xpack.security.http.ssl.enabled": "true",
            "xpack.security.http.ssl.key": "certs/node.key", "xpack.security.http.ssl.certificate": "certs/node.crt",
            "xpack.security.http.ssl.certificate_authorities": "certs/ca.crt",
            "xpack.security.transport.ssl.enabled": "false"}  # one node: no transport to other nodes


# ----------------------------------------------------------------------------- files made once


def ensure_files(settings: Settings, home: Path, java: Path) -> Path:
    """Make what is missing in :func:`security_dir` (certificates, keystore, users, passwords)
    and write ``roles.yml`` for the current alias.

    Input: settings, the unpacked distribution ``home``, a JDK home for its tools. Output:
    the folder. Errors: ConfigError when a tool fails (its output in the message).
    """
    folder = security_dir(settings)
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o700)
    env = dict(os.environ, ES_JAVA_HOME=str(java), ES_PATH_CONF=str(folder))
    env.pop("JAVA_HOME", None)
    if not all((folder / name).exists() for name in (*CERT_FILES, "ca.key")):
        _make_certificates(folder, home, env)
    (folder / "roles.yml").write_text(yaml.safe_dump(roles(settings.index_alias), sort_keys=True), encoding="utf-8")
    saved = credentials.read(folder / "credentials.json") or {}
    if not (folder / REALM_FILES[0]).exists() or not saved.get("elastic_password"):
        saved["elastic_password"] = secrets.token_urlsafe(24)
        _tool(home, env, "elasticsearch-keystore", "add", "-x", "-f", "bootstrap.password",
              stdin=saved["elastic_password"])
    users = saved.get("users") or {}
    if not all((folder / name).exists() for name in REALM_FILES[1:3]) or set(users) != set(USERS):
        users = _make_users(folder, home, env)
    _write_credentials(folder, {"url": settings.es_url, "ca_certs": str(folder / "ca.crt"),
                                "alias": settings.index_alias, "elastic_password": saved["elastic_password"],
                                "users": users})
    return folder


def _tool(home: Path, env: dict, name: str, *args: str, stdin: str | None = None) -> None:
    proc = subprocess.run([str(home / "bin" / name), *args], env=env, input=stdin, capture_output=True, text=True)
    if proc.returncode != 0:
        raise ConfigError(f"{name} failed ({proc.returncode}): {(proc.stdout + proc.stderr)[-1500:]}")


def _make_certificates(folder: Path, home: Path, env: dict) -> None:
    """A CA, and a certificate for 127.0.0.1/localhost signed by it (PEM), with certutil."""
    for name in ("ca.zip", "node.zip"):
        (folder / name).unlink(missing_ok=True)
    _tool(home, env, "elasticsearch-certutil", "ca", "--silent", "--pem", "--out", str(folder / "ca.zip"))
    _unzip_flat(folder / "ca.zip", folder)
    _tool(home, env, "elasticsearch-certutil", "cert", "--silent", "--pem", "--name", "node",
          "--ca-cert", str(folder / "ca.crt"), "--ca-key", str(folder / "ca.key"),
          "--ip", "127.0.0.1", "--dns", "localhost", "--out", str(folder / "node.zip"))
    _unzip_flat(folder / "node.zip", folder)
    for name in ("ca.key", "node.key"):
        (folder / name).chmod(0o600)


def _unzip_flat(archive: Path, folder: Path) -> None:
    """Extract every file of ``archive`` into ``folder`` (sub-folders dropped), then delete it."""
    with zipfile.ZipFile(archive) as zf:
        for info in zf.infolist():
            if not info.is_dir():
                (folder / Path(info.filename).name).write_bytes(zf.read(info))
    archive.unlink()


def _make_users(folder: Path, home: Path, env: dict) -> dict:
    """Fresh ``users``/``users_roles`` with the two users of :data:`USERS`, random passwords
    (given to the tool on stdin). Returns ``{role: {"username", "password"}}``."""
    for name in REALM_FILES[1:3]:
        (folder / name).write_text("", encoding="utf-8")
        (folder / name).chmod(0o600)
    made = {}
    for role, username in USERS.items():
        password = secrets.token_urlsafe(24)
        _tool(home, env, "elasticsearch-users", "useradd", username, "-r", username, stdin=f"{password}\n{password}\n")
        made[role] = {"username": username, "password": password}
    return made


def _write_credentials(folder: Path, data: dict) -> None:
    """Write ``credentials.json`` atomically, readable by its owner only."""
    with atomic_path(folder / "credentials.json") as tmp:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, indent=2)


def install(settings: Settings, config: Path) -> None:
    """Copy the certificates (not the CA key), keystore, users and roles into the node's ``config`` folder."""
    folder = security_dir(settings)
    (config / "certs").mkdir(exist_ok=True)
    for name in CERT_FILES:
        shutil.copy2(folder / name, config / "certs" / name)
    for name in REALM_FILES:
        shutil.copy2(folder / name, config / name)


def probe_access(settings: Settings) -> dict:
    """What :func:`etl.dev.esserver.health` needs to ask the secured node: ``context`` (TLS
    trusting our CA) and ``auth`` (the elastic user's Basic header); empty before the first start."""
    folder = security_dir(settings)
    saved = credentials.read(folder / "credentials.json") or {}
    if not saved.get("elastic_password") or not (folder / "ca.crt").exists():
        return {}
    token = base64.b64encode(f"elastic:{saved['elastic_password']}".encode()).decode()
    return {"context": ssl.create_default_context(cafile=str(folder / "ca.crt")), "auth": f"Basic {token}"}
