"""String scans the rules share."""

from __future__ import annotations

from collections.abc import Iterable, Iterator


def offsets(text: str, needle: str) -> Iterator[int]:
    """Every offset of ``needle`` in ``text``, left to right, overlapping ones included (``str.find``: far
    faster than a regex that tries every offset, for a rule that looks for a few known words)."""
    at = text.find(needle)
    while at >= 0:
        yield at
        at = text.find(needle, at + 1)


def alternation(words: Iterable[str], *, ignore_case: bool = False) -> str:
    """A regex alternation of ``words`` (regex sources, each opening with a letter), grouped by that letter in
    their given order: "said|says|told" -> "s(?:aid|ays)|t(?:old)". It matches what "|".join(words) matches, the
    same alternative at each offset (two alternatives can match at one offset only when they open with the same
    letter, and their order in the group is kept), but the regex engine tries one group per offset rather than
    every word: several times faster for a long list searched over long text. ``ignore_case``: for a pattern
    compiled with re.IGNORECASE (letters grouped without their case)."""
    groups: dict[str, list[str]] = {}
    for word in words:
        if not word[:1].isalpha():
            raise ValueError(f"alternation: {word!r} opens with no letter")
        groups.setdefault(word[0].lower() if ignore_case else word[0], []).append(word)
    return "|".join(f"{ws[0][0]}(?:{'|'.join(w[1:] for w in ws)})" for ws in groups.values())
