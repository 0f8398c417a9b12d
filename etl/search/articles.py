"""The reads of the article alias: :func:`search`, :func:`get_article`, :func:`more_like_this`."""

from __future__ import annotations

import re

from elasticsearch import NotFoundError

from etl.search.query import LINK_FIELDS, build_body
from etl.search.request import SearchRequest, check_size
from etl.search.response import article_link, parse_response

_SYNTAX = re.compile(r"[\"+|\-*()~]")


def search(es, index: str, req: SearchRequest) -> dict:
    """Run ``req`` against ``index`` (the alias) and return the parsed result.

    When several plain words match nothing together, the search is run again matching any
    of them, ranked by how many match, and the result says ``"relaxed": true``.
    Elasticsearch errors propagate (``elasticsearch.ApiError`` / ``TransportError``).
    """
    result = _run(es, index, req, "and")
    result["relaxed"] = False
    if (result["total"] == 0 and not req.after and req.page == 1 and len(req.q.split()) > 1
            and not _SYNTAX.search(req.q)):
        relaxed = _run(es, index, req, "or")
        if relaxed["total"]:
            relaxed["relaxed"] = True
            return relaxed
    return result


def _run(es, index: str, req: SearchRequest, operator: str) -> dict:
    resp = es.search(index=index, body=build_body(req, operator=operator))
    return parse_response(resp.body if hasattr(resp, "body") else resp, req)


def get_article(es, index: str, doc_id: str) -> dict | None:
    """The stored article ``doc_id`` (``_source`` + ``id``), or None when missing."""
    try:
        resp = es.get(index=index, id=doc_id)
    except NotFoundError:
        return None
    return {"id": resp["_id"], **resp["_source"]}


def more_like_this(es, index: str, doc_id: str, size: int = 5) -> list[dict]:
    """Articles most similar to ``doc_id`` (title, lead and body terms), best first.

    Each is ``{"id", "title", "url", "published_at", "source", "score"}``; ``doc_id`` itself
    is never among them. Raises InvalidQuery when ``size`` is out of range.
    """
    check_size(size)
    body = {
        "query": {"more_like_this": {
            "fields": ["title", "lead", "body"],
            "like": [{"_index": index, "_id": doc_id}],
            "min_term_freq": 1, "min_doc_freq": 1, "max_query_terms": 40,
            "minimum_should_match": "10%", "analyzer": "en_mlt",
        }},
        "size": size,
        "_source": {"includes": list(LINK_FIELDS)},
    }
    resp = es.search(index=index, body=body)
    return [{**article_link(h), "score": h["_score"]} for h in resp["hits"]["hits"]]
