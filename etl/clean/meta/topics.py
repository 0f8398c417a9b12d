"""What the article is filed under: section and tags."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from etl.clean.dom import visible_text
from etl.clean.meta.sources import first_meta, ld_str, txt

_NOT_SECTIONS = frozenset({"news", "article", "articles", "story", "stories", "www", "amp", "en", "de", "fr"})
_MAX_TAGS = 30
_MAX_TAG_CHARS = 80


def find_section(ld: dict, md: dict, url: str) -> tuple[str, str]:
    """(section, provenance): JSON-LD articleSection, section metadata, else the first
    plain word of the URL path ("/business/..." -> "Business", provenance ``url``)."""
    v = ld_str(ld.get("articleSection"))
    if v:
        return v, "json-ld"
    v, prov = first_meta(md, "article:section", "section", "parsely-section", "sailthru.section", "category")
    if v:
        return txt(v), prov
    parts = [p for p in urlsplit(url or "").path.split("/") if p]
    for p in parts[:-1]:
        if p.isalpha() and 2 < len(p) < 20 and p.lower() not in _NOT_SECTIONS:
            return p.replace("-", " ").title(), "url"
    return "", ""


def find_tags(ld: dict, md: dict, root) -> tuple[list[str], str]:
    """(tags, provenance): article:tag, JSON-LD keywords, keyword metadata, else
    ``<a rel=tag>`` links; at most 30, duplicates (any case) dropped."""
    if md.get("article:tag"):
        return _dedupe(md["article:tag"]), "opengraph"
    kw = ld.get("keywords")
    if kw:
        items = kw if isinstance(kw, list) else str(kw).split(",")
        tags = _dedupe(ld_str(k) for k in items)
        if tags:
            return tags, "json-ld"
    v, prov = first_meta(md, "news_keywords", "keywords", "parsely-tags", "sailthru.tags")
    if v:
        return _dedupe(v.split(",")), prov
    tags = [txt(visible_text(a)) for a in root.xpath("//a[contains(concat(' ', @rel, ' '), ' tag ')]")]
    return (_dedupe(tags), "text") if tags else ([], "")


def _dedupe(items: Iterable) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for i in items:
        i = txt(i)
        if i and i.lower() not in seen and len(i) < _MAX_TAG_CHARS:
            seen.add(i.lower())
            out.append(i)
    return out[:_MAX_TAGS]
