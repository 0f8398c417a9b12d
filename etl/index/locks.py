"""Index migration and loading kept apart: the lock index ``<alias>-locks``.

A migration copies the live index into the next version, then swaps the alias. A load
writing through the alias during the copy would land in the old index only: new documents
make the count check fail, updated ones are silently lost. So the two take turns:

- A **migration** holds the *migration lock*: the document ``migration``, created with
  ``op_type=create`` (only one holder can create it), then waits until no load holds a lease.
- Every **load** (:func:`etl.index.load.bulk_load_actions`: the load stage, reprocessing,
  dead-letter replay) holds a *lease*, a document ``load-<uuid>``, written *before* it
  reads the migration lock. While a migration holds the lock, the load withdraws its lease
  and waits, at most ``lock_wait`` seconds, then raises :class:`LockBusy` (a TransientError:
  Airflow retries the task, which is idempotent). The migration writes its lock before it
  counts the leases: of a load and a migration starting together, one always sees the other.
- Both **expire**: ``expires_at`` is ``lock_ttl`` seconds ahead, renewed by a heartbeat
  thread every ttl/4. A holder that died leaves an expired document; whoever finds one
  deletes exactly that version (``if_seq_no``/``if_primary_term``) and goes on. A holder whose
  document was deleted or replaced has *lost* it (:class:`LockLost`): a load stops before
  sending more, a migration refuses to swap (and drops its new index).

The lock may outlive one process: the ``news_reindex`` DAG takes it in its ``build`` task
and its ``verify`` and ``swap`` tasks *adopt* it by holder name (the lock lives ``lock_ttl``
between tasks). Expiry compares the clocks of writer and reader: hosts are assumed to keep
time within seconds of each other (NTP), far below the ttl (default 300 s).
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone

from elasticsearch import ConflictError, NotFoundError

from etl.core.errors import TransientError
from etl.core.settings import Settings
from etl.index import versions  # module import: versions imports this module too (migration)
from etl.index.client import es_errors

log = logging.getLogger(__name__)

LOCKS_MAPPING = "locks.json"
MIGRATION = "migration"
POLL_SECONDS = 0.5


class LockBusy(TransientError):
    """The lock stayed held by another holder for the whole wait: try again later."""


class LockLost(TransientError):
    """A lock or lease this process held was deleted or taken over (it had expired)."""


def locks_index(settings: Settings) -> str:
    """Name of the lock index: ``<alias>-locks``."""
    return f"{settings.index_alias}-locks"


def new_holder(what: str) -> str:
    """A holder name unique to this call: ``<what> <host> pid <pid> <random>``."""
    return f"{what} {socket.gethostname()} pid {os.getpid()} {uuid.uuid4().hex[:8]}"


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _ensure_locks_index(es, settings: Settings) -> str:
    """Create ``<alias>-locks`` from ``mappings/locks.json`` when missing; return its name."""
    index = locks_index(settings)
    if not es.indices.exists(index=index):
        mapping = versions.load_mapping(settings, LOCKS_MAPPING)
        es.options(ignore_status=400).indices.create(index=index, settings=mapping["settings"],
                                                      mappings=mapping["mappings"])
    return index


def _expired(source: dict) -> bool:
    return datetime.fromisoformat(source["expires_at"]) <= _now()


class Lock:
    """One lock document held by this process: create or adopt it, renew it, release it.

    ``doc_id`` names the lock (``migration``, ``load-<uuid>``), ``kind`` what holds it,
    ``holder`` who. Every write after the first is conditional on the version this holder
    wrote last, so a lock deleted or replaced by someone else is noticed (:attr:`lost`).
    """

    def __init__(self, es, settings: Settings, doc_id: str, kind: str, holder: str):
        self.es, self.settings, self.doc_id, self.kind, self.holder = es, settings, doc_id, kind, holder
        self.index = _ensure_locks_index(es, settings)
        self.version: dict[str, int] = {}
        self.lost = False
        self._stop = threading.Event()
        self._beat: threading.Thread | None = None

    def _body(self) -> dict:
        now = _now()
        return {"kind": self.kind, "holder": self.holder, "acquired_at": now.isoformat(),
                "expires_at": (now + timedelta(seconds=self.settings.lock_ttl)).isoformat()}

    def _keep(self, resp) -> None:
        self.version = {"if_seq_no": resp["_seq_no"], "if_primary_term": resp["_primary_term"]}

    def try_create(self) -> dict | None:
        """Create the document; returns None when this holder now holds it, else the live
        document of its other holder (an expired one is deleted first and creation retried)."""
        while True:
            try:
                self._keep(self.es.index(index=self.index, id=self.doc_id, document=self._body(), op_type="create"))
                return None
            except ConflictError:
                current = self.es.options(ignore_status=404).get(index=self.index, id=self.doc_id)
                if not current.body.get("found"):
                    continue
                if current["_source"]["holder"] == self.holder:
                    self.adopt()
                    return None
                if not _expired(current["_source"]):
                    return current["_source"]
                log.warning("lock %s of %r expired at %s: removing it", self.doc_id,
                            current["_source"]["holder"], current["_source"]["expires_at"])
                self.es.options(ignore_status=(404, 409)).delete(
                    index=self.index, id=self.doc_id, if_seq_no=current["_seq_no"],
                    if_primary_term=current["_primary_term"])

    def adopt(self) -> None:
        """Take over the document this holder wrote in an earlier process and renew it.

        Raises LockLost when it is gone or held by someone else.
        """
        current = self.es.options(ignore_status=404).get(index=self.index, id=self.doc_id)
        if not current.body.get("found") or current["_source"]["holder"] != self.holder:
            self.lost = True
            other = current["_source"]["holder"] if current.body.get("found") else "nobody"
            raise LockLost(f"lock {self.doc_id} of {self.holder!r} is gone (now held by {other})")
        self._keep(current)
        self.renew()

    def renew(self) -> None:
        """Push the expiry ``lock_ttl`` ahead. Raises LockLost when the document was deleted
        or rewritten since this holder's last write."""
        if self.lost:
            raise LockLost(f"lock {self.doc_id} of {self.holder!r} was lost")
        body = self._body()
        try:
            self._keep(self.es.update(index=self.index, id=self.doc_id, doc={"expires_at": body["expires_at"]},
                                      **self.version))
        except (ConflictError, NotFoundError) as exc:
            self.lost = True
            raise LockLost(f"lock {self.doc_id} of {self.holder!r} was deleted or taken over "
                           "(it had expired)") from exc

    def start_heartbeat(self) -> None:
        """Renew the document every ``lock_ttl / 4`` seconds in a daemon thread until
        :meth:`stop_heartbeat`; a renewal that fails transiently is tried again next beat."""
        self._stop.clear()
        self._beat = threading.Thread(target=self._heartbeat, name=f"lock-{self.doc_id}", daemon=True)
        self._beat.start()

    def _heartbeat(self) -> None:
        while not self._stop.wait(max(0.05, self.settings.lock_ttl / 4)):
            try:
                self.renew()
            except LockLost:
                log.error("lock %s of %r lost", self.doc_id, self.holder)
                return
            except Exception as exc:  # noqa: BLE001 - unreachable for now: the next beat tries again
                log.warning("could not renew lock %s: %s", self.doc_id, exc)

    def stop_heartbeat(self) -> None:
        """Stop renewing (the document stays until released or expired)."""
        self._stop.set()
        if self._beat is not None:
            self._beat.join(timeout=30)
            self._beat = None

    def hand_over(self) -> None:
        """Renew once more and stop renewing, keeping the document for a later process of the
        same holder (:func:`adopt_migration`); it expires ``lock_ttl`` seconds from now."""
        self.stop_heartbeat()
        self.renew()

    def release(self) -> None:
        """Stop renewing and delete the document if it is still this holder's (best effort:
        an unreachable node leaves it to expire)."""
        self.stop_heartbeat()
        if self.lost or not self.version:
            return
        try:
            self.es.options(ignore_status=(404, 409)).delete(index=self.index, id=self.doc_id, **self.version)
        except Exception as exc:  # noqa: BLE001 - expires anyway
            log.warning("could not release lock %s (it expires in %.0fs): %s", self.doc_id,
                        self.settings.lock_ttl, exc)


# ----------------------------------------------------------------------------- migration side


def acquire_migration(es, settings: Settings, holder: str) -> Lock:
    """Take the migration lock for ``holder`` (or adopt it when ``holder`` already has it),
    renewed by a heartbeat, then wait until no load holds a lease.

    Output: the held :class:`Lock`. Errors: LockBusy when another migration holds the lock,
    or loads still hold leases after ``lock_wait`` seconds (the lock is released then);
    TransientError / ConfigError when Elasticsearch is unreachable or refuses.
    """
    with es_errors(settings, "taking the migration lock"):
        lock = Lock(es, settings, MIGRATION, "migration", holder)
        other = lock.try_create()
        if other is not None:
            raise LockBusy(f"another index migration is running ({other['holder']}, since {other['acquired_at']}, "
                           f"lock expires {other['expires_at']} unless renewed): try again when it has finished")
        lock.start_heartbeat()
        try:
            _wait_for_loads(es, settings, lock.index)
        except BaseException:
            lock.release()
            raise
    return lock


def adopt_migration(es, settings: Settings, holder: str) -> Lock:
    """The migration lock ``holder`` took in an earlier task, renewed and with a heartbeat.

    Errors: LockLost when it expired and was removed or taken (a load may have written to
    the old index since: the copy cannot be trusted); TransientError / ConfigError.
    """
    with es_errors(settings, "renewing the migration lock"):
        lock = Lock(es, settings, MIGRATION, "migration", holder)
        lock.adopt()
    lock.start_heartbeat()
    return lock


def _live_leases(es, settings: Settings, index: str) -> list[dict]:
    """The unexpired load leases (expired ones are deleted, that version only)."""
    es.indices.refresh(index=index)
    hits = es.search(index=index, query={"term": {"kind": "load"}}, size=1000, seq_no_primary_term=True)
    live = []
    for hit in hits["hits"]["hits"]:
        if _expired(hit["_source"]):
            es.options(ignore_status=(404, 409)).delete(index=index, id=hit["_id"], if_seq_no=hit["_seq_no"],
                                                        if_primary_term=hit["_primary_term"])
        else:
            live.append(hit["_source"])
    return live


def _wait_for_loads(es, settings: Settings, index: str) -> None:
    deadline = time.monotonic() + settings.lock_wait
    while leases := _live_leases(es, settings, index):
        if time.monotonic() >= deadline:
            raise LockBusy(f"{len(leases)} loads still running after {settings.lock_wait:.0f}s "
                           f"({', '.join(sorted(lease['holder'] for lease in leases)[:3])}): migration not started")
        log.info("migration waits for %d running loads", len(leases))
        time.sleep(POLL_SECONDS)


# ----------------------------------------------------------------------------- load side


def _live_migration(es, settings: Settings, index: str) -> dict | None:
    """The migration lock's document when held and unexpired (an expired one is deleted)."""
    current = es.options(ignore_status=404).get(index=index, id=MIGRATION)
    if not current.body.get("found"):
        return None
    if not _expired(current["_source"]):
        return current["_source"]
    log.warning("migration lock of %r expired at %s: removing it", current["_source"]["holder"],
                current["_source"]["expires_at"])
    es.options(ignore_status=(404, 409)).delete(index=index, id=MIGRATION, if_seq_no=current["_seq_no"],
                                                if_primary_term=current["_primary_term"])
    return None


def _take_lease(es, settings: Settings, what: str) -> Lock:
    """Write a lease, then wait (bounded) until no migration holds the lock; see the module doc."""
    deadline = time.monotonic() + settings.lock_wait
    waited = False
    while True:
        lease = Lock(es, settings, f"load-{uuid.uuid4().hex}", "load", new_holder(what))
        lease.try_create()
        migration = _live_migration(es, settings, lease.index)
        if migration is None:
            return lease
        lease.release()
        if time.monotonic() >= deadline:
            raise LockBusy(f"an index migration holds {settings.index_alias!r} ({migration['holder']}, since "
                           f"{migration['acquired_at']}): {what} waited {settings.lock_wait:.0f}s; try again later")
        if not waited:
            log.info("%s waits for the index migration of %r (%s)", what, settings.index_alias, migration["holder"])
            waited = True
        time.sleep(POLL_SECONDS)


@contextmanager
def load_lease(es, settings: Settings, what: str = "load") -> Iterator[Lock]:
    """Hold a load lease on ``settings.index_alias`` for the block (heartbeat renewed, released after).

    Input: a client, the settings (alias, ``lock_ttl``, ``lock_wait``), what is loading
    (for messages). Output: the lease; check ``lease.lost`` before each write, or call
    :meth:`Lock.renew` (raises LockLost). Errors: LockBusy after ``lock_wait`` seconds of a
    running migration; TransientError / ConfigError when Elasticsearch is unreachable or refuses.
    """
    with es_errors(settings, f"taking a lease for {what}"):
        lease = _take_lease(es, settings, what)
    lease.start_heartbeat()
    try:
        yield lease
    finally:
        lease.release()


def check_held(lock: Lock) -> None:
    """Raise LockLost when ``lock`` was lost (e.g. expired while this process could not renew it)."""
    if lock.lost:
        raise LockLost(f"lock {lock.doc_id} of {lock.holder!r} was lost")

