"""Raw archive: fetched HTML, gzipped and content-addressed, with its response metadata.

Layout under ``settings.archive_dir`` (default ``<staging_dir>/_archive``)::

    <sha[:2]>/<sha>.html.gz              body, once per distinct content (sha256 of the raw bytes)
    <sha[:2]>/<sha>.<doc id>.json        URL, final URL, status, content type, charset,
                                         response headers, fetched_at, source

The ``reprocess`` DAG rebuilds :class:`etl.core.records.FetchedPage`\\ s from it, newest
fetch per URL, without any network access. Files are written atomically.

The root is a :mod:`etl.core.storage` location: a local folder, or a prefix on object
storage (``<settings.storage_url>/_archive`` when ``storage_url`` is set), which every
worker reaches. Errors of a remote archive: TransientError / ConfigError (see there).
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Iterator
from dataclasses import replace

from etl.core import storage
from etl.core.records import FetchedPage
from etl.core.settings import Settings
from etl.core.staging import write_atomic
from etl.core.storage import Location, PathLike
from etl.core.urls import doc_id

ARCHIVE_GZIP_LEVEL = 3
"""gzip level of archived bodies. On the benchmark pages (167 KB of HTML on average) level 3 takes
half the CPU of level 6 (1.3 vs 2.8 ms a page, most of the fetch stage's compression) for files
11 % larger (22.4 % vs 20.1 % of the raw size)."""


def raw_sha256(content: bytes) -> str:
    """Hex sha256 of a fetched body's raw bytes: the archive key (not the cleaned
    article's ``content_hash``, which hashes the extracted text)."""
    return hashlib.sha256(content).hexdigest()


def archive_dir(settings: Settings) -> Location:
    """Root of the archive: ``settings.archive_dir``, else ``<storage root>/_archive`` (a
    local folder is created if missing)."""
    if settings.archive_dir:
        return storage.ensure_folder(storage.location(settings.archive_dir, settings))
    return storage.ensure_folder(storage.storage_root(settings) / "_archive")


class Archive:
    """Read and write the raw archive rooted at ``root``."""

    def __init__(self, root: PathLike):
        self.root = storage.location(root)

    @classmethod
    def open(cls, settings: Settings) -> Archive:
        """The archive of ``settings``."""
        return cls(archive_dir(settings))

    def body_path(self, sha: str) -> Location:
        """Path of the gzipped body with hash ``sha``."""
        return self.root / sha[:2] / f"{sha}.html.gz"

    def put(self, page: FetchedPage, sha: str = "") -> str:
        """Store ``page`` (body once per content, metadata per URL); return the body's sha256.

        ``sha`` is the body's :func:`raw_sha256` when already known.
        """
        sha = sha or raw_sha256(page.content)
        body = self.body_path(sha)
        if not storage.exists(body):
            write_atomic(body, gzip.compress(page.content, compresslevel=ARCHIVE_GZIP_LEVEL, mtime=0))
        meta = replace(page, content=b"").to_dict()  # the body is stored above, not encoded again here
        meta.pop("content")
        meta["content_hash"] = sha
        write_atomic(body.with_name(f"{sha}.{doc_id(page.url)}.json"),
                     json.dumps(meta, ensure_ascii=False, sort_keys=True).encode("utf-8"))
        return sha

    def get(self, sha: str) -> bytes:
        """The raw body with hash ``sha``. Raises FileNotFoundError when absent."""
        return gzip.decompress(storage.read_bytes(self.body_path(sha)))

    def latest(self) -> dict[str, dict]:
        """Map URL -> metadata of its newest fetch (by ``fetched_at``; remote metadata is read concurrently)."""
        best: dict[str, dict] = {}
        for _, raw in storage.read_many(storage.files(self.root, "??/*.json")):
            meta = json.loads(raw.decode("utf-8"))
            seen = best.get(meta["url"])
            if seen is None or meta.get("fetched_at", "") >= seen.get("fetched_at", ""):
                best[meta["url"]] = meta
        return best

    def pages(self) -> Iterator[FetchedPage]:
        """Yield the newest archived page of every URL, sorted by URL (streams the bodies)."""
        for url, meta in sorted(self.latest().items()):
            meta = dict(meta)
            content = self.get(meta.pop("content_hash"))
            yield FetchedPage.from_dict({**meta, "content": content, "url": url})
