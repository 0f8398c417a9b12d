"""Metadata fields (with provenance) on real-layout sample pages and the seed story."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from etl.clean import EXTRACTOR_VERSION, clean_html, dates, main_text
from etl.core.records import CleanedArticle
from etl.core.urls import doc_id
from etl.dev.samples import PAGES_DIR as PAGES

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT.parent / "shared" / "fixtures" / "seed-article.gold.json"
SEED_URL = "https://e.saigondailynews.vn/news/world/prospects-for-putin-trump-meeting-at-apec-summit-unclear-3668802.html"


def _clean(rel: str, url: str = "https://www.example-news.com/story") -> CleanedArticle:
    path = PAGES / rel
    if not path.exists():
        pytest.skip(f"sample page {rel} not present")
    art = clean_html(path.read_bytes(), url)
    assert isinstance(art, CleanedArticle), art
    return art


@pytest.fixture(scope="module")
def seed():
    return _clean("world/putin-trump-apec.html", SEED_URL + "?utm_source=x")


@pytest.fixture(scope="module")
def gold():
    if not GOLD.exists():
        pytest.skip("shared seed gold file absent")
    return json.loads(GOLD.read_text("utf-8"))


def test_seed_title_lead_agency(seed, gold):
    assert seed.title == gold["title"]
    assert seed.lead == gold["lead"]
    assert seed.agency == gold["agency"]
    assert seed.authors == ()  # "By Reuters" is an agency, not a person


def test_seed_published_and_provenance(seed, gold):
    # the gold's UTC instant, written as the page prints it ("November 9, 2017 | 01:13 am PT")
    assert dates.instant_of(seed.published_at) == dates.instant_of(gold["published_at"])
    assert seed.published_at == "2017-11-09T01:13:00-08:00" and seed.published_day == "2017-11-09"
    assert seed.provenance["published_at"] in ("opengraph", "text", "time")
    assert seed.provenance["title"] and seed.provenance["agency"]


def test_seed_image_caption_credit(seed, gold):
    img = seed.images[0]
    assert img.caption == gold["image_caption"]
    assert img.credit == gold["image_credit"]
    assert img.url.endswith(".jpg")


def test_seed_body(seed, gold):
    lines = seed.body.splitlines()
    assert lines[0] == gold["body_first_sentence"]
    assert lines[-1] == gold["body_last_sentence"]
    for bad in gold["not_in_body"]:
        assert bad not in seed.body
    assert gold["lead"] not in seed.body.splitlines()
    for noise in (
        "Related news",
        "Trump arrives in Da Nang",
        "cookies",
        "Subscribe",
        "Most popular",
        "Share",
    ):
        assert noise not in seed.body


def test_seed_ids_and_misc(seed):
    assert seed.canonical_url == SEED_URL
    assert seed.doc_id == doc_id(SEED_URL)
    assert seed.extractor_version == EXTRACTOR_VERSION
    assert len(seed.content_hash) == 64
    assert seed.site_name == "Saigon Daily News"
    assert seed.section == "World"
    assert seed.language == "en"
    assert "Putin" in seed.tags


def test_canonical_on_other_site_is_not_the_id():
    art = _clean("world/putin-trump-apec.html", "https://mirror.other-site.org/a/1")
    assert art.doc_id == doc_id("https://mirror.other-site.org/a/1")


def test_ap_story_authors_and_agency():
    art = _clean("business/ap-fed-rates.html")
    assert art.agency == "AP"
    assert art.authors and all(not a.lower().startswith("by ") for a in art.authors)
    assert all("AP" not in a for a in art.authors)
    assert art.published_at == "2023-12-13T14:32:00-05:00" and art.published_day == "2023-12-13"
    assert art.images and art.images[0].credit


def test_afp_story():
    art = _clean("world/afp-climate-summit.html")
    assert art.agency == "AFP"
    assert art.published_at == "2023-12-12T14:05:00+01:00" and art.published_day == "2023-12-12"
    assert art.images[0].caption and art.images[0].credit


def test_jsonld_page_provenance():
    art = _clean("science/jsonld-mars-rover.html")
    assert art.provenance["title"] == "json-ld"
    assert art.provenance["published_at"] == "json-ld"
    assert art.modified_at and art.modified_at >= art.published_at
    assert len(art.authors) == 2
    assert art.tags


def test_blog_page():
    art = _clean("tech/blog-rust-vs-go.html")
    assert art.authors == ("Maya Lindqvist",)
    assert "View all" not in art.body
    assert art.published_at.startswith("2024-03-17")


def test_german_page():
    art = _clean("de/bundestag-haushalt.html")
    assert art.language == "de"
    assert art.authors
    assert art.published_at == "2023-12-12T14:05:00+01:00" and art.published_day == "2023-12-12"
    assert "Haushalt" in art.body


def test_latin1_fixture_authors():
    raw = (ROOT / "tests" / "fixtures" / "clean" / "latin1-no-charset.html").read_bytes()
    art = clean_html(raw, "https://www.ostsee-bote.de/politik/staedte")
    assert art.title == "Städte im Wandel"
    assert art.authors == ("Jörg Müller", "Anna Weiß")
    assert "Bürgermeisterin" in art.body
    assert "nach oben" not in art.body
    assert art.language == "de" and art.provenance["language"] == "guess"


def test_main_text_interface_keeps_standfirst(seed, gold):
    """main_text (score.py plugin) = standfirst + body, one paragraph per line, no title."""
    html = (PAGES / "world" / "putin-trump-apec.html").read_text("utf-8")
    text = main_text(html, SEED_URL)
    lines = text.splitlines()
    assert lines[0] == gold["lead"] and lines[1] == gold["body_first_sentence"]
    assert gold["title"] not in lines
    assert lines[1:] == list(seed.body.splitlines())


_LOAD_DATE_PARSERS = """
from dateparser.languages.loader import LocaleDataLoader
from etl.clean.meta.published import load_date_parsers
before = len(LocaleDataLoader._loaded_locales)
load_date_parsers()
print(before, len(LocaleDataLoader._loaded_locales))
"""


def test_load_date_parsers_readies_every_locale_of_htmldates_fallback():
    """A fresh process has no locale loaded; after the call every one is (what a forked task inherits)."""
    out = subprocess.run([sys.executable, "-c", _LOAD_DATE_PARSERS], capture_output=True, text=True, check=True)
    before, after = map(int, out.stdout.split()[-2:])
    assert before == 0 and after > 100
