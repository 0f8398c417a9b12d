"""One run at a time per staging folder (etl.core.runlock), with real processes.

Two ``news-etl ingest`` started at once on the same logical date: one runs, the other is
refused with a message naming the first; the stages' shared lock lets a run's shards work
side by side but waits for a whole run; a killed holder leaves no stale lock.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from etl.core.runlock import RunLocked, lock_path, run_lock
from etl.core.settings import Settings
from etl.dev import samples

BIN = Path(sys.executable).parent
LOGICAL = "2024-05-03T10:00:00+00:00"


def _env(settings: Settings, sources: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "NEWS_ETL_PROGRESS"}
    env.update(NEWS_ETL_ES_URL=settings.es_url, NEWS_ETL_INDEX_ALIAS=settings.index_alias,
               NEWS_ETL_STAGING_DIR=settings.staging_dir, NEWS_ETL_FETCH_ALLOWED_NETWORKS="127.0.0.0/8",
               NEWS_ETL_SOURCES_FILE=str(sources))
    return env


def _holder(settings: Settings, mode: str, wait: float = 0.0) -> subprocess.Popen:
    """A process that takes the run's lock (``exclusive`` or ``shared``), prints ``held`` and sleeps."""
    code = textwrap.dedent(f"""
        import sys, time
        from etl.core.runlock import run_lock
        from etl.core.settings import Settings
        with run_lock(Settings.from_env(), {LOGICAL!r}, exclusive={mode == 'exclusive'}, what="holder {mode}",
                      wait={wait}):
            print("held", flush=True)
            time.sleep(600)
    """)
    env = dict(os.environ, NEWS_ETL_STAGING_DIR=settings.staging_dir)
    proc = subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    return proc


def _wait_held(proc: subprocess.Popen) -> None:
    assert proc.stdout is not None
    line = proc.stdout.readline()
    assert line.strip() == "held", proc.stderr.read() if proc.stderr else ""


def _stop(proc: subprocess.Popen, sig: int = signal.SIGTERM) -> None:
    proc.send_signal(sig)
    proc.wait(30)


@pytest.mark.es
def test_two_ingests_at_once_on_one_date_one_runs_the_other_is_refused(tmp_path, es_settings):
    sources = tmp_path / "sources.yaml"
    with samples.serve() as base:
        urls = "".join(f"\n      - {base}/{page}" for page in samples.PAGES)
        sources.write_text(f"sources:\n  - name: samples\n    kind: urls\n    urls:{urls}\n")
        cmd = [str(BIN / "news-etl"), "ingest", "--logical-date", LOGICAL, "--quiet"]
        procs = [subprocess.Popen(cmd, env=_env(es_settings, sources), stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True) for _ in range(2)]
        results = [(p.wait(300), p.stdout.read(), p.stderr.read()) for p in procs]  # type: ignore[union-attr]
    codes = sorted(code for code, _, _ in results)
    assert codes == [0, 1], [r[2][-1500:] for r in results]
    (_, out, _), (_, _, refused) = sorted(results, key=lambda r: r[0])
    winner = next(p.pid for p, r in zip(procs, results, strict=True) if r[0] == 0)
    folder = Path(es_settings.staging_dir) / "2024-05-03T10-00-00Z"
    assert refused.strip().splitlines()[-1] == (
        f"news-etl: news-etl ingest refused: the run folder {folder} is in use by 'news-etl ingest' "
        f"(pid {winner} on {os.uname().nodename}, since {_since(refused)}); "
        "wait until it ends or choose another --logical-date")
    report = json.loads(out)["report"]
    assert report["accounted"] is True and json.loads(out)["load"]["count"] >= 5
    assert (folder / ".lock").read_text() == ""  # released: the next run may go


def _since(text: str) -> str:
    return text.rsplit("since ", 1)[1].split(")", 1)[0]


def test_stages_share_the_lock_but_wait_for_a_whole_run(tmp_path):
    settings = Settings.from_env({}, staging_dir=str(tmp_path / "staging"))
    shard = _holder(settings, "shared")
    try:
        _wait_held(shard)
        with run_lock(settings, LOGICAL, what="another shard"):  # shards of one run: side by side
            pass
        with pytest.raises(RunLocked, match=r"news-etl ingest refused: .* in use by the stages of another run"):
            with run_lock(settings, LOGICAL, exclusive=True, what="news-etl ingest"):
                pass
    finally:
        _stop(shard)
    whole = _holder(settings, "exclusive")
    try:
        _wait_held(whole)
        started = time.monotonic()
        with pytest.raises(RunLocked, match=r"stage fetch refused after waiting 1s: .* 'holder exclusive' \(pid "):
            with run_lock(settings, LOGICAL, what="stage fetch", wait=1.0):
                pass
        assert 1.0 <= time.monotonic() - started < 5
    finally:
        _stop(whole, signal.SIGKILL)  # killed: the kernel drops its lock, nothing stale remains
    with run_lock(settings, LOGICAL, exclusive=True, what="after the kill") as path:
        assert json.loads(path.read_text())["command"] == "after the kill"
    assert lock_path(settings, LOGICAL) == path and path.read_text() == ""


def test_the_lock_is_reentrant_within_a_process(tmp_path):
    settings = Settings.from_env({}, staging_dir=str(tmp_path / "staging"))
    with run_lock(settings, LOGICAL, exclusive=True, what="run"):
        with run_lock(settings, LOGICAL, what="stage discover"):  # run_once's own stages
            with run_lock(settings, LOGICAL, exclusive=True, what="nested run"):
                pass
        holder = _holder(settings, "shared", wait=0.0)
        assert holder.wait(60) == 1 and "RunLocked" in holder.stderr.read()  # type: ignore[union-attr]
