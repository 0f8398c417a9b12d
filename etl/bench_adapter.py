"""score.py plugin: ``extract(html, url) -> str`` backed by :func:`etl.clean.main_text`."""

from __future__ import annotations


def extract(html: str, url: str) -> str:
    """Main text of ``html`` (one paragraph per line, title excluded); never raises."""
    from etl.clean import main_text

    return main_text(html, url)
