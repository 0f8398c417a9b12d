"""Sources of kind ``site``: a home or section page without a feed or sitemap to read.

The page itself is read and gives two kinds of entries:

1. **Feeds it declares**: ``<link rel="alternate" type="application/rss+xml">`` (or
   ``application/atom+xml``) in the page; at most ``settings.discover_max_site_feeds`` of
   them are read, their entries dated as the feed dates them.
2. **Article links on the page**: ``<a href>`` on the same host (``www.`` ignored) whose
   URL looks like an article by a general rule (:func:`article_like`): not a
   tag/category/author/login/search/... page, a page-like file type, and a date in the
   path, a slug of several words, or a numeric id below a section. A link whose path date
   is more than a day before the run's interval is left out; undated links are kept (the
   fetch state then skips pages already fetched and unchanged).

Feed entries come first, then links in page order; duplicates, the source's include and
exclude patterns, the interval for dated entries and ``max_articles`` are applied by
:mod:`etl.discover.candidates` as for every other kind. The page and the feeds are read
with discovery's client (:func:`etl.discover.candidates.discover_client`): robots.txt is
asked before each request (a disallowed page fails the source with
``robots_disallowed``; a disallowed feed is skipped) and only public addresses are
reached. Article links robots disallows are not dropped here: the fetch stage refuses them
and the run report counts them (``skipped_robots``), like every other URL.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree

from etl.core.encoding import decode_bytes
from etl.core.errors import TransientError
from etl.core.urls import normalize_url
from etl.discover.feeds import Entry, SourceError, parse_feed

log = logging.getLogger(__name__)

FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml"})
NOT_ARTICLE = frozenset({
    "tag", "tags", "topic", "topics", "category", "categories", "section", "sections", "author", "authors",
    "profile", "profiles", "user", "users", "member", "members", "contributors", "login", "logout", "signin",
    "sign-in", "signup", "sign-up", "register", "account", "subscribe", "subscription", "subscriptions",
    "newsletter", "newsletters", "search", "feed", "feeds", "rss", "about", "about-us", "contact", "contact-us",
    "imprint", "impressum", "privacy", "privacy-policy", "terms", "terms-of-service", "terms-of-use", "cookies",
    "cookie-policy", "help", "faq", "jobs", "careers", "advertise", "shop", "store", "page", "archive", "archives",
    "cart", "checkout", "wp-admin", "wp-login.php", "cdn-cgi",
})
"""Path segments of listing and utility pages: a URL holding one is never an article."""
GENERIC_FILES = frozenset({"index", "default", "story", "article", "content", "main"})
"""File names that say nothing (``/2017/11/09/politics/trump-putin/index.html``): the slug is the folder."""
PAGE_EXTENSIONS = frozenset({"html", "htm", "shtml", "xhtml", "php", "asp", "aspx", "jsp", "cms", "ece"})
STOP_WORDS = frozenset({"a", "an", "and", "the", "of", "in", "on", "at", "to", "for", "by", "with", "from", "or"})
SLUG_WORDS = 4  # content words an undated, id-less slug needs to look like a headline
MONTHS = {m: i + 1 for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                                          "nov", "dec"))}
_YEAR = r"(?:19|20)\d\d"
_DATES = (
    re.compile(rf"(?<![0-9])({_YEAR})[-/_](0?[1-9]|1[0-2])[-/_](0?[1-9]|[12]\d|3[01])(?![0-9])"),
    re.compile(rf"/({_YEAR})/(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*/(0?[1-9]|[12]\d|3[01])(?=/|$)"),
    re.compile(rf"[/_-]({_YEAR})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=[/_.-]|$)"),
    re.compile(rf"/({_YEAR})/(0?[1-9]|1[0-2])(?=/)"),  # year/month only: the month's last day
)
_ID = re.compile(r"\d{5,}|(?=[0-9a-f]*\d)[0-9a-f]{16,}")
_WORD = re.compile(r"[^\W\d_]{2,}")


def same_site(host: str, other: str) -> bool:
    """True when two host names are the same site (case and a leading ``www.`` ignored)."""
    def bare(h: str) -> str:
        h = h.lower().rstrip(".")
        return h[4:] if h.startswith("www.") else h

    return bool(host) and bare(host) == bare(other)


def path_date(path: str) -> date | None:
    """The publication day a URL path carries (``/2017/11/09/``, ``2017-11-09``,
    ``/20171109``, ``/2017/nov/09/``; ``/2017/11/`` gives the month's last day), else None."""
    path = path.lower()
    for pattern in _DATES:
        m = pattern.search(path)
        if not m:
            continue
        year = int(m.group(1))
        month = MONTHS.get(m.group(2)[:3]) or int(m.group(2))
        if len(m.groups()) == 2:  # year/month: the month's last day
            nxt = date(year + month // 12, month % 12 + 1, 1)
            return nxt - timedelta(days=1)
        try:
            return date(year, month, int(m.group(3)))
        except ValueError:
            continue
    return None


def _slug(segments: list[str]) -> tuple[str, str]:
    """(stem, extension) of the last meaningful path segment."""
    last = segments[-1]
    stem, dot, ext = last.rpartition(".")
    return (stem, ext.lower()) if dot and stem else (last, "")


def article_like(url: str) -> bool:
    """True when ``url``'s path looks like one article rather than a listing or utility page.

    Rule (general, no site list): no segment is a listing/utility word (:data:`NOT_ARTICLE`);
    the file type, if any, is a page (:data:`PAGE_EXTENSIONS`); and either the path has a
    date and the last segment a word or an id, or the last segment is a slug of at least
    :data:`SLUG_WORDS` content words, or it carries a numeric (or long hex) id below a section.
    """
    segments = [s for s in urlsplit(url).path.split("/") if s]
    if segments and _slug(segments)[0].lower() in GENERIC_FILES:
        segments = segments[:-1]
    if not segments or any(s.lower() in NOT_ARTICLE for s in segments):
        return False
    stem, ext = _slug(segments)
    if ext and ext not in PAGE_EXTENSIONS:
        return False
    words = [w for w in _WORD.findall(stem.lower()) if w not in STOP_WORDS]
    has_id = bool(_ID.search(stem.lower()))
    if path_date("/" + "/".join(segments) + "/") is not None:
        return bool(words) or has_id
    return len(words) >= SLUG_WORDS or (has_id and len(segments) >= 2)


def parse_page(data: bytes):
    """The lxml root of an HTML page (bytes, any charset: :func:`etl.core.encoding.decode_bytes`).

    Raises SourceError(``not_html``) when nothing parses.
    """
    try:
        return lxml.html.document_fromstring(decode_bytes(data))
    except (etree.ParserError, ValueError) as exc:
        raise SourceError("not_html", str(exc)) from exc


def _base(root, page_url: str) -> str:
    for href in root.xpath("//base/@href"):
        return urljoin(page_url, href.strip())
    return page_url


def feed_links(root, page_url: str) -> list[str]:
    """Absolute URLs of the RSS/Atom feeds the page declares, in page order, without repeats."""
    base, found = _base(root, page_url), []
    for link in root.xpath("//link[@href][@type]"):
        rel = (link.get("rel") or "").lower().split()
        if "alternate" in rel and link.get("type", "").split(";")[0].strip().lower() in FEED_TYPES:
            url = normalize_url(urljoin(base, link.get("href").strip()))
            if url.startswith("http") and url not in found:
                found.append(url)
    return found


def article_links(root, page_url: str, since: datetime | None = None) -> list[str]:
    """Normalised article-like links of the page (:func:`article_like`) on its own site, in
    page order, without repeats or the page itself; links whose path date is more than a
    day before ``since`` are left out."""
    base, host = _base(root, page_url), urlsplit(page_url).hostname or ""
    oldest = since.date() - timedelta(days=1) if since else None
    own, found = normalize_url(page_url), []
    for href in root.xpath("//a/@href"):
        url = normalize_url(urljoin(base, href.strip()))
        parts = urlsplit(url)
        if url in found or url == own or parts.scheme not in ("http", "https"):
            continue
        if not same_site(host, parts.hostname or "") or not article_like(url):
            continue
        day = path_date(parts.path + "/")
        if oldest is None or day is None or day >= oldest:
            found.append(url)
    return found


def site_entries(location: str, read: Callable[[str], bytes], since: datetime | None = None,
                 max_feeds: int = 3) -> Iterator[Entry]:
    """Entries of a ``site`` source: its declared feeds' entries, then its article links.

    Input: the page URL, ``read(url) -> bytes`` (raises SourceError, e.g.
    ``robots_disallowed``, or TransientError), the run's interval start and how many feeds
    to read. A feed that cannot be read is logged and skipped. Raises what ``read`` raises
    for the page itself, SourceError(``not_html``) when it does not parse.
    """
    root = parse_page(read(location))
    for feed in feed_links(root, location)[: max(0, max_feeds)]:
        try:
            yield from parse_feed(read(feed), feed)
        except (SourceError, TransientError) as exc:
            log.warning("discover: feed %s of %s skipped: %s", feed, location, exc)
    yield from (Entry(url) for url in article_links(root, location, since))
