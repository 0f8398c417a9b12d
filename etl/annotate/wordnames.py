"""Names whose given name is also an English word: persons where the text treats them as one.

The model reads "Rich Lowry" or "Chase Young" as an organization, "Summer Walker" as a product,
"Amber Rudd" as a work, and misses "Will Power"; the shape rules of :mod:`etl.annotate.names`
leave such names alone, since "Olive Garden said", "Grant Thornton said", "Best Buy said" and
"Santa Barbara" have the same shape. A name of a given name and one or two more name words is a
person's when the text treats it as one (:func:`acts_as_person`):

- an appositive right after it gives a role, an age or "who" ("Rich Lowry, the editor of ...",
  "Rose Lavelle, 24, said", "Hope Hicks, who ...");
- its last word alone acts as a person elsewhere in the text: before a speech verb or such an
  appositive, or after a personal title ("Young said", "Power, an Australian driver", "Ms. Rudd");
- it opens its sentence and the next sentence opens with "He" or "She".

A firm or a place is taken up by "the chain", "the firm", "it": none of these holds for it.
"""

from __future__ import annotations

import re

from etl.annotate.textscan import offsets
from etl.annotate.words import AGE_AFTER, ROLES, SPEECH_AFTER, TITLES

#: ", the editor of", ", an Australian driver", ", who", ", chairman of", ", deputy spokesman for": group 1
#: (after an article) or 2 (a bare role and a preposition) is the role noun when there is one.
_APPOSITIVE = re.compile(
    r",[ \t]+(?:who\b|(?:the|a|an|his|her|their)[ \t]+(?:[\w'’.-]+[ \t]+){0,3}?([a-z][a-z-]{2,})\b"
    r"|(?:[a-z][a-z-]+[ \t]+)?([a-z][a-z-]{2,})[ \t]+(?:of|for|at)\b)"
)
#: An actor named right after an appositive's role: the name before it is a character's ("Mia, the actress played by
#: Stone").
_PLAYED_BY = re.compile(r"[ \t]+(?:played|portrayed|voiced)[ \t]+by\b")
#: Roles only before "of", "for", "at" (", head of Microsoft’s Surface devices"): not in ROLES, whose words also
#: stand alone for a person ("the head" may be a body part).
_HEAD_ROLES = frozenset({"head", "co-founder", "cofounder", "boss"})
_SENTENCE_START = re.compile(r"(?:[.!?][\"”’']?[ \t]+|\n[ \t]*)$")
_NEXT_SENTENCE = re.compile(r"[.!?][\"”’']?[ \t]+([A-Z][a-z]*)\b")
_PREV_WORD = re.compile(r"([A-Za-z]+)(\.?)[ \t]+$")
_NAME_CHAR = re.compile(r"[\w'’-]")
_REACH = 300  # characters read to find the end of the name's sentence


def acts_as_person(text: str, start: int, end: int) -> bool:
    """True when the text treats the name ``text[start:end]`` as a person's (see the module's
    doc): an appositive with a role, an age or "who" after it, its last word alone acting as a
    person elsewhere, or a "He"/"She" opening the sentence after the one it opens. Never raises."""
    words = text[start:end].split()
    if len(words) < 2:
        return False
    return (
        appositive(text, end)
        or _surname_acts(text, words[-1], start, end)
        or _pronoun_follows(text, start, end)
    )


def appositive(text: str, end: int) -> bool:
    """A role noun, an age or "who" in an appositive right after ``end``."""
    if AGE_AFTER.match(text, end):
        return True
    m = _APPOSITIVE.match(text, end)
    if m is None:
        return False
    if _PLAYED_BY.match(text, m.end()):
        return False  # "Mia, the actress played by Stone": a character
    role = m.group(1) or m.group(2)
    return role is None or role in ROLES or (m.group(2) is not None and role in _HEAD_ROLES)


def _surname_acts(text: str, surname: str, start: int, end: int) -> bool:
    """The last word of the name, alone elsewhere in ``text`` (no capitalised word before it but
    a title), before a speech verb or a person's appositive, or after a title ("Mr. Lowry")."""
    if len(surname) < 3 or not surname[0].isupper() or text.count(surname) < 2:
        return False
    for at in _alone(text, surname):
        if start <= at < end:
            continue
        prev = _PREV_WORD.search(text, max(0, at - 20), at)
        title = prev is not None and prev.group(1).lower() in TITLES
        if prev is not None and prev.group(1)[0].isupper() and not prev.group(2) and not title:
            continue  # part of a longer name: the full name again, or another person's
        if title or SPEECH_AFTER.match(text, at + len(surname)) or appositive(text, at + len(surname)):
            return True
    return False


def _alone(text: str, word: str):
    r"""Offsets where ``word`` stands with no word character, apostrophe or hyphen on either side, left to right
    and not overlapping (a regex built for the word, ``(?<![\w'’-])word(?![\w'’-])``, scans every character)."""
    after_hit = 0
    for at in offsets(text, word):
        end = at + len(word)
        if at >= after_hit and (at == 0 or not _NAME_CHAR.match(text, at - 1)) and not _NAME_CHAR.match(text, end):
            yield at
            after_hit = end


def _pronoun_follows(text: str, start: int, end: int) -> bool:
    """The name opens its sentence and the next sentence opens with "He" or "She"."""
    if start and not _SENTENCE_START.search(text, max(0, start - 4), start):
        return False
    m = _NEXT_SENTENCE.search(text, end, end + _REACH)
    return m is not None and m.group(1) in ("He", "She")
