"""htmldate's extensive day where ours find none, and its guards (issue 12, session 7): on the real pages of the gold
sets (``bench/gold``, HTML in ``../shared/bench``) where the policy was measured (``bench/extraction/date_fallback.py``)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from etl.clean import clean_html, dom
from etl.clean.meta.published import extensive_day
from etl.core.records import CleanedArticle

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench" / "extraction"))
import metadata  # noqa: E402 - the benchmark's gold loader (bench/extraction/metadata.py)


@pytest.fixture(scope="module")
def gold():
    if not metadata.SHARED.exists() or not all(metadata.GOLD_FILES[s].exists() for s in "abcd"):
        pytest.skip("gold pages or ../shared/bench absent")
    return {(s, p.id): p for s in "abcd" for p in metadata.load_gold(metadata.GOLD_FILES[s])}


def _page(gold: dict, name: str, prefix: str):
    return next(p for (s, i), p in gold.items() if s == name and i.startswith(prefix))


@pytest.mark.parametrize("name,prefix", [
    ("b", "dsv.de-synchronschwimmen"),  # a club's news page: no markup date, "01.02.2022" printed in its text
    ("b", "internetchemie.info.Heliumkerne"),  # only a closing "Aktualisiert am" line gives the day
    ("a", "archive.org.przepisy.pl.pierogi"),  # an archived recipe blog post without og/JSON-LD article type
    ("a", "brandeins.de.wahresIch"),
])
def test_a_dated_page_ours_leave_without_a_day_gets_htmldates_day(gold, name, prefix):
    page = _page(gold, name, prefix)
    art = clean_html(page.html, page.url)
    assert isinstance(art, CleanedArticle), art
    assert (art.published_day, art.provenance.get("published_day") or art.provenance["published_at"]) == (
        page.day, "htmldate")


@pytest.mark.parametrize("name,prefix,flaw", [
    ("c", "maescot.de.schafskunde", "unshown"),  # htmldate's catch-all: 1 January of the "©" year
    ("d", "von-der-see.de.design", "unshown"),
    ("a", "austria.info.radfahren", "unshown"),  # a year alone, padded to 1 January
    ("d", "urlaubsarchitektur.de.glashaus", "unshown"),  # a month, padded to the 1st
    ("c", "neos.eu.wir", "unshown"),  # an image's file name "Wahltag_20171015-..."
    ("c", "mediaarchitecture.de.weber", "unshown"),  # a script's version string "?ver=2.2-20120417"
    ("c", "nationalrail.co.uk.disruptions", "aside"),  # the day of reading, in the site's header
    ("a", "1337kultur.de.picard", "aside"),  # a reader comment's day, the only dated thing on a podcast page
    ("b", "coaching-magazin.de.transgenerationales", "accessed"),  # a reference's "Abgerufen am 09.11.2022"
])
def test_the_guards_name_days_the_page_does_not_have(gold, name, prefix, flaw):
    page = _page(gold, name, prefix)
    assert page.day is None  # labelled: no publication day
    day, found = extensive_day(page.html, page.url, dom.parse(page.html))
    assert day is not None and found == flaw, (day, found)
    art = clean_html(page.html, page.url)
    assert not isinstance(art, CleanedArticle) or art.published_day is None
