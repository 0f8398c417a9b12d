"""Issue 14, session 19: ranks of the police are titles ("Constable Orlando Brown", read by the model as an
organization, "Detective Inspector Jane Smith"); a team or firm right before a role and a name is the person's
employer, not a person ("Houston Rockets guard Jalen Green": "Houston" is a given name); a bare "Town" cut from
"Spanish Town" is no place; a royal title before a full name is dropped ("Crown Prince Mohammed bin Salman"), and
particles and titles do not count towards the five words a name may have; a nickname in quotes inside a name the
model read whole is no part of it ('Kemar “Bad Boy” Grant', a given name the list lacks); a titled name ending in a numeral is a person, not a sequel
("Lt. Gov. Garlin Gilchrist II"); a place named by an event word alone stays a place ("in Derby"); initials before a surname that is an English word
make a person's name, not a phrase in Title Case ("T.J. Watt", "J.R. Smith"); a photo credit ends where a sentence
starts on its line ("Photo: Jane Smith/Reuters. The minister, Andrew Holness, ..."). Texts written for the tests in the shape
of Caribbean crime, US sports and Gulf news; all but the detective's test fail on the session's starting tree."""

from __future__ import annotations

from etl.annotate import annotate_text
from etl.core.settings import Settings

SETTINGS = Settings()
CONTEXT = " Officials said it was the first such case in years, and that all of those who were there had left."


def test_a_constable_is_a_person_and_his_rank_no_part_of_his_name():
    annotation = annotate_text("Constable Orlando Brown was shot in Spanish Town on Tuesday." + CONTEXT, SETTINGS)
    assert annotation.persons == ("Orlando Brown",)
    assert "Town" not in annotation.locations and "Constable Orlando Brown" not in annotation.organizations


def test_detective_ranks_are_stripped():
    text = "Detective Inspector Jane Smith said the man, 34, was arrested in Kingston." + CONTEXT
    assert annotate_text(text, SETTINGS).persons == ("Jane Smith",)


def test_a_team_before_a_role_and_a_name_is_no_person():
    text = "Houston Rockets guard Jalen Green scored 30 points as Denver beat Memphis." + CONTEXT
    assert annotate_text(text, SETTINGS).persons == ("Jalen Green",)


def test_a_royal_title_before_a_full_name_is_no_part_of_it():
    text = "Crown Prince Mohammed bin Salman met Prince William and Queen Elizabeth II in London." + CONTEXT
    persons = annotate_text(text, SETTINGS).persons
    assert "Mohammed bin Salman" in persons and "Prince William" in persons


def test_particles_do_not_make_a_name_too_long():
    text = "Sheikh Tamim bin Hamad Al Thani hosted Recep Tayyip Erdogan in Doha." + CONTEXT
    assert set(annotate_text(text, SETTINGS).persons) == {"Tamim bin Hamad Al Thani", "Recep Tayyip Erdogan"}


def test_a_nickname_inside_a_name_the_model_read_whole_is_left_out():
    text = "Also charged were Kemar “Bad Boy” Grant, 24, and Omar “Shotta” Campbell, 31, both of Kingston." + CONTEXT
    assert set(annotate_text(text, SETTINGS).persons) == {"Kemar Grant", "Omar Campbell"}


def test_a_titled_name_with_a_generational_numeral_is_a_person_not_a_sequel():
    text = "A spokesperson for Gov. Gretchen Whitmer said Lt. Gov. Garlin Gilchrist II would attend." + CONTEXT
    assert set(annotate_text(text, SETTINGS).persons) == {"Gretchen Whitmer", "Garlin Gilchrist II"}


def test_a_town_named_by_an_event_word_alone_stays_a_place():
    text = (
        "He studied at Imperial College London before joining Rolls-Royce in Derby.\nIt was the first such "
        "meeting in years, and officials said it was a success for all of those who were there."
    )  # the model reads "Derby" as a place here (GPE); the word is also an event's ("the Kentucky Derby")
    assert "Derby" in annotate_text(text, SETTINGS).locations


def test_initials_before_a_surname_that_is_a_word_make_a_person():
    text = (
        "The Steelers won, and T.J. Watt had three sacks, while J.R. Smith watched from the stands.\nIt was the first "
        "such meeting in years, and officials said it was a success for all of those who were there."
    )
    assert set(annotate_text(text, SETTINGS).persons) == {"T.J. Watt", "J.R. Smith"}


def test_a_photo_credit_ends_where_a_sentence_starts_on_its_line():
    text = "Photo: Jane Smith/Reuters. The minister, Andrew Holness, spoke on Monday." + CONTEXT
    assert annotate_text(text, SETTINGS).persons == ("Andrew Holness",)
