"""Error classes found on unseen pages, one general rule each (issue 14, second round):
question verbs glued to a name, product/model codes, cities before state codes, parties
named as a group label, speakers after a title or in the sentence before the quote, and
German institutions from the multilingual alias table."""

from __future__ import annotations

import pytest

from etl.annotate import annotate_text
from etl.annotate.entities import RawMention, clean_mention, junk_regions
from etl.annotate.names import after_question_verb
from etl.annotate.orgshape import org_shapes
from etl.annotate.places import coded_places, with_coded_places
from etl.core.settings import Settings

SETTINGS = Settings()


def span(text: str, surface: str) -> tuple[int, int]:
    start = text.index(surface)
    return start, start + len(surface)


@pytest.mark.parametrize(
    "text, surface, name",
    [
        (
            "Warren was attacked. Will Warren continue to face the heat, or will Biden?",
            "Will Warren",
            "Warren",
        ),
        ('"Can Murray win the title?" the coach asked.', "Can Murray", "Murray"),
        ("Will Smith said he would not attend.", "Will Smith", "Will Smith"),  # no question
        ("Fans asked whether Will Smith would come?", "Will Smith", "Will Smith"),  # not a sentence start
    ],
)
def test_question_verb_is_not_part_of_a_name(text, surface, name):
    start, end = span(text, surface)
    assert text[after_question_verb(text, start, end) : end] == name


def test_annotated_question_keeps_the_full_name_only():
    text = "Elizabeth Warren led the polls.\n\nWill Warren continue to face the heat? Her rivals hope so."
    assert annotate_text(text, SETTINGS).persons == ("Elizabeth Warren",)


@pytest.mark.parametrize(
    "text, surface, etype",
    [
        ("Ford showed the Mustang Mach-E crossover in Los Angeles.", "Mustang Mach", "person"),
        ("The game runs on Stadia RDR2 at 30 frames.", "Stadia RDR2", "organization"),
        ("He bought a Samsung Galaxy S10 last year.", "Samsung Galaxy S10", "organization"),
    ],
)
def test_product_codes_are_not_entities(text, surface, etype):
    assert clean_mention(text, *span(text, surface), etype) is None


@pytest.mark.parametrize(
    "text, surface, etype",
    [
        ("Jay-Z performed in Brooklyn.", "Jay-Z", "person"),
        ("Schalke 04 beat Mainz 05 on Saturday.", "Schalke 04", "organization"),
        ("The COVID-19 Task Force met.", "COVID-19 Task Force", "organization"),
        ("Jean-Pierre Raffarin spoke.", "Jean-Pierre Raffarin", "person"),
    ],
)
def test_names_with_hyphens_or_numbers_stay(text, surface, etype):
    assert clean_mention(text, *span(text, surface), etype) is not None


TOUR = """The Doobie Brothers 2020 tour dates:
June 19 -- PNC Music Pavilion, Charlotte, NC
June 20 -- Coastal Credit Union Music Park at Walnut Creek, Raleigh, NC
July 26 -- Saratoga Performing Arts Center, Saratoga Springs, NY
Aug. 14 -- Hollywood Casino Amphitheatre, St. Louis, MO
Dr. Jane Smith, MD, said the band lives in Raleigh, NC and tours every year."""


def test_cities_before_state_codes_are_places():
    assert [m.text for m in coded_places(TOUR)] == [
        "Charlotte",
        "Raleigh",
        "Saratoga Springs",
        "St. Louis",
        "Raleigh",
    ]


def test_coded_place_retypes_the_models_mention_and_skips_overlaps():
    start, end = span(TOUR, "Raleigh")
    org = RawMention(start, end, "Raleigh", "organization", "ORG")
    venue_start, venue_end = span(TOUR, "Saratoga Performing Arts Center, Saratoga Springs")
    venue = RawMention(venue_start, venue_end, TOUR[venue_start:venue_end], "organization", "ORG")
    out = with_coded_places([org, venue], TOUR, [])
    assert [(m.text, m.type) for m in out if m.text == "Raleigh"] == [("Raleigh", "location")] * 2
    assert "Saratoga Springs" not in [m.text for m in out]  # inside another mention


def test_tour_list_cities_are_locations_with_their_source():
    annotation = annotate_text(TOUR, SETTINGS)
    assert {"Charlotte", "Raleigh", "Saratoga Springs", "St. Louis"} <= set(annotation.locations)
    sources = {e.name: e.sources for e in annotation.entities}
    assert "place-pattern" in sources["Charlotte"]


def test_parties_named_as_a_group_are_organizations():
    text = "The Democrats won Virginia, and the Republicans lost Kentucky. In London the Tories fell."
    organizations = annotate_text(text, SETTINGS).organizations
    assert {"Democratic Party", "Republican Party", "Conservative Party"} <= set(organizations)


def test_speaker_after_a_title_and_a_long_apposition():
    text = (
        "Doctors wrote to the agency.\n"
        '"This is how epidemics begin," Dr. Luz Contreras Arroyo, a member of the group and signatory '
        "to the letter, told NBC News."
    )
    (quote,) = annotate_text(text, SETTINGS).quotes
    assert quote.speaker == "Luz Contreras Arroyo"


def test_quote_opening_a_sentence_takes_the_speaker_of_the_sentence_before():
    text = (
        "Owen Dempsey treats lung disease in Aberdeen.\n"
        'Doctors should "take really detailed histories" of patients, Dempsey said. "That way they may '
        'uncover things in the environment that trigger lung disease."\n'
        'The report said cases rose. "Nobody expected this at all, not even the doctors."'
    )
    quotes = annotate_text(text, SETTINGS).quotes
    assert [(q.speaker, q.text[:8]) for q in quotes] == [("Owen Dempsey", "That way"), ("", "Nobody e")]


def test_german_institutions_parties_and_companies_from_the_alias_table():
    text = (
        "Das Auswärtige Amt und das Robert Koch-Institut warnten am Montag. Die Grünen und die "
        "Freien Wähler kritisierten die Deutsche Börse, die Commerzbank und den Deutschen Gewerkschaftsbund. "
        "Die Frankfurter Allgemeine Zeitung berichtete, der Deutsche Fußball-Bund schweige."
    )
    annotation = annotate_text(text, SETTINGS)
    assert annotation.language == "de"
    assert {
        "Federal Foreign Office",
        "Robert Koch Institute",
        "Alliance 90/The Greens",
        "Freie Wähler",
        "Deutsche Börse",
        "Commerzbank",
        "DGB",
        "Frankfurter Allgemeine Zeitung",
        "DFB",
    } <= set(annotation.organizations)
    assert all(e.sources == ("gazetteer",) for e in annotation.entities if e.type == "organization")


def test_german_common_nouns_are_not_taken_for_outlets():
    text = "Das Bild an der Wand zeigt einen Spiegel und eine Krone. Die Welt ist groß, sagte der Kurier."
    assert annotate_text(text, SETTINGS).organizations == ()


def test_german_organizations_by_shape():
    text = (
        "Der Deutsche Caritasverband und der Katholische Deutsche Frauenbund trafen die Konrad-Adenauer-Stiftung. "
        "Die Evangelisch-reformierte Kirche und die Römisch-katholische Zentralkonferenz schwiegen. "
        "Die Duesenfeld GmbH aus Wendeburg liefert an Meyer & Söhne GmbH & Co. KG. "
        "Allianz MTV Stuttgart verlor gegen den Dresdner SC, der SSV Geyer gegen den 1. FC Köln."
    )
    assert [m.text for m in org_shapes(text, [])] == [
        "Deutsche Caritasverband",
        "Katholische Deutsche Frauenbund",
        "Konrad-Adenauer-Stiftung",
        "Evangelisch-reformierte Kirche",
        "Römisch-katholische Zentralkonferenz",
        "Duesenfeld GmbH",
        "Meyer & Söhne GmbH & Co. KG",
        "Allianz MTV Stuttgart",
        "Dresdner SC",
        "SSV Geyer",
        "1. FC Köln",
    ]


def test_german_sentence_words_are_not_organizations_by_shape():
    text = "Jede Gesellschaft braucht eine Partei. Die Neue Partei tagt. Der Bund zahlt. Unser Verein spielt."
    assert org_shapes(text, []) == []


def test_byline_with_several_names_and_a_date_is_junk():
    text = "What drugs cross the border?\nBy Matthew Digby , Minh Do on Monday, November 18th, 2019 at 11:08 a.m.\n"
    text += "By Friday, officials at the ministry said Minh Do would sign."
    regions = junk_regions(text)
    assert [text[a:b] for a, b in regions] == [
        "By Matthew Digby , Minh Do on Monday, November 18th, 2019 at 11:08 a.m."
    ]


def test_no_short_form_beside_its_full_name():
    text = (
        "Kathleen Hawk Sawyer led the bureau. Hawk Sawyer said the guards failed. Sawyer left in 2020. "
        "The former ambassador to Ukraine Marie Yovanovitch testified on Friday. Yovanovitch said she was threatened."
    )
    persons = annotate_text(text, SETTINGS).persons
    assert set(persons) == {"Kathleen Hawk Sawyer", "Marie Yovanovitch"}


def test_possessive_owner_is_split_from_the_organization_it_owns():
    text = "Vietnam’s Communist Party met in Hanoi. Alphabet's Google grew."
    organizations = set(annotate_text(text, SETTINGS).organizations)
    assert {"Communist Party", "Google", "Alphabet"} <= organizations
    assert "Vietnam’s Communist Party" not in organizations


def test_product_named_after_a_known_company_is_no_organization():
    text = (
        "Google Stadia launched on Tuesday, Google said. Apple Arcade came out in September and Apple "
        "is glad. Amazon Web Services and Samsung Electronics grew."
    )
    annotation = annotate_text(text, SETTINGS)
    assert {"Google", "Apple", "Amazon Web Services", "Samsung Electronics"} <= set(annotation.organizations)
    names = set(annotation.organizations) | set(annotation.persons) | set(annotation.locations)
    assert not names & {"Google Stadia", "Apple Arcade"}


def test_typewriter_double_single_quotes_close_a_quote():
    text = (
        "Fact-checkers cried foul.\n"
        "“It was an attempt to mislead voters,’’ Will Moy, chief executive of the charity Full Fact, said."
    )
    (quote,) = annotate_text(text, SETTINGS).quotes
    assert (quote.speaker, quote.text) == ("Will Moy", "It was an attempt to mislead voters")
