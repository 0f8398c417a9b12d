from datetime import datetime, timedelta, timezone

from etl.core.records import FetchedPage, Rejection
from etl.core.staging import StageWriter, read_jsonl, read_records, run_dir, run_key, write_jsonl


def test_run_key_is_utc_and_folder_safe():
    local = datetime(2017, 11, 9, 1, 13, tzinfo=timezone(timedelta(hours=-8)))
    assert run_key(local) == "2017-11-09T09-13-00Z"
    assert run_key("2017-11-09T09:13:00Z") == "2017-11-09T09-13-00Z"


def test_rerun_overwrites_instead_of_appending(tmp_path):
    path = tmp_path / "x.jsonl.gz"
    write_jsonl(path, [{"a": 1}, {"a": 2}])
    write_jsonl(path, [{"a": 3}])
    assert list(read_jsonl(path)) == [{"a": 3}]


def test_stage_writer_splits_records_and_counted_rejections(tmp_path):
    from etl.core.settings import Settings

    settings = Settings.from_env({}, staging_dir=str(tmp_path))
    folder = run_dir(settings, "2024-01-01T00:00:00+00:00")
    page = FetchedPage(url="http://x/1", final_url="http://x/1", status=200, content=b"<p>x</p>")
    with StageWriter(folder, "fetch") as out:
        out.add(page)
        out.add(Rejection("http://x/2", "fetch", "http_404"))
        out.add(Rejection("http://x/3", "fetch", "http_404"))
    summary = out.summary()
    assert summary["count"] == 1 and summary["rejected"] == 2 and summary["reasons"] == {"http_404": 2}
    assert list(read_records(summary["path"], FetchedPage)) == [page]
    assert [r["url"] for r in read_jsonl(out.rejected_path)] == ["http://x/2", "http://x/3"]


def test_stage_writer_leaves_no_partial_file_on_error(tmp_path):
    try:
        with StageWriter(tmp_path, "clean") as out:
            out.add(Rejection("u", "clean", "empty"))
            raise RuntimeError("crash")
    except RuntimeError:
        pass
    assert list(tmp_path.iterdir()) == []
