"""User-supplied per-domain extraction rules (CSS selectors, soupsieve); no built-in site rules.

File: YAML or JSON, path in ``NEWS_ETL_CLEAN_RULES`` (or passed explicitly). Keys
are host names; a rule applies to that host and its subdomains (``www.`` ignored)::

    example.com:
      body: "div.article-body, div.story-text"   # article container(s), kept whole
      remove: [".promo", ".related-box"]          # removed before extraction
      title: "h1.headline"                        # text of the first match wins
      lead: "p.standfirst"
      authors: ".byline .name"                    # every match is one byline
      published: "time.published"                # datetime/content attr, else text
      section: ".breadcrumb li:last-child"

All keys are optional. A rule's fields get provenance ``rule``. An invalid file
(not a mapping, unknown keys, a value that is not a non-empty selector string or
list, a selector soupsieve cannot compile; :func:`check_rule`, which also checks a
source's ``extract`` rules) raises ConfigError when loaded (fail fast).

Selectors are BeautifulSoup's (soupsieve: CSS level 4 including ``:has()``, ``:is()``,
``:not()``, ``:nth-child(... of S)``, and ``:-soup-contains("text")``). They run on a
BeautifulSoup parse of the page (lxml parser), made only for pages that have a rule;
:class:`RuleMatcher` maps the ``remove`` and ``body`` matches back to the lxml tree the
extractor works on.
"""

from __future__ import annotations

import json
import logging
import os
from functools import lru_cache
from pathlib import Path

import soupsieve
import yaml
from bs4 import BeautifulSoup, Tag
from lxml import etree

from etl.core.errors import ConfigError

log = logging.getLogger(__name__)
ENV_VAR = "NEWS_ETL_CLEAN_RULES"
KEYS = frozenset({"body", "remove", "title", "lead", "authors", "published", "section"})


def load_rules(path: str | os.PathLike | None = None) -> dict:
    """Read the rules file (``path`` or $NEWS_ETL_CLEAN_RULES); {} when none is set.

    Raises ConfigError when the file is missing, unreadable or malformed.
    """
    path = path or os.environ.get(ENV_VAR, "")
    if not path:
        return {}
    return _load(str(path))


@lru_cache(maxsize=8)
def _load(path: str) -> dict:
    p = Path(path)
    try:
        text = p.read_text("utf-8")
    except OSError as exc:
        raise ConfigError(f"{ENV_VAR}: cannot read {path}: {exc}") from exc
    try:
        if p.suffix.lower() == ".json":
            data = json.loads(text)
        else:
            data = yaml.safe_load(text)
    except Exception as exc:
        raise ConfigError(f"{ENV_VAR}: {path} is not valid YAML/JSON: {exc}") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{ENV_VAR}: {path} must map host names to rules")
    return {
        str(host).lower().removeprefix("www."): check_rule(rule, f"{ENV_VAR}: {path}", str(host))
        for host, rule in data.items()
    }


def check_rule(rule, where: str, name: str) -> dict:
    """Validate one rule (the rules file's entry for a host, or a source's ``extract``).

    Input: the parsed value, where it comes from (for messages) and its name (the host,
    or ``extract``). Output: the rule as a dict of field -> CSS selector(s).
    Raises ConfigError when it is not a mapping, has a key outside :data:`KEYS`, or a
    value that is not a non-empty selector string or list of them.
    """
    if not isinstance(rule, dict):
        raise ConfigError(f"{where}: {name!r} must be a mapping of field -> CSS selector(s)")
    unknown = set(rule) - KEYS
    if unknown:
        raise ConfigError(f"{where}: unknown {name!r} keys {sorted(unknown)} (allowed: {sorted(KEYS)})")
    for key, value in rule.items():
        values = value if isinstance(value, list) else [value]
        if not values or not all(isinstance(v, str) and v.strip() for v in values):
            raise ConfigError(f"{where}: '{name}.{key}' must be a CSS selector or a list of them")
        for v in values:
            try:
                _compiled(v)
            except (soupsieve.SelectorSyntaxError, ValueError, TypeError) as exc:
                raise ConfigError(f"{where}: '{name}.{key}': invalid CSS selector {v!r}: {exc}") from exc
    return dict(rule)


def rule_for(rules: dict, host: str) -> dict:
    """The rule of ``host`` or of its closest parent domain ({} when none)."""
    host = (host or "").lower().removeprefix("www.")
    while host:
        if host in rules:
            return rules[host]
        host = host.partition(".")[2]
    return {}


@lru_cache(maxsize=256)
def _compiled(selector: str) -> soupsieve.SoupSieve:
    return soupsieve.compile(selector)


class RuleMatcher:
    """A rule's selectors on one page: soupsieve on a BeautifulSoup parse of the page.

    Input: the page's HTML text (as given to ``dom.parse``) and its lxml root, before any
    element is removed. ``select``/``texts`` read the BeautifulSoup matches; ``elements``
    maps matches to the lxml tree by document order (both trees come from libxml2; a
    match whose tag differs in the lxml tree is skipped and logged).
    """

    def __init__(self, text: str, root) -> None:
        self.soup = BeautifulSoup(text, "lxml", huge_tree=True)
        self._lxml = list(root.iter(etree.Element))
        self._order: dict[int, int] | None = None

    def select(self, selector) -> list[Tag]:
        """Elements matching a CSS selector (or list of them), selector by selector, in page order."""
        out: list[Tag] = []
        for sel in selector if isinstance(selector, list) else [selector]:
            out.extend(_compiled(str(sel)).select(self.soup))
        return out

    def texts(self, selector) -> list[str]:
        """The whitespace-normalised text of every match."""
        return [" ".join(tag.get_text().split()) for tag in self.select(selector)]

    def remove(self, selector) -> list:
        """The matches as lxml elements (to remove there); they are removed from the soup too."""
        tags = self.select(selector)
        found = self._in_lxml(tags, selector)
        for tag in tags:
            if not tag.decomposed:
                tag.decompose()
        return found

    def elements(self, selector) -> list:
        """The matches as elements of the lxml tree."""
        return self._in_lxml(self.select(selector), selector)

    def _in_lxml(self, tags: list[Tag], selector) -> list:
        if self._order is None:  # document order of the soup as first parsed (before any removal)
            self._order = {id(tag): i for i, tag in enumerate(self.soup.find_all(True))}
        out = []
        for tag in tags:
            i = self._order.get(id(tag), len(self._lxml))
            if i < len(self._lxml) and self._lxml[i].tag == tag.name:
                out.append(self._lxml[i])
            else:
                log.warning("clean rule: %r matched <%s>, which the lxml tree does not have there", selector, tag.name)
        return out
