"""Publication and modification dates with provenance, in the publisher's own time.

Candidates (:class:`Found`), each an ISO value from :mod:`etl.clean.dates` (a day, or a time
with the offset the page gave) and the name of its source:

- declared: JSON-LD ``datePublished``/``dateCreated``/``dateModified`` (``json-ld``),
  ``article:*``/``og:*`` tags (``opengraph``), other ``<meta>`` tags (``meta``);
- marked: ``<time>`` elements and ``itemprop`` dates (``time``), datelines in date-classed
  elements (``text``), none from a site header or menu, a list of other articles or reader
  comments (:func:`marked`);
- the day in the URL path (``url``);
- printed datelines without markup (``text``): a labelled one ("Erschienen am", "Published on",
  "Publié le") or an element right after an ``<h1>`` that holds only a date
  (:func:`printed_dateline`), where nothing above gives a date;
- ``htmldate`` (its fast mode, then its extensive mode), only where none of the above gives a
  date (and, where ours end with no day at all, :func:`_fallback`: its extensive day unless the page neither
  prints nor declares that day -- a copyright year or a month padded to a day, an image's file name -- or prints it
  only as a citation's access date, aside or in the site's banner): where ours disagree, htmldate mostly repeats one of them (the URL's day, a meta tag,
  often the modified date), so disagreements are settled by the rules of :func:`find_dates`.
  A day the page prints only aside from its article (a reader comment's date, a "last updated"
  footer, a sidebar's list of recent posts) is not taken from its fast mode. Its extensive mode guesses from any date in
  the page (a "last updated" footer, a date cited in the text, a teaser's date): its answer counts
  only when the page prints that day next to a main heading, or anywhere on a page without one
  (:func:`printed_near_headline`).

A day resting on a weak source alone (``htmldate``, a JSON-LD ``WebPage`` that is no Article) is dropped unless
the page declares itself an article or prints the day by its heading, in its title or URL (:func:`weak_unconfirmed`).

A chosen day the page does not confirm (not printed by its heading outside an "Updated ..." mention, nor in
its title or URL) gives way to an earlier date printed by the heading: a printed or marked dateline, or
htmldate's fast answer (:func:`_earlier_dateline`; session 5, second pass, with the classes of
``tests/test_clean_dates_classes.py``).

See :func:`find_dates` for how they are weighed.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo

import htmldate
import htmldate.extractors
from lxml import etree

from etl.clean import dates
from etl.clean.dom import INVISIBLE_TAGS, visible_text
from etl.clean.meta.headline import headings
from etl.clean.meta.sources import (
    ARTICLE_TYPES,
    MAX_CANDIDATES,
    OTHER_ARTICLES,
    comment_block,
    in_comments,
    ld_str,
    ld_types,
    txt,
)

log = logging.getLogger(__name__)

PUBLISHED_META = (
    "datepublished",
    "pubdate",
    "publishdate",
    "publish_date",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
    "publish-date",
    "og:published_time",
    "article.published",
    "originalpublicationdate",
)
MODIFIED_META = ("datemodified", "last-modified", "dcterms.modified")
HTMLDATE_MAX_CHARS = 1_000_000  # htmldate reads at most this much of a page (its extensive search is ~0.5 s/MB)
# UTC wall-clock times that are a day's midnight at +02:00 / +01:00 (a date-only value a CMS converted to UTC)
_MIDNIGHT_UTC = frozenset({(22, 0, 0), (23, 0, 0)})
SAME_INSTANT = timedelta(minutes=2)  # two times this close are one publication time written twice
_EARLIEST_UTC_OFFSET, _LATEST_UTC_OFFSET = timedelta(hours=-12), timedelta(hours=14)
_DATE_CLASS = re.compile(r"date|time|publish|posted|dateline|meta|datum|fecha", re.I)  # datum: de, nl, sv; fecha: es
_TODAY = re.compile(r"now|today|current|heute|aujourd|clock|weather|wetter", re.I)  # the day of reading, not of writing
_TEXT_TAGS = frozenset({"span", "div", "p", "small", "li"})
_TIME_ATTRS = ("datetime", "data-published")  # attributes of a <time> holding its instant
# markup naming a date the page's last change, unless it also says published ("entry-date published updated")
_MODIFIED_MARK = re.compile(r"modif|updated|last-?change|aktualisiert", re.I)
_PUBLISHED_MARK = re.compile(r"publi|posted|created|entry-date", re.I)
# a <time> printing one of these before its date is the page's last change ("Last updated September 14, 2016")
_UPDATED_OPENING = re.compile(r"^\W*(?:last\s+(?:updated|modified|changed)|updated|modified|aktualisiert|zuletzt\s+\w+"
                              r"|(?:dernière\s+)?mise\s+à\s+jour|mis\s+à\s+jour)\b", re.I)
# a dateline printed after one of these is the last change of the page, not its publication
_UPDATE_LABEL = re.compile(r"(?:last\s+(?:updated|modified|changed|reviewed)|zuletzt\s+(?:geändert|aktualisiert|bearbeitet)"
                           r"|letzte\s+(?:änderung|aktualisierung)|(?:dernière\s+)?mise\s+à\s+jour)\W*(?:on|am|le)?\W*$", re.I)
# a last-change label and the date after it ("Last updated: 13 July 2020", "zuletzt am 29. Januar 2020 ... geändert")
_UPDATED_DAY = re.compile(r"(?:last\s+(?:updated|modified|changed|reviewed)|zuletzt\s+(?:am\b|geändert|aktualisiert|bearbeitet)"
                          r"|letzte\s+(?:änderung|aktualisierung)|mise\s+à\s+jour).{0,40}", re.I)
# a citation's access date ("Abgerufen am 09.11.2022", "Zugriff am 20.05.2018", "accessed on", "retrieved", "consulté le")
_ACCESSED_DAY = re.compile(r"(?<![^\W\d_])(?:abgerufen|zugriff|zugegriffen|accessed|retrieved|consulté)\b\W{0,3}(?:am|on|le)?"
                           r".{0,40}", re.I)
# a last-change label and the date after it, as printed by a headline ("/ Updated Dec. 7, 2024, 12:43 PM",
# "Aktualisiert am 07.12.2024", "Stand: 07.12.2024 17:40 Uhr", "Mis à jour le 7 décembre 2024")
_UPDATE_MENTION = re.compile(r"(?<![^\W\d_])(?:(?:last\s+)?(?:updated|modified|changed)|aktualisiert|ge[äa]ndert|stand|zuletzt"
                             r"|mise?\s+à\s+jour)\b\W{0,3}(?:on|am|le)?.{0,40}", re.I)
_FOOTER_MARK = re.compile(r"(?<![a-z])footer", re.I)
# a site-level banner or footer named by its class or id ("header-cont", "page-footer", "site-header"), not an
# article's own header ("article-header", "entry-header" do not start with it)
_SITE_BAND = re.compile(r"(?:^|\s)(?:page|site|global|main)?[-_]?(?:header|footer)(?![a-z])", re.I)
# locales that print slashed dates month first (every other region given reads them day first)
_MONTH_FIRST_REGIONS = frozenset({"us", "ca", "ph", "fm", "mh", "pw"})
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# a label printed before the publication date ("Erschienen am:", "Published on", "Publié le", ...)
_PUBLISHED_LABEL = re.compile(
    r"(?<![^\W\d_])(?:erschienen|ver[öo]ffentlicht|publiziert|eingestellt|gepostet|published|posted|publi[ée]e?|publicad[oa]|"
    r"pubblicat[oa]|opublikowan[oy]|gepubliceerd)(?:\s+(?:am|on|le|el|il|op|dnia))?\s*:?\s*", re.I)
_AFTER_H1 = 12  # elements after an <h1> where a bare printed date is its dateline
_BYLINE_REST = 40  # characters of a byline printed in one element with the date after an <h1>
# a paragraph opening with its dateline and a dash: "Feb. 23, 2015 -- Life-threatening peanut allergies ..."
_OPENING_DATELINE = re.compile(r"^(.{6,40}?)\s+(?:--|—|–)\s")
_OPENING_PARAGRAPHS = 40  # paragraphs read for one
# visible characters before / after the start of an <h1> where a page prints its own date
HEADLINE_BEFORE, HEADLINE_AFTER = 400, 1000
_SPACES = re.compile(r"\s+")
# usual zone of zone-less visible times on pages in a language (others: no zone)
_ARTICLE_ONLY = ARTICLE_TYPES - {"webpage"}  # JSON-LD types declaring an article (a bare WebPage does not)
_NEWS_TYPES = frozenset(t for t in ARTICLE_TYPES if "news" in t)  # a wiki page declaring one is dated (Wikinews)
_LANG_TZ = {
    "de": "Europe/Berlin",
    "fr": "Europe/Paris",
    "it": "Europe/Rome",
    "es": "Europe/Madrid",
    "nl": "Europe/Amsterdam",
    "pl": "Europe/Warsaw",
    "pt": "Europe/Lisbon",
}


@dataclass(frozen=True)
class Found:
    """One date candidate: an ISO value in the page's own time and the source it came from."""

    iso: str
    source: str
    changed: bool = False  # a marked date of the page's last change (not its publication)

    @property
    def day(self) -> str:
        return self.iso[:10]

    @property
    def instant(self) -> datetime | None:
        """The UTC instant when the value has a time and an offset, else None."""
        return dates.instant_of(self.iso)


def tz_for(language: str) -> str | None:
    """Default time zone for zone-less visible times on pages in ``language`` (None: no zone)."""
    return _LANG_TZ.get(language)


def declared(ld: dict, md: dict, tz: str | None) -> dict[str, list[Found]]:
    """Every parsable declared date per field (``published``, ``modified``), most trusted first.

    Order: JSON-LD (``datePublished``, ``dateCreated`` / ``dateModified``), ``article:*``/``og:*``
    tags (``article:published_time``, or ``article:published`` as some publishers spell it), other
    meta tags (every value of each). A slashed value both ways a date (``10/05/2022 05:22 pm``) is read month
    first, as CMSs write them, unless only its day-first reading is the day of another, unambiguous declared value
    (``2022/05/10 17:36:11`` beside it): :func:`_resolve_slashed`.
    """
    chains = {
        "published": [("json-ld", [ld.get("datePublished"), ld.get("dateCreated")]),
                      ("opengraph", md.get("article:published_time") or md.get("article:published") or []),
                      *(("meta", md.get(key) or []) for key in PUBLISHED_META)],
        "modified": [("json-ld", [ld.get("dateModified")]),
                     ("opengraph", (md.get("article:modified_time") or []) + (md.get("og:updated_time") or [])),
                     *(("meta", md.get(key) or []) for key in MODIFIED_META)],
    }
    read: dict[str, list[tuple[str, str | None, str]]] = {}
    for field, chain in chains.items():
        read[field] = []
        for source, raws in chain:
            for raw in raws:
                value = raw if isinstance(raw, str) else ld_str(raw)
                iso = dates.parse_date(value, tz)
                if iso:
                    other = dates.parse_date(value, tz, day_first=True)
                    read[field].append((iso, other if other != iso else None, source))
    return _resolve_slashed(read)


def _resolve_slashed(read: dict[str, list[tuple[str, str | None, str]]]) -> dict[str, list[Found]]:
    """Declared candidates per field from (month-first reading, day-first reading when it differs, source): the
    day-first reading where its day is that of an unambiguous value of either field and the month-first one's is
    not."""
    sure = {iso[:10] for values in read.values() for iso, other, _ in values if other is None}
    return {field: [Found(other if other and other[:10] in sure and iso[:10] not in sure else iso, source)
                    for iso, other, source in values] for field, values in read.items()}


def marked(root, tz: str | None, day_first: bool | None = None) -> list[Found]:
    """Publication dates marked up in the page: itemprop ``datePublished`` first, then ``<time>``
    elements, then the first dateline in a date-classed element (each in document order).

    A ``<time>`` gives its ``datetime`` attribute and, when it differs, its printed text
    (which often carries the publisher's zone; a printed day without its year, "Posted Nov 18,
    8:19 PM", counts when it is within a day of the attribute). Printed slashed dates are read
    day first when ``day_first`` (default: pages whose language has a usual zone ``tz``).
    Skipped: dates in reader comments, in a site header or menu (an ``<header>``/``<nav>``
    without the ``<h1>``, outside ``<article>``/``<main>``: the day of reading) or in a list of
    other articles, a dateline in markup naming the last change ("modified-time") or printed
    after a "last updated" label; a ``<time>`` marked as the last change comes after the others.
    """
    first = bool(tz) if day_first is None else day_first
    props: list[Found] = []
    times: list[Found] = []
    changed: list[Found] = []
    text: list[Found] = []
    tried = 0
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag == "time":
            if not in_comments(el) and not _in_site_header(el, bands=el.get("itemprop") != "datePublished"):
                last = _last_change(el)
                _add_time(props if el.get("itemprop") == "datePublished" else changed if last else times,
                          el, tz, first, last)
        elif el.get("itemprop") == "datePublished":
            _add(props, el.get("content") or el.get("value") or _time_value(el) or txt(visible_text(el, 200)), tz, first)
        elif not text and tried < MAX_CANDIDATES and el.tag in _TEXT_TAGS and _date_classed(el):
            tried += 1
            printed = txt(visible_text(el, 200))
            found = dates.find_dateline(printed, tz, first) if len(printed) < 200 else None
            if found and not _UPDATE_LABEL.search(printed[:printed.find(found[1])]) and not _in_site_header(el):
                text.append(Found(found[0], "text"))
    return list(dict.fromkeys(props + times + changed)) + text


def _add_time(out: list[Found], el, tz: str | None, day_first: bool, changed: bool = False) -> None:
    """The ``datetime`` of a ``<time>`` and its printed text (or the year-less day it prints); the printed one
    first when it is the same instant in another zone (``datetime="2015-03-03T21:13:15-05:00"`` printed
    "2015年03月04日 11時13分 JST": a server's zone beside the one the readers see); ``changed``: the element names
    the page's last change."""
    printed = txt(visible_text(el, 200))
    before = len(out)
    _add(out, _time_value(el), tz, day_first, changed)
    if not _add(out, printed, tz, day_first, changed) and len(out) > before:
        day = dates.printed_month_day(printed, out[-1].day)
        if day and day != out[-1].day:
            out.append(Found(day, "time", changed))
    elif len(out) == before + 2 and _same_instant(out[-1], out[-2]):
        out[-2], out[-1] = out[-1], out[-2]  # the same instant printed in another zone: the readers' zone first


def _time_value(el) -> str:
    """The machine-readable instant of a ``<time>`` (or any element): its ``datetime`` attribute, else the
    ``data-published`` some sites use instead (247sports: ``<time data-published="2016-12-09 09:13:00Z">4 hours
    ago</time>``); "" when neither."""
    return next((value for value in map(el.get, _TIME_ATTRS) if value), "")


def _add(out: list[Found], raw: str, tz: str | None, day_first: bool, changed: bool = False) -> bool:
    iso = dates.parse_date(raw, tz, day_first=day_first)
    if iso:
        out.append(Found(iso, "time", changed))
    return iso is not None


def _last_change(el) -> bool:
    """True when a ``<time>`` is the page's last change: it (or its parent) is classed as one and not as the
    publication, it is ``itemprop="dateModified"``, or it prints a "Last updated" label before its date."""
    marks = " ".join((e.get("class") or "") + " " + (e.get("id") or "") for e in (el, el.getparent()) if e is not None)
    if _MODIFIED_MARK.search(marks) is not None and _PUBLISHED_MARK.search(marks) is None:
        return True
    return el.get("itemprop") == "dateModified" or _UPDATED_OPENING.match(txt(visible_text(el, 60))) is not None


def _in_site_header(el, depth: int = 15, bands: bool = True) -> bool:
    """True when, walking up from ``el`` and before any ``<article>``/``<main>``, a block listing other
    articles (teasers, sliders, "related") is met, or a site band (:func:`_site_band`: banner, menu, footer, sidebar)
    holding no ``<h1>`` (where "today's date" is printed) and no ``<article>``/``<main>`` above;
    or when the first ``<article>`` above is a teaser card (:func:`_teaser_card`). ``bands`` False: only ``<header>`` and
    ``<nav>`` count as site bands (for a ``<time itemprop="datePublished">``, which a CMS may put in an article's
    ``div.footer``)."""
    block = False
    for _ in range(depth):
        el = el.getparent()
        if el is None:
            break
        if el.tag in ("article", "main"):
            return el.tag == "article" and _teaser_card(el)
        if OTHER_ARTICLES.search(el.get("class") or ""):
            return True
        band = _site_band(el) if bands else el.tag in ("header", "nav")
        block = block or (band and el.find(".//h1") is None)
    return block


def _site_band(el) -> bool:
    """True for a site's banner, menu, footer or sidebar: ``<header>``, ``<nav>``, ``<footer>``, ``<aside>``, or an
    element whose class or id starts with header/footer (:data:`_SITE_BAND`; sott.net's ``#header-cont`` printing
    the day of reading, phpBB's ``#page-footer`` "Aktuelle Zeit: ...")."""
    if el.tag in ("header", "nav", "footer", "aside"):
        return True
    return any(_SITE_BAND.search(el.get(key) or "") for key in ("class", "id"))


def _teaser_card(article) -> bool:
    """True when an ``<article>`` element is a card linking to another story: no ``<h1>``, and a heading
    (``<h2>``-``<h4>``) that is a link ("<article><h3><a href=...>Staying Safe...</a></h3><span class="date">")."""
    if article.find(".//h1") is not None:
        return False
    return any(h.find(".//a[@href]") is not None or h.getparent().tag == "a"
               for h in article.iter("h2", "h3", "h4"))


def _date_classed(el) -> bool:
    """A date-classed element (class/id) outside reader comments, not a "today's date" header nor
    the last change ("modified-time")."""
    cls = (el.get("class") or "") + " " + (el.get("id") or "")
    if not cls.strip() or _DATE_CLASS.search(cls) is None or _TODAY.search(cls):
        return False
    if _MODIFIED_MARK.search(cls) and not _PUBLISHED_MARK.search(cls):
        return False
    return not in_comments(el)


def find_dates(ld: dict, md: dict, root, url: str, tz: str | None, html: str = "",
               page_types: frozenset = frozenset()) -> tuple[dict, dict]:
    """({field: value}, {field: provenance}) for published_at/_day and modified_at/_day.

    Input: the article's JSON-LD object, the meta tags, the parsed page, its URL, the usual
    zone of the page's language (None: unknown), the HTML text (for ``htmldate``) and the types of all the
    page's JSON-LD objects (:func:`undated_kind`). ``*_at`` is the time as the page gave it, moved into the publisher's offset when the page
    gave it in UTC (see :func:`_localized`), or a bare day; ``*_day`` is the publisher's
    calendar day. Provenance of ``*_day`` is given only when the day comes from another
    source than ``*_at``. Fields not found are left out.

    Publication: the first declared date (JSON-LD, og, meta) -- or the first declared one a
    visible zoned time confirms --, else a marked date (:func:`marked`) on the URL's day,
    else the URL's day, else the first marked date, else ``htmldate`` (fast, then extensive,
    whose answer counts only when printed next to a main heading). A generic meta tag
    (``date``, ``dc.date``, ...) gives way to a marked ``<time>`` on another day (what the
    readers see). A URL day earlier than the day found is the publication day (the later date
    is an update), and an earlier date the page prints by its heading replaces a day it does not
    confirm (:func:`_earlier_dateline`). No publication date when the day rests on a weak source alone
    (:func:`weak_unconfirmed`), nor on a page of a kind that has none (:func:`undated_kind`). Where ours find none,
    htmldate's day (:func:`_fallback`).
    """
    decl = declared(ld, md, tz)
    first = day_first(root, md, tz)
    seen = marked(root, tz, first)
    url_day = dates.date_from_url(url)
    vals: dict = {}
    prov: dict = {}
    primary = (_over_generic(_confirmed(decl["published"], seen), seen, root, (tz, first))
               or _undeclared(seen, url_day, html, url, root, (tz, first)))
    undated = undated_kind(ld, md, root, page_types)
    if primary is not None and not undated:
        others = seen + decl["published"] + decl["modified"]
        evidence = ([Found(url_day, "url")] if url_day else []) + [c for c in seen if c.instant is None
                                                                    and c.source == "time"]
        found, day = _localized(primary, others, tz, evidence)
        if url_day and url_day < (day or found).day and not printed_near_headline(root, (day or found).day):
            day = Found(url_day, "url")  # the URL was minted first: the later date (not printed as the dateline) is an update
        earlier = _earlier_dateline(root, day or found, seen, url_day, (html, url))
        if earlier is not None:
            found, day = earlier, None
        if not weak_unconfirmed(day if day is not None and day.day != found.day else found, ld, md, root, url_day):
            _put(vals, prov, "published", found, day)
    if "published_at" not in vals and not undated:
        fallback = _fallback(ld, md, root, html, url)
        if fallback is not None:
            _put(vals, prov, "published", fallback)
    if decl["modified"]:
        _put(vals, prov, "modified", *_localized(decl["modified"][0], seen + decl["modified"], tz, []))
    return vals, prov


def _earlier_dateline(root, chosen: Found, seen: list[Found], url_day: str | None,
                      page: tuple[str, str]) -> Found | None:
    """An earlier date the page prints as its dateline by a main heading, replacing (time and day) a chosen day the
    page does not confirm (not printed by the heading, not in the ``<title>``, not the URL's day), else None.

    Input: the parsed page, the chosen candidate, the marked dates (:func:`marked`), the URL's day and (HTML, URL)
    for htmldate. Candidates, in order: the marked publication dates, then htmldate's fast answer (asked only when
    they give none; the printed dateline of :func:`printed_dateline` changed no development page and costs a walk
    over the page, so it is not asked). The earlier day is
    the first publication; a later declared day is a re-publication or an update ("Published: 11 March" and a
    meta tag of 12 March). Chosen by leave-one-set-out over the development sets: later printed days are updates
    as often as not, earlier ones were right on every page they changed (``bench/extraction/README.md``).
    """
    if chosen.day == url_day:
        return None
    zone = _UPDATE_MENTION.sub(" ", _headline_text(root))  # "Updated Dec. 7, 2024" confirms no publication
    if dates.mentions_day(f"{root.findtext('.//title') or ''} | {zone}", chosen.day):
        return None

    def earlier(c: Found) -> bool:
        return c.day < chosen.day and dates.mentions_day(zone, c.day)

    found = next((c for c in seen if not c.changed and earlier(c)), None)
    fast = _htmldate(*page, extensive=False) if found is None and page[0] else None
    return found or (Found(fast, "htmldate") if fast and earlier(Found(fast, "htmldate")) else None)


def _fallback(ld: dict, md: dict, root, html: str, url: str) -> Found | None:
    """htmldate's day where ours find none: :func:`_article_fallback`, else the extensive day when the page shows it as
    its own (:func:`extensive_day`); else None. It may give back a weak day :func:`weak_unconfirmed` dropped (an
    unconfirmed JSON-LD ``WebPage`` date): refusing those cost 2 right days of 15 on the dated development pages.
    Input: the article's JSON-LD object, the meta tags, the parsed page, the HTML text and the URL. Chosen by leave
    one development set out on their dated pages (``bench/extraction/date_fallback.py``, session 7)."""
    found = _article_fallback(ld, md, html, url)
    if found is not None or not html:
        return found
    day, flaw = extensive_day(html, url, root)
    if not day or flaw is not None:
        return None
    changed = _last_change_day(root)
    return Found(changed, "text") if changed else Found(day, "htmldate")


def _last_change_day(root) -> str | None:
    """The day printed after the page's last last-change label ("Letzte Änderung: 14.01.2022 um 09:25"), outside
    reader comments, else None."""
    text = _squeezed(root.find(".//body"))
    days = [found for m in _UPDATED_DAY.finditer(text) if (found := dates.find_dateline(m.group(0)))
            and not _in_comment_text(root, found[1])]
    return days[-1][0][:10] if days else None


def _article_fallback(ld: dict, md: dict, html: str, url: str) -> Found | None:
    """htmldate's fast answer where ours found no day, on a page that declares itself an article (``og:type``
    article, a JSON-LD Article type) or, on any other page, when that day falls in the URL's ``/YYYY/MM/`` month
    (:func:`etl.clean.dates.month_from_url`); else None. Input: the article's JSON-LD object, the meta tags, the
    HTML text and the URL. An article has a publication day, so its withheld day costs as much as a wrong one; htmldate's
    fast mode (not the extensive one: its guesses gave days to undated pages) then gives it, even where the page
    prints that day only aside (chosen by leave-one-set-out on the development sets, ``bench/extraction/README.md``).
    """
    if not html:
        return None
    month = dates.month_from_url(url)
    if not declares_article(ld, md) and month is None:
        return None
    day = _htmldate(html, url, extensive=False)
    return Found(day, "htmldate") if day and (month is None or day.startswith(month)) else None


def weak_unconfirmed(chosen: Found, ld: dict, md: dict, root, url_day: str | None) -> bool:
    """True when the publication day rests on a weak source alone, which then gives the page no date.

    Input: the candidate that decided the day, the article's JSON-LD object, the meta tags, the parsed
    page and the URL's day. Weak: ``htmldate`` (its answer where ours find nothing) and the JSON-LD date of
    a ``WebPage`` that is no Article (a shop, info or landing page's creation). Such a day stands when the
    page declares itself an article (``og:type`` article, a JSON-LD Article type) or confirms the day: printed
    next to a main heading (:func:`printed_near_headline`), in the ``<title>`` or in the URL. On the
    development gold (a, c, d, e-dev) 8 of the 10 days this drops were on pages without a date; the rule was
    chosen by cross-validation across the four sets (``bench/extraction/README.md``).
    """
    if not _weak_source(chosen, ld) or declares_article(ld, md):
        return False
    day = chosen.day
    return not (day == url_day or printed_near_headline(root, day) or _in_title(root, day))


def undated_kind(ld: dict, md: dict, root, page_types: frozenset = frozenset()) -> bool:
    """True when the page declares a kind of page that has no publication day, so none of its dates is one.

    Input: the article's JSON-LD object, the meta tags, the parsed page and the types of all its JSON-LD objects.
    Such kinds: a wiki page (MediaWiki's ``<body class="mediawiki">`` or ``generator`` tag; its dates are an
    infobox's "Founded ..." or the page's creation, declared as an ``Article``) unless it declares a
    ``NewsArticle``; a product page (``og:type`` ``product...``, a JSON-LD ``Product``) that declares no
    Article type (its dates are a release's or a review's).
    """
    if _wiki_page(root, md):
        return not ld_types(ld) & _NEWS_TYPES
    og = (md.get("og:type") or [""])[0].strip().lower()
    product = og.startswith(("product", "og:product")) or "product" in page_types
    return product and not (ld and ld_types(ld) & _ARTICLE_ONLY)


def _wiki_page(root, md: dict) -> bool:
    body = root.find(".//body")
    classes = (body.get("class") or "").split() if body is not None else []
    return "mediawiki" in classes or (md.get("generator") or [""])[0].lower().startswith("mediawiki")


def _weak_source(chosen: Found, ld: dict) -> bool:
    if chosen.source == "htmldate":
        return True
    return chosen.source == "json-ld" and not ld_types(ld) & _ARTICLE_ONLY


def declares_article(ld: dict, md: dict) -> bool:
    """True when the page's og:type is ``article`` or its JSON-LD object has an Article type (not just WebPage)."""
    og = (md.get("og:type") or [""])[0]
    return og.strip().lower() == "article" or bool(ld and ld_types(ld) & _ARTICLE_ONLY)


def _confirmed(decl: list[Found], seen: list[Found]) -> Found | None:
    """The first declared value a marked zoned time confirms (same instant), else the first declared one."""
    for d in decl:
        if d.instant is not None and any(_same_instant(c, d) for c in seen):
            return d
    return decl[0] if decl else None


def _over_generic(primary: Found | None, seen: list[Found], root=None,
                  reading: tuple[str | None, bool] = (None, False)) -> Found | None:
    """What the readers see instead of a generic meta tag's date (``date``, ``DC.date``: often the record's creation
    or last change) on another day: the first marked ``<time>``, else an earlier dateline
    printed after a publication label ("Erschienen am: 13.10.2021" beside a meta ``date`` of 15 October,
    :func:`labelled_dateline`; ``reading`` = (zone, day first); a later labelled day is an issue's or an update's:
    "ePublished: 3 March 2020 Issue Published: 7 April 2020"), else a date printed right after the headline
    (:func:`heading_dateline`: "27.01.2022" under the headline beside a meta ``date`` of 20 December); else
    ``primary``."""
    if primary is None or primary.source != "meta":
        return primary
    shown = next((c for c in seen if c.source == "time" and not c.changed), None)
    if shown is None and root is not None:
        labelled = labelled_dateline(root, *reading)
        shown = labelled if labelled is not None and labelled.day < primary.day else heading_dateline(root, *reading)
    return shown if shown is not None and shown.day != primary.day else primary


def _same_instant(a: Found, b: Found) -> bool:
    return a.instant is not None and b.instant is not None and abs(a.instant - b.instant) <= SAME_INSTANT


def _undeclared(seen: list[Found], url_day: str | None, html: str, url: str, root=None,
                reading: tuple[str | None, bool] = (None, False)) -> Found | None:
    """No declared date: a marked date on (or next to) the URL's day, else a marked date later than the URL's
    day that the page prints as its dateline by a main heading (the URL was minted before the dateline's day:
    ``/2015/11/12/`` and "NOV. 13, 2015" under the headline), the URL's day, the first marked date,
    else a printed dateline (:func:`printed_dateline`; ``reading`` = (zone, day first)), else ``htmldate``."""
    if url_day:
        on_url = next((c for c in seen if c.day == url_day or _near(c, url_day)), None)
        later = next((c for c in seen if c.day > url_day and not c.changed and root is not None
                      and printed_near_headline(root, c.day)), None) if on_url is None else None
        return on_url or later or Found(url_day, "url")
    if seen:
        by_head = heading_dateline(root, *reading) if root is not None else None
        far = by_head is not None and by_head.day != seen[0].day and not printed_near_headline(root, seen[0].day)
        return by_head if far else seen[0]
    return (printed_dateline(root, *reading) if root is not None else None) or _htmldate_found(html, url, root)


def day_first(root, md: dict, tz: str | None) -> bool:
    """Whether printed slashed dates (``02/10/2020``) are day first on this page: on pages whose
    language has a usual (European) zone ``tz``, and on pages whose declared locale is a region
    other than the month-first ones (``en-GB``, ``en-AU``, ``en-IN``, ``es-MX``... but not
    ``en-US``, ``en-CA``, ``en-PH``), and on pages declaring a language other than English without a region
    (``vi``, ``ja``: month first is an English-language custom). Input: the parsed page and its meta tags."""
    if tz:
        return True
    other_language = False
    for value in (root.get("lang"), root.get("xml:lang") or root.get(_XML_LANG), (md.get("og:locale") or [""])[0],
                  (md.get("content-language") or [""])[0], (md.get("dc.language") or [""])[0]):
        parts = re.split(r"[-_]", (value or "").strip().lower())
        if len(parts) > 1 and len(parts[1]) == 2:
            return parts[1] not in _MONTH_FIRST_REGIONS
        other_language = other_language or (len(parts[0]) in (2, 3) and parts[0] != "en")
    return other_language


def printed_dateline(root, tz: str | None = None, first: bool = False) -> Found | None:
    """A date the page prints for its readers without marking it up (source ``text``), or None:

    1. a labelled dateline anywhere in the visible text, outside reader comments: "Erschienen am:
       01.11.2023", "Veröffentlicht am", "Published on", "Posted", "Publié le", "Publicado el",
       "Pubblicato il" (a "last updated" date is not one);
    2. else a date printed right after one of the page's headings (:func:`heading_dateline`);
    3. else a paragraph (of the first :data:`_OPENING_PARAGRAPHS`) that opens with a date and a dash, the
       dateline of its story ("Feb. 23, 2015 -- Life-threatening ...").

    Dates are read with the usual zone ``tz`` and, for slashed dates, day first when ``first``.
    """
    body = root.find(".//body")
    if body is None:
        return None
    labelled = labelled_dateline(root, tz, first)
    if labelled is not None:
        return labelled
    return heading_dateline(root, tz, first) or _opening_dateline(body, tz, first)


def heading_dateline(root, tz: str | None = None, first: bool = False) -> Found | None:
    """A date printed in an element right after one of the page's headings (:func:`etl.clean.meta.headline.headings`,
    within :data:`_AFTER_H1` elements) whose whole text is a date ("<p>23.10.2018</p>", "<strong>05.12.2022</strong> |
    Paris"), or a date and a short byline (:func:`_with_byline`), not after a last-change label ("Last updated
    September 14, 2016"); source ``text``. None without one or without body.
    Input: the parsed page, the usual zone ``tz`` and whether slashed dates are day first."""
    body = root.find(".//body")
    for head in headings(body, root) if body is not None else []:
        for el in head.xpath(f"following::*[position() <= {_AFTER_H1}]"):
            printed = txt(visible_text(el, 60))
            found = (dates.find_dateline(printed, tz, first) if 6 <= len(printed) <= 60
                     and not _UPDATE_MENTION.search(printed) else None)
            if found and (len(found[1]) >= 0.6 * len(printed.split("|")[0].strip()) or _with_byline(printed, found[1])):
                return Found(found[0], "text")
    return None


def _with_byline(printed: str, date: str) -> bool:
    """True when an element's text is a date and a short byline without digits ("1. Februar 2022 , Daniel
    Dillenburg", "Max BlumenthalThe GrayzoneThu, 14 May 2020 17:55 UTC"): at most :data:`_BYLINE_REST` characters
    besides the date."""
    rest = printed.replace(date, " ", 1)
    return len(rest.strip()) <= _BYLINE_REST and not any(c.isdigit() for c in rest)


def labelled_dateline(root, tz: str | None = None, first: bool = False) -> Found | None:
    """The first date printed after a publication label (:data:`_PUBLISHED_LABEL`: "Erschienen am: 13.10.2021",
    "Published on", "Publié le") in the visible text, outside reader comments (source ``text``), else None.
    Input: the parsed page, the usual zone ``tz`` and whether slashed dates are day first."""
    text = _squeezed(root.find(".//body"))
    for m in _PUBLISHED_LABEL.finditer(text):
        found = dates.find_dateline(text[m.end():m.end() + 60], tz, first)
        if found and text.find(found[1], m.end()) - m.end() < 8 and not _in_comment_text(root, found[1]):
            return Found(found[0], "text")
    return None


def _opening_dateline(body, tz: str | None, first: bool) -> Found | None:
    """The date a paragraph opens with before a dash ("Feb. 23, 2015 -- ..."), outside reader comments."""
    for i, el in enumerate(body.iter("p")):
        if i >= _OPENING_PARAGRAPHS:
            break
        m = _OPENING_DATELINE.match(txt(visible_text(el, 60)))
        head = m.group(1) if m else ""
        found = dates.find_dateline(head, tz, first) if head else None
        if found and len(found[1]) >= 0.5 * len(head) and not in_comments(el):
            return Found(found[0], "text")
    return None


def _in_comment_text(root, printed: str) -> bool:
    """True when ``printed`` appears in a reader-comment block (and so is no dateline of the article)."""
    for el in root.iter("div", "section", "ol", "ul", "li", "article", "aside"):
        if comment_block(el) and printed in _squeezed(el):
            return True
    return False


def _near(c: Found, day: str) -> bool:
    return c.instant is not None and dates.is_utc(c.iso) and _reachable(c.instant, day)


def _put(vals: dict, prov: dict, name: str, found: Found, day: Found | None = None) -> None:
    vals[f"{name}_at"], prov[f"{name}_at"] = found.iso, found.source
    vals[f"{name}_day"] = (day or found).day
    if day is not None and day.day != found.day:
        prov[f"{name}_day"] = day.source


def _localized(primary: Found, others: list[Found], tz: str | None,
               evidence: list[Found]) -> tuple[Found, Found | None]:
    """(the value in the publisher's offset, a day from other evidence or None).

    1. A non-UTC candidate for the same instant is the publisher's own writing of it.
    2. A UTC value goes into the offset of the page's other zoned times.
    3. Else the first day-level evidence (URL day, printed days) that agrees with the UTC day
       keeps it, or that is the neighbouring day a real offset (-12..+14 h) gives is the day.
    4. Else a UTC value goes into the usual zone of the page's language ``tz``.
    5. Else a UTC value at exactly 22:00 or 23:00 is a day written as a European midnight (a CMS turning
       "13 June" at +01:00 / +02:00 into ``2018-06-12T23:00:00Z``): the day is the next one.
    """
    when = primary.instant
    if when is None:
        return primary, None
    for c in others:
        if not dates.is_utc(c.iso) and _same_instant(c, primary):
            return Found(dates.to_iso(when.astimezone(_offset_of(c.iso))), primary.source), None
    if not dates.is_utc(primary.iso):
        return primary, None
    zone = next((_offset_of(c.iso) for c in others if c.instant is not None and not dates.is_utc(c.iso)), None)
    if zone is not None:
        return Found(dates.to_iso(when.astimezone(zone)), primary.source), None
    for c in evidence:
        if c.day == primary.day:
            return primary, None
        if _reachable(when, c.day):
            return primary, c
    if tz:
        return Found(dates.to_iso(when.astimezone(ZoneInfo(tz))), primary.source), None
    if (when.hour, when.minute, when.second) in _MIDNIGHT_UTC:
        return primary, Found((when + timedelta(days=1)).strftime("%Y-%m-%d"), primary.source)
    return primary, None


def _offset_of(iso: str) -> timezone:
    """The fixed offset written at the end of an ISO time."""
    dt = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    return timezone(dt.utcoffset() or timedelta(0))


def _reachable(when: datetime, day: str) -> bool:
    """True when ``day`` is the neighbouring calendar day of UTC instant ``when`` under some real offset."""
    if day == when.strftime("%Y-%m-%d"):
        return False
    return day in {(when + _EARLIEST_UTC_OFFSET).strftime("%Y-%m-%d"), (when + _LATEST_UTC_OFFSET).strftime("%Y-%m-%d")}


def _htmldate_found(html: str, url: str, root=None) -> Found | None:
    """``htmldate`` fast, else extensive, as a candidate; None when neither finds a day.

    With the parsed page ``root`` (None: not checked), an answer counts only where the page does
    not contradict it: the fast answer unless the page prints that day only aside from its
    article (:func:`_printed_aside`: a reader comment's date, a "page last edited" footer, a
    sidebar; the page then has no date, and no extensive guess is made); the extensive answer
    (asked only when the fast mode finds nothing) only when printed next to a main heading
    (:func:`printed_near_headline`) or in the page's ``<title>`` ("... - 07.12.2017 - LA NACION"): its
    other guesses (from footers, cited dates, teasers, a month or a copyright year read as day 01)
    are mostly wrong.
    """
    if not html:
        return None
    day = _htmldate(html, url, extensive=False)
    if day:  # a day printed only aside from the article: the page has none of its own (no extensive guess)
        return Found(day, "htmldate") if root is None or not _printed_aside(root, day) else None
    day = _htmldate(html, url, extensive=True)
    if day and (root is None or printed_near_headline(root, day) or _in_title(root, day)):
        return Found(day, "htmldate")
    return None


def extensive_day(html: str, url: str, root) -> tuple[str | None, str | None]:
    """htmldate's extensive day of a page and the flaw that makes it no date of the page's own, else (day, None).

    Input: the HTML text, the URL and the parsed page. Output: (None, None) when htmldate finds nothing; flaws:
    ``unshown`` (neither printed in the page's visible text or title, nor declared in a ``<meta>``, JSON-LD or
    ``<time datetime>`` value, nor the URL's day: htmldate's 1 January of a copyright year, a month or a year padded
    to the 1st, a script's version string, an image's file name, an HTML comment), ``accessed`` (printed only as a
    citation's access date, "Abgerufen am 09.11.2022"), ``aside`` (printed only aside from the article,
    :func:`_printed_aside` -- reader comments, a footer, a sidebar, after a "last updated" label -- or in the site's
    banner or menu, :func:`_band`: the day of reading). Never raises.
    """
    day = _htmldate(html, url, extensive=True) if html else None
    if not day:
        return None, None
    text = _squeezed(root.find(".//body"))
    if not _shown(root, url, day, text):
        return day, "unshown"
    if not _shown(root, url, day, _ACCESSED_DAY.sub(" ", text)):
        return day, "accessed"
    return day, "aside" if _printed_aside(root, day, _band) else None


def _in_title(root, day: str) -> bool:
    """True when the page's ``<title>`` prints calendar day ``day`` (``YYYY-MM-DD``)."""
    return dates.mentions_day(root.findtext(".//title") or "", day)


def _squeezed(el) -> str:
    return " ".join((visible_text(el) or "").split()) if el is not None else ""


def printed_near_headline(root, day: str) -> bool:
    """True when the page prints calendar day ``day`` (``YYYY-MM-DD``) as a whole date within
    :data:`HEADLINE_BEFORE` visible characters before or :data:`HEADLINE_AFTER` after the start
    of an ``<h1>`` (where articles print their dateline); on a page without ``<h1>`` (no header to
    place), anywhere in its visible text. Input: the parsed page (not changed)."""
    return dates.mentions_day(_headline_text(root), day)


def _headline_text(root) -> str:
    """The visible text where a page prints its own date: :data:`HEADLINE_BEFORE` characters before to
    :data:`HEADLINE_AFTER` after the start of each ``<h1>``, or the whole visible text without one; '' without body.

    One walk over the page (text hidden from readers left out, as :func:`etl.clean.dom.visible_text` does), which
    stops :data:`HEADLINE_AFTER` characters after the last ``<h1>`` has started."""
    body = root.find(".//body")
    if body is None:
        return ""
    stand_in = headings(body, root)
    marks = set(stand_in if stand_in and stand_in[0].tag != "h1" else body.iter("h1"))
    left = len(marks)
    out: list[str] = []
    starts: list[int] = []
    size = hidden = 0
    for event, node in etree.iterwalk(body, events=("start", "end")):
        invisible = node.tag in INVISIBLE_TAGS
        if event == "start":
            hidden += invisible
            if node in marks and not hidden:
                starts.append(size)
                left -= 1
            piece = node.text if not hidden and not invisible else None
        else:
            hidden -= invisible
            piece = node.tail if node is not body and not hidden else None
        if piece:  # whitespace squeezed as it comes, across pieces too, so that positions count visible characters
            piece = _SPACES.sub(" ", piece)
            piece = piece[1:] if piece[0] == " " and out and out[-1].endswith(" ") else piece
            out.append(piece)
            size += len(piece)
        if starts and left <= 0 and size > starts[-1] + HEADLINE_AFTER:
            break
    text = "".join(out)
    zone = " ".join(text[max(0, i - HEADLINE_BEFORE): i + HEADLINE_AFTER] for i in starts) if starts else text
    return _SPACES.sub(" ", zone)


def _printed_aside(root, day: str, blocks: Callable | None = None) -> bool:
    """True when the page prints calendar day ``day`` only aside from its article: in reader comments,
    a page footer, a sidebar (``<aside>``) or after a "last updated" label ("Diese Seite wurde
    zuletzt am ... geändert"); ``blocks``: another test of the blocks aside (:func:`_band`).
    False when it prints it elsewhere or not at all (a day read from markup)."""
    body = root.find(".//body")
    text = _squeezed(body)
    if not dates.mentions_day(text, day):
        return False
    outer = None
    for el in body.iter():
        if not isinstance(el.tag, str) or (outer is not None and outer in el.iterancestors()):
            continue
        if (blocks or _aside_block)(el):
            outer, text = el, text.replace(_squeezed(el), " ", 1)  # the block's own text, out of the page's
    return not dates.mentions_day(_UPDATED_DAY.sub(" ", text), day)


def _shown(root, url: str, day: str, text: str) -> bool:
    """True when the page shows calendar day ``day`` as its own: printed in its visible text ``text`` or ``<title>``,
    declared in a ``<meta>`` value, a JSON-LD block or a ``<time datetime>``, or the day of its URL (see
    :func:`extensive_day`)."""
    if dates.date_from_url(url) == day or _in_title(root, day):
        return True
    declared_values = [*root.xpath("//meta/@content"), *root.xpath("//meta/@value"),
                       *(value for attr in _TIME_ATTRS for value in root.xpath(f"//time/@{attr}")),
                       *root.xpath("//script[@type='application/ld+json']/text()")]
    if any(dates.mentions_day(str(v), day) for v in declared_values):
        return True
    return dates.mentions_day(text, day)


def _band(el) -> bool:
    """A block aside from the article (:func:`_aside_block`) or a site band holding no ``<h1>`` (:func:`_site_band`:
    the banner or menu where a site prints the day of reading)."""
    return _aside_block(el) or (_site_band(el) and el.find(".//h1") is None)


def _aside_block(el) -> bool:
    """A block around the article: a footer, an ``<aside>`` (sidebar), reader comments."""
    if el.tag in ("footer", "aside"):
        return True
    marks = (el.get("class") or "") + " " + (el.get("id") or "")
    return comment_block(el) or _FOOTER_MARK.search(marks) is not None


def load_date_parsers() -> None:
    """Compile the patterns of every locale of htmldate's fallback parser (dateparser) now.

    The first string that reaches the fallback and matches no locale makes dateparser compile all
    of them: ≈ 1 s once per process, paid by the first page that needs it (in bench/scale, one
    page of each clean task). A long-lived parent that forks task processes (the Celery worker's
    warm-up) calls this so they inherit the compiled patterns. Input, output: none; never raises.
    """
    try:
        htmldate.extractors.external_date_parser("0000 zz 0000", "%Y-%m-%d")  # claimed by no locale
    except Exception:  # noqa: BLE001 - a warm-up must not fail its caller
        log.debug("date parser warm-up failed", exc_info=True)


@lru_cache(maxsize=4)  # a page ours leave undated is asked twice (our candidate, then the fallback)
def _htmldate(html: str, url: str, extensive: bool) -> str | None:
    """htmldate's publication day (``YYYY-MM-DD``) of a page (its first :data:`HTMLDATE_MAX_CHARS`
    characters), or None; never raises."""
    try:
        return htmldate.find_date(html[:HTMLDATE_MAX_CHARS], url=url or None, original_date=True,
                                  extensive_search=extensive)
    except Exception:  # noqa: BLE001 - a library failure must not fail the page
        log.debug("htmldate failed on %s", url, exc_info=True)
        return None
