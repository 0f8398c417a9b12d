"""The stage functions of every DAG: one per task, settings and paths in, a small summary out.

``news_ingest``: :data:`etl.core.staging.INGEST_STAGES` (discover -> fetch -> clean ->
annotate -> load; from fetch on once per shard of the run's URLs, :mod:`etl.core.shards`),
then :func:`report_stage` over every shard. ``news_reprocess``: :func:`reprocess_list_stage`,
then the same clean -> annotate -> load. Outside Airflow, :func:`run_once` and
:func:`reprocess_once` run a whole DAG in this process (``news-etl ingest``/``reprocess``);
every stage draws a progress bar on a terminal (:func:`etl.core.obs.progress`).

Each batch stage reads the previous stage's file from the staging store, rewrites its own
output file whole (a retried or rerun task never duplicates anything) and returns a
:class:`~etl.core.staging.StageSummary`; DAG tasks pass ``summary.to_dict()`` through XCom. :func:`run_step` runs a stage by name (what the DAG
tasks and :func:`run_once` call).

``news_reindex``: :func:`reindex_plan` -> :func:`reindex_build` -> :func:`reindex_verify`
-> :func:`reindex_swap` (see :mod:`etl.index.versions`).
"""

from __future__ import annotations

import json
import logging
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timezone

from elasticsearch import ApiError, TransportError

from etl.alerts import run_alerts
from etl.annotate import annotate_articles
from etl.clean import clean_page
from etl.clean.dedupe import StoryIndex, with_source
from etl.core.errors import ConfigError, TransientError
from etl.core.obs import current_run_id, log_stage, progress, progress_enabled
from etl.core.records import Candidate, CleanedArticle, FetchedPage, Rejection
from etl.core.report import build_report, write_report
from etl.core.runlock import run_lock
from etl.core.settings import Settings
from etl.core.shards import SHARD_STAGES, ShardWriter, combine, merge, per_shard, shard_inputs
from etl.core.staging import (
    REPROCESS_STAGES,
    JsonLinesWriter,
    StageSummary,
    StageWriter,
    count_rows,
    read_jsonl,
    read_records,
    run_dir,
    run_key,
    write_jsonl,
)
from etl.core.storage import PathLike, location
from etl.discover.candidates import discover
from etl.discover.sources import extraction_rules
from etl.fetch.archive import Archive
from etl.fetch.fetcher import fetch_all
from etl.fetch.state import FetchState
from etl.index.client import client
from etl.index.deadletter import path_for
from etl.index.load import bulk_load_file, check_failures
from etl.index.runs import previous_health, store_run_report
from etl.index.versions import build_step, status, swap_step, verify_step

log = logging.getLogger(__name__)


def _log(summary: StageSummary, run_id: str = "") -> StageSummary:
    """One structured line per task: ``stage=.. run_id=.. count=.. summary={json}`` (etl.core.obs)."""
    log_stage(log, summary.to_dict(), run_id)
    return summary


def _bar(stage: str, input_path: PathLike = "", unit: str = "page"):
    """The stage's progress bar (:func:`etl.core.obs.progress`: drawn on a terminal only); its
    total, hence the ETA, is the number of rows of ``input_path``, counted only when drawn."""
    total = count_rows(input_path) if input_path and progress_enabled() else None
    return progress(total=total, desc=stage, unit=unit)


# ----------------------------------------------------------------------------- news_ingest, news_reprocess


def discover_stage(settings: Settings, logical_date: str, sources_file: str | None = None) -> StageSummary:
    """Write the run's candidate URLs (:class:`Candidate` records) as ``settings.shards`` shards
    partitioned by host: ``<run folder>/shard-NN/discover.jsonl.gz`` (:mod:`etl.core.shards`).

    The summary's ``path`` is the run folder; its extra fields: counts per source
    (``sources``), the sources that could not be read (``errors``: source -> reason) and
    ``shards``: each shard's summary, whose ``path`` is the input of that shard's fetch
    (:func:`etl.core.shards.shard_inputs`). Raises ConfigError for an invalid sources file
    or fewer than one shard, TransientError when every remote source is unreachable.
    """
    if settings.shards < 1:
        raise ConfigError(f"NEWS_ETL_SHARDS must be at least 1, got {settings.shards}")
    started = time.monotonic()
    errors: dict = {}
    sources: list[Counter] = [Counter() for _ in range(settings.shards)]
    folder = run_dir(settings, logical_date)
    with ShardWriter(folder, "discover", settings.shards) as out, _bar("discover", unit="url") as bar:
        for item in discover(settings, sources_file, logical_date, errors):
            candidate = item if isinstance(item, Candidate) else Candidate.from_dict(item)
            sources[out.add(candidate)][candidate.source] += 1
            bar.update(1)
    shards = [replace(shard, extra={**shard.extra, "sources": dict(counts)})
              for shard, counts in zip(out.summaries(), sources, strict=True)]
    return _log(merge("discover", str(folder), shards, errors=errors, seconds=round(time.monotonic() - started, 3)))


def fetch_stage(settings: Settings, discovered_path: str, logical_date: str) -> StageSummary:
    """Fetch the discovered URLs that are new or changed into ``fetch.jsonl.gz``.

    Every other URL is a rejection counted by reason (``not_modified``, ``robots_*``,
    ``http_<status>``, ``timeout``...). Fetched pages go to the raw archive and, as
    pending, to the fetch state (committed by :func:`report_stage`). Raises
    TransientError when the network looks down (see :func:`_raise_on_outage`).
    """
    source = location(discovered_path, settings)  # a local path or an object-store URL
    with StageWriter(source.parent, "fetch") as out, FetchState.open(settings) as state, \
            _bar("fetch", source, unit="url") as bar:

        def sink(item: FetchedPage | Rejection) -> None:
            out.add(item)
            bar.update(1)

        fetch_all(read_jsonl(source), settings, sink, fetched_at=logical_date, state=state,
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
    source = location(fetched_path, settings)
    with StageWriter(source.parent, "clean") as out, StoryIndex.open(settings) as stories, \
            _bar("clean", source) as bar:
        for page in read_records(source, FetchedPage):
            cleaned = clean_page(page, settings, rules.get(page.source))
            out.add(stories.assign_any(with_source(cleaned, page.source)))
            bar.update(1)
    return _log(out.summary())


def annotate_stage(settings: Settings, cleaned_path: str, run_id: str = "") -> StageSummary:
    """Annotate every cleaned article into ``annotate.jsonl.gz`` (spaCy, batched)."""
    source = location(cleaned_path, settings)
    with StageWriter(source.parent, "annotate") as out, _bar("annotate", source, "doc") as bar:
        for item in annotate_articles(read_records(source, CleanedArticle), settings, run_id=run_id):
            out.add(item)
            bar.update(1)
    return _log(out.summary(), run_id)


def load_stage(settings: Settings, annotated_path: str, run_id: str = "") -> StageSummary:
    """Bulk-load annotated articles; refused documents go to the dead-letter store.

    The summary's ``path`` is the dead-letter file (``load.failed.jsonl.gz`` beside the
    batch, i.e. in the run shard's folder, or under ``settings.deadletter_dir``), rewritten on every successful load
    (replay it with ``news-etl deadletter replay``); ``count`` is the documents indexed,
    ``rejected`` those refused. Raises TransientError (Elasticsearch down or overloaded
    after ``load_retries`` resumed rounds: retry the task; documents are overwritten by
    ``_id``), LoadFailed (more failures than ``max_failure_ratio``) or ConfigError
    (credentials refused).
    """
    started = time.monotonic()
    run_id = current_run_id(run_id)
    source = location(annotated_path, settings)
    dead_path = path_for(settings, source.parent)
    es = client(settings)
    try:
        with JsonLinesWriter(dead_path) as dead, _bar("load", source, "doc") as bar:
            result = bulk_load_file(es, source, settings, dead, progress=bar, run_id=run_id)
    finally:
        es.close()
    result.deadletter = str(dead_path)
    summary = StageSummary("load", str(dead_path), result.indexed, result.failed, dict(result.reasons),
                           {"rounds": result.rounds, "index": settings.index_alias,
                            "seconds": round(time.monotonic() - started, 3)})
    _log(summary, run_id)
    check_failures(result, settings)
    return summary


def alerts_stage(settings: Settings, logical_date: str, run_id: str = "") -> StageSummary:
    """Run every saved search over the documents this run indexed or changed; notify (etl.alerts).

    Output: the summary of ``alerts.jsonl.gz`` (this run's notifications with their delivery
    results): count = notifications, rejected = deliveries that failed now, by reason
    (``webhook_failed``, ``email_failed``, ``email_not_configured``, ``invalid_alert``);
    extra: ``alerts``, ``matched``, ``stories``, ``new``, ``again`` (made by an earlier try
    of this run), ``unchanged``, ``sent`` per channel. A receiver's fault never raises.
    Raises TransientError when Elasticsearch is unreachable or overloaded.
    """
    started = time.monotonic()
    run_id = current_run_id(run_id)
    es = client(settings)
    try:
        result = run_alerts(es, settings, logical_date, run_id)
    except (TransportError, ApiError) as exc:
        if isinstance(exc, ApiError) and exc.meta.status not in (429, 500, 502, 503, 504):
            raise
        raise TransientError(f"alerts: Elasticsearch: {type(exc).__name__}: {exc}") from exc
    finally:
        es.close()
    path = run_dir(settings, logical_date) / "alerts.jsonl.gz"
    write_jsonl(path, ({"id": n.id, **n.to_doc()} for n in result.notifications))
    extra = {"alerts": result.alerts, "matched": result.matched, "stories": result.stories, "new": result.new,
             "again": result.again, "unchanged": result.unchanged, "sent": dict(result.sent),
             "seconds": round(time.monotonic() - started, 3)}
    return _log(StageSummary("alerts", str(path), len(result.notifications), sum(result.failed.values()),
                             dict(result.failed), extra), run_id)


def report_stage(settings: Settings, logical_date: str,
                 summaries: Mapping[str, StageSummary | Sequence[StageSummary]], run_id: str = "") -> StageSummary:
    """Finish a run: commit its fetch state, build, store and log the run report over every shard.

    Input: the summaries of the stages that ran, by stage name (a stage run per shard: its
    summaries in shard order; discover's names the shards, see :func:`discover_stage`;
    each shard's batches and dead letters are read). Output: the summary of
    ``report.json`` (count = URLs discovered; totals, ``accounted``, ``committed``,
    ``flagged``: the sources whose extraction dropped against their previous
    ``health_baseline_runs`` runs in the runs index, each also logged as a WARNING line,
    see etl.core.health). Committing makes this run's fetches the baseline of the next
    run's conditional requests (only once the run got this far: see etl.fetch.state).
    Raises TransientError when the runs index cannot be read or the report cannot be
    stored in Elasticsearch.
    """
    started = time.monotonic()
    folder = run_dir(settings, logical_date)
    with FetchState.open(settings) as state:
        committed = state.commit(run_key(logical_date), logical_date)

    def history(source: str) -> list[dict]:
        return previous_health(settings, source, logical_date, settings.health_baseline_runs)

    stages = {name: per_shard(value) for name, value in summaries.items()}
    folders = [location(path, settings).parent for path in shard_inputs(stages["discover"][0])]
    report = build_report(folder, stages, run=run_key(logical_date), logical_date=logical_date, run_id=run_id,
                          settings=settings, history=history,
                          shards=[(shard, path_for(settings, shard)) for shard in folders])
    report["committed"] = committed
    path = write_report(folder, report)
    store_run_report(settings, report)
    log.info("run report %s", json.dumps({k: report[k] for k in ("run", "totals", "accounted")}, sort_keys=True))
    for row in report["sources"]:
        log.info("run report source=%s %s", row["source"], json.dumps(row, sort_keys=True))
    return _log(StageSummary("report", str(path), report["totals"]["discovered"],
                             extra={"totals": report["totals"], "accounted": report["accounted"],
                                    "committed": committed, "flagged": report["flagged_sources"],
                                    "seconds": round(time.monotonic() - started, 3)}), run_id)


def reprocess_list_stage(settings: Settings, logical_date: str) -> StageSummary:
    """Reprocess step 1: the newest archived page of every URL into ``reprocess/fetch.jsonl.gz``.

    The output has the format of :func:`fetch_stage`'s, so :func:`clean_stage`,
    :func:`annotate_stage` and :func:`load_stage` follow unchanged; no network access.
    """
    with StageWriter(run_dir(settings, logical_date) / "reprocess", "fetch") as out, \
            _bar("list_archive") as bar:
        for page in Archive.open(settings).pages():
            out.add(page)
            bar.update(1)
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
    "alerts": lambda run, _: alerts_stage(run.settings, run.logical_date, run.run_id),
}


def run_step(name: str, run: Run, previous_path: str = "") -> StageSummary:
    """Run the stage ``name`` (a name of ``INGEST_STAGES``/``REPROCESS_STAGES``, or ``alerts``,
    which follows ``load`` in ``news_ingest``) of ``run`` on ``previous_path``, the previous
    stage's output ("" for a first stage).

    The stage holds the run folder's lock, shared (:func:`etl.core.runlock.run_lock`): it
    waits at most ``lock_wait`` seconds for a manual run of the same date. Raises KeyError
    for an unknown name, RunLocked, and whatever the stage raises.
    """
    with run_lock(run.settings, run.logical_date, what=f"stage {name}", wait=run.settings.lock_wait):
        return _STEPS[name](run, previous_path)


def _manual_run(settings: Settings, logical_date: str | None, sources_file: str | None = None) -> Run:
    """A run outside Airflow: the given logical date, else now (UTC, whole seconds)."""
    logical_date = logical_date or datetime.now(timezone.utc).replace(microsecond=0).isoformat()
    return Run(settings, logical_date, f"manual__{logical_date}", sources_file)


def run_stages(run: Run, stages: tuple[str, ...], previous: str = "") -> dict[str, StageSummary]:
    """Run ``stages`` (names of ``INGEST_STAGES``/``REPROCESS_STAGES``) in order, each on the
    previous one's output (the first on ``previous``), as the DAG chains them; return every
    summary by stage name."""
    summaries: dict[str, StageSummary] = {}
    for name in stages:
        summaries[name] = run_step(name, run, previous)
        previous = summaries[name].path
    return summaries


def run_once(settings: Settings, logical_date: str | None = None,
             sources_file: str | None = None) -> dict[str, StageSummary]:
    """Run ``news_ingest`` in this process (no Airflow): discover, every shard's fetch -> clean
    -> annotate -> load one shard after the other, the report over all shards, the alerts.

    Output: every summary by stage; a stage run in several shards gives the merge of its
    shards' (:func:`etl.core.shards.combine`: counts summed, each shard's under ``shards``).
    The run folder is locked for the whole run (:func:`etl.core.runlock.run_lock`): a second
    run of the same logical date is refused at once (RunLocked, saying who holds it).
    """
    run = _manual_run(settings, logical_date, sources_file)
    with run_lock(settings, run.logical_date, exclusive=True, what="news-etl ingest"):
        found = run_step("discover", run)
        done = [run_stages(run, SHARD_STAGES, path) for path in shard_inputs(found)]
        shards = {name: [shard[name] for shard in done] for name in SHARD_STAGES}
        summaries = {"discover": found, **{name: combine(name, found.path, parts) for name, parts in shards.items()}}
        summaries["report"] = report_stage(settings, run.logical_date, {"discover": found, **shards}, run.run_id)
        summaries["alerts"] = alerts_stage(settings, run.logical_date, run.run_id)
    return summaries


def reprocess_once(settings: Settings, logical_date: str | None = None) -> dict[str, StageSummary]:
    """Run ``news_reprocess`` in this process (no Airflow, no network); return every summary by
    stage. The run folder is locked as by :func:`run_once`."""
    run = _manual_run(settings, logical_date)
    with run_lock(settings, run.logical_date, exclusive=True, what="news-etl reprocess"):
        return run_stages(run, REPROCESS_STAGES)


# ----------------------------------------------------------------------------- news_reindex
# One function per task: settings in, a small JSON-able dict out (index names and counts).


def reindex_plan(settings: Settings) -> dict:
    """Step 1: the current state of the alias (fails fast with ConfigError on a bad mapping file)."""
    with client(settings) as es:
        return status(es, settings)


def reindex_build(settings: Settings) -> dict:
    """Step 2: take the migration lock (loads wait for it, :mod:`etl.index.locks`), create the
    next index version and copy the live documents into it; the lock passes on in ``lock``."""
    with client(settings) as es:
        return build_step(es, settings)


def reindex_verify(settings: Settings, built: dict) -> dict:
    """Step 3: compare counts under the lock; on a mismatch or a lost lock the new index is
    deleted and EtlError raised."""
    with client(settings) as es:
        return verify_step(es, settings, built)


def reindex_swap(settings: Settings, verified: dict, delete_old: bool = False) -> dict:
    """Step 4: move the alias atomically to the new index and release the lock."""
    with client(settings) as es:
        return swap_step(es, settings, verified, delete_old=delete_old)
