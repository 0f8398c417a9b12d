"""Links inside sentences keep their words (etl.clean.dom.drop_hover_cards, etl.clean.body._in_sentence).

The pages are shortened copies of real ones from the extraction benchmarks' dev sets: The Hill (2019-11-18,
scrapinghub) puts a hover card after each politician's name (photo, name, three story links), which made the
paragraph read as a link list and cost it; zdnet.de (trafilatura-eval) wraps keyword links in
``<span class='wp_keywordlink'>`` (a WordPress plug-in), and such a span, all link, was pruned from the
sentence ("mit Facebook, und geeinigt"); Business Insider's "10 things" digest (scrapinghub) lost the items whose
linked headline outweighs the sentence after it.
"""

from __future__ import annotations

from etl.clean import dom, main_text

CARD = """<span class="rollover-people" data-behavior="rolloverpeople"><a class="rollover-people-link"
data-nid="{nid}" href="/people/{slug}">{name}</a><span class="rollover-people-block" id="rollover-people-{nid}"><span
class="rollover-block"><span><img typeof="foaf:Image" src="/sites/default/files/styles/thumb_100/public/{slug}.jpg"
width="100" height="100" alt=""><a class="name" href="/people/{slug}">{name}</a><a class="people-articles"
href="/policy/technology/overnights/471175-hillicon-valley-progressives-oppose-surveillance-rider-senators">Hillicon
Valley: Progressives oppose funding bill over surveillance authority | Senators call for 5G security coordinator |
Facebook gets questions over location tracking | Louisiana hit by ransomware attack</a> <a class="people-articles"
href="/policy/technology/471161-progressives-oppose-stopgap-funding-measure-over-surveillance-authority">Progressives
oppose spending stopgap measure over surveillance authority extension </a> <a class="more"
href="/people/{slug}">MORE<span></span></a></span></span></span></span>"""
OMAR = CARD.format(nid="418778", slug="ilhan-omar", name="Ilhan Omar")
AOC = CARD.format(nid="418771", slug="alexandria-ocasio-cortez", name="Alexandria Ocasio-Cortez")
THE_HILL = f"""<html><head><title>New York man pleads guilty to threatening to kill Omar | TheHill</title></head>
<body><div class="content-wrapper"><div id="content" class="column" role="main"><article class="node-471031 node
node-blogs view-mode-full clearfix"><h1 class="title">New York man pleads guilty to threatening to kill Omar</h1>
<div class="content-with-sidebar-wrp"><div class="content-wrp"><div class="field field-name-body"><div
class="field-items"><div class="field-item even" property="content:encoded">
<p><span style="font-weight: 400;">A New York man pleaded guilty to charges he threatened to kill Rep. {OMAR}
(D-Minn.), the U.S. Attorney’s Office for the Western District of New York </span><a
href="https://www.justice.gov/usao-wdny/pr/steuben-county-man-pleads-guilty"><span style="font-weight:
400;">announced</span></a><span style="font-weight: 400;"> Monday. </span></p>
<p>Patrick Carlineo Jr., 55, could face up to 10 years in prison and have to pay $250,000 after pleading guilty to
threatening to assault and murder a U.S. official and being a felon in possession of firearms.</p>
<p>Carlineo called Omar’s office in March and told a staff member that he would put a bullet in her head,
according to prosecutors. He said he was a patriot who hates radical Muslims in government. </p>
<p><span style="font-weight: 400;">Rep. {AOC} (D-N.Y.) shortly after the arrest <a
href="https://thehill.com/homenews/house/437751-ocasio-cortez-links-threats-on-omar">linked</a> the incident to Fox
News host Jeanine Pirro’s comments on Omar’s hijab.</span></p>
<p>Omar asked for compassion during Carlineo's sentencing in a letter posted on Twitter Tuesday, saying she did not
think a severe sentence would be helpful.</p>
</div></div></div></div></div></article></div></div></body></html>"""

ZDNET = """<html><head><title>Facebook wehrt sich gegen Maas-Gesetz | ZDNet.de</title></head><body><article
class="post-88298335 post type-post hentry category-legal"><h1>Facebook wehrt sich gegen Maas-Gesetz</h1><div
class="entry-content">
<p>Das Unternehmen hält das Netzwerkdurchsetzungsgesetz für verfassungswidrig. Es verstoße gegen das Grundrecht
auf Meinungsfreiheit und fordert eine europäische Lösung.</p>
<p>Die 24-Stundenfrist ist bereits jetzt <a href="//www.zdnet.de/88265760/hasskommentare-justizminister-maas/"
target="_blank">Gegenstand einer freiwilligen Regelung</a>, auf die sich das Bundesjustizministerium im Dezember
2015 mit Facebook, <span class='wp_keywordlink'><a href="https://www.zdnet.de/unternehmen/google/"
title="Themenschwerpunkt: Google">Google</a></span> und <span class='wp_keywordlink'><a
href="https://www.zdnet.de/unternehmen/twitter/" title="Themenschwerpunkt: Twitter">Twitter</a></span> geeinigt
hatte.</p>
<p>Soziale Netze müssen bei der Löschung rechtswidriger Inhalte nicht nur die in ihrem Herkunftsland geltenden
Gesetze berücksichtigen, sondern auch die Rechtsprechung des Landes, in dem sie ihre Dienste anbieten.</p>
{extra}</div></article></body></html>"""


def test_a_hover_card_goes_and_its_paragraph_and_name_stay():
    text = main_text(THE_HILL, "https://thehill.com/blogs/blog-briefing-room/news/471031-new-york-man")
    assert "threatened to kill Rep. Ilhan Omar (D-Minn.), the U.S. Attorney’s Office" in text
    assert "Rep. Alexandria Ocasio-Cortez (D-N.Y.) shortly after the arrest linked the incident" in text
    assert "Hillicon" not in text and "MORE" not in text  # the cards' story links
    assert text.count("Ilhan Omar") == 1


def test_a_link_wrapped_in_a_span_inside_a_sentence_keeps_its_words():
    text = main_text(ZDNET.format(extra=""), "https://www.zdnet.de/88298335/facebook-wehrt-sich-gegen-maas-gesetz")
    assert "im Dezember 2015 mit Facebook, Google und Twitter geeinigt hatte." in " ".join(text.split())


def test_a_line_of_span_wrapped_links_is_still_pruned():
    links = "".join(
        f'<span class="tag"><a href="https://www.zdnet.de/tag/{w.lower()}/">{w}</a></span> ' for w in
        ("Politik", "Soziale Netze", "Zensur", "Facebook", "Regulierung")
    )
    text = main_text(ZDNET.format(extra=f"<p>{links}</p>"), "https://www.zdnet.de/88298335/x")
    assert "Soziale Netze müssen" in text
    assert "Zensur" not in text


def test_only_cards_after_a_link_in_a_paragraph_that_repeat_its_address_count():
    assert dom.drop_hover_cards(dom.parse(THE_HILL)) == 2
    menu = (  # a menu item and its submenu: no paragraph around it
        '<ul><li><a href="/themen/">Themen</a><ul class="sub"><li><a href="/themen/">Alle Themen</a></li>'
        '<li><a href="/themen/politik/">Politik</a></li></ul></li></ul>'
    )
    same_page = '<p>Siehe <a href="#top">oben</a><span><a href="#top">nach oben</a> <a href="/a">A</a></span>.</p>'
    other_address = '<p>Von <a href="/people/x">X</a><span><a href="/people/y">Y</a> <a href="/a">A</a></span>.</p>'
    words_between = '<p>Von <a href="/people/x">X</a> und <span><a href="/people/x">X</a> <a href="/a">A</a></span>.</p>'
    for html in (menu, same_page, other_address, words_between):
        assert dom.drop_hover_cards(dom.parse(ZDNET.format(extra=html))) == 0, html


BI_DIGEST = """<html><head><title>10 things in tech you need to know today | Business Insider</title></head><body><article>
<h1>10 things in tech you need to know today</h1><div class="KonaBody post-content">
<p>Good morning! This is the tech news you need to know this Tuesday.</p>
<ol>
<li> <strong><a href="https://www.businessinsider.com/new-york-state-attorney-general-investigating-wework-2019-11">The
New York state attorney general is investigating WeWork amid layoffs</a>.</strong> The company confirmed that it had
been contacted by Attorney General Letitia James' office, which will reportedly focus on activities by WeWork's founder
and former CEO, Adam Neumann.</li>
<li> <strong><a href="https://www.businessinsider.com/t-mobile-ceo-john-legere-steps-down-2019-11">T-Mobile CEO John
Legere is stepping down in May 2020</a>.</strong> Legere will hand over the reins to COO and president Mike Siever.</li>
<li> <strong><a href="https://www.businessinsider.com/softbank-ceo-masayoshi-son-wants-wework-profitable-by-2021-2019-11"
>SoftBank CEO Masayoshi Son has told WeWork executives he wants the company to turn a profit by 2021</a>.</strong>
Masayoshi Son told WeWork executives to look for new sources of revenue as SoftBank attempts to rescue the
company.</li>
</ol>
<ul class="related"><li><a href="/a">WeWork's valuation, explained</a> Read more</li>
<li><a href="/b">The best Black Friday deals on laptops, TVs and headphones</a> Deals</li></ul>
</div></article></body></html>"""


def test_a_digest_item_with_a_sentence_after_its_linked_headline_stays():
    text = main_text(BI_DIGEST, "https://www.businessinsider.com/10-things-in-tech-you-need-to-know-today")
    assert "Legere will hand over the reins to COO and president Mike Siever." in " ".join(text.split())
    assert "Letitia James" in text
    assert "valuation, explained" not in text and "Black Friday" not in text  # links with a label, no sentence
