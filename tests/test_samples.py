"""The bundled sample corpus: served over HTTP, listed in sources.yaml, seed story intact."""

from __future__ import annotations

import argparse
import os
import re
import threading
import urllib.request
from pathlib import Path

import pytest
import yaml

from etl.cli import dev
from etl.core.errors import ConfigError
from etl.dev import samples

SEED_TEXT = Path("/work/shared/fixtures/seed-article.txt")
SEED_PAGE = "world/putin-trump-apec.html"


def _seed_paragraphs() -> list[str]:
    """Body paragraphs of the seed story: from the first body paragraph to the last one."""
    lines = [line.strip() for line in SEED_TEXT.read_text(encoding="utf-8").splitlines()]
    start = next(i for i, line in enumerate(lines) if line.startswith("Prospects for a meeting"))
    end = next(i for i, line in enumerate(lines) if line.startswith("Tensions have also flared"))
    return [line for line in lines[start : end + 1] if line]


def _get(url: str) -> tuple[int, str, str]:
    with urllib.request.urlopen(url, timeout=10) as resp:
        return resp.status, resp.headers.get("Content-Type", ""), resp.read().decode("utf-8")


@pytest.fixture(scope="module")
def base_url():
    with samples.serve() as url:
        yield url


def test_pages_exist_on_disk():
    for page in samples.PAGES:
        assert (samples.PAGES_DIR / page).is_file(), page
    found = sorted(p.relative_to(samples.PAGES_DIR).as_posix() for p in samples.PAGES_DIR.rglob("*.html"))
    assert found == sorted(samples.PAGES)


def test_each_page_is_served_as_utf8_html(base_url):
    urls = samples.page_urls(base_url)
    assert len(urls) == 6
    for url in urls:
        status, ctype, body = _get(url)
        assert status == 200, url
        assert ctype.startswith("text/html"), (url, ctype)
        assert "charset=utf-8" in ctype.lower(), (url, ctype)
        assert body.lstrip().lower().startswith("<!doctype html>"), url
        assert "<title>" in body and "</html>" in body, url


def test_missing_page_is_404(base_url):
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(f"{base_url}/no/such/page.html", timeout=10)
    assert info.value.code == 404


@pytest.mark.skipif(not SEED_TEXT.exists(), reason="shared seed fixture not available")
def test_seed_page_contains_every_seed_paragraph(base_url):
    _, _, html = _get(f"{base_url}/{SEED_PAGE}")
    paragraphs = _seed_paragraphs()
    assert len(paragraphs) == 14
    for para in paragraphs:
        assert para in html, para


def test_seed_page_metadata():
    html = (samples.PAGES_DIR / SEED_PAGE).read_text(encoding="utf-8")
    assert 'content="Prospects for Putin-Trump meeting at APEC summit unclear - Saigon Daily News"' in html
    assert "November 9, 2017 | 01:13 am PT" in html
    assert 'content="2017-11-09T09:13:00+00:00"' in html
    assert "'There’s never been an agreement, certainly not to a full bilat(eral).'" in html
    assert "Photo by Reuters/Carlos Barria/File Photo" in html
    assert re.search(r'<link rel="canonical" href="https://[^"]+"', html)
    assert "go to top" in html


def test_page_urls_strips_trailing_slash():
    assert samples.page_urls("http://h:1/")[0] == "http://h:1/world/putin-trump-apec.html"


def test_sources_yaml_lists_the_six_pages():
    data = yaml.safe_load(samples.SOURCES_FILE.read_text(encoding="utf-8"))
    (source,) = data["sources"]
    assert source["name"] == "samples" and source["kind"] == "urls"
    prefix = "${NEWS_ETL_SAMPLES_URL:-http://127.0.0.1:8765}/"
    assert all(url.startswith(prefix) for url in source["urls"])
    assert [url[len(prefix) :] for url in source["urls"]] == list(samples.PAGES)
    expanded = [os.path.expandvars(u.replace(":-http://127.0.0.1:8765", "")) for u in source["urls"]]
    assert len(set(expanded)) == 6


def test_serve_shuts_down_and_frees_the_port():
    with samples.serve() as url:
        port = int(url.rsplit(":", 1)[1])
        assert _get(f"{url}/{SEED_PAGE}")[0] == 200
    with pytest.raises(OSError):
        urllib.request.urlopen(f"{url}/{SEED_PAGE}", timeout=2)
    with samples.serve(port=port) as again:
        assert again == url


def test_cli_reports_busy_port_as_config_error():
    with samples.serve() as url:
        port = int(url.rsplit(":", 1)[1])
        with pytest.raises(ConfigError):
            dev.samples_serve(argparse.Namespace(action="serve", port=port))


def test_cli_serves_until_interrupted(monkeypatch, capsys):
    def interrupt(_seconds):
        raise KeyboardInterrupt

    monkeypatch.setattr(dev.time, "sleep", interrupt)
    before = set(threading.enumerate())
    assert dev.samples_serve(argparse.Namespace(action="serve", port=0)) == 0
    out = capsys.readouterr().out
    assert "http://127.0.0.1:" in out and SEED_PAGE in out
    assert not [t for t in threading.enumerate() if t.name == "samples-http" and t not in before]
