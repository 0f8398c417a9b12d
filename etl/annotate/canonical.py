"""From mentions to canonical entities: aliases, compounds, acronyms, short names, type votes.

Rules, in order (each is general; the alias table only adds cross-document knowledge):

1. **Compounds**: "U.S.-Russia" / "Alphabet's Google" are split into their parts when
   every part is a known name (alias table or another mention in the document).
2. **Aliases**: a shipped table (``etl/annotate/data/aliases.tsv`` plus an optional user file)
   maps variants to one name and may fix the type ("U.S." -> United States, location).
3. **Acronyms**: "APEC" joins "Asia-Pacific Economic Cooperation" in the same document
   when the letters are the initials of the long name's words.
4. **Short names**: "Putin" or "Mr Tillerson" joins the person "Vladimir Putin" /
   "Rex Tillerson" of the same document (last word(s) of the full name, or a unique
   first name), whatever label the model gave the short mention (it then votes
   person), unless the alias table says the short form is a place/organization. With several candidates the
   closest preceding full mention wins.
5. **Type votes**: the majority label of the merged mentions wins ("Trump" tagged ORG
   once among PERSON mentions is a person); an alias type overrides; a location vote
   on a name with an organization word ("... Cooperation", "... Bank") becomes an
   organization; a name with an event word ("Cup", "Olympics", "Summit", "War") is
   an event; a "person" named like a place ("Sioux Falls") is a location.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from etl.annotate.entities import RawMention
from etl.core.errors import ConfigError

DEFAULT_ALIASES = Path(__file__).resolve().parent / "data" / "aliases.tsv"
TYPES = ("person", "organization", "location", "event")
_ORG_WORDS = frozenset(
    """cooperation organization organisation association council committee union bank party
    ministry department agency company corporation corp inc ltd llc plc group university college
    institute federation commission fund forum foundation foundations news times post journal airlines airways
    network service services authority board bureau court office administration coalition alliance
    league club team church army navy police studio studios inc co ltd gmbh llp ag sa productions
    holdings media capital partners records entertainment pictures labs systems technologies
    motors brands industries enterprises ventures""".split()
)
_EVENT_WORDS = frozenset(
    """cup championship championships olympics olympiad open finals tournament war summit
    festival election elections prix marathon expo derby biennale""".split()
)
_PERSON_NOT_PLACE = frozenset(
    "falls city river lake county island islands bay beach valley mountains heights".split()
)
_PLACE_WORDS = frozenset(
    "street square airport bridge river mountain island park city county province state".split()
)
_COMPOUND = re.compile(r"-|['’]s\s")  # "U.S.-Russia", "Alphabet's Google"
_ACRONYM_SKIP = frozenset("of the and for in on de du des la le for to at & y".split())


def alias_key(text: str) -> str:
    """Normalised lookup key: case-folded, no dots, no leading "the", one space, ’ -> '."""
    text = text.replace("’", "'").replace(".", "").strip()
    text = re.sub(r"\s+", " ", text).casefold()
    return text[4:] if text.startswith("the ") else text


class AliasTable:
    """Variant -> (canonical name, type or "") mapping loaded from TSV files."""

    def __init__(self, entries: dict[str, tuple[str, str]] | None = None):
        self.entries = dict(entries or {})

    @classmethod
    def load(cls, *paths: str | Path) -> AliasTable:
        """Read alias TSV files in order (later lines win). Raises ConfigError on a bad file/line."""
        entries: dict[str, tuple[str, str]] = {}
        for path in paths:
            try:
                lines = Path(path).read_text(encoding="utf-8").splitlines()
            except OSError as exc:
                raise ConfigError(f"cannot read alias file {path}: {exc}") from exc
            for number, line in enumerate(lines, 1):
                _parse_line(line, entries, f"{path}:{number}")
        return cls(entries)

    def lookup(self, text: str) -> tuple[str, str] | None:
        """(canonical, type) for a surface form, or None."""
        return self.entries.get(alias_key(text))


def _parse_line(line: str, entries: dict, where: str) -> None:
    if not line.strip() or line.lstrip().startswith("#"):
        return
    cols = [c.strip() for c in line.split("\t")]
    if len(cols) < 2 or not cols[0] or not cols[1]:
        raise ConfigError(f"{where}: expected 'variant<TAB>canonical[<TAB>type]'")
    etype = cols[2] if len(cols) > 2 and cols[2] not in ("", "-") else ""
    if etype and etype not in TYPES:
        raise ConfigError(f"{where}: unknown type {etype!r} (one of {', '.join(TYPES)} or -)")
    entries[alias_key(cols[0])] = (cols[1], etype)
    entries.setdefault(alias_key(cols[1]), (cols[1], etype))


@functools.lru_cache(maxsize=8)
def load_aliases(extra_file: str = "") -> AliasTable:
    """The shipped alias table plus ``extra_file`` (if given), cached per process."""
    paths = [DEFAULT_ALIASES] + ([extra_file] if extra_file else [])
    return AliasTable.load(*paths)


@dataclass
class Cluster:
    """Mentions of one entity: canonical name, decided type, the mentions."""

    name: str
    mentions: list[RawMention] = field(default_factory=list)
    alias_type: str = ""
    type: str = ""
    from_alias: bool = False

    def votes(self) -> Counter:
        return Counter(m.type for m in self.mentions)


def canonicalize(mentions: list[RawMention], aliases: AliasTable) -> list[Cluster]:
    """Group ``mentions`` into entities with canonical names and types (rules 1-5 above).

    Input: mentions in text order. Output: clusters ordered by first mention. Never raises.
    """
    mentions = split_compounds(mentions, aliases)
    clusters = group_by_name(mentions, aliases)
    clusters = merge_acronyms(clusters)
    clusters = merge_short_names(clusters)
    for cluster in clusters:
        cluster.type = vote_type(cluster)
        if not cluster.from_alias:
            cluster.name = best_name(cluster)
    return sorted(clusters, key=lambda c: c.mentions[0].start)


def split_compounds(mentions: list[RawMention], aliases: AliasTable) -> list[RawMention]:
    """Split "U.S.-Russia" style mentions whose every hyphen part is a known name."""
    known = {alias_key(m.text) for m in mentions}
    out = []
    for m in mentions:
        parts = _compound_parts(m, aliases, known)
        out.extend(parts or [m])
    return out


def _compound_parts(m: RawMention, aliases: AliasTable, known: set[str]) -> list[RawMention]:
    if not _COMPOUND.search(m.text) or aliases.lookup(m.text):
        return []
    bounds, pos = [], 0
    for sep in _COMPOUND.finditer(m.text):
        bounds.append((pos, sep.start()))
        pos = sep.end()
    bounds.append((pos, len(m.text)))
    parts = []
    for a, b in bounds:
        text = m.text[a:b].strip()
        hit = aliases.lookup(text)
        if not text[:1].isupper() or (hit is None and alias_key(text) not in known):
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
        cluster = clusters.setdefault(
            alias_key(name), Cluster(name, alias_type=alias_type, from_alias=bool(hit))
        )
        cluster.mentions.append(m)
    return list(clusters.values())


def initials(name: str) -> str:
    """Upper-case initials of the significant words: "Asia-Pacific Economic Cooperation" -> "APEC"."""
    words = [w for w in re.split(r"[\s-]+", name) if w and w.lower() not in _ACRONYM_SKIP]
    return "".join(w[0] for w in words if w[0].isalpha()).upper()


def merge_acronyms(clusters: list[Cluster]) -> list[Cluster]:
    """Rule 3: fold an all-capitals cluster into the one whose initials it spells."""
    by_initials: dict[str, Cluster] = {}
    for c in clusters:
        if len(c.name.split()) >= 2:
            by_initials.setdefault(initials(c.name), c)
    kept = []
    for c in clusters:
        acronym = c.name.replace(".", "").replace("-", "")
        target = by_initials.get(acronym) if acronym.isupper() and 2 <= len(acronym) <= 8 else None
        if target is not None and target is not c:
            _absorb(target, c)
        else:
            kept.append(c)
    return kept


def _absorb(target: Cluster, source: Cluster) -> None:
    target.mentions = sorted(target.mentions + source.mentions, key=lambda m: m.start)
    if not target.alias_type:
        target.alias_type = source.alias_type


def _name_words(text: str) -> list[str]:
    return [w for w in re.split(r"\s+", text.replace("’", "'")) if w]


def merge_short_names(clusters: list[Cluster]) -> list[Cluster]:
    """Rule 4: move mentions of "Putin" / "Vladimir" to the person "Vladimir Putin"."""
    full = [c for c in clusters if _is_full_person(c)]
    kept = []
    for c in clusters:
        candidates = [] if c in full or c.alias_type not in ("", "person") else _short_targets(c, full)
        if not candidates:
            kept.append(c)
            continue
        for m in c.mentions:  # being a short form of a person's name is a person vote
            target = _closest(candidates, m.start)
            target.mentions = sorted(target.mentions + [replace(m, type="person")], key=lambda x: x.start)
    return kept


def _is_full_person(c: Cluster) -> bool:
    return len(_name_words(c.name)) >= 2 and (c.alias_type or vote_type(c)) == "person"


def _short_targets(c: Cluster, full: list[Cluster]) -> list[Cluster]:
    words = _name_words(c.name)
    if not words or not words[0][:1].isupper():
        return []
    suffix = [
        f
        for f in full
        if _name_words(f.name)[-len(words) :] == words and len(_name_words(f.name)) > len(words)
    ]
    if suffix:
        return suffix
    first = [f for f in full if len(words) == 1 and _name_words(f.name)[0] == words[0]]
    return first if len(first) == 1 else []


def _closest(candidates: list[Cluster], pos: int) -> Cluster:
    def key(c: Cluster):
        before = [m.start for m in c.mentions if m.start < pos]
        return (1, max(before)) if before else (0, -c.mentions[0].start)

    return max(candidates, key=key)


def vote_type(cluster: Cluster) -> str:
    """Rule 5: alias type, else majority label (ties: earliest mention), org words override location."""
    if cluster.alias_type:
        return cluster.alias_type
    votes = cluster.votes()
    first_type: dict[str, int] = {}
    for m in cluster.mentions:
        first_type.setdefault(m.type, m.start)
    etype = max(votes, key=lambda t: (votes[t], -first_type[t]))
    words = {w.lower().strip(".,") for w in _name_words(cluster.name)}
    if words & _EVENT_WORDS and not words & _ORG_WORDS:
        return "event"
    if etype == "person" and words & _PERSON_NOT_PLACE:
        return "location"
    if etype in ("location", "person") and words & _ORG_WORDS and not words & _PLACE_WORDS:
        return "organization"
    return etype


def best_name(cluster: Cluster) -> str:
    """Canonical surface: persons take the longest form, others the most frequent (then longest)."""
    forms = Counter(m.text for m in cluster.mentions)
    if cluster.type == "person":
        return max(forms, key=lambda f: (len(_name_words(f)), forms[f], len(f)))
    if merged_long := [
        f for f in forms if len(_name_words(f)) >= 2 and initials(f) in {alias_key(x).upper() for x in forms}
    ]:
        return max(merged_long, key=len)
    best = max(
        forms, key=lambda f: (forms[f] - 0.5 * (f.isupper() and len(f) > 4), len(f))
    )  # "PARIS" < "Paris"
    if best.isupper() and any(m.label == "DATELINE" for m in cluster.mentions):
        return " ".join(w.capitalize() for w in best.split())
    return best
