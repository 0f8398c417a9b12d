"""Page admission: bytes -> HTML text, or the reason the page is not an HTML page.

Charsets are sniffed and decoded by :mod:`etl.core.encoding`; this module adds the
sanity checks. ``decode_html`` never raises on bad input; it returns ``(text, None)``
or ``(None, (reason, detail))`` where reason is a rejection code (``empty``,
``binary``, ``not_html``, ``too_large``).
"""

from __future__ import annotations

import re

from etl.core.encoding import bom_charset, decode_bytes, utf16_guess

MAX_BYTES = 25_000_000  # hard cap; pages above it are rejected as ``too_large``

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


def _looks_binary(head: bytes) -> bool:
    if head.startswith(_MAGIC):
        return True
    if not head:
        return False
    nul = head.count(b"\x00")
    ctrl = sum(1 for b in head if b < 9 or 13 < b < 32)
    return nul > len(head) // 50 or ctrl > len(head) // 10


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
        if not bom_charset(head) and not utf16_guess(head) and _looks_binary(head):
            return None, ("binary", f"binary content ({head[:8]!r})")
        text = decode_bytes(data, declared)
    if not text.strip():
        return None, ("empty", "only whitespace")
    if "\x00" in text[:4096] and text[:4096].count("\x00") > 8:
        return None, ("binary", "NUL characters in text")
    if not _TAG.search(text, 0, 200_000):
        return None, ("not_html", "no HTML markup found")
    return text.replace("\x00", ""), None
