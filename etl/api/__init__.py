"""The read-only search API and web page (``news-etl serve``).

Endpoints (OpenAPI at ``/docs`` and ``/openapi.json``):

- ``GET /search``: full-text search with facets, filters, date range, histogram, paging.
- ``GET /quotes``: quote search ("what did Rex Tillerson say about Russia").
- ``GET /articles/{id}`` and ``GET /articles/{id}/similar``.
- ``GET /health``: Elasticsearch and alias status.
- ``GET /export``: every hit of a search as CSV or JSON lines, streamed (``routes_export``).
- ``GET /alerts/{name}.atom``: a saved search's notifications as an Atom feed (``routes_alerts``).
- ``GET /``: the search page (static HTML + JS under ``etl/api/static``, no build step).

Only the article alias (and, for the feeds, the alerts indices) is ever read. Users cannot send scripts or query DSL: every
request is validated into an :class:`etl.search.SearchRequest`. Bad input gets a 400
(or 422 for type errors) with ``{"error": "..."}``, and so does a query over the cost caps
("query too complex: ..."); Elasticsearch being down is a 503, a search over its time limit a
504, a client over the rate limit a 429 with ``Retry-After``.

Modules: ``app`` (:func:`create_app`: state, handlers, routers), ``deps`` (settings, client
and alias as ``Depends``), ``middleware`` (per-client rate limit, security headers),
``params`` (shared query parameters with their OpenAPI schema), ``routes_site`` (health,
page), ``routes_search`` (search, quotes), ``routes_articles`` (article, similar), ``models``
(OpenAPI response models), ``errors`` (JSON responses, error handlers). ``news-etl serve`` is :mod:`etl.cli.serve`.
"""

from etl.api.app import app_factory, create_app

__all__ = ["app_factory", "create_app"]
