#!/usr/bin/env python3
"""Extraction benchmark: our cleaner beside trafilatura and readability-lxml, same run.

Runs ``../shared/bench/score.py`` from the project root on both datasets
(scrapinghub, trafilatura-eval) with ``--tool trafilatura_nocomments readability
--plugin ours=etl.clean:main_text``, prints F1 / precision / recall /
pages/s and writes the table to ``bench/extraction/results.md`` (raw JSON next to it).

Usage (from anywhere):  .venv/bin/python bench/extraction/run.py [--limit N] [--out FILE]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

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


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, help="only the first N pages of each dataset")
    ap.add_argument("--out", type=Path, default=HERE / "results.md")
    args = ap.parse_args(argv)
    if not SCORE.exists():
        print(f"benchmark not found: {SCORE}", file=sys.stderr)
        return 2
    results = {d: run(d, args.limit) for d in DATASETS}
    md = (
        f"# Extraction benchmark\n\nRun {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC, one process, "
        f"`bench/extraction/run.py` (score.py from ../shared/bench).\n\n{table(results)}\n"
    )
    args.out.write_text(md, "utf-8")
    print("\n" + md)
    return 0


if __name__ == "__main__":
    sys.exit(main())
