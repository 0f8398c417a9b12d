"""Observability helpers: one structured log line per task, and progress bars for CLI commands.

``log_stage(logger, summary, run_id)`` writes one line ``stage=<s> run_id=<id> count=<n> ...``
followed by the whole summary as JSON, so a task log can be grepped by key and parsed by
machine. The run id is the one given, else Airflow's ``AIRFLOW_CTX_DAG_RUN_ID`` (set in the
task's environment while it runs), else ``-``.

``progress(iterable, ...)`` wraps an iterable with a tqdm bar on stderr (count, rate and,
given a ``total``, percentage and ETA) that is disabled when stderr is not a terminal (task
logs and CI stay clean), with ``NEWS_ETL_PROGRESS=0``, or after ``set_progress(False)``
(what a command's ``--quiet`` does). It is the one progress mechanism of news-etl: every
stage and command that shows a bar calls it.

``summary_table(summaries)`` renders the one-screen end-of-run summary every long command
prints: one row per stage with its input, output, rejections by reason and seconds.
Secrets never go through here: summaries carry paths and counts only.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Iterable, Sequence

from tqdm import tqdm

from etl.core.staging import StageSummary

_SCALARS = (str, int, float, bool)
_FORCED: bool | None = None  # set_progress(): None = decide by the terminal
SUMMARY_REASONS = 4  # rejection reasons shown per stage in the summary (the rest: "+N more")


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


def set_progress(enabled: bool | None) -> None:
    """Switch progress bars off (``False``, e.g. ``--quiet``) or back to automatic (``None``:
    drawn when stderr is a terminal). ``True`` is treated as automatic: a bar is never
    forced onto a stream that is not a terminal."""
    global _FORCED
    _FORCED = False if enabled is False else None


def progress_enabled(stream=None) -> bool:
    """True when a progress bar should be drawn: stderr (or ``stream``) is a TTY, neither
    ``NEWS_ETL_PROGRESS=0`` nor ``set_progress(False)`` turned bars off."""
    if _FORCED is False or os.environ.get("NEWS_ETL_PROGRESS", "").lower() in ("0", "false", "no", "off"):
        return False
    stream = stream or sys.stderr
    return bool(getattr(stream, "isatty", lambda: False)())


def progress(iterable: Iterable | None = None, *, total: int | None = None, desc: str = "", unit: str = "doc"):
    """A tqdm bar on stderr (a no-op bar when disabled); usable as iterator or with ``update(n)``."""
    return tqdm(iterable, total=total, desc=desc, unit=unit, file=sys.stderr, disable=not progress_enabled(),
                dynamic_ncols=True, mininterval=0.5)


def _reasons(reasons: dict) -> str:
    ranked = sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0]))
    shown = ", ".join(f"{reason} {n}" for reason, n in ranked[:SUMMARY_REASONS])
    more = len(ranked) - SUMMARY_REASONS
    return f"{shown}, +{more} more" if more > 0 else shown


def _summary_row(summary: StageSummary, given: int | None) -> list[str]:
    seconds = summary.seconds
    return [summary.stage, "-" if given is None else str(given), str(summary.count), str(summary.rejected),
            "-" if seconds is None else f"{seconds:.1f}", _reasons(dict(summary.reasons))]


def summary_table(summaries: Sequence[StageSummary]) -> str:
    """The one-screen summary of a run: a header and one row per stage, in order.

    Columns: stage, in (``extra["in"]`` when the stage says, else the previous stage's
    output count, ``-`` for a first stage), out (``count``), rejected, seconds, and the
    rejection reasons, largest first (at most ``SUMMARY_REASONS``, then ``+N more``).
    Input: the stage summaries in run order. Output: the table as text, no trailing newline.
    """
    rows = [["stage", "in", "out", "rejected", "seconds", "rejected by reason"]]
    previous: int | None = None
    for summary in summaries:
        given = summary.extra.get("in", previous)
        rows.append(_summary_row(summary, given if isinstance(given, int) else None))
        previous = summary.count
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    lines = []
    for row in rows:
        cells = [row[0].ljust(widths[0])] + [row[i].rjust(widths[i]) for i in range(1, 5)]
        lines.append("  ".join([*cells, row[5]]).rstrip())
    return "\n".join(lines)


def print_summary(summaries: Sequence[StageSummary], *notes: str, file=None) -> None:
    """Print :func:`summary_table` and then ``notes`` (one line each) to ``file``, default
    stderr: the human channel, like the bars, so stdout keeps a command's machine output."""
    out = file or sys.stderr
    print(summary_table(summaries), file=out)
    for note in notes:
        print(note, file=out)
    out.flush()
