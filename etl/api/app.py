"""Assemble the app: settings and client on ``app.state``, error handlers, routers, static files."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from etl.api import routes_articles, routes_search, routes_site
from etl.api.errors import add_error_handlers
from etl.api.routes_site import STATIC
from etl.core.settings import Settings
from etl.index.client import client

MAX_REQUEST_TIMEOUT = 10.0  # seconds: a page waits no longer for Elasticsearch


def create_app(settings: Settings | None = None, es=None) -> FastAPI:
    """Build the app for ``settings`` (default: from the environment).

    ``es``: an Elasticsearch client (default: one from ``settings``, 1 retry, at most 10 s a request).
    No request is sent while building; a backend that is down shows as 503s, never as an error here.
    """
    settings = settings or Settings.from_env()
    es = es or client(settings, max_retries=1,
                      request_timeout=min(settings.es_request_timeout, MAX_REQUEST_TIMEOUT))
    app = FastAPI(
        title="news-etl search",
        version="1.0",
        description="Read-only faceted search over the annotated news articles.",
    )
    app.state.settings = settings
    app.state.es = es
    add_error_handlers(app)
    for module in (routes_site, routes_search, routes_articles):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


def app_factory() -> FastAPI:
    """For ``uvicorn --factory etl.api:app_factory`` (settings from ``NEWS_ETL_*``)."""
    return create_app(Settings.from_env())
