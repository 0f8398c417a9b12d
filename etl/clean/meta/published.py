"""Publication and modification dates (UTC ISO 8601) with provenance."""

from __future__ import annotations

import re

from etl.clean import dates
from etl.clean.dom import visible_text
from etl.clean.meta.sources import MAX_CANDIDATES, first_meta, ld_str, txt

PUBLISHED_META = (
    "datepublished",
    "pubdate",
    "publishdate",
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
_DATE_CLASS = re.compile(r"date|time|publish|posted|dateline|meta", re.I)
# usual zone of zone-less visible times on pages in a language (others: UTC)
_LANG_TZ = {
    "de": "Europe/Berlin",
    "fr": "Europe/Paris",
    "it": "Europe/Rome",
    "es": "Europe/Madrid",
    "nl": "Europe/Amsterdam",
    "pl": "Europe/Warsaw",
    "pt": "Europe/Lisbon",
}


def tz_for(language: str) -> str | None:
    """Default time zone for zone-less visible times on pages in ``language`` (None: UTC)."""
    return _LANG_TZ.get(language)


def find_dates(ld: dict, md: dict, root, url: str, tz: str | None) -> tuple[dict, dict]:
    """({field: iso}, {field: provenance}) for ``published_at`` and ``modified_at``.

    Order: JSON-LD, article:*/og: tags, other meta tags; for the publication date then
    ``<time>``/itemprop dates and visible datelines (``time``/``text``), then the URL.
    Zone-less times are read in ``tz`` (None: UTC). Fields not found are left out.
    """
    chains = {
        "published_at": [
            ("json-ld", ld.get("datePublished") or ld.get("dateCreated")),
            ("opengraph", (md.get("article:published_time") or [None])[0]),
            ("meta", first_meta(md, *PUBLISHED_META)[0]),
        ],
        "modified_at": [
            ("json-ld", ld.get("dateModified")),
            ("opengraph", (md.get("article:modified_time") or md.get("og:updated_time") or [None])[0]),
            ("meta", first_meta(md, *MODIFIED_META)[0]),
        ],
    }
    vals, prov = {}, {}
    for field, chain in chains.items():
        for source, raw in chain:
            iso = dates.parse_date(raw if isinstance(raw, str) else ld_str(raw), tz)
            if iso:
                vals[field], prov[field] = iso, source
                break
    if "published_at" not in vals:
        found = _visible_date(root, tz)
        if found:
            vals["published_at"], prov["published_at"] = found
    if "published_at" not in vals:
        iso = dates.date_from_url(url)
        if iso:
            vals["published_at"], prov["published_at"] = iso, "url"
    return vals, prov


def _visible_date(root, tz: str | None) -> tuple[str, str] | None:
    """(iso, provenance) of the first ``<time>``, itemprop=datePublished or date-classed dateline."""
    for el in root.iter("time"):
        iso = dates.parse_date(el.get("datetime") or "", tz) or dates.parse_date(txt(visible_text(el, 200)), tz)
        if iso:
            return iso, "time"
    for el in root.xpath("//*[@itemprop='datePublished']"):
        iso = dates.parse_date(el.get("content") or el.get("datetime") or txt(visible_text(el, 200)), tz)
        if iso:
            return iso, "time"
    tried = 0
    for el in root.iter("span", "div", "p", "small", "li"):
        cls = (el.get("class") or "") + " " + (el.get("id") or "")
        if _DATE_CLASS.search(cls) and tried < MAX_CANDIDATES:
            tried += 1
            text = txt(visible_text(el, 200))
            if len(text) < 200:
                found = dates.find_dateline(text, tz)
                if found:
                    return found[0], "text"
    return None
