"""Session 22: titles opening the names of places and persons; names written without their accents; places read
as organizations; occupations in appositives."""

from __future__ import annotations

import pytest

from etl.annotate import entity_facets
from etl.annotate.canonical import load_aliases
from etl.annotate.names import dictionary_phrase
from etl.core.settings import Settings
from tests.annotate_text import FILL


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


def test_a_title_before_a_given_name_that_is_an_english_word_names_a_person():
    facets = entity_facets("", "Prince Harry and Meghan Markle visited Nigeria on Friday. The couple met soldiers in Abuja." + FILL)
    assert "Prince Harry" in facets["persons"]
    assert dictionary_phrase(["General", "Motors"])  # a title before no given name: still a phrase


def test_a_canonical_name_written_without_its_accents_is_found():
    aliases = load_aliases(Settings.from_env().annotate_aliases_file)
    assert aliases.lookup("Atletico Madrid") == ("Atlético Madrid", "organization")
    assert aliases.lookup("Societe Generale") == ("Société Générale", "organization")
    assert aliases.lookup("Nestle") is None  # the verb: an English word stays one
    assert aliases.lookup("San Jose") is None  # places are not folded: California's is not Costa Rica's "San José"
    facets = entity_facets("", "Kylian Mbappe scored twice as Real Madrid beat Atletico Madrid on Sunday." + FILL)
    assert "Atlético Madrid" in facets["organizations"]
    assert "Atletico Madrid" not in facets["persons"]


def test_a_place_given_name_after_from_is_no_speaker():
    facets = entity_facets("", "Ms. Sinema, an independent from Arizona, said she would not seek re-election." + FILL)
    assert "Arizona" in facets["locations"]
    assert "Arizona" not in facets["persons"]
    assert "Sydney" in entity_facets("", "His daughter Sydney said she was proud of him." + FILL)["persons"]


def test_police_ranks_written_short_are_titles():
    text = "Det Supt Alison Wyllie told reporters the man was charged. Cllr Jane Smith said the town was shocked."
    persons = entity_facets("", text + FILL)["persons"]
    assert "Alison Wyllie" in persons and "Jane Smith" in persons
    assert not any(p.startswith(("Det", "Cllr")) for p in persons)


def test_an_organization_reading_placed_at_every_mention_is_a_place():
    facets = entity_facets("", "Police in Kent said a man had been arrested on Tuesday night." + FILL)
    assert "Kent" in facets["locations"] and "Kent" not in facets["organizations"]


def test_an_occupation_heading_an_appositive_makes_a_person():
    text = "Maria, a 34-year-old nurse from Lagos, said she had not been paid for three months."
    assert "Maria" in entity_facets("", text + FILL)["persons"]
    firm = "Gannett, a 100-year-old company from Virginia, said profits fell. Gannett owns USA Today."
    assert "Gannett" not in entity_facets("", firm + FILL)["persons"]
