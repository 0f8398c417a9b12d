"""The staging store: batches between stages as gzipped JSON lines, keyed by the run's logical date.

Layout: ``<staging_dir>/<run key>/<stage>.jsonl.gz`` for records,
``<stage>.rejected.jsonl.gz`` for rejections and ``<stage>.sources.json`` for their counts
per source (:class:`SourceTally`, what the run report sums without reading the batches).

The staging store is local (``settings.staging_dir``, the default) or on object storage
(``settings.storage_url``, e.g. ``s3://bucket/prefix``): every path here is a
:mod:`etl.core.storage` location, and a summary's ``path`` string (a local path or a URL)
is accepted wherever a path is.

Every file news-etl writes goes through one mechanism, :func:`etl.core.storage.atomic_open`
(locally :func:`atomic_path`: the data is written to a temporary name beside the target and
renamed over it on success, deleted on error; on object storage a multipart upload
completed only on success), so a rerun of a task overwrites its output whole (idempotent)
and a crash never leaves a half-written file behind. On top of it: :func:`write_atomic` (bytes),
:class:`JsonLinesWriter` (a streamed gzipped JSON-lines file, e.g. dead letters) and
:class:`StageWriter` (a stage's records and rejections, counted into a
:class:`StageSummary`, the typed result of every stage).

The stage order is declared once, here: :data:`INGEST_STAGES` and :data:`REPROCESS_STAGES`
(in this light module because the DAG files read it at parse time; :mod:`etl.pipeline`
maps the names to stage functions).
"""

from __future__ import annotations

import gzip
import io
import json
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import datetime, timezone
from types import TracebackType
from typing import Any, TypeVar

from etl.core import storage
from etl.core.records import Rejection
from etl.core.settings import Settings
from etl.core.storage import Location, PathLike
from etl.core.storage import atomic_path as atomic_path  # re-exported: the one local atomic writer

R = TypeVar("R")

PROCESS_STAGES: tuple[str, ...] = ("clean", "annotate", "load")
"""The stages that turn fetched pages into indexed documents (``news_ingest`` and ``news_reprocess``)."""
INGEST_STAGES: tuple[str, ...] = ("discover", "fetch", *PROCESS_STAGES)
"""The ``news_ingest`` stages in order; each reads the previous one's output file. The
run report follows them."""
REPROCESS_STAGES: tuple[str, ...] = ("list_archive", *PROCESS_STAGES)
"""The ``news_reprocess`` stages: the raw archive instead of discover and fetch."""
RUN_KEY_FORMAT = "%Y-%m-%dT%H-%M-%SZ"
"""strftime format of :func:`run_key` (UTC)."""


def run_key(logical_date: str | datetime) -> str:
    """Folder-safe key of a logical date, in UTC: ``2017-11-09T09-00-00Z``.

    Raises ValueError for a string that is not ISO 8601.
    """
    if isinstance(logical_date, str):
        logical_date = datetime.fromisoformat(logical_date.replace("Z", "+00:00"))
    if logical_date.tzinfo is None:
        logical_date = logical_date.replace(tzinfo=timezone.utc)
    return logical_date.astimezone(timezone.utc).strftime(RUN_KEY_FORMAT)


def run_dir(settings: Settings, logical_date: str | datetime) -> Location:
    """Staging folder of the run at ``logical_date``: ``<storage root>/<run key>``
    (:func:`etl.core.storage.storage_root`; a local folder is created if missing).

    Compose it for parts of a run, e.g. ``run_dir(settings, date) / "shard-00"``. Raises
    ValueError for a bad date, ConfigError / TransientError when the object store refuses
    or cannot be reached.
    """
    return storage.ensure_folder(storage.storage_root(settings) / run_key(logical_date))


# ----------------------------------------------------------------------------- atomic files


def write_atomic(path: PathLike, data: bytes) -> None:
    """Write ``data`` to ``path`` (local or remote) atomically: :func:`etl.core.storage.write_bytes`.

    Raises OSError (local), TransientError / ConfigError (object store).
    """
    storage.write_bytes(path, data)


def _json_line(row: Mapping) -> str:
    return json.dumps(row, ensure_ascii=False, separators=(",", ":"), default=str) + "\n"


class JsonLinesWriter:
    """Streams dicts to a gzipped JSON-lines file at ``path`` (local or remote), atomically
    (:func:`etl.core.storage.atomic_open`).

    Use as a context manager; ``write(row)`` appends one dict, ``count`` says how many.
    Values JSON cannot encode are written as strings. The gzip header carries no name and
    no time, so a rerun writing the same rows writes the same bytes.
    """

    def __init__(self, path: PathLike):
        self.path = storage.location(path)
        self.count = 0
        self._stack = ExitStack()

    def __enter__(self) -> JsonLinesWriter:
        with ExitStack() as stack:
            raw = stack.enter_context(storage.atomic_open(self.path))
            packed = gzip.GzipFile(filename="", mode="wb", compresslevel=3, fileobj=raw, mtime=0)
            self._fh = stack.enter_context(io.TextIOWrapper(packed, encoding="utf-8"))
            self._stack = stack.pop_all()
        return self

    def write(self, row: Mapping) -> None:
        """Append one dict."""
        self._fh.write(_json_line(row))
        self.count += 1

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> bool:
        return bool(self._stack.__exit__(exc_type, exc, tb))


def write_jsonl(path: PathLike, rows: Iterable[Mapping]) -> int:
    """Write dicts to ``path`` (gzipped JSON lines) atomically; return how many were written."""
    with JsonLinesWriter(path) as out:
        for row in rows:
            out.write(row)
    return out.count


def read_jsonl(path: PathLike, *, missing_ok: bool = False) -> Iterator[dict]:
    """Yield the dicts stored in a gzipped JSON-lines file, local or remote (streaming).
    Raises OSError, TransientError / ConfigError (object store); with ``missing_ok``, a
    missing file yields nothing."""
    if missing_ok and not storage.exists(path):
        return
    with storage.open_read(path) as raw, gzip.open(raw, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def count_rows(path: PathLike) -> int:
    """How many rows a gzipped JSON-lines file holds (0 when it is missing), without parsing them.

    Used to give progress bars a total (hence an ETA); streams, constant memory. Raises
    OSError for an unreadable file (TransientError / ConfigError on an object store).
    """
    if not storage.exists(path):
        return 0
    with storage.open_read(path) as raw, gzip.open(raw, "rb") as fh:
        return sum(1 for line in fh if line.strip())


def read_records(path: PathLike, cls: type[R]) -> Iterator[R]:
    """Yield records of type ``cls`` stored by :class:`StageWriter` at ``path``."""
    for row in read_jsonl(path):
        yield cls.from_dict(row)  # type: ignore[attr-defined]


# ----------------------------------------------------------------------------- stage contract

_FIXED = ("stage", "path", "count", "rejected", "reasons")


@dataclass(frozen=True)
class StageSummary:
    """What every stage returns: its name, its output file, how many records it wrote, how
    many inputs it rejected and why, plus stage-specific ``extra`` fields.

    XCom carries plain dicts: :meth:`to_dict` (``extra`` flattened beside the fixed
    fields) and :meth:`from_dict` convert both ways.
    """

    stage: str
    path: str
    count: int
    rejected: int = 0
    reasons: Mapping[str, int] = field(default_factory=dict)
    extra: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        clash = set(self.extra) & set(_FIXED)
        if clash:
            raise ValueError(f"extra fields {sorted(clash)} clash with the fixed ones")

    @property
    def seconds(self) -> float | None:
        """Wall-clock seconds the stage took (``extra["seconds"]``), None when not measured."""
        value = self.extra.get("seconds")
        return float(value) if isinstance(value, (int, float)) else None

    def to_dict(self) -> dict:
        """The summary as one flat JSON-serialisable dict (for XCom, logs, the run report)."""
        return {"stage": self.stage, "path": self.path, "count": self.count, "rejected": self.rejected,
                "reasons": dict(self.reasons), **self.extra}

    @classmethod
    def from_dict(cls, data: Mapping) -> StageSummary:
        """Rebuild a summary from :meth:`to_dict`'s output. Raises KeyError without stage, path or count."""
        return cls(stage=data["stage"], path=data["path"], count=data["count"], rejected=data.get("rejected", 0),
                   reasons=dict(data.get("reasons") or {}),
                   extra={k: v for k, v in data.items() if k not in _FIXED})


def _source_of(row: Mapping) -> str:
    """The source name of a batch row: its ``source``, or its article's (annotated rows)."""
    return str(row.get("source") or (row.get("article") or {}).get("source") or "")


@dataclass
class SourceTally:
    """One stage's output counted per source: records (``accepted``) and rejections by reason."""

    accepted: Counter = field(default_factory=Counter)
    rejected: dict[str, Counter] = field(default_factory=dict)

    @property
    def reasons(self) -> Counter:
        """Rejections by reason, every source together."""
        return sum(self.rejected.values(), Counter())

    def add(self, row: Mapping, rejection: bool) -> None:
        """Count one batch row (a record's or a rejection's ``to_dict()``)."""
        source = _source_of(row)
        if rejection:
            self.rejected.setdefault(source, Counter())[str(row.get("reason", ""))] += 1
        else:
            self.accepted[source] += 1

    def to_json(self) -> bytes:
        return json.dumps({"accepted": self.accepted, "rejected": self.rejected}, sort_keys=True).encode("utf-8")

    @classmethod
    def from_json(cls, data: bytes) -> SourceTally:
        raw = json.loads(data)
        return cls(Counter(raw["accepted"]), {k: Counter(v) for k, v in raw["rejected"].items()})


def tally_path(folder: Location, stage: str) -> Location:
    """Where :class:`StageWriter` keeps the :class:`SourceTally` of ``stage`` in ``folder``."""
    return folder / f"{stage}.sources.json"


def read_tally(folder: Location, stage: str) -> SourceTally:
    """The :class:`SourceTally` of ``stage`` in ``folder``: its ``<stage>.sources.json``, or,
    when a batch has none (written by an older version, or its writer stopped between the
    batches and the tally), counted from the batch files themselves (empty when absent).
    Errors: OSError; TransientError / ConfigError (object store)."""
    path = tally_path(folder, stage)
    if storage.exists(path):
        return SourceTally.from_json(storage.read_bytes(path))
    tally = SourceTally()
    for name, rejection in ((f"{stage}.jsonl.gz", False), (f"{stage}.rejected.jsonl.gz", True)):
        for row in read_jsonl(folder / name, missing_ok=True):
            tally.add(row, rejection)
    return tally


class StageWriter:
    """Writes one stage's output records and rejections, and counts them (in total and per source).

    Use as a context manager; ``add(item)`` takes a record or a Rejection. On a clean
    exit both files are in place (neither on an error), then their :class:`SourceTally`
    (``<stage>.sources.json``; a stale one is deleted on entry, so a tally never describes
    other batches than those beside it); ``summary()`` gives the :class:`StageSummary`, with
    the seconds since the writer was entered (``seconds``).
    """

    def __init__(self, folder: Location, stage: str):
        self.stage = stage
        self.path = folder / f"{stage}.jsonl.gz"
        self.rejected_path = folder / f"{stage}.rejected.jsonl.gz"
        self.tally_path = tally_path(folder, stage)
        self.tally = SourceTally()
        self._out = JsonLinesWriter(self.path)
        self._rejected = JsonLinesWriter(self.rejected_path)
        self._stack = ExitStack()
        self._started = time.monotonic()

    @property
    def count(self) -> int:
        """Records written so far."""
        return self._out.count

    def __enter__(self) -> StageWriter:
        storage.remove(self.tally_path)
        with ExitStack() as stack:
            stack.enter_context(self._out)
            stack.enter_context(self._rejected)
            self._stack = stack.pop_all()
        self._started = time.monotonic()
        return self

    def add(self, item: Any) -> None:
        """Append a record (anything with ``to_dict``) or a Rejection (counted by reason)."""
        row = item.to_dict()
        rejection = isinstance(item, Rejection)
        if rejection:
            self._rejected.write(row)
        else:
            self._out.write(row)
        self.tally.add(row, rejection)

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> bool:
        suppressed = bool(self._stack.__exit__(exc_type, exc, tb))
        if exc_type is None:
            write_atomic(self.tally_path, self.tally.to_json())
        return suppressed

    def summary(self, **extra: Any) -> StageSummary:
        """The stage's summary: output path, counts, rejection reasons, ``extra`` fields
        (``seconds`` since the writer was entered unless given)."""
        extra.setdefault("seconds", round(time.monotonic() - self._started, 3))
        reasons = self.tally.reasons
        return StageSummary(self.stage, str(self.path), self.count, sum(reasons.values()), dict(reasons),
                            extra)
