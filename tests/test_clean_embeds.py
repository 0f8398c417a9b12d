"""Embedded social-media posts the story quotes stay in the body (etl.clean.dom._embedded_post).

The page is a shortened copy of a real one (nj.com, 2019-11-19, scrapinghub benchmark's dev half): its
tweets sit in ``<div class="social-media-embed">``, a class that also names share bars. The benchmark's
hand-made bodies keep such tweets (13 of 13 on its dev half; we kept 9, now 12)."""

from __future__ import annotations

from etl.clean import main_text

PARAGRAPHS = """
<p class="article__paragraph--left">Enter South Dakota to throw down the gauntlet. The state's new slogan for an
anti-drug campaign drew a South Dakota-sized share of attention on social media Monday.</p>
<p class="article__paragraph--left">Yes, that's it. No joke. The governor of South Dakota would like us to know that
her state is on meth. You know, like solving the problem. <i>On it</i>!</p>
<p class="article__paragraph--left">And if you haven't yet noticed what might be wrong, a whole lot of people on
Twitter pointed it out.</p>
{embed}
<p class="article__paragraph--left">So many people were talking about South Dakota's odd new slogan that the state
and "We're On It" became top Twitter trends.</p>
<p class="article__paragraph--left">According to a report in the Argus Leader of Sioux Falls, Gov. Kristi Noem
launched the campaign on Monday in an effort to address the state's meth crisis.</p>
"""
TWEET = """<div class="{cls}"><blockquote class="twitter-tweet"><p lang="en" dir="ltr">Yes this is real and yes the
state spent nearly half a million dollars on it: <a href="https://t.co/Nc0nKoXGBP">https://t.co/Nc0nKoXGBP</a></p>
&mdash; Dianna E. Anderson (@diannaeanderson) <a href="https://twitter.com/diannaeanderson/status/1196501054197649413">
November 18, 2019</a></blockquote>
<script async src="https://platform.twitter.com/widgets.js" charset="utf-8"></script></div>{extra}"""


def page(embed: str) -> str:
    return ("<html><head><title>Florida Man exists. South Dakota's new slogan | nj.com</title></head><body>"
            "<article class='article h-entry'><h1>South Dakota's new slogan</h1><div class='entry-content'>"
            + PARAGRAPHS.format(embed=embed) + "</div></article></body></html>")


def test_a_tweet_in_a_social_media_embed_wrapper_stays_in_the_body():
    text = main_text(page(TWEET.format(cls="social-media-embed", extra="")), "https://www.nj.com/entertainment/x")
    assert "half a million dollars" in text
    assert "Dianna E. Anderson" in text
    assert text.index("pointed it out") < text.index("half a million") < text.index("top Twitter trends")


def test_a_share_bar_beside_it_still_goes():
    bar = ('<div class="social-media-share"><a href="https://twitter.com/intent/tweet">Share on Twitter</a> '
           '<a href="https://www.facebook.com/sharer">Share on Facebook</a></div>')
    text = main_text(page(TWEET.format(cls="social-media-embed", extra=bar)), "https://www.nj.com/entertainment/x")
    assert "half a million dollars" in text
    assert "Share on Facebook" not in text


def test_a_comments_section_holding_a_tweet_still_goes():
    comments = "".join(f"<p>Reader comment number {i}: this slogan is the worst thing I have read all week.</p>"
                       for i in range(6))
    section = TWEET.format(cls="comments", extra="").replace("</div>", comments + "</div>")
    text = main_text(page(section), "https://www.nj.com/entertainment/x")
    assert "Reader comment number" not in text
    assert "top Twitter trends" in text
