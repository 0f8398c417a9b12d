"""The read-only search API and web page (``news-etl serve``).

Endpoints (OpenAPI at ``/docs`` and ``/openapi.json``):

- ``GET /search``: full-text search with facets, filters, date range, histogram, paging.
- ``GET /quotes``: quote search ("what did Rex Tillerson say about Russia").
- ``GET /articles/{id}`` and ``GET /articles/{id}/similar``.
- ``GET /health``: Elasticsearch and alias status.
- ``GET /``: the search page (static HTML + JS under ``etl/api/static``, no build step).

Only the article alias is ever read. Users cannot send scripts or query DSL: every
request is validated into an :class:`etl.search.SearchRequest`. Bad input gets a 400
(or 422 for type errors) with ``{"error": "..."}``; Elasticsearch being down is a 503.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Annotated

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel

from etl.core.settings import Settings
from etl.search import (
    DEFAULT_FACETS,
    FACETS,
    INTERVALS,
    MAX_SIZE,
    InvalidQuery,
    SearchRequest,
    get_article,
    group_filters,
    more_like_this,
    parse_quote_question,
    quote_search,
    search,
)

log = logging.getLogger(__name__)
STATIC = Path(__file__).resolve().parent / "static"


# ---------------------------------------------------------------- response models (docs only)


class FacetValue(BaseModel):
    value: str
    count: int
    selected: bool = False


class Highlight(BaseModel):
    title: str | None = None
    snippet: str = ""


class Hit(BaseModel):
    id: str
    title: str
    url: str
    published_at: str | None = None
    source: str = ""
    section: str | None = None
    authors: list[str] = []
    lead: str = ""
    persons: list[str] = []
    organizations: list[str] = []
    locations: list[str] = []
    events: list[str] = []
    tags: list[str] = []
    score: float | None = None
    highlight: Highlight


class Bucket(BaseModel):
    date: str
    count: int


class SearchResponse(BaseModel):
    total: int
    page: int
    size: int
    hits: list[Hit]
    facets: dict[str, list[FacetValue]]
    histogram: list[Bucket]
    next: str | None = None
    took_ms: int | None = None
    relaxed: bool = False


class ErrorResponse(BaseModel):
    error: str


def _json(data, status: int = 200) -> Response:
    return Response(content=json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"),
                    status_code=status, media_type="application/json")


def _error(status: int, message: str) -> Response:
    return _json({"error": message}, status)


PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; "
                               "frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
ERRORS = {400: {"model": ErrorResponse}, 422: {"model": ErrorResponse}, 503: {"model": ErrorResponse}}


def create_app(settings: Settings | None = None, es=None) -> FastAPI:
    """Build the app for ``settings`` (default: from the environment)."""
    from elasticsearch import ApiError, TransportError

    from etl.index.client import client

    settings = settings or Settings.from_env()
    es = es or client(settings, max_retries=1, request_timeout=min(settings.es_request_timeout, 10.0))
    alias = settings.index_alias
    app = FastAPI(
        title="news-etl search",
        version="1.0",
        description="Read-only faceted search over the annotated news articles.",
    )
    app.state.settings = settings
    app.state.es = es

    @app.exception_handler(RequestValidationError)
    async def _validation(_request: Request, exc: RequestValidationError):
        parts = []
        for e in exc.errors():
            loc = ".".join(str(x) for x in e.get("loc", ()) if x != "query")
            parts.append(f"{loc}: {e.get('msg')}")
        return _error(422, "; ".join(parts) or "invalid request")

    @app.exception_handler(InvalidQuery)
    async def _invalid(_request: Request, exc: InvalidQuery):
        return _error(400, str(exc))

    @app.exception_handler(TransportError)
    async def _transport(_request: Request, exc: TransportError):
        log.warning("elasticsearch unavailable: %s", exc)
        return _error(503, "search backend unavailable, try again later")

    @app.exception_handler(ApiError)
    async def _api(_request: Request, exc: ApiError):
        status = getattr(exc, "status_code", None) or getattr(exc.meta, "status", 502)
        log.warning("elasticsearch error %s: %s", status, exc)
        if status == 404:
            return _error(503, "the article index does not exist yet")
        if status in (429, 503):
            return _error(503, "search backend busy, try again later")
        return _error(502, "search backend error")

    @app.get("/health", summary="Elasticsearch and alias status")
    def health():
        try:
            cluster = es.cluster.health(timeout="2s").body
            docs = es.count(index=alias).body["count"] if es.indices.exists_alias(name=alias) else None
        except (TransportError, ApiError) as exc:
            return _json({"status": "unavailable", "error": type(exc).__name__}, 503)
        ok = cluster["status"] in ("green", "yellow") and docs is not None
        return _json({"status": "ok" if ok else "degraded", "elasticsearch": cluster["status"],
                      "alias": alias, "docs": docs}, 200 if ok else 503)

    @app.get("/search", response_model=SearchResponse, responses=ERRORS, summary="Faceted full-text search")
    def search_endpoint(
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
    ):
        req = SearchRequest.create(
            q=q, facets=facet or list(DEFAULT_FACETS), filters=group_filters(filter or []),
            date_from=date_from, date_to=date_to, sort=sort, page=page, size=size, after=after,
            facet_size=facet_size, interval=interval, collapse=collapse)
        return _json(search(es, alias, req))

    @app.get("/quotes", responses=ERRORS, summary="Quote search: who said what about what")
    def quotes(
        q: Annotated[str, Query(max_length=1000, description="e.g. 'what did Rex Tillerson say about Russia'")] = "",
        speaker: Annotated[str, Query(max_length=300)] = "",
        about: Annotated[str, Query(max_length=1000)] = "",
        size: Annotated[int, Query(ge=1, le=MAX_SIZE)] = 10,
    ):
        if q and not (speaker or about):
            parsed = parse_quote_question(q)
            speaker, about = parsed if parsed else ("", q)
        return _json(quote_search(es, alias, speaker=speaker, about=about, size=size))

    @app.get("/articles/{doc_id}", responses={404: {"model": ErrorResponse}}, summary="One stored article")
    def article(doc_id: str):
        if len(doc_id) > 512:
            return _error(400, "id too long")
        doc = get_article(es, alias, doc_id)
        if doc is None:
            return _error(404, f"no article with id {doc_id!r}")
        return _json(doc)

    @app.get("/articles/{doc_id}/similar", responses={404: {"model": ErrorResponse}},
             summary="More like this article")
    def similar(doc_id: str, size: Annotated[int, Query(ge=1, le=MAX_SIZE)] = 5):
        if len(doc_id) > 512:
            return _error(400, "id too long")
        if get_article(es, alias, doc_id) is None:
            return _error(404, f"no article with id {doc_id!r}")
        return _json({"id": doc_id, "similar": more_like_this(es, alias, doc_id, size=size)})

    @app.get("/", include_in_schema=False)
    def page():
        return FileResponse(STATIC / "index.html", media_type="text/html", headers=PAGE_HEADERS)

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


def app_factory() -> FastAPI:
    """For ``uvicorn --factory etl.api:app_factory`` (settings from ``NEWS_ETL_*``)."""
    return create_app(Settings.from_env())


def cli(args, settings: Settings) -> int:
    """``news-etl serve [--host] [--port]``."""
    import uvicorn

    app = create_app(settings)
    print(f"serving http://{args.host}:{args.port}/ (alias {settings.index_alias} at {settings.es_url})")
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning",
                access_log=bool(getattr(args, "access_log", False)))
    return 0
