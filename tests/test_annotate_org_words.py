"""Issue 14, session 18: a name ending in an industry's noun ("Oil", "Gas", "Energy", "Software", "Construction",
"Logistics", "Foods", ...) names a company, never a person: "Jones Oil" (mercury/si.com: Jerry Jones's oil
firm, read as a person by its shape). The behaviour test fails on the session's starting tree."""

from __future__ import annotations

from etl.annotate import annotate_text
from etl.annotate.words import NOT_NAME_ENDS, ORG_WORDS
from etl.core.settings import Settings


def test_a_name_ending_in_an_industry_noun_is_no_person():
    text = (
        "Jerry Jones made his first fortune in the oil business. He founded Jones Oil and Land Lease in 1970, "
        "and Jones Oil drilled wells across Arkansas before he bought the Dallas Cowboys."
    )
    annotation = annotate_text(text, Settings())
    assert "Jones Oil" not in annotation.persons
    assert "Jerry Jones" in annotation.persons


def test_industry_nouns_end_no_persons_name():
    for word in ("oil", "gas", "energy", "software", "construction", "logistics", "foods"):
        assert word in ORG_WORDS and word in NOT_NAME_ENDS
