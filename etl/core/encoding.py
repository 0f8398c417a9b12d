"""Charsets of fetched bytes: the one place that sniffs and decodes them.

Two entry points share every rule (BOMs, the ``<meta charset>``/XML declaration,
WHATWG label aliases, charset_normalizer detection):

- :func:`sniff_charset` -- the charset *label* of a page (fetch records it on
  ``FetchedPage.encoding``): BOM, then the HTTP or ``<meta>`` label when the body
  decodes with it, then detection.
- :func:`decode_bytes` -- the page as text (clean and annotate use it): BOM,
  UTF-16 without BOM, strict UTF-8, the declared labels when they decode, then
  detection, then cp1252 with replacement.

Neither raises on bad input.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.I)
XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:-]{2,40})""", re.I)
_SNIFF_HEAD = 4096  # bytes searched for <meta charset> when sniffing a label
_DECODE_HEAD = 16384  # bytes searched for <meta charset>/<?xml encoding> when decoding
_SNIFF_DETECT = 65536  # bytes given to charset_normalizer when sniffing
_DECODE_DETECT = 200_000  # ... and when decoding
# labels that are usually wrong on a body that is valid UTF-8
_LATIN = frozenset({"iso-8859-1", "latin-1", "latin1", "windows-1252", "cp1252", "us-ascii", "ascii"})
# WHATWG: labels that browsers decode with a superset encoding
_ALIASES = {
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "iso-8859-9": "cp1254",
    "x-sjis": "shift_jis",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "ks_c_5601-1987": "cp949",
    "euc-kr": "cp949",
    "utf8": "utf-8",
}


def bom_charset(raw: bytes) -> tuple[str, int] | None:
    """(codec, BOM length) when ``raw`` starts with a UTF-8/UTF-16 byte-order mark, else None."""
    for bom, name in BOMS:
        if raw.startswith(bom):
            return name, len(bom)
    return None


def utf16_guess(head: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` for BOM-less UTF-16 (NUL bytes on every other byte), else None."""
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if len(head) >= 8:
        if odd > len(head) * 0.4 and even < len(head) * 0.05:
            return "utf-16-le"
        if even > len(head) * 0.4 and odd < len(head) * 0.05:
            return "utf-16-be"
    return None


def codec_name(label: str | bytes | None) -> str | None:
    """Python codec name for a charset label (WHATWG aliases applied); None when unknown.

    UTF-16/32 labels give None: a page that really is UTF-16 has a BOM or NUL bytes.
    """
    if not label:
        return None
    if isinstance(label, bytes):
        label = label.decode("ascii", "ignore")
    label = label.strip().strip("\"'").lower()
    label = _ALIASES.get(label, label)
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    if name in ("utf-16", "utf-16-le", "utf-16-be", "utf-32"):
        return None
    return name


def decodes(raw: bytes, charset: str) -> bool:
    """True when ``raw`` decodes without error with ``charset`` (False for unknown labels)."""
    try:
        raw.decode(charset)
    except (LookupError, UnicodeDecodeError):
        return False
    return True


def detect(raw: bytes) -> str | None:
    """charset_normalizer's best guess for ``raw`` (its own name), None when it has none."""
    try:
        best = from_bytes(raw).best()
    except Exception:  # pragma: no cover - a library failure must not break fetching or cleaning
        return None
    return best.encoding if best is not None and best.encoding else None


def sniff_charset(body: bytes, declared: str | None) -> str:
    """Charset label of an HTML body (lower case).

    Input: the body and the HTTP header's charset (or None). Order: BOM, the header's
    label if the body decodes with it, the ``<meta charset>`` label likewise (a latin
    label on a non-ASCII body that is valid UTF-8 gives ``utf-8``), detection;
    ``utf-8`` when nothing fits. Never raises.
    """
    bom = bom_charset(body)
    if bom:
        return bom[0]
    meta = META_CHARSET.search(body[:_SNIFF_HEAD])
    for candidate in (declared, meta.group(1).decode("ascii") if meta else None):
        if candidate and decodes(body, candidate):
            if candidate.lower() in _LATIN and not body.isascii() and decodes(body, "utf-8"):
                return "utf-8"
            return candidate.lower()
    return (detect(body[:_SNIFF_DETECT]) or "utf-8").lower()


def decode_bytes(raw: bytes, declared: str | None = None) -> str:
    """Decode page bytes to text; never raises.

    Order: BOM, UTF-16 without BOM, strict UTF-8 (a few broken bytes in the last 10 %
    are replaced), the ``declared`` charset and the ``<meta charset>``/XML declaration
    when they decode without error, charset_normalizer, cp1252 with replacement.
    """
    bom = bom_charset(raw)
    if bom:
        return raw[bom[1] :].decode(bom[0], "replace")
    u16 = utf16_guess(raw[:4096])
    if u16:
        return raw.decode(u16, "replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start > len(raw) * 0.9 and exc.start > 2000:
            return raw.decode("utf-8", "replace")
    for label in (declared, _markup_label(raw[:_DECODE_HEAD])):
        enc = codec_name(label)
        if enc and enc != "utf-8":
            try:
                return raw.decode(enc)
            except UnicodeDecodeError:
                continue
    return raw.decode(codec_name(detect(raw[:_DECODE_DETECT])) or "cp1252", "replace")


def _markup_label(head: bytes) -> bytes | None:
    """The charset declared by ``<meta charset>`` (or else ``<?xml encoding>``) in ``head``."""
    m = META_CHARSET.search(head) or XML_ENCODING.search(head)
    return m.group(1) if m else None
