#!/usr/bin/env python3
"""Speed of the clean stage (``body_html`` included) beside ``trafilatura.extract``, same run.

On every page of both datasets (``../shared/bench``: scrapinghub, trafilatura-eval), one page
at a time in interleaved order (machine noise hits all alike), after one untimed warm-up page:

- ``clean_html``: our whole clean stage (lxml parse and content choice, metadata, BeautifulSoup
  cleaning of the chosen region into ``body_html``, ``body`` read back from it);
- ``trafilatura.extract(html, include_comments=False)``: the reference;
- the part of ``clean_html`` spent in ``etl.clean.html`` (BeautifulSoup: region re-parse,
  allowlist walk, render), measured inside the same calls;
- whole-page parses, for the README's "why": ``dom.parse`` (lxml) vs ``BeautifulSoup(html, "lxml")``.

pages/s are pages over the summed wall time of that extractor; ``ratio`` is ours / reference
(goal >= 1.0). Usage: ``.venv/bin/python bench/extraction/speed.py [--limit N]``
(``run.py`` adds the same lines to ``results.md``).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from pathlib import Path

import trafilatura
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from etl.clean import clean_html, dom  # noqa: E402
from etl.clean import html as html_mod  # noqa: E402
from etl.core.language import detect_language  # noqa: E402

SHARED = ROOT.parent / "shared" / "bench"
HERE = Path(__file__).resolve().parent


def load_pages(dataset: str, limit: int | None) -> list:
    """The dataset's pages as score.py loads them (objects with ``html`` and ``url``)."""
    spec = importlib.util.spec_from_file_location("score", SHARED / "score.py")
    score = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(score)  # type: ignore[union-attr]
    loader = score.load_scrapinghub if dataset == "scrapinghub" else score.load_trafilatura_eval
    return loader(SHARED / dataset, limit)


class _Stopwatch:
    """Sums the wall time spent in wrapped functions (the BeautifulSoup part of clean_html)."""

    def __init__(self) -> None:
        self.seconds = 0.0

    def wrap(self, fn):
        def timed(*args, **kwargs):
            t0 = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - t0
        return timed


def measure(pages: list) -> dict:
    """Interleaved timings on ``pages``: seconds per extractor and pages/s."""
    soup_part = _Stopwatch()
    html_mod.cut, html_mod.render = soup_part.wrap(html_mod.cut), soup_part.wrap(html_mod.render)
    jobs = {
        "clean_html": lambda p: clean_html(p.html, p.url),
        "trafilatura.extract": lambda p: trafilatura.extract(p.html, include_comments=False),
        "lxml parse": lambda p: dom.parse(p.html),
        "BeautifulSoup parse": lambda p: BeautifulSoup(p.html, "lxml"),
    }
    detect_language("Die Regierung hat am Dienstag beschlossen, die Steuern zu senken.")  # loads py3langid's model
    for job in jobs.values():  # warm-up: imports, first-call set-up
        job(pages[0])
    soup_part.seconds = 0.0
    seconds = dict.fromkeys(jobs, 0.0)
    for page in pages:
        for name, job in jobs.items():
            t0 = time.perf_counter()
            job(page)
            seconds[name] += time.perf_counter() - t0
    n = len(pages)
    out = {name: {"seconds": s, "pages_per_s": n / max(s, 1e-9)} for name, s in seconds.items()}
    out["clean_html"]["beautifulsoup_share"] = soup_part.seconds / max(seconds["clean_html"], 1e-9)
    out["pages"] = n
    return out


def lines(dataset: str, r: dict) -> list[str]:
    """Two report lines for one dataset."""
    ours, ref = r["clean_html"], r["trafilatura.extract"]
    lx, bs = r["lxml parse"], r["BeautifulSoup parse"]
    return [
        f"clean [{dataset} {r['pages']} pages]: clean_html (body_html included) {ours['pages_per_s']:.1f} p/s, "
        f"trafilatura.extract {ref['pages_per_s']:.1f} p/s, ratio {ours['pages_per_s'] / ref['pages_per_s']:.2f}x; "
        f"BeautifulSoup part {100 * ours['beautifulsoup_share']:.0f}% of clean_html",
        f"parse [{dataset}]: whole page with lxml {lx['pages_per_s']:.0f} p/s, with BeautifulSoup(lxml) "
        f"{bs['pages_per_s']:.1f} p/s ({lx['pages_per_s'] / bs['pages_per_s']:.0f}x slower)",
    ]


def report(limit: int | None = None) -> str:
    """Measure both datasets; print and return the report lines (raw figures in results-speed.json)."""
    figures = {d: measure(load_pages(d, limit)) for d in ("scrapinghub", "trafilatura-eval")}
    (HERE / "results-speed.json").write_text(json.dumps(figures, indent=1), "utf-8")
    text = "\n".join(line for dataset, r in figures.items() for line in lines(dataset, r))
    print(text, flush=True)
    return text


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, help="only the first N pages of each dataset")
    args = ap.parse_args(argv)
    report(args.limit)
    return 0


if __name__ == "__main__":
    sys.exit(main())
