"""Source health: how much of each page the cleaner and annotator got, per source and run,
and whether that dropped against the source's own rolling baseline (extraction drift).

A site redesign that breaks extraction is the commonest silent failure in news crawling:
pages still fetch and load, but without a date, a byline or most of the body. Per source
and run, :func:`measure` reads the run's batches and counts the **pages** that reached the
cleaner (cleaned + rejected by it; a rejected page counts as an article with nothing) and
the share of them with

- ``date``: a published date; ``author``: at least one author; ``lead``: a lead;
- ``body``: a body of at least ``settings.health_body_words`` words;
- ``entities``: at least one entity found by the annotator;

plus ``median_body_words`` (0 for a rejected page). :func:`source_health` compares one run's row
with the rows of the source's previous ``settings.health_baseline_runs`` runs (from the
runs index, :func:`etl.index.runs.previous_health`): pooled shares and the median of the
medians. A metric **drops** when it fell by at least ``settings.health_drop_threshold``
(shares: absolute; median: relative) *and* the fall is unlikely by chance at
``settings.health_significance`` (one-sided binomial test of the run's count against the
baseline share, Laplace-smoothed; for the median a sign test of the run's pages against
the baseline median). Both the run and the pooled baseline need at least
``settings.health_min_pages`` pages. A source with a drop is flagged: ``flagged`` in its
row, listed in the report's ``flagged_sources``, and one WARNING line in the task log.
"""

from __future__ import annotations

import logging
import math
import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from etl.core.settings import Settings
from etl.core.staging import read_jsonl
from etl.core.storage import Location, PathLike, location

log = logging.getLogger(__name__)

SHARES = ("date", "author", "lead", "body", "entities")
"""The share metrics, in display order."""
MEDIAN = "median_body_words"
ENTITY_FIELDS = ("entities", "persons", "organizations", "locations", "events")
History = Callable[[str], list[dict]]
"""``history(source)``: the source's previous health rows, newest first."""


@dataclass
class SourceTally:
    """Counts of one source in one run: pages, articles, pages per metric, body words per page."""

    pages: int = 0
    articles: int = 0
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SHARES, 0))
    words: list[int] = field(default_factory=list)

    def row(self, source: str) -> dict:
        shares = {m: round(self.counts[m] / self.pages, 4) for m in SHARES}
        return {"source": source, "pages": self.pages, "articles": self.articles, **shares,
                MEDIAN: float(statistics.median(self.words)), "counts": dict(self.counts)}


def _with_entities(folder: Location) -> set[str]:
    """doc_ids of the run's annotated articles with at least one entity."""
    found = set()
    for row in read_jsonl(folder / "annotate.jsonl.gz", missing_ok=True):
        annotation = row.get("annotation") or {}
        if any(annotation.get(name) for name in ENTITY_FIELDS):
            found.add((row.get("article") or {}).get("doc_id", ""))
    return found


def _count_article(tally: SourceTally, article: dict, min_words: int, entities: bool) -> None:
    words = len((article.get("body") or "").split())
    tally.pages += 1
    tally.articles += 1
    tally.words.append(words)
    got = {"date": bool(article.get("published_at")), "author": bool(article.get("authors")),
           "lead": bool((article.get("lead") or "").strip()), "body": words >= min_words, "entities": entities}
    for metric, ok in got.items():
        tally.counts[metric] += int(ok)


def measure(folder: PathLike | Sequence[PathLike], settings: Settings) -> dict[str, SourceTally]:
    """Counts of one run per source (those with at least one page), read from its batches.

    Input: the run folder, or the folders of its shards (etl.core.shards), each with
    ``clean.jsonl.gz``, ``clean.rejected.jsonl.gz``, ``annotate.jsonl.gz`` (missing files
    count as empty), and the settings (``health_body_words``). Output: source -> tally
    (``tally.row(source)`` gives the stored row). Raises OSError for an unreadable batch.
    """
    tallies: dict[str, SourceTally] = defaultdict(SourceTally)
    parts: Sequence[PathLike] = folder if isinstance(folder, (list, tuple)) else [folder]  # type: ignore[list-item]
    for part in parts:
        _measure_folder(location(part, settings), settings, tallies)  # local, or on object storage
    return dict(sorted(tallies.items()))


def _measure_folder(folder: Location, settings: Settings, tallies: dict[str, SourceTally]) -> None:
    entities = _with_entities(folder)
    for article in read_jsonl(folder / "clean.jsonl.gz", missing_ok=True):
        _count_article(tallies[article.get("source", "")], article, settings.health_body_words,
                       article.get("doc_id", "") in entities)
    for rejection in read_jsonl(folder / "clean.rejected.jsonl.gz", missing_ok=True):
        tally = tallies[rejection.get("source", "")]
        tally.pages += 1
        tally.words.append(0)


# ----------------------------------------------------------------------------- baseline and drops


def binomial_cdf(k: int, n: int, p: float) -> float:
    """P(X <= k) for X ~ Binomial(n, p), computed in log space (no overflow for large n)."""
    if k >= n:
        return 1.0
    if p <= 0.0:
        return 1.0
    if p >= 1.0:
        return 0.0
    log_p, log_q = math.log(p), math.log1p(-p)
    terms = [math.lgamma(n + 1) - math.lgamma(i + 1) - math.lgamma(n - i + 1) + i * log_p + (n - i) * log_q
             for i in range(k + 1)]
    top = max(terms)
    return min(1.0, math.exp(top) * sum(math.exp(t - top) for t in terms))


def baseline(history: Iterable[dict]) -> dict:
    """The pooled baseline of a source's previous health rows.

    Output: ``{"runs", "pages", "counts": {metric: n}, <share per metric>,
    "median_body_words"}`` (shares pooled over pages, the median of the runs' medians);
    ``runs`` 0 and no shares when ``history`` is empty.
    """
    rows = [r for r in history if r.get("pages")]
    pages = sum(r["pages"] for r in rows)
    counts = {m: sum(int((r.get("counts") or {}).get(m, 0)) for r in rows) for m in SHARES}
    out: dict = {"runs": len(rows), "pages": pages, "counts": counts}
    if rows:
        out.update({m: round(counts[m] / pages, 4) for m in SHARES})
        out[MEDIAN] = float(statistics.median(float(r.get(MEDIAN, 0.0)) for r in rows))
    return out


def _share_dropped(metric: str, row: dict, base: dict, settings: Settings) -> bool:
    fall = base[metric] - row[metric]
    if fall < settings.health_drop_threshold:
        return False
    expected = (base["counts"][metric] + 1) / (base["pages"] + 2)  # Laplace: a 100 % baseline is not certainty
    return binomial_cdf(row["counts"][metric], row["pages"], expected) < settings.health_significance


def _median_dropped(row: dict, words: list[int], base: dict, settings: Settings) -> bool:
    if row[MEDIAN] > base[MEDIAN] * (1.0 - settings.health_drop_threshold):
        return False
    above = sum(1 for w in words if w >= base[MEDIAN])  # sign test: pages at or above the old median
    return binomial_cdf(above, len(words), 0.5) < settings.health_significance


def drops(row: dict, base: dict, settings: Settings, words: list[int]) -> list[str]:
    """The metrics of ``row`` that dropped against ``base`` (see the module doc), in
    display order; [] when the run or the baseline has fewer than ``health_min_pages`` pages.

    ``words``: the run's body length of every page (for the median's sign test).
    """
    if row["pages"] < settings.health_min_pages or base.get("pages", 0) < settings.health_min_pages:
        return []
    dropped = [m for m in SHARES if _share_dropped(m, row, base, settings)]
    return dropped + ([MEDIAN] if _median_dropped(row, words, base, settings) else [])


def source_health(folder: PathLike | Sequence[PathLike], settings: Settings, history: History | None = None,
                  run: str = "") -> list[dict]:
    """The health rows of one run, each compared with its source's baseline.

    Input: the run folder (or its shards' folders, see :func:`measure`), the settings, ``history(source)`` returning that source's
    previous health rows (newest first; None: no baseline) and the run key (for the log).
    Output: one row per source with pages, sorted by source: :meth:`SourceTally.row` plus
    ``baseline`` (:func:`baseline`), ``drops`` (:func:`drops`) and ``flagged``. Each
    flagged source logs one WARNING line. Errors: OSError for an unreadable batch, and
    what ``history`` raises (e.g. TransientError when the runs index cannot be read).
    """
    rows = []
    for source, tally in measure(folder, settings).items():
        row = tally.row(source)
        base = baseline(history(source) if history else [])
        row["baseline"], row["drops"] = base, drops(row, base, settings, tally.words)
        row["flagged"] = bool(row["drops"])
        if row["flagged"]:
            log.warning("source health: source=%s run=%s dropped against %d previous runs: %s", source,
                        run or "?", base["runs"], _describe(row, base))
        rows.append(row)
    return rows


def _describe(row: dict, base: dict) -> str:
    parts = [f"{m} {base[m]:.0%}->{row[m]:.0%}" for m in row["drops"] if m in SHARES]
    if MEDIAN in row["drops"]:
        parts.append(f"median body {base[MEDIAN]:.0f}->{row[MEDIAN]:.0f} words")
    return ", ".join(parts)
