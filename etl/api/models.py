"""Response models of the API, for the OpenAPI documentation only (responses are built as plain JSON)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel


class FacetValue(BaseModel):
    value: str
    count: int
    selected: bool = False


class Highlight(BaseModel):
    title: str | None = None
    snippet: str = ""


class Hit(BaseModel):
    id: str
    title: str
    url: str
    published_at: str | None = None
    source: str = ""
    section: str | None = None
    authors: list[str] = []
    lead: str = ""
    persons: list[str] = []
    organizations: list[str] = []
    locations: list[str] = []
    events: list[str] = []
    tags: list[str] = []
    score: float | None = None
    highlight: Highlight


class Bucket(BaseModel):
    date: str
    count: int


class SearchResponse(BaseModel):
    total: int
    page: int
    size: int
    hits: list[Hit]
    facets: dict[str, list[FacetValue]]
    histogram: list[Bucket]
    next: str | None = None
    took_ms: int | None = None
    relaxed: bool = False


class ErrorResponse(BaseModel):
    error: str


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorResponse}, 422: {"model": ErrorResponse}, 503: {"model": ErrorResponse},
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": ErrorResponse}}
