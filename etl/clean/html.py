"""The article's cleaned HTML, built with BeautifulSoup from the region the extractor chose.

lxml parses the whole page and chooses the article region (``body.choose_region``); only
that region is re-parsed here with **BeautifulSoup (lxml parser)** and walked once. The walk
cuts it into text blocks (paragraphs, headings, list items, quotes, table rows; the same
cut for every tree, see :class:`_Cutter`) and builds, for every block, its HTML from an
allowlist (:data:`ALLOWED`): everything else is unwrapped (its text kept) or, for elements
that never carry article text (scripts, styles, iframes, forms, SVG, MathML...), dropped
whole. ``body.filter_blocks`` then decides which blocks stay; :func:`render` joins the kept
blocks and the figures next to them into one tree, serialises it as ``body_html`` and reads
the plain ``body`` back from that same tree, so the two never disagree.

Output: ``p``, ``h2``-``h6``, ``ul``/``ol``/``li``, ``blockquote``, data tables (``table``,
``tbody``, ``tr``, ``th``/``td`` with ``colspan``/``rowspan``), ``a`` (absolute http(s)
``href``, ``rel="nofollow noopener"``), ``em``/``strong``/``i``/``b``, ``br``, and
``figure`` > ``img`` (``src``, ``alt``) + ``figcaption`` (caption, credit in ``small``).
Every URL is resolved against the page and kept only when it is http(s) after the browser's
own clean-up (entities decoded by the parser, control characters and whitespace removed);
``javascript:``, ``data:``, ``vbscript:`` and the rest are dropped (a link's text stays).
Tracking pixels (images under 50 px, known beacon/ad hosts, ``pixel``/``spacer`` files),
ad and share links are left out.
"""

from __future__ import annotations

import contextlib
import gc
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.dammit import EntitySubstitution
from bs4.element import PreformattedString
from bs4.formatter import HTMLFormatter
from lxml import etree

from etl.clean.body import BLOCK_TAGS, Block
from etl.clean.dom import DROP_TAGS
from etl.core.urls import safe_http_url

_CELL_ATTRS = frozenset({"colspan", "rowspan"})
ALLOWED: dict[str, frozenset[str]] = {
    **{t: frozenset() for t in "p h2 h3 h4 h5 h6 ul ol li blockquote table tbody tr em strong i b br".split()},
    **{t: frozenset() for t in ("figure", "figcaption", "small")},
    "th": _CELL_ATTRS,
    "td": _CELL_ATTRS,
    "a": frozenset({"href", "rel"}),
    "img": frozenset({"src", "alt"}),
}
INLINE = frozenset({"a", "em", "strong", "i", "b"})  # kept inside a block; other inline tags are unwrapped
LINK_REL = "nofollow noopener"
MAX_INLINE = 8  # deeper inline nesting keeps its text, not its tags
MAX_FIGURES = 50
MIN_IMAGE_PX = 50  # a declared width or height below this: a pixel, icon or spacer, not a figure

_CELLS = frozenset({"td", "th"})
_STRUCT = frozenset({"ul", "ol", "li", "blockquote"})  # containers rebuilt around their blocks
_TABLE_PARTS = frozenset({"thead", "tbody", "tfoot", "tr", "caption", "br"})
_HEADING = {"h1": "h2", "h2": "h2", "h3": "h3", "h4": "h4", "h5": "h5", "h6": "h6"}
_SKIP = DROP_TAGS | {"figcaption"}  # never walked: no text, no markup (captions are figure metadata)
_RAW_TEXT = ("xmp", "noembed", "noframes", "plaintext")
_SRC_ATTRS = ("src", "data-src", "data-original", "data-lazy-src", "srcset", "data-srcset")
_READ_ATTRS = frozenset({"href", "alt", "width", "height", *_CELL_ATTRS, *_SRC_ATTRS})  # all the walk reads
_EDGE = "".join(map(chr, range(0x21)))  # C0 controls and space: browsers strip them around a URL
_TAB_NL = re.compile(r"[\t\n\r]")  # ... and drop these anywhere inside it
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_AD_HOSTS = re.compile(
    r"(?:^|\.)(?:doubleclick\.net|googlesyndication\.com|googleadservices\.com|google-analytics\.com|"
    r"googletagmanager\.com|adnxs\.com|amazon-adsystem\.com|taboola\.com|outbrain\.com|criteo\.(?:com|net)|"
    r"scorecardresearch\.com|quantserve\.com|chartbeat\.(?:com|net)|ioam\.de|omtrdc\.net|2o7\.net|"
    r"demdex\.net|krxd\.net|adsrvr\.org|moatads\.com|bat\.bing\.com|adform\.net|smartadserver\.com|"
    r"pubmatic\.com|rubiconproject\.com|casalemedia\.com|yieldlab\.net|hotjar\.com|newrelic\.com)$",
    re.I,
)
_SHARE = re.compile(
    r"(?:^|\.)(?:facebook\.com/(?:sharer|share|dialog/share|tr\b)|(?:twitter|x)\.com/(?:intent|share)|"
    r"linkedin\.com/(?:share|sharing|cws/share)|pinterest\.[a-z.]+/pin/create|reddit\.com/submit|"
    r"api\.whatsapp\.com/send|wa\.me/|t(?:elegram)?\.me/share|getpocket\.com/(?:save|edit)|"
    r"tumblr\.com/(?:share|widgets/share)|vk\.com/share|xing\.com/spi/shares|flipboard\.com/bookmarklet)",
    re.I,
)
_PIXEL = re.compile(
    r"(?:^|[/_.-])(?:pixel|beacon|spacer|blank|1x1|clear|transparent|tracking|tracker|placeholder)"
    r"(?:[/_.?-]|$)",
    re.I,
)
FORMATTER = HTMLFormatter(
    entity_substitution=EntitySubstitution.substitute_xml,  # &, <, > escaped; attribute quotes by bs4
    void_element_close_prefix="",  # <br>, <img ...>
    cdata_containing_tags=set(),  # no raw-text element: every string is escaped
)

_START, _END, _TEXT = 0, 1, 2


@dataclass
class Figure:
    """An image of the region: placed before the block ``index``; kept when a neighbour block is."""

    index: int
    path: tuple
    src: str
    alt: str = ""
    caption: str = ""
    credit: str = ""


def safe_url(value, base: str = "") -> str | None:
    """``value`` (an href/src) as an absolute http(s) URL, or None.

    Input: the attribute value as parsed (entities already decoded), the page's base URL.
    Browsers strip C0 controls and spaces around a URL and drop tabs and newlines inside it,
    so this does the same before reading the scheme; other control characters reject the URL.
    Output: the URL joined to ``base``, made safe to put in a page by
    :func:`etl.core.urls.safe_http_url` (quotes, brackets, spaces percent-encoded); None
    for ``javascript:``, ``data:``, ``vbscript:`` or any other non-http(s) URL. Never raises.
    """
    if not value or not isinstance(value, str):
        return None
    v = _TAB_NL.sub("", value.strip(_EDGE))
    if not v or _CONTROL.search(v):
        return None
    try:
        url = urljoin(base, v) if base else v
    except ValueError:
        return None
    return safe_http_url(url)


def unwanted(url: str) -> bool:
    """True for an ad, analytics or share-widget URL (an absolute http(s) URL from :func:`safe_url`)."""
    parts = urlsplit(url)
    return bool(_AD_HOSTS.search(parts.hostname or "") or _SHARE.search((parts.hostname or "") + parts.path))


def region_tops(region: list) -> list[Tag]:
    """The chosen lxml elements re-parsed by BeautifulSoup (lxml parser), in the same order.

    Input: sibling (or nested) lxml elements from ``body.choose_region`` (changed in place:
    raw-text elements such as ``xmp`` become ``span``). Output: one BeautifulSoup element per
    region element ([] for an empty region).
    """
    if not region:
        return []
    for top in region:
        for el in top.iter(etree.Element):
            attrib = el.attrib
            for name in [n for n in attrib if n not in _READ_ATTRS]:  # never read: BeautifulSoup need not
                del attrib[name]  # build them (class, style, data-*, on*...)
        for raw in top.iter(*_RAW_TEXT):  # libxml2 reads these as raw text but its serialiser escapes
            raw.tag = "span"  # their text: renamed, the text makes the round trip unchanged
    parts = [etree.tostring(el, method="html", encoding="unicode", with_tail=False) for el in region]
    tops = _parsed_tops("".join(parts), region[0].tag)
    if [t.name for t in tops] == [el.tag for el in region]:
        return tops
    # the parser rebuilt the concatenation differently (e.g. stray table cells): one element at a
    # time, each walked whole (its own element, or all the parser made of it)
    return [_one_top(part, el.tag) for part, el in zip(parts, region, strict=True)]


def _parsed_tops(markup: str, first: str) -> list[Tag]:
    soup = BeautifulSoup(markup, "lxml", huge_tree=True)
    if first in ("html", "body"):
        el = soup.find(first)
        return [el] if el is not None else []
    holder = soup.body or soup
    return [c for c in holder.children if isinstance(c, Tag)]


def _one_top(markup: str, name: str) -> Tag:
    tops = _parsed_tops(markup, name)
    if len(tops) == 1 and tops[0].name == name:
        return tops[0]
    return tops[0].parent if tops and tops[0].parent is not None else BeautifulSoup(markup, "lxml")


def cut(region: list, base: str = "", images=()) -> tuple[list[Block], list[Figure]]:
    """Cut the chosen region into text blocks carrying their cleaned HTML, plus its figures.

    Input: lxml elements (``body.choose_region``), the base URL links and images are resolved
    against ('' when the page has no http(s) URL: links and images are then dropped), the
    page's images (dicts with url/caption/credit, ``meta.images``) whose captions and credits
    label the figures. Output: (blocks in reading order, figures). Never raises on bad markup.
    """
    captions: dict[str, tuple[str, str]] = {}
    for img in images:
        src = safe_url(img.get("url"), base)
        if src:
            captions.setdefault(src, (img.get("caption") or "", img.get("credit") or ""))
    builder = _Builder(base, captions)
    with _gc_paused():
        builder.cut(region_tops(region))
    return builder.blocks, builder.figures


def text_block(text: str) -> Block:
    """A block holding plain text only (JSON-LD ``articleBody`` paragraphs, a standfirst)."""
    text = " ".join(text.split())
    holder = _FACTORY.new_tag("p")
    holder.append(NavigableString(text))
    return Block(text, "p", content=holder)


def render(blocks: list[Block], figures: Sequence[Figure] = ()) -> tuple[list[str], str]:
    """Join the kept blocks, and the figures next to them, into one cleaned tree.

    Input: the blocks ``body.filter_blocks`` kept, in order; the region's figures (a figure
    stays when the block just before or after it stayed). Output: (the tree's text, one
    paragraph per line, read back with the same cut as the source; the tree as HTML).
    """
    soup = BeautifulSoup("", "lxml")
    kept = {b.index for b in blocks if b.index is not None}
    figs = [f for f in figures if f.index in kept or f.index - 1 in kept]
    placer = _Placer(soup)
    i = 0
    with _gc_paused():
        for b in blocks:
            while i < len(figs) and b.index is not None and figs[i].index <= b.index:
                placer.figure(figs[i])
                i += 1
            placer.block(b)
        for f in figs[i:]:
            placer.figure(f)
        return text_of(soup), soup.decode(formatter=FORMATTER)


def text_of(tree: Tag) -> list[str]:
    """Paragraph texts of a tree (blocks in reading order; figure captions are not text)."""
    cutter = _Cutter()
    cutter.cut([tree])
    return [b.text for b in cutter.blocks]


_FACTORY = BeautifulSoup("", "lxml")  # makes detached tags for text_block (a tag knows its builder only)


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while a tree is built: each of the many small BeautifulSoup
    objects would otherwise trigger collections that walk the whole growing tree again (~30% of
    the time on big regions). The collector runs as usual afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _events(top: Tag) -> Iterator[tuple[int, Tag | NavigableString]]:
    """Depth-first (event, node): element start/end and text; iterative, so any depth is fine."""
    yield _START, top
    stack = [(top, iter(top.contents))]
    while stack:
        node, children = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            yield _END, node
        elif isinstance(child, Tag):
            if child.name not in _SKIP:
                yield _START, child
                stack.append((child, iter(child.contents)))
        elif isinstance(child, NavigableString) and not isinstance(child, PreformattedString):
            yield _TEXT, child  # (not comments, CDATA, doctypes...)


class _Cutter:
    """Cuts a tree into text blocks: every block element (``body.BLOCK_TAGS``) ends a block,
    table cells are separated by spaces, whitespace is collapsed. Used on the region and,
    to read ``body`` back, on the cleaned tree."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.buf: list[str] = []
        self.links = 0  # characters inside links in the current block
        self.stack: list[tuple[str, int]] = []  # open block elements: (name, serial)
        self.a_depth = 0
        self.li_depth = 0
        self.after_br = False
        self.serial = 0

    def next_serial(self) -> int:
        self.serial += 1
        return self.serial

    def cut(self, tops) -> None:
        for top in tops:
            self.stack = [(top.name if top.name in BLOCK_TAGS else "div", self.next_serial())]
            for event, node in _events(top):
                if event == _TEXT:
                    self.text(str(node))
                elif event == _START:
                    self.start(node)  # type: ignore[arg-type]
                else:
                    self.end(node)  # type: ignore[arg-type]
            self.flush()

    def start(self, el: Tag) -> None:
        name = el.name
        if name in BLOCK_TAGS:
            self.flush()
            self.stack.append((name, self.next_serial()))
            self.li_depth += name == "li"
            self.after_br = name == "br"
        elif name == "a":
            self.a_depth += 1
        elif name in _CELLS:
            self.space()

    def end(self, el: Tag) -> None:
        name = el.name
        if name in BLOCK_TAGS:
            self.flush()
            if len(self.stack) > 1:
                self.stack.pop()
            self.li_depth -= name == "li"
            self.after_br = self.after_br and name == "br"
        elif name == "a":
            self.a_depth -= 1
        elif name in _CELLS:
            self.space()

    def text(self, s: str) -> None:
        self.buf.append(s)
        if self.a_depth:
            self.links += len(s.strip())

    def space(self) -> None:
        self.buf.append(" ")

    def flush(self) -> None:
        if self.buf:
            text = " ".join("".join(self.buf).split())
            if text:
                name, owner = self.stack[-1]
                self.blocks.append(self.block(text, name, owner))
            self.buf.clear()
        self.links = 0

    def block(self, text: str, tag: str, owner: int) -> Block:
        return Block(text, tag, min(self.links, len(text)), self.li_depth > 0)


class _Builder(_Cutter):
    """The cutter that also builds each block's cleaned HTML (allowlist) and finds figures."""

    def __init__(self, base: str, captions: dict) -> None:
        super().__init__()
        self.soup = BeautifulSoup("", "lxml")  # makes the output tags
        self.base, self.captions = base, captions
        self.figures: list[Figure] = []
        self.ctx: list[tuple[int, str, int]] = []  # open lists/items/quotes/data tables: (serial, name, id)
        self.inline: list[tuple[str, dict]] = []  # inline elements wanted in the output, outermost first
        self.inline_kept: list[bool] = []  # per open source inline element: is it in ``inline``?
        self.holder: Tag | None = None  # the current block's output element
        self.out_cell: Tag | None = None  # the current output cell of a table-row holder
        self.opened: list[Tag] = []  # output copies of ``inline`` opened in the holder (a prefix)
        self.cell: Tag | None = None  # the open source cell of a data table
        self.seen: set[str] = set()

    def start(self, el: Tag) -> None:
        super().start(el)
        name = el.name
        if name in _STRUCT or (name == "table" and _data_table(el)):
            self.ctx.append((self.next_serial(), name, id(el)))
        if name in INLINE:
            self._open_inline(el)
        elif name in _CELLS and self.ctx and self.ctx[-1][1] == "table":
            self.cell, self.out_cell, self.opened = el, None, []
        elif name == "img":
            self._figure(el)

    def end(self, el: Tag) -> None:
        super().end(el)
        if self.ctx and self.ctx[-1][2] == id(el):
            self.ctx.pop()
        if el.name in INLINE:
            if self.inline_kept.pop():
                self.inline.pop()
                if len(self.opened) > len(self.inline):
                    self.opened.pop()
        elif el is self.cell:
            self.cell, self.out_cell, self.opened = None, None, []

    def text(self, s: str) -> None:
        super().text(s)
        if s.isspace() and (self.holder is None or (self.holder.name == "tr" and self.cell is None)):
            return  # no block for blank text; no stray whitespace in table rows
        self._cursor().append(NavigableString(s))

    def space(self) -> None:
        super().space()
        if self.holder is not None and self.holder.name != "tr":  # layout table: cells run together
            self._cursor().append(NavigableString(" "))

    def flush(self) -> None:
        super().flush()
        self.holder, self.out_cell, self.opened = None, None, []

    def block(self, text: str, tag: str, owner: int) -> Block:
        b = super().block(text, tag, owner)
        b.content = self.holder if self.holder is not None else text_block(text).content
        b.path = self._path(b.content.name)
        b.owner, b.joined, b.index = owner, self.after_br, len(self.blocks)
        return b

    def _path(self, holder: str) -> tuple:
        """Open containers of a block: lists, items, quotes; a data table only around its rows."""
        path = []
        for serial, name, _ in self.ctx:
            if name == "table" and holder != "tr":
                break
            path.append((serial, name))
        return tuple(path)

    def _holder_name(self) -> str:
        tag = self.stack[-1][0]
        inner = self.ctx[-1][1] if self.ctx else ""
        if tag == "tr" and inner == "table":
            return "tr"
        if tag == "li" and inner == "li":
            return "li"  # text directly in a list item: moved into the item itself
        return _HEADING.get(tag, "p")

    def _cursor(self) -> Tag:
        """The output element text goes into now (holder, cell, open inline copies made on demand)."""
        if self.holder is None:
            self.holder, self.out_cell, self.opened = self.soup.new_tag(self._holder_name()), None, []
        base = self.holder
        if base.name == "tr":
            if self.out_cell is None:
                src = self.cell
                self.out_cell = self.soup.new_tag(src.name if src is not None else "td", attrs=_cell_attrs(src))
                base.append(self.out_cell)
                self.opened = []
            base = self.out_cell
        while len(self.opened) < len(self.inline):
            name, attrs = self.inline[len(self.opened)]
            tag = self.soup.new_tag(name, attrs=dict(attrs))
            (self.opened[-1] if self.opened else base).append(tag)
            self.opened.append(tag)
        return self.opened[-1] if self.opened else base

    def _open_inline(self, el: Tag) -> None:
        entry: tuple[str, dict] | None = None
        if len(self.inline) < MAX_INLINE:
            if el.name != "a":
                entry = (el.name, {})
            elif self.a_depth == 1:  # a link inside a link is unwrapped
                href = safe_url(el.get("href"), self.base)
                if href and not unwanted(href):
                    entry = ("a", {"href": href, "rel": LINK_REL})
        self.inline_kept.append(entry is not None)
        if entry is not None:
            self.inline.append(entry)

    def _figure(self, img: Tag) -> None:
        src = _image_src(img, self.base)
        if src is None or src in self.seen or len(self.figures) >= MAX_FIGURES:
            return
        self.seen.add(src)
        caption, credit = self.captions.get(src, ("", ""))
        alt = " ".join(str(img.get("alt") or "").split())[:300]
        self.figures.append(Figure(len(self.blocks), (), src, alt, caption, credit))  # top level


def _data_table(table: Tag) -> bool:
    """A data table (cells hold inline content only, a row has 2+ cells), not a layout table."""
    wide = False
    for el in table.find_all(True):
        if el.name == "tr":
            wide = wide or len(el.find_all(("td", "th"), recursive=False)) >= 2
        elif el.name in BLOCK_TAGS and el.name not in _TABLE_PARTS:
            return False
    return wide


def _cell_attrs(cell: Tag | None) -> dict:
    if cell is None:
        return {}
    out = {}
    for name in _CELL_ATTRS:
        value = str(cell.get(name) or "").strip()
        if value.isdigit() and 1 < int(value) <= 100:
            out[name] = str(int(value))
    return out


def _image_src(img: Tag, base: str) -> str | None:
    """The image's absolute URL (lazy-loading attributes read too); None for pixels, icons, ads."""
    for name in ("width", "height"):
        value = str(img.get(name) or "").strip().removesuffix("px")
        if value.isdigit() and int(value) < MIN_IMAGE_PX:
            return None
    for name in _SRC_ATTRS:
        value = str(img.get(name) or "").strip()
        if name.endswith("srcset"):
            value = value.split(",")[0].strip().split(" ")[0]
        url = safe_url(value, base)
        if url and not _PIXEL.search(urlsplit(url).path):
            return None if unwanted(url) else url
    return None


class _Placer:
    """Rebuilds the containers (lists, items, quotes, data tables) around the kept blocks."""

    def __init__(self, soup: BeautifulSoup) -> None:
        self.soup = soup
        self.open: list[tuple[int, Tag]] = []  # output containers matching a block path prefix
        self.last: Block | None = None
        self.last_target: Tag | None = None

    def block(self, b: Block) -> None:
        holder = b.content
        parent = self._container(b.path)
        last = self.last
        if (
            b.joined and last is not None and self.last_target is not None and last.index is not None
            and b.index == last.index + 1 and last.owner == b.owner and last.path == b.path
            and last.content.name == holder.name != "tr"
        ):  # the block went on after a <br>
            target = self.last_target
            target.append(self.soup.new_tag("br"))
            _move(holder, target)
        elif holder.name == "li":  # text directly in a list item
            target = parent if parent.name == "li" else self._into(parent, self.soup.new_tag("li"))
            if target.contents and not _ends_with_block(target):
                target.append(self.soup.new_tag("br"))
            _move(holder, target)
        else:
            target = self._into(parent, holder)
        self.last, self.last_target = b, target

    def figure(self, f: Figure) -> None:
        fig = self.soup.new_tag("figure")
        fig.append(self.soup.new_tag("img", attrs={"src": f.src, "alt": f.alt}))
        if f.caption or f.credit:
            cap = self.soup.new_tag("figcaption")
            if f.caption:
                cap.append(NavigableString(f.caption + (" " if f.credit else "")))
            if f.credit:
                small = self.soup.new_tag("small")
                small.append(NavigableString(f.credit))
                cap.append(small)
            fig.append(cap)
        self._into(self._container(f.path), fig)
        self.last = self.last_target = None

    def _container(self, path: tuple) -> Tag:
        k = 0
        while k < len(self.open) and k < len(path) and self.open[k][0] == path[k][0]:
            k += 1
        del self.open[k:]
        parent: Tag = self.open[-1][1] if self.open else self.soup
        for serial, name in path[k:]:
            tag = self.soup.new_tag(name)
            if name == "li" and parent.name not in ("ul", "ol"):
                parent = self._into(parent, self.soup.new_tag("ul"))
            self._into(parent, tag)
            if name == "table":  # rows go into its body
                tbody = self.soup.new_tag("tbody")
                tag.append(tbody)
                tag = tbody
            self.open.append((serial, tag))
            parent = tag
        return parent

    def _into(self, parent: Tag, child: Tag) -> Tag:
        """Append ``child``; in a list, inside a new item (lists hold items only)."""
        if parent.name in ("ul", "ol") and child.name != "li":
            item = self.soup.new_tag("li")
            parent.append(item)
            parent = item
        parent.append(child)
        return child


def _ends_with_block(tag: Tag) -> bool:
    last = tag.contents[-1]
    return isinstance(last, Tag) and last.name in BLOCK_TAGS


def _move(src: Tag, dst: Tag) -> None:
    for child in list(src.contents):
        dst.append(child)
