"""Dateline detection: "PARIS (AFP) -", "MOSCOW, Nov 9 (Reuters) -", "WASHINGTON —"."""

from __future__ import annotations

import re
from dataclasses import dataclass

_PLACE_CAPS = r"[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3}"
_PLACE_ANY = r"[A-Z][A-Za-z.'’-]+(?:\s+[A-Z][A-Za-z.'’-]+){0,3}"
_REGION = r"(?:,\s*(?P<region>[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+){0,2}))?"  # "ST CATHERINE, Jamaica —"
_DATE = r"(?:,?\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?))?"
_AGENCY = r"\((?P<agency>[A-Za-z][A-Za-z .&/-]{1,40})\)"
_DASH = r"\s*(?:[-–—:]+|--)\s+"
_WITH_AGENCY = re.compile(rf"^\s*(?P<place>{_PLACE_ANY}){_REGION}{_DATE}\s*{_AGENCY}{_DASH}")
_CAPS_ONLY = re.compile(rf"^\s*(?P<place>{_PLACE_CAPS}){_REGION}{_DATE}{_DASH}")
_CAPS_LABEL = re.compile(rf"(?m)^[ \t]*{_PLACE_CAPS}[ \t]*:")  # "MARK BANNERMAN:" opening a line
_CALENDAR = frozenset("jan feb mar apr may jun jul aug sep oct nov dec mon tue wed thu fri sat sun".split())
_LINES_TO_CHECK = 6  # non-empty lines (a plain-text page may start with byline and caption)
_NOT_PLACES = frozenset(
    "BREAKING UPDATE UPDATED EXCLUSIVE WATCH VIDEO LIVE ANALYSIS OPINION FILE PHOTO NOTE EDITOR'S NOTE "
    "COMMENTARY REVIEW INTERVIEW FACTBOX EXPLAINER CORRECTION".split()
)


@dataclass(frozen=True)
class Dateline:
    """A dateline found at ``start``..``end``: the place as printed and its span."""

    place: str
    place_start: int
    place_end: int
    start: int
    end: int
    region: str = ""  # the state or country after the place ("Calif." of "ANAHEIM, Calif. —"), "" if none
    region_start: int = -1

    @property
    def name(self) -> str:
        """The place in reading case: "NEW YORK" -> "New York" (mixed case kept)."""
        if self.place.isupper():
            return " ".join(w if len(w) <= 3 and "." in w else w.capitalize() for w in self.place.split())
        return self.place


def find_dateline(text: str, start: int = 0) -> Dateline | None:
    """Find a dateline at the start of one of the first non-empty lines of ``text[start:]``.

    Input: text and the offset of the body in it. Output: a Dateline or None.
    """
    pos, checked = start, 0
    while checked < _LINES_TO_CHECK and pos < len(text):
        line_end = text.find("\n", pos)
        line_end = len(text) if line_end < 0 else line_end
        if text[pos:line_end].strip():
            checked += 1
            found = _match_line(text, pos, line_end)
            if found is not None:
                return found
        pos = line_end + 1
    return None


def _match_line(text: str, pos: int, line_end: int) -> Dateline | None:
    line = text[pos:line_end]
    m = _WITH_AGENCY.match(line) or _CAPS_ONLY.match(line)
    if m is None or len(m.group("place")) < 3 or line_end - pos - m.end() < 20:
        return None
    place = m.group("place").rstrip(",")
    if place.upper().strip(".") in _NOT_PLACES or _speaker_label(text, line[m.end("place") :]):
        return None
    s = pos + m.start("place")
    region = _region(m)
    where = pos + m.start("region") if region else -1
    return Dateline(place, s, s + len(place), pos + m.start(), pos + m.end(), region, where)


def _region(m: re.Match) -> str:
    """The state or country printed after the dateline's place; "" for none or a day or month
    ("LONDON, Monday —", "PARIS, Jan. —")."""
    region = (m.group("region") or "").rstrip(",")
    return "" if not region or region.lower()[:3] in _CALENDAR else region


def _speaker_label(text: str, rest: str) -> bool:
    """True for a transcript's speaker label ("MARK BANNERMAN: Perhaps not ..."): capitals and a colon,
    in a text where another line opens so too ("BILL KIRBY: ..."); a dateline is printed once."""
    return rest.lstrip().startswith(":") and len(_CAPS_LABEL.findall(text)) >= 2
