"""Caption and credit labels that pages print for screen readers ("Media caption", "Image copyright").

BBC-style pages put a visually hidden label before a caption or credit; its text is glued
to the caption ("Media captionJulian Assange arrives at court", "Image copyright Getty
Images Image caption Julian Assange"). The label is not article text, and glued to a name
it turns into a false entity. :func:`strip_labels` removes the labels (and the credit a
copyright label introduces) from a caption; :func:`is_labelled_caption` tells a body
paragraph that is such a caption, or an agency photo caption printed as a paragraph ("In
this Dec. 12, 2006, file photo, ..."): the cleaner drops it (the image captions carry it).
"""

from __future__ import annotations

import re

_KIND = r"(?:media|image|video|photo|picture|audio|graphic)"
_CAPTION = rf"{_KIND}[ \t]?caption"
_CREDIT = rf"{_KIND}[ \t]?(?:copyright|credit|source)"
# A label ends at a word boundary or right before a capital letter glued to it ("captionJulian").
_END = r"(?:\b|(?=(?-i:[A-Z])))"
_CREDIT_PART = re.compile(rf"(?i){_CREDIT}{_END}[ \t:]*.*?(?={_CAPTION}{_END}|$)")
_CAPTION_LABEL = re.compile(rf"(?i){_CAPTION}{_END}[ \t:]*")
_STARTS_LABELLED = re.compile(rf"(?i)^[ \t]*(?:{_CAPTION}|{_CREDIT}){_END}")
# Agency photo captions printed as a paragraph: "In this Dec. 12, 2006, file photo, made available
# by NASA, astronaut ..." / "In this photo taken Monday, ..." / "In this image from video, ...".
_AGENCY_CAPTION = re.compile(
    r"^[ \t]*In (?:this|a|an)(?:[ \t]+(?:undated|handout|file|[A-Z][a-z]{2,8}\.?|\d{1,4})[,.]?){0,6}[ \t]+"
    r"(?:photo|photograph|image|picture|frame grab)\b[^\n]{0,80}?,"
)


def strip_labels(text: str) -> str:
    """``text`` without caption labels and copyright/credit labels with their credit.

    "Image copyright Getty Images Image caption Julian Assange" -> "Julian Assange";
    "Media captionJulian Assange arrives" -> "Julian Assange arrives". Never raises.
    """
    if not _STARTS_LABELLED.search(text) and not _CAPTION_LABEL.search(text):
        return text
    return _CAPTION_LABEL.sub("", _CREDIT_PART.sub("", text)).strip()


def is_labelled_caption(text: str) -> bool:
    """True for a paragraph that starts with a caption or credit label ("Media captionJulian ..."),
    or is an agency photo caption ("In this Dec. 12, 2006, file photo, made available by NASA, ...")."""
    return bool(_STARTS_LABELLED.match(text) or _AGENCY_CAPTION.match(text))
