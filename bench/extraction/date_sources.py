#!/usr/bin/env python3
"""Every date source of every gold page, beside our answer, htmldate's and the gold day (issue 12).

For each page of the chosen gold sets (default: the development sets ``a``, ``c``, ``d``, ``e-dev``,
``e-held``, ``f-dev``, ``f-held``, ``g-dev``; never run it on the held-back ``b`` / ``g-held`` to read their pages): our ``published_day`` and the
source that won (provenance), the declared candidates (JSON-LD, og, meta; modified dates apart),
the marked ones (``<time>``, date-classed datelines), the URL's day, the printed dateline, the page's
JSON-LD / og type, htmldate fast and extensive, and whether each of those days is printed next to a
main heading. Written as JSON lines (``--out``); ``--table`` prints the per-source table from such a file.

Usage: ``.venv/bin/python bench/extraction/date_sources.py --gold dev --out /tmp/sources.jsonl``
then ``... --table /tmp/sources.jsonl``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.extraction.metadata import DEV_SETS, GOLD_SETS, GoldPage, load_set  # noqa: E402
from etl.clean import clean_html, dom  # noqa: E402
from etl.clean.meta import published as pub  # noqa: E402
from etl.clean.meta.page import find_language  # noqa: E402
from etl.clean.meta.sources import article_object, jsonld_objects, ld_types, meta_tags  # noqa: E402
from etl.core.records import CleanedArticle  # noqa: E402

DEV = DEV_SETS  # a, c, d, e-dev, e-held, f-dev, f-held (spent in sessions 5 and 6), g-dev


def _days(found: list) -> list[list]:
    return [[f.source, f.day, f.changed] for f in found]


def record(name: str, page: GoldPage) -> dict:
    """Our answer, every candidate and the references on one page (a JSON-able dict)."""
    art = clean_html(page.html, page.url)
    ours = art.published_day if isinstance(art, CleanedArticle) else None
    prov = dict(art.provenance) if isinstance(art, CleanedArticle) else {}
    root = dom.parse(page.html)
    objs = jsonld_objects(root)
    ld, md = article_object(objs), meta_tags(root)
    tz = pub.tz_for(find_language(root, md, ld)[0])
    first = pub.day_first(root, md, tz)
    decl = pub.declared(ld, md, tz)
    seen = pub.marked(root, tz, first)
    printed = pub.printed_dateline(root, tz, first)
    fast = pub._htmldate(page.html, page.url, extensive=False)  # noqa: SLF001 - the cleaner's own call
    ext = pub._htmldate(page.html, page.url, extensive=True)  # noqa: SLF001
    days = {d for d in (ours, fast, ext, printed.day if printed else None,
                        *(f.day for f in decl["published"] + seen)) if d}
    return {"set": name, "id": page.id, "gold": page.day, "ours": ours,
            "won": prov.get("published_day") or prov.get("published_at"),
            "won_at": prov.get("published_at"), "ld_type": sorted(ld_types(ld)) if ld else [],
            "og_type": (md.get("og:type") or [""])[0], "has_h1": root.find(".//h1") is not None,
            "published": _days(decl["published"]), "modified": _days(decl["modified"]), "marked": _days(seen),
            "url": pub.dates.date_from_url(page.url), "printed": printed.day if printed else None,
            "fast": fast, "ext": ext,
            "fast_aside": bool(fast) and pub._printed_aside(root, fast),  # noqa: SLF001
            "near_h1": sorted(d for d in days if pub.printed_near_headline(root, d)),
            "in_title": sorted(d for d in days if pub._in_title(root, d))}  # noqa: SLF001


def table(rows: list[dict]) -> None:
    """Per winning source: pages, ours right, and on disagreements how often each htmldate mode is right;
    then how often each source fires on pages whose gold is null."""
    by: dict[str, Counter] = defaultdict(Counter)
    for r in rows:
        c = by[r["won"] or "none"]
        c["pages"] += 1
        c["ours_ok"] += r["ours"] == r["gold"]
        for mode in ("fast", "ext"):
            if r[mode] != r["ours"]:
                c[f"{mode}_diff"] += 1
                c[f"{mode}_ok"] += r[mode] == r["gold"]
    print("| won | pages | ours right | fast differs: fast right / ours right | ext differs: ext right / ours right |")
    print("|---|---|---|---|---|")
    for src, c in sorted(by.items(), key=lambda kv: -kv[1]["pages"]):
        print(f"| {src} | {c['pages']} | {c['ours_ok']} | {c['fast_diff']}: {c['fast_ok']} / "
              f"{sum(1 for r in rows if (r['won'] or 'none') == src and r['fast'] != r['ours'] and r['ours'] == r['gold'])}"
              f" | {c['ext_diff']}: {c['ext_ok']} / "
              f"{sum(1 for r in rows if (r['won'] or 'none') == src and r['ext'] != r['ours'] and r['ours'] == r['gold'])} |")
    nulls = [r for r in rows if r["gold"] is None]
    fires = Counter()
    for r in nulls:
        for key in ("published", "modified", "marked"):
            fires[key] += bool(r[key])
        for key in ("url", "printed", "fast", "ext", "ours"):
            fires[key] += bool(r[key])
    print(f"null gold: {len(nulls)} pages; fires: " + ", ".join(f"{k} {v}" for k, v in fires.items()))


def read_records(path: Path) -> list[dict]:
    """The JSON-lines records of a file written by ``--out`` (one dict a page)."""
    return [json.loads(x) for x in path.read_text("utf-8").splitlines() if x.strip()]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", default="dev", help="a development set's name or 'dev' (all of them)")
    ap.add_argument("--out", type=Path)
    ap.add_argument("--table", type=Path, help="print the table of a file written by --out")
    args = ap.parse_args(argv)
    if args.table:
        table(read_records(args.table))
        return 0
    names = DEV if args.gold == "dev" else (args.gold,)
    if any(n not in DEV for n in names) or any(n not in GOLD_SETS for n in names):
        ap.error(f"only the development sets {', '.join(DEV)} (held-back pages are not read page by page)")
    with (args.out or Path("/dev/stdout")).open("w", encoding="utf-8") as out:
        for name in names:
            for page in load_set(name):
                out.write(json.dumps(record(name, page)) + "\n")
                out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
