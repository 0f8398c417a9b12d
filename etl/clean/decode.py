"""Bytes -> text for HTML pages: BOM, declared charsets, detection, sanity checks.

``decode_html`` never raises on bad input; it returns ``(text, None)`` or
``(None, (reason, detail))`` where reason is a rejection code (``empty``,
``binary``, ``not_html``, ``too_large``).
"""

from __future__ import annotations

import codecs
import re

MAX_BYTES = 25_000_000  # hard cap; pages above it are rejected as ``too_large``

_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:-]{2,40})""", re.I)
_TAG = re.compile(
    r"<\s*(?:!doctype\s+html|html|head|body|title|meta|div|p|article|section|span|a|h[1-6]|table|br|main|!--)\b",
    re.I,
)
_MAGIC = (
    b"%PDF",
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"PK\x03\x04",
    b"\x1f\x8b",
    b"BM",
    b"RIFF",
    b"\x00\x00\x01\x00",
    b"OggS",
    b"ID3",
    b"fLaC",
    b"\x7fELF",
    b"MZ",
    b"7z\xbc\xaf",
    b"Rar!",
    b"wOFF",
    b"wOF2",
    b"\x00asm",
    b"\xca\xfe\xba\xbe",
    b"SQLite format",
)
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


def _norm_label(label: str | bytes | None) -> str | None:
    """Return a Python codec name for a charset label, or None when unknown."""
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
        return None  # a page that really is UTF-16 has a BOM or NUL bytes; a label alone lies
    return name


def _looks_binary(head: bytes) -> bool:
    if head.startswith(_MAGIC):
        return True
    if not head:
        return False
    nul = head.count(b"\x00")
    ctrl = sum(1 for b in head if b < 9 or 13 < b < 32)
    return nul > len(head) // 50 or ctrl > len(head) // 10


def _utf16_guess(head: bytes) -> str | None:
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if len(head) >= 8:
        if odd > len(head) * 0.4 and even < len(head) * 0.05:
            return "utf-16-le"
        if even > len(head) * 0.4 and odd < len(head) * 0.05:
            return "utf-16-be"
    return None


def _detect(raw: bytes) -> str:
    """Best guess with charset_normalizer (on a bounded prefix), else cp1252."""
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(raw[:200_000]).best()
        if best is not None and best.encoding:
            return _norm_label(best.encoding) or "cp1252"
    except Exception:  # pragma: no cover - library failure must not break cleaning
        pass
    return "cp1252"


def bytes_to_text(raw: bytes, declared: str | None = None) -> str:
    """Decode ``raw`` HTML bytes to str; never raises.

    Order: BOM, UTF-16 without BOM, strict UTF-8, the HTTP ``declared`` charset and
    the ``<meta charset>``/XML declaration when they decode without error,
    charset_normalizer, cp1252 with replacement.
    """
    for bom, enc in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if raw.startswith(bom):
            return raw[len(bom) :].decode(enc, "replace")
    u16 = _utf16_guess(raw[:4096])
    if u16:
        return raw.decode(u16, "replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        # a page that is UTF-8 except for a few broken bytes near the end is still UTF-8
        if exc.start > len(raw) * 0.9 and exc.start > 2000:
            return raw.decode("utf-8", "replace")
    head = raw[:16384]
    labels = [declared]
    m = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    if m:
        labels.append(m.group(1))
    for label in labels:
        enc = _norm_label(label)
        if enc and enc != "utf-8":
            try:
                return raw.decode(enc)
            except (UnicodeDecodeError, LookupError):
                continue
    return raw.decode(_detect(raw), "replace")


def decode_html(
    data: str | bytes | None, declared: str | None = None, max_bytes: int = MAX_BYTES
) -> tuple[str | None, tuple[str, str] | None]:
    """Turn a page body into text or a rejection reason; never raises.

    Input: bytes (or already-decoded str), the HTTP charset if any, a size cap.
    Output: ``(text, None)`` or ``(None, (reason, detail))`` with reason one of
    ``empty``, ``too_large``, ``binary``, ``not_html``.
    """
    if data is None:
        return None, ("empty", "no content")
    size = len(data)
    if size > max_bytes:
        return None, ("too_large", f"{size} bytes > {max_bytes}")
    if isinstance(data, str):
        text = data
    else:
        if not data.strip():
            return None, ("empty", "0 bytes" if not data else "only whitespace")
        head = data[:4096]
        bom = head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF8))
        if not bom and not _utf16_guess(head) and _looks_binary(head):
            return None, ("binary", f"binary content ({head[:8]!r})")
        text = bytes_to_text(data, declared)
    if not text.strip():
        return None, ("empty", "only whitespace")
    if "\x00" in text[:4096] and text[:4096].count("\x00") > 8:
        return None, ("binary", "NUL characters in text")
    if not _TAG.search(text, 0, 200_000):
        return None, ("not_html", "no HTML markup found")
    return text.replace("\x00", ""), None
