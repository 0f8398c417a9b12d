"""Date error classes of session 7, round 2 (issue 12), on the real pages of the gold sets (``bench/gold``, HTML in
``../shared/bench``) where they were found: a JSON-LD block wrapped in CDATA, a slashed declared value both ways a
date, a printed time after an em dash, a closing last-change line against htmldate's guess."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from etl.clean import clean_html, dom
from etl.clean.meta.sources import article_object, jsonld_objects
from etl.core.records import CleanedArticle

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench" / "extraction"))
import metadata  # noqa: E402 - the benchmark's gold loader (bench/extraction/metadata.py)

SETS = ("b", "d", "e-held", "f-held")


@pytest.fixture(scope="module")
def gold():
    if not metadata.SHARED.exists() or not all(metadata.GOLD_FILES[s].exists() for s in "bdef"):
        pytest.skip("gold pages or ../shared/bench absent")
    return {(s, p.id): p for s in SETS for p in metadata.load_set(s)}


def _cleaned(gold: dict, name: str, prefix: str):
    page = next(p for (s, i), p in gold.items() if s == name and i.startswith(prefix))
    art = clean_html(page.html, page.url)
    assert isinstance(art, CleanedArticle), art
    return page, art


def test_a_jsonld_block_wrapped_in_cdata_is_read(gold):
    """``<script type="application/ld+json"><![CDATA[ [...] ]]></script>``: the NewsArticle's datePublished, not
    htmldate's guess (the page's dateModified of 2025)."""
    page, art = _cleaned(gold, "e-held", "spiceworks")
    assert article_object(jsonld_objects(dom.parse(page.html))).get("datePublished", "").startswith("2020-07-10")
    assert (art.published_day, art.provenance["published_at"]) == (page.day, "json-ld") == ("2020-07-10", "json-ld")


@pytest.mark.parametrize("name,prefix,day", [
    # "10/05/2022 05:22 pm" beside modified_time "2022/05/10 17:36:11": day first
    ("b", "eluniversal.com-senador", "2022-05-10"),
    # "11/01/2023 12:43:42" alone among the declared values (a German page printing "01.11.2023"): month first stays
    ("d", "simmeltalzeitung.ch-Trinkwasser", "2023-11-01"),
])
def test_a_slashed_declared_value_is_read_the_way_the_other_declared_values_confirm(gold, name, prefix, day):
    page, art = _cleaned(gold, name, prefix)
    assert art.published_day == page.day == day


def test_a_time_printed_after_an_em_dash_gives_the_publishers_day(gold):
    """``<time datetime="2015-11-13T00:01:00.001Z">November 12, 2015 — 7:01 PM EST</time>``: 12 November in New York."""
    page, art = _cleaned(gold, "f-held", "bloomberg")
    assert (art.published_at, art.published_day) == ("2015-11-12T19:01:00-05:00", page.day)


def test_a_closing_last_change_line_beats_htmldates_guess(gold):
    """No publication date, only "Letzte Änderung: 14.01.2022 um 09:25" under the article; htmldate's extensive search
    picks "Datensatz vom 09.03.2016" from the text."""
    page, art = _cleaned(gold, "b", "gipfelbuch.ch-hochaufloesung")
    assert (art.published_day, art.provenance["published_at"]) == (page.day, "text") == ("2022-01-14", "text")
