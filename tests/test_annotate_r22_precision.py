"""Issue 14, session 22 (precision): a person's name that opens the name of a body or place named after the person
("Ronald Reagan Washington National Airport", "Abraham Lincoln High School") is no person of the story. Texts
written for the tests in the shape of local, travel and school news; each rule's first test fails on the session's
starting tree, the others guard what the rule must not do."""

from __future__ import annotations

from etl.annotate import annotate_text
from etl.core.settings import Settings

SETTINGS = Settings()
CONTEXT = " Officials said it was the first such case in years, and that all of those who were there had left."


def _facets(text: str, title: str = "") -> tuple[tuple[str, ...], set[str]]:
    """Persons, and organizations and places together, of ``text`` + :data:`CONTEXT`."""
    ann = annotate_text(text + CONTEXT, SETTINGS, title=title)
    return ann.persons, set(ann.organizations) | set(ann.locations)


def test_a_name_the_model_cut_before_a_facility_word_opens_the_facility():
    # the model reads "Ronald Reagan" (PERSON) and "Washington National Airport" (EVENT) apart
    persons, others = _facets("Flights at Ronald Reagan Washington National Airport were delayed for hours on Friday.")
    assert persons == ()
    assert "Ronald Reagan Washington National Airport" in others


def test_a_school_named_after_a_person_is_no_person():
    for text in (
        "Students at Abraham Lincoln High School walked out of class on Monday to protest the cuts.",
        "Students at John F. Kennedy High School walked out of class on Monday to protest the cuts.",
    ):
        persons, others = _facets(text)
        assert persons == (), text
        assert any(o.endswith("High School") for o in others), (text, others)


def test_the_person_named_beside_a_body_stays_a_person():
    # a title before the name, a headline in Title Case, the person named alone
    persons, _ = _facets("Dr. Maria Lopez Medical Center director said the ward was full.")
    assert persons == ("Maria Lopez",)
    persons, _ = _facets("Biden went to the show on Friday and met the cast.", title="Joe Biden Visits Kennedy Center")
    assert persons == ("Joe Biden",)
    persons, _ = _facets("Former president Ronald Reagan spoke at the airport in 1987.")
    assert persons == ("Ronald Reagan",)
