"""``news-etl search`` and ``news-etl index status`` when Elasticsearch is down or the index is
missing: one clear line on stderr and a non-zero exit code, never a traceback.

Runs the installed ``news-etl`` command in a subprocess, as a user would.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent / "news-etl"


def _closed_port() -> int:
    """A local port nothing listens on (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run(args: list[str], **env: str) -> subprocess.CompletedProcess:
    full_env = {**os.environ, **{f"NEWS_ETL_{k.upper()}": v for k, v in env.items()}}
    return subprocess.run([str(BIN), *args], env=full_env, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("args", [["search", "putin"], ["search", "--article", "a1"],
                                  ["search", "what did Putin say about Russia"], ["index", "status"],
                                  ["index", "create"]])
def test_elasticsearch_down_is_one_line(args):
    r = _run(args, es_url=f"http://127.0.0.1:{_closed_port()}", es_max_retries="1")
    assert r.returncode == 1
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr, r.stderr
    assert r.stderr.startswith("news-etl: Elasticsearch unreachable at http://127.0.0.1:")


@pytest.mark.es
@pytest.mark.parametrize("args", [["search", "putin"], ["search", "--similar", "a1"],
                                  ["search", "what did Putin say about Russia"]])
def test_missing_index_is_one_line(es_url, args):
    alias = f"t{uuid.uuid4().hex[:10]}-none"
    r = _run(args, es_url=es_url, index_alias=alias)
    assert r.returncode == 1
    assert r.stderr == (f"news-etl: no index behind {alias!r} at {es_url}: "
                        "run `news-etl index create` or `news-etl ingest` first\n")


@pytest.mark.es
def test_index_status_without_index_says_so(es_url):
    alias = f"t{uuid.uuid4().hex[:10]}-none"
    r = _run(["index", "status"], es_url=es_url, index_alias=alias)
    assert r.returncode == 0 and r.stderr == ""
    assert '"index": null' in r.stdout
