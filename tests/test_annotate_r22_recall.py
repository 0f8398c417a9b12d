"""Issue 14, session 22 (person recall): a one-word name the model reads as an organization, or as a person with no
cue, is a person's where the text gives it what only a person has: a body part or a life's event it owns ("Tsitsipas's
right knee", "since Murray's retirement in"), a relative or body part after "whose" or after one verb and "his"/"her"
("Bukele, whose wife", "Zelensky thanked his wife"); a two-word name nothing knows that says "he"/"she" or has a person's appositive
("Thailand's Srettha Thavisin said he"); Arabic names joined to their particle whatever their first word ("Moqtada
al-Sadr", "Abu Bakr al-Baghdadi", "Zine al-Abidine Ben Ali"; not "Ansar al-Sharia", "Hayat Tahrir al-Sham"), South
Asian names joined by a particle ("Ata-ur-Rehman"; not "Jamaat-ud-Dawa"); Chinese names in pinyin the model did not
see or cut ("Xi Jinping met", "He" + "Lifeng"; not "Long Beach", "Han Solo"). Texts written for the tests in the
shape of news reports; each behaviour test fails on the session's starting tree."""

from __future__ import annotations

from etl.annotate import annotate_text
from etl.annotate.names import hyphen_particle_name
from etl.annotate.romanised import pinyin_name
from etl.annotate.wordnames import owns_as_person, relative_of
from etl.core.settings import Settings

SETTINGS = Settings()
CONTEXT = (
    " The council met on Tuesday to discuss the budget for the coming year, and members said the plan would be"
    " published next week after a review of the figures."
)


def test_a_relative_after_whose_makes_a_one_word_organization_a_person():
    text = "The decision was a blow to Bukele, whose wife had campaigned for him. Bukele has not commented." + CONTEXT
    annotation = annotate_text(text, SETTINGS)
    assert annotation.persons == ("Bukele",)
    assert annotation.organizations == ()


def test_a_body_part_owned_by_a_one_word_name_makes_it_a_person():
    text = "Doctors are worried about Tsitsipas's right knee before the final." + CONTEXT
    annotation = annotate_text(text, SETTINGS)
    assert annotation.persons == ("Tsitsipas",)
    assert annotation.organizations == ()
    injured = "Alcaraz injured his left ankle in the second set and retired." + CONTEXT
    assert annotate_text(injured, SETTINGS).persons == ("Alcaraz",)


def test_a_relative_after_a_verb_and_his_keeps_a_one_word_person():
    text = "Zelensky thanked his wife for her support." + CONTEXT
    assert annotate_text(text, SETTINGS).persons == ("Zelensky",)


def test_what_a_company_or_a_character_owns_is_no_person_cue():
    assert owns_as_person("Nadal's left knee", 5)
    assert owns_as_person("Bukele, whose wife", 6)
    assert owns_as_person("Murray's retirement in 2019", 6)
    assert not owns_as_person("Nvidia's retirement plan was cut", 6)
    assert not owns_as_person("Coldplay's wedding song", 8)
    assert not owns_as_person("Apple's chip arm grew", 5)
    assert not owns_as_person("Google thanked its staff", 6)
    # a blog's persona and a film's character have relatives too
    assert not owns_as_person("Gulliver's daughter", 8)
    text = "Coldplay's wedding song topped the charts. Nvidia's retirement plan was cut." + CONTEXT
    assert annotate_text(text, SETTINGS).persons == ()


def test_a_two_word_name_nothing_knows_that_says_he_is_a_person():
    text = "Thailand's Srettha Thavisin said he would stay neutral." + CONTEXT
    annotation = annotate_text(text, SETTINGS)
    assert annotation.persons == ("Srettha Thavisin",)
    assert annotation.organizations == ()
    company = "Hong Kong's Cheung Kong said it would sell the unit." + CONTEXT
    assert annotate_text(company, SETTINGS).persons == ()


def test_arabic_names_joined_to_their_particle_are_persons_whatever_their_first_word():
    for name in ("Moqtada al-Sadr", "Abu Bakr al-Baghdadi", "Abdel Fattah el-Sisi"):
        text = f"{name} called for calm after the clashes." + CONTEXT
        assert annotate_text(text, SETTINGS).persons == (name,), name
    owner = "Muqtada al-Sadr's followers stormed the parliament." + CONTEXT
    assert annotate_text(owner, SETTINGS).persons == ("Muqtada al-Sadr",)


def test_arabic_groups_and_places_are_no_persons():
    for name in ("Ansar al-Sharia", "Hayat Tahrir al-Sham", "Jaish al-Adl", "Masjid al-Aqsa", "Umm al-Quwain"):
        text = f"{name} was named in the report." + CONTEXT
        assert annotate_text(text, SETTINGS).persons == (), name


def test_a_name_cut_before_ben_takes_the_rest():
    text = "The speaker arrives in Tripoli to represent President Zine al-Abidine Ben Ali at the celebrations." + CONTEXT
    assert annotate_text(text, SETTINGS).persons == ("Zine al-Abidine Ben Ali",)


def test_south_asian_names_joined_by_a_particle():
    assert hyphen_particle_name("Ata-ur-Rehman") and hyphen_particle_name("Inzamam-ul-Haq")
    assert not hyphen_particle_name("Jamaat-ud-Dawa") and not hyphen_particle_name("Harkat-ul-Mujahideen")
    assert not hyphen_particle_name("Hizb-ut-Tahrir")
    text = (
        "Pakistan: Aamir Sohail, Saeed Anwar, Ijaz Ahmed, Salim Malik, Inzamam-ul-Haq, Wasim Akram (captain), Moin"
        " Khan, Saqlain Mushtaq, Mushtaq Ahmed, Waqar Younis, Ata-ur-Rehman." + CONTEXT
    )
    assert "Ata-ur-Rehman" in annotate_text(text, SETTINGS).persons


def test_chinese_names_in_pinyin_the_model_missed_or_cut():
    text = "Xi Jinping met the delegation in Beijing on Monday." + CONTEXT
    assert annotate_text(text, SETTINGS).persons == ("Xi Jinping",)
    cut = "Officials said on Monday. He Lifeng met the delegation in Beijing." + CONTEXT
    assert annotate_text(cut, SETTINGS).persons == ("He Lifeng",)


def test_english_words_and_given_names_after_a_chinese_family_name_are_no_pinyin_name():
    assert pinyin_name("Xi Jinping") and pinyin_name("Wang Huning")
    assert not pinyin_name("Long Beach") and not pinyin_name("Han Solo") and not pinyin_name("Sun Valley")
    assert not pinyin_name("He Began") and not pinyin_name("Ma Rainey")
    text = "Long Beach hosted the final, and Sun Valley sent a team." + CONTEXT
    assert annotate_text(text, SETTINGS).persons == ()


def test_a_name_after_a_relative_or_a_regime_of_is_a_persons():
    text = "Rebels fought against the military regime of Desi Bouterse in the late 1980s." + CONTEXT
    annotation = annotate_text(text, SETTINGS)
    assert annotation.persons == ("Desi Bouterse",)
    assert annotation.organizations == ()
    widow = "The estate was left to the widow of Tsitsipas after the trial." + CONTEXT
    assert annotate_text(widow, SETTINGS).persons == ("Tsitsipas",)


def test_a_place_after_a_relative_of_stays_a_place():
    assert relative_of("the widow of Desi Bouterse", 13)
    assert not relative_of("the minister of Finance", 16) and not relative_of("a son of", 8)
    text = "The father of Europe and the daughter of Zion met." + CONTEXT
    assert annotate_text(text, SETTINGS).persons == ()


def test_a_royal_title_opens_a_name_the_model_missed():
    text = "Officials met on Monday. Prince Norodom Ranariddh and Hun Sen agreed to the request." + CONTEXT
    assert annotate_text(text, SETTINGS).persons == ("Norodom Ranariddh", "Hun Sen")
