"""Robustness: any bytes in -> a CleanedArticle or a counted Rejection out, never an exception."""

from __future__ import annotations

import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl.clean import clean_html, clean_page, main_text
from etl.core.records import CleanedArticle, FetchedPage, Rejection

FIX = Path(__file__).resolve().parent / "fixtures" / "clean"
PARA = "<p>Officials said on Tuesday that the bridge, closed since May, would reopen next week after repairs.</p>"


def _ok(result):
    assert isinstance(result, (CleanedArticle, Rejection))
    if isinstance(result, Rejection):
        assert result.stage == "clean" and result.reason
    return result


def test_empty_binary_text_inputs():
    assert clean_html(b"", "https://x.org/a").reason == "empty"
    assert clean_html(b"\x00\x01\x02\xff" * 500, "https://x.org/a").reason == "binary"
    assert clean_html(b"%PDF-1.7\n...", "https://x.org/a").reason == "binary"
    assert clean_html("plain text without markup", "https://x.org/a").reason == "not_html"
    assert clean_html(b"<html><body></body></html>", "https://x.org/a").reason == "no_text"
    assert clean_html(b"<html><body><p>Hi.</p></body></html>", "https://x.org/a").reason == "too_short"
    assert main_text("", "") == "" and main_text("\x00\x00", "") == ""


def test_clean_page_content_type():
    page = FetchedPage("https://x.org/a.png", "https://x.org/a.png", 200, b"\x89PNG....", "image/png")
    assert clean_page(page, None).reason == "not_html"
    page = FetchedPage(
        "https://x.org/a",
        "https://x.org/a",
        200,
        ("<html><body>" + PARA * 3).encode(),
        "text/html; charset=utf-8",
        "utf-8",
        fetched_at="2024-01-01T00:00:00Z",
        source="s",
    )
    art = clean_page(page, None)
    assert isinstance(art, CleanedArticle) and art.source == "s" and art.fetched_at == "2024-01-01T00:00:00Z"


def test_too_large_is_rejected_fast():
    start = time.perf_counter()
    r = clean_html(b"<p>" + b"a" * 26_000_000, "https://x.org/a")
    assert r.reason == "too_large" and time.perf_counter() - start < 2


def test_20mb_page_cleans():
    body = ("<html><body><article>" + PARA * (20_000_000 // len(PARA)) + "</article></body></html>").encode()
    assert len(body) > 19_000_000
    start = time.process_time()  # CPU time: a guard against pathological slowness, not the machine's load
    art = _ok(clean_html(body, "https://x.org/big"))
    assert isinstance(art, CleanedArticle) and art.body.count("\n") > 100_000
    assert art.body_html.count("<p>") == art.body.count("\n") + 1
    assert time.process_time() - start < 30


def test_deep_nesting():
    deep = "<html><body>" + "<div>" * 10_000 + PARA * 3 + "</div>" * 10_000 + "</body></html>"
    art = _ok(clean_html(deep, "https://x.org/deep"))
    assert isinstance(art, CleanedArticle) and "bridge" in art.body  # recovered by flattening
    chain = "<html><body>" + "<div><span>x</span>" * 10_000 + "</body></html>"
    _ok(clean_html(chain.encode(), "https://x.org/deep2"))
    assert isinstance(main_text(deep, ""), str)


def test_broken_markup_fixture():
    art = _ok(clean_html((FIX / "broken-markup.html").read_bytes(), "https://x.org/broken"))
    assert isinstance(art, CleanedArticle)
    assert "First paragraph" in art.body and "not text" not in art.body


def test_xml_declaration_and_odd_documents():
    for doc in (
        '<?xml version="1.0" encoding="iso-8859-1"?><html><body>' + PARA * 3 + "</body></html>",
        "<!DOCTYPE html><frameset><frame src=x></frameset>",
        "<svg><text>hi</text></svg>",
        "<html>" + "<p>" * 5000,
        "<script>" + "x" * 100000,
        "<<<>>><p>" + PARA * 2,
        '<html><head><script type="application/ld+json">{bad json</script></head><body>' + PARA * 3,
    ):
        _ok(clean_html(doc, "https://x.org/odd"))
        _ok(clean_html(doc.encode("utf-8"), "not a url"))


_html_piece = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<div class='share'>",
        "<div class='article-body'>",
        "</div>",
        "<article>",
        "</article>",
        "<a href='/x'>",
        "</a>",
        "<script>",
        "</script>",
        "<h1>",
        "</h1>",
        "<li>",
        "<ul>",
        "<table><tr><td>",
        "<br>",
        "<!--",
        "-->",
        "<meta charset='koi8-r'>",
        "<time datetime='2020-01-01T00:00:00Z'>",
        "<figure><img src='a.jpg'><figcaption>Cap. Photo: X</figcaption></figure>",
        PARA,
        "&amp;",
        "&#0;",
        '<script type="application/ld+json">{"@type":"NewsArticle","headline":1,"author":[null,{"name":5}]}</script>',
    ]
)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000))
def test_fuzz_bytes(data):
    _ok(clean_html(data, "https://x.org/fuzz"))


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_html_piece, st.text(max_size=40)), max_size=60), st.booleans())
def test_fuzz_html(pieces, as_bytes):
    doc = "".join(pieces)
    data = doc.encode("utf-8", "surrogatepass") if as_bytes else doc
    _ok(clean_html(data, "https://x.org/fuzz"))
    assert isinstance(main_text(doc, "https://x.org/fuzz"), str)


def test_deep_nesting_with_metadata_classes_is_fast():
    start = time.perf_counter()
    page = (
        "<html><body><h1>Title of the story</h1>"
        + '<div class="byline lead date author">By Jane Doe' * 3000
        + PARA * 3
        + "</div>" * 3000
        + "</body></html>"
    )
    _ok(clean_html(page, "https://x.org/deep-meta"))
    assert time.perf_counter() - start < 20
