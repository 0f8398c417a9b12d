"""Raw archive: fetched HTML, gzipped and content-addressed, with its response metadata.

Layout under ``settings.archive_dir`` (default ``<staging_dir>/_archive``)::

    <sha[:2]>/<sha>.html.gz              body, once per distinct content (sha256 of the raw bytes)
    <sha[:2]>/<sha>.<doc id>.json        URL, final URL, status, content type, charset,
                                         response headers, fetched_at, source

The ``reprocess`` DAG rebuilds :class:`etl.core.records.FetchedPage`\\ s from it, newest
fetch per URL, without any network access. Files are written atomically.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

from etl.core.records import FetchedPage
from etl.core.settings import Settings
from etl.core.staging import write_atomic
from etl.core.urls import doc_id


def raw_sha256(content: bytes) -> str:
    """Hex sha256 of a fetched body's raw bytes: the archive key (not the cleaned
    article's ``content_hash``, which hashes the extracted text)."""
    return hashlib.sha256(content).hexdigest()


def archive_dir(settings: Settings) -> Path:
    """Root folder of the archive (created if missing)."""
    path = Path(settings.archive_dir or Path(settings.staging_dir) / "_archive")
    path.mkdir(parents=True, exist_ok=True)
    return path


class Archive:
    """Read and write the raw archive rooted at ``root``."""

    def __init__(self, root: str | Path):
        self.root = Path(root)

    @classmethod
    def open(cls, settings: Settings) -> Archive:
        """The archive of ``settings``."""
        return cls(archive_dir(settings))

    def body_path(self, sha: str) -> Path:
        """Path of the gzipped body with hash ``sha``."""
        return self.root / sha[:2] / f"{sha}.html.gz"

    def put(self, page: FetchedPage, sha: str = "") -> str:
        """Store ``page`` (body once per content, metadata per URL); return the body's sha256.

        ``sha`` is the body's :func:`raw_sha256` when already known.
        """
        sha = sha or raw_sha256(page.content)
        body = self.body_path(sha)
        if not body.exists():
            write_atomic(body, gzip.compress(page.content, compresslevel=6, mtime=0))
        meta = page.to_dict()
        meta.pop("content")
        meta["content_hash"] = sha
        write_atomic(body.with_name(f"{sha}.{doc_id(page.url)}.json"),
                     json.dumps(meta, ensure_ascii=False, sort_keys=True).encode("utf-8"))
        return sha

    def get(self, sha: str) -> bytes:
        """The raw body with hash ``sha``. Raises FileNotFoundError when absent."""
        return gzip.decompress(self.body_path(sha).read_bytes())

    def latest(self) -> dict[str, Path]:
        """Map URL -> metadata file of its newest fetch (by ``fetched_at``)."""
        best: dict[str, tuple[str, Path]] = {}
        for meta_path in self.root.glob("??/*.json"):
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            seen = best.get(meta["url"])
            if seen is None or meta.get("fetched_at", "") >= seen[0]:
                best[meta["url"]] = (meta.get("fetched_at", ""), meta_path)
        return {url: path for url, (_, path) in best.items()}

    def pages(self) -> Iterator[FetchedPage]:
        """Yield the newest archived page of every URL, sorted by URL (streams the bodies)."""
        for url, meta_path in sorted(self.latest().items()):
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            content = self.get(meta.pop("content_hash"))
            yield FetchedPage.from_dict({**meta, "content": content, "url": url})
