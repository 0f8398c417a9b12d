"""Issue 14, session 20: an office's forms before and after taking it are person cues ("President-elect Trump",
which the model reads as an organization); a headline in Title Case that runs a name into the plural of a group of
people ("Trump Supporters") names the person only; a company named with and without its legal form ("McClatchy
Co." and "McClatchy") is one organization, named as every story names it; a name the police give ("named the victim
as Tevita Fifita of Nuku'alofa", a given name the list lacks) is a person's before "of" and a place; a given name
that is also a place ("Israel Adesanya", "Sydney Sweeney": the model reads places or an organization) opens a
person's name where the text treats it as one; a given name the model cut before particles and a surname takes
them ("Erik" + "ten Hag"); a surname written before a relative named in full ("Trump and his wife Melania Trump")
is a person of its own, not her short form; a one-word name read once as a place and once as a person who speaks is
a person's ("Rihanna"); a given name keeps the title its bearer is named by, which the model left out ("King" +
"Charles", as "Prince William" is read whole). Texts written for the tests in the shape
of US political and business news; each test fails on the session's starting tree."""

from __future__ import annotations

from etl.annotate import annotate_text, entities
from etl.core.settings import Settings

SETTINGS = Settings()
CONTEXT = " Officials said it was the first such case in years, and that all of those who were there had left."


def test_president_elect_before_a_surname_makes_a_person():
    text = "Critics say President-elect Trump relied on lies to win. Some put words in Trump’s mouth." + CONTEXT
    annotation = annotate_text(text, SETTINGS)
    assert annotation.persons == ("Trump",)
    assert "Trump" not in annotation.organizations


def test_ex_and_designate_forms_of_an_office_are_cues_too():
    text = (
        "The party backed Governor-elect Hochul in the vote. Aides to ex-President Sarkozy declined to comment. "
        "Vice-President Pence met Senator-elect Fetterman." + CONTEXT
    )
    annotation = annotate_text(text, SETTINGS)
    assert set(annotation.persons) == {"Hochul", "Sarkozy", "Pence", "Fetterman"}
    assert annotation.organizations == ()


def test_a_headline_plural_of_followers_is_no_part_of_the_name():
    title = "Fact-Checker Asks: Are There Any Un-Angry Trump Supporters?"
    body = "The writer asked if there were any un-angry Trump supporters. Trump said he would not respond." + CONTEXT
    persons = annotate_text(body, SETTINGS, title=title).persons
    assert "Trump" in persons and "Trump Supporters" not in persons


def test_a_company_with_and_without_its_legal_form_is_one_organization():
    text = (
        "Shares of McClatchy Co. fell 5 percent on Monday after the newspaper publisher cut its forecast. "
        "McClatchy said advertising revenue dropped. Analysts at McClatchy's rival Gannett were cautious." + CONTEXT
    )
    organizations = annotate_text(text, SETTINGS).organizations
    assert "McClatchy" in organizations and "McClatchy Co." not in organizations


def test_a_name_the_police_give_is_a_person_before_of_and_a_place():
    text = "Police named the victim as Tevita Fifita of Nuku'alofa. Police identified him as a fisherman." + CONTEXT
    annotation = annotate_text(text, SETTINGS)
    assert annotation.persons == ("Tevita Fifita",)
    assert not any("Fifita" in name for name in annotation.organizations)


def test_a_given_name_that_is_a_place_opens_a_name_the_text_treats_as_a_person():
    text = "UFC champion Israel Adesanya lost his title on Saturday. Adesanya said he would return." + CONTEXT
    annotation = annotate_text(text, SETTINGS)
    assert annotation.persons == ("Israel Adesanya",)
    assert "Adesanya" not in annotation.locations


def test_a_title_before_a_given_name_that_is_a_place_makes_a_person():
    text = "Actress Sydney Sweeney arrived at the premiere in a red dress. Sweeney said it was her favourite." + CONTEXT
    annotation = annotate_text(text, SETTINGS)
    assert annotation.persons == ("Sydney Sweeney",)
    assert annotation.organizations == ()


def test_a_place_before_an_airport_stays_a_place():
    text = "Flights from London Heathrow were delayed on Friday as fog covered the airport." + CONTEXT
    annotation = annotate_text(text, SETTINGS)
    assert annotation.persons == () and "London" in annotation.locations


def test_a_given_name_the_model_cut_before_its_particles_takes_the_surname():
    text = (
        "Manchester United manager Erik ten Hag said Marcus Rashford would start. Ten Hag added that the squad "
        "was fit, and defender Virgil van Dijk said Liverpool were ready." + CONTEXT
    )
    persons = annotate_text(text, SETTINGS).persons
    assert "Erik ten Hag" in persons and "Erik" not in persons
    assert "Virgil van Dijk" in persons


def test_a_word_no_given_name_before_particles_is_not_grown_into_a_name():
    text = "My grandfather fought in World War I and was awarded the Croix de Guerre medal." + CONTEXT
    assert "Croix de Guerre" not in annotate_text(text, SETTINGS).persons


def test_a_surname_written_before_a_relative_named_in_full_is_a_person_of_its_own():
    text = "Trump and his wife Melania Trump arrived in Paris on Friday. Trump said the trip was a success." + CONTEXT
    persons = annotate_text(text, SETTINGS).persons
    assert set(persons) == {"Trump", "Melania Trump"}


def test_a_surname_after_the_full_name_is_still_its_short_form():
    text = "Jane Smith and her husband arrived in Leeds on Friday. Smith said the house was cold." + CONTEXT
    assert annotate_text(text, SETTINGS).persons == ("Jane Smith",)


def test_a_one_word_name_read_as_a_place_and_as_a_speaking_person_is_a_person():
    text = "Rihanna and A$AP Rocky welcomed a son. Rihanna said she was thrilled." + CONTEXT  # GPE, then PERSON
    annotation = annotate_text(text, SETTINGS)
    assert "Rihanna" in annotation.persons and "Rihanna" not in annotation.locations


def test_a_country_that_speaks_and_the_end_of_a_store_name_stay_what_they_are():
    text = (
        "Jordan said on Monday it would close the border. In Jordan, prices rose. A spokesperson for House of "
        "Fraser said the store would stay open." + CONTEXT
    )
    annotation = annotate_text(text, SETTINGS)
    assert "Jordan" in annotation.locations
    assert "Jordan" not in annotation.persons and "Fraser" not in annotation.persons


def test_a_given_name_keeps_the_title_its_bearer_is_named_by():
    text = "King Charles met Prince William in London. Charles later returned to Windsor. Pope Francis urged peace." + CONTEXT
    persons = annotate_text(text, SETTINGS).persons
    assert set(persons) == {"King Charles", "Prince William", "Pope Francis"}


def test_a_listed_given_name_read_alone_as_an_organization_opens_a_name_that_acts_as_a_person():
    text = "Natasha Zvereva beat her rival in three sets. Zvereva said she was tired."
    assert entities._surname_after_given(text, 0, len("Natasha"), "organization", frozenset()) == len("Natasha Zvereva")
    brand = "Morgan Stanley raised its target on Monday."  # no person's context
    assert entities._surname_after_given(brand, 0, len("Morgan"), "organization", frozenset()) is None
