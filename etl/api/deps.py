"""Request dependencies: the settings, the Elasticsearch client, the alias and the search time limit.

:func:`etl.api.app.create_app` puts ``settings`` and ``es`` on ``app.state``; routes ask for
them with ``Depends`` (the ``Es``, ``Alias`` and ``SearchTimeout`` annotations), never through globals.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Request

from etl.core.settings import Settings


async def get_settings(request: Request) -> Settings:
    """The app's :class:`Settings` (async: read on the event loop, no thread hop)."""
    return request.app.state.settings


async def get_es(request: Request) -> Any:
    """The app's Elasticsearch client."""
    return request.app.state.es


async def get_alias(settings: Annotated[Settings, Depends(get_settings)]) -> str:
    """The article alias: the only index the API reads."""
    return settings.index_alias


async def get_search_timeout(settings: Annotated[Settings, Depends(get_settings)]) -> float:
    """Seconds one search may run in Elasticsearch (``settings.search_timeout``)."""
    return settings.search_timeout


Es = Annotated[Any, Depends(get_es)]
Alias = Annotated[str, Depends(get_alias)]
SearchTimeout = Annotated[float, Depends(get_search_timeout)]
