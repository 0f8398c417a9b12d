"""Article metadata with provenance, read from the unmodified parsed page.

Sources, by the name recorded in ``provenance``: ``json-ld`` (schema.org Article
objects), ``opengraph`` (``og:*``/``article:*``), ``meta`` (other ``<meta>`` tags,
``<link rel=canonical>``, ``<html lang>``), ``time`` (``<time datetime>`` and
``itemprop`` dates), ``text`` (visible bylines, datelines, standfirst, figure
captions), ``html-title`` (``<title>``), ``h1``, ``url`` (dates/sections in the
URL path), ``body`` (found in the article text), ``guess`` (language guess).
``extract_meta`` never raises on odd markup or malformed JSON.
"""

from __future__ import annotations

import html
import json
import re
from urllib.parse import urljoin, urlsplit

from lxml import etree

from etl.clean import authors as au
from etl.clean import dates
from etl.clean.dom import visible_text

ARTICLE_TYPES = {
    "newsarticle",
    "article",
    "blogposting",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "backgroundnewsarticle",
    "reviewnewsarticle",
    "liveblogposting",
    "techarticle",
    "scholarlyarticle",
    "report",
    "socialmediaposting",
    "posting",
    "webpage",
}
_TITLE_SEP = re.compile(r"\s+(?:[|–—·»:]|-|::)\s+")
_LEAD_CLASS = re.compile(
    r"(?:^|[\s_-])(?:lead|standfirst|sapo|intro|introduction|dek|deck|subtitle|subheadline|"
    r"sub-headline|excerpt|abstract|teaser-text|chapo|chapeau|article-summary|einleitung|vorspann|"
    r"sommario|entradilla|bajada|ingress|ingresso)(?:$|[\s_-])",
    re.I,
)
_NOT_LEAD = re.compile(
    r"caption|credit|author|bio|byline|image|photo|media|video|related|teaser-list|"
    r"site|footer|header-nav|promo|newsletter|meta|subscri|sign-?up|signup|leader|"
    r"mislead|pleading|leading|intros?-(?:list|links)",
    re.I,
)
_BYLINE_CLASS = re.compile(r"byline|author|autor|writer|credit-name|contributor", re.I)
_DATE_CLASS = re.compile(r"date|time|publish|posted|dateline|meta", re.I)
_CREDIT = re.compile(
    r"\s*[\(\[]?\s*(?:photo(?:graph)?s?|image|picture|foto|bild|credit|quelle|source|crédit|illustration)"
    r"\s*(?:by|:|credit:?)?\s*(?P<c>[^()\[\]]{2,120}?)[\)\]]?\s*$",
    re.I,
)
_PHOTO_PREFIX = re.compile(
    r"^(?:photo(?:graph)?s?|image|picture|foto|bild|credit|quelle|crédit)\s*(?:by|:)\s*|^©\s*", re.I
)
_CREDIT_ALT = re.compile(r"\s*(?:©|\(c\))\s*(?P<c>.{2,120})$", re.I)
_STOP = {
    "en": "the and of to in is that for on with was as it said by at from his be have are has this".split(),
    "de": "der die und den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an".split(),
    "fr": "le la les de des et en du un une est pour que dans qui par sur au pas plus ce il".split(),
    "es": "el la de que y en los del las un por con una para es se al lo como más".split(),
    "it": "il di che la per un in del della le non una è sono con al si da dei".split(),
    "nl": "de het een van en in is dat op te met voor zijn niet aan er ook als bij".split(),
    "pt": "de que não em uma para com os por mais as dos como mas ao ele das à seu".split(),
}


MAX_CANDIDATES = 50  # visible elements examined per field (bounded work on pathological pages)


def _txt(s) -> str:
    """Whitespace-normalised text; HTML entities left escaped in attributes are decoded."""
    if s is None:
        return ""
    s = str(s)
    if "&" in s:
        s = html.unescape(s)
    return " ".join(s.split())


# ----------------------------------------------------------------- sources


def jsonld_objects(root) -> list[dict]:
    """All JSON-LD objects on the page (``@graph`` and lists flattened)."""
    out: list[dict] = []
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        raw = (script.text or "").strip()
        if not raw or len(raw) > 2_000_000:
            continue
        try:
            data = json.loads(raw)
        except ValueError:
            try:
                data = json.loads(re.sub(r"[\x00-\x1f]", " ", raw))
            except ValueError:
                continue
        stack = [data]
        while stack and len(out) < 200:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                if "@graph" in item:
                    stack.extend(
                        reversed(item["@graph"] if isinstance(item["@graph"], list) else [item["@graph"]])
                    )
                out.append(item)
    return out


def _types(obj: dict) -> set:
    t = obj.get("@type", "")
    items = t if isinstance(t, list) else [t]
    return {str(x).lower().rsplit("/", 1)[-1] for x in items}


def article_object(objs: list[dict]) -> dict:
    """The JSON-LD object describing the article ({} when none)."""
    best, rank = {}, 99
    for obj in objs:
        types = _types(obj)
        if types & ARTICLE_TYPES:
            r = 1 if "webpage" in types else 0
            if r < rank:
                best, rank = obj, r
    return best


def meta_tags(root) -> dict:
    """{lower-cased property/name/itemprop: [content, ...]} for every <meta> tag."""
    out: dict = {}
    for m in root.iter("meta"):
        key = m.get("property") or m.get("name") or m.get("itemprop") or m.get("http-equiv")
        content = m.get("content")
        if key and content is not None and content.strip():
            out.setdefault(key.strip().lower(), []).append(content.strip())
    return out


def _first(md: dict, *keys) -> tuple[str, str]:
    for k in keys:
        if md.get(k):
            prov = "opengraph" if k.startswith(("og:", "article:")) else "meta"
            return md[k][0], prov
    return "", ""


def _ld_str(value) -> str:
    if isinstance(value, list):
        value = value[0] if value else ""
    if isinstance(value, dict):
        value = value.get("name") or value.get("@id") or value.get("url") or ""
    return _txt(value) if isinstance(value, (str, int, float)) else ""


# ----------------------------------------------------------------- fields


def find_title(ld, md, root, site_name) -> tuple[str, str]:
    """Title with the site suffix removed, and its provenance."""
    candidates = [
        (_ld_str(ld.get("headline") or ld.get("name")), "json-ld"),
        (*_first(md, "og:title"),),
        (*_first(md, "twitter:title"),),
    ]
    h1 = root.find(".//h1")
    if h1 is not None:
        candidates.append((_txt(visible_text(h1)), "h1"))
    t = root.find(".//title")
    if t is not None:
        candidates.append((_txt(visible_text(t)), "html-title"))
    for value, prov in candidates:
        value = strip_site(_txt(value), site_name)
        if value and len(value) > 3:
            return value, prov
    return "", ""


def strip_site(title: str, site_name: str) -> str:
    """Remove a " | Site Name" style suffix (or prefix) from a title."""
    parts = _TITLE_SEP.split(title)
    if len(parts) < 2:
        return title
    site = (site_name or "").lower()

    def is_site(p):
        p = p.lower().strip()
        return bool(site) and (p == site or p in site or site in p)

    if is_site(parts[-1]):
        return " - ".join(parts[:-1]) if len(parts) > 2 else parts[0]
    if is_site(parts[0]):
        return " - ".join(parts[1:])
    if len(parts[-1]) < 25 and len(parts[-1]) < len(parts[0]) / 2:
        return _TITLE_SEP.split(title, maxsplit=len(parts) - 2)[0] if len(parts) > 2 else parts[0]
    return title


def find_site_name(ld_objs, md, url) -> tuple[str, str]:
    v, prov = _first(md, "og:site_name", "application-name", "twitter:app:name:iphone")
    if v:
        return _txt(v), prov
    for obj in ld_objs:
        pub = obj.get("publisher")
        if isinstance(pub, dict) and pub.get("name"):
            return _ld_str(pub), "json-ld"
        if _types(obj) & {"website", "newsmediaorganization", "organization"} and obj.get("name"):
            return _ld_str(obj.get("name")), "json-ld"
    host = urlsplit(url or "").hostname or ""
    return (host[4:] if host.startswith("www.") else host), ("url" if host else "")


def find_lead(ld, md, root) -> tuple[str, str]:
    """Standfirst: a visible lead element after the first <h1>, else the description metadata."""
    seen_h1 = root.find(".//h1") is None
    for el in root.iter(etree.Element):
        tag = el.tag
        if tag == "h1":
            seen_h1 = True
            continue
        if not seen_h1 or tag not in ("p", "div", "h2", "span", "section"):
            continue
        cls = el.get("class") or ""
        if (
            cls
            and _LEAD_CLASS.search(cls)
            and el.get("itemprop") != "articleBody"
            and not _in_boiler(el, cls)
        ):
            text = _txt(visible_text(el, 600))
            if 20 <= len(text) <= 600:
                return text, "text"
    v = _ld_str(ld.get("description"))
    if v:
        return v, "json-ld"
    v, prov = _first(md, "og:description", "description", "twitter:description")
    return _txt(v), prov


def _in_boiler(el, cls: str) -> bool:
    from etl.clean import dom

    if dom.is_negative(cls) or _NOT_LEAD.search(cls):
        return True
    return any(a.tag in ("footer", "aside", "nav", "figure", "a", "li") for a in el.iterancestors())


def find_canonical(root, md, ld, url) -> tuple[str, str]:
    for link in root.iter("link"):
        if (link.get("rel") or "").lower().strip() == "canonical" and link.get("href"):
            return urljoin(url or "", link.get("href").strip()), "meta"
    v, prov = _first(md, "og:url")
    if v:
        return urljoin(url or "", v), prov
    v = _ld_str(ld.get("url") or ld.get("mainEntityOfPage"))
    if v.startswith("http"):
        return v, "json-ld"
    return url, "url"


def find_dates(ld, md, root, url, tz) -> tuple[dict, dict]:
    """published_at / modified_at with provenance (UTC ISO 8601)."""
    vals, prov = {}, {}
    chains = {
        "published_at": [
            ("json-ld", ld.get("datePublished") or ld.get("dateCreated")),
            ("opengraph", (md.get("article:published_time") or [None])[0]),
            (
                "meta",
                _first(
                    md,
                    "datepublished",
                    "pubdate",
                    "publishdate",
                    "date",
                    "dc.date",
                    "dc.date.issued",
                    "dcterms.created",
                    "sailthru.date",
                    "parsely-pub-date",
                    "publish-date",
                    "og:published_time",
                    "article.published",
                    "originalpublicationdate",
                )[0],
            ),
        ],
        "modified_at": [
            ("json-ld", ld.get("dateModified")),
            ("opengraph", (md.get("article:modified_time") or md.get("og:updated_time") or [None])[0]),
            ("meta", _first(md, "datemodified", "last-modified", "dcterms.modified")[0]),
        ],
    }
    for field, chain in chains.items():
        for source, raw in chain:
            iso = dates.parse_date(_ld_str(raw) if not isinstance(raw, str) else raw, tz)
            if iso:
                vals[field], prov[field] = iso, source
                break
    if "published_at" not in vals:
        found = _visible_date(root, tz)
        if found:
            vals["published_at"], prov["published_at"] = found
    if "published_at" not in vals:
        iso = dates.date_from_url(url)
        if iso:
            vals["published_at"], prov["published_at"] = iso, "url"
    return vals, prov


def _visible_date(root, tz) -> tuple[str, str] | None:
    for el in root.iter("time"):
        iso = dates.parse_date(el.get("datetime") or "", tz) or dates.parse_date(
            _txt(visible_text(el, 200)), tz
        )
        if iso:
            return iso, "time"
    for el in root.xpath("//*[@itemprop='datePublished']"):
        iso = dates.parse_date(el.get("content") or el.get("datetime") or _txt(visible_text(el, 200)), tz)
        if iso:
            return iso, "time"
    tried = 0
    for el in root.iter("span", "div", "p", "small", "li"):
        cls = (el.get("class") or "") + " " + (el.get("id") or "")
        if _DATE_CLASS.search(cls) and tried < MAX_CANDIDATES:
            tried += 1
            text = _txt(visible_text(el, 200))
            if len(text) < 200:
                found = dates.find_dateline(text, tz)
                if found:
                    return found[0], "text"
    return None


def find_authors(ld, md, root) -> tuple[list[str], str, str, str]:
    """(person names, provenance, agency, agency provenance)."""
    names, agency, prov, aprov = [], "", "", ""
    raw = ld.get("author") or ld.get("creator")
    if raw:
        items = raw if isinstance(raw, list) else [raw]
        strs = [_ld_str(i) for i in items]
        names, agency = au.split_byline(strs)
        prov = "json-ld" if names else ""
        aprov = "json-ld" if agency else ""
    for key, source in (
        ("article:author", "opengraph"),
        ("author", "meta"),
        ("parsely-author", "meta"),
        ("sailthru.author", "meta"),
        ("dc.creator", "meta"),
    ):
        if md.get(key):
            vals = [v for v in md[key] if not v.startswith("http")]
            n, a = au.split_byline(vals)
            if n and not names:
                names, prov = n, source
            if a and not agency:
                agency, aprov = a, source
    byline = _visible_byline(root)
    if byline:
        n, a = au.split_byline(byline)
        if n and not names:
            names, prov = n, "text"
        if a and not agency:
            agency, aprov = a, "text"
    return names, prov, agency, aprov


def _visible_byline(root) -> list[str]:
    out = []
    tried = 0
    for el in root.iter("span", "div", "p", "a", "address", "li"):
        attrs = (el.get("class") or "") + " " + (el.get("rel") or "") + " " + (el.get("itemprop") or "")
        if _BYLINE_CLASS.search(attrs):
            tried += 1
            text = _txt(visible_text(el, 150))
            if 2 < len(text) < 150:
                out.append(text)
        if len(out) >= 5 or tried >= MAX_CANDIDATES:
            break
    return out


def find_section(ld, md, url) -> tuple[str, str]:
    v = _ld_str(ld.get("articleSection"))
    if v:
        return v, "json-ld"
    v, prov = _first(md, "article:section", "section", "parsely-section", "sailthru.section", "category")
    if v:
        return _txt(v), prov
    parts = [p for p in urlsplit(url or "").path.split("/") if p]
    for p in parts[:-1]:
        if (
            p.isalpha()
            and 2 < len(p) < 20
            and p.lower()
            not in ("news", "article", "articles", "story", "stories", "www", "amp", "en", "de", "fr")
        ):
            return p.replace("-", " ").title(), "url"
    return "", ""


def find_tags(ld, md, root) -> tuple[list[str], str]:
    if md.get("article:tag"):
        return _dedupe(md["article:tag"]), "opengraph"
    kw = ld.get("keywords")
    if kw:
        items = kw if isinstance(kw, list) else str(kw).split(",")
        tags = _dedupe(_ld_str(k) for k in items)
        if tags:
            return tags, "json-ld"
    v, prov = _first(md, "news_keywords", "keywords", "parsely-tags", "sailthru.tags")
    if v:
        return _dedupe(v.split(",")), prov
    tags = [_txt(visible_text(a)) for a in root.xpath("//a[contains(concat(' ', @rel, ' '), ' tag ')]")]
    return (_dedupe(tags), "text") if tags else ([], "")


def _dedupe(items) -> list[str]:
    seen, out = set(), []
    for i in items:
        i = _txt(i)
        if i and i.lower() not in seen and len(i) < 80:
            seen.add(i.lower())
            out.append(i)
    return out[:30]


def find_language(root, md, ld, text) -> tuple[str, str]:
    for value, prov in (
        (root.get("lang") or root.get("xml:lang"), "meta"),
        (_first(md, "content-language", "language", "dc.language")[0], "meta"),
        (_ld_str(ld.get("inLanguage")), "json-ld"),
        ((md.get("og:locale") or [""])[0], "opengraph"),
    ):
        code = re.split(r"[-_]", (value or "").strip().lower())[0]
        if re.fullmatch(r"[a-z]{2,3}", code or ""):
            return code, prov
    guess = guess_language(text)
    return (guess, "guess") if guess else ("", "")


def guess_language(text: str) -> str:
    """Stop-word vote over the first 2,000 words ('' when unsure)."""
    words = re.findall(r"[^\W\d_]+", (text or "")[:15000].lower())[:2000]
    if len(words) < 8:
        return ""
    best, score = "", 0
    for lang, stops in _STOP.items():
        s = set(stops)
        n = sum(1 for w in words if w in s)
        if n > score:
            best, score = lang, n
    return best if score >= max(3, len(words) * 0.05) else ""


# ----------------------------------------------------------------- images


def split_credit(caption: str) -> tuple[str, str]:
    """ "Caption text. Photo by X/Y" -> ("Caption text.", "X/Y")."""
    caption = _txt(caption)
    for pat in (_CREDIT, _CREDIT_ALT):
        m = pat.search(caption)
        if m and m.start() > 0:
            return caption[: m.start()].strip(), m.group("c").strip(" .")
    return caption, ""


def find_images(root, md, ld, url) -> list[dict]:
    """Images: figures with captions/credits first, then JSON-LD and og:image."""
    out, seen = [], set()

    def add(src, caption="", credit=""):
        if not src or src.startswith("data:"):
            return
        src = urljoin(url or "", src.strip())
        if src in seen:
            for img in out:
                if img["url"] == src and caption and not img["caption"]:
                    img["caption"], img["credit"] = caption, credit or img["credit"]
            return
        seen.add(src)
        out.append({"url": src, "caption": caption, "credit": credit})

    for fig in root.iter("figure"):
        img = fig.find(".//img")
        if img is None:
            continue
        src = img.get("src") or img.get("data-src") or img.get("data-original") or ""
        cap_el = fig.find(".//figcaption")
        caption, credit = "", ""
        if cap_el is not None:
            cred_el = cap_el.xpath(
                ".//*[contains(@class,'credit') or contains(@class,'copyright') "
                "or contains(@class,'source') or contains(@class,'author') or self::small]"
            )
            full = _txt(visible_text(cap_el))
            if cred_el:
                ctext = _txt(visible_text(cred_el[0]))
                caption = _txt(full.replace(ctext, ""))
                credit = _PHOTO_PREFIX.sub("", ctext.strip("()[] ")).strip()
            else:
                caption, credit = split_credit(full)
        add(src, caption, credit)
        if len(out) >= 20:
            break
    imgs = ld.get("image")
    for item in (imgs if isinstance(imgs, list) else [imgs])[:5]:
        if isinstance(item, str):
            add(item)
        elif isinstance(item, dict):
            add(
                _ld_str(item.get("url") or item.get("contentUrl")),
                _txt(item.get("caption") or ""),
                _txt(
                    item.get("creditText")
                    or item.get("copyrightHolder")
                    and _ld_str(item.get("copyrightHolder"))
                    or ""
                ),
            )
    for v in md.get("og:image", [])[:3]:
        add(v)
    return out


# ----------------------------------------------------------------- entry point


def extract_meta(root, url: str) -> tuple[dict, dict, dict]:
    """Read metadata from a parsed (not yet cleaned) page.

    Output: (fields, provenance, extras). ``fields`` has title, lead, authors,
    agency, site_name, canonical_url, section, tags, language, published_at,
    modified_at, images (list of dicts); ``extras`` has the JSON-LD articleBody.
    """
    objs = jsonld_objects(root)
    ld = article_object(objs)
    md = meta_tags(root)
    f, p = {}, {}

    def put(name, value_prov):
        value, prov = value_prov
        f[name] = value
        if value:
            p[name] = prov

    put("site_name", find_site_name(objs, md, url))
    put("title", find_title(ld, md, root, f["site_name"]))
    put("lead", find_lead(ld, md, root))
    put("canonical_url", find_canonical(root, md, ld, url))
    put("section", find_section(ld, md, url))
    put("tags", find_tags(ld, md, root))
    put("language", find_language(root, md, ld, ""))
    vals, prov = find_dates(ld, md, root, url, tz_for(f["language"]))
    for k in ("published_at", "modified_at"):
        f[k] = vals.get(k)
        if k in prov:
            p[k] = prov[k]
    _people_and_images(f, p, ld, md, root, url)
    bodies = [o.get("articleBody") for o in objs if isinstance(o.get("articleBody"), str)]
    extras = {"article_body": max(bodies, key=len).strip() if bodies else ""}
    return f, p, extras


def _people_and_images(f: dict, p: dict, ld: dict, md: dict, root, url: str) -> None:
    """Authors (minus the site's own name), agency and images, with provenance."""
    names, nprov, agency, aprov = find_authors(ld, md, root)
    site = (f.get("site_name") or "").lower()
    names = [n for n in names if n.lower() != site]
    f["authors"], f["agency"] = names, agency
    if names:
        p["authors"] = nprov
    if agency:
        p["agency"] = aprov
    f["images"] = find_images(root, md, ld, url)
    if f["images"]:
        captioned = any(i["caption"] for i in f["images"])
        p["images"] = "text" if captioned else ("json-ld" if ld.get("image") else "opengraph")


_LANG_TZ = {
    "de": "Europe/Berlin",
    "fr": "Europe/Paris",
    "it": "Europe/Rome",
    "es": "Europe/Madrid",
    "nl": "Europe/Amsterdam",
    "pl": "Europe/Warsaw",
    "pt": "Europe/Lisbon",
}


def tz_for(language: str) -> str | None:
    """Default time zone for zone-less visible times on pages in ``language`` (None: UTC)."""
    return _LANG_TZ.get(language)
