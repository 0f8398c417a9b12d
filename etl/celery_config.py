"""Celery settings for Airflow's CeleryExecutor: Airflow's own defaults plus three changes.

Airflow reads them when ``[celery] celery_config_options`` names this dict
(``AIRFLOW__CELERY__CELERY_CONFIG_OPTIONS=etl.celery_config.CELERY_CONFIG``: the compose file and
``scripts/cluster/services.sh env`` set it).

1. ``worker_disable_prefetch``. Even with Airflow's ``worker_prefetch_multiplier = 1`` and late
   acknowledgement, a Celery worker busy with a task reserves the next message from Redis, so a task
   queued while one worker runs and the other is idle can wait for the busy one to finish (measured
   in bench/scale: ``fetch[1]`` queued 2.9 s beside an idle worker, then started the instant
   ``fetch[0]`` ended on the other). With the option (Celery >= 5.6, Redis brokers only) a worker
   takes a message only when one of its pool processes is free, so shards run side by side.
2. Warm workers (:func:`warm_up`). Airflow forks every task's process from the worker; what the
   worker has imported and loaded before it forks its pool, each task inherits instead of doing
   it again (per task: the pipeline's imports ≈ 1 s; for annotate, spaCy, its model and the
   lexicons ≈ 2-3 s more).
3. Batch scheduling (:func:`batch_scheduling`, also at ``worker_init``): the worker and every
   process it forks (its pool, Airflow's task supervisors, the task processes) run in Linux's
   ``SCHED_BATCH`` class, meant for CPU-bound non-interactive work: a process woken up does not
   preempt the running one. A task process closes its sockets to its supervisor a moment before it
   exits; woken by that, the supervisor used to preempt the exiting process on its core, find it
   still alive, and sleep one supervisor tick (``[workers] min_heartbeat_interval``, 1 s here)
   with the worker's slot held: 18 of 88 tasks on a quiet machine, 49 of 88 on a busy one; with
   batch scheduling 6 of 88 (quiet; ``news_ingest`` on the sample pages, 2 workers, 2 shards, 4
   runs). The scheduler, API server and
   Elasticsearch keep the normal class, so they still get a core at once when they wake.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import time
from dataclasses import replace
from typing import Any

from airflow.providers.celery.executors.default_celery import DEFAULT_CELERY_CONFIG
from celery.signals import worker_init

from etl.core.errors import EtlError
from etl.core.settings import Settings

log = logging.getLogger(__name__)

CELERY_CONFIG: dict[str, Any] = {**DEFAULT_CELERY_CONFIG, "worker_disable_prefetch": True}
"""Airflow's :data:`DEFAULT_CELERY_CONFIG` (broker, result backend, acks, concurrency from
``[celery]``) with prefetching off."""


def batch_scheduling() -> bool:
    """Put the calling process (and what it forks from now on) in Linux's ``SCHED_BATCH``
    scheduling class (no privilege needed). Output: True if done; False where the platform has no
    such class or refuses (the process keeps its class)."""
    batch = getattr(os, "SCHED_BATCH", None)
    if batch is None:
        return False
    with contextlib.suppress(OSError):
        os.sched_setscheduler(0, batch, os.sched_param(0))
        return True
    return False


@worker_init.connect
def warm_up(**_: Any) -> None:
    """Celery's ``worker_init`` (in a worker's main process, before it forks its pool; never in the
    scheduler, which imports this module too): import Airflow's task runner and the DAGs' task code,
    then clean and annotate one bundled sample page with :class:`Settings` (one annotate process),
    which loads the spaCy model and every lexicon the stages load lazily, then the language
    guesser's model and the date parser's locale patterns (no English page needs them: the first
    German page of each task paid ≈ 0.6 s and ≈ 1 s for them), so forked task processes start with them. A failure (e.g. a model that cannot be loaded) is logged and left to
    the tasks, which fail with their own errors as they would without warm-up.
    """
    started = time.monotonic()
    if not batch_scheduling():
        log.info("news-etl: SCHED_BATCH not available; the worker keeps its scheduling class")
    # Imported here, not at the top: the scheduler and api-server import this module too and never
    # run tasks; only a worker should pay for (and keep) these imports and the model.
    import airflow.sdk.execution_time.task_runner  # noqa: F401, PLC0415 - each task process runs it

    import etl.dagkit  # noqa: F401, PLC0415 - preloaded for the forked task processes
    from etl.annotate import annotate_articles  # noqa: PLC0415 - see above
    from etl.clean import clean_html  # noqa: PLC0415 - see above
    from etl.clean.meta.published import load_date_parsers  # noqa: PLC0415 - see above
    from etl.core.language import detect_language  # noqa: PLC0415 - see above
    from etl.core.records import CleanedArticle  # noqa: PLC0415 - see above
    from etl.dev import samples  # noqa: PLC0415 - see above
    from etl.pipeline import run_step  # noqa: F401, PLC0415 - see above

    try:
        settings = replace(Settings.from_env(), annotate_processes=1)  # no process pool before the fork
        article = clean_html((samples.PAGES_DIR / samples.PAGES[0]).read_bytes(), "https://warm-up.invalid/a",
                             settings)
        if isinstance(article, CleanedArticle):
            list(annotate_articles([article], settings))
        # Loaded on first use by pages the English sample does not reach (≈ 1.6 s a task process):
        detect_language("Ein kurzer deutscher Satz über das Wetter in Berlin, damit das Modell lädt.")  # py3langid
        load_date_parsers()  # htmldate's fallback: dateparser's patterns of every locale
    except EtlError as exc:
        log.warning("news-etl warm-up incomplete: %s", exc)
        return
    gc.freeze()  # what is loaded now lives as long as the worker: no collection scans it again (nor touches
    # its pages, which the forked task processes then keep sharing copy-on-write)
    log.info("news-etl warm-up: pipeline, model and lexicons loaded in %.1f s", time.monotonic() - started)
