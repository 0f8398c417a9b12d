"""Rules added for issue 14, one test (or a few) each: name shapes, name propagation,
possessives, products, organization-vs-place votes, the multilingual gazetteer, and
quote attribution through pronouns and roles. Mostly without the model."""

from __future__ import annotations

import pytest
from test_annotate_rules import mentions_of, quotes_in

from etl.annotate import annotate_text
from etl.annotate.canonical import AliasTable, canonicalize, load_aliases, propagate_persons
from etl.annotate.entities import clean_mention, in_regions, junk_regions
from etl.annotate.gazetteer import find_names
from etl.annotate.names import extend_name, missed_names, name_runs, person_run, sex_of
from etl.annotate.words import NOT_NAME_ENDS
from etl.core.settings import Settings

ALIASES = load_aliases()


def nothing_taken(start: int, end: int) -> bool:
    return False


def spans(text: str, found) -> list[str]:
    return [text[s:e] for s, e in found]


@pytest.fixture(scope="module")
def annotate():
    settings = Settings()
    return lambda text: annotate_text(text, settings)


# --- name shapes ----------------------------------------------------------------------


def test_name_runs_keep_particles_hyphens_and_initials():
    text = "Joost van der Westhuizen met Anne-Gaelle Sidot, J. Adams and Rami al-Saadani."
    runs = [" ".join(w.text for w in run) for run in name_runs(text)]
    assert runs == ["Joost van der Westhuizen", "Anne-Gaelle Sidot", "J Adams", "Rami al-Saadani"]


@pytest.mark.parametrize(
    "text, span, expected",
    [
        ("Teams: 1 - Bernard Lama; 2 - Lilian Thuram", "2 - Lilian Thuram", "Lilian Thuram"),
        (
            "Sandrine Testud (France) beat Ines Gorrochategui (Argentina) 4-6",
            "Ines Gorrochategui (",
            "Ines Gorrochategui",
        ),
        ("Close of play: M. McCague 4-55", "M. McCague 4", "M. McCague"),
        ("The Christian Democrats won.", "Christian Democrats", None),
        ("Tens of thousands marched in Virginia Beach.", "Virginia Beach", None),
    ],
)
def test_a_span_the_model_mislabelled_is_a_person_by_its_shape(text, span, expected):
    start = text.index(span)
    found = person_run(text, start, start + len(span), NOT_NAME_ENDS)
    assert (text[found[0] : found[1]] if found else None) == expected


def test_a_given_name_that_is_a_word_needs_a_list_or_the_model():
    text = "Grace Period ends on Monday, said Angela Merkel, and Guy Forget agreed."
    assert spans(text, missed_names(text, nothing_taken, NOT_NAME_ENDS)) == ["Angela Merkel"]
    start = text.index("Guy Forget")
    assert person_run(text, start, start + 10) == (start, start + 10)  # inside a model span: allowed


def test_roles_before_a_name_are_not_part_of_it():
    text = "Verkehrsminister Andreas Scheuer und Coach Aime Jacquet sprachen."
    assert spans(text, missed_names(text, nothing_taken, NOT_NAME_ENDS)) == [
        "Andreas Scheuer",
        "Aime Jacquet",
    ]


def test_languages_that_capitalise_nouns_end_the_name_at_the_surname():
    text = "Die Präsidentin Rita Famos Bundesrat Cassis und Jarl Magnus Riiber kamen."
    found = spans(text, missed_names(text, nothing_taken, NOT_NAME_ENDS, short=True))
    assert found == ["Rita Famos", "Jarl Magnus Riiber"]


def test_a_common_word_given_name_counts_where_a_speaker_stands():
    text = "\u201cIt was an attempt to mislead voters,\u201d Will Moy, chief executive of Full Fact, told the BBC."
    assert spans(text, missed_names(text, nothing_taken, NOT_NAME_ENDS)) == ["Will Moy"]


def test_a_cut_name_grows_by_the_given_name_before_it():
    text = "Slovakia's Jan Allan Mueller scored and Eva-Marie Persson watched."
    start = text.index("Allan")
    assert text[slice(*extend_name(text, start, start + len("Allan Mueller")))] == "Jan Allan Mueller"
    start = text.index("Persson")
    assert text[slice(*extend_name(text, start, start + 7))] == "Eva-Marie Persson"


def test_sex_of_a_given_name():
    assert (sex_of("Sonya A. Zoghlin"), sex_of("Vladimir Putin"), sex_of("Xyzzy Quux")) == ("f", "m", "")


# --- mention clean-up ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, span, expected",
    [
        ("the network’s Haqqani faction", "s Haqqani", "Haqqani"),
        ("from Punjab’s Bhatinda district", "Punjab’s Bhatinda", "Bhatinda"),
        ("Boeing 737 MAX jets stay grounded", "MAX", None),
        ("the Airbus A320 Neo order", "Neo", None),
        ("In 2019 Smith won the vote", "Smith", "Smith"),
    ],
)
def test_possessive_fragments_and_products(text, span, expected):
    start = text.index(span)
    mention = clean_mention(text, start, start + len(span), "person")
    assert (mention.text if mention else None) == expected


def test_promo_lines_are_junk():
    text = "Swift will play.\nFollow Newsbeat on Instagram, Facebook, Twitter and YouTube.\nThe end."
    start = text.index("Newsbeat")
    assert in_regions(start, start + 8, junk_regions(text))


# --- canonical: propagation, surnames, organization vs place --------------------------------


def test_name_propagation_finds_other_mentions_in_lists_tables_and_capitals():
    text = "SHEARER NAMED CAPTAIN\n\nAlan Shearer leads England.\nSquad: 9 Shearer, 10 Les Ferdinand"
    clusters = canonicalize(mentions_of(text, ("Alan Shearer", "person")), AliasTable())
    propagate_persons(clusters, text, [], set())
    (shearer,) = clusters
    assert [m.text for m in shearer.mentions] == ["SHEARER", "Alan Shearer", "Shearer"]
    assert {m.label for m in shearer.mentions} == {"", "PROPAGATED"}


def test_a_surname_shared_by_two_persons_is_not_propagated():
    text = "George Bush and Jeb Bush spoke. Bush waved."
    clusters = canonicalize(
        mentions_of(text, ("George Bush", "person"), ("Jeb Bush", "person")), AliasTable()
    )
    propagate_persons(clusters, text, [], set())
    assert sum(len(c.mentions) for c in clusters) == 2


def test_a_mislabelled_full_name_follows_its_surname():
    text = "Montell Figgins, who represents Thomas, spoke. Figgins said no. Figgins left."
    items = [("Montell Figgins", "organization"), ("Figgins", "person"), ("Figgins", "person")]
    clusters = canonicalize(mentions_of(text, *items), AliasTable())
    assert [(c.name, c.type, len(c.mentions)) for c in clusters] == [("Montell Figgins", "person", 3)]


@pytest.mark.parametrize(
    "name, expected",
    [("Air Astana", "organization"), ("East Jerusalem", "location"), ("South China Sea", "location")],
)
def test_organization_or_place_by_the_alias_table_types(name, expected):
    text = f"Flights of {name} resumed."
    (cluster,) = canonicalize(mentions_of(text, (name, "location")), ALIASES)
    assert cluster.type == expected


def test_no_short_form_beside_its_full_name(annotate):
    text = (
        "Swedish Foreign Minister Eva-Marie Persson met her counterpart on Monday. "
        "Persson said the talks were useful. Later, Persson flew home to Stockholm."
    )
    persons = annotate(text).persons
    assert "Eva-Marie Persson" in persons and "Persson" not in persons


# --- gazetteer: names in the main European languages -----------------------------------------


def test_gazetteer_maps_names_in_other_languages_to_one_canonical_name():
    text = "Deutschland und Allemagne, Deutschlands Nachbarn, die EU-Kommission, der Bundestag und die Eu."
    found = find_names(text, ALIASES, [])
    assert [(m.text, ALIASES.lookup(m.text)) for m in found] == [
        ("Deutschland", ("Germany", "location")),
        ("Allemagne", ("Germany", "location")),
        ("Deutschland", ("Germany", "location")),
        ("EU-Kommission", ("European Commission", "organization")),
        ("Bundestag", ("Bundestag", "organization")),
    ]
    assert {m.label for m in found} == {"GAZETTEER"}


def test_gazetteer_skips_covered_spans_and_lower_case_words():
    text = "Wir essen in Essen, sagte Rom."
    found = find_names(text, ALIASES, [], covered=[(text.index("Rom"), len(text))])
    assert [m.text for m in found] == ["Essen"]


# --- quotes: pronouns and roles ---------------------------------------------------------------


def test_pronoun_takes_the_subject_of_the_nearest_sentence_not_a_possessor():
    text = (
        "Omar asked for compassion during Carlineo's sentencing, saying she did not want a severe sentence. "
        'She added, "We must teach the defendant love."'
    )
    got = quotes_in(text, ("Omar", "Ilhan Omar"), ("Carlineo", "Pat Carlineo"))
    assert got == [("Ilhan Omar", "We must teach the defendant love.")]


def test_pronoun_prefers_a_person_whose_given_name_fits():
    text = (
        "Sonya A. Zoghlin, the lawyer of Pat Carlineo, wrote to Judge Peter Brown on Monday.\n"
        '"He has taken responsibility for his words," she said in an email.'
    )
    people = [
        ("Sonya A. Zoghlin", "Sonya A. Zoghlin"),
        ("Pat Carlineo", "Pat Carlineo"),
        ("Peter Brown", "Peter Brown"),
    ]
    assert quotes_in(text, *people)[0][0] == "Sonya A. Zoghlin"


def test_role_resolves_to_the_person_introduced_with_it():
    text = (
        "Prosecutor Jane Doe filed the charges, and the defence lawyer Tom Roe asked for bail.\n"
        '"The evidence is overwhelming and we will show it," the prosecutor said.'
    )
    assert quotes_in(text, ("Jane Doe", "Jane Doe"), ("Tom Roe", "Tom Roe"))[0][0] == "Jane Doe"


def test_an_unnamed_official_stays_without_a_speaker():
    text = (
        "Officials met Jane Doe on Monday.\n"
        '"We have not decided anything about the plan yet," a senior official said.'
    )
    assert quotes_in(text, ("Jane Doe", "Jane Doe"))[0][0] == ""


def test_name_then_apposition_after_the_quote():
    text = (
        '"As alleged, the defendants had a duty to keep inmates safe," Geoffrey Berman, the U.S. attorney '
        "for the Southern District of New York, said in a news release."
    )
    assert quotes_in(text, ("Geoffrey Berman", "Geoffrey Berman"))[0][0] == "Geoffrey Berman"


def test_a_quote_left_open_runs_to_the_end_of_its_paragraph():
    text = "Cheuk Hau-yip, the commander, said: \u201cThese rioters, they are also criminals. They must face it.\nNext."
    assert quotes_in(text, ("Cheuk Hau-yip", "Cheuk Hau-yip")) == [
        ("Cheuk Hau-yip", "These rioters, they are also criminals. They must face it.")
    ]
