"""``news-etl clean FILE_OR_URL [--url URL] [--json | --html]``: show how one page is cleaned."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import httpx

from etl.clean import clean_html
from etl.core.records import CleanedArticle, Rejection


def _read(target: str, settings) -> tuple[bytes, str, str | None]:
    """(content, url, charset) for a local file or an http(s) URL."""
    if target.startswith(("http://", "https://")):
        headers = {"User-Agent": settings.user_agent}
        resp = httpx.get(target, headers=headers, timeout=settings.fetch_timeout, follow_redirects=True)
        return resp.content, str(resp.url), resp.charset_encoding
    return Path(target).read_bytes(), "", None


def cli(args, settings) -> int:
    """Print the cleaned article (human-readable, one JSON object with ``--json``, or only
    its cleaned HTML, ``body_html``, with ``--html``).

    Exit codes: 0 cleaned, 1 rejected (reason printed), 2 unreadable input.
    """
    try:
        content, fetched_url, charset = _read(args.target, settings)
    except Exception as exc:  # file missing, network error: a usage problem, not a crash
        print(f"news-etl clean: cannot read {args.target}: {exc}", file=sys.stderr)
        return 2
    url = getattr(args, "url", None) or fetched_url or Path(args.target).resolve().as_uri()
    result = clean_html(content, url, settings, encoding=charset)
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    elif getattr(args, "html", False) and isinstance(result, CleanedArticle):
        print(result.body_html)
    else:
        print(render(result))
    return 0 if isinstance(result, CleanedArticle) else 1


def render(result: CleanedArticle | Rejection) -> str:
    """Human-readable report: metadata with provenance, then the body."""
    if isinstance(result, Rejection):
        return f"REJECTED {result.reason}: {result.detail}\n  url: {result.url}"
    a, prov = result, result.provenance
    rows = [
        ("title", a.title),
        ("lead", a.lead),
        ("authors", ", ".join(a.authors)),
        ("agency", a.agency),
        ("site_name", a.site_name),
        ("canonical_url", a.canonical_url),
        ("section", a.section),
        ("tags", ", ".join(a.tags)),
        ("language", a.language),
        ("published_at", a.published_at),
        ("published_day", a.published_day),
        ("modified_at", a.modified_at),
        ("modified_day", a.modified_day),
    ]
    lines = [f"{k:<14} {v or '-'}" + (f"   [{prov[k]}]" if v and k in prov else "") for k, v in rows]
    for i, img in enumerate(a.images):
        lines.append(
            f"{'image ' + str(i + 1):<14} {img.url}" + (f"   [{prov.get('images')}]" if i == 0 else "")
        )
        if img.caption:
            lines.append(f"{'':<14}   caption: {img.caption}")
        if img.credit:
            lines.append(f"{'':<14}   credit:  {img.credit}")
    lines += [
        f"{'doc_id':<14} {a.doc_id}",
        f"{'extractor':<14} {a.extractor_version}",
        f"{'body':<14} {len(a.body.splitlines())} paragraphs, {len(a.body)} characters"
        + (f"   [{prov['body']}]" if "body" in prov else ""),
        f"{'body_html':<14} {len(a.body_html)} characters (news-etl clean --html prints it)",
        "",
        a.body,
    ]
    return "\n".join(lines)
