"""Person clusters that name no person: outlets, works, products and headline words.

The model tags newspapers ("Miami Herald"), fact-checkers ("Full Fact"), film titles
("Mary Poppins"), products ("the Chrome browser") and all-caps sub-headings ("WILL
SOMEONE STAND UP") as PERSON. These rules read the cluster's name and the text around
its mentions; they never look at a particular name.
"""

from __future__ import annotations

import re

from etl.annotate.canonical import Cluster

#: Last words that make a name an outlet or organization ("Miami Herald", "Full Fact").
ORG_END_WORDS = frozenset(
    """herald courant tribune gazette chronicle telegraph examiner courier daily times post news
    journal observer inquirer register dispatch bulletin fact check network group inc corp ltd llc
    plc foundation institute magazine weekly wire press zeitung newsroom medical""".split()
)
#: Nouns that, right after a name, show it names a thing ("Chrome browser", "Blue Moon lander").
THING_NOUNS = frozenset(
    """browser app apps lander rocket spacecraft satellite rover prison jail console phone phones
    smartphone tablet laptop device devices vehicle vehicles car cars sedan suv truck engine chip
    chips software platform brand brands franchise sneakers""".split()
)
#: Words that, right before a quoted or bare title, make it a work ("the film 'Mary Poppins'").
WORK_CUES = frozenset(
    """film films movie movies book books novel novels series show shows song songs album albums
    single musical play sitcom documentary episode podcast game games character characters""".split()
)
_OPEN_QUOTES = "\"“‘'«"
_CLOSE_QUOTES = "\"”’'»"
_PREV_WORD = re.compile(r"([A-Za-z]+)[ \t]*[\"“‘'«]?[ \t]*$")


def retype_persons(clusters: list[Cluster], text: str) -> None:
    """Correct the type of person clusters in place: outlet names and lone words the model also
    read as ORG become organizations; works, products and headline words become "work" (a type
    that yields no facet).

    Input: clusters of one document and the annotated text their offsets point into.
    Output: None (``cluster.type`` changed). Never raises.
    """
    for cluster in clusters:
        if cluster.type != "person" or cluster.from_alias:
            continue
        words = cluster.name.split()
        if len(words) >= 2 and words[-1].lower().strip(".,") in ORG_END_WORDS:
            cluster.type = "organization"
        elif len(words) == 1 and cluster.votes()["organization"]:
            cluster.type = (
                "organization"  # "chains Gannett and GateHouse Media": a lone word also read as ORG
            )
        elif all(_not_a_person(text, m.start, m.end) for m in cluster.mentions):
            cluster.type = "work"


def _not_a_person(text: str, start: int, end: int) -> bool:
    """True when one mention reads as a work, a product or a headline word."""
    return _quoted_title(text, start, end) or _thing_modifier(text, end) or _caps_only(text, start, end)


def _quoted_title(text: str, start: int, end: int) -> bool:
    """The whole mention in quote marks ("“Mary Poppins” and “Bambi”"), or after a work cue
    ("the film Mary Poppins")."""
    before, after = text[start - 1 : start], text[end : end + 2]
    closed = after[:1] in _CLOSE_QUOTES or (after[:1] in ",." and after[1:2] in _CLOSE_QUOTES)
    if before and before in _OPEN_QUOTES and closed:
        return True
    m = _PREV_WORD.search(text, max(0, start - 20), start)
    return m is not None and m.group(1).lower() in WORK_CUES


def _thing_modifier(text: str, end: int) -> bool:
    """The name modifies a thing noun right after it ("the Chrome browser", "its Blue Moon lander")."""
    m = re.match(r"[ \t]+([a-z]+)\b", text[end : end + 20])
    return m is not None and m.group(1) in THING_NOUNS


def _caps_only(text: str, start: int, end: int) -> bool:
    """An all-caps mention ("WILL SOMEONE") whose name never appears in normal case in the text."""
    surface = text[start:end]
    if not surface.isupper() or len(surface.replace(" ", "")) < 4:
        return False
    return not any(not m.group().isupper() for m in re.finditer(re.escape(surface), text, re.I))
