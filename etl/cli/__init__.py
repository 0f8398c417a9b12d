"""The ``news-etl`` command line.

Each sub-command is declared here (arguments only) and dispatched lazily to
``module:function(args, settings) -> int`` (``etl.cli.<module>`` for the pipeline, index,
dead-letter and development commands; the search, clean and annotate packages keep their
own) so that ``news-etl --help`` stays fast and no heavy library is imported for a command
that does not need it.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys

from etl.core.errors import ConfigError, EtlError
from etl.core.obs import set_progress
from etl.core.settings import Settings


def add_quiet(p) -> None:
    """Give a long-running sub-command ``-q/--quiet`` (no progress bars; they are also off
    when stderr is not a terminal). ``main`` applies it through ``etl.core.obs.set_progress``."""
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bars")


def _es(sub):
    p = sub.add_parser("es", help="download, start, stop the local Elasticsearch")
    p.add_argument("action", choices=["start", "stop", "status", "fetch"])
    p.set_defaults(handler="etl.cli.dev:es")


def _index(sub):
    p = sub.add_parser("index", help="create or migrate the versioned article index behind the alias")
    p.add_argument("action", choices=["create", "migrate", "status", "delete"])
    p.add_argument("--yes", action="store_true", help="confirm 'delete'")
    p.add_argument("--delete-old", action="store_true", help="after 'migrate', delete the previous index")
    add_quiet(p)
    p.set_defaults(handler="etl.cli.index:index")


def _selection_args(p) -> None:
    """The arguments that select articles, shared by ``search`` and ``export``."""
    p.add_argument("--filter", action="append", default=[], help='facet filter, e.g. persons="Vladimir Putin"')
    p.add_argument("--from", dest="date_from", default=None, help="published on or after (YYYY-MM-DD)")
    p.add_argument("--to", dest="date_to", default=None, help="published on or before (YYYY-MM-DD)")
    p.add_argument("--sort", choices=["relevance", "date"], default="relevance")


def _search(sub):
    p = sub.add_parser("search", help="full-text search with facets")
    p.add_argument("query", nargs="?", default="")
    p.add_argument("--facet", action="append", default=[], help="facet field to count (repeatable)")
    _selection_args(p)
    p.add_argument("--page", type=int, default=1)
    p.add_argument("--size", type=int, default=10)
    p.add_argument("--after", default=None, help="deep paging: the 'next' cursor of a previous page")
    p.add_argument("--article", default=None, metavar="ID", help="print one stored article (like GET /articles/ID)")
    p.add_argument("--similar", default=None, metavar="ID", help="articles like this one (GET /articles/ID/similar)")
    p.add_argument("--collapse", action="store_true", help="one hit per story (syndicated copies collapsed)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(handler="etl.cli.search:cli")


def _clean(sub):
    p = sub.add_parser("clean", help="clean one page (file or URL) and print the article")
    p.add_argument("target", help="HTML file path or http(s) URL")
    p.add_argument("--url", default=None, help="URL to assume for a local file")
    p.add_argument("--json", action="store_true")
    p.add_argument("--html", action="store_true", help="print only the cleaned article HTML (body_html)")
    p.set_defaults(handler="etl.cli.clean:cli")


def _annotate(sub):
    p = sub.add_parser("annotate", help="annotate one HTML page or text file")
    p.add_argument("target", help="HTML or plain-text file")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler="etl.cli.annotate:cli")


def _ingest(sub):
    p = sub.add_parser("ingest", help="run discover->fetch->clean->annotate->load once, without Airflow")
    p.add_argument("--sources", default=None, help="sources file (default: settings.sources_file)")
    p.add_argument("--logical-date", default=None, help="run's logical date, ISO 8601 (default: now)")
    add_quiet(p)
    p.set_defaults(handler="etl.cli.ingest:ingest")


def _reprocess(sub):
    p = sub.add_parser("reprocess", help="re-clean, re-annotate, re-load the raw archive once, without Airflow")
    p.add_argument("--logical-date", default=None, help="run's logical date, ISO 8601 (default: now)")
    add_quiet(p)
    p.set_defaults(handler="etl.cli.ingest:reprocess")


def _sources(sub):
    p = sub.add_parser("sources", help="per-source extraction health over the last runs (the runs index)")
    p.add_argument("action", choices=["health"])
    p.add_argument("--source", default=None, help="one source only")
    p.add_argument("--runs", type=int, default=10, help="how many of the last runs (default 10)")
    p.add_argument("--plot", default=None, metavar="FILE.png", help="also draw the trend per source (news-etl[plot])")
    p.add_argument("--json", action="store_true", help="print the rows as JSON lines")
    p.set_defaults(handler="etl.cli.sources:sources")


def _export(sub):
    p = sub.add_parser("export", help="every hit of a search as CSV or JSON lines (streamed)")
    p.add_argument("query", nargs="?", default="")
    _selection_args(p)
    p.add_argument("--format", choices=["csv", "jsonl"], default=None, help="default: from -o's suffix, else csv")
    p.add_argument("-o", "--output", default=None, metavar="FILE", help="output file (default: stdout)")
    p.add_argument("--any", action="store_true", help="match any word of the query (default: every word)")
    p.add_argument("--body", action="store_true", help="add the article text as a last column")
    add_quiet(p)
    p.set_defaults(handler="etl.cli.export:cli")


def _alerts(sub):
    p = sub.add_parser("alerts", help="saved searches that notify about new stories after each run")
    p.add_argument("action", choices=["add", "list", "remove", "test"])
    p.add_argument("name", nargs="?", default=None, help="the alert's name (add, remove, test)")
    p.add_argument("query", nargs="?", default="", help="'add': the search query")
    p.add_argument("--filter", action="append", default=[], help='\'add\': facet filter, e.g. persons="Vladimir Putin"')
    p.add_argument("--webhook", default="", metavar="URL", help="'add': POST each notification as JSON here")
    p.add_argument("--email", default="", metavar="ADDR", help="'add': e-mail each notification here (SMTP settings)")
    p.add_argument("--run", default=None, metavar="RUN_ID", help="'test': only the documents of this run")
    p.add_argument("--send", action="store_true", help="'test': also send a test notification over each channel")
    p.add_argument("--json", action="store_true", help="'list', 'test': print JSON")
    p.set_defaults(handler="etl.cli.alerts:alerts")


def _samples(sub):
    p = sub.add_parser("samples", help="serve the bundled sample pages over HTTP (default 127.0.0.1:8765)")
    p.add_argument("action", choices=["serve"])
    p.add_argument("--host", default="127.0.0.1", help="address to bind (0.0.0.0 in a container)")
    p.add_argument("--port", type=int, default=8765)
    p.set_defaults(handler="etl.cli.dev:samples_serve")


def _serve(sub):
    p = sub.add_parser("serve", help="run the search API and web page")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.set_defaults(handler="etl.cli.serve:cli")


def _deadletter(sub):
    p = sub.add_parser("deadletter", help="list or replay documents Elasticsearch refused at load")
    p.add_argument("action", choices=["list", "replay"])
    p.add_argument("path", nargs="?", default=None,
                   help="a dead-letter file or folder (default: staging and deadletter folders)")
    p.add_argument("--entries", dest="verbose_entries", action="store_true", help="'list': one line per entry")
    add_quiet(p)
    p.set_defaults(handler="etl.cli.deadletter:deadletter")


COMMANDS = [_es, _index, _search, _clean, _annotate, _ingest, _reprocess, _sources, _export, _alerts, _samples,
            _serve, _deadletter]


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser with every sub-command declared."""
    parser = argparse.ArgumentParser(prog="news-etl", description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true")
    sub = parser.add_subparsers(dest="command", required=True)
    for add in COMMANDS:
        add(sub)
    return parser


def _resolve(target: str):
    module, _, func = target.partition(":")
    return getattr(importlib.import_module(module), func)


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``news-etl``: returns the process exit code."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s %(message)s",
        stream=sys.stderr,
    )
    if not args.verbose:  # one line per HTTP request would drown the progress bars and the summary
        for name in ("httpx", "elastic_transport"):
            logging.getLogger(name).setLevel(logging.WARNING)
    set_progress(False if getattr(args, "quiet", False) else None)
    try:
        settings = Settings.from_env()
        return int(_resolve(args.handler)(args, settings) or 0)
    except ConfigError as exc:
        print(f"news-etl: configuration error: {exc}", file=sys.stderr)
        return 2
    except EtlError as exc:
        print(f"news-etl: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
