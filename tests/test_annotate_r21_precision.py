"""Issue 14, session 21 (precision): a headline in Title Case that runs a person's name on into a verb ("Tom Hanks
Reveals Secret", "Lionel Messi Leaving Barcelona") names the person only.
Texts written for the tests in the shape of entertainment, sports and business news; each rule's first test fails
on the session's starting tree, the others guard what the rule must not do."""

from __future__ import annotations

from etl.annotate import annotate_text
from etl.core.settings import Settings

SETTINGS = Settings()
CONTEXT = " Officials said it was the first such case in years, and that all of those who were there had left."


def test_a_headline_verb_ends_the_name_it_follows():
    cases = [
        ("Tom Hanks Reveals Secret Of His Marriage", "The actor met his wife on a film set. Hanks said they were happy."),
        ("Report: Lionel Messi Leaving Barcelona After 21 Years", "People close to the forward said he would go. Messi said he was sad."),
        ("Jennifer Lopez Wearing Versace At Met Gala", "The singer said the rumours were false. Lopez wore a gown by the house."),
    ]
    for title, body in cases:
        persons = annotate_text(body + CONTEXT, SETTINGS, title=title).persons
        name = " ".join(title.removeprefix("Report: ").split()[:2])
        assert persons == (name,), (title, persons)


def test_surnames_spelled_as_verbs_and_participles_stay_in_the_name():
    title = "Ken Burns Documentary Premieres Tonight"
    body = "The filmmaker's new series looks at jazz. Burns said it took ten years. Tribal leader Faith Spotted Eagle won."
    persons = annotate_text(body + CONTEXT, SETTINGS, title=title).persons
    assert set(persons) == {"Ken Burns", "Faith Spotted Eagle"}
