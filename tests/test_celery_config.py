"""etl/celery_config.py: Airflow's Celery defaults plus no prefetch, and the worker warm-up."""

from __future__ import annotations

import gc

import pytest

pytest.importorskip("airflow.providers.celery")

from etl.annotate import model  # noqa: E402
from etl.celery_config import CELERY_CONFIG, warm_up  # noqa: E402
from etl.core.settings import Settings  # noqa: E402


def test_airflow_defaults_kept_and_prefetch_off():
    from airflow.providers.celery.executors.default_celery import DEFAULT_CELERY_CONFIG  # noqa: PLC0415 - only with the provider

    assert CELERY_CONFIG["worker_disable_prefetch"] is True
    assert {k: v for k, v in CELERY_CONFIG.items() if k != "worker_disable_prefetch"} == DEFAULT_CELERY_CONFIG
    assert CELERY_CONFIG["task_acks_late"] is True  # a lost worker's task is redelivered


def test_warm_up_loads_the_model_and_lexicons_before_the_fork(monkeypatch):
    monkeypatch.setattr(model, "_MODELS", {})
    try:
        warm_up()
        assert Settings.from_env().spacy_model in model._MODELS  # a forked task finds it loaded
        assert gc.get_freeze_count() > 100_000  # the loaded objects left out of later collections
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
