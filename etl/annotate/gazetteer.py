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
"""

from __future__ import annotations

import re

from etl.annotate.canonical import AliasTable, alias_key, inflections, word_forms
from etl.annotate.entities import Covered, RawMention

LABEL = "GAZETTEER"
_TOKEN = re.compile(r"[^\W_](?:[\w&'’-]|\.(?=\w))*\.?")
_ABBREVIATION = re.compile(r"(?:[^\W\d_]\.)+")
_ENDINGS = ("'s", "’s", "s", "es")
_MAX_WORDS = 6


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
