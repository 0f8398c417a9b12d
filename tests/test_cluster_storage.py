"""Staging store, raw archive, dead letters and run reports on a real S3-compatible server.

s3proxy (Maven Central ``org.gaul:s3proxy``, started by ``scripts/cluster/services.sh`` on
127.0.0.1:58333) stands in for the object storage every worker of a cluster reaches; each
test works under its own prefix of the bucket and deletes it afterwards.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys

import pytest

from etl.core import storage
from etl.core.errors import ConfigError, TransientError
from etl.core.records import CleanedArticle, Rejection
from etl.core.settings import Settings
from etl.core.shards import shard_inputs
from etl.core.staging import (
    JsonLinesWriter,
    StageWriter,
    read_jsonl,
    read_records,
    read_tally,
    run_dir,
    write_atomic,
    write_jsonl,
)
from etl.dev import samples
from etl.index import deadletter
from etl.pipeline import discover_stage, reprocess_once, run_once
from tests import cluster

LOGICAL_DATE = "2024-05-01T10:00:00+00:00"


@pytest.fixture
def s3(s3_server, tmp_path):
    """Settings whose storage is a fresh prefix of the real bucket; the prefix is deleted after."""
    settings = cluster.s3_settings(Settings.from_env(staging_dir=str(tmp_path / "staging")))
    yield settings
    root = storage.storage_root(settings)
    keys = [p.path for p in storage.files(root, "**/*")]
    if keys:  # the files by name: s3proxy takes 20 s over a recursive delete of its folder keys
        root.fs.rm(keys)


def _objects(settings: Settings) -> list[str]:
    """Keys (relative to the prefix) of the objects under the settings' storage root."""
    root = storage.storage_root(settings)
    return sorted(str(p)[len(str(root)) + 1:] for p in storage.files(root, "**/*"))


def _uploads(settings: Settings) -> list:
    """Multipart uploads in progress under the settings' storage root."""
    root = storage.storage_root(settings)
    bucket, prefix = root.path.split("/", 1)
    return root.fs.call_s3("list_multipart_uploads", Bucket=bucket, Prefix=prefix).get("Uploads") or []


def _sources(tmp_path, base: str) -> str:
    path = tmp_path / "sources.yaml"
    path.write_text("sources:\n  - name: samples\n    kind: urls\n    urls:\n"
                    + "".join(f"      - {url}\n" for url in samples.page_urls(base)))
    return str(path)


@pytest.mark.es
def test_a_whole_run_and_a_reprocess_keep_everything_on_object_storage(s3, es_settings, es, tmp_path):
    settings = es_settings.replace(storage_url=s3.storage_url, s3_endpoint_url=s3.s3_endpoint_url,
                                   s3_access_key=s3.s3_access_key, s3_secret_key=s3.s3_secret_key)
    with samples.serve() as base:
        summaries = run_once(settings, LOGICAL_DATE, _sources(tmp_path, base))
    run = f"{settings.storage_url}/2024-05-01T10-00-00Z"
    shard = f"{run}/shard-00"  # one shard (etl.core.shards): discover's path is the run folder
    assert {name: s.path for name, s in summaries.items()} == {
        "discover": run, "fetch": f"{shard}/fetch.jsonl.gz", "clean": f"{shard}/clean.jsonl.gz",
        "annotate": f"{shard}/annotate.jsonl.gz", "load": f"{shard}/load.failed.jsonl.gz",
        "report": f"{run}/report.json", "alerts": f"{run}/alerts.jsonl.gz"}
    report = json.loads(storage.read_bytes(storage.location(summaries["report"].path, settings)))
    assert report["accounted"] and report["totals"]["discovered"] == len(samples.PAGES)
    indexed = report["totals"]["indexed"]
    assert indexed == summaries["load"].count == es.count(index=settings.index_alias)["count"] >= 5
    objects = _objects(settings)
    assert sum(key.startswith("_archive/") and key.endswith(".html.gz") for key in objects) == len(samples.PAGES)
    assert not (tmp_path / "staging" / "2024-05-01T10-00-00Z").exists()  # nothing staged locally
    assert [str(p) for p in deadletter.find(settings)] == [summaries["load"].path]
    first = {a.url: a for a in read_records(storage.location(summaries["clean"].path, settings), CleanedArticle)}

    # Reprocess from the archive on S3 into a fresh index: no network, the same documents.
    rebuild = settings.replace(index_alias=settings.index_alias.replace("-articles", "-rebuild"))
    again = reprocess_once(rebuild, "2024-05-02T10:00:00+00:00")
    assert again["list_archive"].path == f"{settings.storage_url}/2024-05-02T10-00-00Z/reprocess/fetch.jsonl.gz"
    assert again["list_archive"].count == len(samples.PAGES)
    assert es.count(index=rebuild.index_alias)["count"] == indexed
    rebuilt = {a.url: a for a in read_records(storage.location(again["clean"].path, settings), CleanedArticle)}
    assert {url: a.story_id for url, a in rebuilt.items()} == {url: a.story_id for url, a in first.items()}
    assert _uploads(settings) == []


def test_a_failed_write_leaves_no_object_and_a_rerun_overwrites(s3):
    folder = run_dir(s3, LOGICAL_DATE)
    big = folder / "big.jsonl.gz"
    write_jsonl(big, [{"version": 1}])
    with pytest.raises(RuntimeError, match="crash"), JsonLinesWriter(big) as out:
        for i in range(30_000):  # about 18 MB of gzip: parts are uploaded before the crash
            out.write({"i": i, "noise": os.urandom(300).hex()})
        assert len(_uploads(s3)) == 1  # a multipart upload is in progress ...
        assert list(read_jsonl(big)) == [{"version": 1}]  # ... and readers still see the old object
        raise RuntimeError("crash")
    assert list(read_jsonl(big)) == [{"version": 1}] and _uploads(s3) == []  # aborted, old one kept

    with pytest.raises(RuntimeError), StageWriter(folder, "clean") as writer:
        writer.add(Rejection("https://a.example/x", "clean", "no_body"))
        raise RuntimeError("crash")
    assert not storage.exists(folder / "clean.jsonl.gz") and not storage.exists(folder / "clean.rejected.jsonl.gz")

    assert write_jsonl(big, [{"version": 2}, {"version": 3}]) == 2  # a rerun replaces the whole object
    assert write_jsonl(big, [{"version": 4}]) == 1
    write_atomic(folder / "report.json", b'{"run": 1}')
    write_atomic(folder / "report.json", b'{"run": 2}')
    assert list(read_jsonl(big)) == [{"version": 4}]
    assert storage.read_bytes(folder / "report.json") == b'{"run": 2}'
    assert _objects(s3) == ["2024-05-01T10-00-00Z/big.jsonl.gz", "2024-05-01T10-00-00Z/report.json"]


def test_a_stage_tally_on_object_storage_is_dropped_with_a_failed_rewrite(s3):
    folder = run_dir(s3, LOGICAL_DATE)
    with StageWriter(folder, "clean") as writer:
        writer.add(Rejection("https://a.example/x", "clean", "no_body", source="a"))
    assert storage.exists(writer.tally_path) and read_tally(folder, "clean").rejected == {"a": {"no_body": 1}}
    with pytest.raises(RuntimeError), StageWriter(folder, "clean") as writer:
        writer.add(Rejection("https://b.example/y", "clean", "too_short", source="b"))
        raise RuntimeError("crash")
    assert not storage.exists(writer.tally_path)  # never a tally of other batches than those kept
    assert read_tally(folder, "clean").rejected == {"a": {"no_body": 1}}  # counted from the batch kept


def test_wrong_credentials_or_bucket_fail_fast_with_a_clear_config_error(s3, caplog):
    caplog.set_level(logging.WARNING, logger="etl.core.retry")
    with pytest.raises(ConfigError, match="refused access.*NEWS_ETL_S3_SECRET_KEY"):
        run_dir(s3.replace(s3_secret_key="not-the-secret"), LOGICAL_DATE)
    with pytest.raises(ConfigError, match="refused access"):
        storage.location(f"s3://{cluster.S3_BUCKET}/x/discover.jsonl.gz", s3.replace(s3_access_key="nobody"))
    with pytest.raises(ConfigError, match="no such bucket"):
        run_dir(s3.replace(storage_url="s3://no-such-bucket-news-etl/runs"), LOGICAL_DATE)
    assert "retry" not in caplog.text  # not retried: retrying cannot help


def test_an_unreachable_store_is_transient_retried_then_raised_and_recovers(s3, tmp_path, caplog):
    folder = run_dir(s3, LOGICAL_DATE)  # reached once: the bucket exists, the keys work
    sources = tmp_path / "sources.yaml"
    sources.write_text("sources:\n  - name: s\n    kind: urls\n    urls: ['https://a.example/1']\n")
    caplog.set_level(logging.WARNING, logger="etl.core.retry")
    cluster.stop("s3")
    try:
        with pytest.raises(TransientError, match="unreachable"):
            write_atomic(folder / "report.json", b"{}")
        assert caplog.text.count("retry ") == 3  # etl.core.retry.SERVICE: three retries, then raised
        with pytest.raises(TransientError):  # a stage's streamed batch: raised for Airflow to retry the task
            discover_stage(s3.replace(sources_file=str(sources)), LOGICAL_DATE)
        with pytest.raises(TransientError):
            storage.location(f"s3://{cluster.S3_BUCKET}/other", s3.replace(s3_region="eu-west-1"))  # new client
    finally:
        cluster.start("s3")
    found = discover_stage(s3.replace(sources_file=str(sources)), LOGICAL_DATE)
    assert found.count == 1 and list(read_jsonl(storage.location(shard_inputs(found)[0], s3)))[0]["url"] == "https://a.example/1"
    assert shard_inputs(found)[0].startswith(f"{s3.storage_url}/2024-05-01T10-00-00Z/")


def test_an_airflow_aws_connection_supplies_the_s3_credentials(s3):
    target = f"{s3.storage_url}/from-connection.bin"
    code = ("from etl.dagkit import task_settings; from etl.core import storage; s = task_settings();"
            f"storage.write_bytes(storage.location({target!r}, s), b'via news_etl_s3');"
            f"print(s.s3_endpoint_url, s.s3_access_key, storage.read_bytes(storage.location({target!r}, s)).decode())")
    conn = {"conn_type": "aws", "login": cluster.S3_KEYS[0], "password": cluster.S3_KEYS[1],
            "extra": {"endpoint_url": cluster.S3_ENDPOINT, "region_name": "us-east-1"}}
    env = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"),
           "AIRFLOW_CONN_NEWS_ETL_S3": json.dumps(conn)}  # no AWS_* nor NEWS_ETL_S3_* variables
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split() == [cluster.S3_ENDPOINT, cluster.S3_KEYS[0], "via", "news_etl_s3"]
