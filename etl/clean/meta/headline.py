"""The page's headline element(s): where the dateline rules of :mod:`etl.clean.meta.published` look for the date a
page prints by its heading.

Usually the first ``<h1>`` elements. Some pages have none, an empty one, or one holding a generic label ("Details",
the blog's name) while the article's headline is an ``<h2>``/``<h3>``: there the heading whose text is the page's
own title (``og:title``, or ``<title>`` or one of its parts around a " | " separator) stands in for them.
"""

from __future__ import annotations

import re
import unicodedata

from etl.clean.dom import visible_text

_NOT_WORD = re.compile(r"[\W_]+")
TITLE_SEP = re.compile(r"\s+(?:[|–—·»:]|-|::)\s+")  # between a title and a site name ("Headline | Site")
_HEADINGS = ("h2", "h3", "h4")  # tags that stand in for a missing or generic <h1>
FIRST_H1 = 3  # the <h1> elements read
_MIN_KEY = 10  # characters of a title part long enough to name the headline ("Details", "News" are not)


def title_key(text: str) -> str:
    """``text`` compared as a title: NFKC, case-folded, every run of punctuation and spaces one space."""
    return _NOT_WORD.sub(" ", unicodedata.normalize("NFKC", text or "").casefold()).strip()


def title_values(root) -> list[str]:
    """The page's own titles as written: its og:title values and its ``<title>`` ("" when it has none)."""
    return [*root.xpath("//meta[@property='og:title']/@content"), root.findtext(".//title") or ""]


def page_titles(root) -> set[str]:
    """Keys (:func:`title_key`) of the page's own titles: og:title and ``<title>``, whole and each part around a
    title separator, of at least :data:`_MIN_KEY` characters."""
    keys = set()
    for value in title_values(root):
        for part in [value, *TITLE_SEP.split(value)]:
            key = title_key(part)
            if len(key) >= _MIN_KEY:
                keys.add(key)
    return keys


def headings(body, root) -> list:
    """The headline elements of a page: its first :data:`FIRST_H1` ``<h1>`` elements, unless none of them is one of
    the page's titles (:func:`page_titles`; an empty ``<h1>``, "Details") while an ``<h2>``-``<h4>`` is: then that
    heading alone. Input: the page's ``<body>`` and root element; [] when there is no heading at all."""
    h1s = body.xpath(f".//h1[position() <= {FIRST_H1}]")
    titles = page_titles(root)
    if not titles or any(title_key(visible_text(h, 400) or "") in titles for h in h1s):
        return h1s
    for el in body.iter(*_HEADINGS):
        if title_key(visible_text(el, 400) or "") in titles:
            return [el]
    return h1s
