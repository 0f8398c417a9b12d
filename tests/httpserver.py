"""A small scriptable HTTP server on loopback for fetch and discovery tests.

    with LocalServer("127.0.0.3") as srv:
        srv.route("/a", Reply(200, b"<html>..</html>"))
        srv.route("/flaky", Reply(503, headers={"Retry-After": "1"}), Reply(200, b"ok"))
        srv.route("/dyn", lambda headers: Reply(304) if headers.get("If-None-Match") else Reply(200))
        srv.url("/a")  -> "http://127.0.0.3:PORT/a"

A route given several replies serves them in turn, then repeats the last one. Every
request is recorded (path and headers) in ``srv.requests``; POST requests are answered the
same way and their bodies also recorded, in ``srv.posts`` (path, headers, body). Unknown
paths get 404.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Reply:
    """One scripted response."""

    status: int = 200
    body: bytes = b""
    headers: dict = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering
    drip: float = 0.0  # seconds between two bytes of the body (a slow-drip server)
    drip_headers: bool = False  # drip the status line and headers as well

    @classmethod
    def html(cls, text: str, charset: str = "utf-8", **kwargs) -> Reply:
        """An HTML reply encoded with ``charset`` and labelled with it."""
        headers = {"Content-Type": f"text/html; charset={charset}", **kwargs.pop("headers", {})}
        return cls(200, text.encode(charset), headers, **kwargs)


class LocalServer:
    """Threaded HTTP server bound to ``host`` (any 127.x.y.z address) on ``port`` (0: a free one)."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0):
        self.host, self.port = host, port
        self.routes: dict[str, list] = {}
        self.requests: list[tuple[str, dict]] = []
        self.posts: list[tuple[str, dict, bytes]] = []
        self._lock = threading.Lock()

    def route(self, path: str, *replies) -> None:
        """Serve ``replies`` (Reply objects or ``callable(headers) -> Reply``) at ``path``."""
        self.routes[path] = list(replies)

    def url(self, path: str = "/") -> str:
        return f"http://{self.host}:{self.port}{path}"

    def hits(self, path: str) -> int:
        """How many requests ``path`` received."""
        return sum(1 for p, _ in self.requests if p == path)

    def _next(self, path: str, headers: dict) -> Reply:
        with self._lock:
            self.requests.append((path, headers))
            replies = self.routes.get(path)
            if not replies:
                return Reply(404, b"not found", {"Content-Type": "text/plain"})
            reply = replies.pop(0) if len(replies) > 1 else replies[0]
        return reply(headers) if callable(reply) else reply

    def __enter__(self) -> LocalServer:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):  # noqa: N802 - name fixed by the base class
                self._answer(server._next(self.path, dict(self.headers)))

            def do_POST(self):  # noqa: N802 - name fixed by the base class
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with server._lock:
                    server.posts.append((self.path, dict(self.headers), body))
                self._answer(server._next(self.path, dict(self.headers)))

            def _answer(self, reply: Reply) -> None:
                if reply.delay:
                    time.sleep(reply.delay)
                if reply.drip:
                    return self._drip(reply)
                self.send_response(reply.status)
                for key, value in reply.headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                try:
                    self.wfile.write(reply.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def _drip(self, reply: Reply) -> None:
                head = f"HTTP/1.1 {reply.status} X\r\n" + "".join(f"{k}: {v}\r\n" for k, v in reply.headers.items())
                head = (head + f"Content-Length: {len(reply.body)}\r\n\r\n").encode()
                data = head + reply.body if reply.drip_headers else reply.body
                self.close_connection = True
                try:
                    if not reply.drip_headers:
                        self.wfile.write(head)
                    for i in range(len(data)):
                        self.wfile.write(data[i:i + 1])
                        self.wfile.flush()
                        time.sleep(reply.drip)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, format, *args):  # noqa: A002
                pass

        self._server = ThreadingHTTPServer((self.host, self.port), Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)
