"""``news-etl search``: the search library on the command line (parity with ``GET /search``)."""

from __future__ import annotations

import json
import re
import shutil
import sys

from etl.search import (
    DEFAULT_FACETS,
    InvalidQuery,
    SearchRequest,
    group_filters,
    parse_quote_question,
    quote_search,
    search,
)
from etl.settings import Settings

_TAG = re.compile(r"</?mark>")


def _plain(html: str | None) -> str:
    """Highlight HTML -> terminal text: ``<mark>x</mark>`` -> ``[x]``, entities unescaped."""
    import html as htmllib

    if not html:
        return ""
    return htmllib.unescape(html.replace("<mark>", "[").replace("</mark>", "]"))


def _cut(text: str, width: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


def format_table(result: dict, width: int = 100) -> str:
    """Hits as a table (date, source, title, url + snippet) then facet counts."""
    lines = [f"{result['total']} articles" + (f" (page {result['page']})" if result.get("page") else "")]
    title_w = max(30, width - 36)
    lines.append(f"{'#':>3}  {'date':10}  {'source':18}  title")
    lines.append("-" * min(width, 120))
    start = (result.get("page", 1) - 1) * result.get("size", 0)
    for i, h in enumerate(result["hits"], start=start + 1):
        title = _plain(h["highlight"]["title"]) if h["highlight"].get("title") else h["title"]
        lines.append(f"{i:>3}  {(h.get('published_at') or '')[:10]:10}  {_cut(h['source'], 18):18}  "
                     f"{_cut(title, title_w)}")
        lines.append(f"{'':>3}  {'':10}  {'':18}  {h['url']}")
        snippet = _plain(h["highlight"].get("snippet")) or h.get("lead", "")
        if snippet:
            lines.append(f"{'':>3}  {'':10}  {'':18}  {_cut(snippet, title_w)}")
    if result.get("next"):
        lines.append(f"next page cursor: {result['next']}")
    for name, values in result.get("facets", {}).items():
        lines.append("")
        lines.append(f"{name}:")
        if not values:
            lines.append("  (none)")
        for v in values:
            mark = "*" if v.get("selected") else " "
            lines.append(f" {mark}{v['count']:>6}  {v['value']}")
    if result.get("histogram"):
        lines.append("")
        lines.append("published:")
        peak = max(b["count"] for b in result["histogram"]) or 1
        for b in result["histogram"]:
            lines.append(f"  {b['date']}  {b['count']:>6}  {'#' * max(1, round(30 * b['count'] / peak))}")
    return "\n".join(lines)


def format_quotes(result: dict, width: int = 100) -> str:
    lines = [f"{result['total']} articles quoting {result['speaker'] or 'anyone'}"
             + (f" about {result['about']}" if result["about"] else "")]
    for h in result["hits"]:
        lines.append(f"- {(h.get('published_at') or '')[:10]}  {h['source']}  {h['title']}  {h['url']}")
        for q in h["quotes"]:
            lines.append(f"    {q['speaker']}: \u201c{_cut(_plain(q['highlight']) or q['text'], width - 10)}\u201d")
    return "\n".join(lines)


def cli(args, settings: Settings) -> int:
    """Run one search and print a table, or one JSON object with ``--json``."""
    from etl.es import client

    try:
        question = parse_quote_question(args.query) if args.query else None
        es = client(settings)
        if question and not args.filter:
            speaker, about = question
            result = quote_search(es, settings.index_alias, speaker=speaker, about=about, size=args.size)
            print(json.dumps(result, ensure_ascii=False) if args.json else format_quotes(result))
            return 0
        req = SearchRequest.create(
            q=args.query, facets=args.facet or list(DEFAULT_FACETS), filters=group_filters(args.filter),
            date_from=args.date_from, date_to=args.date_to, sort=args.sort, page=args.page, size=args.size,
            after=getattr(args, "after", None),
        )
        result = search(es, settings.index_alias, req)
    except InvalidQuery as exc:
        print(f"news-etl search: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps({k: result[k] for k in ("total", "hits", "facets", "histogram", "next")},
                         ensure_ascii=False))
    else:
        print(format_table(result, width=shutil.get_terminal_size((110, 20)).columns))
    return 0
