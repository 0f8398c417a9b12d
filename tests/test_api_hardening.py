"""Smaller API findings: unsafe image URLs, nosniff on every response, documentation pages that
load nothing from outside, and an OpenAPI schema that says what the API accepts.

Against the real API on the real Elasticsearch; the documentation pages also in headless
Chromium (skipped without Playwright or ``/usr/bin/chromium``).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import jsonschema
import pytest
from fastapi.testclient import TestClient
from test_browser import browser, server  # noqa: F401 - fixtures: the real API under uvicorn, Chromium
from test_search_corpus import article, corpus_index

from etl.api import create_app
from etl.core.records import Image
from etl.index.builder import to_document
from etl.search import FACETS

pytestmark = pytest.mark.es

BAD_IMAGES = (
    Image(url="javascript:alert(document.domain)", caption="js"),
    Image(url=" JavaScript:alert(1)", caption="js, spaced"),
    Image(url="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=", caption="data"),
    Image(url="/relative/photo.jpg", caption="relative"),
    Image(url="//evil.example/photo.jpg", caption="scheme-relative"),
)
QUOTED = Image(url='https://img.example/a.jpg" onerror="alert(1)', caption="attribute-breaking")
GOOD = Image(url="https://img.example/b.jpg", caption="fine", credit="AP")
IMAGES_ARTICLE = article("img1", "Photos from Helsinki", "Vladimir Putin arrived in Helsinki for talks.",
                         persons=("Vladimir Putin",), images=(*BAD_IMAGES, QUOTED, GOOD))


@pytest.fixture(scope="module")
def api(es_url):
    with corpus_index(es_url) as (es, settings), TestClient(create_app(settings)) as client:
        yield client, es, settings


def test_unsafe_image_urls_are_not_indexed():
    doc = to_document(IMAGES_ARTICLE)
    urls = [i.get("url") for i in doc["images"]]
    assert urls == [None] * len(BAD_IMAGES) + ['https://img.example/a.jpg%22%20onerror=%22alert%281%29',
                                               "https://img.example/b.jpg"]


def test_unsafe_image_urls_already_indexed_are_not_served(api):
    client, es, settings = api
    # a document indexed before the filter existed: its image URLs as they came
    raw = to_document(IMAGES_ARTICLE)
    raw["images"] = [{"url": i.url, "caption": i.caption} for i in IMAGES_ARTICLE.article.images]
    es.index(index=settings.index_alias, id="img1", document=raw, refresh=True)
    try:
        images = client.get("/articles/img1").json()["images"]
        assert [i["caption"] for i in images] == ["attribute-breaking", "fine"]
        assert images[0]["url"] == "https://img.example/a.jpg%22%20onerror=%22alert%281%29"
        hit = client.get("/search", params={"q": "photos helsinki"}).json()["hits"][0]
        assert hit["id"] == "img1" and hit["image"]["url"] == images[0]["url"]
    finally:
        es.delete(index=settings.index_alias, id="img1", refresh=True)


@pytest.mark.parametrize("path, status", [
    ("/search?q=putin", 200), ("/search?facet=password", 400), ("/search?size=0", 422), ("/articles/nope", 404),
    ("/articles/a1", 200), ("/quotes?q=x", 200), ("/health", 200), ("/openapi.json", 200), ("/docs", 200),
    ("/", 200), ("/static/app.js", 200), ("/no/such/path", 404),
])
def test_every_response_says_nosniff(api, path, status):
    client, _, _ = api
    r = client.get(path)
    assert r.status_code == status
    assert r.headers["x-content-type-options"] == "nosniff"


class _Assets(HTMLParser):
    """The URLs a page loads: script src, link href, img src."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("src", "href"):
            if attrs.get(key) and tag in ("script", "link", "img"):
                self.urls.append(attrs[key])


def test_documentation_page_loads_only_local_assets(api):
    client, _, _ = api
    assert client.get("/redoc").status_code == 404  # off: its bundle fetches a logo from a CDN
    html = client.get("/docs").text
    assets = _Assets()
    assets.feed(html)
    scripts_in_code = re.findall(r"https?://[^\s'\"]+", html)
    assert len(assets.urls) >= 2
    for url in assets.urls:
        assert not urlsplit(url).netloc, url  # served by this app
        assert client.get(url).status_code == 200, url
    assert scripts_in_code == [], scripts_in_code


def test_documentation_page_renders_offline_in_chromium(server, browser):  # noqa: F811
    ctx = browser.new_context()
    tab = ctx.new_page()
    outside: list[str] = []

    def only_local(route):
        if urlsplit(route.request.url).netloc == urlsplit(server).netloc:
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    tab.route("**/*", only_local)
    try:
        tab.goto(server + "/docs")
        tab.wait_for_selector(".opblock", timeout=15_000)
        operations = tab.locator(".opblock").count()
    finally:
        ctx.close()
    assert outside == []
    assert operations >= 4  # /search, /quotes, /articles/{id}, /health... rendered from /openapi.json


def _param(spec: dict, path: str, name: str) -> dict:
    params = spec["paths"][path]["get"]["parameters"]
    return next(p["schema"] for p in params if p["name"] == name)


def test_schema_says_which_filters_are_accepted(api):
    client, _, _ = api
    spec = client.get("/openapi.json").json()
    item = _param(spec, "/search", "filter")["items"]
    accepted = ["persons:Vladimir Putin", 'persons="Vladimir Putin"', "site = Daily Planet", "tags:'a b'"]
    refused = ["", "persons:", "persons=", 'persons:""', "persons:   ", "body:x", "no-colon", "persons:" + "x" * 301]
    for expr in accepted:
        jsonschema.validate(expr, item)
        assert client.get("/search", params={"filter": expr}).status_code == 200, expr
    for expr in refused:
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(expr, item)
        assert client.get("/search", params={"filter": expr}).status_code == 400, expr


def test_schema_says_which_dates_and_facets_are_accepted(api):
    client, _, _ = api
    spec = client.get("/openapi.json").json()
    assert _param(spec, "/search", "from") == {"anyOf": [
        {"type": "string", "format": "date"}, {"type": "string", "format": "date-time"},
        {"type": "string", "maxLength": 0}], "title": "From"}
    for value in ("2017-03-01", "2017-03-01T10:00:00+02:00", "2017-03-01T10:00:00.5Z", "2017-03-01T10:00:00+23:59", ""):
        assert client.get("/search", params={"from": value}).status_code == 200, value
    for value in ("yesterday", "2017-13-01"):  # neither a date nor a date-time
        assert client.get("/search", params={"from": value}).status_code == 400, value
    facet = _param(spec, "/search", "facet")
    assert {"type": "array", "items": {"type": "string", "enum": list(FACETS)}} in facet["anyOf"]
