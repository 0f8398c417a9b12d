"""The staging store: run keys, the one atomic writer, stage writers and their typed summaries."""

import json
from datetime import datetime, timedelta, timezone

import pytest

from etl.core.records import FetchedPage, Rejection
from etl.core.settings import Settings
from etl.core.staging import (
    INGEST_STAGES,
    REPROCESS_STAGES,
    JsonLinesWriter,
    StageSummary,
    StageWriter,
    atomic_path,
    read_jsonl,
    read_records,
    read_tally,
    run_dir,
    run_key,
    write_atomic,
    write_jsonl,
)


def test_run_key_is_utc_and_folder_safe():
    local = datetime(2017, 11, 9, 1, 13, tzinfo=timezone(timedelta(hours=-8)))
    assert run_key(local) == "2017-11-09T09-13-00Z"
    assert run_key("2017-11-09T09:13:00Z") == "2017-11-09T09-13-00Z"


def test_rerun_overwrites_instead_of_appending(tmp_path):
    path = tmp_path / "x.jsonl.gz"
    write_jsonl(path, [{"a": 1}, {"a": 2}])
    assert write_jsonl(path, [{"a": 3}]) == 1
    assert list(read_jsonl(path)) == [{"a": 3}]


def test_atomic_writes_replace_whole_or_leave_the_old_file(tmp_path):
    path = tmp_path / "new" / "folder" / "x.bin"
    write_atomic(path, b"one")
    with pytest.raises(RuntimeError), atomic_path(path) as tmp:
        tmp.write_bytes(b"half")
        raise RuntimeError("crash")
    assert path.read_bytes() == b"one" and list(path.parent.iterdir()) == [path]


def test_json_lines_writer_is_atomic(tmp_path):
    path = tmp_path / "x.failed.jsonl.gz"
    with JsonLinesWriter(path) as out:
        out.write({"id": "a", "when": datetime(2024, 1, 1, tzinfo=timezone.utc)})  # not JSON: written as text
    with pytest.raises(RuntimeError), JsonLinesWriter(path) as out:
        out.write({"id": "b"})
        raise RuntimeError("crash mid-load")
    assert list(read_jsonl(path)) == [{"id": "a", "when": "2024-01-01 00:00:00+00:00"}]
    assert out.count == 1 and list(tmp_path.iterdir()) == [path]


def test_stage_writer_splits_records_and_counted_rejections(tmp_path):
    settings = Settings.from_env({}, staging_dir=str(tmp_path))
    folder = run_dir(settings, "2024-01-01T00:00:00+00:00")
    page = FetchedPage(url="http://x/1", final_url="http://x/1", status=200, content=b"<p>x</p>")
    with StageWriter(folder, "fetch") as out:
        out.add(page)
        out.add(Rejection("http://x/2", "fetch", "http_404"))
        out.add(Rejection("http://x/3", "fetch", "http_404"))
    summary = out.summary(source="test")
    assert (summary.stage, summary.count, summary.rejected, summary.reasons) == ("fetch", 1, 2, {"http_404": 2})
    assert summary.extra["source"] == "test" and set(summary.extra) == {"source", "seconds"}
    assert 0 <= summary.seconds < 60  # measured from entering the writer
    assert list(read_records(summary.path, FetchedPage)) == [page]
    assert [r["url"] for r in read_jsonl(out.rejected_path)] == ["http://x/2", "http://x/3"]


def test_stage_writer_leaves_no_partial_file_on_error(tmp_path):
    with pytest.raises(RuntimeError), StageWriter(tmp_path, "clean") as out:
        out.add(Rejection("u", "clean", "empty"))
        raise RuntimeError("crash")
    assert list(tmp_path.iterdir()) == []


def test_stage_writer_counts_per_source_beside_its_batches(tmp_path):
    with StageWriter(tmp_path, "fetch") as out:
        for i, source in enumerate(("a", "a", "b")):
            out.add(FetchedPage(url=f"http://x/{i}", final_url=f"http://x/{i}", status=200, content=b"x", source=source))
        out.add(Rejection("http://x/3", "fetch", "http_404", source="b"))
        out.add(Rejection("http://x/4", "fetch", "timeout", source="b"))
    tally = read_tally(tmp_path, "fetch")
    assert tally.accepted == {"a": 2, "b": 1} and tally.rejected == {"b": {"http_404": 1, "timeout": 1}}
    out.tally_path.unlink()  # batches without a tally (older versions): counted from the rows, the same
    assert read_tally(tmp_path, "fetch") == tally


def test_a_failed_rewrite_leaves_no_stale_tally(tmp_path):
    with StageWriter(tmp_path, "clean") as out:
        out.add(Rejection("u1", "clean", "too_short", source="a"))
    with pytest.raises(RuntimeError), StageWriter(tmp_path, "clean") as out:
        out.add(Rejection("u2", "clean", "no_text", source="b"))
        raise RuntimeError("crash")
    assert not out.tally_path.exists()  # the old batches stay whole; their tally is counted from them
    assert read_tally(tmp_path, "clean").rejected == {"a": {"too_short": 1}}


def test_stage_summary_travels_as_a_flat_json_dict():
    summary = StageSummary("load", "/run/load.failed.jsonl.gz", 97, 3, {"document_parsing_exception": 3},
                           {"rounds": 1, "index": "articles"})
    as_dict = json.loads(json.dumps(summary.to_dict()))
    assert as_dict == {"stage": "load", "path": "/run/load.failed.jsonl.gz", "count": 97, "rejected": 3,
                       "reasons": {"document_parsing_exception": 3}, "rounds": 1, "index": "articles"}
    assert StageSummary.from_dict(as_dict) == summary
    with pytest.raises(ValueError, match="clash"):
        StageSummary("x", "p", 0, extra={"count": 1})


def test_the_stage_order_is_declared_once():
    assert INGEST_STAGES == ("discover", "fetch", "clean", "annotate", "load")
    assert REPROCESS_STAGES == ("list_archive", "clean", "annotate", "load")
