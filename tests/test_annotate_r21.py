"""Issue 14, session 21: a one-word name that speaks as a person is a person's, whatever the model read: a speech
verb and "he" or "she" after it ("Swiatek said she was disappointed", ORG), or an appositive with an age or a role
only a person holds ("Kishida, the Japanese prime minister,", "Djokovic, the top seed,"), also where the model
labelled nothing ("Modi said he was confident" at a sentence's start, "Brazil’s Dilma Rousseff, herself a"); so is each of a pair whom their sentence
gives children ("Beyoncé and Jay-Z arrived with their daughter"); a surname before "said he" is no short form of
a woman's full name ("Michelle Obama ... President Obama said he"); a name read as a place that a verb only persons
take joins to another name is a person ("Xi met Biden in California": GPE; not "Hamas met Fatah"); a place of the alias table that is also a given name is a
person where the text names it as one ("His daughter Sydney said she", "Another student, Florence, said"); a
competitor's standing is a person cue ("Defending champion Swiatek"; not "Defending champions Fenerbahce"). Companies ("Nvidia said it", "Gannett, the
owner of"), places the alias table knows and adverbs opening a sentence ("Meanwhile, the minister said he") stay
what they are. Texts written for the tests in the shape of news reports; each behaviour test fails on the
session's starting tree."""

from __future__ import annotations

from etl.annotate import annotate_text
from etl.annotate.wordnames import couple_member, meets_as_person, person_appositive, speaks_after
from etl.core.settings import Settings

SETTINGS = Settings()
CONTEXT = " Officials said it was the first such case in years, and that all of those who were there had left."


def test_a_one_word_organization_that_says_she_is_a_person():
    text = "Swiatek, the world No. 1, lost in the third round. Swiatek said she was disappointed." + CONTEXT
    annotation = annotate_text(text, SETTINGS)
    assert annotation.persons == ("Swiatek",)
    assert annotation.organizations == ()


def test_an_office_in_an_appositive_makes_a_one_word_organization_a_person():
    text = "Kishida, the Japanese prime minister, said on Friday that the tax would be cut." + CONTEXT
    annotation = annotate_text(text, SETTINGS)
    assert annotation.persons == ("Kishida",)
    assert "Kishida" not in annotation.organizations


def test_a_seed_in_an_appositive_makes_a_person_of_a_word_the_model_did_not_label():
    text = "Djokovic, the top seed, beat Alcaraz in straight sets. Djokovic said he was tired." + CONTEXT
    annotation = annotate_text(text, SETTINGS)
    assert "Djokovic" in annotation.persons and "Djokovic" not in annotation.organizations


def test_an_unlabelled_word_opening_a_sentence_that_says_he_is_a_person():
    text = "Modi said he was confident of a deal. The Indian prime minister spoke in Delhi." + CONTEXT
    assert annotate_text(text, SETTINGS).persons == ("Modi",)
    aged = "Rubio, 53, said the plan was working and would be extended." + CONTEXT
    assert annotate_text(aged, SETTINGS).persons == ("Rubio",)


def test_companies_places_and_adverbs_that_speak_stay_what_they_are():
    text = (
        "Shares of Nvidia rose after Nvidia said it expected higher sales. Gannett, the owner of USA Today, said "
        "profits fell. Meanwhile, the minister said he would resign. Kyiv said he was welcome." + CONTEXT
    )
    annotation = annotate_text(text, SETTINGS)
    assert annotation.persons == ()
    assert "Nvidia" in annotation.organizations


def test_person_appositives_and_pronoun_speech_by_shape():
    text = "Kishida, the Japanese prime minister, spoke. Gannett, the owner of a paper, fell. Ng said she left."
    assert person_appositive(text, len("Kishida"))
    assert not person_appositive(text, text.index(", the owner"))
    assert speaks_after(text, text.index(" said she"))
    assert not speaks_after("Apple said it would.", len("Apple"))


def test_a_pair_with_children_is_a_couple_of_persons():
    text = (
        "Beyoncé and Jay-Z arrived with their daughter Blue Ivy Carter. Beyoncé said it was a great night." + CONTEXT
    )
    annotation = annotate_text(text, SETTINGS)  # the model: "Beyoncé" ORG, then PERSON; "Jay-Z" alone
    assert set(annotation.persons) == {"Beyoncé", "Jay-Z", "Blue Ivy Carter"}
    assert annotation.organizations == ()


def test_two_companies_and_their_profits_are_no_couple():
    text = "Apple and Google said their profits rose in the quarter." + CONTEXT
    annotation = annotate_text(text, SETTINGS)
    assert annotation.persons == () and set(annotation.organizations) == {"Apple", "Google"}
    assert couple_member("Kim and Kanye split. The couple have four children.", 0, 3)


def test_a_surname_that_says_he_is_no_short_form_of_a_womans_full_name():
    text = "Michelle Obama spoke first. President Obama said he was proud of her." + CONTEXT
    assert set(annotate_text(text, SETTINGS).persons) == {"Michelle Obama", "Obama"}


def test_a_surname_that_says_he_is_still_the_short_form_of_a_mans_full_name():
    text = "Chris Anderson met the team on Monday. Anderson said he was pleased with the result." + CONTEXT
    assert annotate_text(text, SETTINGS).persons == ("Chris Anderson",)


def test_a_place_reading_of_a_name_a_meeting_verb_joins_to_another_is_a_person():
    text = "Xi met Biden in California on Wednesday. Putin spoke with Erdogan by phone." + CONTEXT
    annotation = annotate_text(text, SETTINGS)  # the model: "Biden" and "Erdogan" GPE
    assert {"Biden", "Putin", "Erdogan"} <= set(annotation.persons)
    assert "Biden" not in annotation.locations and "Erdogan" not in annotation.locations


def test_organizations_that_meet_a_company_met_with_and_a_day_met_on_are_no_persons():
    text = (
        "The minister met with Pfizer in Brussels. The Fed met Tuesday and held rates. Hamas met Fatah in Cairo."
        + CONTEXT
    )
    assert annotate_text(text, SETTINGS).persons == ()
    assert not meets_as_person("Regulators met Google executives.", len("Regulators met "), len("Regulators met Google"))


def test_a_place_that_is_a_given_name_named_as_a_person_is_a_person():
    text = "His daughter Sydney said she was proud. Another student, Florence, said the class was divided." + CONTEXT
    annotation = annotate_text(text, SETTINGS)  # the alias table: two cities
    assert set(annotation.persons) == {"Sydney", "Florence"} and annotation.locations == ()


def test_a_place_that_is_a_given_name_stays_a_place_where_it_is_placed_or_hosts():
    text = "Officials in Florence said the museum would reopen. World Cup hosts France beat Mexico 2-0." + CONTEXT
    annotation = annotate_text(text, SETTINGS)
    assert annotation.persons == () and {"Florence", "France"} <= set(annotation.locations)


def test_two_unlabelled_words_after_a_countrys_possessive_that_act_as_a_person_are_a_person():
    text = "Tributes poured in (Brazil’s Dilma Rousseff, herself a one-time revolutionary) from the left." + CONTEXT
    assert annotate_text(text, SETTINGS).persons == ("Dilma Rousseff",)


def test_a_title_and_a_surname_are_not_read_as_a_two_word_speaker():
    text = "Prime Minister Modi said he was confident of a deal with the union." + CONTEXT
    assert annotate_text(text, SETTINGS).persons == ("Modi",)


def test_a_competitors_standing_before_a_surname_is_a_person_cue():
    text = "Defending champion Swiatek lost on Tuesday. Wimbledon finalist Tomas Berdych retired." + CONTEXT
    persons = annotate_text(text, SETTINGS).persons
    assert set(persons) == {"Swiatek", "Tomas Berdych"}


def test_the_plural_of_a_standing_before_a_team_is_no_person_cue():
    text = "Defending champions Fenerbahce lost to Galatasaray on Sunday night." + CONTEXT
    assert annotate_text(text, SETTINGS).persons == ()
