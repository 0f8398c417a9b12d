"""Build ``etl/annotate/data/common_words.txt.gz``, the common English words of the annotator (run rarely).

Usage::

    apt-get install wamerican        # /usr/share/dict/american-english
    .venv/bin/python bench/annotate/make_common_words.py

Source: the lower-case entries of ``/usr/share/dict/american-english`` (SCOWL word list, Debian package
``wamerican``), letters only ("story", "tools", "wolf"; not "Hall", a proper noun there). The annotator reads it
to tell a Title Case phrase ("Story Tools", "Red Wolf") from a person's name: see
``etl.annotate.notperson``.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "etl" / "annotate" / "data" / "common_words.txt.gz"
DICTIONARY = Path("/usr/share/dict/american-english")
_WORD = re.compile(r"[a-z]{2,}")


def main() -> int:
    words = sorted({w for w in DICTIONARY.read_text(encoding="utf-8").split() if _WORD.fullmatch(w)})
    OUT.write_bytes(gzip.compress(("\n".join(words) + "\n").encode(), mtime=0))
    print(f"{len(words)} words -> {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
