"""The cleaned article HTML (``body_html``, etl/clean/html.py) on real pages: its structure,
its agreement with the plain ``body``, URL handling, site rules with soupsieve selectors, and
``news-etl clean --html``."""

from __future__ import annotations

import json
from argparse import Namespace
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from test_clean_xss import assert_inert

from etl.clean import clean_html, dom, html, rules
from etl.cli.clean import cli
from etl.core.errors import ConfigError
from etl.core.records import CleanedArticle
from etl.core.settings import Settings
from etl.dev import samples

FIX = Path(__file__).resolve().parent / "fixtures" / "clean"
STRUCTURED = FIX / "structured-article.html"
STRUCTURED_URL = "https://www.valley-courier.example/news/2023/03/river-towns-flood"


@pytest.fixture(scope="module")
def structured() -> CleanedArticle:
    art = clean_html(STRUCTURED.read_bytes(), STRUCTURED_URL)
    assert isinstance(art, CleanedArticle)
    return art


def _soup(markup: str) -> BeautifulSoup:
    return BeautifulSoup(markup, "html5lib")


def test_structure_is_kept(structured):
    soup = _soup(structured.body_html)
    assert [h.get_text() for h in soup.find_all(["h2", "h3"])] == ["What has been built", "The view from the towns"]
    outer = soup.find("ul")
    assert len(outer.find_all("li", recursive=False)) == 3
    assert [li.get_text() for li in outer.find("ul").find_all("li")] == [
        "a mobile pump fleet shared by the towns,", "sandbag depots in every village;"]
    assert [li.get_text() for li in soup.find("ol").find_all("li")][0] == "First, the engineers will present the plans."
    rows = [[c.get_text() for c in tr.find_all(["th", "td"])] for tr in soup.find("table").find_all("tr")]
    assert rows[0] == ["Town", "Levee work (km)", "Spending (million euros)"] and rows[3] == ["Other villages", "27"]
    assert soup.find("table").find_all("tr")[3].td["colspan"] == "2"
    assert [p.get_text()[:12] for p in soup.find("blockquote").find_all("p")] == ["“We were tol", "— Peter Hube"]
    assert soup.find("strong").get_text() == "worst flood in a century" and soup.find("em").get_text() == "120 million euros"


def test_links_absolute_with_rel_and_bad_ones_unwrapped(structured):
    links = {a.get_text(): a for a in _soup(structured.body_html).find_all("a")}
    assert links["a matter of debate"]["href"] == "https://www.valley-courier.example/news/2022/flood-report"
    assert links["River Alliance"].attrs == {"href": "https://www.river-alliance.example/statement",
                                             "rel": ["nofollow", "noopener"]}
    assert "available online" not in links  # javascript:void(0): the text stays, the link goes
    assert "The authority's full report is available online and in the town libraries." in structured.body


def test_figures_pixels_ads_and_boilerplate(structured):
    soup = _soup(structured.body_html)
    figures = soup.find_all("figure")
    assert len(figures) == 1  # the lazy-loaded photo; the 1x1 tracking pixel is not a figure
    assert figures[0].img["src"] == "https://cdn.valley-courier.example/img/pump-station.jpg"  # data-src, not the data: placeholder
    assert figures[0].figcaption.contents[0].strip() == "The new pumping station at Mittelbach."
    assert figures[0].figcaption.small.get_text() == "Tom Weber"
    text = soup.get_text()
    for gone in ("Advertisement", "Related stories", "Subscribe", "Tweet", "All rights reserved", "pixel.tracker"):
        assert gone not in text and gone not in structured.body_html
    assert not soup.find_all(["iframe", "script", "style", "nav", "div", "span"])


def test_br_lines_stay_in_one_paragraph(structured):
    p = next(p for p in _soup(structured.body_html).find_all("p") if "Sabine Roth" in p.get_text())
    assert len(p.find_all("br")) == 2
    lines = structured.body.splitlines()
    i = lines.index("The mayor of Oberdorf, Sabine Roth, said the town would hold a public meeting in April.")
    assert lines[i + 1:i + 3] == ["Residents can send questions to the town hall in advance.", "Tickets are free."]


PAGES = [pytest.param(path, id=path.name)
         for path in sorted(samples.PAGES_DIR.rglob("*.html")) + sorted(FIX.glob("*.html"))]


@pytest.mark.parametrize("path", PAGES)
def test_body_is_the_text_of_body_html(path):
    """Sample and fixture pages: ``body`` is exactly what the cleaned HTML reads, parsed as a browser does."""
    art = clean_html(path.read_bytes(), "https://www.example.com/news/story")
    if not isinstance(art, CleanedArticle):
        pytest.skip(f"rejected: {art.reason}")
    assert art.body_html
    assert_inert(art.body_html)
    assert "\n".join(html.text_of(_soup(art.body_html))) == art.body


def test_jsonld_body_and_text_blocks_are_escaped():
    page = ("<html><head><script type='application/ld+json'>{\"@type\": \"NewsArticle\", \"headline\": \"T\","
            " \"articleBody\": \"" + "A <b>bold</b> claim & a second sentence follow here. " * 12 + "\"}</script>"
            "</head><body><p>Too short.</p></body></html>")
    art = clean_html(page, "https://example.com/a")
    assert isinstance(art, CleanedArticle) and art.provenance["body"] == "json-ld"
    assert "&lt;b&gt;bold&lt;/b&gt; claim &amp; a" in art.body_html and "<b>" not in art.body_html
    assert "\n".join(html.text_of(_soup(art.body_html))) == art.body


@pytest.mark.parametrize(("value", "expected"), [
    ("/a/b?x=1&y=2", "https://news.example/a/b?x=1&y=2"),
    ("//cdn.example/i.jpg", "https://cdn.example/i.jpg"),
    ("  https://ok.example/x y\t", "https://ok.example/x%20y"),
    ('https://ok.example/"onmouseover="x', "https://ok.example/%22onmouseover=%22x"),
    ("java\tscript:alert(1)", None), ("\x01javascript:alert(1)", None), ("JAVASCRIPT:alert(1)", None),
    (" \x0cjavascript:alert(1)", None), ("vbscript:x", None), ("data:text/html,x", None), ("mailto:a@b.c", None),
    ("javascript%3Aalert(1)", "https://news.example/javascript%3Aalert%281%29"),  # a relative path, harmless
    ("https:", "https://news.example/"), ("http://[::1", None), ("", None), (None, None),
])
def test_safe_url(value, expected):
    assert html.safe_url(value, "https://news.example/") == expected


def test_local_file_links_resolve_against_its_canonical_url(capsys):
    assert cli(Namespace(target=str(STRUCTURED), url=None, json=False, html=True), Settings()) == 0
    out = capsys.readouterr().out
    assert out.startswith("<p>Three years after") and 'href="https://www.valley-courier.example/news/2022/flood-report"' in out
    assert_inert(out)


def test_cli_html_json_and_rejection(capsys, tmp_path):
    assert cli(Namespace(target=str(STRUCTURED), url=STRUCTURED_URL, json=True, html=False), Settings()) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["body_html"].startswith("<p>") and "\n".join(html.text_of(_soup(data["body_html"]))) == data["body"]
    empty = tmp_path / "empty.html"
    empty.write_text("<html><body><nav>menu</nav></body></html>")
    assert cli(Namespace(target=str(empty), url=None, json=False, html=True), Settings()) == 1
    assert "REJECTED" in capsys.readouterr().out


def test_deep_page_html_and_text_agree():
    page = "<html><body><div>" + "<div><span>" * 3000 + "<p>" + "Deep text keeps going, and going. " * 20 + \
           "</p>" + "</span></div>" * 3000 + "</div></body></html>"
    art = clean_html(page, "https://example.com/deep")
    assert isinstance(art, CleanedArticle) and "Deep text keeps going" in art.body_html
    assert "\n".join(html.text_of(_soup(art.body_html))) == art.body


def test_rules_use_soupsieve_selectors(tmp_path, monkeypatch):
    rules_file = tmp_path / "rules.yaml"
    rules_file.write_text(
        "valley-courier.example:\n"
        "  body: 'div.story-body'\n"
        "  remove: ['blockquote:has(p:-soup-contains(\"Peter Huber\"))', 'table:not(.layout)']\n"
        "  title: 'article > h1:first-of-type'\n"
        "  lead: 'div.story-body > p:nth-of-type(1)'\n"
        "  section: 'nav.main-nav li:is(:first-child) a'\n")
    monkeypatch.setenv(rules.ENV_VAR, str(rules_file))
    art = clean_html(STRUCTURED.read_bytes(), STRUCTURED_URL)
    assert art.title == "How the river towns are preparing for the next flood" and art.provenance["title"] == "rule"
    assert art.lead.startswith("Three years after the worst flood") and art.section == "News"
    assert "Peter Huber" not in art.body and "<table>" not in art.body_html and "<blockquote>" not in art.body_html
    assert "What has been built" in art.body  # body chosen by the rule, kept whole
    assert_inert(art.body_html)


def test_invalid_selector_fails_fast(tmp_path, monkeypatch):
    bad = tmp_path / "rules.yaml"
    bad.write_text("example.com:\n  body: 'div[class=\"x'\n")
    monkeypatch.setenv(rules.ENV_VAR, str(bad))
    with pytest.raises(ConfigError, match="invalid CSS selector"):
        clean_html(b"<html><body><p>x</p></body></html>", "https://example.com/")


def test_rule_matches_map_to_the_lxml_tree():
    text = STRUCTURED.read_text("utf-8")
    root = dom.parse(text)
    page = rules.RuleMatcher(dom.source(text), root)
    found = page.elements(["div.story-body li", "table th:nth-child(2)"])
    assert [el.tag for el in found] == ["li"] * 7 + ["th"]
    assert found[-1].text == "Levee work (km)" and found[0].getroottree().getroot() is root
