"""``news-etl export "QUERY" [--filter ...] --format csv|jsonl -o FILE``: every hit of a search, streamed.

The same request and query as ``news-etl search`` and ``GET /export`` (:mod:`etl.search.export`);
a progress bar on a terminal (:func:`etl.core.obs.progress`). A file is written atomically
(:func:`etl.core.staging.atomic_path`): an interrupted export leaves no half-written file.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from elasticsearch import NotFoundError

from etl.core.obs import progress
from etl.core.settings import Settings
from etl.core.staging import atomic_path
from etl.index.client import client
from etl.search.export import encode, export_request, export_scan
from etl.search.request import InvalidQuery


def export_format(args: argparse.Namespace) -> str:
    """``--format`` when given, else the output file's suffix (``.jsonl``/``.ndjson`` -> jsonl), else csv."""
    if args.format:
        return args.format
    suffix = Path(args.output or "").suffix.lower()
    return "jsonl" if suffix in (".jsonl", ".ndjson") else "csv"


@contextlib.contextmanager
def _output(path: str | None) -> Iterator[BinaryIO]:
    """The binary stream to write to: stdout for None or ``-``, else ``path`` written atomically."""
    if not path or path == "-":
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    with atomic_path(path) as tmp, open(tmp, "wb") as fh:
        yield fh


def cli(args: argparse.Namespace, settings: Settings) -> int:
    """Export every hit of the search in ``args`` to ``args.output`` (default stdout).

    Returns 0, 2 for an invalid request, 1 when the article index does not exist. Other
    Elasticsearch errors propagate. Prints ``exported N articles ...`` on stderr.
    """
    if not getattr(args, "verbose", False):
        logging.getLogger("elastic_transport").setLevel(logging.WARNING)
    fmt = export_format(args)
    try:
        req = export_request(args.query, args.filter, args.date_from, args.date_to, args.sort)
        count = _export(settings, req, fmt, args)
    except InvalidQuery as exc:
        print(f"news-etl export: {exc}", file=sys.stderr)
        return 2
    except NotFoundError:
        print(f"news-etl export: no article index {settings.index_alias!r} yet", file=sys.stderr)
        return 1
    print(f"news-etl export: exported {count} articles to {args.output or 'stdout'} ({fmt})", file=sys.stderr)
    return 0


def _export(settings: Settings, req, fmt: str, args: argparse.Namespace) -> int:
    """Write the export; return the number of rows written."""
    es = client(settings)
    written = 0

    def page_done(n: int) -> None:
        nonlocal written
        written += n
        bar.update(n)

    try:
        with export_scan(es, settings.index_alias, req, "or" if args.any else "and", args.body) as scan, \
                progress(total=scan.total, desc="export") as bar, _output(args.output) as out:
            for chunk in encode(scan, fmt, args.body, on_page=page_done):
                out.write(chunk)
    finally:
        es.close()
    return written
