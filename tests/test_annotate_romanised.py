"""Issue 14, session 19: romanised East Asian names (:mod:`etl.annotate.romanised`). The model cuts "Moon Jae-in" at
the hyphen ("-in" reads as a preposition), leaves the family name out of "Son Heung-min", reads "Sun Yat-sen" as an
organization and "Gangnam-gu" as a person; a name with a nickname in quotes ('Lee "Faker" Sang-hyeok', an esports
roster's style) was only found in the given-name-first order. The texts are written for these tests in the shape
of Korean, Taiwanese and Hong Kong news; every behaviour test fails on the session's starting tree."""

from __future__ import annotations

import pytest

from etl.annotate import annotate_text
from etl.annotate.romanised import given_shape, is_name, place_shape
from etl.core.settings import Settings

SETTINGS = Settings()
CONTEXT = (
    " It was the first meeting of its kind in years, and officials said it had been a success for all of those "
    "who were there."
)


def persons(text: str) -> tuple[str, ...]:
    return annotate_text(text + CONTEXT, SETTINGS).persons


@pytest.mark.parametrize("word", ["Jae-in", "Yuet-ngor", "Ing-wen", "Heung-min", "Kyung-wha", "Ki-moon"])
def test_romanised_given_names_have_the_shape(word):
    assert given_shape(word)


@pytest.mark.parametrize("word", ["Kong-based", "Obama-era", "Smith-Jones", "Gangnam-gu", "Minato-ku", "Pop-up"])
def test_compounds_and_places_do_not(word):
    assert not given_shape(word)


def test_names_and_places_by_shape():
    assert is_name("Sun Yat-sen") and is_name("Ji-hoon Kim") and is_name("Lau Suk-yee")
    assert not is_name("The Jae-in") and not is_name("Hong Kong-based") and not is_name("Moon")
    assert place_shape("Suwon-si") and not place_shape("Jae-in")


def test_a_name_cut_at_its_hyphen_is_whole():
    text = "South Korean President Moon Jae-in met the delegation in Seoul on Friday. Moon said he was pleased."
    assert persons(text) == ("Moon Jae-in",)


def test_the_family_name_before_a_given_name_joins_it():
    assert persons("Tottenham forward Son Heung-min scored twice on Sunday.") == ("Son Heung-min",)


def test_a_given_name_then_a_family_name():
    text = "Dr. Sun-hee Park, a researcher at Seoul National University, said the results were clear."
    assert persons(text) == ("Sun-hee Park",)


def test_a_romanised_name_read_as_an_organization_is_a_person():
    text = "The statue of Chiang Kai-shek was moved, as was one of Sun Yat-sen."
    assert set(persons(text)) == {"Chiang Kai-shek", "Sun Yat-sen"}


def test_nicknamed_players_in_korean_order():
    text = (
        "The roster: top laner Kim “Zeus” Woo-je, jungler Moon “Oner” Hyeon-joon and mid laner Lee “Faker” "
        "Sang-hyeok, who has won four world titles."
    )
    assert set(persons(text)) == {"Kim Woo-je", "Moon Hyeon-joon", "Lee Sang-hyeok"}


def test_korean_districts_are_places_not_persons():
    annotation = annotate_text(
        "The Hong Kong-based lender said profits rose. Officials in Gangnam-gu and Suwon-si said the plan was fine."
        + CONTEXT,
        SETTINGS,
    )
    assert annotation.persons == ()
    assert {"Gangnam-gu", "Suwon-si"} <= set(annotation.locations)
