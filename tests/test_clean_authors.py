"""Bylines on real page snippets (issue 12, session 3): co-authors before a weekday, a by-word glued
to the name by markup, bylines named by ``data-testid``, a labelled by-phrase after a leading date."""

from __future__ import annotations

from etl.clean import clean_html, dom
from etl.clean.authors import agency_in_text, split_byline
from etl.clean.meta.bylines import find_authors
from etl.core.records import CleanedArticle

_TEXT = ("<p>The county board voted on Tuesday to open talks with the developer about a resort at the lake, "
         "after a long public hearing on traffic, water and the cost of new roads.</p>") * 4


def _page(byline: str, lang: str = "en") -> str:
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>Resort talks</title></head>'
            f"<body><main><article><h1>Resort talks approved</h1>{byline}{_TEXT}</article></main></body></html>")


def _authors(byline: str, lang: str = "en") -> list[str]:
    art = clean_html(_page(byline, lang), "https://news.example/resort-talks")
    assert isinstance(art, CleanedArticle), art
    return list(art.authors)


def test_co_authors_before_a_weekday_dateline():
    # politifact.com: 'By <a>Matthew Digby</a> , <a>Minh Do</a> <span>on Monday, November 18th, 2019 ...</span>'
    byline = ('<p class="article__meta"> By <a class="link" href="/staff/matthew-digby/">Matthew Digby</a> , '
              '<a class="link" href="/staff/minh-do/">Minh Do</a> <span class="article__meta">on Monday, '
              "November 18th, 2019 at 11:08 a.m.</span> </p>")
    assert _authors(byline) == ["Matthew Digby", "Minh Do"]
    assert split_byline("Von Max Muster am Montag, 3. März") == (["Max Muster"], "")


def test_by_word_glued_to_the_name_in_a_testid_byline():
    # abc7news.com: hashed classes, the byline named by data-testid, "By" and the name in adjacent spans
    byline = ('<div class="QHbl nkdH" data-testid="prism-byline"><div class="VZTD"><span class="tChG">By</span>'
              '<span><a class="zZyg" data-testid="prism-linkbase" href="/about/newsteam/jr-stone">J.R. Stone'
              "</a></span></div></div>")
    assert _authors(byline) == ["J.R. Stone"]
    assert split_byline("Byron Smith") == (["Byron Smith"], "")  # a name starting with "By" is left alone


def test_labelled_by_phrase_after_a_leading_date():
    # jaraguadosul.com.br: '<small><b>05/10/2018</b> - Publicado por: Clarissa Borba - Categoria: ...</small>'
    byline = ('<small class="text-muted"><b>05/10/2018</b> - Publicado por: Clarissa Borba - Categoria: '
              '<a href="/noticias.php?cat=19">Saúde</a> - Tags: <a href="/noticias.php?tag=sad">sad</a></small>')
    assert _authors(byline, "pt") == ["Clarissa Borba"]
    names, prov, _, _ = find_authors({}, {}, dom.parse(_page(byline, "pt")))
    assert (names, prov) == (["Clarissa Borba"], "text")


def test_titles_are_not_part_of_the_name():
    # telemedicus.info meta author 'Dr. Sebastian Brüggemann'; rechtambild.de 'Rechtsanwalt Dennis Tölle'
    assert split_byline("Dr. Sebastian Brüggemann", trusted=True) == (["Sebastian Brüggemann"], "")
    assert split_byline("Rechtsanwalt Dennis Tölle", trusted=True) == (["Dennis Tölle"], "")
    assert split_byline("Von Prof. Dr. Anna Muster") == (["Anna Muster"], "")
    assert split_byline("Drew Barrymore", trusted=True) == (["Drew Barrymore"], "")  # not a title


def test_sport_agency_sid():
    # tennismagazin.de: 'Montpellier (SID) – Tennis-Olympiasieger ...'; spox.com: byline 'SID'
    assert agency_in_text("Montpellier (SID) – Tennis-Olympiasieger Alexander Zverev") == "SID"
    assert split_byline("SID") == ([], "SID")


# ----------------------------------------------------------------------------- session 4 rules (real page snippets)


def _ld(author: str, site: str = "") -> str:
    publisher = f', "publisher": {{"@type": "Organization", "name": "{site}"}}' if site else ""
    return ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "Article", '
            f'"headline": "Resort talks approved", "author": {{"@type": "Person", "name": "{author}"}}{publisher}}}'
            "</script>")


def _authors_with(head: str, byline: str, lang: str = "en", url: str = "https://news.example/resort-talks") -> list[str]:
    html = _page(byline, lang).replace("</head>", head + "</head>")
    art = clean_html(html, url)
    assert isinstance(art, CleanedArticle), art
    return list(art.authors)


def test_a_piece_by_phrase_opens_a_byline():
    # pferderevue.at: '<div class="metaInfo">Ein Artikel von <strong>Pamela Sladky</strong> | 27.01.2022 - 12:45</div>'
    assert _authors('<div class="metaInfo">Ein Artikel von <strong>Pamela Sladky</strong> | 27.01.2022 - 12:45</div>',
                    "de") == ["Pamela Sladky"]
    assert split_byline("Eine Kolumne von Nils Pickert") == (["Nils Pickert"], "")
    assert split_byline("A column by Jane Doe") == (["Jane Doe"], "")


def test_by_word_after_a_printed_date():
    # vipflash.de: '<span style="font-size:12px;color:#333">06.11.2023 13:30 von Olga </span>' in the picture's <h2>
    byline = '<h2 class="">Stars (1 / 1) <span style="font-size:12px;color:#333">06.11.2023 13:30 von Olga </span></h2>'
    assert _authors(byline, "de") == ["Olga"]


def test_one_word_declared_author_gets_the_printed_surname():
    # rutgers.edu: JSON-LD author {"@type": "Person", "name": "Todd"}; the page prints "By" and 'Todd Bates'
    sidebar = ("<div class=\"full-name-wrapper\"><div class=\"f--field f--text\"><p class='label'><strong>By</strong>"
               "</p></div><div class=\"f--field f--text\"><p class='full-name'>Todd Bates</p></div></div>")
    assert _authors_with(_ld("Todd"), sidebar) == ["Todd Bates"]
    # pinkstinks.de: JSON-LD "Nils"; the column opens '<p><strong>Eine Kolumne von Nils Pickert</strong></p>'
    assert _authors_with(_ld("Nils"), "<p><strong>Eine Kolumne von Nils Pickert</strong></p>", "de") == ["Nils Pickert"]
    assert _authors_with(_ld("Nils"), "<p>Nils hat recherchiert.</p>", "de") == ["Nils"]  # no surname printed


def test_site_name_as_declared_author_leaves_the_visible_byline():
    # lopinion.fr: JSON-LD author {"@type": "Person", "name": "L'Opinion"} (the site); the page prints the journalist
    byline = ('<div class="article_authors"> <span class="article_author"> <span class="article_author-name"> '
              '<a href="/auteur/emmanuelle-ducros-187">Emmanuelle Ducros</a> </span></span></div>')
    head = _ld("L'Opinion", "L'Opinion") + '<meta property="og:site_name" content="L\'Opinion">'
    assert _authors_with(head, byline, "fr", "https://www.lopinion.fr/edition/economie/glyphosate") == ["Emmanuelle Ducros"]
    assert _authors_with(head, "", "fr", "https://www.lopinion.fr/edition/economie/glyphosate") == []
