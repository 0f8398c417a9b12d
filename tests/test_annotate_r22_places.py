"""Session 22: a place the model read whole keeps the title word that opens its name."""

from __future__ import annotations

import pytest

from etl.annotate import entity_facets

FILL = " The council met on Tuesday to discuss the budget, and members said the plan would be published next week."


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Fishermen in Prince Edward Island said the lobster season was poor.", "Prince Edward Island"),
        ("The oil spill in Prince William Sound killed thousands of seabirds.", "Prince William Sound"),
    ],
)
def test_a_place_opening_with_a_title_is_no_person(text, place):
    facets = entity_facets("", text + FILL)
    assert place in facets["locations"]
    assert not facets["persons"]


def test_a_title_inside_a_work_still_names_its_holder():
    facets = entity_facets("", "The documentary Patrol Chief James Hall premiered on Friday night in Denver." + FILL)
    assert "James Hall" in facets["persons"]
