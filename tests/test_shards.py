"""Shards of a run (etl.core.shards): URLs partitioned by host, every shard's batches merged
again by the run report; ``news-etl ingest`` (run_once) runs the shards one after the other."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from contextlib import ExitStack
from pathlib import Path

import pytest

from etl.core.errors import ConfigError
from etl.core.records import Candidate, Rejection
from etl.core.settings import Settings
from etl.core.shards import ShardWriter, merge, per_shard, shard_folder, shard_inputs, shard_of
from etl.core.staging import StageSummary, read_jsonl
from etl.core.urls import host_of
from etl.dev import samples
from etl.pipeline import discover_stage, run_once

LOGICAL_DATE = "2024-05-01T10:00:00+00:00"


def test_a_hosts_urls_share_one_shard_whatever_the_path_port_or_case():
    urls = ["http://news.example.org/a.html", "https://NEWS.example.org:8443/world/b?x=1",
            "http://news.example.org/c/d/e.html"]
    for shards in (1, 2, 3, 7, 16):
        assert len({shard_of(url, shards) for url in urls}) == 1
        assert 0 <= shard_of(urls[0], shards) < shards
    with pytest.raises(ValueError):
        shard_of(urls[0], 0)


def test_the_shard_of_a_host_is_the_same_in_every_process():
    hosts = [f"http://site-{i}.example/x" for i in range(50)]
    code = ("import sys, json; from etl.core.shards import shard_of;"
            "print(json.dumps([shard_of(u, 5) for u in json.loads(sys.argv[1])]))")
    seen = set()
    for seed in ("1", "2"):  # str hashes differ between these processes: the shard must not
        env = dict(os.environ, PYTHONHASHSEED=seed)
        out = subprocess.run([sys.executable, "-c", code, json.dumps(hosts)], env=env, capture_output=True,
                             text=True, check=True)
        seen.add(out.stdout.strip())
    assert seen == {json.dumps([shard_of(u, 5) for u in hosts])}


def test_many_hosts_spread_evenly_over_the_shards():
    counts = [0] * 4
    for i in range(4000):
        counts[shard_of(f"https://www.outlet{i}.example/news/{i}.html", 4)] += 1
    assert all(900 <= n <= 1100 for n in counts), counts  # 1000 expected, sd ~27


def test_the_shard_writer_puts_every_host_in_one_shard_and_writes_empty_shards(tmp_path):
    urls = [f"https://h{i % 5}.example/{i}.html" for i in range(40)]
    with ShardWriter(tmp_path, "discover", 8) as out:
        placed = [out.add(Candidate(url=url, source="s")) for url in urls]
        out.add(Rejection(urls[0], "discover", "bad"))  # a rejection goes with its URL too
    parts = out.summaries()
    assert [p.path for p in parts] == [str(shard_folder(tmp_path, i) / "discover.jsonl.gz") for i in range(8)]
    assert sum(p.count for p in parts) == 40 and sum(p.rejected for p in parts) == 1
    hosts_per_shard = [{host_of(row["url"]) for row in read_jsonl(p.path)} for p in parts]
    assert sum(len(h) for h in hosts_per_shard) == 5  # each host in exactly one shard
    assert all(Path(p.path).exists() for p in parts)  # 8 shards, at most 5 used: the rest empty
    assert placed == [shard_of(url, 8) for url in urls]


def test_merge_sums_counts_and_reasons_keeps_agreed_values_and_lists_the_shards():
    parts = [StageSummary("load", "/r/shard-00/x", 5, 1, {"a": 1}, {"seconds": 1.5, "rounds": 1, "index": "i",
                                                                     "sources": {"s": 5}}),
             StageSummary("load", "/r/shard-01/x", 7, 2, {"a": 1, "b": 1}, {"seconds": 2.0, "rounds": 1,
                                                                             "index": "i", "sources": {"s": 1, "t": 6}})]
    merged = merge("load", "/r", parts)
    assert (merged.stage, merged.path, merged.count, merged.rejected) == ("load", "/r", 12, 3)
    assert merged.reasons == {"a": 2, "b": 1}
    assert merged.extra["seconds"] == 3.5 and merged.extra["rounds"] == 2 and merged.extra["index"] == "i"
    assert merged.extra["sources"] == {"s": 6, "t": 6}
    assert [s["path"] for s in merged.extra["shards"]] == ["/r/shard-00/x", "/r/shard-01/x"]
    assert per_shard([p.to_dict() for p in parts]) == parts and per_shard(parts[0]) == [parts[0]]


def test_discover_writes_the_configured_shards_and_refuses_fewer_than_one(tmp_path):
    sources = tmp_path / "sources.yaml"
    urls = [f"https://h{i}.example/{i}.html" for i in range(12)]
    sources.write_text("sources:\n  - name: s\n    kind: urls\n    urls:\n" + "".join(f"      - {u}\n" for u in urls))
    settings = Settings.from_env({}, staging_dir=str(tmp_path / "staging"), sources_file=str(sources), shards=3)
    found = discover_stage(settings, LOGICAL_DATE)
    inputs = shard_inputs(found)
    assert found.path == str(Path(settings.staging_dir) / "2024-05-01T10-00-00Z")
    assert inputs == [str(Path(found.path) / f"shard-0{i}" / "discover.jsonl.gz") for i in range(3)]
    assert found.count == 12 and found.extra["sources"] == {"s": 12}
    assert [sorted(r["url"] for r in read_jsonl(p)) for p in inputs] == [
        sorted(u for u in urls if shard_of(u, 3) == i) for i in range(3)]
    with pytest.raises(ConfigError, match="NEWS_ETL_SHARDS"):
        discover_stage(settings.replace(shards=0), LOGICAL_DATE)


def serve_on_hosts(stack: ExitStack, hosts: list[str]) -> list[str]:
    """The sample pages served on each loopback address of ``hosts``; their base URLs."""
    return [stack.enter_context(samples.serve(host=host)) for host in hosts]


def spread_sources(path: Path, bases: list[str], copies: dict[str, str] | None = None) -> str:
    """A sources file listing sample page i on host i mod len(bases) (plus ``copies``: page -> base)."""
    urls = [f"{bases[i % len(bases)]}/{page}" for i, page in enumerate(samples.PAGES)]
    urls += [f"{base}/{page}" for page, base in (copies or {}).items()]
    path.write_text("sources:\n  - name: samples\n    kind: urls\n    urls:\n" + "".join(f"      - {u}\n" for u in urls))
    return str(path)


def other_shard_host(first: str, shards: int) -> str:
    """A loopback address beyond 127.0.0.3 whose shard differs from ``first``'s (a copy lands in another shard)."""
    return next(f"127.0.0.{i}" for i in range(4, 250) if shard_of(f"http://127.0.0.{i}/", shards)
                != shard_of(f"http://{first}/", shards))


@pytest.mark.es
def test_three_shards_index_every_page_once_and_the_report_accounts_for_all(tmp_path, es_settings, es):
    hosts = ["127.0.0.1", "127.0.0.2", "127.0.0.3", other_shard_host("127.0.0.1", 3)]
    settings = es_settings.replace(shards=3, fetch_allowed_networks="127.0.0.0/8")
    with ExitStack() as stack:
        bases = serve_on_hosts(stack, hosts)
        # the first page again on a host of another shard: a syndicated copy, one story across shards
        sources = spread_sources(tmp_path / "sources.yaml", bases[:3], {samples.PAGES[0]: bases[3]})
        summaries = run_once(settings, LOGICAL_DATE, sources)
        es.indices.refresh(index=settings.index_alias)
        count = es.count(index=settings.index_alias)["count"]
        again = run_once(settings, LOGICAL_DATE, sources)  # a rerun of the same run: nothing doubles
    run = Path(summaries["discover"].path)
    report = json.loads((run / "report.json").read_text())
    assert report["accounted"] and report["shards"] == 3
    assert report["totals"]["discovered"] == len(samples.PAGES) + 1 == summaries["discover"].count
    assert report["totals"]["indexed"] == summaries["load"].count == count >= len(samples.PAGES) - 1

    shard_hosts = [{host_of(r["url"]) for r in read_jsonl(run / f"shard-0{i}" / "discover.jsonl.gz")}
                   for i in range(3)]
    assert sum(len(h) for h in shard_hosts) == len(hosts) and set().union(*shard_hosts) == set(hosts)
    annotated = [row["article"] for i in range(3)
                 for row in read_jsonl(run / f"shard-0{i}" / "annotate.jsonl.gz")]
    assert len(annotated) == count == len({a["doc_id"] for a in annotated})  # every page once
    hits = es.search(index=settings.index_alias, size=100, _source=["url", "story_id"])["hits"]["hits"]
    assert sorted(h["_id"] for h in hits) == sorted(a["doc_id"] for a in annotated)
    stories = {h["_source"]["url"]: h["_source"]["story_id"] for h in hits}
    first = [url for url in stories if url.endswith(samples.PAGES[0])]
    assert len(first) == 2 and stories[first[0]] == stories[first[1]]  # one story id across two shards
    assert len(set(stories.values())) == count - 1

    es.indices.refresh(index=settings.index_alias)
    assert es.count(index=settings.index_alias)["count"] == count
    assert json.loads(Path(again["report"].path).read_text())["accounted"]
    assert len(summaries["fetch"].extra["shards"]) == 3  # the command line's summary merges the shards


@pytest.mark.es
def test_one_shard_and_three_shards_index_the_same_documents(tmp_path, es_settings, es):
    with ExitStack() as stack:
        bases = serve_on_hosts(stack, ["127.0.0.1", "127.0.0.2", "127.0.0.3"])
        sources = spread_sources(tmp_path / "sources.yaml", bases)
        ids = []
        for shards in (1, 3):
            settings = es_settings.replace(shards=shards, staging_dir=str(tmp_path / f"staging-{shards}"),
                                           index_alias=f"{es_settings.index_alias}-{shards}",
                                           fetch_allowed_networks="127.0.0.0/8")
            summaries = run_once(settings, LOGICAL_DATE, sources)
            assert json.loads(Path(summaries["report"].path).read_text())["accounted"]
            es.indices.refresh(index=settings.index_alias)
            ids.append(sorted(h["_id"] for h in es.search(index=settings.index_alias, size=100)["hits"]["hits"]))
    assert ids[0] == ids[1] and len(ids[0]) >= len(samples.PAGES) - 1
    one = Path(tmp_path / "staging-1" / "2024-05-01T10-00-00Z")
    assert sorted(p.name for p in one.iterdir() if p.is_dir()) == ["shard-00"]
