"""Benchmark: our annotate stage vs bare spaCy ``nlp.pipe`` (NER only) on the same texts, same run.

Usage (from the repository root)::

    .venv/bin/python bench/annotate/run.py [--n 100] [--repeat 3] [--processes 1] [--batch-size 32]
        [--all-languages] [--out bench/annotate/results.md]

Texts: the ``articleBody`` fields of ``../shared/bench/scrapinghub/ground-truth.json`` (when
present) plus the bodies of the bundled sample pages' plain-text fixtures, English only by
default (our stage skips NER for other languages, which would flatter it), cycled to N.
Each timed run of either column starts as a fresh worker does: with a freshly loaded model (whose
vocabulary holds only the model's own words: the tokenizer adds each new word of the texts once, ~5 % of a run,
so a model reused across runs would flatter the later runs) and, for ours, with the rules' memo caches emptied
(:func:`clear_memos`). Texts beyond the distinct ones repeat (the report says how many are distinct), and
a repeat finds its words memoised. Prints docs/s for both and the ratio (ours / bare), and writes the Markdown report into
``--out`` between the markers ``<!-- begin: bench/annotate/run.py -->`` and ``<!-- end: ... -->``
(added at the end of the file when missing): the hand-written rest of the file is kept.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import spacy

# Read before the package is imported (it sets the variable to 1 for the pipeline when it is unset; spaCy above
# has already loaded numpy, so both columns here run with this value: etl/annotate/README.md, "Throughput").
OPENBLAS_THREADS = os.environ.get("OPENBLAS_NUM_THREADS", "unset (one per core)")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from etl.annotate import annotate_articles  # noqa: E402
from etl.annotate.model import forget_models, load_model, model_label  # noqa: E402
from etl.core.language import detect_language  # noqa: E402
from etl.core.records import CleanedArticle  # noqa: E402
from etl.core.settings import Settings  # noqa: E402

GROUND_TRUTH = ROOT.parent / "shared" / "bench" / "scrapinghub" / "ground-truth.json"
LOCAL_TEXTS = [ROOT / "tests" / "fixtures" / "annotate", ROOT.parent / "shared" / "fixtures"]
BEGIN = "<!-- begin: bench/annotate/run.py (generated, replaced on each run) -->"
END = "<!-- end: bench/annotate/run.py -->"


def load_texts(n: int, all_languages: bool) -> list[str]:
    """N article texts (cycled), English only unless ``all_languages``."""
    texts = []
    if GROUND_TRUTH.exists():
        texts += [
            v.get("articleBody", "") for v in json.loads(GROUND_TRUTH.read_text(encoding="utf-8")).values()
        ]
    for folder in LOCAL_TEXTS:
        texts += [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    texts = [t for t in texts if t.strip() and (all_languages or detect_language(t) == "en")]
    if not texts:
        raise SystemExit("no texts found")
    return [texts[i % len(texts)] for i in range(n)]


def bare_ner(texts: list[str], model: str, batch_size: int, processes: int) -> tuple[float, float]:
    """(wall, CPU) seconds for bare ``nlp.pipe`` with only NER enabled (a model instance of its own)."""
    nlp = spacy.load(model)
    nlp.select_pipes(enable=["ner"])
    list(nlp.pipe(texts[:4]))  # warm-up
    start, cpu = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(texts, batch_size=batch_size, n_process=processes):
        pass
    return time.perf_counter() - start, time.process_time() - cpu


def ours(texts: list[str], settings: Settings) -> tuple[float, float]:
    """(wall, CPU) seconds for ``annotate_articles`` over the same texts (as article bodies), on a freshly
    loaded model (as :func:`bare_ner`)."""
    articles = [
        CleanedArticle(url=f"bench:{i}", doc_id=str(i), title="", body=t) for i, t in enumerate(texts)
    ]
    forget_models()
    list(annotate_articles(articles[:4], settings))  # warm-up: model, aliases, language ids
    clear_memos()
    start, cpu = time.perf_counter(), time.process_time()
    for _ in annotate_articles(articles, settings):
        pass
    return time.perf_counter() - start, time.process_time() - cpu


def clear_memos() -> int:
    """Empty the rules' memo caches (``functools.lru_cache`` of 1,024 entries or more on words and names in
    ``etl.annotate``'s modules) so that each timed run starts as a fresh worker does, not with the words of
    the runs before; the data tables (aliases, given names: caches of one entry) stay loaded. Returns how many."""
    cleared = 0
    for name, module in list(sys.modules.items()):
        if not name.startswith("etl.annotate"):
            continue
        for value in vars(module).values():
            info = getattr(value, "cache_info", None)
            if info is not None and (info().maxsize or 0) >= 1024:
                value.cache_clear()
                cleared += 1
    return cleared


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--all-languages", action="store_true")
    parser.add_argument("--out", default=str(Path(__file__).with_name("results.md")))
    args = parser.parse_args(argv)
    settings = Settings.from_env(annotate_batch_size=args.batch_size, annotate_processes=args.processes)
    texts = load_texts(args.n, args.all_languages)
    bare_times, our_times = [], []
    for _ in range(args.repeat):  # interleaved, so machine load hits both alike
        bare_times.append(bare_ner(texts, settings.spacy_model, args.batch_size, args.processes))
        our_times.append(ours(texts, settings))
    report = render(args, texts, settings, bare_times, our_times)
    print(report)
    out = Path(args.out)
    out.write_text(
        with_block(out.read_text(encoding="utf-8") if out.exists() else "", report), encoding="utf-8"
    )
    return 0


def with_block(document: str, report: str) -> str:
    """``document`` with the generated block (between BEGIN and END) replaced by ``report``,
    or the block added at its end when it has none; everything outside the markers is kept."""
    block = f"{BEGIN}\n{report.rstrip()}\n{END}"
    pattern = re.compile(re.escape(BEGIN) + r".*?" + re.escape(END), re.S)
    if pattern.search(document):
        return pattern.sub(lambda _m: block, document, count=1)
    return (document.rstrip() + "\n\n" if document.strip() else "") + block + "\n"


def _rate(n: int, times: list[tuple[float, float]], which: int) -> float:
    return n / statistics.median(t[which] for t in times)


def render(args, texts, settings, bare_times, our_times) -> str:
    n, chars = len(texts), statistics.mean(len(t) for t in texts)
    label = model_label(load_model(settings.spacy_model))
    bare_wall, our_wall = _rate(n, bare_times, 0), _rate(n, our_times, 0)
    lines = [
        "## Throughput (`bench/annotate/run.py`)",
        "",
        f"- date: {datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}; machine: {platform.machine()}, "
        f"{os.cpu_count()} cores (shared with other jobs: wall times are noisy), Python {platform.python_version()}",
        f"- model: {label}; texts: {n}, {len(set(texts))} distinct "
        f"({'all languages' if args.all_languages else 'English only'}, "
        f"mean {chars:.0f} chars); batch size {args.batch_size}; processes {args.processes}; "
        f"OPENBLAS_NUM_THREADS {OPENBLAS_THREADS}; "
        f"median of {args.repeat} interleaved runs",
        f"- command: `python bench/annotate/run.py --n {args.n} --repeat {args.repeat} --processes {args.processes} "
        f"--batch-size {args.batch_size}{' --all-languages' if args.all_languages else ''}`",
        "",
        "| pipeline | docs/s (wall) | docs/s (CPU of this process) | wall runs (s) |",
        "| --- | ---: | ---: | --- |",
        f"| bare spaCy `nlp.pipe`, NER only | {bare_wall:.1f} | {_rate(n, bare_times, 1):.1f} | "
        f"{', '.join(f'{t[0]:.2f}' for t in bare_times)} |",
        f"| ours: `annotate_articles` (NER + rules) | {our_wall:.1f} | {_rate(n, our_times, 1):.1f} | "
        f"{', '.join(f'{t[0]:.2f}' for t in our_times)} |",
        "",
        f"- **ratio ours / bare (wall): {our_wall / bare_wall:.2f}**",
    ]
    if args.processes == 1:
        cpu_ratio = _rate(n, our_times, 1) / _rate(n, bare_times, 1)
        lines.append(f"- ratio ours / bare (CPU time, less sensitive to other jobs): {cpu_ratio:.2f}")
    else:
        lines.append("- the CPU column counts the parent process only (the workers run the NER)")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
