"""``news-etl index create|status|migrate|delete``: the versioned article index behind the alias."""

from __future__ import annotations

import argparse
import json
import logging

from etl.core.obs import print_summary, progress
from etl.core.settings import Settings
from etl.core.staging import StageSummary
from etl.index.client import client, es_errors
from etl.index.versions import delete_all, ensure_index, migrate, status


def index(args: argparse.Namespace, settings: Settings) -> int:
    """Run one ``news-etl index`` action and print its result (JSON, or the index name for ``create``).

    Returns 0, or 2 when ``delete`` is not confirmed with ``--yes``. Raises ConfigError,
    TransientError or EtlError, with Elasticsearch's own errors turned into one of them
    (:func:`etl.index.client.es_errors`) so the command prints one line, not a traceback.
    """
    if not getattr(args, "verbose", False):
        logging.getLogger("elastic_transport").setLevel(logging.ERROR)
    with es_errors(settings, f"running 'index {args.action}'"):
        return _run(args, client(settings), settings)


def _run(args: argparse.Namespace, es, settings: Settings) -> int:
    if args.action == "create":
        print(ensure_index(es, settings))
    elif args.action == "status":
        print(json.dumps(status(es, settings), indent=2))
    elif args.action == "migrate":
        _migrate(es, settings, getattr(args, "delete_old", False))
    elif args.action == "delete":
        if not args.yes:
            print("refusing to delete without --yes")
            return 2
        print(json.dumps({"deleted": delete_all(es, settings)}))
    return 0


def _migrate(es, settings: Settings, delete_old: bool) -> None:
    """``migrate`` with a progress bar for the copy; prints the result (JSON, stdout) and the
    summary table (stderr: copy, verify, swap with their counts and seconds)."""
    with progress(desc="copy", unit="doc") as bar:
        result = migrate(es, settings, delete_old=delete_old, progress=bar)
    print(json.dumps(result, indent=2), flush=True)
    steps, target = result["steps"], result["target"]
    print_summary([
        StageSummary("copy", target, result["copied"], extra={"in": result["source_count"], "seconds": steps["copy"]}),
        StageSummary("verify", target, result["target_count"], extra={"seconds": steps["verify"]}),
        StageSummary("swap", target, result["target_count"], extra={"seconds": steps["swap"]}),
    ], f"alias {result['alias']} -> {target} (was {', '.join(result['previous']) or 'nothing'})")
