"""Run report: per-source accounting from the staging batches."""

from __future__ import annotations

from etl.core.records import AnnotatedArticle, Annotation, CleanedArticle, FetchedPage, Rejection
from etl.core.report import balanced, build_report, fetch_outcome
from etl.core.staging import StageWriter, write_jsonl


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
    write_jsonl(tmp_path / "load.failed.jsonl.gz", [{"id": "1", "status": 400, "reason": "mapper_parsing_exception"}])
    report = build_report(tmp_path, {"discover": {"errors": {"c": "not_feed"}}}, run="r", logical_date="2025-01-01")
    a, b = report["sources"]
    assert a == {"source": "a", "discovered": 6, "fetched": 3, "not_modified": 1, "skipped_robots": 1, "failed": 1,
                 "cleaned": 2, "rejected": 1, "annotated": 2, "annotate_rejected": 0, "indexed": 1, "load_failed": 1,
                 "failed_reasons": {"timeout": 1}, "rejected_reasons": {"no_body": 1}}
    assert (b["discovered"], b["fetched"], b["failed_reasons"], b["indexed"]) == (2, 1, {"http_500": 1}, 1)
    assert report["accounted"] and report["totals"]["indexed"] == 2
    assert report["discover_errors"] == {"c": "not_feed"}


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
