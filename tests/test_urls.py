"""URL normalisation: one article, one id."""

from __future__ import annotations

from urllib.parse import quote, urlencode

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from etl.core.urls import doc_id, host_of, normalize_url


@pytest.mark.parametrize("raw, expected", [
    ("HTTP://News.Example.COM:80/World/Story/", "http://news.example.com/World/Story"),
    ("https://example.com:443/a?utm_source=tw&utm_medium=x&id=7#comments", "https://example.com/a?id=7"),
    ("https://example.com:8443/a", "https://example.com:8443/a"),
    ("https://example.com/a?b=2&a=1&fbclid=XYZ&gclid=1", "https://example.com/a?a=1&b=2"),
    ("https://example.com", "https://example.com/"),
    ("https://example.com/caf%c3%a9/%7euser", "https://example.com/caf%C3%A9/~user"),
    ("https://example.com/a b", "https://example.com/a%20b"),
    ("https://example.com./x", "https://example.com/x"),
    ("  https://example.com/x  ", "https://example.com/x"),
    ("http://[2001:DB8::1]:80/a/", "http://[2001:db8::1]/a"),  # IPv6 literals keep their brackets
    ("http://[::ffff:127.0.0.1]:8080/a", "http://[::ffff:127.0.0.1]:8080/a"),
    ("mailto:someone@example.com", "mailto:someone@example.com"),
    ("/relative/path", "/relative/path"),
])
def test_normalize(raw, expected):
    assert normalize_url(raw) == expected


def test_one_article_one_id():
    variants = ["https://Example.com/news/story/?utm_campaign=x", "https://example.com:443/news/story#top",
                "https://example.com/news/story?fbclid=abc"]
    assert len({doc_id(v) for v in variants}) == 1
    assert len(doc_id(variants[0])) == 32
    assert doc_id("https://example.com/news/story?id=1") != doc_id("https://example.com/news/story?id=2")
    assert host_of("https://WWW.Example.com:8080/x") == "www.example.com" and host_of("nope") == ""


_segment = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=12)


@settings(max_examples=300, deadline=None)
@given(host=st.from_regex(r"[A-Za-z][A-Za-z0-9-]{0,10}(\.[A-Za-z]{2,5}){1,2}", fullmatch=True),
       segments=st.lists(_segment, max_size=4),
       query=st.lists(st.tuples(st.sampled_from(["id", "utm_source", "p", "Ref", "q"]), _segment), max_size=4),
       fragment=_segment, slash=st.booleans())
def test_normalize_is_idempotent(host, segments, query, fragment, slash):
    path = "/" + "/".join(quote(s, safe="") for s in segments) + ("/" if slash else "")
    url = f"https://{host}{path}?{urlencode(query)}#{quote(fragment)}"
    once = normalize_url(url)
    assert normalize_url(once) == once
    assert "#" not in once and "utm_" not in once and once.startswith("https://" + host.lower())
