"""Authors (person names) and news agency with provenance."""

from __future__ import annotations

import re

from etl.clean.authors import split_byline
from etl.clean.dom import visible_text
from etl.clean.meta.sources import MAX_CANDIDATES, ld_str, txt

AUTHOR_META = (
    ("article:author", "opengraph"),
    ("author", "meta"),
    ("parsely-author", "meta"),
    ("sailthru.author", "meta"),
    ("dc.creator", "meta"),
)
_BYLINE_CLASS = re.compile(r"byline|author|autor|writer|credit-name|contributor", re.I)
_MAX_BYLINES = 5


def find_authors(ld: dict, md: dict, root) -> tuple[list[str], str, str, str]:
    """(person names, their provenance, agency, agency provenance).

    JSON-LD author/creator first; then author meta tags and visible bylines, each
    filling names or agency only while they are still missing. Empty strings when
    nothing is found.
    """
    names: list[str] = []
    agency, prov, aprov = "", "", ""
    raw = ld.get("author") or ld.get("creator")
    if raw:
        names, agency = split_byline([ld_str(i) for i in (raw if isinstance(raw, list) else [raw])])
        prov = "json-ld" if names else ""
        aprov = "json-ld" if agency else ""
    for values, source in _byline_sources(md, root):
        n, a = split_byline(values)
        if n and not names:
            names, prov = n, source
        if a and not agency:
            agency, aprov = a, source
    return names, prov, agency, aprov


def _byline_sources(md: dict, root) -> list[tuple[list[str], str]]:
    """(byline strings, provenance) from author meta tags (URLs left out), then visible bylines."""
    out = [([v for v in md[key] if not v.startswith("http")], source) for key, source in AUTHOR_META if md.get(key)]
    byline = _visible_byline(root)
    if byline:
        out.append((byline, "text"))
    return out


def _visible_byline(root) -> list[str]:
    """Texts (3-149 characters) of up to 5 byline/author-classed elements."""
    out = []
    tried = 0
    for el in root.iter("span", "div", "p", "a", "address", "li"):
        attrs = (el.get("class") or "") + " " + (el.get("rel") or "") + " " + (el.get("itemprop") or "")
        if _BYLINE_CLASS.search(attrs):
            tried += 1
            text = txt(visible_text(el, 150))
            if 2 < len(text) < 150:
                out.append(text)
        if len(out) >= _MAX_BYLINES or tried >= MAX_CANDIDATES:
            break
    return out
