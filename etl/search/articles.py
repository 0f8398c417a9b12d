"""The reads of the article alias: :func:`search`, :func:`get_article`, :func:`more_like_this`.

Every search goes through :func:`run_search`, which bounds it in time: Elasticsearch stops
collecting after ``timeout`` seconds (the body's ``timeout``; what was found so far comes back
with ``timed_out``), and the client gives up :data:`CLIENT_GRACE` seconds later without retrying.
"""

from __future__ import annotations

import re

from elasticsearch import BadRequestError, NotFoundError

from etl.search.query import LINK_FIELDS, build_body
from etl.search.request import CURSOR_ERROR, InvalidQuery, SearchRequest, check_histogram, check_size
from etl.search.response import article_link, parse_response, safe_images

SEARCH_TIMEOUT = 5.0  # seconds; the default of Settings.search_timeout
CLIENT_GRACE = 2.0  # seconds the client waits beyond the body's timeout for the (partial) answer

_SYNTAX = re.compile(r"[\"+|\-*()~]")


def run_search(es, index: str, body: dict, timeout: float = SEARCH_TIMEOUT) -> dict:
    """Send one ``_search`` of ``body`` to ``index`` within ``timeout`` seconds; return the response body.

    Elasticsearch gets ``timeout`` in the body; the request itself is cut ``CLIENT_GRACE``
    seconds later and not retried (``elasticsearch.ConnectionTimeout``). Elasticsearch errors
    propagate (``ApiError`` / ``TransportError``).
    """
    bounded = es.options(request_timeout=timeout + CLIENT_GRACE, retry_on_timeout=False)
    resp = bounded.search(index=index, body={**body, "timeout": f"{max(1, round(timeout * 1000))}ms"})
    return resp.body if hasattr(resp, "body") else resp


def search(es, index: str, req: SearchRequest, timeout: float = SEARCH_TIMEOUT) -> dict:
    """Run ``req`` against ``index`` (the alias) and return the parsed result.

    When several plain words match nothing together, the search is run again matching any
    of them, ranked by how many match, and the result says ``"relaxed": true``. ``timed_out``
    is true when Elasticsearch stopped after ``timeout`` seconds (the hits are then partial).
    Raises InvalidQuery before asking Elasticsearch when the date histogram would be too big,
    and when Elasticsearch refuses the values of an ``after`` cursor; other Elasticsearch errors
    propagate (``elasticsearch.ApiError`` / ``TransportError``).
    """
    result = _run(es, index, req, "and", timeout)
    result["relaxed"] = False
    if (result["total"] == 0 and not req.after and req.page == 1 and len(req.q.split()) > 1
            and not _SYNTAX.search(req.q)):
        relaxed = _run(es, index, req, "or", timeout)
        if relaxed["total"]:
            relaxed["relaxed"] = True
            return relaxed
    return result


def _run(es, index: str, req: SearchRequest, operator: str, timeout: float) -> dict:
    body = build_body(req, operator=operator)
    if "histogram" in body.get("aggs", {}):
        check_histogram(body["aggs"]["histogram"]["aggs"]["dates"]["date_histogram"])
    try:
        resp = run_search(es, index, body, timeout)
    except BadRequestError as exc:
        if req.after:  # a forged cursor whose values do not fit the sort
            raise InvalidQuery(CURSOR_ERROR) from exc
        raise
    return {**parse_response(resp, req), "timed_out": bool(resp.get("timed_out"))}


def get_article(es, index: str, doc_id: str) -> dict | None:
    """The stored article ``doc_id`` (``_source`` + ``id``), or None when there is no such article.

    Images whose URL is not absolute http(s) are left out, whatever was indexed
    (:func:`etl.search.response.safe_images`). A missing index raises ``elasticsearch.NotFoundError``.
    """
    try:
        resp = es.get(index=index, id=doc_id)
    except NotFoundError as exc:
        if exc.error == "index_not_found_exception":
            raise
        return None
    doc = {"id": resp["_id"], **resp["_source"]}
    if "images" in doc:
        doc["images"] = safe_images(doc["images"])
    return doc


def more_like_this(es, index: str, doc_id: str, size: int = 5, timeout: float = SEARCH_TIMEOUT) -> list[dict]:
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
    resp = run_search(es, index, body, timeout)
    return [{**article_link(h), "score": h["_score"]} for h in resp["hits"]["hits"]]
