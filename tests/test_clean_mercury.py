"""Metadata error classes found on Mercury Parser's fixtures (2016 pages, a source first read in session 12), on
their real markup: the title among a page's <h1> elements (etl.clean.meta.title: the headline <h1> is not the
first, or there is none) and publication instants in attributes other than ``content``/``datetime``."""

from __future__ import annotations

import pytest
from lxml import html

from etl.clean import clean_html
from etl.clean.meta.published import marked
from etl.clean.meta.title import find_title, headline_h1
from etl.core.records import CleanedArticle


def _root(title: str, h1s: str):
    return html.fromstring(f"<html><head><title>{title}</title></head><body><header>{h1s}</header></body></html>")


def test_the_h1_that_is_the_pages_title_wins_over_a_label_before_it():
    # 247sports.com: a "Trending" rail heading comes first
    root = _root(" Breaking: Houston hires Major Applewhite as head coach ",
                 "<h1>Trending</h1><h1> Breaking: Houston hires Major Applewhite as head coach </h1>")
    assert find_title({}, {}, root, "247Sports") == ("Breaking: Houston hires Major Applewhite as head coach", "h1")


def test_menu_labels_in_h1_give_way_to_the_html_title():
    # abcnews.go.com: the navigation's labels are the page's only <h1> elements
    root = _root("Hillary Clinton: Putin's Alleged Involvement in Democratic Hack Stems From Longtime Grudge - ABC News",
                 '<h1 class="label"> <span class="link-text">Sections</span> </h1>'
                 '<h1 class="label"> <span class="link-text">Shows</span> </h1>'
                 '<h1 class="label"> <span class="link-text">Live</span> </h1>')
    assert headline_h1(root) == ""
    assert find_title({}, {}, root, "ABC News") == (
        "Hillary Clinton: Putin's Alleged Involvement in Democratic Hack Stems From Longtime Grudge", "html-title")


def test_the_sites_name_in_an_h1_is_no_title():
    # howtogeek.com: the print header's <h1> holds the site's name
    root = _root("Amazon Echo vs. Google Home: Which One Should You Buy?",
                 '<h1 id="printH1">How-To Geek</h1><h1 id="printHeader" style="display:none">How-To Geek</h1>')
    assert find_title({}, {}, root, "")[0] == "Amazon Echo vs. Google Home: Which One Should You Buy?"


def test_a_template_placeholder_is_no_title():
    # rawstory.com: unrendered "{text}" headings
    root = _root(" These 6 celebrities are refusing to play Trump’s inauguration as team scrambles to secure talent",
                 "<h1>{text}</h1><h1>{text}</h1>")
    assert find_title({}, {}, root, "")[0].startswith("These 6 celebrities are refusing")


def test_an_h1_keeps_a_short_last_part_that_is_no_site_name():
    # today.com: the headline's own dash clause is no site suffix (the <title> is another wording)
    root = _root("Zsa Zsa Gabor's Palm Springs home is for sale — see inside - TODAY.com",
                 '<h1 class="entry-headline" itemprop="headline">Take a tour inside Zsa Zsa Gabor\'s former '
                 "Palm Springs retreat — it's for sale!</h1>")
    assert find_title({}, {}, root, "TODAY.com")[0] == (
        "Take a tour inside Zsa Zsa Gabor's former Palm Springs retreat — it's for sale!")


def test_a_short_h1_that_opens_the_html_title_and_a_chinese_headline_stay():
    assert headline_h1(_root("Mozilla - Wikipedia", "<h1>Mozilla</h1>")) == "Mozilla"
    assert headline_h1(_root("", "<h1>短缺药品保供稳价 全力保障临床用药需求</h1>")) == "短缺药品保供稳价 全力保障临床用药需求"


def test_mercury_fixture_pages_meta_values_are_read():
    # Mercury Parser saves every <meta>'s content in a value attribute: <meta name="og:title" value="...">
    readability_pages = pytest.importorskip("bench.readability_pages")
    try:
        page = readability_pages.mercury_html("247sports.com-1481309665090")
    except (OSError, RuntimeError) as exc:
        pytest.skip(f"Mercury Parser's fixtures are not available: {exc}")
    art = clean_html(page, readability_pages.mercury_urls()["247sports.com-1481309665090"])
    assert isinstance(art, CleanedArticle)
    assert (art.title, art.provenance["title"]) == ("Houston Cougars hire Major Applewhite as head coach", "opengraph")
    assert art.published_day == "2016-12-09"


def test_a_time_elements_data_published_instant_is_read():
    # 247sports.com: the byline's <time> prints "4 hours ago" and keeps its instant in data-published
    root = html.fromstring('<html><body><h1> Breaking: Houston hires Major Applewhite as head coach </h1>'
                           '<ul class="h_lst"><li><a data-author="857915" href="/User/TravisHaney">Travis Haney</a> - '
                           '<time data-published="2016-12-09 09:13:00Z"> 4 hours ago </time></li></ul></body></html>')
    assert [f.day for f in marked(root, None)] == ["2016-12-09"]


def test_a_date_published_meta_with_a_value_attribute_is_read():
    # eonline.com: microdata <meta itemprop="datePublished"> with value= instead of content=
    root = html.fromstring('<html><head><meta itemprop="datePublished" value="2016-12-12T06:00:00Z">'
                           '<meta itemprop="dateModified" value="2016-12-12T08:40:37Z"></head><body><p>x</p></body></html>')
    assert [f.day for f in marked(root, None)][:1] == ["2016-12-12"]
