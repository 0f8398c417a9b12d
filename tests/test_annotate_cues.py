"""Error classes of issue 14 seen on the Readability dev pages (tests/fixtures/entities, batch
"2026-12-05 readability dev"), one general rule each, on the pages' own text: kin words, ages and
titles that make a name a person's; a person's initials in brackets; credits with a role in
brackets; organization nouns beside a name; an article before a one-word name; product lines of a
company named in the same story."""

from __future__ import annotations

import pytest

from etl.annotate import annotate_text
from etl.annotate.canonical import AliasTable, canonicalize
from etl.annotate.entities import RawMention, person_cue
from etl.core.settings import Settings

SETTINGS = Settings()

MUGABE = (
    "Zimbabwe President Robert Mugabe, his wife Grace and two key figures from her G40 political faction are "
    'under house arrest at Mugabe\'s "Blue House" compound in Harare, a source said.\n'
    "South Africa said Mr Mugabe had told President Jacob Zuma by telephone on Wednesday that he was confined "
    "to his home but was otherwise fine and the military said it was keeping him and his family, including wife "
    "Grace, safe.\n"
    "Despite the lingering admiration for Mr Mugabe, there is little public affection for 52-year-old Grace, a "
    "former government typist who started having an affair with Mr Mugabe in the early 1990s.\n"
    'Dubbed "DisGrace" or "Gucci Grace" on account of her reputed love of shopping, she enjoyed a meteoric '
    "rise through the ranks of Mugabe's ruling Zanu-PF in the last two years."
)

PARATA = (
    "Whale whisperer Hori Parata was just seven years old when he attended his first mass stranding.\n"
    "Seven decades later, Parata, 75, has now overseen more than 500 strandings.\n"
    "“Man’s greed in the ocean is hurting the whales,” says Parata, a fierce and uncompromising elder.\n"
    "Kauri Parata, watched by his father, Hori Parata, carves a traditional Māori design at their home.\n"
    "Hori Parata at his Pātaua farm, the place where he was born and grew up."
)


def test_kin_words_and_ages_mark_a_person():
    assert person_cue(MUGABE, MUGABE.index("Grace"), MUGABE.index("Grace") + 5)  # "his wife Grace"
    at = PARATA.index("Hori Parata,")
    assert person_cue(PARATA, at, at + len("Hori Parata"))  # "his father, Hori Parata"
    at = PARATA.index("Parata, 75")
    assert person_cue(PARATA, at, at + len("Parata"))  # "Parata, 75, has"
    at = MUGABE.index("Harare")
    assert not person_cue(MUGABE, at, at + len("Harare"))
    assert "Grace" in annotate_text(MUGABE, SETTINGS).persons


def test_a_daughter_named_once_is_a_person():
    text = (
        "Working with Rider and the blessing of Waite’s only surviving heir, his daughter Sybil, Kaplan would "
        "own the rights to publish them in the United States. Arthur Edward Waite died in 1942."
    )
    annotation = annotate_text(text, SETTINGS)
    assert "Sybil" in annotation.persons and "Sybil" not in annotation.locations


def test_a_name_the_model_reads_as_an_organization_is_a_person_by_a_kin_word():
    mentions = [
        RawMention(m, m + len(s), s, "organization", "ORG")
        for s in ("Hori Parata", "Parata")
        for m in _starts(PARATA, s)
        if not PARATA.startswith("Hori", m - 5)
    ]
    clusters = {
        c.name: c.type for c in canonicalize(sorted(mentions, key=lambda m: m.start), AliasTable(), PARATA)
    }
    assert clusters["Hori Parata"] == "person"
    annotation = annotate_text(PARATA, SETTINGS)
    assert "Hori Parata" in annotation.persons and "Hori Parata" not in annotation.organizations
    assert [q.speaker for q in annotation.quotes] == ["Hori Parata"]


def _starts(text: str, surface: str) -> list[int]:
    out, pos = [], text.find(surface)
    while pos >= 0:
        out.append(pos)
        pos = text.find(surface, pos + 1)
    return out


def test_initials_in_brackets_are_the_persons_not_a_ticker():
    text = (
        "Until now, I have stayed silent regarding all these current topics: from Richard M. Stallman (RMS)'s "
        "public statements, to his resignation from the Free Software Foundation (FSF), to the Epstein scandal "
        "and its connection to MIT. RMS has consistently argued that there was a campaign of intimidation. "
        "I thank RMS for taking that step, and I wish the FSF Directors well."
    )
    annotation = annotate_text(text, SETTINGS)
    assert "Richard M. Stallman" in annotation.persons
    assert "Richard M. Stallman" not in annotation.organizations
    assert "Free Software Foundation" in annotation.organizations


def test_credits_with_a_role_in_brackets_name_no_facet():
    lead = (
        "New Zealand’s whale whisperers worry that manmade changes in the ocean are behind the spike in "
        "beachings by Eleanor Ainge Roy (reporting) and Adrian Malloch (photography) Main image: Whale expert "
        "Hori Parata."
    )
    persons = annotate_text(lead + "\n\n" + PARATA, SETTINGS).persons
    assert "Hori Parata" in persons
    assert not {"Eleanor Ainge Roy", "Eleanor Ainge", "Adrian Malloch"} & set(persons)


def test_a_name_shape_ending_in_a_word_the_text_uses_in_lower_case_is_no_person():
    title = "Lupita Nyong'o's $150K Pearl Oscar Dress -- STOLEN!!!"
    body = (
        "Lupita Nyong'o's now-famous Oscar dress -- adorned in pearls -- was stolen right out of her hotel room "
        "... TMZ has learned. Law enforcement sources tell TMZ ... the dress was taken out of Lupita's room at "
        "The London West Hollywood. The dress is made of pearls ... 6,000 white Akoya pearls."
    )
    persons = annotate_text(body, SETTINGS, title=title).persons
    assert "Oscar Dress" not in persons and "Lupita Nyong'o" in persons


def test_a_company_the_model_reads_as_a_place_and_never_places_is_an_organization():
    text = (
        "In the second step, at the closing, Yahoo will sell the stock in the single subsidiary to Verizon. "
        "Remain Co. will become a holding company for the Alibaba and Yahoo Japan stock.\n"
        "Verizon’s Yahoo will then be run under the same umbrella as AOL. Remain Co. will probably just sit "
        "there, waiting for Alibaba to buy it in a tax-free transaction. (Alibaba says it has no plans to do "
        "this.)\n"
        "The Alibaba shares being left behind in Remain Co. are worth about $28 billion, or six times the value "
        "of the cash Verizon is paying for the Yahoo assets it is buying. The agreement with Verizon allows "
        "Yahoo to terminate the deal. Yahoo is incorporated in Delaware, where the law allows it."
    )
    annotation = annotate_text(text, SETTINGS)
    assert {"Verizon", "Alibaba"} <= set(annotation.organizations)
    assert not {"Verizon", "Alibaba"} & set(annotation.locations)
    assert "Delaware" in annotation.locations  # known to the alias table, and "in Delaware"


def test_names_only_in_a_box_of_related_headlines_are_no_persons():
    body = (
        "Lupita Nyong'o's now-famous Oscar dress was stolen right out of her hotel room ... TMZ has learned.\n"
        "Our sources say Lupita told cops it was taken from her room sometime between 8 AM and 9 PM Wednesday.\n"
        "Drake Assaulted in Dubai Nightclub\n"
        "Adam Levine -- Unlucky Strike ... Nails Fan in Head With Mic\n"
        "Who Are ‘The Walking Dead’ Junkyard Gang?\n"
        "See Batman and Superman Battle in Newest ‘Injustice 2’ Trailer"
    )
    persons = annotate_text(body, SETTINGS).persons
    assert not {"Drake Assaulted", "Nails Fan", "Junkyard Gang", "Superman Battle"} & set(persons)
    assert "Lupita Nyong'o" in persons


def test_names_in_team_sheets_and_results_lines_stay():
    text = (
        "Australia - Ian Healy (captain), Michael Bevan, Damien Fleming, Glenn McGrath.\n"
        "Middlesex 199 and 426, Hampshire 232 and 205 (A. Fraser 5-79, P. Tufnell 4-39).\n"
        "Keith O'Neill of Norwich City joins Niall Quinn up front."
    )
    persons = set(annotate_text(text, SETTINGS).persons)
    assert {"Ian Healy", "Michael Bevan", "Niall Quinn", "Keith O'Neill"} <= persons


def test_the_first_words_of_a_full_name_join_it():
    text = (
        "Parata and his 22-year-old son, Te Kaurinui Robert Parata, were called in to assist. Te Kaurinui was "
        "called after the first whale his father ever named.\n"
        "“Our own ancestors wouldn’t say to go down there and hug the whales,” says Te Kaurinui.\n"
        "Arthur Edward Waite was born in Brooklyn, New York in 1857. Arthur’s father died before he was two. "
        "She returned with her family to England, where Arthur spent the rest of his life. Smith studied art "
        "under Arthur Wesley Dowell in New York City."
    )
    persons = annotate_text(text, SETTINGS).persons
    assert "Te Kaurinui Robert Parata" in persons and "Te Kaurinui" not in persons
    assert {"Arthur Edward Waite", "Arthur Wesley Dowell"} <= set(persons) and "Arthur" not in persons


NOT_PERSONS = [
    pytest.param(
        (
            "November marked the beginning of whale stranding season, according to whale rescue group Project "
            "Jonah, with 140 pilot whales beaching on Stewart Island.\n"
            "Kauri is a member of the Manu Taupunga group that is the organising arm of the whale-body recovery "
            "operation started by his father."
        ),
        ["Project Jonah", "Manu Taupunga"],
        id="organization noun",
    ),
    pytest.param(
        (
            "Four suits of 10 cards plus 21 Trump cards known as the Major Arcana, plus the Fool, form the "
            "traditional deck. Without the Major Arcana, the cards are roughly aligned with a standard deck. "
            "In 1781, Antoine Court de Gébelin, a French Freemason and Protestant pastor, published a book. "
            "Arthur Edward Waite joined the Order of the Golden Dawn, later also becoming a Freemason and then a "
            "Rosicrucian, and wrote the key for the Major Arcana."
        ),
        ["Arcana", "Freemason"],
        id="article before a one-word name",
    ),
    pytest.param(
        (
            "It's also a lot faster than waiting for everything to download from Xbox Live.\n"
            "If you're moving over from an older Xbox One, you can use the backup tool.\n"
            "If your friends are on Xbox Live, or you're a devotee of Microsoft's first party franchises, then the "
            "X makes more sense. Microsoft is still pushing the Xbox as more than just a game console. "
            "Navigating the Xbox interface is fast. One thing you won't find in the new Xbox is VR support. "
            "If you're looking to upgrade from an original Xbox One, the One X might be more compelling."
        ),
        ["Xbox Live", "Xbox One"],
        id="product line of a company of the story",
    ),
    pytest.param(
        (
            "It features an 8-core CPU running at 2.3Ghz, 12GB of GDDR5 RAM, a 1 terabyte hard drive and an upgraded "
            "AMD Polaris GPU with 6 teraflops of computing power. The PS4 Pro has only 8GB of RAM."
        ),
        ["Polaris GPU"],
        id="product word",
    ),
    pytest.param(
        (
            "Gears of War 4 runs natively in 4K at 30 FPS with Dolby Atmos and HDR support. Unfortunately, the One X "
            "doesn't support Dolby Vision, so you're stuck with the slightly less capable HDR 10 standard. That makes "
            "sense since it's more widely supported, but it would have been nice to see Dolby's, too. And speaking "
            "of Dolby technology, Microsoft is also highlighting Atmos support on the One X."
        ),
        ["Dolby Atmos", "Dolby Vision"],
        id="company read once as each",
    ),
]


@pytest.mark.parametrize(("text", "names"), NOT_PERSONS)
def test_names_that_name_no_person(text, names):
    """Organization nouns beside a name (\"rescue group Project Jonah\"), an article before a one-word name
    (\"the Major Arcana\", \"a French Freemason\"), products of a company of the story and names ending in a
    product word."""
    persons = annotate_text(text, SETTINGS).persons
    assert not set(names) & set(persons), persons
