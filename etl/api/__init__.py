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

Modules: ``app`` (:func:`create_app`: state, handlers, routers), ``deps`` (settings, client
and alias as ``Depends``), ``routes_site`` (health, page), ``routes_search`` (search,
quotes), ``routes_articles`` (article, similar), ``models`` (OpenAPI response models),
``errors`` (JSON responses, error handlers). ``news-etl serve`` is :mod:`etl.cli.serve`.
"""

from etl.api.app import app_factory, create_app

__all__ = ["app_factory", "create_app"]
