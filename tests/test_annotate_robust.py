"""The rule stages never crash and keep offsets inside the text, whatever the input."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from etl.annotate.annotation import compose
from etl.annotate.canonical import load_aliases
from etl.annotate.dateline import find_dateline
from etl.annotate.entities import junk_regions
from etl.annotate.keywords import extract_keywords
from etl.annotate.quotes import PersonRef, find_quotes

PIECES = st.sampled_from(
    [
        '"',
        "“",
        "”",
        "'",
        "‘",
        "’",
        "\n",
        "\n\n",
        " said ",
        " told ",
        " he said.",
        "Putin",
        "Vladimir Putin",
        ", ",
        ". ",
        "By Reuters ",
        "Photo by AP/John Doe",
        "MOSCOW (Reuters) - ",
        "U.S.-Russia",
        "the",
        "meeting",
        "—",
        "(",
        ")",
    ]
)
TEXTS = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=40).map("".join)


@settings(max_examples=60, deadline=None)
@given(TEXTS)
def test_rules_do_not_crash(text):
    for start, end in junk_regions(text):
        assert 0 <= start <= end <= len(text)
    persons = [PersonRef(i, i + 5, "Vladimir Putin") for i in range(len(text)) if text.startswith("Putin", i)]
    for quote in find_quotes(text, persons, {"Putin": "Vladimir Putin"}):
        assert 0 <= quote.offset <= len(text) and quote.speaker in ("", "Vladimir Putin")
    extract_keywords(text, text[:30])
    dateline = find_dateline(text)
    assert dateline is None or text[dateline.place_start : dateline.place_end] == dateline.place
    composed = compose(text[:10], "", text)
    assert composed.text[composed.body[0] : composed.body[1]] == text.strip()
    assert load_aliases().lookup(text) is None or text.strip()
