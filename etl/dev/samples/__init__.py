"""The bundled sample corpus: six hand-written news pages and a tiny local web server.

The pages under :data:`PAGES_DIR` are served over plain HTTP so that the whole pipeline
(discover -> fetch -> clean -> annotate -> load) can run offline. :data:`SOURCES_FILE`
lists them under ``${NEWS_ETL_SAMPLES_URL:-http://127.0.0.1:8765}``.

Standard library only: importing this module must stay cheap.
"""

from __future__ import annotations

import contextlib
import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PAGES_DIR: Path = Path(__file__).resolve().parent / "pages"
SOURCES_FILE: Path = Path(__file__).resolve().parent / "sources.yaml"

PAGES: tuple[str, ...] = (
    "world/putin-trump-apec.html",
    "business/ap-fed-rates.html",
    "tech/blog-rust-vs-go.html",
    "science/jsonld-mars-rover.html",
    "world/afp-climate-summit.html",
    "de/bundestag-haushalt.html",
)


class _QuietHandler(SimpleHTTPRequestHandler):
    """Static file handler: no access log, UTF-8 HTML content type."""

    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".html": "text/html; charset=utf-8",
        ".yaml": "text/plain; charset=utf-8",
    }

    def log_message(self, format, *args):  # noqa: A002 - signature fixed by the base class
        pass


@contextlib.contextmanager
def serve(port: int = 0, host: str = "127.0.0.1") -> Iterator[str]:
    """Serve :data:`PAGES_DIR` over HTTP in a daemon thread for the ``with`` block.

    Input: ``port`` (0 picks a free one) and ``host`` to bind.
    Output: yields the base URL, e.g. ``http://127.0.0.1:43123`` (no trailing slash).
    Errors: ``OSError`` if the address cannot be bound (e.g. port already in use).
    The server is shut down and its socket closed when the block exits.
    """
    handler = functools.partial(_QuietHandler, directory=str(PAGES_DIR))
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="samples-http", daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def page_urls(base_url: str) -> list[str]:
    """Return the URLs of the six sample pages under ``base_url``.

    Input: a base URL such as ``http://127.0.0.1:8765`` (a trailing ``/`` is allowed).
    Output: one absolute URL per page, in the order of ``sources.yaml``. No errors.
    """
    base = base_url.rstrip("/")
    return [f"{base}/{page}" for page in PAGES]
