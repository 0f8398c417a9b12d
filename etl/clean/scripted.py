"""Article text of script-built pages: the body HTML a page's scripts carry in a JSON state object.

Some pages print no article text in their markup: a script writes it from a JSON object embedded in the
page (``fbs_settings.content = {"body": "<p>...</p>", ...}`` on forbes.com, Next.js/Nuxt state blobs,
``window.__INITIAL_STATE__``). :func:`state_body` finds that HTML so the cleaner can read it as the article
when the markup (and JSON-LD ``articleBody``) give none. Pure text scanning, no script is run.
"""

from __future__ import annotations

import json
import re

# a JSON key naming an article's body (its value is a JSON string, checked by decoding it)
_BODY_KEY = re.compile(
    r'"(?:articleBody|body|bodyHtml|body_html|content|contentHtml|content_html|html|text|story)"\s*:\s*(?=")',
    re.I,
)
_PARAGRAPH = re.compile(r"<p[\s>]", re.I)
MIN_PARAGRAPHS = 2  # a body is HTML with at least this many <p> paragraphs (a teaser or caption has fewer)
_DECODER = json.JSONDecoder()


def state_body(text: str) -> str:
    """The longest HTML string stored under a body-like key of a JSON object in the page, '' when none.

    Input: the page's HTML text (scripts included). Output: the decoded JSON string value (HTML) with at least
    :data:`MIN_PARAGRAPHS` ``<p>`` paragraphs. Never raises: values that do not decode are skipped.
    """
    best = ""
    for m in _BODY_KEY.finditer(text):
        try:
            value, _ = _DECODER.raw_decode(text, m.end())
        except ValueError:
            continue
        if isinstance(value, str) and len(value) > len(best) and len(_PARAGRAPH.findall(value)) >= MIN_PARAGRAPHS:
            best = value
    return best
