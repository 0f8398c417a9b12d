"""Issue 14, session 18. A one-word given name is doubted like any one-word "person" (mostly brands, products
and places), unless the text gives it what only a person takes: a relative "who" after it ("Tommy — who only
goes by his first name online", scrapinghub dev page f81c6c05d9cb) or a speech verb after an appositive's
closing comma ("Another student, Megan, said"). The texts follow the pages' shape; the behaviour tests fail on
the session's starting tree. A city written before an AP-style state abbreviation ("Beverly Hills, Calif.") is a
place, as one before a postal code is ("Charlotte, NC": :mod:`etl.annotate.places`)."""

from __future__ import annotations

from etl.annotate import annotate_text
from etl.annotate.words import GIVEN_CLAUSE
from etl.core.settings import Settings

SETTINGS = Settings()


def test_a_given_name_with_a_relative_who_is_a_person():
    text = (
        "Tommy — who only goes by his first name online — retired nearly 10 years ago at age 51, after a "
        "more than three-decade career in telecom."
    )
    assert "Tommy" in annotate_text(text, SETTINGS).persons


def test_a_given_name_in_an_appositive_before_a_speech_verb_is_a_person():
    text = (
        "Students at the university held a vote on the new policy last week.\n\n"
        "Another student, Megan, said her seminar class conducted an anonymous poll in which she was the "
        "only one who voted no."
    )
    assert "Megan" in annotate_text(text, SETTINGS).persons


def test_a_given_name_without_such_a_clause_stays_doubted():
    text = "The speaker answers to Alexa. Alexa can also order groceries, and Alexa plays music on request."
    assert "Alexa" not in annotate_text(text, SETTINGS).persons


def test_the_clause_pattern():
    for after in (" who said", ", who", " — who", ", said", ", told reporters"):
        assert GIVEN_CLAUSE.match(after), after
    for after in (" said", " whose", ", the", " wholesale"):
        assert not GIVEN_CLAUSE.match(after), after


def test_a_city_before_an_ap_state_abbreviation_is_a_place_not_a_person():
    # mercury/pagesix: "Beverly Hills" (a given name and a word) read as a person by its shape
    text = (
        "Attorneys will ask the ART Reproductive Center in Beverly Hills, Calif. — where the embryos have been "
        "cryogenically frozen since 2013 — to transfer them to a facility in Louisiana."
    )
    annotation = annotate_text(text, SETTINGS)
    assert "Beverly Hills" not in annotation.persons
    assert "Beverly Hills" in annotation.locations


def test_a_senator_with_a_party_and_state_tag_stays_a_person():
    text = "Sen. Dianne Feinstein, D-Calif., said the bill would pass. Feinstein spoke to reporters in Washington."
    assert "Dianne Feinstein" in annotate_text(text, SETTINGS).persons
