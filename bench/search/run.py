"""Search latency benchmark: the HTTP API (uvicorn) vs the same query sent straight to Elasticsearch.

1. Index ``--count`` synthetic articles (``generate.py``) into a separate alias
   (``bench-articles`` by default; skipped when it already holds them; ``--reindex`` forces).
2. Serve the real API with uvicorn in a subprocess bound to that alias.
3. For a set of typical queries (6 facets, some filters, date ranges, both sorts), time
   ``GET /search`` on the API and ``POST /<alias>/_search`` on Elasticsearch with the
   exact body the API builds (:func:`etl.search.build_body`), interleaved, same HTTP client
   (httpx, keep-alive), after a warm-up. Both sides read and JSON-decode the full response.

Ends with one line:
``search: api_p50=..ms api_p95=..ms direct_p50=..ms overhead=..x docs=N``

    NEWS_ETL_ES_URL=http://127.0.0.1:9299 .venv/bin/python bench/search/run.py
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx
from elasticsearch import helpers

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from generate import Generator  # noqa: E402

from etl.core.settings import Settings  # noqa: E402
from etl.index.builder import to_document  # noqa: E402
from etl.index.client import client  # noqa: E402
from etl.index.versions import delete_all, ensure_index  # noqa: E402
from etl.search import SearchRequest, build_body  # noqa: E402

FACETS = ["persons", "organizations", "locations", "events", "site", "section"]
QUERIES = [
    {"q": "putin"},
    {"q": "sanctions russia"},
    {"q": "trade tariffs", "sort": "date"},
    {"q": '"oil prices"'},
    {"q": "election", "filters": {"persons": ["Angela Merkel"]}},
    {"q": "climate emissions", "date_from": "2016-01-01", "date_to": "2017-12-31"},
    {"q": "vaccine outbreak", "filters": {"locations": ["Russia", "Germany"]}},
    {"q": "merkel macron"},
    {"q": "zurich"},
    {"q": ""},
    {"q": "", "filters": {"site": ["Daily Planet"]}, "sort": "date"},
    {"q": "ceasefire", "filters": {"persons": ["Vladimir Putin"], "section": ["world"]}},
    {"q": "security", "page": 3},
    {"q": "market*"},
    {"q": "football | tournament", "date_from": "2018-01-01"},
]


def percentile(values: list[float], p: float) -> float:
    s = sorted(values)
    k = (len(s) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def ensure_corpus(es, settings: Settings, count: int, seed: int, force: bool) -> int:
    if not force and es.indices.exists_alias(name=settings.index_alias):
        es.indices.refresh(index=settings.index_alias)
        n = es.count(index=settings.index_alias)["count"]
        if n >= count:
            print(f"reusing {settings.index_alias}: {n} documents")
            return n
    delete_all(es, settings)
    index = ensure_index(es, settings)
    es.indices.put_settings(index=index, settings={"index": {"refresh_interval": "-1"}})
    t0 = time.monotonic()
    gen = Generator(seed)
    actions = ({"_index": index, "_id": a.article.doc_id, "_source": to_document(a)} for a in gen.articles(count))
    ok = 0
    for success, info in helpers.streaming_bulk(es, actions, chunk_size=500, max_retries=3, raise_on_error=False):
        if success:
            ok += 1
        else:
            print("bulk error:", json.dumps(info)[:300], file=sys.stderr)
    es.indices.put_settings(index=index, settings={"index": {"refresh_interval": None}})
    es.indices.refresh(index=index)
    print(f"indexed {ok}/{count} documents into {index} in {time.monotonic() - t0:.1f}s")
    return es.count(index=settings.index_alias)["count"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_api(settings: Settings, port: int) -> subprocess.Popen:
    env = dict(os.environ, NEWS_ETL_ES_URL=settings.es_url, NEWS_ETL_INDEX_ALIAS=settings.index_alias,
               NEWS_ETL_API_RATE_LIMIT="0",  # one client sending as fast as it can is what is measured
               PYTHONPATH=str(ROOT))
    cmd = [sys.executable, "-m", "uvicorn", "--factory", "etl.api:app_factory", "--host", "127.0.0.1",
           "--port", str(port), "--log-level", "warning", "--no-access-log"]
    proc = subprocess.Popen(cmd, env=env, cwd=str(ROOT))
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        if proc.poll() is not None:
            raise SystemExit(f"API exited with {proc.returncode}")
        time.sleep(0.2)
    proc.terminate()
    raise SystemExit("API did not become healthy")


def api_params(spec: dict) -> list[tuple[str, str]]:
    params = [("q", spec.get("q", ""))] + [("facet", f) for f in FACETS]
    for name, values in spec.get("filters", {}).items():
        params += [("filter", f"{name}:{v}") for v in values]
    for key, name in (("date_from", "from"), ("date_to", "to"), ("sort", "sort"), ("page", "page")):
        if key in spec:
            params.append((name, str(spec[key])))
    return params


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--count", type=int, default=10_000)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--alias", default=os.environ.get("NEWS_ETL_BENCH_ALIAS", "bench-articles"))
    p.add_argument("--rounds", type=int, default=20)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--reindex", action="store_true")
    p.add_argument("--out", default=str(HERE / "results.json"))
    args = p.parse_args(argv)
    settings = Settings.from_env(index_alias=args.alias)
    es = client(settings)
    docs = ensure_corpus(es, settings, args.count, args.seed, args.reindex)
    port = _free_port()
    proc = start_api(settings, port)
    api = f"http://127.0.0.1:{port}/search"
    direct = f"{settings.es_url.rstrip('/')}/{settings.index_alias}/_search"
    bodies = [json.dumps(build_body(SearchRequest.create(facets=FACETS, **spec))).encode() for spec in QUERIES]
    params = [api_params(spec) for spec in QUERIES]
    times: dict[str, list[list[float]]] = {"api": [[] for _ in QUERIES], "direct": [[] for _ in QUERIES]}
    totals = []
    try:
        with httpx.Client(timeout=30) as http:
            headers = {"content-type": "application/json"}

            def call_api(i):
                t = time.perf_counter()
                r = http.get(api, params=params[i])
                data = r.json()
                dt = (time.perf_counter() - t) * 1000
                r.raise_for_status()
                return dt, data

            def call_direct(i):
                t = time.perf_counter()
                r = http.post(direct, content=bodies[i], headers=headers)
                data = r.json()
                dt = (time.perf_counter() - t) * 1000
                r.raise_for_status()
                return dt, data

            for _ in range(args.warmup):
                for i in range(len(QUERIES)):
                    call_api(i)
                    call_direct(i)
            for rnd in range(args.rounds):
                for i in range(len(QUERIES)):
                    order = (call_api, call_direct) if (rnd + i) % 2 == 0 else (call_direct, call_api)
                    for fn in order:
                        dt, data = fn(i)
                        times["api" if fn is call_api else "direct"][i].append(dt)
                        if rnd == 0 and fn is call_api:
                            totals.append(data["total"])
    finally:
        proc.terminate()
        proc.wait(10)

    all_api = [t for q in times["api"] for t in q]
    all_direct = [t for q in times["direct"] for t in q]
    per_query = []
    print(f"{'query':55} {'hits':>6} {'api p50':>8} {'direct p50':>10} {'ratio':>6}")
    for i, spec in enumerate(QUERIES):
        a50, d50 = statistics.median(times["api"][i]), statistics.median(times["direct"][i])
        label = json.dumps(spec, ensure_ascii=False)[:55]
        print(f"{label:55} {totals[i]:>6} {a50:>7.1f}ms {d50:>8.1f}ms {a50 / d50:>5.2f}x")
        per_query.append({"query": spec, "total": totals[i], "api_p50_ms": round(a50, 2),
                          "direct_p50_ms": round(d50, 2)})
    summary = {
        "docs": docs, "samples": len(all_api), "facets": FACETS,
        "api_p50_ms": round(statistics.median(all_api), 2), "api_p95_ms": round(percentile(all_api, 95), 2),
        "direct_p50_ms": round(statistics.median(all_direct), 2),
        "direct_p95_ms": round(percentile(all_direct, 95), 2),
    }
    summary["overhead"] = round(summary["api_p50_ms"] / summary["direct_p50_ms"], 3)
    Path(args.out).write_text(json.dumps({"summary": summary, "queries": per_query}, indent=2) + "\n")
    print(f"search: api_p50={summary['api_p50_ms']:.1f}ms api_p95={summary['api_p95_ms']:.1f}ms "
          f"direct_p50={summary['direct_p50_ms']:.1f}ms overhead={summary['overhead']:.2f}x docs={docs}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
