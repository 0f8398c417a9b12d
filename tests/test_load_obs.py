"""Structured stage log lines and progress bars (etl.core.obs)."""

from __future__ import annotations

import io
import json
import logging

from etl.core import obs


def test_stage_line_has_run_id_counts_and_the_whole_summary(monkeypatch):
    monkeypatch.delenv("AIRFLOW_CTX_DAG_RUN_ID", raising=False)
    summary = {"stage": "clean", "path": "/tmp/x y/clean.jsonl.gz", "count": 97, "rejected": 3,
               "reasons": {"too_short": 3}}
    line = obs.format_stage(summary, "scheduled__2024-05-01T10:00:00+00:00")
    head, _, payload = line.partition(" summary=")
    assert head == "stage=clean run_id=scheduled__2024-05-01T10:00:00+00:00 count=97 rejected=3"
    assert json.loads(payload) == summary
    assert obs.format_stage({"stage": "load", "count": 1}).startswith("stage=load run_id=- count=1")


def test_run_id_falls_back_to_the_airflow_task_environment(monkeypatch, caplog):
    monkeypatch.setenv("AIRFLOW_CTX_DAG_RUN_ID", "manual__2024-05-01")
    logger = logging.getLogger("etl.test_obs")
    with caplog.at_level(logging.INFO, logger="etl.test_obs"):
        assert obs.log_stage(logger, {"stage": "fetch", "count": 2}) == {"stage": "fetch", "count": 2}
    assert caplog.records[0].getMessage().startswith("stage=fetch run_id=manual__2024-05-01 count=2")


def test_progress_is_off_without_a_terminal_or_when_disabled(monkeypatch):
    class Tty(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.delenv("NEWS_ETL_PROGRESS", raising=False)
    assert obs.progress_enabled(Tty()) is True
    assert obs.progress_enabled(io.StringIO()) is False
    monkeypatch.setenv("NEWS_ETL_PROGRESS", "0")
    assert obs.progress_enabled(Tty()) is False
    with obs.progress(total=3, desc="x") as bar:  # disabled bar still counts
        bar.update(3)
    assert list(obs.progress(range(3))) == [0, 1, 2]
