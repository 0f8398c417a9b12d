"""Places and organizations found by name in any language, from the alias table.

The alias table (``data/aliases-multilingual.tsv`` + ``data/aliases.tsv`` + the user
file) maps names in the main European languages to one canonical name and a type
("Deutschland", "Allemagne" -> Germany; "EU-Kommission" -> European Commission). This
module finds its typed names in running text, so a page no model reads (German,
French, ...) still gets its places and institutions, marked ``GAZETTEER``.

Matching: up to six words starting at a capitalised word; case, dots and a leading
"the" are ignored as in the alias table, except that a name written in capitals in the
table ("EU", "UNO") must be in capitals in the text. A possessive or German genitive
ending is allowed ("Germany's", "Deutschlands"). Never raises.

English pages the model reads get the table's names it missed or cut too (:func:`with_table_names`: "works for
Facebook", "Lockheed" + "Martin"), from the doc's tokens, without a scan of the text.
"""

from __future__ import annotations

import bisect
import re

import numpy

from etl.annotate.canonical import FIRST_WORD_SLOTS, AliasTable, alias_key, inflections, word_forms
from etl.annotate.entities import Covered, RawMention
from etl.annotate.names import english_words

LABEL = "GAZETTEER"
_TOKEN = re.compile(r"[^\W_](?:[\w&'’-]|\.(?=\w))*\.?")
_ABBREVIATION = re.compile(r"(?:[^\W\d_]\.)+")
_ENDINGS = ("'s", "’s", "s", "es")
_MAX_WORDS = 6
_ORTH_IDX = ["ORTH", "IDX"]
_SLOT_MASK = numpy.uint64(FIRST_WORD_SLOTS - 1)
#: Model labels of no name: a table name inside one still counts ("the end for the Soviet Union" read as a DATE)
_NUMBER_LABELS = frozenset("DATE TIME PERCENT MONEY QUANTITY ORDINAL CARDINAL".split())
_GAPS = ("", " ")
_JOINERS = ("of ", "and ", "for ", "de ")
_SENTENCE_ENDS = frozenset('.?!:"“”\n')
#: What follows a name opening a sentence that no English word opening one is followed by: an owner's "'s", a relative
#: "which", a report's verb ("Google, which makes", "Google said", "Twitter's shares").
_ACTS_AFTER = re.compile(r"['’]s\b|,[ \t]+which\b|[ \t]+(?:said|says|announced|reported)\b")


def find_names(
    text: str,
    aliases: AliasTable,
    regions: list[tuple[int, int]],
    covered: list[tuple[int, int]] | tuple = (),
) -> list[RawMention]:
    """Typed alias-table names (location, organization, event) in ``text``, left to right.

    ``regions`` (bylines, credits) and ``covered`` (mentions found otherwise) are skipped.
    Output: RawMentions with the surface as written and the table's type, label ``GAZETTEER``.
    """
    tokens = [_span(m) for m in _TOKEN.finditer(text)]
    taken = Covered(len(text), list(regions) + list(covered))
    out: list[RawMention] = []
    i = 0
    while i < len(tokens):
        hit = _match_at(text, tokens, i, aliases) if text[tokens[i][0]].isupper() else None
        if hit is None:
            i += 1
            continue
        start, end, etype, width = hit
        if not taken.hits(start, end):
            out.append(RawMention(start, end, text[start:end], etype, LABEL))
        i += width
    return out


def _span(m: re.Match) -> tuple[int, int]:
    """Token span without a sentence-final dot ("Berlin." -> "Berlin", "U.S." kept)."""
    word = m.group()
    if word.endswith(".") and not _ABBREVIATION.fullmatch(word):
        return m.start(), m.end() - 1
    return m.span()


def _match_at(text: str, tokens: list[tuple[int, int]], i: int, aliases: AliasTable):
    """(start, end, type, tokens used) of the longest table name starting at token ``i``, or None."""
    first = _strip_ending(alias_key(text[tokens[i][0] : tokens[i][1]]))
    if {f for word in first for f in word_forms(word)} & aliases.first_words == set():
        return None
    for width in range(min(_MAX_WORDS, len(tokens) - i), 0, -1):
        start, end = tokens[i][0], tokens[i + width - 1][1]
        if "\n" in text[start:end]:
            continue
        for base in sorted(_strip_ending(alias_key(text[start:end])), key=len, reverse=True):
            for key in inflections(base):
                hit = aliases.entries.get(key)
                if hit and hit[1] and _case_ok(text[start:end], key, aliases):
                    return start, start + _surface_len(text[start:end], base), hit[1], width
    return None


def _strip_ending(key: str) -> set[str]:
    """The key and its forms without a possessive / genitive ending ("deutschlands" -> "deutschland")."""
    out = {key}
    for ending in _ENDINGS:
        if key.endswith(ending) and len(key) - len(ending) >= 4:
            out.add(key[: -len(ending)])
    return out


def _case_ok(surface: str, key: str, aliases: AliasTable) -> bool:
    """Capitalised in the text; written in capitals when the table writes it so ("EU", not "Eu")."""
    if key in aliases.acronyms:
        return surface.replace(".", "").replace("-", "")[: len(key.replace(" ", ""))].isupper()
    return surface[:1].isupper()


def _surface_len(surface: str, key: str) -> int:
    """Length of the surface without the ending stripped from its key ("Germany's" -> 7)."""
    full = alias_key(surface)
    if full == key:
        return len(surface)
    return len(surface) - (len(full) - len(key))



def with_table_names(
    mentions: list[RawMention], doc, text: str, aliases: AliasTable, regions: list[tuple[int, int]]
) -> list[RawMention]:
    """``mentions`` (of an English ``doc``) plus the alias table's typed names the model missed or cut.

    A table name no model entity runs past is added where nothing was read ("Clegg now works for Facebook")
    and replaces the mentions it holds where the model cut it ("Lockheed" (ORG) + "Martin" (PERSON) ->
    "Lockheed Martin"). A one-word name also counts only where it is no English word opening a sentence
    ("Focus on saving"), not after a hyphen ("R-Texas"), not alone on its line (menus, font lists: "Georgia")
    and not before another capitalised word, which makes it part of a longer name ("Showa Denko", "Georgia
    Tech"). Candidates are the doc's capitalised tokens that open a table name (one array lookup, no text
    scan), neither inside a mention nor opening one that stops there. Output: mentions in text order.
    """
    starts = _table_starts(doc, text, aliases)
    if not starts:
        return mentions  # the common case: no capitalised word opens a table name
    opens = [m.start for m in mentions]
    ends = [m.end for m in mentions]
    hits = [
        h
        for i in starts
        if _may_open(text, i, opens, ends) and (h := _english_match(text, i, aliases)) is not None
    ]
    if not hits:
        return mentions
    out = list(mentions)
    junk = Covered(len(text), regions)
    for start, end, etype in hits:
        if junk.hits(start, end):
            continue
        inner = [m for m in out if m.start < end and start < m.end]
        if any(m.start < start or m.end > end or (m.start, m.end) == (start, end) for m in inner):
            continue  # read already, or part of a longer mention
        if not inner and " " not in text[start:end] and not _lone_word_ok(text, start, end):
            continue
        if _in_longer_entity(doc, start, end):
            continue  # the model read a longer name ("Showa Denko K.K.", "I Left My Hat In Haiti")
        out = [m for m in out if m not in inner] + [RawMention(start, end, text[start:end], etype, LABEL)]
    return sorted(out, key=lambda m: m.start)


def _may_open(text: str, i: int, opens: list[int], ends: list[int]) -> bool:
    """True when a table name may open at ``i``: inside no mention (``opens``/``ends``: the mentions' bounds, in
    text order), or opening one that a name may go on after (:func:`_goes_on`)."""
    j = bisect.bisect_right(opens, i) - 1
    if j < 0 or ends[j] <= i:
        return True
    return opens[j] == i and _goes_on(text, ends[j])


def _table_starts(doc, text: str, aliases: AliasTable) -> list[int]:
    """Offsets of the capitalised tokens of ``doc`` that open a typed table name as written ("Facebook",
    "SpaceX."): the low bits of each token's hash looked up in one array, the few let through checked."""
    table, hashes = aliases.first_word_table(doc.vocab.strings)
    tokens = doc.to_array(_ORTH_IDX)
    if not len(tokens):
        return []
    seen = tokens[table[tokens[:, 0] & _SLOT_MASK]].tolist()
    return [i for h, i in seen if h in hashes]


def _english_match(text: str, start: int, aliases: AliasTable) -> tuple[int, int, str] | None:
    """(start, end, type) of the longest typed table name of up to six words on one line at ``start``
    (a possessive "'s" left out), or None. Read word by word while the words open a table name."""
    best = None
    gap_from = start
    prefixes = aliases.key_prefixes
    for count, m in enumerate(_TOKEN.finditer(text, start, min(len(text), start + 160))):
        end = _span(m)[1]
        if count == _MAX_WORDS or text[gap_from : m.start()] not in _GAPS:
            break
        key = alias_key(text[start:end])
        for base, cut in ((key, 0), (key[:-2], 2)) if key.endswith("'s") else ((key, 0),):
            hit = aliases.entries.get(base)
            if hit and hit[1] and _case_ok(text[start:end], base, aliases):
                best = (start, end - cut, hit[1])
        if key not in prefixes:
            break
        gap_from = end
    return best


def _lone_word_ok(text: str, start: int, end: int) -> bool:
    """A one-word table name found where the model read nothing counts: not after a hyphen, no English word
    opening a sentence, not alone on its line, no capitalised word after it."""
    if start and text[start - 1] in "-‐/":
        return False  # "Sen. Ted Cruz, R-Texas,": part of a party's and state's label
    if text[start:end].lower() in english_words() and _opens_sentence(text, start) and not _ACTS_AFTER.match(text, end):
        return False  # "Focus on saving", "Current", "Chase": an English word opening a sentence (not "Google, which")
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    if not text[line_start:start].strip() and not text[end : line_end if line_end >= 0 else len(text)].strip(" .,"):
        return False  # a menu's or a font list's line
    after = text[end : end + 2]
    return not (after[:1] == " " and after[1:].isupper())


def _opens_sentence(text: str, start: int) -> bool:
    """True when the word at ``start`` opens the text, a line or a sentence (after ". ", "? ", a quote mark)."""
    before = text[max(0, start - 3) : start].rstrip(" ")
    return not before or before[-1] in _SENTENCE_ENDS


def _goes_on(text: str, end: int) -> bool:
    """True when a name may go on after a mention ending at ``end``: a space, then a capital, "&" or a joining
    word ("Lockheed" + " Martin", "Bank" + " of England"); a mention the model read whole stops before them."""
    after = text[end : end + 5]
    return after[:1] == " " and (after[1:2].isupper() or after[1:2] == "&" or after[1:].startswith(_JOINERS))


def _in_longer_entity(doc, start: int, end: int) -> bool:
    """True when a model entity that names something (not a date or number: "the end for the Soviet Union" read
    as a DATE) runs past [start, end) on either side."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return True
    first = span[0]
    after = doc[span.end] if span.end < len(doc) else None
    return (first.ent_iob_ == "I" and first.ent_type_ not in _NUMBER_LABELS) or (
        after is not None and after.ent_iob_ == "I" and after.ent_type_ not in _NUMBER_LABELS
    )
