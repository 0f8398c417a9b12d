"""Entity mentions from a spaCy ``Doc``: label mapping, surface clean-up and junk filter.

Junk is dropped in two ways: by *region* (bylines, photo credits and the agency of a
dateline are not article content, so nothing in them becomes a facet) and by *form*
(times, numbers, lone titles, lower-case words, handles and slashed credit chains).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: spaCy label -> our entity type. NORP ("Russian") is an adjective, not a facet.
LABEL_TYPES = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "location",
    "LOC": "location",
    "FAC": "location",
    "EVENT": "event",
}

#: Titles and honorifics: stripped from the front of names; alone they are junk.
TITLES = frozenset(
    """mr mrs ms miss dr prof sir dame lord lady president vice prime minister secretary
    chancellor premier senator sen rep representative gov governor mayor king queen prince
    princess pope sheikh general gen col colonel lt lieutenant capt captain sgt sergeant adm
    admiral chairman chairwoman chair ceo cfo chief director spokesman spokeswoman spokesperson
    judge justice ambassador envoy aide advisor adviser officer commissioner leader deputy
    foreign defense defence interior finance state attorney counsel rev father saint st
    professor doctor coach manager official minister-president superintendent sheriff commander
    pastor rabbi imam bishop cardinal archbishop emir crown president-elect""".split()
)
#: Words that, right before a name, make it a person whatever the model's label.
PERSON_CUES = frozenset(
    """mr mrs ms dr president senator sen rep gov governor mayor ceo coo cfo cto chair chairman chairwoman
    spokesman spokeswoman spokesperson judge minister chancellor premier secretary-general
    ambassador envoy aide coach actor actress singer rapper striker midfielder defender goalkeeper
    captain lawyer attorney professor""".split()
)
_CUE_WORD = re.compile(r"\b([A-Za-z]+)\.?[ \t]+(?=[A-Z])")
_NAME_AFTER_CUE = re.compile(
    r"[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?(?:[ \t]+[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?){1,2}\b"
)
_PREV_WORD = re.compile(r"\b([A-Za-z-]+)\.?[ \t]+$")
#: Titles that are part of how a person is named ("Prince Harry", "Pope Francis"): kept.
_NAME_TITLES = frozenset(
    "king queen prince princess pope sheikh lord lady dame sir saint st emir crown".split()
)
_JUNK_WORDS = frozenset(
    """state government ministry department administration
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december today yesterday tomorrow pt et ct mt
    gmt utc bst cet est edt pst pdt am pm file photo photos image images video group company
    agency officials official""".split()
)
_PARTICLES = frozenset(
    "von van der den de da del della di du la le ter ten bin bint ibn al el dos das".split()
)
_NEXT_NAME = re.compile(r"[ \t]+[A-Z][\w'’-]+")
_TIME = re.compile(r"\d{1,2}[:.]\d{2}|\b(?:a\.?m|p\.?m)\b\.?", re.I)
_NUMBERISH = re.compile(r"^[\d\s.,:%/$€£-]+$")
_LEADING_THE = re.compile(r"(?:the|The|THE)\s+")
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_EDGE_PUNCT = " \t\r\n\"'“”‘’`.,;:!?()[]{}<>|*-–—_"

# Regions whose content never yields entities.
_BYLINE = re.compile(
    r"(?m)^[ \t]*By[ \t]+[A-Z][^\n]{0,100}(?<![.!?\"”])[ \t]*$"
)  # "By Friday, ... ." is prose
_CREDIT = re.compile(
    r"(?i)(?:\b(?:photo(?:graph)?s?|images?|pictures?|pics?|video|illustration)(?:\s+credit)?"
    r"(?:\s*(?:\bby\b|:|©)|\s[-–—]\s)|\b(?:credit|courtesy)\s*(?::|©))[^\n]{0,80}"
)
_CREDIT_PAREN = re.compile(
    r"\([^()\n]{0,40}?\b(?:Photo|Image|Credit|Getty|Reuters|AFP|AP|EPA)\b[^()\n]{0,40}?\)"
)
_SLASH_CHAIN = re.compile(
    r"[A-Z][\w.&'’-]*(?:[ \t]+[A-Z][\w.&'’-]*)*(?:[ \t]*/[ \t]*[A-Z][\w.&'’-]*(?:[ \t]+[A-Z][\w.&'’-]*)*)+"
)
_STAFF = re.compile(r"(?i)\b(?:(?:additional )?reporting|writing|editing|compiled|produced) by\b[^\n]*")
_STAFF_LINE = re.compile(
    r"(?im)^[^\n]{0,150}\b(?:writers?|correspondents?|reporters?)\b[^\n]{0,80}\b(?:contributed|reported from)\b"
    r"[^\n]{0,80}$|^[^\n]{0,200}\bcontributed (?:to )?(?:this|the) (?:report|story|article)\b[^\n]{0,20}$"
)
_AGENCY_IMAGES = re.compile(r"\b(?:Getty Images|AP Photo|EPA-EFE|Shutterstock|File Photo|AFP Photo)\b")


@dataclass(frozen=True)
class RawMention:
    """One cleaned mention: offsets into the annotated text, surface text, our type."""

    start: int
    end: int
    text: str
    type: str
    label: str = ""


def junk_regions(text: str) -> list[tuple[int, int]]:
    """Character ranges of ``text`` holding bylines, photo credits and staff credits.

    Input: the annotated text. Output: sorted (start, end) pairs. Never raises.
    """
    regions: list[tuple[int, int]] = []
    for pattern in (_BYLINE, _CREDIT, _CREDIT_PAREN, _SLASH_CHAIN, _STAFF, _STAFF_LINE, _AGENCY_IMAGES):
        regions.extend(m.span() for m in pattern.finditer(text))
    return sorted(regions)


def in_regions(start: int, end: int, regions: list[tuple[int, int]]) -> bool:
    """True when [start, end) overlaps any region."""
    return any(s < end and start < e for s, e in regions)


def doc_mentions(doc, regions: list[tuple[int, int]], text: str | None = None) -> list[RawMention]:
    """Cleaned, junk-filtered mentions of persons, organizations, locations, events in ``doc``.

    Input: a spaCy Doc with ``ents``, the junk regions of its text (and the text itself,
    to save rebuilding it from the tokens). Output:
    RawMention list in text order; offsets point at the cleaned surface form.
    """
    out = []
    covered = 0
    text = doc.text if text is None else text  # doc.text is rebuilt from tokens on each access
    for ent in doc.ents:
        etype = LABEL_TYPES.get(ent.label_)
        if etype is None or ent.start_char < covered or in_regions(ent.start_char, ent.end_char, regions):
            continue
        end = _extend_particle(text, ent.end_char) if etype == "person" else ent.end_char
        covered = end
        if etype != "person" and _after_title(text, ent.start_char):
            etype = "person"  # "SoftBank COO Marcelo Claure", "Governor Salomon Jara"
        mention = clean_mention(text, ent.start_char, end, etype, ent.label_)
        if mention is not None:
            out.append(mention)
    return sorted(out + titled_names(text, out, regions), key=lambda m: m.start)


def titled_names(text: str, found: list[RawMention], regions: list[tuple[int, int]]) -> list[RawMention]:
    """Names the model missed after a title: "Fed Chair Eleanor Whitfield" -> person "Eleanor Whitfield".

    Only 2-3 capitalised words right after a word of PERSON_CUES, overlapping no mention found.
    """
    out = []
    for cue in _CUE_WORD.finditer(text):
        m = _NAME_AFTER_CUE.match(text, cue.end()) if cue.group(1).lower() in PERSON_CUES else None
        if m is None:
            continue
        start, end = m.span()
        words = m.group().split()
        if any(w.lower() in _JUNK_WORDS or w.lower() in TITLES for w in words):
            continue
        if in_regions(start, end, regions) or any(f.start < end and start < f.end for f in found):
            continue
        out.append(RawMention(start, end, m.group(), "person", "TITLE"))
    return out


def _after_title(text: str, start: int) -> bool:
    """True when the word just before ``start`` is a personal title ("Mr", "CEO", "Senator")."""
    m = _PREV_WORD.search(text, max(0, start - 30), start)
    return m is not None and m.group(1).lower() in PERSON_CUES


def titled(text: str, start: int) -> bool:
    """True when the word just before ``start`` is any title or honorific ("President", "Mr")."""
    m = _PREV_WORD.search(text, max(0, start - 30), start)
    return m is not None and (m.group(1).lower() in PERSON_CUES or m.group(1).lower() in TITLES)


def _extend_particle(text: str, end: int) -> int:
    """ "Ursula von der" + "Leyen": a name cut after a particle takes the next capitalised word."""
    words = text[max(0, end - 20) : end].split()
    if not words or words[-1] not in _PARTICLES:
        return end
    m = _NEXT_NAME.match(text, end)
    return m.end() if m else end


def clean_mention(text: str, start: int, end: int, etype: str, label: str = "") -> RawMention | None:
    """Trim a raw span to its name ("the Kremlin's" -> "Kremlin"); None when it is junk.

    Persons also lose leading titles ("President Vladimir Putin" -> "Vladimir Putin").
    """
    if etype == "person" and _LEADING_THE.match(text, start, end):
        etype = "organization"  # "the Beatles", "the Davis Cup": not a person's name
    start, end = _trim(text, start, end)
    if etype == "person":
        start = _strip_titles(text, start, end)
    else:
        end = _strip_trailing_numbers(text, start, end)
    surface = text[start:end]
    if end <= start or is_junk(surface, etype):
        return None
    return RawMention(start, end, surface, etype, label)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    span = text[start:end]
    for stop in ("\n", ", "):  # an entity never crosses a line; "Big Machine, Braun" is two
        if stop in span:
            end = start + span.index(stop)
            span = text[start:end]
    while start < end and text[start] in _EDGE_PUNCT:
        start += 1
    m = _LEADING_THE.match(text, start, end)
    if m:
        start = m.end()
    m = _POSSESSIVE.search(text[start:end])
    if m:
        end = start + m.start()
    while end > start and text[end - 1] in _EDGE_PUNCT and not _is_abbrev_dot(text, start, end):
        end -= 1
    return start, end


def _is_abbrev_dot(text: str, start: int, end: int) -> bool:
    """Keep the final dot of "U.S." / "Jr." style abbreviations."""
    return text[end - 1] == "." and bool(
        re.search(r"(?:\b[A-Z]\.[A-Z]\.|\bJr\.|\bSr\.|\bInc\.|\bCo\.)$", text[start:end])
    )


def _strip_trailing_numbers(text: str, start: int, end: int) -> int:
    """ "Chile 3-0" -> "Chile": scores and counts glued to a name are not part of it."""
    m = re.search(r"(?:\s+[\d][\d.,:–-]*)+$", text[start:end])
    return start + m.start() if m and m.start() > 0 else end


def _strip_titles(text: str, start: int, end: int) -> int:
    while True:
        m = re.match(r"([A-Za-z-]+)\.?\s+", text[start:end])
        if not m or m.group(1).lower() not in TITLES or m.group(1).lower() in _NAME_TITLES:
            return start
        start += m.end()


def is_junk(surface: str, etype: str) -> bool:
    """True when ``surface`` cannot be a facet value of type ``etype``.

    Junk: too short, no capital letter, times ("01:13 am PT"), numbers, slashes, @ or
    URLs, lone titles or calendar words, and person names with digits or > 5 words.
    """
    words = surface.split()
    if len(surface) < 2 or not words or not any(c.isupper() for c in surface):
        return True
    if _NUMBERISH.match(surface) or _TIME.search(surface) or any(c in surface for c in "/@\\|"):
        return True
    lowered = [w.lower().strip(".,") for w in words]
    if all(w in TITLES or w in _JUNK_WORDS for w in lowered):
        return True
    if etype == "person":
        return any(c.isdigit() for c in surface) or len(words) > 5 or not words[-1][0].isupper()
    return False
