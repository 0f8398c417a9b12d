"""``GET /search`` (faceted full-text search) and ``GET /quotes`` (quote search).

Endpoints are described by comments, not docstrings: FastAPI would publish a docstring as the
operation's OpenAPI description, and the published API documentation stays as it is.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from etl.api.deps import Alias, Es
from etl.api.errors import json_response
from etl.api.models import ERRORS, SearchResponse
from etl.search import (
    DEFAULT_FACETS,
    FACETS,
    INTERVALS,
    MAX_SIZE,
    SearchRequest,
    parse_quote_question,
    quote_search,
    search,
)

router = APIRouter()


# The search result of :func:`etl.search.search` as JSON; InvalidQuery -> 400.
@router.get("/search", response_model=SearchResponse, responses=ERRORS, summary="Faceted full-text search")
def search_endpoint(
    es: Es,
    alias: Alias,
    q: Annotated[str, Query(max_length=1000, description="simple_query_string syntax: "
                            "\"phrase\", -not, a | b, prefix*")] = "",
    facet: Annotated[list[str] | None, Query(description=f"facets to count; default {', '.join(DEFAULT_FACETS)}; "
                                             f"known: {', '.join(FACETS)}")] = None,
    filter: Annotated[list[str] | None, Query(description="facet filter 'field:value' (repeatable; "
                                              "OR within a field, AND across fields)")] = None,
    date_from: Annotated[str | None, Query(alias="from", description="YYYY-MM-DD")] = None,
    date_to: Annotated[str | None, Query(alias="to", description="YYYY-MM-DD (inclusive)")] = None,
    sort: Annotated[str, Query(pattern="^(relevance|date)$")] = "relevance",
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
    size: Annotated[int, Query(ge=1, le=MAX_SIZE)] = 20,
    after: Annotated[str | None, Query(max_length=2000, description="'next' cursor for deep paging")] = None,
    facet_size: Annotated[int, Query(ge=1, le=100)] = 10,
    interval: Annotated[str, Query(pattern="^(" + "|".join(INTERVALS) + ")$")] = "auto",
    collapse: Annotated[bool, Query(description="one hit per story: syndicated copies collapsed")] = False,
) -> Response:
    req = SearchRequest.from_input(
        q, facet, filter, date_from=date_from, date_to=date_to, sort=sort, page=page, size=size,
        after=after, facet_size=facet_size, interval=interval, collapse=collapse)
    return json_response(search(es, alias, req))


# Quotes by ``speaker`` about ``about``; a question in ``q`` fills both, other text is the topic.
@router.get("/quotes", responses=ERRORS, summary="Quote search: who said what about what")
def quotes(
    es: Es,
    alias: Alias,
    q: Annotated[str, Query(max_length=1000, description="e.g. 'what did Rex Tillerson say about Russia'")] = "",
    speaker: Annotated[str, Query(max_length=300)] = "",
    about: Annotated[str, Query(max_length=1000)] = "",
    size: Annotated[int, Query(ge=1, le=MAX_SIZE)] = 10,
) -> Response:
    if q and not (speaker or about):
        parsed = parse_quote_question(q)
        speaker, about = parsed if parsed else ("", q)
    return json_response(quote_search(es, alias, speaker=speaker, about=about, size=size))
