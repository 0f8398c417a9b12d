"""``GET /alerts/{name}.atom``: a saved search's notifications as an Atom feed (see :mod:`etl.alerts`).

Endpoints are described by comments, not docstrings: FastAPI would publish a docstring as the
operation's OpenAPI description, and the published API documentation stays as it is.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import Response

from etl.alerts import log as alert_log
from etl.alerts.atom import MEDIA_TYPE, render
from etl.alerts.store import AlertError, get_alert
from etl.api.deps import Es, get_settings
from etl.api.errors import error_response
from etl.api.models import ERRORS, NOT_FOUND
from etl.core.settings import Settings

router = APIRouter()


# The newest notifications of alert ``name`` (``alert_feed_size``), newest first; 404 for an unknown alert.
@router.get("/alerts/{name}.atom", responses={**ERRORS, **NOT_FOUND}, summary="A saved search's notifications (Atom feed)",
            response_class=Response)
def alert_feed(
    request: Request,
    es: Es,
    settings: Annotated[Settings, Depends(get_settings)],
    name: Annotated[str, Path(pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$", description="the alert's name")],
) -> Response:
    try:
        alert = get_alert(es, settings, name)
    except AlertError as exc:
        return error_response(404, str(exc))
    entries = alert_log.recent(es, settings, name, settings.alert_feed_size)
    return Response(render(alert, entries, settings.index_alias, str(request.url)), media_type=MEDIA_TYPE)
