"""Observability helpers: one structured log line per task, and progress bars for CLI commands.

``log_stage(logger, summary, run_id)`` writes one line ``stage=<s> run_id=<id> count=<n> ...``
followed by the whole summary as JSON, so a task log can be grepped by key and parsed by
machine. The run id is the one given, else Airflow's ``AIRFLOW_CTX_DAG_RUN_ID`` (set in the
task's environment while it runs), else ``-``.

``progress(iterable, ...)`` wraps an iterable with a tqdm bar on stderr that is disabled
when stderr is not a terminal (task logs and CI stay clean) or ``NEWS_ETL_PROGRESS=0``.
Secrets never go through here: summaries carry paths and counts only.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Iterable

from tqdm import tqdm

_SCALARS = (str, int, float, bool)


def current_run_id(run_id: str = "") -> str:
    """``run_id`` when given, else the Airflow run id from the task environment, else ``-``."""
    return run_id or os.environ.get("AIRFLOW_CTX_DAG_RUN_ID", "") or "-"


def _value(v) -> str:
    text = str(v)
    return json.dumps(text) if (not text or any(c.isspace() or c in '"=' for c in text)) else text


def format_stage(summary: dict, run_id: str = "") -> str:
    """``stage=.. run_id=.. k=v ..`` (scalar fields, sorted) then `` summary=<json>``."""
    fields = {"stage": summary.get("stage", "?"), "run_id": current_run_id(run_id)}
    fields.update({k: v for k, v in sorted(summary.items())
                   if k not in fields and isinstance(v, _SCALARS) and k != "path"})
    head = " ".join(f"{k}={_value(v)}" for k, v in fields.items())
    return f"{head} summary={json.dumps(summary, sort_keys=True, default=str)}"


def log_stage(logger: logging.Logger, summary: dict, run_id: str = "") -> dict:
    """Log one structured line for a finished stage; return ``summary`` unchanged."""
    logger.info("%s", format_stage(summary, run_id))
    return summary


def progress_enabled(stream=None) -> bool:
    """True when a progress bar should be drawn (stderr is a TTY and not disabled)."""
    if os.environ.get("NEWS_ETL_PROGRESS", "").lower() in ("0", "false", "no", "off"):
        return False
    stream = stream or sys.stderr
    return bool(getattr(stream, "isatty", lambda: False)())


def progress(iterable: Iterable | None = None, *, total: int | None = None, desc: str = "", unit: str = "doc"):
    """A tqdm bar on stderr (a no-op bar when disabled); usable as iterator or with ``update(n)``."""
    return tqdm(iterable, total=total, desc=desc, unit=unit, file=sys.stderr, disable=not progress_enabled(),
                dynamic_ncols=True, mininterval=0.5)
