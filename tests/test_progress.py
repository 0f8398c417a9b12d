"""Progress you can see: a bar per stage on a terminal, silence elsewhere, and the end-of-run summary.

The commands run as real processes (``news-etl``) against the real Elasticsearch, on the
sample pages served over HTTP. A terminal is a pseudo-terminal (``pty``) on stderr.
"""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from etl.core import obs
from etl.core.staging import StageSummary
from etl.dev import samples

BIN = Path(sys.executable).parent
STAGES = ("discover", "fetch", "clean", "annotate", "load")
BAR = re.compile(r"(\w+): +100%\|[^|]*\| (\d+)/(\d+) \[")  # tqdm: "fetch: 100%|█████| 6/6 [00:00<00:00, 9.1url/s]"
LOGICAL = "2024-05-01T10:00:00+00:00"


# ----------------------------------------------------------------------------- the summary table


def test_the_summary_has_one_row_per_stage_with_in_out_reasons_and_seconds():
    table = obs.summary_table([
        StageSummary("discover", "d", 9, extra={"seconds": 0.25}),
        StageSummary("fetch", "f", 6, 3, {"not_modified": 2, "http_404": 1}, {"seconds": 1.5}),
        StageSummary("clean", "c", 1, 5, {"too_short": 1, "empty": 1, "binary": 1, "not_html": 1, "no_text": 1}),
        StageSummary("replay", "r", 4, 0, extra={"in": 4}),
    ])
    lines = table.splitlines()
    assert lines[0].split() == ["stage", "in", "out", "rejected", "seconds", "rejected", "by", "reason"]
    assert lines[1].split() == ["discover", "-", "9", "0", "0.2"]  # a first stage has no input count
    assert lines[2].split()[:5] == ["fetch", "9", "6", "3", "1.5"]
    assert lines[2].endswith("not_modified 2, http_404 1")  # largest first
    assert lines[3].split()[:5] == ["clean", "6", "1", "5", "-"]  # seconds not measured
    assert lines[3].endswith("binary 1, empty 1, no_text 1, not_html 1, +1 more")
    assert lines[4].split()[:3] == ["replay", "4", "4"]  # 'in' given by the stage
    assert len({re.match(r"(\S+\s+){4}\S+", line).end() for line in lines}) == 1  # columns aligned


def test_set_progress_false_silences_bars_even_on_a_terminal(monkeypatch):
    class Tty:
        def isatty(self):
            return True

    monkeypatch.delenv("NEWS_ETL_PROGRESS", raising=False)
    try:
        obs.set_progress(False)
        assert obs.progress_enabled(Tty()) is False
        obs.set_progress(None)
        assert obs.progress_enabled(Tty()) is True
    finally:
        obs.set_progress(None)


# ----------------------------------------------------------------------------- real commands


def _env(settings, sources: Path | None = None) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "NEWS_ETL_PROGRESS"}
    env.update(NEWS_ETL_ES_URL=settings.es_url, NEWS_ETL_INDEX_ALIAS=settings.index_alias,
               NEWS_ETL_STAGING_DIR=settings.staging_dir, NEWS_ETL_FETCH_ALLOWED_NETWORKS="127.0.0.0/8",
               COLUMNS="120")
    if sources:
        env["NEWS_ETL_SOURCES_FILE"] = str(sources)
    return env


def _sources(tmp_path: Path, base: str) -> Path:
    path = tmp_path / "sources.yaml"
    urls = "".join(f"\n      - {base}/{page}" for page in samples.PAGES)
    path.write_text(f"sources:\n  - name: samples\n    kind: urls\n    urls:{urls}\n")
    return path


def _on_pty(args: list[str], env: dict) -> tuple[int, str, str]:
    """Run ``news-etl args`` with stderr on a pseudo-terminal (120 columns); return (exit
    code, stdout, what the terminal showed)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    proc = subprocess.Popen([str(BIN / "news-etl"), *args], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=slave, env=env)
    os.close(slave)
    shown = bytearray()
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        shown += chunk
    os.close(master)
    out = proc.stdout.read().decode() if proc.stdout else ""
    return proc.wait(timeout=300), out, shown.decode("utf-8", "replace")


def _piped(args: list[str], env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "news-etl"), *args], env=env, capture_output=True, text=True, timeout=300)


def _summary_rows(text: str, stages) -> dict[str, list[str]]:
    rows = {}
    for line in text.replace("\r", "\n").splitlines():
        cells = line.split()
        if cells and cells[0] in stages and len(cells) >= 5 and cells[2].isdigit():
            rows[cells[0]] = cells
    return rows


@pytest.mark.es
def test_a_terminal_shows_a_bar_per_stage_and_quiet_silences_them(tmp_path, es_settings):
    with samples.serve() as base:
        env = _env(es_settings, _sources(tmp_path, base))
        code, out, shown = _on_pty(["ingest", "--logical-date", LOGICAL], env)
        assert code == 0, shown[-2000:]
        quiet_code, _, quiet = _on_pty(["ingest", "--logical-date", "2024-05-01T11:00:00+00:00", "--quiet"], env)
    bars = {m.group(1): (int(m.group(2)), int(m.group(3))) for m in BAR.finditer(shown)}
    assert {"fetch", "clean", "annotate", "load"} <= set(bars), shown[-3000:]
    assert bars["fetch"] == (6, 6) and bars["clean"] == (6, 6)  # totals known: percentage and ETA
    assert re.search(r"discover: 6url \[[0-9:]+, +[0-9.]+url/s\]", shown)  # no total: count and rate
    assert re.search(r"fetch: +100%.*\d+/\d+ \[[0-9:]+<[0-9:]+, +[0-9.]+url/s\]", shown)  # elapsed<ETA, rate
    summaries = json.loads(out)
    rows = _summary_rows(shown, STAGES)
    assert list(rows) == list(STAGES)
    assert rows["fetch"][1:4] == ["6", "6", "0"] and rows["load"][2] == str(summaries["load"]["count"])
    assert re.search(r"every URL accounted for: yes; sources flagged by health: none", shown)
    assert quiet_code == 0 and not BAR.search(quiet) and not re.search("\r(?!\n)", quiet)  # the tty ends lines \r\n
    assert list(_summary_rows(quiet, STAGES)) == list(STAGES)  # the summary is still printed


@pytest.mark.es
def test_without_a_terminal_no_bar_only_the_summary_and_reprocess_and_migrate_too(tmp_path, es_settings):
    with samples.serve() as base:
        env = _env(es_settings, _sources(tmp_path, base))
        ingest = _piped(["ingest", "--logical-date", LOGICAL], env)
    assert ingest.returncode == 0, ingest.stderr[-2000:]
    for text in (ingest.stderr, ingest.stdout):
        assert "\r" not in text and not re.search(r"\d(url|doc|page)/s", text) and "%|" not in text
    assert list(_summary_rows(ingest.stderr, STAGES)) == list(STAGES)
    indexed = json.loads(ingest.stdout)["load"]["count"]
    assert indexed >= 5

    again = _piped(["reprocess", "--logical-date", "2024-05-02T00:00:00+00:00"], env)
    assert again.returncode == 0, again.stderr[-2000:]
    rows = _summary_rows(again.stderr, ("list_archive", "clean", "annotate", "load"))
    assert list(rows) == ["list_archive", "clean", "annotate", "load"]
    assert rows["list_archive"][2] == "6" and rows["load"][2] == str(indexed)  # the same pages, re-loaded
    assert "\r" not in again.stderr and "%|" not in again.stderr

    code, out, shown = _on_pty(["index", "migrate"], env)
    assert code == 0, shown[-2000:]
    assert re.search(rf"copy: +100%\|[^|]*\| {indexed}/{indexed} \[", shown)
    rows = _summary_rows(shown, ("copy", "verify", "swap"))
    assert rows["copy"][1:4] == [str(indexed), str(indexed), "0"]
    assert json.loads(out)["target_count"] == indexed
