"""Exact and near-duplicate stories share a story_id that persists across runs."""

from __future__ import annotations

from etl.clean.dedupe import StoryIndex, minhash, similarity, with_source
from etl.core.records import CleanedArticle, Rejection
from etl.core.settings import Settings
from etl.core.urls import doc_id

WIRE = """WASHINGTON (AP) — The Federal Reserve left its benchmark interest rate unchanged on Wednesday, \
saying it wants more evidence that inflation is cooling before it starts cutting borrowing costs.
The decision keeps the central bank's key rate at a 23-year high of about 5.3 percent, where it has stood \
since July of last year.
In a statement after its latest two-day meeting, the Fed said inflation had eased over the past year but \
remained elevated, and that officials did not expect it would be appropriate to reduce rates until they \
had gained greater confidence that price increases were moving sustainably toward their 2 percent target.
Chair Jerome Powell told reporters that the labor market remained strong, with unemployment below 4 \
percent for more than two years, and that consumer spending had held up better than many economists expected.
Financial markets had widely expected the decision. Investors are now focused on whether the central bank \
will begin lowering rates at its meeting in September, a move that would make mortgages, auto loans and \
credit card borrowing less expensive for households.
Some economists have warned that keeping rates high for too long could weaken hiring and push the economy \
into a downturn, while others argue that cutting too soon could allow inflation to flare up again."""

OTHER = """BERLIN (dpa) — Germany's parliament approved next year's federal budget on Friday after weeks of \
wrangling within the governing coalition over spending cuts and the debt brake enshrined in the constitution.
The budget foresees spending of about 480 billion euros, with higher outlays for defence and lower \
subsidies for climate projects, and finance officials said new borrowing would stay within the legal limit.
Opposition lawmakers criticised the plan as built on optimistic growth forecasts and accounting tricks, \
and several states said they would examine whether the arrangement was compatible with recent court rulings.
The chancellor defended the compromise, telling lawmakers that the country needed stability at a time of \
war in Europe, an energy transition that was costly, and an economy that had barely grown for two years."""


def article(url: str, body: str) -> CleanedArticle:
    return CleanedArticle(url=url, doc_id=doc_id(url), title="t", body=body, source="s")


def syndicated(body: str) -> str:
    paragraphs = body.split("\n")
    intro = "Published by the Daily Courier with material from The Associated Press. Updated at 3:40 pm."
    return "\n".join([intro, *paragraphs[:-1]])  # own intro, last paragraph trimmed


def test_signatures_separate_copies_from_other_stories():
    a, b, c = minhash(WIRE), minhash(syndicated(WIRE)), minhash(OTHER)
    assert similarity(a, b) >= 0.5 > similarity(a, c)
    assert similarity(a, c) < 0.1
    assert minhash("too short to compare") is None


def test_story_ids_exact_near_and_distinct_persist_across_runs(tmp_path):
    settings = Settings.from_env(staging_dir=str(tmp_path / "staging"))
    with StoryIndex.open(settings) as index:
        first = index.assign(article("https://apnews.example/fed", WIRE))
        exact = index.assign(article("https://mirror.example/fed", "  " + WIRE.upper().replace("\n", "\n\n")))
        other = index.assign(article("https://dpa.example/budget", OTHER))
    assert first.story_id == first.doc_id
    assert exact.story_id == first.story_id
    assert other.story_id == other.doc_id
    with StoryIndex.open(settings) as index:  # a later run
        near = index.assign(article("https://courier.example/business/fed-holds", syndicated(WIRE)))
        again = index.assign(article("https://dpa.example/budget", OTHER + "\nUpdated with reactions."))
        short = index.assign(article("https://x.example/brief", "Fed holds rates."))
        short_copy = index.assign(article("https://y.example/brief", "Fed holds rates."))
    assert near.story_id == first.story_id  # the earliest-seen copy's story
    assert again.story_id == other.story_id  # a known document keeps its story id
    assert short.story_id == short.doc_id and short_copy.story_id == short_copy.doc_id  # too short to group


def test_near_duplicate_of_a_copy_takes_the_earliest_story(tmp_path):
    with StoryIndex(tmp_path / "s.sqlite3", threshold=0.5) as index:
        root = index.assign(article("https://a.example/1", WIRE))
        copy = index.assign(article("https://b.example/1", syndicated(WIRE)))
        copy2 = index.assign(article("https://c.example/1", syndicated(syndicated(WIRE))))
    assert root.story_id == copy.story_id == copy2.story_id == root.doc_id


def test_with_source_and_assign_any(tmp_path):
    rej = Rejection("https://a/x", "clean", "no_body")
    assert with_source(rej, "wire").source == "wire"
    assert with_source(Rejection("u", "clean", "r", source="kept"), "wire").source == "kept"
    with StoryIndex(tmp_path / "s.sqlite3") as index:
        assert index.assign_any(rej) is rej
