"""Language identification, the one guesser of the pipeline (clean and annotate use it).

A fast English check (function-word ratio), then py3langid for the rest.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]+")
# Frequent English function words; in English news they are ~35-45% of the words,
# in other Latin-script languages well under 10%.
_ENGLISH = frozenset(
    "the of and to a in is that for it was on with as he she said by at from his her be are "
    "have has not this they were an which who but will their had been would its after also".split()
)
_SAMPLE_CHARS = 2000
_MIN_WORDS = 5  # below this the text cannot be told; the hint is returned


def detect_language(text: str, hint: str = "") -> str:
    """Return the ISO 639-1 code of ``text`` (e.g. ``"en"``), or ``hint``/"" if too short to tell.

    Input: any text (only its first 2,000 characters are read) and an optional hint
    such as the page's ``<html lang>`` ("de-DE" -> "de"), used only when the text has
    fewer than 5 words. Never raises.
    """
    sample = text[:_SAMPLE_CHARS]
    words = _WORD.findall(sample.lower())
    hint = (hint or "").split("-")[0].split("_")[0].lower()
    if len(words) < _MIN_WORDS:
        return hint
    if sum(w in _ENGLISH for w in words) / len(words) >= 0.2:
        return "en"
    return _langid(sample) or hint


def _langid(sample: str) -> str:
    import py3langid  # noqa: PLC0415 - loads numpy and its model (~80 ms); English text never needs it

    code, _score = py3langid.classify(sample)
    return code
