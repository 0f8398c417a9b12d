"""Title (site suffix removed) and lead (standfirst) of the article."""

from __future__ import annotations

import re

from lxml import etree

from etl.clean.dom import is_negative, visible_text
from etl.clean.meta.headline import FIRST_H1, page_titles, title_key, title_values
from etl.clean.meta.headline import TITLE_SEP as _TITLE_SEP
from etl.clean.meta.sources import first_meta, ld_str, txt

_VOTERS = ("opengraph", "h1", "html-title")  # titles that can outvote a JSON-LD headline
_MIN_HEADLINE_WORDS = 3  # an <h1> of fewer words and characters that is none of the page's titles is a label
_MIN_HEADLINE_CHARS = 20  # ("Business Monday")
_WORD = re.compile(r"[^\W\d_]{2,}")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")  # scripts written without spaces between words
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
    """(title, provenance): JSON-LD headline, og:title, twitter:title, ``<h1>`` (:func:`headline_h1`), ``<title>``.

    The first candidate longer than 3 characters once the site suffix is removed wins, except a JSON-LD
    headline that the page's other titles outvote (:func:`_outvoted`); ("", "") when none. An ``<h1>`` loses
    only the site's name at its end, never a short last part ("... retreat — it's for sale!").
    """
    candidates = [
        (ld_str(ld.get("headline") or ld.get("name")), "json-ld"),
        first_meta(md, "og:title"),
        first_meta(md, "twitter:title"),
        (headline_h1(root), "h1"),
    ]
    t = root.find(".//title")
    if t is not None:
        candidates.append((txt(visible_text(t)), "html-title"))
    named = [(strip_site(txt(value), site_name, guess=prov != "h1"), prov) for value, prov in candidates]
    named = [(value, prov) for value, prov in named if value and len(value) > 3]
    if named and named[0][1] == "json-ld" and _outvoted(named[0][0], [v for v, prov in named if prov in _VOTERS]):
        named = named[1:]
    return named[0] if named else ("", "")


def headline_h1(root) -> str:
    """The text of the page's headline ``<h1>`` among its first :data:`~etl.clean.meta.headline.FIRST_H1`: the first that is one of the
    page's titles (og:title, ``<title>`` or a part of them), else the first that is no label (:func:`_is_label`:
    "Trending", "Sections", the site's name in the header, a "{text}" template); "" when none."""
    texts = [t for t in (txt(visible_text(h)) for h in root.xpath(f"(//h1)[position() <= {FIRST_H1}]")) if t]
    titles = page_titles(root) | _title_heads(root)
    agreeing = [t for t in texts if title_key(t) in titles]
    if agreeing:
        return agreeing[0]
    return next((t for t in texts if not _is_label(t)), "")


def _title_heads(root) -> set[str]:
    """Keys of the first part of og:title and ``<title>`` however short ("Mozilla" of "Mozilla - Wikipedia")."""
    return {key for key in (title_key(_TITLE_SEP.split(v.strip())[0]) for v in title_values(root)) if key}


def _is_label(text: str) -> bool:
    """True when an ``<h1>`` text is a page label rather than a headline: under :data:`_MIN_HEADLINE_WORDS` words
    and :data:`_MIN_HEADLINE_CHARS` characters ("Trending", "How-To Geek"; not a Chinese headline, written without
    spaces) or no word of letters ("{text}")."""
    short = len(text.split()) < _MIN_HEADLINE_WORDS and len(text) < _MIN_HEADLINE_CHARS and not _CJK.search(text)
    return short or not _WORD.search(text)


def _outvoted(headline: str, others: list[str]) -> bool:
    """True when a JSON-LD ``headline`` is no title of the page: none of the page's other titles (:data:`_VOTERS`:
    og:title, ``<h1>``, ``<title>``, site suffix removed; not twitter:title, a copy of og:title) holds it or is
    held in it, while two of them agree (one holds the other): a wiki's short description "constitutional monarchy
    in Oceania" beside ``<h1>`` "New Zealand" and ``<title>`` "New Zealand - Wikipedia", a CMS name "escenic".
    Compared as :func:`etl.clean.meta.headline.title_key`."""
    keys = [k for k in (title_key(v) for v in others) if k]
    head = title_key(headline)
    if not head or any(head in k or k in head for k in keys):
        return False
    return any(a in b or b in a for i, a in enumerate(keys) for b in keys[i + 1:])


def strip_site(title: str, site_name: str, guess: bool = True) -> str:
    """Remove a " | Site Name" style suffix (or prefix) from a title: the site's name, or with ``guess`` also a
    last part under 25 characters and half the first's length (a site name the page does not declare)."""
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
    if guess and len(parts[-1]) < 25 and len(parts[-1]) < len(parts[0]) / 2:
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
