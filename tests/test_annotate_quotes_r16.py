"""Session 14 quote rules (issue 14): a testimony's speaker line ("Donated by NAME, Place") above a paragraph
opening with a quote names its speaker; real text from a dev page of the twelfth gold round
(www.nytimes.com-1474061823854)."""

from __future__ import annotations

from test_annotate_rules import quotes_in

MUSEUM = (
    "The museum tells the stories that African-Americans experienced.\n"
    "Croix de Guerre medal\n"
    "Donated by Gina McVey, Oak Grove, Calif.\n"
    "“In 2010, I took my car to the dealership to get it fixed and there was a man sitting there.”\n"
    "Nat Turner’s Bible\n"
    "Mark Person, Richmond, Va.\n"
    "“It’s been in the family since 1912 and was kept in a safe.”\n"
    "Mr. Person’s ancestors had owned Nat Turner as a slave."
)


def test_a_speaker_line_above_a_quote_names_its_speaker():
    found = quotes_in(
        MUSEUM, ("Gina McVey", "Gina McVey"), ("Mark Person", "Mark Person"), ("Nat Turner", "Nat Turner")
    )
    assert [speaker for speaker, _ in found] == ["Gina McVey", "Mark Person"]


def test_a_line_that_is_a_sentence_is_no_speaker_line():
    text = (
        "Gina McVey took her car to the dealership in Oak Grove on Monday morning.\n"
        "“There was a man sitting there.”"
    )
    found = quotes_in(text, ("Gina McVey", "Gina McVey"))
    assert found[0][0] == ""  # the line above is a sentence about her, no speaker line


def test_a_hearings_turns_are_attributed():
    text = (  # newspaper4k cnn_001 (twelfth round, dev)
        "“That can be true,” Prelogar said, “but, of course, there is far, far greater risk from being "
        "unvaccinated.”\n“But … there is some risk,” Alito interjected. “Do you dispute that?”\n"
        "“Then why were you talking about corporate America,” he rejoined."
    )
    found = quotes_in(text, ("Prelogar", "Elizabeth Prelogar"), ("Alito", "Samuel Alito"))
    speakers = {quote[:25]: speaker for speaker, quote in found}
    assert speakers["But … there is some risk"] == "Samuel Alito"
    assert speakers["Then why were you talking"] == "Samuel Alito"
