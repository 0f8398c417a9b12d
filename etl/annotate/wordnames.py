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
from etl.annotate.words import (
    AGE_AFTER,
    AUTHORED_WORKS,
    BODY_PARTS,
    COMPANY_NOUNS,
    FAMILY_WORDS,
    JUNK_WORDS,
    KIN_WORDS,
    LIFE_EVENTS,
    OCCUPATIONS,
    PERSON_APPOSITIVE_ROLES,
    PERSON_CUES,
    PERSON_FATES,
    PLAYER_FIRSTS,
    PLAYER_OWNS,
    PRONOUN_SPEECH,
    ROLES,
    SPEECH_AFTER,
    TITLES,
)

#: ", the editor of", ", an Australian driver", ", who", ", chairman of", ", deputy spokesman for": group 1
#: (after an article) or 2 (a bare role and a preposition) is the role noun when there is one.
_APPOSITIVE = re.compile(
    r",[ \t]+(?:who\b|(?:the|a|an|his|her|their)[ \t]+(?:[\w'’.-]+[ \t]+){0,3}?([a-z][a-z-]{2,})\b"
    r"|(?:[a-z][a-z-]+[ \t]+)?([a-z][a-z-]{2,})[ \t]+(?:of|for|at)\b)"
)
#: An appositive's noun phrase (an article or a possessive, up to three words, a lower-case noun) up to its end or a
#: preposition: group 1 is its head noun (", the Japanese prime minister,", ", chairman of", ", the top seed.").
_ROLE_PHRASE = re.compile(
    r",[ \t]+(?:(?:the|a|an|his|her|their)[ \t]+)?(?:[\w'’.-]+[ \t]+){0,3}?([a-z][a-z-]{2,})"
    r"(?=[ \t]*[,.;]|[ \t]+(?:of|for|at|in|to|and|who|from)\b)"
)
_ARTICLE_OPENS = re.compile(r",[ \t]+(?:the|a|an)[ \t]")
#: A US legislator's party and state after a name ("Hagerty (R-Tenn.)", "Vance, R-Ohio,", "Schumer (D-N.Y.)"), or a
#: party's member or a member of a parliament heading an appositive (", a Democrat,", ", the West Virginia
#: Democrat,", ", a Republican from Ohio,", ", the Labour MP for Hackney North,"; not ", a Democratic senator", ", a
#: Republican-led panel": the word must end its phrase).
_PARTY_AFTER = re.compile(
    r"(?:[ \t]*\(|,[ \t]+)[RDI]-[A-Z][A-Za-z.]*(?:[ \t]+[A-Z][A-Za-z.]*)?[),]"
    r"|,[ \t]+(?:a|an|the)[ \t]+(?:[A-Z][\w.'’-]*[ \t]+){0,3}?(?:Democrat|Republican|MP|MEP|MSP|MLA)"
    r"(?=[ \t]*[,.;)]|[ \t]+(?:from|for|of|who|and|in)\b)"
)
_REFLEXIVE = re.compile(r",[ \t]+(?:herself|himself)\b")
#: Roles in an appositive only a person holds: offices, sports positions, relatives, a tournament's seed.
_PERSON_ROLES = PERSON_CUES | OCCUPATIONS | {"seed"}
#: A couple's pair: one capitalised word, "and" or "&", the name at hand ("Beyoncé and " + "Jay-Z"), or the name at
#: hand, "and", one capitalised word.
_PARTNER_BEFORE = re.compile(r"(?<![\w'’-])[A-Z][\w$'’-]*[ \t]+(?:and|&)[ \t]+$")
_PARTNER_AFTER = re.compile(r"[ \t]+(?:and|&)[ \t]+[A-Z][\w$'’-]*(?![\w'’-]|[ \t]+[A-Z])")
_KIN = "|".join(sorted(FAMILY_WORDS | {"baby"}))
#: Later in the pair's sentence, their children: "... arrived with their daughter", "their two kids", "the couple";
#: or "The couple" opening the next sentence.
_COUPLE_AFTER = re.compile(
    rf"[^.!?\n]{{0,80}}?\b(?:their[ \t]+(?:[\w-]+[ \t]+)?(?:(?:{_KIN})s?|children)|the[ \t]+couple)\b"
    r"|[^.!?\n]{0,80}[.!?][ \t]+The[ \t]+couple\b"
    # the pair's children owned by the second name, ending the phrase: "Stephen and Karen's four kids," (not
    # "Johnson and Johnson's baby shampoo")
    rf"|(?:(?<=['’]s)|['’]s)[ \t]+(?:[\w-]+[ \t]+)?(?:(?:{_KIN})s?|children)"
    r"(?=[ \t]*[,.;:!?)]|[ \t]+[A-Z]|[ \t]+(?:was|were|is|are|has|have|had|who|and)\b)"
)
#: Verbs whose subject and object are persons, between two one-word names: "Xi met Biden in California", "Putin
#: spoke with Erdogan" (the model: GPE), "Trump praised Netanyahu for".
_MEETING = r"(?:met(?:[ \t]+with)?|meets|phoned|hugged|kissed|married|(?:spoke|talked)[ \t]+(?:with|to)|praised|thanked)"
_NAME_WORD = r"[A-Z][a-z'’-]+"
#: After the subject: the verb, the object, then a preposition, a conjunction or a clause's end (not "met Google
#: executives": a noun the name modifies).
_OBJECT_END = r"(?:[ \t]+(?:in|on|at|for|and|by|after|during|last|this|to|over|about|before)\b|[,.;:])"
_MET_AFTER = re.compile(rf"[ \t]+{_MEETING}[ \t]+({_NAME_WORD}){_OBJECT_END}")
#: Before the object: the subject (one capitalised word) and the verb.
_MET_BEFORE = re.compile(rf"(?<![\w'’.-]){_NAME_WORD}[ \t]+{_MEETING}[ \t]+$")
_OBJECT_AFTER = re.compile(_OBJECT_END)
#: An actor named right after an appositive's role: the name before it is a character's ("Mia, the actress played by
#: Stone").
_PLAYED_BY = re.compile(r"[ \t]+(?:played|portrayed|voiced)[ \t]+by\b")
#: Roles only before "of", "for", "at" (", head of Microsoft’s Surface devices"): not in ROLES, whose words also
#: stand alone for a person ("the head" may be a body part).
_HEAD_ROLES = frozenset({"head", "co-founder", "cofounder", "boss"})
_SENTENCE_START = re.compile(r"(?:[.!?][\"”’']?[ \t]+|\n[ \t]*)$")
_NEXT_SENTENCE = re.compile(r"[.!?][\"”’']?[ \t]+([A-Z][a-z]*)\b")
_PREV_WORD = re.compile(r"([A-Za-z]+)(\.?)[ \t]+$")
_WORD_COMMA_BEFORE = re.compile(r"(?<![\w-])([a-z][a-z-]+),[ \t]+$")  # "chief executive, " before a name
_BODY = "|".join(sorted(BODY_PARTS, key=len, reverse=True))
_KIN_OWNED = "|".join(sorted(KIN_WORDS | {"girlfriend", "boyfriend", "parents"}, key=len, reverse=True))
#: A life's event ending its phrase ("Murray's retirement in", "Biden's birthday."; not "Nvidia's retirement plan").
_PHRASE_END = r"(?=[ \t]*[,.;:!?)]|[ \t]+(?:in|on|at|to|was|is|has|had|will|and|with|after|before|last|this|next)\b)"
_EVENT = rf"(?:{'|'.join(sorted(LIFE_EVENTS))}){_PHRASE_END}"
_FATE = rf"(?:{'|'.join(sorted(PERSON_FATES))}){_PHRASE_END}"
_UP_TO_TWO = r"[ \t]+(?:[a-z-]+[ \t]+){0,2}?"
#: After a name, what only a person owns: a body part, a work only a person writes, a life's event or a fate owned by
#: the name ("Nadal's left knee", "Langston Hughes's poem", "Murray's retirement in", "Kariuki's arrest on"), or a body
#: part, a life's event or a relative owned by "whose" or by "his"/"her" after one verb ("Bukele, whose wife",
#: "Zelensky thanked his wife", "Alcaraz injured her ankle"). A relative owned by the name is left out: a blog's
#: persona and a film's character have them ("Gulliver's daughter", "Sebastian’s sister").
_WORKS = "|".join(sorted(AUTHORED_WORKS, key=len, reverse=True))
_OWNS_AFTER = re.compile(
    rf"['’]s{_UP_TO_TWO}(?:(?:{_BODY}|{_WORKS})(?![\w'’-])|{_EVENT}|{_FATE})"
    rf"|(?:,[ \t]+whose|[ \t]+[a-z]+[ \t]+(?:his|her)){_UP_TO_TWO}(?:(?:{_BODY}|{_KIN_OWNED})(?![\w'’-])|{_EVENT})"
)
#: Right before a name, a relative or a regime "of" it: "the widow of Desi Bouterse", "the military regime of Desi
#: Bouterse" (ORG), "a son of Srettha Thavisin" (FAC).
_RELATIVE_OF = re.compile(rf"\b(?:{_KIN_OWNED}|regime)[ \t]+of[ \t]+$")
#: What only a player does or suffers after a one-word name (:func:`plays_as_person`): "limped off", "was stretchered
#: off", "converted the penalty", "remains doubtful for", "has been ruled out with" (not "for the season": "Tottenham
#: has been ruled out for the season from European competition"), "won her 90th", "made his debut", "is expected to
#: return from injury", "threw for 300 yards", "hit his 50th"; a performer's ("Adele performed her hit", "Rosalia
#: debuted her new single"). Not "scored", "won", "beat", "remain unbeaten", "was dropped", "released her
#: album": a club's, a company's or a record label's too; not "performed their hit": a band's.
_PLAYS_AFTER = re.compile(
    r"[ \t]+(?:(?:limped|hobbled)[ \t]+off"
    r"|was[ \t]+(?:substituted|stretchered[ \t]+off|sent[ \t]+off|booked|subbed[ \t]+off|carried[ \t]+off)"
    r"|converted[ \t]+(?:the|a|his|her)[ \t]+(?:penalty|spot-kick|free-kick)"
    r"|(?:remains|is|was|looks)[ \t]+(?:a[ \t]+doubt|doubtful)[ \t]+for"
    r"|(?:has[ \t]+been|was|is)[ \t]+ruled[ \t]+out[ \t]+(?:with|for[ \t]+\w+[ \t]+(?:weeks|months))"
    r"|(?:threw|rushed|passed)[ \t]+for[ \t]+\d"
    r"|(?:won|claimed|clinched|scored|made|earned|recorded|secured|notched|bagged|celebrated|hit)[ \t]+(?:his|her)[ \t]+"
    rf"(?:\d+(?:st|nd|rd|th)|{'|'.join(sorted(PLAYER_FIRSTS))})(?![\w'’-])"
    r"|(?:[a-z]+[ \t]+){0,3}?return(?:s|ed|ing)?[ \t]+from[ \t]+(?:[a-z]+[ \t]+){0,2}?injury"
    r"|(?:performed|sang|debuted|rapped)[ \t]+(?:his|her)[ \t]+(?:[a-z-]+[ \t]+){0,2}?"
    r"(?:hit|hits|song|songs|single|album|set|verse|track|anthem|ballad)(?![\w'’-]))"
)
#: Literal pieces of :data:`_PLAYS_AFTER`'s and :data:`_THINKS_AFTER`'s shapes (:func:`player_cues`), each under the
#: lower-case word the text must hold for the piece to be looked for (``str.find`` only then).
_PLAYS_LITERALS: dict[str, tuple[str, ...]] = {
    "limped": (" limped off",),
    "hobbled": (" hobbled off",),
    "stretchered": (" stretchered off",),
    "substituted": (" was substituted",),
    "sent": (" was sent off",),
    "converted": (" converted the penalty", " converted a penalty"),
    "doubtful": (" doubtful for",),
    "doubt": (" a doubt for",),
    "ruled": (" ruled out with",),
    "injury": (" injury",),
    "threw": (" threw for",),
    "rushed": (" rushed for",),
    "born": (" was born ",),
    "married": (" was married",),
    **{
        verb: (f" {verb} his ", f" {verb} her ")
        for verb in ("won", "claimed", "made", "scored", "hit", "performed", "sang", "debuted")
    },
    **{verb: (f" {verb} he ", f" {verb} she ", f" {verb} that ") for verb in ("knew", "thought", "felt", "realised")},
}
#: The lower-case words that open :data:`_PLAYS_LITERALS`' pieces.
PLAYER_WORDS = frozenset(_PLAYS_LITERALS)
_PLAYER_THING = "|".join(sorted(PLAYER_OWNS, key=len, reverse=True))
#: A player's thing after the name's possessive or ", whose", one word allowed between ("Saka's cross", "Isak's late
#: brace", "Salah, whose cross").
_PLAYS_OWNED = re.compile(rf"(?:['’]s|,[ \t]+whose)[ \t]+(?:[a-z-]+[ \t]+)?(?:{_PLAYER_THING})(?![\w'’-])")
#: A player's thing and "from"/"by" right before the name ("a brace from ", "a header by ").
_PLAYS_BEFORE = re.compile(
    rf"(?<![\w-])(?:(?:{_PLAYER_THING})[ \t]+(?:from|by)|(?:headed|nodded|tapped|slotted|turned|poked)[ \t]+(?:in|home)[ \t]+by"
    r"|converted[ \t]+by)[ \t]+$"
)
#: A verb of the mind and "he"/"she" after a name, or a person's marriage or birth ("Rowling knew she was
#: producing", "Prince was married when", "Shakira was born in Barranquilla", "was born to"): what no company or club
#: does (a company "was founded"; not "born in 2009" nor "in the middle of": a coin's or a firm's;
#: :func:`thinks_as_person`).
_THINKS_AFTER = re.compile(
    r"[ \t]+(?:(?:knew|thought|felt|hoped|feared|realised|realized|wondered|recalled|remembered|joked)[ \t]+"
    r"(?:that[ \t]+)?(?:he|she)[ \t]+[a-z]|(?:was|is|got)[ \t]+married\b|was[ \t]+born[ \t]+(?:to[ \t]|in[ \t]+[A-Z]))"
)
_NAME_CHAR = re.compile(r"[\w'’-]")
_REACH = 300  # characters read to find the end of the name's sentence


def acts_as_person(text: str, start: int, end: int) -> bool:
    """True when the text treats the name ``text[start:end]`` as a person's (see the module's doc): an appositive
    with a role, an age or "who" after it, a speech verb and "he"/"she" ("Bola Tinubu said he") or what only a
    person owns ("Chase Elliott injured his knee": :func:`owns_as_person`), its last word alone acting as a person
    elsewhere, or a "He"/"She" opening the sentence after the one it opens. Never raises."""
    words = text[start:end].split()
    if len(words) < 2:
        return False
    return (
        appositive(text, end)
        or bool(PRONOUN_SPEECH.match(text, end))
        or owns_as_person(text, end)
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


def speaks_as_person(text: str, word: str) -> bool:
    """True when the one word ``word`` (a name), standing alone somewhere in ``text``, speaks as a person there
    (:func:`speaks_after`) or thinks as one (:func:`thinks_as_person`: "Rowling knew she"). Never raises."""
    return any(speaks_after(text, at + len(word)) or thinks_as_person(text, at + len(word)) for at in _alone(text, word))


def speaks_after(text: str, end: int) -> bool:
    """True when a speech verb and "he" or "she" follow a name ending at ``end`` ("Swiatek said she was",
    :data:`PRONOUN_SPEECH`), or an appositive with an age or a person's role (:func:`person_appositive`: "Kishida,
    the Japanese prime minister,"); False for "Nvidia said it" or "Gannett, the owner of"."""
    return bool(PRONOUN_SPEECH.match(text, end)) or person_appositive(text, end)


def person_appositive(text: str, end: int) -> bool:
    """An age or a role only a person holds (:data:`_PERSON_ROLES`: an office, a sports position or seed, a
    relative) ending the noun phrase of an appositive right after ``end`` (", 66, said", ", the Japanese prime
    minister,", ", the top seed,", ", chairman of"), or "herself"/"himself" opening it (", herself a one-time
    revolutionary"), or a legislator's party and state or a party's member (:data:`_PARTY_AFTER`: "Hagerty
    (R-Tenn.)", ", a Democrat,"); not the roles a company holds too (", the owner of", ", the biggest player in")."""
    if AGE_AFTER.match(text, end) or _REFLEXIVE.match(text, end) or _PARTY_AFTER.match(text, end):
        return True
    m = _ROLE_PHRASE.match(text, end)
    return m is not None and m.group(1) in _PERSON_ROLES


def person_role_after(text: str, end: int) -> bool:
    """True when a comma right after ``end`` opens a clause with "who" (", who runs the firm,") or an appositive
    with an age or a role only a person holds (:data:`PERSON_APPOSITIVE_ROLES`: ", the chief executive of", ", 34,");
    False for ", the owner of", ", the investment bank,". The comma is looked at first. Never raises."""
    if not text.startswith(",", end):
        return False
    if text.startswith(", who ", end) or AGE_AFTER.match(text, end):
        return True
    m = _ROLE_PHRASE.match(text, end)
    return m is not None and m.group(1) in PERSON_APPOSITIVE_ROLES


def person_role_before(text: str, start: int) -> bool:
    """True when a role only a person holds (:data:`PERSON_APPOSITIVE_ROLES`) and a comma stand right before
    ``start`` ("The company's chief executive, Shou Chew, said", "hosted by media mogul, Debola Lagos."); False for
    "the owner, " or "the bank, ". The comma is looked at first. Never raises."""
    if not text.endswith(", ", 0, start):
        return False
    m = _WORD_COMMA_BEFORE.search(text, max(0, start - 30), start)
    return m is not None and m.group(1) in PERSON_APPOSITIVE_ROLES


def owns_as_person(text: str, end: int) -> bool:
    """True when what only a person owns follows a name ending at ``end`` (:data:`_OWNS_AFTER`: "Nadal's left
    knee", "Bukele, whose wife", "Zelensky thanked his wife"); False for "Apple's chip arm", "Google thanked its
    staff", "Sebastian’s sister". Never raises."""
    return _OWNS_AFTER.match(text, end) is not None


def plays_as_person(text: str, start: int, end: int) -> bool:
    """True when the one-word name ``text[start:end]`` does or owns what only a player does (:data:`_PLAYS_AFTER`:
    "Stones remains doubtful for", "Kane converted the penalty", "Shiffrin won her 90th race"; :data:`_PLAYS_OWNED`:
    "Saka's cross"; :data:`_PLAYS_BEFORE`: "a brace from Isak"); False for "Arsenal won the match", "Leeds remain
    unbeaten", "Arsenal's goal". Each shape is tested by a character or ``str.endswith`` before its regex. Never
    raises."""
    after = text[end : end + 1]
    if after and after in "'’," and _PLAYS_OWNED.match(text, end):
        return True
    if after and after in " \t" and _PLAYS_AFTER.match(text, end):
        return True
    if not (text.endswith(" by ", 0, start) or text.endswith(" from ", 0, start)):
        return False
    return _PLAYS_BEFORE.search(text, max(0, start - 24), start) is not None


def player_cues(text: str, words: set[str] | frozenset[str]) -> list[int]:
    """Offsets in ``text`` of the literal pieces of what only a player does (" limped off", " made his ", " injury";
    ``str.find``, no regex) whose word is among ``words`` (the text's lower-case words), in order: where a name the
    model left unlabelled may end before. Never raises."""
    return sorted(
        at for word in PLAYER_WORDS.intersection(words) for literal in _PLAYS_LITERALS[word] for at in offsets(text, literal)
    )


def thinks_as_person(text: str, end: int) -> bool:
    """True when a verb of the mind and "he"/"she", or "was married"/"was born to", follow a name ending at ``end``
    (:data:`_THINKS_AFTER`: "Rowling knew she was", "Prince was married when he died"); False for "Apple knew it
    was", "Google thought the deal". Never raises."""
    return text[end : end + 1] == " " and _THINKS_AFTER.match(text, end) is not None


def relative_of(text: str, start: int) -> bool:
    """True when a relative or a regime "of" stands right before ``start`` ("the widow of ", "the military regime of
    "); False for "the minister of ". What follows is the caller's to check. Never raises."""
    return text.endswith("of ", 0, start) and _RELATIVE_OF.search(text, max(0, start - 20), start) is not None


def company_appositive(text: str, end: int) -> bool:
    """A company noun (:data:`COMPANY_NOUNS`) heading the noun phrase of an appositive right after ``end`` (",
    the department store chain,", ", a luxury brand."); not a person's role in the company (", the firm's founder,",
    ", a partner at the firm,"), nor one after a possessive ("Taylor Swift, her former record label, and": a list)."""
    m = _ROLE_PHRASE.match(text, end)
    return m is not None and m.group(1) in COMPANY_NOUNS and _ARTICLE_OPENS.match(text, end) is not None


def couple_member(text: str, start: int, end: int) -> bool:
    """True when the one-word name ``text[start:end]`` is one of a pair joined by "and" whom their sentence then
    gives children or calls a couple: "Beyoncé and Jay-Z arrived with their daughter Blue Ivy", "Kim and Kanye
    ... the couple", "Stephen and Karen's four kids,"; not "Apple and Google said their profits rose". Never
    raises."""
    partner = _PARTNER_AFTER.match(text, end)
    after = partner.end() if partner is not None else end
    if partner is None and not _PARTNER_BEFORE.search(text, max(0, start - 40), start):
        return False
    return _COUPLE_AFTER.match(text, after) is not None


def meets_as_person(text: str, start: int, end: int) -> bool:
    """True when the one-word name ``text[start:end]`` is the subject or the object of a verb only persons take
    between two one-word names ("Xi met Biden in California", "Putin spoke with Erdogan,", "Trump praised Netanyahu
    for"); not "met Google executives", "the minister met with Pfizer" (no name for a subject)."""
    after = _MET_AFTER.match(text, end)
    if after is not None and after.group(1).lower() not in JUNK_WORDS:  # not "The Fed met Tuesday and"
        return True
    return bool(_OBJECT_AFTER.match(text, end)) and bool(_MET_BEFORE.search(text, max(0, start - 40), start))


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


def speaks_then_pronoun(text: str, start: int, end: int) -> bool:
    """True when the name ``text[start:end]`` opens its sentence, a speech verb follows it and the next sentence
    opens with "He" or "She" ("Tinubu said the subsidy was gone. He added that ..."); False for "Pfizer said the
    vaccine was safe. It added" or a name inside its sentence. Never raises."""
    return SPEECH_AFTER.match(text, end) is not None and _pronoun_follows(text, start, end)


def _pronoun_follows(text: str, start: int, end: int) -> bool:
    """The name opens its sentence and the next sentence opens with "He" or "She"."""
    if start and not _SENTENCE_START.search(text, max(0, start - 4), start):
        return False
    m = _NEXT_SENTENCE.search(text, end, end + _REACH)
    return m is not None and m.group(1) in ("He", "She")
