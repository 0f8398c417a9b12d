"""Duplicate stories: exact copies (same normalised body) and near-duplicates (syndicated
copies of one wire story) share a ``story_id`` so search can collapse them.

Near-duplicates are found with MinHash over word 4-shingles of the body (128 hash
functions, 32 LSH bands of 4 rows) and confirmed when the estimated Jaccard similarity
reaches ``settings.dedupe_threshold``. The story id of a copy is the story id of the
earliest-seen matching copy; a new story's id is its own ``doc_id``. Signatures persist
across runs in the state database (:mod:`etl.core.statedb`: SQLite
``<state_dir>/stories.sqlite3`` by default, PostgreSQL with ``settings.state_url``).
Assigning is idempotent: a document seen before keeps its story id.

Concurrent writers (several clean tasks, on several hosts) get one story id per story:
each assignment is one transaction that first locks the keys it could conflict on (its
doc id, its body hash, its LSH band keys). Two copies that can match share a body hash or
a band key, so their assignments run one after the other and the second sees the first;
unrelated documents do not wait for each other (PostgreSQL; SQLite serialises every write).
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from pathlib import Path

import numpy as np

from etl.core.records import CleanedArticle
from etl.core.settings import Settings
from etl.core.statedb import StateDB, Tx

SHINGLE_WORDS = 4
NUM_PERM = 128
BANDS = 32
ROWS = NUM_PERM // BANDS
MIN_WORDS = 30  # shorter bodies are only matched exactly
_PRIME = (1 << 31) - 1
_RNG = np.random.default_rng(20240601)
_A = _RNG.integers(1, _PRIME, NUM_PERM, dtype=np.int64)
_B = _RNG.integers(0, _PRIME, NUM_PERM, dtype=np.int64)
_WORD = re.compile(r"\w+", re.UNICODE)
_SCHEMA = """
CREATE TABLE IF NOT EXISTS docs (seq INTEGER PRIMARY KEY AUTOINCREMENT, doc_id TEXT UNIQUE, story_id TEXT,
                                 body_hash TEXT, sig BLOB, url TEXT);
CREATE INDEX IF NOT EXISTS docs_body_hash ON docs (body_hash);
CREATE TABLE IF NOT EXISTS bands (band TEXT, doc_id TEXT, PRIMARY KEY (band, doc_id));
"""


def words(text: str) -> list[str]:
    """Lower-cased word tokens of ``text``."""
    return _WORD.findall(text.lower())


def body_hash(text: str) -> str:
    """Hex sha256 of the body's words: equal for copies that differ only in markup/spacing/case."""
    return hashlib.sha256(" ".join(words(text)).encode("utf-8")).hexdigest()


def minhash(text: str) -> np.ndarray | None:
    """MinHash signature (``NUM_PERM`` int64) of the word 4-shingles; None for short texts."""
    tokens = words(text)
    if len(tokens) < MIN_WORDS:
        return None
    grams = {" ".join(tokens[i:i + SHINGLE_WORDS]) for i in range(len(tokens) - SHINGLE_WORDS + 1)}
    hashes = np.fromiter((int.from_bytes(hashlib.blake2b(g.encode(), digest_size=4).digest(), "little")
                          for g in grams), dtype=np.int64, count=len(grams))
    return ((np.outer(hashes, _A) + _B) % _PRIME).min(axis=0)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.mean(a == b))


def band_keys(sig: np.ndarray) -> list[str]:
    """LSH band keys of a signature: ``"<band>:<hash of its rows>"``."""
    return [f"{i}:{hashlib.blake2b(sig[i * ROWS:(i + 1) * ROWS].tobytes(), digest_size=8).hexdigest()}"
            for i in range(BANDS)]


def with_source(item, source: str):
    """``item`` (an article or a Rejection) with ``source`` filled in when it has none."""
    if source and not getattr(item, "source", source):
        return dataclasses.replace(item, source=source)
    return item


class StoryIndex:
    """Persistent duplicate detector; use as a context manager (closes on exit).

    Input: a :class:`StateDB`, or the path of a SQLite file, and the similarity threshold.
    """

    def __init__(self, db: StateDB | str | Path, threshold: float = 0.5):
        self.threshold = threshold
        self.db = db if isinstance(db, StateDB) else StateDB.sqlite(db)
        self.db.setup(_SCHEMA)

    @classmethod
    def open(cls, settings: Settings) -> StoryIndex:
        """The index of ``settings`` (``<state_dir>/stories.sqlite3``, or ``state_url``).
        Errors: ConfigError / TransientError (see :mod:`etl.core.statedb`)."""
        return cls(StateDB.open(settings, "stories"), settings.dedupe_threshold)

    def __enter__(self) -> StoryIndex:
        return self

    def __exit__(self, *exc) -> None:
        self.db.close()

    def assign(self, article: CleanedArticle) -> CleanedArticle:
        """Return ``article`` with its ``story_id`` set (and remember it for later runs).

        One transaction, serialised with every concurrent assignment of a possible copy.
        Errors: TransientError / ConfigError from the state database.
        """
        digest, sig = body_hash(article.body), minhash(article.body)
        bands = band_keys(sig) if sig is not None else []
        story = self.db.write(lambda tx: self._assign(tx, article, digest, sig, bands),
                              lock=[f"doc:{article.doc_id}", f"body:{digest}", *bands])
        return dataclasses.replace(article, story_id=story)

    def assign_any(self, item):
        """:meth:`assign` for a CleanedArticle; anything else (a Rejection) is returned as is."""
        return self.assign(item) if isinstance(item, CleanedArticle) else item

    def _assign(self, tx: Tx, article: CleanedArticle, digest: str, sig: np.ndarray | None,
                bands: list[str]) -> str:
        """The story id of ``article`` inside the transaction ``tx``, remembered."""
        known = tx.execute("SELECT story_id FROM docs WHERE doc_id = ?", (article.doc_id,)).fetchone()
        if known:
            story = known[0]
            tx.execute("DELETE FROM bands WHERE doc_id = ?", (article.doc_id,))
        else:
            story = self._exact(tx, digest, article.body) or self._near(tx, sig, bands) or article.doc_id
        tx.execute(
            "INSERT INTO docs (doc_id, story_id, body_hash, sig, url) VALUES (?, ?, ?, ?, ?) ON CONFLICT (doc_id) "
            "DO UPDATE SET body_hash = excluded.body_hash, sig = excluded.sig, url = excluded.url",
            (article.doc_id, story, digest, sig.tobytes() if sig is not None else None, article.url))
        tx.executemany("INSERT INTO bands (band, doc_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                       [(k, article.doc_id) for k in bands])
        return story

    def _exact(self, tx: Tx, digest: str, body: str) -> str | None:
        if len(words(body)) < 5:
            return None
        row = tx.execute("SELECT story_id FROM docs WHERE body_hash = ? ORDER BY seq LIMIT 1", (digest,)).fetchone()
        return row[0] if row else None

    def _near(self, tx: Tx, sig: np.ndarray | None, bands: list[str]) -> str | None:
        if sig is None:
            return None
        marks = ",".join("?" * len(bands))
        rows = tx.execute(
            f"SELECT d.seq, d.story_id, d.sig FROM docs d WHERE d.doc_id IN "
            f"(SELECT doc_id FROM bands WHERE band IN ({marks})) ORDER BY d.seq", bands).fetchall()
        for _, story, blob in rows:
            if similarity(sig, np.frombuffer(blob, dtype=np.int64)) >= self.threshold:
                return story
        return None
