"""Raw archive: content-addressed, gzipped, with headers; newest fetch per URL."""

from __future__ import annotations

import gzip
from pathlib import Path

from etl.core.records import FetchedPage
from etl.fetch.archive import Archive, raw_sha256


def page(url: str, body: bytes, when: str) -> FetchedPage:
    return FetchedPage(url=url, final_url=url, status=200, content=body, content_type="text/html",
                       encoding="utf-8", headers={"etag": '"x"', "content-type": "text/html"}, fetched_at=when,
                       source="s")


def test_put_get_and_newest_per_url(tmp_path):
    archive = Archive(tmp_path)
    v1, v2 = b"<html>one</html>", b"<html>two</html>"
    sha = archive.put(page("https://a.example/x", v1, "2025-01-01T10:00:00+00:00"))
    assert sha == raw_sha256(v1) and archive.get(sha) == v1
    path = archive.body_path(sha)
    assert path == tmp_path / sha[:2] / f"{sha}.html.gz" and gzip.decompress(path.read_bytes()) == v1
    archive.put(page("https://a.example/x", v2, "2025-01-01T11:00:00+00:00"))
    archive.put(page("https://b.example/copy", v1, "2025-01-01T10:30:00+00:00"))  # same content, one body
    assert len(list(tmp_path.glob("*/*.html.gz"))) == 2
    pages = list(archive.pages())
    assert [(p.url, p.content) for p in pages] == [("https://a.example/x", v2), ("https://b.example/copy", v1)]
    assert pages[0].headers["etag"] == '"x"' and pages[0].fetched_at.startswith("2025-01-01T11")
    assert pages[0] == page("https://a.example/x", v2, "2025-01-01T11:00:00+00:00")


def test_rewriting_is_idempotent(tmp_path):
    archive = Archive(tmp_path)
    p = page("https://a.example/x", b"<p>same</p>", "2025-01-01T10:00:00+00:00")
    archive.put(p)
    archive.put(p)
    assert len(list(tmp_path.glob("*/*"))) == 2 and list(archive.pages()) == [p]


def test_reprocess_dag_graph():
    from airflow.dag_processing.dagbag import DagBag  # noqa: PLC0415 - Airflow is an optional extra and slow to import

    bag = DagBag(dag_folder=str(Path(__file__).resolve().parent.parent / "dags" / "news_reprocess.py"))
    assert bag.import_errors == {}
    dag = bag.dags["news_reprocess"]
    assert type(dag.timetable).__name__ == "NullTimetable"  # schedule=None: manual runs only
    edges = {t.task_id: sorted(t.downstream_task_ids) for t in dag.tasks}
    assert edges == {"list_archive": ["clean"], "clean": ["annotate"], "annotate": ["load"], "load": []}
    assert all(t.retries >= 1 for t in dag.tasks)
