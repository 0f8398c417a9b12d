"""Session 24 (names of two words or more at the person / organization boundary on unseen news): a clause after a
name that only a person takes ("who", an age, a person's role), two full names the model ran into one span.
Sentences written for the purpose; each behaviour test fails on the session's start (``c6f64db``), the guards
beside them pin what the rules must not do."""

from __future__ import annotations

import pytest

from tests.annotate_text import facets


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Shou Chew, the chief executive of the company, said sales rose.", "Shou Chew"),
        ("Scooter Braun, who runs the firm, declined to comment.", "Scooter Braun"),
        ("Debola Lagos, a co-founder of the label, said the tour would go ahead.", "Debola Lagos"),
    ],
)
def test_a_clause_only_a_person_takes_makes_a_name_read_as_an_organization_a_person(text, person):
    found = facets(text)
    assert person in found["persons"]
    assert person not in found["organizations"]


@pytest.mark.parametrize(
    ("text", "organization"),
    [
        ("Ralph Lauren, the fashion house, said it would cut 200 jobs.", "Ralph Lauren"),
        ("Morgan Stanley, the investment bank, said profits rose.", "Morgan Stanley"),
        ("Boston Dynamics, the robot maker, said it would not arm its robots.", "Boston Dynamics"),
        ("The fans cheered the Chicago White Sox, who won again on Sunday.", "Chicago White Sox"),
    ],
)
def test_a_company_or_a_team_in_such_a_clause_stays_no_person(text, organization):
    found = facets(text)
    assert organization not in found["persons"]


@pytest.mark.parametrize(
    ("text", "persons"),
    [
        ("Donald Trump Melania Trump arrive at the White House.", ["Donald Trump", "Melania Trump"]),
        ("Present were Joe Biden Kamala Harris and two senators.", ["Joe Biden", "Kamala Harris"]),
        ("Sen. Elizabeth Warren Bernie Sanders and others spoke at the rally.", ["Elizabeth Warren", "Bernie Sanders"]),
        (
            "The panel included Sarah Jessica Parker Matthew Broderick and their son.",
            ["Sarah Jessica Parker", "Matthew Broderick"],
        ),
    ],
)
def test_two_full_names_run_into_one_span_are_two_persons(text, persons):
    found = facets(text)["persons"]
    assert all(p in found for p in persons)
    assert " ".join(persons) not in found


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("The talks were led by Zine al-Abidine Ben Ali, the president.", "Zine al-Abidine Ben Ali"),
        ("Sarah Jessica Parker arrived late.", "Sarah Jessica Parker"),
        ("Carrie Lam Cheng Yuet-ngor said the bill was dead.", "Carrie Lam Cheng Yuet-ngor"),
        ("George Herbert Walker Bush died on Friday.", "George Herbert Walker Bush"),
    ],
)
def test_one_long_name_stays_whole(text, person):
    assert person in facets(text)["persons"]


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("The event was hosted by media mogul, Debola Lagos.", "Debola Lagos"),
        ("The label's co-founder, Scooter Braun, said the tour would go ahead.", "Scooter Braun"),
    ],
)
def test_a_role_only_a_person_holds_and_a_comma_before_a_name_make_it_a_person(text, person):
    assert person in facets(text)["persons"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The bank's owner, Morgan Stanley, said profits rose.", "Morgan Stanley"),
        ("Its biggest lender, Goldman Sachs, cut the loan.", "Goldman Sachs"),
    ],
)
def test_a_role_a_company_holds_before_a_name_makes_no_person(text, name):
    assert name not in facets(text)["persons"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The Tory Burch collection sold out quickly.", "Tory Burch"),
        ("The Michael Kors store on Fifth Avenue closed.", "Michael Kors"),
        ("He bought a pair of Stuart Weitzman boots.", "Stuart Weitzman"),
        ("The Ellen DeGeneres Show ended in 2022.", "Ellen DeGeneres Show"),
    ],
)
def test_a_brand_or_show_named_after_a_person_is_no_person(text, name):
    assert name not in facets(text)["persons"]


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Tory Burch opened a store in Paris.", "Tory Burch"),
        ("Michael Kors said the collection would be cheaper.", "Michael Kors"),
        ("Ellen DeGeneres ended her show in 2022.", "Ellen DeGeneres"),
    ],
)
def test_the_designer_or_host_named_as_a_person_stays_a_person(text, person):
    assert person in facets(text)["persons"]


def test_a_surname_read_alone_names_the_full_name_the_model_missed():
    text = (
        "Olumide Akpata won the election in July. Akpata had promised reform. Supporters of Akpata celebrated in"
        " Lagos. Akpata thanked them on Twitter. Akpata takes office in August."
    )
    found = facets(text)
    assert "Olumide Akpata" in found["persons"]
    assert "Akpata" not in found["organizations"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (  # a company called by its first word: the surname is the last one
            "Goldman Sachs cut jobs. Goldman said costs rose, and Goldman expects more cuts.",
            "Goldman Sachs",
        ),
        (  # a byline's name is a credit
            "By Olumide Akpata\nAkpata Holdings said sales rose. Akpata said costs fell, and Akpata expects more.",
            "Olumide Akpata",
        ),
    ],
)
def test_no_full_name_is_made_from_a_company_or_a_byline(text, name):
    assert name not in facets(text)["persons"]
