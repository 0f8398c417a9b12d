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


# ----------------------------------------------------------------------------- session 5 rules (Readability test pages, pages-e dev)


def test_log_in_box_classed_authorization_is_no_byline():
    # webmd.com: the header's '<div class="authorization">Sign In| Sign Up| Subscribe</div>' comes before the byline
    login = ('<div class="authorization"><a href="https://member.webmd.com/signin">Sign In</a>| <a '
             'href="https://member.webmd.com/register">Sign Up</a>| <a href="https://member.webmd.com/subscribe">'
             "Subscribe</a></div>")
    byline = '<div class="author_fmt">By <a class="author" href="#">Brenda Goodman, MA</a> WebMD Health News</div>'
    html = _page(byline).replace("<body>", "<body>" + login)
    assert list(clean_html(html, "https://www.webmd.com/allergies/news/20150223/peanut").authors) == ["Brenda Goodman"]


def test_bylines_of_a_menus_teasers_are_not_the_articles():
    # salon.com: the flyout menu lists other stories with '<span class="byline">' before the article's own byline
    menu = ('<ul class="nav first flyout"><li class="arrow-box top light"><div class="smr-widget"><ul><li class="smr-post">'
            '<div class="story-info"><a href="/2015/03/17/x/">Starbucks campaign has caused a Twitter firestorm</a> '
            '<span class="byline"><a href="http://www.salon.com/writer/joanna_rothkopf/">Joanna Rothkopf</a></span>'
            "</div></li></ul></div></li></ul>")
    byline = ('<span class="byline"><a href="http://www.salon.com/writer/richard_r_j_eskow/" rel="author">'
              "Richard (R.J.) Eskow</a></span>")
    html = _page(byline).replace("<body>", "<body>" + menu)
    assert list(clean_html(html, "http://www.salon.com/2015/02/01/the_sharing_economy/").authors) == [
        "Richard (R.J.) Eskow"]


def test_author_name_markup_inside_a_byline_with_the_publication():
    # msn.com: the byline box names the partner ("Tech Insider") before '<span class="authorname-txt">'
    byline = ('<div class="authorinfo-bsb"><div class="authorinfotb"><div class="sourcename-txt truncate"><a '
              'href="http://www.techinsider.io" title="tech insider" itemprop="url">Tech Insider</a></div> '
              '<div class="authorinfo-txt"><span class="authorname-txt" itemprop="author" itemscope="itemscope" '
              'itemtype="http://schema.org/person"><span class="truncate" itemprop="name">Alex Perry</span></span> '
              '<time datetime="2016-11-15T07:00:00.000Z">1 day ago</time></div></div></div>')
    assert _authors(byline) == ["Alex Perry"]
    # co-authors the markup names one by one are all kept
    both = ('<div class="byline">By <span class="author-name">Stella Kim</span> and <span class="author-name">'
            "Jennifer Jett</span></div>")
    assert _authors(both) == ["Stella Kim", "Jennifer Jett"]


def test_user_name_in_camel_case_is_not_split():
    # archiveofourown.org: '<h3 class="byline heading"><a rel="author" href="/users/...">AMournfulHowlInTheNight</a>'
    byline = ('<h3 class="byline heading"><a rel="author" href="/users/AMournfulHowlInTheNight/pseuds/'
              'AMournfulHowlInTheNight">AMournfulHowlInTheNight</a></h3>')
    assert _authors(byline) == ["AMournfulHowlInTheNight"]
    assert split_byline("By DANICA KIRKA and JILL LAWLESSAssociated Press") == (["Danica Kirka", "Jill Lawless"], "AP")


def test_a_second_credit_is_not_the_author():
    # sre.google: '<p class="byline author">Written by Rob Ewaschuk<br/>Edited by Betsy Beyer</p>'
    assert _authors('<p class="byline author">Written by Rob Ewaschuk<br />Edited by Betsy Beyer</p>') == ["Rob Ewaschuk"]
    assert split_byline("By Kelli Miller Reviewed by Hansa D. Bhargava, MD") == (["Kelli Miller"], "")
    assert split_byline("Written and edited by Jane Doe") == (["Jane Doe"], "")


def test_a_nickname_in_parentheses_is_part_of_the_name():
    assert split_byline("Richard (R.J.) Eskow") == (["Richard (R.J.) Eskow"], "")


def test_personal_site_named_after_its_author_keeps_the_author():
    # wolfgangschmale.eu (WordPress): og:site_name "Wolfgang Schmale", JSON-LD Person of the same name, and the
    # byline '<span class="single-info-header">Von: </span><span class="single-info-content">Wolfgang Schmale</span>'
    url = "https://wolfgangschmale.eu/abgebrochene-forschung-eine-neue-studie-von-heinz-duchhardt/"
    head = _ld("Wolfgang Schmale") + '<meta property="og:site_name" content="Wolfgang Schmale" />'
    byline = ('<div class="single-info-inner-wrapper blog-author-wrapper"><span class="single-info-header">Von: </span>'
              '<span class="single-info-content">Wolfgang Schmale</span></div>')
    assert _authors_with(head, byline, "de", url) == ["Wolfgang Schmale"]
    # a one-word site name stays no author ("Beachbody" on beachbodyondemand.com, "Vortex" on vortexcannon.org)
    beach = '<div class="author-byline">By <a href="/blog/author/beachbody">Beachbody</a></div>'
    assert _authors_with('<meta name="author" content="Beachbody">', beach, "en",
                         "https://www.beachbodyondemand.com/blog/a-little-more-obsessed") == []


def test_text_and_photos_label_in_a_table_cell_byline():
    # petri-heil.ch: '<td class="authorbold"><nonbold>Text & Fotos:</nonbold> Ivan Valetny </td>' and a meta author
    # naming a magazine ("Auto Illustrierte")
    byline = ('<table class="onlyDesktopSubline"><tr><td>26 | 01 | 2022 </td><td class="categories">Schweiz | Praxis'
              '</td><td class="authorbold"><nonbold>Text &amp; Fotos:</nonbold> Ivan Valetny </td></tr></table>')
    head = '<meta name="author" content="Auto Illustrierte">'
    assert _authors_with(head, byline, "de", "https://www.petri-heil.ch/de/bielerseewinterhechte--1026") == [
        "Ivan Valetny"]
    assert split_byline("Text und Bilder: Anna Meier") == (["Anna Meier"], "")


def test_blog_hosts_user_name_is_kept_though_it_names_the_blog():
    # weinlachgummis.blogspot.com (Blogger): 'Eingestellt von <span class="fn">Weinlachgummi</span>'; the blog's
    # sub-domain is its user's name, not a company's site
    byline = ("<span class='post-author vcard'>Eingestellt von <span class='fn' itemprop='author' itemscope='itemscope' "
              "itemtype='http://schema.org/Person'><a class='g-profile' href='https://www.blogger.com/profile/1701923112"
              "8894133434' rel='author' title='author profile'><span itemprop='name'>Weinlachgummi</span></a></span>"
              "</span>")
    url = "https://weinlachgummis.blogspot.com/2017/09/rezi-love-is-war-sehnsucht-von-r-k.html"
    assert _authors_with("", byline, "de", url) == ["Weinlachgummi"]
    # on the company's own domain the same rule still drops it
    assert _authors_with("", byline, "de", "https://www.weinlachgummis.de/2017/09/rezi.html") == []
