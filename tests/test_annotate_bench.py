"""bench/annotate/run.py writes its generated report between markers and keeps the hand-written
parts of results.md (it used to overwrite the whole file)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench" / "annotate"))

from run import BEGIN, END, with_block  # noqa: E402


def test_generated_block_is_added_then_replaced_and_the_rest_is_kept():
    hand = "# Entity facets\n\nWritten by hand: CoNLL figures.\n"
    first = with_block(hand, "## Throughput\n\nratio 0.95\n")
    assert first.startswith(hand.rstrip()) and BEGIN in first and first.rstrip().endswith(END)
    edited = first + "\n## Notes written after the block\n"
    second = with_block(edited, "## Throughput\n\nratio 0.91\n")
    assert "ratio 0.91" in second and "ratio 0.95" not in second
    assert "Written by hand: CoNLL figures." in second and "## Notes written after the block" in second
    assert second.count(BEGIN) == 1 and second.count(END) == 1


def test_a_missing_file_gets_only_the_block():
    assert with_block("", "ratio 1.00\n") == f"{BEGIN}\nratio 1.00\n{END}\n"
