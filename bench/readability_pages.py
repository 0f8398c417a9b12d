"""Fresh real pages for gold made by reading them: the test pages of Mozilla's Readability, as
shipped by its Go port ``codeberg.org/readeck/go-readability/v2`` (Apache-2.0), fetched from the Go
module proxy with ``go mod download`` (pinned version; Go finds the proxy itself) into Go's module
cache. About 60 of the 130 are news or blog articles (NYT, Washington Post, BBC, Guardian, CNN,
Telegraph, Yahoo, heise, Le Monde, Libération, Folha, La Nación...), none of them in
``../shared/bench``. Nothing is copied into this repository: gold files name a page by its folder
(``dataset: "readability"``, ``id: "nytimes-1"``).

A second, smaller source of the same kind: the ``sites`` pages of GoOse
(``github.com/advancedlogic/GoOse``, Apache-2.0, a Go port of Goose), about 40 English news pages
(ABC News, BBC, Bloomberg, CNN, Reuters...) named by file stem (``dataset: "goose"``,
``id: "bbc.com"``).

    .venv/bin/python bench/readability_pages.py          # download both if needed, print the folders
"""

from __future__ import annotations

import functools
import json
import subprocess
from pathlib import Path

MODULE = "codeberg.org/readeck/go-readability/v2"
VERSION = "v2.1.3"
GOOSE_MODULE = "github.com/advancedlogic/GoOse"
GOOSE_VERSION = "v0.0.0-20191112112754-e742535969c1"


@functools.lru_cache(maxsize=4)
def module_dir(module: str, version: str) -> Path:
    """The folder of Go module ``module@version`` in Go's module cache, downloaded first when missing.

    Raises FileNotFoundError when ``go`` is not installed, RuntimeError when the download fails.
    """
    done = subprocess.run(["go", "mod", "download", "-json", f"{module}@{version}"], capture_output=True,
                          text=True, timeout=300, cwd="/")
    info = json.loads(done.stdout or "{}")
    if done.returncode != 0 or "Dir" not in info:
        raise RuntimeError(f"go mod download {module}@{version} failed: {info.get('Error') or done.stderr[-500:]}")
    return Path(info["Dir"])


def pages_dir() -> Path:
    """The ``test-pages`` folder of the pinned go-readability (see ``module_dir`` for errors)."""
    return module_dir(MODULE, VERSION) / "test-pages"


def goose_dir() -> Path:
    """The ``sites`` folder of the pinned GoOse: one ``<site>.html`` per page."""
    return module_dir(GOOSE_MODULE, GOOSE_VERSION) / "sites"


def goose_html(page_id: str) -> bytes:
    """The raw HTML of GoOse page ``page_id`` (file stem, e.g. ``bbc.com``)."""
    return (goose_dir() / f"{page_id}.html").read_bytes()


def page_html(page_id: str) -> bytes:
    """The raw HTML of test page ``page_id`` (its ``source.html``)."""
    return (pages_dir() / page_id / "source.html").read_bytes()


def page_metadata(page_id: str) -> dict:
    """Readability's expected metadata of ``page_id`` (title, byline, excerpt, language...), {} if none."""
    path = pages_dir() / page_id / "expected-metadata.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


if __name__ == "__main__":
    print(pages_dir())
    print(goose_dir())
