"""JSON responses and the error handlers: bad input -> 400/422, Elasticsearch trouble -> 502/503/504."""

from __future__ import annotations

import json
import logging

from elasticsearch import ApiError, ConnectionTimeout, TransportError
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response

from etl.search import InvalidQuery

log = logging.getLogger("etl.api")


def json_response(data, status: int = 200) -> Response:
    """``data`` as compact UTF-8 JSON (non-ASCII kept as is) with ``status``."""
    return Response(content=json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"),
                    status_code=status, media_type="application/json")


def error_response(status: int, message: str) -> Response:
    """``{"error": message}`` with ``status``."""
    return json_response({"error": message}, status)


async def _validation(_request: Request, exc: RequestValidationError) -> Response:
    parts = []
    for e in exc.errors():
        loc = ".".join(str(x) for x in e.get("loc", ()) if x != "query")
        parts.append(f"{loc}: {e.get('msg')}")
    return error_response(422, "; ".join(parts) or "invalid request")


async def _invalid(_request: Request, exc: InvalidQuery) -> Response:
    return error_response(400, str(exc))


async def _transport(_request: Request, exc: TransportError) -> Response:
    log.warning("elasticsearch unavailable: %s", exc)
    return error_response(503, "search backend unavailable, try again later")


async def _timeout(_request: Request, exc: ConnectionTimeout) -> Response:
    log.warning("elasticsearch did not answer in time: %s", exc)
    return error_response(504, "the search took too long: try a simpler query")


async def _api(_request: Request, exc: ApiError) -> Response:
    status = getattr(exc, "status_code", None) or getattr(exc.meta, "status", 502)
    log.warning("elasticsearch error %s: %s", status, exc)
    if status == 404:
        return error_response(503, "the article index does not exist yet")
    if status in (429, 503):
        return error_response(503, "search backend busy, try again later")
    return error_response(502, "search backend error")


def add_error_handlers(app: FastAPI) -> None:
    """Install the handlers on ``app``: request validation 422, InvalidQuery 400, Elasticsearch
    502/503, a search cut by its time limit 504."""
    app.exception_handler(RequestValidationError)(_validation)
    app.exception_handler(InvalidQuery)(_invalid)
    app.exception_handler(ConnectionTimeout)(_timeout)
    app.exception_handler(TransportError)(_transport)
    app.exception_handler(ApiError)(_api)
