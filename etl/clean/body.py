"""Main-text extraction: score the tree, pick the article container, emit text blocks.

The algorithm (our own, general; no site rules):
1. ``dom.strip_tags`` + ``dom.remove_boilerplate`` drop scripts, navigation, share
   bars, comments, ads, hidden elements and captions (class/id/role/tag heuristics,
   guarded so that a wrapper holding most of the page text is never removed).
2. Every paragraph-like node (``p``, ``pre``, ``td``, text-bearing ``div``) adds a
   score (length, commas) to its parent and, damped, to two more ancestors;
   candidates are weighted by class/id hints and by their link density.
3. The best candidate plus its good siblings is the article (``choose_region``);
   inside it, link lists are dropped. ``etl.clean.html`` re-parses only that region with
   BeautifulSoup and cuts it into blocks (paragraphs, headings, list items, quotes,
   table rows) in reading order, each carrying its cleaned HTML.
4. Blocks are filtered (``filter_blocks``): link-heavy, boilerplate phrases,
   bylines/datelines and short dangling lines at the edges.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from lxml import etree

from etl.clean import dom
from etl.clean.authors import agency_name
from etl.clean.dom import text_of
from etl.clean.labels import is_labelled_caption

BLOCK_TAGS = frozenset(
    """
p div section article main h1 h2 h3 h4 h5 h6 li ul ol dl dt dd blockquote pre table tr thead
tbody tfoot caption hr figure header footer address center fieldset details summary body html
nav aside form hgroup br figcaption legend noscript
""".split()
)
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
PARA_TAGS = ("p", "pre", "td", "blockquote")
TEXT_CONTAINERS = frozenset({"div", "section", "article", "main", "span", "font", "center", "td"})

_BOILER_LINE = re.compile(
    r"^(?:share|share this|share on|tweet|e-?mail|print|advertisement|anzeige|werbung|publicit[ée]|"
    r"read more|read next|related|related articles|related stories|more from|see also|also read|"
    r"follow us|follow|sign up|subscribe|click here|go to top|back to top|top of page|nach oben|"
    r"comments?|leave a comment|post a comment|loading|skip to|close|menu|search|login|log in|"
    r"photo|image|credit|video|watch|listen|copyright|all rights reserved|tags?|topics?|"
    r"mehr zum thema|lesen sie auch|zum thema|teilen|drucken|kommentare?)\b",
    re.I,
)
_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright\b)|all rights reserved|alle rechte vorbehalten", re.I)
_BYLINE = re.compile(r"^(?:by|von|par|por|di|door|av)\s+[A-Z][\w.'’-]+", re.U)
_DATELINE_ONLY = re.compile(
    r"^(?:(?:published|updated|posted|last updated|veröffentlicht|aktualisiert|stand)\s*:?\s*)?"
    r"(?:\w+,?\s+)?(?:\d{1,2}[./ ]\s*)?(?:\w+\.?\s+)?\d{1,2},?\s*\d{4}\b[\w\s:.,|/-]{0,30}$",
    re.I,
)
_STAMP = re.compile(
    r"^(?:published|updated|posted|release date|last (?:updated|modified)|veröffentlicht|aktualisiert|"
    r"publié|mis à jour|publicado|actualizado)\b",
    re.I,
)
_PROMO = re.compile(
    r"\b(?:subscribe|subscription|sign up|newsletters?|follow (?:us|him|her|them|@)|join (?:us|our)|"
    r"may be reached at|can be reached at|e-?mail (?:him|her|me|us|the author)|click here|"
    r"abonnieren|newsletter|folgen sie|melden sie sich|inscrivez-vous|suscríbete)\b",
    re.I,
)
_BOILER_ANY = re.compile(
    r"\b(?:subscribe|sign up for|to view the full story|for the full story|download (?:the|our) [\w ]{0,30}apps?|"
    r"already a subscriber|log in to|enthält werbung|werbung\.|"
    r"copyrighted property|written permission|may not be (?:published|reproduced|reprinted)|"
    r"all rights reserved|schon gelesen|war (?:der|dieser) artikel|artikel teilen|gefällt mir|"
    r"lesen sie (?:auch|mehr)|mehr zum thema|weiterlesen|read more|read next|continue reading|"
    r"share this|share on|teilen sie|click here|auch interessant|empfehlungen aus|nächsten artikel|"
    r"signing up|stay up[- ]to[- ]date|keine kommentare|no comments yet|nicht eingeloggt|registrieren sie|"
    r"ohne gewähr|noch keine bewertungen|related articles|more stories|you may also like|"
    r"das könnte sie auch interessieren|zum newsletter)\b",
    re.I,
)
_CREDIT_LINE = re.compile(
    r"getty ?images|shutterstock|istock|thinkstock|imago|picture[- ]alliance|ap photo|"
    r"^(?:foto|fotos|bild|photo|image|quelle|source|credit|crédit|abbildung)\s*:|"
    r"^[\w .-]{2,30}\s/\s[\w .-]{2,40}$",
    re.I,
)
_END_PUNCT = re.compile(r"[.!?:;\"”»'’)\]…。！？]$")
_PROSE_END = re.compile(r"[a-z0-9%)][.!?][\"”’]?$")  # a sentence's end, not an ellipsis nor a label


@dataclass
class Block:
    """One paragraph-like piece of the article: its text, the block element it came from,
    and (set by ``etl.clean.html``) its cleaned HTML and place in the page."""

    text: str
    tag: str
    links: int = 0
    in_list: bool = False
    content: Any = None  # bs4 Tag: the block's cleaned HTML (its children, for a list-item run)
    path: tuple = ()  # enclosing lists, items, quotes, data tables: ((serial, name), ...)
    owner: int = 0  # serial of the block element it is text of (joins runs split by <br>)
    joined: bool = False  # it follows a <br> in the same element
    index: int | None = None  # position among the region's blocks (None: not from the page's markup)

    @property
    def link_density(self) -> float:
        return self.links / max(len(self.text), 1)


def _direct_text_len(el) -> int:
    n = len((el.text or "").strip())
    for child in el:
        n += len((child.tail or "").strip())
    return n


def _class_weight(el) -> float:
    """Multiplier from class/id/itemprop/tag hints (content words up, boilerplate down)."""
    attrs = dom.attr_text(el)
    w = 1.0
    if attrs:
        if dom.BODY_HINT.search(attrs):
            w *= 1.6
        elif dom.POS_PHRASES.search(attrs):
            w *= 1.25
        if dom.is_negative(attrs):
            w *= 0.5
    if el.get("itemprop") == "articleBody":
        w *= 2.0
    if el.tag == "article":
        w *= 1.2
    return w


def score_candidates(root, total: dict, links: dict) -> dict:
    """Score container elements by the paragraphs they hold.

    Input: the cleaned tree and per-element text/link lengths (``dom.text_lengths``).
    Output: {element: score}; empty when the page has no paragraph-like text.
    """
    raw: dict = {}
    for el in root.iter(etree.Element):
        tag = el.tag
        if tag in PARA_TAGS:
            length = total.get(el, 0)
            target = el.getparent()
        elif tag in TEXT_CONTAINERS:
            length = _direct_text_len(el)
            target = el
        else:
            continue
        if length < 25 or target is None:
            continue
        lk = links.get(el, 0) if tag in PARA_TAGS else 0
        if lk > 0.5 * length:
            continue
        text = text_of(el) if tag in PARA_TAGS else (el.text or "")
        contrib = 1 + text.count(",") + text.count("，") + text.count("、") + min(length / 100, 3)
        weight = 0.5 if tag == "td" else 1.0  # table cells are often data, not prose
        node = target
        for _ in range(3):
            if node is None or node.tag == "html":
                break
            raw[node] = raw.get(node, 0.0) + contrib * weight
            weight *= 0.6
            node = node.getparent()
    scores = {}
    for el, s in raw.items():
        t = total.get(el, 0)
        ld = links.get(el, 0) / t if t else 0.0
        scores[el] = (s + 12 * (_class_weight(el) - 1)) * (1 - ld)
    return scores


def _is_ancestor(a, b) -> bool:
    return any(x is a for x in b.iterancestors())


SPLIT_STRONG = 0.4  # other candidates this close to the best may be parts of one split body
SPLIT_GROWTH = 1.8  # ... whose common ancestor may hold this much more text than the parts
TIE = 0.9  # candidates this close to the best count as a tie (the first in the page wins)


def pick_container(root, scores: dict, total: dict, links: dict) -> list:
    """Choose the article: the best candidate, maybe its ancestor, plus good siblings.

    Output: list of elements in document order (empty when nothing scores).
    """
    if not scores:
        return []
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    top, best = ranked[0]
    merged = _common_ancestor(top, ranked, best, total)
    top = merged if merged is not None else _first_of_ties(root, top, ranked, best)
    while True:  # a lone child: use the parent so siblings of the wrapper are considered
        parent = top.getparent()
        if parent is None or parent.tag in ("body", "html") or len(parent) != 1:
            break
        top = parent
    parent = top.getparent()
    if parent is None:
        return [top]
    threshold = max(5.0, scores.get(top, best) * 0.1)
    return [
        sib
        for sib in parent
        if isinstance(sib.tag, str) and (sib is top or _sibling_ok(sib, scores, threshold, total, links))
    ]


def _disjoint(a, b) -> bool:
    return not _is_ancestor(a, b) and not _is_ancestor(b, a)


def _common_ancestor(top, ranked: list, best: float, total: dict):
    """Body split by ads/figures: the ancestor joining strong candidates, if it adds little text."""
    strong = [el for el, s in ranked[1:10] if s >= SPLIT_STRONG * best and _disjoint(el, top)]
    node = top.getparent() if strong else None
    while node is not None and node.tag not in ("body", "html"):
        inside = [el for el in strong if _is_ancestor(node, el)]
        if inside:
            covered = total.get(top, 0) + sum(total.get(el, 0) for el in inside)
            return node if total.get(node, 0) <= SPLIT_GROWTH * covered else None
        node = node.getparent()
    return None


def _first_of_ties(root, top, ranked: list, best: float):
    """Near-tied disjoint candidates (repeated posts, infinite scroll): the first one is the page's."""
    close = [el for el, s in ranked[1:6] if s >= TIE * best and _disjoint(el, top)]
    if not close:
        return top
    order = {el: i for i, el in enumerate(root.iter(etree.Element))}
    earlier = [el for el in close if order.get(el, 1 << 30) < order.get(top, 0)]
    return min(earlier, key=order.__getitem__) if earlier else top


def _sibling_ok(sib, scores, threshold, total, links) -> bool:
    if scores.get(sib, 0) >= threshold:
        return True
    if sib.tag not in ("p", "blockquote", "pre", "ul", "ol", "h2", "h3", "h4", "table", "div", "header"):
        return False
    t = total.get(sib, 0)
    if not t:
        return False
    ld = links.get(sib, 0) / t
    if t > 80 and ld < 0.25 and sib.tag not in ("div", "header"):
        return True
    if sib.tag == "header" and t > 80 and ld < 0.2:
        return True
    if sib.tag == "div" and t > 200 and ld < 0.1 and not dom.is_negative(dom.attr_text(sib)):
        return True
    if t <= 80 and ld == 0 and sib.tag == "p":
        return bool(_END_PUNCT.search(text_of(sib).strip()))
    return False


def prune_region(region: list, total: dict, links: dict) -> None:
    """Inside the chosen article, drop link lists and link-heavy boxes."""
    doomed = []
    for top in region:
        for el in top.iter("ul", "ol", "div", "section", "table", "dl", "p", "span"):
            if el is top or el.tag == "span" and _in_sentence(el):
                continue
            t = total.get(el, 0)
            if not t:
                continue
            ld = links.get(el, 0) / t
            limit = 0.5 if el.tag in ("ul", "ol", "dl") else 0.65
            if el.tag in ("ul", "ol") and t < 400:
                limit = 0.4
            if ld > limit:
                doomed.append(el)
    for el in doomed:
        if el.getparent() is not None:
            dom.remove(el)


def _in_sentence(el) -> bool:
    """True for an inline element with text right before or after it in its parent: a link wrapped in a
    ``<span>`` inside a sentence ("Rep. <span><a>Ilhan Omar</a></span> (D-Minn.), the ...") is part of it."""
    before = el.getprevious()
    text_before = (before.tail if before is not None else el.getparent().text) or ""
    return bool(text_before.strip() or (el.tail or "").strip())


def _prose_after_link(b: Block) -> bool:
    """A list item whose linked headline is followed by a sentence of its own ("<a>T-Mobile CEO John Legere is
    stepping down in May 2020</a>. Legere will hand over the reins to ..."): a news digest's item, not a link."""
    return len(b.text) * (1 - b.link_density) >= 50 and bool(_PROSE_END.search(b.text))


def filter_blocks(blocks: list[Block], title: str = "", links_are_text: bool = False) -> list[Block]:
    """Drop boilerplate blocks; return the kept ones, in order.

    Drops: h1/title repeats, link-heavy lines, boilerplate phrases, copyright,
    bylines and bare datelines, and short unpunctuated lines at both edges.
    ``links_are_text`` (a post that is a list of links, :func:`declared_body`): link-heavy
    lines are kept and the edges are not trimmed (every line of such a post is short).
    """
    title_key = _key(title)
    kept: list[Block] = []
    seen_short = set()
    for b in blocks:
        text = b.text
        n = len(text)
        if (b.tag == "h1" and not kept) or (title_key and _key(text) == title_key):
            continue
        ld = b.link_density
        if not links_are_text and (ld > 0.6 or (b.in_list and ld > 0.3 and n < 200 and not _prose_after_link(b))):
            continue
        if n < 120 and (_BOILER_LINE.match(text) and not _END_PUNCT.search(text) or _COPYRIGHT.search(text)):
            continue
        if n < 80 and (_BYLINE.match(text) and not _END_PUNCT.search(text) or _DATELINE_ONLY.match(text)):
            continue
        if n < 120 and _STAMP.match(text) or n < 40 and agency_name(text):
            continue
        if b.tag in ("div", "span", "figure") and len(text.split()) < 10 and not _END_PUNCT.search(text):
            continue
        if is_labelled_caption(text):  # "Media captionJulian Assange ..." (etl/clean/labels.py)
            continue
        if (
            n < 160
            and _BOILER_ANY.search(text)
            or n < 80
            and _CREDIT_LINE.search(text)
            and not _END_PUNCT.search(text)
        ):
            continue
        if n < 60:
            k = _key(text)
            if k in seen_short:
                continue
            seen_short.add(k)
        kept.append(b)
    if not links_are_text:
        _trim_edges(kept)
    return kept


def _dangling(b: Block) -> bool:
    words = b.text.split()
    if b.tag in HEADINGS:
        return len(words) < 25
    return len(words) < 8 and not _END_PUNCT.search(b.text)


def _trim_edges(kept: list) -> None:
    while kept and (_dangling(kept[-1]) or len(kept[-1].text) < 400 and _PROMO.search(kept[-1].text)):
        kept.pop()
    while (
        kept
        and kept[0].tag not in HEADINGS
        and len(kept[0].text) < 150
        and (_BYLINE.match(kept[0].text) or _PROMO.search(kept[0].text))
        and len(kept) > 1
    ):
        kept.pop(0)
    while len(kept) > 1 and _dangling(kept[0]) and kept[0].tag not in HEADINGS:
        kept.pop(0)


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def choose_region(root, protect=(), lenient: bool = False) -> list:
    """The article's elements in a parsed page (the tree is cleaned in place).

    Input: lxml root from ``dom.parse``; ``protect``: elements chosen by user rules, kept
    whole and used as the region; ``lenient``: remove boilerplate by tag/role/hidden only.
    Output: lxml elements in document order, link lists pruned (the body, or the root,
    when nothing scores).
    """
    dom.strip_tags(root)
    dom.drop_hover_cards(root)
    total, links = dom.text_lengths(root)
    dom.remove_boilerplate(root, total, protect, lenient, links)
    total, links = dom.text_lengths(root)
    if protect:
        region = [p for p in protect if p.getparent() is not None or p is root]
    else:
        region = pick_container(root, score_candidates(root, total, links), total, links)
    if not region:
        body = root.find("body")
        region = [body if body is not None else root]
    prune_region(region, total, links)
    return region


def declared_body(root):
    """The page's one element marked as the article body, or None when it marks none or several.

    Input: a parsed page. Marked: ``itemprop="articleBody"``, or a body class/id (``entry-content``,
    ``post-content``, ``article-body``... :data:`etl.clean.dom.BODY_HINT`) inside an ``<article>`` or a
    blog entry (``hentry``/``h-entry``); the outermost of nested ones. Used when scoring finds no text: a
    blog's link round-up (a post that is a list of links) is all link lines, which scoring and the block
    filter drop as link lists.
    """
    found = [
        el for el in root.iter(etree.Element)
        if el.get("itemprop") == "articleBody" or dom.BODY_HINT.search(dom.attr_text(el)) and _in_entry(el)
    ]
    outer = [el for el in found if not any(_is_ancestor(o, el) for o in found)]
    return outer[0] if len(outer) == 1 else None


_ENTRY_CLASS = re.compile(r"(?:^|\s)h-?entry(?:\s|$)")


def _in_entry(el) -> bool:
    """True when ``el`` is inside an ``<article>`` or a microformat blog entry (``hentry``, ``h-entry``)."""
    return any(a.tag == "article" or _ENTRY_CLASS.search(a.get("class") or "") for a in el.iterancestors())
