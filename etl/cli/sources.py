"""``news-etl sources health [--source NAME] [--runs N] [--plot FILE.png] [--json]``.

The extraction health of every source over its last runs, read from the runs index
(:func:`etl.index.runs.health_rows`; measured by :mod:`etl.core.health` in each run's
report task): one table row per run and source with the share of pages with a date, an
author, a lead, a body over ``health_body_words`` words and entities, the median body
length, and what dropped against the source's baseline (``!`` marks a flagged row).
``--plot`` also draws the trend, one panel per source; it needs matplotlib, the optional
extra ``news-etl[plot]``.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from etl.core.errors import ConfigError
from etl.core.health import MEDIAN, SHARES
from etl.core.settings import Settings
from etl.index.runs import health_rows

HEADER = ("run", "source", "pages", *SHARES, "median words", "dropped")


def _cells(row: dict) -> tuple[str, ...]:
    shares = tuple(f"{row[m]:.0%}" for m in SHARES)
    dropped = ", ".join(row.get("drops") or ())
    return (row["run"], row["source"], str(row["pages"]), *shares, f"{row[MEDIAN]:.0f}",
            f"! {dropped}" if row.get("flagged") else "")


def health_table(rows: list[dict]) -> str:
    """The rows as an aligned text table (header first); input: :func:`health_rows` rows."""
    lines = [HEADER, *(_cells(r) for r in rows)]
    widths = [max(len(line[i]) for line in lines) for i in range(len(HEADER) - 1)]
    text = []
    for line in lines:
        cells = [c.ljust(w) if i < 2 else c.rjust(w) for i, (c, w) in enumerate(zip(line, widths, strict=False))]
        text.append("  ".join([*cells, line[-1]]).rstrip())
    return "\n".join(text)


def sources(args: argparse.Namespace, settings: Settings) -> int:
    """Print the health table (or JSON lines with ``--json``) of the last ``args.runs`` runs
    (of ``args.source`` only, when given) and draw ``args.plot`` when given.

    Returns 0, 1 when there is nothing to show. Raises TransientError when the runs index
    cannot be read, ConfigError for ``--plot`` without matplotlib or ``--runs`` below 1.
    """
    if args.runs < 1:
        raise ConfigError("--runs must be at least 1")
    rows = health_rows(settings, args.source, args.runs)
    if not rows:
        print(f"no source health recorded yet in {settings.index_alias}-runs"
              + (f" for source {args.source!r}" if args.source else ""))
        return 1
    print("\n".join(json.dumps(r, sort_keys=True) for r in rows) if args.json else health_table(rows))
    if args.plot:
        print(f"plot: {plot_health(rows, args.plot)}")
    return 0


def _pyplot():
    """matplotlib's pyplot on the file-only Agg backend; ConfigError when it is not installed."""
    try:
        import matplotlib  # noqa: PLC0415 - optional extra news-etl[plot], only for --plot

        matplotlib.use("Agg")
        from matplotlib import pyplot  # noqa: PLC0415 - optional extra, after choosing the backend
    except ImportError as exc:
        raise ConfigError("--plot needs matplotlib: pip install 'news-etl[plot]'") from exc
    return pyplot


def plot_health(rows: list[dict], path: str | Path) -> Path:
    """Draw one panel per source: the shares (left axis, 0-100 %) and the median body length
    (right axis) per run, flagged runs marked in red. Writes a PNG to ``path``; returns it.

    Raises ConfigError without matplotlib, OSError when the file cannot be written.
    """
    plt = _pyplot()
    names = sorted({r["source"] for r in rows})
    fig, axes = plt.subplots(len(names), 1, figsize=(10, 3.2 * len(names)), squeeze=False)
    for ax, name in zip(axes[:, 0], names, strict=True):
        _panel(ax, name, [r for r in rows if r["source"] == name])
    fig.tight_layout()
    fig.savefig(path, format="png", dpi=100)
    plt.close(fig)
    return Path(path)


def _panel(ax, name: str, rows: list[dict]) -> None:
    x = list(range(len(rows)))
    for metric in SHARES:
        ax.plot(x, [100 * r[metric] for r in rows], marker="o", label=metric)
    for i, row in enumerate(rows):
        if row.get("flagged"):
            ax.axvline(i, color="red", alpha=0.3, linewidth=6)
    ax.set_ylim(-5, 105)
    ax.set_ylabel("% of pages")
    ax.set_title(f"{name}: extraction health per run (red: flagged)")
    ax.set_xticks(x, [r["run"] for r in rows], rotation=30, ha="right", fontsize=7)
    words = ax.twinx()
    words.plot(x, [r[MEDIAN] for r in rows], color="black", linestyle="--", label="median words")
    words.set_ylim(bottom=0)
    words.set_ylabel("median body words (dashed)")
    ax.legend(loc="lower left", fontsize=7, ncol=3)
