"""``GET /articles/{doc_id}`` (one stored article) and ``GET /articles/{doc_id}/similar``.

Endpoints are described by comments, not docstrings: FastAPI would publish a docstring as the
operation's OpenAPI description, and the published API documentation stays as it is.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from etl.api.deps import Alias, Es, SearchTimeout
from etl.api.errors import error_response, json_response
from etl.api.models import NOT_FOUND, Article, SimilarResponse
from etl.api.params import MAX_ID_CHARS, DocId
from etl.search import MAX_SIZE, get_article, more_like_this

router = APIRouter()


# The stored article as JSON; 400 for an over-long id, 404 when missing.
@router.get("/articles/{doc_id}", response_model=Article, responses=NOT_FOUND, summary="One stored article")
def article(es: Es, alias: Alias, doc_id: DocId) -> Response:
    if len(doc_id) > MAX_ID_CHARS:
        return error_response(400, "id too long")
    doc = get_article(es, alias, doc_id)
    if doc is None:
        return error_response(404, f"no article with id {doc_id!r}")
    return json_response(doc)


# ``{"id", "similar": [...]}`` (:func:`etl.search.more_like_this`); 400 / 404 as for the article.
@router.get("/articles/{doc_id}/similar", response_model=SimilarResponse, responses=NOT_FOUND,
            summary="More like this article")
def similar(es: Es, alias: Alias, timeout: SearchTimeout, doc_id: DocId,
            size: Annotated[int, Query(ge=1, le=MAX_SIZE)] = 5) -> Response:
    if len(doc_id) > MAX_ID_CHARS:
        return error_response(400, "id too long")
    if get_article(es, alias, doc_id) is None:
        return error_response(404, f"no article with id {doc_id!r}")
    return json_response({"id": doc_id, "similar": more_like_this(es, alias, doc_id, size=size, timeout=timeout)})
