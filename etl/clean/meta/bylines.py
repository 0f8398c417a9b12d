"""Authors (person names) and news agency with provenance.

Sources, most trusted first: the JSON-LD article's ``author``/``creator`` (Person objects,
strings, ``@id`` references to a Person elsewhere in the page's JSON-LD; Organization
authors only count as an agency), author ``<meta>`` tags, then the page's visible byline
(the first byline/author-classed element outside reader comments that names a person).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from etl.clean.authors import BY_PIECE, agency_name, is_person_name, split_byline, starts_with_by, without_by
from etl.clean.dom import visible_text
from etl.clean.meta.sources import MAX_CANDIDATES, in_comments, in_other_articles, ld_types, txt

AUTHOR_META = (
    ("article:author", "opengraph"),
    ("author", "meta"),
    ("parsely-author", "meta"),
    ("sailthru.author", "meta"),
    ("dc.creator", "meta"),
)
# not "authorization"/"authority" (a site's log-in box: "Sign In | Sign Up")
_BYLINE_CLASS = re.compile(r"byline|auth?or(?!i[sz]|it)|writer|credit-name|contributor", re.I)
_BYLINE_TAGS = ("span", "div", "p", "a", "address", "li", "td")
# attributes that name a byline element (``data-testid="prism-byline"`` where classes are hashed)
_BYLINE_ATTRS = ("class", "rel", "itemprop", "id", "data-testid")
_PLAIN_TAGS = ("p", "div", "span", "small", "strong", "em", "b", "address")
_MAX_PLAIN = 400  # elements read for an unclassed "By ..." line
_BY_WORD = re.compile(r"\s*(?:" + BY_PIECE + r"|by|von|par|por|door|text|texte|texto|tekst|текст|автор|autor|written|posted|"
                      r"published|veröffentlicht|geschrieben|verfasst|eingestellt)\b", re.I)  # cheap first look
# a by-phrase with its label, read inside a line ("Publicado por:", "Posted by", "Veröffentlicht von")
_LABELLED_BY = re.compile(r"\b(?:published|posted|written|publicado|escrito|publié|veröffentlicht|geschrieben|verfasst)"
                          r"\s+(?:by|por|par|von)\b", re.I)
# markup that holds the author's name alone (so a one-word or lower-case user name counts)
_NAME_MARKUP = re.compile(r"^\s*author\s*$|author[-_]?name|\bfn\b", re.I)
_MAX_BYLINES = 5
# a date (and time) printed before the by-word: "06.11.2023 13:30 von Olga", "2019-05-02 | By Jane Doe"
_LEADING_DATE = re.compile(r"^\s*\d{1,4}[./-]\d{1,2}[./-]\d{1,4},?(?:\s+\d{1,2}[:.]\d{2}(?:\s*uhr)?)?\s*[|,·–-]?\s*", re.I)
_FULL_NAME_TAGS = ("p", "div", "span", "a", "strong", "b", "em", "li", "address", "small", "h2", "h3", "h4", "h5")
# the surname printed after a one-word declared name ("Nils" -> "Nils Pickert"): one capitalised word
_SURNAME = r"\s+((?:(?:van|von|de|da|di|del|der|le|la)\s+)?[A-ZÀ-Þ][a-zß-ÿ'’]+(?:-[A-ZÀ-Þ][a-zß-ÿ'’]+)?)(?![\w-])"
_TAG = re.compile(r"<[^>]+>")
# blog hosts whose sub-domains are their users' blogs: there the blog's name is its author's user name
_BLOG_HOSTS = re.compile(r"\.(?:blogspot\.[a-z.]+|wordpress\.com|tumblr\.com|substack\.com|livejournal\.com|typepad\.com|"
                         r"over-blog\.com|hatenablog\.com|wixsite\.com|weebly\.com|jimdo(?:site)?\.com|home\.blog|"
                         r"ghost\.io|github\.io|eklablog\.com|canalblog\.com|pixnet\.net)$", re.I)
_ORG_TYPES = frozenset({"organization", "newsmediaorganization", "corporation", "ngo", "governmentorganization"})


def find_authors(ld: dict, md: dict, root, objs: list[dict] | None = None,
                 site: tuple[str, str] = ("", "")) -> tuple[list[str], str, str, str]:
    """(person names, their provenance, agency, agency provenance).

    Input: the JSON-LD article object, the meta tags, the parsed page, all JSON-LD objects
    (to resolve ``@id`` references) and the site (its name, the page URL). Declared sources are
    JSON-LD, then the author meta tags in :data:`AUTHOR_META` order; the site's own name is no
    author in any of them (:func:`drop_site_names`), unless the visible byline prints it as a person's
    full name (a personal site named after its author: "Wolfgang Schmale"). The first declared names the visible byline
    confirms (a name in common) win, else the first declared names, else the visible byline's; a
    visible byline that adds co-authors to the chosen names replaces them; a one-word declared
    name the page prints with a surname gets it (:func:`_with_surnames`). The agency comes from the first
    source naming one. Empty strings when nothing is found.
    """
    shown = _visible_byline(root)
    own = {_squash(n) for n in (shown[0] if shown else []) if " " in n}  # full names printed as the byline
    declared = [(drop_site_names(n, *site, keep=own), a, src) for n, a, src in _declared_sources(ld, md, objs or [])]
    if shown:
        shown = (drop_site_names(shown[0], *site, keep=own), *shown[1:])
    names, prov = _choose(declared, shown)
    names = names if prov == "text" else _with_surnames(names, root)
    agency, aprov = next(((a, src) for _, a, src in declared + ([shown] if shown else []) if a), ("", ""))
    return names, prov, agency, aprov


def _choose(declared: list[tuple[list[str], str, str]], shown) -> tuple[list[str], str]:
    """(names, provenance): the first declared names the visible byline confirms, else the first
    declared names, else the visible byline's; a byline adding co-authors to them replaces them."""
    with_names = [(n, src) for n, _, src in declared if n]
    visible = shown[0] if shown else []
    if not with_names:
        return (visible, "text") if visible else ([], "")
    keys = {n.lower() for n in visible}
    names, prov = next(((n, src) for n, src in with_names if keys & {x.lower() for x in n}), with_names[0])
    if keys > {x.lower() for x in names}:  # the byline lists co-authors the metadata left out
        return visible, "text"
    return names, prov


def _declared_sources(ld: dict, md: dict, objs: list[dict]) -> list[tuple[list[str], str, str]]:
    """[(names, agency, provenance)] of the JSON-LD author, then of each author meta tag (URLs left out)."""
    out = []
    people, orgs = _ld_authors(ld, objs)
    if people or orgs:
        names, agency = split_byline(people, trusted=True)
        out.append((names, agency or next((a for a in map(agency_name, orgs) if a), ""), "json-ld"))
    for key, source in AUTHOR_META:
        values = [v for v in md.get(key) or [] if not v.startswith("http")]
        if values:
            out.append((*split_byline(values, trusted=True), source))
    return out


def _ld_authors(ld: dict, objs: list[dict]) -> tuple[list[str], list[str]]:
    """(person name strings, organisation names) of the JSON-LD ``author``/``creator``."""
    raw = ld.get("author") or ld.get("creator") or []
    by_id = {o["@id"]: o for o in objs if isinstance(o.get("@id"), str) and "name" in o}
    people: list[str] = []
    orgs: list[str] = []
    for item in raw if isinstance(raw, list) else [raw]:
        if isinstance(item, dict) and "name" not in item and item.get("@id") in by_id:
            item = by_id[item["@id"]]  # a reference to a Person elsewhere in the page's graph
        if isinstance(item, str):
            people.append(_TAG.sub("", item))
        elif isinstance(item, dict):
            name = item.get("name")
            values = [_TAG.sub("", txt(v)) for v in (name if isinstance(name, list) else [name]) if v]
            (orgs if ld_types(item) & _ORG_TYPES else people).extend(values)
    return people, orgs


def _visible_byline(root) -> tuple[list[str], str, str] | None:
    """(names, agency, "text") of the page's visible byline, None when there is none.

    The first byline/author-classed element outside comments that names a person or an agency
    (at most 5 such elements are read), else the first short unclassed line that starts with a
    by-word ("By Jane Doe", "Von Max Muster") among the first :data:`_MAX_PLAIN` elements.
    """
    return _classed_byline(root) or _plain_byline(root)


def _classed_byline(root) -> tuple[list[str], str, str] | None:
    """The first byline/author-classed element outside reader comments, menus and lists of other
    articles that names a person or an agency; where its text runs other words into a name ("Tech
    Insider Alex Perry"), the names its author-name markup holds (:func:`_marked_names`)."""
    tried = read = 0
    for el in root.iter(*_BYLINE_TAGS):
        if read >= _MAX_BYLINES or tried >= MAX_CANDIDATES:
            break
        attrs = " ".join(el.get(a) or "" for a in _BYLINE_ATTRS)
        if not _BYLINE_CLASS.search(attrs) or in_comments(el) or in_other_articles(el):
            continue
        tried += 1
        text = txt(visible_text(el, 150))
        if 2 < len(text) < 150:
            read += 1
            names, agency = split_byline(text, trusted=_NAME_MARKUP.search(attrs) is not None)
            inner = _marked_names(el) if names else []
            if inner and all(any(i in n for i in inner) for n in names):
                names = inner
            if names or agency:
                return names, agency, "text"
    return None


def _marked_names(el) -> list[str]:
    """Names held by the author-name markup inside byline element ``el`` (``<span class="authorname">``), in order."""
    names: list[str] = []
    for sub in el.iterdescendants(*_BYLINE_TAGS):
        attrs = " ".join(sub.get(a) or "" for a in _BYLINE_ATTRS)
        if _NAME_MARKUP.search(attrs):
            names += [n for n in split_byline(txt(visible_text(sub, 80)), trusted=True)[0] if n not in names]
    return names


def _plain_byline(root) -> tuple[list[str], str, str] | None:
    """The first short unclassed line that opens with a by-word ("By Jane Doe", "Ein Artikel von
    Pamela Sladky"), also after a date ("06.11.2023 13:30 von Olga"), or that carries a labelled
    one after a leading date ("05/10/2018 - Publicado por: Clarissa Borba - Categoria")."""
    for i, el in enumerate(root.iter(*_PLAIN_TAGS)):
        if i >= _MAX_PLAIN:
            break
        head = el.text if (el.text or "").strip() or not len(el) else el[0].text
        dated = _LEADING_DATE.match(head or "")
        labelled = len(el) and _LABELLED_BY.search(el[0].tail or "")
        if not labelled and (not head or not _BY_WORD.match(head[dated.end():] if dated else head)):
            continue
        text = txt(visible_text(el, 300 if labelled else 80))
        if dated and not labelled:
            text = _LEADING_DATE.sub("", text, count=1)
        if labelled:
            found = _LABELLED_BY.search(text)
            text = text[found.start():found.start() + 79] if found else ""
        if 4 < len(text) < 80 and starts_with_by(text) and not in_comments(el):
            names, agency = split_byline(text)
            if names or agency:
                return names, agency, "text"
    return None


def _with_surnames(names: list[str], root) -> list[str]:
    """``names`` with each one-word name ("Nils", a JSON-LD user name) replaced by the full name the page
    prints for it: the first element whose own text opens with it and a surname, after an optional
    by-word ("<p class='full-name'>Todd Bates</p>", "Eine Kolumne von Nils Pickert", "Nils Pickert
    ist freier Autor"), outside reader comments."""
    out = list(names)
    for i, name in enumerate(names):
        if " " in name or not name[:1].isupper():
            continue
        pattern = re.compile(r"^" + re.escape(name) + _SURNAME)
        for el in root.iter(*_FULL_NAME_TAGS):
            head = (el.text or "").strip()
            if name not in head[:120]:
                continue
            m = pattern.match(head) or pattern.match(without_by(head))
            if m and is_person_name(f"{name} {m.group(1)}") and not in_comments(el):
                out[i] = f"{name} {m.group(1)}"
                break
    return out


def drop_site_names(names: list[str], site_name: str, url: str,
                    keep: set[str] | frozenset[str] = frozenset()) -> list[str]:
    """``names`` without the site's own name: equal to the site name or the URL's domain label once
    letters and digits alone are compared, or (a one-word name) contained in either ("Beachbody" on
    beachbodyondemand.com); names whose compared form is in ``keep`` stay, and on a blog host's
    sub-domain (``weinlachgummis.blogspot.com``) every name does (the blog's name is its user's)."""
    host = urlsplit(url or "").hostname or ""
    if _BLOG_HOSTS.search(host):
        return names
    labels = host.removeprefix("www.").split(".")
    keys = {k for k in (_squash(site_name), _squash(labels[-2] if len(labels) > 1 else "")) if k}
    return [n for n in names if _squash(n) in keep or (
        _squash(n) not in keys and not (" " not in n and any(_squash(n) in k for k in keys)))]


def _squash(text: str) -> str:
    return "".join(c for c in text.lower() if c.isalnum())
