"""What a user may ask for: :class:`SearchRequest`, its limits, filter expressions, paging cursors.

Everything a user sends is validated here, before any query is built; a bad value raises
:class:`InvalidQuery` (a user error: 4xx, never retried) with a message meant for that user.

What one request may cost is capped here too, so that no single query can take Elasticsearch
down (a client's error must not look like a server outage): the query text
(:func:`check_query_text`: characters, words, fuzzy ``word~`` and prefix ``word*`` terms), filter
values, facets, page sizes and depth, and the buckets of the date histogram
(:func:`check_histogram`). A request over a cap gets "query too complex: <which limit>".
"""

from __future__ import annotations

import base64
import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone

from etl.core.errors import EtlError

FACETS = (
    "persons", "organizations", "locations", "events", "authors", "agency", "site",
    "source", "section", "tags", "keywords", "language",
)
NORMALIZED_FACETS = ("section", "tags", "keywords", "language")  # keyword + lowercase normaliser
DEFAULT_FACETS = ("persons", "organizations", "locations", "events", "site", "section")
MAX_SIZE = 100
MAX_WINDOW = 10_000
MAX_QUERY_CHARS = 1000
MAX_QUERY_TERMS = 32  # words of one query text (each CJK character is a word)
MAX_FUZZY_TERMS = 3  # ``word~`` terms: each builds Levenshtein automata (~9 MB for 20 characters)
MAX_FUZZY_CHARS = 20  # characters of one fuzzy word (the automata grow with it)
MAX_PREFIX_TERMS = 3  # ``word*`` terms: each expands to every indexed term with that prefix
MIN_PREFIX_CHARS = 2  # characters before the ``*`` (``*x`` is no wildcard: leading wildcards are off)
MAX_FILTER_VALUES = 50  # per facet, and in all
MAX_HISTOGRAM_BUCKETS = 10_000
MAX_OFFSET = timedelta(hours=18)  # of a date-time bound: Elasticsearch reads no more
MAX_VALUE_CHARS = 300
MAX_FACET_SIZE = 100
SORTS = ("relevance", "date")
INTERVALS = ("auto", "day", "week", "month", "quarter", "year")


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
        """Validate and normalise user input into a request.

        ``facets``: names to count (None: :data:`DEFAULT_FACETS`); ``filters``: facet -> value or
        values; dates: ``YYYY-MM-DD`` or ISO 8601. Raises InvalidQuery with a clear message
        (the first problem found, in the order of the arguments).
        """
        q = _checked_query(q)
        facet_names = _checked_facets(facets)
        norm_filters = _checked_filters(filters)
        d_from, d_to = _checked_range(date_from, date_to)
        _check_options(sort, interval, page, size, facet_size)
        _check_paging(sort, page, size, after, collapse)
        return cls(q=q, facets=facet_names, filters=norm_filters, date_from=d_from, date_to=d_to, sort=sort,
                   page=page, size=size, after=after, facet_size=facet_size, interval=interval,
                   histogram=histogram, collapse=bool(collapse))

    @classmethod
    def from_input(cls, q: str, facets: Iterable[str] | None, filter_exprs: Iterable[str] | None,
                   **options) -> SearchRequest:
        """The request of the API's ``GET /search`` and of ``news-etl search``.

        ``facets``: names to count (empty or None: :data:`DEFAULT_FACETS`); ``filter_exprs``:
        ``field:value`` / ``field=value`` expressions (see :func:`group_filters`); ``options``:
        the other arguments of :meth:`create`. Raises InvalidQuery.
        """
        facet_list = list(facets or ()) or list(DEFAULT_FACETS)
        return cls.create(q=q, facets=facet_list, filters=group_filters(filter_exprs), **options)


def _checked_query(q: str | None) -> str:
    q = (q or "").strip()
    check_query_text(q)
    return q


# Words as Elasticsearch's standard tokenizer makes them: runs of letters and digits, but one
# word per CJK ideograph or kana.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WORDS = re.compile(f"[{_CJK}]|[^\\W{_CJK}]+")
_TOKEN_SPLIT = re.compile(r'[\s|+()"]+')
_FUZZINESS = re.compile(r"~\d*")  # the edit distance of word~2, the slop of "a b"~3: no words


def check_query_text(text: str, label: str = "query") -> None:
    """Raise InvalidQuery ("query too complex: ...") unless ``text`` is a query Elasticsearch
    can answer cheaply: at most :data:`MAX_QUERY_CHARS` characters and :data:`MAX_QUERY_TERMS`
    words, no NUL, at most :data:`MAX_FUZZY_TERMS` fuzzy terms (``word~``, ``word~2``) of at
    most :data:`MAX_FUZZY_CHARS` characters, at most :data:`MAX_PREFIX_TERMS` prefix terms
    (``word*``) of at least :data:`MIN_PREFIX_CHARS` characters.

    ``text`` is ``simple_query_string`` syntax (a user's search or topic); ``label`` names it
    in the message. Counting errs on the safe side: a ``~`` or ``*`` inside a quoted phrase or
    after a backslash is counted although Elasticsearch reads it as text there.
    """
    if "\x00" in text:
        raise InvalidQuery(f"{label} contains a NUL character")
    _cap(label, "characters", len(text), MAX_QUERY_CHARS)
    tokens = [t.lstrip("-") for t in _TOKEN_SPLIT.split(text)]
    _check_fuzzy(label, [t.split("~", 1)[0] for t in tokens if re.search(r"\w[^~]*~", t)])
    _check_prefixes(label, [t.rstrip("*") for t in tokens if t.endswith("*") and "~" not in t and re.search(r"\w", t)])
    _cap(label, "words", len(_WORDS.findall(_FUZZINESS.sub(" ", text))), MAX_QUERY_TERMS)


def _check_fuzzy(label: str, words: list[str]) -> None:
    """``words``: the fuzzy terms of a query, without their ``~N``."""
    _cap(label, "fuzzy terms (word~)", len(words), MAX_FUZZY_TERMS)
    for word in words:
        if len(word) > MAX_FUZZY_CHARS:
            raise InvalidQuery(f"query too complex: fuzzy term {word[:40]!r} has more than "
                               f"{MAX_FUZZY_CHARS} characters")


def _check_prefixes(label: str, prefixes: list[str]) -> None:
    """``prefixes``: the prefix terms of a query, without their ``*``."""
    _cap(label, "prefix terms (word*)", len(prefixes), MAX_PREFIX_TERMS)
    for word in prefixes:
        if len(word) < MIN_PREFIX_CHARS:
            raise InvalidQuery(f"query too complex: prefix {word + '*'!r} needs at least "
                               f"{MIN_PREFIX_CHARS} characters before the *")


def _cap(label: str, what: str, n: int, limit: int) -> None:
    if n > limit:
        raise InvalidQuery(f"query too complex: {label} has {n} {what}, at most {limit}")


def _checked_facets(facets) -> tuple[str, ...]:
    names = tuple(dict.fromkeys(DEFAULT_FACETS if facets is None else facets))
    for f in names:
        if f not in FACETS:
            raise InvalidQuery(f"unknown facet {f!r}; known: {', '.join(FACETS)}")
    return names


def _checked_filters(filters) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    given = sum(1 if isinstance(v, str) else len(v) for v in (filters or {}).values())
    if given > MAX_FILTER_VALUES:
        raise InvalidQuery(f"query too complex: too many values in filters ({given}, at most "
                           f"{MAX_FILTER_VALUES} in all)")
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
            out[name] = vals
    return out


def _checked_range(date_from, date_to) -> tuple[str | None, str | None]:
    d_from = _date_bound(date_from, "from")
    d_to = _date_bound(date_to, "to")
    if d_from and d_to and d_from > d_to:
        raise InvalidQuery(f"'from' ({d_from}) is after 'to' ({d_to})")
    return d_from, d_to


def _date_bound(value, label: str) -> str | None:
    """A user's date bound -> ISO text (a bare day stays a bare day); empty -> None."""
    if value is None or value == "":
        return None
    text = str(value).strip()
    try:
        if len(text) == 10:
            return date.fromisoformat(text).isoformat()
        return _readable_offset(datetime.fromisoformat(text.replace("Z", "+00:00"))).isoformat()
    except ValueError:
        raise InvalidQuery(f"'{label}' must be a date like 2017-01-31, got {text[:40]!r}") from None


def _readable_offset(moment: datetime) -> datetime:
    """``moment`` as it is, or in UTC when its offset is beyond the 18 hours Elasticsearch reads
    (Python allows 24); clamped to years 1..9999 when UTC falls outside them."""
    offset = moment.utcoffset()
    if offset is None or abs(offset) <= MAX_OFFSET:
        return moment
    try:
        return moment.astimezone(timezone.utc)
    except OverflowError:
        return (datetime.min if moment.year == 1 else datetime.max).replace(tzinfo=timezone.utc)


def _check_options(sort: str, interval: str, page: int, size: int, facet_size: int) -> None:
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


def _check_paging(sort: str, page: int, size: int, after: str | None, collapse: bool) -> None:
    if after is not None and collapse:
        raise InvalidQuery("'collapse' cannot be combined with the 'after' cursor: page with 'page'")
    if after is not None:
        decode_cursor(after, sort)
    elif page * size > MAX_WINDOW:
        raise InvalidQuery(
            f"page {page} is too deep (page x size must be at most {MAX_WINDOW}): "
            "follow the 'next' cursor with the 'after' parameter instead")


def check_histogram(date_histogram: dict) -> None:
    """Raise InvalidQuery when a ``date_histogram`` aggregation (as built by
    :mod:`etl.search.query`) could have more than :data:`MAX_HISTOGRAM_BUCKETS` buckets.

    Only bounded histograms are checked (``extended_bounds`` or ``hard_bounds`` with
    ``YYYY-MM-DD`` ends); an unbounded one has a bucket per distinct day or week of the data.
    """
    bounds = date_histogram.get("extended_bounds") or date_histogram.get("hard_bounds")
    interval = date_histogram.get("calendar_interval", "")
    if not bounds or interval not in _INTERVAL_DAYS:
        return
    days = (date.fromisoformat(str(bounds["max"])[:10]) - date.fromisoformat(str(bounds["min"])[:10])).days
    buckets = days // _INTERVAL_DAYS[interval] + 1
    if buckets > MAX_HISTOGRAM_BUCKETS:
        raise InvalidQuery(f"query too complex: the date histogram would have {buckets} {interval} buckets "
                           f"(at most {MAX_HISTOGRAM_BUCKETS}): narrow the dates or choose a longer interval")


_INTERVAL_DAYS = {"day": 1, "week": 7, "month": 28, "quarter": 90, "year": 365}


def check_size(size: int) -> None:
    """Raise InvalidQuery unless ``1 <= size <= MAX_SIZE`` (hits asked of one search)."""
    if not 1 <= size <= MAX_SIZE:
        raise InvalidQuery(f"size must be between 1 and {MAX_SIZE}")


# ----------------------------------------------------------------------------- filter expressions


def parse_filter(expr: str) -> tuple[str, str]:
    """Parse ``persons=Vladimir Putin`` or ``persons:Vladimir Putin`` (quotes optional).

    Returns ``(field, value)``; raises InvalidQuery when there is no field or no value.
    The field name is checked later, by :meth:`SearchRequest.create`.
    """
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
    """``["persons=A", "persons=B", "site=X"]`` -> ``{"persons": ("A", "B"), "site": ("X",)}``.

    None or empty -> ``{}``. Raises InvalidQuery for a malformed expression.
    """
    out: dict[str, list[str]] = {}
    for e in exprs or ():
        k, v = parse_filter(e)
        out.setdefault(k, []).append(v)
    return {k: tuple(v) for k, v in out.items()}


# ----------------------------------------------------------------------------- cursor


def encode_cursor(sort_values: list, sort: str) -> str:
    """The opaque ``next`` cursor: the last hit's sort values, tied to the sort order."""
    raw = json.dumps({"s": sort, "v": sort_values}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


_LONG = 2**63
CURSOR_VALUES = 3  # sort values of a hit (etl.search.query._sort): sort key, tie-breaker, doc_id
CURSOR_ERROR = "invalid 'after' cursor (use the 'next' value of a previous response with the same sort)"


def decode_cursor(cursor: str, sort: str) -> list:
    """The ``search_after`` values in ``cursor``; InvalidQuery when it is not one of ours for ``sort``.

    Each value must be a string or a finite number within 64 bits (what Elasticsearch sorts
    by); a forged cursor that passes this but does not fit the sort is refused by
    Elasticsearch, which :func:`etl.search.articles.search` also turns into InvalidQuery.
    """
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        data = json.loads(raw)
        values = data["v"]
        ok = (data["s"] == sort and isinstance(values, list) and len(values) == CURSOR_VALUES
              and all(_sort_value_ok(v) for v in values))
    except (ValueError, KeyError, TypeError):
        ok = False
    if not ok:
        raise InvalidQuery(CURSOR_ERROR)
    return values


def _sort_value_ok(value) -> bool:
    if isinstance(value, str):
        return True
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    return math.isfinite(value) and -_LONG <= value < _LONG
