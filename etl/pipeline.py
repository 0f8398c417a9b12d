"""Stage functions of the ``news_ingest`` DAG: one per task, each reading the previous
stage's batch from the staging store and returning a small summary dict for XCom.

discover -> fetch -> clean -> annotate -> load. Every stage rewrites its own output
file whole, so a retried or rerun task never duplicates anything.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime, timezone
from pathlib import Path

from etl.core.records import CleanedArticle, FetchedPage
from etl.core.settings import Settings
from etl.core.staging import StageWriter, read_jsonl, read_records, run_dir, write_jsonl

log = logging.getLogger(__name__)


def _log(summary: dict, run_id: str = "") -> dict:
    """One structured line per task: ``stage=.. run_id=.. count=.. summary={json}`` (etl.core.obs)."""
    from etl.core.obs import log_stage

    return log_stage(log, summary, run_id)


def discover_stage(settings: Settings, logical_date: str, sources_file: str | None = None) -> dict:
    """Write the run's candidate URLs to ``discover.jsonl.gz``; return path, counts per source
    and sources that could not be read (``errors``: source -> reason).

    Raises ConfigError for an invalid sources file, TransientError when every remote
    source is unreachable.
    """
    from collections import Counter

    from etl.discover.candidates import discover

    path = run_dir(settings, logical_date) / "discover.jsonl.gz"
    errors: dict = {}
    sources: Counter = Counter()

    def counted():
        for item in discover(settings, sources_file, logical_date, errors):
            sources[item["source"]] += 1
            yield item

    count = write_jsonl(path, counted())
    return _log({"stage": "discover", "path": str(path), "count": count, "sources": dict(sources),
                 "errors": errors})


def fetch_stage(settings: Settings, discovered_path: str, logical_date: str) -> dict:
    """Fetch the discovered URLs that are new or changed into ``fetch.jsonl.gz``.

    Every other URL is a rejection counted by reason (``not_modified``, ``robots_*``,
    ``http_<status>``, ``timeout``...). Fetched pages go to the raw archive and, as
    pending, to the fetch state (committed by :func:`report_stage`).
    """
    from etl.core.staging import run_key
    from etl.fetch.archive import Archive
    from etl.fetch.fetcher import fetch_all
    from etl.fetch.state import FetchState

    with StageWriter(Path(discovered_path).parent, "fetch") as out, FetchState.open(settings) as state:
        fetch_all(read_jsonl(discovered_path), settings, out.add, fetched_at=logical_date, state=state,
                  archive=Archive.open(settings), run=run_key(logical_date))
    summary = _log(out.summary())
    _raise_on_outage(summary)
    return summary


def _raise_on_outage(summary: dict) -> None:
    """TransientError when nothing was fetched and every failure was a timeout or refused
    connection (our network is down, not the sites): Airflow retries the task."""
    from etl.core.errors import TransientError

    reasons = summary.get("reasons", {})
    if summary["count"] == 0 and reasons and set(reasons) <= {"timeout", "connection"}:
        raise TransientError(f"fetch: every URL failed with {sorted(reasons)}: network outage?")


def clean_stage(settings: Settings, fetched_path: str) -> dict:
    """Clean every fetched page into ``clean.jsonl.gz``; rejections are counted by reason.

    Articles get their ``story_id`` (exact and near-duplicate copies share one, etl.clean.dedupe);
    articles and rejections carry the page's ``source`` for the run report. A source's
    ``extract`` rules (sources file) apply to its pages.
    """
    from etl.clean import clean_page
    from etl.clean.dedupe import StoryIndex, with_source
    from etl.discover.sources import extraction_rules

    rules = extraction_rules(settings.sources_file)
    with StageWriter(Path(fetched_path).parent, "clean") as out, StoryIndex.open(settings) as stories:
        for page in read_records(fetched_path, FetchedPage):
            cleaned = clean_page(page, settings, rules.get(page.source))
            out.add(stories.assign_any(with_source(cleaned, page.source)))
    return _log(out.summary())


def annotate_stage(settings: Settings, cleaned_path: str, run_id: str = "") -> dict:
    """Annotate every cleaned article into ``annotate.jsonl.gz`` (spaCy, batched)."""
    from etl.annotate import annotate_articles

    with StageWriter(Path(cleaned_path).parent, "annotate") as out:
        for item in annotate_articles(read_records(cleaned_path, CleanedArticle), settings, run_id=run_id):
            out.add(item)
    return _log(out.summary(), run_id)


def load_stage(settings: Settings, annotated_path: str, run_id: str = "") -> dict:
    """Bulk-load annotated articles; refused documents go to the dead-letter store.

    The dead-letter file (``load.failed.jsonl.gz`` in the run folder, or under
    ``settings.deadletter_dir``) is rewritten on every successful load (replay it with
    ``news-etl deadletter replay``). Raises TransientError (Elasticsearch down or
    overloaded after ``load_retries`` resumed rounds: retry the task; documents are
    overwritten by ``_id``), LoadFailed (more failures than ``max_failure_ratio``) or
    ConfigError (credentials refused).
    """
    import time

    from etl.core.obs import current_run_id, progress
    from etl.index.client import client
    from etl.index.deadletter import DeadLetterWriter, path_for
    from etl.index.load import bulk_load_file, check_failures

    started = time.monotonic()
    run_id = current_run_id(run_id)
    folder = Path(annotated_path).parent
    es = client(settings)
    try:
        with DeadLetterWriter(path_for(settings, folder)) as dead, progress(desc="load") as bar:
            result = bulk_load_file(es, annotated_path, settings, dead, progress=bar, run_id=run_id)
            result.deadletter = str(dead.path)
    finally:
        es.close()
    summary = {"stage": "load", "path": str(folder), "count": result.indexed, "failed": result.failed,
               "reasons": dict(result.reasons), "rounds": result.rounds, "index": settings.index_alias,
               "deadletter": result.deadletter, "seconds": round(time.monotonic() - started, 3)}
    _log(summary, run_id)
    check_failures(result, settings)
    return summary


def run_once(settings: Settings, logical_date: str | None = None, sources_file: str | None = None) -> dict:
    """Run the whole DAG in this process (no Airflow), report included; return every summary."""
    logical_date = logical_date or datetime.now(timezone.utc).replace(microsecond=0).isoformat()
    run_id = f"manual__{logical_date}"
    report = {"discover": discover_stage(settings, logical_date, sources_file)}
    report["fetch"] = fetch_stage(settings, report["discover"]["path"], logical_date)
    report["clean"] = clean_stage(settings, report["fetch"]["path"])
    report["annotate"] = annotate_stage(settings, report["clean"]["path"], run_id)
    report["load"] = load_stage(settings, report["annotate"]["path"], run_id)
    report["report"] = report_stage(settings, logical_date, dict(report), run_id)
    return report


def cli(args, settings: Settings) -> int:
    """``news-etl ingest``: run the pipeline once and print the run report as JSON."""
    print(json.dumps(run_once(settings, args.logical_date, args.sources), indent=2))
    return 0


def report_stage(settings: Settings, logical_date: str, summaries: dict, run_id: str = "") -> dict:
    """Finish a run: commit its fetch state, build, store and log the run report.

    Input: the stage summaries (XCom dicts) by stage name. Output: a small dict (report
    path, totals, ``accounted``). Committing makes this run's fetches the baseline of
    the next run's conditional requests (only once the run got this far: see etl.fetch.state).
    Raises TransientError when the report cannot be stored in Elasticsearch.
    """
    from etl.core.report import build_report, store_report
    from etl.core.staging import run_key
    from etl.fetch.state import FetchState

    folder = run_dir(settings, logical_date)
    with FetchState.open(settings) as state:
        committed = state.commit(run_key(logical_date), logical_date)
    report = build_report(folder, summaries, run=run_key(logical_date), logical_date=logical_date, run_id=run_id)
    report["committed"] = committed
    path = store_report(settings, folder, report)
    log.info("run report %s", json.dumps({k: report[k] for k in ("run", "totals", "accounted")}, sort_keys=True))
    for row in report["sources"]:
        log.info("run report source=%s %s", row["source"], json.dumps(row, sort_keys=True))
    return _log({"stage": "report", "path": str(path), "count": report["totals"]["discovered"],
                 "totals": report["totals"], "accounted": report["accounted"], "committed": committed}, run_id)


def reprocess_list_stage(settings: Settings, logical_date: str) -> dict:
    """Reprocess step 1: the newest archived page of every URL into ``reprocess/fetch.jsonl.gz``.

    The output has the format of :func:`fetch_stage`'s, so :func:`clean_stage`,
    :func:`annotate_stage` and :func:`load_stage` follow unchanged; no network access.
    """
    from etl.fetch.archive import Archive

    folder = run_dir(settings, logical_date) / "reprocess"
    folder.mkdir(parents=True, exist_ok=True)
    with StageWriter(folder, "fetch") as out:
        for page in Archive.open(settings).pages():
            out.add(page)
    return _log(out.summary(source="archive"))
