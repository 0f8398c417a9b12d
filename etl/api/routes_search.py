"""``GET /search`` (faceted full-text search) and ``GET /quotes`` (quote search).

Endpoints are described by comments, not docstrings: FastAPI would publish a docstring as the
operation's OpenAPI description, and the published API documentation stays as it is.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from etl.api.deps import Alias, Es, SearchTimeout
from etl.api.errors import json_response
from etl.api.models import ERRORS, QuotesResponse, SearchResponse
from etl.api.params import (
    COMPLEXITY,
    DateFrom,
    DateTo,
    FacetNames,
    Filters,
    QueryText,
    SearchText,
    SpeakerText,
)
from etl.search import (
    INTERVALS,
    MAX_FACET_SIZE,
    MAX_QUERY_CHARS,
    MAX_SIZE,
    MAX_VALUE_CHARS,
    MAX_WINDOW,
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
    timeout: SearchTimeout,
    q: QueryText = "",
    facet: FacetNames = None,
    filter: Filters = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    sort: Annotated[str, Query(pattern="^(relevance|date)$")] = "relevance",
    page: Annotated[int, Query(ge=1, le=MAX_WINDOW, description=f"page x size at most {MAX_WINDOW}: "
                               "deeper, follow 'next' with 'after'")] = 1,
    size: Annotated[int, Query(ge=1, le=MAX_SIZE)] = 20,
    after: Annotated[str | None, Query(max_length=2000, pattern="^[A-Za-z0-9_-]+$",
                                       description="'next' cursor for deep paging (same sort)")] = None,
    facet_size: Annotated[int, Query(ge=1, le=MAX_FACET_SIZE)] = 10,
    interval: Annotated[str, Query(pattern="^(" + "|".join(INTERVALS) + ")$")] = "auto",
    collapse: Annotated[bool, Query(description="one hit per story: syndicated copies collapsed")] = False,
) -> Response:
    req = SearchRequest.from_input(
        q, facet, filter, date_from=date_from, date_to=date_to, sort=sort, page=page, size=size,
        after=after, facet_size=facet_size, interval=interval, collapse=collapse)
    return json_response(search(es, alias, req, timeout=timeout))


# Quotes by ``speaker`` about ``about``; a question in ``q`` fills both, other text is the topic.
# At least one of them must be given (400 otherwise).
@router.get("/quotes", response_model=QuotesResponse, responses=ERRORS,
            summary="Quote search: who said what about what")
def quotes(
    es: Es,
    alias: Alias,
    timeout: SearchTimeout,
    q: Annotated[SearchText, Query(max_length=MAX_QUERY_CHARS,
                                   description="e.g. 'what did Rex Tillerson say about Russia'; "
                                               "q, speaker or about must have some text")] = "",
    speaker: Annotated[SpeakerText, Query(max_length=MAX_VALUE_CHARS)] = "",
    about: Annotated[SearchText, Query(max_length=MAX_QUERY_CHARS, description="the topic. " + COMPLEXITY)] = "",
    size: Annotated[int, Query(ge=1, le=MAX_SIZE)] = 10,
) -> Response:
    if q and not (speaker or about):
        parsed = parse_quote_question(q)
        speaker, about = parsed if parsed else ("", q)
    return json_response(quote_search(es, alias, speaker=speaker, about=about, size=size, timeout=timeout))
