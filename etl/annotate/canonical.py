"""From mentions to canonical entities: aliases, compounds, acronyms, short names, type votes.

Rules, in order (each is general; the alias table only adds cross-document knowledge):

0. **Names after a person**: a person mention right before an organization mention ending in an
   organization, place or event word opens that name ("Robert Wood" + "Johnson Medical School").
1. **Compounds**: "U.S.-Russia" / "Alphabet's Google" are split into their parts when
   every part is a known name (alias table or another mention in the document); after a
   possessive the last part may be unknown ("Vietnam's Communist Party", "Braun's Ithaca
   Holdings": the owner is known, the owned name is an entity of its own).
2. **Aliases**: a shipped table (``etl/annotate/data/aliases.tsv`` plus an optional user file)
   maps variants to one name and may fix the type ("U.S." -> United States, location).
3. **Acronyms**: "APEC" joins "Asia-Pacific Economic Cooperation" in the same document
   when the letters are the initials of the long name's words.
4. **Short names**: "Putin" or "Mr Tillerson" joins the person "Vladimir Putin" /
   "Rex Tillerson" of the same document (last word(s) of the full name, or a unique
   first name; also a two-word name ending a longer one: "Hawk Sawyer"), whatever label the model gave the short mention (it then votes
   person), unless the alias table says the short form is a place/organization. With several candidates the
   closest preceding full mention wins.
5. **Type votes**: the majority label of the merged mentions wins ("Trump" tagged ORG
   once among PERSON mentions is a person); an alias type overrides; a location vote
   on a name with an organization word ("... Cooperation", "... Bank") becomes an
   organization; a name with an event word ("Cup", "Olympics", "Summit", "War") is
   an event; a "person" named like a place ("Sioux Falls") is a location.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy

from etl.annotate.entities import Covered, RawMention, person_cue
from etl.annotate.names import english_words, is_given, particle_surname, rare_given, sex_of
from etl.annotate.orgshape import LABEL as ORG_SHAPE
from etl.annotate.places import placed
from etl.annotate.textscan import offsets
from etl.annotate.wordnames import person_role_after, person_role_before
from etl.annotate.words import (
    COMPANY_WORDS,
    EVENT_WORDS,
    KIN_WORDS,
    NOT_NAME_ENDS,
    ORG_WORDS,
    PARTICLES,
    PERSON_CUES,
    PERSON_NOT_PLACE,
    PLACE_MODIFIERS,
    PLACE_WORDS,
    PRONOUN_SPEECH,
    TITLES,
)
from etl.core.errors import ConfigError

DEFAULT_ALIASES = Path(__file__).resolve().parent / "data" / "aliases.tsv"
#: Country and city names in the main European languages (generated from CLDR; lowest priority).
MULTILINGUAL_ALIASES = DEFAULT_ALIASES.with_name("aliases-multilingual.tsv")
TYPES = ("person", "organization", "location", "event")
_COMPOUND = re.compile(r"-|['’]s\s")  # "U.S.-Russia", "Alphabet's Google"
_WORD_TOKEN = re.compile(r"(?<![\w'’.-])[^\W\d_a-z][\w'’-]*\.?")  # names start with a capital
_WORD_AFTER = re.compile(r"[\w-]")
#: A line-up's item: a capitalised word, perhaps after a capitalised particle ("De Bruyne", "Van Dijk"), then perhaps
#: a substitute in brackets ("Foden (Grealish 75)"); group 1 is the name.
_LINEUP_NAME = (
    rf"((?:(?:{'|'.join(sorted(p.capitalize() for p in PARTICLES))})[ \t]+)?[A-Z][\w'’-]+)(?:[ \t]+\([^()\n]{{1,40}}\))?"
)
#: A line-up: a line of five or more such items between commas or semicolons, with a period at most after, perhaps
#: after a label or two ending in colons (group "head": "Teams: Manchester City (4-2-3-1): Ederson; Walker, Dias,
#: ...; Haaland.", "Given, Breen, Staunton, Irwin, McAteer").
_LINEUP = re.compile(
    rf"(?m)^(?P<head>(?:[^\n:;,]{{1,40}}:[ \t]+){{0,2}})(?:{_LINEUP_NAME}[,;][ \t]+){{4,}}{_LINEUP_NAME}\.?[ \t]*$"
)
_LINEUP_ITEM = re.compile(_LINEUP_NAME)
#: A table row opening with a name cell: an optional position code, two or three capitalised words, then a number
#: ("DL Devaroe Lawrence 28 38% No stats registered.", "LB Mack Wilson 74 100% 1 tackle").
_ROW = re.compile(r"(?m)^(?:[A-Z]{1,4}[ \t]+)?([A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){1,2})[ \t]+\d")
_ADJECTIVE_ENDING = re.compile(r"(?<=\w{3})(?:en|er|es|e)$")  # German adjective endings
_SPACES = re.compile(r"\s+")
FIRST_WORD_SLOTS = 1 << 20  # AliasTable.first_word_table
_NON_SPACE = re.compile(r"\S+")
_WORD_BREAK = re.compile(r"[\s-]+")
_OWNER_AFTER = re.compile(r"['’]s?\b")
_ORG_EVENT_PLACE_WORDS = ORG_WORDS | EVENT_WORDS | PLACE_WORDS
#: An article right before a mention: "the Red Sox, who are" names a team.
_ARTICLE_BEFORE = re.compile(r"\b(?:the|The|a|an)[ \t]+$")
_ORG_COMPANY_WORDS = ORG_WORDS | COMPANY_WORDS
_ACRONYM_SKIP = frozenset("of the and for in on de du des la le for to at & y".split())


@functools.lru_cache(maxsize=65536)
def alias_key(text: str) -> str:
    """Normalised lookup key: case-folded, no dots, no leading "the", one space, ’ -> '
    (memoised: the same names are looked up again and again)."""
    text = text.replace("’", "'").replace(".", "").strip()
    text = _SPACES.sub(" ", text).casefold()
    return text[4:] if text.startswith("the ") else text


def unaccented(key: str) -> str:
    """``key`` without its letters' accents ("atlético madrid" -> "atletico madrid", "zürich" -> "zurich");
    letters with no unaccented form ("ß", CJK) stay."""
    return "".join(c for c in unicodedata.normalize("NFKD", key) if not unicodedata.combining(c))


def _foldable(folded: str) -> bool:
    """True for an unaccented canonical name that is no English word of its own ("nestle": the verb stays one)."""
    return " " in folded or folded not in english_words()


def inflections(key: str) -> list[str]:
    """The key, then its forms with another adjective ending on its first word, for names that
    open with an inflected (German) adjective ("deutschen gewerkschaftsbund", "auswärtige amt")."""
    first, sep, rest = key.partition(" ")
    if not sep:
        return [key]
    return [key] + [f"{form} {rest}" for form in sorted(word_forms(first) - {first})]


@functools.lru_cache(maxsize=65536)
def _inflection_tuple(key: str) -> tuple[str, ...]:
    """:func:`inflections` memoised (every lookup of a name of several words needs them)."""
    return tuple(inflections(key))


def word_forms(word: str) -> set[str]:
    """A word and, when it ends like a German adjective, its forms with the other endings."""
    m = _ADJECTIVE_ENDING.search(word)
    if m is None:
        return {word}
    stem = word[: m.start()]
    return {word} | {stem + ending for ending in ("e", "en", "er", "es")}


class AliasTable:
    """Variant -> (canonical name, type or "") mapping loaded from TSV files.

    ``acronyms`` holds the keys of variants written in capitals ("EU", "UNO"): in running
    text they only match when written in capitals too (``etl.annotate.gazetteer``).
    """

    def __init__(self, entries: dict[str, tuple[str, str]] | None = None, acronyms: set[str] | None = None):
        self.entries = dict(entries or {})
        self.acronyms = frozenset(acronyms or ())
        self._first_table: tuple[numpy.ndarray, frozenset[int]] | None = None

    @classmethod
    def load(cls, *paths: str | Path) -> AliasTable:
        """Read alias TSV files in order (later lines win). Raises ConfigError on a bad file/line."""
        entries: dict[str, tuple[str, str]] = {}
        acronyms: set[str] = set()
        for path in paths:
            try:
                lines = Path(path).read_text(encoding="utf-8").splitlines()
            except OSError as exc:
                raise ConfigError(f"cannot read alias file {path}: {exc}") from exc
            for number, line in enumerate(lines, 1):
                variant = _parse_line(line, entries, f"{path}:{number}")
                if variant and variant.replace(".", "").replace("-", "").isupper():
                    acronyms.add(alias_key(variant))
        for key, value in list(entries.items()):
            # English news drops the accents: "Atletico Madrid". Organizations' canonical names only: places are
            # not folded ("San Jose", California, is not Costa Rica's "San José"), nor other languages' variants
            if value[1] == "organization" and not key.isascii() and key == alias_key(value[0]):
                if _foldable(folded := unaccented(key)):
                    entries.setdefault(folded, value)
        return cls(entries, acronyms)

    def lookup(self, text: str) -> tuple[str, str] | None:
        """(canonical, type) for a surface form (its first word's adjective ending may differ:
        "Deutschen Gewerkschaftsbund" finds "Deutscher Gewerkschaftsbund"), or None. An acronym that is an
        English word matches only in capitals: "Us" (the song "Not Like Us" read as GPE) is not "US"."""
        key = alias_key(text)
        hit = self.entries.get(key)  # the key itself comes first among its inflections
        if hit is not None and key in self.acronyms and not text.isupper() and key in english_words():
            return None
        if hit is not None or " " not in key:
            return hit
        for form in _inflection_tuple(key)[1:]:
            if form in self.entries:
                return self.entries[form]
        return None

    @functools.cached_property
    def _one_word(self) -> frozenset[str]:
        return frozenset(k for k, (_, t) in self.entries.items() if " " not in k and t not in ("", "person"))

    def one_word_names(self) -> frozenset[str]:
        """Lower-case one-word variants of places, organizations and events ("korea", "nato")."""
        return self._one_word

    @functools.cached_property
    def one_word_organizations(self) -> frozenset[str]:
        """Lower-case one-word variants of organizations ("nato", "democrats", "tories")."""
        return frozenset(k for k, (_, t) in self.entries.items() if " " not in k and t == "organization")

    def first_word_table(self, strings) -> tuple[numpy.ndarray, frozenset[int]]:
        """How a doc's tokens are told to open a typed key (:func:`etl.annotate.gazetteer.with_table_names`):
        a 2**20-slot table of the low bits of the spaCy hashes (``strings``: a vocabulary's StringStore) of the
        capitalised forms of the keys' first words ("Facebook", "FACEBOOK", "SpaceX" as the canonical name
        writes it, each also with a dot: the tokenizer keeps "SpaceX." whole), and the hashes themselves to
        check the few tokens the table lets through. Memoised: one vocabulary per process."""
        if self._first_table is None:
            firsts = {(key.split(" ")[0], name.split(" ")[0]) for key, (name, t) in self.entries.items() if t}
            written = {name for key, name in firsts if alias_key(name) == key}  # "SpaceX"; not "The" (Guardian)
            forms = {f for w in {key for key, _ in firsts} | written for f in (w[:1].upper() + w[1:], w.title(), w.upper())}
            forms = {f for f in forms if f[:1].isalpha()}  # not "1" ("1. FC Köln"): digits open many lines
            hashes = frozenset(strings[f] for w in forms for f in (w, w + "."))
            table = numpy.zeros(FIRST_WORD_SLOTS, dtype=bool)
            table[numpy.array(sorted(hashes), dtype=numpy.uint64) & numpy.uint64(FIRST_WORD_SLOTS - 1)] = True
            self._first_table = (table, hashes)
        return self._first_table

    @functools.cached_property
    def key_prefixes(self) -> frozenset[str]:
        """Every typed key's opening words, one word and more ("bank", "bank of", "bank of england"): a name
        being read word by word goes on only while it is one of these."""
        out: set[str] = set()
        for key, (_, etype) in self.entries.items():
            words = key.split(" ") if etype else ()
            out.update(" ".join(words[:n]) for n in range(1, len(words) + 1))
        return frozenset(out)

    @functools.cached_property
    def first_words(self) -> frozenset[str]:
        """First word of every typed key (to find table names in running text quickly)."""
        return frozenset(k.split(" ")[0] for k, (_, t) in self.entries.items() if t)


def _parse_line(line: str, entries: dict, where: str) -> str:
    """Add one TSV line to ``entries``; return its variant ("" for comments and blank lines)."""
    if not line.strip() or line.lstrip().startswith("#"):
        return ""
    cols = [c.strip() for c in line.split("\t")]
    if len(cols) < 2 or not cols[0] or not cols[1]:
        raise ConfigError(f"{where}: expected 'variant<TAB>canonical[<TAB>type]'")
    etype = cols[2] if len(cols) > 2 and cols[2] not in ("", "-") else ""
    if etype and etype not in TYPES:
        raise ConfigError(f"{where}: unknown type {etype!r} (one of {', '.join(TYPES)} or -)")
    entries[alias_key(cols[0])] = (cols[1], etype)
    entries.setdefault(alias_key(cols[1]), (cols[1], etype))
    return cols[0]


@functools.lru_cache(maxsize=8)
def load_aliases(extra_file: str = "") -> AliasTable:
    """The shipped alias tables (multilingual names, then ours) plus ``extra_file``
    (if given; its lines win), cached per process."""
    paths = [MULTILINGUAL_ALIASES, DEFAULT_ALIASES] + ([extra_file] if extra_file else [])
    return AliasTable.load(*paths)


@dataclass
class Cluster:
    """Mentions of one entity: canonical name, decided type, the mentions."""

    name: str
    mentions: list[RawMention] = field(default_factory=list)
    alias_type: str = ""
    type: str = ""
    from_alias: bool = False
    named_after_place: bool = False  # "Air Astana": a known place plus a word that is no place word
    product: bool = False  # "Google Stadia", "Volkswagen ID": a known company plus a product name

    def votes(self) -> Counter:
        return Counter([m.type for m in self.mentions])  # a list counts faster than a generator


def canonicalize(mentions: list[RawMention], aliases: AliasTable, text: str = "") -> list[Cluster]:
    """Group ``mentions`` into entities with canonical names and types (rules 1-5 above).

    Input: mentions in text order, the text their offsets point into ("" skips the rules that
    read the words around mentions). Output: clusters ordered by first mention. Never raises.
    """
    mentions = split_compounds(join_named_after(mentions, text), aliases)
    clusters = group_by_name(mentions, aliases)
    clusters = merge_acronyms(clusters)
    for cluster in clusters:
        cluster.named_after_place = named_after_place(cluster, aliases)
        cluster.product = named_after_company(cluster, aliases)
        if text and cued_person(cluster, text):
            cluster.mentions = [replace(m, type="person") for m in cluster.mentions]
    adopt_surnames(clusters, aliases)
    if text:
        unlabelled_full_names(clusters, text, aliases)
    clusters = merge_legal_forms(merge_short_names(clusters, text))
    for cluster in clusters:
        cluster.type = vote_type(cluster)
        if not cluster.from_alias:
            cluster.name = best_name(cluster)
    return sorted(clusters, key=lambda c: c.mentions[0].start)


def join_named_after(mentions: list[RawMention], text: str) -> list[RawMention]:
    """A person mention right before an organization mention ending in a word no name ends in, one space
    between, is the start of that organization's name: "Rutgers Robert Wood" + "Johnson Medical School"
    -> one organization "Robert Wood Johnson Medical School". Input and output in text order."""
    out: list[RawMention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.type == "person"
            and m.type == "organization"
            and text[prev.end : m.start] == " "
            and m.text.split()[-1].lower() in NOT_NAME_ENDS
        ):
            out[-1] = RawMention(prev.start, m.end, text[prev.start : m.end], "organization", m.label)
        else:
            out.append(m)
    return out


def split_compounds(mentions: list[RawMention], aliases: AliasTable) -> list[RawMention]:
    """Split "U.S.-Russia" style mentions whose every hyphen part is a known name, and two table names joined
    by "and" the model read as one ("Facebook and Google")."""
    known = {alias_key(m.text) for m in mentions}
    out = []
    for m in mentions:
        parts = _compound_parts(m, aliases, known) or _person_then_known(m, aliases, known) or _and_parts(m, aliases)
        out.extend(parts or [m])
    return out


def _and_parts(m: RawMention, aliases: AliasTable) -> list[RawMention]:
    """Two names of the alias table joined by "and" in one mention that is no person's and no table name of its
    own ("Facebook and Google" read as one ORG -> "Facebook" + "Google"; not "Procter and Gamble", "Customs
    and Border Protection": a part the table does not know); [] otherwise."""
    if " and " not in m.text or m.type == "person" or aliases.lookup(m.text):
        return []
    cut = m.text.find(" and ")
    first, second = m.text[:cut], m.text[cut + 5 :]
    one, other = aliases.lookup(first), aliases.lookup(second)
    if one is None or other is None or not one[1] or not other[1] or not second[:1].isupper():
        return []
    return [
        RawMention(m.start, m.start + cut, first, one[1], m.label),
        RawMention(m.start + cut + 5, m.end, second, other[1], m.label),
    ]


def _person_then_known(m: RawMention, aliases: AliasTable, known: set[str]) -> list[RawMention]:
    """A person span ending in an organization or place of two or more words the alias table knows
    ("Obama White House" -> "Obama" + "White House"), or in a one-word organization it knows after a full name
    the text also names alone (``known``: the alias keys of every mention; "Margaret Hamilton Lego figure" ->
    "Margaret Hamilton" + "Lego"); [] when it does not."""
    if m.type != "person":
        return []
    spans = [w.span() for w in _NON_SPACE.finditer(m.text)]
    if len(spans) < 3 or aliases.lookup(m.text):
        return []
    for k in range(len(spans) - 1, 0, -1):
        tail, head = spans[-k][0], spans[-k - 1][1]
        hit = aliases.lookup(m.text[tail:])
        if k == 1 and (hit is None or hit[1] != "organization" or alias_key(m.text[:head]) not in known):
            continue  # a one-word tail may be a surname ("Harrison Ford"): only after a name named alone
        if hit and hit[1] in ("organization", "location"):
            owner = replace(m, end=m.start + head, text=m.text[:head])
            return [owner, RawMention(m.start + tail, m.end, m.text[tail:], hit[1], m.label)]
    return []


def _compound_parts(m: RawMention, aliases: AliasTable, known: set[str]) -> list[RawMention]:
    if not _COMPOUND.search(m.text) or aliases.lookup(m.text):
        return []
    bounds, pos = [], 0
    for sep in _COMPOUND.finditer(m.text):
        bounds.append((pos, sep.start()))
        pos = sep.end()
    bounds.append((pos, len(m.text)))
    owned = m.text[bounds[-2][1] : bounds[-1][0]] != "-"  # the last part follows a possessive
    parts = []
    for i, (a, b) in enumerate(bounds):
        text = m.text[a:b].strip()
        hit = aliases.lookup(text)
        # "Vietnam's Communist Party": known owners, then the owned name (known or not)
        unknown_ok = owned and i == len(bounds) - 1
        if not text[:1].isupper() or (hit is None and alias_key(text) not in known and not unknown_ok):
            return []
        etype = (hit[1] if hit else "") or m.type
        parts.append(RawMention(m.start + a, m.start + b, text, etype, m.label))
    return parts


def group_by_name(mentions: list[RawMention], aliases: AliasTable) -> list[Cluster]:
    """Rule 2: one cluster per alias canonical name or per normalised surface."""
    clusters: dict[str, Cluster] = {}
    for m in mentions:
        hit = aliases.lookup(m.text)
        name, alias_type = hit if hit else (m.text, "")
        cluster = clusters.get(key := alias_key(name))
        if cluster is None:
            cluster = clusters[key] = Cluster(name, alias_type=alias_type, from_alias=bool(hit))
        cluster.mentions.append(m)
    return list(clusters.values())


def initials(name: str) -> str:
    """Upper-case initials of the significant words: "Asia-Pacific Economic Cooperation" -> "APEC"."""
    words = [w for w in _WORD_BREAK.split(name) if w and w.lower() not in _ACRONYM_SKIP]
    return "".join(w[0] for w in words if w[0].isalpha()).upper()


def cued_person(cluster: Cluster, text: str) -> bool:
    """A name of two to four capitalised words the model did not read as a person, none of them an
    organization, place or event word, that the text marks as a person's at one mention at least
    (:func:`etl.annotate.entities.person_cue`: "his father, Hori Parata", "Parata, 75,") or by the clause after it:
    "who" or a role only a person holds (:func:`_clause_after`: "Shou Chew, the chief executive of", "Scooter
    Braun, who"; not "Ralph Lauren, the fashion house,", "Warner Music, the owner of", "the White Sox, who"): a
    person."""
    words = _name_words(cluster.name)
    if cluster.from_alias or not 2 <= len(words) <= 4 or vote_type(cluster) == "person":
        return False
    lowered = {w.lower().strip(".,") for w in words}
    if lowered & _ORG_EVENT_PLACE_WORDS or not all(w[:1].isupper() for w in words):
        return False
    return any(person_cue(text, m.start, m.end) or _clause_after(text, m.start, m.end) for m in cluster.mentions)


def _clause_after(text: str, start: int, end: int) -> bool:
    """True when the clause after the mention ``text[start:end]`` says it names a person
    (:func:`etl.annotate.wordnames.person_role_after`) and no article stands before it ("the Chicago White Sox,
    who turned": a team), or a person's role and a comma stand before it
    (:func:`etl.annotate.wordnames.person_role_before`: "chief executive, Shou Chew")."""
    return (
        person_role_after(text, end) and not _ARTICLE_BEFORE.search(text, max(0, start - 4), start)
    ) or person_role_before(text, start)


def merge_acronyms(clusters: list[Cluster]) -> list[Cluster]:
    """Rule 3: fold an all-capitals cluster into the one whose initials it spells; its mentions
    take the type of the full name's (the model reads capitals as an organization: "Richard M.
    Stallman (RMS)")."""
    by_initials: dict[str, Cluster] = {}
    for c in clusters:
        if len(c.name.split()) >= 2:
            by_initials.setdefault(initials(c.name), c)
    kept = []
    for c in clusters:
        acronym = c.name.replace(".", "").replace("-", "")
        target = by_initials.get(acronym) if acronym.isupper() and 2 <= len(acronym) <= 8 else None
        if target is not None and target is not c:
            full_type = vote_type(target)
            c.mentions = [replace(m, type=full_type) for m in c.mentions]
            _absorb(target, c)
        else:
            kept.append(c)
    return kept


def _absorb(target: Cluster, source: Cluster) -> None:
    target.mentions = sorted(target.mentions + source.mentions, key=lambda m: m.start)
    if not target.alias_type:
        target.alias_type = source.alias_type


def _name_words(text: str) -> list[str]:
    return list(_name_word_tuple(text))


@functools.lru_cache(maxsize=65536)
def _name_word_tuple(text: str) -> tuple[str, ...]:
    """Words of a name, ’ as ' (memoised: clusters compare the same names again and again)."""
    return tuple(w for w in _SPACES.split(text.replace("’", "'")) if w)


_GENERATION = frozenset("jr jr. sr sr. ii iii iv".split())
#: Honours and degrees written after a name, in capitals ("Sonia Livingstone OBE", "Jane Doe QC").
_POSTNOMINALS = frozenset("OBE MBE CBE KBE DBE GBE QC KC MP MSP MEP PHD FRS".split())


def without_postnominals(words: list[str]) -> list[str]:
    """The words of a name of three or more without the honours and degrees after it ("Sonia Livingstone
    OBE" -> "Sonia", "Livingstone"; "Oscar Ross" stays)."""
    while len(words) > 2 and words[-1].rstrip(",").upper() in _POSTNOMINALS and words[-1][-1:].isupper():
        words = words[:-1]
    return words


def core_words(name: str) -> list[str]:
    """The words of a person's name without a generational suffix ("James Roosevelt Jr." -> "James",
    "Roosevelt"), an honour or degree after it ("Sonia Livingstone OBE") nor the particle joined to the
    surname ("Omar Hassan al-Bashir" -> ..., "Bashir"): the last one is the surname that short mentions use
    ("Roosevelt said", "Livingstone", "Bashir")."""
    words = without_postnominals(name.split())
    while len(words) > 1 and words[-1].lower().rstrip(",") in _GENERATION:
        words = words[:-1]
    if len(words) > 1 and particle_surname(words[-1]):
        words[-1] = words[-1].partition("-")[2]
    return words


def adopt_surnames(clusters: list[Cluster], aliases: AliasTable | None = None) -> None:
    """A two- or three-word name the model saw as an organization or place whose last word is
    a one-word person of the story ("Montell Figgins" ORG, "Figgins said") is that person;
    leading words the alias table knows as places or organizations are not part of the name
    ("Ukraine Marie Yovanovitch" -> "Marie Yovanovitch")."""
    surnames = {
        c.name for c in clusters if " " not in c.name and not c.from_alias and vote_type(c) == "person"
    }
    for c in clusters:
        words = _name_words(c.name)
        if c.from_alias or not 2 <= len(words) <= 3 or words[-1] not in surnames or vote_type(c) == "person":
            continue
        lowered = {w.lower().strip(".,") for w in words}
        if all(w[:1].isupper() for w in words) and not lowered & _ORG_EVENT_PLACE_WORDS:
            c.mentions = [_without_known_head(replace(m, type="person"), aliases) for m in c.mentions]
            c.name = c.mentions[0].text


#: A capitalised word and one space ending a text: the word before a surname ("Olumide " of "Olumide Akpata").
_CAP_WORD_BEFORE = re.compile(r"(?<![\w'’.-])([A-Z][a-z]+)[ ]$")
#: A byline's "By" opening a line before a name: the name is a credit's.
_BYLINE_BEFORE = re.compile(r"(?:^|\n)[ \t]*By[ \t]+$")


def unlabelled_full_names(clusters: list[Cluster], text: str, aliases: AliasTable) -> None:
    """A one-word name the model read two times or more (any type, no alias-table name, no English word), that the
    text writes once after a given name (:func:`_given_before_surname`) no mention covers (the surname itself may
    be read there), no alias-table name, and no capitalised word after: the model missed the full name, and the word
    is its surname ("Olumide Akpata won the election ... Akpata had promised reform": "Akpata" ORG x4, "Olumide
    Akpata" nothing). The cluster becomes
    that person's, the full name one of its mentions. Not "in Lagos" after a known word; not a company called by
    its first word ("Goldman Sachs" ... "Goldman"): the surname is the last word."""
    candidates = [c for c in clusters if len(c.mentions) > 1 and not c.from_alias and _surname_word(c.name)]
    if not candidates:
        return  # the common case
    bounds = sorted((m.start, m.end) for c in clusters for m in c.mentions)
    named = {alias_key(c.name) for c in clusters}
    for c in candidates:
        full = _full_name_before(text, c.name, bounds, aliases)
        if full is not None and alias_key(text[full[0] : full[1]]) not in named:  # not "Waqar Younis" twice
            mentions = [replace(m, type="person") for m in c.mentions if m.end != full[1]]  # the surname read alone
            mentions.append(RawMention(full[0], full[1], text[full[0] : full[1]], "person", "NAME"))
            c.mentions = sorted(mentions, key=lambda m: m.start)
            c.name = text[full[0] : full[1]]


def _surname_word(name: str) -> bool:
    """One capitalised word of letters, the rest lower case, no English word: a surname's shape ("Akpata")."""
    return " " not in name and name.isalpha() and name[1:].islower() and name.lower() not in english_words()


def _full_name_before(
    text: str, surname: str, bounds: list[tuple[int, int]], aliases: AliasTable
) -> tuple[int, int] | None:
    """(start, end) of the first "Given Surname" of ``text`` whose given name no mention (``bounds``, sorted)
    overlaps (:func:`unlabelled_full_names`)."""
    for at in offsets(text, " " + surname):
        end = at + 1 + len(surname)
        if text[end : end + 1].isalpha() or (text[end : end + 1] == " " and text[end + 1 : end + 2].isupper()):
            continue  # a longer word, or a longer name ("Akpata Holdings")
        low = max(0, at - 25)
        if not text[max(text.rfind(" ", low, at), text.rfind("\n", low, at), low - 1) + 1 : at][:1].isupper():
            continue  # the common case: no capitalised word before
        m = _CAP_WORD_BEFORE.search(text, low, at + 1)
        if m is None or not _given_before_surname(m.group(1)) or aliases.lookup(m.group(1)):
            continue
        if _BYLINE_BEFORE.search(text, max(0, m.start() - 10), m.start()):
            continue
        near = bisect.bisect_left(bounds, (at, 0))
        if not any(b > m.start(1) for _, b in bounds[max(0, near - 3) : near]):  # mentions start in text order
            return m.start(1), end
    return None


def _given_before_surname(word: str) -> bool:
    """A listed given name or a rare one (:func:`etl.annotate.names.rare_given`: "Olumide"), no English word, title
    or person cue ("Friday Mitchell", "American Olympic", "Cambridge Analytica" are none)."""
    lowered = word.lower()
    return (
        (is_given(word, strict=False) or rare_given(word))
        and lowered not in english_words()
        and lowered not in TITLES
        and lowered not in PERSON_CUES
    )


def _without_known_head(m: RawMention, aliases: AliasTable | None) -> RawMention:
    """``m`` without leading words that name a known place or organization, two words kept at least."""
    while aliases is not None and len(m.text.split()) > 2:
        head, rest = m.text.split(" ", 1)
        hit = aliases.lookup(head)
        if not hit or hit[1] not in ("location", "organization"):
            break
        m = replace(m, start=m.end - len(rest), text=rest)
    return m


#: A company's legal form or group word after its name ("Co", "Inc", "plc", "Group"): the same organization.
_LEGAL_FORMS = frozenset(
    "co corp corporation inc incorporated ltd limited llc llp plc ag sa se nv bv gmbh group holdings company".split()
)


def merge_short_names(clusters: list[Cluster], text: str = "") -> list[Cluster]:
    """Rule 4: move mentions of "Putin" / "Vladimir" to the person "Vladimir Putin" (``text``: the
    annotated text, read for places a name opens: "in Columbus, Ohio" is no short form of "Columbus
    Dispatch")."""
    full = [c for c in clusters if _is_full_person(c)]
    # a full name that ends another one ("Hawk Sawyer" of "Kathleen Hawk Sawyer") is a short form too,
    # unless it opens with a given name and is named first: a person of its own ("Stephen Jones", then
    # his son "John Stephen Jones")
    full = [c for c in full if _own_person(c, full, text)]
    kept = []
    full_ids = {id(f) for f in full}  # identity: a dataclass compare per pair cost O(n²) field compares
    for c in clusters:
        candidates = (
            [] if id(c) in full_ids or c.alias_type not in ("", "person") else _short_targets(c, full, text)
        )
        relatives = [f for f in candidates if _named_first_as_kin(c, f, text)]
        if relatives:  # the relative's family name: a person of its own ("Trump" beside "his wife Melania Trump")
            candidates = [f for f in candidates if all(f is not r for r in relatives)]
        if not candidates:
            kept.append(replace(c, mentions=[replace(m, type="person") for m in c.mentions]) if relatives else c)
            continue
        own = []
        for m in c.mentions:  # being a short form of a person's name is a person vote
            sexed = _of_title_sex(candidates, text, m.start, m.end)
            if not sexed:
                own.append(m)
                continue
            target = _closest(sexed, m.start, text)
            target.mentions = sorted(target.mentions + [replace(m, type="person")], key=lambda x: x.start)
        if own:
            kept.append(replace(c, mentions=own))
    return kept


def merge_legal_forms(clusters: list[Cluster]) -> list[Cluster]:
    """One organization for a company's name with and without its legal form or "Group" ("McClatchy Co." and
    "McClatchy", "Alibaba Group" and "Alibaba"): the longer form's mentions join the shorter form's cluster,
    when both are organizations. Input and output: clusters in the same order, fewer of them."""
    bases = {base for c in clusters if (base := _legal_base(alias_key(c.name)))}
    if not bases:  # most stories: no name with a legal form
        return clusters
    organizations = {alias_key(c.name): c for c in clusters if vote_type(c) == "organization"}
    kept = []
    for c in clusters:
        key = alias_key(c.name)
        short = organizations.get(_legal_base(key))
        if short is not None and organizations.get(key) is c:
            short.mentions = sorted(short.mentions + c.mentions, key=lambda m: m.start)
        else:
            kept.append(c)
    return kept


def _legal_base(key: str) -> str:
    """An alias key without its last word when that is a legal form ("mcclatchy co" -> "mcclatchy"), else ""."""
    base, _, last = key.rpartition(" ")
    return base.rstrip(",") if last in _LEGAL_FORMS else ""


def _named_first_as_kin(short: Cluster, full: Cluster, text: str) -> bool:
    """True when the full name is first named as someone's relative after the short form was written (a mention or
    the word alone: "Trump and his wife Melania Trump", the model seeing no entity in the first "Trump"): the
    short form is the other family member."""
    first = full.mentions[0].start
    if not _KIN_INTRO.search(text, max(0, first - 30), first):
        return False
    named = short.mentions[0].start < first or re.search(rf"\b{re.escape(short.name)}\b", text[:first])
    return bool(named)


#: A kin word after a possessive right before a name: "his wife ", "her husband, ", "their son ".
_KIN_INTRO = re.compile(rf"\b(?:his|her|their)[ \t]+(?:{'|'.join(sorted(KIN_WORDS))}),?[ \t]+$", re.IGNORECASE)
_GENDERED_TITLE = re.compile(r"\b(?:(Mr|Mister|Sir|Lord)|(Mrs|Ms|Miss|Madam|Lady|Dame))\.?[ \t]+$")


def _of_title_sex(candidates: list[Cluster], text: str, start: int, end: int) -> list[Cluster]:
    """The full names a short form ``text[start:end]`` after a title of one sex, or before a speech verb and "he"
    or "she", may stand for: those whose given name is not of the other sex ("Mr Anderson" of "Chris Anderson",
    not of his daughter "Zoe Anderson"; "Mr. Obama" or "President Obama said he" of none when the story names
    only "Michelle Obama": a relative, a person of its own). Every candidate without such a title or pronoun."""
    m = _GENDERED_TITLE.search(text, max(0, start - 10), start)
    if m is not None:
        other = "f" if m.group(1) else "m"
    elif (pronoun := PRONOUN_SPEECH.match(text, end)) is not None:
        other = "f" if pronoun.group(1) else "m"
    else:
        return candidates
    return [c for c in candidates if sex_of(c.name) != other]


def _own_person(c: Cluster, full: list[Cluster], text: str) -> bool:
    """True when full name ``c`` ends no longer name of ``full``, or opens with a given name and is named
    before every longer name it ends."""
    longer = _short_targets(c, full, text)
    first = c.mentions[0].start
    return not longer or (
        is_given(_name_words(c.name)[0], strict=True) and all(first < f.mentions[0].start for f in longer)
    )


def _is_full_person(c: Cluster) -> bool:
    return len(_name_words(c.name)) >= 2 and (c.alias_type or vote_type(c)) == "person"


def _short_targets(c: Cluster, full: list[Cluster], text: str = "") -> list[Cluster]:
    words = _name_words(c.name)
    if not words or not (words[0][:1].isupper() or _particle_led(words)):
        return []
    # read as a place at every mention: the place a name opens or ends ("Columbus" of "Columbus Dispatch"
    # x3, "Brookhaven" of "Brookhaven Village", "North America" of "Ascom North America"), no short form;
    # a lone word only when a mention reads as a place (`places.placed`: "in Columbus, Ohio"); a given
    # name read so once ("Kaveh writes:") is still the person's
    # a name opening with a particle is a surname before a place of several words ("De Bruyne" read as a place in
    # a team sheet is "Kevin De Bruyne"'s)
    place = all(m.type == "location" for m in c.mentions) and (
        len(words) > 1 and words[0].lower() not in PARTICLES or any(placed(text, m) for m in c.mentions)
    )
    # a lone word placed not as an owner is no surname either: "in Lijiang, China" is not "Jinmao Hotel
    # Lijiang" ("in Lamar's first album" still joins "Kendrick Lamar")
    if place and (
        len(words) > 1 or any(placed(text, m) and not _OWNER_AFTER.match(text, m.end) for m in c.mentions)
    ):
        return []
    # "De Silva" opening a sentence is the "de Silva" of "Aravinda de Silva"
    folded, n = tuple(_fold_particles(words)), len(words)
    suffix = [f for f in full if len(core := _folded_core(f.name)) > n and core[-n:] == folded]
    if suffix:
        return suffix
    if place:
        return []
    # the first words of a longer name ("Te Kaurinui" of "Te Kaurinui Robert Parata"); one word of
    # one such name, or a given name ("Arthur" of "Arthur Edward Waite" and "Arthur Wesley Dowell":
    # the closest one before wins; "Xbox" of "Xbox One" and "Xbox Live" is none)
    head = tuple(words)
    first = [f for f in full if len(whole := _name_word_tuple(f.name)) > n and whole[:n] == head]
    if first:
        return first if len(words) > 1 or len(first) == 1 or is_given(words[0], strict=False) else []
    # an inner word of exactly one name: a middle or maiden name the story calls her by ("Etienne" of
    # "Camille Etienne Gbedey", "Rodham" of "Hillary Rodham Clinton")
    if n > 1 or vote_type(c) != "person":
        return []
    inner = [f for f in full if words[0] in _core_tuple(f.name)[1:-1]]
    return inner if len(inner) == 1 else []


def _particle_led(words: list[str]) -> bool:
    """True for a surname that opens with a lower-case name particle ("van Gaal", "de Silva", "van der
    Berg"): a short form of the full name it ends although its first letter is lower case."""
    return len(words) > 1 and words[0] in PARTICLES and words[-1][:1].isupper()


def _fold_particles(words: list[str]) -> list[str]:
    """``words`` with name particles in lower case ("De Silva" at a sentence's start -> "de Silva")."""
    return [w.lower() if w.lower() in PARTICLES else w for w in words]


@functools.lru_cache(maxsize=65536)
def _folded_core(name: str) -> tuple[str, ...]:
    """:func:`_fold_particles` of the :func:`_core` words of a name (memoised: compared with every short name)."""
    return tuple(_fold_particles(_core(name)))


def _core(name: str) -> list[str]:
    return list(_core_tuple(name))


@functools.lru_cache(maxsize=65536)
def _core_tuple(name: str) -> tuple[str, ...]:
    return tuple(core_words(name.replace("’", "'")))


def _closest(candidates: list[Cluster], pos: int, text: str) -> Cluster:
    """The full name a short form at ``pos`` stands for: the one named last before it in its paragraph, else the
    one named most often before it ("Jerry" of "Jerry Jones" x20, not of his son "Jerry Jr." named once three
    paragraphs up), else the closest one before, else the first one after."""
    para = text.rfind("\n", 0, pos) + 1

    def key(c: Cluster) -> tuple[int, int, int]:
        before = [m.start for m in c.mentions if m.start < pos]
        last = max(before, default=-1)
        if last >= para:
            return (2, last, 0)
        return (1, len(before), last) if before else (0, 0, -c.mentions[0].start)

    return max(candidates, key=key)


def vote_type(cluster: Cluster) -> str:
    """Rule 5: alias type, else majority label (ties: earliest mention), org words override location."""
    if cluster.alias_type:
        return cluster.alias_type
    votes: dict[str, int] = {}  # Counter's counts, in the same key order, without its overhead
    first_type: dict[str, int] = {}
    for m in cluster.mentions:
        votes[m.type] = votes.get(m.type, 0) + 1
        first_type.setdefault(m.type, m.start)
    etype = max(votes, key=lambda t: (votes[t], -first_type[t]))
    words = _lowered_words(cluster.name)
    if etype == "organization" and votes.get("person") == votes[etype] and _plain_name(cluster.name):
        etype = "person"  # a tie: "Yoenis Cespedes" read once as ORG, once as PERSON
    if words & EVENT_WORDS and not words & ORG_WORDS and (len(words) > 1 or etype != "location"):
        return "event"  # a place named by the word alone stays one ("in Derby")
    if etype == "person" and words & PERSON_NOT_PLACE:
        return "location"
    if etype in ("location", "person") and words & ORG_WORDS and not words & PLACE_WORDS:
        return "organization"
    if etype == "location" and cluster.named_after_place:
        return "organization"
    if cluster.product and (etype != "person" or not is_given(_name_words(cluster.name)[0], strict=False)):
        return "product"  # "Apple Arcade" read as a person too; "Ford Madox" (a given name) stays
    return etype


def _plain_name(name: str) -> bool:
    """Two or three capitalised words, none an English word, an organization's word nor in capitals: a
    person's name shape ("Yoenis Cespedes"; not "Houston Cougars", "Bilzin Sumberg LLP", "BBC News")."""
    words = _name_words(name)
    known = english_words()
    return 2 <= len(words) <= 3 and all(
        w[:1].isupper() and not w.isupper() and w.lower() not in known and w.lower() not in ORG_WORDS for w in words
    )


@functools.lru_cache(maxsize=65536)
def _lowered_words(name: str) -> frozenset[str]:
    """Lower-case words of a name without edge dots and commas (memoised: every type vote reads them)."""
    return frozenset(w.lower().strip(".,") for w in _name_word_tuple(name))


def named_after_company(cluster: Cluster, aliases: AliasTable) -> bool:
    """True for a product line named after a company the alias table knows: the company's name,
    then one to three words that are no organization words ("Google Stadia", "Volkswagen ID",
    "Apple Arcade"; not "Amazon Web Services", "Deutsche Bank Research Institute")."""
    words = _name_words(cluster.name)
    if cluster.from_alias or not 2 <= len(words) <= 5 or any(m.label == ORG_SHAPE for m in cluster.mentions):
        return False  # a club or company by its shape ("Allianz MTV Stuttgart") is no product
    for i in range(1, len(words)):
        hit = aliases.lookup(" ".join(words[:i]))
        if hit and hit[1] == "organization":
            rest = words[i:]
            lowered = {w.lower().strip(".,") for w in rest}
            return len(rest) <= 3 and not lowered & _ORG_COMPANY_WORDS and rest[0][:1].isupper()
    return False


def named_after_place(cluster: Cluster, aliases: AliasTable) -> bool:
    """True for a name made of a place the alias table knows and other capitalised words that
    are no place words ("Air Astana", "New York Yankees"; not "East Jerusalem", "Logar Province")."""
    words = _name_words(cluster.name)
    if cluster.from_alias or not 2 <= len(words) <= 5 or "location" not in cluster.votes():
        return False
    for i in range(len(words)):
        for j in range(len(words), i, -1):
            if (j - i) == len(words):
                continue
            hit = aliases.lookup(" ".join(words[i:j]))
            if hit and hit[1] == "location":
                rest = {w.lower().strip(".,") for w in words[:i] + words[j:]}
                return not rest <= PLACE_MODIFIERS
    return False


def best_name(cluster: Cluster) -> str:
    """Canonical surface: persons take the longest form, one in mixed case first (a name only ever in
    capitals, a transcript's "MARK BANNERMAN:", is written "Mark Bannerman"), others the most frequent (then
    longest)."""
    forms = Counter(m.text for m in cluster.mentions)
    if cluster.type == "person":
        best = max(forms, key=lambda f: (len(_name_words(f)), not f.isupper(), forms[f], len(f)))
        best = " ".join(without_postnominals(best.split()))  # a facet value without "OBE", "QC"
        return " ".join(w.capitalize() for w in best.split()) if best.isupper() and len(best) > 4 else best
    if len(forms) > 1:  # "McClatchy Co." and "McClatchy" (merge_legal_forms): the name every story uses
        keys = {alias_key(f) for f in forms}
        forms = Counter({f: n for f, n in forms.items() if _legal_base(alias_key(f)) not in keys}) or forms
    acronyms = {alias_key(x).upper() for x in forms}
    if merged_long := [f for f in forms if len(_name_words(f)) >= 2 and initials(f) in acronyms]:
        return max(merged_long, key=len)
    best = max(
        forms, key=lambda f: (forms[f] - 0.5 * (f.isupper() and len(f) > 4), len(f))
    )  # "PARIS" < "Paris"
    if best.isupper() and any(m.label == "DATELINE" for m in cluster.mentions):
        return " ".join(w.capitalize() for w in best.split())
    return best


def lineup_persons(clusters: list[Cluster], text: str, covered: list[tuple[int, int]]) -> list[Cluster]:
    """Clusters of the other names of a line-up, found in place: a line listing five or more single
    capitalised words between commas or semicolons, after a label perhaps (:data:`_LINEUP`: "Given, Breen, Staunton,
    Irwin, McAteer, Harte, ... Quinn, O'Neill.", "Manchester City: Ederson; Walker, Dias, ..., De Bruyne; Haaland."),
    two or more of them persons of the story, more than those of other types, and each of those named in that
    line only ("Houghton", "Townsend" read as places) or a name no alias names, placed nowhere ("Rodri (GPE) is
    expected to return"), names persons only: those others become persons, and
    each word of no entity joins the person whose last word it is, else becomes a person of its own (label
    ``LINEUP``; after a label in a list of commas only, no English word: "Topics: Trump, Biden, Election, Politics");
    not inside ``covered`` spans (credits). Returns the new clusters (append them)."""
    starts = {m.start: c for c in clusters for m in c.mentions}
    taken = Covered(len(text), covered)
    by_last = {_core(c.name)[-1]: c for c in clusters if c.type == "person"}
    new: list[Cluster] = []
    for line in _LINEUP.finditer(text):
        items = list(_LINEUP_ITEM.finditer(text, line.end("head"), line.end()))
        owners = [starts.get(m.start()) for m in items]
        others = {id(c): c for c in owners if c is not None and c.type != "person"}
        persons = sum(1 for c in owners if c is not None and c.type == "person")
        inside = all(_lineup_only(c, text, line.start(), line.end()) for c in others.values())
        if persons < 2 or persons <= len(others) or not inside:
            continue
        for c in others.values():
            c.type = "person"
        # after a label, commas only: "Topics: Trump, Biden, Harris, Election, Politics", no word a person's name
        labelled = bool(line.group("head")) and ";" not in line.group()
        for m, owner in zip(items, owners, strict=True):
            if owner is None and not taken.hits(m.start(1), m.end(1)) and not (labelled and _word(m.group(1))):
                mention = RawMention(m.start(1), m.end(1), m.group(1), "person", "LINEUP")
                last = m.group(1).split()[-1]
                cluster = by_last.get(last)
                if cluster is None:
                    cluster = by_last[last] = Cluster(m.group(1), type="person")
                    new.append(cluster)
                cluster.mentions.append(mention)
    return new


def _word(name: str) -> bool:
    """True for one capitalised English word ("Election")."""
    return " " not in name and name.lower() in english_words()


def _lineup_only(cluster: Cluster, text: str, start: int, end: int) -> bool:
    """The cluster is named in ``text[start:end]`` only, or is a name no alias names, placed at no mention."""
    if all(start <= m.start and m.end <= end for m in cluster.mentions):
        return True
    return not cluster.from_alias and not any(placed(text, m) for m in cluster.mentions)


def name_list_persons(clusters: list[Cluster], text: str, covered: list[tuple[int, int]]) -> list[Cluster]:
    """Clusters of the other names of a list of full names, found in place: five or more names of two or three
    capitalised words (particles between: "Aravinda de Silva") between commas (a line break may follow a comma; a
    role in brackets may follow a name: "Arjuna Ranatunga (captain), Sanath Jayasuriya,\nRomesh Kaluwitharana, ..."),
    walked from a person's mention opening one, two or more of them touched by persons' mentions and more than by
    other types', names persons only: a name no person's mention touches becomes a person of its own (label
    ``LINEUP``; not inside ``covered`` spans (credits) nor a name of English words only), and another type's cluster
    named only inside the list's names is no entity (type "work": "Chandana" (GPE) of "Upul Chandana"). Returns the
    new clusters (append them)."""
    persons = sorted((m.start, m.end) for c in clusters if c.type == "person" for m in c.mentions)
    new: list[Cluster] = []
    done = -1
    for start, end in persons:
        if start <= done or text[end : end + 1] != "," and not text.startswith(" (", end):  # the common case
            continue
        items = _list_names(text, start)
        if len(items) < 5:
            continue
        done = items[-1][1]
        touching = [[c for c in clusters for m in c.mentions if m.start < b and m.end > a] for a, b in items]
        named = sum(any(c.type == "person" for c in cs) for cs in touching)
        if named < 2 or named <= sum(bool(cs) and all(c.type != "person" for c in cs) for cs in touching):
            continue
        taken = Covered(len(text), covered)
        for (a, b), cs in zip(items, touching, strict=True):
            name = text[a:b]
            if any(c.type == "person" for c in cs) or taken.hits(a, b):
                continue
            if not all(w.lower() in english_words() for w in name.split()):
                new.append(Cluster(name, [RawMention(a, b, name, "person", "LINEUP")], type="person"))
            for c in cs:
                if all(any(x <= m.start and m.end <= y for x, y in items) for m in c.mentions):
                    c.type = "work"
    return new


#: A full name in a list: two or three capitalised words, then an optional role in brackets and the joint to the
#: next name (a comma, a line break may follow it; or "and"); group 1 is the name.
_LIST_PARTICLES = rf"(?:(?:{'|'.join(sorted(PARTICLES))})[ \t]+)*"
_LIST_NAME = re.compile(
    rf"([A-Z][\w'’-]+(?:[ \t]+{_LIST_PARTICLES}[A-Z][\w'’-]+){{1,2}})(?:[ \t]+\([^()\n]{{1,25}}\))?"
    r"(?:,[ \t]*\n?[ \t]*|[ \t]+and[ \t]+)"
)

#: The list's last name: two or three capitalised words, no joint after it.
_LIST_LAST = re.compile(rf"[A-Z][\w'’-]+(?:[ \t]+{_LIST_PARTICLES}[A-Z][\w'’-]+){{1,2}}(?![\w'’-])")


def _list_names(text: str, start: int) -> list[tuple[int, int]]:
    """(start, end) of each name of the comma list that opens at ``start`` (:data:`_LIST_NAME`), up to its last
    name; [] when no comma follows the first name (the common case)."""
    items: list[tuple[int, int]] = []
    pos = start
    while (m := _LIST_NAME.match(text, pos)) is not None:
        items.append(m.span(1))
        pos = m.end()
    last = _LIST_LAST.match(text, pos) if items else None
    if last is not None:
        items.append(last.span())
    return items


def roster_persons(clusters: list[Cluster], text: str, covered: list[tuple[int, int]]) -> list[Cluster]:
    """Clusters of the other names of a roster table, found in place: three or more consecutive lines opening with a
    name cell (:data:`_ROW`: "DL Chris Smith 29 39% 1 assist"), at least half of the cells and two a person's
    mention exactly, name persons in every cell: a cell no person covers becomes a person (label ``LINEUP``) unless a
    credit span covers it, and clusters of other types named only inside rows' codes and name cells ("LB Sione" read
    as ORG for "LB Sione Takitaki") name no entity (type "work"). Returns the new clusters (append them)."""
    persons = {(m.start, m.end) for c in clusters if c.type == "person" for m in c.mentions}
    taken = Covered(len(text), covered)
    new: list[Cluster] = []
    for block in _row_blocks(text):
        cells = [(m.start(1), m.end(1)) for m in block]
        named = sum(cell in persons for cell in cells)
        if named < 2 or 2 * named < len(cells):
            continue
        heads = [(m.start(), m.end(1)) for m in block]  # code and name cell of each row
        for c in clusters:
            if c.type != "person" and all(any(a <= m.start and m.end <= b for a, b in heads) for m in c.mentions):
                c.type = "work"
        for start, end in cells:
            if (start, end) not in persons and not taken.hits(start, end):
                name = text[start:end]
                new.append(Cluster(name, [RawMention(start, end, name, "person", "LINEUP")], type="person"))
    return new


def _row_blocks(text: str) -> list[list[re.Match]]:
    """Runs of three or more lines that each open with a name cell (:data:`_ROW`), consecutive or apart by one
    section heading of the table (a short line without a digit: "Linebacker")."""
    blocks: list[list[re.Match]] = []
    run: list[re.Match] = []
    for row in _ROW.finditer(text):
        if run and not _next_row(text, text.find("\n", run[-1].start()) + 1, row.start()):
            blocks.append(run)
            run = []
        run.append(row)
    blocks.append(run)
    return [b for b in blocks if len(b) >= 3]


def _next_row(text: str, start: int, row: int) -> bool:
    """The row at ``row`` follows the line ending before ``start`` directly or after one section heading."""
    between = text[start:row]
    return not between or (
        between.count("\n") == 1 and len(between) <= 32 and not any(ch.isdigit() for ch in between)
    )


def _words_among(text: str, words: Iterable[str]) -> list[tuple[int, str]]:
    """(offset, word), in text order, of the capitalised words of ``text`` (:data:`_WORD_TOKEN`) that are one
    of ``words``, or one of them and a dot; found with ``str.find`` rather than by reading every capitalised word."""
    found = {}
    for word in words:
        for at in offsets(text, word):
            m = _WORD_TOKEN.match(text, at)
            if m is not None and m.group() in (word, word + "."):
                found[at] = m.group()
    return sorted(found.items())


def propagate_persons(
    clusters: list[Cluster],
    text: str,
    covered: list[tuple[int, int]],
    stop: set[str] | frozenset[str],
    places: frozenset[str] = frozenset(),
) -> None:
    """Find each person's other mentions the model missed (name propagation), in place.

    A person's full name, and its surname when no other person of the story shares it,
    count wherever else they stand in ``text`` (results lists, tables, captions), also in
    capitals ("SHEARER NAMED ENGLAND CAPTAIN"); not inside ``covered`` spans (other
    mentions, credits) and not for a surname in ``stop`` (lower-case words the text also
    uses as common words) nor in ``places`` (known places: apart, as a union with the alias table's
    thousands of words per document is slow). New mentions have label ``PROPAGATED``.
    """
    persons = [c for c in clusters if c.type == "person"]
    last = Counter(_core(c.name)[-1] for c in persons)
    taken = Covered(len(text), covered + [(m.start, m.end) for c in clusters for m in c.mentions])
    by_first: dict[str, list[tuple[str, Cluster]]] = {}
    for c in persons:
        words = _core(c.name)
        forms = {c.name, c.name.upper()}
        surname = words[-1].lower()
        if (
            len(words) > 1
            and last[words[-1]] == 1
            and len(words[-1]) > 2
            and surname not in stop
            and surname not in places
        ):
            forms |= {words[-1], words[-1].upper()}
        for form in forms:
            by_first.setdefault(form.split(" ")[0], []).append((form, c))
    for start, word in _words_among(text, by_first):
        for form, c in by_first.get(word, ()) or by_first.get(word.rstrip("."), ()):
            end = start + len(form)
            if (
                text.startswith(form, start)
                and not _WORD_AFTER.match(text, end)
                and not taken.hits(start, end)
            ):
                c.mentions.append(RawMention(start, end, form, "person", "PROPAGATED"))
                taken.add(start, end)
    for c in persons:
        c.mentions.sort(key=lambda x: x.start)
