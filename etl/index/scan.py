"""Every hit of one query, page by page: a point in time + ``search_after`` (the one scan loop).

Used by index migration (:mod:`etl.index.versions`: copy every document), export
(:mod:`etl.search.export`: stream every hit of a search) and alerts (:mod:`etl.alerts`:
the documents of one run). Memory stays flat: one page of ``batch`` hits at a time.
The point in time pins the data for the whole scan (no hit is seen twice or missed while
documents are written meanwhile) and is closed when the scan ends.

    with PitScan(es, "articles", query={"match_all": {}}, sort=["_shard_doc"]) as scan:
        print(scan.total)
        for page in scan.pages():
            ...
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from typing import Any

log = logging.getLogger(__name__)

DEFAULT_BATCH = 1000
KEEP_ALIVE = "2m"


class PitScan:
    """Scan ``index`` (an index or alias) for ``query`` in ``sort`` order, ``batch`` hits a page.

    Input: an Elasticsearch client, the index, a query (None: every document), a sort that
    is a total order (end it with a unique field or ``_shard_doc``), ``source``
    (``_source`` filtering as in ``_search``: True, False or ``{"includes": [...]}``).
    Use as a context manager (or call :meth:`open`, then :meth:`close`): entering opens the
    point in time and reads the first page (so ``total``, the number of hits, is known and
    Elasticsearch errors surface there); leaving closes it. Errors: Elasticsearch's (``ApiError``, ``TransportError``).
    """

    def __init__(self, es, index: str, query: dict | None = None, sort: Sequence = ("_shard_doc",),
                 source: Any = True, batch: int = DEFAULT_BATCH):
        self.es, self.index, self.batch = es, index, batch
        self.body: dict[str, Any] = {"query": query or {"match_all": {}}, "sort": list(sort), "_source": source}
        self.total = 0
        self._pit: str | None = None
        self._first: list[dict] = []

    def __enter__(self) -> PitScan:
        return self.open()

    def open(self) -> PitScan:
        """Open the point in time and read the first page (what entering the context does); returns self."""
        self._pit = self.es.open_point_in_time(index=self.index, keep_alive=KEEP_ALIVE).body["id"]
        try:
            resp = self._page(None, count=True)
        except BaseException:
            self.close()
            raise
        self.total = resp["hits"]["total"]["value"]
        self._first = resp["hits"]["hits"]
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _page(self, after: list | None, count: bool = False) -> dict:
        extra: dict[str, Any] = {"search_after": after} if after else {}
        resp = self.es.search(pit={"id": self._pit, "keep_alive": KEEP_ALIVE}, size=self.batch,
                              track_total_hits=count, **self.body, **extra).body
        self._pit = resp.get("pit_id", self._pit)
        return resp

    def pages(self) -> Iterator[list[dict]]:
        """Yield the hits (``_id``, ``_source``, ``sort``...) one page at a time, the first page first."""
        hits, self._first = self._first, []
        while hits:
            yield hits
            if len(hits) < self.batch:
                return
            hits = self._page(hits[-1]["sort"])["hits"]["hits"]

    def __iter__(self) -> Iterator[dict]:
        for page in self.pages():
            yield from page

    def close(self) -> None:
        """Close the point in time (best effort: it expires by itself anyway). Idempotent."""
        pit, self._pit = self._pit, None
        if pit is None:
            return
        try:
            self.es.close_point_in_time(id=pit)
        except Exception:  # noqa: BLE001 - best effort, the PIT expires anyway
            log.debug("could not close point in time", exc_info=True)
