"""Person names by their shape: a known given name followed by capitalised name words.

The model misses names in results lists and tables, or labels them as organizations or
places ("Guy Forget (France) beat ..." -> ORG), and it reads no language but English. A
run of name words (capitalised words, initials, particles: "Joost van der Westhuizen",
"Zine al-Abidine Ben Ali") that starts with a given name from ``data/given_names.txt``
("Guy", "Bixente", "Eva-Marie") and ends in a capitalised word is a person's name:

- inside a span the model labelled as something else, the run becomes a person
  (``person_run``; any given name, an initial too: "M. McCague");
- where the model found nothing, the run is added as a person (``missed_names``), but
  only when the given name is not also a common English word ("Will", "Grace") unless
  the run stands where a quote's speaker does ('," Will Moy, chief executive') or the text
  treats it as a person's (:mod:`etl.annotate.wordnames`: "Power, an Australian driver"), the
  last word is no organization or place word ("Christian Democrats"), and the run is
  not a headline in title case. Capitalised words before the given name are roles,
  not part of the name ("Verkehrsminister Andreas Scheuer", "Coach Aime Jacquet").
"""

from __future__ import annotations

import functools
import gzip
import re
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from etl.annotate.wordnames import acts_as_person, appositive, owns_as_person
from etl.annotate.words import ARABIC_NOT_NAMES, NAME_TITLES, PARTICLES
from etl.index.builder import fold

GIVEN_NAMES = Path(__file__).resolve().parent / "data" / "given_names.txt"
#: Surnames of notable persons, one a line (WordNet 3.0; built by bench/annotate/make_notable_persons.py).
NOTABLE_PERSONS = Path(__file__).resolve().parent / "data" / "notable_persons.txt"
#: Fictional characters' names of several words, one a line (WordNet 3.0; same builder).
FICTIONAL_CHARACTERS = Path(__file__).resolve().parent / "data" / "fictional_characters.txt"
#: Lower-case English words, one a line (gzip; built by bench/annotate/make_common_words.py).
COMMON_WORDS = Path(__file__).resolve().parent / "data" / "common_words.txt.gz"
# Name words only: a word not starting in ASCII lower case, or a particle ("van", "al-Saadani").
# Lower-case words are skipped here; the gap test between two tokens still breaks a run on them.
_TOKEN = re.compile(
    r"(?<![\w'’])(?<!\w-)(?:[^\W\d_a-z]|(?:"
    + "|".join(sorted(PARTICLES, key=len, reverse=True))
    + r")(?=[-\s]))"
    r"(?:[\w'’]|-(?=[^\W\d_]))*"
)
#: A given name right before a person span; also glued to a list's number ("3.Charlotte" + "Jones Anderson").
_GIVEN_BEFORE = re.compile(
    r"(?:(?<![\w.'’-])|(?<=(?<![\w.])\d\.)|(?<=(?<![\w.])\d\d\.))([A-Z][^\W\d_]+(?:-[A-Z][^\W\d_]+)?)[ \t]+$"
)
#: Where a name is the speaker of a quote: right after the closing mark ('," Will Moy said'), or after
#: the dashes that follow a saying's last sentence (an epigraph: "... never happened. - -Mark Twain").
_AFTER_QUOTE = re.compile(r"[,.!?](?:[”\"]|[’']{1,2})[ \t]*$|[.!?][”\"’']?[ \t]*(?:[-–—][ \t]*)+$")
#: A given name with a capital inside: a short prefix, then the rest ("DeAndre", "LaToya", "LeBron", "JaMarcus").
_INTERCAPS = re.compile(r"[A-Z][a-z]{1,2}[A-Z][a-z]{2,}")
_MAX_WORDS = 4
#: A team sheet's shirt number and dash before a name ("7 - Josh Kronfeld", "7- Abdullah Ercan").
_SQUAD_NUMBER = re.compile(r"(?<![\w.,-])\d{1,2}[ \t]*-[ \t]*$")
_SQUAD_ITEM = re.compile(r"(?<![\w.,-])\d{1,2}[ \t]*-[ \t]*[A-Z]")
_SQUAD_ITEMS = 3
_SQUAD_REACH = 300
#: A country, a club or a code in brackets right after a name, on the line or the next ("Mark Philippoussis
#: (Australia)", "Oeji Aliu\n(Nigeria)", "Chryste Gaines (U.S.)"): one to three capitalised words or an abbreviation.
_BRACKET_AFTER = re.compile(
    r"[ \t]*\n?[ \t]*\((?:[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+){0,2}|[A-Z]\.(?:[A-Z]\.)+|[A-Z]{2,3})\)"
)
_FIGURE = re.compile(r"\d+")
_RESULT_FIGURES = 3  # numbers on a line that make it a results list or a table row
#: Verbs that open a question and are also given names ("Will Warren continue ...?", "Can Murray win?").
QUESTION_VERBS = frozenset("Will Can May Did Does Do Is Was Has Have Had Could Would Should Shall".split())
_VERB_FIRST = re.compile(r"([A-Z][a-z]+)[ \t]+(?=[A-Z])")
_SENTENCE_OPEN = re.compile(r"(?m)(?:^|[.!?:;]['’\"”]?)[ \t\"“‘']*$")
#: A capitalised word, then one or two name particles in lower case (:data:`PARTICLES`), ending where a person span
#: opens: "Maarten den ".
_PARTICLES_BEFORE = re.compile(
    rf"(?<![\w'’.-])([A-Z][a-z]+)[ \t]+(?:(?:{'|'.join(sorted(PARTICLES))})[ \t]+){{1,2}}$"
)
#: A verb of making a work only a person does, then "by", before a name: the name is the author's.
_AUTHORED_BY = re.compile(
    r"\b(?:written|co-written|penned|directed|composed|painted|sung|narrated|illustrated|choreographed)[ \t]+by[ \t]+$"
)
_SENTENCE_CLOSE = re.compile(r"[.!?](?=[\s\"”’']|$)")
_QUESTION_REACH = 300
_AROUND = " \t-–—:;,.()0123456789"  # what may surround a name inside a model span


class Word(NamedTuple):
    start: int
    end: int
    text: str
    kind: str  # "cap", "initial" or "particle"


class GivenNames(NamedTuple):
    names: frozenset[str]
    common: frozenset[str]  # also common English words ("Will", "Grace")
    sex: dict[str, str]  # "m" / "f" for names listed only as male / female
    rare: frozenset[str] = frozenset()  # only in the larger lists (SSA counts, faker-js): not in ``names``
    places: frozenset[str] = frozenset()  # also places the alias table knows ("Sydney"): in no other field


@functools.lru_cache(maxsize=1)
def given_names() -> GivenNames:
    """The shipped given-name list (``data/given_names.txt``: name, TAB, flags word/m/f/rare/place). A name
    flagged ``place`` ("Sydney", "Israel") goes to ``places`` only, its other flags unread."""
    names: set[str] = set()
    rare: set[str] = set()
    places: set[str] = set()
    common, sex = set(), {}
    for line in GIVEN_NAMES.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        name, _, field = line.partition("\t")
        flags = field.split(",")
        if "place" in flags:
            places.add(name)
            continue
        (rare if "rare" in flags else names).add(name)
        for flag in flags:
            if flag == "word":
                common.add(name)
            elif flag in ("m", "f"):
                sex[name] = flag
    return GivenNames(frozenset(names), frozenset(common), sex, frozenset(rare), frozenset(places))


@functools.lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """The shipped lower-case English words (``data/common_words.txt.gz``: "story", "wolf", "good")."""
    return frozenset(gzip.decompress(COMMON_WORDS.read_bytes()).decode("utf-8").split())


@functools.lru_cache(maxsize=2)  # NOTABLE_PERSONS, FICTIONAL_CHARACTERS: read once each
def _listed(path: Path) -> frozenset[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


def fictional_character(name: str) -> bool:
    """True for a fictional character's name of several words ("Robin Hood", "Sherlock Holmes";
    ``data/fictional_characters.txt``)."""
    return name in _listed(FICTIONAL_CHARACTERS)


@functools.lru_cache(maxsize=65536)
def notable_surname(word: str) -> bool:
    """True for the surname of a notable person that is no English word nor given name ("Freud",
    "Nietzsche", "Goethe"; ``data/notable_persons.txt``; accents folded: "Cézanne")."""
    return fold(word) in _listed(NOTABLE_PERSONS)


#: One word of two capitalised names joined by a lower-case Arabic particle ("Inzamam-ul-Haq", "Ata-ur-Rehman",
#: "Salah-ud-Din"): a South Asian person's name.
_HYPHEN_PARTICLE = re.compile(r"([A-Z][a-z]+)-(?:ul|ur|ud|un|us|uz)-([A-Z][a-z]+)")


def hyphen_particle_name(word: str) -> bool:
    """True for one word of two names joined by a particle ("Inzamam-ul-Haq", "Ata-ur-Rehman"); not a group's
    (:data:`ARABIC_NOT_NAMES`: "Jamaat-ud-Dawa", "Harkat-ul-Mujahideen")."""
    m = _HYPHEN_PARTICLE.fullmatch(word)
    return m is not None and m.group(1).lower() not in ARABIC_NOT_NAMES and m.group(2).lower() not in ARABIC_NOT_NAMES


def notable_alone(text: str, word: str) -> bool:
    """True when ``word`` is a notable person's surname (:func:`notable_surname`) that ``text`` never writes
    before another capitalised word: "Dolby Vision", "the Disney Channel" make it a brand's name."""
    return notable_surname(word) and not _before_capital(text, word)


@functools.lru_cache(maxsize=16)  # asked per span and cluster of the word: one scan per text and word
def _before_capital(text: str, word: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(word)}[ \t]+[A-Z]", text) is not None


def titled_given(words: list[str]) -> bool:
    """True when a title that is part of a name opens ``words`` and a given name follows it ("Prince Harry",
    "Queen Mary", "Saint Patrick"): a titled person's name, whatever English words it holds."""
    return len(words) >= 2 and words[0].lower() in NAME_TITLES and is_given(words[1].strip(".,’'"), strict=False)


def dictionary_phrase(words: list[str]) -> bool:
    """A name of two or more words, every one an English word in lower case, opening with no given name
    ("Story Tools", "Best Buy", "Automatically Generated Transcript"): a phrase in Title Case, no person's name
    ("Brian Good", "Mike Pence": a given name opens them, or follows a title that is part of a name: "Prince
    Harry"). Callers keep names cued as a person's."""
    known = english_words()
    return (
        len(words) >= 2
        and not is_given(words[0].strip(".,’'"), strict=False)
        and not titled_given(words)
        and all(w.lower().strip(".,’'") in known for w in words)
    )


def sex_of(full_name: str) -> str:
    """ "m" / "f" from the first word of a person's name when the list knows it, else ""."""
    first = full_name.split()[0].split("-")[0] if full_name.split() else ""
    return given_names().sex.get(_as_listed(first), "")


def _as_listed(word: str) -> str:
    """A given name written with a capital inside as the lists spell it ("DeAndre" -> "Deandre", "LaToya",
    "LeBron"); other words (and "McKenzie", "MacKenzie", surnames as often) unchanged."""
    if _INTERCAPS.fullmatch(word) and not word.startswith(("Mc", "Mac")):
        return word[0] + word[1:].lower()
    return word


def after_question_verb(text: str, start: int, end: int) -> int:
    """Start of a name the model took together with the verb opening a question: "Will Warren"
    in "Will Warren continue to face the heat?" -> the offset of "Warren". The verb counts only
    at a sentence start, when that sentence ends in "?"; else ``start`` is returned."""
    m = _VERB_FIRST.match(text, start, end)
    if m is None or m.group(1) not in QUESTION_VERBS:
        return start
    line_start = text.rfind("\n", 0, start) + 1
    if not _SENTENCE_OPEN.search(text, max(line_start, start - 80), start):
        return start
    close = _SENTENCE_CLOSE.search(text, end, end + _QUESTION_REACH)
    return m.end() if close is not None and close.group() == "?" else start


#: A given name of two capitalised parts joined by an apostrophe after two or three letters ("Ja'Marr", "De'Aaron",
#: "La'Keisha"); not after one letter, as the surnames "O'Neal", "D'Souza" and the French article in "L'Oréal".
_APOSTROPHE_GIVEN = re.compile(r"[A-Z][a-z]{1,2}['’][A-Z][a-z]{2,}")


@functools.lru_cache(maxsize=65536)  # pure; a story asks of the same words again and again
def is_given(word: str, *, strict: bool) -> bool:
    """True for a given name ("Eva-Marie": every hyphen part; "Ja'Marr": :data:`_APOSTROPHE_GIVEN`); ``strict``: not
    a common word too. A rare
    given name (:func:`rare_given`) is none here: the rules that doubt a name opening with no given name
    ("Sephora Black", "Ansar al-Sharia") still doubt it."""
    known = given_names()
    if "-" not in word:  # most words: no generator
        listed = _as_listed(word)
        return listed in known.names and not (strict and listed in known.common) or _APOSTROPHE_GIVEN.fullmatch(word) is not None
    parts = [_as_listed(p) for p in word.split("-")]
    return all(p in known.names and not (strict and p in known.common) for p in parts)


def rare_given(word: str) -> bool:
    """True for a given name of the larger lists only (``rare`` in the list: the SSA's US baby names given
    to 100 babies or more, faker-js's lists: "Rolfe", "Kyran", "Wasim"; none an English word)."""
    return _as_listed(word) in given_names().rare


def place_given(word: str) -> bool:
    """True for a given name that is also a place the alias table knows: "Sydney", "Israel" (``place`` in the
    list; only in strong contexts). None of them is a given name for :func:`is_given` or :func:`rare_given`."""
    return _as_listed(word) in given_names().places


def rare_person(words: list[Word], not_last: frozenset[str] = frozenset()) -> bool:
    """True when ``words`` (a name run) opens with a rare given name (:func:`rare_given`) and then holds only
    particles and one capitalised surname that is no English word (no hyphen part one either) nor in ``not_last``:
    "Rolfe McCartney", "Sergen Yalcin", "Danie van Schalkwyk"; not "Forrester Research", "Leyton Orient", "Reynard
    Ford Cosworth" (a rare given name opens place and company names too: it earns less trust)."""
    last = words[-1].text
    return (
        2 <= len(words) <= 3
        and words[0].kind == "cap"
        and rare_given(words[0].text)
        and all(w.kind == "particle" for w in words[1:-1])
        and words[-1].kind == "cap"
        and not last.isupper()
        and last.lower() not in not_last
        and not any(p.lower() in english_words() for p in last.split("-"))
    )


def _letter_kind(text: str, letter: str, end: int) -> str:
    """Kind of a one-letter token ending at ``end``: "initial" (J.), or "" (anything else)."""
    return "initial" if letter.isupper() and text[end : end + 1] == "." else ""


def particle_surname(word: str) -> bool:
    """True for a surname that opens with a lower-case particle joined by a hyphen ("al-Assad",
    "el-Sisi", "bin-Laden"): a name word although its first letter is lower case."""
    return len(word) > 1 and word[0].islower() and _word_kind(word) == "cap"


@functools.lru_cache(maxsize=65536)
def _word_kind(word: str) -> str:
    """Kind of a word of two or more characters: "cap" (Name, al-Saadani), "particle" (van, bin) or ""
    (anything else); memoised: names repeat."""
    head, _, tail = word.partition("-")
    if head.lower() in PARTICLES and word[0].islower():
        return "cap" if tail[:1].isupper() else "particle"
    return "cap" if word[0].isupper() and not word.isupper() else ""


def name_runs(text: str, start: int = 0, end: int | None = None) -> list[list[Word]]:
    """Runs of name words (single spaces between) in ``text[start:end]``, each ending in a
    capitalised word and at least two words long."""
    end = len(text) if end is None else end
    runs: list[list[Word]] = []
    cur: list[Word] = []
    gap_from = 0  # where the gap after cur[-1] starts (after an initial's dot)
    for m in _TOKEN.finditer(text, start, end):  # every capitalised word of the text: kept lean
        word = m.group()
        at, to = m.span()
        kind = _word_kind(word) if len(word) > 1 else _letter_kind(text, word, to)
        # a run goes on only across spaces or tabs (one or more)
        if cur and (not kind or at <= gap_from or text[gap_from:at].strip(" \t")):
            if len(cur) > 1:  # one word closes to no run
                _close(cur, runs)
            cur = []
        if kind and (cur or kind != "particle"):
            cur.append(Word(at, to, word, kind))
            gap_from = to + (kind == "initial")
    _close(cur, runs)
    return runs


def _close(cur: list[Word], runs: list[list[Word]]) -> None:
    while cur and cur[-1].kind != "cap":
        cur.pop()
    if len(cur) >= 2:
        runs.append(cur)


def looks_like_person(
    words: list[Word], *, strict: bool, not_last: frozenset[str] = frozenset(), rare: bool = True
) -> bool:
    """True when ``words`` (a name run) reads as a person's name: given name first, 2-4 words.

    ``strict`` refuses initials and given names that are common English words ("Grace
    Period"). ``not_last``: lower-case words that may not end a person's name. ``rare``: a rare given name
    counts in its narrow shape (:func:`rare_person`).
    """
    if not 2 <= len(words) <= _MAX_WORDS or words[-1].text.lower() in not_last:
        return False
    if words[0].kind == "initial":  # "M. McCague": only where the model saw an entity
        return not strict
    if words[0].kind == "cap" and is_given(words[0].text, strict=strict):
        return True
    return rare and rare_person(words, not_last)


def unlisted_name(words: list[Word], not_last: frozenset[str] = frozenset()) -> bool:
    """True when ``words`` (a name run) has the shape of a name in a language the given-name list
    lacks: two capitalised words, none an English word nor ending in ``not_last`` ("Binyah
    Kesselly", "Tegla Loroupe"; not "Deutsche Bank", "Sierra Nevada"). Shape only: callers require a
    person's context too."""
    known = english_words()
    return (
        len(words) == 2
        and words[-1].text.lower() not in not_last
        and all(w.kind == "cap" and not w.text.isupper() for w in words)
        and not any(p.lower() in known for w in words for p in w.text.split("-"))
    )


def person_run(
    text: str,
    start: int,
    end: int,
    not_last: frozenset[str] = frozenset(),
    *,
    strict: bool = False,
    unlisted: bool = False,
) -> tuple[int, int] | None:
    """(start, end) of a person's name filling ``text[start:end]`` (a span the model
    labelled otherwise, numbers and brackets around it allowed), or None. ``unlisted``: a run of
    :func:`unlisted_name` shape counts too (callers check the context)."""
    if " " not in text[start:end] and "\t" not in text[start:end]:
        return None  # one word: no run (most spans the model labelled otherwise)
    runs = name_runs(text, start, end)
    if len(runs) != 1:
        return None
    s, e = runs[0][0].start, runs[0][-1].end
    if text[start:s].strip(_AROUND) or text[e:end].strip(_AROUND):
        return None
    if looks_like_person(runs[0], strict=strict, not_last=not_last):
        return s, e
    return (s, e) if unlisted and unlisted_name(runs[0], not_last) else None


def extend_name(text: str, start: int, end: int) -> tuple[int, int]:
    """A person span the model cut short, grown by a given name just before it ("Jan" + "Allan Mueller"), and
    by a second one before that ("3.Charlotte" + "Jones" + "Anderson"), or by a given name and the particles
    between (:func:`_given_and_particles`: "Maarten den" + "Bakker")."""
    start = _given_and_particles(text, start)
    for i in range(2):
        m = _GIVEN_BEFORE.search(text, word_search_start(text, start, 30), start)
        if m is None or not (
            is_given(m.group(1), strict=True) or i == 0 and _rare_before(m.group(1), text[start:end])
        ):
            break
        start = m.start(1)
    return start, end


def _given_and_particles(text: str, start: int) -> int:
    """Start of a listed given name (not a common word too) and one or two name particles in lower case right
    before ``start`` ("Maarten den" + "Bakker", "Joost van der" + "Westhuizen"); ``start`` when there are none (the
    common case: the word right before it no particle)."""
    word = text.rfind(" ", max(0, start - 5), start - 1) + 1
    if not word or text[word : start - 1] not in PARTICLES or text[start - 1] != " ":
        return start
    m = _PARTICLES_BEFORE.search(text, max(0, start - 40), start)
    return m.start(1) if m is not None and is_given(m.group(1), strict=True) else start


def _rare_before(given: str, span: str) -> bool:
    """A rare given name (:func:`rare_given`) right before a person span of one capitalised word that is no English
    word, particles allowed before it: "Rolfe" + "McCartney", "Danie" + "van Schalkwyk"; not "Reynard" + "Ford
    Cosworth" (a car's chassis and engine in a results table)."""
    *particles, last = span.split() or [""]
    return (
        rare_given(given)
        and last[:1].isupper()
        and last.lower() not in english_words()
        and all(p in PARTICLES for p in particles)
    )


def word_search_start(text: str, start: int, reach: int) -> int:
    r"""Where a search for one word right before ``start`` (a pattern of letters, hyphens, a dot at most, then
    ``[ \t]+$``: ``_GIVEN_BEFORE``, ``entities._PREV_WORD``) over the ``reach`` characters before it may begin,
    with the same match: after the last space, tab or line break before the spaces and tabs that end at
    ``start`` (or at a line break right before it, where ``$`` matches too), which the word cannot hold. A regex
    search tries every offset of its window."""
    low = max(0, start - reach)
    end = start - 1 if text[start - 1 : start] == "\n" else start
    stop = low + len(text[low:end].rstrip(" \t"))
    return max(
        low, text.rfind(" ", low, stop) + 1, text.rfind("\t", low, stop) + 1, text.rfind("\n", low, stop) + 1
    )


def missed_names(
    text: str, taken: Callable[[int, int], bool], not_last: frozenset[str], *, short: bool = False
) -> list[tuple[int, int]]:
    """Spans of person names (strict rule) in ``text`` where ``taken(start, end)`` is False.

    Words before the first given name are dropped ("Coach Aime Jacquet" -> "Aime Jacquet").
    ``short``: the name ends at the first capitalised word after the given names, for
    languages that capitalise nouns ("Rita Famos Bundesrat" -> "Rita Famos").
    """
    out = []
    runs = name_runs(text)
    for run in runs:
        words = _from_given(run)
        if short:
            words = _first_name_and_surname(words)
        if not words or taken(words[0].start, words[-1].end):
            continue
        start, end = words[0].start, words[-1].end
        # rare given names only in English: their surname is checked against English words, and other languages
        # capitalise nouns (German)
        if looks_like_person(words, strict=True, not_last=not_last, rare=not short) or (
            looks_like_person(words, strict=False, not_last=not_last, rare=not short)
            and person_context(text, start, end)
        ):
            out.append((start, end))
    return out + ([] if short else _unlisted_names(text, runs, taken, not_last))


def _unlisted_names(
    text: str, runs: list[list[Word]], taken: Callable[[int, int], bool], not_last: frozenset[str]
) -> list[tuple[int, int]]:
    """Spans of the name ``runs`` of ``text`` that are two-word names no given-name list knows
    (:func:`unlisted_name`: "Binyah Kesselly") in a person's place: before an appositive with a role, an age
    or "who" or what only a person owns (:func:`etl.annotate.wordnames.owns_as_person`: "Srettha Thavisin, whose
    wife"), after a quote's closing mark, or on a team sheet ("6 - Tolunay Kafkas")."""
    out = []
    for run in runs:
        start, end = run[0].start, run[-1].end
        if (
            unlisted_name(run, not_last)
            and not taken(start, end)
            and (
                appositive(text, end)
                or owns_as_person(text, end)
                or speaker_position(text, start, end)
                or squad_item(text, start)
                or results_item(text, end)
            )
        ):
            out.append((start, end))
    return out


def person_context(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` stands where a quote's speaker does (:func:`speaker_position`)
    or the text treats it as a person's name (:func:`etl.annotate.wordnames.acts_as_person`): a
    given name that is also a word ("Will Power", "Rich Lowry") counts there; or it is an item of a team
    sheet (:func:`squad_item`) or of a results list (:func:`results_item`), or a work's author
    (:func:`authored_by`: "written by Phoebe Waller-Bridge")."""
    return (
        speaker_position(text, start, end)
        or acts_as_person(text, start, end)
        or squad_item(text, start)
        or results_item(text, end)
        or authored_by(text, start)
    )


def authored_by(text: str, start: int) -> bool:
    """True when a verb of making a work that only a person does and "by" stand right before ``start``
    (:data:`_AUTHORED_BY`: "The show, written by Phoebe Waller-Bridge, won"; not "produced by", "developed by",
    "published by": a studio or a company does those)."""
    return text.endswith("by ", 0, start) and _AUTHORED_BY.search(text, max(0, start - 20), start) is not None


def results_item(text: str, end: int) -> bool:
    """True when the name ending at ``end`` is followed by a country, club or code in brackets on a line of
    results (``_RESULT_FIGURES`` numbers or more from the name's line start to the end of the bracket's line, or of
    the next line when the bracket ends its own: a score wrapped to the next line): an entrant of a results list
    ("Mark Philippoussis (Australia) beat Andrei Olhovskiy (Russia) 6-3 ...", "5. Tegla Loroupe (Kenya) 15:08.79",
    "beat Dally Randriantefy (Madagascar)\n6-0 6-2"). Reads at most ``_SQUAD_REACH`` characters either side."""
    m = _BRACKET_AFTER.match(text, end)
    if m is None:
        return False
    line_start = text.rfind("\n", max(0, end - _SQUAD_REACH), end) + 1 or max(0, end - _SQUAD_REACH)
    line_end = text.find("\n", m.end(), m.end() + _SQUAD_REACH)
    if line_end >= 0 and not text[m.end() : line_end].strip():  # the bracket ends its line: read the next one
        line_end = text.find("\n", line_end + 1, line_end + 1 + _SQUAD_REACH)
    line_end = m.end() + _SQUAD_REACH if line_end < 0 else line_end
    return len(_FIGURE.findall(text, line_start, line_end)) >= _RESULT_FIGURES


def squad_item(text: str, start: int) -> bool:
    """True when the name at ``start`` follows a shirt number and a dash, on a line that lists at least
    ``_SQUAD_ITEMS`` such items: a team sheet ("8 - Zinzan Brooke, 7 - Josh Kronfeld, 6 - Michael Jones").
    Reads at most ``_SQUAD_REACH`` characters either side (linear on one-line tables)."""
    if not _SQUAD_NUMBER.search(text, max(0, start - 8), start):
        return False
    line_start = text.rfind("\n", max(0, start - _SQUAD_REACH), start) + 1 or max(0, start - _SQUAD_REACH)
    line_end = text.find("\n", start, start + _SQUAD_REACH)
    return (
        len(_SQUAD_ITEM.findall(text, line_start, line_end if line_end >= 0 else start + _SQUAD_REACH))
        >= _SQUAD_ITEMS
    )


def speaker_position(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` stands where a quote's speaker does, right after the
    closing mark ('," Will Moy, chief executive of ...') or after the dashes that follow a saying ("...
    never happened. - -Mark Twain"): a given name that is also a word counts there."""
    return bool(_AFTER_QUOTE.search(text, max(0, start - 8), start))


def _from_given(run: list[Word]) -> list[Word]:
    """The run from its first given name on (at least two words left), else the run."""
    for i, word in enumerate(run[:-1]):
        if word.kind == "cap" and is_given(word.text, strict=True):
            return run[i:]
    return run


def _first_name_and_surname(words: list[Word]) -> list[Word]:
    """Given names, initials and particles, then one capitalised word: "Jarl Magnus Riiber"."""
    for i, word in enumerate(words):
        if i and word.kind == "cap" and not is_given(word.text, strict=False):
            return words[: i + 1]
    return words
