"""Session 24's faster scans keep their answers: each rewritten piece against the behaviour it had."""

import random
import re

from etl.annotate import keywords as kw
from etl.annotate.annotation import _LOWER_WORDS, compose, word_count
from etl.annotate.canonical import Cluster
from etl.annotate.entities import RawMention, _named_elsewhere
from etl.annotate.keywords import extract_keywords
from etl.annotate.notperson import _scored_side


def _named_elsewhere_by_regex(text: str, word: str, start: int, end: int) -> bool:
    """The rule as it was written before session 24: a case-blind pattern compiled per word."""
    if not word[:1].isupper() or not word.isalpha():
        return False
    pattern = re.compile(rf"(?<![\w'’-]){re.escape(word)}(?![\w-])", re.IGNORECASE)
    hits = [hit for hit in pattern.finditer(text) if not start <= hit.start() < end]
    return bool(hits) and all(hit.group()[0].isupper() for hit in hits)


def test_named_elsewhere_finds_the_same_mentions_as_the_case_blind_pattern():
    text = (
        "Jennifer Lopez Dating Alex Rodriguez. Lopez said. LOPEZ-Smith and lopez_x, 'Lopez', Lopez's hat, "
        "Over the moon, over there. Swift sang; swift action. İstanbul İstanbul. Über Über."
    )
    for word in ("Lopez", "Over", "Swift", "İstanbul", "Über", "Dating", "Alex", "Moon"):
        for start, end in ((0, 0), (9, 14), (text.find(word), text.find(word) + len(word))):
            assert _named_elsewhere(text, word, start, end) == _named_elsewhere_by_regex(text, word, start, end), word
    assert _named_elsewhere(text, "Lopez", 9, 14) is True
    assert _named_elsewhere(text, "Swift", 0, 0) is False  # "swift action": written in lower case too


def test_lower_words_skip_urls_mails_and_words_glued_to_others():
    text = "see example.com/news or mail a.b@x.org; the don't co-op, well-known. ok"
    assert _LOWER_WORDS.findall(text) == ["see", "or", "mail", "the", "ok"]


def test_word_count_skips_words_without_a_letter_or_digit():
    assert word_count("— Smith said ... 3 times, — yes —") == 5
    assert word_count("—\n... !") == 0


def test_compose_without_captions_keeps_its_parts():
    composed = compose("Title", "The lead.", "The lead. Then the body.")
    assert composed.text == "Title\n\nThe lead. Then the body."
    assert composed.captions[0] == composed.captions[1] == len(composed.text)  # none: an empty span at the end
    with_caption = compose("Title", "", "Body text here.", ("Body text here.", "A new caption"))
    assert with_caption.text.endswith("A new caption")


def test_keywords_rank_early_phrases_and_keep_a_name_s_case():
    text = (
        "Solar panels cover the new stadium roof. "
        + "The club said the stadium roof saves energy. " * 2
        + "Fans of Solar City asked questions. " * 3
        + "Then the filler words. " * 3
    )
    words = extract_keywords(text, "Solar panels on the stadium roof")
    assert "Solar City" in words and "solar city" not in words  # always capitalised: a name keeps its case
    assert words.index("stadium roof") < words.index("filler words")  # as often, but early and in the title


def test_a_results_line_side_is_a_team_only_where_a_score_follows():
    text = "Greenock Morton 1 Falkirk 0\nFalkirk manager John Smith praised Falkirk fans."
    at = text.find("Falkirk")
    team = Cluster(name="Falkirk", type="person", mentions=[RawMention(at, at + 7, "Falkirk", "person", "PERSON")])
    assert _scored_side(team, text)
    later = text.find("Falkirk fans")
    fans = Cluster(name="Falkirk", type="person", mentions=[RawMention(later, later + 7, "Falkirk", "person", "PERSON")])
    assert not _scored_side(fans, text)


def _phrases_token_by_token(text: str, cutoff: int) -> tuple[list[str], int]:
    """Keyword candidates as read before session 24: every token with its offset, a phrase early when the break
    or stop word after it opens at or before ``cutoff``."""
    out: list[tuple[str, int]] = []
    run: list[str] = []

    def flush(end: int) -> None:
        out.extend([(" ".join(run), end)] if len(run) <= 3 else [(w, end) for w in run])

    for m in kw._TOKEN.finditer(text):
        word = kw._content_word(m[1]) if m[1] else ""
        if word:
            run.append(word)
        elif run:
            flush(m.start())
            run = []
    if run:
        flush(len(text))
    return [p for p, _ in out], sum(1 for _, end in out if end <= cutoff)


def test_keyword_phrases_read_run_by_run_are_those_read_token_by_token():
    rng = random.Random(7)
    pieces = ["the", "The", "of", "Smith", "stadium", "roof", "U.S.", "don't", "Obama's", "a", "I", "café", "'", "-",
              ".", ",", "3", " ", "  ", "\t", "\n", "\xa0", "said", "Solar", "City", "rock-'n'-roll", "é", "“", "—"]
    for _ in range(2000):
        text = "".join(rng.choice(pieces) + rng.choice(["", " ", "\n", ", "]) for _ in range(rng.randint(0, 40)))
        for cutoff in (-1, 0, 20, len(text) // 2, len(text)):
            assert kw._phrases(text, cutoff) == _phrases_token_by_token(text, cutoff), (text, cutoff)
