"""What each copy of the article text costs Elasticsearch to index, per mapping variant.

    .venv/bin/python bench/scale/index_cost.py [--es-url http://127.0.0.1:9260] [--copies 4] [--rounds 3]

The English and German gold pages of ``tests/fixtures/entities`` go through ``clean_html``,
``annotate_articles`` and ``to_document`` once; then, per round and per variant (VARIANTS: a change
of ``mappings/articles.json``'s text fields, or of the documents), a fresh index is created, the
documents (``--copies`` times each) are bulk-loaded with a refresh, and the Elasticsearch process's
CPU seconds over the load are read (psutil: the node must run on this machine). Prints, per variant,
the milliseconds of Elasticsearch CPU a document, every round and the best; the first variant
(``full``, the shipped mapping) is the reference of the same run. The node's first round carries the
JVM's warm-up: compare the best figures.
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
import warnings
from collections.abc import Callable
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


def _no_folded_copies(mapping: dict, docs: list[dict]) -> None:
    for doc in docs:
        for field in TEXT:
            doc["folded"].pop(field, None)


VARIANTS: dict[str, Callable[[dict, list[dict]], None]] = {  # name -> edit of (mapping, documents), in place
    "full": lambda mapping, docs: None,
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


def cost(es: Elasticsearch, node: psutil.Process, docs: list[dict], name: str, copies: int) -> float:
    """Elasticsearch CPU ms a document for ``docs`` (``copies`` each) under variant ``name``."""
    mapping = json.loads((ROOT / "mappings" / "articles.json").read_text())
    edited = copy.deepcopy(docs)
    VARIANTS[name](mapping, edited)
    index = "index-cost-" + "".join(c if c.isalnum() else "-" for c in name.lower())
    es.options(ignore_status=404).indices.delete(index=index)
    es.indices.create(index=index, settings=mapping["settings"], mappings=mapping["mappings"])
    actions = [{"_index": index, "_source": d} for d in edited * copies]
    before = sum(node.cpu_times()[:2])
    helpers.bulk(es, actions, chunk_size=500, refresh=True)
    used = sum(node.cpu_times()[:2]) - before
    es.indices.delete(index=index)
    return 1000 * used / len(actions)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--es-url", default="http://127.0.0.1:9260")
    parser.add_argument("--copies", type=int, default=4, help="times each document is loaded per variant")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    warnings.filterwarnings("ignore")
    es = Elasticsearch(args.es_url, request_timeout=120)
    node, docs = node_process(args.es_url), documents()
    figures: dict[str, list[float]] = {name: [] for name in VARIANTS}
    for _ in range(args.rounds):
        for name in VARIANTS:
            figures[name].append(cost(es, node, docs, name, args.copies))
    reference = min(figures["full"])
    print(f"Elasticsearch CPU ms a document, {len(docs)} documents x {args.copies}, {args.rounds} rounds")
    for name, values in figures.items():
        rounds = " ".join(f"{v:.2f}" for v in values)
        print(f"{name:28} {rounds:>24}  best {min(values):.2f}  ({min(values) / reference:.2f}x full)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
