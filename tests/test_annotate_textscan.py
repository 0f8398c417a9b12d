"""etl.annotate.textscan: the str.find scan and the grouped word alternation the rules share."""

import re

import pytest

from etl.annotate.textscan import alternation, offsets


def test_offsets_are_every_occurrence_in_order_overlaps_included():
    text = "Shearer scored. SHEARER NAMED ENGLAND CAPTAIN. Shearer, 26, said: 'Shearer's goal'"
    assert list(offsets(text, "Shearer")) == [0, 47, 67]
    assert list(offsets("aaaa", "aa")) == [0, 1, 2]
    assert list(offsets(text, "Owen")) == []


def test_alternation_matches_what_the_plain_list_matches():
    """Grouped by first letter, a word list finds the same words at the same offsets as the plain alternation, with
    the list's order kept where two alternatives open alike ("wrote" before "wrote in")."""
    words = ["said", "says", "say", "told", "told reporters", "wrote", "wrote in", "saying", "tweeted"]
    plain = re.compile(rf"\b(?:{'|'.join(words)})\b", re.I)
    grouped = re.compile(rf"\b(?:{alternation(words, ignore_case=True)})\b", re.I)
    text = "He said, she says; they say. Saying so, she TOLD reporters and wrote in a post that Smith tweeted."
    assert [m.span() for m in grouped.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert [m.group() for m in grouped.finditer(text)] == ["said", "says", "say", "Saying", "TOLD", "wrote", "tweeted"]


def test_alternation_groups_by_case_unless_case_blind():
    assert alternation(["Of", "on", "At"]) == "O(?:f)|o(?:n)|A(?:t)"
    assert alternation(["Of", "on", "At"], ignore_case=True) == "O(?:f|n)|A(?:t)"


def test_alternation_refuses_a_word_opening_with_no_letter():
    with pytest.raises(ValueError):
        alternation(["said", "(?:x)"])
