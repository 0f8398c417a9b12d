"""Session 24 (one-word persons on unseen news): a lone surname or mononym that does or owns what only a player does
("Stones remains doubtful for", "Saka's cross", "a brace from Isak", "Vlasic limped off"), or that thinks as a person
("Halvorsen knew she"). Sentences written for the purpose; each behaviour test fails on the session's start
(``c6f64db``), the guards beside them pin what the rules must not do (clubs, companies, places)."""

from __future__ import annotations

import pytest

from etl.annotate.wordnames import plays_as_person, thinks_as_person
from tests.annotate_text import facets


@pytest.mark.parametrize(
    ("text", "person"),
    [
        # the model reads an organization
        ("Stones remains doubtful for the weekend's match against Fulham, the coach said.", "Stones"),
        ("Marquez has been ruled out with a knee injury, the team confirmed on Friday.", "Marquez"),
        # the model reads a place
        ("Rodri is expected to return from injury before the end of the season.", "Rodri"),
        ("A brace from Isak gave Newcastle the win in the league match on Saturday.", "Isak"),
        ("The winner was headed in by Okonkwo after a corner in the second half of the match.", "Okonkwo"),
        # the model reads a person, doubted for lack of evidence
        ("Saka's cross was met at the far post in the second half of the match.", "Saka"),
        ("Kane converted the penalty in the 78th minute to seal the match for Bayern.", "Kane"),
        ("The penalty was converted by Martinez in the 90th minute.", "Martinez"),
    ],
)
def test_a_player_read_as_something_else_is_a_person(text, person):
    assert person in facets(text)["persons"]


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Vlasic limped off early in the second half and the coach said the injury was serious.", "Vlasic"),
        ("Ruiz made his debut for the club in the cup tie on Tuesday night, the manager said.", "Ruiz"),
    ],
)
def test_a_player_the_model_missed_is_found(text, person):
    assert person in facets(text)["persons"]


@pytest.mark.parametrize(
    "text",
    [
        "Arsenal won the match 2-0 and moved top of the league.",
        "Leeds remain unbeaten this season after a draw with Burnley.",
        "A late goal from Liverpool sealed the win at Anfield on Saturday.",
        "Chelsea was ruled out of the race to sign the striker, the club said.",
        "Tottenham has been ruled out for the season from the European competition after the ban.",
        "Madrid made their debut in the new stadium on Sunday.",
        "The match was won by Arsenal after extra time.",
        "The shares were bought by Vanguard in the second quarter.",
        "Apple's header image on the website was changed on Monday.",
        "Ferrari remains a doubt for the Grand Prix after the engine failure.",
    ],
)
def test_clubs_companies_and_places_stay_out_of_persons(text):
    assert not facets(text)["persons"]


@pytest.mark.parametrize(
    ("text", "start", "end", "expected"),
    [
        ("Saka's cross was headed in.", 0, 4, True),
        ("a brace from Isak gave", 13, 17, True),
        ("Kane converted the penalty", 0, 4, True),
        ("Shiffrin won her 90th race", 0, 8, True),
        ("Isak made his debut on", 0, 4, True),
        ("Arsenal's goal came late", 0, 7, False),
        ("a late goal from Liverpool", 17, 26, False),
        ("Arsenal won the match", 0, 7, False),
        ("Arsenal won his heart", 0, 7, False),
        ("the plant was fired by Ford", 23, 27, False),
    ],
)
def test_what_only_a_player_does(text, start, end, expected):
    assert plays_as_person(text, start, end) is expected


@pytest.mark.parametrize(
    ("text", "end", "expected"),
    [
        ("Rowling knew she was writing", 7, True),
        ("Prince was married when he died", 6, True),
        ("Halvorsen felt that she had won", 9, True),
        ("Nvidia knew it was ahead", 6, False),
        ("Google thought the deal would close", 6, False),
        ("Google knew shares would rise", 6, False),
    ],
)
def test_what_only_a_person_thinks(text, end, expected):
    assert thinks_as_person(text, end) is expected


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("After the race, Okafor thought he had done enough to qualify for the final.", "Okafor"),
        ("In the end Marchetti realised he could not continue, and he retired in May.", "Marchetti"),
        ("Kowalczyk was married when he died, his lawyer said.", "Kowalczyk"),
    ],
)
def test_a_one_word_name_that_thinks_or_marries_is_no_doubt(text, person):
    """The model reads the name as a person once and nothing else cues it: doubted at the start."""
    assert person in facets(text)["persons"]


def test_a_company_that_knows_stays_an_organization():
    found = facets("Nvidia knew it was ahead of its rivals in the chip race.")
    assert "Nvidia" not in found["persons"]


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Shakira was born in Barranquilla and began singing at an early age.", "Shakira"),
        ("Kennedy was born in Brookline, Massachusetts, in 1917.", "Kennedy"),
        ('Adele performed her hit "Hello" at the awards show on Sunday.', "Adele"),
        ("Ozuna sang his new single for the first time in Miami.", "Ozuna"),
        ("Rosalia debuted her new single at the festival on Friday.", "Rosalia"),
    ],
)
def test_a_performer_or_a_birth_names_a_person(text, person):
    assert person in facets(text)["persons"]


@pytest.mark.parametrize(
    "text",
    [
        'Coldplay performed their hit "Yellow" at the festival.',
        "Motown released her debut album in 1961.",
        "Bitcoin was born in 2009 out of the wreckage of the financial crisis.",
        "Solana was born in the middle of a crypto boom, its founders said.",
        "Netflix knew that subscribers would leave after the price rise.",
        "Hamas thought he was an informant, his family said.",
        "Spotify scored her a record deal in 2019.",
    ],
)
def test_bands_labels_coins_and_companies_stay_out_of_persons(text):
    assert not facets(text)["persons"]


def test_said_that_she_is_a_persons_speech():
    """The model reads "Okoye" as an organization; "said that she" was no cue at the start."""
    assert "Okoye" in facets("Okoye said that she would appeal the ruling on Monday.")["persons"]


def test_said_that_it_stays_a_companys():
    assert not facets("Pfizer said that it would raise prices next year.")["persons"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("He is the fourth of Stephen and Karen’s four kids, whose names are all biblical.", {"Stephen", "Karen"}),
    ],
)
def test_a_pair_owning_children_the_model_missed_are_persons(text, names):
    assert names <= set(facets(text)["persons"])


@pytest.mark.parametrize(
    "text",
    [
        "Johnson and Johnson's baby shampoo was recalled on Monday.",
        "Marks and Spencer's kids range sold well over Christmas.",
    ],
)
def test_a_companys_pair_of_names_owns_no_children(text):
    assert not facets(text)["persons"]


@pytest.mark.parametrize(
    ("text", "person"),
    [
        (
            "Critics have long admired Okonjo. As if Okonjo knew she was producing her life's work, the novel runs "
            "to 900 pages.",
            "Okonjo",
        ),
        ("Fans cheered for Ferreira in Lisbon. Ferreira thought he had won the race before the photo finish.", "Ferreira"),
    ],
)
def test_a_name_that_thinks_as_a_person_anywhere_is_one(text, person):
    assert person in facets(text)["persons"]


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("The bill was blocked by Hagerty (R-Tenn.) on Thursday.", "Hagerty"),  # PERSON, doubted at the start
        ("Tillis (R-N.C.) has opposed the nominee.", "Tillis"),  # ORG
        ("Vance, R-Ohio, said the deal was bad for workers.", "Vance"),  # nothing
        ("Okonkwo, a Democrat, voted against the measure on Tuesday.", "Okonkwo"),  # ORG
        ("Manchin, the West Virginia Democrat, opposed the plan.", "Manchin"),  # nothing
        ("The measure was backed by Kowalski, a Republican from Ohio, and opposed by most Democrats.", "Kowalski"),
    ],
)
def test_a_legislators_party_names_a_person(text, person):
    assert person in facets(text)["persons"]


@pytest.mark.parametrize(
    "text",
    [
        "The Senate, a Democrat-controlled chamber, passed the bill.",
        "Voters in Ohio, a Republican state, backed the measure.",
        "Ohio, a Republican-led state, passed the law.",
        "The poll by Gallup, a Washington firm, found support fell.",
    ],
)
def test_a_partys_word_before_a_noun_names_no_person(text):
    assert not facets(text)["persons"]


def test_a_senators_state_after_a_full_name_is_no_person():
    found = facets("Sen. Ted Cruz, R-Texas, said the bill would fail.")
    assert found["persons"] == ["Ted Cruz"]


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Okafor, the Labour MP for Hackney North, said the cuts were unfair.", "Okafor"),
        ("The report was welcomed by Whitfield, the Conservative MP, on Monday.", "Whitfield"),
        ("Blanchard, the SNP MP, opposed the bill.", "Blanchard"),
    ],
)
def test_a_member_of_parliament_names_a_person(text, person):
    assert person in facets(text)["persons"]


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Arsenal were without skipper Odegaard and centre-back Saliba for the trip.", "Odegaard"),  # FAC
        ("Boss Arteta praised teammate Saka after the match.", "Saka"),  # PERSON, doubted at the start
        ("Boss Arteta praised teammate Saka after the match.", "Arteta"),  # nothing
        ("The Spurs rookie Wembanyama scored 40 points on Sunday.", "Wembanyama"),  # nothing
    ],
)
def test_a_players_standing_in_the_team_before_a_name_is_a_person_cue(text, person):
    assert person in facets(text)["persons"]


@pytest.mark.parametrize(
    "text",
    [
        "Hugo Boss reported higher sales in Europe.",
        "The board put forward Tuesday's proposal to cut costs.",
    ],
)
def test_boss_in_a_brand_and_forward_are_no_person_cue(text):
    assert not facets(text)["persons"]


def test_said_that_she_finds_a_name_the_model_missed():
    assert "Okafor" in facets("Okafor said that she had not been told of the decision.")["persons"]


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Okonkwo's childhood in Enugu shaped the novel, critics say.", "Okonkwo"),  # ORG
        ("Saka's metatarsal injury will keep him out for a month.", "Saka"),  # PERSON, doubted at the start
        ("Mensah's collarbone was broken in the crash.", "Mensah"),
    ],
)
def test_a_childhood_or_an_injured_bone_is_a_persons(text, person):
    assert person in facets(text)["persons"]


@pytest.mark.parametrize(
    "text",
    [
        "Apple's honeymoon period with regulators is over.",
        "Beijing's pregnancy policy was loosened in 2015.",
    ],
)
def test_a_companys_or_places_phrase_owns_no_life_event(text):
    assert not facets(text)["persons"]
