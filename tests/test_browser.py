"""The search page end to end in headless Chromium (Debian ``chromium`` driven by Playwright).

Starts the real API (uvicorn, in a thread) over a real index, types a query, clicks a facet
value, checks that counts and results change, and saves screenshots in ``test-output/``.
Skipped when Playwright or ``/usr/bin/chromium`` is missing.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest
import uvicorn
from test_search_corpus import CORPUS, corpus_index

from etl.api import create_app

pytestmark = pytest.mark.es

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
OUT = Path(__file__).resolve().parent.parent / "test-output"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serving(app):
    """Run ``app`` with uvicorn in a thread on a free local port; yields its base URL."""
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not srv.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(10)


@pytest.fixture(scope="module")
def server(es_url):
    with corpus_index(es_url) as (_es, settings), serving(create_app(settings)) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip("chromium not installed (apt-get install chromium)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


@contextlib.contextmanager
def diagnosed(page, name: str):
    """Collect page errors (yielded list); on failure save a screenshot and print the page's log."""
    OUT.mkdir(exist_ok=True)
    errors: list[str] = []
    log: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: log.append(f"console.{m.type}: {m.text}"))
    page.on("requestfailed", lambda r: log.append(f"request failed: {r.url} {r.failure}"))
    page.on("response", lambda r: log.append(f"{r.status} {r.url}"))
    try:
        yield errors
    except BaseException:
        with contextlib.suppress(Exception):
            page.screenshot(path=str(OUT / f"failure-{name}.png"), full_page=True)
            print("page state:", page.evaluate(
                "JSON.stringify({url: location.href, data: Object.assign({}, document.body.dataset),"
                " status: document.getElementById('status').textContent})"))
        print("page errors:", errors)
        print("\n".join(log[-40:]))
        raise
    finally:
        page.close()


def _settled(page, renders_before: int):
    page.wait_for_function(
        "n => document.body.dataset.state === 'ready' && +(document.body.dataset.renders || 0) > n",
        arg=renders_before, timeout=30_000)


def _renders(page) -> int:
    return int(page.evaluate("+(document.body.dataset.renders || 0)"))


def _facet_counts(page, facet: str) -> dict[str, int]:
    items = page.locator(f'#facets section[data-facet="{facet}"] li')
    return {items.nth(i).get_attribute("data-value"): int(items.nth(i).get_attribute("data-count"))
            for i in range(items.count())}


def test_search_page_query_facets_and_screenshot(server, browser):
    OUT.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    with diagnosed(page, "facets") as errors:
        _facets_scenario(page, server, errors)


def _facets_scenario(page, server, errors):
    page.goto(server + "/")
    _settled(page, 0)
    assert page.locator("body").get_attribute("data-total") == str(len(CORPUS))
    assert page.locator("#results li.hit").count() == len(CORPUS)
    assert page.locator("#histogram .bar").count() >= 2

    # type a query
    n = _renders(page)
    page.fill("#q", "putin")
    page.press("#q", "Enter")
    _settled(page, n)
    assert page.locator("body").get_attribute("data-total") == "3"
    assert page.locator("#results li.hit mark").first.inner_text().lower() == "putin"
    before = _facet_counts(page, "persons")
    sites_before = _facet_counts(page, "site")
    assert before["Vladimir Putin"] == 3 and before["Donald Trump"] == 2
    assert "?q=putin" in page.url

    # click a facet value: results narrow, the other values of the facet keep their counts
    n = _renders(page)
    page.locator('#facets section[data-facet="persons"] li[data-value="Donald Trump"] input').click()
    _settled(page, n)
    assert page.locator("body").get_attribute("data-total") == "2"
    assert page.locator("#results li.hit").count() == 2
    after = _facet_counts(page, "persons")
    assert after["Vladimir Putin"] == 3  # multi-select: still counted over the unfiltered query
    assert page.locator('#facets section[data-facet="persons"] li.sel').get_attribute("data-value") == "Donald Trump"
    sites_after = _facet_counts(page, "site")
    assert sites_after != sites_before and sum(sites_after.values()) == 2
    assert page.locator("#selected .active-filter").count() == 1
    page.screenshot(path=str(OUT / "search-page.png"), full_page=True)

    # entity chips add a filter; the active-filter button removes it
    n = _renders(page)
    page.locator('#results li.hit .chip[data-facet="locations"]', has_text="Helsinki").first.click()
    _settled(page, n)
    assert page.locator("body").get_attribute("data-total") == "1"
    n = _renders(page)
    page.locator("#selected .active-filter").first.click()  # remove persons: Donald Trump
    _settled(page, n)
    assert page.locator("body").get_attribute("data-total") == "1"  # locations: Helsinki still applied
    # the browser's Back button walks back through the searches
    n = _renders(page)
    page.go_back()
    _settled(page, n)
    assert page.locator("body").get_attribute("data-total") == "1"  # putin + Trump + Helsinki
    assert page.locator("#selected .active-filter").count() == 2
    n = _renders(page)
    page.go_back()
    _settled(page, n)
    assert page.locator("body").get_attribute("data-total") == "2"  # putin + Trump
    assert not errors, errors


def test_search_page_odd_input_pagination_and_state_in_url(server, browser):
    page = browser.new_page(viewport={"width": 1000, "height": 800})
    with diagnosed(page, "odd-input") as errors:
        _odd_input_scenario(page, server, errors)


def _odd_input_scenario(page, server, errors):
    # state comes from the URL; a stray quote is harmless; sort by date
    page.goto(server + '/?q=%22(trump&sort=date')
    _settled(page, 0)
    assert page.locator("#q").input_value() == '"(trump'
    assert page.locator("#status").get_attribute("class") != "error"
    # a date range typed in the form
    n = _renders(page)
    page.fill("#q", "")
    page.fill("#from", "2017-05-01")
    page.fill("#to", "2017-05-31")
    page.click("#go")
    _settled(page, n)
    assert page.locator("body").get_attribute("data-total") == "3"
    # pagination: 4 per page, page 3 holds the last 2 of 10; the page number is kept in the URL
    page.goto(server + "/?size=4&sort=date")
    _settled(page, 0)
    first = page.locator("#results li.hit").first.get_attribute("data-id")
    n = _renders(page)
    page.locator("#pager button", has_text="3").click()
    _settled(page, n)
    assert page.locator("#results li.hit").count() == 2 and "page=3" in page.url
    assert page.locator("#pager button[aria-current=page]").inner_text() == "3"
    n = _renders(page)
    page.locator("#pager button", has_text="Prev").click()
    _settled(page, n)
    assert page.locator("#results li.hit").count() == 4
    assert page.locator("#results li.hit").first.get_attribute("data-id") != first
    # a question about quotes shows the quotes panel
    n = _renders(page)
    page.fill("#from", "")
    page.fill("#to", "")
    page.fill("#q", "What did Rex Tillerson say about Russia?")
    page.press("#q", "Enter")
    _settled(page, n)
    page.wait_for_selector("#quotes blockquote", timeout=30_000)
    assert "Crimea" in page.locator("#quotes blockquote").first.inner_text()
    assert page.locator("#quotes blockquote mark").first.inner_text() == "Russia"
    page.screenshot(path=str(OUT / "search-page-quotes.png"))
    # the API's clear error is shown, not a blank page
    page.goto(server + "/?filter=body:x")
    page.wait_for_function("() => document.body.dataset.state === 'error'", timeout=30_000)  # a function: CSP forbids eval
    assert "unknown filter field" in page.locator("#status").inner_text()
    page.screenshot(path=str(OUT / "search-page-error.png"))
    assert not errors, errors
