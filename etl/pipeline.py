"""The stage functions of every DAG: one per task, settings and paths in, a small summary out.

``news_ingest``: :data:`etl.core.staging.INGEST_STAGES` (discover -> fetch -> clean ->
annotate -> load), then :func:`report_stage`. ``news_reprocess``: :func:`reprocess_list_stage`,
then the same clean -> annotate -> load. Each batch stage reads the previous stage's file
from the staging store, rewrites its own output file whole (a retried or rerun task never
duplicates anything) and returns a :class:`~etl.core.staging.StageSummary`; DAG tasks pass
``summary.to_dict()`` through XCom. :func:`run_step` runs a stage by name (what the DAG
tasks and :func:`run_once` call).

``news_reindex``: :func:`reindex_plan` -> :func:`reindex_build` -> :func:`reindex_verify`
-> :func:`reindex_swap` (see :mod:`etl.index.versions`).
"""

from __future__ import annotations

import json
import logging
import time
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from etl.annotate import annotate_articles
from etl.clean import clean_page
from etl.clean.dedupe import StoryIndex, with_source
from etl.core.errors import EtlError, TransientError
from etl.core.obs import current_run_id, log_stage, progress
from etl.core.records import Candidate, CleanedArticle, FetchedPage
from etl.core.report import build_report, write_report
from etl.core.settings import Settings
from etl.core.staging import (
    INGEST_STAGES,
    JsonLinesWriter,
    StageSummary,
    StageWriter,
    read_jsonl,
    read_records,
    run_dir,
    run_key,
)
from etl.discover.candidates import discover
from etl.discover.sources import extraction_rules
from etl.fetch.archive import Archive
from etl.fetch.fetcher import fetch_all
from etl.fetch.state import FetchState
from etl.index.client import client
from etl.index.deadletter import path_for
from etl.index.load import bulk_load_file, check_failures
from etl.index.runs import store_run_report
from etl.index.versions import build_next_index, status, swap_alias, verify_copy

log = logging.getLogger(__name__)


def _log(summary: StageSummary, run_id: str = "") -> StageSummary:
    """One structured line per task: ``stage=.. run_id=.. count=.. summary={json}`` (etl.core.obs)."""
    log_stage(log, summary.to_dict(), run_id)
    return summary


# ----------------------------------------------------------------------------- news_ingest, news_reprocess


def discover_stage(settings: Settings, logical_date: str, sources_file: str | None = None) -> StageSummary:
    """Write the run's candidate URLs (:class:`Candidate` records) to ``discover.jsonl.gz``.

    The summary's extra fields: counts per source (``sources``) and the sources that could
    not be read (``errors``: source -> reason). Raises ConfigError for an invalid sources
    file, TransientError when every remote source is unreachable.
    """
    errors: dict = {}
    sources: Counter = Counter()
    with StageWriter(run_dir(settings, logical_date), "discover") as out:
        for item in discover(settings, sources_file, logical_date, errors):
            candidate = item if isinstance(item, Candidate) else Candidate.from_dict(item)
            sources[candidate.source] += 1
            out.add(candidate)
    return _log(out.summary(sources=dict(sources), errors=errors))


def fetch_stage(settings: Settings, discovered_path: str, logical_date: str) -> StageSummary:
    """Fetch the discovered URLs that are new or changed into ``fetch.jsonl.gz``.

    Every other URL is a rejection counted by reason (``not_modified``, ``robots_*``,
    ``http_<status>``, ``timeout``...). Fetched pages go to the raw archive and, as
    pending, to the fetch state (committed by :func:`report_stage`). Raises
    TransientError when the network looks down (see :func:`_raise_on_outage`).
    """
    with StageWriter(Path(discovered_path).parent, "fetch") as out, FetchState.open(settings) as state:
        fetch_all(read_jsonl(discovered_path), settings, out.add, fetched_at=logical_date, state=state,
                  archive=Archive.open(settings), run=run_key(logical_date))
    summary = _log(out.summary())
    _raise_on_outage(summary)
    return summary


def _raise_on_outage(summary: StageSummary) -> None:
    """TransientError when nothing was fetched and every failure was a timeout or refused
    connection (our network is down, not the sites): Airflow retries the task."""
    if summary.count == 0 and summary.reasons and set(summary.reasons) <= {"timeout", "connection"}:
        raise TransientError(f"fetch: every URL failed with {sorted(summary.reasons)}: network outage?")


def clean_stage(settings: Settings, fetched_path: str) -> StageSummary:
    """Clean every fetched page into ``clean.jsonl.gz``; rejections are counted by reason.

    Articles get their ``story_id`` (exact and near-duplicate copies share one, etl.clean.dedupe);
    articles and rejections carry the page's ``source`` for the run report. A source's
    ``extract`` rules (sources file) apply to its pages.
    """
    rules = extraction_rules(settings.sources_file)
    with StageWriter(Path(fetched_path).parent, "clean") as out, StoryIndex.open(settings) as stories:
        for page in read_records(fetched_path, FetchedPage):
            cleaned = clean_page(page, settings, rules.get(page.source))
            out.add(stories.assign_any(with_source(cleaned, page.source)))
    return _log(out.summary())


def annotate_stage(settings: Settings, cleaned_path: str, run_id: str = "") -> StageSummary:
    """Annotate every cleaned article into ``annotate.jsonl.gz`` (spaCy, batched)."""
    with StageWriter(Path(cleaned_path).parent, "annotate") as out:
        for item in annotate_articles(read_records(cleaned_path, CleanedArticle), settings, run_id=run_id):
            out.add(item)
    return _log(out.summary(), run_id)


def load_stage(settings: Settings, annotated_path: str, run_id: str = "") -> StageSummary:
    """Bulk-load annotated articles; refused documents go to the dead-letter store.

    The summary's ``path`` is the dead-letter file (``load.failed.jsonl.gz`` in the run
    folder, or under ``settings.deadletter_dir``), rewritten on every successful load
    (replay it with ``news-etl deadletter replay``); ``count`` is the documents indexed,
    ``rejected`` those refused. Raises TransientError (Elasticsearch down or overloaded
    after ``load_retries`` resumed rounds: retry the task; documents are overwritten by
    ``_id``), LoadFailed (more failures than ``max_failure_ratio``) or ConfigError
    (credentials refused).
    """
    started = time.monotonic()
    run_id = current_run_id(run_id)
    dead_path = path_for(settings, Path(annotated_path).parent)
    es = client(settings)
    try:
        with JsonLinesWriter(dead_path) as dead, progress(desc="load") as bar:
            result = bulk_load_file(es, annotated_path, settings, dead, progress=bar, run_id=run_id)
    finally:
        es.close()
    result.deadletter = str(dead_path)
    summary = StageSummary("load", str(dead_path), result.indexed, result.failed, dict(result.reasons),
                           {"rounds": result.rounds, "index": settings.index_alias,
                            "seconds": round(time.monotonic() - started, 3)})
    _log(summary, run_id)
    check_failures(result, settings)
    return summary


def report_stage(settings: Settings, logical_date: str, summaries: Mapping[str, StageSummary],
                 run_id: str = "") -> StageSummary:
    """Finish a run: commit its fetch state, build, store and log the run report.

    Input: the summaries of the stages that ran, by stage name. Output: the summary of
    ``report.json`` (count = URLs discovered; totals, ``accounted``, ``committed``).
    Committing makes this run's fetches the baseline of the next run's conditional
    requests (only once the run got this far: see etl.fetch.state). Raises
    TransientError when the report cannot be stored in Elasticsearch.
    """
    folder = run_dir(settings, logical_date)
    with FetchState.open(settings) as state:
        committed = state.commit(run_key(logical_date), logical_date)
    report = build_report(folder, summaries, run=run_key(logical_date), logical_date=logical_date, run_id=run_id)
    report["committed"] = committed
    path = write_report(folder, report)
    store_run_report(settings, report)
    log.info("run report %s", json.dumps({k: report[k] for k in ("run", "totals", "accounted")}, sort_keys=True))
    for row in report["sources"]:
        log.info("run report source=%s %s", row["source"], json.dumps(row, sort_keys=True))
    return _log(StageSummary("report", str(path), report["totals"]["discovered"],
                             extra={"totals": report["totals"], "accounted": report["accounted"],
                                    "committed": committed}), run_id)


def reprocess_list_stage(settings: Settings, logical_date: str) -> StageSummary:
    """Reprocess step 1: the newest archived page of every URL into ``reprocess/fetch.jsonl.gz``.

    The output has the format of :func:`fetch_stage`'s, so :func:`clean_stage`,
    :func:`annotate_stage` and :func:`load_stage` follow unchanged; no network access.
    """
    with StageWriter(run_dir(settings, logical_date) / "reprocess", "fetch") as out:
        for page in Archive.open(settings).pages():
            out.add(page)
    return _log(out.summary(source="archive"))


# ----------------------------------------------------------------------------- stages by name


@dataclass(frozen=True)
class Run:
    """What the stages of one run share: settings, logical date, DAG run id, sources file."""

    settings: Settings
    logical_date: str
    run_id: str = ""
    sources_file: str | None = None


_STEPS: dict[str, Callable[[Run, str], StageSummary]] = {
    "discover": lambda run, _: discover_stage(run.settings, run.logical_date, run.sources_file),
    "list_archive": lambda run, _: reprocess_list_stage(run.settings, run.logical_date),
    "fetch": lambda run, path: fetch_stage(run.settings, path, run.logical_date),
    "clean": lambda run, path: clean_stage(run.settings, path),
    "annotate": lambda run, path: annotate_stage(run.settings, path, run.run_id),
    "load": lambda run, path: load_stage(run.settings, path, run.run_id),
}


def run_step(name: str, run: Run, previous_path: str = "") -> StageSummary:
    """Run the stage ``name`` (a name of ``INGEST_STAGES``/``REPROCESS_STAGES``) of ``run``
    on ``previous_path``, the previous stage's output ("" for a first stage).

    Raises KeyError for an unknown name, and whatever the stage raises.
    """
    return _STEPS[name](run, previous_path)


def run_once(settings: Settings, logical_date: str | None = None,
             sources_file: str | None = None) -> dict[str, StageSummary]:
    """Run ``news_ingest`` in this process (no Airflow), report included; return every summary by stage."""
    logical_date = logical_date or datetime.now(timezone.utc).replace(microsecond=0).isoformat()
    run = Run(settings, logical_date, f"manual__{logical_date}", sources_file)
    summaries: dict[str, StageSummary] = {}
    previous = ""
    for name in INGEST_STAGES:
        summaries[name] = run_step(name, run, previous)
        previous = summaries[name].path
    summaries["report"] = report_stage(settings, logical_date, summaries, run.run_id)
    return summaries


# ----------------------------------------------------------------------------- news_reindex
# One function per task: settings in, a small JSON-able dict out (index names and counts).


def reindex_plan(settings: Settings) -> dict:
    """Step 1: the current state of the alias (fails fast with ConfigError on a bad mapping file)."""
    with client(settings) as es:
        return status(es, settings)


def reindex_build(settings: Settings) -> dict:
    """Step 2: create the next index version and copy the live documents into it."""
    with client(settings) as es:
        return build_next_index(es, settings)


def reindex_verify(settings: Settings, built: dict) -> dict:
    """Step 3: compare counts; on a mismatch the new index is deleted and EtlError raised."""
    with client(settings) as es:
        try:
            return {**built, **verify_copy(es, built["source"], built["target"])}
        except EtlError:
            if built.get("source"):
                es.options(ignore_status=404).indices.delete(index=built["target"])
            raise


def reindex_swap(settings: Settings, verified: dict, delete_old: bool = False) -> dict:
    """Step 4: move the alias atomically to the new index."""
    with client(settings) as es:
        return {**verified, **swap_alias(es, settings, verified["target"], delete_old=delete_old)}
