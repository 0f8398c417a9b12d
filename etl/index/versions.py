"""Versioned article indices behind one alias, and their migration.

Layout: the alias ``settings.index_alias`` (``articles``) points at exactly one concrete
index ``<alias>-v<N>`` (``is_write_index``). An index template ``<alias>`` matching
``<alias>-v*`` carries the same settings and mappings, built from
``mappings/articles.json`` (the schema; :func:`load_mapping` reads every ``mappings/*.json``).

Migration (``news-etl index migrate`` in :mod:`etl.cli.index`; the ``news_reindex`` DAG
through ``etl.pipeline.reindex_*``) never stops search:

1. :func:`build_next_index` puts the template and creates ``<alias>-v<N+1>`` from the
   current mapping file, then copies every document from the live index (point in time +
   ``search_after``, bulk; no ``_reindex`` module needed). Fields excluded from
   ``_source`` (``folded.*``) are recomputed with :func:`etl.index.builder.derived_fields`.
2. :func:`verify_copy` refreshes and compares document counts.
3. :func:`swap_alias` moves the alias in one atomic ``_aliases`` call.

The old index is kept (for rollback) unless ``--delete-old`` is given. Loading may go on:
a migration holds the migration lock of :mod:`etl.index.locks` from before the copy until
after the swap, and loads wait for it (bounded, then TransientError: Airflow retries), so
nothing is written to the old index during the copy and no update is lost. The lock is
checked once more right before the swap; a failed step (copy, count check, lost lock)
drops the new index, so nothing half-built is left behind, and releases the lock.
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from elasticsearch import BadRequestError, helpers
from elasticsearch import ConnectionError as ESConnectionError

from etl.core.errors import ConfigError, EtlError, TransientError
from etl.core.settings import Settings
from etl.index import locks  # module import: locks reads load_mapping from here
from etl.index.builder import derived_fields
from etl.index.scan import PitScan

log = logging.getLogger(__name__)

COPY_BATCH = 1000
ARTICLES_MAPPING = "articles.json"


def load_mapping(settings: Settings, name: str = ARTICLES_MAPPING) -> dict:
    """Return ``{"settings", "mappings"}`` from the mapping file ``name`` in ``settings.mappings_dir``.

    The one reader of ``mappings/*.json`` (articles, runs). ``settings.index_replicas`` (every
    index) and ``settings.index_shards`` (the article index) replace the file's values
    (:func:`_apply_topology`). Raises ConfigError when the file is missing, not valid JSON,
    or lacks ``settings`` or ``mappings``, or the replicas are neither a number nor a range.
    """
    path = Path(settings.mappings_dir) / name
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"mapping file not found: {path}") from exc
    except json.JSONDecodeError as exc:
        raise ConfigError(f"mapping file {path} is not valid JSON: {exc}") from exc
    if "mappings" not in data or "settings" not in data:
        raise ConfigError(f"mapping file {path} needs 'settings' and 'mappings'")
    return {"settings": _apply_topology(data["settings"], settings, name == ARTICLES_MAPPING),
            "mappings": data["mappings"]}


def _apply_topology(index_settings: dict, settings: Settings, articles: bool) -> dict:
    """``index_settings`` (flat or under ``index``) with the shards and replicas of ``settings``:
    ``index_replicas`` "N" sets ``number_of_replicas``, "N-M" / "N-all" ``auto_expand_replicas``."""
    target = index_settings.get("index", index_settings)
    if articles and settings.index_shards > 0:
        target["number_of_shards"] = settings.index_shards
    replicas = settings.index_replicas.strip()
    if replicas:
        if not re.fullmatch(r"\d+|\d+-(\d+|all)", replicas):
            raise ConfigError(f"NEWS_ETL_INDEX_REPLICAS: {replicas!r} is neither a number nor a range like 0-1")
        target.pop("number_of_replicas", None)
        target.pop("auto_expand_replicas", None)
        target["auto_expand_replicas" if "-" in replicas else "number_of_replicas"] = replicas
    return index_settings


def mapping_version(mapping: dict) -> int:
    """The ``_meta.index_version`` declared by a mapping (1 when absent)."""
    return int(mapping.get("mappings", {}).get("_meta", {}).get("index_version", 1))


def template_name(settings: Settings) -> str:
    return settings.index_alias


def index_name(settings: Settings, version: int) -> str:
    return f"{settings.index_alias}-v{version}"


def _version_of(settings: Settings, index: str) -> int | None:
    m = re.fullmatch(re.escape(settings.index_alias) + r"-v(\d+)", index)
    return int(m.group(1)) if m else None


def alias_indices(es, settings: Settings) -> list[str]:
    """Concrete indices the alias points at (empty when the alias does not exist)."""
    if not es.indices.exists_alias(name=settings.index_alias):
        return []
    return sorted(es.indices.get_alias(name=settings.index_alias).body)


def current_index(es, settings: Settings) -> str | None:
    """The write index behind the alias, or None when the alias does not exist."""
    if not es.indices.exists_alias(name=settings.index_alias):
        return None
    body = es.indices.get_alias(name=settings.index_alias).body
    writers = [i for i, v in body.items() if v["aliases"][settings.index_alias].get("is_write_index")]
    if writers:
        return writers[0]
    return sorted(body)[-1]


def versioned_indices(es, settings: Settings) -> list[str]:
    """All ``<alias>-v<N>`` indices, oldest version first."""
    body = es.indices.get(index=f"{settings.index_alias}-v*", allow_no_indices=True,
                          expand_wildcards="open,closed").body
    found = [(v, name) for name in body if (v := _version_of(settings, name)) is not None]
    return [name for _, name in sorted(found)]


def _next_version(es, settings: Settings) -> int:
    """One more than the highest existing ``<alias>-v<N>`` (1 when there is none)."""
    versions = [v for i in versioned_indices(es, settings) if (v := _version_of(settings, i)) is not None]
    return max(versions, default=0) + 1


def put_template(es, settings: Settings, mapping: dict | None = None) -> None:
    """Create or update the index template ``<alias>`` for ``<alias>-v*``."""
    mapping = mapping or load_mapping(settings)
    es.indices.put_index_template(
        name=template_name(settings),
        index_patterns=[f"{settings.index_alias}-v*"],
        priority=200,
        template={"settings": mapping["settings"], "mappings": mapping["mappings"]},
        meta={"managed_by": "news-etl", "index_version": mapping_version(mapping)},
    )


def _create(es, settings: Settings, name: str, mapping: dict) -> None:
    try:
        es.indices.create(index=name, settings=mapping["settings"], mappings=mapping["mappings"],
                          wait_for_active_shards="1")
    except BadRequestError as exc:
        if exc.error != "resource_already_exists_exception":
            raise ConfigError(f"cannot create index {name}: {exc}") from exc


def ensure_index(es, settings: Settings) -> str:
    """Return the index behind the alias, creating ``<alias>-v1`` (or the next free version) first.

    Idempotent and safe when two callers race. Raises ConfigError when a concrete index
    (not an alias) already has the alias's name, or when the mapping is invalid.
    """
    try:
        existing = current_index(es, settings)
        if existing:
            _warn_if_outdated(es, settings, existing)
            return existing
        if es.indices.exists(index=settings.index_alias):
            raise ConfigError(f"{settings.index_alias!r} is a concrete index, not an alias: "
                              "delete it or choose another NEWS_ETL_INDEX_ALIAS")
        mapping = load_mapping(settings)
        put_template(es, settings, mapping)
        name = index_name(settings, _next_version(es, settings))
        _create(es, settings, name, mapping)
        es.indices.update_aliases(actions=[
            {"add": {"index": name, "alias": settings.index_alias, "is_write_index": True}}])
    except ESConnectionError as exc:
        raise TransientError(f"Elasticsearch unreachable at {settings.es_url}: {exc}") from exc
    # A racing caller may have pointed the alias elsewhere first: the alias decides.
    return current_index(es, settings) or name


def _warn_if_outdated(es, settings: Settings, index: str) -> None:
    try:
        meta = es.indices.get_mapping(index=index).body[index]["mappings"].get("_meta", {})
        live, wanted = int(meta.get("index_version", 0)), mapping_version(load_mapping(settings))
    except Exception:  # noqa: BLE001 - a warning only
        return
    if live != wanted:
        log.warning("index %s has mapping version %s but %s declares %s: run `news-etl index migrate`",
                    index, live, settings.mappings_dir, wanted)


# ----------------------------------------------------------------------------- migration


def _iter_sources(es, index: str, batch: int = COPY_BATCH) -> Iterator[tuple[str, dict]]:
    """Yield ``(_id, _source)`` of every document of ``index`` (:class:`etl.index.scan.PitScan`)."""
    with PitScan(es, index, batch=batch) as scan:
        for h in scan:
            yield h["_id"], h["_source"]


def copy_documents(es, source: str, target: str, progress=None) -> int:
    """Copy all documents of ``source`` into ``target``, recomputing derived fields. Returns the count.

    ``progress``: an optional bar (:func:`etl.core.obs.progress`), given the total and
    advanced once per copied document.
    """
    if progress is not None:
        progress.reset(total=es.count(index=source)["count"])

    def actions() -> Iterator[dict]:
        for _id, src in _iter_sources(es, source):
            doc = dict(src)
            doc.update(derived_fields(src))
            yield {"_index": target, "_id": _id, "_source": doc}

    ok, errors = 0, []
    for success, info in helpers.parallel_bulk(es, actions(), thread_count=2, chunk_size=COPY_BATCH // 2,
                                               raise_on_error=False, raise_on_exception=True):
        if success:
            ok += 1
        else:
            errors.append(info)
        if progress is not None:
            progress.update(1)
    if errors:
        raise EtlError(f"{len(errors)} documents failed to copy into {target}: {json.dumps(errors[:3])[:1000]}")
    return ok


def build_next_index(es, settings: Settings, progress=None) -> dict:
    """Create ``<alias>-v<N+1>`` from the mapping file and copy the live index into it.

    Returns ``{"source", "target", "copied"}``. When the alias does not exist yet it is
    created (:func:`ensure_index`) and there is nothing to copy. ``progress``: an optional
    bar for the copy (see :func:`copy_documents`).
    """
    source = current_index(es, settings)
    if source is None:
        target = ensure_index(es, settings)
        return {"source": None, "target": target, "copied": 0}
    mapping = load_mapping(settings)
    put_template(es, settings, mapping)
    target = index_name(settings, _next_version(es, settings))
    _create(es, settings, target, mapping)
    # Faster bulk copy: no refresh until the end.
    es.indices.put_settings(index=target, settings={"index": {"refresh_interval": "-1"}})
    try:
        copied = copy_documents(es, source, target, progress)
    except BaseException:
        # Leave nothing half-built behind: the alias still points at the source.
        es.options(ignore_status=404).indices.delete(index=target)
        raise
    interval = mapping["settings"].get("index", mapping["settings"]).get("refresh_interval")
    es.indices.put_settings(index=target, settings={"index": {"refresh_interval": interval}})  # the file's again
    log.info("copied %d documents %s -> %s", copied, source, target)
    return {"source": source, "target": target, "copied": copied}


def verify_copy(es, source: str | None, target: str) -> dict:
    """Refresh both indices and check that ``target`` holds as many documents as ``source``.

    Raises EtlError on a mismatch (the alias is not swapped).
    """
    if source is None:
        return {"source_count": 0, "target_count": es.count(index=target)["count"]}
    es.indices.refresh(index=[source, target])
    n_source = es.count(index=source)["count"]
    n_target = es.count(index=target)["count"]
    if n_source != n_target:
        raise EtlError(f"count mismatch after copy: {source}={n_source} {target}={n_target}; alias not swapped")
    return {"source_count": n_source, "target_count": n_target}


def swap_alias(es, settings: Settings, target: str, delete_old: bool = False) -> dict:
    """Point the alias at ``target`` only, in one atomic ``_aliases`` request.

    With ``delete_old``, every other ``<alias>-v<N>`` index is deleted afterwards.
    """
    old = [i for i in alias_indices(es, settings) if i != target]
    actions: list[dict[str, dict[str, Any]]] = [{"remove": {"index": i, "alias": settings.index_alias}} for i in old]
    actions.append({"add": {"index": target, "alias": settings.index_alias, "is_write_index": True}})
    es.indices.update_aliases(actions=actions)
    deleted: list[str] = []
    if delete_old:
        deleted = [i for i in versioned_indices(es, settings) if i != target]
        if deleted:
            es.indices.delete(index=",".join(deleted))
    log.info("alias %s -> %s (was %s)", settings.index_alias, target, old)
    return {"alias": settings.index_alias, "index": target, "previous": old, "deleted": deleted}


def migrate(es, settings: Settings, delete_old: bool = False, progress=None) -> dict:
    """Take the migration lock, build the next index version, copy, verify counts and swap
    the alias atomically, then release the lock.

    Returns the steps' results merged, ``seconds`` in all and ``steps`` (seconds of
    ``copy``, ``verify``, ``swap``). ``progress``: an optional bar for the copy. Errors:
    LockBusy (another migration, or loads that did not finish in ``lock_wait``), EtlError
    (copy failed, count mismatch, lock lost: the new index is dropped), TransientError.
    """
    t0 = time.monotonic()
    lock = locks.acquire_migration(es, settings, locks.new_holder("index migrate"))
    try:
        built = build_next_index(es, settings, progress)
        t1 = time.monotonic()
        counts = _verified(es, built, lock)
        t2 = time.monotonic()
        swapped = swap_alias(es, settings, built["target"], delete_old=delete_old)
        t3 = time.monotonic()
    finally:
        lock.release()
    steps = {"copy": round(t1 - t0, 3), "verify": round(t2 - t1, 3), "swap": round(t3 - t2, 3)}
    return {**built, **counts, **swapped, "seconds": round(t3 - t0, 2), "steps": steps}


def _verified(es, built: dict, lock: locks.Lock) -> dict:
    """:func:`verify_copy`, then the lock renewed: the copy is complete and nothing was written
    beside it. On a mismatch or a lost lock the new index is dropped and EtlError raised;
    on a transient fault it is kept (a retry may verify it)."""
    try:
        counts = verify_copy(es, built["source"], built["target"])
        lock.renew()
    except locks.LockLost as exc:
        _drop_new(es, built)
        raise EtlError(f"{exc}: loads may have written to {built['source']} during the copy; "
                       f"{built['target']} dropped, alias not swapped: run the migration again") from exc
    except TransientError:
        raise
    except BaseException:
        _drop_new(es, built)
        raise
    return counts


def _drop_new(es, built: dict) -> None:
    """Delete the index a failed migration built (not when it is the first and only one)."""
    if built.get("source"):
        es.options(ignore_status=404).indices.delete(index=built["target"])
        log.warning("migration failed: %s dropped, alias still on %s", built["target"], built["source"])


# One function per task of the news_reindex DAG (etl.pipeline.reindex_*): the migration lock
# is taken by build, handed from task to task by holder name (in the XCom dict, "lock") and
# released by swap or by the step that fails.


def build_step(es, settings: Settings) -> dict:
    """Take the migration lock and build the next index (:func:`build_next_index`); the lock
    is kept for :func:`verify_step`. Returns the build's dict with ``lock``, the holder."""
    holder = locks.new_holder("news_reindex")
    lock = locks.acquire_migration(es, settings, holder)
    try:
        built = build_next_index(es, settings)
    except BaseException:
        lock.release()
        raise
    lock.hand_over()
    return {**built, "lock": holder}


def verify_step(es, settings: Settings, built: dict) -> dict:
    """Adopt the lock of :func:`build_step` and verify the copy (see :func:`_verified`);
    the lock is kept for :func:`swap_step`, or released after a failure."""
    lock = _adopt(es, settings, built)
    try:
        counts = _verified(es, built, lock)
    except TransientError:
        lock.hand_over()
        raise
    except BaseException:
        lock.release()
        raise
    lock.hand_over()
    return {**built, **counts}


def swap_step(es, settings: Settings, verified: dict, delete_old: bool = False) -> dict:
    """Adopt the lock, swap the alias (:func:`swap_alias`) and release the lock. A lost lock
    drops the new index (EtlError), as in :func:`verify_step`."""
    lock = _adopt(es, settings, verified)
    try:
        return {**verified, **swap_alias(es, settings, verified["target"], delete_old=delete_old)}
    finally:
        lock.release()


def _adopt(es, settings: Settings, built: dict) -> locks.Lock:
    """The migration lock of ``built["lock"]`` (:func:`etl.index.locks.adopt_migration`); when
    it was lost the new index is dropped and EtlError raised."""
    try:
        return locks.adopt_migration(es, settings, built["lock"])
    except locks.LockLost as exc:
        _drop_new(es, built)
        raise EtlError(f"{exc}: loads may have written to {built['source']} since the copy; "
                       f"{built['target']} dropped, alias not swapped: run news_reindex again") from exc


def status(es, settings: Settings) -> dict:
    """Alias, live index, document count, mapping versions (index vs file), all versions."""
    live = current_index(es, settings)
    file_version = mapping_version(load_mapping(settings))
    out = {"alias": settings.index_alias, "index": live, "file_mapping_version": file_version,
           "indices": versioned_indices(es, settings)}
    if live:
        meta = es.indices.get_mapping(index=live).body[live]["mappings"].get("_meta", {})
        out["index_mapping_version"] = int(meta.get("index_version", 0))
        out["docs"] = es.count(index=settings.index_alias)["count"]
        out["up_to_date"] = out["index_mapping_version"] == file_version
    return out


def delete_all(es, settings: Settings) -> list[str]:
    """Delete the alias's versioned indices and the template. Returns the deleted indices."""
    names = versioned_indices(es, settings)
    if names:
        es.indices.delete(index=",".join(names))
    if es.indices.exists_index_template(name=template_name(settings)):
        es.indices.delete_index_template(name=template_name(settings))
    return names
