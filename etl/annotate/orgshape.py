"""Organizations by their shape, for languages no model here reads (German-style text).

The alias table knows the main institutions; the many others are found by how they are
written:

- a company form after its (one-word, or "X & Y") name: "Duesenfeld GmbH", "Merck KGaA";
- a club: a club prefix and a name, a sponsor's name before it allowed ("SSV Geyer",
  "1. FC Köln", "Allianz MTV Stuttgart"), or a city adjective and a club suffix ("Dresdner SC");
- a name ending in an institution noun, opened by capitalised adjectives or hyphenated
  with a proper name: "Deutscher Caritasverband", "Katholischer Deutscher Frauenbund",
  "Evangelisch-reformierte Kirche", "Konrad-Adenauer-Stiftung", "Max-Planck-Institut".

Determiners at a sentence start ("Der", "Die") are not part of a name. Label ``ORG_SHAPE``;
works on any text, never raises.
"""

from __future__ import annotations

import re

from etl.annotate.entities import Covered, RawMention

LABEL = "ORG_SHAPE"
_CAP = r"[A-ZÄÖÜ][\w&'’-]*"
_COMPANY = re.compile(
    rf"(?<![\w-])((?:{_CAP}[ \t]+&[ \t]+)?{_CAP}[ \t]+)(?:GmbH(?:[ \t]+&[ \t]+Co\.[ \t]+KG)?|AG|SE|KGaA|KG|eG|e\.[ \t]?V\.|mbH)(?![\w-])"
)
_CLUB_PREFIX = re.compile(
    rf"(?<![\w-])(?:{_CAP}[ \t]+)?(?:\d\.[ \t]+)?(?:FC|SC|SV|SSV|TSV|TuS|VfB|VfL|VfR|SpVgg|BSC|FSV|TSG|MTV|SG|ESV|PSV)[ \t]+{_CAP}(?:[ \t]+\d\d|[ \t]+{_CAP})?"
)
_CLUB_SUFFIX = re.compile(r"(?<![\w-])[A-ZÄÖÜ]\w+er[ \t]+(?:SC|FC|SV|BC|HC|EV|TC)(?![\w-])")
#: Nouns (compound heads) that end an institution's name.
HEADS = (
    "verband verbandes verbands verein vereins stiftung bund bundes bundesverband kirche konferenz "
    "gesellschaft institut instituts akademie hochschule universität partei gewerkschaft kammer "
    "gemeinschaft genossenschaft zentrale agentur behörde"
).split()
_HEAD_WORD = re.compile(r"(?:" + "|".join(sorted(HEADS, key=len, reverse=True)) + r")$", re.I)
#: Adjectives that open institution names: from proper names ("Katholischer", "Dresdner") or
#: the usual institutional ones ("Deutscher", "Europäische", "Freie").
_NAME_ADJECTIVE = re.compile(
    r"^(?:[A-ZÄÖÜ][\w-]*isch(?:e|er|es|en)?|[A-ZÄÖÜ][a-zäöüß]+er|[A-ZÄÖÜ]\w+-[a-zäöü]\w*(?:e|er|es|en)|(?:Deutsch|Europäisch|International|National|"
    r"Christlich|Sozial|Frei|Allgemein|Zentral|Evangelisch|Katholisch|Jüdisch|Islamisch|Öffentlich|Staatlich|"
    r"Liberal|Demokratisch|Grün|Vereinigt|Römisch)(?:e|er|es|en)?)$"
)
_NOT_ADJECTIVES = frozenset(
    """Neuer Großer Kleiner Alter Jeder Dieser Jener Unser Euer Ihrer Seiner Meiner Keiner Einer Aller Anderer
    Erster Zweiter Dritter Letzter Weiterer Guter Oberer Unterer Innerer Äußerer Später Früher Immer Aber
    Oder Weder Über Unter Hinter Wieder Wer Der Er Ihr Hier Schweizer""".split()
)
_WORD = re.compile(r"[A-ZÄÖÜ][\w'’-]*")
_DETERMINERS = frozenset(
    "Der Die Das Den Dem Des Ein Eine Einer Eines Einem Einen Im Am Vom Zum Zur Beim Auch Und Mit".split()
)


def org_shapes(text: str, covered: list[tuple[int, int]]) -> list[RawMention]:
    """Organizations by shape in ``text`` outside ``covered`` spans, label ``ORG_SHAPE``, in text order."""
    taken = Covered(len(text), covered)
    out: list[RawMention] = []
    for start, end in _spans(text):
        if end - start > 2 and not taken.hits(start, end):
            taken.add(start, end)
            out.append(RawMention(start, end, text[start:end], "organization", LABEL))
    return sorted(out, key=lambda m: m.start)


def _spans(text: str) -> list[tuple[int, int]]:
    spans = [_without_determiners(text, m.start(1), m.end()) for m in _COMPANY.finditer(text)]
    spans += [_without_determiners(text, *m.span()) for m in _CLUB_PREFIX.finditer(text)]
    spans += [_without_determiners(text, *m.span()) for m in _CLUB_SUFFIX.finditer(text)]
    return spans + _headed(text)


def _headed(text: str) -> list[tuple[int, int]]:
    """Names ending in an institution noun, opened by name adjectives ("Deutscher Caritasverband")
    or hyphenated with a proper name ("Konrad-Adenauer-Stiftung")."""
    out = []
    for m in _WORD.finditer(text):
        word = m.group()
        if not _HEAD_WORD.search(word):
            continue
        start = _adjectives_before(text, m.start())
        parts = word.split("-")
        hyphenated = len(parts) >= 3 and parts[-1].lower() in HEADS and all(p[:1].isupper() for p in parts)
        if start < m.start() or hyphenated:
            out.append((start, m.end()))
    return out


def _adjectives_before(text: str, pos: int) -> int:
    """Start of the run of name adjectives right before ``pos`` (``pos`` when none)."""
    start = pos
    while True:
        m = re.search(r"([A-ZÄÖÜ][\w-]*)[ \t]+$", text[max(0, start - 40) : start])
        if m is None or m.group(1) in _NOT_ADJECTIVES or not _NAME_ADJECTIVE.match(m.group(1)):
            return start
        start -= len(m.group(0))


def _without_determiners(text: str, start: int, end: int) -> tuple[int, int]:
    while True:
        m = re.match(r"(\w+)[ \t]+", text[start:end])
        if m is None or m.group(1) not in _DETERMINERS:
            return start, end
        start += m.end()
