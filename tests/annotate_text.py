"""A story body for the annotate tests written from sentences: the sentence under test and a neutral one after it."""

from __future__ import annotations

from etl.annotate import entity_facets

#: A neutral sentence after the one under test: a story's text, not a lone line (headline-line rules stay out).
FILL = " The council met on Tuesday to discuss the budget, and members said the plan would be published next week."


def facets(text: str) -> dict[str, list[str]]:
    """Facets of ``text`` as a story's body (no title), with :data:`FILL` after it."""
    return entity_facets("", text + FILL)
