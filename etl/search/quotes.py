"""Quote search: "what did Rex Tillerson say about Russia?" over the nested ``quotes`` field."""

from __future__ import annotations

import re

from etl.index.builder import fold
from etl.search.articles import SEARCH_TIMEOUT, run_search
from etl.search.query import FOLDED_FIELDS, HIGHLIGHT_POST, HIGHLIGHT_PRE, LINK_FIELDS
from etl.search.request import InvalidQuery, check_query_text, check_size
from etl.search.response import article_link

_QUESTION = re.compile(
    r"^\s*(?:what|how)\s+(?:did|does|has|have|do)\s+(?P<speaker>.+?)\s+"
    r"(?:say|said|says|tell|told|think|comment|talk)(?:ed)?\s+(?:about|on|regarding|of)\s+"
    r"(?P<about>.+?)\s*\??\s*$", re.I)
_QUOTES_BY = re.compile(r"^\s*quotes?\s+(?:by|from)\s+(?P<speaker>.+?)(?:\s+(?:about|on)\s+(?P<about>.+?))?\s*\??\s*$",
                        re.I)
_INNER_HITS = {"size": 5, "_source": ["quotes.speaker", "quotes.text"],
               "highlight": {"pre_tags": [HIGHLIGHT_PRE], "post_tags": [HIGHLIGHT_POST], "encoder": "html",
                             "fields": {"quotes.text": {"number_of_fragments": 0}}}}


def parse_quote_question(text: str) -> tuple[str, str] | None:
    """``"what did Rex Tillerson say about Russia?"`` -> ``("Rex Tillerson", "Russia")``, else None."""
    for rx in (_QUESTION, _QUOTES_BY):
        m = rx.match(text or "")
        if m:
            return m.group("speaker").strip(), (m.group("about") or "").strip()
    return None


def quote_search(es, index: str, speaker: str = "", about: str = "", size: int = 10,
                 timeout: float = SEARCH_TIMEOUT) -> dict:
    """Quotes by ``speaker`` (name words, case-insensitive) about ``about``, with their articles.

    Returns ``{"total", "speaker", "about", "hits": [{"id", "title", "url", "published_at", "source",
    "quotes": [{"speaker", "text", "highlight"}]}]}``. Raises InvalidQuery when both are empty,
    either is too long or too complex (:func:`etl.search.request.check_query_text`), or ``size``
    is out of range. The search is bounded by ``timeout`` (:func:`etl.search.articles.run_search`).
    """
    speaker, about = (speaker or "").strip(), (about or "").strip()
    if not speaker and not about:
        raise InvalidQuery("give a speaker, a topic, or both")
    check_query_text(speaker, "speaker")
    check_query_text(about, "topic")
    check_size(size)
    resp = run_search(es, index, quote_body(speaker, about, size), timeout)
    return {"total": resp["hits"]["total"]["value"], "speaker": speaker, "about": about,
            "hits": [_quote_hit(h) for h in resp["hits"]["hits"]]}


def quote_body(speaker: str, about: str, size: int) -> dict:
    """The ``_search`` body of :func:`quote_search` (``speaker`` and/or ``about`` non-empty)."""
    return {
        "query": {"bool": {"must": _quote_clauses(speaker, about)}},
        "size": size,
        "track_total_hits": True,
        "sort": ["_score", {"published_at": {"order": "desc", "missing": "_last"}}],
        "_source": {"includes": list(LINK_FIELDS)},
    }


def _speaker_query(speaker: str) -> dict | None:
    if not speaker:
        return None
    return {"bool": {"should": [
        {"match": {"quotes.speaker.text": {"query": speaker, "operator": "and"}}},
        {"match": {"quotes.speaker.text": {"query": fold(speaker), "operator": "and"}}},
    ], "minimum_should_match": 1}}


def _about_query(about: str) -> dict | None:
    if not about:
        return None
    # "Russia" should also find "the Russians": the stemmer keeps nationalities apart, so add prefixes.
    words = [w for w in re.findall(r"\w+", fold(about)) if len(w) >= 4]
    should = [{"simple_query_string": {"query": about, "fields": ["quotes.text"],
                                       "default_operator": "or", "lenient": True}}]
    if words:
        should.append({"simple_query_string": {"query": " ".join(w + "*" for w in words[:8]),
                                               "fields": ["quotes.text"], "default_operator": "or",
                                               "lenient": True, "boost": 0.5}})
    return {"bool": {"should": should, "minimum_should_match": 1}}


def _quote_clauses(speaker: str, about: str) -> list[dict]:
    """The ``must`` clauses: matching quotes (as inner hits), and with both parts, a topical article."""
    speaker_q, about_q = _speaker_query(speaker), _about_query(about)
    if not (speaker_q and about_q):
        return [{"nested": {"path": "quotes", "score_mode": "max", "inner_hits": _INNER_HITS,
                            "query": speaker_q or about_q}}]
    # The speaker's quotes, best-matching the topic first; the article must be about the topic
    # (in one of those quotes, or in its own text).
    return [
        {"nested": {"path": "quotes", "score_mode": "max", "inner_hits": _INNER_HITS,
                    "query": {"bool": {"must": [speaker_q], "should": [about_q]}}}},
        {"bool": {"should": [
            {"nested": {"path": "quotes", "query": {"bool": {"must": [speaker_q, about_q]}}}},
            {"simple_query_string": {"query": fold(about), "fields": list(FOLDED_FIELDS),
                                     "default_operator": "and", "lenient": True}},
        ], "minimum_should_match": 1}},
    ]


def _quote_hit(h: dict) -> dict:
    """One article hit with its matching quotes (highlighted where the topic matched)."""
    quotes = []
    for ih in h["inner_hits"]["quotes"]["hits"]["hits"]:
        q = ih["_source"]
        quotes.append({"speaker": q.get("speaker"), "text": q.get("text", ""),
                       "highlight": (ih.get("highlight", {}).get("quotes.text") or [None])[0]})
    return {**article_link(h), "quotes": quotes}
