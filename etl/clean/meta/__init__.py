"""Article metadata with provenance, read from the unmodified parsed page.

Sources, by the name recorded in ``provenance``: ``json-ld`` (schema.org Article
objects), ``opengraph`` (``og:*``/``article:*``), ``meta`` (other ``<meta>`` tags,
``<link rel=canonical>``, ``<html lang>``), ``time`` (``<time datetime>`` and
``itemprop`` dates), ``text`` (visible bylines, datelines, standfirst, figure
captions), ``html-title`` (``<title>``), ``h1``, ``url`` (dates/sections in the
URL path). The cleaner adds ``body`` (agency found in the article text) and
``guess`` (language guessed from it).

One module per field family: :mod:`.sources` (JSON-LD, meta tags), :mod:`.title`
(title, lead), :mod:`.page` (site name, canonical URL, declared language),
:mod:`.topics` (section, tags), :mod:`.published` (dates), :mod:`.bylines`
(authors, agency), :mod:`.images`. ``extract_meta`` never raises on odd markup or
malformed JSON.
"""

from __future__ import annotations

from etl.clean.meta.bylines import find_authors
from etl.clean.meta.images import find_images
from etl.clean.meta.page import find_canonical, find_language, find_site_name
from etl.clean.meta.published import find_dates, tz_for
from etl.clean.meta.sources import article_object, jsonld_objects, ld_types, longest_article_body, meta_tags
from etl.clean.meta.title import find_lead, find_title
from etl.clean.meta.topics import find_section, find_tags

__all__ = ["extract_meta", "headline_meta"]


def extract_meta(root, url: str, html: str = "") -> tuple[dict, dict, dict]:
    """Read metadata from a parsed (not yet cleaned) page.

    Input: the parsed page, its URL and (optionally) its HTML text, which the date
    finder hands to ``htmldate`` where our own sources find no date.
    Output: (fields, provenance, extras). ``fields`` has title, lead, authors,
    agency, site_name, canonical_url, section, tags, language, published_at,
    published_day, modified_at, modified_day, images (list of dicts); ``provenance``
    names the source of every non-empty field; ``extras`` has the JSON-LD articleBody
    (``article_body``).
    """
    objs = jsonld_objects(root)
    ld = article_object(objs)
    md = meta_tags(root)
    f: dict = {}
    p: dict = {}

    def put(name, value_prov):
        value, prov = value_prov
        f[name] = value
        if value:
            p[name] = prov

    put("site_name", find_site_name(objs, md, url))
    put("title", find_title(ld, md, root, f["site_name"]))
    put("lead", find_lead(ld, md, root))
    put("canonical_url", find_canonical(root, md, ld, url))
    put("section", find_section(ld, md, url))
    put("tags", find_tags(ld, md, root))
    put("language", find_language(root, md, ld))
    kinds = frozenset(t for obj in objs for t in ld_types(obj))
    vals, prov = find_dates(ld, md, root, url, tz_for(f["language"]), html, kinds)
    for k in ("published_at", "published_day", "modified_at", "modified_day"):
        f[k] = vals.get(k)
        if k in prov:
            p[k] = prov[k]
    _people_and_images(f, p, ld, md, root, url, objs)
    return f, p, {"article_body": longest_article_body(objs)}


def headline_meta(root, url: str) -> tuple[dict, dict, dict]:
    """The few fields main-text extraction needs: title and lead (fields, provenance,
    extras with the JSON-LD ``article_body``), like :func:`extract_meta` but cheaper."""
    objs = jsonld_objects(root)
    ld = article_object(objs)
    md = meta_tags(root)
    site, _ = find_site_name(objs, md, url)
    title, tprov = find_title(ld, md, root, site)
    lead, lprov = find_lead(ld, md, root)
    return {"title": title, "lead": lead}, {"title": tprov, "lead": lprov}, {"article_body": longest_article_body(objs)}


def _people_and_images(f: dict, p: dict, ld: dict, md: dict, root, url: str, objs: list[dict]) -> None:
    """Authors (never the site's own name), agency and images, with provenance."""
    names, nprov, agency, aprov = find_authors(ld, md, root, objs, (f.get("site_name") or "", url))
    f["authors"], f["agency"] = names, agency
    if names:
        p["authors"] = nprov
    if agency:
        p["agency"] = aprov
    f["images"] = find_images(root, md, ld, url)
    if f["images"]:
        captioned = any(i["caption"] for i in f["images"])
        p["images"] = "text" if captioned else ("json-ld" if ld.get("image") else "opengraph")
