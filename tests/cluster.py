"""The real PostgreSQL and S3 server (s3proxy) of ``scripts/cluster/services.sh``, for tests.

:func:`running` starts one service for the ``with`` block (on its own, non-default port:
PostgreSQL 55432, s3proxy 58333) and stops it afterwards, unless it was already running
(then it is left as it was). :func:`start` / :func:`stop` are for the fault tests, which
stop a server in the middle. A service that is not installed (``make setup`` installs both
as root: ``services.sh install system s3``) is a skip with the reason; any other failure to
start is an error.
"""

from __future__ import annotations

import subprocess
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from etl.core.settings import Settings

SERVICES = Path(__file__).resolve().parent.parent / "scripts" / "cluster" / "services.sh"
PG_URL = "postgresql://newsetl:newsetl@127.0.0.1:55432/newsetl"
S3_ENDPOINT = "http://127.0.0.1:58333"
S3_BUCKET = "news-etl"
S3_KEYS = ("newsetl", "newsetl-secret")
_NOT_INSTALLED = ("not installed", "is needed", "could not resolve", "no JDK")


def _services(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(SERVICES), *args], capture_output=True, text=True, timeout=600)


def is_running(name: str) -> bool:
    """True when ``services.sh status <name>`` says the service answers."""
    return _services("status", name).returncode == 0


def start(name: str) -> None:
    """Start ``name`` (``postgres`` or ``s3``) and wait until it answers; skip when not installed."""
    done = _services("start", name)
    if done.returncode != 0:
        if any(marker in done.stderr for marker in _NOT_INSTALLED):
            pytest.skip(f"{name} is not installed ({done.stderr.strip().splitlines()[-1]}); "
                        "run `scripts/cluster/services.sh install system s3` as root")
        raise RuntimeError(f"services.sh start {name} failed: {done.stderr[-2000:]}")


def stop(name: str) -> None:
    """Stop ``name`` (idempotent)."""
    done = _services("stop", name)
    if done.returncode != 0:
        raise RuntimeError(f"services.sh stop {name} failed: {done.stderr[-2000:]}")


@contextmanager
def running(name: str) -> Iterator[None]:
    """``name`` runs for the block; stopped afterwards if this started it."""
    was_running = is_running(name)
    if not was_running:
        start(name)
    try:
        yield
    finally:
        if not was_running:
            stop(name)


def s3_settings(base: Settings, **changes) -> Settings:
    """``base`` with its storage under a fresh prefix of the test bucket, on the real s3proxy."""
    return base.replace(storage_url=f"s3://{S3_BUCKET}/test-{uuid.uuid4().hex[:12]}", s3_endpoint_url=S3_ENDPOINT,
                        s3_access_key=S3_KEYS[0], s3_secret_key=S3_KEYS[1], **changes)


def pg_schema_url(schema: str) -> str:
    """:data:`PG_URL` with ``search_path`` set to ``schema`` (each test gets its own tables)."""
    return f"{PG_URL}?options=-csearch_path%3D{schema}"
