"""Record types passed between stages: candidate URL -> fetched page -> cleaned article -> annotated article.

Every record is a frozen dataclass with ``to_dict``/``from_dict`` so batches can be
written to the staging store as JSON lines. A stage that cannot produce its output
record returns a :class:`Rejection` instead (a counted, expected drop).
"""

from __future__ import annotations

import base64
import dataclasses
from dataclasses import dataclass, field
from typing import Any


def _plain(value: Any) -> Any:
    """Convert dataclasses/tuples into JSON-friendly values. Bytes (a page's body) become
    ``{"__utf8__": text}`` when they are valid UTF-8 (decoding and re-encoding is then exact, and
    the staged text is a third smaller than base64 and compresses faster), else ``{"__b64__": ...}``."""
    if dataclasses.is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, bytes):
        try:
            return {"__utf8__": value.decode("utf-8")}
        except UnicodeDecodeError:
            return {"__b64__": base64.b64encode(value).decode("ascii")}
    return value


def _unplain(value: Any) -> Any:
    if isinstance(value, dict) and len(value) == 1:
        if "__utf8__" in value:
            return value["__utf8__"].encode("utf-8")
        if "__b64__" in value:
            return base64.b64decode(value["__b64__"])
    return value


def _build(cls, data: dict):
    """Build a record of ``cls`` from a dict made by ``to_dict`` (unknown keys ignored)."""
    kwargs = {}
    for f in dataclasses.fields(cls):
        if f.name not in data:
            continue
        value = _unplain(data[f.name])
        nested = _NESTED.get((cls.__name__, f.name))
        if nested is not None and value is not None:
            if isinstance(value, list):
                value = tuple(_build(nested, v) for v in value)
            else:
                value = _build(nested, value)
        elif isinstance(value, list):
            value = tuple(value)
        kwargs[f.name] = value
    return cls(**kwargs)


class _Record:
    def to_dict(self) -> dict:
        """Return the record as a JSON-serialisable dict."""
        return _plain(self)

    @classmethod
    def from_dict(cls, data: dict):
        """Rebuild the record from the output of :meth:`to_dict`."""
        return _build(cls, data)


@dataclass(frozen=True)
class Rejection(_Record):
    """An expected drop: which stage refused which URL, and why (a short reason code)."""

    url: str
    stage: str
    reason: str
    detail: str = ""
    source: str = ""  # name of the source that listed the URL (for per-source run reports)


@dataclass(frozen=True)
class Candidate(_Record):
    """A URL to fetch, found by the discover stage in a source (URL list, feed or sitemap)."""

    url: str  # normalised URL
    source: str  # name of the source that listed it
    lastmod: str | None = None  # ISO 8601 date the feed or sitemap gives for the page, if any


@dataclass(frozen=True)
class FetchedPage(_Record):
    """Raw HTTP response for one article URL."""

    url: str  # URL as requested (after normalisation)
    final_url: str  # URL after redirects
    status: int
    content: bytes
    content_type: str = ""
    # Charset label sniffed from the body (etl.core.encoding.sniff_charset): BOM, else the HTTP header's
    # or <meta> label when the body decodes with it, else detected. Not simply the header's charset.
    encoding: str | None = None
    headers: dict = field(default_factory=dict)
    fetched_at: str = ""  # ISO 8601, UTC; the run's logical date when fetched by a DAG
    source: str = ""  # name of the source that listed this URL


@dataclass(frozen=True)
class Image(_Record):
    url: str = ""
    caption: str = ""
    credit: str = ""


@dataclass(frozen=True)
class CleanedArticle(_Record):
    """Article text and metadata extracted from a page; ``provenance`` maps field -> source."""

    url: str
    doc_id: str
    title: str
    body: str  # plain text, one paragraph per line, title excluded
    canonical_url: str = ""
    lead: str = ""
    authors: tuple[str, ...] = ()
    agency: str = ""
    site_name: str = ""
    section: str = ""
    tags: tuple[str, ...] = ()
    language: str = ""
    published_at: str | None = None  # ISO 8601 as the page gave it: a day, or a time with the publisher's offset
    modified_at: str | None = None
    images: tuple[Image, ...] = ()
    provenance: dict = field(default_factory=dict)
    fetched_at: str = ""
    source: str = ""
    content_hash: str = ""
    extractor_version: str = ""
    story_id: str = ""  # groups exact and near-duplicate copies of one story (etl.clean.dedupe)
    # The body as safe, minimal HTML (etl.clean.html allowlist); ``body`` is this tree's text.
    body_html: str = ""
    published_day: str | None = None  # YYYY-MM-DD, the publisher's calendar day of published_at
    modified_day: str | None = None


@dataclass(frozen=True)
class Mention(_Record):
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Entity(_Record):
    name: str  # canonical name
    type: str  # person | organization | location | event
    count: int
    salience: float
    first_offset: int
    mentions: tuple[Mention, ...] = ()
    sources: tuple[str, ...] = ()  # how it was found: model, name-shape, title-rule, gazetteer, dateline


@dataclass(frozen=True)
class Quote(_Record):
    speaker: str
    text: str
    offset: int = -1


@dataclass(frozen=True)
class Annotation(_Record):
    """What the annotate stage adds to an article."""

    language: str = ""
    persons: tuple[str, ...] = ()
    organizations: tuple[str, ...] = ()
    locations: tuple[str, ...] = ()
    events: tuple[str, ...] = ()
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    keywords: tuple[str, ...] = ()
    dateline: str = ""
    word_count: int = 0
    model: str = ""


@dataclass(frozen=True)
class AnnotatedArticle(_Record):
    """A cleaned article plus its annotation: the unit loaded into Elasticsearch."""

    article: CleanedArticle
    annotation: Annotation
    run_id: str = ""


_NESTED = {
    ("CleanedArticle", "images"): Image,
    ("Entity", "mentions"): Mention,
    ("Annotation", "entities"): Entity,
    ("Annotation", "quotes"): Quote,
    ("AnnotatedArticle", "article"): CleanedArticle,
    ("AnnotatedArticle", "annotation"): Annotation,
}
