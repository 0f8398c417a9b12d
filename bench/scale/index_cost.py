"""What each copy of the article text costs Elasticsearch to index, per mapping variant.

    .venv/bin/python bench/scale/index_cost.py [--es-url http://127.0.0.1:9260] [--copies 4] [--rounds 3] [--stream 7] [--variant NAME ...]

The English and German gold pages of ``tests/fixtures/entities`` go through ``clean_html``,
``annotate_articles`` and ``to_document`` once; then, per round and per variant (VARIANTS: a change
of ``mappings/articles.json``'s text fields, or of the documents), a fresh index is created, the
documents (``--copies`` times each) are bulk-loaded with a refresh, and the Elasticsearch process's
CPU seconds over the load are read (psutil: the node must run on this machine). ``--stream S`` sends
them as a load does, in requests of 100 documents spread over about S seconds (then the index's own
refreshes and merges count: variant ``refresh every 1 s``, Elasticsearch's default, against the file's);
without it, in requests of 500 at once. Prints, per variant,
the milliseconds of Elasticsearch CPU a document, every round and the best; the first variant
(``full``, the shipped mapping) is the reference of the same run. The node's first round carries the
JVM's warm-up: compare the best figures.
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
import time
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from elasticsearch import Elasticsearch, helpers  # noqa: E402 - after the path above

from etl.annotate import annotate_articles  # noqa: E402
from etl.annotate.evaluate import load_gold  # noqa: E402
from etl.clean import clean_html  # noqa: E402
from etl.core.records import AnnotatedArticle, CleanedArticle  # noqa: E402
from etl.core.settings import Settings  # noqa: E402
from etl.index.builder import to_document  # noqa: E402

TEXT = ("title", "lead", "body")
IDLE_CORES = 0.004  # an idle node's CPU (measured, session 11)


def _folded_without_exact(mapping: dict, docs: list[dict]) -> None:
    for field in TEXT:
        mapping["mappings"]["properties"]["folded"]["properties"][field].pop("fields")


def _folded_lowercase_only(mapping: dict, docs: list[dict]) -> None:
    for field in TEXT:
        mapping["mappings"]["properties"]["folded"]["properties"][field] = {"type": "text", "analyzer": "en_exact"}


def _exact_without_offsets(mapping: dict, docs: list[dict]) -> None:
    for field in TEXT:
        mapping["mappings"]["properties"][field]["fields"]["exact"].pop("index_options")


def _no_hunspell(mapping: dict, docs: list[dict]) -> None:
    mapping["settings"]["index"]["analysis"]["analyzer"]["en_text"]["filter"] = ["lowercase"]


def _refresh_every_second(mapping: dict, docs: list[dict]) -> None:
    mapping["settings"]["index"]["refresh_interval"] = "1s"


def _no_folded_copies(mapping: dict, docs: list[dict]) -> None:
    for doc in docs:
        for field in TEXT:
            doc["folded"].pop(field, None)


VARIANTS: dict[str, Callable[[dict, list[dict]], None]] = {  # name -> edit of (mapping, documents), in place
    "full": lambda mapping, docs: None,
    "refresh every 1 s": _refresh_every_second,
    "folded without .exact": _folded_without_exact,
    "folded lowercase only": _folded_lowercase_only,
    ".exact without offsets": _exact_without_offsets,
    "no hunspell anywhere": _no_hunspell,
    "no folded title/lead/body": _no_folded_copies,
}


def documents() -> list[dict]:
    """The gold pages (English and German) as the documents the load stage sends."""
    settings = Settings()
    gold = ROOT / "tests" / "fixtures" / "entities"
    pages = load_gold(gold / "en") + load_gold(gold / "de")
    cleaned = [a for p in pages for a in [clean_html(p.html(), p.url, settings)] if isinstance(a, CleanedArticle)]
    return [to_document(x) for x in annotate_articles(cleaned, settings) if isinstance(x, AnnotatedArticle)]


def node_process(es_url: str) -> psutil.Process:
    """The local Elasticsearch JVM serving ``es_url`` (by its HTTP port). Raises SystemExit if none."""
    port = int(es_url.rsplit(":", 1)[1].split("/")[0])
    for proc in psutil.process_iter(["cmdline"]):
        if "org.elasticsearch" in " ".join(proc.info["cmdline"] or []):
            if any(c.laddr.port == port and c.status == psutil.CONN_LISTEN for c in proc.net_connections()):
                return proc
    raise SystemExit(f"no local Elasticsearch process listens on port {port}")


def paced(actions: list[dict], seconds: float, chunk: int = 100) -> Iterator[dict]:
    """``actions``, a pause before every ``chunk`` of them so that all take about ``seconds``."""
    pause = seconds / max(1, len(actions) // chunk)
    for i, action in enumerate(actions):
        if i % chunk == 0:
            time.sleep(pause)
        yield action


def cost(es: Elasticsearch, node: psutil.Process, docs: list[dict], name: str, copies: int,
         stream: float = 0.0) -> float:
    """Elasticsearch CPU ms a document for ``docs`` (``copies`` each) under variant ``name``, less the
    node's idle CPU over the time it took (0.004 cores measured)."""
    mapping = json.loads((ROOT / "mappings" / "articles.json").read_text())
    edited = copy.deepcopy(docs)
    VARIANTS[name](mapping, edited)
    index = "index-cost-" + "".join(c if c.isalnum() else "-" for c in name.lower())
    es.options(ignore_status=404).indices.delete(index=index)
    es.indices.create(index=index, settings=mapping["settings"], mappings=mapping["mappings"])
    actions = [{"_index": index, "_source": d} for d in edited * copies]
    before, started = sum(node.cpu_times()[:2]), time.monotonic()
    if stream:
        for _ in helpers.streaming_bulk(es, paced(actions, stream), chunk_size=100):
            pass
        es.indices.refresh(index=index)
        time.sleep(3)  # the merges the load left behind
    else:
        helpers.bulk(es, actions, chunk_size=500, refresh=True)
    used = sum(node.cpu_times()[:2]) - before - IDLE_CORES * (time.monotonic() - started)
    es.indices.delete(index=index)
    return 1000 * used / len(actions)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--es-url", default="http://127.0.0.1:9260")
    parser.add_argument("--copies", type=int, default=4, help="times each document is loaded per variant")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--variant", action="append", choices=sorted(VARIANTS), help="repeatable; default: all")
    parser.add_argument("--stream", type=float, default=0.0, help="spread each load over about this many seconds")
    args = parser.parse_args(argv)
    warnings.filterwarnings("ignore")
    es = Elasticsearch(args.es_url, request_timeout=120)
    node, docs = node_process(args.es_url), documents()
    figures: dict[str, list[float]] = {name: [] for name in VARIANTS if name == "full" or name in (args.variant or VARIANTS)}
    for _ in range(args.rounds):
        for name in figures:
            figures[name].append(cost(es, node, docs, name, args.copies, args.stream))
    reference = min(figures["full"])
    how = f"streamed over ~{args.stream:g} s" if args.stream else "at once"
    print(f"Elasticsearch CPU ms a document, {len(docs)} documents x {args.copies} {how}, {args.rounds} rounds")
    for name, values in figures.items():
        rounds = " ".join(f"{v:.2f}" for v in values)
        print(f"{name:28} {rounds:>24}  best {min(values):.2f}  ({min(values) / reference:.2f}x full)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
