"""Author names and news agencies from bylines and metadata.

``split_byline("By Jane Doe and John Roe, Reuters")`` -> (["Jane Doe", "John Roe"], "Reuters").
Prefixes ("By", "Von", "Par", "Written by"...), roles ("Staff Writer"), e-mail
addresses, URLs, "Email the author" and agency names are removed; agencies are
returned separately under a canonical short name. Never raises.
"""

from __future__ import annotations

import re

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
}
_AGENCY_OF = {spelling: name for name, spellings in AGENCIES.items() for spelling in spellings}
_AGENCY_IN_TEXT = re.compile(
    r"\((" + "|".join(re.escape(s) for s in sorted(_AGENCY_OF, key=len, reverse=True)) + r")\)", re.I
)
_PREFIX = re.compile(
    r"^\s*(?:(?:written|posted|reported|reporting|compiled|edited|text|story|words|photos?)\s+by|"
    r"by|von|par|por|di|door|av|text|autor(?:in)?|author|from)\s*:?\s+",
    re.I,
)
_SPLIT = re.compile(r"\s*(?:,|;|\||/|&|\s[-–—]\s|\b(?i:and|und|with|mit)\b|\s(?:e|y|et)\s)\s*")
_ROLE = re.compile(
    r"\b(?:staff|writer|reporter|correspondent|editor|editors|contributor|columnist|journalist|"
    r"producer|photographer|redaktion|newsroom|desk|team|press|news|agency|bureau|updated|published|"
    r"posted|email|e-mail|follow|twitter|author|authors|facebook|more|articles|view|profile|"
    r"mitarbeiter|korrespondent|redakteur|chief|senior|political|business|sports?|science|über|about|"
    r"autor\w*|wortlaut|pressemitteilung|interview|gastbeitrag|kommentar|rédaction)\b",
    re.I,
)
_INNER_BY = re.compile(r"^.*?\s(?:von|by|par|por|door)\s+(?=[A-ZÀ-Ý])")
_EMAIL_URL = re.compile(r"\S+@\S+|https?://\S+|www\.\S+|@\w+")
_NAME_TOKEN = re.compile(r"^[A-ZÀ-ÖØ-ÞĀ-Ž][\w.'’-]*$|^(?:de|da|van|von|der|den|di|du|la|le|bin|al|el|y|ter)$")


def agency_name(text: str) -> str:
    """Canonical agency for a whole string ("The Associated Press" -> "AP"), else ''."""
    key = re.sub(r"\s+", " ", (text or "").strip().strip(".:()").lower())
    return _AGENCY_OF.get(key, "")


def agency_in_text(text: str) -> str:
    """Agency named in a dateline such as "WASHINGTON (Reuters) -", else ''."""
    m = _AGENCY_IN_TEXT.search(text or "")
    return _AGENCY_OF.get(m.group(1).lower(), "") if m else ""


def is_person_name(name: str) -> bool:
    """Heuristic: 2-5 capitalised tokens (particles allowed), no digits or role words."""
    tokens = name.split()
    if not 1 < len(tokens) <= 5 or any(ch.isdigit() for ch in name) or _ROLE.search(name):
        return False
    return all(_NAME_TOKEN.match(t) for t in tokens) and sum(t[:1].isupper() for t in tokens) >= 2


def split_byline(raw) -> tuple[list[str], str]:
    """A byline string (or list of them) -> (person names, agency).

    Input: e.g. "By Jane Doe, John Roe and Reuters staff | Email the author".
    Output: de-duplicated names in order, and the canonical agency or ''.
    """
    items = raw if isinstance(raw, (list, tuple)) else [raw]
    names: list[str] = []
    agency = ""
    for item in items:
        if not isinstance(item, str):
            continue
        text = _EMAIL_URL.sub(" ", item)
        text = re.split(
            r"\b(?:updated|published|posted on|aktualisiert|veröffentlicht)\b|\d{1,2}[:.]\d{2}|"
            r"\b(?:19|20)\d{2}\b",
            text,
            maxsplit=1,
            flags=re.I,
        )[0]
        text = _PREFIX.sub("", " ".join(text.split()))
        found = agency_in_text(text)
        agency = agency or found
        for part in _SPLIT.split(text):
            part = _PREFIX.sub("", part.strip(" .:-–—()'\""))
            if len(part.split()) > 3:
                part = _INNER_BY.sub("", part)
            if not part:
                continue
            if part.isupper() and len(part) > 4:
                part = part.title()
            ag = agency_name(part) or (agency_name(part.split()[0]) if _ROLE.search(part) else "")
            if ag:
                agency = agency or ag
                continue
            role = _ROLE.search(part)
            if role and role.start() > 0:  # "Jane Doe Senior Writer" -> "Jane Doe"
                part = part[: role.start()].strip(" ,.-–—|")
            if is_person_name(part) and not any(part.startswith(n) for n in names):
                names.append(part)
    return names, agency
