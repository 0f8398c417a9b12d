#!/usr/bin/env python3
"""Cross-validated choice of the date decision policy, from the per-page sources of ``date_sources.py``.

Input: the JSON lines ``date_sources.py --gold dev --out FILE`` wrote with the code before the policy
(our answer and the source that won, every candidate, htmldate fast / extensive, the gold day).
Each policy of a small grid is replayed on those records:

- ``weak``: winning source categories whose day stands only when confirmed (printed next to an ``<h1>``,
  in the ``<title>`` or in the URL), else the page gets no day: any up to three of ``htmldate``,
  ``ld-nonarticle`` (a JSON-LD WebPage that is no Article), ``meta``, ``marked`` (``<time>``, datelines),
  ``og``;
- ``art``: a page declaring itself an article (og:type ``article``, a JSON-LD Article type) confirms;
- ``swap``: htmldate's day (fast = extensive) replaces ours when it is confirmed and ours is not.

Leave one set out: the policy with the best mean day F on the other sets (ties: the fewest options) is
scored on the one left out, for each development set (:data:`DEV_SETS`). Usage:
``.venv/bin/python bench/extraction/date_policy.py /tmp/sources.jsonl``.
"""

from __future__ import annotations

import itertools
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.extraction.metadata import DEV_SETS, score_days  # noqa: E402
from etl.clean.meta.sources import ARTICLE_TYPES  # noqa: E402

SETS = DEV_SETS  # a, c, d, e-dev until session 5's first pass; e-held and f-dev since its second
CATEGORIES = ("htmldate", "ld-nonarticle", "meta", "marked", "og")
_ARTICLE = ARTICLE_TYPES - {"webpage"}
_WON = {"htmldate": ("htmldate",), "meta": ("meta",), "marked": ("time", "text"), "og": ("opengraph",)}


def confirmed(r: dict, day: str) -> bool:
    """The page prints ``day`` by its heading, in its title, or has it in its URL."""
    return day in r["near_h1"] or day in r["in_title"] or day == r["url"]


def weak(r: dict, cats: frozenset) -> bool:
    """Our answer on record ``r`` was won by one of the weak categories ``cats``."""
    if "ld-nonarticle" in cats and r["won"] == "json-ld" and not set(r["ld_type"]) & _ARTICLE:
        return True
    return any(r["won"] in _WON[c] for c in cats if c in _WON)


def decide(r: dict, p: dict) -> str | None:
    """The day policy ``p`` gives page record ``r``."""
    day = r["ours"]
    article = r["og_type"].strip().lower() == "article" or bool(set(r["ld_type"]) & _ARTICLE)
    if day and weak(r, p["weak"]) and not confirmed(r, day) and not (p["art"] and article):
        day = None
    if p["swap"] and day and r["fast"] and r["fast"] == r["ext"] != day and confirmed(r, r["fast"]) \
            and not confirmed(r, day):
        day = r["fast"]
    return day


def grid() -> list[dict]:
    """Every policy: up to three weak categories, with and without ``art`` and ``swap``."""
    return [{"weak": frozenset(w), "art": art, "swap": swap}
            for k in range(4) for w in itertools.combinations(CATEGORIES, k)
            for art in (False, True) for swap in (False, True)]


def f_of(rows: list[dict], p: dict) -> dict:
    return score_days([decide(r, p) for r in rows], [r["gold"] for r in rows])


def main(argv: list[str]) -> int:
    rows = [json.loads(x) for x in Path(argv[0]).read_text("utf-8").splitlines() if x.strip()]
    by_set = {s: [r for r in rows if r["set"] == s] for s in SETS}
    base = {"weak": frozenset(), "art": False, "swap": False}
    held = []
    for test in SETS:
        train = [s for s in SETS if s != test]

        def mean_f(p: dict, train: list[str] = train) -> float:
            return round(sum(f_of(by_set[s], p)["f"] for s in train) / len(train), 6)

        best = max(grid(), key=lambda p: (mean_f(p), -len(p["weak"]) - p["art"] - p["swap"]))
        b, c = f_of(by_set[test], base), f_of(by_set[test], best)
        held.append((b["f"], c["f"]))
        print(f"held out {test}: chose weak={sorted(best['weak'])} art={best['art']} swap={best['swap']} "
              f"(train F {mean_f(base):.4f} -> {mean_f(best):.4f}); held-out F {b['f']:.3f} -> {c['f']:.3f} "
              f"(tp {b['tp']}->{c['tp']}, fp {b['fp']}->{c['fp']}, fn {b['fn']}->{c['fn']})")
    print(f"mean held-out F {sum(b for b, _ in held) / len(held):.4f} -> {sum(c for _, c in held) / len(held):.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
