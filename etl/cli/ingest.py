"""``news-etl ingest``: the whole ``news_ingest`` DAG once in this process, without Airflow."""

from __future__ import annotations

import argparse
import json

from etl.core.settings import Settings
from etl.pipeline import run_once


def ingest(args: argparse.Namespace, settings: Settings) -> int:
    """Run the pipeline once (``args.logical_date``, ``args.sources``) and print every stage
    summary, the report's included, as JSON. Returns 0; raises what the stages raise."""
    summaries = run_once(settings, args.logical_date, args.sources)
    print(json.dumps({name: summary.to_dict() for name, summary in summaries.items()}, indent=2))
    return 0
