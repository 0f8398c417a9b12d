"""URL normalisation and document ids: one article, one id."""

from __future__ import annotations

import hashlib
import re
import string
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "yclid",
        "_ga", "_gl", "ref", "ref_src", "cmpid", "ocid", "smid", "icid", "ncid", "sr_share",
    }
)
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "at_", "ga_")
DEFAULT_PORTS = {"http": 80, "https": 443}
_PCT = re.compile(r"%([0-9A-Fa-f]{2})")
_UNRESERVED = frozenset(string.ascii_letters + string.digits + "-._~")
_SAFE_IN_LINK = "!#$%&*+,/:;=?@[]~-._"  # RFC 3986 characters safe_http_url keeps (not ' ( ))


def normalize_url(url: str) -> str:
    """Return the normalised form of an absolute http(s) URL.

    Lower-cases scheme and host, drops default ports, fragments, tracking parameters
    (``utm_*``, ``fbclid``...) and a trailing slash on the path, sorts the query and
    re-quotes the path. Input that is not an absolute URL is returned stripped.
    """
    url = url.strip()
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        return url
    host = parts.hostname.rstrip(".").lower()
    host = f"[{host}]" if ":" in host else host  # an IPv6 literal keeps its brackets
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = host if port in (None, DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    path = quote(_PCT.sub(_pct_fix, parts.path), safe="/:@!$&'()*+,;=-._~%") or "/"
    if len(path) > 1 and path.endswith("/"):
        path = path.rstrip("/") or "/"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)]
    return urlunsplit((scheme, netloc, path, urlencode(sorted(query)), ""))


def _pct_fix(match: re.Match) -> str:
    """RFC 3986 6.2.2: decode percent-escapes of unreserved characters, upper-case the others."""
    char = chr(int(match.group(1), 16))
    return char if char in _UNRESERVED else "%" + match.group(1).upper()


def _is_tracking(key: str) -> bool:
    key = key.lower()
    return key in TRACKING_PARAMS or key.startswith(TRACKING_PREFIXES)


def doc_id(url: str) -> str:
    """Document ``_id``: hex SHA-256 (first 32 chars) of the normalised URL."""
    return hashlib.sha256(normalize_url(url).encode("utf-8")).hexdigest()[:32]


def host_of(url: str) -> str:
    """Lower-case host name of ``url`` ('' when there is none)."""
    return (urlsplit(url).hostname or "").lower()


def safe_http_url(url: str | None) -> str | None:
    """``url`` if it is an absolute http(s) URL with a host, else None.

    Returns the URL with every character that could end an HTML attribute or a CSS ``url()``
    (quotes, parentheses, ``<``, ``>``, backslash, whitespace, controls) and every non-ASCII character
    percent-encoded, so it can be put in a page as it is. ``javascript:``, ``data:``,
    relative and scheme-relative URLs, and URLs that do not parse give None.
    """
    if not isinstance(url, str):
        return None
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname
    except ValueError:
        return None
    if parts.scheme.lower() not in DEFAULT_PORTS or not host:
        return None
    return quote(urlunsplit(parts), safe=_SAFE_IN_LINK)
