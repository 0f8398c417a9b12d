"""A :class:`~etl.search.request.SearchRequest` -> the Elasticsearch ``_search`` body.

Only this module writes query DSL for article search; no user text ever becomes DSL except
as the query string of ``simple_query_string`` or as a ``terms`` value.
"""

from __future__ import annotations

from datetime import date, timedelta

from etl.index.builder import fold
from etl.search.request import NORMALIZED_FACETS, SearchRequest, decode_cursor

TEXT_FIELDS = ("title^3", "lead^2", "body")
FOLDED_FIELDS = ("folded.title^3", "folded.lead^2", "folded.body", "folded.names^2")
HIT_FIELDS = (
    "doc_id", "title", "url", "canonical_url", "lead", "published_at", "published_day", "site", "source", "section",
    "authors", "agency", "language", "persons", "organizations", "locations", "events", "tags",
    "word_count", "images",
)
LINK_FIELDS = ("title", "url", "published_at", "published_day", "site", "source")  # enough to list an article
DAY_FIELD = "published_day"  # the publisher's calendar day: day filters, histogram, date sort
HIGHLIGHT_PRE, HIGHLIGHT_POST = "<mark>", "</mark>"
HISTOGRAM_FLOOR = "1990-01-01"  # dates before this (or far in the future) are bad data: no buckets


def text_query(q: str, operator: str = "and") -> dict:
    """The full-text part: ``simple_query_string`` over boosted and folded fields.

    ``q`` empty -> ``match_all``. ``operator``: ``and`` (every word required) or ``or``.
    """
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
    """The date range: a bare day bound on the publisher's day (``published_day``, both ends
    inclusive), a bound with a time on the instant (``published_at``); None without bounds."""
    clauses = [{"range": {DAY_FIELD if len(bound) == 10 else "published_at": {op: bound}}}
               for bound, op in ((req.date_from, "gte"), (req.date_to, "lte")) if bound]
    if len(clauses) < 2:
        return clauses[0] if clauses else None
    return {"bool": {"filter": clauses}}


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
    """Relevance: score, then the publisher's day. Date: the publisher's day, then the time within
    it (a bare day counts as its midnight UTC). ``doc_id`` breaks ties, so cursors are stable."""
    by_day = {DAY_FIELD: {"order": "desc", "missing": "_last"}}
    if req.sort == "date":
        return [by_day, {"published_at": {"order": "desc", "missing": "_last"}}, {"doc_id": "asc"}]
    return [{"_score": "desc"}, by_day, {"doc_id": "asc"}]


def _histogram(req: SearchRequest, facet_filters: list, date_f: dict | None) -> dict:
    """Date histogram of the publisher's day (``published_day``) under the facet filters, with empty buckets filled.

    Without a date range it spans the data (monthly by default), bounded to
    1990..today+2y so one bad date cannot create thousands of buckets. With a range it is
    zoomed to exactly that range (the interval follows its span).
    """
    interval = _interval(req)
    hist: dict = {"field": DAY_FIELD, "calendar_interval": interval, "format": "yyyy-MM-dd",
                  "min_doc_count": 0}
    if date_f:
        lo = (req.date_from or HISTOGRAM_FLOOR)[:10]
        hi = (req.date_to or (date.today() + timedelta(days=730)).isoformat())[:10]
        if lo > hi:  # one bound beyond the default other end (to before 1990, from after today+2y)
            lo, hi = (hi, hi) if req.date_to else (lo, lo)
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


def _facet_agg(req: SearchRequest, name: str, facet_filters: dict[str, dict], date_f: dict | None) -> dict:
    """Counts of facet ``name`` under every *other* filter, plus its selected values (even outside the top N)."""
    others = [f for n, f in facet_filters.items() if n != name] + ([date_f] if date_f else [])
    inner: dict = {"values": {"terms": {"field": name, "size": req.facet_size}}}
    selected = req.filters.get(name)
    if selected:
        include = [v.lower() for v in selected] if name in NORMALIZED_FACETS else list(selected)
        inner["selected"] = {"terms": {"field": name, "include": include, "size": len(selected)}}
    return {"filter": {"bool": {"filter": others}}, "aggs": inner}


def _aggregations(req: SearchRequest, facet_filters: dict[str, dict], date_f: dict | None,
                  post: list) -> dict:
    aggs: dict = {}
    if req.collapse:  # distinct stories among the hits (aggregations ignore post_filter: filter here)
        aggs["stories"] = {"filter": {"bool": {"filter": post}},
                           "aggs": {"n": {"cardinality": {"field": "story_id"}}}}
    for name in req.facets:
        aggs[f"facet_{name}"] = _facet_agg(req, name, facet_filters, date_f)
    if req.histogram:
        aggs["histogram"] = _histogram(req, list(facet_filters.values()), date_f)
    return aggs


def build_body(req: SearchRequest, operator: str = "and") -> dict:
    """The Elasticsearch ``_search`` body for ``req`` (no scripts, no user DSL).

    ``operator``: ``and`` (every word required, the default) or ``or`` (any word).
    Facet filters and the date range go into ``post_filter`` so facet counts stay multi-select.
    """
    facet_filters = {name: _facet_filter(name, vals) for name, vals in req.filters.items()}
    date_f = _date_filter(req)
    post = list(facet_filters.values()) + ([date_f] if date_f else [])
    body: dict = {
        "query": text_query(req.q, operator),
        "size": req.size,
        "sort": _sort(req),
        "track_total_hits": True,
        "track_scores": req.sort == "date",  # hits keep their score when sorted by date
        "_source": {"includes": list(HIT_FIELDS)},
    }
    if req.after:
        body["search_after"] = decode_cursor(req.after, req.sort)
    else:
        body["from"] = (req.page - 1) * req.size
    if post:
        body["post_filter"] = {"bool": {"filter": post}}
    if req.collapse:
        body["collapse"] = {"field": "story_id"}
    aggs = _aggregations(req, facet_filters, date_f, post)
    if aggs:
        body["aggs"] = aggs
    if req.q:
        body["highlight"] = highlight(req.q)
    return body
