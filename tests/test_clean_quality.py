"""Quality floor on the scrapinghub benchmark (skipped when ../shared/bench is absent).

F1 is computed exactly as score.py does (4-token shingles, macro P/R). The floor
is the F1 reached when this test was written (0.965 on the 102-page half, one
run beside trafilatura 0.954) minus a 0.01 margin.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
from pathlib import Path

import pytest

from etl.clean import main_text

BENCH = Path(__file__).resolve().parent.parent.parent / "shared" / "bench"
F1_FLOOR = 0.955


def _score_module():
    spec = importlib.util.spec_from_file_location("_bench_score", BENCH / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def scrapinghub():
    root = BENCH / "scrapinghub"
    if not (root / "ground-truth.json").exists():
        pytest.skip("benchmark folder ../shared/bench/scrapinghub absent")
    truth = json.loads((root / "ground-truth.json").read_text("utf-8"))
    pages = []
    for key in sorted(truth):
        with gzip.open(root / "html" / f"{key}.html.gz", "rt", encoding="utf-8") as f:
            pages.append((key, truth[key].get("url", ""), f.read(), truth[key].get("articleBody", "")))
    return pages


def test_scrapinghub_f1_floor(scrapinghub):
    score = _score_module()
    rows = [score.shingle_page(gold, main_text(html, url), 4) for _, url, html, gold in scrapinghub]
    summary = score.shingle_summary(rows)
    assert summary["f1"] >= F1_FLOOR, summary


def test_benchmark_pages_are_clean(scrapinghub):
    """On a few real pages the output has paragraphs and no obvious boilerplate."""
    for _, url, html, gold in scrapinghub[:10]:
        text = main_text(html, url)
        assert text.count("\n") >= 1, url
        low = text.lower()
        for noise in (
            "back to top",
            "all rights reserved",
            "sign up for our newsletter",
            "share on facebook",
        ):
            assert noise not in low or noise in gold.lower(), (url, noise)
