"""Check the local s3proxy with boto3 and s3fs: bucket create, put (single + multipart), list, get, delete.

Run with the project venv after `services.sh start s3`:
    .venv/bin/python scripts/cluster/check_s3.py [--endpoint URL] [--key K] [--secret S]
Prints one line per check ("ok ..." / "FAIL ...") and exits 1 if any failed.
"""

from __future__ import annotations

import argparse
import os
import sys
import uuid

import boto3
import s3fs
from botocore.config import Config

# botocore >= 1.36 adds flexible checksums (x-amz-checksum-crc32 on uploads, x-amz-checksum-mode on
# downloads). s3proxy 2.6.0 implements neither; these two settings keep them off where optional.
WHEN_REQUIRED = {"request_checksum_calculation": "when_required", "response_checksum_validation": "when_required"}


def check_boto3(endpoint: str, key: str, secret: str) -> list[str]:
    s3 = boto3.client("s3", endpoint_url=endpoint, aws_access_key_id=key, aws_secret_access_key=secret,
                      region_name="us-east-1", config=Config(**WHEN_REQUIRED))
    bucket = f"check-boto3-{uuid.uuid4().hex[:8]}"
    s3.create_bucket(Bucket=bucket)
    s3.put_object(Bucket=bucket, Key="staging/run-1/batch-0001.jsonl", Body=b'{"url": "u"}\n')
    listed = [o["Key"] for o in s3.list_objects_v2(Bucket=bucket, Prefix="staging/").get("Contents", [])]
    # jclouds "filesystem" lists intermediate folders as keys ending in "/" (size 4096): skip them.
    assert listed == ["staging/run-1/", "staging/run-1/batch-0001.jsonl"], listed
    keys = [k for k in listed if not k.endswith("/")]
    body = s3.get_object(Bucket=bucket, Key="staging/run-1/batch-0001.jsonl")["Body"].read()
    assert body == b'{"url": "u"}\n', body
    # DeleteObjects always carries a checksum (botocore sends CRC32 even with when_required):
    # accepted only thanks to s3proxy.ignore-unknown-headers=true.
    s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": k} for k in keys]})
    left = [o["Key"] for o in s3.list_objects_v2(Bucket=bucket).get("Contents", []) if not o["Key"].endswith("/")]
    assert not left, f"objects left after delete: {left}"
    s3.delete_bucket(Bucket=bucket)
    return ["boto3 create/put/list/get/delete_objects/delete_bucket"]


def check_s3fs(endpoint: str, key: str, secret: str) -> list[str]:
    fs = s3fs.S3FileSystem(key=key, secret=secret, endpoint_url=endpoint, config_kwargs=WHEN_REQUIRED)
    bucket = f"check-s3fs-{uuid.uuid4().hex[:8]}"
    # s3fs.mkdir(bucket) raises FileExistsError on s3proxy: its existence probe falls back to
    # GetBucketLocation, which s3proxy answers 200 even for a missing bucket. Create it directly.
    fs.call_s3("create_bucket", Bucket=bucket)
    fs.invalidate_cache()
    fs.pipe(f"{bucket}/raw/2026/12/05/a.html.gz", b"<html>a</html>")
    big = os.urandom(12 * 2**20)
    with fs.open(f"{bucket}/raw/big.bin", "wb", block_size=5 * 2**20) as f:  # 3-part multipart upload
        f.write(big)
    fs.invalidate_cache()
    files = sorted(p for p, info in fs.find(bucket, detail=True).items() if info["type"] == "file")
    assert files == [f"{bucket}/raw/2026/12/05/a.html.gz", f"{bucket}/raw/big.bin"], files
    assert fs.glob(f"{bucket}/raw/**/*.gz") == [f"{bucket}/raw/2026/12/05/a.html.gz"]
    assert fs.cat(f"{bucket}/raw/2026/12/05/a.html.gz") == b"<html>a</html>"
    assert fs.cat(f"{bucket}/raw/big.bin") == big
    # Not fs.rm(bucket, recursive=True): on a bucket root s3fs asks GetBucketVersioning -> 501 here.
    fs.rm(f"{bucket}/raw", recursive=True)  # DeleteObjects
    fs.invalidate_cache()
    assert fs.find(bucket) == [], fs.find(bucket)
    fs.rmdir(bucket)
    return ["s3fs create/pipe/multipart(3 parts)/find/glob/cat/rm -r/rmdir"]


def check_default_bucket(endpoint: str, key: str, secret: str, bucket: str) -> list[str]:
    """The bucket services.sh pre-creates is usable through plain env configuration."""
    fs = s3fs.S3FileSystem(key=key, secret=secret, endpoint_url=endpoint, config_kwargs=WHEN_REQUIRED)
    path = f"{bucket}/check/{uuid.uuid4().hex}.txt"
    fs.pipe(path, b"x")
    assert fs.cat(path) == b"x"
    fs.rm(path)
    return [f"s3fs write/read/delete in pre-created bucket {bucket}"]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--endpoint", default=os.environ.get("AWS_ENDPOINT_URL", "http://127.0.0.1:58333"))
    ap.add_argument("--key", default=os.environ.get("AWS_ACCESS_KEY_ID", "newsetl"))
    ap.add_argument("--secret", default=os.environ.get("AWS_SECRET_ACCESS_KEY", "newsetl-secret"))
    ap.add_argument("--bucket", default="news-etl")
    args = ap.parse_args()
    failed = 0
    for check in (check_boto3, check_s3fs):
        try:
            for line in check(args.endpoint, args.key, args.secret):
                print("ok", line)
        except Exception as exc:  # noqa: BLE001 - report every failure
            failed += 1
            print("FAIL", check.__name__, type(exc).__name__, exc)
    try:
        for line in check_default_bucket(args.endpoint, args.key, args.secret, args.bucket):
            print("ok", line)
    except Exception as exc:  # noqa: BLE001
        failed += 1
        print("FAIL check_default_bucket", type(exc).__name__, exc)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
