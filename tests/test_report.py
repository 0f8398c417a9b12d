"""Run report: per-source accounting from the staging batches."""

from __future__ import annotations

import json

import pytest

from etl.core.records import AnnotatedArticle, Annotation, CleanedArticle, FetchedPage, Rejection
from etl.core.report import COUNTERS, balanced, build_report, fetch_outcome, write_report
from etl.core.settings import Settings
from etl.core.staging import StageSummary, StageWriter, write_jsonl
from etl.index.runs import runs_index, store_run_report
from etl.index.versions import load_mapping


def article(url: str, source: str) -> CleanedArticle:
    return CleanedArticle(url=url, doc_id=url[-1], title="t", body="b", source=source)


def test_every_url_is_accounted_for_per_source(tmp_path):
    write_jsonl(tmp_path / "discover.jsonl.gz", [{"url": f"u{i}", "source": "a" if i < 6 else "b"} for i in range(8)])
    with StageWriter(tmp_path, "fetch") as out:
        for i in (0, 1, 2, 6):
            out.add(FetchedPage(url=f"u{i}", final_url=f"u{i}", status=200, content=b"x",
                                source="a" if i < 6 else "b"))
        out.add(Rejection("u3", "fetch", "not_modified", "304", source="a"))
        out.add(Rejection("u4", "fetch", "robots_disallowed", source="a"))
        out.add(Rejection("u5", "fetch", "timeout", source="a"))
        out.add(Rejection("u7", "fetch", "http_500", source="b"))
    with StageWriter(tmp_path, "clean") as out:
        for i, s in ((0, "a"), (1, "a"), (6, "b")):
            out.add(article(f"u{i}", s))
        out.add(Rejection("u2", "clean", "no_body", source="a"))
    with StageWriter(tmp_path, "annotate") as out:
        for i, s in ((0, "a"), (1, "a"), (6, "b")):
            out.add(AnnotatedArticle(article(f"u{i}", s), Annotation()))
    write_jsonl(tmp_path / "dead.jsonl.gz", [{"id": "1", "status": 400, "reason": "mapper_parsing_exception"}])
    summaries = {"discover": StageSummary("discover", str(tmp_path / "discover.jsonl.gz"), 8,
                                          extra={"errors": {"c": "not_feed"}}),
                 "load": StageSummary("load", str(tmp_path / "dead.jsonl.gz"), 2, 1)}  # path: the dead letters
    report = build_report(tmp_path, summaries, run="r", logical_date="2025-01-01")
    a, b = report["sources"]
    assert a == {"source": "a", "discovered": 6, "fetched": 3, "not_modified": 1, "skipped_robots": 1, "failed": 1,
                 "cleaned": 2, "rejected": 1, "annotated": 2, "annotate_rejected": 0, "indexed": 1, "load_failed": 1,
                 "failed_reasons": {"timeout": 1}, "rejected_reasons": {"no_body": 1}}
    assert (b["discovered"], b["fetched"], b["failed_reasons"], b["indexed"]) == (2, 1, {"http_500": 1}, 1)
    assert report["accounted"] and report["totals"]["indexed"] == 2
    assert report["discover_errors"] == {"c": "not_feed"}
    assert report["stages"]["load"] == summaries["load"].to_dict()
    path = write_report(tmp_path, report)
    assert json.loads(path.read_text()) == report
    for name in ("fetch", "clean", "annotate"):  # the counts come from the tallies, not from the (big) batches
        (tmp_path / f"{name}.jsonl.gz").unlink()
    assert build_report(tmp_path, {**summaries, "load": StageSummary("load", str(tmp_path / "none.jsonl.gz"), 0)},
                        run="r", logical_date="2025-01-01")["sources"][0]["fetched"] == 3


def _fields(value, prefix: str = "") -> set[str]:
    if isinstance(value, list):
        return set().union(*(_fields(v, prefix) for v in value))
    if not isinstance(value, dict):
        return set()
    return {prefix + k for k in value} | set().union(*(_fields(v, f"{prefix}{k}.") for k, v in value.items()))


def _mapped(props: dict, prefix: str = "") -> tuple[set[str], set[str]]:
    """(mapped field paths, paths of objects whose content is free: flattened or not indexed)."""
    fields, free = set(), set()
    for name, spec in props.items():
        fields.add(prefix + name)
        if spec.get("type") == "flattened" or spec.get("enabled") is False:
            free.add(prefix + name)
        elif "properties" in spec:
            sub, sub_free = _mapped(spec["properties"], f"{prefix}{name}.")
            fields, free = fields | sub, free | sub_free
    return fields, free


def test_the_runs_mapping_is_strict_and_maps_every_field_of_a_report(tmp_path):
    mapping = load_mapping(Settings(), "runs.json")["mappings"]
    assert mapping["dynamic"] == "strict"
    report = build_report(tmp_path, {"discover": StageSummary("discover", "p", 0, extra={"errors": {"s": "x"}})},
                          run="r", logical_date="2025-01-01T00:00:00+00:00")
    report["committed"] = 0
    report["sources"] = [{"source": "a", **dict.fromkeys(COUNTERS, 0), "failed_reasons": {"timeout": 1},
                          "rejected_reasons": {}}]
    fields, free = _mapped(mapping["properties"])
    unmapped = {f for f in _fields(report) if f not in fields and not any(f.startswith(p + ".") for p in free)}
    assert not unmapped


def test_unbalanced_counts_are_flagged():
    row = dict.fromkeys(("discovered", "fetched", "not_modified", "skipped_robots", "failed", "cleaned", "rejected",
                         "annotated", "annotate_rejected", "indexed", "load_failed"), 0)
    assert balanced(row)
    assert not balanced({**row, "discovered": 1})
    assert [fetch_outcome(r) for r in ("not_modified", "robots_unreachable", "http_404")] == [
        "not_modified", "skipped_robots", "failed"]


def test_annotate_rejections_without_source_are_attributed_by_url(tmp_path):
    write_jsonl(tmp_path / "discover.jsonl.gz", [{"url": "u1", "source": "a"}])
    with StageWriter(tmp_path, "fetch") as out:
        out.add(FetchedPage(url="u1", final_url="u1", status=200, content=b"x", source="a"))
    with StageWriter(tmp_path, "clean") as out:
        out.add(article("u1", "a"))
    with StageWriter(tmp_path, "annotate") as out:
        out.add(Rejection("u1", "annotate", "no_language"))
    report = build_report(tmp_path, {}, run="r", logical_date="2025-01-01")
    assert report["accounted"] and report["sources"][0]["annotate_rejected"] == 1


@pytest.mark.es
def test_a_run_report_is_stored_in_the_runs_index(tmp_path, es_settings, es):
    write_jsonl(tmp_path / "discover.jsonl.gz", [{"url": "u1", "source": "a"}])
    with StageWriter(tmp_path, "fetch") as out:
        out.add(Rejection("u1", "fetch", "timeout", source="a"))
    report = build_report(tmp_path, {"fetch": out.summary()}, run="2025-01-01T00-00-00Z",
                          logical_date="2025-01-01T00:00:00+00:00", run_id="manual__x")
    report["committed"] = 0
    store_run_report(es_settings, report)
    stored = es.get(index=runs_index(es_settings), id="2025-01-01T00-00-00Z")["_source"]
    assert stored == report
    mapping = es.indices.get_mapping(index=runs_index(es_settings)).body
    assert next(iter(mapping.values()))["mappings"]["dynamic"] == "strict"
