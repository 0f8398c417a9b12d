"""Export every hit of a search as CSV or JSON lines, streamed (``GET /export``, ``news-etl export``).

The request is a :class:`~etl.search.request.SearchRequest` (same validation as search) and
the query is :func:`etl.search.query.build_body`'s (facet filters and dates folded into the
query's filter, no aggregations, no highlight); every hit is read with a point in time +
``search_after`` (:class:`etl.index.scan.PitScan`), one page at a time, so memory stays flat
however many documents match. Hits come in the search's order (relevance or date, ties by
``doc_id``).

Columns, in this order (:data:`COLUMNS`; ``body`` last when asked for):

    id, url, title, published_at, lead, word_count, story_id,
    persons, organizations, locations, events, authors, agency, site, source,
    section, tags, keywords, language

One column per facet (:data:`etl.search.FACETS`); a facet's values are joined by ``"; "`` in
CSV and kept as arrays in JSON lines. CSV is RFC 4180 (UTF-8, CRLF, a header row); a cell
that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading ``'``
so a spreadsheet does not run it as a formula.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator

from etl.index.scan import DEFAULT_BATCH, PitScan
from etl.search.query import build_body
from etl.search.request import InvalidQuery, SearchRequest, group_filters

FIXED_COLUMNS = ("id", "url", "title", "published_at", "lead", "word_count", "story_id")
FACET_COLUMNS = ("persons", "organizations", "locations", "events", "authors", "agency", "site", "source",
                 "section", "tags", "keywords", "language")
COLUMNS = FIXED_COLUMNS + FACET_COLUMNS
LIST_COLUMNS = frozenset({"persons", "organizations", "locations", "events", "authors", "tags", "keywords"})
_MISSING: dict[str, list | None] = {c: [] if c in LIST_COLUMNS else None for c in COLUMNS}
FORMATS = ("csv", "jsonl")
MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson"}
JOIN = "; "
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def export_request(q: str = "", filter_exprs: Iterable[str] | None = None, date_from: str | None = None,
                   date_to: str | None = None, sort: str = "relevance") -> SearchRequest:
    """The validated request of an export: a search's query, filters, dates and sort, no facets.

    ``filter_exprs``: ``field:value`` / ``field=value`` expressions. Raises InvalidQuery.
    """
    return SearchRequest.create(q=q, facets=[], filters=group_filters(filter_exprs), date_from=date_from,
                                date_to=date_to, sort=sort, histogram=False)


def match_query(req: SearchRequest, operator: str = "and") -> dict:
    """The query of :func:`build_body` for ``req`` with its ``post_filter`` (facet filters, dates)
    folded in as a filter: what matches, without aggregations. Shared with :mod:`etl.alerts`."""
    body = build_body(req, operator=operator)
    post = body.get("post_filter")
    if not post:
        return body["query"]
    return {"bool": {"must": [body["query"]], "filter": [post]}}


def columns(with_body: bool = False) -> tuple[str, ...]:
    """The export's columns in their fixed order (:data:`COLUMNS`, then ``body`` when asked for)."""
    return COLUMNS + (("body",) if with_body else ())


def export_scan(es, index: str, req: SearchRequest, operator: str = "and", with_body: bool = False,
              batch: int = DEFAULT_BATCH) -> PitScan:
    """The (not yet entered) scan of every hit of ``req`` in ``index``, in the search's order.

    ``operator``: ``and`` (every word, the default) or ``or`` (any word, what a search page
    shows when no article has every word). Raises InvalidQuery for another operator.
    """
    if operator not in ("and", "or"):
        raise InvalidQuery("match must be 'all' or 'any'")
    body = build_body(req, operator=operator)
    fields = [c for c in columns(with_body) if c != "id"]
    return PitScan(es, index, query=match_query(req, operator), sort=body["sort"],
                   source={"includes": fields}, batch=batch)


def row(hit: dict, cols: tuple[str, ...]) -> dict:
    """One hit -> one export row: ``cols`` in order, lists kept (missing: ``[]``), other missing values None."""
    src = hit.get("_source", {})
    out = {c: src.get(c, _MISSING.get(c)) for c in cols}
    out["id"] = hit["_id"]  # first key already (COLUMNS starts with it)
    return out


def _cell(value) -> str:
    if value is None:
        return ""
    text = JOIN.join(str(v) for v in value) if isinstance(value, list) else str(value)
    return "'" + text if text.startswith(_FORMULA) else text


def _csv_page(rows: list[dict], cols: tuple[str, ...], header: bool) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    if header:
        writer.writerow(cols)
    writer.writerows([_cell(r[c]) for c in cols] for r in rows)
    return buf.getvalue().encode("utf-8")


def _jsonl_page(rows: list[dict]) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n" for r in rows).encode("utf-8")


def encode(scan: PitScan, fmt: str, with_body: bool = False,
           on_page: Callable[[int], None] | None = None) -> Iterator[bytes]:
    """The export of an entered ``scan`` as byte chunks, one per page of hits.

    ``fmt``: ``csv`` (the header comes first, even when nothing matched) or ``jsonl``;
    ``on_page(n)`` is called after each page of ``n`` rows (a progress bar). The scan is
    closed when the iteration ends or stops. Raises InvalidQuery for an unknown format (at
    once), Elasticsearch errors met on later pages (while iterating).
    """
    if fmt not in FORMATS:
        raise InvalidQuery(f"format must be one of {', '.join(FORMATS)}")
    return _chunks(scan, fmt, columns(with_body), on_page)


def _chunks(scan: PitScan, fmt: str, cols: tuple[str, ...], on_page) -> Iterator[bytes]:
    try:
        if fmt == "csv":
            yield _csv_page([], cols, header=True)
        for page in scan.pages():
            rows = [row(h, cols) for h in page]
            yield _csv_page(rows, cols, header=False) if fmt == "csv" else _jsonl_page(rows)
            if on_page is not None:
                on_page(len(rows))
    finally:
        scan.close()
