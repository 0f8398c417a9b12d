"""Benchmark: entity figures per gold source (leave-one-source-out view), ours vs the bare model.

Usage (from the repository root)::

    .venv/bin/python bench/annotate/loso.py [--no-conll] [--fp] [--misses] [--dump F] [--json-out F]

A rule is judged by the sources it was NOT written from: this prints, per source of our
English page gold (``tests/fixtures/entities/en``: the gold's ``dataset``, with the bench7
rounds of trafilatura-eval apart) and for CoNLL++ dev (``../shared/bench/conll/dev.txt``,
scored like ``../shared/bench/score_entities.py``), persons P/R/F1, organizations + places
recall (pooled) and quotes with the right speaker, ours beside the bare spaCy model in the
same run. Dev pages only per source; the pages of held splits (``GoldPage.held_out``) are
one aggregate row and never listed. ``--fp`` lists every false-positive person of the dev
pages and of CoNLL dev (what rules may be read from), ``--misses`` every missed gold person of
them; ``--dump F`` writes every page's and story's facets and quotes as JSON (a held page's as a
digest only), to check that a change keeps the output identical (``diff`` two dumps).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from etl.annotate import entity_facets  # noqa: E402
from etl.annotate.evaluate import (  # noqa: E402
    BENCH,
    FIXTURES,
    KINDS,
    Counts,
    Row,
    bare_facets,
    load_gold,
    load_script,
    run_pages,
    score_names,
    score_quotes,
)
from etl.annotate.model import load_model  # noqa: E402
from etl.core.settings import Settings  # noqa: E402

CONLL_DEV = BENCH / "conll" / "dev.txt"
SCORER = BENCH / "score_entities.py"
HELD = "held splits (aggregate)"


def source_of(row: Row) -> str:
    """Reporting source of a gold row: HELD for held pages, else the dataset (bench7 apart)."""
    page = row[0]
    if page.held_out:
        return HELD
    return "bench7" if "bench7" in page.batch else page.dataset


class Tally:
    """Summed counts of one source: persons, organizations + places, quotes; ours and bare."""

    def __init__(self) -> None:
        self.units = 0
        self.c = {f"{who}_{k}": Counts() for who in ("ours", "bare") for k in ("per", "orgloc")}
        self.quotes = [0, 0]

    def add(self, who: str, kind: str, counts: Counts) -> None:
        self.c[f"{who}_{kind}"].add(counts)

    def cells(self) -> list[str]:
        """Table cells: persons F1 (P / R) ours, bare; orgs+places recall ours, bare; quotes."""
        out = []
        for who in ("ours", "bare"):
            p, r, f = self.c[f"{who}_per"].prf()
            out.append(f"{f:.3f} ({p:.3f} / {r:.3f})")
        out += [f"{self.c[f'{who}_orgloc'].prf()[1]:.3f}" for who in ("ours", "bare")]
        out.append(f"{self.quotes[0]} / {self.quotes[1]}" if self.quotes[1] else "–")
        return out


def tally_pages(rows: list[Row], tallies: dict[str, Tally], fps: list[str], misses: list[str]) -> dict:
    """Add each gold row to its source's tally; collect dev false positives and misses; return the dump."""
    dump = {}
    for row in rows:
        page, ann, bare = row
        src = source_of(row)
        t = tallies[src]
        t.units += 1
        ours = {k: list(getattr(ann, k)) if ann else [] for k in KINDS}
        for who, facets in (("ours", ours), ("bare", bare)):
            t.add(who, "per", score_names(page, "persons", facets["persons"]))
            for k in KINDS[1:]:
                t.add(who, "orgloc", score_names(page, k, facets[k]))
        right, _found, total = score_quotes(page, ann.quotes if ann else ())
        t.quotes[0] += right
        t.quotes[1] += total
        if src != HELD:
            counts = score_names(page, "persons", ours["persons"])
            fps += [f"{src}\t{page.path.name}\t{name}" for name in counts.extra]
            misses += [f"{src}\t{page.path.name}\t{name}" for name in counts.missed]
        quotes = [[q.speaker, q.text[:60]] for q in ann.quotes] if ann else []
        facets = {**ours, "quotes": quotes}
        # a held page's facets only as a digest: a diff of two dumps says that it changed, never what
        dump[f"{page.dataset}/{page.id}"] = _digest(facets) if src == HELD else facets
    return dump


def _digest(facets: dict) -> str:
    return hashlib.sha1(json.dumps(facets, sort_keys=True).encode()).hexdigest()


def _conll_counts(sc, gold_groups, predicted) -> Counts:
    """The scorer's document-level matching, as Counts with the false positives named."""
    pred = list(dict.fromkeys(p.lower() for p in predicted if p.strip()))
    tp, fn, fp = sc.match(gold_groups, pred)
    extra = [p for p in pred if not any(sc.same(p, g) for g in gold_groups)]
    missed = [sorted(g)[0] for g in gold_groups if not any(sc.same(p, g) for p in pred)]
    return Counts(tp=tp, fp=fp, fn=fn, missed=missed, extra=extra)


def tally_conll(settings: Settings, tally: Tally, fps: list[str], misses: list[str]) -> dict:
    """CoNLL++ dev through ``entity_facets`` and the bare model, scored like score_entities.py."""
    sc = load_script(SCORER)
    nlp = load_model(settings.spacy_model)
    dump = {}
    for i, sents in enumerate(sc.read_docs(CONLL_DEV)):
        lines = [sc.detok([t for t, _ in s]) for s in sents]
        title, body = lines[0], "\n".join(lines[1:])
        ours = entity_facets(title, body)
        bare = bare_facets(nlp, title + "\n\n" + body)
        tally.units += 1
        for who, facets in (("ours", ours), ("bare", bare)):
            counts = _conll_counts(sc, sc.groups(sc.mentions(sents, "PER")), facets["persons"])
            tally.add(who, "per", counts)
            for kind, key in (("ORG", "organizations"), ("LOC", "locations")):
                tally.add(who, "orgloc", _conll_counts(sc, sc.groups(sc.mentions(sents, kind)), facets[key]))
            if who == "ours":
                fps += [f"conll\tdoc{i:03d} {title[:40]!r}\t{name}" for name in counts.extra]
                misses += [f"conll\tdoc{i:03d} {title[:40]!r}\t{name}" for name in counts.missed]
        dump[f"conll/{i:03d}"] = ours
    return dump


def render(tallies: dict[str, Tally]) -> str:
    """Markdown table, one row per source, then the pooled English dev pages."""
    lines = [
        "| source | units | persons F1 (P / R) ours | bare | orgs+places recall ours | bare | quotes right / gold |",
        "| --- | ---: | --- | --- | ---: | ---: | --- |",
    ]
    pooled = Tally()
    for src in sorted(tallies, key=lambda s: (s in (HELD, "conll"), s)):
        t = tallies[src]
        lines.append(f"| {src} | {t.units} | " + " | ".join(t.cells()) + " |")
        if src not in (HELD, "conll"):
            pooled.units += t.units
            for key, counts in t.c.items():
                pooled.c[key].add(counts)
            pooled.quotes = [a + b for a, b in zip(pooled.quotes, t.quotes, strict=True)]
    lines.append(f"| all English dev pages | {pooled.units} | " + " | ".join(pooled.cells()) + " |")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-conll", action="store_true", help="English page gold only")
    parser.add_argument("--fp", action="store_true", help="list every false-positive person (dev only)")
    parser.add_argument("--misses", action="store_true", help="list every missed gold person (dev only)")
    parser.add_argument("--dump", help="write every page's and story's facets and quotes here (JSON)")
    parser.add_argument("--json-out")
    args = parser.parse_args(argv)
    settings = Settings.from_env()
    pages = [p for p in load_gold(FIXTURES / "en") if not p.unavailable()]
    tallies: dict[str, Tally] = defaultdict(Tally)
    fps: list[str] = []
    misses: list[str] = []
    dump = tally_pages(run_pages(pages, settings), tallies, fps, misses)
    if not args.no_conll and CONLL_DEV.exists():
        dump |= tally_conll(settings, tallies["conll"], fps, misses)
    if args.fp:
        print("\n".join(f"false positive\t{line}" for line in sorted(fps)))
    if args.misses:
        print("\n".join(f"missed\t{line}" for line in sorted(misses)))
    print(render(tallies))
    if args.dump:
        Path(args.dump).write_text(json.dumps(dump, indent=0, ensure_ascii=False), encoding="utf-8")
    if args.json_out:
        out = {src: {k: [round(x, 3) for x in c.prf()] for k, c in t.c.items()} for src, t in tallies.items()}
        Path(args.json_out).write_text(json.dumps(out, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
