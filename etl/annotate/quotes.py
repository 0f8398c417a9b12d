"""Direct quotes and who said them, by rules on the text (no parser needed).

A quote is text between double quote marks (straight or curly, mixed pairs allowed),
a paragraph wrapped in single quotes, or a UK-style ‘...,’ quote. Scare quotes (fewer
than three words, or short and without final punctuation) are skipped.

The speaker is found next to a speech verb ("said", "told", "added", "according to"...):
first right after the quote (``"...," said Tillerson`` / ``"...," Ushakov told agencies``),
else in the sentence before it (``Tillerson said: "..."``). The name is a person mention
of the document resolved to its canonical entity; "he"/"she" take the last person
mentioned before the quote; a known surname missed by the model still counts. A quote
with no attribution that follows an attributed quote in the same paragraph, or opens
the next paragraph, continues it (same speaker, texts joined into one Quote).
Duplicates (a pull quote repeating a body quote) are dropped.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace

from etl.annotate.entities import Covered
from etl.annotate.names import sex_of
from etl.annotate.textscan import alternation, offsets
from etl.annotate.words import GROUP_SPEAKERS, PERSON_CUES, ROLES, TITLES
from etl.core.records import Quote

_DOUBLE = '"“”„«»'
_VERBS = (
    r"said|says|say|told|tells|added|adds|asked|asks|stated|states|noted|notes|explained|explains|"
    r"insisted|insists|wrote|writes|warned|warns|argued|argues|continued|continues|replied|replies|"
    r"responded|declared|declares|announced|recalled|acknowledged|admitted|claimed|claims|conceded|"
    r"tweeted|posted|urged|urges|stressed|stresses|emphasised|emphasized|pointed out|according to|saying|"
    r"reported|reports|testified|remarked|commented|observed|suggested|cautioned|confirmed|agreed|joked|"
    r"vowed|promised|complained|shared|wrote in|told reporters|"
    # present tense of the verbs above ('..., comments Johnston in a statement')
    r"announces|recalls|acknowledges|admits|concedes|tweets|posts|testifies|remarks|comments|"
    r"observes|suggests|cautions|confirms|agrees|jokes|vows|promises|complains|shares|responds|"
    # less common speech verbs ('“Oh, actually? Yes,” he assures himself')
    r"assured|assures|quipped|quips|boasted|boasts|mused|muses|lamented|laments|countered|counters|"
    r"predicted|predicts|recounted|recounts|exclaimed|exclaims|pleaded|demanded|demands|sighed|sighs|"
    # ('"...," reveals Groene', '"...," a publicist retorted', '"...," the President-elect fumed')
    r"revealed|reveals|retorted|retorts|fumed|fumes|points out|"
    # a debate's or hearing's turns ('“But … there is some risk,” Alito interjected', '“...,” he rejoined')
    r"interjected|interjects|rejoined|rejoins|shot back|pressed|persisted|objected|interrupted|wondered|wonders|"
    # a paraphrase's speaker ('“...,” as Smith put it'; "As Smith puts it, “...”")
    r"put it|puts it|"
    # a post's or a message's writer and other turns ('“Forever begins now,” Gomez captioned the post')
    r"captioned|captions|texted|gushed|gushes|teased|teases|hinted|hints|reflected|reflects|shouted|yelled|whispered|"
    r"writing"
)
_MARK = re.compile(f"[{_DOUBLE}]|’’|''(?!')")  # typewriter pairs of single marks stand for a double one
_VERB = re.compile(rf"\b(?:{alternation(_VERBS.split('|'), ignore_case=True)})\b", re.I)  # a long list: grouped
_PRONOUN = re.compile(r"\b(?:he|she)\b", re.I)
#: A speech verb reporting its subject's words with a pronoun: "saying she did not think", "added that he".
_REPORTED_PRONOUN = re.compile(r"\b(?:said|says|saying|added|adding|explained|explaining)[ \t]+(?:that[ \t]+)?(he|she)\b")
_JOINED = re.compile(r"[ \t]*,?[ \t]*and[ \t]+")  # two quotes of one attribution
_PRONOUN_SUBJECT = re.compile(r"^[\s,.!?…—–-]*\b(he|she)[ \t]+$", re.I)  # '," she said': the pronoun speaks
_SENTENCE_END = re.compile(r"[.!?…](?=[\"”’']?(?:\s|$))")  # also inside a closing mark: 'support that.” The'
#: A person introduced after a dash right after the quote: '“Life doesn't get easier ...” -- Steve Maraboli'.
_DASH_BYLINE = re.compile(r"[ \t]*(?:--|- -|[—–]|-)[ \t]*")
#: Lower-case words ending in a role between two names: "Clinton campaign spokesman Jesse Ferguson".
_ROLE_BETWEEN = re.compile(r"[ \t]+(?:[a-z-]+[ \t]+){0,3}?([a-z-]+)[ \t]+$")
#: From a name to the next one inside its appositive: ", the grandson of ", ", a spokeswoman for ".
_APPOSITIVE_OF = re.compile(r",[ \t]+(?:the|a|an|his|her|their)[ \t]+(?:[a-z-]+[ \t]+){0,3}?(?:of|for|to)[ \t]+$")
_SINGLE = re.compile(r"(?:^|(?<=[\s(]))[‘'](?=\S)(.{3,}?[.,!?…])[’'](?=\s|$|[)—–-])")
_CAPITALISED = re.compile(r"(?<![\w'’-])[A-Z][\w'’-]+")
_POSSESSOR = re.compile(r"['’]s?\b|(?<=s)['’](?=[ \t])")  # "Jobs' health" too
_WORD_BEFORE = re.compile(r"[A-Za-z]+$")
_NON_WORD = re.compile(r"\W+")
_ASCII_WORD = re.compile(r"[A-Za-z]+")
_CAPITALISED_WORD = re.compile(r"[A-Z][\w'’-]+")
_SPACES = re.compile(r"\s+")
_ABBREVIATIONS = frozenset(
    "dr mr mrs ms st sen rep gov gen lt col sgt capt jr sr prof rev no vs mt ft sec".split()
)
_AFTER_CHARS = 160
_NEAR_VERB = 60
_PRONOUN_REACH = 1500  # characters back a pronoun may reach for its person
_ROLE_REACH = 40  # characters between a role word and the name it introduces
_INDEFINITE_BEFORE = re.compile(r"[\s,]*(?:an?|another|one)[ \t]+(?:[\w'’.-]+[ \t]+){0,4}", re.I)
_INDEFINITE_AFTER = re.compile(r"[ \t]+(?:an?|another)[ \t]+[\w'’.-]+")
_NOBODY = "\0"  # speaker of a quote attributed to an unnamed someone (reported as "")
_THAT = re.compile(r"[ \t]+that\b")
_SPEAKER_LINE_MAX = 90  # a speaker line: a name and a place, no sentence
#: What may stand before the name on a speaker line ("Donated by ", "Submitted by ") and after it (", Oak Grove,
#: Calif.", ", 34, Dublin"): no verb of a sentence.
_SPEAKER_LEAD = re.compile(r"[ \t]*(?:[A-Z][a-z]+[ \t]+by[ \t]+)?")
_PLACE_TAIL = re.compile(r"(?:,[ \t]*(?:[A-Z][\w'’.-]*|\d{1,3})(?:[ \t]+[A-Z][\w'’.-]*)*)*[ \t]*[.:]?[ \t]*")
_PRONOUN_LEAD = re.compile(r"\s*(?:he|she)\s*", re.I)
_ROLE_BEFORE = re.compile(
    r"\b(?:the|a|an|his|her|their|its|our)\s+(?:[\w'’.-]+\s+){0,3}?([a-z][a-z-]{2,})\s*,?\s*$"
)
_ROLE_AFTER = re.compile(r"\s*(?:the|a|an|his|her|their|its|our)\s+(?:[\w'’.-]+\s+){0,3}?([a-z][a-z-]{2,})\b")


@dataclass(frozen=True)
class PersonRef:
    """A person mention: offsets in the text and the canonical person it belongs to."""

    start: int
    end: int
    name: str
    quoted: bool = False  # inside a quote: no "he"/"she" of the narrator stands for it


@dataclass
class _Found:
    start: int  # offset of the quote text (inside the marks)
    end: int
    close: int  # offset just after the closing mark
    open: int  # offset of the opening mark
    para: int
    speaker: str = ""
    anonymous: bool = False  # attributed to someone unnamed ('," an insider told Us'): continues nothing


def find_quotes(text: str, persons: list[PersonRef], surnames: dict[str, str]) -> list[Quote]:
    """Quotes of ``text`` with canonical speakers ("" when unknown), in text order.

    Input: the annotated text, its person mentions (sorted), and a map surname -> canonical
    person for names the model missed. Output: Quote list. Never raises.
    """
    spans = _quote_spans(text)
    found = [q for q in spans if _is_speech(text[q.start : q.end]) and not _woven(text, q)]
    fragments = [q for q in spans if _opening_fragment(text, q)]
    if found or fragments:
        persons = _mark_quoted(sorted(persons + surname_refs(text, persons, surnames), key=_start), spans)
    for q in found:
        q.speaker = attribute(text, q, persons, surnames)
        q.anonymous = q.speaker == _NOBODY
        q.speaker = "" if q.anonymous else q.speaker
    if spoken := [q for q in fragments if _fragment_speaker(text, q, persons, surnames)]:
        found = sorted(found + spoken, key=lambda q: q.start)
    for first, second in zip(found, found[1:], strict=False):  # '“...” and “...,” Anthony Browne said'
        if not first.speaker and not first.anonymous and _JOINED.fullmatch(text, first.close, second.open):
            first.speaker = second.speaker
    return _dedupe(_continue(text, found))


def _opening_fragment(text: str, q: _Found) -> bool:
    """A quote too short for speech (three to five words, no final punctuation) that opens its sentence: it
    may be speech carried on by the narrator ('"He will be prosecuted" when he returns to Liberia, ...')."""
    words = text[q.start : q.end].split()
    return (
        3 <= len(words)
        and not _is_speech(text[q.start : q.end])
        and not text[_sentence_start(text, q.open) : q.open].strip()
    )


def _fragment_speaker(text: str, q: _Found, persons: list[PersonRef], surnames: dict[str, str]) -> bool:
    """Sets the speaker of an opening fragment named after the next comma of its sentence ('"We don't want
    those people" working in federal prisons, she said.', '"He will be prosecuted" when he returns to Liberia,
    Binyah Kesselly, chairman of ..., told reporters.'); False when nobody is named there."""
    end = _after_window_end(text, q.close)
    comma = text.find(", ", q.close, end)
    if comma < 0:
        return False
    speaker = _speaker_in(text, comma + 1, end, q.open, persons, surnames, after=True)
    if not speaker or speaker == _NOBODY:
        return False
    q.speaker = speaker
    return True


def _mark_quoted(persons: list[PersonRef], spans: list[_Found]) -> list[PersonRef]:
    """``persons`` with ``quoted`` set on those inside a quote's marks ('... unless they're Harrison Ford,'"
    he says': "he" is not Harrison Ford)."""
    starts = [q.start for q in spans]
    out = []
    for p in persons:
        i = bisect_right(starts, p.start) - 1
        inside = i >= 0 and p.end <= spans[i].end
        out.append(replace(p, quoted=True) if inside else p)
    return out


def surname_refs(text: str, persons: list[PersonRef], surnames: dict[str, str]) -> list[PersonRef]:
    """Mentions of a story person's unique surname that no person mention covers ("Early says
    ...", of "Chris Early", a surname that is also a common word and so never propagated): the
    subject a later "he says" may stand for."""
    if not surnames:
        return []
    covered = Covered(len(text), ((p.start, p.end) for p in persons))
    out = []
    # where each surname is written: faster than reading every capitalised word of the text
    for surname, name in surnames.items():
        for at in offsets(text, surname) if name else ():
            m = _CAPITALISED.match(text, at)  # the whole word is the surname
            if m is not None and m.end() == at + len(surname) and not covered.hits(at, m.end()):
                out.append(PersonRef(at, m.end(), name))
    return sorted(out, key=lambda p: p.start)


def _paragraphs(text: str):
    pos = 0
    for index, line in enumerate(text.split("\n")):
        yield index, pos, line
        pos += len(line) + 1


def _quote_spans(text: str) -> list[_Found]:
    out = []
    # the marks of the whole text in one scan (no mark spans a line break), handed out line by line
    every_mark = [m.span() for m in _MARK.finditer(text)]
    i = 0
    for index, base, line in _paragraphs(text):
        end = base + len(line)
        first = i
        while i < len(every_mark) and every_mark[i][0] < end:
            i += 1
        marks = _merge_doubled([(a - base, b - base) for a, b in every_mark[first:i]])
        if marks:
            if len(marks) % 2 and (line.lstrip()[:1] in _DOUBLE or _opens(line, marks[-1][0])):
                marks.append((len(line), len(line)))  # a quote left open runs to the end of the paragraph
            for a, b in zip(marks[::2], marks[1::2], strict=False):
                out.append(_Found(base + a[1], base + b[0], base + b[1], base + a[0], index))
            continue
        if "'" not in line and "‘" not in line:
            continue  # no opening mark for _SINGLE
        for m in _SINGLE.finditer(line):
            out.append(_Found(base + m.start(1), base + m.end(1), base + m.end(), base + m.start(), index))
    return out


def _merge_doubled(marks: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Marks typed twice in a row ('""Tim's 13 years ...," Levinson said') count as one."""
    out: list[tuple[int, int]] = []
    for start, end in marks:
        if out and out[-1][1] == start:
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def _is_speech(content: str) -> bool:
    words = content.split()
    return len(words) >= 6 or (len(words) >= 3 and content.rstrip()[-1:] in ".,!?…")


def _opens(line: str, i: int) -> bool:
    """True when the mark at ``line[i]`` opens a quote (“, „, «, or " after a space or colon)."""
    return line[i] in "“„«" or (line[i] == '"' and (i == 0 or line[i - 1] in " \t(:—–-"))


def _woven(text: str, q: _Found) -> bool:
    """A fragment woven into the narrator's sentence: 'has been to “consolidate copy” at a ...'."""
    if text[q.start : q.end].rstrip()[-1:] in ".,!?…":
        return False
    before = text[max(0, q.open - 2) : q.open]
    after = text[q.close : q.close + 2]
    return before[-1:] == " " and before[:1].islower() and after[:1] == " " and after[1:2].islower()


def attribute(text: str, q: _Found, persons: list[PersonRef], surnames: dict[str, str]) -> str:
    """Canonical speaker of quote ``q``: after-quote attribution first, then the lead-in."""
    after_end = _after_window_end(text, q.close)
    speaker = None
    if (not _new_sentence(text, q) or _opens_with_speaker(text, q.close, after_end, persons)) and not _introduces_next(
        text, q.close, after_end
    ):
        speaker = _speaker_in(text, q.close, after_end, q.open, persons, surnames, after=True)
    if speaker is None:
        speaker = _dash_speaker(text, q.close, persons)
    if speaker is None:
        before_start = _sentence_start(text, q.open)
        speaker = _speaker_in(text, before_start, q.open, before_start, persons, surnames, after=False)
        if not speaker:
            speaker = _words_of(text, before_start, q.open, persons)
        if not speaker and text[before_start : q.open].rstrip().endswith(":"):
            speaker = _colon_subject(text, before_start, q.open, persons)
        if not speaker and not text[before_start : q.open].strip():
            speaker = _previous_attribution(text, before_start, persons, surnames)
        unattributed = _VERB.search(text, q.close, after_end) is None  # not '," the patient wrote'
        if not speaker and unattributed and before_start == text.rfind("\n", 0, q.open) + 1:
            speaker = _speaker_line(text, before_start, persons) or _previous_paragraph_attribution(
                text, before_start, persons, surnames
            )
    return speaker or ""


#: A lead-in naming whose words follow: "In Dr. Shadlen's words,", "In the words of Martin Luther King Jr.:".
_WORDS_OF = re.compile(
    r"\b[Ii]n[ \t]+(?:(?P<owner>[^,;:!?]{2,60}?)['’]s?[ \t]+(?:own[ \t]+)?words|the[ \t]+words[ \t]+of[ \t]+"
    r"(?P<of>[^;:!?]{2,60}?))[ \t]*[,:]?[ \t]*$"
)


def _words_of(text: str, start: int, end: int, persons: list[PersonRef]) -> str:
    """The person a lead-in ``text[start:end]`` gives the words of ("In Dr. Shadlen's words, “Could ...”",
    "In the words of Jane Doe:"); "" when it is no such lead-in or names nobody there."""
    m = _WORDS_OF.search(text, start, end)
    if m is None:
        return ""
    low, high = m.span("owner") if m.group("owner") else m.span("of")
    named = [p for p in persons if low <= p.start and p.end <= high]
    return named[-1].name if named else ""


def _speaker_line(text: str, para_start: int, persons: list[PersonRef]) -> str:
    """The person a line right above a paragraph opening with a quote consists of: a name, perhaps after
    "Donated by"-like words and before a place ("Donated by Gina McVey, Oak Grove, Calif." then '“In 2010, I
    took my car ...'): a testimony's or interview's speaker line; "" when the line is anything else."""
    end = para_start - 1
    start = text.rfind("\n", 0, max(0, end)) + 1
    if end - start > _SPEAKER_LINE_MAX:
        return ""
    named = [p for p in persons if start <= p.start and p.end <= end]
    if len(named) != 1:
        return ""
    lead, tail = text[start : named[0].start], text[named[0].end : end]
    return named[0].name if _SPEAKER_LEAD.fullmatch(lead) and _PLACE_TAIL.fullmatch(tail) else ""


def _new_sentence(text: str, q: _Found) -> bool:
    """True when the quote ends with a full stop and a capitalised word follows: a new sentence."""
    after = text[q.close : q.close + 3].lstrip(" \t")
    return text[q.start : q.end].rstrip().endswith(".") and after[:1].isupper()


def _opens_with_speaker(text: str, start: int, end: int, persons: list[PersonRef]) -> bool:
    """True when the sentence after a quote opens with its speaker and the speech verb ('.” Smith said.',
    '.” He added.'), not with other words ('.” On Monday, ... Josh Earnest said that ...') nor with a verb
    of reported speech ('.” He added that Sheffield’s ...')."""
    verb = _VERB.search(text, start, end)
    if verb is None:
        return True  # no attribution there anyway
    if _THAT.match(text, verb.end()):
        return False
    lead = text[start : verb.start()]
    if _PRONOUN_LEAD.fullmatch(lead):
        return True
    return any(
        start <= p.start
        and p.end <= verb.start()
        and not text[p.end : verb.start()].strip()
        and _only_titles(text[start : p.start])
        for p in persons
    )


def _colon_subject(text: str, start: int, end: int, persons: list[PersonRef]) -> str:
    """The first person (not a possessor) of a lead-in that ends with a colon and has no speech verb:
    'Susan has seen more customers walk through her door: “So many ...'."""
    named = [p for p in persons if start <= p.start and p.end <= end and not _POSSESSOR.match(text, p.end)]
    return named[0].name if named else ""


def _dash_speaker(text: str, pos: int, persons: list[PersonRef]) -> str | None:
    """The person named right after a dash that follows the quote ('” -- Steve Maraboli, Life, ...'), the
    attribution of an epigraph; None when no person follows the dash."""
    dash = _DASH_BYLINE.match(text, pos)
    if dash is None:
        return None
    return next((p.name for p in persons if p.start == dash.end()), None)


def _previous_attribution(text: str, pos: int, persons: list[PersonRef], surnames: dict[str, str]) -> str:
    """Speaker of the sentence just before ``pos`` in the same paragraph, for a quote that opens a
    sentence with no attribution of its own ('..., Dempsey said. "That way they may ..."')."""
    para_start = text.rfind("\n", 0, pos) + 1
    ends = _sentence_ends(text, para_start, max(para_start, pos - 1))
    start = ends[-1] + 1 if ends else para_start
    if start >= pos - 1:
        return ""  # the quote opens its paragraph
    return _speaker_in(text, start, pos, start, persons, surnames, after=False) or ""


def _previous_paragraph_attribution(text: str, para_start: int, persons: list[PersonRef], surnames) -> str:
    """Speaker of the last sentence of the paragraph before, for a quote that opens its paragraph with no
    attribution when that paragraph quotes nobody and ends by naming a speaker ("All of this choice ...,
    according to Professor Livingstone." then '"Most of the evidence is ..."')."""
    end = text.rfind("\n", 0, max(0, para_start - 1))
    previous = text[end + 1 : para_start].rstrip()
    if not previous or _MARK.search(previous):
        return ""
    start = end + 1 + len(previous)
    last = _sentence_start(text, max(end + 1, start - 1))
    return _speaker_in(text, last, start, last, persons, surnames, after=False) or ""


def _introduces_next(text: str, start: int, end: int) -> bool:
    """The words after a quote (``text[start:end]``, up to the next quote mark) end in a colon right before that mark:
    they introduce the next quote ('...” Smith said: “I am glad.”'), they attribute no quote before them."""
    return end < len(text) and text[end] in _DOUBLE and text[start:end].rstrip().endswith(":")


def _after_window_end(text: str, pos: int) -> int:
    limit = min(len(text), pos + _AFTER_CHARS)
    stops = [text.find(c, pos, limit) for c in _DOUBLE + "\n"]
    ends = _sentence_ends(text, pos, limit)
    candidates = [s for s in stops if s >= 0] + ends[:1]
    return min(candidates, default=limit)


def _sentence_start(text: str, pos: int) -> int:
    para_start = text.rfind("\n", 0, pos) + 1
    ends = _sentence_ends(text, para_start, pos)
    return ends[-1] + 1 if ends else para_start


def _sentence_ends(text: str, start: int, end: int) -> list[int]:
    """Offsets of sentence-final punctuation, skipping "Dr." / "U.S." / "J." abbreviations."""
    out = []
    for m in _SENTENCE_END.finditer(text, start, end):
        word = _WORD_BEFORE.search(text, max(start, m.start() - 12), m.start())
        if m.group() == "." and word and (word.group().lower() in _ABBREVIATIONS or len(word.group()) == 1):
            continue
        out.append(m.start())
    return out


def _speaker_in(text, start, end, quote_open, persons, surnames, *, after: bool) -> str | None:
    """Speaker named in ``text[start:end]`` next to a speech verb; None: no attribution there.

    After a quote the verb must be near ("...," she said), unless a person's name comes
    first ("...," Geoffrey Berman, the U.S. attorney, said). A pronoun or a role ("the
    prosecutor said") is resolved to an earlier person (:func:`resolve_pronoun`, :func:`resolve_role`).
    """
    window = text[start:end]
    verb = _VERB.search(window)
    # persons are sorted by start: only those starting in [start, end] are read
    first, last = bisect_left(persons, start, key=_start), bisect_right(persons, end, key=_start)
    inside = [p for p in persons[first:last] if p.end <= end and not _POSSESSOR.match(text, p.end)]
    named_first = after and any(_only_titles(text[start : p.start]) for p in inside)
    if verb is None or (after and verb.start() > _NEAR_VERB and not named_first):
        return None
    inside = [p for i, p in enumerate(inside) if not _modifies_role(text, p, inside[i + 1 : i + 2])]
    inside = [p for i, p in enumerate(inside) if not _in_appositive(text, p, inside[i - 1 : i])]
    if after and _anonymous(window, verb, inside, start):
        return _NOBODY  # '“He is brilliant,” an Iowa Republican said, adding that Pence ...': nobody named
    subject = _PRONOUN_SUBJECT.search(window, 0, verb.start()) if after else None
    if subject is not None:  # '," she said, adding that Cook has been ...': the names after are no speaker
        return resolve_pronoun(text, quote_open, persons, subject.group(1).lower())
    if _group_speaks(window, verb, [p.start - start for p in inside]):
        return _NOBODY  # 'her family said she was “a loving mother”': no person speaks, "she" is what is said of
    if inside:  # "Putin's spokesman Dmitry Peskov said": the name next to the verb, not the possessor
        return _nearest(inside, start + verb.start(), start + verb.end()).name
    named = _surname_in(window, surnames)
    if named:
        return named
    pronoun = _PRONOUN.search(window)
    if pronoun:
        return resolve_pronoun(text, quote_open, persons, pronoun.group().lower())
    role = _role_in(window, verb)
    if role:
        return resolve_role(text, quote_open, persons, role)
    return None if after else ""


def _anonymous(window: str, verb: re.Match, inside: list[PersonRef], start: int) -> bool:
    """True when the speaker after a quote is an unnamed someone: an indefinite noun phrase right before the
    verb ('," an insider told Us', '," one former adviser said') or right after it ('," added another
    commonwealth Democrat') with no person named before the verb."""
    if any(p.start < start + verb.start() for p in inside):
        return False
    if _INDEFINITE_BEFORE.fullmatch(window, 0, verb.start()):
        return True
    # not '," said a skeptical Robert Wolfarth, the trust’s new chairman': a name ends the noun phrase
    comma = window.find(",", verb.end())
    phrase_end = start + (comma if comma >= 0 else len(window))
    return bool(_INDEFINITE_AFTER.match(window, verb.end())) and not any(p.start < phrase_end for p in inside)


def _start(person: PersonRef) -> int:
    return person.start


def _modifies_role(text: str, person: PersonRef, following: list[PersonRef]) -> bool:
    """True when lower-case words ending in a role noun lead from ``person`` to the next name: the first
    name modifies the role ("said Clinton campaign spokesman Jesse Ferguson"), the second speaks."""
    if not following:
        return False
    m = _ROLE_BETWEEN.fullmatch(text, person.end, following[0].start)
    return m is not None and m.group(1) in ROLES


def _in_appositive(text: str, person: PersonRef, previous: list[PersonRef]) -> bool:
    """True when ``person`` is named inside the appositive of the name before it ("James Roosevelt Jr., the
    grandson of FDR and DNC member, ... said"): the first name speaks, not the relative or employer."""
    return bool(previous) and _APPOSITIVE_OF.fullmatch(text, previous[0].end, person.start) is not None


def _only_titles(gap: str) -> bool:
    """True when the text between a quote's end and a name is punctuation or titles ('," Dr. Luz ...')."""
    words = _ASCII_WORD.findall(gap)
    if all(w.lower() in TITLES or w.lower() in PERSON_CUES for w in words):
        return True
    # capitalised words ending in a title: '," Patrol Chief James Hall with the New York Police Department said'
    return (
        words[-1].lower() in TITLES | PERSON_CUES
        and all(w[0].isupper() for w in words)
        and not re.search(r"[,.;:]", gap.lstrip(" \t,.;:—–-"))
    )


def resolve_pronoun(text: str, pos: int, persons: list[PersonRef], pronoun: str) -> str | None:
    """The person "he"/"she" before ``pos`` stands for: the subject (first person named, not
    as a possessor) of the nearest earlier sentence that names one; of its persons the first
    whose given name does not contradict the pronoun. None when no person is near."""
    earlier = [p for p in persons if p.end <= pos and pos - p.end < _PRONOUN_REACH and not p.quoted]
    earlier = [p for p in earlier if not _POSSESSOR.match(text, p.end)]
    if not earlier:
        return None
    unwanted, wanted = ("f", "m") if pronoun == "he" else ("m", "f")
    sentence = _sentence_start(text, earlier[-1].start)
    nearest = [p for p in earlier if p.start >= sentence]
    fitting = [p for p in nearest if sex_of(p.name) != unwanted]
    if fitting:
        return fitting[0].name
    if _reports_self(text, nearest[0].end, _sentence_start(text, pos), pronoun):
        return nearest[0].name  # "Omar asked ..., saying she did not think": the text's sex, not the list's
    # the nearest sentence names only the other sex: the sentence naming persons before it, if it names
    # one whose given name fits ("... at home with Eva Mendes ..." then '"Eva's the dream ...," he explains')
    back = earlier[: len(earlier) - len(nearest)]
    if back:
        sentence = _sentence_start(text, back[-1].start)
        fits = [p for p in back if p.start >= sentence and sex_of(p.name) == wanted]
        if fits:
            return fits[0].name
    return nearest[0].name


def _reports_self(text: str, start: int, end: int, pronoun: str) -> bool:
    """True when ``text[start:end]`` (the rest of a subject's sentence, within its line) reports the subject's
    own words with ``pronoun`` ("..., saying she did not think", "and said he would"): the text gives the sex."""
    line_end = text.find("\n", start, end)
    m = _REPORTED_PRONOUN.search(text, start, end if line_end < 0 else line_end)
    return m is not None and m.group(1).lower() == pronoun


#: The word right before a speech verb, and a comma after it perhaps: "police " of "police said".
_WORD_BEFORE_VERB = re.compile(r"\b([A-Za-z]+)[ \t]*,?[ \t]*$")


def _group_speaks(window: str, verb: re.Match, named: list[int]) -> bool:
    """True when the noun next to the verb is a group or a document (:data:`GROUP_SPEAKERS`: "her family said",
    "police said", "said the statement"), no person, and no person is named before it (``named``: the persons'
    offsets in ``window``: "Patrol Chief James Hall with the New York Police Department said"); after the verb only
    where no person is named in the window ('," said the New York City police commissioner, William J. Bratton')."""
    if any(at < verb.start() for at in named):
        return False
    before = _ROLE_BEFORE.search(window, 0, verb.start()) or _WORD_BEFORE_VERB.search(window, 0, verb.start())
    if before is not None and before.group(1).lower() in GROUP_SPEAKERS:
        return True
    after = _ROLE_AFTER.match(window, verb.end())
    if named or after is None or window.startswith(("’", "'"), after.end()):
        return False  # "He said his company’s lander": an owner, no speaker
    return after.group(1).lower() in GROUP_SPEAKERS


def _role_in(window: str, verb: re.Match) -> str:
    """The role noun next to the verb ("the prosecutor said", "said her lawyer"), or ""."""
    before = _ROLE_BEFORE.search(window, 0, verb.start())
    after = _ROLE_AFTER.match(window, verb.end())
    for m in (before, after):
        if m is not None and m.group(1).lower() in ROLES:
            return m.group(1).lower()
    return ""


def resolve_role(text: str, pos: int, persons: list[PersonRef], role: str) -> str | None:
    """The person introduced with ``role`` before ``pos`` ("Sonya Zoghlin, Carlineo's attorney,"
    or "prosecutor Jane Doe"): the person named within a few words of the latest mention of the role."""
    for m in reversed(list(re.finditer(rf"\b{re.escape(role)}\b", text[:pos], re.I))):
        near = [
            p for p in persons if abs(p.start - m.end()) < _ROLE_REACH or abs(m.start() - p.end) < _ROLE_REACH
        ]
        near = [p for p in near if p.end <= pos and not _POSSESSOR.match(text, p.end)]
        if near:
            return min(near, key=lambda p: min(abs(p.start - m.end()), abs(m.start() - p.end))).name
    return None


def _nearest(persons: list[PersonRef], verb_start: int, verb_end: int) -> PersonRef:
    return min(persons, key=lambda p: p.start - verb_end if p.start >= verb_end else verb_start - p.end)


def _surname_in(window: str, surnames: dict[str, str]) -> str:
    for word in _CAPITALISED_WORD.findall(window):
        if word in surnames:
            return surnames[word]
    return ""


def _continue(text: str, found: list[_Found]) -> list[Quote]:
    quotes: list[Quote] = []
    last: _Found | None = None
    for q in found:
        body = _clean(text[q.start : q.end])
        starts_paragraph = text[text.rfind("\n", 0, q.open) + 1 : q.open].strip() == ""
        follows = last is not None and (
            q.para == last.para or (starts_paragraph and _next_paragraph(text, last, q))
        )
        if not q.speaker and not q.anonymous and last and last.speaker and follows:
            prev = quotes.pop()
            joiner = " " if prev.text[-1:] in ".!?…" else " … "
            quotes.append(Quote(prev.speaker, f"{prev.text}{joiner}{body}", prev.offset))
            q.speaker = last.speaker
        else:
            quotes.append(Quote(q.speaker, body, q.start))
        last = q
    return quotes


def _next_paragraph(text: str, last: _Found, q: _Found) -> bool:
    """True when ``q`` is in the paragraph right after the one holding ``last`` (blank lines allowed)."""
    between = text[last.close : q.open]
    return "\n" in between and between[between.index("\n") :].strip() == "" and q.para > last.para


def _clean(content: str) -> str:
    return _SPACES.sub(" ", content).strip().rstrip(",").strip()


def _key(text: str) -> str:
    return _NON_WORD.sub("", text.replace("’", "'").lower())


def _dedupe(quotes: list[Quote]) -> list[Quote]:
    ranked = sorted(quotes, key=lambda q: (not q.speaker, -len(q.text)))
    kept: list[Quote] = []
    kept_keys: list[str] = []  # _key of each kept quote, computed once
    for q in ranked:
        key = _key(q.text)
        if not any(key in k for k in kept_keys):
            kept.append(q)
            kept_keys.append(key)
    return sorted(kept, key=lambda q: q.offset)
