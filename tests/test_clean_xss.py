"""XSS corpus: after cleaning, nothing executable is left in ``body_html``.

Every payload of ``fixtures/xss/payloads.txt`` (OWASP filter-evasion classics, mutation XSS,
SVG/MathML, entity- and percent-encoded ``javascript:`` URLs, ``<base>``/``<meta refresh>``
tricks, broken and unclosed markup) is put into a real article page (``fixtures/xss/article.html``,
between two paragraphs and inside one) and cleaned with ``clean_html``; and, to test the
BeautifulSoup allowlist on its own, given straight to ``etl.clean.html`` as the article region
(without the lxml clean-up that already drops scripts, styles and boilerplate). The output is
parsed as a browser parses it (html5lib) and by libxml2 and checked by :func:`assert_inert`.
The reader view in Chromium is tested on the same corpus in ``test_reader.py``.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from etl.clean import clean_html, dom, html
from etl.core.records import CleanedArticle

FIX = Path(__file__).resolve().parent / "fixtures" / "xss"
PAYLOADS = [line for line in (FIX / "payloads.txt").read_text("utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
TEMPLATE = (FIX / "article.html").read_text("utf-8")
URL = "https://news.example/2024/05/bridge-budget"
EXECUTABLE = {"script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math",
              "base", "meta", "link", "form", "input", "button", "textarea", "select", "noscript", "template",
              "video", "audio", "source", "marquee", "isindex", "xmp", "plaintext", "title", "details"}
_BAD_URL = re.compile(r"^\s*(?:javascript|vbscript|data|file):", re.I)


def page_with(payload: str) -> str:
    """The article page with ``payload`` between two paragraphs and inside a third."""
    return TEMPLATE.replace("<!--PAYLOAD-->", payload).replace("<!--INLINE-->", payload)


def assert_inert(markup: str) -> None:
    """Parse ``markup`` as a browser would (html5lib) and as libxml2 does: only allowlisted tags and
    attributes, no event handler, no executable or embedding element, every URL absolute http(s)."""
    for parser in ("html5lib", "lxml"):
        soup = BeautifulSoup(markup, parser)
        for tag in soup.find_all(True):
            if tag.name in ("html", "head", "body") and not tag.attrs:
                continue  # the document shell the parser adds
            assert tag.name not in EXECUTABLE, (parser, str(tag)[:200])
            assert tag.name in html.ALLOWED, (parser, str(tag)[:200])
            for name, value in tag.attrs.items():
                value = " ".join(value) if isinstance(value, list) else value
                assert not name.lower().startswith("on"), (parser, str(tag)[:200])
                assert name in html.ALLOWED[tag.name], (parser, name, str(tag)[:200])
                assert not _BAD_URL.search(unquote(value)), (parser, str(tag)[:200])
                if name in ("href", "src"):
                    assert re.match(r"https?://[^/\s]", value) and urlsplit(value).scheme in ("http", "https"), value
            if tag.name == "a":
                assert tag.get("rel") == ["nofollow", "noopener"] and tag.get("href"), str(tag)


def test_the_checker_catches_what_it_must():
    """:func:`assert_inert` is not vacuous: each of these must fail it."""
    for bad in ('<a href="javascript:alert(1)" rel="nofollow noopener">x</a>', '<p onclick="x()">x</p>',
                '<img src="data:image/png;base64,AA">', "<svg><a>x</a></svg>", '<p style="color:red">x</p>',
                '<a href="/relative" rel="nofollow noopener">x</a>', "<noscript><p>x</p></noscript>",
                '<a href="https://ok.example/">no rel</a>'):
        with pytest.raises(AssertionError):
            assert_inert(bad)
    assert_inert('<p>ok <a href="https://ok.example/" rel="nofollow noopener">link</a></p>')


def test_corpus_is_big_enough():
    assert len(PAYLOADS) >= 90


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_cleaned_article_is_inert(payload):
    art = clean_html(page_with(payload), URL)
    assert isinstance(art, CleanedArticle), art
    assert_inert(art.body_html)
    # the plain body is the text of that same tree, also as a browser builds it (no mutation)
    assert "\n".join(html.text_of(BeautifulSoup(art.body_html, "html5lib"))) == art.body


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_allowlist_alone_is_inert(payload):
    """The region given to BeautifulSoup unfiltered: no lxml script/boilerplate removal first."""
    root = dom.parse(page_with(payload))
    blocks, figures = html.cut([root.find("body")], URL)
    texts, markup = html.render(blocks, figures)  # every block: none left out by the block filter
    assert_inert(markup)
    assert html.text_of(BeautifulSoup(markup, "html5lib")) == texts


def test_known_payloads_end_as_expected():
    """A few payloads, exactly: the handler or the bad URL goes, the text and good URLs stay."""
    cases = {
        '<a href="https://ok.example/" onclick="alert(1)" style="color:red" target="_top">a fine link</a>':
            '<a href="https://ok.example/" rel="nofollow noopener">a fine link</a>',
        '<a href="&#x6A;avascript:alert(1)">entity-encoded link</a>': "The entity-encoded link design",
        '<a href="javascript&colon;alert(1)">named-entity colon</a>': "The named-entity colon design",
        '<base href="javascript:alert(1)//"><a href="relative/page">relative link</a>':
            '<a href="https://news.example/2024/05/relative/page" rel="nofollow noopener">relative link</a>',
        "<xmp><script>alert(1)</script></xmp>": "&lt;script&gt;alert(1)&lt;/script&gt;",
        "<img alt='\"><script>alert(1)</script>' src=\"https://ok.example/photo.jpg\" width=\"400\">":
            "<img alt='\"&gt;&lt;script&gt;alert(1)&lt;/script&gt;' src=\"https://ok.example/photo.jpg\">",
    }
    for payload, expected in cases.items():
        art = clean_html(page_with(payload), URL)
        assert expected in art.body_html, (payload, art.body_html)
