"""Run report: what happened to every discovered URL, per run and per source.

Built from the run's staging folder (each stage's counts per source, ``<stage>.sources.json``
beside its batches, :func:`etl.core.staging.read_tally`; the dead-letter file for documents the load refused)
plus the stage summaries (:class:`etl.core.staging.StageSummary`). Per source::

    discovered = fetched + not_modified + skipped_robots + failed          (fetch)
    fetched    = cleaned + rejected                                        (clean)
    cleaned    = annotated + annotate_rejected                             (annotate)
    annotated  = indexed + load_failed                                     (load)

``accounted`` is true when every line balances. A run split into shards
(:mod:`etl.core.shards`) is counted over every shard's folder and dead-letter file. ``health`` holds one row per source
measuring its extraction (share of pages with a date, an author, a lead, a body, entities;
median body length) against the source's own baseline (:mod:`etl.core.health`);
``flagged_sources`` lists the sources whose extraction dropped. The report is written to
``<run folder>/report.json`` (:func:`write_report`); :mod:`etl.index.runs` also indexes it
into ``<index_alias>-runs`` so the operator can query it.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

from etl.core.health import History, source_health
from etl.core.settings import Settings
from etl.core.shards import combine, per_shard
from etl.core.staging import StageSummary, read_jsonl, read_tally, write_atomic
from etl.core.storage import Location, PathLike, location

COUNTERS = ("discovered", "fetched", "not_modified", "skipped_robots", "failed", "cleaned", "rejected",
            "annotated", "annotate_rejected", "indexed", "load_failed")
REPORT_FILE = "report.json"


def fetch_outcome(reason: str) -> str:
    """Report bucket of a fetch rejection reason: not_modified, skipped_robots or failed."""
    if reason == "not_modified":
        return "not_modified"
    return "skipped_robots" if reason.startswith("robots_") else "failed"


def source_counts(folder: PathLike, deadletter: PathLike | None = None, *,
                  shards: Sequence[tuple[PathLike, PathLike | None]] | None = None) -> dict[str, dict]:
    """Per-source counters (see module doc) from the stage tallies in a run folder (local or
    remote; :func:`etl.core.staging.read_tally`) and its dead-letter file; with ``shards``, summed over each shard's folder and
    dead-letter file instead (etl.core.shards)."""
    counts: dict[str, Counter] = defaultdict(Counter)
    reasons: dict[str, dict[str, Counter]] = defaultdict(lambda: {"failed": Counter(), "rejected": Counter()})
    for part, dead in shards or [(folder, deadletter)]:
        _count_folder(location(part), dead, counts, reasons)
    return {name: _source_row(name, counts[name], reasons[name]) for name in sorted(counts)}


def _count_folder(folder: Location, deadletter: PathLike | None, counts: dict, reasons: dict) -> None:
    """Add one folder's per-source tallies (etl.core.staging.read_tally) to ``counts``/``reasons``."""
    tallies = {stage: read_tally(folder, stage) for stage in ("discover", "fetch", "clean", "annotate")}
    for stage, counter in (("discover", "discovered"), ("fetch", "fetched"), ("clean", "cleaned"),
                           ("annotate", "annotated")):
        for source, n in tallies[stage].accepted.items():
            counts[source][counter] += n
    for source, by_reason in tallies["fetch"].rejected.items():
        for reason, n in by_reason.items():
            bucket = fetch_outcome(reason)
            counts[source][bucket] += n
            if bucket == "failed":
                reasons[source]["failed"][reason] += n
    for source, by_reason in tallies["clean"].rejected.items():
        counts[source]["rejected"] += sum(by_reason.values())
        reasons[source]["rejected"].update(by_reason)
    for source, by_reason in _attributed(folder, tallies["annotate"].rejected).items():
        counts[source]["annotate_rejected"] += sum(by_reason.values())
    failed = _load_failed(folder, deadletter)
    for source, n in tallies["annotate"].accepted.items():
        counts[source]["load_failed"] += failed[source]
        counts[source]["indexed"] += n - failed[source]


def _attributed(folder: Location, rejected: dict[str, Counter]) -> dict[str, Counter]:
    """Annotate rejections by source; those without one (written by older versions) found by
    their URL in the clean batch."""
    if "" not in rejected:
        return rejected
    source_of_url = {row.get("url", ""): row.get("source", "") for row in read_jsonl(folder / "clean.jsonl.gz",
                                                                                       missing_ok=True)}
    found = {k: Counter(v) for k, v in rejected.items() if k}
    for row in read_jsonl(folder / "annotate.rejected.jsonl.gz", missing_ok=True):
        if not row.get("source"):
            found.setdefault(source_of_url.get(row.get("url", ""), ""), Counter())[row.get("reason", "")] += 1
    return found


def _load_failed(folder: Location, deadletter: PathLike | None) -> Counter:
    """Annotated documents the load refused (in the dead-letter file), by source; the batch is
    read only when there are some (rare)."""
    dead = location(deadletter) if deadletter else folder / "load.failed.jsonl.gz"
    failed = {row.get("id", "") for row in read_jsonl(dead, missing_ok=True)}
    if not failed:
        return Counter()
    return Counter(row["article"].get("source", "") for row in read_jsonl(folder / "annotate.jsonl.gz", missing_ok=True)
                   if row.get("article", {}).get("doc_id", "") in failed)


def _source_row(name: str, counts: Counter, reasons: dict) -> dict:
    row = {"source": name, **{c: counts.get(c, 0) for c in COUNTERS}}
    row["failed_reasons"] = dict(reasons["failed"])
    row["rejected_reasons"] = dict(reasons["rejected"])
    return row


def balanced(row: dict) -> bool:
    """True when a source's (or the totals') counters account for every URL."""
    return (row["discovered"] == row["fetched"] + row["not_modified"] + row["skipped_robots"] + row["failed"]
            and row["fetched"] == row["cleaned"] + row["rejected"]
            and row["cleaned"] == row["annotated"] + row["annotate_rejected"]
            and row["annotated"] == row["indexed"] + row["load_failed"])


def build_report(folder: PathLike, summaries: Mapping[str, StageSummary | Sequence[StageSummary]], *, run: str,
                 logical_date: str, run_id: str = "", settings: Settings | None = None,
                 history: History | None = None,
                 shards: Sequence[tuple[PathLike, PathLike | None]] | None = None) -> dict:
    """The run report: per-source rows, totals, stage summaries, ``accounted`` flag, source health.

    Input: the run folder, the summaries of the stages that ran, by stage name (one, or
    one per shard in shard order; the load summary's ``path`` is its dead-letter file), the
    settings (health thresholds; default ``Settings()``), ``history(source)``, the source's
    previous health rows (None: no baseline, nothing flagged), and ``shards``: each shard's
    folder and dead-letter file (default: the run folder itself, with the load summary's
    path). Output: a JSON-serialisable dict; ``stages`` holds one summary per stage (several
    shards merged, :func:`etl.core.shards.combine`), ``shards`` the number of shards. Errors:
    OSError for an unreadable batch, what ``history`` raises.
    """
    stages = {name: per_shard(value) for name, value in summaries.items()}
    if shards is None:
        load = stages.get("load")
        shards = [(folder, location(load[0].path, settings) if load else None)]
    discover = stages["discover"][0] if stages.get("discover") else None
    sources = list(source_counts(folder, shards=shards).values())
    totals = {c: sum(row[c] for row in sources) for c in COUNTERS}
    health = source_health([location(part, settings) for part, _ in shards], settings or Settings(), history, run)
    return {"run": run, "run_id": run_id, "logical_date": logical_date, "totals": totals, "sources": sources,
            "accounted": all(balanced(r) for r in sources), "shards": len(shards),
            "stages": {name: combine(name, str(folder), parts).to_dict() for name, parts in stages.items()},
            "discover_errors": dict(discover.extra.get("errors", {})) if discover else {},
            "health": health, "flagged_sources": [row["source"] for row in health if row["flagged"]]}


def write_report(folder: PathLike, report: dict) -> Location:
    """Write ``report`` to ``<folder>/report.json`` atomically (local or remote); return the path.
    Raises OSError, TransientError / ConfigError (object store)."""
    path = location(folder) / REPORT_FILE
    write_atomic(path, json.dumps(report, indent=2, sort_keys=True, ensure_ascii=False).encode("utf-8"))
    return path
