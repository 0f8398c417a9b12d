"""Search library over the article alias: full text, facets, filters, dates, highlight, paging.

One :class:`SearchRequest` -> one Elasticsearch ``_search`` body (:func:`build_body`) ->
one plain-dict result (:func:`parse_response`). :func:`search` does both. The API, the
page and ``news-etl search`` all go through here, so they agree.

- Full text uses ``simple_query_string`` (a user's stray quote or bracket never errors):
  ``"quoted phrases"`` (matched on the unstemmed ``.exact`` sub-fields), ``-exclude``,
  ``a | b``, ``prefix*``. All terms are required by default. Boosts: title > lead > body.
  The folded query (:func:`etl.index.builder.fold`) is also sent to the ``folded.*`` fields,
  so ``cafe`` finds ``Café`` and ``Putin`` finds ``Putin's``.
- Filters per facet: OR inside one facet, AND across facets.
- Multi-select facets: facet filters and the date range go into ``post_filter``; each
  facet's aggregation is filtered by every *other* facet's filter, so the counts of the
  other values of a facet stay visible while one is selected. Selected values always
  come back (even outside the top N).
- Date histogram of ``published_at``: filtered by the facet filters; without a date range
  it spans the data, with one it zooms to that range (see :func:`_histogram`).
- Sort by relevance (``_score``, then date) or by date; ties broken by ``doc_id`` so that
  ``search_after`` cursors are stable. ``page`` is capped to the 10,000 result window; go
  deeper with the opaque ``after`` cursor returned as ``next``.
"""

from __future__ import annotations

import base64
import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from etl.core.errors import EtlError
from etl.index.builder import fold

FACETS = (
    "persons", "organizations", "locations", "events", "authors", "agency", "site",
    "source", "section", "tags", "keywords", "language",
)
NORMALIZED_FACETS = ("section", "tags", "keywords", "language")  # keyword + lowercase normaliser
DEFAULT_FACETS = ("persons", "organizations", "locations", "events", "site", "section")
TEXT_FIELDS = ("title^3", "lead^2", "body")
FOLDED_FIELDS = ("folded.title^3", "folded.lead^2", "folded.body", "folded.names^2")
HIT_FIELDS = (
    "doc_id", "title", "url", "canonical_url", "lead", "published_at", "site", "source", "section",
    "authors", "agency", "language", "persons", "organizations", "locations", "events", "tags",
    "word_count", "images",
)
MAX_SIZE = 100
MAX_WINDOW = 10_000
MAX_QUERY_CHARS = 1000
MAX_FILTER_VALUES = 50
MAX_VALUE_CHARS = 300
MAX_FACET_SIZE = 100
SORTS = ("relevance", "date")
INTERVALS = ("auto", "day", "week", "month", "quarter", "year")
HIGHLIGHT_PRE, HIGHLIGHT_POST = "<mark>", "</mark>"


class InvalidQuery(EtlError):
    """The search request is invalid (a user error: 4xx, never retried)."""


@dataclass(frozen=True)
class SearchRequest:
    """What a user can ask for. Build with :meth:`create` to validate."""

    q: str = ""
    facets: tuple[str, ...] = DEFAULT_FACETS
    filters: dict = field(default_factory=dict)  # facet -> tuple of values
    date_from: str | None = None
    date_to: str | None = None
    sort: str = "relevance"
    page: int = 1
    size: int = 20
    after: str | None = None
    facet_size: int = 10
    interval: str = "auto"
    histogram: bool = True
    collapse: bool = False  # one hit per story (syndicated copies share ``story_id``)

    @classmethod
    def create(cls, q: str = "", facets=None, filters=None, date_from=None, date_to=None,
               sort: str = "relevance", page: int = 1, size: int = 20, after: str | None = None,
               facet_size: int = 10, interval: str = "auto", histogram: bool = True,
               collapse: bool = False) -> SearchRequest:
        """Validate and normalise user input. Raises InvalidQuery with a clear message."""
        q = (q or "").strip()
        if len(q) > MAX_QUERY_CHARS:
            raise InvalidQuery(f"query too long ({len(q)} characters, at most {MAX_QUERY_CHARS})")
        if "\x00" in q:
            raise InvalidQuery("query contains a NUL character")
        facets = tuple(dict.fromkeys(DEFAULT_FACETS if facets is None else facets))
        for f in facets:
            if f not in FACETS:
                raise InvalidQuery(f"unknown facet {f!r}; known: {', '.join(FACETS)}")
        norm_filters: dict[str, tuple[str, ...]] = {}
        for name, values in (filters or {}).items():
            if name not in FACETS:
                raise InvalidQuery(f"unknown filter field {name!r}; known: {', '.join(FACETS)}")
            if isinstance(values, str):
                values = (values,)
            vals = tuple(dict.fromkeys(v.strip() for v in values if v and v.strip()))
            if len(vals) > MAX_FILTER_VALUES:
                raise InvalidQuery(f"too many values for filter {name!r} (at most {MAX_FILTER_VALUES})")
            for v in vals:
                if len(v) > MAX_VALUE_CHARS or "\x00" in v:
                    raise InvalidQuery(f"invalid value for filter {name!r}")
            if vals:
                norm_filters[name] = vals
        d_from = _parse_date(date_from, "from")
        d_to = _parse_date(date_to, "to")
        if d_from and d_to and d_from > d_to:
            raise InvalidQuery(f"'from' ({d_from}) is after 'to' ({d_to})")
        if sort not in SORTS:
            raise InvalidQuery(f"sort must be one of {', '.join(SORTS)}")
        if interval not in INTERVALS:
            raise InvalidQuery(f"interval must be one of {', '.join(INTERVALS)}")
        if not isinstance(page, int) or page < 1:
            raise InvalidQuery("page must be a positive integer")
        if not isinstance(size, int) or not 1 <= size <= MAX_SIZE:
            raise InvalidQuery(f"size must be between 1 and {MAX_SIZE}")
        if not isinstance(facet_size, int) or not 1 <= facet_size <= MAX_FACET_SIZE:
            raise InvalidQuery(f"facet_size must be between 1 and {MAX_FACET_SIZE}")
        if after is not None and collapse:
            raise InvalidQuery("'collapse' cannot be combined with the 'after' cursor: page with 'page'")
        if after is not None:
            _decode_cursor(after, sort)
        elif page * size > MAX_WINDOW:
            raise InvalidQuery(
                f"page {page} is too deep (page x size must be at most {MAX_WINDOW}): "
                "follow the 'next' cursor with the 'after' parameter instead")
        return cls(q=q, facets=facets, filters=norm_filters, date_from=d_from, date_to=d_to, sort=sort,
                   page=page, size=size, after=after, facet_size=facet_size, interval=interval,
                   histogram=histogram, collapse=bool(collapse))


def _parse_date(value, label: str) -> str | None:
    if value is None or value == "":
        return None
    text = str(value).strip()
    try:
        if len(text) == 10:
            return date.fromisoformat(text).isoformat()
        return datetime.fromisoformat(text.replace("Z", "+00:00")).isoformat()
    except ValueError:
        raise InvalidQuery(f"'{label}' must be a date like 2017-01-31, got {text[:40]!r}") from None


def parse_filter(expr: str) -> tuple[str, str]:
    """Parse ``persons=Vladimir Putin`` or ``persons:Vladimir Putin`` (quotes optional)."""
    m = re.match(r"\s*([A-Za-z_]+)\s*[=:]\s*(.*)$", expr or "", re.S)
    if not m:
        raise InvalidQuery(f"filter must look like facet=value, got {expr[:60]!r}")
    value = m.group(2).strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        value = value[1:-1]
    if not value:
        raise InvalidQuery(f"filter {expr[:60]!r} has an empty value")
    return m.group(1), value


def group_filters(exprs) -> dict[str, tuple[str, ...]]:
    """``["persons=A", "persons=B", "site=X"]`` -> ``{"persons": ("A", "B"), "site": ("X",)}``."""
    out: dict[str, list[str]] = {}
    for e in exprs or ():
        k, v = parse_filter(e)
        out.setdefault(k, []).append(v)
    return {k: tuple(v) for k, v in out.items()}


# ----------------------------------------------------------------------------- cursor


def _encode_cursor(sort_values: list, sort: str) -> str:
    raw = json.dumps({"s": sort, "v": sort_values}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode_cursor(cursor: str, sort: str) -> list:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        data = json.loads(raw)
        values = data["v"]
        ok = (data["s"] == sort and isinstance(values, list) and len(values) == 3
              and all(isinstance(v, (int, float, str)) or v is None for v in values))
    except (ValueError, KeyError, TypeError):
        ok = False
    if not ok:
        raise InvalidQuery("invalid 'after' cursor (use the 'next' value of a previous response "
                           "with the same sort)")
    return values


# ----------------------------------------------------------------------------- query


def text_query(q: str, operator: str = "and") -> dict:
    """The full-text part: ``simple_query_string`` over boosted and folded fields."""
    if not q:
        return {"match_all": {}}
    common = {"default_operator": operator, "quote_field_suffix": ".exact", "lenient": True}
    should = [{"simple_query_string": {"query": q, "fields": list(TEXT_FIELDS), **common}}]
    folded = fold(q)
    should.append({"simple_query_string": {"query": folded, "fields": list(FOLDED_FIELDS), **common}})
    return {"bool": {"should": should, "minimum_should_match": 1}}


def _facet_filter(name: str, values) -> dict:
    return {"terms": {name: list(values)}}


def _date_filter(req: SearchRequest) -> dict | None:
    if not (req.date_from or req.date_to):
        return None
    rng: dict = {}
    if req.date_from:
        rng["gte"] = req.date_from
    if req.date_to:
        # A bare day means "up to the end of that day".
        rng["lte"] = req.date_to + ("||/d" if len(req.date_to) == 10 else "")
    return {"range": {"published_at": rng}}


def _interval(req: SearchRequest) -> str:
    if req.interval != "auto":
        return req.interval
    if req.date_from and req.date_to:
        span = date.fromisoformat(req.date_to[:10]) - date.fromisoformat(req.date_from[:10])
        if span <= timedelta(days=62):
            return "day"
        if span <= timedelta(days=3 * 366):
            return "month"
        return "year"
    return "month"


def _sort(req: SearchRequest) -> list:
    by_date = {"published_at": {"order": "desc", "missing": "_last"}}
    if req.sort == "date":
        return [by_date, {"doc_id": "asc"}, {"_score": "desc"}]
    return [{"_score": "desc"}, by_date, {"doc_id": "asc"}]


HISTOGRAM_FLOOR = "1990-01-01"  # dates before this (or far in the future) are bad data: no buckets


def _histogram(req: SearchRequest, facet_filters: list, date_f: dict | None) -> dict:
    """Date histogram of ``published_at`` under the facet filters, with empty buckets filled.

    Without a date range it spans the data (monthly by default), bounded to
    1990..today+2y so one bad date cannot create thousands of buckets. With a range it is
    zoomed to exactly that range (the interval follows its span).
    """
    interval = _interval(req)
    hist: dict = {"field": "published_at", "calendar_interval": interval, "format": "yyyy-MM-dd",
                  "min_doc_count": 0}
    if date_f:
        lo = (req.date_from or HISTOGRAM_FLOOR)[:10]
        hi = (req.date_to or (date.today() + timedelta(days=730)).isoformat())[:10]
        hist["extended_bounds"] = {"min": lo, "max": hi}
        hist["hard_bounds"] = {"min": lo, "max": hi}
    elif interval in ("day", "week"):
        hist["min_doc_count"] = 1  # spanning all the data: only days that have articles
    else:
        hist["hard_bounds"] = {"min": HISTOGRAM_FLOOR, "max": (date.today() + timedelta(days=730)).isoformat()}
    filters = facet_filters + ([date_f] if date_f else [])
    return {"filter": {"bool": {"filter": filters}}, "aggs": {"dates": {"date_histogram": hist}}}


def highlight(q: str) -> dict:
    """Highlight title, lead and body with any word of the query (original and folded forms).

    Each field also highlights through its ``.exact`` sub-field (``matched_fields``), so a quoted
    phrase, which is matched there, is marked too. Text is HTML-escaped (``encoder: html``).
    """
    common = {"fields": ["title", "lead", "body"], "default_operator": "or", "quote_field_suffix": ".exact",
              "lenient": True}
    should = [{"simple_query_string": {"query": q, **common}}]
    if fold(q) != q:
        should.append({"simple_query_string": {"query": fold(q), **common}})
    return {
        "pre_tags": [HIGHLIGHT_PRE], "post_tags": [HIGHLIGHT_POST], "encoder": "html",
        "require_field_match": True,
        "highlight_query": {"bool": {"should": should}},
        "fields": {
            "title": {"number_of_fragments": 0, "matched_fields": ["title", "title.exact"]},
            "lead": {"fragment_size": 200, "number_of_fragments": 1, "matched_fields": ["lead", "lead.exact"]},
            "body": {"fragment_size": 160, "number_of_fragments": 2, "no_match_size": 0,
                     "matched_fields": ["body", "body.exact"]},
        },
    }


def build_body(req: SearchRequest, operator: str = "and") -> dict:
    """The Elasticsearch ``_search`` body for ``req`` (no scripts, no user DSL).

    ``operator``: ``and`` (every word required, the default) or ``or`` (any word).
    """
    facet_filters = {name: _facet_filter(name, vals) for name, vals in req.filters.items()}
    date_f = _date_filter(req)
    post = list(facet_filters.values()) + ([date_f] if date_f else [])
    body: dict = {
        "query": text_query(req.q, operator),
        "size": req.size,
        "sort": _sort(req),
        "track_total_hits": True,
        "_source": {"includes": list(HIT_FIELDS)},
    }
    if req.after:
        body["search_after"] = _decode_cursor(req.after, req.sort)
    else:
        body["from"] = (req.page - 1) * req.size
    if post:
        body["post_filter"] = {"bool": {"filter": post}}
    if req.collapse:
        body["collapse"] = {"field": "story_id"}
    aggs: dict = {}
    if req.collapse:  # distinct stories among the hits (aggregations ignore post_filter: filter here)
        aggs["stories"] = {"filter": {"bool": {"filter": post}},
                           "aggs": {"n": {"cardinality": {"field": "story_id"}}}}
    for name in req.facets:
        others = [f for n, f in facet_filters.items() if n != name] + ([date_f] if date_f else [])
        inner: dict = {"values": {"terms": {"field": name, "size": req.facet_size}}}
        selected = req.filters.get(name)
        if selected:
            include = [v.lower() for v in selected] if name in NORMALIZED_FACETS else list(selected)
            inner["selected"] = {"terms": {"field": name, "include": include,
                                           "size": len(selected)}}
        aggs[f"facet_{name}"] = {"filter": {"bool": {"filter": others}}, "aggs": inner}
    if req.histogram:
        aggs["histogram"] = _histogram(req, list(facet_filters.values()), date_f)
    if aggs:
        body["aggs"] = aggs
    if req.q:
        body["highlight"] = highlight(req.q)
    return body


def parse_response(resp: dict, req: SearchRequest) -> dict:
    """Turn an Elasticsearch response into ``{"total", "hits", "facets", "histogram", "next"}``."""
    hits_in = resp["hits"]["hits"]
    hits = []
    for h in hits_in:
        src = h.get("_source", {})
        hl = h.get("highlight", {})
        snippet = " … ".join(hl.get("body", [])) or " ".join(hl.get("lead", []))
        title_hl = (hl.get("title") or [None])[0]
        if req.q and not title_hl:
            title_hl = _folded_marks(src.get("title", ""), req.q)
        if req.q and not snippet:
            snippet = _folded_marks(src.get("lead", ""), req.q) or ""
        hits.append({
            "id": h["_id"],
            "title": src.get("title", ""),
            "url": src.get("url", ""),
            "published_at": src.get("published_at"),
            "source": src.get("site") or src.get("source") or "",
            "section": src.get("section"),
            "authors": src.get("authors", []),
            "lead": src.get("lead", ""),
            "language": src.get("language"),
            "persons": src.get("persons", [])[:8],
            "organizations": src.get("organizations", [])[:8],
            "locations": src.get("locations", [])[:8],
            "events": src.get("events", [])[:8],
            "tags": src.get("tags", []),
            "word_count": src.get("word_count"),
            "image": next((i for i in src.get("images", []) if i.get("url")), None),
            "score": h.get("_score"),
            "highlight": {"title": title_hl, "snippet": snippet},
        })
    aggs = resp.get("aggregations", {})
    facets = {}
    for name in req.facets:
        agg = aggs.get(f"facet_{name}", {})
        selected = set(req.filters.get(name, ()))
        buckets = {b["key"]: b["doc_count"] for b in agg.get("values", {}).get("buckets", [])}
        for b in agg.get("selected", {}).get("buckets", []):
            buckets.setdefault(b["key"], b["doc_count"])
        # Selected values with no documents left still show (count 0) so they can be unselected.
        low = {k.lower() for k in buckets}
        for v in selected:
            if v not in buckets and v.lower() not in low:
                buckets[v] = 0
        facets[name] = [{"value": k, "count": c, "selected": k in selected or _isel(k, selected)}
                        for k, c in sorted(buckets.items(), key=lambda kv: (-kv[1], kv[0]))]
    histogram = [{"date": b["key_as_string"], "count": b["doc_count"]}
                 for b in aggs.get("histogram", {}).get("dates", {}).get("buckets", [])]
    total = resp["hits"]["total"]["value"]
    nxt = None
    if hits_in and len(hits_in) == req.size:
        start = 0 if req.after else (req.page - 1) * req.size
        if req.after or start + len(hits_in) < total:
            nxt = _encode_cursor(hits_in[-1]["sort"], req.sort)
    result = {"total": total, "took_ms": resp.get("took"), "page": req.page, "size": req.size,
              "hits": hits, "facets": facets, "histogram": histogram, "next": nxt}
    if req.collapse:
        result["stories"] = aggs.get("stories", {}).get("n", {}).get("value", len(hits))
    return result


_WORD = re.compile(r"\w[\w'’]*")


def _folded_marks(text: str, q: str) -> str | None:
    """Mark words of ``text`` equal to a query word once both are folded ("cafe" marks "Café").

    Used when Elasticsearch returned no highlight (a match through the ``folded.*`` fields,
    which are not in ``_source``). Returns escaped HTML, or None when nothing matches.
    """
    import html

    terms = {w.lower() for w in _WORD.findall(fold(q)) if len(w) > 1}
    if not text or not terms:
        return None
    out, last, hit = [], 0, False
    for m in _WORD.finditer(text):
        if fold(m.group()).lower() in terms:
            out += [html.escape(text[last:m.start()]), HIGHLIGHT_PRE, html.escape(m.group()), HIGHLIGHT_POST]
            last, hit = m.end(), True
    out.append(html.escape(text[last:]))
    return "".join(out) if hit else None


def _isel(value: str, selected: set) -> bool:
    # Facets with a lowercase normaliser return lowercased keys.
    return value.lower() in {s.lower() for s in selected}


_SYNTAX = re.compile(r"[\"+|\-*()~]")


def search(es, index: str, req: SearchRequest) -> dict:
    """Run ``req`` against ``index`` (the alias) and return the parsed result.

    When several plain words match nothing together, the search is run again matching any
    of them, ranked by how many match, and the result says ``"relaxed": true``.
    """
    resp = es.search(index=index, body=build_body(req))
    result = parse_response(resp.body if hasattr(resp, "body") else resp, req)
    result["relaxed"] = False
    if (result["total"] == 0 and not req.after and req.page == 1 and len(req.q.split()) > 1
            and not _SYNTAX.search(req.q)):
        resp = es.search(index=index, body=build_body(req, operator="or"))
        relaxed = parse_response(resp.body if hasattr(resp, "body") else resp, req)
        if relaxed["total"]:
            relaxed["relaxed"] = True
            return relaxed
    return result


# ----------------------------------------------------------------------------- single article


def get_article(es, index: str, doc_id: str) -> dict | None:
    """The stored article ``doc_id`` (``_source`` + ``id``), or None when missing."""
    from elasticsearch import NotFoundError

    try:
        resp = es.get(index=index, id=doc_id)
    except NotFoundError:
        return None
    return {"id": resp["_id"], **resp["_source"]}


def more_like_this(es, index: str, doc_id: str, size: int = 5) -> list[dict]:
    """Articles most similar to ``doc_id`` (title, lead and body terms)."""
    if not 1 <= size <= MAX_SIZE:
        raise InvalidQuery(f"size must be between 1 and {MAX_SIZE}")
    body = {
        "query": {"more_like_this": {
            "fields": ["title", "lead", "body"],
            "like": [{"_index": index, "_id": doc_id}],
            "min_term_freq": 1, "min_doc_freq": 1, "max_query_terms": 40,
            "minimum_should_match": "10%", "analyzer": "en_mlt",
        }},
        "size": size,
        "_source": {"includes": ["title", "url", "published_at", "site", "source"]},
    }
    resp = es.search(index=index, body=body)
    return [{"id": h["_id"], "title": h["_source"].get("title", ""), "url": h["_source"].get("url", ""),
             "published_at": h["_source"].get("published_at"),
             "source": h["_source"].get("site") or h["_source"].get("source") or "",
             "score": h["_score"]} for h in resp["hits"]["hits"]]


# ----------------------------------------------------------------------------- quotes

_QUESTION = re.compile(
    r"^\s*(?:what|how)\s+(?:did|does|has|have|do)\s+(?P<speaker>.+?)\s+"
    r"(?:say|said|says|tell|told|think|comment|talk)(?:ed)?\s+(?:about|on|regarding|of)\s+"
    r"(?P<about>.+?)\s*\??\s*$", re.I)
_QUOTES_BY = re.compile(r"^\s*quotes?\s+(?:by|from)\s+(?P<speaker>.+?)(?:\s+(?:about|on)\s+(?P<about>.+?))?\s*\??\s*$",
                        re.I)


def parse_quote_question(text: str) -> tuple[str, str] | None:
    """``"what did Rex Tillerson say about Russia?"`` -> ``("Rex Tillerson", "Russia")``, else None."""
    for rx in (_QUESTION, _QUOTES_BY):
        m = rx.match(text or "")
        if m:
            return m.group("speaker").strip(), (m.group("about") or "").strip()
    return None


def quote_search(es, index: str, speaker: str = "", about: str = "", size: int = 10) -> dict:
    """Quotes by ``speaker`` (name words, case-insensitive) about ``about``, with their articles.

    Returns ``{"total", "hits": [{"id", "title", "url", "published_at", "source",
    "quotes": [{"speaker", "text", "highlight"}]}]}``.
    """
    speaker, about = (speaker or "").strip(), (about or "").strip()
    if not speaker and not about:
        raise InvalidQuery("give a speaker, a topic, or both")
    if len(speaker) > MAX_VALUE_CHARS or len(about) > MAX_QUERY_CHARS:
        raise InvalidQuery("speaker or topic too long")
    if not 1 <= size <= MAX_SIZE:
        raise InvalidQuery(f"size must be between 1 and {MAX_SIZE}")
    speaker_q = {"bool": {"should": [
        {"match": {"quotes.speaker.text": {"query": speaker, "operator": "and"}}},
        {"match": {"quotes.speaker.text": {"query": fold(speaker), "operator": "and"}}},
    ], "minimum_should_match": 1}} if speaker else None
    about_q = None
    if about:
        # "Russia" should also find "the Russians": the stemmer keeps nationalities apart, so add prefixes.
        words = [w for w in re.findall(r"\w+", fold(about)) if len(w) >= 4]
        should = [{"simple_query_string": {"query": about, "fields": ["quotes.text"],
                                           "default_operator": "or", "lenient": True}}]
        if words:
            should.append({"simple_query_string": {"query": " ".join(w + "*" for w in words[:8]),
                                                   "fields": ["quotes.text"], "default_operator": "or",
                                                   "lenient": True, "boost": 0.5}})
        about_q = {"bool": {"should": should, "minimum_should_match": 1}}
    inner_hits = {"size": 5, "_source": ["quotes.speaker", "quotes.text"],
                  "highlight": {"pre_tags": [HIGHLIGHT_PRE], "post_tags": [HIGHLIGHT_POST], "encoder": "html",
                                "fields": {"quotes.text": {"number_of_fragments": 0}}}}
    if speaker_q and about_q:
        # The speaker's quotes, best-matching the topic first; the article must be about the topic
        # (in one of those quotes, or in its own text).
        must = [
            {"nested": {"path": "quotes", "score_mode": "max", "inner_hits": inner_hits,
                        "query": {"bool": {"must": [speaker_q], "should": [about_q]}}}},
            {"bool": {"should": [
                {"nested": {"path": "quotes", "query": {"bool": {"must": [speaker_q, about_q]}}}},
                {"simple_query_string": {"query": fold(about), "fields": list(FOLDED_FIELDS),
                                         "default_operator": "and", "lenient": True}},
            ], "minimum_should_match": 1}},
        ]
    else:
        must = [{"nested": {"path": "quotes", "score_mode": "max", "inner_hits": inner_hits,
                            "query": speaker_q or about_q}}]
    body = {
        "query": {"bool": {"must": must}},
        "size": size,
        "track_total_hits": True,
        "sort": ["_score", {"published_at": {"order": "desc", "missing": "_last"}}],
        "_source": {"includes": ["title", "url", "published_at", "site", "source"]},
    }
    resp = es.search(index=index, body=body)
    hits = []
    for h in resp["hits"]["hits"]:
        src = h["_source"]
        quotes = []
        for ih in h["inner_hits"]["quotes"]["hits"]["hits"]:
            q = ih["_source"]
            quotes.append({"speaker": q.get("speaker"), "text": q.get("text", ""),
                           "highlight": (ih.get("highlight", {}).get("quotes.text") or [None])[0]})
        hits.append({"id": h["_id"], "title": src.get("title", ""), "url": src.get("url", ""),
                     "published_at": src.get("published_at"),
                     "source": src.get("site") or src.get("source") or "", "quotes": quotes})
    return {"total": resp["hits"]["total"]["value"], "speaker": speaker, "about": about, "hits": hits}
