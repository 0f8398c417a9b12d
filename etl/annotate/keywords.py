"""Key phrases of an English document, RAKE-style: runs of content words between stop words.

No tagger needed: candidates are 1-3 word runs between stop words/punctuation; a phrase
scores by how often it and its words occur, its length, and whether it is in the title
or the first fifth of the text. Phrases that are exactly an entity name are left to the
entity facets; a phrase whose words all appear in a better phrase is dropped.
"""

from __future__ import annotations

import functools
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
_TOKEN = re.compile(r"([A-Za-z][A-Za-z'’.-]*[A-Za-z]|[A-Za-z])|(?:\n|[^\sA-Za-z])[^A-Za-z]*")
_MAX_WORDS = 3


def extract_keywords(
    text: str, title: str = "", *, top: int = 10, exclude: AbstractSet[str] = frozenset()
) -> list[str]:
    """Up to ``top`` key phrases (lower case unless written as a name) of English ``text``.

    ``exclude`` holds lower-cased names to leave out (the document's entity names).
    Never raises; returns [] for text without content words.
    """
    placed = _placed_phrases(text)
    phrases = [p for p, _ in placed]
    if not phrases:
        return []
    lowered = [p.lower() for p in phrases]
    counts = Counter(lowered)
    words = Counter(" ".join(lowered).split())  # every word of every phrase (words hold no space)
    cutoff = max(200, len(text) // 5)
    early = set(lowered[: _count_until(placed, cutoff)])
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


def _count_until(placed: list[tuple[str, int]], cutoff: int) -> int:
    """How many of ``placed`` (in text order: their ends never decrease) end at or before ``cutoff``."""
    count = 0
    for _, end in placed:
        if end > cutoff:
            break
        count += 1
    return count


def candidate_phrases(text: str) -> list[str]:
    """Runs of up to 3 content words found between stop words, numbers and punctuation."""
    return [p for p, _ in _placed_phrases(text)]


def _placed_phrases(text: str) -> list[tuple[str, int]]:
    """:func:`candidate_phrases` with the offset where each phrase's run ends."""
    out: list[tuple[str, int]] = []
    run: list[str] = []
    for m in _TOKEN.finditer(text):  # every word of the text: kept lean
        token = m[1]
        word = _content_word(token) if token else ""
        if word:
            run.append(word)
        elif len(run) == 1:  # a break after a run (breaks in a row flush nothing); one word: _flush inlined
            out.append((run[0], m.start()))
            run = []
        elif run:
            _flush(run, out, m.start())
            run = []
    _flush(run, out, len(text))
    return out


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


def _flush(run: list[str], out: list[tuple[str, int]], end: int) -> None:
    if run and len(run) <= _MAX_WORDS:
        out.append((" ".join(run), end))
    elif run:  # a long run is a list, not a phrase: keep its words
        out.extend((w, end) for w in run)


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
