"""User-supplied per-domain extraction rules (CSS selectors); no built-in site rules.

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
list; :func:`check_rule`, which also checks a source's ``extract`` rules) raises
ConfigError when loaded (fail fast); a selector CSS cannot parse is ignored at
extraction time (logged), never an exception.
"""

from __future__ import annotations

import json
import logging
import os
from functools import lru_cache
from pathlib import Path

import yaml
from lxml.cssselect import CSSSelector

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
def _compiled(selector: str) -> CSSSelector:
    return CSSSelector(selector, translator="html")


def select(root, selector) -> list:
    """Elements matching a CSS selector (or list of them); [] on a bad selector."""
    sels = selector if isinstance(selector, list) else [selector]
    out = []
    for sel in sels:
        try:
            out.extend(_compiled(str(sel))(root))
        except Exception as exc:
            log.warning("clean rule: bad selector %r: %s", sel, exc)
    return out
