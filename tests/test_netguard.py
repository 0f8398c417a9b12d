"""SSRF: fetching and discovery reach public addresses only, checked after DNS resolution on
every connection (so on every redirect hop, and against DNS rebinding).

The "public" sites of these tests are loopback servers whose single address is listed in
``fetch_allowed_networks``; every other loopback address plays an internal service.
Settings are built from an explicit environment (not the one tests/conftest.py opens).
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging

import pytest

from etl.core.errors import ConfigError
from etl.core.records import Rejection
from etl.core.report import fetch_outcome
from etl.core.settings import Settings
from etl.discover import discover
from etl.fetch.fetcher import ClientPool, Fetcher, fetch_all
from etl.fetch.netguard import AddressGuard, BlockedAddress, parse_networks, refused_kind
from tests.httpserver import LocalServer, Reply

REFUSED = [
    "127.0.0.1", "127.255.255.254", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1",
    "0.0.0.0", "224.0.0.1", "239.255.255.250", "240.0.0.1", "255.255.255.255", "198.18.0.1", "192.0.2.1",
    "::1", "::", "fc00::1", "fd12:3456::1", "fe80::1", "fec0::1", "ff02::1", "2001:db8::1",
    "::ffff:127.0.0.1", "::ffff:169.254.169.254", "::ffff:10.0.0.1", "::127.0.0.1",
    "2002:7f00:1::1", "2002:a00:1::", "64:ff9b::a00:1", "64:ff9b::7f00:1", "2001:0:4136:e378:8000:63bf:80ff:fffe",
]
PUBLIC = ["93.184.216.34", "8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "2a00:1450:4001:80b::200e",
          "2002:5db8:d822::1", "64:ff9b::808:808", "::ffff:8.8.8.8"]


def env_settings(tmp_path, allowed: str, **overrides) -> Settings:
    """Settings from an explicit environment: ``allowed`` is NEWS_ETL_FETCH_ALLOWED_NETWORKS."""
    overrides = {"staging_dir": str(tmp_path / "staging"), "fetch_timeout": 3.0, "fetch_backoff": 0.05,
                 "fetch_retries": 0, **overrides}  # 3 s: ten hosts at once overflow the test server's backlog of 5
    return Settings.from_env({"NEWS_ETL_FETCH_ALLOWED_NETWORKS": allowed}, **overrides)


def fetch(settings: Settings, urls: list[str], guard: AddressGuard | None = None) -> dict:
    """Fetch ``urls``; url -> FetchedPage | Rejection. ``guard`` replaces the settings' one."""
    out: list = []
    if guard is None:
        fetch_all(({"url": u, "source": "t"} for u in urls), settings, out.append)
    else:
        async def go():
            pool = ClientPool(settings, guard)
            try:
                out.extend([await Fetcher(pool, settings).fetch({"url": u, "source": "t"}) for u in urls])
            finally:
                await pool.aclose()
        asyncio.run(go())
    return {r.url: r for r in out}


def reasons(results: dict) -> dict:
    return {url: r.reason if isinstance(r, Rejection) else "fetched" for url, r in results.items()}


@pytest.mark.parametrize("address", REFUSED)
def test_non_public_addresses_are_refused(address):
    with pytest.raises(BlockedAddress) as caught:
        AddressGuard().check("h", address)
    assert caught.value.host == "h" and caught.value.kind


@pytest.mark.parametrize("address", PUBLIC)
def test_public_addresses_pass(address):
    ip = ipaddress.ip_address(address)
    assert refused_kind(ip) is None or ip.version == 6 and ip.ipv4_mapped is not None
    assert AddressGuard().check("h", address) in (address, "8.8.8.8")


def test_allowed_networks_open_exceptions_and_bad_ones_fail_fast(tmp_path):
    guard = AddressGuard(parse_networks(" 127.0.0.0/8 , fd00::/8"))
    assert guard.check("h", "127.0.0.9") == "127.0.0.9"
    assert guard.check("h", "::ffff:127.0.0.9") == "127.0.0.9"  # mapped: checked and connected as IPv4
    assert guard.check("h", "fd00::5") == "fd00::5"
    with pytest.raises(BlockedAddress, match="169.254.169.254 .link_local"):
        guard.check("h", "169.254.169.254")
    assert parse_networks("") == []
    for bad in ("10.0.0.0/33", "localhost", "127.0.0.1/8/8"):
        with pytest.raises(ConfigError, match="NEWS_ETL_FETCH_ALLOWED_NETWORKS"):
            parse_networks(bad)
    with pytest.raises(ConfigError):
        fetch_all([], env_settings(tmp_path, "not-a-network"), print)


def test_direct_internal_urls_are_refused_in_every_spelling(tmp_path):
    with LocalServer("127.0.0.1") as srv:
        srv.route("/a", Reply.html("<html><body><p>internal</p></body></html>"))
        p = srv.port
        spellings = [f"http://{host}:{p}/a" for host in (
            "127.0.0.1", "localhost", "2130706433", "0x7f.0.0.1", "0x7f000001", "0177.1", "017700000001", "127.1",
            "[::ffff:127.0.0.1]", "[::ffff:7f00:1]")]
        elsewhere = [f"http://[::1]:{p}/a", "http://[fc00::1]/a", "http://[fe80::1]/a", "http://10.0.0.1/a",
                     "http://169.254.169.254/latest/meta-data/", "http://[::ffff:169.254.169.254]/latest/meta-data/",
                     "http://0.0.0.0/a", "http://224.0.0.1/a"]
        refused = fetch(env_settings(tmp_path, ""), spellings + elsewhere + [f"http://0177.0.0.1:{p}/a"])
        assert srv.requests == []  # not even robots.txt
        opened = fetch(env_settings(tmp_path, "127.0.0.0/8"), spellings)
    assert reasons(refused) == {**dict.fromkeys(spellings + elsewhere, "blocked_address"),
                                f"http://0177.0.0.1:{p}/a": "bad_url"}  # httpx refuses that spelling itself
    assert "127.0.0.1 (loopback)" in refused[f"http://2130706433:{p}/a"].detail
    assert reasons(opened) == dict.fromkeys(spellings, "fetched")  # the same names resolve to 127.0.0.1


def test_redirects_to_internal_addresses_are_refused(tmp_path):
    with LocalServer("127.0.0.31") as site, LocalServer("127.0.0.1") as inner:
        inner.route("/secret", Reply.html("<html><body><p>secret</p></body></html>"))
        targets = {"/metadata": "http://169.254.169.254/latest/meta-data/", "/ten": "http://10.11.12.13/admin",
                   "/loopback": inner.url("/secret"), "/by-name": f"http://localhost:{inner.port}/secret",
                   "/mapped": f"http://[::ffff:127.0.0.1]:{inner.port}/secret", "/v6": "http://[fd00::1]/x"}
        for path, location in targets.items():
            site.route(path, Reply(302, headers={"Location": location}))
        site.route("/public", Reply(301, headers={"Location": site.url("/final")}))
        site.route("/final", Reply.html("<html><body><p>public</p></body></html>"))
        results = fetch(env_settings(tmp_path, "127.0.0.31/32"), [site.url(p) for p in [*targets, "/public"]])
        assert inner.requests == []
    assert reasons(results) == {**{site.url(p): "blocked_address" for p in targets}, site.url("/public"): "fetched"}
    assert "169.254.169.254 (link_local)" in results[site.url("/metadata")].detail


def test_names_resolving_to_internal_addresses_are_refused_before_connecting(tmp_path):
    answers = {"intranet.example": ["10.0.0.7"], "mixed.example": ["93.184.216.34", "192.168.0.5"],
               "v6.example": ["fe80::1"], "mapped.example": ["::ffff:169.254.169.254"]}
    asked: list[str] = []

    def resolve(host: str, port: int) -> list[str]:
        asked.append(host)
        return answers[host]

    urls = [f"http://{host}/a" for host in answers]
    results = fetch(env_settings(tmp_path, ""), urls, AddressGuard(resolve=resolve))
    assert reasons(results) == dict.fromkeys(urls, "blocked_address")  # one refused address refuses the name
    assert set(asked) == set(answers)
    assert "mixed.example -> 192.168.0.5 (private)" in results["http://mixed.example/a"].detail


def test_dns_rebinding_cannot_reach_the_internal_address(tmp_path):
    """The name is resolved once per connection and the socket opened to the checked address:
    an answer that changes after the check (public, then internal) is itself checked."""
    with LocalServer("127.0.0.32") as public, LocalServer("127.0.0.33", public.port) as internal:
        public.route("/robots.txt", Reply(404, headers={"Connection": "close"}))  # next request: new connection
        public.route("/page", Reply.html("<html><body><p>public</p></body></html>"))
        internal.route("/page", Reply.html("<html><body><p>internal</p></body></html>"))
        answers = iter([["127.0.0.32"], ["127.0.0.33"], ["127.0.0.33"]])
        guard = AddressGuard(parse_networks("127.0.0.32/32"), resolve=lambda host, port: next(answers))
        url = f"http://rebind.example:{public.port}/page"
        result = fetch(env_settings(tmp_path, ""), [url], guard)[url]
        assert public.hits("/robots.txt") == 1  # first connection: to the address checked (the name is not in DNS)
        assert internal.requests == [] and public.hits("/page") == 0
    assert result.reason == "blocked_address" and "127.0.0.33 (loopback)" in result.detail


def test_robots_txt_redirected_inside_is_unreachable_not_fetched(tmp_path, caplog):
    with LocalServer("127.0.0.34") as site, LocalServer("127.0.0.1") as inner:
        site.route("/robots.txt", Reply(302, headers={"Location": inner.url("/robots.txt")}))
        site.route("/a", Reply.html("<html><body><p>a</p></body></html>"))
        with caplog.at_level(logging.WARNING, logger="etl.fetch.robots"):
            result = fetch(env_settings(tmp_path, "127.0.0.34/32"), [site.url("/a")])[site.url("/a")]
        assert inner.requests == [] and site.hits("/a") == 0
    assert result.reason == "robots_unreachable"
    assert "BlockedAddress" in caplog.text


def test_discovery_refuses_internal_feeds_and_redirects(tmp_path):
    rss = b"<rss><channel><item><link>https://news.example.com/a</link></item></channel></rss>"
    with LocalServer("127.0.0.35") as site, LocalServer("127.0.0.1") as inner:
        inner.route("/feed", Reply(200, rss, {"Content-Type": "application/rss+xml"}))
        site.route("/feed", Reply(302, headers={"Location": inner.url("/feed")}))
        site.route("/ok", Reply(200, rss, {"Content-Type": "application/rss+xml"}))
        path = tmp_path / "sources.yaml"
        path.write_text(f"""sources:
  - {{name: direct, kind: rss, location: '{inner.url("/feed")}'}}
  - {{name: redirected, kind: rss, location: '{site.url("/feed")}'}}
  - {{name: metadata, kind: sitemap, location: 'http://169.254.169.254/latest/meta-data/'}}
  - {{name: fine, kind: rss, location: '{site.url("/ok")}'}}
""")
        errors: dict = {}
        items = list(discover(env_settings(tmp_path, "127.0.0.35/32"), str(path), None, errors))
        assert inner.requests == []
    assert errors == {"direct": "blocked_address", "redirected": "blocked_address", "metadata": "blocked_address"}
    assert [i["source"] for i in items] == ["fine"]


def test_run_report_counts_blocked_addresses_as_failed(tmp_path):
    with LocalServer("127.0.0.39") as site:
        site.route("/a", Reply.html("<html><body><p>a</p></body></html>"))
        site.route("/meta", Reply(302, headers={"Location": "http://169.254.169.254/latest/meta-data/"}))
        results = fetch(env_settings(tmp_path, "127.0.0.39/32"), [site.url("/a"), site.url("/meta"), "http://10.0.0.1/x"])
    outcomes = [fetch_outcome(r.reason) if isinstance(r, Rejection) else "fetched" for r in results.values()]
    assert sorted(outcomes) == ["failed", "failed", "fetched"]
