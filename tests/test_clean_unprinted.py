"""Article pages whose markup prints no article text (issue 12, session 6: a rejected page has no record and no
day): each class on the markup of the real development page where it was found, and the non-articles of the same
shape that must stay rejections."""

from __future__ import annotations

from etl.clean import clean_html
from etl.clean.scripted import state_body
from etl.core.records import CleanedArticle, Rejection

# forbes.com (GoOse's page, f-held): an Angular page; a script assigns the article, its body as HTML, to a JSON object
_FORBES_BODY = (
    r'"<p>Passports are valuable and expensive items, with the price of applying for one varying tremendously by '
    r"nationality. The U.S. passport may seem expensive with a $110 application fee and a $25 acceptance fee adding "
    r'up to $135 in total. According to<a href=\"http://www.goeuro.com/ultimate-passport-ranking\"> a report by Go '
    r"Euro</a>, however, American travellers actually get a good deal on their passport compared to some other "
    r"nationalities. The average American working on the minimum wage could save up to buy one in about 19 hours."
    r"\r\n\r\nIn Turkey, a passport is a pretty big investment. Somebody employed on the minimum wage would have to "
    r"work 95 hours to afford the Turkish passport's $251 fee. Australia also charges a high fee for its passport - "
    r"$206.\r\n</p><p style=\"color: #000000;\"><em style=\"font-weight: inherit;\">*Click below to enlarge (charted "
    r'by&nbsp;<a href=\"http://www.statista.com/\">Statista</a>)</em></p>"'
)
_FORBES_BODY_TAG = (
    '<body class="js-contrib" body-scroll="" ng-class="{\'csr-body\': is_csr}"><div id="main-content" '
    'fbs-breakpoint-monitor="" module-resolver=""><div class="spinner-wrapper"><div class="overlay-spinner spinner '
    'center"><div class="loader"></div></div></div></div><div id="css-js-dynamic"><span class="dynamic-css">false'
    '</span> <span class="dynamic-js"></span></div></body>'
)


def _forbes(body_value: str) -> str:
    return ('<!doctype html><html id="ng-app" class="no-js" ng-app="forbesApp"><head><meta charset="utf-8">'
            '<meta property="og:type" content="article"><script>try {\n\t\tfbs_settings.content = {"id":'
            '"content_5644b944e4b0d9c1f6d87076","source":"blogs","author":"Niall McCarthy","title":"The World\'s Most '
            'Expensive Passports [Infographic]","date":1447417920000,"body":' + body_value + ',"type":"blog"};\n\t\t} '
            "catch(err) {\n\t\tfbs_settings.content = null;\n\t\t}</script></head>" + _FORBES_BODY_TAG + "</html>")


def _lines(html: str, url: str, source: str) -> list[str]:
    """The body lines of a page that must be cleaned into an article whose body came from ``source``."""
    art = clean_html(html, url)
    assert isinstance(art, CleanedArticle), art
    assert art.provenance["body"] == source
    return art.body.split("\n")


def test_script_built_page_reads_the_body_html_of_its_json_state():
    url = "http://www.forbes.com/sites/niallmccarthy/2015/11/13/the-worlds-most-expensive-passports-infographic/"
    paras = _lines(_forbes(_FORBES_BODY), url, "script")
    assert paras[0].startswith("Passports are valuable") and "a report by Go Euro, however" in paras[0]
    assert paras[1].startswith("In Turkey, a passport")  # the stored blank line is a paragraph break
    assert clean_html(_forbes(_FORBES_BODY), url).published_day == "2015-11-13"
    # a state holding only one-paragraph teasers is no article body: the empty page stays a rejection
    teaser = r'"<p>Passports are valuable and expensive items, with the price of applying for one varying.</p>"'
    assert state_body(_forbes(teaser)) == ""
    assert isinstance(clean_html(_forbes(teaser), url), Rejection)


# nurmeinstandpunkt.wordpress.com (trafilatura-eval, c): a WordPress post that is a link round-up; every line is a
# link or a "via" credit, which scoring and the block filter dropped as link lists
_LINK = ('<li>\n<p class="diigo-link">                <a href="https://{host}/{path}">{title}</a>      </p>\n'
         '<p class="diigo-description">via {via} <a href="https://{host}" rel="nofollow">https://{host}</a></p>\n'
         "</li>\n")
_LINKS = "".join(_LINK.format(host=h, path=p, title=t, via=v) for h, p, t, v in (
    ("www.horizont.net", "medien/nachrichten/pressefoerderung-studie", "Presseförderung: Studie zweifelt an Stütze vom "
     "Staat", "Horizont"),
    ("netzpolitik.org", "2020/schuldzuweisung-statt-opferschutz/", "Gewalt im Netz &#8211; Schuldzuweisung statt "
     "Opferschutz", "netzpolitik.org"),
    ("netzpolitik.org", "2020/eu-erwaegt-verbot-von-gesichtserkennung/", "Künstliche Intelligenz &#8211; EU erwägt "
     "Verbot von Gesichtserkennung", "netzpolitik.org"),
    ("t3n.de", "news/instant-ink-hp-sperrt-kuendigung-1244617/", "Instant Ink: HP sperrt Druckerpatrone bei Kündigung "
     "von Tintenabo", "t3n News"),
))
_WP_POST = (
    '<article id="post-9177" class="post-9177 post type-post status-publish format-standard hentry '
    'category-allgemeines">\n\t<div class="entry-wrapper">\n\t\t<header class="entry-header">\n\t\t\t<h1 '
    'class="entry-title">Blogposting 01/23/2020</h1>\n\t\t\t<div class="entry-meta"><span class="posted-on">am <a '
    'href="https://nurmeinstandpunkt.wordpress.com/2020/01/23/blogposting-01-23-2020/" rel="bookmark"><time '
    'class="entry-date published updated" datetime="2020-01-23T11:31:09+01:00">23. Januar 2020</time></a></span>'
    '<span class="byline"> von <span class="author vcard"><a class="url fn n" '
    'href="https://nurmeinstandpunkt.wordpress.com/author/zanjar/">Christian Spließ</a></span></span></div>\n\t\t'
    '</header>\n\t\t<div class="entry-content">\n\t\t\t<ul class="diigo-linkroll">\n' + _LINKS + "</ul>\n\t\t</div>"
    "\n\t</div>\n</article>"
)


def _wp_page(main: str, body_class: str = "post-template-default single single-post") -> str:
    return ('<!DOCTYPE html><html lang="de-DE"><head><meta charset="UTF-8"><title>Blogposting 01/23/2020 &#8211; Nur '
            f'mein Standpunkt</title></head><body class="{body_class}"><div id="page" class="hfeed site">'
            '<div id="content" class="site-content"><div id="primary" class="content-area"><main id="main" '
            f'class="site-main" role="main">{main}</main></div></div></div></body></html>')


def test_link_round_up_post_keeps_its_links_as_text():
    url = "https://nurmeinstandpunkt.wordpress.com/2020/01/23/blogposting-01-23-2020/"
    lines = _lines(_wp_page(_WP_POST), url, "links")
    assert lines[:2] == ["Presseförderung: Studie zweifelt an Stütze vom Staat", "via Horizont https://www.horizont.net"]
    assert "Instant Ink: HP sperrt Druckerpatrone bei Kündigung von Tintenabo" in lines
    assert "Christian Spließ" not in "\n".join(lines) and clean_html(_wp_page(_WP_POST), url).published_day == "2020-01-23"


def test_links_outside_an_article_entry_stay_a_rejection():
    # post.facebook.com (GoOse): the only element with a body-like class is <body class="... body_textalign ...">;
    # a page of link lines that is no article or blog entry stays a rejection
    plain = _WP_POST.replace("<article", "<div").replace("</article>", "</div>").replace(" hentry", "")
    assert isinstance(clean_html(_wp_page(plain, "fbx UIPage_LoggedOut body_textalign"), "https://x.example/"),
                      Rejection)


# huffingtonpost.jp (GoOse's page, f-held): a NewsArticle whose text the publisher removed ("このエントリは、期限切れに
# なった": this entry has expired); the title, date and the article's description remain
_HPJP_DESC = ("クロマグロやカツオ類が大量死した問題で、葛西臨海水族園（東京都江戸川区）は３日、病理検査の結果、海の養殖魚を"
              "大量死させることで知られる２種類のウイルスが原因ではないことが確認されたと発表した。")
_HPJP_LD = ('<script type="application/ld+json">{"@context": "http://schema.org", "@type": "NewsArticle", "headline": '
            '"クロマグロ残り2匹　葛西臨海水族園の大量死は未だに原因不明", "url": '
            '"http://www.huffingtonpost.jp/2015/03/03/tuna-death_n_6796602.html", "dateCreated": "2015-03-03T20:42:10Z",'
            ' "articleSection": "Japan", "creator": "中野渉"}</script>')


def _hpjp(head: str) -> str:
    return ('<!DOCTYPE html><html lang="ja" class="no-js modern"><head><meta charset="utf-8"><title>クロマグロ残り2匹　'
            f'葛西臨海水族園の大量死は未だに原因不明</title><meta name="description" content="{_HPJP_DESC}"/>'
            f'<meta property="og:description" content="{_HPJP_DESC}"/>{head}</head><body><div class="column entry">'
            '<article class="entry" id="printable"><header><h1 class="title">クロマグロ残り2匹　葛西臨海水族園の大量死は'
            '未だに原因不明</h1></header><div class="content" id="mainentrycontent"><div class="float_left"><div '
            'class="ad_share_box"></div></div>\n        <!-- Entry Text -->\n        <p>このエントリは、期限切れになった'
            "</p>\n        </div></article></div></body></html>")


def test_declared_article_whose_text_was_removed_stays_a_rejection():
    # only a summary in meta tags is left: no article text, so no record (the description is not made a body)
    url = "http://www.huffingtonpost.jp/2015/03/03/tuna-death_n_6796602.html"
    rejected = clean_html(_hpjp(_HPJP_LD), url)
    assert isinstance(rejected, Rejection) and rejected.reason == "no_text"
