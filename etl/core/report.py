"""Run report: what happened to every discovered URL, per run and per source.

Built from the run's staging folder (the stage batches carry each record's ``source``)
plus the stage summaries (:class:`etl.core.staging.StageSummary`). Per source::

    discovered = fetched + not_modified + skipped_robots + failed          (fetch)
    fetched    = cleaned + rejected                                        (clean)
    cleaned    = annotated + annotate_rejected                             (annotate)
    annotated  = indexed + load_failed                                     (load)

``accounted`` is true when every line balances. The report is written to
``<run folder>/report.json`` (:func:`write_report`); :mod:`etl.index.runs` also indexes it
into ``<index_alias>-runs`` so the operator can query it.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Mapping
from pathlib import Path

from etl.core.staging import StageSummary, read_jsonl, write_atomic

COUNTERS = ("discovered", "fetched", "not_modified", "skipped_robots", "failed", "cleaned", "rejected",
            "annotated", "annotate_rejected", "indexed", "load_failed")
REPORT_FILE = "report.json"


def _rows(folder: Path, name: str):
    path = folder / name
    return read_jsonl(path) if path.exists() else iter(())


def fetch_outcome(reason: str) -> str:
    """Report bucket of a fetch rejection reason: not_modified, skipped_robots or failed."""
    if reason == "not_modified":
        return "not_modified"
    return "skipped_robots" if reason.startswith("robots_") else "failed"


def source_counts(folder: str | Path, deadletter: str | Path | None = None) -> dict[str, dict]:
    """Per-source counters (see module doc) read from the batches in a run folder."""
    folder = Path(folder)
    counts: dict[str, Counter] = defaultdict(Counter)
    reasons: dict[str, dict[str, Counter]] = defaultdict(lambda: {"failed": Counter(), "rejected": Counter()})
    for row in _rows(folder, "discover.jsonl.gz"):
        counts[row.get("source", "")]["discovered"] += 1
    for row in _rows(folder, "fetch.jsonl.gz"):
        counts[row.get("source", "")]["fetched"] += 1
    for row in _rows(folder, "fetch.rejected.jsonl.gz"):
        bucket = fetch_outcome(row["reason"])
        counts[row.get("source", "")][bucket] += 1
        if bucket == "failed":
            reasons[row.get("source", "")]["failed"][row["reason"]] += 1
    source_of_url: dict[str, str] = {}
    for row in _rows(folder, "clean.jsonl.gz"):
        counts[row.get("source", "")]["cleaned"] += 1
        source_of_url[row.get("url", "")] = row.get("source", "")
    for row in _rows(folder, "clean.rejected.jsonl.gz"):
        counts[row.get("source", "")]["rejected"] += 1
        reasons[row.get("source", "")]["rejected"][row["reason"]] += 1
    _annotate_and_load(folder, counts, deadletter, source_of_url)
    return {name: _source_row(name, counts[name], reasons[name]) for name in sorted(counts)}


def _annotate_and_load(folder: Path, counts: dict, deadletter, source_of_url: dict) -> None:
    failed: set[str] = set()
    dead = Path(deadletter) if deadletter else folder / "load.failed.jsonl.gz"
    if dead.exists() and (folder / "annotate.jsonl.gz").exists():
        failed = {row.get("id", "") for row in read_jsonl(dead)}
    for row in _rows(folder, "annotate.jsonl.gz"):
        article = row.get("article", {})
        source = article.get("source", "")
        counts[source]["annotated"] += 1
        counts[source]["load_failed" if article.get("doc_id", "") in failed else "indexed"] += 1
    for row in _rows(folder, "annotate.rejected.jsonl.gz"):  # the annotator may not set ``source``
        counts[row.get("source") or source_of_url.get(row.get("url", ""), "")]["annotate_rejected"] += 1


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


def build_report(folder: str | Path, summaries: Mapping[str, StageSummary], *, run: str, logical_date: str,
                 run_id: str = "") -> dict:
    """The run report: per-source rows, totals, stage summaries, ``accounted`` flag.

    Input: the run folder and the summaries of the stages that ran, by stage name (the
    load summary's ``path`` is its dead-letter file). Output: a JSON-serialisable dict.
    """
    load = summaries.get("load")
    discover = summaries.get("discover")
    sources = list(source_counts(folder, load.path if load else None).values())
    totals = {c: sum(row[c] for row in sources) for c in COUNTERS}
    return {"run": run, "run_id": run_id, "logical_date": logical_date, "totals": totals, "sources": sources,
            "accounted": all(balanced(r) for r in sources),
            "stages": {name: summary.to_dict() for name, summary in summaries.items()},
            "discover_errors": dict(discover.extra.get("errors", {})) if discover else {}}


def write_report(folder: str | Path, report: dict) -> Path:
    """Write ``report`` to ``<folder>/report.json`` atomically; return the path. Raises OSError."""
    path = Path(folder) / REPORT_FILE
    write_atomic(path, json.dumps(report, indent=2, sort_keys=True, ensure_ascii=False).encode("utf-8"))
    return path
