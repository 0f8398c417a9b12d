"""The article reader view in headless Chromium, on articles cleaned from the XSS corpus.

Every page of ``tests/test_clean_xss.py`` (a real article with one payload) is cleaned, indexed
in the real Elasticsearch and opened in the reader (GET /articles/{id} -> reader.js). No script
may run: no dialog, no page error, no Content-Security-Policy violation, and the reader's DOM
holds only allowlisted elements with http(s) URLs. One more stored document carries raw hostile
HTML that never went through the cleaner, to test the page's own second line of defence
(DOMParser + allowlist rebuild). Also: the page and its static files are served with a CSP
without ``'unsafe-inline'`` and ``nosniff``; the reader shows title, byline, day, source link,
figures and entity chips, and a chip filters the search.
"""

from __future__ import annotations

import contextlib
import dataclasses
import uuid
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from test_browser import browser, diagnosed, serving  # noqa: F401 - browser is a fixture
from test_clean_xss import PAYLOADS, URL, page_with
from test_search_corpus import index_corpus

from etl.api import create_app
from etl.clean import clean_html
from etl.core.records import AnnotatedArticle, Annotation, CleanedArticle
from etl.core.settings import Settings
from etl.index.client import client
from etl.index.versions import delete_all

FIX = Path(__file__).resolve().parent / "fixtures"
STRUCTURED_URL = "https://www.valley-courier.example/news/2023/03/river-towns-flood"
HOSTILE_HTML = (
    '<p>raw <img src=x onerror="alert(1)"><script>alert(2)</script><a href="javascript:alert(3)">link</a></p>'
    '<svg onload="alert(4)"><a xlink:href="javascript:alert(5)">s</a></svg><iframe srcdoc="<script>alert(6)'
    '</script>"></iframe><p onclick="alert(7)" style="background:url(javascript:alert(8))">styled</p>'
    '<math><mtext><table><mglyph><style><img src=x onerror=alert(9)></style></mglyph></table></mtext></math>'
    '<noscript><p title="</noscript><img src=x onerror=alert(10)>"></p></noscript><form action="javascript:'
    'alert(11)"><button>go</button></form><base href="javascript:alert(12)//"><a href="rel">relative</a>'
    '<details open ontoggle="alert(13)"><summary>s</summary></details><a href="https://ok.example/">ok</a>'
)
# What the reader's DOM may hold after an article is shown (besides the reader's own chrome).
READER_CHECK = """() => {
  const ok = new Set(["P","H1","H2","H3","H4","H5","H6","UL","OL","LI","BLOCKQUOTE","TABLE","TBODY","TR","TH","TD",
                      "EM","STRONG","I","B","BR","FIGURE","FIGCAPTION","SMALL","A","IMG","DIV","BUTTON"]);
  const bad = [];
  for (const el of document.getElementById("reader").querySelectorAll("*")) {
    if (!ok.has(el.tagName) || el.namespaceURI !== "http://www.w3.org/1999/xhtml") bad.push("tag " + el.tagName);
    for (const a of el.attributes) {
      if (/^on/i.test(a.name) || a.name === "style" || a.name === "srcdoc") bad.push(el.tagName + " @" + a.name);
      if ((a.name === "href" || a.name === "src") && !/^https?:\\/\\//i.test(a.value)) bad.push(el.tagName + " " + a.value);
    }
  }
  return bad;
}"""


def _annotated(art: CleanedArticle, doc_id: str, day: int, **ann) -> AnnotatedArticle:
    art = dataclasses.replace(art, doc_id=doc_id, title=f"{art.title} ({doc_id})", source="xss-corpus",
                              published_at=art.published_at or f"2024-05-{1 + day % 28:02d}T08:00:00+02:00")
    return AnnotatedArticle(article=art, annotation=Annotation(language="en", **ann), run_id="reader-test")


def _articles() -> list[AnnotatedArticle]:
    out = []
    for i, payload in enumerate(PAYLOADS):
        art = clean_html(page_with(payload), URL)
        assert isinstance(art, CleanedArticle)
        out.append(_annotated(art, f"xss-{i:03d}", i))
    hostile = dataclasses.replace(out[0].article, doc_id="raw-hostile", body_html=HOSTILE_HTML)
    out.append(AnnotatedArticle(article=hostile, annotation=Annotation(language="en")))
    structured = clean_html((FIX / "clean" / "structured-article.html").read_bytes(), STRUCTURED_URL)
    out.append(_annotated(structured, "structured", 0, persons=("Sabine Roth", "Peter Huber"),
                          locations=("Oberdorf", "Mittelbach"), organizations=("River Alliance",)))
    return out


@contextlib.contextmanager
def _index(es_url: str):
    settings = Settings.from_env(es_url=es_url, index_alias=f"t{uuid.uuid4().hex[:10]}-articles", api_rate_limit=0)
    es = client(settings)
    try:
        index_corpus(es, settings, _articles())
        yield settings
    finally:
        delete_all(es, settings)
        es.close()


@pytest.fixture(scope="module")
def site(es_url):
    with _index(es_url) as settings, serving(create_app(settings)) as url:
        yield url


def test_page_and_static_files_have_a_strict_csp():
    with TestClient(create_app(Settings(api_rate_limit=0))) as c:
        for path in ("/", "/static/app.js", "/static/reader.js", "/static/style.css", "/static/index.html"):
            r = c.get(path)
            assert r.status_code == 200, path
            csp = r.headers["content-security-policy"]
            assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp, path
            assert "script-src 'self'" in csp and "object-src 'none'" in csp and "base-uri 'none'" in csp
            assert r.headers["x-content-type-options"] == "nosniff", path
        assert c.get("/static/reader.js").headers["content-type"].startswith("text/javascript")


@pytest.mark.es
def test_body_html_is_returned_not_searched(site):
    doc = httpx.get(site + "/articles/structured").json()
    assert doc["body_html"].startswith("<p>Three years after") and "<table>" in doc["body_html"]
    assert "body_html" not in httpx.get(site + "/search", params={"q": "levees"}).json()["hits"][0]
    # words only in the HTML (tag and attribute text) find nothing; words of the text do
    assert httpx.get(site + "/search", params={"q": "nofollow"}).json()["total"] == 0
    assert httpx.get(site + "/search", params={"q": "figcaption"}).json()["total"] == 0
    assert httpx.get(site + "/search", params={"q": "pumping"}).json()["total"] == 1


@contextlib.contextmanager
def _watched(browser, name: str):  # noqa: F811 - browser is the fixture's value
    """A new page that records dialogs and CSP reports and sends nothing off this machine
    (article images from other hosts are refused); yields (page, dialogs, csp, page errors)."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    dialogs: list[str] = []
    csp: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("console", lambda m: csp.append(m.text) if "Content Security Policy" in m.text else None)
    page.context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("http://127.0.0.1")
                       else route.abort())
    with diagnosed(page, name) as errors:
        yield page, dialogs, csp, errors


def _open(page, doc_id: str) -> None:
    page.evaluate("id => document.dispatchEvent(new CustomEvent('news-etl:read', {detail: {id}}))", doc_id)
    page.wait_for_function("id => document.body.dataset.reader === 'open' && "
                           "document.getElementById('reader').dataset.id === id", arg=doc_id, timeout=20_000)


@pytest.mark.es
def test_reader_runs_no_script_on_the_xss_corpus(site, browser):  # noqa: F811
    with _watched(browser, "reader-xss") as (page, dialogs, csp, errors):
        page.goto(site + "/?size=100&sort=date")
        page.wait_for_function("() => document.body.dataset.state === 'ready'", timeout=30_000)
        page.evaluate("() => alert('probe')")  # the listener sees a dialog when one opens
        assert dialogs == ["probe"]
        dialogs.clear()
        heights = page.evaluate("() => Array.from(document.querySelectorAll('#histogram .bar'), b => b.style.height)")
        assert len(heights) >= 2 and all(h.endswith("%") for h in heights)  # CSSOM: no style attribute under the CSP
        for doc_id in [f"xss-{i:03d}" for i in range(len(PAYLOADS))] + ["raw-hostile"]:
            _open(page, doc_id)
            bad = page.evaluate(READER_CHECK)
            assert not bad, (doc_id, bad)
            page.mouse.move(640, 450)  # hover handlers, if any had survived
            page.keyboard.press("Escape")
            # cleaned articles hold nothing the CSP even has to block; the raw document does (blocked
            # while DOMParser reads it, in a document where nothing runs anyway)
            assert not csp or doc_id == "raw-hostile", (doc_id, csp)
        assert page.locator("#reader img").count() == 0  # closed
        _open(page, "raw-hostile")
        body = page.locator("#reader .reader-body")
        assert body.locator("a").count() == 1 and body.locator("a").get_attribute("href") == "https://ok.example/"
        assert "raw" in body.inner_text() and "styled" in body.inner_text()
        page.locator("#reader .reader-body a").click()  # opens a new tab on an aborted request: no script
        page.wait_for_timeout(300)
        assert not dialogs, dialogs
        assert all("has been blocked" in m for m in csp), csp
        assert not errors, errors


@pytest.mark.es
def test_reader_shows_the_article_and_its_chips_filter(site, browser):  # noqa: F811
    with _watched(browser, "reader-view") as (page, dialogs, csp, errors):
        page.goto(site + "/?q=levees")
        page.wait_for_function("() => document.body.dataset.state === 'ready'", timeout=30_000)
        assert page.locator("body").get_attribute("data-total") == "1"
        renders = int(page.evaluate("+document.body.dataset.renders"))
        page.locator("#results li.hit button.read").click()
        page.wait_for_function("() => document.body.dataset.reader === 'open'", timeout=20_000)
        reader = page.locator("#reader")
        assert reader.locator("h1").inner_text().startswith("How the river towns are preparing for the next flood")
        assert reader.locator(".byline").inner_text() == "By Maria Keller"
        assert reader.locator(".reader-meta").inner_text().startswith("2023-03-14")
        assert reader.locator(".reader-meta a").get_attribute("href") == STRUCTURED_URL
        figures = reader.locator("figure")
        assert figures.count() == 2  # the lead image (metadata) and the one in the text
        assert "Lena Brandt / Valley Courier" in figures.nth(0).locator("figcaption").inner_text()
        assert figures.nth(1).locator("figcaption small").inner_text() == "Tom Weber"
        assert reader.locator(".reader-body h2").inner_text() == "What has been built"
        assert reader.locator(".reader-body table tr").count() == 4
        assert reader.locator(".reader-body a[rel~=nofollow][target=_blank]").count() == 2
        page.screenshot(path=str(Path(__file__).resolve().parent.parent / "test-output" / "reader.png"))
        reader.locator('.chip[data-facet="locations"]', has_text="Oberdorf").click()
        page.wait_for_function("n => document.body.dataset.state === 'ready' && +document.body.dataset.renders > n",
                               arg=renders, timeout=30_000)
        assert reader.is_hidden()
        assert "Places: Oberdorf" in page.locator("#selected .active-filter").inner_text()
        assert page.locator("body").get_attribute("data-total") == "1"
        assert not dialogs and not csp and not errors, (dialogs, csp, errors)
