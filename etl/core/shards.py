"""Shards of a run: its candidate URLs partitioned by host, each shard fetched, cleaned,
annotated and loaded by its own task (Airflow dynamic task mapping), the results merged again.

Layout: ``<run folder>/shard-NN/<stage>.jsonl.gz`` (and ``.rejected.jsonl.gz``), NN from 00,
for discover's output and every stage of :data:`SHARD_STAGES`; the run report and the alerts
stay in the run folder. ``settings.shards`` (``NEWS_ETL_SHARDS``, default 1) sets how many
shards the discover stage writes; with 1 the whole run is ``shard-00``.

A URL's shard is a stable hash of its host (:func:`shard_of`): every URL of a host lands in
the same shard in every run and every process, so one host's politeness limits (per-host
concurrency and delay, Crawl-delay, Retry-After pauses, robots.txt) are kept by one fetch
task. The balance between shards therefore depends on how the run's URLs spread over hosts:
many hosts split evenly, one dominant host stays in one shard.

Discover's summary has ``path`` = the run folder and ``extra["shards"]``: one summary dict
per shard (its ``path`` is the shard's ``discover.jsonl.gz``), the inputs mapped over
(:func:`shard_inputs`). :func:`merge` folds the per-shard summaries of one stage into one
for the report and the command line.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from contextlib import ExitStack
from types import TracebackType
from typing import Any

from etl.core.staging import INGEST_STAGES, StageSummary, StageWriter
from etl.core.storage import Location
from etl.core.urls import host_of

SHARD_STAGES: tuple[str, ...] = INGEST_STAGES[1:]
"""The ``news_ingest`` stages run once per shard (after discover): fetch, clean, annotate, load."""
PREFIX = "shard-"


def shard_of(url: str, shards: int) -> int:
    """The shard (0 .. ``shards`` - 1) of ``url``: BLAKE2b of its lower-case host name
    (:func:`etl.core.urls.host_of`; the port is ignored) modulo ``shards``.

    Stable across runs, processes and machines (no per-process hash seed). Raises
    ValueError when ``shards`` < 1.
    """
    if shards < 1:
        raise ValueError(f"shards must be at least 1, got {shards}")
    digest = hashlib.blake2b(host_of(url).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") % shards


def shard_folder(run_folder: Location, index: int) -> Location:
    """The folder of shard ``index`` in ``run_folder``: ``<run folder>/shard-NN``."""
    return run_folder / f"{PREFIX}{index:02d}"


class ShardWriter:
    """Writes one stage's records into ``shards`` shard folders, each record by its ``url``
    (:func:`shard_of`); every shard's files are written (empty when no URL falls into it).

    Use as a context manager; ``add(item)`` takes a record with a ``url`` (or a Rejection).
    As with :class:`etl.core.staging.StageWriter`, the files replace the previous ones only
    on a clean exit. :meth:`summaries` gives one summary per shard, in shard order.
    """

    def __init__(self, run_folder: Location, stage: str, shards: int):
        if shards < 1:
            raise ValueError(f"shards must be at least 1, got {shards}")
        self.writers = [StageWriter(shard_folder(run_folder, i), stage) for i in range(shards)]
        self._stack = ExitStack()

    def __enter__(self) -> ShardWriter:
        with ExitStack() as stack:
            for writer in self.writers:
                stack.enter_context(writer)
            self._stack = stack.pop_all()
        return self

    def add(self, item: Any) -> int:
        """Append ``item`` to the shard of its URL; return that shard's index."""
        index = shard_of(item.url, len(self.writers))
        self.writers[index].add(item)
        return index

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> bool:
        return bool(self._stack.__exit__(exc_type, exc, tb))

    def summaries(self) -> list[StageSummary]:
        """One :class:`StageSummary` per shard (path: the shard's file), in shard order."""
        return [writer.summary() for writer in self.writers]


def merge(stage: str, path: str, summaries: Sequence[StageSummary], **extra: Any) -> StageSummary:
    """One summary for ``stage`` from its per-shard ``summaries`` (shard order).

    Output: ``path`` as given (the run folder), counts, rejections and reasons summed;
    ``extra``: numbers of the shards' extra fields summed (``seconds``: task time summed
    over shards, not wall time), so are dicts of numbers key by key (counts per source),
    other values kept when every shard agrees; then the given ``extra``, and ``shards``:
    every shard's summary dict.
    """
    reasons: Counter = Counter()
    for summary in summaries:
        reasons.update(summary.reasons)
    fields = {**_merged_extra(s.extra for s in summaries), **extra,
              "shards": [s.to_dict() for s in summaries]}
    return StageSummary(stage, path, sum(s.count for s in summaries), sum(s.rejected for s in summaries),
                        dict(reasons), fields)


def combine(stage: str, path: str, summaries: Sequence[StageSummary]) -> StageSummary:
    """The summary of ``stage`` over its shards: the one summary of a single shard as it is,
    else :func:`merge` (with ``path``). Raises ValueError for no summary."""
    if not summaries:
        raise ValueError(f"no summary of {stage}")
    return summaries[0] if len(summaries) == 1 else merge(stage, path, summaries)


def _merged_extra(extras: Iterable[Mapping[str, Any]]) -> dict:
    values: dict[str, list] = {}
    for extra in extras:
        for key, value in extra.items():
            values.setdefault(key, []).append(value)
    merged: dict = {}
    for key, seen in values.items():
        if key == "shards":
            continue
        if all(_is_number(v) for v in seen):
            merged[key] = round(sum(seen), 3) if any(isinstance(v, float) for v in seen) else sum(seen)
        elif all(isinstance(v, Mapping) and all(_is_number(n) for n in v.values()) for v in seen):
            counts: Counter = Counter()
            for value in seen:
                counts.update(value)  # counts by key, e.g. per source (zeros kept)
            merged[key] = dict(counts)
        elif all(v == seen[0] for v in seen):
            merged[key] = seen[0]
    return merged


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def shard_inputs(discovered: StageSummary | Mapping[str, Any]) -> list[str]:
    """The discover output file of every shard, in shard order, from discover's summary
    (a :class:`StageSummary` or its dict). Raises KeyError when it has no ``shards``."""
    extra = discovered.extra if isinstance(discovered, StageSummary) else discovered
    return [shard["path"] for shard in extra["shards"]]


def per_shard(value: StageSummary | Mapping[str, Any] | Iterable[Any]) -> list[StageSummary]:
    """The per-shard summaries of one stage, in shard order: ``value`` is one summary or its
    dict (one shard) or a sequence of them, e.g. the XCom of a mapped task (a lazy sequence
    of dicts). Raises KeyError for a dict that is not a summary."""
    if isinstance(value, StageSummary):
        return [value]
    if isinstance(value, Mapping):
        return [StageSummary.from_dict(value)]
    items: list[Any] = list(value)
    return [s if isinstance(s, StageSummary) else StageSummary.from_dict(s) for s in items]
