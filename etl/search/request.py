"""What a user may ask for: :class:`SearchRequest`, its limits, filter expressions, paging cursors.

Everything a user sends is validated here, before any query is built; a bad value raises
:class:`InvalidQuery` (a user error: 4xx, never retried) with a message meant for that user.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

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
MAX_FILTER_VALUES = 50
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
    if len(q) > MAX_QUERY_CHARS:
        raise InvalidQuery(f"query too long ({len(q)} characters, at most {MAX_QUERY_CHARS})")
    if "\x00" in q:
        raise InvalidQuery("query contains a NUL character")
    return q


def _checked_facets(facets) -> tuple[str, ...]:
    names = tuple(dict.fromkeys(DEFAULT_FACETS if facets is None else facets))
    for f in names:
        if f not in FACETS:
            raise InvalidQuery(f"unknown facet {f!r}; known: {', '.join(FACETS)}")
    return names


def _checked_filters(filters) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
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
        return datetime.fromisoformat(text.replace("Z", "+00:00")).isoformat()
    except ValueError:
        raise InvalidQuery(f"'{label}' must be a date like 2017-01-31, got {text[:40]!r}") from None


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


def decode_cursor(cursor: str, sort: str) -> list:
    """The ``search_after`` values in ``cursor``; InvalidQuery when it is not one of ours for ``sort``."""
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
