"""The page's declared metadata: JSON-LD objects, ``<meta>`` tags, and text normalisation.

Every field module reads its candidates through these helpers; none of them raises
on odd markup or malformed JSON.
"""

from __future__ import annotations

import html
import json
import re

ARTICLE_TYPES = frozenset(
    {
        "newsarticle",
        "article",
        "blogposting",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "backgroundnewsarticle",
        "reviewnewsarticle",
        "liveblogposting",
        "techarticle",
        "scholarlyarticle",
        "report",
        "socialmediaposting",
        "discussionforumposting",  # a forum thread: its first post (datePublished, author) is the page's
        "posting",
        "webpage",
    }
)
MAX_CANDIDATES = 50  # visible elements examined per field (bounded work on pathological pages)
COMMENT_MARK = re.compile(r"comment(?!ary)|disqus|respond|repl(?:y|ies)", re.I)  # not "Kommentar" (opinion)
# blocks listing other articles (teasers, sliders, "related"): their dates and bylines are not the page's
OTHER_ARTICLES = re.compile(r"teaser|related|slider|splide|swiper|carousel|recommend|recent|popular|most-?read|meistgelesen",
                            re.I)
_MENU_MARK = re.compile(r"(?<![a-z])(?:nav|menu|flyout)(?![a-z])", re.I)
_MAX_JSONLD_CHARS = 2_000_000
_MAX_JSONLD_OBJECTS = 200
_CDATA = re.compile(r"^\s*(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>\s*$")  # a script's CDATA wrapper


def txt(s) -> str:
    """Whitespace-normalised text of ``s`` ('' for None); HTML entities left escaped in attributes are decoded."""
    if s is None:
        return ""
    s = str(s)
    if "&" in s:
        s = html.unescape(s)
    return " ".join(s.split())


def comment_block(el) -> bool:
    """True when element ``el`` is a reader-comment block: classed or named as comments (:data:`COMMENT_MARK`),
    and neither the page's ``<html>``/``<body>``/``<main>`` nor a block holding an ``<h1>`` (a page-level
    class such as ``<html class="has-comments">`` or ``<body class="comments-open">`` names no block)."""
    if el.tag in ("html", "body", "main") or not COMMENT_MARK.search((el.get("class") or "") + " " + (el.get("id") or "")):
        return False
    return el.find(".//h1") is None


def in_comments(el, depth: int = 12) -> bool:
    """True when ``el`` sits (within ``depth`` ancestors) in a reader-comment block (:func:`comment_block`),
    whose dates and names are not the article's."""
    for _ in range(depth):
        el = el.getparent()
        if el is None:
            return False
        if comment_block(el):
            return True
    return False


def in_other_articles(el, depth: int = 10) -> bool:
    """True when ``el`` sits (within ``depth`` ancestors, below any ``<main>``, ``<body>`` or ``<article>``
    holding an ``<h1>``) in a list of other articles (:data:`OTHER_ARTICLES`) or a site menu (``<nav>``, or
    classed "nav"/"menu"/"flyout"), whose bylines and dates are those of other pages."""
    for _ in range(depth):
        el = el.getparent()
        if el is None or el.tag in ("main", "body") or (el.tag == "article" and el.find(".//h1") is not None):
            return False
        cls = el.get("class") or ""
        if el.tag == "nav" or OTHER_ARTICLES.search(cls) or _MENU_MARK.search(cls):
            return True
    return False


def jsonld_objects(root) -> list[dict]:
    """All JSON-LD objects on the page, in document order (``@graph``, lists and a page's ``mainEntity`` flattened)."""
    out: list[dict] = []
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        data = _load_json((script.text or "").strip())
        stack = [data]
        while stack and len(out) < _MAX_JSONLD_OBJECTS:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                if "@graph" in item:
                    graph = item["@graph"]
                    stack.extend(reversed(graph if isinstance(graph, list) else [graph]))
                out.append(item)
                if isinstance(item.get("mainEntity"), (dict, list)):  # a WebPage holding its NewsArticle
                    stack.append(item["mainEntity"])
    return out


def _load_json(raw: str):
    """Parsed JSON of a script (control characters blanked on a second try); None when unusable.

    A ``<![CDATA[ ... ]]>`` wrapper (bare or behind ``//``, as XHTML-minded CMSs write it) is no JSON and is left out.
    """
    if not raw or len(raw) > _MAX_JSONLD_CHARS:
        return None
    raw = _CDATA.sub("", raw)
    try:
        return json.loads(raw)
    except ValueError:
        try:
            return json.loads(re.sub(r"[\x00-\x1f]", " ", raw))
        except ValueError:
            return None


def ld_types(obj: dict) -> set:
    """Lower-cased schema.org type names of a JSON-LD object (URL prefixes dropped; a ``type`` key
    written without its ``@`` is read too)."""
    t = obj.get("@type", obj.get("type", ""))
    items = t if isinstance(t, list) else [t]
    return {str(x).lower().rsplit("/", 1)[-1] for x in items}


def article_object(objs: list[dict]) -> dict:
    """The JSON-LD object describing the article ({} when none): an Article type before a WebPage."""
    best: dict = {}
    rank = 99
    for obj in objs:
        types = ld_types(obj)
        if types & ARTICLE_TYPES:
            r = 1 if "webpage" in types else 0
            if r < rank:
                best, rank = obj, r
    return best


def longest_article_body(objs: list[dict]) -> str:
    """The longest JSON-LD ``articleBody`` string, stripped ('' when none)."""
    bodies = [o["articleBody"] for o in objs if isinstance(o.get("articleBody"), str)]
    return max(bodies, key=len).strip() if bodies else ""


def meta_tags(root) -> dict:
    """{lower-cased property/name/itemprop/http-equiv: [content, ...]} for every ``<meta>`` tag; a tag without
    ``content`` gives its ``value`` (pages saved by Mercury Parser, which renames it, and a few CMSs)."""
    out: dict = {}
    for m in root.iter("meta"):
        key = m.get("property") or m.get("name") or m.get("itemprop") or m.get("http-equiv")
        content = m.get("content") if m.get("content") is not None else m.get("value")
        if key and content is not None and content.strip():
            out.setdefault(key.strip().lower(), []).append(content.strip())
    return out


def first_meta(md: dict, *keys) -> tuple[str, str]:
    """(first value, provenance) of the first of ``keys`` present in ``md``; ("", "") when none.

    Provenance is ``opengraph`` for ``og:*``/``article:*`` keys, else ``meta``.
    """
    for k in keys:
        if md.get(k):
            prov = "opengraph" if k.startswith(("og:", "article:")) else "meta"
            return md[k][0], prov
    return "", ""


def ld_str(value) -> str:
    """A JSON-LD value as text: first of a list, ``name``/``@id``/``url`` of an object."""
    if isinstance(value, list):
        value = value[0] if value else ""
    if isinstance(value, dict):
        value = value.get("name") or value.get("@id") or value.get("url") or ""
    return txt(value) if isinstance(value, (str, int, float)) else ""
