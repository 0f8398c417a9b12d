"""What wraps every request of the API: a per-client rate limit and the security headers.

:class:`RateLimit` is a token bucket per client address: ``burst`` requests at once, then
``per_minute`` a minute; a request over the limit gets 429 ``{"error": ...}`` with
``Retry-After`` (whole seconds) and never reaches a route or Elasticsearch. The client is
the connection's address as the ASGI server reports it (behind a reverse proxy, let uvicorn
read ``X-Forwarded-For`` from that proxy only: ``FORWARDED_ALLOW_IPS``); IPv6 clients are
counted per /64, the block one host usually gets. Buckets live in the process: each worker
process limits on its own.

:class:`SecurityHeaders` adds headers (``X-Content-Type-Options: nosniff`` by default) to every
response that does not set them itself.
"""

from __future__ import annotations

import ipaddress
import math
import time
from collections import OrderedDict
from collections.abc import Callable

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from etl.api.errors import error_response

DEFAULT_HEADERS = {"X-Content-Type-Options": "nosniff"}
MAX_CLIENTS = 100_000  # buckets kept; the least recently seen client is forgotten first


class TokenBuckets:
    """One token bucket per key: ``burst`` tokens, refilled at ``per_minute / 60`` a second.

    ``clock`` returns seconds (monotonic). At most ``max_clients`` buckets are kept.
    """

    def __init__(self, per_minute: float, burst: int, clock: Callable[[], float] = time.monotonic,
                 max_clients: int = MAX_CLIENTS):
        self.rate = per_minute / 60.0
        self.burst = max(1, int(burst))
        self.clock = clock
        self.max_clients = max_clients
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()  # key -> (tokens, time)

    def take(self, key: str) -> float:
        """Take one token for ``key``: 0.0 when granted, else the seconds until one is available."""
        now = self.clock()
        tokens, then = self._buckets.pop(key, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + (now - then) * self.rate)
        wait = 0.0 if tokens >= 1 else (1 - tokens) / self.rate
        self._buckets[key] = (tokens - 1 if wait == 0.0 else tokens, now)
        if len(self._buckets) > self.max_clients:
            self._buckets.popitem(last=False)
        return wait


def client_key(scope: Scope) -> str:
    """The rate-limit key of a request: its client's IP address, an IPv6 one cut to its /64."""
    host = (scope.get("client") or ("unknown", 0))[0]
    try:
        addr = ipaddress.ip_address(host)
    except ValueError:
        return str(host)
    if isinstance(addr, ipaddress.IPv6Address):
        if addr.ipv4_mapped:
            return str(addr.ipv4_mapped)
        return str(ipaddress.IPv6Network((int(addr) >> 64 << 64, 64)))
    return str(addr)


class RateLimit:
    """ASGI middleware: at most ``per_minute`` requests a minute per client, ``burst`` at once.

    ``per_minute`` 0 (or less) turns the limit off.
    """

    def __init__(self, app: ASGIApp, per_minute: float, burst: int, clock: Callable[[], float] = time.monotonic):
        self.app = app
        self.per_minute = per_minute
        self.buckets = TokenBuckets(per_minute, burst, clock) if per_minute > 0 else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.buckets is None:
            await self.app(scope, receive, send)
            return
        wait = self.buckets.take(client_key(scope))
        if not wait:
            await self.app(scope, receive, send)
            return
        seconds = max(1, math.ceil(wait))
        response = error_response(429, f"too many requests: at most {self.per_minute:g} a minute per client "
                                        f"({self.buckets.burst} at once); retry in {seconds} s")
        response.headers["Retry-After"] = str(seconds)
        await response(scope, receive, send)


class SecurityHeaders:
    """ASGI middleware: add ``headers`` (default :data:`DEFAULT_HEADERS`) to every HTTP response
    that does not already carry them."""

    def __init__(self, app: ASGIApp, headers: dict[str, str] | None = None):
        self.app = app
        self.headers = dict(DEFAULT_HEADERS if headers is None else headers)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in self.headers.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)
