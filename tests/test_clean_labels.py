"""Screen-reader caption and credit labels ("Media caption", "Image copyright") never reach
the article: stripped from image captions, labelled caption paragraphs dropped."""

from __future__ import annotations

import pytest

from etl.clean import clean_html
from etl.clean.labels import is_labelled_caption, strip_labels
from etl.core.records import CleanedArticle

PARAGRAPHS = "".join(
    f"<p>Paragraph {i} of the story about the extradition hearing in London, with enough words to count.</p>"
    for i in range(6)
)
PAGE = f"""<!doctype html><html lang="en"><head><title>Assange hearing - BBC News</title></head>
<body><div class="story-body"><h1>Assange extradition hearing opens in London</h1>
<figure class="media-landscape has-caption full-width">
  <span class="image-and-copyright-container"><img src="https://example.com/a.jpg" alt="Julian Assange">
  <span class="off-screen">Image copyright</span><span class="story-image-copyright">Getty Images</span></span>
  <figcaption class="media-caption"><span class="off-screen">Image caption</span><span
  class="media-caption__text">Julian Assange arrives at Westminster Magistrates' Court</span></figcaption>
</figure>
{PARAGRAPHS}
<p><span class="off-screen">Media caption</span>Julian Assange was carried out of the embassy by police
officers on Thursday morning</p>
</div></body></html>"""


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Media captionJulian Assange arrives at court", "Julian Assange arrives at court"),
        (
            "Image copyright Getty Images Image caption Julian Assange was arrested",
            "Julian Assange was arrested",
        ),
        ("Media caption: Boris Johnson speaks", "Boris Johnson speaks"),
        ("The caption of the image said so", "The caption of the image said so"),
    ],
)
def test_strip_labels(text, expected):
    assert strip_labels(text) == expected


def test_labelled_caption_paragraphs():
    assert is_labelled_caption("Media captionJulian Assange was carried out")
    assert not is_labelled_caption("The media caption read nothing")


@pytest.mark.parametrize(
    "text, caption",
    [
        (
            "In this Dec. 12, 2006, file photo, made available by NASA, astronaut Robert L. Curbeam Jr., left, "
            "participates in a space walk.",
            True,
        ),
        ("In this photo taken on Monday, Nov. 18, 2019, protesters gather in Hong Kong.", True),
        ("In this image from video, the rocket lifts off.", True),
        ("In this case the photo was never published, the court heard on Monday.", False),
        ("In a statement, the agency said the photo was genuine.", False),
    ],
)
def test_agency_photo_captions_in_the_body(text, caption):
    assert is_labelled_caption(text) is caption


def test_cleaner_drops_the_labels():
    article = clean_html(PAGE, "https://www.example.com/news/uk-1")
    assert isinstance(article, CleanedArticle)
    assert "caption" not in article.body.lower() and "Paragraph 5" in article.body
    captions = [image.caption for image in article.images if image.caption]
    assert captions and all("caption" not in c.lower() for c in captions), captions
