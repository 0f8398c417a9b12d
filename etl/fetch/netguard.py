"""Which addresses fetching may connect to (SSRF protection), and the httpx transports that enforce it.

Every connection the fetcher, robots.txt and discovery open goes through a guarded
network backend (:class:`GuardedTransport`, :class:`SyncGuardedTransport`): the host name
is resolved **once** with ``getaddrinfo`` (so every spelling the system accepts —
``2130706433``, ``0x7f.1``, ``0177.0.0.1``, ``127.1`` — ends as the address it means),
every resolved address is checked, and the socket is opened to the checked address
itself, never to the name: a second resolution cannot answer differently (DNS
rebinding). Each redirect hop opens its own connection and is checked the same way. TLS
still verifies the certificate against the host name (SNI is the name, not the address).

Refused, unless inside one of ``settings.fetch_allowed_networks`` (comma-separated CIDRs,
e.g. ``127.0.0.0/8``): every address that is not public unicast — loopback, private
(RFC 1918, ``fc00::/7``), link-local (``169.254/16`` with the cloud metadata address,
``fe80::/10``), site-local, shared (``100.64/10``), multicast, reserved, unspecified,
documentation and benchmark ranges — and IPv6 addresses that carry such an IPv4 address:
IPv4-mapped ``::ffff:a.b.c.d`` (checked, and connected to, as the IPv4 address), 6to4
``2002::/16``, NAT64 ``64:ff9b::/96`` and Teredo. A host name with any refused address is
refused whole. A refusal raises :class:`BlockedAddress` (counted as ``blocked_address``).
Environment proxies are not used: a proxy would resolve names out of reach of the check.
"""

from __future__ import annotations

import asyncio
import functools
import ipaddress
import socket
import ssl
from collections.abc import Callable, Iterable

import certifi
import httpcore
import httpx

from etl.core.errors import ConfigError, EtlError
from etl.core.settings import Settings

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Resolver = Callable[[str, int], list[str]]
_KINDS = ("loopback", "link_local", "site_local", "multicast", "unspecified", "reserved", "private")  # specific first
_TRANSLATED = (ipaddress.IPv6Network("::ffff:0:0/96"), ipaddress.IPv6Network("64:ff9b::/96"))  # mapped, NAT64
DEFAULT_LIMITS = httpx.Limits(max_connections=100, max_keepalive_connections=20)  # httpx's defaults


class BlockedAddress(EtlError):
    """A connection to a refused address: ``host`` resolved to ``address`` of ``kind``."""

    def __init__(self, host: str, address: str, kind: str):
        super().__init__(f"{host} -> {address} ({kind})")
        self.host, self.address, self.kind = host, address, kind


def refused_kind(ip: IPAddress) -> str | None:
    """Why ``ip`` is not a public unicast address (``loopback``, ``private``, ``link_local``...,
    ``embeds <kind> <ipv4>`` for IPv6 forms carrying a refused IPv4), or None when it is.

    IPv4-mapped and NAT64 addresses stand for their IPv4 address and are judged as it; 6to4
    and Teredo addresses must pass both as themselves and for the IPv4 address they carry.
    """
    inner = embedded_ipv4(ip)
    if inner is not None and any(ip in net for net in _TRANSLATED):
        return _carried(inner)
    own = next((kind for kind in _KINDS if getattr(ip, f"is_{kind}", False)), None)
    if own or not ip.is_global:
        return own or "not_global"
    return _carried(inner) if inner is not None else None


def _carried(inner: ipaddress.IPv4Address) -> str | None:
    kind = refused_kind(inner)
    return f"embeds {kind} {inner}" if kind else None


def embedded_ipv4(ip: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries (mapped, 6to4, NAT64, Teredo client), else None."""
    if not isinstance(ip, ipaddress.IPv6Address):
        return None
    if ip.ipv4_mapped or ip.sixtofour:
        return ip.ipv4_mapped or ip.sixtofour
    if ip in _TRANSLATED[1]:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return ip.teredo[1] if ip.teredo else None


def system_resolve(host: str, port: int) -> list[str]:
    """Addresses of ``host`` from the system resolver (``getaddrinfo``), in its order.

    Raises OSError (``socket.gaierror``) when the name does not resolve.
    """
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


class AddressGuard:
    """The address policy: public unicast addresses plus the ``allowed`` networks.

    ``resolve(host, port) -> [address, ...]`` defaults to :func:`system_resolve` (tests pass
    their own to play DNS).
    """

    def __init__(self, allowed: Iterable[Network] = (), resolve: Resolver = system_resolve):
        self.allowed = tuple(allowed)
        self.resolve = resolve

    @classmethod
    def from_settings(cls, settings: Settings, resolve: Resolver = system_resolve) -> AddressGuard:
        """The guard of ``settings.fetch_allowed_networks``; ConfigError names a bad CIDR."""
        return cls(parse_networks(settings.fetch_allowed_networks), resolve)

    def check(self, host: str, address: str) -> str:
        """The address to connect to for ``address`` (an IPv4-mapped IPv6 address as its
        IPv4 form); raises BlockedAddress when it is refused."""
        ip = ipaddress.ip_address(address)
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
            ip = ip.ipv4_mapped
        kind = None if any(ip in net for net in self.allowed) else refused_kind(ip)
        if kind:
            raise BlockedAddress(host, str(ip), kind)
        return str(ip)

    def addresses(self, host: str, port: int) -> list[str]:
        """The checked addresses of ``host`` (resolved once; an address literal as itself).

        Raises BlockedAddress when any address is refused, httpcore.ConnectError when the
        name does not resolve.
        """
        try:
            found = [host] if is_address(host) else self.resolve(host, port)
        except OSError as exc:
            raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from exc
        if not found:
            raise httpcore.ConnectError(f"cannot resolve {host}: no address")
        return [self.check(host, address) for address in found]


def is_address(host: str) -> bool:
    """True when ``host`` is an IPv4 or IPv6 address literal in canonical notation."""
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def parse_networks(text: str) -> list[Network]:
    """Networks of a comma-separated CIDR list (``""``: none); ConfigError on a bad entry."""
    networks = []
    for part in filter(None, (p.strip() for p in text.split(","))):
        try:
            networks.append(ipaddress.ip_network(part, strict=False))
        except ValueError as exc:
            raise ConfigError(f"NEWS_ETL_FETCH_ALLOWED_NETWORKS: {part!r} is not a CIDR network ({exc})") from exc
    return networks


class _GuardedBackend(httpcore.AsyncNetworkBackend):
    """httpcore network backend: resolve and check once, then connect to a checked address
    (the next one when a connection is refused)."""

    def __init__(self, guard: AddressGuard):
        self.guard = guard
        self.inner = httpcore.AnyIOBackend()

    async def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                          local_address: str | None = None, socket_options=None) -> httpcore.AsyncNetworkStream:
        if is_address(host):  # nothing to resolve: no thread hop
            addresses = self.guard.addresses(host, port)
        else:
            addresses = await asyncio.to_thread(self.guard.addresses, host, port)
        for address in addresses[:-1]:
            try:
                return await self.inner.connect_tcp(address, port, timeout, local_address, socket_options)
            except httpcore.ConnectError:
                continue
        return await self.inner.connect_tcp(addresses[-1], port, timeout, local_address, socket_options)

    async def sleep(self, seconds: float) -> None:
        await self.inner.sleep(seconds)


class _SyncGuardedBackend(httpcore.NetworkBackend):
    """The synchronous twin of :class:`_GuardedBackend` (discovery's ``httpx.Client``)."""

    def __init__(self, guard: AddressGuard):
        self.guard = guard
        self.inner = httpcore.SyncBackend()

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None, socket_options=None) -> httpcore.NetworkStream:
        addresses = self.guard.addresses(host, port)
        for address in addresses[:-1]:
            try:
                return self.inner.connect_tcp(address, port, timeout, local_address, socket_options)
            except httpcore.ConnectError:
                continue
        return self.inner.connect_tcp(addresses[-1], port, timeout, local_address, socket_options)

    def sleep(self, seconds: float) -> None:
        self.inner.sleep(seconds)


class GuardedTransport(httpx.AsyncHTTPTransport):
    """An ``httpx.AsyncHTTPTransport`` whose every connection passes ``guard`` (no proxy)."""

    def __init__(self, guard: AddressGuard, limits: httpx.Limits = DEFAULT_LIMITS):
        super().__init__(verify=tls_context(), limits=limits, trust_env=False)
        self._pool = httpcore.AsyncConnectionPool(**_pool_options(limits), network_backend=_GuardedBackend(guard))


class SyncGuardedTransport(httpx.HTTPTransport):
    """An ``httpx.HTTPTransport`` whose every connection passes ``guard`` (no proxy)."""

    def __init__(self, guard: AddressGuard, limits: httpx.Limits = DEFAULT_LIMITS):
        super().__init__(verify=tls_context(), limits=limits, trust_env=False)
        self._pool = httpcore.ConnectionPool(**_pool_options(limits), network_backend=_SyncGuardedBackend(guard))


def _pool_options(limits: httpx.Limits) -> dict:
    """Keyword arguments of an httpcore connection pool: the shared TLS context and ``limits``."""
    return {"ssl_context": tls_context(), "max_connections": limits.max_connections,
            "max_keepalive_connections": limits.max_keepalive_connections, "keepalive_expiry": limits.keepalive_expiry}


@functools.cache
def tls_context() -> ssl.SSLContext:
    """One TLS context (certifi's CAs) for every client of the process: loading CAs is slow."""
    return ssl.create_default_context(cafile=certifi.where())
