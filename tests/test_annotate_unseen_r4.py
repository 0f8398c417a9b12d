"""Error classes of issue 14's seventh round (session 7): names whose given name is also an English word
("Will Power", "Chase Young", "Amber Rudd": the model misses them or reads an organization or a work), and
three classes read on the dev half of the bench7 pages (tests/fixtures/entities, "2026-12-05 bench7 dev";
the held half was only scored): a list of people with their affiliations read as headlines, streets read as
persons, a "Posted by" line of authors. Each test fails on the session's starting tree (HEAD 6f71a52).

The sentences of the first two tests were written for the class (real persons, real events: the bench pages
hold no such name the model misses); the others are the dev pages' own text."""

from __future__ import annotations

from etl.annotate import annotate_text
from etl.annotate.wordnames import acts_as_person
from etl.core.settings import Settings

SETTINGS = Settings()

POWER = "Will Power won the Indianapolis 500 on Sunday. Power, an Australian driver, led 100 laps."
YOUNG = "The company hired Chase Young as a consultant. Young said he was glad to join."
RUDD = '"We will not stop," Amber Rudd told the BBC. Rudd was home secretary until 2018.'
OLIVE = "Olive Garden said sales rose 5 percent in the quarter. The chain has 900 restaurants."
LEADERS = (  # github.blog (bench7 dev)
    "Want to learn more about featured leaders for Women’s History Month? Read about:\n"
    "Rachel White, Developer Experience Lead at American Express\n"
    "Kathy Pham, Computer Scientist and Product Leader at Mozilla and Harvard\n"
    "Heidy Khlaaf, Research Consultant at Adelard LLP\n"
    "Check back in soon—we’ll be adding new interviews weekly throughout March."
)
HEADLINES = (  # a box of related stories: headline lines stay no persons
    "Related stories\nDrake Assaulted in Dubai Nightclub\nRobert Herjavec Dating in Secret With New Partner\n"
    "The show went on."
)
STREETS = (  # roughdraftatlanta.com (bench7 dev)
    "Dresden Drive is closed between Ellijay Drive and Apple Valley Road due to a gas leak, Brookhaven Police "
    "Department reported at 1:30 p.m. on Nov. 8."
)
POSTED = (  # security.googleblog.com (bench7 dev)
    "Enhanced Safe Browsing Protection now available in Chrome\n\nPosted by Nathan Parker, Varun Khaneja, Eric "
    "Mill and Kiran C Nair - Chrome Safe Browsing team Over the past few years we’ve seen threats ...\n\n"
    "Over the past few years we’ve seen threats on the web becoming increasingly sophisticated."
)


def test_a_name_with_a_word_for_given_name_is_a_person_where_the_text_treats_it_as_one():
    assert "Will Power" in annotate_text(POWER, SETTINGS).persons  # the model finds nothing
    young = annotate_text(YOUNG, SETTINGS)
    assert "Chase Young" in young.persons and "Chase Young" not in young.organizations  # read as ORG
    rudd = annotate_text(RUDD, SETTINGS)  # read as a work of art
    assert "Amber Rudd" in rudd.persons
    assert [q.speaker for q in rudd.quotes] == ["Amber Rudd"]


def test_a_firm_of_the_same_shape_stays_no_person():
    assert annotate_text(OLIVE, SETTINGS).persons == ()
    assert not acts_as_person(OLIVE, 0, len("Olive Garden"))  # "said", then "The chain": no person's cue
    assert acts_as_person(POWER, 0, len("Will Power"))  # "Power, an Australian driver"
    assert acts_as_person(YOUNG, YOUNG.index("Chase"), YOUNG.index(" as a"))  # "Young said"
    text = "Hope Hicks resigned on Tuesday. She had worked for the campaign."
    assert acts_as_person(text, 0, len("Hope Hicks"))  # the next sentence opens with "She"


def test_people_listed_with_their_affiliations_are_persons_not_headlines():
    persons = annotate_text(LEADERS, SETTINGS).persons
    assert {"Rachel White", "Kathy Pham", "Heidy Khlaaf"} <= set(persons)
    assert annotate_text(HEADLINES, SETTINGS).persons == ()


def test_streets_are_places_not_persons():
    annotation = annotate_text(STREETS, SETTINGS)
    assert not {"Dresden Drive", "Ellijay Drive"} & set(annotation.persons)
    assert "Dresden Drive" in annotation.locations


def test_a_posted_by_line_names_authors_only():
    annotation = annotate_text(POSTED, SETTINGS)
    assert not {"Nathan Parker", "Eric Mill", "Varun Khaneja", "Kiran C Nair"} & set(
        annotation.persons + annotation.organizations
    )
    assert "Chrome Safe Browsing" not in annotation.persons
