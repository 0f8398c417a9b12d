"""Session 23 (person recall on unseen news): works only a person writes and a person's fate after a possessive, an
age adjective before a name, a name read as a work or an organization listed with a person's, a surname read as a
demonym after an age adjective. Sentences written for the purpose; each behaviour test fails on the session's start
(``115ca14``), the guards beside them pin what the rules must not do."""

from __future__ import annotations

import pytest

from etl.annotate import entity_facets
from tests.annotate_text import facets


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ('In the spirit of Langston Hughes\'s poem "I, Too," the museum opens its doors.', "Langston Hughes"),
        ("Tolkien's memoir was never finished.", "Tolkien"),
    ],
)
def test_a_work_only_a_person_writes_names_its_author(text, person):
    assert person in facets(text)["persons"]


@pytest.mark.parametrize(
    ("text", "organization"),
    [
        ("Disney's film broke box office records.", "Disney"),
        ("Coldplay's song topped the charts.", "Coldplay"),
    ],
)
def test_a_work_a_company_or_band_has_too_names_no_person(text, organization):
    found = facets(text)
    assert organization in found["organizations"]
    assert not found["persons"]


def test_a_fate_after_a_possessive_is_a_persons():
    assert "Okonjo" in facets("Okonjo's arrest on Monday sparked protests across the city.")["persons"]


def test_a_fate_owned_by_her_names_no_person():
    """A character "fakes her death" too; only the possessive counts."""
    found = facets("Friar Laurence married the young couple then helped Juliet fake her death.")
    assert "Juliet" not in found["persons"]


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("The 27-year-old Okonkwo was arrested on Tuesday, police said.", "Okonkwo"),
        (
            "Houston promoted Major Applewhite to head coach. The 38-year-old Applewhite had been the offensive "
            "coordinator.",
            "Applewhite",
        ),
    ],
)
def test_an_age_adjective_before_a_name_is_a_person_cue(text, person):
    found = facets(text)
    assert person in found["persons"]
    assert person not in found["locations"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("A video showing the moment a kidnapped 8-year-old Fort Worth girl was rescued was released Monday.", "Fort Worth"),
        ("The 150-year-old Unilever said profits rose in the third quarter.", "Unilever"),
    ],
)
def test_an_age_adjective_before_a_place_or_an_old_company_is_no_cue(text, name):
    found = facets(text)
    assert name not in found["persons"]
    assert name in found["locations"] + found["organizations"]


def test_an_age_adjective_before_a_demonym_is_no_person():
    found = facets("The 31-year-old Texan won the race by two seconds. The 29-year-old Brazilian scored twice.")
    assert not found["persons"]


def test_a_name_read_as_a_work_listed_with_a_person_is_a_person():
    assert "Benj Pasek" in facets("The lyricists Benj Pasek and Justin Paul wrote the songs.")["persons"]


@pytest.mark.parametrize(
    ("text", "organization"),
    [
        ("The deal between Goldman Sachs and Morgan Stanley collapsed.", "Morgan Stanley"),
        ("Tickets for Taylor Swift and Sony Music were sold out.", "Sony Music"),
        ("He thanked John Smith, Blue Origin and Royal Mail for their help.", "Blue Origin"),
    ],
)
def test_a_company_listed_with_a_person_stays_a_company(text, organization):
    found = facets(text)
    assert organization in found["organizations"]
    assert organization not in found["persons"]


def test_one_name_word_after_a_title_the_model_missed_is_a_person():
    text = (
        "Three members--Dallas Fed President Fisher, Minneapolis Fed President Kocherlakota, and Philadelphia Fed "
        "President Plosser--dissented."
    )
    assert "Plosser" in facets(text)["persons"]


@pytest.mark.parametrize(
    "text",
    [
        "The fans cheered for Captain America at the premiere.",
        "Shoppers queued at Coach Outlet in the mall.",
        "Fishermen in Prince Edward Island said the season was poor.",
    ],
)
def test_a_title_before_an_english_word_or_a_place_names_no_person(text):
    assert not facets(text)["persons"]


def test_a_one_word_name_that_speaks_then_he_opens_the_next_sentence_is_a_person():
    found = facets("Tinubu said the subsidy was gone. He added that prices would fall.")
    assert "Tinubu" in found["persons"]
    assert "Tinubu" not in found["organizations"]


@pytest.mark.parametrize(
    "text",
    [
        "Kestrova said profits rose in the quarter. It added that sales would grow.",
        "Officials at Kestrova said profits rose in the quarter. He declined to say more.",
    ],
)
def test_a_company_that_speaks_is_no_person_without_he_after_it(text):
    found = facets(text)
    assert "Kestrova" in found["organizations"]
    assert "Kestrova" not in found["persons"]


def test_a_persons_shaped_name_after_a_role_the_model_missed_is_a_person():
    assert "Hakainde Hichilema" in facets("Economist Hakainde Hichilema said inflation would ease.")["persons"]


@pytest.mark.parametrize(
    "text",
    [
        "The Student Union Council met on Monday.",
        "Founder Institute said the programme would expand.",
        "The deal was reported by Editor Publishing Group.",
    ],
)
def test_a_role_word_before_an_organization_names_no_person(text):
    assert not facets(text)["persons"]


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("The album, produced by Rick Rubin, was released in May.", "Rick Rubin"),
        ("The photo by Annie Leibovitz was sold for $50,000.", "Annie Leibovitz"),
        ("Written by Sally Rooney, the novel sold a million copies.", "Sally Rooney"),
    ],
)
def test_a_credits_words_inside_a_sentence_open_no_credit(text, person):
    assert person in facets(text)["persons"]


@pytest.mark.parametrize(
    "text",
    [
        "The minister resigned.\n(Reporting by Jane Smith; Editing by Tom Brown)",
        "The minister resigned. Reporting by Jane Smith; Editing by Tom Brown",
        "The minister resigned.\nAdditional editing and production by Jane Smith and Tom Brown.",
        "The minister resigned.\nWritten by: Jane Smith",
        "The minister resigned.\nPhoto by Jane Smith/AP",
    ],
)
def test_credit_lines_still_name_no_person(text):
    assert not facets(text)["persons"]


def test_the_author_of_a_work_is_a_person():
    assert "Phoebe Waller-Bridge" in facets("The show, written by Phoebe Waller-Bridge, won six awards.")["persons"]


def test_a_studio_making_a_work_is_no_person():
    found = facets("The film, produced by Pixar Animation Studios, won six awards.")
    assert not found["persons"]


def test_a_pair_owning_children_after_the_second_name_are_persons():
    found = facets("He is the fourth of Stephen and Karen's four kids, and the youngest.")
    assert {"Stephen", "Karen"} <= set(found["persons"])
    assert "Ama" in facets("Kwame and Ama's son was among the victims.")["persons"]


@pytest.mark.parametrize(
    "text",
    [
        "Shoppers bought Johnson and Johnson's baby shampoo in bulk.",
        "Marks and Spencer's kids range was cut.",
    ],
)
def test_a_company_named_with_and_owning_a_childrens_range_is_no_couple(text):
    assert not facets(text)["persons"]


def test_two_names_in_one_organization_span_are_two_persons():
    found = facets("France's tries came from Laurent Cabannes and Laurent Benezech in the second half.")
    assert {"Laurent Cabannes", "Laurent Benezech"} <= set(found["persons"])


@pytest.mark.parametrize(
    ("text", "organization"),
    [
        ("The deal with Procter and Gamble was signed on Monday.", "Procter and Gamble"),
        ("Highland Capital Partners and Technology Crossover Ventures led the round.", "Highland Capital Partners"),
    ],
)
def test_an_organization_named_with_and_is_not_split_into_persons(text, organization):
    found = facets(text)
    assert not found["persons"]
    assert any(organization in o for o in found["organizations"])


def test_the_names_a_list_of_persons_holds_are_persons():
    text = (
        "Sri Lanka - Arjuna Ranatunga (captain), Sanath Jayasuriya,\nRomesh Kaluwitharana, Asanka Gurusinha, "
        "Aravinda de Silva,\nHashan Tillekeratne, Roshan Mahanama, Kumara Dharmasena,\nChaminda Vaas, Muthiah "
        "Muralitharan, Upul Chandana."
    )
    persons = set(entity_facets("Cricket", text)["persons"])
    assert {"Romesh Kaluwitharana", "Asanka Gurusinha", "Upul Chandana"} <= persons
    assert "Chandana" not in persons


@pytest.mark.parametrize(
    ("text", "others"),
    [
        (
            "The tour visits New York, Los Angeles, San Francisco, Las Vegas and Palm Springs, with John Smith and "
            "Mary Jones.",
            "locations",
        ),
        (
            "Lenders include Goldman Sachs, Morgan Stanley, Credit Suisse, Deutsche Bank, John Smith and Mary Jones.",
            "organizations",
        ),
    ],
)
def test_a_list_mostly_of_places_or_companies_names_no_more_persons(text, others):
    found = facets(text)
    assert set(found["persons"]) <= {"John Smith", "Mary Jones"}
    assert len(found[others]) >= 4


def test_a_players_position_before_a_name_is_a_person_cue():
    text = "The home team scored only one try through England scrum-half Kyran Bracken."
    assert "Kyran Bracken" in facets(text)["persons"]


@pytest.mark.parametrize(
    "text", ["Shares in Spinner Media Group rose on Monday.", "Fullback Partners raised a new fund on Monday."]
)
def test_a_company_named_with_a_position_word_is_no_person(text):
    found = facets(text)
    assert not found["persons"]
    assert found["organizations"]


def test_a_given_name_and_particles_before_a_surname_the_model_read_alone_join_it():
    assert "Maarten den Bakker" in facets("8. Maarten den Bakker (Netherlands) TVM 1:33")["persons"]


def test_a_place_and_particles_before_a_surname_do_not_join_it():
    found = facets("He flew to Amsterdam van der Bakker said.")
    assert "Amsterdam" in found["locations"]
    assert not any("Amsterdam" in p for p in found["persons"])
