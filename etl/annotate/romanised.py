"""Romanised East Asian names: a given name of two syllables joined by a hyphen, the second in lower case.

Korean, Taiwanese and Hong Kong names are written so in English news ("Moon Jae-in", "Tsai Ing-wen", "Carrie Lam
Cheng Yuet-ngor", "Ji-hoon Kim"). The model cuts them at the hyphen ("Moon Jae" and "-in", a preposition to it),
leaves out the one-syllable family name before them ("Son" + "Heung-min") or reads the whole as an organization
("Sun Yat-sen"). The shape is distinctive: each part is one syllable of a romanisation (up to two consonants, one
to three vowels, then n, ng, m, k, p, t, l, r or h), which English hyphenated words seldom are ("Hong Kong-based",
"Obama-era", "Smith-Jones" are not). Korean and Japanese administrative suffixes make places ("Gyeonggi-do",
"Gangnam-gu", "Minato-ku"). Chinese names in pinyin have no hyphen: a listed family name, then a given name of two
syllables in one word ("Xi Jinping", "He Lifeng"), no English word nor listed given name ("Long Beach", "Han Solo").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from etl.annotate.names import english_words, is_given
from etl.annotate.words import CHINESE_FAMILY_NAMES, TITLES

_SYLLABLE = r"[b-df-hj-np-tv-z]{0,2}h?[aeiouy]{1,3}(?:ng|rk|[nmkptlrh])?"
_GIVEN = re.compile(rf"({_SYLLABLE})-({_SYLLABLE})")
_FAMILY = re.compile(_SYLLABLE)
#: Second parts that make a Korean or Japanese place ("Gyeonggi-do", "Gangnam-gu", "Minato-ku").
_PLACE_SUFFIXES = frozenset("do gu dong gun si ri eup myeon ro gil ga ku shi ken cho machi mura san gang".split())
#: Second parts that make no given name: a place's, or an English compound's ("Pop-up", "Run-off").
_NOT_GIVEN = _PLACE_SUFFIXES | frozenset("up on off out run day war man men fan fi hop pop".split())
_PLACE = re.compile(r"[A-Z][a-z]+-([a-z]+)")
#: Capitalised words that are no family name, though one syllable long: function words opening a sentence.
_NOT_FAMILY = TITLES | frozenset(
    """the a an in on at by to of as and or but for with from his her its our my your if so then when
    where while why how who was is are has had not no yes all any one two new""".split()
)
_SUFFIX = re.compile(r"-([a-z]{1,6})(?![\w-])")  # "-in" of "Moon Jae-in", cut off by the model
_WORD_BEFORE = re.compile(r"(?<![\w.'’-])([A-Z][a-z]{0,4})[ \t]$")
_WORD_AFTER = re.compile(r"[ \t]([A-Z][a-z]{0,4})(?![\w'’-])")
#: One or two short capitalised words, then a hyphenated given name ("Lee Jae-myung"), or one short capitalised word,
#: then one of four to ten letters, no name word after it ("Xi Jinping": :func:`pinyin_name`); not inside a word. One
#: scan for both: it opens with the capital and looks behind it (no word character before), so a scan for a capital
#: skips the text in C.
_RUN = re.compile(
    r"[A-Z](?<![\w.'’-][A-Z])[a-z]{0,4}[ \t]"
    r"(?:(?:[A-Z][a-z]{0,4}[ \t])?[A-Z][a-z]{0,5}-[a-z]{1,6}(?![\w'’-])|[A-Z][a-z]{3,9}(?![\w'’-]|[ \t]+[A-Z]))"
)


#: A pinyin syllable: an initial, then a final ("jin", "ping", "qiang", "xue").
_PINYIN = (
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ui|ue|er|a|o|e|i|u)"
)
_PINYIN_GIVEN = re.compile(rf"{_PINYIN}{_PINYIN}")


@functools.lru_cache(maxsize=4096)
def given_shape(word: str) -> bool:
    """True for a romanised given name: "Jae-in", "Yuet-ngor", "Ing-wen"; not "Kong-based", "Gangnam-gu"."""
    m = _GIVEN.fullmatch(word.lower())
    return (
        m is not None
        and word[:1].isupper()
        and word[1:].replace("-", "").islower()
        and m.group(2) not in _NOT_GIVEN
    )


def family_shape(word: str) -> bool:
    """True for a capitalised one-syllable word of up to five letters that may be a family name ("Moon", "Ip")."""
    return (
        len(word) <= 5
        and word[:1].isupper()
        and word[1:].islower()
        and word.lower() not in _NOT_FAMILY
        and _FAMILY.fullmatch(word.lower()) is not None
    )


def place_shape(span: str) -> bool:
    """True for one word naming a Korean or Japanese place by its suffix: "Gangnam-gu", "Suwon-si", "Minato-ku"."""
    m = _PLACE.fullmatch(span)
    return m is not None and m.group(1) in _PLACE_SUFFIXES


def is_name(span: str) -> bool:
    """True when ``span`` (two or three words) is a romanised name by shape alone: family names, then a given name
    ("Sun Yat-sen", "Lau Suk-yee"), or a given name, then a family name ("Ji-hoon Kim")."""
    words = span.split()
    if not 2 <= len(words) <= 3:
        return False
    if given_shape(words[-1]):
        return all(family_shape(w) for w in words[:-1])
    return len(words) == 2 and given_shape(words[0]) and family_shape(words[1])


def grow(text: str, start: int, end: int) -> tuple[int, int]:
    """A person span the model cut short of its romanised name, grown: over the lower-case syllable after a
    hyphen ("Moon Jae" + "-in"), back over one or two family names before a given name ("Son" + "Heung-min",
    "Ip Lau" + "Suk-yee"), and on to the family name after a given name alone ("Sun-hee" + "Park")."""
    last = text[start:end].rsplit(None, 1)[-1] if end > start else ""
    m = _SUFFIX.match(text, end)
    if m is not None and given_shape(last + m.group()):
        end = m.end()
    first = text[start:end].split(None, 1)[0] if end > start else ""
    if not given_shape(first):
        return _pinyin_family_before(text, start, end), end
    grown = start
    for _ in range(2):
        before = _WORD_BEFORE.search(text, max(0, grown - 7), grown)
        if before is None or not family_shape(before.group(1)):
            break
        grown = before.start(1)
    after = _WORD_AFTER.match(text, end) if grown == start and first == text[start:end] else None
    if after is not None and family_shape(after.group(1)):
        end = after.end()
    return grown, end


def _pinyin_family_before(text: str, start: int, end: int) -> int:
    """Start of a Chinese name the model read without its family name ("He" + "Lifeng": "He" opened the sentence):
    one word that is a pinyin given name (:func:`pinyin_name`) after a listed family name; else ``start``."""
    if end - start < 4 or " " in text[start:end] or not text[start].isupper():
        return start
    before = _WORD_BEFORE.search(text, max(0, start - 7), start)
    if before is None or not pinyin_name(f"{before.group(1)} {text[start:end]}"):
        return start
    return before.start(1)


def missed(
    text: str, taken: Callable[[int, int], bool], seen: Callable[[int, int], bool] | None = None
) -> list[tuple[int, int]]:
    """Spans of romanised names by shape (:func:`is_name`: "Lee Jae-myung") that ``taken(start, end)`` says are
    free, and of Chinese names in pinyin (:func:`pinyin_name`: "Xi Jinping met") that ``seen(start, end)`` (the
    model's spans and mentions taken too) says are: names the model did not see."""
    out = []
    for m in _RUN.finditer(text):
        span = m.group()
        if "-" in span:
            if is_name(span) and not taken(m.start(), m.end()):
                out.append((m.start(), m.end()))
        elif seen is not None and pinyin_name(span) and not seen(m.start(), m.end()):
            out.append((m.start(), m.end()))
    return out


def pinyin_name(span: str) -> bool:
    """True for a Chinese name in pinyin by shape: a listed family name (:data:`CHINESE_FAMILY_NAMES`), then a given
    name of two syllables in one word that is no English word nor a listed given name ("Xi Jinping", "He Lifeng",
    "Han Zheng" is too short: one syllable); not "Long Beach", "Sun Valley"."""
    family, _, given = span.partition(" ")
    low = given.lower()
    return (
        family.lower() in CHINESE_FAMILY_NAMES
        and _PINYIN_GIVEN.fullmatch(low) is not None
        and low not in english_words()
        and not is_given(given, strict=False)
    )

