"""``GET /export``: every hit of a search as CSV or JSON lines, streamed (see :mod:`etl.search.export`).

Endpoints are described by comments, not docstrings: FastAPI would publish a docstring as the
operation's OpenAPI description, and the published API documentation stays as it is.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse

from etl.api.deps import Alias, Es
from etl.api.models import ERRORS
from etl.api.params import DateFrom, DateTo, Filters, QueryText
from etl.search.export import MEDIA_TYPES, encode, export_request, export_scan

router = APIRouter()


# The request is validated and the first page read before the first byte is sent, so bad input
# is a 400 and Elasticsearch trouble a 503; ``X-Total-Count`` says how many rows follow.
@router.get("/export", responses=ERRORS, summary="Export every hit of a search (CSV or JSON lines)",
            response_class=StreamingResponse)
def export_endpoint(
    es: Es,
    alias: Alias,
    q: QueryText = "",  # as for /search (etl/api/params.py: one schema for the same rules)
    filter: Filters = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    sort: Annotated[str, Query(pattern="^(relevance|date)$")] = "relevance",
    format: Annotated[str, Query(pattern="^(csv|jsonl)$", description="csv (one column per facet, "
                                 "values joined by '; ') or jsonl")] = "csv",
    match: Annotated[str, Query(pattern="^(all|any)$", description="all words (default) or any word")] = "all",
    body: Annotated[bool, Query(description="add the article text as a last column")] = False,
) -> StreamingResponse:
    req = export_request(q, filter, date_from, date_to, sort)
    scan = export_scan(es, alias, req, "or" if match == "any" else "and", body).open()
    headers = {"Content-Disposition": f'attachment; filename="news-etl-export.{format}"',
               "X-Total-Count": str(scan.total), "X-Content-Type-Options": "nosniff"}
    return StreamingResponse(encode(scan, format, body), media_type=MEDIA_TYPES[format], headers=headers)
