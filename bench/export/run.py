"""Export benchmark: ``news-etl export`` and ``GET /export`` vs a plain point-in-time loop, 10k vs 100k hits.

1. Index ``--count`` synthetic articles (``bench/search/generate.py``, the search benchmark's
   generator and indexer) into their own alias (``bench-export-articles``; reused when it
   already holds them).
2. Two searches: every article (100k) and a date range holding about a tenth of them (10k).
3. For each, in a fresh child process each (wall time measured outside; peak RSS = the child's
   ``VmHWM`` at exit): ``news-etl export --format jsonl`` (ours), the same as CSV, and the reference:
   a bare ``open_point_in_time`` + ``search_after`` loop with the same query, sort, fields and
   page size writing the same JSON lines with ``json.dumps`` (no validation, no columns).
   Ours and the reference alternate ``--trials`` times (best time, highest peak); our output and
   the reference's list the same ids in the same order (checked).
4. Ours once more on a pseudo-terminal, so the progress bar (``etl.core.obs.progress``) is
   drawn: its cost, and that it reached the total.
5. The API: ``GET /export`` served by uvicorn in a subprocess, downloaded with httpx
   (streamed, discarded); the server's RSS sampled every 20 ms during each download.

Memory stays flat when the peak RSS for 100k is about the one for 10k. Ends with one line:
``export: ours=..docs/s ref=..docs/s ratio=..x rss_10k=..MB rss_100k=..MB ref_rss_10k=..MB ref_rss_100k=..MB``

    NEWS_ETL_ES_URL=http://127.0.0.1:9277 .venv/bin/python bench/export/run.py [--count 100000]
"""

from __future__ import annotations

import argparse
import fcntl
import importlib.util
import json
import os
import pty
import re
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from pathlib import Path

import httpx
import psutil

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench" / "search"))

from etl.core.settings import Settings  # noqa: E402
from etl.index.client import client  # noqa: E402
from etl.search.export import columns, export_request, match_query  # noqa: E402
from etl.search.query import build_body  # noqa: E402

_spec = importlib.util.spec_from_file_location("search_bench", ROOT / "bench" / "search" / "run.py")
search_bench = importlib.util.module_from_spec(_spec)  # type: ignore[arg-type]
_spec.loader.exec_module(search_bench)  # type: ignore[union-attr]

SUBSET = ("2015-01-01", "2015-06-30")  # about a tenth of the 2015-2019 articles
BATCH = 1000
PEAK = r'''
import atexit as _atexit, os as _os
def _write_peak():  # VmHWM: this process image's peak (ru_maxrss would keep the big parent's from before exec)
    with open("/proc/self/status") as fh:
        kb = next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:"))
    with open(_os.environ["BENCH_PEAK_FILE"], "w") as out:
        out.write(str(kb))
_atexit.register(_write_peak)
'''
OURS = PEAK + "import sys\nfrom etl.cli import main\nsys.exit(main(sys.argv[1:]))\n"  # what `news-etl` runs
REFERENCE = PEAK + r'''
import json, sys
from elasticsearch import Elasticsearch
url, index, body_json, out = sys.argv[1:5]
body = json.loads(body_json)
es = Elasticsearch(url, request_timeout=120)
pit = es.open_point_in_time(index=index, keep_alive="2m").body["id"]
after, n = None, 0
with open(out, "w", encoding="utf-8") as fh:
    while True:
        extra = {"search_after": after} if after else {}
        resp = es.search(pit={"id": pit, "keep_alive": "2m"}, size=body["size"], query=body["query"],
                         sort=body["sort"], _source=body["_source"], track_total_hits=False, **extra).body
        hits = resp["hits"]["hits"]
        pit = resp.get("pit_id", pit)
        for h in hits:
            fh.write(json.dumps({"id": h["_id"], **h["_source"]}, ensure_ascii=False) + "\n")
        n += len(hits)
        if len(hits) < body["size"]:
            break
        after = hits[-1]["sort"]
es.close_point_in_time(id=pit)
print(n)
'''


def child(code: str, args: list[str], env: dict, work: Path) -> tuple[float, float]:
    """Run ``python -c code *args``; return (wall seconds, the child's peak RSS in MB)."""
    peak = work / "peak.kb"
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", code, *args], env=dict(env, BENCH_PEAK_FILE=str(peak)),
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=str(ROOT))
    seconds = time.perf_counter() - t0
    if proc.returncode:
        raise SystemExit(f"{args[:3]} exited with {proc.returncode}: {proc.stderr.decode()[-2000:]}")
    return seconds, int(peak.read_text()) / 1024


def ours_cmd(fmt: str, out: Path, span: tuple[str, str] | None, quiet: bool = True) -> list[str]:
    """The arguments of ``news-etl`` for our export."""
    cmd = ["export", "", "--sort", "date", "--format", fmt, "-o", str(out)]
    if span:
        cmd += ["--from", span[0], "--to", span[1]]
    return cmd + (["--quiet"] if quiet else [])


def reference_body(span: tuple[str, str] | None) -> dict:
    req = export_request("", date_from=span[0] if span else None, date_to=span[1] if span else None, sort="date")
    return {"query": match_query(req), "sort": build_body(req)["sort"], "size": BATCH,
            "_source": {"includes": [c for c in columns() if c != "id"]}}


def ids(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line)["id"] for line in fh]


def on_tty(cmd: list[str], env: dict) -> tuple[float, str]:
    """Run ``cmd`` with stderr on a pseudo-terminal; return (wall seconds, what the terminal showed)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))  # a 120-column terminal
    shown: list[bytes] = []
    reader = threading.Thread(target=_drain, args=(master, shown), daemon=True)
    reader.start()
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, env={k: v for k, v in env.items() if k != "NEWS_ETL_PROGRESS"},
                          stdout=subprocess.DEVNULL, stderr=slave, cwd=str(ROOT))
    seconds = time.perf_counter() - t0
    os.close(slave)
    reader.join(5)
    os.close(master)
    if proc.returncode:
        raise SystemExit(f"export on a tty exited with {proc.returncode}")
    return seconds, b"".join(shown).decode("utf-8", "replace")


def _drain(fd: int, into: list[bytes]) -> None:
    while True:
        try:
            data = os.read(fd, 65536)
        except OSError:
            return
        if not data:
            return
        into.append(data)


def api_download(port: int, server: psutil.Process, span: tuple[str, str] | None) -> dict:
    """Stream ``GET /export`` (jsonl) to nowhere; sample the server's RSS meanwhile."""
    params = {"format": "jsonl", "sort": "date", **({"from": span[0], "to": span[1]} if span else {})}
    base, peak, done = server.memory_info().rss, [0], threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], server.memory_info().rss)
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    t0, rows = time.perf_counter(), 0
    with httpx.stream("GET", f"http://127.0.0.1:{port}/export", params=params, timeout=600) as resp:
        resp.raise_for_status()
        for line in resp.iter_lines():
            rows += bool(line)
    seconds = time.perf_counter() - t0
    done.set()
    sampler.join()
    return {"docs": rows, "seconds": round(seconds, 2), "docs_per_s": round(rows / seconds),
            "rss_before_mb": round(base / 2**20, 1), "rss_peak_mb": round(peak[0] / 2**20, 1)}


def measure(settings: Settings, env: dict, work: Path, trials: int) -> dict:
    """Ours (JSON lines) and the reference alternated ``trials`` times each (best time, highest peak),
    then ours as CSV once, for the 10k and the 100k search."""
    results: dict = {}
    for label, span in (("10k", SUBSET), ("100k", None)):
        ours_out, ref_out, csv_out = work / f"ours-{label}.jsonl", work / f"ref-{label}.jsonl", work / f"ours-{label}.csv"
        ref = (REFERENCE, [settings.es_url, settings.index_alias, json.dumps(reference_body(span)), str(ref_out)])
        ours = (OURS, ours_cmd("jsonl", ours_out, span))
        runs: dict[str, list[tuple[float, float]]] = {"ours": [], "ref": []}
        for trial in range(2 * trials):
            name, (code, args) = ("ref", ref) if trial % 2 == 0 else ("ours", ours)
            runs[name].append(child(code, args, env, work))
        csv_seconds, csv_rss = child(OURS, ours_cmd("csv", csv_out, span), env, work)
        n = len(ids(ours_out))
        assert ids(ours_out) == ids(ref_out), "ours and the reference differ"
        best = {k: min(t for t, _ in runs[k]) for k in runs}
        peak = {k: max(m for _, m in runs[k]) for k in runs}
        results[label] = {
            "docs": n, "trials": trials, "ours_seconds": round(best["ours"], 2), "ref_seconds": round(best["ref"], 2),
            "ours_docs_per_s": round(n / best["ours"]), "ref_docs_per_s": round(n / best["ref"]),
            "csv_docs_per_s": round(n / csv_seconds), "ours_rss_mb": round(peak["ours"], 1),
            "csv_rss_mb": round(csv_rss, 1), "ref_rss_mb": round(peak["ref"], 1),
            "ours_trial_seconds": [round(t, 2) for t, _ in runs["ours"]],
            "ref_trial_seconds": [round(t, 2) for t, _ in runs["ref"]],
            "ours_bytes": ours_out.stat().st_size, "ref_bytes": ref_out.stat().st_size,
        }
    return results


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--count", type=int, default=100_000)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--alias", default=os.environ.get("NEWS_ETL_BENCH_ALIAS", "bench-export-articles"))
    p.add_argument("--reindex", action="store_true")
    p.add_argument("--trials", type=int, default=3, help="runs of ours and of the reference, alternated")
    p.add_argument("--out", default=str(HERE / "results.json"))
    args = p.parse_args(argv)
    settings = Settings.from_env(index_alias=args.alias)
    with client(settings, request_timeout=120) as es:
        docs = search_bench.ensure_corpus(es, settings, args.count, args.seed, args.reindex)
    env = dict(os.environ, NEWS_ETL_ES_URL=settings.es_url, NEWS_ETL_INDEX_ALIAS=settings.index_alias,
               NEWS_ETL_PROGRESS="0", PYTHONPATH=str(ROOT))
    with tempfile.TemporaryDirectory(prefix="bench-export-") as tmp:
        work = Path(tmp)
        results = measure(settings, env, work, args.trials)
        tty_seconds, shown = on_tty([str(Path(sys.executable).parent / "news-etl"),
                                     *ours_cmd("jsonl", work / "tty.jsonl", None, quiet=False)], env)
        results["tty_100k"] = {"seconds": round(tty_seconds, 2), "docs_per_s": round(results["100k"]["docs"] / tty_seconds),
                               "bar_reached_total": f"{results['100k']['docs']}/{results['100k']['docs']}" in shown,
                               "last_bar": next((s for s in reversed(re.split(r"[\r\n]", shown)) if "100%" in s), "")}
    port = search_bench._free_port()
    api = search_bench.start_api(settings, port)
    try:
        server = psutil.Process(api.pid)
        results["api_10k"] = api_download(port, server, SUBSET)
        results["api_100k"] = api_download(port, server, None)
    finally:
        api.terminate()
        api.wait(10)
    results["docs"] = docs
    Path(args.out).write_text(json.dumps(results, indent=2) + "\n")
    report(results)
    return 0


def report(r: dict) -> None:
    for label in ("10k", "100k"):
        x = r[label]
        print(f"{label} trial seconds (alternated): ours {x['ours_trial_seconds']}  ref {x['ref_trial_seconds']}")
    print(f"{'hits':>7} {'ours docs/s':>12} {'ref docs/s':>11} {'ratio':>6} {'csv docs/s':>11} "
          f"{'ours RSS':>9} {'csv RSS':>8} {'ref RSS':>8}")
    for label in ("10k", "100k"):
        x = r[label]
        print(f"{x['docs']:>7} {x['ours_docs_per_s']:>12} {x['ref_docs_per_s']:>11} "
              f"{x['ours_docs_per_s'] / x['ref_docs_per_s']:>5.2f}x {x['csv_docs_per_s']:>11} "
              f"{x['ours_rss_mb']:>7.1f}MB {x['csv_rss_mb']:>6.1f}MB {x['ref_rss_mb']:>6.1f}MB")
    t = r["tty_100k"]
    print(f"on a terminal (progress bar drawn): {t['docs_per_s']} docs/s, bar reached the total: "
          f"{t['bar_reached_total']}  [{t['last_bar']}]")
    for label in ("api_10k", "api_100k"):
        a = r[label]
        print(f"GET /export {a['docs']:>7} hits: {a['docs_per_s']} docs/s, server RSS {a['rss_before_mb']}MB "
              f"-> peak {a['rss_peak_mb']}MB")
    big, small = r["100k"], r["10k"]
    print(f"export: ours={big['ours_docs_per_s']}docs/s ref={big['ref_docs_per_s']}docs/s "
          f"ratio={big['ours_docs_per_s'] / big['ref_docs_per_s']:.2f}x rss_10k={small['ours_rss_mb']:.0f}MB "
          f"rss_100k={big['ours_rss_mb']:.0f}MB ref_rss_10k={small['ref_rss_mb']:.0f}MB "
          f"ref_rss_100k={big['ref_rss_mb']:.0f}MB docs={r['docs']}")


if __name__ == "__main__":
    raise SystemExit(main())
