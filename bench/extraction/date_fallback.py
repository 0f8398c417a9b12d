#!/usr/bin/env python3
"""The fallback where ours find no publication day, measured (issue 12, session 7).

On every page of the gold sets, one ``clean_html`` run records whether ours left the page without a day (the cleaner
asked :func:`etl.clean.meta.published._fallback`) and the current code's answer; on those pages htmldate's fast and
extensive days are asked too, with what the guards say of the extensive one (:func:`etl.clean.meta.published.
extensive_day`: a day the page neither prints nor declares -- a copyright year, a month or year padded to a day --, a
citation's access date, a day printed only aside from the article or in the site's banner). Then
these policies are scored on the DATED pages only (the hidden set's kind: every page has a day), per set and leave
one set out (the policy with the best mean F over the other development sets, scored on the left-out one):

- ``current``: the code's own answer (with ``clean-2.0``: htmldate fast on article pages or in the URL's month; since
  ``clean-2.1`` it is ``current+ext-guarded``);
- ``fast``: htmldate fast everywhere ours find nothing;
- ``ext``: htmldate extensive everywhere;
- ``ext-guarded``: extensive everywhere, unless :func:`extensive_day` names a flaw;
- ``current+ext-guarded``: the current answer, then the guarded extensive day where it gives none;

Also printed: how many undated development pages each policy gives a day, and those days with where the page prints
them. Held sets (``g-held``, ``h-held``): aggregate lines only.

Usage: ``.venv/bin/python bench/extraction/date_fallback.py --out /tmp/fallback.jsonl`` then ``--table`` on it.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.extraction.date_sources import read_records  # noqa: E402
from bench.extraction.metadata import DEV_SETS, HELD_SETS, load_set, score_days  # noqa: E402
from etl.clean import clean_html, dom  # noqa: E402
from etl.clean.meta import published as pub  # noqa: E402
from etl.core.records import CleanedArticle  # noqa: E402

POLICIES = ("current", "fast", "ext", "ext-guarded", "current+ext-guarded")
ADMISSIBLE = ("current", "ext-guarded", "current+ext-guarded")  # never a copyright year, padded month or unshown day


def record(name: str, page) -> dict:
    """The current answer, whether ours found nothing, and htmldate's days with the guards' verdict on one page."""
    seen: dict = {}
    original = pub._fallback  # noqa: SLF001 - the cleaner's own step, watched

    def watched(*args):
        seen["result"] = original(*args)
        return seen["result"]

    pub._fallback = watched  # noqa: SLF001
    try:
        art = clean_html(page.html, page.url)
    finally:
        pub._fallback = original  # noqa: SLF001
    out = {"set": name, "id": page.id, "gold": page.day,
           "current": art.published_day if isinstance(art, CleanedArticle) else None, "nothing": "result" in seen}
    if out["nothing"]:
        root = dom.parse(page.html)
        start = time.perf_counter()
        out["fast"] = pub._htmldate(page.html, page.url, extensive=False)  # noqa: SLF001
        out["fast_s"] = time.perf_counter() - start
        start = time.perf_counter()
        out["ext"], out["flaw"] = pub.extensive_day(page.html, page.url, root)
        out["ext_s"] = time.perf_counter() - start
        out["where"] = _where(root, page.url, page.html, out["ext"]) if out["ext"] else ""
    return out


def _where(root, url: str, html: str, day: str) -> str:
    """Where the page shows a day: near the <h1>, in the title, the URL, its visible text, or only its markup."""
    if pub.printed_near_headline(root, day):
        return "by-h1"
    if pub._in_title(root, day):  # noqa: SLF001
        return "title"
    if pub.dates.date_from_url(url) == day:
        return "url"
    if pub.dates.mentions_day(" ".join(root.find(".//body").itertext()) if root.find(".//body") is not None
                              else "", day):
        return "text"
    return "markup" if day in html else "nowhere"


def answer(r: dict, policy: str) -> str | None:
    """The page's day under a policy."""
    if not r["nothing"]:
        return r["current"]
    guarded = r["ext"] if not r["flaw"] else None
    return {"current": r["current"], "fast": r["fast"], "ext": r["ext"], "ext-guarded": guarded,
            "current+ext-guarded": r["current"] or guarded}[policy]


def _f(rows: list[dict], policy: str) -> dict:
    dated = [r for r in rows if r["gold"]]
    return score_days([answer(r, policy) for r in dated], [r["gold"] for r in dated])


def table(rows: list[dict]) -> None:
    """Per set and policy: dated-page F; leave-one-set-out; undated pages dated; held aggregate; fallback time."""
    by = {s: [r for r in rows if r["set"] == s] for s in dict.fromkeys(r["set"] for r in rows)}
    dev = [s for s in by if s in DEV_SETS]
    print("| policy | " + " | ".join(dev) + " | dev mean | undated dev pages dated | held (g-held+h-held) |")
    for p in POLICIES:
        fs = [_f(by[s], p)["f"] for s in dev]
        undated = sum(1 for s in dev for r in by[s] if r["gold"] is None and answer(r, p))
        held = _f([r for s in by if s in HELD_SETS for r in by[s]], p)
        print(f"| {p} | " + " | ".join(f"{f:.3f}" for f in fs) + f" | {sum(fs) / len(fs):.4f} | {undated} | "
              f"F {held['f']:.3f} (tp {held['tp']} fp {held['fp']} fn {held['fn']}) |")
    for label, choice in (("all policies", POLICIES), ("admissible policies", ADMISSIBLE)):
        _loso(by, dev, choice, label)
    print("undated dev pages given a day (policy: set id day flaw where):")
    for r in rows:
        if r["set"] in DEV_SETS and r["gold"] is None and r["nothing"] and (r["fast"] or r["ext"]):
            print(f"  {r['set']} {r['id'][:40]} current={r['current']} fast={r['fast']} ext={r['ext']} "
                  f"flaw={r['flaw']} where={r['where']}")
    fell = [r for r in rows if r["nothing"]]
    print(f"pages where ours find nothing: {len(fell)} of {len(rows)}; htmldate fast {sum(r['fast_s'] for r in fell):.2f} s, "
          f"extensive {sum(r['ext_s'] for r in fell):.2f} s on them")
    flaws: dict[str, int] = {}
    for r in fell:
        if r["flaw"]:
            flaws[r["flaw"]] = flaws.get(r["flaw"], 0) + 1
    print(f"guard verdicts on the extensive day: {flaws}")


def _loso(by: dict, dev: list[str], choice: tuple, label: str) -> None:
    """Leave one development set out: the policy of ``choice`` with the best summed F on the others (ties: the first)."""
    gains = []
    print(f"leave one set out among {label}:")
    for test in dev:
        train = [s for s in dev if s != test]
        best = max(choice, key=lambda p: (round(sum(_f(by[s], p)["f"] for s in train), 9), -choice.index(p)))
        gains.append(_f(by[test], best)["f"])
        print(f"  left out {test}: chose {best}, F {_f(by[test], 'current')['f']:.3f} -> {gains[-1]:.3f}")
    now = sum(_f(by[s], "current")["f"] for s in dev) / len(dev)
    print(f"  mean left-out dated-page F {sum(gains) / len(gains):.4f} (current {now:.4f})")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, help="write one record a page of every gold set here")
    ap.add_argument("--table", type=Path, help="print the tables of a file written by --out")
    args = ap.parse_args(argv)
    if args.table:
        table(read_records(args.table))
        return 0
    if args.out is None:
        ap.error("--out or --table")
    with args.out.open("w", encoding="utf-8") as out:
        for name in DEV_SETS + HELD_SETS:
            out.writelines(json.dumps(record(name, page)) + "\n" for page in load_set(name))
    return 0


if __name__ == "__main__":
    sys.exit(main())
