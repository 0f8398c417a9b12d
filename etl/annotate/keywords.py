"""Key phrases of an English document, RAKE-style: runs of content words between stop words.

No tagger needed: candidates are 1-3 word runs between stop words/punctuation; a phrase
scores by how often it and its words occur, its length, and whether it is in the title
or the first fifth of the text. Phrases that are exactly an entity name are left to the
entity facets; a phrase whose words all appear in a better phrase is dropped.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter
from collections.abc import Set as AbstractSet

from etl.annotate.words import TITLES

STOPWORDS = (
    frozenset(
        """a about above across after again against all almost along already also although always am
    among an and another any anyone anything are around as at away back be became because become been
    before being below between both but by can cannot could did do does doing done down during each
    either else enough even ever every few first for from further get gets got had has have having he
    her here hers herself him himself his how however i if in including into is it its itself just
    last least less like made make many may me might more most much must my myself near neither never
    next no nor not now of off often on once one only onto or other others our ours out over own per
    perhaps put rather same several she should since so some still such than that the their theirs
    them themselves then there these they this those though through thus to too toward towards under
    until up upon us very via was we well were what whatever when where whether which while who whom
    whose why will with within without would yet you your yours
    said says say saying told tell tells added adds asked according stated noted explained wrote
    mr mrs ms dr week weeks year years month months day days time times today yesterday tomorrow
    monday tuesday wednesday thursday friday saturday sunday january february march april june july
    august september october november december two three four five six seven eight nine ten
    percent new also including around go top photo file reuters ap afp getty images image video
    am pm est edt cst cdt pst pdt gmt utc bst cet updated
    would could told think know going want way lot thing things people""".split()
    )
    | TITLES
)
_CONTRACTION = re.compile(r"(?i)(?:n['’]t|['’](?:s|re|ve|ll|d|m|t))$")
#: A word (group 1), or a break: a number, punctuation or a line end with every non-letter after it (one token for
#: a run of breaks: a masked name's commas are one, not one per character).
_WORD = r"[A-Za-z][A-Za-z'’.-]*[A-Za-z]|[A-Za-z]"
_TOKEN = re.compile(rf"({_WORD})|(?:\n|[^\sA-Za-z])[^A-Za-z]*")
#: Words with spaces or tabs between them, as many as follow: a break of :data:`_TOKEN` stands between two runs.
_RUN = re.compile(rf"(?:{_WORD})(?:[^\S\n]+(?:{_WORD}))*")
_MAX_WORDS = 3


def extract_keywords(
    text: str, title: str = "", *, top: int = 10, exclude: AbstractSet[str] = frozenset()
) -> list[str]:
    """Up to ``top`` key phrases (lower case unless written as a name) of English ``text``.

    ``exclude`` holds lower-cased names to leave out (the document's entity names).
    Never raises; returns [] for text without content words.
    """
    phrases, early_count = _phrases(text, max(200, len(text) // 5))
    if not phrases:
        return []
    lowered = [p.lower() for p in phrases]
    counts = Counter(lowered)
    words = Counter(" ".join(lowered).split())  # every word of every phrase (words hold no space)
    early = set(lowered[:early_count])
    in_title = {p.lower() for p in candidate_phrases(title)} if title else set()
    scores = {
        p: -_score(p, n, words, p in early, p in in_title)
        for p, n in counts.items()
        if len(p) > 2 and p not in exclude
    }
    scored = sorted(scores, key=scores.__getitem__)
    chosen = _diverse(scored, top)
    surface = _display_forms(phrases, lowered, set(chosen))
    return [surface[p] for p in chosen]


def candidate_phrases(text: str) -> list[str]:
    """Runs of up to 3 content words found between stop words, numbers and punctuation."""
    return _phrases(text, -1)[0]


def _phrases(text: str, cutoff: int) -> tuple[list[str], int]:
    """:func:`candidate_phrases` of ``text``, and how many of them (the first ones) end at or before offset
    ``cutoff``: their run's end, where the break or stop word after it opens. Read token by token, with offsets, up
    to the first run of words (:data:`_RUN`) opening after ``cutoff``; from there run by run, without offsets (the
    phrases there all end after it), with no match object per token or break. Kept lean: every word of the text passes here."""
    out: list[str] = []
    runs = _RUN.finditer(text)
    late = next((m for m in runs if m.start() > cutoff), None)
    early = _phrases_until(text, late.start() if late else len(text), cutoff, out)
    for m in itertools.chain((late,) if late else (), runs):
        run: list[str] = []
        for token in m.group().split():
            if word := _content_word(token):
                run.append(word)
            elif run:  # a stop word closes the phrase
                _flush(run, out)
                run = []
        _flush(run, out)
    return out, early


def _phrases_until(text: str, stop: int, cutoff: int, out: list[str]) -> int:
    """Append the phrases of ``text[:stop]`` (``stop``: where a run of words opens, or the text's end) to ``out``,
    token by token; return how many end at or before ``cutoff``."""
    early = 0
    run: list[str] = []
    for m in _TOKEN.finditer(text, 0, stop):
        token = m[1]
        if token and (word := _content_word(token)):
            run.append(word)
        elif run:  # a break or a stop word after a run (breaks in a row close nothing)
            added = _flush(run, out)
            early += added if m.start() <= cutoff else 0
            run = []
    added = _flush(run, out)
    return early + (added if stop <= cutoff else 0)


@functools.lru_cache(maxsize=65536)
def _content_word(token: str) -> str:
    """The content word a token stands for ("Obama's" -> "Obama"), or "" for a stop word, a
    contraction ("there's", "don't"), a number, punctuation or an abbreviation (memoised: words repeat)."""
    word = token.strip(".'’-")
    base = _CONTRACTION.sub("", word) if ("'" in word or "’" in word) else word
    if base != word and (base.lower() in STOPWORDS or not base[:1].isupper()):
        return ""  # "there's", "we're", "don't"; a name's possessive keeps the name
    word = base if word else ""
    if not word[:1].isalpha() or word.lower() in STOPWORDS or len(word) < 2 or "." in word:
        return ""
    return word


def _flush(run: list[str], out: list[str]) -> int:
    """Append a run of content words to ``out``: one phrase of up to 3 words, else its words (a long run is a list,
    not a phrase). Return how many phrases it added."""
    if len(run) > _MAX_WORDS:
        out.extend(run)
        return len(run)
    if run:
        out.append(" ".join(run))
    return 1 if run else 0


def _score(phrase: str, count: int, words: Counter, early: bool, in_title: bool) -> float:
    """A phrase's score from its ``count``, its words' counts (``words``), its length and where it stands."""
    if " " not in phrase:  # one word (most phrases): its own count is its words' weight
        return count + 0.3 * words[phrase] + early + 2 * in_title
    parts = phrase.split()
    word_weight = sum(map(words.__getitem__, parts)) / len(parts)
    return count * (1 + 0.5 * (len(parts) - 1)) + 0.3 * word_weight + early + 2 * in_title


def _display_forms(phrases: list[str], lowered: list[str], wanted: AbstractSet[str]) -> dict[str, str]:
    """Lower case, except phrases always written capitalised (names) keep their case; for the lower-case
    phrases in ``wanted`` only (the few chosen; ``lowered``: ``phrases`` in lower case)."""
    forms: dict[str, list[tuple[str, int]]] = {}
    counts = Counter(p for p, key in zip(phrases, lowered, strict=True) if key in wanted)  # in order of first use
    for p, n in counts.items():  # ties go to the first form
        forms.setdefault(p.lower(), []).append((p, n))
    return {
        k: (max(fs, key=lambda f: f[1])[0] if all(f[:1].isupper() for f, _ in fs) else k)
        for k, fs in forms.items()
    }


def _diverse(ranked: list[str], top: int) -> list[str]:
    chosen: list[str] = []
    chosen_words: list[set[str]] = []
    for p in ranked:
        words = set(p.split())
        if any(words <= c for c in chosen_words):
            continue
        chosen.append(p)
        chosen_words.append(words)
        if len(chosen) == top:
            break
    return chosen
