"""Search library over the article alias: full text, facets, filters, dates, highlight, paging.

One :class:`SearchRequest` -> one Elasticsearch ``_search`` body (:func:`build_body`) ->
one plain-dict result (:func:`parse_response`). :func:`search` does both. The API, the
page and ``news-etl search`` all go through here, so they agree.

Modules: ``request`` (what a user may ask: validation, filter expressions, cursors),
``query`` (request -> ``_search`` body), ``response`` (Elasticsearch response -> result),
``articles`` (the reads: search, one article, similar articles), ``quotes`` (quote search),
``cli`` (``news-etl search``). Import from the package: the names below are its interface.

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
- Dates are the publisher's calendar day (``published_day``) for the day filters (``from``/``to``
  as bare days), the histogram and the date sort (then the time, ``published_at``).
- Date histogram of ``published_day``: filtered by the facet filters; without a date range
  it spans the data, with one it zooms to that range (see :func:`etl.search.query._histogram`).
- Sort by relevance (``_score``, then date) or by date; ties broken by ``doc_id`` so that
  ``search_after`` cursors are stable. ``page`` is capped to the 10,000 result window; go
  deeper with the opaque ``after`` cursor returned as ``next``.
- What one request may cost is capped before Elasticsearch is asked (words, fuzzy and prefix
  terms, filter values, histogram buckets: :func:`check_query_text`, "query too complex"), and
  every search is bounded in time (:func:`etl.search.articles.run_search`, ``timed_out``).
"""

from etl.search.articles import SEARCH_TIMEOUT, get_article, more_like_this, run_search, search
from etl.search.query import (
    FOLDED_FIELDS,
    HIGHLIGHT_POST,
    HIGHLIGHT_PRE,
    HISTOGRAM_FLOOR,
    HIT_FIELDS,
    TEXT_FIELDS,
    build_body,
    highlight,
    text_query,
)
from etl.search.quotes import parse_quote_question, quote_search
from etl.search.request import (
    DEFAULT_FACETS,
    FACETS,
    INTERVALS,
    MAX_FACET_SIZE,
    MAX_FILTER_VALUES,
    MAX_FUZZY_CHARS,
    MAX_FUZZY_TERMS,
    MAX_HISTOGRAM_BUCKETS,
    MAX_PREFIX_TERMS,
    MAX_QUERY_CHARS,
    MAX_QUERY_TERMS,
    MAX_SIZE,
    MAX_VALUE_CHARS,
    MAX_WINDOW,
    MIN_PREFIX_CHARS,
    NORMALIZED_FACETS,
    SORTS,
    InvalidQuery,
    SearchRequest,
    check_query_text,
    group_filters,
    parse_filter,
)
from etl.search.response import parse_response

__all__ = [
    "DEFAULT_FACETS", "FACETS", "FOLDED_FIELDS", "HIGHLIGHT_POST", "HIGHLIGHT_PRE", "HISTOGRAM_FLOOR",
    "HIT_FIELDS", "INTERVALS", "MAX_FACET_SIZE", "MAX_FILTER_VALUES", "MAX_FUZZY_CHARS", "MAX_FUZZY_TERMS",
    "MAX_HISTOGRAM_BUCKETS", "MAX_PREFIX_TERMS", "MAX_QUERY_CHARS", "MAX_QUERY_TERMS", "MAX_SIZE",
    "MAX_VALUE_CHARS", "MAX_WINDOW", "MIN_PREFIX_CHARS", "NORMALIZED_FACETS", "SEARCH_TIMEOUT", "SORTS",
    "TEXT_FIELDS", "InvalidQuery", "SearchRequest", "build_body", "check_query_text", "get_article",
    "group_filters", "highlight", "more_like_this", "parse_filter", "parse_quote_question", "parse_response",
    "quote_search", "run_search", "search", "text_query",
]
