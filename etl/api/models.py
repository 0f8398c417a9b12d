"""Response models of the API, for the OpenAPI documentation only (responses are built as plain JSON).

They must describe what the routes really send: ``tests/test_api_fuzz.py`` checks every
response of a schema-driven fuzzer (Schemathesis) against them.
"""

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


class ArticleLink(BaseModel):
    id: str
    title: str
    url: str
    published_at: str | None = None  # as the page gave it, in the publisher's offset (or a bare day)
    published_day: str | None = None  # the publisher's calendar day, YYYY-MM-DD
    source: str = ""


class Image(BaseModel):
    url: str  # absolute http(s), safe to put in a page as it is
    caption: str | None = None
    credit: str | None = None


class Described(BaseModel):
    """What a hit and a stored article both say about the article."""

    section: str | None = None
    authors: list[str] = []
    lead: str = ""
    persons: list[str] = []
    organizations: list[str] = []
    locations: list[str] = []
    events: list[str] = []
    tags: list[str] = []


class Hit(ArticleLink, Described):
    image: Image | None = None
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
    timed_out: bool = False  # Elasticsearch stopped at the time limit: hits and counts are partial


class QuoteText(BaseModel):
    speaker: str | None = None
    text: str
    highlight: str | None = None


class QuoteHit(ArticleLink):
    quotes: list[QuoteText]


class QuotesResponse(BaseModel):
    total: int
    speaker: str
    about: str
    hits: list[QuoteHit]


class StoredQuote(BaseModel):
    speaker: str | None = None
    text: str
    offset: int | None = None


class Article(Described):
    """The stored article (``_source``): empty fields are left out; only the main ones are listed."""

    id: str
    url: str
    title: str = ""
    body: str = ""
    body_html: str = ""  # the body as safe, minimal HTML (etl/clean/html.py allowlist); body is its text
    published_at: str | None = None
    published_day: str | None = None
    modified_at: str | None = None
    modified_day: str | None = None
    site: str | None = None
    source: str | None = None
    images: list[Image] = []
    quotes: list[StoredQuote] = []
    word_count: int | None = None


class SimilarHit(ArticleLink):
    score: float


class SimilarResponse(BaseModel):
    id: str
    similar: list[SimilarHit]


class HealthResponse(BaseModel):
    status: str  # ok, degraded or unavailable
    elasticsearch: str | None = None
    alias: str | None = None
    docs: int | None = None
    error: str | None = None


class ErrorResponse(BaseModel):
    error: str


ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorResponse} for code in (400, 422, 429, 502, 503, 504)
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {**ERRORS, 404: {"model": ErrorResponse}}
RATE_LIMITED: dict[int | str, dict[str, Any]] = {429: {"model": ErrorResponse}}
