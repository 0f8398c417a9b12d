"""Session 23 (organizations and places): government bodies named by a title word and a department noun;
alias-table names the model missed or cut; things named after a person."""

from __future__ import annotations

import pytest

from etl.annotate import entity_facets

FILL = " The council met on Tuesday to discuss the budget, and members said the plan would be published next week."


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("The Justice Department released 6,000 federal prisoners, officials said.", "Justice Department"),
        ("The Defence Ministry said two soldiers were killed near the border.", "Defence Ministry"),
        ("A Foreign Ministry spokesman said the ambassador had been summoned.", "Foreign Ministry"),
    ],
)
def test_a_title_word_and_a_department_noun_name_an_organization(text, body):
    assert body in entity_facets("", text + FILL)["organizations"]


def test_a_department_noun_alone_or_a_titled_person_is_no_organization():
    facets = entity_facets("", "Justice Kennedy wrote the opinion for the department. Chief Justice John Roberts dissented." + FILL)
    assert "John Roberts" in facets["persons"]
    assert not any("Department" in o or o == "Justice" for o in facets["organizations"])
