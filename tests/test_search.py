"""etl.search and ``news-etl search`` against the real Elasticsearch, on the small corpus."""

from __future__ import annotations

import html
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_search_corpus import CORPUS, article, corpus_index, index_corpus

from etl.cli import main
from etl.core.records import AnnotatedArticle, Annotation, CleanedArticle
from etl.index.load import bulk_load
from etl.index.versions import ensure_index
from etl.search import (
    InvalidQuery,
    SearchRequest,
    build_body,
    get_article,
    group_filters,
    more_like_this,
    parse_quote_question,
    quote_search,
    search,
)
from etl.search.response import folded_marks

pytestmark = pytest.mark.es


@pytest.fixture(scope="module")
def corpus(es_url):
    """One index with CORPUS for the whole module (read-only tests)."""
    with corpus_index(es_url) as env:
        yield env


def run(corpus, **kw):
    es, settings = corpus
    return search(es, settings.index_alias, SearchRequest.create(**kw))


def ids(result):
    return [h["id"] for h in result["hits"]]


def test_match_all_counts_everything(corpus):
    r = run(corpus)
    assert r["total"] == len(CORPUS)
    assert r["facets"]["persons"][0] == {"value": "Vladimir Putin", "count": 3, "selected": False}


def test_stemming_folding_and_possessives(corpus):
    assert ids(run(corpus, q="summits")) == ["a1"]            # hunspell: summits -> summit
    assert set(ids(run(corpus, q="sanction"))) == {"a1", "a2", "a7"}
    assert ids(run(corpus, q="zurich cafe")) == ["a4"]        # ASCII folding
    assert ids(run(corpus, q="Zürich")) == ["a4"]
    assert ids(run(corpus, q="Merkel's")) != []                # possessive in the query
    assert "a4" in ids(run(corpus, q="Merkel party"))         # "Merkel's party" in the text


def test_phrase_search_uses_exact_fields(corpus):
    assert ids(run(corpus, q='"trade talks"')) == ["a3"]
    assert ids(run(corpus, q='"talks trade"')) == []
    # stemmed terms do not match inside a quoted phrase: "summits" only via stemming
    assert ids(run(corpus, q='"summits"')) == []


@pytest.mark.parametrize("q", ['"', "(", ")", '"putin', "putin)", "a:b", "[x", "{", "\\", "~", "*", "&&", "||",
                               "-", "/", "AND OR NOT", "<script>alert(1)</script>", "ünïcödé ✓", "'"])
def test_stray_characters_never_error(corpus, q):
    r = run(corpus, q=q)
    assert isinstance(r["total"], int)


def test_field_boosts_title_over_body(corpus):
    # "Helsinki" is in the title of a1 and a9 and only in the body of none other; "Syria" in title of a10
    r = run(corpus, q="syria")
    assert ids(r)[0] == "a10"  # title match beats body-only match (a1)
    assert set(ids(r)) == {"a1", "a10"}


def test_filters_and_multi_select_facets(corpus):
    r = run(corpus, filters={"persons": ["Vladimir Putin"]})
    assert set(ids(r)) == {"a1", "a7", "a10"}
    persons = {f["value"]: f for f in r["facets"]["persons"]}
    # multi-select: the other persons keep their counts over the unfiltered set
    assert persons["Rex Tillerson"]["count"] == 2 and not persons["Rex Tillerson"]["selected"]
    assert persons["Vladimir Putin"]["selected"] is True
    # other facets are narrowed by the persons filter
    sites = {f["value"]: f["count"] for f in r["facets"]["site"]}
    assert sites == {"Example News": 2, "Daily Planet": 1}
    # OR within a facet, AND across facets
    r = run(corpus, filters={"persons": ["Vladimir Putin", "Rex Tillerson"]})
    assert set(ids(r)) == {"a1", "a2", "a3", "a7", "a10"}
    r = run(corpus, filters={"persons": ["Vladimir Putin", "Rex Tillerson"], "site": ["Daily Planet"]})
    assert set(ids(r)) == {"a2", "a3", "a10"}


def test_normalised_facet_does_not_split_case(corpus):
    r = run(corpus, facets=["section"])
    sections = {f["value"]: f["count"] for f in r["facets"]["section"]}
    assert sections["politics"] == 2  # "Politics" and "politics"
    r = run(corpus, filters={"section": ["POLITICS"]}, facets=["section"])
    assert set(ids(r)) == {"a2", "a3"}
    assert [f for f in r["facets"]["section"] if f["selected"]] == [
        {"value": "politics", "count": 2, "selected": True}]


def test_selected_value_outside_top_n_still_listed(corpus):
    r = run(corpus, facets=["locations"], facet_size=1, filters={"locations": ["Paris"]})
    values = {f["value"]: f for f in r["facets"]["locations"]}
    assert values["Paris"]["selected"] and values["Paris"]["count"] == 1
    r = run(corpus, facets=["locations"], filters={"locations": ["Atlantis"]})
    assert r["total"] == 0
    assert {"value": "Atlantis", "count": 0, "selected": True} in r["facets"]["locations"]


def test_date_range_and_histogram(corpus):
    r = run(corpus, date_from="2017-05-01", date_to="2017-05-31")
    assert set(ids(r)) == {"a4", "a6", "a10"}
    # with a range the histogram zooms to it: daily buckets, empty days included
    assert len(r["histogram"]) == 31 and sum(b["count"] for b in r["histogram"]) == 3
    assert r["histogram"][0] == {"date": "2017-05-01", "count": 0}
    assert {"date": "2017-05-02", "count": 2} in r["histogram"]
    r = run(corpus, date_to="2016-12-31")
    assert ids(r) == ["a8"]
    r = run(corpus, date_from="2017-09-25", date_to="2017-09-25")  # a bare day includes the whole day
    assert ids(r) == ["a5"]
    hist = run(corpus)["histogram"]
    assert {"date": "2017-05-01", "count": 3} in hist
    with pytest.raises(InvalidQuery):
        SearchRequest.create(date_from="2017-02-30")
    with pytest.raises(InvalidQuery):
        SearchRequest.create(date_from="2018-01-01", date_to="2017-01-01")


def test_sort_by_date_and_missing_dates_last(corpus):
    r = run(corpus, sort="date")
    dates = [h["published_at"] for h in r["hits"]]
    assert dates[-1] is None
    assert dates[:-1] == sorted(dates[:-1], reverse=True)


def test_highlight_phrases_stems_and_partial_matches(corpus):
    h = run(corpus, q='"trade talks"')["hits"][0]
    assert "<mark>trade talks</mark>" in h["highlight"]["snippet"] or (
        "<mark>trade</mark> <mark>talks</mark>" in h["highlight"]["snippet"])
    h = run(corpus, q="summits")["hits"][0]
    assert h["highlight"]["title"] == "Putin and Trump hold first <mark>summit</mark> in Helsinki"
    # matched through the folded field ("Merkel's party"): the words that are in the text are marked
    h = {x["id"]: x for x in run(corpus, q="Merkel party")["hits"]}["a4"]
    assert "<mark>party</mark>" in h["highlight"]["snippet"]
    # matched only through folding: marked in Python on the title
    h = run(corpus, q="cafe zurich")["hits"][0]
    assert h["highlight"]["title"] == "<mark>Café</mark> owners in <mark>Zürich</mark> protest new tax"


def test_highlight_is_html_escaped(corpus):
    r = run(corpus, q="putin")
    h = {x["id"]: x for x in r["hits"]}["a1"]
    assert h["highlight"]["title"] == "<mark>Putin</mark> and Trump hold first summit in Helsinki"
    assert "<mark>Putin</mark>" in h["highlight"]["snippet"]
    assert "'" not in h["highlight"]["snippet"]  # "Putin's" is escaped by the html encoder


def test_pagination_and_search_after_cursor(corpus):
    full = ids(run(corpus, sort="date", size=100))
    p1 = run(corpus, sort="date", size=3)
    p2 = run(corpus, sort="date", size=3, page=2)
    assert ids(p1) + ids(p2) == full[:6]
    seen, cursor = [], None
    while True:
        r = run(corpus, sort="date", size=3, after=cursor)
        seen += ids(r)
        cursor = r["next"]
        if not cursor:
            break
    assert seen == full
    # relevance sort with a cursor
    a = run(corpus, q="putin | tillerson", size=2)
    b = run(corpus, q="putin | tillerson", size=2, after=a["next"])
    assert not set(ids(a)) & set(ids(b)) and len(ids(b)) == 2
    with pytest.raises(InvalidQuery, match="too deep"):
        SearchRequest.create(page=10_000, size=20)
    with pytest.raises(InvalidQuery, match="cursor"):
        SearchRequest.create(after="garbage!")
    with pytest.raises(InvalidQuery, match="cursor"):
        SearchRequest.create(after=a["next"], sort="date")  # cursor from another sort


def test_invalid_requests():
    for kw in ({"facets": ["nope"]}, {"filters": {"body": ["x"]}}, {"size": 0}, {"size": 101}, {"page": 0},
               {"sort": "random"}, {"q": "x" * 2000}, {"filters": {"persons": ["x" * 400]}}):
        with pytest.raises(InvalidQuery):
            SearchRequest.create(**kw)


def test_body_has_no_scripts_and_excludes_body_text():
    body = build_body(SearchRequest.create(q="x", filters={"persons": ["A"]}))
    assert "script" not in json.dumps(body)
    assert "body" not in body["_source"]["includes"]
    assert body["post_filter"]["bool"]["filter"] == [{"terms": {"persons": ["A"]}}]


def test_group_filters():
    assert group_filters(['persons="Vladimir Putin"', "persons:Rex Tillerson", "site=X"]) == {
        "persons": ("Vladimir Putin", "Rex Tillerson"), "site": ("X",)}
    with pytest.raises(InvalidQuery):
        group_filters(["no value"])


def test_get_article_and_more_like_this(corpus):
    es, settings = corpus
    art = get_article(es, settings.index_alias, "a7")
    assert art["id"] == "a7" and art["quotes"][0]["speaker"] == "Vladimir Putin"
    assert get_article(es, settings.index_alias, "missing") is None
    similar = [h["id"] for h in more_like_this(es, settings.index_alias, "a1", size=3)]
    assert "a1" not in similar and similar[0] in {"a10", "a7"}


def test_quote_search(corpus):
    es, settings = corpus
    assert parse_quote_question("What did Rex Tillerson say about Russia?") == ("Rex Tillerson", "Russia")
    assert parse_quote_question("quotes by Angela Merkel") == ("Angela Merkel", "")
    assert parse_quote_question("putin sanctions") is None
    r = quote_search(es, settings.index_alias, speaker="rex tillerson", about="Russia")
    assert [h["id"] for h in r["hits"]] == ["a2"]
    assert r["hits"][0]["quotes"][0]["highlight"].startswith("<mark>Russia</mark>")
    # a topic word also matches longer forms in the quote ("America" -> "American workers")
    r = quote_search(es, settings.index_alias, speaker="Tillerson", about="America")
    assert [h["id"] for h in r["hits"]] == ["a3"] and "<mark>American</mark>" in r["hits"][0]["quotes"][0]["highlight"]
    # the speaker's quotes are returned when the article itself is about the topic
    r = quote_search(es, settings.index_alias, speaker="Angela Merkel", about="chancellor")
    assert [h["id"] for h in r["hits"]] == ["a5"]
    assert quote_search(es, settings.index_alias, speaker="Angela Merkel", about="tax")["total"] == 0
    r = quote_search(es, settings.index_alias, speaker="Tillerson")
    assert {h["id"] for h in r["hits"]} == {"a2", "a3"}
    r = quote_search(es, settings.index_alias, about="sanctions")
    assert {h["id"] for h in r["hits"]} == {"a2", "a7"}
    with pytest.raises(InvalidQuery):
        quote_search(es, settings.index_alias)


def _env(monkeypatch, settings):
    monkeypatch.setenv("NEWS_ETL_ES_URL", settings.es_url)
    monkeypatch.setenv("NEWS_ETL_INDEX_ALIAS", settings.index_alias)


def test_cli_json_parity(corpus, monkeypatch, capsys):
    es, settings = corpus
    _env(monkeypatch, settings)
    assert main(["search", "putin", "--facet", "persons", "--filter", 'persons="Donald Trump"', "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) >= {"total", "hits", "facets"}
    assert out["total"] == 2 and {h["id"] for h in out["hits"]} == {"a1", "a10"}
    assert {"value": "Vladimir Putin", "count": 3, "selected": False} in out["facets"]["persons"]
    lib = run(corpus, q="putin", facets=["persons"], filters={"persons": ["Donald Trump"]}, size=10)
    assert out["facets"] == lib["facets"] and [h["id"] for h in out["hits"]] == ids(lib)


def test_cli_table_and_errors(corpus, monkeypatch, capsys):
    es, settings = corpus
    _env(monkeypatch, settings)
    assert main(["search", "tillerson", "--facet", "persons", "--facet", "site"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("2 articles")
    assert "[Tillerson]" in out and "https://news.example/a2" in out
    assert "persons:" in out and "Rex Tillerson" in out and "site:" in out
    assert main(["search", "x", "--facet", "bogus"]) == 2
    assert "unknown facet" in capsys.readouterr().err
    assert main(["search", "what did Rex Tillerson say about Russia?"]) == 0
    out = capsys.readouterr().out
    assert "Rex Tillerson:" in out and "Crimea" in out


def test_relaxed_to_any_word_when_all_words_match_nothing(corpus):
    r = run(corpus, q="merkel tillerson")
    assert r["relaxed"] is True and set(ids(r)) == {"a2", "a3", "a4", "a5"}
    assert run(corpus, q="merkel election")["relaxed"] is False
    # explicit syntax is respected, never relaxed
    r = run(corpus, q="+merkel +tillerson")
    assert r["total"] == 0 and r["relaxed"] is False
    assert run(corpus, q="xyzzy plugh")["total"] == 0


def test_cli_article_and_similar(corpus, monkeypatch, capsys):
    es, settings = corpus
    _env(monkeypatch, settings)
    assert main(["search", "--article", "a2"]) == 0
    out = capsys.readouterr().out
    assert "Tillerson warns Russia over Ukraine" in out and "Brussels at NATO headquarters" in out
    assert main(["search", "--article", "a2", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["id"] == "a2"
    assert main(["search", "--similar", "a1", "--size", "2", "--json"]) == 0
    sim = json.loads(capsys.readouterr().out)["similar"]
    assert len(sim) == 2 and "a1" not in {s["id"] for s in sim}
    assert main(["search", "--similar", "a1", "--size", "2"]) == 0
    assert capsys.readouterr().out.startswith("articles like")
    assert main(["search", "--article", "missing"]) == 1


@given(text=st.text(max_size=80), q=st.text(max_size=20))
def test_folded_marks_is_escaped_and_lossless(text, q):
    out = folded_marks(text, q)
    if out is None:
        return
    plain = out.replace("<mark>", "").replace("</mark>", "")
    assert "<" not in plain and html.unescape(plain) == text


def test_histogram_intervals(corpus):
    years = run(corpus, interval="year")["histogram"]
    assert years == [{"date": "2016-01-01", "count": 1}, {"date": "2017-01-01", "count": 8}]
    months = run(corpus)["histogram"]  # gaps between months are filled with zeros
    assert months[0] == {"date": "2016-11-01", "count": 1} and {"date": "2016-12-01", "count": 0} in months
    assert len(months) == 11 and sum(b["count"] for b in months) == len(CORPUS) - 1  # a9 has no date
    days = run(corpus, date_from="2017-05-01", date_to="2017-05-10")["histogram"]  # auto: daily
    assert len(days) == 10 and {"date": "2017-05-02", "count": 2} in days
    assert run(corpus, date_from="2015-01-01", date_to="2019-12-31")["histogram"] == [
        {"date": f"{y}-01-01", "count": c} for y, c in ((2015, 0), (2016, 1), (2017, 8), (2018, 0), (2019, 0))]
    # spanning the data with daily buckets: only days with articles
    assert len(run(corpus, filters={"site": ["Daily Planet"]}, interval="day")["histogram"]) == 4
    body = build_body(SearchRequest.create(histogram=False))
    assert "histogram" not in body["aggs"]
    assert SearchRequest.create(date_from="2017-01-01T00:00:00Z").date_from.startswith("2017-01-01T00:00:00")


def test_wild_dates_do_not_explode_the_histogram(es, es_settings):
    index_corpus(es, es_settings, CORPUS + [article("old", "Old", "old text", published="1900-01-01T00:00:00+00:00"),
                                            article("far", "Far", "far text", published="2999-01-01T00:00:00+00:00")])
    r = search(es, es_settings.index_alias, SearchRequest.create())
    assert r["total"] == len(CORPUS) + 2
    assert len(r["histogram"]) == 11  # 2016-11 .. 2017-09; the two wild dates are outside the bounds


def test_collapse_shows_one_hit_per_story(es, es_settings):
    def wire_copy(n: int, story: str) -> AnnotatedArticle:
        art = CleanedArticle(url=f"https://site{n}.example/wire/ceasefire", doc_id=f"d{n}", story_id=story,
                             title="Ceasefire talks resume in Geneva", body="Negotiators met in Geneva on Monday.",
                             published_at=f"2024-03-0{n + 1}T10:00:00Z")
        return AnnotatedArticle(article=art, annotation=Annotation(locations=("Geneva",)))

    ensure_index(es, es_settings)
    docs = [wire_copy(0, "s-wire"), wire_copy(1, "s-wire"), wire_copy(2, "s-wire"), wire_copy(3, "")]
    assert bulk_load(es, docs, es_settings).indexed == 4
    plain = search(es, es_settings.index_alias, SearchRequest.create(q="ceasefire Geneva"))
    assert plain["total"] == 4
    collapsed = search(es, es_settings.index_alias, SearchRequest.create(q="ceasefire Geneva", collapse=True))
    assert collapsed["stories"] == 2  # the three wire copies, and the article without a story id (its own)
    assert len(collapsed["hits"]) == 2
    assert sorted(h["id"] for h in collapsed["hits"])[1] == "d3"
