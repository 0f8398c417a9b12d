"""Bad input never raises: empty, huge (over the cut and the model's own limit), non-English,
all-caps, table-only and garbage texts each get an annotation or a counted rejection."""

from __future__ import annotations

import pytest

import etl.annotate as annotate_mod
from etl.annotate import annotate_articles, annotate_text, runs_ner
from etl.annotate.model import MAX_CHARS
from etl.core.records import AnnotatedArticle, CleanedArticle, Rejection
from etl.core.settings import Settings

SETTINGS = Settings()
TABLE = "\n".join(
    [
        "ATHLETICS - GRAND PRIX RESULTS",
        "Women's 100 metres hurdles",
        "1. Ludmila Engquist (Sweden) 12.60 2. Brigita Bokovec (Slovenia) 12.70 3. Michelle Freeman (Jamaica) 12.77",
        "Men's 400 metres",
        "1. Roger Black (Britain) 44.84 2. Davis Kamoga (Uganda) 44.94 3. Ivan Garcia (Cuba) 45.02",
        "Men's javelin",
        "1. Jan Zelezny (Czech Republic) 88.38 2. Raymond Hecht (Germany) 87.40 3. Boris Henry (Germany) 85.96",
    ]
)


def article(body: str, title: str = "", url: str = "https://example.com/a") -> CleanedArticle:
    return CleanedArticle(url=url, doc_id=url[-8:], title=title, body=body)


def test_empty_and_blank_articles_are_counted_rejections():
    out = list(annotate_articles([article(""), article(" \n\t "), article("", title="  ")], SETTINGS))
    assert [(type(o), getattr(o, "reason", "")) for o in out] == [(Rejection, "empty_text")] * 3
    assert annotate_text("", SETTINGS).entities == ()


def test_text_over_the_model_limit_is_cut_and_annotated():
    line = "Chancellor Angela Merkel met President Emmanuel Macron in Paris on Monday. "
    body = line * (1_100_000 // len(line))  # over spaCy's own 1,000,000-character limit
    (out,) = annotate_articles([article(body)], SETTINGS)
    assert isinstance(out, AnnotatedArticle)
    assert {"Angela Merkel", "Emmanuel Macron"} <= set(out.annotation.persons)
    assert all(m.end <= MAX_CHARS for e in out.annotation.entities for m in e.mentions)


@pytest.mark.parametrize(
    "text, language",
    [
        (
            "Le président Emmanuel Macron a rencontré le chancelier allemand à Berlin et à Bruxelles lundi.",
            "fr",
        ),
        ("Премьер-министр встретился с президентом в Москве в понедельник, сообщили в правительстве.", "ru"),
        ("東京で首相は月曜日に大統領と会談し、両国の関係について話し合ったと政府が発表した。", "ja"),
    ],
)
def test_other_languages_get_an_annotation(text, language):
    annotation = annotate_text(text, SETTINGS)
    assert annotation.language in (language, "") and annotation.word_count > 0  # "": too few words to tell
    if language == "fr":
        assert {"Berlin", "Brussels"} <= set(annotation.locations)
        assert "Emmanuel Macron" in annotation.persons


def test_all_caps_text_is_annotated():
    text = "PRESIDENT VLADIMIR PUTIN MET CHANCELLOR ANGELA MERKEL IN MOSCOW ON FRIDAY, THE KREMLIN SAID."
    annotation = annotate_text(text, SETTINGS)
    assert annotation.language in ("en", "") or annotation.word_count == 15
    assert all(m.text == text[m.start : m.end] for e in annotation.entities for m in e.mentions)


def test_a_results_table_goes_through_the_model_whatever_its_language_guess():
    assert runs_ner("pcm", TABLE) and not runs_ner(
        "de", "Der Bundestag hat heute in Berlin beschlossen. " * 3
    )
    persons = set(annotate_text(TABLE, SETTINGS).persons)
    assert (
        len(persons & {"Ludmila Engquist", "Roger Black", "Jan Zelezny", "Raymond Hecht", "Boris Henry"}) >= 4
    )


@pytest.mark.parametrize(
    "text",
    [
        "\x00\x01\x02 \ufffd\ufffd",
        "“ ” ‘ ’ « » „ “",
        "@@@ ### $$$ 12:45 3-0 6-4 7-5",
        "A" * 5000,
        "\n" * 500 + "x",
        # one huge line of capitalised and function words (each rule reads it once, not per word)
        "In this photo The Of To Aaaa Bbbb/Cccc " * 4000,
    ],
)
def test_garbage_is_annotated_without_error(text):
    (out,) = annotate_articles([article(text, title="t")], SETTINGS)
    assert isinstance(out, AnnotatedArticle)


def test_a_rule_failure_costs_one_counted_article(monkeypatch):
    real = annotate_mod.build_annotation

    def failing(doc, composed, *args, **kwargs):
        if "boom" in composed.text:
            raise ValueError("rule bug")
        return real(doc, composed, *args, **kwargs)

    monkeypatch.setattr(annotate_mod, "build_annotation", failing)
    texts = ["Angela Merkel spoke in Berlin.", "boom goes the rule", "Emmanuel Macron spoke in Paris."]
    out = list(
        annotate_articles([article(t, url=f"https://example.com/{i}") for i, t in enumerate(texts)], SETTINGS)
    )
    assert [type(o) for o in out] == [AnnotatedArticle, Rejection, AnnotatedArticle]
    assert (out[1].reason, out[1].detail) == ("error", "ValueError: rule bug")
