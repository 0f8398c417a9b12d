#!/usr/bin/env python3
"""Extraction benchmark: our cleaner beside trafilatura and readability-lxml, same run.

Runs ``../shared/bench/score.py`` from the project root on both datasets
(scrapinghub, trafilatura-eval) with ``--tool trafilatura_nocomments readability
--plugin ours=etl.clean:main_text``, prints F1 / precision / recall /
pages/s and writes the table to ``bench/extraction/results.md`` (raw JSON next to it).
With it, ``speed.py``: the whole clean stage (``clean_html``, ``body_html`` included) beside
``trafilatura.extract`` on every page of both datasets, and its BeautifulSoup share.

Then, on the hand-labelled gold pages (``bench/gold/pages-a.jsonl`` ... ``pages-f.jsonl``, e and f each as a dev
and a held part; see ``metadata.py``), it prints per gold file a ``dates:`` line (our publication day vs
htmldate fast and extensive, day-level precision/recall/F as htmldate's own evaluation
scores them, pages/s) and an ``authors:`` line (our person names vs
``trafilatura.extract_metadata(...).author``, agencies apart), and adds them to the results
file (``results-metadata.json`` holds the figures).

Usage (from anywhere):  .venv/bin/python bench/extraction/run.py [--limit N] [--out FILE] [--only text|metadata]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import metadata
import speed

ROOT = Path(__file__).resolve().parents[2]
SCORE = ROOT.parent / "shared" / "bench" / "score.py"
HERE = Path(__file__).resolve().parent
DATASETS = ("scrapinghub", "trafilatura-eval")
TOOLS = ["trafilatura_nocomments", "readability"]
PLUGIN = "ours=etl.clean:main_text"


def run(dataset: str, limit: int | None) -> dict:
    """Run score.py for one dataset; return its JSON summary {label: metrics}."""
    out = HERE / f"results-{dataset}.json"
    cmd = [
        sys.executable,
        str(SCORE),
        "--dataset",
        dataset,
        "--tool",
        *TOOLS,
        "--plugin",
        PLUGIN,
        "--bootstrap",
        "200" if dataset == "scrapinghub" else "0",
        "--json-out",
        str(out),
        "--worst",
        "5",
    ]
    if limit:
        cmd += ["--limit", str(limit)]
    print("$", " ".join(cmd), file=sys.stderr, flush=True)
    subprocess.run(cmd, cwd=ROOT, check=True)
    return json.loads(out.read_text("utf-8"))


def table(results: dict) -> str:
    """Markdown table: one row per (dataset, tool)."""
    lines = [
        "| dataset | extractor | F1 | precision | recall | pages/s | errors |",
        "|---|---|---|---|---|---|---|",
    ]
    for dataset, res in results.items():
        for label, s in res.items():
            pps = f"{s['pages_per_s']:.1f}" if s.get("pages_per_s") else "-"
            lines.append(
                f"| {dataset} ({s['pages']}) | {label} {s.get('version') or ''} | {s['f1']:.3f} | "
                f"{s['precision']:.3f} | {s['recall']:.3f} | {pps} | {s['errors']} |"
            )
    return "\n".join(lines)


def metadata_lines() -> str:
    """The dates and authors lines of every gold file (printed as they come)."""
    out, figures = [], {}
    for name in metadata.GOLD_SETS:
        try:
            pages = metadata.load_set(name)
        except RuntimeError as exc:  # pages-e without Go: say so, score the other sets
            out.append(f"dates: [pages-{name}] not scored: {exc}")
            print(out[-1], flush=True)
            continue
        figures[f"pages-{name}"] = summary = metadata.summarize(pages, metadata.run_all(pages))
        for line in metadata.lines(f"pages-{name}", summary):
            print(line, flush=True)
            out.append(line)
    (HERE / "results-metadata.json").write_text(json.dumps(figures, indent=1), "utf-8")
    return "\n".join(out)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, help="only the first N pages of each dataset")
    ap.add_argument("--out", type=Path, default=HERE / "results.md")
    ap.add_argument("--only", choices=("text", "metadata"), help="run one part only")
    args = ap.parse_args(argv)
    if not SCORE.exists():
        print(f"benchmark not found: {SCORE}", file=sys.stderr)
        return 2
    md = (f"# Extraction benchmark\n\nRun {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC, one process, "
          f"`bench/extraction/run.py` (score.py from ../shared/bench).\n")
    if args.only != "metadata":
        md += f"\n{table({d: run(d, args.limit) for d in DATASETS})}\n"
        md += "\n## Clean stage speed, body_html included (`speed.py`)\n\n```\n" + speed.report(args.limit) + "\n```\n"
    if args.only != "text":
        md += "\n## Dates and authors (hand-labelled gold, see `metadata.py`)\n\n```\n" + metadata_lines() + "\n```\n"
    args.out.write_text(md, "utf-8")
    print("\n" + md)
    return 0


if __name__ == "__main__":
    sys.exit(main())
