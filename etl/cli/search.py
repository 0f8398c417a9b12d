"""``news-etl search``: the search library on the command line (parity with ``GET /search``)."""

from __future__ import annotations

import html as htmllib
import json
import logging
import os
import shutil
import sys
import textwrap

from etl.core.settings import Settings
from etl.index.client import client, es_errors
from etl.search.articles import get_article, more_like_this, search
from etl.search.quotes import parse_quote_question, quote_search
from etl.search.request import InvalidQuery, SearchRequest

JSON_KEYS = ("total", "stories", "hits", "facets", "histogram", "next", "relaxed", "timed_out")  # of --json


def _plain(html: str | None) -> str:
    """Highlight HTML -> terminal text: ``<mark>x</mark>`` -> ``[x]``, entities unescaped."""
    if not html:
        return ""
    return htmllib.unescape(html.replace("<mark>", "[").replace("</mark>", "]"))


def _cut(text: str, width: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


def format_table(result: dict, width: int = 100) -> str:
    """Hits as a table (date, source, title, url + snippet) then facet counts."""
    lines = [f"{result['total']} articles" + (f" (page {result['page']})" if result.get("page") else "")
             + (" - no article has all the words; showing those with some" if result.get("relaxed") else "")
             + (" - the search hit its time limit: partial results" if result.get("timed_out") else "")]
    title_w = max(30, width - 36)
    lines.append(f"{'#':>3}  {'date':10}  {'source':18}  title")
    lines.append("-" * min(width, 120))
    start = (result.get("page", 1) - 1) * result.get("size", 0)
    for i, h in enumerate(result["hits"], start=start + 1):
        title = _plain(h["highlight"]["title"]) if h["highlight"].get("title") else h["title"]
        lines.append(f"{i:>3}  {(h.get('published_day') or ''):10}  {_cut(h['source'], 18):18}  "
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
    """A :func:`etl.search.quote_search` result as text: one line an article, its quotes wrapped below."""
    lines = [f"{result['total']} articles quoting {result['speaker'] or 'anyone'}"
             + (f" about {result['about']}" if result["about"] else "")]
    for h in result["hits"]:
        lines.append(f"- {(h.get('published_day') or '')}  {h['source']}  {h['title']}  {h['url']}")
        for q in h["quotes"]:
            text = f"{q['speaker'] or '(unknown)'}: \u201c{_plain(q['highlight']) or q['text']}\u201d"
            lines.append(textwrap.fill(text, width=max(40, width - 2), initial_indent="    ",
                                       subsequent_indent="      "))
    return "\n".join(lines)


def _one_article(es, settings: Settings, args) -> int:
    doc_id = args.article or args.similar
    doc = get_article(es, settings.index_alias, doc_id)
    if doc is None:
        print(f"news-etl search: no article with id {doc_id!r}", file=sys.stderr)
        return 1
    if args.article:
        if args.json:
            print(json.dumps(doc, ensure_ascii=False))
        else:
            for key in ("id", "title", "url", "published_at", "published_day", "site", "section", "authors", "persons",
                        "organizations", "locations", "events", "tags", "word_count"):
                if doc.get(key):
                    value = doc[key]
                    print(f"{key:14} {', '.join(value) if isinstance(value, list) else value}")
            print()
            if doc.get("lead"):
                print(textwrap.fill(doc["lead"], 100))
                print()
            print(doc.get("body", ""))
        return 0
    similar = more_like_this(es, settings.index_alias, doc_id, size=args.size, timeout=settings.search_timeout)
    if args.json:
        print(json.dumps({"id": doc_id, "similar": similar}, ensure_ascii=False))
    else:
        print(f"articles like {doc['title']!r}:")
        for h in similar:
            print(f"  {(h.get('published_day') or ''):10}  {_cut(h['source'], 18):18}  {h['title']}  {h['url']}")
    return 0


def cli(args, settings: Settings) -> int:
    """Run one search and print a table, or one JSON object with ``--json``.

    Returns 0, 1 for a missing article, 2 for an invalid query. Elasticsearch trouble raises
    TransientError, ConfigError or EtlError with one line to print (:func:`etl.index.client.es_errors`).
    """
    if not getattr(args, "verbose", False):
        logging.getLogger("elastic_transport").setLevel(logging.ERROR)

    try:
        question = parse_quote_question(args.query) if args.query else None
        es = client(settings)
        with es_errors(settings, "searching"):
            if getattr(args, "article", None) or getattr(args, "similar", None):
                return _one_article(es, settings, args)
            if question and not args.filter:
                speaker, about = question
                result = quote_search(es, settings.index_alias, speaker=speaker, about=about, size=args.size,
                                      timeout=settings.search_timeout)
                print(json.dumps(result, ensure_ascii=False) if args.json else format_quotes(result))
                return 0
            req = SearchRequest.from_input(
                args.query, args.facet, args.filter,
                date_from=args.date_from, date_to=args.date_to, sort=args.sort, page=args.page, size=args.size,
                after=getattr(args, "after", None), collapse=getattr(args, "collapse", False),
            )
            result = search(es, settings.index_alias, req, timeout=settings.search_timeout)
    except InvalidQuery as exc:
        print(f"news-etl search: {exc}", file=sys.stderr)
        return 2
    try:
        if args.json:
            print(json.dumps({k: result[k] for k in JSON_KEYS if k in result}, ensure_ascii=False))
        else:
            print(format_table(result, width=shutil.get_terminal_size((110, 20)).columns))
    except BrokenPipeError:  # e.g. piped into `head`
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
    return 0
