import json

from etl.core.records import (
    AnnotatedArticle,
    Annotation,
    CleanedArticle,
    Entity,
    FetchedPage,
    Image,
    Mention,
    Quote,
)


def test_fetched_page_round_trips_bytes_through_json():
    page = FetchedPage(url="http://a/b", final_url="http://a/b", status=200, content=b"\x00\xffhtml",
                       headers={"etag": "x"})
    again = FetchedPage.from_dict(json.loads(json.dumps(page.to_dict())))
    assert again == page


def test_annotated_article_round_trips_nested_records():
    art = CleanedArticle(url="http://a/b", doc_id="d", title="T", body="B", authors=("A B",),
                         images=(Image(url="i", caption="c", credit="r"),), provenance={"title": "meta"})
    ann = Annotation(persons=("Rex Tillerson",), quotes=(Quote("Rex Tillerson", "hi", 3),),
                     entities=(Entity("Rex Tillerson", "person", 2, 0.5, 10, (Mention(10, 19, "Tillerson"),)),))
    item = AnnotatedArticle(article=art, annotation=ann, run_id="r1")
    again = AnnotatedArticle.from_dict(json.loads(json.dumps(item.to_dict())))
    assert again == item
    assert again.annotation.entities[0].mentions[0].text == "Tillerson"
