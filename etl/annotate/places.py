"""Places by their written pattern: a city before a US state or Canadian province code.

Listings, tour dates and datelines write "Charlotte, NC" / "Cuyahoga Falls, OH" /
"Toronto, ON"; the model reads such cities as organizations or persons, or not at all
(in a venue list: "PNC Music Pavilion, Charlotte, NC"). One to three capitalised words
right before ", <code>" at the end of a clause are a place, label ``PLACE``. Codes that
are also credentials after a person's name ("Jane Smith, MD": MD, DO, PA, ME) are left
out. News copy writes the AP style's abbreviations instead ("Beverly Hills, Calif.", read as a
person by its shape); those count too, but for the short ones other words and credentials share
("Pa.", "Del."). Works on any text; never raises.

:func:`placed` says whether one mention reads as a place by the words around it (used by the type
votes of :mod:`etl.annotate.canonical` and :mod:`etl.annotate.notperson`).
"""

from __future__ import annotations

import re

from etl.annotate.entities import Covered, RawMention

LABEL = "PLACE"
#: US state and territory postal codes and Canadian province codes, without those that are
#: also credentials after a name ("MD", "DO", "PA", "ME").
CODES = frozenset(
    """AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA MA MI MN MS MO MT NE NV NH NJ NM
    NY NC ND OH OK OR RI SC SD TN TX UT VT VA WA WV WI WY PR AB BC MB NB NL NS ON PE QC SK""".split()
)
#: Prepositions of place before a name, and the nouns of a town's name ("the city of Brookhaven").
_PLACE_PREP = re.compile(
    r"(?:\b(?:[Ii]n|[Nn]ear|[Aa]cross|[Oo]utside|[Tt]hroughout|[Ii]nto|[Aa]round|[Ii]nside|[Ww]ithin)[ \t]+(?:the[ \t]+)?"
    r"|\b(?:city|town|village|county|state|province|region) of[ \t]+)$"
)
#: Place evidence besides a preposition: the place after a listed one ("in Osborne Store, Clarendon"), a
#: home town after an age ("Amanda D. Johanningmeier, 32, Taylorville", "Stephens, 73, of Taylorville").
_AFTER_PLACE = re.compile(
    r"(?:\b(?:[Ii]n|[Nn]ear|[Ff]rom|[Oo]utside)[ \t]+(?:[A-Z][\w'’.-]*[ \t]+){0,3}[A-Z][\w'’.-]*|\b\d{1,3}),[ \t]+(?:of[ \t]+)?$"
)
#: A town's own services after its name: "ticketed by Taylorville police", "Brookhaven residents".
_TOWN_AFTER = re.compile(r"[ \t]+(?:police|mayor|residents|city council|county)\b")
#: Endings of English place names ("Taylorville", "Newcastle", "Brookhaven", "Pittsburgh").
PLACE_ENDING = re.compile(
    r"[A-Z][a-z]{2,}(?:ville|burg|burgh|borough|bury|castle|chester|field|haven|mouth|port|town|stadt)"
)
#: One to three capitalised words (group 1) and the comma after them: the city before a state.
_CITY = r"(?<![\w&'’.-])((?:St\.[ \t]+)?[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+){0,2}),[ \t]+"
_CITY_CODE = re.compile(_CITY + r"([A-Z]{2})(?=[ \t]*(?:[^\w \t]|$)|[ \t]+[a-z])")
#: The AP style's state abbreviations ("Beverly Hills, Calif."), without the short ones that also end other words
#: or stand for credentials: "Pa.", "Mo.", "La.", "Ga.", "Va.", "Del.", "Ind.", "Md.", "Vt.".
AP_STATES = (
    "Ala. Ariz. Ark. Calif. Colo. Conn. Fla. Ill. Kan. Ky. Mass. Mich. Minn. Miss. Mont. Neb. Nev. N.H. N.J. N.M. "
    "N.Y. N.C. N.D. Okla. Ore. R.I. S.C. S.D. Tenn. Wash. W.Va. Wis. Wyo."
).split()
_CITY_AP = re.compile(_CITY + "(?:" + "|".join(map(re.escape, AP_STATES)) + r")(?![\w.-])")
#: A comma, a space and an AP state abbreviation: what each match of _CITY_AP holds (a literal start: found fast).
_AP_AFTER_COMMA = re.compile(", (?:" + "|".join(map(re.escape, AP_STATES)) + ")")

#: The code part of :data:`_CITY_CODE` alone: every match of it holds one.
_COMMA_CODE = re.compile(r",[ \t]+([A-Z]{2})")


def coded_places(text: str) -> list[RawMention]:
    """Cities written before a state/province code ("Charlotte, NC"), as location mentions.

    Input: the annotated text. Output: RawMentions (label ``PLACE``) in text order.
    """
    out: list[RawMention] = []
    if any(code in CODES for code in _COMMA_CODE.findall(text)):  # else the full scan (slow to start) finds none
        out += [
            RawMention(m.start(1), m.end(1), m.group(1), "location", LABEL)
            for m in _CITY_CODE.finditer(text)
            if m.group(2) in CODES
        ]
    if _AP_AFTER_COMMA.search(text):
        out += [RawMention(m.start(1), m.end(1), m.group(1), "location", LABEL) for m in _CITY_AP.finditer(text)]
    return sorted(out, key=lambda m: m.start)


def with_coded_places(
    mentions: list[RawMention], text: str, regions: list[tuple[int, int]]
) -> list[RawMention]:
    """``mentions`` (text order) with the coded places of ``text`` added: a mention with the same
    span as a coded place becomes that place ("Raleigh" ORG -> location); a mention of the code
    itself is dropped ("Camden, NJ": "NJ" read as an organization); a coded place that overlaps
    another mention or a junk region is left out. Output: mentions in text order."""
    places = {(p.start, p.end): p for p in coded_places(text)}
    if not places:
        return mentions
    codes = {_code_span(text, p) for p in places.values()}
    out = [places.pop((m.start, m.end), m) for m in mentions if (m.start, m.end) not in codes]
    taken = Covered(len(text), regions + [(m.start, m.end) for m in out])
    out += [p for p in places.values() if not taken.hits(p.start, p.end)]
    return sorted(out, key=lambda m: m.start)


def _code_span(text: str, place: RawMention) -> tuple[int, int]:
    """(start, end) of the state/province code written after a coded place."""
    start = place.end + len(text[place.end :].split(",", 1)[0]) + 1
    while text[start : start + 1] in (" ", "\t"):
        start += 1
    return start, start + 2


def placed(text: str, m: RawMention) -> bool:
    """The mention reads as a place: a dateline, after a preposition of place ("in", "near", "the city
    of", ...) or after a place it is listed after ("in Osborne Store, Clarendon"), a home town after an
    age ("Johanningmeier, 32, Taylorville"), or before a town's services ("Taylorville police")."""
    return (
        m.label == "DATELINE"
        or bool(_PLACE_PREP.search(text, max(0, m.start - 16), m.start))
        or bool(_AFTER_PLACE.search(text, max(0, m.start - 60), m.start))
        or bool(_TOWN_AFTER.match(text, m.end))
    )
