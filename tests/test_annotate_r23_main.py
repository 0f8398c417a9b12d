"""Session 23: relatives named after a marriage's length, brothers and couples sharing one surname, lone titles and
holidays as no facet, a particle-led surname read as a place."""

from __future__ import annotations

import pytest

from etl.annotate import annotate_text, entity_facets
from etl.annotate.canonical import load_aliases
from etl.annotate.names import is_given
from etl.core.settings import Settings
from tests.annotate_text import FILL


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "He is survived by his wife of 52 years, Margaret; his sons, Robert and Thomas; and six grandchildren.",
            {"Margaret", "Robert", "Thomas"},
        ),
        ("She leaves her husband of forty-one years, Harold, and a daughter, Susan.", {"Harold", "Susan"}),
    ],
)
def test_a_relative_named_after_the_length_of_a_marriage_is_a_person(text, names):
    assert names <= set(entity_facets("", text + FILL)["persons"])


def test_a_place_after_a_marriage_length_stays_out():
    assert not entity_facets("", "Her husband of 30 years, Boston, was not named." + FILL)["persons"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("The band, formed in Manchester by Noel and Liam Gallagher, announced a reunion tour.", {"Noel Gallagher", "Liam Gallagher"}),
        ("Venus and Serena Williams played doubles together at the Olympics in London.", {"Venus Williams", "Serena Williams"}),
        ("The company was founded by brothers Mark and Scott Kelly in Houston.", {"Mark Kelly", "Scott Kelly"}),
    ],
)
def test_a_given_name_joined_to_a_full_name_shares_its_surname(text, names):
    persons = set(entity_facets("", text + FILL)["persons"])
    assert names <= persons
    assert not {"Noel", "Venus", "Mark"} & persons


@pytest.mark.parametrize(
    "text",
    [
        "Prince William and Kate Middleton visited Wales on Friday.",  # a title before the given name
        "Elizabeth Warren spoke first. Later Warren and Bernie Sanders held a rally in Iowa.",  # another's surname
        "Johnny Manziel went early. “So there we were, staring at Johnny and Zack Martin,” he said.",  # another's name
        "Officials in Austin and Mark Cuban disagreed about the stadium.",  # a place
        "Will and Grace Adler left the party early.",  # a sentence's first word that is an English word
    ],
)
def test_no_shared_surname_where_the_given_name_is_someone_elses_or_a_place(text):
    persons = entity_facets("", text + FILL)["persons"]
    assert not [p for p in persons if p.split()[0] in {"William", "Warren", "Johnny", "Austin", "Will"} and len(p.split()) == 2
                and p.split()[1] in {"Middleton", "Sanders", "Martin", "Cuban", "Adler"}]


def test_a_lone_title_or_holiday_is_no_organization_or_place():
    facets = entity_facets(
        "", "Magistrate Judge Sarah Netburn denied the motion. Pope Francis called for peace in his Easter address." + FILL
    )
    assert "Sarah Netburn" in facets["persons"]
    assert "Magistrate" not in facets["organizations"]
    assert "Easter" not in facets["locations"]
    assert "Christmas Island" in entity_facets("", "The ferry reached Christmas Island on Monday." + FILL)["locations"]


def test_a_surname_opening_with_a_particle_read_as_a_place_is_the_persons():
    text = (
        "Kevin De Bruyne set up the first goal as City beat Brentford 3-1 on Saturday.\n"
        "Teams: Manchester City: Ederson; Walker, Dias, Akanji, Gvardiol; Rodri, Kovacic; Foden, De Bruyne, Doku; Haaland."
    )
    facets = entity_facets("", text + FILL)
    assert "Kevin De Bruyne" in facets["persons"]
    assert "De Bruyne" not in facets["locations"]


def test_an_acronym_that_is_an_english_word_matches_only_in_capitals():
    facets = entity_facets("", 'Kendrick Lamar won record of the year for "Not Like Us", his diss track. He flew to the US.' + FILL)
    assert facets["locations"] == ["United States"]  # the "US" of the last sentence, not the song's "Us"
    aliases = load_aliases(Settings.from_env().annotate_aliases_file)
    assert aliases.lookup("Us") is None
    assert aliases.lookup("US") == ("United States", "location")
    assert aliases.lookup("Nato") == aliases.lookup("NATO")  # no English word: any case


def test_congo_alone_is_the_democratic_republic_in_every_language():
    aliases = load_aliases(Settings.from_env().annotate_aliases_file)
    drc = ("Democratic Republic of the Congo", "location")
    for variant in ("Congo", "Democratic Republic of Congo", "DRC", "Kongo-Kinshasa", "República Democrática del Congo"):
        assert aliases.lookup(variant) == drc, variant
    for variant in ("Republic of Congo", "Congo-Brazzaville", "Kongo-Brazzaville", "República do Congo"):
        assert aliases.lookup(variant) == ("Republic of the Congo", "location"), variant


def test_regions_of_populous_countries_are_places():
    text = (
        "Chandrababu Naidu, whose party won 16 seats in Andhra Pradesh, met officials from Guangdong and Khyber"
        " Pakhtunkhwa in New Delhi."
    )
    facets = entity_facets("", text + FILL)
    assert {"Andhra Pradesh", "Guangdong", "Khyber Pakhtunkhwa"} <= set(facets["locations"])
    assert "Chandrababu Naidu" in facets["persons"]
    assert "Andhra Pradesh" not in facets["organizations"]


def test_a_nationality_before_a_titled_name_is_no_person():
    text = "Guests included Sri Lankan President Ranil Wickremesinghe and Bangladesh's prime minister."
    persons = entity_facets("", text + FILL)["persons"]
    assert "Ranil Wickremesinghe" in persons
    assert "Sri Lankan" not in persons
    guard = "Taylor Swift President of the fan club said nothing. Alice Cooper Chairman David Ross spoke."
    assert "Taylor Swift" in entity_facets("", guard + FILL)["persons"]  # a given name opens it: a person


def test_a_quote_a_family_or_police_give_has_no_persons_speaker():
    text = (
        "Detective Chief Inspector Mark Taylor said: “Our thoughts remain with her family.”\n"
        "In a statement released through police, her family said she was “a loving mother who lit up every room”."
    )
    annotation = annotate_text(text, Settings.from_env())
    speakers = {q.text[:8]: q.speaker for q in annotation.quotes}
    assert speakers == {"Our thou": "Mark Taylor", "a loving": ""}
    guard = "Mark Taylor spoke outside the court. He said she was “a loving mother who lit up every room”."
    assert [q.speaker for q in annotate_text(guard, Settings.from_env()).quotes] == ["Mark Taylor"]


def test_legislators_titles_make_persons():
    text = (
        "Councilmember Shannon Hardin said the council would review it. House Speaker Mike Johnson and Congresswoman"
        " Nancy Mace disagreed, as did lawmaker Tom Kean."
    )
    facets = entity_facets("", text + FILL)
    assert {"Shannon Hardin", "Mike Johnson", "Nancy Mace", "Tom Kean"} <= set(facets["persons"])
    assert not [o for o in facets["organizations"] if "Hardin" in o]


def test_a_nickname_in_single_quotes_leaves_the_name():
    text = "Dwayne 'The Rock' Johnson and Tom ‘Big Tom’ O'Brien star in the sequel, which opens on Friday in Boston."
    persons = entity_facets("", text + FILL)["persons"]
    assert {"Dwayne Johnson", "Tom O'Brien"} <= set(persons)
    text = "José Álvarez-Ruiz, 41, and Siobhán O'Neill-McCarthy were arrested in Dublin, gardaí said."
    assert "Siobhán O'Neill-McCarthy" in entity_facets("", text + FILL)["persons"]  # an apostrophe opens no nickname


def test_a_name_ending_a_quoted_title_with_small_words_is_no_person():
    text = "She won her first Oscar for “The Prime of Miss Jean Brodie” in 1969, the academy said."
    assert "Jean Brodie" not in entity_facets("", text + FILL)["persons"]
    guard = "“Congratulations to John Smith,” the mayor said after the vote in Leeds."
    assert "John Smith" in entity_facets("", guard + FILL)["persons"]  # a sentence, one capitalised word before


def test_a_given_name_with_an_inner_apostrophe_opens_a_persons_name():
    text = "Ja'Marr Chase caught six passes for 35 yards as the Bengals lost to the Chiefs in Kansas City."
    assert "Ja'Marr Chase" in entity_facets("", text + FILL)["persons"]
    assert not is_given("O'Neal", strict=False) and not is_given("L'Oreal", strict=False)


def test_a_posts_caption_and_a_written_reply_have_their_writers():
    text = (
        "Selena Gomez is engaged to the producer Benny Blanco. “Forever begins now,” Gomez, 32, captioned the post."
        " Blanco commented: “Hey wait... that's my wife.”\nTaylor Swift was among the first to react, writing “yes I"
        " will be the flower girl.”"
    )
    quotes = annotate_text(text, Settings.from_env()).quotes
    assert [q.speaker for q in quotes] == ["Selena Gomez", "Benny Blanco", "Taylor Swift"]


def test_words_ending_in_a_colon_after_a_quote_introduce_the_next_one():
    text = (
        "Mark Taylor spoke on Monday in Leeds. Police said: “The man was arrested at 7am.” Smith said: “I am glad.”"
        " Later the council met."
    )
    quotes = annotate_text(text, Settings.from_env()).quotes
    assert [(q.speaker, q.text[:8]) for q in quotes] == [("", "The man "), ("Smith", "I am gla")]


MATCH_REPORT = (
    "Manchester City beat Brentford 3-1 on Saturday as Erling Haaland scored twice at the Etihad Stadium.\n"
    "The Norwegian opened the scoring, sweeping home a cross from Kevin De Bruyne, and added a penalty after Ethan"
    " Pinnock fouled Phil Foden.\n"
    "City manager Pep Guardiola praised Ruben Dias. Rodri is expected to return from a knee injury on Tuesday.\n"
    "Teams: Manchester City (4-2-3-1): Ederson; Walker, Dias, Akanji, Gvardiol; Rodri, Kovacic; Foden, De Bruyne"
    " (Grealish 75), Doku; Haaland.\n"
)


def test_a_team_sheet_with_a_label_and_semicolons_names_persons():
    facets = entity_facets("", MATCH_REPORT + FILL)
    assert {"Ederson", "Walker", "Akanji", "Gvardiol", "Rodri", "Kovacic", "Doku"} <= set(facets["persons"])
    assert not {"Rodri", "Gvardiol"} & set(facets["organizations"] + facets["locations"])
    assert "Manchester City" in facets["organizations"]


def test_a_labelled_list_of_topics_names_no_english_word_a_person():
    text = "Donald Trump and Joe Biden clashed again on Tuesday in Ohio.\nTopics: Trump, Biden, Harris, Election, Politics, Economy"
    persons = entity_facets("", text + FILL)["persons"]
    assert not {"Election", "Politics", "Economy"} & set(persons)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Blanco has produced hits for Katy Perry, Ed Sheeran and Rihanna over the past decade.", "Rihanna"),
        ("Swift, 35, beat Beyoncé, Billie Eilish and Sabrina Carpenter for the night's top prize.", "Beyoncé"),
    ],
)
def test_a_one_word_name_listed_between_full_names_is_a_person(text, name):
    facets = entity_facets("", text + FILL)
    assert name in facets["persons"]
    assert name not in facets["organizations"] + facets["locations"]


def test_places_companies_and_words_listed_beside_persons_stay_out():
    text = (
        "Tim Cook met leaders from Apple, Google and Microsoft in Seattle. Fans flew in from Paris, London and Madrid to"
        " see Lionel Messi and Cristiano Ronaldo. Investors including Jeff Bezos, Bill Gates and Acme backed it."
    )
    facets = entity_facets("", text + FILL)
    assert not {"Apple", "Google", "Microsoft", "Paris", "London", "Madrid", "Acme"} & set(facets["persons"])
