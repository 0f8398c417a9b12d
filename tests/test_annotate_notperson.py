"""Person clusters that name no person (etl.annotate.notperson), on sentences from real news pages."""

from __future__ import annotations

import pytest

from etl.annotate import annotate_text
from etl.annotate.canonical import Cluster
from etl.annotate.entities import RawMention
from etl.annotate.notperson import retype_persons
from etl.core.settings import Settings


def person_cluster(text: str, *surfaces: str) -> Cluster:
    """A person cluster of the given surfaces, located in ``text`` left to right."""
    mentions, pos = [], 0
    for surface in surfaces:
        start = text.index(surface, pos)
        mentions.append(RawMention(start, start + len(surface), surface, "person", "PERSON"))
        pos = start + 1
    return Cluster(name=max(surfaces, key=len), mentions=mentions, type="person")


def retyped(text: str, *surfaces: str) -> str:
    cluster = person_cluster(text, *surfaces)
    retype_persons([cluster], text)
    return cluster.type


def test_outlet_word_at_the_end_makes_an_organization():
    text = (
        "McClatchy, a chain of 30 newspapers including the Sacramento Bee, Miami Herald and Kansas City Star"
    )
    assert retyped(text, "Miami Herald") == "organization"
    text = "Will Moy, chief executive of the London-based fact-checking website Full Fact, told the BBC."
    assert retyped(text, "Full Fact") == "organization"


def test_outlet_rule_leaves_people_named_like_words():
    text = "Will Moy, chief executive of the London-based fact-checking website Full Fact, told the BBC."
    assert retyped(text, "Will Moy") == "person"
    text = "Times were hard, said Daily, a farmer, and Daily left."  # a one-word name is not an outlet
    assert retyped(text, "Daily", "Daily") == "person"


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        # a title in quote marks, or after a work word
        ("classic Disney fare, including “Mary Poppins” and “Bambi.”", "Mary Poppins"),
        ("Disney will stream the film Mary Poppins from launch day.", "Mary Poppins"),
        # a name modifying a thing noun: a product or facility
        ("those who play through the Chrome browser will experience an unstable 1080p 60fps.", "Chrome"),
        ("paid a visit to the city’s Hoa Lo prison, dubbed the “Hanoi Hilton”", "Hoa Lo"),
    ],
)
def test_works_and_products_are_no_person(text, surface):
    assert retyped(text, surface) == "work"


def test_quoted_nickname_inside_a_name_stays_a_person():
    text = "Earvin “Magic” Johnson said the Lakers are ready. Johnson smiled."
    assert retyped(text, "Earvin “Magic” Johnson", "Johnson") == "person"


def test_one_person_mention_is_enough_to_keep_a_person():
    text = "Trump campaign officials met. Later Donald Trump app users and Donald Trump himself spoke."
    assert retyped(text, "Donald Trump", "Donald Trump") == "person"


def test_all_caps_heading_words_are_no_person():
    text = "WILL SOMEONE STAND UP FOR THE ESTABLISHMENT?\n\nBiden continues to be the favorite."
    assert retyped(text, "WILL SOMEONE") == "work"
    text = "BRUSSELS 1996-08-22\n\nHENMAN WINS\n\nTim Henman beat Sjeng Schalken. Henman won 6-3."
    assert retyped(text, "HENMAN") == "person"  # written normally elsewhere: a real name


def test_rules_end_to_end_on_a_real_paragraph():
    text = (
        "Disney+ launched with films from Pixar, “Star Wars,” Marvel Studios and classic Disney fare, "
        "including “Mary Poppins” and “Bambi.” Kevin Mayer, who heads the streaming unit, said the launch "
        "went well. The Miami Herald and the Hartford Courant reported long waits."
    )
    annotation = annotate_text(text, Settings())
    assert "Kevin Mayer" in annotation.persons
    assert not {"Mary Poppins", "Miami Herald", "Hartford Courant"} & set(annotation.persons)


def test_lone_word_also_read_as_organization_is_one():
    text = (
        "The merger of the big newspaper chains Gannett and GateHouse Media. "
        "Public companies such as Gannett and McClatchy have resisted."
    )
    cluster = person_cluster(text, "Gannett", "Gannett")
    cluster.mentions[1] = RawMention(
        cluster.mentions[1].start, cluster.mentions[1].end, "Gannett", "organization", "ORG"
    )
    retype_persons([cluster], text)
    assert cluster.type == "organization"
    text = "Johnson said the Lakers are ready. Johnson smiled."  # never read as ORG: stays a person
    assert retyped(text, "Johnson", "Johnson") == "person"
