#!/usr/bin/env python3
"""Leave-one-set-out check of date rules that are code, not replayable policies (issue 12, session 5).

Each rule is added on its own step; a copy of ``etl/`` is kept before and after each step (``cp -r etl
/tmp/snapN/``). ``--run`` writes our ``published_day`` on every page of the development sets with the code of
one copy; ``--compare`` then reads the runs of consecutive steps and, for each step and each development set
left out, adopts the step when it does not lower the mean day F of the other sets (ties: adopted, the rule
being general) and reports the left-out set's F before -> after; a step is kept when it helps the left-out
folds on average and costs no fold more than one page.

Usage::

    .venv/bin/python bench/extraction/date_rules.py --run --code /tmp/snap0 --out /tmp/days0.json
    .venv/bin/python bench/extraction/date_rules.py --compare /tmp/days0.json /tmp/days1.json ...
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(code: Path, out: Path) -> None:
    """Our day on every development page with the ``etl`` package found in ``code``, as JSON
    ``{set: {page id: [day, gold]}}``."""
    sys.path.insert(0, str(ROOT))
    from bench.extraction.metadata import DEV_SETS, load_set  # noqa: PLC0415 - after the code's path is chosen

    sys.path.insert(0, str(code))  # this copy's etl wins over the tree's
    for name in [m for m in sys.modules if m == "etl" or m.startswith("etl.")]:
        del sys.modules[name]
    from etl.clean import clean_html  # noqa: PLC0415 - the copy's cleaner
    from etl.core.records import CleanedArticle  # noqa: PLC0415

    days: dict[str, dict[str, list]] = {}
    for name in DEV_SETS:
        days[name] = {}
        for page in load_set(name):
            art = clean_html(page.html, page.url)
            days[name][page.id] = [art.published_day if isinstance(art, CleanedArticle) else None, page.day]
    out.write_text(json.dumps(days, indent=0), "utf-8")


def _score(pages: dict[str, list]) -> dict:
    sys.path.insert(0, str(ROOT))
    from bench.extraction.metadata import score_days  # noqa: PLC0415 - light import, scoring only

    return score_days([p for p, _ in pages.values()], [g for _, g in pages.values()])


def compare(files: list[Path]) -> None:
    """Per step (file i -> i+1) and per left-out set: the leave-one-set-out decision and its effect."""
    runs = [json.loads(f.read_text("utf-8")) for f in files]
    sets = list(runs[0])
    for i in range(1, len(runs)):
        before, after = runs[i - 1], runs[i]
        f0 = {s: _score(before[s]) for s in sets}
        f1 = {s: _score(after[s]) for s in sets}
        gains = []
        print(f"step {files[i - 1].name} -> {files[i].name}:")
        for test in sets:
            train = [s for s in sets if s != test]
            adopt = sum(f1[s]["f"] for s in train) >= sum(f0[s]["f"] for s in train)
            new = f1[test] if adopt else f0[test]
            gains.append(new["f"] - f0[test]["f"])
            pages = (new["tp"] - f0[test]["tp"], new["fp"] - f0[test]["fp"], new["fn"] - f0[test]["fn"])
            print(f"  held out {test}: {'adopted' if adopt else 'rejected'} on the others; F {f0[test]['f']:.3f} -> "
                  f"{new['f']:.3f} (tp {pages[0]:+d}, fp {pages[1]:+d}, fn {pages[2]:+d})")
        print(f"  mean held-out F change {sum(gains) / len(gains):+.4f}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--run", action="store_true")
    ap.add_argument("--code", type=Path, default=ROOT, help="folder holding the etl package to run")
    ap.add_argument("--out", type=Path)
    ap.add_argument("--compare", nargs="+", type=Path)
    args = ap.parse_args(argv)
    if args.run:
        if args.out is None:
            ap.error("--run needs --out")
        run(args.code, args.out)
    if args.compare:
        compare(args.compare)
    return 0


if __name__ == "__main__":
    sys.exit(main())
