"""``news-etl ingest`` and ``news-etl reprocess``: a whole DAG once in this process, without Airflow.

Each stage draws a progress bar on a terminal (none with ``--quiet`` or when stderr is not
a terminal); at the end the stage summaries are printed as JSON on stdout and as a
one-screen table on stderr (:func:`etl.core.obs.print_summary`).
"""

from __future__ import annotations

import argparse
import json
from dataclasses import replace

from etl.core.obs import print_summary
from etl.core.settings import Settings
from etl.core.staging import StageSummary
from etl.pipeline import reprocess_once, run_once


def _print(summaries: dict[str, StageSummary], *notes: str) -> None:
    """The summaries as JSON (stdout), then the table (stderr) with one row per step, named as
    the DAG's task (``list_archive`` writes a batch in the fetch format, stage ``fetch``)."""
    print(json.dumps({name: summary.to_dict() for name, summary in summaries.items()}, indent=2), flush=True)
    print_summary([replace(s, stage=name) for name, s in summaries.items() if name != "report"], *notes)


def _report_note(report: StageSummary) -> str:
    flagged = report.extra.get("flagged") or []
    accounted = "yes" if report.extra.get("accounted") else "NO"
    return (f"report {report.path}: every URL accounted for: {accounted}; "
            f"sources flagged by health: {', '.join(flagged) if flagged else 'none'}")


def ingest(args: argparse.Namespace, settings: Settings) -> int:
    """Run ``news_ingest`` once (``args.logical_date``, ``args.sources``); print every stage
    summary, the report's included, as JSON, and the summary table. Returns 0; raises what
    the stages raise."""
    summaries = run_once(settings, args.logical_date, args.sources)
    _print(summaries, _report_note(summaries["report"]))
    return 0


def reprocess(args: argparse.Namespace, settings: Settings) -> int:
    """Run ``news_reprocess`` once (the raw archive -> clean -> annotate -> load, no
    network; ``args.logical_date`` keys the staging folder); print the summaries as JSON
    and the summary table. Returns 0; raises what the stages raise."""
    _print(reprocess_once(settings, args.logical_date))
    return 0
