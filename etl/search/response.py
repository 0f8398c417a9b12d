"""An Elasticsearch ``_search`` response -> the plain-dict result the API, page and CLI share."""

from __future__ import annotations

import html
import re

from etl.core.urls import safe_http_url
from etl.index.builder import fold, publisher_day
from etl.search.query import HIGHLIGHT_POST, HIGHLIGHT_PRE
from etl.search.request import SearchRequest, encode_cursor

MAX_HIT_NAMES = 8  # entity names per hit (the facets list them all)
_WORD = re.compile(r"\w[\w'’]*")


def parse_response(resp: dict, req: SearchRequest) -> dict:
    """Turn an Elasticsearch response into ``{"total", "hits", "facets", "histogram", "next"}``.

    Also ``took_ms``, ``page``, ``size``, and ``stories`` (distinct stories) when ``req.collapse``.
    ``resp`` is the response body as a dict, for the body :func:`etl.search.query.build_body` made.
    """
    hits_in = resp["hits"]["hits"]
    aggs = resp.get("aggregations", {})
    total = resp["hits"]["total"]["value"]
    facets = {name: _facet_values(aggs.get(f"facet_{name}", {}), set(req.filters.get(name, ())))
              for name in req.facets}
    histogram = [{"date": b["key_as_string"], "count": b["doc_count"]}
                 for b in aggs.get("histogram", {}).get("dates", {}).get("buckets", [])]
    result = {"total": total, "took_ms": resp.get("took"), "page": req.page, "size": req.size,
              "hits": [_hit(h, req.q) for h in hits_in], "facets": facets, "histogram": histogram,
              "next": _next_cursor(hits_in, req, total)}
    if req.collapse:
        result["stories"] = aggs.get("stories", {}).get("n", {}).get("value", len(hits_in))
    return result


def article_link(h: dict) -> dict:
    """An Elasticsearch hit -> ``{"id", "title", "url", "published_at", "published_day", "source"}``
    (source: the site, else the source name; ``published_day``: the publisher's calendar day, to show).

    ``_source`` needs no more than :data:`etl.search.query.LINK_FIELDS`.
    """
    src = h.get("_source", {})
    return {"id": h["_id"], "title": src.get("title", ""), "url": src.get("url", ""),
            "published_at": src.get("published_at"),
            "published_day": publisher_day(src.get("published_day"), src.get("published_at")),
            "source": src.get("site") or src.get("source") or ""}


def _hit(h: dict, q: str) -> dict:
    """One Elasticsearch hit -> one result hit (a subset of ``_source`` plus score and highlight)."""
    src = h.get("_source", {})
    names = {k: src.get(k, [])[:MAX_HIT_NAMES] for k in ("persons", "organizations", "locations", "events")}
    return {
        **article_link(h),
        "section": src.get("section"),
        "authors": src.get("authors", []),
        "lead": src.get("lead", ""),
        "language": src.get("language"),
        **names,
        "tags": src.get("tags", []),
        "word_count": src.get("word_count"),
        "image": next(iter(safe_images(src.get("images", []))), None),
        "score": h.get("_score"),
        "highlight": _hit_highlight(src, h.get("highlight", {}), q),
    }


def safe_images(images: list[dict]) -> list[dict]:
    """``images`` with each URL made safe to put in a page (:func:`etl.core.urls.safe_http_url`);
    images without an absolute http(s) URL are dropped."""
    out = []
    for image in images:
        url = safe_http_url(image.get("url"))
        if url:
            out.append({**image, "url": url})
    return out


def _hit_highlight(src: dict, hl: dict, q: str) -> dict:
    """``{"title", "snippet"}``: Elasticsearch's marks, else folded-word marks made here."""
    snippet = " … ".join(hl.get("body", [])) or " ".join(hl.get("lead", []))
    title_hl = (hl.get("title") or [None])[0]
    if q and not title_hl:
        title_hl = folded_marks(src.get("title", ""), q)
    if q and not snippet:
        snippet = folded_marks(src.get("lead", ""), q) or ""
    return {"title": title_hl, "snippet": snippet}


def _facet_values(agg: dict, selected: set) -> list[dict]:
    """A facet's buckets as ``[{"value", "count", "selected"}]``, most frequent first.

    Selected values always come back: from the ``selected`` sub-aggregation when outside the
    top N, with count 0 when no document is left (so they can be unselected).
    """
    buckets = {b["key"]: b["doc_count"] for b in agg.get("values", {}).get("buckets", [])}
    for b in agg.get("selected", {}).get("buckets", []):
        buckets.setdefault(b["key"], b["doc_count"])
    low = {k.lower() for k in buckets}
    for v in selected:
        if v not in buckets and v.lower() not in low:
            buckets[v] = 0
    return [{"value": k, "count": c, "selected": k in selected or _isel(k, selected)}
            for k, c in sorted(buckets.items(), key=lambda kv: (-kv[1], kv[0]))]


def _isel(value: str, selected: set) -> bool:
    # Facets with a lowercase normaliser return lowercased keys.
    return value.lower() in {s.lower() for s in selected}


def _next_cursor(hits_in: list, req: SearchRequest, total: int) -> str | None:
    """The cursor to the page after this one, or None on the last page."""
    if not hits_in or len(hits_in) != req.size:
        return None
    start = 0 if req.after else (req.page - 1) * req.size
    if req.after or start + len(hits_in) < total:
        return encode_cursor(hits_in[-1]["sort"], req.sort)
    return None


def folded_marks(text: str, q: str) -> str | None:
    """Mark words of ``text`` equal to a query word once both are folded ("cafe" marks "Café").

    Used when Elasticsearch returned no highlight (a match through the ``folded.*`` fields,
    which are not in ``_source``). Returns escaped HTML, or None when nothing matches.
    """
    terms = {w.lower() for w in _WORD.findall(fold(q)) if len(w) > 1}
    if not text or not terms:
        return None
    out, last, hit = [], 0, False
    for m in _WORD.finditer(text):
        if fold(m.group()).lower() in terms:
            out += [html.escape(text[last:m.start()]), HIGHLIGHT_PRE, html.escape(m.group()), HIGHLIGHT_POST]
            last, hit = m.end(), True
    out.append(html.escape(text[last:]))
    return "".join(out) if hit else None
