"""``GET /health`` (Elasticsearch and alias status), ``GET /`` (the search page) and its static files.

The page and its static files are sent with :data:`PAGE_HEADERS`: a Content-Security-Policy
without ``'unsafe-inline'`` (scripts and styles only from this site, no plugins, no ``<base>``,
no framing; images also from http(s) sites, for article figures), ``nosniff`` and no referrer.

Endpoints are described by comments, not docstrings: FastAPI would publish a docstring as the
operation's OpenAPI description, and the published API documentation stays as it is.
"""

from __future__ import annotations

from pathlib import Path

from elasticsearch import ApiError, TransportError
from fastapi import APIRouter
from fastapi.responses import FileResponse, Response
from fastapi.staticfiles import StaticFiles

from etl.api.deps import Alias, Es
from etl.api.errors import json_response
from etl.api.models import RATE_LIMITED, HealthResponse

STATIC = Path(__file__).resolve().parent / "static"
PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: http:; "
                               "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


class SiteStatic(StaticFiles):
    """The page's scripts and styles (``/static``), sent with :data:`PAGE_HEADERS`."""

    def file_response(self, full_path, stat_result, scope, status_code: int = 200) -> Response:
        """Starlette's file response (or 304) with the page's security headers added."""
        response = super().file_response(full_path, stat_result, scope, status_code)
        response.headers.update(PAGE_HEADERS)
        return response

router = APIRouter()


# 200 ``{"status": "ok", ...}`` when the cluster is green/yellow and the alias exists, else 503.
@router.get("/health", response_model=HealthResponse, summary="Elasticsearch and alias status",
            responses={**RATE_LIMITED, 503: {"model": HealthResponse}})
def health(es: Es, alias: Alias) -> Response:
    try:
        cluster = es.cluster.health(timeout="2s").body
        docs = es.count(index=alias).body["count"] if es.indices.exists_alias(name=alias) else None
    except (TransportError, ApiError) as exc:
        return json_response({"status": "unavailable", "error": type(exc).__name__}, 503)
    ok = cluster["status"] in ("green", "yellow") and docs is not None
    return json_response({"status": "ok" if ok else "degraded", "elasticsearch": cluster["status"],
                          "alias": alias, "docs": docs}, 200 if ok else 503)


# The search page (static HTML + JS, no build step) with a strict Content-Security-Policy.
@router.get("/", include_in_schema=False)
def page() -> FileResponse:
    return FileResponse(STATIC / "index.html", media_type="text/html", headers=PAGE_HEADERS)
