"""etl/celery_config.py: Airflow's Celery defaults plus no prefetch, and the worker warm-up."""

from __future__ import annotations

import gc

import pytest

pytest.importorskip("airflow.providers.celery")

import os  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402

from dateparser.languages.loader import LocaleDataLoader  # noqa: E402

from etl import celery_config  # noqa: E402
from etl.annotate import model  # noqa: E402
from etl.celery_config import CELERY_CONFIG, warm_up  # noqa: E402
from etl.core.settings import Settings  # noqa: E402


@pytest.fixture(autouse=True)
def _keep_pytests_scheduling(monkeypatch):
    """warm_up runs in this process here: record its batch_scheduling call instead of moving pytest."""
    calls: list[bool] = []
    monkeypatch.setattr(celery_config, "batch_scheduling", lambda: calls.append(True) or True)
    return calls


def test_airflow_defaults_kept_and_prefetch_off():
    from airflow.providers.celery.executors.default_celery import DEFAULT_CELERY_CONFIG  # noqa: PLC0415 - only with the provider

    assert CELERY_CONFIG["worker_disable_prefetch"] is True
    assert {k: v for k, v in CELERY_CONFIG.items() if k != "worker_disable_prefetch"} == DEFAULT_CELERY_CONFIG
    assert CELERY_CONFIG["task_acks_late"] is True  # a lost worker's task is redelivered


_CHILD = """
import os
from etl.celery_config import batch_scheduling
done = batch_scheduling()
pid = os.fork()
if pid == 0:
    os._exit(0 if os.sched_getscheduler(0) == os.SCHED_BATCH else 3)
_, status = os.waitpid(pid, 0)
print(done, os.sched_getscheduler(0) == os.SCHED_BATCH, os.waitstatus_to_exitcode(status))
"""


@pytest.mark.skipif(not hasattr(os, "SCHED_BATCH"), reason="Linux scheduling classes only")
def test_batch_scheduling_moves_the_worker_and_what_it_forks():
    assert os.sched_getscheduler(0) != os.SCHED_BATCH  # this process starts in the normal class
    out = subprocess.run([sys.executable, "-c", _CHILD], capture_output=True, text=True, check=True).stdout
    assert out.splitlines()[-1].split() == ["True", "True", "0"]  # the worker, and a task process it forks later


def test_warm_up_loads_the_model_and_lexicons_before_the_fork(monkeypatch, _keep_pytests_scheduling):
    monkeypatch.setattr(model, "_MODELS", {})
    try:
        warm_up()
        assert _keep_pytests_scheduling == [True]  # the worker moved to batch scheduling first
        assert Settings.from_env().spacy_model in model._MODELS  # a forked task finds it loaded
        assert gc.get_freeze_count() > 100_000  # the loaded objects left out of later collections
        assert len(LocaleDataLoader._loaded_locales) > 100  # htmldate's fallback parser: every locale ready
        assert "py3langid" in sys.modules  # the language guesser's model, loaded by a German sentence
    finally:
        gc.unfreeze()


def test_warm_up_with_a_missing_model_logs_and_leaves_the_error_to_the_tasks(monkeypatch, caplog):
    monkeypatch.setenv("NEWS_ETL_SPACY_MODEL", "no_such_model_xx")
    monkeypatch.setattr(model, "_MODELS", {})
    try:
        warm_up()
    finally:
        gc.unfreeze()
    assert "warm-up incomplete" in caplog.text and "no_such_model_xx" in caplog.text
    assert model._MODELS == {}
