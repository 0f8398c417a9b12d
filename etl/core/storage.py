"""One storage interface for everything tasks hand to each other: staging batches, the raw
archive, dead letters and run reports.

A *location* is either a local path (:class:`pathlib.Path`: the default, today's folders
under ``settings.staging_dir``) or an object-store URL such as ``s3://bucket/prefix/...``
(a :class:`upath.UPath` on fsspec/s3fs, reachable from every worker of a cluster). Both
join with ``/`` and have ``.parent`` and ``.name``; ``str(location)`` is what goes into a
:class:`etl.core.staging.StageSummary` and through XCom, and :func:`location` turns such a
string back into a location, so every stage accepts either form. An Airflow
``ObjectStoragePath`` is a UPath too and is accepted as it is.

Where things go: :func:`storage_root` is ``settings.storage_url`` (``NEWS_ETL_STORAGE_URL``)
when set, else ``settings.staging_dir``; the runs live under it (``<root>/<run key>/``, see
:func:`etl.core.staging.run_dir`), the raw archive under ``<root>/_archive`` unless
``archive_dir`` says otherwise, dead letters in the run folder unless ``deadletter_dir``.
S3 credentials come from ``NEWS_ETL_S3_*`` (an Airflow connection ``news_etl_s3`` overlays
them, :mod:`etl.dagkit`), else from botocore's own chain (``AWS_*`` variables, profile,
instance role); see :func:`s3_options`.

Writes are atomic and reruns overwrite (:func:`atomic_open`, :func:`write_bytes`): a local
file is written under a temporary name and renamed; an object is uploaded as a multipart
upload that is completed only when the block exits cleanly and aborted otherwise, so no
reader ever sees a partial object. (A process killed mid-upload leaves an invisible
incomplete upload: give the bucket an abort-incomplete-multipart-upload lifecycle rule.)

Faults of a remote store: unreachable, timing out or overloaded (5xx) is a
:class:`TransientError`; whole-object calls (:func:`write_bytes`, :func:`read_bytes`,
:func:`exists`, the first touch of a bucket) are retried with :data:`etl.core.retry.SERVICE` first, a stream
broken mid-way raises at once (the task retries and overwrites). Credentials or access
refused, or a missing bucket, is a :class:`ConfigError` (fails fast). Local paths behave
exactly as before: OSError propagates.
"""

from __future__ import annotations

import errno
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path, PurePath
from typing import IO, TypeAlias, TypeVar

from upath import UPath

from etl.core.errors import ConfigError, TransientError
from etl.core.retry import SERVICE, retry
from etl.core.settings import Settings

T = TypeVar("T")
Location: TypeAlias = Path | UPath
"""A local path or an object-store path."""
PathLike: TypeAlias = str | os.PathLike | UPath
"""What the functions here accept: a location, or a local path or URL as a string."""

BLOCK_SIZE = 8 * 2**20
"""Bytes buffered per open remote file: one multipart part when writing, one read-ahead block."""
_TRANSIENT_ERRNOS = {errno.EBUSY, errno.EIO, getattr(errno, "EREMOTEIO", errno.EIO), errno.ETIMEDOUT,
                     errno.ECONNRESET, errno.ECONNREFUSED, errno.ECONNABORTED, errno.EHOSTUNREACH}
_CREDENTIALS_HINT = ("check NEWS_ETL_S3_ACCESS_KEY / NEWS_ETL_S3_SECRET_KEY (or AWS_ACCESS_KEY_ID / "
                     "AWS_SECRET_ACCESS_KEY, or the Airflow connection news_etl_s3)")
_LOCAL = ("", "file", "local")
_probed: set[tuple[str, int]] = set()
_probe_lock = threading.Lock()


def is_remote(path: PathLike) -> bool:
    """True for an object-store location or URL (``s3://...``), False for a local path."""
    if isinstance(path, PurePath):  # also a local UPath
        return False
    if isinstance(path, UPath):
        return path.protocol not in _LOCAL
    text = os.fspath(path)
    return "://" in text and not text.startswith("file://")


def s3_options(settings: Settings) -> dict:
    """fsspec/s3fs options from ``settings``: endpoint, keys, region, checksum mode, timeouts.

    Empty settings leave the value to botocore (``AWS_*`` variables, profile, instance role).
    Listings are not cached: other workers write the same bucket.
    """
    config = {"request_checksum_calculation": settings.s3_checksums,
              "response_checksum_validation": settings.s3_checksums,
              "connect_timeout": 10, "read_timeout": 60, "retries": {"max_attempts": 2, "mode": "standard"}}
    options: dict = {"use_listings_cache": False, "config_kwargs": config}
    if settings.s3_endpoint_url:
        options["endpoint_url"] = settings.s3_endpoint_url
    if settings.s3_access_key:
        options["key"], options["secret"] = settings.s3_access_key, settings.s3_secret_key
    if settings.s3_region:
        options["client_kwargs"] = {"region_name": settings.s3_region}
    return options


def location(path: PathLike, settings: Settings | None = None) -> Location:
    """The location of ``path``: a local path or URL string, a Path or a UPath.

    Input: the path, and the settings whose S3 options a URL is opened with (default:
    :meth:`Settings.from_env`). Output: a :class:`Path` for a local path, else a
    :class:`UPath`, whose bucket has been reached once in this process (a cheap listing).
    Errors: ConfigError for credentials refused or a missing bucket, TransientError when
    the store stays unreachable, ValueError for a protocol fsspec does not know.
    """
    if isinstance(path, Path):
        return path
    if isinstance(path, UPath):
        if path.protocol in _LOCAL:
            return Path(path.path)
        _probe(path)
        return path
    url = os.fspath(path)
    if not is_remote(url):
        return Path(url.removeprefix("file://"))
    options = s3_options(settings or Settings.from_env()) if url.startswith(("s3://", "s3a://")) else {}
    loc = UPath(url, **options)
    _probe(loc)
    return loc


def storage_root(settings: Settings) -> Location:
    """Where the runs are kept: ``settings.storage_url`` when set, else ``settings.staging_dir``."""
    return location(settings.storage_url or settings.staging_dir, settings)


def ensure_folder(path: Location) -> Location:
    """Create a local folder (and its parents) if missing; object stores have no folders. Returns ``path``."""
    if isinstance(path, Path):
        path.mkdir(parents=True, exist_ok=True)
    return path


# ----------------------------------------------------------------------------- remote errors


@contextmanager
def remote_errors(what: str) -> Iterator[None]:
    """Translate object-store faults raised in the block: TransientError (unreachable,
    timeout, 5xx, throttled) or ConfigError (credentials or access refused, no bucket);
    anything else propagates unchanged."""
    try:
        yield
    except (TransientError, ConfigError):
        raise
    except Exception as exc:
        kind = _classify(exc)
        if kind is None:
            raise
        if kind is ConfigError:
            raise ConfigError(f"{what}: the object store refused access ({type(exc).__name__}: {exc}); "
                              f"{_CREDENTIALS_HINT}") from exc
        raise TransientError(f"{what}: object store unreachable or failing ({type(exc).__name__}: {exc})") from exc


def _classify(exc: BaseException) -> type | None:
    """ConfigError, TransientError or None (not an object-store fault) for ``exc``."""
    from botocore import exceptions as boto  # noqa: PLC0415 - optional extra news-etl[s3], only after a remote fault

    if isinstance(exc, (PermissionError, boto.NoCredentialsError, boto.PartialCredentialsError)):
        return ConfigError
    if isinstance(exc, (boto.ConnectionError, boto.HTTPClientError, ConnectionError, TimeoutError)):
        return TransientError
    if type(exc).__name__ in ("FSTimeoutError", "ClientConnectorError", "ServerDisconnectedError",
                              "ClientPayloadError", "ClientOSError"):  # fsspec / aiohttp, by name: no import
        return TransientError
    if isinstance(exc, OSError) and exc.errno in _TRANSIENT_ERRNOS:
        return TransientError
    return None


def _remote_call(func: Callable[[], T], what: str) -> T:
    """``func()`` with remote faults translated, TransientError retried (:data:`etl.core.retry.SERVICE`)."""
    def attempt() -> T:
        with remote_errors(what):
            return func()

    return retry(attempt, SERVICE, (TransientError,), "object store")


def _probe(loc: UPath) -> None:
    """Reach the bucket of ``loc`` once per process and file system (a one-key listing)."""
    bucket = loc.path.split("/", 1)[0]
    key = (f"{loc.protocol}://{bucket}", id(loc.fs))
    if key in _probed:
        return

    def reach() -> None:
        try:
            if loc.protocol in ("s3", "s3a"):
                loc.fs.call_s3("list_objects_v2", Bucket=bucket, MaxKeys=1)
            else:
                loc.fs.ls(bucket, detail=False)
        except FileNotFoundError as exc:
            raise ConfigError(f"{loc.protocol}://{bucket}: no such bucket ({exc})") from exc

    _remote_call(reach, f"reach {loc.protocol}://{bucket}")
    with _probe_lock:
        _probed.add(key)


# ----------------------------------------------------------------------------- atomic writes


@contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside the local ``path`` to write to; rename it over ``path``
    on a clean exit.

    Input: the final path (its folder is created if missing). Output: the temporary path,
    unique per process and thread. On an exception in the block the temporary file is
    deleted and ``path`` is left as it was; the exception propagates.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.tmp{os.getpid()}.{threading.get_ident()}")
    try:
        yield tmp
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    tmp.replace(path)


@contextmanager
def atomic_open(path: PathLike) -> Iterator[IO[bytes]]:
    """Yield a binary file to write ``path`` whole; it replaces ``path`` only on a clean exit.

    Local: :func:`atomic_path`. Object store: a multipart upload completed on a clean exit
    and aborted on an exception (the object then keeps its previous content, or stays
    absent). Errors: the block's exception; OSError (local); TransientError / ConfigError
    (remote, see :func:`remote_errors`).
    """
    loc = location(path)
    if isinstance(loc, Path):
        with atomic_path(loc) as tmp, open(tmp, "wb") as fh:
            yield fh
        return
    with remote_errors(f"write {loc}"):
        fh = loc.fs.open(loc.path, "wb", autocommit=False, block_size=BLOCK_SIZE)
        try:
            yield fh
            fh.close()
        except BaseException:
            with suppress(Exception):  # the store may be gone: keep the original error
                fh.discard()  # aborts the multipart upload; nothing becomes visible
            fh.closed = True
            raise
        fh.commit()


def write_bytes(path: PathLike, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (a remote write is one PUT, retried).

    Errors: OSError (local); TransientError once the retries are used up, ConfigError (remote).
    """
    loc = location(path)
    if isinstance(loc, Path):
        with atomic_path(loc) as tmp:
            tmp.write_bytes(data)
        return
    _remote_call(lambda: loc.fs.pipe_file(loc.path, data), f"write {loc}")


# ----------------------------------------------------------------------------- reading


@contextmanager
def open_read(path: PathLike) -> Iterator[IO[bytes]]:
    """Yield ``path`` opened for reading (binary, streamed). Errors: FileNotFoundError when
    absent; OSError (local); TransientError / ConfigError (remote)."""
    loc = location(path)
    if isinstance(loc, Path):
        with open(loc, "rb") as fh:
            yield fh
        return
    with remote_errors(f"read {loc}"), loc.fs.open(loc.path, "rb", block_size=BLOCK_SIZE) as fh:
        yield fh


def read_bytes(path: PathLike) -> bytes:
    """The whole content of ``path`` (a remote read is retried). Errors: as :func:`open_read`."""
    loc = location(path)
    if isinstance(loc, Path):
        return loc.read_bytes()
    return _remote_call(lambda: loc.fs.cat_file(loc.path), f"read {loc}")


def read_many(paths: Iterable[Location]) -> Iterator[tuple[Location, bytes]]:
    """Yield ``(path, content)`` for every path; remote ones of one file system are fetched
    concurrently in batches (fsspec ``cat``). Errors: as :func:`read_bytes`."""
    remote: list[UPath] = []
    for path in paths:
        if isinstance(path, Path):
            yield path, path.read_bytes()
        else:
            remote.append(path)
    for start in range(0, len(remote), 256):
        by_key = {p.path: p for p in remote[start:start + 256]}
        for key, data in _cat(list(by_key.values())).items():
            yield by_key[key], data


def _cat(batch: list[UPath]) -> dict[str, bytes]:
    """Contents of ``batch`` (paths of one file system) by path, fetched concurrently (retried)."""
    fs = batch[0].fs
    return _remote_call(lambda: fs.cat([p.path for p in batch], on_error="raise"), f"read {len(batch)} objects")


def exists(path: PathLike) -> bool:
    """True when a file (an object) is stored at ``path``. Errors: TransientError / ConfigError (remote)."""
    loc = location(path)
    if isinstance(loc, Path):
        return loc.is_file()
    return _remote_call(lambda: loc.fs.isfile(loc.path), f"stat {loc}")


def remove(path: PathLike) -> None:
    """Delete the file (object) at ``path``; nothing when there is none.
    Errors: OSError (local); TransientError / ConfigError (remote)."""
    loc = location(path)
    if isinstance(loc, Path):
        loc.unlink(missing_ok=True)
        return
    if exists(loc):
        _remote_call(lambda: loc.fs.rm_file(loc.path), f"delete {loc}")


def files(root: Location, pattern: str) -> list[Location]:
    """The files under ``root`` matching the glob ``pattern`` (``**`` recurses), sorted.

    Object stores may list "folder" keys ending in ``/``; only files are returned.
    Errors: TransientError / ConfigError (remote).
    """
    if isinstance(root, Path):
        return sorted(p for p in root.glob(pattern) if p.is_file())
    found = _remote_call(lambda: root.fs.glob(f"{root.path.rstrip('/')}/{pattern}", detail=True),
                         f"list {root}")
    names = sorted(name for name, info in found.items() if info.get("type") == "file" and not name.endswith("/"))
    return [root.with_segments(f"{root.protocol}://{name}") for name in names]
