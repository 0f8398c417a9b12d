"""Query parameters shared by the routes, with an OpenAPI schema that says what the API accepts.

The values are checked by :mod:`etl.search.request` (400 with a message meant for the user);
the schema published for them (``WithJsonSchema``) describes the same rules as far as JSON
Schema can, so that a schema-driven client or fuzzer never sends a value the API rejects.
What a schema cannot say: limits that involve several parameters ('from' after 'to', page x
size, /quotes' "a question, a speaker or a topic"), whether an ``after`` cursor is one of ours, and the cost caps of
a query text ("query too complex", in the parameter's description).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Query
from pydantic import WithJsonSchema

from etl.search.request import (
    DEFAULT_FACETS,
    FACETS,
    MAX_FILTER_VALUES,
    MAX_FUZZY_CHARS,
    MAX_FUZZY_TERMS,
    MAX_PREFIX_TERMS,
    MAX_QUERY_CHARS,
    MAX_QUERY_TERMS,
    MAX_VALUE_CHARS,
    MIN_PREFIX_CHARS,
)

_NAMES = "|".join(FACETS)
_V = MAX_VALUE_CHARS - 1
# facet, '=' or ':', then a value that is not blank: bare, or in double or single quotes.
FILTER_PATTERN = (rf"^\s*(?:{_NAMES})\s*[=:]\s*"
                  rf"""(?:"[^"\s\x00][^"\x00]{{0,{_V}}}"|'[^'\s\x00][^'\x00]{{0,{_V}}}'|[^"'\s\x00][^\x00]{{0,{_V}}})$""")
QUERY_PATTERN = r"^[^\x00]*$"
MAX_ID_CHARS = 512  # a document id (Elasticsearch allows 512 bytes)
DATE_SCHEMA = {"anyOf": [{"type": "string", "format": "date"}, {"type": "string", "format": "date-time"},
                         {"type": "string", "maxLength": 0}]}  # empty: no bound
COMPLEXITY = (f"At most {MAX_QUERY_CHARS} characters and {MAX_QUERY_TERMS} words, {MAX_FUZZY_TERMS} fuzzy "
              f"terms (word~, {MAX_FUZZY_CHARS} characters at most) and {MAX_PREFIX_TERMS} prefix terms "
              f"(word*, {MIN_PREFIX_CHARS} characters before the * at least); more is a 400 "
              "'query too complex'.")

SearchText = Annotated[str, WithJsonSchema({"type": "string", "maxLength": MAX_QUERY_CHARS, "pattern": QUERY_PATTERN})]
Facet = Annotated[str, WithJsonSchema({"type": "string", "enum": list(FACETS)})]
FilterList = Annotated[list[str] | None, WithJsonSchema({
    "type": "array", "items": {"type": "string", "pattern": FILTER_PATTERN}, "maxItems": MAX_FILTER_VALUES})]
DateBound = Annotated[str | None, WithJsonSchema(DATE_SCHEMA)]

QueryText = Annotated[SearchText, Query(
    max_length=MAX_QUERY_CHARS,
    description="simple_query_string syntax: \"phrase\", -not, a | b, prefix*, fuzzy~. " + COMPLEXITY)]
FacetNames = Annotated[list[Facet] | None, Query(
    description=f"facets to count (repeatable); default {', '.join(DEFAULT_FACETS)}")]
Filters = Annotated[FilterList, Query(
    description=f"facet filter 'field:value' or 'field=\"value\"' (repeatable, at most {MAX_FILTER_VALUES}; "
                "OR within a field, AND across fields)")]
SpeakerText = Annotated[str, WithJsonSchema({"type": "string", "maxLength": MAX_VALUE_CHARS,
                                            "pattern": QUERY_PATTERN})]
DocId = Annotated[str, WithJsonSchema({"type": "string", "minLength": 1, "maxLength": MAX_ID_CHARS})]
DateFrom = Annotated[DateBound, Query(alias="from", description="YYYY-MM-DD or an ISO 8601 date-time")]
DateTo = Annotated[DateBound, Query(alias="to", description="YYYY-MM-DD (inclusive) or an ISO 8601 date-time")]
