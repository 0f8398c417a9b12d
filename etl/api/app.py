"""Assemble the app: settings and client on ``app.state``, error handlers, routers, static files."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi_offline import FastAPIOffline

from etl.api import routes_alerts, routes_articles, routes_export, routes_search, routes_site
from etl.api.errors import add_error_handlers
from etl.api.middleware import RateLimit, SecurityHeaders
from etl.api.routes_site import STATIC, SiteStatic
from etl.core.settings import Settings
from etl.index.client import client

MAX_REQUEST_TIMEOUT = 10.0  # seconds: a page waits no longer for Elasticsearch


def create_app(settings: Settings | None = None, es=None) -> FastAPI:
    """Build the app for ``settings`` (default: from the environment).

    ``es``: an Elasticsearch client (default: one from ``settings``, 1 retry, at most 10 s a request).
    No request is sent while building; a backend that is down shows as 503s, never as an error here.
    Every response carries ``X-Content-Type-Options: nosniff``; each client IP may send
    ``settings.api_rate_limit`` requests a minute (``api_rate_burst`` at once), then gets 429s.
    ``/docs`` (Swagger UI) loads its scripts from this app (``/static-docs``), never from a CDN.
    With a credentials file (a secured local node) the app reads as the read-only ``api`` user.
    """
    settings = (settings or Settings.from_env()).with_es_role("api")
    es = es or client(settings, max_retries=1,
                      request_timeout=min(settings.es_request_timeout, MAX_REQUEST_TIMEOUT))
    app = FastAPIOffline(
        static_url="/static-docs",
        redoc_url=None,  # ReDoc's bundle fetches its logo from a CDN: /docs (Swagger UI) only
        title="news-etl search",
        version="1.0",
        description="Read-only faceted search over the annotated news articles.",
    )
    app.state.settings = settings
    app.state.es = es
    add_error_handlers(app)
    for module in (routes_site, routes_search, routes_articles, routes_export, routes_alerts):
        app.include_router(module.router)
    app.mount("/static", SiteStatic(directory=STATIC), name="static")  # with the page's CSP
    app.add_middleware(RateLimit, per_minute=settings.api_rate_limit, burst=settings.api_rate_burst)
    app.add_middleware(SecurityHeaders)  # outermost: 429s get the headers too
    return app


def app_factory() -> FastAPI:
    """For ``uvicorn --factory etl.api:app_factory`` (settings from ``NEWS_ETL_*``)."""
    return create_app(Settings.from_env())
