"""HTML parsing and boilerplate removal.

We parse the whole page with lxml's HTML parser -- the parser BeautifulSoup uses with
its ``"lxml"`` builder -- directly, because a BeautifulSoup tree of a whole page costs
~29x more time (35 vs 1,005 pages/s on the scrapinghub pages); BeautifulSoup gets only
the chosen article region (``etl.clean.html``). Every traversal here is iterative, so
10,000-deep nesting cannot hit Python's recursion limit.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lxml import etree

_PARSER = etree.HTMLParser(
    remove_comments=True, remove_pis=True, huge_tree=True, collect_ids=False, remove_blank_text=False
)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*>", re.I)

# Elements that never hold article text.
DROP_TAGS = frozenset(
    """
script style template svg math iframe object embed canvas button input select textarea option
link meta audio video source map area dialog menu head title base
""".split()
)
NOSCRIPT_KEEP = 300  # a <noscript> with this much text is a no-JS copy of the article: keep it
# Elements that usually hold boilerplate; removed unless they hold much of the page's text.
BOILER_TAGS = frozenset({"nav", "aside", "footer", "header", "form", "figcaption"})

_SPLIT = re.compile(r"[\s_\-:]+")
# class/id words: strong ones mark boilerplate whatever else the attribute says
STRONG_WORDS = frozenset(
    """
comment comments commentlist disqus respond replies sidebar footer cookie cookies consent gdpr newsletter
privacy
newsletters related relatedposts outbrain taboola breadcrumb breadcrumbs pagination pager navbar
masthead popup modal sharebar sharetools socials sociallinks subnav toolbar skip
""".split()
)
WEAK_WORDS = frozenset(
    """
share sharing shares social recommended recommendations recommend subscribe subscription signup advert
advertisement advertising ads ad adsense adslot adunit dfp sponsor sponsored promo promotion promoted
widget widgets nav navigation menu tags taglist keywords popular trending mostread readmore alsoread
byline author authors bio dateline timestamp postmeta meta caption captions credit credits print overlay
login rating vote jump toc offscreen banner topbar follow rss feedback tools
utility utilities linkbar
""".split()
)
STRONG_PHRASES = re.compile(
    r"comment(?!ary)|disqus|sidebar|footer|cookie|consent|newsletter|related|outbrain|taboola|breadcrumb|"
    r"pagination|navbar|masthead|popup|most-?read|most_read|more-?stories|read-?more|"
    r"share-?bar|social-?(?:links|share|media|icons)|sr-only|visually-hidden|screen-reader",
    re.I,
)
WEAK_PHRASES = re.compile(
    r"share|social|subscri|advert|sponsor|promo|widget|byline|author|dateline|caption|banner|trending|"
    r"popular|recommend|tag-?cloud|tag-?list|tags-list|"
    r"(?:^|[\s_-])(?:ad|ads|tags|meta|nav|menu|print|credit|toolbar|tools|bio|timestamp)(?:$|[\s_-])",
    re.I,
)
POS_PHRASES = re.compile(
    r"article|body|content|entry|main|post|story|text|prose|blog|richtext|rich-text|news|detail|copy", re.I
)
BODY_HINT = re.compile(
    r"article[-_]?body|articlebody|story[-_]?body|entry[-_]?content|post[-_]?content|post[-_]?body|"
    r"article[-_]?content|article[-_]?text|body[-_]?text|story[-_]?content|main[-_]?content|"
    r"content[-_]?body|news[-_]?text|artikel|itemprop-articlebody",
    re.I,
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def source(text: str) -> str:
    """The HTML text as the parser reads it (an XML declaration removed)."""
    return _XML_DECL.sub("", text, count=1)


def parse(text: str):
    """Parse HTML text into an lxml document root; returns None when nothing parses.

    Input: decoded HTML text (any size; broken markup is repaired by libxml2).
    Errors: none raised; unparsable input gives None.
    """
    text = source(text)
    for attempt in (text, "<html><body>" + text + "</body></html>"):
        try:
            root = etree.fromstring(attempt, parser=_PARSER)
        except (etree.ParserError, etree.XMLSyntaxError, ValueError, TypeError):
            continue
        if root is not None:
            return root
    return None


def too_deep() -> bool:
    """True when the last ``parse`` hit libxml2's nesting limit (content was dropped)."""
    try:
        return any("depth" in e.message for e in _PARSER.error_log)
    except Exception:  # pragma: no cover
        return False


_WRAPPERS = re.compile(
    r"</?(?:div|span|section|article|main|font|center|table|tbody|thead|tr|td|th|b|i|u|em|"
    r"strong|small|big|blockquote|ul|ol|li|dl|dt|dd|a|nav|aside|header|footer|figure)\b[^>]{0,2000}>",
    re.I,
)


def flatten(text: str) -> str:
    """Drop wrapper tags (div, span, table...), keeping paragraphs and line breaks.

    A fallback for documents nested deeper than the parser's limit: their text
    survives as paragraphs of one flat body.
    """
    return _WRAPPERS.sub("\n", text)


def text_of(el) -> str:
    """All text inside an element (its tail excluded), like lxml.html's text_content()."""
    return "".join(el.itertext())


_INVISIBLE = frozenset({"script", "style", "noscript", "template", "svg", "button", "select", "option"})
INVISIBLE_TAGS = _INVISIBLE  # tags whose text readers do not see (also walked by etl.clean.meta.published)


def visible_text(el, limit: int | None = None) -> str | None:
    """Text inside an element as a reader sees it: script/style/template/button text left out.

    With ``limit``, returns None as soon as the text is longer (bounded work on big subtrees).
    """
    out = []
    size = 0
    hidden = 0
    for event, node in etree.iterwalk(el, events=("start", "end")):
        invisible = node.tag in _INVISIBLE
        if event == "start":
            if invisible:
                hidden += 1
            elif not hidden and node.text:
                out.append(node.text)
                size += len(node.text)
        else:
            if invisible:
                hidden -= 1
            if node is not el and not hidden and node.tail:
                out.append(node.tail)
                size += len(node.tail)
        if limit is not None and size > limit * 3 + 200:  # raw text, whitespace not yet collapsed
            return None
    return "".join(out)


def attr_text(el) -> str:
    """class and id of an element, joined (empty string when missing)."""
    get = el.get
    c, i = get("class"), get("id")
    if c and i:
        return c + " " + i
    return c or i or ""


@lru_cache(maxsize=20000)
def negativity(attrs: str) -> int:
    """2 when class/id words mark strong boilerplate (comments, footer...), 1 weak, 0 none."""
    if not attrs:
        return 0
    words = _SPLIT.split(attrs.lower())
    if any(w in STRONG_WORDS for w in words) or STRONG_PHRASES.search(attrs):
        return 2
    if any(w in WEAK_WORDS for w in words) or WEAK_PHRASES.search(attrs):
        return 1
    return 0


def is_negative(attrs: str) -> bool:
    """True when class/id words look like boilerplate (share bars, ads, comments...)."""
    return negativity(attrs) > 0


def is_hidden(el) -> bool:
    """True for elements the browser would not show."""
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    style = el.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


def text_lengths(root) -> tuple[dict, dict]:
    """Post-order pass: per element, total text length and text length inside links.

    Output: two dicts keyed by element (stripped character counts).
    """
    total: dict = {}
    links: dict = {}
    elems = list(root.iter(etree.Element))
    for el in reversed(elems):
        t = len((el.text or "").strip())
        lk = 0
        for child in el:
            if child.tag is etree.Comment or not isinstance(child.tag, str):
                t += len((child.tail or "").strip())
                continue
            t += total.get(child, 0) + len((child.tail or "").strip())
            lk += links.get(child, 0)
        if el.tag == "a":
            lk = t
        total[el] = t
        links[el] = lk
    return total, links


def remove(el) -> None:
    """Remove an element but keep its tail text."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail and tail.strip():
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def strip_tags(root) -> None:
    """Remove elements that never carry article text (scripts, forms controls, media)."""
    doomed = [el for el in root.iter(etree.Element) if el.tag in DROP_TAGS]
    for el in root.iter("noscript"):
        if len(text_of(el)) < NOSCRIPT_KEEP:
            doomed.append(el)
    for el in doomed:
        if el.getparent() is not None and el.tag != "head":
            remove(el)
    head = root.find("head")
    if head is not None:
        root.remove(head)


def drop_hover_cards(root) -> int:
    """Remove hover cards: the preview a page shows over a link (a person's photo, name and latest stories).

    Input: a parsed page. A card is the element right after a link inside a paragraph, with nothing but spaces
    between, that is no link itself, links to the same address again and holds another link: "Rep. <a
    href=/people/x>Ilhan Omar</a><span><img><a href=/people/x>Ilhan Omar</a><a href=/story>...</a></span>
    (D-Minn.)". Its text is no part of the sentence, and the story links in it make the paragraph read as a
    link list. Menus and post headers (a "#" link, no paragraph around it) are left alone. Output: the
    number of cards removed (their tails stay in the text).
    """
    cards: dict = {}  # in document order, once each (a paragraph nested in another holds the same links)
    for paragraph in root.iter("p"):
        cards.update((card, None) for link in paragraph.iter("a") if (card := _hover_card(link)) is not None)
    for card in cards:
        if card.getparent() is not None:
            remove(card)
    return len(cards)


def _hover_card(link):
    """The hover card right after ``link`` (see :func:`drop_hover_cards`), or None."""
    card, target = link.getnext(), (link.get("href") or "").rstrip("/")
    if card is None or card.tag == "a" or not target or target.startswith(("#", "javascript:")):
        return None
    if (link.tail or "").strip():
        return None
    hrefs = [(a.get("href") or "").rstrip("/") for a in card.iter("a")]
    return card if target in hrefs and any(h != target for h in hrefs) else None


def remove_boilerplate(
    root, total: dict, protect=(), lenient: bool = False, links: dict | None = None
) -> int:
    """Remove boilerplate subtrees (nav, share bars, ads, comments, hidden, captions).

    Class/id words decide: strong boilerplate words (comments, footer, related...)
    remove an element holding up to half the page's text; weak ones (share, meta,
    author...) only when the attribute has no content word (article, post, body...)
    and the element holds under 35% of the text. ``lenient`` limits removal to tags,
    roles and hidden elements. Protected elements and their ancestors are kept.
    Returns the number of removed elements.
    """
    body_len = max(total.get(root, 0), 1)
    protected = set()
    for p in protect:
        protected.add(p)
        protected.update(p.iterancestors())
    doomed = []
    for el in root.iter(etree.Element):
        if el in protected or el.tag in ("html", "body"):
            continue
        share = total.get(el, 0) / body_len
        if not _doomed(el, share, lenient):
            continue
        if el.tag == "header" and links is not None and _content_header(el, total, links):
            continue
        if el.tag in ("aside", "section", "div", "form") and _holds_headline(el, total):
            continue
        if _embedded_post(el, total):
            continue
        doomed.append(el)
    for el in doomed:
        if el.getparent() is not None:
            remove(el)
    return len(doomed)


def _content_header(el, total: dict, links: dict) -> bool:
    """An article header (title, standfirst) rather than a site header (logo, menu)."""
    t = total.get(el, 0)
    if t < 80 or links.get(el, 0) > 0.2 * t or el.find(".//nav") is not None:
        return False
    return any(
        total.get(p, 0) >= 60 and links.get(p, 0) < 0.2 * total.get(p, 0) for p in el.iter("p", "h2", "div")
    )


def _holds_headline(el, total: dict) -> bool:
    """The element carries the page's headline and real paragraphs: it is the article."""
    h1 = el.find(".//h1")
    if h1 is None or total.get(h1, 0) < 10:
        return False
    return any(total.get(p, 0) >= 150 for p in el.iter("p"))


# class of the blockquote a social network's embed code puts in the page (the post's text, its author, date)
EMBED_POST_CLASS = re.compile(
    r"(?:^|\s)(?:twitter-tweet|twitter-video|instagram-media|tiktok-embed|bluesky-embed|reddit-embed-bq|"
    r"text-post-media|mastodon-embed)(?:\s|$)"
)


def _embedded_post(el, total: dict) -> bool:
    """The element holds a post the story embeds (a tweet, an Instagram or TikTok post) and little else.

    Input: an element its class words mark as boilerplate ("social-media-embed", "share-embed") and the
    text lengths of :func:`text_lengths`. Output: True when embed blockquotes (EMBED_POST_CLASS) hold at
    least 80 % of its text: the wrapper of a quoted post, not a share bar or a comments section.
    """
    posts = [q for q in el.iter("blockquote") if EMBED_POST_CLASS.search(q.get("class") or "")]
    return bool(posts) and sum(total.get(q, 0) for q in posts) >= 0.8 * total.get(el, 0) > 0


_BAD_ROLES = frozenset({"navigation", "complementary", "banner", "contentinfo", "dialog", "alert", "search"})


def _doomed(el, share: float, lenient: bool) -> bool:
    tag = el.tag
    if tag in BOILER_TAGS or el.get("role") in _BAD_ROLES:
        return share < 0.35 or tag == "figcaption"
    if is_hidden(el):
        return share < 0.35
    if lenient:
        return False
    attrs = attr_text(el)
    if not attrs or el.get("itemprop") == "articleBody":
        return False
    level = _attr_level(attrs)
    if level == 2:
        return share < 0.5 and not (tag == "article" and share >= 0.1)
    if level == 1:
        return share < 0.35
    return False


@lru_cache(maxsize=20000)
def _attr_level(attrs: str) -> int:
    """Boilerplate level of a class/id string for removal: 2 strong, 1 weak, 0 keep."""
    if BODY_HINT.search(attrs):
        return 0
    level = negativity(attrs)
    if level == 1 and POS_PHRASES.search(attrs):
        return 0
    return level
