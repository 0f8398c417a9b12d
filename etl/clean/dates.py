"""Date parsing for article metadata: machine dates and visible datelines -> ISO 8601 in the page's own time.

``parse_date`` accepts ISO 8601, RFC 2822 and free-text datelines such as
"November 9, 2017 | 01:13 am PT", "Nov. 9, 2017 at 1:13 p.m. EST",
"9 November 2017 10:30 GMT", "09.11.2017, 14:30 Uhr", "18. Januar 2018". Named US
and European zones are understood (PT/ET/CT/MT follow daylight saving; PST, EDT,
CET, CEST, MEZ, BST... are fixed offsets).

Nothing is converted to UTC: the output keeps the wall-clock time and the offset the
page gave (``2018-01-18T00:30:00+01:00``; zero offset written ``Z``), so its first ten
characters are the publisher's calendar day (:func:`day_of`). A date without a time
stays a day (``2018-01-18``), never an instant that a conversion could push into the
day before. A time without a zone gets the offset of ``default_tz`` at that time
(e.g. Europe/Berlin for German pages), or none when no default is known.
Unparsable or implausible input gives None, never an exception.

Machine-written feed and sitemap instants are read by :mod:`etl.core.dates` instead.
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
    "jän": 1,
    "enero": 1,
    "gennaio": 1,
    "feb": 2,
    "february": 2,
    "februar": 2,
    "feber": 2,
    "février": 2,
    "febrero": 2,
    "febbraio": 2,
    "mar": 3,
    "march": 3,
    "märz": 3,
    "maerz": 3,  # German spellings and abbreviations: "Maerz", "Mrz.", "Mär." ("Jän.", "Feber": Austrian)
    "mrz": 3,
    "mär": 3,
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
    r"(?:\s*(?:[|,@·–—-]|at|um|à|a las)?\s*(?P<h>\d{1,2})[:.h](?P<mi>\d{2})(?::(?P<s>\d{2}))?"
    r"\s*(?P<ampm>[ap]\.?\s?m\.?)?(?:\s*uhr)?"
    r"(?:\s*\(?(?:GMT|UTC)\s?(?P<goff>[+-]\d{1,2}(?::?\d{2})?)\)?(?![\d:])"  # GMT+7, UTC+01:00
    r"|\s*\(?(?P<tz>" + _ZONE + r")\)?(?![\w])|\s*(?P<off>[+-]\d{2}:?\d{2}))?)?"
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
        + r")\.?,?\s+(?:del?\s+)?(?P<y>\d{4})"
        + _TIME,
        re.I,
    ),
    # 2017-11-09 14:30 / 2017/11/09
    re.compile(r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)" + _TIME, re.I),
    # 09.11.2017, 14:30 Uhr (day first)
    re.compile(r"(?<![\d.])(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.\s?(?P<y>\d{4})" + _TIME, re.I),
    # 11/09/2017: month first (US), day first when asked (European pages) or when the first is over 12
    re.compile(r"(?<![\d/])(?P<s1>\d{1,2})/(?P<s2>\d{1,2})/(?P<y>\d{4})" + _TIME, re.I),
    # 3/09/15 8:00am: the same with a two-digit year (20yy), as US blogs print it
    re.compile(r"(?<![\d/.])(?P<s1>\d{1,2})/(?P<s2>\d{1,2})/(?P<yy>\d{2})(?![\d/])" + _TIME, re.I),
    # 2015年03月04日 11時13分 JST: Chinese / Japanese (Korean 년 월 일), time in 時/分 or h:mm, optional zone
    re.compile(
        r"(?P<y>\d{4})\s*[年년]\s*(?P<m>\d{1,2})\s*[月월]\s*(?P<d>\d{1,2})\s*[日일]"
        r"(?:\s*(?:[(（][^)）]{1,4}[)）])?\s*(?P<h>\d{1,2})\s*[時时:]\s*(?P<mi>\d{2})\s*分?"
        r"(?:\s*(?P<tz>" + _ZONE + r")(?![\w]))?)?",
        re.I,
    ),
    # 10:01 pm PST, Tuesday, November 19, 2019 (time and zone first)
    re.compile(
        r"(?<!\d)(?P<h>\d{1,2})[:.](?P<mi>\d{2})\s*(?P<ampm>[ap]\.?\s?m\.?)?\s*\(?(?P<tz>" + _ZONE + r")\)?,?\s+"
        r"(?:[a-z]+day,?\s+)?(?P<mon>" + _MONTH + r")\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})",
        re.I,
    ),
]
# "Nov 18", "18. Januar": a printed day without its year (read only next to a machine date of the same day)
_MONTH_DAY = re.compile(
    r"(?:(?<![\w.])(?P<mon>" + _MONTH + r")\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?(?![\d:.])"
    r"|(?<![\d.])(?P<d2>\d{1,2})(?:st|nd|rd|th|er)?\.?\s+(?P<mon2>" + _MONTH + r")\b)",
    re.I,
)
_SHORT_DAY = re.compile(r"^(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<yy>\d{2})$")  # 6.11.22, a whole printed date
_ISO = re.compile(
    r"^\s*\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?\s*$", re.I
)
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_URL_MONTH = re.compile(r"/((?:19|20)\d{2})/(0?[1-9]|1[0-2])/")
_URL_DAY = (
    re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:[/-]|$)"),
    re.compile(r"/((?:19|20)\d{2})/([a-z]{3,9})/(\d{1,2})/", re.I),  # /2019/nov/18/
    re.compile(r"[/_=-]((?:19|20)\d{2})(\d{2})(\d{2})(?:[/_.&-]|$)"),  # also a query's value: hl?a=20170309-358...
    re.compile(r"/((?:19|20)\d{2})/[a-z][a-z_-]{1,30}/(\d{1,2})/(\d{1,2})/", re.I),  # a section first: /2010/POLITICS/08/13/
)
# /meldungen/29-10-2021: day and month before the year, read only when one of them cannot be a month
_URL_DAY_LAST_YEAR = re.compile(r"[/_-](\d{1,2})[-_.](\d{1,2})[-_.]((?:19|20)\d{2})(?:[/_.-]|$)")


def to_iso(dt: datetime, with_time: bool = True) -> str:
    """A datetime as ISO 8601 in its own offset: ``2018-01-18T00:30:00+01:00``.

    Zero offset is written ``Z``; a naive datetime gets no offset; ``with_time=False``
    gives the day only (``2018-01-18``). Seconds precision.
    """
    if not with_time:
        return dt.strftime("%Y-%m-%d")
    text = dt.replace(microsecond=0).isoformat()
    return text[:-6] + "Z" if text.endswith(("+00:00", "-00:00")) else text


def day_of(iso: str | None) -> str | None:
    """The calendar day (``YYYY-MM-DD``) of a value made by this module, in the page's own time; None for None."""
    return iso[:10] if iso and _DAY.match(iso[:10]) else None


def instant_of(iso: str | None) -> datetime | None:
    """The aware UTC instant of an ISO value with a time and an offset; None for days and zone-less times."""
    if not iso or len(iso) <= 10:
        return None
    try:
        dt = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return None
    return dt.astimezone(UTC) if dt.tzinfo is not None else None


def is_utc(iso: str | None) -> bool:
    """True when ``iso`` is a time given in UTC (``Z``): its day may not be the publisher's."""
    return iso is not None and len(iso) > 10 and iso.endswith("Z")


def _zone(name: str | None):
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except Exception:
        return None


def _plausible(dt: datetime) -> bool:
    return 1990 <= dt.year <= datetime.now(UTC).year + 1


def _with_default_zone(dt: datetime, default_tz: str | None) -> datetime:
    """A zone-less wall-clock time placed in ``default_tz`` (unchanged when there is none)."""
    if dt.tzinfo is not None:
        return dt
    zone = _zone(default_tz)
    return dt.replace(tzinfo=zone) if zone else dt


def parse_iso(value: str, default_tz: str | None = None) -> str | None:
    """Parse an ISO 8601 string (a day, or a date-time with or without zone); None if not ISO."""
    if not _ISO.match(value or ""):
        return None
    v = value.strip().replace(" ", "T", 1)
    if v[-1:] in "zZ":
        v = v[:-1] + "+00:00"
    v = re.sub(r"\s+", "", v)
    v = re.sub(r"([+-]\d{2})(\d{2})$", r"\1:\2", v)
    v = re.sub(r"(T[\d:]+)([+-]\d{2})$", r"\1\2:00", v)
    v = re.sub(r"[.,]\d+", "", v)
    try:
        dt = datetime.fromisoformat(v)
    except ValueError:
        return None
    if not _plausible(dt):
        return None
    if len(v) == 10:
        return to_iso(dt, with_time=False)
    return to_iso(_with_default_zone(dt, default_tz))


def parse_date(value, default_tz: str | None = None, day_first: bool = False) -> str | None:
    """Any date string (ISO, RFC 2822, visible dateline) -> ISO 8601 in the page's own time, or None.

    ``day_first``: read a slashed date (``05/11/2019``) day first, as European pages print them
    (machine-written values, such as meta tags, are month first unless that is impossible).
    """
    if not value or not isinstance(value, str):
        return None
    value = value.strip()[:300]
    iso = parse_iso(value, default_tz)
    if iso:
        return iso
    found = find_dateline(value, default_tz, day_first)
    if found:
        return found[0]
    short = _SHORT_DAY.match(value)
    if short:
        built = _build({**short.groupdict(), "y": "20" + short.group("yy")}, default_tz)
        return to_iso(*built) if built else None
    try:
        dt = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if dt and _plausible(dt):
        return to_iso(_with_default_zone(dt, default_tz))
    return None


def find_dateline(text: str, default_tz: str | None = None, day_first: bool = False) -> tuple[str, str] | None:
    """First date (with optional time and zone) printed in ``text``.

    Output: (ISO string in the page's own time -- a day when no time is printed --,
    the matched text as printed) or None.
    """
    best = None
    for pat in _PATTERNS:
        m = pat.search(text)
        if m and (best is None or m.start() < best.start()):
            best = m
    if best is None:
        return None
    built = _build(best.groupdict(), default_tz, day_first)
    if built is None:
        return None
    return to_iso(*built), best.group(0).strip(" |,")


def _build(g: dict, default_tz: str | None, day_first: bool = False) -> tuple[datetime, bool] | None:
    """(datetime, whether a time was printed) from a dateline match's groups; None if invalid."""
    try:
        if g.get("s1"):
            month, day = _slashed(int(g["s1"]), int(g["s2"]), day_first)
        else:
            month = MONTHS[g["mon"].lower().rstrip(".")] if g.get("mon") else int(g["m"])
            day = int(g["d"])
        year = int(g["y"]) if g.get("y") else 2000 + int(g["yy"])
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
    if not g.get("h"):
        return dt, False
    return dt.replace(tzinfo=_printed_zone(g)) if _printed_zone(g) else _with_default_zone(dt, default_tz), True


def _slashed(first: int, second: int, day_first: bool) -> tuple[int, int]:
    """(month, day) of a slashed date: day first when asked or when ``first`` cannot be a month."""
    if first > 12 or (day_first and second <= 12):
        return second, first
    return first, second


def _printed_zone(g: dict):
    """The zone printed after a time (offset or zone name), else None."""
    if g.get("off"):
        off = g["off"].replace(":", "")
        sign = -1 if off[0] == "-" else 1
        return timezone(sign * timedelta(hours=int(off[1:3]), minutes=int(off[3:5])))
    if g.get("goff"):  # "GMT+7", "UTC+5:30", "GMT-05"
        digits = g["goff"][1:].replace(":", "")
        hh, mm = (digits[:-2], digits[-2:]) if len(digits) > 2 else (digits, "0")
        sign = -1 if g["goff"][0] == "-" else 1
        return timezone(sign * timedelta(hours=int(hh), minutes=int(mm))) if int(hh) <= 14 else None
    tz = (g.get("tz") or "").upper()
    if tz in ZONES:
        return ZoneInfo(ZONES[tz])
    if tz in OFFSETS:
        return timezone(timedelta(hours=OFFSETS[tz]))
    return None


def date_from_url(url: str) -> str | None:
    """Day embedded in a URL path (/2017/11/09/, /20171109/, /2017-11-09-, /29-10-2021 when the order
    is unambiguous) or in a query's value (``?a=20170309-35097838``) -> ``YYYY-MM-DD``, or None."""
    for pattern in _URL_DAY:
        m = pattern.search(url or "")
        if not m:
            continue
        month = m.group(2)
        try:
            dt = datetime(int(m.group(1)), int(month) if month.isdigit() else MONTHS[month.lower()], int(m.group(3)))
        except (ValueError, KeyError):
            continue
        return to_iso(dt, with_time=False) if _plausible(dt) else None
    return _url_day_year_last(url or "")


def month_from_url(url: str) -> str | None:
    """The month of a URL path's ``/YYYY/MM/`` folder pair (WordPress's ``/2011/07/slug``) -> ``YYYY-MM``, or None."""
    m = _URL_MONTH.search(url or "")
    return f"{m.group(1)}-{int(m.group(2)):02d}" if m else None


def _url_day_year_last(url: str) -> str | None:
    """The day of a URL's ``DD-MM-YYYY`` / ``MM-DD-YYYY`` part when one number cannot be a month, else None."""
    m = _URL_DAY_LAST_YEAR.search(url)
    if not m:
        return None
    first, second, year = (int(g) for g in m.groups())
    month, day = _slashed(first, second, True)
    if max(first, second) <= 12 or not _valid(year, month, day) or not _plausible(datetime(year, month, day)):
        return None
    return to_iso(datetime(year, month, day), with_time=False)


def printed_month_day(text: str, near_day: str) -> str | None:
    """The calendar day of a date printed without its year ("Posted Nov 18, 8:19 PM") next to a
    machine date: ``YYYY-MM-DD`` with the year that puts it within one day of ``near_day``
    (``YYYY-MM-DD``), or None when ``text`` prints no such day (or one further away)."""
    m = _MONTH_DAY.search(text or "")
    if not m:
        return None
    try:
        month, day = MONTHS[(m.group("mon") or m.group("mon2")).lower()], int(m.group("d") or m.group("d2"))
        near = datetime.strptime(near_day, "%Y-%m-%d")
        found = [datetime(y, month, day) for y in (near.year - 1, near.year, near.year + 1) if _valid(y, month, day)]
    except (KeyError, ValueError):
        return None
    best = min(found, key=lambda d: abs(d - near), default=None)
    return to_iso(best, with_time=False) if best is not None and abs(best - near) <= timedelta(days=1) else None


def _valid(year: int, month: int, day: int) -> bool:
    try:
        datetime(year, month, day)
    except ValueError:
        return False
    return True


def mentions_day(text: str, day: str) -> bool:
    """True when ``text`` prints calendar day ``day`` (``YYYY-MM-DD``) as a whole date, in any of
    the numeric or month-name forms :func:`find_dateline` reads (a bare year or month does not count)."""
    y, m, d = day.split("-")
    mi, di = int(m), int(d)
    names = "|".join(sorted((re.escape(k) for k, v in MONTHS.items() if v == mi), key=len, reverse=True))
    dd, mm = rf"0?{di}", rf"0?{mi}"
    pattern = (
        rf"{y}[-/.]{m}[-/.]{d}(?!\d)|(?<![\d.]){dd}\.\s?{mm}\.\s?{y}|(?<![\d/]){dd}/{mm}/{y}|(?<![\d/]){mm}/{dd}/{y}"
        rf"|(?<!\d){dd}(?:st|nd|rd|th|er|\.)?\s+(?:de\s+)?(?:{names})\.?,?\s+(?:del?\s+)?{y}"
        rf"|(?:{names})\.?\s+{dd}(?:st|nd|rd|th)?,?\s+{y}"
        rf"|{y}\s*年\s*{mm}\s*月\s*{dd}\s*日"  # Chinese / Japanese: 2016年10月14日
    )
    return re.search(pattern, text or "", re.I) is not None
