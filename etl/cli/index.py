"""``news-etl index create|status|migrate|delete``: the versioned article index behind the alias."""

from __future__ import annotations

import argparse
import json
import logging

from etl.core.settings import Settings
from etl.index.client import client
from etl.index.versions import delete_all, ensure_index, migrate, status


def index(args: argparse.Namespace, settings: Settings) -> int:
    """Run one ``news-etl index`` action and print its result (JSON, or the index name for ``create``).

    Returns 0, or 2 when ``delete`` is not confirmed with ``--yes``. Raises ConfigError,
    TransientError or EtlError from :mod:`etl.index.versions`.
    """
    if not getattr(args, "verbose", False):
        logging.getLogger("elastic_transport").setLevel(logging.WARNING)
    es = client(settings)
    if args.action == "create":
        print(ensure_index(es, settings))
    elif args.action == "status":
        print(json.dumps(status(es, settings), indent=2))
    elif args.action == "migrate":
        print(json.dumps(migrate(es, settings, delete_old=getattr(args, "delete_old", False)), indent=2))
    elif args.action == "delete":
        if not args.yes:
            print("refusing to delete without --yes")
            return 2
        print(json.dumps({"deleted": delete_all(es, settings)}))
    return 0
