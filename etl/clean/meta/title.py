"""Title (site suffix removed) and lead (standfirst) of the article."""

from __future__ import annotations

import re

from lxml import etree

from etl.clean.dom import is_negative, visible_text
from etl.clean.meta.sources import first_meta, ld_str, txt

_TITLE_SEP = re.compile(r"\s+(?:[|–—·»:]|-|::)\s+")
_LEAD_CLASS = re.compile(
    r"(?:^|[\s_-])(?:lead|standfirst|sapo|intro|introduction|dek|deck|subtitle|subheadline|"
    r"sub-headline|excerpt|abstract|teaser-text|chapo|chapeau|article-summary|einleitung|vorspann|"
    r"sommario|entradilla|bajada|ingress|ingresso)(?:$|[\s_-])",
    re.I,
)
_NOT_LEAD = re.compile(
    r"caption|credit|author|bio|byline|image|photo|media|video|related|teaser-list|"
    r"site|footer|header-nav|promo|newsletter|meta|subscri|sign-?up|signup|leader|"
    r"mislead|pleading|leading|intros?-(?:list|links)",
    re.I,
)
_LEAD_TAGS = ("p", "div", "h2", "span", "section")
_LEAD_OUTSIDE = ("footer", "aside", "nav", "figure", "a", "li")  # a lead is never inside these


def find_title(ld: dict, md: dict, root, site_name: str) -> tuple[str, str]:
    """(title, provenance): JSON-LD headline, og:title, twitter:title, ``<h1>``, ``<title>``.

    The first candidate longer than 3 characters once the site suffix is removed wins;
    ("", "") when none.
    """
    candidates = [
        (ld_str(ld.get("headline") or ld.get("name")), "json-ld"),
        first_meta(md, "og:title"),
        first_meta(md, "twitter:title"),
    ]
    h1 = root.find(".//h1")
    if h1 is not None:
        candidates.append((txt(visible_text(h1)), "h1"))
    t = root.find(".//title")
    if t is not None:
        candidates.append((txt(visible_text(t)), "html-title"))
    for value, prov in candidates:
        value = strip_site(txt(value), site_name)
        if value and len(value) > 3:
            return value, prov
    return "", ""


def strip_site(title: str, site_name: str) -> str:
    """Remove a " | Site Name" style suffix (or prefix) from a title."""
    parts = _TITLE_SEP.split(title)
    if len(parts) < 2:
        return title
    site = (site_name or "").lower()

    def is_site(p):
        p = p.lower().strip()
        return bool(site) and (p == site or p in site or site in p)

    if is_site(parts[-1]):
        return " - ".join(parts[:-1]) if len(parts) > 2 else parts[0]
    if is_site(parts[0]):
        return " - ".join(parts[1:])
    if len(parts[-1]) < 25 and len(parts[-1]) < len(parts[0]) / 2:
        return _TITLE_SEP.split(title, maxsplit=len(parts) - 2)[0] if len(parts) > 2 else parts[0]
    return title


def find_lead(ld: dict, md: dict, root) -> tuple[str, str]:
    """(standfirst, provenance): a visible lead element after the first ``<h1>`` (``text``),
    else the JSON-LD/og/meta description; ("", "") when none."""
    visible = _visible_lead(root)
    if visible:
        return visible, "text"
    v = ld_str(ld.get("description"))
    if v:
        return v, "json-ld"
    v, prov = first_meta(md, "og:description", "description", "twitter:description")
    return txt(v), prov


def _visible_lead(root) -> str:
    """Text (20-600 characters) of the first lead-classed element after the first ``<h1>``."""
    seen_h1 = root.find(".//h1") is None
    for el in root.iter(etree.Element):
        tag = el.tag
        if tag == "h1":
            seen_h1 = True
            continue
        if not seen_h1 or tag not in _LEAD_TAGS:
            continue
        cls = el.get("class") or ""
        if cls and _LEAD_CLASS.search(cls) and el.get("itemprop") != "articleBody" and not _in_boiler(el, cls):
            text = txt(visible_text(el, 600))
            if 20 <= len(text) <= 600:
                return text
    return ""


def _in_boiler(el, cls: str) -> bool:
    if is_negative(cls) or _NOT_LEAD.search(cls):
        return True
    return any(a.tag in _LEAD_OUTSIDE for a in el.iterancestors())
