"""Images with captions and credits: figures first, then JSON-LD and og:image."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urljoin

from etl.clean.dom import visible_text
from etl.clean.labels import strip_labels
from etl.clean.meta.sources import ld_str, txt

MAX_FIGURES = 20  # figures read once this many images are found: no more
MAX_JSONLD_IMAGES = 5
MAX_OG_IMAGES = 3
_CREDIT = re.compile(
    r"\s*[\(\[]?\s*(?:photo(?:graph)?s?|image|picture|foto|bild|credit|quelle|source|crédit|illustration)"
    r"\s*(?:by|:|credit:?)?\s*(?P<c>[^()\[\]]{2,120}?)[\)\]]?\s*$",
    re.I,
)
_CREDIT_ALT = re.compile(r"\s*(?:©|\(c\))\s*(?P<c>.{2,120})$", re.I)
_PHOTO_PREFIX = re.compile(
    r"^(?:photo(?:graph)?s?|image|picture|foto|bild|credit|quelle|crédit)\s*(?:by|:)\s*|^©\s*", re.I
)
_CREDIT_ELEMENT = (
    ".//*[contains(@class,'credit') or contains(@class,'copyright') "
    "or contains(@class,'source') or contains(@class,'author') or self::small]"
)


class _Images:
    """Images in order, one per absolute URL; a later caption fills an image that has none."""

    def __init__(self, page_url: str):
        self.page_url = page_url or ""
        self.items: list[dict] = []
        self.seen: set[str] = set()

    def add(self, src: str, caption: str = "", credit: str = "") -> None:
        if not src or src.startswith("data:"):
            return
        src = urljoin(self.page_url, src.strip())
        if src in self.seen:
            for img in self.items:
                if img["url"] == src and caption and not img["caption"]:
                    img["caption"], img["credit"] = caption, credit or img["credit"]
            return
        self.seen.add(src)
        self.items.append({"url": src, "caption": caption, "credit": credit})


def find_images(root, md: dict, ld: dict, url: str) -> list[dict]:
    """Images as ``{"url", "caption", "credit"}`` dicts (URLs absolute, no ``data:``).

    Order: ``<figure>`` images with their figcaption split into caption and credit
    (until 20 images are found), then up to 5 JSON-LD images, then up to 3 og:image.
    """
    images = _Images(url)
    for src, caption, credit in _figures(root):
        images.add(src, caption, credit)
        if len(images.items) >= MAX_FIGURES:
            break
    for src, caption, credit in _jsonld_images(ld.get("image")):
        images.add(src, caption, credit)
    for src in md.get("og:image", [])[:MAX_OG_IMAGES]:
        images.add(src)
    return images.items


def _figures(root) -> Iterator[tuple[str, str, str]]:
    """(src, caption, credit) of every ``<figure>`` holding an ``<img>``."""
    for fig in root.iter("figure"):
        img = fig.find(".//img")
        if img is None:
            continue
        srcs = (img.get("src"), img.get("data-src"), img.get("data-original"))  # lazy loading: src is a placeholder
        src = next((s for s in srcs if s and not s.strip().startswith("data:")), "")
        cap_el = fig.find(".//figcaption")
        caption, credit = _figcaption(cap_el) if cap_el is not None else ("", "")
        yield src, caption, credit


def _figcaption(cap_el) -> tuple[str, str]:
    """(caption, credit) of a figcaption: a credit/copyright/source element, else a credit suffix."""
    full = strip_labels(txt(visible_text(cap_el)))  # "Image copyright X Image caption ..." (etl/clean/labels.py)
    cred_el = cap_el.xpath(_CREDIT_ELEMENT)
    if not cred_el:
        return split_credit(full)
    ctext = txt(visible_text(cred_el[0]))
    return txt(full.replace(ctext, "")), _PHOTO_PREFIX.sub("", ctext.strip("()[] ")).strip()


def _jsonld_images(images) -> Iterator[tuple[str, str, str]]:
    """(src, caption, credit) of the first JSON-LD images (URL strings or ImageObjects)."""
    for item in (images if isinstance(images, list) else [images])[:MAX_JSONLD_IMAGES]:
        if isinstance(item, str):
            yield item, "", ""
        elif isinstance(item, dict):
            holder = item.get("copyrightHolder")
            credit = item.get("creditText") or holder and ld_str(holder) or ""
            yield ld_str(item.get("url") or item.get("contentUrl")), txt(item.get("caption") or ""), txt(credit)


def split_credit(caption: str) -> tuple[str, str]:
    """ "Caption text. Photo by X/Y" -> ("Caption text.", "X/Y"); (caption, "") without a credit."""
    caption = txt(caption)
    for pat in (_CREDIT, _CREDIT_ALT):
        m = pat.search(caption)
        if m and m.start() > 0:
            return caption[: m.start()].strip(), m.group("c").strip(" .")
    return caption, ""
