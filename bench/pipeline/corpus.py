"""Benchmark corpus: N varied article pages written to a folder and served on 127.0.0.1.

Base pages are the real news/blog pages of ``../shared/bench`` (scrapinghub: 102,
trafilatura-eval: 502) when present, else the six bundled sample pages. Page ``i`` is
base page ``i % len(bases)`` with a per-copy variation (title suffix, an edition line
and a reordered pair of paragraphs) so every URL, ``doc_id`` and body differs.
"""

from __future__ import annotations

import contextlib
import gzip
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "bench"
_TITLE = re.compile(rb"(<title[^>]*>)(.*?)(</title>)", re.IGNORECASE | re.DOTALL)
_BODY = re.compile(rb"(<body[^>]*>)", re.IGNORECASE)
_PARA = re.compile(rb"<p[ >].*?</p>", re.IGNORECASE | re.DOTALL)


def base_pages() -> list[bytes]:
    """Raw HTML of the base pages (sorted by file name, so the corpus is reproducible)."""
    files = sorted((SHARED / "scrapinghub" / "html").glob("*.gz")) + sorted(
        (SHARED / "trafilatura-eval" / "html").glob("*.gz"))
    if files:
        return [gzip.decompress(p.read_bytes()) for p in files]
    pages = ROOT / "etl" / "samples" / "pages"
    return [p.read_bytes() for p in sorted(pages.rglob("*.html"))]


def vary(html: bytes, copy: int) -> bytes:
    """A distinct but equally realistic variant of ``html`` (copy 0 is the page itself)."""
    if copy == 0:
        return html
    html = _TITLE.sub(lambda m: m.group(1) + m.group(2) + b" (edition %d)" % copy + m.group(3), html, count=1)
    paras = list(_PARA.finditer(html))
    if len(paras) >= 4:  # swap two middle paragraphs: same words, different body
        a, b = paras[1 + copy % (len(paras) - 2)], paras[1]
        if a.start() != b.start():
            first, second = sorted((a, b), key=lambda m: m.start())
            html = (html[:first.start()] + second.group(0) + html[first.end():second.start()]
                    + first.group(0) + html[second.end():])
    return _BODY.sub(lambda m: m.group(1) + b"<!-- edition %d -->" % copy, html, count=1)


def build(folder: Path, n: int, base_count: int | None = None) -> list[str]:
    """Write ``n`` pages under ``folder`` (page ``i``: copy ``i // B`` of base page ``i % B``, B the
    first ``base_count`` base pages, default all); return their paths relative to it."""
    bases = base_pages()[:base_count]
    rel = []
    for i in range(n):
        copy, j = divmod(i, len(bases))
        path = f"news/{j:03d}/story-{i:05d}.html"
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(vary(bases[j], copy))
        rel.append(path)
    return rel


def write_sources(path: Path, base_url: str, rel: list[str]) -> None:
    lines = ["sources:", "  - name: bench", "    kind: urls", "    urls:"]
    lines += [f"      - {base_url}/{r}" for r in rel]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve(folder: Path, host: str = "127.0.0.1"):
    """Serve ``folder`` with ``python -m http.server`` on ``host`` (a loopback address) in its
    own process; yield the base URL."""
    port = _free_port(host)
    proc = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", host, "-p", "HTTP/1.1",
                             "--directory", str(folder)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            with contextlib.suppress(OSError), socket.create_connection((host, port), timeout=0.2):
                break
            time.sleep(0.1)
        yield f"http://{host}:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)
