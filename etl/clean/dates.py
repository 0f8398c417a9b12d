"""Date parsing for article metadata: machine dates and visible datelines -> UTC ISO 8601.

``parse_date`` accepts ISO 8601, RFC 2822 and free-text datelines such as
"November 9, 2017 | 01:13 am PT", "Nov. 9, 2017 at 1:13 p.m. EST",
"9 November 2017 10:30 GMT", "09.11.2017, 14:30 Uhr". Named US and European
zones are understood (PT/ET/CT/MT follow daylight saving; PST, EDT, CET, CEST,
MEZ, BST... are fixed offsets). A time without a zone is read in ``default_tz``
(UTC unless the caller knows better, e.g. Europe/Berlin for German pages).
Output is ``YYYY-MM-DDTHH:MM:SSZ`` (UTC); unparsable input gives None, never an
exception.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo

UTC = timezone.utc
# generic names follow daylight saving time
ZONES = {
    "PT": "America/Los_Angeles",
    "ET": "America/New_York",
    "CT": "America/Chicago",
    "MT": "America/Denver",
    "UK": "Europe/London",
    "MEZ/MESZ": "Europe/Berlin",
}
OFFSETS = {  # hours east of UTC
    "UTC": 0,
    "GMT": 0,
    "Z": 0,
    "WET": 0,
    "WEST": 1,
    "BST": 1,
    "CET": 1,
    "CEST": 2,
    "MEZ": 1,
    "MESZ": 2,
    "EET": 2,
    "EEST": 3,
    "MSK": 3,
    "PST": -8,
    "PDT": -7,
    "MST": -7,
    "MDT": -6,
    "CST": -6,
    "CDT": -5,
    "EST": -5,
    "EDT": -4,
    "AKST": -9,
    "AKDT": -8,
    "HST": -10,
    "AST": -4,
    "ADT": -3,
    "JST": 9,
    "KST": 9,
    "HKT": 8,
    "SGT": 8,
    "ICT": 7,
    "WIB": 7,
    "AEST": 10,
    "AEDT": 11,
    "ACST": 9.5,
    "AWST": 8,
    "NZST": 12,
    "NZDT": 13,
    "IST": 5.5,
}
MONTHS = {
    "jan": 1,
    "january": 1,
    "januar": 1,
    "janvier": 1,
    "jänner": 1,
    "enero": 1,
    "gennaio": 1,
    "feb": 2,
    "february": 2,
    "februar": 2,
    "février": 2,
    "febrero": 2,
    "febbraio": 2,
    "mar": 3,
    "march": 3,
    "märz": 3,
    "mars": 3,
    "marzo": 3,
    "apr": 4,
    "april": 4,
    "avril": 4,
    "abril": 4,
    "aprile": 4,
    "may": 5,
    "mai": 5,
    "mayo": 5,
    "maggio": 5,
    "jun": 6,
    "june": 6,
    "juni": 6,
    "juin": 6,
    "junio": 6,
    "giugno": 6,
    "jul": 7,
    "july": 7,
    "juli": 7,
    "juillet": 7,
    "julio": 7,
    "luglio": 7,
    "aug": 8,
    "august": 8,
    "août": 8,
    "agosto": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "septembre": 9,
    "septiembre": 9,
    "settembre": 9,
    "oct": 10,
    "october": 10,
    "okt": 10,
    "oktober": 10,
    "octobre": 10,
    "octubre": 10,
    "ottobre": 10,
    "nov": 11,
    "november": 11,
    "novembre": 11,
    "noviembre": 11,
    "dec": 12,
    "december": 12,
    "dez": 12,
    "dezember": 12,
    "décembre": 12,
    "diciembre": 12,
    "dicembre": 12,
}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_ZONE = "|".join(sorted(set(OFFSETS) | set(ZONES) | {"MEZ", "MESZ"}, key=len, reverse=True))
_TIME = (
    r"(?:\s*(?:[|,@·–-]|at|um|à|a las)?\s*(?P<h>\d{1,2})[:.h](?P<mi>\d{2})(?::(?P<s>\d{2}))?"
    r"\s*(?P<ampm>[ap]\.?\s?m\.?)?(?:\s*uhr)?"
    r"(?:\s*\(?(?P<tz>" + _ZONE + r")\)?(?![\w])|\s*(?P<off>[+-]\d{2}:?\d{2}))?)?"
)
_PATTERNS = [
    # November 9, 2017 | 01:13 am PT
    re.compile(
        r"(?P<mon>" + _MONTH + r")\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})" + _TIME, re.I
    ),
    # 9 November 2017 / 9. November 2017
    re.compile(
        r"(?P<d>\d{1,2})(?:st|nd|rd|th|er)?\.?\s+(?:de\s+)?(?P<mon>"
        + _MONTH
        + r")\.?,?\s+(?:de\s+)?(?P<y>\d{4})"
        + _TIME,
        re.I,
    ),
    # 2017-11-09 14:30 / 2017/11/09
    re.compile(r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)" + _TIME, re.I),
    # 09.11.2017, 14:30 Uhr (day first)
    re.compile(r"(?<![\d.])(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.\s?(?P<y>\d{4})" + _TIME, re.I),
    # 11/09/2017 (US month first)
    re.compile(r"(?<![\d/])(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4})" + _TIME, re.I),
]
_ISO = re.compile(
    r"^\s*\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?\s*$", re.I
)


def to_iso(dt: datetime, default_tz: str | None = None) -> str:
    """Aware (or naive, read in ``default_tz``/UTC) datetime -> 'YYYY-MM-DDTHH:MM:SSZ'."""
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=_zone(default_tz))
    return dt.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def _zone(name: str | None):
    if not name:
        return UTC
    try:
        return ZoneInfo(name)
    except Exception:
        return UTC


def _plausible(dt: datetime) -> bool:
    return 1990 <= dt.year <= datetime.now(UTC).year + 1


def parse_iso(value: str, default_tz: str | None = None) -> str | None:
    """Parse an ISO 8601 string (date, or date-time with or without zone); None if not ISO."""
    if not _ISO.match(value or ""):
        return None
    v = value.strip().replace(" ", "T", 1)
    if v[-1:] in "zZ":
        v = v[:-1] + "+00:00"
    v = re.sub(r"([+-]\d{2})(\d{2})$", r"\1:\2", v)
    v = re.sub(r"[.,]\d+", "", v)
    try:
        dt = datetime.fromisoformat(v)
    except ValueError:
        return None
    return to_iso(dt, default_tz) if _plausible(dt) else None


def parse_date(value, default_tz: str | None = None) -> str | None:
    """Any date string (ISO, RFC 2822, visible dateline) -> UTC ISO 8601, or None."""
    if not value or not isinstance(value, str):
        return None
    value = value.strip()[:300]
    iso = parse_iso(value, default_tz)
    if iso:
        return iso
    found = find_dateline(value, default_tz)
    if found:
        return found[0]
    try:
        dt = parsedate_to_datetime(value)
        if dt and _plausible(dt):
            return to_iso(dt, default_tz)
    except (TypeError, ValueError, IndexError):
        pass
    return None


def find_dateline(text: str, default_tz: str | None = None) -> tuple[str, str] | None:
    """First date (with optional time and zone) printed in ``text``.

    Output: (UTC ISO string, the matched text as printed) or None.
    """
    best = None
    for pat in _PATTERNS:
        m = pat.search(text)
        if m and (best is None or m.start() < best.start()):
            best = m
    if best is None:
        return None
    dt = _build(best.groupdict(), default_tz)
    if dt is None:
        return None
    return to_iso(dt), best.group(0).strip(" |,")


def _build(g: dict, default_tz: str | None) -> datetime | None:
    try:
        month = MONTHS[g["mon"].lower().rstrip(".")] if g.get("mon") else int(g["m"])
        day, year = int(g["d"]), int(g["y"])
        hour = int(g["h"]) if g.get("h") else 0
        minute = int(g["mi"]) if g.get("mi") else 0
        second = int(g["s"]) if g.get("s") else 0
        ampm = (g.get("ampm") or "").lower().replace(".", "").replace(" ", "")
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
        dt = datetime(year, month, day, hour, minute, second)
    except (KeyError, ValueError, TypeError):
        return None
    if not _plausible(dt):
        return None
    tz = (g.get("tz") or "").upper()
    if g.get("off"):
        off = g["off"].replace(":", "")
        sign = -1 if off[0] == "-" else 1
        delta = timedelta(hours=int(off[1:3]), minutes=int(off[3:5]))
        return dt.replace(tzinfo=timezone(sign * delta))
    if tz in ZONES:
        return dt.replace(tzinfo=ZoneInfo(ZONES[tz]))
    if tz in OFFSETS:
        return dt.replace(tzinfo=timezone(timedelta(hours=OFFSETS[tz])))
    return dt.replace(tzinfo=_zone(default_tz))


def date_from_url(url: str) -> str | None:
    """Date embedded in a URL path (/2017/11/09/, /20171109/, /2017-11-09-) -> ISO, or None."""
    m = re.search(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:[/-]|$)", url or "") or re.search(
        r"[/_-]((?:19|20)\d{2})(\d{2})(\d{2})(?:[/_.-]|$)", url or ""
    )
    if not m:
        return None
    try:
        dt = datetime(int(m.group(1)), int(m.group(2)), int(m.group(3)), tzinfo=UTC)
    except ValueError:
        return None
    return to_iso(dt) if _plausible(dt) else None
