"""Clean stage: HTML page -> :class:`etl.core.records.CleanedArticle` (or a counted Rejection).

Public interface (stable):

- ``EXTRACTOR_VERSION``: bumped whenever the output for the same page changes.
- ``clean_page(page, settings)``: a fetched page -> article or Rejection.
- ``clean_html(html, url, settings=None, *, encoding=None, fetched_at="", source="")``.
- ``main_text(html, url)``: body text only, one paragraph per line, title excluded
  (the plugin interface of ``../shared/bench/score.py``).

lxml parses the page and chooses the article (``dom``, ``body``, ``meta``); BeautifulSoup
cleans only the chosen region into ``CleanedArticle.body_html`` (``html``), and ``body`` is
read back from that same cleaned tree.

None of them raises on bad input: empty, binary, non-HTML, oversized (over
``decode.MAX_BYTES`` = 25 MB), deeply nested or broken pages become a Rejection
(``empty``, ``binary``, ``not_html``, ``too_large``, ``unparsable``, ``no_text``,
``too_short``, ``error``). Only an invalid rules file (``NEWS_ETL_CLEAN_RULES``)
raises ConfigError. See ``etl/clean/README.md`` for the algorithm.
"""

from __future__ import annotations

import hashlib
import logging
import re
from urllib.parse import urlsplit

from etl.clean import body, decode, dom, meta
from etl.clean import html as html_mod
from etl.clean import rules as rules_mod
from etl.clean.authors import agency_in_text, split_byline
from etl.clean.dates import day_of, parse_date
from etl.clean.scripted import state_body
from etl.core.errors import ConfigError
from etl.core.language import detect_language
from etl.core.records import CleanedArticle, FetchedPage, Image, Rejection
from etl.core.urls import doc_id, normalize_url

log = logging.getLogger(__name__)

EXTRACTOR_VERSION = "clean-2.5"  # 2.5: a link's hover card (a preview repeating its address) is no text, a link wrapped in a <span> inside a sentence is not pruned as a link list, a list item with a sentence after its linked headline is kept; 2.4: a <meta> without content gives its value; a <time>'s data-published and a <meta itemprop="datePublished">'s value attribute are read as declared instants; the headline <h1> is the first of the first three that is one of the page's titles (og:title, <title> or their first part), else the first that is no label ("Trending", "Sections", the site's name, "{text}"), and an <h1> loses only the site's name, never a short last part; 2.3: the heading holding the page's title (og:title, <title>) stands in for a missing or generic <h1> in the dateline rules, a date printed under it over a generic meta date and over a date marked away from it, a JSON-LD headline no other title holds loses to an agreeing <h1>/<title>; 2.2: JSON-LD in a CDATA wrapper, a slashed declared value read day first when another declared value confirms only that, a printed time after an em dash, a closing last-change line over htmldate's extensive guess; 2.1: htmldate's extensive day where ours find none, unless a copyright year, a month or year padded to a day, a day the page neither prints nor declares, a citation's access date, one printed only aside (comments, footer, sidebar, banner); 2.0: site bands named by class/id (header/footer) print no dateline, a dateline with its byline after an <h1>, an earlier "Erschienen am" dateline over a generic meta date, htmldate's day in the URL's /YYYY/MM/ month; 1.9: article text of pages whose markup prints none (script state, link round-ups), CJK datelines, a <time> printed in the readers' zone; 1.8: htmldate fast day on article pages without ours, "datum" classes, German month spellings, /YYYY/section/MM/DD/ URLs; 1.7: wiki and product pages undated, "3/09/15", query-string URL days; 1.6: date error classes of e-held / f-dev (earlier dateline by the heading, teaser
# cards, GMT+N, ...); 1.5: weak date sources alone give no day (cross-validated); 1.4: rules of session 5;
# 1.3: of session 4; 1.2: of session 3; 1.1: publisher offset + published_day; body_html
MIN_BODY_CHARS = 80  # below this the page is rejected as ``too_short``
_BLANK_LINE = re.compile(r"\n\s*\n")  # a paragraph break in body HTML stored WordPress-style (script state)
_SHORT = 250  # below this the strict pass is retried leniently / with JSON-LD articleBody

__all__ = ["EXTRACTOR_VERSION", "clean_page", "clean_html", "main_text"]


def main_text(html: str, url: str) -> str:
    """Body as plain text, one paragraph per line, title excluded; '' when none. Never raises."""
    try:
        text, err = decode.decode_html(html)
        if err:
            return ""
        result = _extract(text or "", url, full=False, keep_lead=True)  # text is set when err is None
        return "\n".join(result[2]) if result else ""
    except Exception:  # pragma: no cover - last-resort guard for the bench interface
        log.exception("main_text failed for %s", url)
        return ""


def clean_page(page: FetchedPage, settings=None, rule: dict | None = None) -> CleanedArticle | Rejection:
    """Clean one fetched page. Input: FetchedPage (and optionally its source's ``extract``
    rule, which wins over the rules file for the page's host); output: CleanedArticle or
    Rejection."""
    url = page.final_url or page.url
    ctype = (page.content_type or "").lower()
    if ctype and not any(t in ctype for t in ("html", "xml", "text/plain", "octet-stream")):
        return Rejection(url, "clean", "not_html", f"content type {page.content_type}")
    return clean_html(
        page.content, url, settings, encoding=page.encoding, fetched_at=page.fetched_at, source=page.source,
        rule=rule,
    )


def clean_html(
    html: str | bytes,
    url: str,
    settings=None,
    *,
    encoding: str | None = None,
    fetched_at: str = "",
    source: str = "",
    rule: dict | None = None,
) -> CleanedArticle | Rejection:
    """Clean one page given as bytes or text.

    Input: the page, its URL, optional settings, the HTTP charset (``encoding``).
    Output: CleanedArticle (metadata + provenance) or Rejection(stage="clean").
    Errors: only ConfigError for an invalid rules file; bad pages are Rejections.
    """
    rules = rules_mod.load_rules(getattr(settings, "clean_rules", "") or None)
    if rule:
        rules = {**rules, (urlsplit(url or "").hostname or "").lower().removeprefix("www."): rule}
    try:
        text, err = decode.decode_html(html, encoding)
        if err:
            return Rejection(url, "clean", err[0], err[1])
        result = _extract(text or "", url, full=True, rules=rules)
    except ConfigError:
        raise
    except Exception as exc:  # defensive: any bug becomes a counted rejection, not a crash
        log.exception("clean failed for %s", url)
        return Rejection(url, "clean", "error", f"{type(exc).__name__}: {exc}"[:300])
    if result is None:
        return Rejection(url, "clean", "unparsable", "no HTML tree could be built")
    fields, prov, paras = result
    body_text = "\n".join(paras)
    if not body_text:
        return Rejection(url, "clean", "no_text", "no main text found")
    if len(body_text) < MIN_BODY_CHARS:
        return Rejection(url, "clean", "too_short", f"{len(body_text)} characters of text")
    return _article(fields, prov, body_text, url, fetched_at, source)


def _article(fields, prov, body_text, url, fetched_at, source) -> CleanedArticle:
    canonical = _id_url(fields.get("canonical_url") or "", url)
    if canonical != normalize_url(fields.get("canonical_url") or ""):
        prov["canonical_url"] = "url"
    images = tuple(Image(i["url"], i["caption"], i["credit"]) for i in fields.get("images", ()))
    return CleanedArticle(
        url=url,
        doc_id=doc_id(canonical),
        title=fields.get("title", ""),
        body=body_text,
        body_html=fields.get("body_html", ""),
        canonical_url=canonical,
        lead=fields.get("lead", ""),
        authors=tuple(fields.get("authors", ())),
        agency=fields.get("agency", ""),
        site_name=fields.get("site_name", ""),
        section=fields.get("section", ""),
        tags=tuple(fields.get("tags", ())),
        language=fields.get("language", ""),
        published_at=fields.get("published_at"),
        modified_at=fields.get("modified_at"),
        published_day=fields.get("published_day"),
        modified_day=fields.get("modified_day"),
        images=images,
        provenance=dict(prov),
        fetched_at=fetched_at,
        source=source,
        content_hash=content_hash(body_text),
        extractor_version=EXTRACTOR_VERSION,
    )


def content_hash(text: str) -> str:
    """sha256 hex of the whitespace-normalised body text."""
    norm = "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


def _site(host: str) -> str:
    labels = (host or "").lower().removeprefix("www.").split(".")
    if len(labels) >= 3 and len(labels[-2]) <= 3 and len(labels[-1]) == 2:
        return ".".join(labels[-3:])  # example.co.uk
    return ".".join(labels[-2:])


def _id_url(canonical: str, url: str) -> str:
    """Normalised canonical URL when absolute http(s) on the page's site, else the page URL."""
    c = urlsplit(canonical or "")
    if c.scheme in ("http", "https") and c.hostname and urlsplit(url or "").scheme not in ("http", "https"):
        return normalize_url(canonical)  # a local file: the page's own canonical URL is the best id
    if (
        c.scheme in ("http", "https")
        and c.hostname
        and _site(c.hostname) == _site(urlsplit(url).hostname or "")
    ):
        return normalize_url(canonical)
    return normalize_url(url)


# ----------------------------------------------------------------- core


def _extract(text: str, url: str, full: bool = True, rules: dict | None = None, keep_lead: bool = False):
    """Parse, read metadata, extract the body. Output: (fields, provenance, paragraphs) or None.

    ``fields["body_html"]`` is the cleaned HTML (``html.render``) the paragraphs are read from.
    ``keep_lead``: leave a visible standfirst inside the paragraphs (``main_text``);
    otherwise it is removed from the body because it has its own field.
    """
    root = dom.parse(text)
    if root is None:
        return None
    deep = dom.too_deep()
    fields, prov, extras = meta.extract_meta(root, url, text) if full else meta.headline_meta(root, url)
    rule = rules_mod.rule_for(rules or {}, urlsplit(url or "").hostname or "")
    protect = _apply_rule(rules_mod.RuleMatcher(dom.source(text), root), rule, fields, prov) if rule else []
    page = (_base_url(root, url, fields), fields.get("images", ()))
    blocks, figures = _paragraphs(text, root, fields.get("title", ""), protect, deep, page)
    blocks = _jsonld_fallback(blocks, extras.get("article_body", ""), prov)
    if not protect and _chars(blocks) < MIN_BODY_CHARS:
        blocks, figures = _unprinted(text, (blocks, figures), fields.get("title", ""), prov, page)
    if not keep_lead:
        blocks = _drop_lead(blocks, fields.get("lead", ""), prov.get("lead"))
    elif prov.get("lead") == "text" and blocks:
        blocks = _add_lead(blocks, fields.get("lead", ""))
    paras, fields["body_html"] = html_mod.render(blocks, figures)
    _fields_from_body(fields, prov, paras, full)
    return fields, prov, paras


def _base_url(root, url: str, fields: dict) -> str:
    """What body links and images resolve against: an http(s) ``<base href>``, else the page's
    http(s) URL, else (a local file) its canonical URL; '' when none is http(s)."""
    page = url if urlsplit(url or "").scheme in ("http", "https") else fields.get("canonical_url") or ""
    page = html_mod.safe_url(page) or ""
    base = root.find(".//base[@href]")
    return (html_mod.safe_url(base.get("href"), page) if base is not None else None) or page


def _blocks(root, title: str, page: tuple, protect=(), lenient: bool = False) -> tuple[list, list]:
    """Region (lxml) -> blocks with cleaned HTML (BeautifulSoup) -> kept blocks; plus figures."""
    blocks, figures = html_mod.cut(body.choose_region(root, protect, lenient), *page)
    return body.filter_blocks(blocks, title), figures


def _paragraphs(text: str, root, title: str, protect: list, deep: bool, page: tuple) -> tuple[list, list]:
    """Strict extraction, then the lenient and flattened retries when it finds too little.

    ``page``: (base URL, images) for :func:`etl.clean.html.cut`. Output: (kept blocks, figures).
    """
    found = _blocks(root, title, page, protect)
    if protect or _chars(found[0]) >= _SHORT:
        return found
    retry = dom.parse(text)
    if retry is not None:
        alt = _blocks(retry, title, page, lenient=True)
        found = alt if _chars(alt[0]) > _chars(found[0]) else found
    if deep and _chars(found[0]) < _SHORT:
        flat = dom.parse(dom.flatten(text))  # pathological nesting beyond libxml2's depth limit
        if flat is not None:
            alt = _blocks(flat, title, page, lenient=True)
            found = alt if _chars(alt[0]) > _chars(found[0]) * 2 else found
    return found


def _jsonld_fallback(blocks: list, article_body: str, prov: dict) -> list:
    """Use the JSON-LD articleBody (as plain-text paragraphs) when it is much longer than the DOM text."""
    if len(article_body) > max(_chars(blocks) * 2, 200) and _chars(blocks) < 1500:
        prov["body"] = "json-ld"
        parts = re.split(r"\n+|(?<=[.!?])\s{2,}", article_body)
        return [html_mod.text_block(p) for p in parts if p.strip()]
    return blocks


def _unprinted(text: str, found: tuple, title: str, prov: dict, page: tuple) -> tuple[list, list]:
    """A page whose markup gives no article text (under ``MIN_BODY_CHARS``): the first that does of the body HTML
    in a script's JSON state (``body`` provenance ``script``) and the page's marked body container read with its
    links as text (a blog's link round-up, ``links``). Input and output: (blocks, figures); ``found`` is returned
    unchanged when neither gives text (a page with no text, e.g. an expired entry showing only its description in
    meta tags, stays a rejection: a record of its summary alone is no article)."""
    for name, find in (("script", _script_blocks), ("links", _link_post)):
        alt = find(text, title, page)
        if _chars(alt[0]) >= MIN_BODY_CHARS:
            prov["body"] = name
            return alt
    return found


def _script_blocks(text: str, title: str, page: tuple) -> tuple[list, list]:
    """(blocks, figures) of the body HTML a script's JSON state holds (``scripted.state_body``); empty when none."""
    markup = state_body(text)
    if not markup:
        return [], []
    root = dom.parse(f"<html><body><article>{re.sub(_BLANK_LINE, '<p>', markup)}</article></body></html>")
    return _blocks(root, title, page, lenient=True) if root is not None else ([], [])


def _link_post(text: str, title: str, page: tuple) -> tuple[list, list]:
    """(blocks, figures) of the page's one marked body container (``body.declared_body``) with links read as
    text; empty when it marks none or several."""
    root = dom.parse(text)
    if root is not None:
        dom.strip_tags(root)
    container = body.declared_body(root) if root is not None else None
    if container is None:
        return [], []
    blocks, figures = html_mod.cut([container], *page)
    return body.filter_blocks(blocks, title, links_are_text=True), figures


def _fields_from_body(fields: dict, prov: dict, paras: list, full: bool) -> None:
    """Language guessed from the text; agency from a dateline such as "(Reuters) -"."""
    if full and not fields.get("language"):
        guess = detect_language("\n".join(paras))
        if guess:
            fields["language"], prov["language"] = guess, "guess"
    if not fields.get("agency") and paras:
        ag = agency_in_text(paras[0][:200])
        if ag:
            fields["agency"], prov["agency"] = ag, "body"


def _chars(blocks) -> int:
    return sum(len(b.text) for b in blocks)


def _drop_lead(paras: list, lead: str, lead_prov: str | None) -> list:
    """The visible standfirst is a field of its own: remove its block from the body's start."""
    if not lead or lead_prov not in ("text", "rule") or not paras:
        return paras
    key = body._key(lead)
    for i, p in enumerate(paras[:3]):
        if body._key(p.text) == key:
            rest = paras[:i] + paras[i + 1 :]
            return rest if _chars(rest) >= max(MIN_BODY_CHARS, len(lead)) else paras
    return paras


def _add_lead(paras: list, lead: str) -> list:
    """main_text: a visible standfirst outside the article container starts the text."""
    key = body._key(lead)
    if key and not any(key in body._key(p.text) for p in paras[:5]):
        return [html_mod.text_block(lead)] + paras
    return paras


def _apply_rule(page: rules_mod.RuleMatcher, rule: dict, fields: dict, prov: dict) -> list:
    """Apply a user rule: remove selectors, override fields; return body elements (lxml)."""
    for el in page.remove(rule.get("remove") or []):
        dom.remove(el)
    for key, field in (("title", "title"), ("lead", "lead"), ("section", "section")):
        if rule.get(key):
            texts = page.texts(rule[key])
            if texts:
                fields[field], prov[field] = texts[0], "rule"
    if rule.get("authors"):
        names, agency = split_byline(page.texts(rule["authors"]))
        if names:
            fields["authors"], prov["authors"] = names, "rule"
        if agency:
            fields["agency"], prov["agency"] = agency, "rule"
    if rule.get("published"):
        for el in page.select(rule["published"]):
            iso = parse_date(str(el.get("datetime") or el.get("content") or " ".join(el.get_text().split())))
            if iso:
                fields["published_at"], prov["published_at"] = iso, "rule"
                fields["published_day"] = day_of(iso)
                prov.pop("published_day", None)
                break
    return page.elements(rule["body"]) if rule.get("body") else []
