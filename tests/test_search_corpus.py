"""A small, hand-made corpus of real ``AnnotatedArticle`` records for the index/search/API tests.

Imported by the other ``test_search*``/``test_api*``/``test_index*`` modules (pytest puts
``tests/`` on ``sys.path``); the tests here check the corpus itself and the indexing helper.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator

from elasticsearch import helpers

from etl.core.records import AnnotatedArticle, Annotation, CleanedArticle, Entity, Image, Quote
from etl.core.settings import Settings
from etl.index.builder import to_document
from etl.index.client import client
from etl.index.versions import delete_all, ensure_index


def article(doc_id: str, title: str, body: str, *, lead: str = "", persons=(), organizations=(),
            locations=(), events=(), site: str = "Example News", section: str = "World", tags=(),
            published: str | None = "2017-03-01T10:00:00+00:00", quotes=(), authors=("Staff",),
            images=(), run_id: str = "run-1") -> AnnotatedArticle:
    """Build one AnnotatedArticle with entity objects derived from the name lists."""
    entities = []
    for kind, names in (("person", persons), ("organization", organizations),
                        ("location", locations), ("event", events)):
        for i, name in enumerate(names):
            entities.append(Entity(name=name, type=kind, count=3 - min(i, 2), salience=round(0.9 - 0.2 * i, 2),
                                   first_offset=max(0, body.find(name.split()[-1]))))
    return AnnotatedArticle(
        article=CleanedArticle(
            url=f"https://news.example/{doc_id}", doc_id=doc_id, title=title, body=body, lead=lead,
            authors=tuple(authors), agency="Reuters" if "reuters" in tags else "", site_name=site,
            section=section, tags=tuple(tags), language="en", published_at=published,
            modified_at=published, images=tuple(images), provenance={"title": "og:title"},
            fetched_at="2017-12-31T00:00:00+00:00", source="example-feed",
            content_hash="sha256:" + doc_id, extractor_version="clean-1.0",
        ),
        annotation=Annotation(
            language="en", persons=tuple(persons), organizations=tuple(organizations),
            locations=tuple(locations), events=tuple(events), entities=tuple(entities),
            quotes=tuple(Quote(speaker=s, text=t, offset=0) for s, t in quotes),
            keywords=tuple(tags), word_count=len(body.split()), model="en_core_web_sm-3.8.0",
        ),
        run_id=run_id,
    )


CORPUS = [
    article("a1", "Putin and Trump hold first summit in Helsinki",
            "Vladimir Putin met Donald Trump in Helsinki. The summit talked about sanctions and Syria. "
            "Putin's spokesman said the meeting was useful.",
            lead="The two presidents met for two hours.",
            persons=("Vladimir Putin", "Donald Trump"), locations=("Helsinki", "Syria"),
            organizations=("Kremlin",), events=("Helsinki summit",), site="Example News",
            section="World", tags=("diplomacy", "reuters"), published="2017-07-16T09:00:00+00:00",
            quotes=(("Vladimir Putin", "The talks were frank and useful."),),
            images=(Image(url="https://img.example/a1.jpg", caption="Leaders shake hands",
                          credit="AP Photo"),)),
    article("a2", "Tillerson warns Russia over Ukraine",
            "Rex Tillerson said Russia must leave Ukraine before sanctions are lifted. "
            "The secretary of state spoke in Brussels at NATO headquarters.",
            persons=("Rex Tillerson",), locations=("Russia", "Ukraine", "Brussels"),
            organizations=("NATO", "State Department"), site="Daily Planet", section="Politics",
            tags=("diplomacy",), published="2017-03-31T12:00:00+00:00",
            quotes=(("Rex Tillerson", "Russia must end its occupation of Crimea before sanctions are lifted."),
                    ("Rex Tillerson", "We want a better relationship with Moscow."))),
    article("a3", "Tillerson visits Beijing to discuss trade",
            "Rex Tillerson travelled to Beijing for trade talks with Chinese officials about tariffs.",
            persons=("Rex Tillerson", "Xi Jinping"), locations=("Beijing", "China"),
            organizations=("State Department",), site="Daily Planet", section="politics",
            tags=("trade",), published="2017-03-18T08:00:00+00:00",
            quotes=(("Rex Tillerson", "Trade with China must be fair for American workers."),)),
    article("a4", "Café owners in Zürich protest new tax",
            "Owners of the café Müller in Zürich protested against the tax. Angela Merkel's party watched.",
            persons=("Angela Merkel",), locations=("Zürich", "Switzerland"), site="Example News",
            section="Business", tags=("tax",), published="2017-05-02T15:00:00+00:00"),
    article("a5", "Merkel wins fourth term in German election",
            "Angela Merkel won a fourth term as chancellor after the federal election in Germany.",
            persons=("Angela Merkel", "Martin Schulz"), locations=("Germany", "Berlin"),
            organizations=("CDU", "SPD"), events=("German federal election",), site="Daily Planet",
            section="World", tags=("elections",), published="2017-09-25T06:00:00+00:00",
            quotes=(("Angela Merkel", "We will form a stable government for Germany."),)),
    article("a6", "Macron elected president of France",
            "Emmanuel Macron defeated Marine Le Pen in the French presidential election.",
            persons=("Emmanuel Macron", "Marine Le Pen"), locations=("France", "Paris"),
            events=("French presidential election",), site="Le Monde English", section="World",
            tags=("elections",), published="2017-05-08T07:00:00+00:00"),
    article("a7", "Putin says Russia will respond to sanctions",
            "Vladimir Putin said Russia would respond to new American sanctions. The Kremlin was calm.",
            persons=("Vladimir Putin",), locations=("Russia", "Moscow"), organizations=("Kremlin",),
            site="Example News", section="World", tags=("sanctions", "reuters"),
            published="2017-08-03T10:00:00+00:00",
            quotes=(("Vladimir Putin", "Russia will respond to these sanctions in kind."),)),
    article("a8", "Stock markets rally on trade hopes",
            "Stocks rallied in New York and London as investors hoped for a trade deal between the United States and China.",
            locations=("New York", "London", "United States", "China"), organizations=("NYSE",),
            site="Market Wire", section="Business", tags=("markets", "trade"),
            published="2016-11-10T20:00:00+00:00"),
    article("a9", "Undated feature on Helsinki architecture",
            "Helsinki has a remarkable tradition of architecture, from Aalto to modern libraries.",
            locations=("Helsinki",), site="Travel Weekly", section="Culture", tags=("architecture",),
            published=None),
    article("a10", "Trump and Putin talk by phone about Syria",
            "Donald Trump and Vladimir Putin talked by phone about the ceasefire in Syria.",
            persons=("Donald Trump", "Vladimir Putin"), locations=("Syria",), site="Daily Planet",
            section="World", tags=("diplomacy",), published="2017-05-02T18:00:00+00:00"),
]


def index_corpus(es, settings, articles=CORPUS) -> str:
    """Create the index behind ``settings.index_alias``, load ``articles``, refresh. Returns the index."""
    index = ensure_index(es, settings)
    actions = [{"_index": settings.index_alias, "_id": a.article.doc_id, "_source": to_document(a)}
               for a in articles]
    ok, errors = helpers.bulk(es, actions, raise_on_error=False, refresh=True)
    assert not errors, errors
    return index


@contextlib.contextmanager
def corpus_index(es_url: str) -> Iterator[tuple]:
    """A fresh alias holding CORPUS on the node at ``es_url``: yields ``(es, settings)``; deleted after."""
    settings = Settings.from_env(es_url=es_url, index_alias=f"t{uuid.uuid4().hex[:10]}-articles")
    es = client(settings)
    index_corpus(es, settings)
    try:
        yield es, settings
    finally:
        delete_all(es, settings)
        es.close()


def test_corpus_has_unique_ids():
    ids = [a.article.doc_id for a in CORPUS]
    assert len(ids) == len(set(ids))
