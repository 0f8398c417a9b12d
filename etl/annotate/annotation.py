"""The text that is annotated, and turning one spaCy ``Doc`` into an :class:`Annotation`.

Offsets base: every offset in an Annotation (entity mentions, ``first_offset``, quote
offsets) points into ``compose(title, lead, body, captions).text``, i.e.
``title + "\\n\\n" + lead + "\\n\\n" + body + "\\n\\n" + captions`` (captions one per
line) with empty parts, a lead already at the start of the body and captions already in
the text left out. Image captions name people and places (photo credits do not: they
are never included). ``word_count`` counts the body only.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from etl.annotate import keywords as kw
from etl.annotate.canonical import (
    AliasTable,
    Cluster,
    canonicalize,
    core_words,
    lineup_persons,
    name_list_persons,
    propagate_persons,
    roster_persons,
)
from etl.annotate.dateline import find_dateline
from etl.annotate.entities import (
    KIN_LABEL,
    Covered,
    RawMention,
    couple_words,
    doc_mentions,
    junk_regions,
    kin_items,
    person_cue,
    playing_words,
    reseat_headline_persons,
    said_after_quote,
    shape_mentions,
    titled,
)
from etl.annotate.gazetteer import find_names, with_table_names
from etl.annotate.names import (
    english_words,
    fictional_character,
    hyphen_particle_name,
    is_given,
    notable_alone,
)
from etl.annotate.notperson import (
    LEADERS_TERM,
    SPEECH_AFTER,
    listed_neighbours,
    mention_bounds,
    paired,
    retype_persons,
)
from etl.annotate.orgshape import LABEL as ORG_SHAPE_LABEL
from etl.annotate.orgshape import org_shapes
from etl.annotate.places import CODES, with_coded_places
from etl.annotate.places import LABEL as PLACE_LABEL
from etl.annotate.quotes import PersonRef, find_quotes
from etl.annotate.wordnames import (
    PLAYER_WORDS,
    appositive,
    couple_member,
    meets_as_person,
    owns_as_person,
    person_appositive,
    plays_as_person,
    relative_of,
    speaks_as_person,
    thinks_as_person,
)
from etl.annotate.words import COUPLE_CHILDREN, GIVEN_CLAUSE
from etl.core.records import Annotation, Entity, Mention

SEPARATOR = "\n\n"
#: A whitespace-separated word without a letter or digit ("—", "..."): not counted.
_NO_WORD = re.compile(r"[^\w\s](?<!\S.)[^\w\s]*(?!\S)")  # the character first: scanned faster than a look-behind first
#: Lower-case words, not in URLs or e-mails; the letter first, then the look behind it (a pattern that opens with a
#: character class is scanned faster than one that opens with a look-behind).
_LOWER_WORDS = re.compile(r"[a-z](?<![\w'’./@-].)[a-z]+(?![\w'’/@-]|\.\w)")
#: A source named before a mention ("According to Russell, the year ..."): said of a person the model read.
_ACCORDING_TO = re.compile(r"(?<![\w-])[Aa]ccording[ \t]+to[ \t]+$")
#: Provenance of an entity (``Entity.sources``) by the label of its mentions; other labels: "model".
SOURCES = {
    "NAME": "name-shape",
    "TITLE": "title-rule",
    KIN_LABEL: "kin-rule",
    "GAZETTEER": "gazetteer",
    "DATELINE": "dateline",
    "PROPAGATED": "propagated",
    PLACE_LABEL: "place-pattern",
    ORG_SHAPE_LABEL: "name-shape",
}
_TYPE_FIELDS = {
    "person": "persons",
    "organization": "organizations",
    "location": "locations",
    "event": "events",
}


@dataclass(frozen=True)
class Composed:
    """Annotated text and the (start, end) of its title, lead, body and captions parts."""

    text: str
    title: tuple[int, int]
    lead: tuple[int, int]
    body: tuple[int, int]
    captions: tuple[int, int] = (0, 0)


def compose(title: str = "", lead: str = "", body: str = "", captions: tuple[str, ...] = ()) -> Composed:
    """Join title, lead, body and image captions with blank lines (module doc: offsets base).

    A lead repeated at the start of the body, and captions already in the text, are left out.
    """
    title, lead, body = title.strip(), lead.strip(), body.strip()
    if lead and _squash(lead) in _squash(body[: len(lead) * 2 + 200]):
        lead = ""
    extra = _new_captions(captions, title, lead, body) if captions else ""
    spans: dict[str, tuple[int, int]] = {}
    parts: list[str] = []
    pos = 0
    for name, part in (("title", title), ("lead", lead), ("body", body), ("captions", extra)):
        if part and parts:
            pos += len(SEPARATOR)
        spans[name] = (pos, pos + len(part))
        if part:
            parts.append(part)
            pos += len(part)
    return Composed(SEPARATOR.join(parts), spans["title"], spans["lead"], spans["body"], spans["captions"])


def _new_captions(captions: tuple[str, ...], title: str, lead: str, body: str) -> str:
    """The captions not already in the title, lead or body (letters and digits compared, case-blind), one a line."""
    seen = _squash(" ".join((title, lead, body)))
    return "\n".join(dict.fromkeys(c.strip() for c in captions if c.strip() and _squash(c) not in seen))


def _squash(text: str) -> str:
    return re.sub(r"\W+", "", text.lower())


def word_count(text: str) -> int:
    """Number of whitespace-separated words that hold a letter or digit in ``text``."""
    return len(text.split()) - len(_NO_WORD.findall(text))  # what \S*\w\S* finds, at half the cost


def build_annotation(
    doc, composed: Composed, aliases: AliasTable, *, language: str, model: str
) -> Annotation:
    """Annotation of a document from its spaCy ``doc`` (NER run on ``composed.text``).

    ``doc`` None: a page the model cannot read (not English): persons by name shape and
    places/organizations of the multilingual alias table only, no quotes or keywords.
    """
    text = composed.text
    dateline = find_dateline(text, composed.body[0])
    regions = junk_regions(text)
    skip = regions + _dateline_regions(dateline)
    kin_spans = kin_items(text)
    kin = {start for start, _ in kin_spans}
    one_word = aliases.one_word_names()
    if doc is not None:
        found = doc_mentions(doc, skip, text, one_word, aliases.one_word_organizations, kin_spans)
        found = with_coded_places(found, text, skip)
        found = with_table_names(found, doc, text, aliases, skip)
    else:
        found = _gazetteer_and_shapes(text, aliases, skip)
    common = set(_LOWER_WORDS.findall(text))
    if doc is not None and not PLAYER_WORDS.isdisjoint(common):  # "Vlasic limped off": the model saw nothing
        found += playing_words(text, skip + [(m.start, m.end) for m in found], one_word, common)
    if doc is not None and not COUPLE_CHILDREN.isdisjoint(common):  # "Stephen and Karen’s four kids"
        found += couple_words(text, skip + [(m.start, m.end) for m in found], one_word, common)
    mentions = _with_dateline(reseat_headline_persons(sorted(found, key=lambda m: m.start), text), dateline)
    found_clusters = canonicalize(mentions, aliases, text)
    retype_persons(found_clusters, text, composed.title, common, one_word, kin)
    full_names = mention_bounds(m for c in found_clusters if c.type == "person" and " " in c.name for m in c.mentions)
    clusters = [
        c for c in found_clusters if c.type in _TYPE_FIELDS and not _doubtful(c, common, text, full_names, kin)
    ]
    kept = {id(c) for c in clusters}
    dropped = [(m.start, m.end) for c in found_clusters if id(c) not in kept for m in c.mentions]
    propagate_persons(clusters, text, skip + dropped, common, one_word)
    clusters += lineup_persons(clusters, text, skip)
    clusters += roster_persons(clusters, text, skip)
    clusters += name_list_persons(clusters, text, skip)
    entities = _entities(clusters, composed)
    persons = [PersonRef(m.start, m.end, c.name) for c in clusters if c.type == "person" for m in c.mentions]
    quotes = find_quotes(text, sorted(persons, key=lambda p: p.start), _surnames(clusters)) if doc else []
    keywords = _keywords(composed, clusters, regions) if doc is not None else []
    by_type = {f: tuple(e.name for e in entities if e.type == t) for t, f in _TYPE_FIELDS.items()}
    return Annotation(
        language=language,
        entities=tuple(entities),
        quotes=tuple(quotes),
        keywords=tuple(keywords),
        dateline=_dateline_name(dateline, aliases),
        word_count=word_count(text[composed.body[0] : composed.body[1]]),
        model=model,
        **by_type,
    )


def _gazetteer_and_shapes(text: str, aliases: AliasTable, skip: list[tuple[int, int]]) -> list[RawMention]:
    """Mentions of a text no model reads: alias-table names, organizations by shape
    (:mod:`etl.annotate.orgshape`) and person names by shape. A table name of several words
    ("Robert Koch-Institut", "Deutsche Bahn") wins over the shapes; a one-word one ("Berlin",
    "Allianz") yields to a person's name or an organization shape that holds it
    ("Allianz MTV Stuttgart")."""
    table = find_names(text, aliases, skip)
    long = [(m.start, m.end) for m in table if " " in m.text or "-" in m.text]
    organizations = org_shapes(text, skip + long)
    shapes = shape_mentions(text, skip + long + [(m.start, m.end) for m in organizations], short=True)
    taken = Covered(len(text), [(m.start, m.end) for m in shapes + organizations])
    return shapes + organizations + [m for m in table if not taken.hits(m.start, m.end)]


def plain_annotation(composed: Composed, *, language: str, model: str = "") -> Annotation:
    """Annotation of a document not run through NER (non-English): language, counts, dateline."""
    dateline = find_dateline(composed.text, composed.body[0])
    return Annotation(
        language=language,
        dateline=dateline.name if dateline else "",
        word_count=word_count(composed.text[composed.body[0] : composed.body[1]]),
        model=model,
    )


def _keywords(composed: Composed, clusters: list[Cluster], regions: list[tuple[int, int]]) -> list[str]:
    """Key phrases with entity names and credit regions masked out (names are facets already)."""
    names = [(m.start, m.end) for c in clusters for m in c.mentions]
    masked = _mask(composed.text, names + regions)
    title = masked[composed.title[0] : composed.title[1]]
    return kw.extract_keywords(masked, title, exclude={c.name.lower() for c in clusters})


def _doubtful(
    cluster: Cluster, common: set[str], text: str, persons: tuple[set[int], set[int]], kin: set[int]
) -> bool:
    """Misreads the alias table does not vouch for.

    A fictional character's name ("Robin Hood": :func:`fictional_character`) as a person's; a 2-3 letter
    capitalised "place" ("AI", "EV"; not a state code read as a place, :func:`_state_code`);
    a one-word "person" that is no notable person's surname (:func:`notable_alone`: "Freud") without a
    title or person cue before any mention nor a speech verb or leader's term after one (for a name said
    three times or more, nor a person's appositive: ", 24,", ", an Australian driver") ("Kosmos", "plug-ins
    for Firefox and Chrome ... Firefox is also exploring", "Newegg has models" x5; "President Trump", "Trump
    said", "the Dole campaign" stay; nor one read as a person twice beside a full name, ``persons``: "both
    Trump and Sanders"; nor a given name after a kin word, ``kin``: "their two daughters, Esmeralda and
    Amada"; nor a given name before a relative "who" or a speech verb after a comma, :data:`GIVEN_CLAUSE`:
    "Tommy — who", "Another student, Megan, said"; nor an item of a list whose two nearest items are full names:
    "hits for Katy Perry, Ed Sheeran and Rihanna"; nor one whose word, where the model read nothing, speaks or thinks
    as a person: :func:`speaks_as_person`, "as if Rowling knew she was"); a one-word name the text also uses as a
    lower-case word ("Meth" / "meth").
    """
    if cluster.from_alias:
        return False
    if cluster.type == "person" and fictional_character(cluster.name):
        return True
    short = cluster.name.replace(".", "")
    if cluster.type == "location" and short.isupper() and len(short) <= 3:
        return not _state_code(cluster)
    if cluster.type == "person" and " " not in cluster.name:
        # one bare word: mostly products, brands, places, teams ("Yahoo", "Kosmos", "Firefox"; "Newegg has
        # models ...", "send to Gmail", "the Browns' defense" however often), unless titled, speaking or in
        # a person's appositive somewhere
        if notable_alone(text, cluster.name) or hyphen_particle_name(cluster.name):
            return False  # "Freud's theory", "unlike Nietzsche", "Inzamam-ul-Haq": no cue needed
        if is_given(cluster.name, strict=True) and any(GIVEN_CLAUSE.match(text, m.end) for m in cluster.mentions):
            return False
        return not any(
            m.start in kin
            or _person_evidence(text, m.start, m.end)
            or (len(cluster.mentions) > 2 and appositive(text, m.end))
            or listed_neighbours(text, m.start, m.end, persons) >= 2  # "Katy Perry, Ed Sheeran and Rihanna"
            for m in cluster.mentions
        ) and not _paired_twice(cluster, text, persons) and not _speaks_unread(cluster, text)
    return " " not in cluster.name and cluster.name.lower() in common


def _speaks_unread(cluster: Cluster, text: str) -> bool:
    """The cluster's one word, at an occurrence the model did not read (the word is in ``text`` more often than the
    cluster has mentions: ``str.count`` first), speaks or thinks as a person (:func:`speaks_as_person`: "As if
    Rowling knew she")."""
    return text.count(cluster.name) > len(cluster.mentions) and speaks_as_person(text, cluster.name)


def _paired_twice(cluster: Cluster, text: str, persons: tuple[set[int], set[int]]) -> bool:
    """Two mentions the model read as a person's, each joined to a full name's mention by "and" or "or" ("both
    Trump and Sanders aren’t", "between Trump and Sanders."; ``persons``: start and end offsets of the full
    names' mentions)."""
    return sum(m.label == "PERSON" and paired(text, m.start, m.end, persons) for m in cluster.mentions) >= 2


def _state_code(cluster: Cluster) -> bool:
    """A US state or Canadian province code the model read as a place at every mention, no English word
    ("getting to Pittsburgh from NC!", "Atlantic City, N.J."; not "IN", "OR", "OH")."""
    name = cluster.name.replace(".", "")  # "N.J." as "NJ"
    return (
        name in CODES
        and name.lower() not in english_words()
        and all(m.label == "GPE" for m in cluster.mentions)
    )


def _person_evidence(text: str, start: int, end: int) -> bool:
    """A title or person cue before the mention, a speech verb or leader's term after it ("the Trump
    administration", "the Dole campaign"), a quote and its speech verb before it ('," said Jared'), an appositive
    with an age or a role only a person holds after it (:func:`person_appositive`: ", the top seed,"), or one of a
    couple with children (:func:`couple_member`: "Beyoncé and Jay-Z ... their daughter"), or the subject or object
    of a verb only persons take between two names (:func:`meets_as_person`: "Xi met Biden in"): it names a person."""
    return (
        titled(text, start)
        or person_cue(text, start, end)
        or bool(SPEECH_AFTER.match(text, end) or LEADERS_TERM.match(text, end))
        or bool(_ACCORDING_TO.search(text, max(0, start - 16), start))
        or said_after_quote(text, start)
        or person_appositive(text, end)
        or couple_member(text, start, end)
        or meets_as_person(text, start, end)
        or owns_as_person(text, end)
        or plays_as_person(text, start, end)
        or thinks_as_person(text, end)
        or relative_of(text, start)
    )


def _mask(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with each span replaced by a comma run of the same length (a phrase break)."""
    pieces, pos = [], 0  # the text between the spans, in order: no list of every character
    for start, end in sorted(spans):
        start = max(start, pos)
        if end > start:
            pieces += [text[pos:start], "," * (end - start)]
            pos = end
    pieces.append(text[pos:])
    return "".join(pieces)


def _dateline_regions(dateline) -> list[tuple[int, int]]:
    if dateline is None:
        return []
    return [(dateline.start, dateline.end)]


def _with_dateline(mentions: list[RawMention], dateline) -> list[RawMention]:
    if dateline is None:
        return mentions
    places = [RawMention(dateline.place_start, dateline.place_end, dateline.place, "location", "DATELINE")]
    if dateline.region:  # "ST CATHERINE, Jamaica —": the region is a place too
        end = dateline.region_start + len(dateline.region)
        places.append(RawMention(dateline.region_start, end, dateline.region, "location", "DATELINE"))
    return sorted(mentions + places, key=lambda m: m.start)


def _dateline_name(dateline, aliases: AliasTable) -> str:
    if dateline is None:
        return ""
    hit = aliases.lookup(dateline.name)
    return hit[0] if hit else dateline.name


def _surnames(clusters: list[Cluster]) -> dict[str, str]:
    """Last word -> person for the story's persons of several words whose last word no other
    person shares and no place or organization of the story is named ("Instagram" of a
    misread "Maybe Instagram" stays the platform)."""
    last = [
        (words[-1], c.name) for c in clusters if c.type == "person" and len(words := core_words(c.name)) > 1
    ]
    counts = Counter(word for word, _ in last)
    others = {m.text for c in clusters if c.type != "person" for m in c.mentions}
    return {word: name for word, name in last if counts[word] == 1 and word not in others}


def salience_scores(clusters: list[Cluster], composed: Composed) -> list[float]:
    """0..1 per cluster: mentions weighted by earliness, plus title/lead presence; max is 1."""
    length = max(1, len(composed.text))
    raw = []
    (title_start, title_end), (lead_start, lead_end) = composed.title, composed.lead
    for c in clusters:
        score = sum(1.0 + (1.0 - m.start / length) for m in c.mentions)
        score += 2.0 * any(title_start <= m.start < title_end for m in c.mentions)
        score += 1.0 * any(lead_start <= m.start < lead_end for m in c.mentions)
        raw.append(score)
    top = max(raw, default=1.0) or 1.0
    return [round(r / top, 3) for r in raw]


def _entities(clusters: list[Cluster], composed: Composed) -> list[Entity]:
    scores = salience_scores(clusters, composed)
    entities = [
        Entity(
            name=c.name,
            type=c.type,
            count=len(c.mentions),
            salience=s,
            first_offset=c.mentions[0].start,
            mentions=tuple(Mention(m.start, m.end, m.text) for m in c.mentions),
            sources=tuple(sorted({SOURCES.get(m.label, "model") for m in c.mentions})),
        )
        for c, s in zip(clusters, scores, strict=True)
    ]
    return sorted(entities, key=lambda e: (-e.salience, e.first_offset))
