"""``GET /health`` (Elasticsearch and alias status) and ``GET /`` (the search page).

Endpoints are described by comments, not docstrings: FastAPI would publish a docstring as the
operation's OpenAPI description, and the published API documentation stays as it is.
"""

from __future__ import annotations

from pathlib import Path

from elasticsearch import ApiError, TransportError
from fastapi import APIRouter
from fastapi.responses import FileResponse, Response

from etl.api.deps import Alias, Es
from etl.api.errors import json_response

STATIC = Path(__file__).resolve().parent / "static"
PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; "
                               "frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}

router = APIRouter()


# 200 ``{"status": "ok", ...}`` when the cluster is green/yellow and the alias exists, else 503.
@router.get("/health", summary="Elasticsearch and alias status")
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
