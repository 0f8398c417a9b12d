"""The sources file: schema, validation errors, environment expansion."""

from __future__ import annotations

import pytest

from etl.core.errors import ConfigError
from etl.dev.samples import SOURCES_FILE
from etl.discover.sources import extraction_rules, load_sources

GOOD = """
sources:
  - name: wire
    kind: rss
    location: https://example.com/feed.xml
    include: ['/news/']
    exclude: ['/video/']
    max_articles: 50
    extract: {body: div.story, remove: [aside, .related]}
  - name: local-sitemap
    kind: sitemap
    location: sitemaps/news.xml
  - name: fixed
    kind: urls
    urls: ['${BASE:-http://127.0.0.1:8765}/a.html']
"""


def write(tmp_path, text: str):
    path = tmp_path / "sources.yaml"
    path.write_text(text)
    return path


def test_valid_file(tmp_path):
    sources = load_sources(write(tmp_path, GOOD), env={"BASE": "http://h"})
    wire, local, fixed = sources
    assert (wire.kind, wire.max_articles, wire.include, wire.exclude) == ("rss", 50, ("/news/",), ("/video/",))
    assert wire.extract == {"body": "div.story", "remove": ["aside", ".related"]} and wire.is_remote
    assert local.location == str((tmp_path / "sitemaps/news.xml").resolve()) and not local.is_remote
    assert fixed.urls == ("http://h/a.html",)
    assert wire.accepts("https://example.com/news/1") and not wire.accepts("https://example.com/news/video/1")
    assert not wire.accepts("https://example.com/sport/1")
    assert extraction_rules(write(tmp_path, GOOD)) == {"wire": wire.extract}


def test_bundled_samples_file_is_valid():
    assert [s.kind for s in load_sources(SOURCES_FILE)] == ["urls"]


@pytest.mark.parametrize("entry, message", [
    ("- {name: a, kind: blog, location: x}", "'kind' must be one of"),
    ("- {kind: rss, location: x}", "'name' is required"),
    ("- {name: a, kind: rss}", "needs 'location'"),
    ("- {name: a, kind: urls}", "non-empty 'urls'"),
    ("- {name: a, kind: urls, urls: [ftp://x]}", "absolute http(s)"),
    ("- {name: a, kind: rss, location: x, include: ['(']}", "bad include pattern"),
    ("- {name: a, kind: rss, location: x, max_articles: -1}", "'max_articles'"),
    ("- {name: a, kind: rss, location: x, colour: red}", "unknown keys ['colour']"),
    ("- {name: a, kind: rss, location: x, extract: {bodyy: p}}", "unknown 'extract' keys"),
    ("- {name: a, kind: rss, location: x, extract: {body: ''}}", "'extract.body'"),
    ("- {name: a, kind: rss, location: 'ftp://x/feed'}", "http(s) or a file path"),
    ("- {name: a, kind: urls, urls: [http://x], location: http://y}", "not used by kind 'urls'"),
    ("- {name: a, kind: rss, location: x}\n  - {name: a, kind: rss, location: y}", "must be unique"),
    ("- just-a-string", "expected a mapping"),
])
def test_invalid_entries_name_the_problem(tmp_path, entry, message):
    with pytest.raises(ConfigError) as err:
        load_sources(write(tmp_path, "sources:\n  " + entry + "\n"))
    assert message in str(err.value) and "sources.yaml" in str(err.value)


def test_unreadable_files(tmp_path):
    with pytest.raises(ConfigError, match="No such file"):
        load_sources(tmp_path / "missing.yaml")
    with pytest.raises(ConfigError, match="not valid YAML"):
        load_sources(write(tmp_path, "sources: [unclosed"))
    with pytest.raises(ConfigError, match="top-level 'sources:'"):
        load_sources(write(tmp_path, "feeds: []"))
