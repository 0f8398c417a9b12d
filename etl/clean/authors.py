"""Author names and news agencies from bylines and metadata.

``split_byline("By Jane Doe and John Roe, Reuters")`` -> (["Jane Doe", "John Roe"], "Reuters").
Prefixes ("By", "Von", "Par", "Written by", "Текст"...), roles ("Staff Writer",
"Chefredakteur"), e-mail addresses, URLs, dates and times, "Email the author" and agency
names are removed; agencies are returned separately under a canonical short name. A byline
of a collective ("Editorial Staff", "Redaktion", "HNN Staff", "Suedtirol Online") names no
person. Names in any script are accepted (capitalised words, or words of a script without
case); a one-word name ("Regan") only when the caller trusts the source (``single=True``,
e.g. a JSON-LD Person). Never raises.
"""

from __future__ import annotations

import re

from etl.clean.dates import MONTHS

# weekday names that open the date printed after a byline ("By Jane Doe on Monday, November 18th")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "montag", "dienstag",
            "mittwoch", "donnerstag", "freitag", "samstag", "sonnabend", "sonntag", "lundi", "mardi", "mercredi",
            "jeudi", "vendredi", "samedi", "dimanche", "lunes", "martes", "miércoles", "jueves", "viernes",
            "sábado", "domingo")

# canonical agency name -> lower-case spellings
AGENCIES = {
    "Reuters": ("reuters", "thomson reuters", "reuters staff"),
    "AP": ("ap", "associated press", "the associated press", "ap staff"),
    "AFP": ("afp", "agence france-presse", "agence france presse", "afp staff"),
    "dpa": ("dpa", "deutsche presse-agentur", "dpa-afx"),
    "Bloomberg": ("bloomberg", "bloomberg news"),
    "ANSA": ("ansa",),
    "EFE": ("efe", "agencia efe"),
    "Xinhua": ("xinhua", "xinhua news agency"),
    "Kyodo": ("kyodo", "kyodo news"),
    "PA": ("pa", "press association", "pa media", "pa wire"),
    "UPI": ("upi", "united press international"),
    "TASS": ("tass",),
    "Interfax": ("interfax",),
    "Yonhap": ("yonhap", "yonhap news agency"),
    "AAP": ("aap", "australian associated press"),
    "Canadian Press": ("the canadian press", "canadian press"),
    "KNA": ("kna",),
    "epd": ("epd",),
    "APA": ("apa",),
    "SDA": ("sda", "keystone-sda"),
    "Anadolu": ("anadolu", "anadolu agency", "aa"),
    "PTI": ("pti", "press trust of india"),
    "IANS": ("ians",),
    "ANI": ("ani",),
    "Bernama": ("bernama",),
    "Lusa": ("lusa",),
    "Europa Press": ("europa press",),
    "ANP": ("anp",),
    "Belga": ("belga",),
    "NTB": ("ntb",),
    "Ritzau": ("ritzau",),
    "CNA": ("cna",),
    "dts": ("dts", "dts nachrichtenagentur"),
    "SID": ("sid", "sport-informations-dienst"),
}
_AGENCY_OF = {spelling: name for name, spellings in AGENCIES.items() for spelling in spellings}
_AGENCY_IN_TEXT = re.compile(
    r"\((" + "|".join(re.escape(s) for s in sorted(_AGENCY_OF, key=len, reverse=True)) + r")\)", re.I
)
# "Ein Artikel von", "Eine Kolumne von", "A column by": a kind of piece, then its author
BY_PIECE = (r"(?:ein(?:e|en)?|an?)\s+(?:artikel|beitrag|gastbeitrag|kolumne|kommentar|bericht|reportage|essay|"
            r"analyse|rezension|interview|text|article|column|story|post|guest\s+post|review|report|opinion\s+piece)"
            r"\s+(?:von|by)")
_PREFIX = re.compile(
    r"^\s*(?:" + BY_PIECE + r"|(?:written|posted|reported|reporting|compiled|edited|text|story|words|photos?)\s+by|"
    # "Text & Fotos: Ivan Valetny", "Text und Bilder:", "Texte et photos :"
    r"(?:text|texte|texto|words)\s*(?:&|\+|/|und|and|et|y)\s*(?:fotos?|photos?|bilder|bild|images?)\s*:|"
    r"(?:eingestellt|veröffentlicht|geschrieben|verfasst)\s+von|(?:published|posted)\s+by|publié\s+par|"
    r"(?:publicado|escrito)\s+por|"
    r"by|von|par|por|di|door|av|text|texte|texto|tekst|текст|автор|autor(?:in)?|author|from)(?:\s*:?\s+"
    r"|(?<=by|on|ar|or)(?-i:(?=[A-ZÀ-Ý][\w.]+\s)))",  # "ByJ.R. Stone": markup glued the by-word to the name
    re.I,
)
_SPLIT = re.compile(r"\s*(?:,|;|\||/|&|·|•|\s[-–—]\s|\b(?i:and|und|with|mit)\b|\s(?:e|y|et|i|и)\s)\s*")
_ROLE = re.compile(
    r"\b(?:staff|writer|reporter|correspondent|editor|editors|contributor|columnist|journalist|"
    r"producer|photographer|redaktion|newsroom|desk|team|press|news|agency|bureau|updated|published|"
    r"posted|email|e-mail|follow|twitter|author|authors|facebook|more|articles|view|profile|posts|"
    r"mitarbeiter|korrespondent\w*|\w*redakt\w*|chief|senior|political|business|sports?|science|über|about|"
    r"autor\w*|wortlaut|pressemitteilung|interview|gastbeitrag|kommentar|rédaction|redacción|redakcja|"
    r"weitere|artikel|beiträge|sagt|said|says|schreibt|editorial|online|webmaster|wordpress\w*|"
    r"guest|gast|anonym\w*|\w*admin\w*|unknown|unbekannt|name|letters?|leserbrief\w*|data|datum|date|fecha|hace|ago|vor|"
    r"gesponsert\w*|sponsored|anzeige|advertorial|werbung)\b",
    re.I,
)
# a byline of one of these names no person: "Practical Horseman Editorial Staff", "Redaktion", "stol.it / Suedtirol Online"
_COLLECTIVE = re.compile(
    r"\b(?:staff|team|desk|newsroom|bureau|editorial|editors|redaktion\w*|rédaction|redacción|redakcja|online|"
    r"news|media|verlag|zeitung|magazin\w*|illustrierte|program|programme|project|institut\w*|foundation|stiftung|"
    r"department|office|cent(?:er|re)|council|ministry|group|association|verein|\w*verband|gmbh|inc|ltd|llc|"
    r"blog|noticias|nachrichten|actualités|notizie|prensa|presse|press)\b|\be\.\s?V\b|\.\w{2,4}\b|^the\s",
    re.I,
)
_CUT = re.compile(
    r"(?:updated|published|posted on|aktualisiert|veröffentlicht|mis à jour|publié)(?!\s+(?:by|von|par)\b)|\d|"
    # a second credit after the names: "Written by Rob Ewaschuk Edited by Betsy Beyer" (not "Written and edited by")
    r"(?<=\S)(?<!\band)(?<!\bund)\s+(?:edited|reviewed|translated|fact[- ]checked|redigiert|übersetzt)\s+(?:by|von)\b|"
    r"\b(?:said|says|sagt|schreibt)\s*:|"
    r"\b(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?\s+\d|"
    r"\b(?:(?:on|am|le|el|il)\s+)?(?:" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\b",  # "..., Minh Do on Monday"
    re.I,
)
# titles printed before a name ("Dr. Sebastian Brüggemann", "Rechtsanwalt Dennis Tölle"): not part of it
_HONORIFIC = re.compile(r"^(?:(?:dr|prof|mag|dipl\.?-ing|dr\.?-ing|ing|mr|mrs|ms|mme|mlle)\.?\s+|"
                        r"(?:rechtsanw[aä]lt(?:in)?|ra|notar(?:in)?|pfarrer(?:in)?|professor(?:in)?)\s+)+", re.I)
_INNER_BY = re.compile(r"^.*?\s(?i:von|by|par|por|door)\s+(?=[A-ZÀ-Ý])")
_EMAIL_URL = re.compile(r"\S+@\S+|https?://\S+|www\.\S+|@\w+")
# words run together by markup: "LAWLESSAssociated", "Meg JamesStaff" (not "McCoy", "MacArthur", "DeVito")
_GLUED = re.compile(r"(?<=[A-ZÀ-Þ]{2})(?=[A-ZÀ-Þ][a-zß-ÿ])|(?<=[a-zß-ÿ]{3})(?=[A-ZÀ-Þ][a-zß-ÿ])")
_FUNCTION_WORDS = frozenset("the to of for and in on at with from und für im am um con para avec pour sur dans bei".split())
_PARTICLES = frozenset("de da van von der den di du la le bin al el y ter dos das del zu".split())
_TRAILING_AGENCY = re.compile(
    r"\s+(?:" + "|".join(re.escape(s) for s in sorted(_AGENCY_OF, key=len, reverse=True) if len(s) > 3) + r")$",
    re.I,
)


def agency_name(text: str) -> str:
    """Canonical agency for a whole string ("The Associated Press" -> "AP"), else ''."""
    key = re.sub(r"\s+", " ", (text or "").strip().strip(".:()").lower())
    return _AGENCY_OF.get(key, "")


def agency_in_text(text: str) -> str:
    """Agency named in a dateline such as "WASHINGTON (Reuters) -", else ''."""
    m = _AGENCY_IN_TEXT.search(text or "")
    return _AGENCY_OF.get(m.group(1).lower(), "") if m else ""


def _name_token(token: str, lowercase: bool = False) -> bool:
    """A word of a name: a particle, or a capitalised word (letters, dots, apostrophes, hyphens), or a
    word of a script without letter case (or, with ``lowercase``, any word: a user name)."""
    if token.lower() in _PARTICLES:
        return True
    core = token.strip("()\"“”").replace(".", "").replace("'", "").replace("’", "").replace("-", "")  # "(R.J.)"
    return bool(core) and core.isalpha() and (lowercase or token[0].isupper() or not token[0].islower())


def is_person_name(name: str, single: bool = False, lowercase: bool = False) -> bool:
    """Heuristic: 2-5 name words (or one with ``single``), capitalised or caseless (a one-word name
    in any case with ``lowercase``: a user name), no digits, role or function words, collective
    names or acronyms."""
    tokens = name.split()
    if not (1 if single else 2) <= len(tokens) <= 5 or any(ch.isdigit() for ch in name) or _ROLE.search(name):
        return False
    if _COLLECTIVE.search(name) or any(t.lower() in _FUNCTION_WORDS for t in tokens):
        return False
    if tokens[-1].lower() in _PARTICLES or not all(_name_token(t, lowercase and len(tokens) == 1) for t in tokens):
        return False  # "Coordenadoria de"
    return len(tokens) > 1 or (len(name) > 1 and not name.isupper())  # "KWCH" is an acronym


def starts_with_by(text: str) -> bool:
    """True when ``text`` opens with a by-word ("By", "Von", "Par", "Written by", "Text:" ...)."""
    return _PREFIX.match(text or "") is not None


def without_by(text: str) -> str:
    """``text`` without the by-word it opens with ("Eine Kolumne von Nils Pickert" -> "Nils Pickert")."""
    return _PREFIX.sub("", text or "", count=1)


def split_byline(raw, trusted: bool = False) -> tuple[list[str], str]:
    """A byline string (or list of them) -> (person names, agency).

    Input: e.g. "By Jane Doe, John Roe and Reuters staff | Email the author"; ``trusted``: the
    strings come from a source that names authors only (JSON-LD, author meta tags). A one-word
    name counts when a string holds nothing else and is trusted (any case: "flerche") or
    introduced by a by-word ("von David"). Output: de-duplicated names in order, and the
    canonical agency or ''.
    """
    items = raw if isinstance(raw, (list, tuple)) else [raw]
    names: list[str] = []
    agency = ""
    for item in items:
        if not isinstance(item, str):
            continue
        item = _EMAIL_URL.sub(" ", item)
        if " " in item.strip():  # one word alone is a user name ("AMournfulHowlInTheNight"), never glued words
            item = _GLUED.sub(" ", item)
        text = " ".join(_CUT.split(item, maxsplit=1)[0].split())
        by_word = starts_with_by(text)
        text = _PREFIX.sub("", text)
        agency = agency or agency_in_text(text)
        parts = [x for x in _SPLIT.split(text) if x.strip(" .:-–—()'\"")]
        for part in parts:
            name, found = _person_or_agency(part, len(parts) == 1 and (trusted or by_word), trusted)
            agency = agency or found
            if name and not any(n.startswith(name) for n in names):
                names.append(name)
    return names, agency


def _person_or_agency(part: str, single: bool, lowercase: bool) -> tuple[str, str]:
    """One piece of a byline -> (a person name or '', an agency or '')."""
    part = _PREFIX.sub("", part.strip(" .:-–—()'\""))
    if len(part.split()) > 3:
        part = _INNER_BY.sub("", part)
    if not part:
        return "", ""
    ag = agency_name(part) or (agency_name(part.split()[0]) if _ROLE.search(part) else "")
    if ag:
        return "", ag
    trailing = _TRAILING_AGENCY.search(part)
    if trailing:  # "Tom Davies Associated Press"
        ag, part = agency_name(trailing.group().strip()), part[: trailing.start()]
    if part.isupper() and " " in part and len(part) > 4:
        part = part.title()
    part = _HONORIFIC.sub("", part)
    if _COLLECTIVE.search(part):
        return "", ag
    role = _ROLE.search(part)
    if role and role.start() > 0:  # "Jane Doe Senior Writer" -> "Jane Doe" (a single word left is no name)
        part, single = part[: role.start()].strip(" ,.-–—|"), False
    words = part.split()
    while len(words) > 2 and words[-1].isupper() and len(words[-1]) > 1:  # "Kevin McCoy USA TODAY"
        words.pop()
    part = " ".join(words)
    return (part if is_person_name(part, single, lowercase) else ""), ag
