"""The page itself: site name, canonical URL and declared language."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from etl.clean.meta.sources import first_meta, ld_str, ld_types, txt

_PUBLISHER_TYPES = frozenset({"website", "newsmediaorganization", "organization"})
_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")


def find_site_name(ld_objs: list[dict], md: dict, url: str) -> tuple[str, str]:
    """(site name, provenance): og:site_name/application name, JSON-LD publisher or
    WebSite/Organization name, else the URL's host without ``www.``."""
    v, prov = first_meta(md, "og:site_name", "application-name", "twitter:app:name:iphone")
    if v:
        return txt(v), prov
    for obj in ld_objs:
        pub = obj.get("publisher")
        if isinstance(pub, dict) and pub.get("name"):
            return ld_str(pub), "json-ld"
        if ld_types(obj) & _PUBLISHER_TYPES and obj.get("name"):
            return ld_str(obj.get("name")), "json-ld"
    host = urlsplit(url or "").hostname or ""
    return (host[4:] if host.startswith("www.") else host), ("url" if host else "")


def find_canonical(root, md: dict, ld: dict, url: str) -> tuple[str, str]:
    """(canonical URL, provenance): ``<link rel=canonical>``, og:url, JSON-LD url, else ``url``."""
    for link in root.iter("link"):
        href = link.get("href")
        if (link.get("rel") or "").lower().strip() == "canonical" and href:
            return urljoin(url or "", href.strip()), "meta"
    v, prov = first_meta(md, "og:url")
    if v:
        return urljoin(url or "", v), prov
    v = ld_str(ld.get("url") or ld.get("mainEntityOfPage"))
    if v.startswith("http"):
        return v, "json-ld"
    return url, "url"


def find_language(root, md: dict, ld: dict) -> tuple[str, str]:
    """(declared language code, provenance): ``<html lang>``, content-language meta,
    JSON-LD inLanguage, og:locale ("de-DE" -> "de"); ("", "") when the page declares none."""
    for value, prov in (
        (root.get("lang") or root.get("xml:lang"), "meta"),
        (first_meta(md, "content-language", "language", "dc.language")[0], "meta"),
        (ld_str(ld.get("inLanguage")), "json-ld"),
        ((md.get("og:locale") or [""])[0], "opengraph"),
    ):
        code = re.split(r"[-_]", (value or "").strip().lower())[0]
        if _LANGUAGE_CODE.fullmatch(code or ""):
            return code, prov
    return "", ""
