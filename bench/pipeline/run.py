"""End-to-end benchmark of the news_ingest stage functions against bare references.

    .venv/bin/python bench/pipeline/run.py --docs 2000 [--memory 1000,4000] [--es-url URL]

1. Builds ``--docs`` varied article pages (bench/pipeline/corpus.py) and serves them on
   127.0.0.1 from a separate process.
2. Runs discover -> fetch -> clean -> annotate -> load (``etl.pipeline`` stage functions,
   exactly what the DAG tasks call) in a child process, timing each stage; the child's
   peak RSS is the pipeline's memory.
3. In this process, on the same staged data: bare ``trafilatura.extract`` over the fetched
   pages, bare spaCy ``nlp.pipe`` over the cleaned texts, and the load stage vs bare
   ``helpers.streaming_bulk`` of the same (pre-built, in-memory) documents, alternated
   ``--load-trials`` times into fresh indices (best of each).
4. Optionally repeats step 2 for the ``--memory`` sizes (peak RSS must stay flat).
5. Prints the table, writes ``results.json`` and ``throughput.png`` to ``--out`` and ends
   with the ``pipeline: e2e=...`` line.

docs/s of a stage = its input records / its wall time. e2e = pages / sum of stage times.
The spaCy model is loaded before timing in both the stage and its reference.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path[:0] = [str(ROOT), str(HERE)]

LOGICAL_DATE = "2026-01-01T00:00:00+00:00"


def _settings(es_url: str, alias: str, staging: Path, sources: Path | None = None):
    from etl.core.settings import Settings

    return Settings.from_env(es_url=es_url, index_alias=alias, staging_dir=str(staging),
                             sources_file=str(sources or staging / "sources.yaml"),
                             fetch_concurrency=8, fetch_per_host_concurrency=8, fetch_per_host_delay=0.0,
                             fetch_retries=1, shards=1,  # one shard: the stages one after the other
                             fetch_allowed_networks="127.0.0.1/32")  # the corpus is served on loopback


def _peak_rss_mb() -> float:
    """Peak RSS of this process image: VmHWM (ru_maxrss survives exec on Linux and would
    report the parent's peak for a child spawned by a big parent)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --------------------------------------------------------------------------- child: the pipeline
def run_child(n: int, es_url: str, work: Path, alias: str) -> dict:
    """Build and serve ``n`` pages, run the five stages; return timings, counts, peak RSS."""
    import logging

    import corpus

    from etl import pipeline
    from etl.annotate.model import load_model
    from etl.core.shards import shard_inputs

    logging.basicConfig(level=logging.WARNING)
    pages = work / "pages"
    rel = corpus.build(pages, n)
    staging = work / "staging"
    staging.mkdir(parents=True, exist_ok=True)
    out: dict = {"pages": n, "stages": {}}
    with corpus.serve(pages) as base:
        corpus.write_sources(staging / "sources.yaml", base, rel)
        settings = _settings(es_url, alias, staging)
        load_model(settings.spacy_model)  # model load is not part of the stage's throughput
        rss_before = _peak_rss_mb()
        run_id = f"bench__{n}"
        steps = [
            ("discover", lambda prev: pipeline.discover_stage(settings, LOGICAL_DATE)),
            ("fetch", lambda prev: pipeline.fetch_stage(settings, shard_inputs(prev)[0], LOGICAL_DATE)),
            ("clean", lambda prev: pipeline.clean_stage(settings, prev.path)),
            ("annotate", lambda prev: pipeline.annotate_stage(settings, prev.path, run_id)),
            ("load", lambda prev: pipeline.load_stage(settings, prev.path, run_id)),
        ]
        prev, inputs = None, n
        for name, step in steps:
            t0 = time.perf_counter()
            summary = step(prev)
            seconds = time.perf_counter() - t0
            out["stages"][name] = {"seconds": seconds, "inputs": inputs, "count": summary.count,
                                   "rejected": summary.rejected, "reasons": dict(summary.reasons),
                                   "path": summary.path}
            prev, inputs = summary, summary.count
    out["peak_rss_mb"] = _peak_rss_mb()
    out["rss_after_model_mb"] = rss_before
    out["staging"] = str(staging)
    return out


def child_main(args) -> None:
    result = run_child(args.child, args.es_url, Path(args.work), args.alias)
    print("RESULT " + json.dumps(result))


def spawn_child(n: int, es_url: str, work: Path, alias: str) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", str(n), "--es-url", es_url,
           "--work", str(work), "--alias", alias]
    env = dict(os.environ, NEWS_ETL_PROGRESS="0")
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        raise SystemExit(f"pipeline child failed:\n{proc.stderr[-5000:]}")
    line = next(x for x in proc.stdout.splitlines() if x.startswith("RESULT "))
    return json.loads(line[len("RESULT "):])


# --------------------------------------------------------------------------- references
def ref_clean(fetch_path: str) -> dict:
    import trafilatura

    from etl.core.records import FetchedPage
    from etl.core.staging import read_records

    pages = [p.content for p in read_records(fetch_path, FetchedPage)]
    t0 = time.perf_counter()
    ok = sum(1 for html in pages if trafilatura.extract(html, include_comments=False))
    return {"seconds": time.perf_counter() - t0, "inputs": len(pages), "count": ok}


def ref_annotate(clean_path: str, settings) -> dict:
    from etl.annotate.model import load_model
    from etl.core.records import CleanedArticle
    from etl.core.staging import read_records

    nlp = load_model(settings.spacy_model)
    texts = [f"{a.title}\n\n{a.body}" for a in read_records(clean_path, CleanedArticle)]
    t0 = time.perf_counter()
    count = sum(1 for _ in nlp.pipe(texts, batch_size=max(1, settings.annotate_batch_size)))
    return {"seconds": time.perf_counter() - t0, "inputs": len(texts), "count": count}


def compare_load(annotate_path: str, settings, trials: int) -> dict:
    """Our load stage vs bare streaming_bulk of the same documents, alternated, fresh index each."""
    from elasticsearch import helpers

    from etl.core.records import AnnotatedArticle
    from etl.core.staging import read_records
    from etl.index.builder import to_document
    from etl.index.client import client
    from etl.index.versions import ensure_index
    from etl.pipeline import load_stage

    docs = [(a.article.doc_id, to_document(a)) for a in read_records(annotate_path, AnnotatedArticle)]
    es = client(settings)
    ours, bare = [], []
    prefix = f"benchload{uuid.uuid4().hex[:6]}"
    try:
        for trial in range(trials):
            for kind in ("bare", "ours") if trial % 2 == 0 else ("ours", "bare"):
                s = settings.replace(index_alias=f"{prefix}-{kind}{trial}")
                if kind == "ours":
                    t0 = time.perf_counter()
                    summary = load_stage(s, annotate_path)
                    ours.append({"seconds": time.perf_counter() - t0, "count": summary.count})
                else:
                    ensure_index(es, s)  # same mapping and index setup; not timed (ours creates it too)
                    t0 = time.perf_counter()
                    n = 0
                    for ok, _ in helpers.streaming_bulk(
                            es, ({"_index": s.index_alias, "_id": i, "_source": d} for i, d in docs),
                            chunk_size=s.bulk_chunk_size, max_chunk_bytes=s.bulk_max_bytes, raise_on_error=False):
                        n += ok
                    es.indices.refresh(index=s.index_alias)
                    bare.append({"seconds": time.perf_counter() - t0, "count": n})
                es.options(ignore_status=404).indices.delete(index=f"{s.index_alias}-v*")
                es.options(ignore_status=404).indices.delete_index_template(name=s.index_alias)
    finally:
        es.close()
    best = lambda runs: min(runs, key=lambda r: r["seconds"])  # noqa: E731
    return {"ours": best(ours), "bare": best(bare), "trials": {"ours": ours, "bare": bare},
            "inputs": len(docs)}


# --------------------------------------------------------------------------- report
def rate(stage: dict) -> float:
    return stage["inputs"] / stage["seconds"] if stage["seconds"] > 0 else float("inf")


def plot(rows: list[tuple[str, float, str, float | None]], path: Path, title: str) -> None:
    import matplotlib
    import matplotlib.ticker

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(9, 4.5))
    ys = range(len(rows))
    ax.barh([y + 0.2 for y in ys], [r[1] for r in rows], height=0.4, label="news-etl stage", color="#3572b0")
    ax.barh([y - 0.2 for y in ys], [r[3] or 0 for r in rows], height=0.4, label="bare reference", color="#bbbbbb")
    for y, (_, ours, ref_name, ref) in zip(ys, rows, strict=True):
        ax.text(ours, y + 0.2, f" {ours:.0f}", va="center", fontsize=8)
        if ref:
            ax.text(ref, y - 0.2, f" {ref:.0f} ({ref_name})", va="center", fontsize=8)
    ax.set_yticks(list(ys), [r[0] for r in rows])
    ax.set_xscale("log")
    ax.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: f"{v:g}"))
    ax.xaxis.set_minor_formatter(matplotlib.ticker.NullFormatter())
    ax.set_xlabel("documents / second (log scale)")
    ax.set_title(title, fontsize=10)
    ax.legend(loc="lower right", fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=120)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--docs", type=int, default=2000, help="pages in the main run (>= 2000 for the issue)")
    p.add_argument("--memory", default="1000,4000", help="corpus sizes for the memory check ('' to skip)")
    p.add_argument("--es-url", default=os.environ.get("NEWS_ETL_ES_URL", "http://127.0.0.1:9200"))
    p.add_argument("--load-trials", type=int, default=3)
    p.add_argument("--out", default=str(HERE / "out"))
    p.add_argument("--keep", action="store_true", help="keep the temporary corpus and staging folders")
    p.add_argument("--load-only", default="", metavar="ANNOTATE_JSONL_GZ",
                   help="only compare the load stage with bare streaming_bulk on a kept annotate batch")
    p.add_argument("--memory-only", action="store_true", help="only the --memory runs (no main run, no references)")
    p.add_argument("--child", type=int, default=0, help=argparse.SUPPRESS)
    p.add_argument("--work", default="", help=argparse.SUPPRESS)
    p.add_argument("--alias", default="", help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.child:
        return child_main(args)

    from etl.dev import esserver

    if not esserver.health(args.es_url):
        raise SystemExit(f"no Elasticsearch at {args.es_url} (news-etl es start, or --es-url)")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    if args.load_only:
        return load_only(args, out)
    if args.memory_only:
        return memory_only(args, out)
    tmp = Path(tempfile.mkdtemp(prefix="news-etl-bench-"))
    prefix = f"bench{uuid.uuid4().hex[:6]}"
    started = time.time()
    try:
        print(f"[bench] pipeline on {args.docs} pages ...", file=sys.stderr, flush=True)
        main_run = spawn_child(args.docs, args.es_url, tmp / "main", f"{prefix}-main")
        st = main_run["stages"]
        settings = _settings(args.es_url, f"{prefix}-ref", Path(main_run["staging"]))
        print("[bench] references: trafilatura, spaCy nlp.pipe, streaming_bulk ...", file=sys.stderr, flush=True)
        refs = {"clean": ref_clean(st["fetch"]["path"]), "annotate": ref_annotate(st["clean"]["path"], settings)}
        load_cmp = compare_load(st["annotate"]["path"], settings, args.load_trials)
        memory = run_memory(args, tmp, prefix)
    finally:
        _cleanup(args.es_url, prefix)
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)

    total = sum(s["seconds"] for s in st.values())
    e2e = args.docs / total
    ref_rates = {"clean": rate(refs["clean"]), "annotate": rate(refs["annotate"]),
                 "load": load_cmp["inputs"] / load_cmp["bare"]["seconds"]}
    ours_load = load_cmp["inputs"] / load_cmp["ours"]["seconds"]
    slowest_name = min(ref_rates, key=ref_rates.get)
    slowest = ref_rates[slowest_name]
    composed = 1 / sum(1 / v for v in ref_rates.values())  # a zero-overhead sequential pipeline of the refs
    load_ratio = ours_load / ref_rates["load"]
    ref_names = {"clean": "trafilatura.extract", "annotate": "spaCy nlp.pipe", "load": "helpers.streaming_bulk"}

    print(f"\nnews-etl pipeline benchmark: {args.docs} pages, {os.cpu_count()} cores, ES {args.es_url}")
    print(f"{'stage':<10}{'in':>7}{'out':>7}{'rej':>6}{'sec':>9}{'docs/s':>10}   {'reference':<24}{'docs/s':>9}{'ratio':>8}")
    rows = []
    for name in ("discover", "fetch", "clean", "annotate", "load"):
        s = st[name]
        ours = rate(s) if name != "load" else ours_load
        ref = ref_rates.get(name)
        sec = s["seconds"] if name != "load" else load_cmp["ours"]["seconds"]
        print(f"{name:<10}{s['inputs']:>7}{s['count']:>7}{s['rejected']:>6}{sec:>9.2f}{ours:>10.1f}   "
              f"{ref_names.get(name, '-'):<24}{(f'{ref:.1f}' if ref else '-'):>9}"
              f"{(f'{ours / ref:.2f}' if ref else '-'):>8}")
        if name != "discover":
            rows.append((name, ours, ref_names.get(name, ""), ref))
    print(f"{'e2e':<10}{args.docs:>7}{st['load']['count']:>7}{'':>6}{total:>9.2f}{e2e:>10.1f}   "
          f"{'slowest: ' + slowest_name:<24}{slowest:>9.1f}{e2e / slowest:>8.2f}")
    print(f"(load row: best of {args.load_trials} alternated trials; the e2e load stage took "
          f"{st['load']['seconds']:.2f}s. Zero-overhead sequential composition of the references: "
          f"{composed:.1f} docs/s -> e2e/composed = {e2e / composed:.2f})")
    for name in ("fetch", "clean", "annotate"):
        if st[name]["reasons"]:
            print(f"  {name} rejections: {st[name]['reasons']}")
    if memory:
        print_memory(memory)
    rows.append(("end to end", e2e, f"slowest ref: {ref_names[slowest_name]}", slowest))
    plot(rows, out / "throughput.png",
         f"news-etl, {args.docs} pages, {os.cpu_count()} cores: stages vs bare references (same run)")
    result = {"docs": args.docs, "stages": st, "refs": refs, "load": load_cmp, "memory": memory,
              "e2e_docs_s": e2e, "slowest_ref": [slowest_name, slowest], "composed_ref_docs_s": composed,
              "load_ratio": load_ratio, "peak_rss_mb": main_run["peak_rss_mb"],
              "wall_seconds": time.time() - started}
    (out / "results.json").write_text(json.dumps(result, indent=2, default=str))
    print(f"plot: {out / 'throughput.png'}  results: {out / 'results.json'}  "
          f"(benchmark wall time {time.time() - started:.0f}s)")
    print(f"pipeline: e2e={e2e:.1f} docs/s slowest_ref={slowest:.1f} docs/s ratio={e2e / slowest:.2f} "
          f"load_ratio={load_ratio:.2f} peak_rss={main_run['peak_rss_mb']:.0f}MB docs={args.docs}")


def run_memory(args, tmp: Path, prefix: str) -> dict:
    memory = {}
    for size in [int(x) for x in args.memory.split(",") if x.strip()]:
        print(f"[bench] memory: pipeline on {size} pages ...", file=sys.stderr, flush=True)
        r = spawn_child(size, args.es_url, tmp / f"mem{size}", f"{prefix}-mem{size}")
        memory[size] = {"peak_rss_mb": r["peak_rss_mb"], "rss_after_model_mb": r["rss_after_model_mb"],
                        "e2e_docs_s": size / sum(s["seconds"] for s in r["stages"].values()),
                        "stage_seconds": {k: round(v["seconds"], 2) for k, v in r["stages"].items()}}
    return memory


def print_memory(memory: dict) -> None:
    print("memory (pipeline child process, peak RSS = VmHWM, incl. spaCy model):")
    for size, m in memory.items():
        print(f"  {size:>6} pages: peak_rss={m['peak_rss_mb']:.0f}MB (after model load "
              f"{m['rss_after_model_mb']:.0f}MB), e2e={m['e2e_docs_s']:.1f} docs/s")


def memory_only(args, out: Path) -> None:
    prefix = f"bench{uuid.uuid4().hex[:6]}"
    tmp = Path(tempfile.mkdtemp(prefix="news-etl-bench-"))
    try:
        memory = run_memory(args, tmp, prefix)
    finally:
        _cleanup(args.es_url, prefix)
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    print_memory(memory)
    (out / "memory.json").write_text(json.dumps(memory, indent=2))
    sizes = sorted(memory)
    print("memory: " + " ".join(f"{k}={memory[k]['peak_rss_mb']:.0f}MB" for k in sizes)
          + f" growth={memory[sizes[-1]]['peak_rss_mb'] / memory[sizes[0]]['peak_rss_mb']:.2f}x")


def load_only(args, out: Path) -> None:
    prefix = f"bench{uuid.uuid4().hex[:6]}"
    try:
        settings = _settings(args.es_url, f"{prefix}-ref", Path(tempfile.mkdtemp(prefix="news-etl-bench-")))
        cmp = compare_load(args.load_only, settings, args.load_trials)
    finally:
        _cleanup(args.es_url, prefix)
    n = cmp["inputs"]
    for kind in ("ours", "bare"):
        runs = ", ".join(f"{n / r['seconds']:.1f}" for r in cmp["trials"][kind])
        print(f"{kind:<5} best {n / cmp[kind]['seconds']:.1f} docs/s  (trials: {runs})")
    ratio = cmp["bare"]["seconds"] / cmp["ours"]["seconds"]
    (out / "load_only.json").write_text(json.dumps(cmp, indent=2))
    print(f"load: ours={n / cmp['ours']['seconds']:.1f} docs/s bare={n / cmp['bare']['seconds']:.1f} docs/s "
          f"load_ratio={ratio:.2f} docs={n} trials={args.load_trials}")


def _cleanup(es_url: str, prefix: str) -> None:
    from etl.core.settings import Settings
    from etl.index.client import client

    es = client(Settings.from_env(es_url=es_url))
    try:
        es.options(ignore_status=404).indices.delete(index=f"{prefix}*", expand_wildcards="all")
        es.options(ignore_status=404).indices.delete_index_template(name=f"{prefix}*")
    finally:
        es.close()


if __name__ == "__main__":
    main()
