"""A real HTTP proxy in front of the real Elasticsearch node, for tests that must see or
change what goes over the wire (credentials sent, injected 429/503 answers).

Subclass :class:`Forwarder` and override :meth:`Forwarder.respond`; run it with
:func:`running`, which yields the proxy's URL and stops it afterwards.
"""

from __future__ import annotations

import http.client
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

HOP_HEADERS = ("content-length", "transfer-encoding", "connection")


class Forwarder(BaseHTTPRequestHandler):
    """Forwards every request to ``upstream`` and relays the answer unchanged."""

    protocol_version = "HTTP/1.1"
    upstream: tuple[str, int] = ("127.0.0.1", 9200)
    dropped_request_headers: tuple[str, ...] = ("host",)

    def log_message(self, format, *args):  # noqa: A002
        pass

    def _handle(self):
        length = int(self.headers.get("Content-Length") or 0)
        self.respond(self.rfile.read(length) if length else None)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _handle  # noqa: N815

    def respond(self, body: bytes | None) -> None:
        """Answer one request whose body is ``body`` (default: forward it as it is)."""
        self.reply(*self.forward(body))

    def forward(self, body: bytes | None) -> tuple[int, bytes, list[tuple[str, str]]]:
        """Send the request upstream; return status, body and headers of the answer."""
        headers = {k: v for k, v in self.headers.items() if k.lower() not in self.dropped_request_headers}
        conn = http.client.HTTPConnection(*self.upstream, timeout=60)
        try:
            conn.request(self.command, self.path, body=body, headers=headers)
            resp = conn.getresponse()
            return resp.status, resp.read(), resp.getheaders()
        finally:
            conn.close()

    def reply(self, status: int, data: bytes, headers: list[tuple[str, str]]) -> None:
        """Send an answer (hop-by-hop headers replaced by a correct Content-Length)."""
        self.send_response(status)
        for k, v in headers:
            if k.lower() not in HOP_HEADERS:
                self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)


@contextmanager
def running(handler: type[Forwarder], es_url: str, **attrs):
    """Serve a subclass of ``handler`` (with ``attrs`` as class attributes) in front of ``es_url``.

    Yields ``(proxy_url, handler_class)``; the server is shut down on exit.
    """
    parts = urlsplit(es_url)
    cls = type(handler.__name__, (handler,), {"upstream": (parts.hostname, parts.port), **attrs})
    server = ThreadingHTTPServer(("127.0.0.1", 0), cls)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", cls
    finally:
        server.shutdown()
        server.server_close()
