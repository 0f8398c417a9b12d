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


def test_page_bodies_are_staged_as_text_when_utf8_and_round_trip_exactly():
    samples = {"utf-8": "<p>Zürich – “quoted” 東京 \u2028</p>".encode(), "cp1252": "<p>Zürich</p>".encode("cp1252"),
               "ascii": b"<p>plain</p>", "bom": b"\xef\xbb\xbf<p>x</p>", "empty": b""}
    staged = {}
    for name, body in samples.items():
        page = FetchedPage(url="http://a/b", final_url="http://a/b", status=200, content=body)
        line = json.dumps(page.to_dict(), ensure_ascii=False)  # as the staging writer writes it
        staged[name] = next(iter(json.loads(line)["content"]))
        assert FetchedPage.from_dict(json.loads(line)).content == body, name  # byte for byte
    assert staged == {"utf-8": "__utf8__", "cp1252": "__b64__", "ascii": "__utf8__", "bom": "__utf8__",
                      "empty": "__utf8__"}


def test_batches_staged_with_base64_bodies_still_read():
    old = {"url": "http://a/b", "final_url": "http://a/b", "status": 200, "content": {"__b64__": "PHA+eDwvcD4="}}
    assert FetchedPage.from_dict(old).content == b"<p>x</p>"


def test_annotated_article_round_trips_nested_records():
    art = CleanedArticle(url="http://a/b", doc_id="d", title="T", body="B", authors=("A B",),
                         images=(Image(url="i", caption="c", credit="r"),), provenance={"title": "meta"})
    ann = Annotation(persons=("Rex Tillerson",), quotes=(Quote("Rex Tillerson", "hi", 3),),
                     entities=(Entity("Rex Tillerson", "person", 2, 0.5, 10, (Mention(10, 19, "Tillerson"),)),))
    item = AnnotatedArticle(article=art, annotation=ann, run_id="r1")
    again = AnnotatedArticle.from_dict(json.loads(json.dumps(item.to_dict())))
    assert again == item
    assert again.annotation.entities[0].mentions[0].text == "Tillerson"
