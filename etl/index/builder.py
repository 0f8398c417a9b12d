"""The Elasticsearch document for one article: ``to_document`` and the folded fields.

``to_document(a)`` is the ``_source`` indexed for an :class:`~etl.core.records.AnnotatedArticle`
(``_id`` is ``a.article.doc_id``). It satisfies the strict mapping in
``mappings/articles.json``.

ASCII folding and possessive stripping: the Elasticsearch distribution we target has no
``analysis-common`` module (no ``asciifolding``, no possessive stemmer), so we fold in
Python at index time into the ``folded.*`` fields (``Café Müller's`` -> ``Cafe Muller``).
Those fields are indexed but excluded from ``_source`` by the mapping, so they cost no
storage in the returned document; :func:`derived_fields` recomputes them from a
``_source`` (used when migrating to a new index version). Queries are folded the same way
(:func:`fold`) and sent to both the original and the folded fields.
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date, datetime

from etl.core.records import AnnotatedArticle
from etl.core.urls import safe_http_url

# Letters that NFKD does not decompose into ASCII + combining marks.
_SPECIAL = str.maketrans({
    "ß": "ss", "ẞ": "SS", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ø": "o", "Ø": "O",
    "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th",
    "ı": "i", "‘": "'", "’": "'", "ʼ": "'", "′": "'", "“": '"', "”": '"', "„": '"',
    "«": '"', "»": '"', "–": "-", "—": "-", "‐": "-", "‑": "-", "\u00a0": " ",
})
_POSSESSIVE = re.compile(r"(?<=\w)'s\b", re.IGNORECASE)
_TRAILING_POSSESSIVE = re.compile(r"(?<=s)'(?=\s|$)")


def fold(text: str) -> str:
    """Fold ``text`` to ASCII where possible and drop English possessives.

    Letters without an ASCII form (e.g. CJK) are kept. Idempotent: ``fold(fold(x)) == fold(x)``.
    """
    if not text:
        return ""
    text = text.translate(_SPECIAL)
    if not text.isascii():  # only the non-ASCII runs need decomposing (most news text is ASCII)
        text = _NON_ASCII.sub(_fold_run, text)
    text = _POSSESSIVE.sub("", text)
    return _TRAILING_POSSESSIVE.sub("", text)


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _fold_run(match: re.Match) -> str:
    decomposed = unicodedata.normalize("NFKD", match.group())
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def _date(value: str | None) -> str | None:
    """Return ``value`` when it is an ISO 8601 date(-time) Elasticsearch accepts, else None."""
    if not value:
        return None
    text = value.strip()
    try:
        datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return text


def publisher_day(day: str | None, at: str | None) -> str | None:
    """The publisher's calendar day (``YYYY-MM-DD``) of a document: ``day`` when it is a valid
    day, else the date part of ``at`` as written (its own offset), else None.

    The cleaner keeps the page's offset in ``*_at``, so its date part is the publisher's day;
    documents indexed before ``*_day`` existed stored UTC instants, whose day may be one off
    (re-clean them with ``news_reprocess`` to get the page's own day).
    """
    for text in (day or "", (at or "")[:10]):
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            continue
    return None


def _unique(values) -> list[str]:
    seen: dict[str, None] = {}
    for v in values or ():
        v = (v or "").strip()
        if v and v not in seen:
            seen[v] = None
    return list(seen)


def to_document(a: AnnotatedArticle) -> dict:
    """Return the ``_source`` of article ``a`` for the strict article mapping.

    Empty strings and missing dates are left out; entity mentions are not indexed
    (only name, type, count, salience and first offset). An image URL that is not absolute
    http(s) is stored as null (:func:`etl.core.urls.safe_http_url`).
    """
    art, ann = a.article, a.annotation
    doc: dict = {
        "doc_id": art.doc_id,
        "url": art.url,
        "canonical_url": art.canonical_url or art.url,
        "title": art.title or "",
        "lead": art.lead or "",
        "body": art.body or "",
        "body_html": art.body_html or None,  # stored only (mapping: not indexed)
        "authors": _unique(art.authors),
        "agency": art.agency or None,
        "site": art.site_name or None,
        "source": art.source or None,
        "section": art.section or None,
        "tags": _unique(art.tags),
        "keywords": _unique(ann.keywords),
        "language": ann.language or art.language or None,
        "dateline": ann.dateline or None,
        "published_at": _date(art.published_at),
        "modified_at": _date(art.modified_at),
        "published_day": publisher_day(art.published_day, _date(art.published_at)),
        "modified_day": publisher_day(art.modified_day, _date(art.modified_at)),
        "fetched_at": _date(art.fetched_at),
        "persons": _unique(ann.persons),
        "organizations": _unique(ann.organizations),
        "locations": _unique(ann.locations),
        "events": _unique(ann.events),
        "entities": [
            {
                "name": e.name,
                "type": e.type,
                "count": int(e.count),
                "salience": float(e.salience) if math.isfinite(float(e.salience)) else 0.0,
                "first_offset": int(e.first_offset),
                "sources": list(e.sources),
            }
            for e in ann.entities
            if e.name
        ],
        "quotes": [
            {"speaker": q.speaker or None, "text": q.text, "offset": int(q.offset)}
            for q in ann.quotes
            if q.text
        ],
        "images": [
            {"url": safe_http_url(i.url), "caption": i.caption or None, "credit": i.credit or None}
            for i in art.images
        ],
        "word_count": int(ann.word_count or len((art.body or "").split())),
        "content_hash": art.content_hash or None,
        "story_id": art.story_id or art.doc_id,  # never missing: collapse groups missing values together
        "provenance": {
            "extractor_version": art.extractor_version or None,
            "model": ann.model or None,
            "run_id": a.run_id or None,
            "fields": dict(art.provenance or {}),
        },
    }
    doc = {k: v for k, v in doc.items() if v is not None and v != []}
    doc["folded"] = derived_fields(doc)["folded"]
    return doc


def derived_fields(source: dict) -> dict:
    """Fields computed from a ``_source``: ``folded.*`` (never stored in it) and, for a document of
    an older mapping that lacks them, ``published_day``/``modified_day`` (:func:`publisher_day`)."""
    names = [*source.get("persons", ()), *source.get("organizations", ()),
             *source.get("locations", ()), *source.get("events", ()), *source.get("authors", ())]
    names += [q.get("speaker") or "" for q in source.get("quotes", ())]
    out: dict = {
        "folded": {
            "title": fold(source.get("title", "")),
            "lead": fold(source.get("lead", "")),
            "body": fold(source.get("body", "")),
            "names": [fold(n) for n in _unique(names)],
        }
    }
    for name in ("published", "modified"):
        day = publisher_day(source.get(f"{name}_day"), source.get(f"{name}_at"))
        if day and day != source.get(f"{name}_day"):
            out[f"{name}_day"] = day
    return out
