"""The dead-letter store: documents Elasticsearch refused, kept whole so they can be replayed.

One gzipped JSON-lines file per load, by default ``<staging run dir>/shard-NN/load.failed.jsonl.gz``
(or ``<settings.deadletter_dir>/<run key>-shard-NN.failed.jsonl.gz``); both may be on object storage
(:mod:`etl.core.storage`: ``storage_url``, or an ``s3://`` ``deadletter_dir``). One entry per
refused document::

    {"id": "<_id>", "index": "<alias or index written to>", "concrete_index": "<alias-v1>",
     "status": 400, "reason": "document_parsing_exception", "detail": "...",
     "when": "2026-...Z", "run_id": "...", "source": {... the _source sent ...}}

Files are written with :class:`etl.core.staging.JsonLinesWriter` (temporary name, then
renamed: a crashed load leaves the previous file intact; a successful rerun replaces it,
possibly with an empty file) and read with :func:`etl.core.staging.read_jsonl`.

``news-etl deadletter list [PATH]`` (:mod:`etl.cli.deadletter`) prints the files with
counts by reason; :func:`replay` (``news-etl deadletter replay [PATH]``) re-sends every
entry through the same loader (:func:`etl.index.load.bulk_load_actions`): what now
succeeds is indexed and removed, what still fails stays in the file with its new reason.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from etl.core import shards, storage
from etl.core.errors import ConfigError
from etl.core.settings import Settings
from etl.core.staging import JsonLinesWriter, read_jsonl
from etl.core.storage import Location, PathLike, location
from etl.index.load import bulk_load_actions
from etl.index.versions import ensure_index

FILE_NAME = "load.failed.jsonl.gz"
SUFFIX = ".failed.jsonl.gz"


def path_for(settings: Settings, run_folder: PathLike) -> Location:
    """Dead-letter file of the run (or run shard) whose staging folder is ``run_folder`` (local or remote)."""
    run_folder = location(run_folder, settings)
    if settings.deadletter_dir:
        name = run_folder.name  # a shard's folder (etl.core.shards): <run key>-shard-NN
        if name.startswith(shards.PREFIX):
            name = f"{run_folder.parent.name}-{name}"
        return location(settings.deadletter_dir, settings) / f"{name}{SUFFIX}"
    return run_folder / FILE_NAME


def find(settings: Settings, target: str | None = None) -> list[Location]:
    """Dead-letter files: ``target`` (a file, or a folder searched recursively), else every
    file under ``settings.deadletter_dir`` and the storage root (``storage_url`` or
    ``staging_dir``). Paths may be object-store URLs. Raises ConfigError when ``target``
    does not exist."""
    if target:
        path = location(target, settings)
        if storage.exists(path):
            return [path]
        if isinstance(path, Path) and not path.is_dir():  # object stores have no folders
            raise ConfigError(f"no dead-letter file or folder at {path}")
        roots = [path]
    else:
        roots = [location(p, settings) for p in (settings.deadletter_dir, settings.storage_url or settings.staging_dir)
                 if p]
    found = {str(p): p for root in roots for p in storage.files(root, f"**/*{SUFFIX}")}
    return [found[key] for key in sorted(found)]


def summarize(path: PathLike) -> dict:
    """``{"path", "count", "reasons": {reason: n}}`` of one file."""
    reasons = Counter(e.get("reason", "unknown") for e in read_jsonl(path))
    return {"path": str(path), "count": sum(reasons.values()), "reasons": dict(reasons)}


def replay(es, path: PathLike, settings: Settings, progress=None) -> dict:
    """Re-index every entry of ``path``; keep only what still fails (file rewritten atomically).

    The alias of each entry is created first if it no longer exists (same mapping file).
    Returns ``{"path", "replayed", "indexed", "failed", "reasons"}``. Raises TransientError
    when Elasticsearch stays unreachable (the file is then left unchanged).
    """
    path = location(path, settings)
    total, indices = 0, set()
    for entry in read_jsonl(path):
        total += 1
        indices.add(entry["index"])
    for index in sorted(indices):  # never let a replay auto-create an unmapped index named like the alias
        ensure_index(es, settings.replace(index_alias=index))
    if progress is not None:
        progress.reset(total=total)

    with JsonLinesWriter(path) as out:
        result = bulk_load_actions(es, _actions(path), settings, out, progress=progress)
    return {"path": str(path), "replayed": total, "indexed": result.indexed, "failed": result.failed,
            "reasons": dict(result.reasons)}


def _actions(path: Location) -> Iterator[dict]:
    """Bulk ``index`` actions re-sending the entries of one dead-letter file."""
    for entry in read_jsonl(path):
        yield {"_op_type": "index", "_index": entry["index"], "_id": entry["id"], "_source": entry["source"]}
