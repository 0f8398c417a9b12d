"""Loading annotated articles into Elasticsearch without losing or duplicating any.

- ``_id`` is the article's ``doc_id`` (hash of the normalised URL): a rerun or a retried
  round overwrites instead of duplicating.
- Documents go through ``helpers.streaming_bulk`` in bounded chunks
  (``bulk_chunk_size`` documents / ``bulk_max_bytes`` bytes); the helper retries
  per-document and whole-request 429/502/503/504 with exponential backoff.
- When the connection drops (node stopped, timeout) or a retryable status persists, the
  load is *resumed* after a backoff (:func:`etl.core.retry.retry` with :func:`load_backoff`:
  ``load_backoff`` doubled per round, at most ``load_max_backoff``), up to ``load_retries``
  more rounds: documents already sent but not yet acknowledged are sent again with the
  rest of the stream. Then TransientError is raised so Airflow retries the task (which is
  idempotent). Creating the index before a load is retried with the same policy.
- Documents refused for good (mapping conflict, 4xx) go to the dead-letter store
  (:mod:`etl.index.deadletter`) with their source, ``_id``, index, reason and time, replayable with
  ``news-etl deadletter replay``. :func:`check_failures` raises LoadFailed above
  ``max_failure_ratio``.
- Every load holds a lease of :mod:`etl.index.locks` while it writes: it waits (bounded by
  ``lock_wait``, then TransientError) while an index migration runs, and a migration waits
  for running loads, so no write lands in an index that is being copied.

Only a bounded window of in-flight actions is kept in memory (one chunk plus the
helper's look-ahead), so memory does not grow with the batch.
"""

from __future__ import annotations

import json
import logging
import queue
import threading
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from itertools import chain

from elasticsearch import ApiError, ConnectionError, ConnectionTimeout, helpers

from etl.core.errors import ConfigError, LoadFailed, TransientError
from etl.core.records import AnnotatedArticle
from etl.core.retry import Backoff, retry
from etl.core.settings import Settings
from etl.core.staging import read_records
from etl.index.builder import to_document
from etl.index.locks import Lock, check_held, load_lease
from etl.index.versions import ensure_index

log = logging.getLogger(__name__)

RETRY_STATUS = (429, 502, 503, 504)


@dataclass
class LoadResult:
    """Counts of one load: indexed documents, dead-lettered failures by reason, rounds used."""

    indexed: int = 0
    failed: int = 0
    reasons: Counter = field(default_factory=Counter)
    rounds: int = 0
    deadletter: str = ""

    @property
    def total(self) -> int:
        return self.indexed + self.failed


def actions(articles: Iterable[AnnotatedArticle], index: str) -> Iterator[dict]:
    """Bulk ``index`` actions for ``articles`` into ``index`` (an alias or index name)."""
    for item in articles:
        yield {"_op_type": "index", "_index": index, "_id": item.article.doc_id, "_source": to_document(item)}


def encoded(stream: Iterable[dict]) -> Iterator[dict]:
    """The same actions with ``_source`` already serialised to JSON bytes (what the helper sends)."""
    for action in stream:
        action["_source"] = json.dumps(action["_source"], ensure_ascii=False, separators=(",", ":")).encode()
        yield action


class Prefetch:
    """Iterate ``stream`` in a background thread, at most ``depth`` items ahead (bounded memory).

    Building documents (read, ``from_dict``, ``to_document``, JSON) then overlaps with the
    bulk requests, during which the loading thread only waits on the socket. Exceptions of
    the producer are re-raised in the consumer; :meth:`close` stops the producer.
    """

    _END = object()

    def __init__(self, stream: Iterable, depth: int = 1000):
        self._queue: queue.Queue = queue.Queue(maxsize=max(1, depth))
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(iter(stream),), name="load-prefetch", daemon=True)
        self._thread.start()

    def _put(self, item) -> bool:
        while not self._stop.is_set():
            try:
                self._queue.put(item, timeout=0.2)
                return True
            except queue.Full:
                continue
        return False

    def _run(self, it) -> None:
        try:
            for item in it:
                if not self._put(item):
                    return
        except BaseException as exc:  # noqa: BLE001 - handed to the consumer
            self._put(_Raised(exc))
            return
        self._put(self._END)

    def __iter__(self) -> Iterator:
        while True:
            item = self._queue.get()
            if item is self._END:
                self._stop.set()
                return
            if isinstance(item, _Raised):
                self._stop.set()
                raise item.exc
            yield item

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)


class _Raised:
    def __init__(self, exc: BaseException):
        self.exc = exc


class _InFlight:
    """Actions handed to the bulk helper and not yet acknowledged, by ``_id`` (bounded)."""

    def __init__(self) -> None:
        self.by_id: dict[str, list[dict]] = {}

    def track(self, stream: Iterable[dict]) -> Iterator[dict]:
        by_id = self.by_id
        for action in stream:
            slot = by_id.get(action["_id"])
            if slot is None:
                by_id[action["_id"]] = [action]
            else:
                slot.append(action)
            yield action

    def done(self, doc_id: str) -> dict | None:
        slot = self.by_id.get(doc_id)
        if not slot:
            return None
        action = slot.pop(0)
        if not slot:
            del self.by_id[doc_id]
        return action

    def drain(self) -> list[dict]:
        out = [a for slot in self.by_id.values() for a in slot]
        self.by_id.clear()
        return out


def bulk_load_file(es, path, settings: Settings, dead_letters=None, progress=None, run_id: str = "") -> LoadResult:
    """Like :func:`bulk_load` for the annotated batch file at ``path`` (the load stage), streaming."""
    return bulk_load(es, read_records(path, AnnotatedArticle), settings, dead_letters, progress=progress,
                     run_id=run_id)


def load_backoff(settings: Settings) -> Backoff:
    """The policy between load rounds: ``load_retries`` retries, ``load_backoff`` doubled up to ``load_max_backoff``."""
    return Backoff(attempts=settings.load_retries, first=settings.load_backoff, cap=settings.load_max_backoff)


def bulk_load(es, articles: Iterable[AnnotatedArticle], settings: Settings, dead_letters=None,
              progress=None, run_id: str = "") -> LoadResult:
    """Index ``articles`` into ``settings.index_alias`` (created if missing), then refresh it.

    ``dead_letters`` is a :class:`etl.core.staging.JsonLinesWriter` (or anything with
    ``write(entry)``); without one, failures are only counted. Raises TransientError
    (Elasticsearch unreachable or overloaded after all rounds) or ConfigError
    (authentication/authorisation refused, invalid index).
    """
    retry(lambda: _ensure_index(es, settings), load_backoff(settings), (TransientError,), what="load")
    stream = Prefetch(encoded(actions(articles, settings.index_alias)), depth=2 * settings.bulk_chunk_size)
    try:
        return bulk_load_actions(es, iter(stream), settings, dead_letters, progress=progress, run_id=run_id,
                                 refresh=settings.index_alias)
    finally:
        stream.close()


def _ensure_index(es, settings: Settings) -> str:
    """:func:`ensure_index` with connection faults and 429/5xx as TransientError (retryable)."""
    try:
        return ensure_index(es, settings)
    except (ConnectionError, ConnectionTimeout) as exc:
        raise TransientError(f"Elasticsearch unreachable before load: {type(exc).__name__}") from exc
    except ApiError as exc:
        raise _api_error(exc, "creating the index") from exc


class _Interrupted(Exception):
    """A bulk round that ended early (connection lost, 429/5xx): the load resumes after a backoff."""

    def __init__(self, cause: str, rounds: int, indexed: int):
        super().__init__(f"round {rounds} interrupted ({cause}), {indexed} acknowledged")
        self.cause = cause


def bulk_load_actions(es, stream: Iterable[dict], settings: Settings, dead_letters=None, *, progress=None,
                      run_id: str = "", refresh: str | None = None) -> LoadResult:
    """Send bulk ``index`` actions, resuming after transient faults; see the module doc.

    ``refresh``: index/alias to refresh at the end (default: every ``_index`` seen). Returns
    a LoadResult. Raises TransientError after ``load_retries`` interrupted rounds,
    ConfigError when the credentials are refused, LockBusy (a TransientError) when an index
    migration held the alias for ``lock_wait`` seconds, LockLost when the load's lease was lost.
    """
    with load_lease(es, settings, f"load {run_id}".rstrip()) as lease:
        load = _Resumable(es, stream, settings, dead_letters, progress, run_id, refresh, lease)
        try:
            retry(load.round, load_backoff(settings), (_Interrupted,), what="load")
        except _Interrupted as exc:
            raise TransientError(
                f"load gave up after {load.result.rounds} rounds ({exc.cause}); {load.result.indexed} indexed so far, "
                "rerun the task: documents are overwritten by _id, nothing is duplicated") from exc
        _refresh(es, refresh or ",".join(sorted(load.indices)))
    return load.result


class _Resumable:
    """The state a load keeps across rounds: unacknowledged actions are sent again first."""

    def __init__(self, es, stream: Iterable[dict], settings: Settings, dead_letters, progress, run_id: str,
                 refresh: str | None, lease: Lock):
        self.es, self.settings, self.dead_letters = es, settings, dead_letters
        self.progress, self.run_id, self.refresh, self.lease = progress, run_id, refresh, lease
        self.result = LoadResult()
        self.inflight = _InFlight()
        self.retry_later: list[dict] = []
        self.source: Iterator[dict] = iter(stream)
        self.indices: set[str] = set()

    def round(self) -> None:
        """Send what is in flight, what must be retried and the rest of the stream.

        Raises _Interrupted (retryable) when the connection drops, a retryable status
        persists or documents still answered 429/5xx; LockLost when the lease is gone (renewed
        first: a round after an outage must not write if a migration took over meanwhile);
        ConfigError or the ApiError otherwise.
        """
        self.result.rounds += 1
        pending = chain(self.inflight.drain(), self.retry_later, self.source)
        self.retry_later = []
        try:
            if self.result.rounds > 1:
                self.lease.renew()
            for ok, info in self._bulk(pending):
                self._acknowledge(ok, info)
        except (ConnectionError, ConnectionTimeout) as exc:
            raise self._interrupted(type(exc).__name__) from exc
        except ApiError as exc:
            if exc.meta.status not in RETRY_STATUS:
                raise _api_error(exc, "bulk loading") from exc
            raise self._interrupted(f"HTTP {exc.meta.status}") from exc
        if self.retry_later:
            raise self._interrupted(f"{len(self.retry_later)} documents still answered "
                                    f"{sorted({a['_index'] for a in self.retry_later})}")

    def _bulk(self, pending: Iterator[dict]) -> Iterable[tuple[bool, dict]]:
        settings = self.settings
        backoff = max(0.0, settings.load_backoff)
        return helpers.streaming_bulk(
            self.es, self.inflight.track(self._while_held(pending)), chunk_size=settings.bulk_chunk_size,
            max_chunk_bytes=settings.bulk_max_bytes, raise_on_error=False, raise_on_exception=True,
            max_retries=max(0, settings.es_max_retries), initial_backoff=max(0.1, backoff),
            max_backoff=settings.load_max_backoff, retry_on_status=RETRY_STATUS,
        )

    def _while_held(self, pending: Iterator[dict]) -> Iterator[dict]:
        """``pending``, stopped with LockLost as soon as the heartbeat finds the lease gone."""
        for action in pending:
            check_held(self.lease)
            yield action

    def _acknowledge(self, ok: bool, info: dict) -> None:
        op, item = next(iter(info.items()))
        action = self.inflight.done(item.get("_id"))
        if ok:
            self.result.indexed += 1
            if action is not None and self.refresh is None:
                self.indices.add(action["_index"])
        elif item.get("status") in RETRY_STATUS and action is not None:
            self.retry_later.append(action)
            return
        else:
            _dead_letter(self.result, self.dead_letters, op, item, action, self.run_id)
        if self.progress is not None:
            self.progress.update(1)

    def _interrupted(self, cause: str) -> _Interrupted:
        return _Interrupted(cause, self.result.rounds, self.result.indexed)


def _refresh(es, index: str) -> None:
    if not index:
        return
    try:
        es.options(ignore_status=404).indices.refresh(index=index)
    except (ConnectionError, ConnectionTimeout) as exc:
        raise TransientError(f"Elasticsearch unreachable at refresh: {type(exc).__name__}") from exc
    except ApiError as exc:
        raise _api_error(exc, "refreshing") from exc


def _api_error(exc: ApiError, doing: str) -> Exception:
    """TransientError for 429/5xx, ConfigError for 401/403, else ``exc`` itself."""
    status = exc.meta.status
    if status in RETRY_STATUS:
        return TransientError(f"Elasticsearch busy while {doing}: HTTP {status}")
    if status in (401, 403):
        return ConfigError(f"Elasticsearch refused the credentials while {doing}: HTTP {status} "
                           "(check NEWS_ETL_ES_API_KEY / username / the news_etl_es connection)")
    return exc


def _dead_letter(result: LoadResult, dead_letters, op: str, item: dict, action: dict | None, run_id: str) -> None:
    error = item.get("error", {})
    reason = error.get("type", "unknown") if isinstance(error, dict) else str(error)[:100]
    detail = error.get("reason", "") if isinstance(error, dict) else ""
    caused = error.get("caused_by", {}) if isinstance(error, dict) else {}
    if isinstance(caused, dict) and caused.get("reason"):
        detail = f"{detail}: {caused['reason']}"
    result.failed += 1
    result.reasons[reason] += 1
    if dead_letters is None:
        return
    dead_letters.write({
        "id": item.get("_id"), "index": action["_index"] if action else item.get("_index"),
        "concrete_index": item.get("_index"), "op": op, "status": item.get("status"), "reason": reason,
        "detail": str(detail)[:1000], "when": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "run_id": run_id, "source": _source_of(action),
    })


def _source_of(action: dict | None):
    source = action.get("_source") if action else None
    return json.loads(source) if isinstance(source, (bytes, str)) else source


def check_failures(result: LoadResult, settings: Settings) -> None:
    """Raise LoadFailed when the share of dead-lettered documents exceeds ``max_failure_ratio``."""
    if result.failed:
        log.warning("load: %d of %d documents failed (%s), dead letters in %s", result.failed, result.total,
                    dict(result.reasons), result.deadletter)
    if result.total and result.failed / result.total > settings.max_failure_ratio:
        raise LoadFailed(
            f"{result.failed} of {result.total} documents failed to load "
            f"(threshold {settings.max_failure_ratio:.0%}): {dict(result.reasons)}; "
            f"dead letters in {result.deadletter} (news-etl deadletter replay)"
        )
