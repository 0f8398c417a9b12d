"""Unit tests of the cleaner's helpers: dates, bylines, decoding, rules, CLI."""

from __future__ import annotations

import json
from argparse import Namespace
from pathlib import Path

import pytest

from etl.clean import authors, clean_html, dates, decode, rules
from etl.cli.clean import cli
from etl.core.errors import ConfigError
from etl.core.records import CleanedArticle
from etl.core.settings import Settings
from etl.dev.samples import PAGES_DIR

FIX = Path(__file__).resolve().parent / "fixtures" / "clean"


@pytest.mark.parametrize(
    "text,expected",
    [
        ("November 9, 2017 | 01:13 am PT", "2017-11-09T01:13:00-08:00"),
        ("July 4, 2019 10:00 ET", "2019-07-04T10:00:00-04:00"),  # daylight saving
        ("Nov. 9, 2017 at 1:13 p.m. EST", "2017-11-09T13:13:00-05:00"),
        ("9 November 2017 10:30 GMT", "2017-11-09T10:30:00Z"),
        ("12.12.2023, 14:05 CET", "2023-12-12T14:05:00+01:00"),
        ("12. Dezember 2023 14:05 MEZ", "2023-12-12T14:05:00+01:00"),
        ("2017-11-09T09:13:00+00:00", "2017-11-09T09:13:00Z"),
        ("2017-11-09T10:13:00.000+0100", "2017-11-09T10:13:00+01:00"),
        ("Thu, 09 Nov 2017 09:13:00 GMT", "2017-11-09T09:13:00Z"),
    ],
)
def test_parse_date(text, expected):
    assert dates.parse_date(text) == expected


def test_parse_date_garbage_and_default_zone():
    assert dates.parse_date("not a date") is None
    assert dates.parse_date("") is None
    assert dates.parse_date("09.11.2017 14:30", "Europe/Berlin") == "2017-11-09T14:30:00+01:00"
    assert dates.date_from_url("https://x.org/2017/11/09/story") == "2017-11-09"


@pytest.mark.parametrize(
    "raw,names,agency",
    [
        ("By Reuters", [], "Reuters"),
        ("By Jane Doe and John Roe, Reuters", ["Jane Doe", "John Roe"], "Reuters"),
        ("By JOSH BOAK, AP Economics Writer", ["Josh Boak"], "AP"),
        ("Von Anna Müller, dpa", ["Anna Müller"], "dpa"),
        ("Email the author", [], ""),
        ("Jane Doe | Staff Writer", ["Jane Doe"], ""),
        (["Marie Curie", "Agence France-Presse"], ["Marie Curie"], "AFP"),
        ("Sarah E. Needleman", ["Sarah E. Needleman"], ""),
        ("Im Wortlaut von Katja Kipping", ["Katja Kipping"], ""),
        ("Birgit Posselt Über Autorenseite von", ["Birgit Posselt"], ""),
        ("Juan Pérez y María López", ["Juan Pérez", "María López"], ""),
    ],
)
def test_split_byline(raw, names, agency):
    assert authors.split_byline(raw) == (names, agency)


def test_title_entities_and_site_suffix():
    html = (
        "<html><head><title>&amp;#8216;Quoted&amp;#8217; headline here | Example Times</title>"
        '<meta property="og:site_name" content="Example Times"></head><body><article>'
        + "<p>Some long enough paragraph of article text, with commas, for the test.</p>" * 3
        + "</article></body></html>"
    )
    art = clean_html(html, "https://example.com/a")
    assert art.title == "‘Quoted’ headline here"
    assert art.provenance["title"] == "html-title"


def test_agency_in_dateline():
    assert authors.agency_in_text("WASHINGTON (AP) — The Fed") == "AP"
    assert authors.agency_in_text("No agency here") == ""


def test_decode_charsets():
    text, err = decode.decode_html((FIX / "latin1-no-charset.html").read_bytes())
    assert err is None and "Städte" in text
    text, err = decode.decode_html((FIX / "cp1252-declared-utf8.html").read_bytes())
    assert err is None and "Bürgermeisterin" in text
    html = "<html><body><p>Привет, мир. Это статья.</p></body></html>"
    text, _ = decode.decode_html(html.encode("cp1251"), declared="windows-1251")
    assert "Привет" in text
    text, _ = decode.decode_html(html.encode("utf-16"))
    assert "Привет" in text


@pytest.mark.parametrize(
    "data,reason",
    [
        (b"", "empty"),
        (b"   \n ", "empty"),
        (b"%PDF-1.4 binary", "binary"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary"),
        (b"just some plain text, no markup", "not_html"),
        (b'{"json": true}', "not_html"),
    ],
)
def test_decode_rejections(data, reason):
    assert decode.decode_html(data)[1][0] == reason


def test_rules_file(monkeypatch):
    monkeypatch.setenv(rules.ENV_VAR, str(FIX / "rules.yaml"))
    art = clean_html((FIX / "ruled-page.html").read_bytes(), "https://www.rules.example/a")
    assert isinstance(art, CleanedArticle)
    assert art.title == "The real headline" and art.provenance["title"] == "rule"
    assert art.authors == ("Ada Lovelace",)
    assert art.published_at == "2021-03-03T10:00:00-05:00" and art.published_day == "2021-03-03"
    assert art.body.splitlines() == [
        "Short first paragraph of the story body kept by the rule.",
        "Second paragraph of the story body kept by the rule as well.",
    ]


def test_rules_from_settings(monkeypatch):
    monkeypatch.delenv(rules.ENV_VAR, raising=False)
    settings = Settings(clean_rules=str(FIX / "rules.yaml"))
    art = clean_html((FIX / "ruled-page.html").read_bytes(), "https://rules.example/a", settings)
    assert art.provenance["authors"] == "rule" and art.authors == ("Ada Lovelace",)


def test_bad_rules_file(tmp_path, monkeypatch):
    bad = tmp_path / "r.yaml"
    bad.write_text("example.com: [1, 2]\n")
    monkeypatch.setenv(rules.ENV_VAR, str(bad))
    with pytest.raises(ConfigError):
        clean_html(b"<html><body><p>x</p></body></html>", "https://example.com/")


def test_cli_human_and_json(capsys):
    page = PAGES_DIR / "world" / "putin-trump-apec.html"
    assert cli(Namespace(target=str(page), url=None, json=False), Settings()) == 0
    out = capsys.readouterr().out
    assert "published_at   2017-11-09T01:13:00-08:00   [opengraph]" in out
    assert "published_day  2017-11-09" in out
    assert cli(Namespace(target=str(page), url="https://e.saigondailynews.vn/x", json=True), Settings()) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["agency"] == "Reuters" and data["provenance"]["title"]


def test_cli_rejection_and_missing_file(capsys, tmp_path):
    f = tmp_path / "a.bin"
    f.write_bytes(b"\x00\x01\x02" * 100)
    assert cli(Namespace(target=str(f), url=None, json=False), Settings()) == 1
    assert "REJECTED binary" in capsys.readouterr().out
    assert cli(Namespace(target=str(tmp_path / "missing.html"), url=None, json=False), Settings()) == 2
