"""etl.index.builder: the _source for one article and the Python-side folding."""

from __future__ import annotations

import json
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st
from test_search_corpus import CORPUS, article

from etl.core.records import AnnotatedArticle
from etl.core.settings import Settings
from etl.index.builder import _POSSESSIVE, _SPECIAL, _TRAILING_POSSESSIVE, derived_fields, fold, to_document
from etl.index.versions import load_mapping, mapping_version


def _mapped_fields(props: dict, prefix: str = "") -> set[str]:
    out = set()
    for name, spec in props.items():
        out.add(prefix + name)
        if "properties" in spec:
            out |= _mapped_fields(spec["properties"], prefix + name + ".")
    return out


def _doc_fields(doc, prefix: str = "") -> set[str]:
    out = set()
    if isinstance(doc, list):
        for d in doc:
            out |= _doc_fields(d, prefix)
        return out
    for k, v in doc.items():
        out.add(prefix + k)
        if k == "fields" and prefix == "provenance.":
            continue  # enabled: false object, not parsed
        if isinstance(v, dict) or (isinstance(v, list) and v and isinstance(v[0], dict)):
            out |= _doc_fields(v, prefix + k + ".")
    return out


def test_fold_ascii_and_possessives():
    assert fold("Café Müller in Zürich") == "Cafe Muller in Zurich"
    assert fold("Angela Merkel’s party") == "Angela Merkel party"
    assert fold("Putin's") == "Putin"
    assert fold("the ministers' plan") == "the ministers plan"
    assert fold("Straße Łódź Øresund") == "Strasse Lodz Oresund"
    assert fold("東京") == "東京"
    assert fold("") == ""


@given(st.text(max_size=60))
def test_fold_is_idempotent(text):
    assert fold(fold(text)) == fold(text)


def test_document_fields_are_all_mapped():
    mapping = load_mapping(Settings())
    assert mapping["mappings"]["dynamic"] == "strict"
    mapped = _mapped_fields(mapping["mappings"]["properties"])
    for a in CORPUS:
        doc = to_document(a)
        assert _doc_fields(doc) <= mapped, _doc_fields(doc) - mapped
    assert mapping_version(mapping) >= 1


def test_document_content():
    a = CORPUS[0]
    doc = to_document(a)
    assert doc["doc_id"] == "a1" and doc["title"].startswith("Putin")
    assert doc["persons"] == ["Vladimir Putin", "Donald Trump"]
    assert doc["entities"][0] == {"name": "Vladimir Putin", "type": "person", "count": 3,
                                  "salience": 0.9, "first_offset": doc["entities"][0]["first_offset"],
                                  "sources": []}
    assert doc["quotes"] == [{"speaker": "Vladimir Putin", "text": "The talks were frank and useful.", "offset": 0}]
    assert doc["images"][0]["credit"] == "AP Photo"
    assert doc["provenance"] == {"extractor_version": "clean-1.0", "model": "en_core_web_sm-3.8.0",
                                 "run_id": "run-1", "fields": {"title": "og:title"}}
    assert doc["site"] == "Example News" and doc["language"] == "en"
    assert "Putin" in doc["folded"]["body"] and "Putin's" not in doc["folded"]["body"]
    assert "Vladimir Putin" in doc["folded"]["names"]
    json.dumps(doc)  # serialisable


def test_document_drops_empty_and_bad_dates():
    a = article("x", "T", "body", published="not a date", authors=(), tags=())
    doc = to_document(a)
    assert "published_at" not in doc
    assert "authors" not in doc and "tags" not in doc and "agency" not in doc
    b = article("y", "T", "body", published=None)
    assert "published_at" not in to_document(b)


def test_derived_fields_recomputed_from_source():
    doc = to_document(CORPUS[3])
    source = {k: v for k, v in doc.items() if k != "folded"}
    assert derived_fields(source) == {"folded": doc["folded"]}
    assert doc["folded"]["title"] == "Cafe owners in Zurich protest new tax"


def test_roundtrip_through_dict():
    a = CORPUS[1]
    again = AnnotatedArticle.from_dict(json.loads(json.dumps(a.to_dict())))
    assert to_document(again) == to_document(a)


def _fold_reference(text: str) -> str:
    """The plain definition of fold: NFKD over the whole text, marks dropped, NFC."""
    text = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    text = unicodedata.normalize("NFC", "".join(c for c in text if not unicodedata.combining(c)))
    return _TRAILING_POSSESSIVE.sub("", _POSSESSIVE.sub("", text))


def test_fold_fast_path_equals_the_plain_definition():
    @settings(max_examples=2000, deadline=None)
    @given(st.text())
    def check(text):
        assert fold(text) == _fold_reference(text)

    check()
    for text in ("Zürich's café — Ångström “quoted” naïve e\u0301 한국어 Straße ﬁ", "Putin's talks"):
        assert fold(text) == _fold_reference(text)
