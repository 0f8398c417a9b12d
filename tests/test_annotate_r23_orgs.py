"""Session 23 (organizations and places): government bodies named by a title word and a department noun;
alias-table names the model missed or cut; things named after a person."""

from __future__ import annotations

import pytest

from etl.annotate import entity_facets
from etl.annotate.entities import is_junk
from tests.annotate_text import FILL


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


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Former deputy prime minister Nick Clegg now works for Facebook, the company said in a statement.", "Facebook"),
        ("Erin Spiceland is a software engineer for SpaceX. She lives in Seattle.", "SpaceX"),
        ("The deal was announced after Uber and Lyft both cut prices in the city.", "Uber"),
    ],
)
def test_a_table_organization_the_model_missed_is_found(text, name):
    assert name in entity_facets("", text + FILL)["organizations"]


def test_a_table_name_the_model_cut_is_read_whole():
    text = (
        "The agency picked Astrobotic, Deep Space Systems, Draper, Firefly Aerospace, Intuitive Machines, Lockheed"
        " Martin, Masten Space Systems, Moon Express and OrbitBeyond for the programme."
    )
    facets = entity_facets("", text + FILL)
    assert "Lockheed Martin" in facets["organizations"]
    assert "Lockheed" not in facets["organizations"]


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Curious about how to retire early? Focus on earning, saving and investing as much as you can.", "Focus"),
        ("Sen. Ted Cruz, R-Texas, said the vote was a disgrace.", "Texas"),
        ("Fonts\nGeorgia\nArial\n\nThe page loads slowly.", "Georgia"),
    ],
)
def test_a_table_word_opening_a_sentence_after_a_hyphen_or_alone_on_its_line_is_no_entity(text, absent):
    facets = entity_facets("", text + FILL)
    assert all(absent not in values for values in facets.values())


def test_table_names_leave_persons_and_longer_names_alone():
    facets = entity_facets(
        "",
        "Paris Hilton said she would attend. Jordan Spieth won the Masters. Her son studies at Georgia Tech." + FILL,
    )
    assert {"Paris Hilton", "Jordan Spieth"} <= set(facets["persons"])
    assert "Paris" not in facets["locations"] and "Georgia" not in facets["locations"]


def test_two_table_names_joined_by_and_in_one_span_are_two_organizations():
    text = "Regulators in Brussels are charging forward against Facebook and Google, officials said."
    organizations = entity_facets("", text + FILL)["organizations"]
    assert {"Facebook", "Google"} <= set(organizations)
    assert "Facebook and Google" not in organizations


def test_a_name_holding_and_that_the_table_does_not_split_stays_whole():
    text = (
        "Shares of Procter and Gamble rose on Tuesday. The Securities and Exchange Commission fined the bank on"
        " Friday."
    )
    organizations = entity_facets("", text + FILL)["organizations"]
    assert {"Procter and Gamble", "Securities and Exchange Commission"} <= set(organizations)


def test_a_show_named_after_its_host_is_no_person():
    facets = entity_facets("", "She appeared on Jimmy Kimmel Live! to promote the film on Tuesday night." + FILL)
    assert not any(p.endswith("Live") or p.endswith("Live!") for p in facets["persons"])


def test_the_host_named_alone_stays_a_person():
    facets = entity_facets("", "Jimmy Kimmel said he would host the ceremony again next year, ABC said." + FILL)
    assert "Jimmy Kimmel" in facets["persons"]


def test_a_service_ending_in_live_is_left_as_read():
    assert is_junk("Jimmy Kimmel Live!", "person")
    assert not is_junk("Xbox Live", "person")  # no given name opens it: read as the model read it
    assert not is_junk("Olivia Live", "person")  # a given name and "Live" alone: too short for a show's title


def test_an_unknown_place_one_works_for_is_an_organization():
    text = "He worked as a driver for a contractor in Liberia. He did not work for FedEx, the company said Thursday."
    facets = entity_facets("", text + FILL)
    assert "FedEx" in facets["organizations"] and "FedEx" not in facets["locations"]
    assert "Liberia" in facets["locations"]


def test_a_known_place_one_works_for_stays_a_place():
    facets = entity_facets("", "He has worked for Texas since 2010, campaigning across Austin and Dallas." + FILL)
    assert "Texas" in facets["locations"]


def test_a_table_name_that_is_an_english_word_opens_a_sentence_when_it_acts_as_a_company():
    text = "Apple shares fell 1% on the Nasdaq. Google, which makes the rival Pixel phones, launched its own last month."
    assert "Google" in entity_facets("", text + FILL)["organizations"]
    assert not entity_facets("", "Focus on saving money, experts say." + FILL)["organizations"]
