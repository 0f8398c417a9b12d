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
raises ConfigError when loaded (fail fast); an invalid selector is ignored
at extraction time (logged), never an exception.
"""

from __future__ import annotations

import json
import logging
import os
from functools import lru_cache
from pathlib import Path

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
            import yaml

            data = yaml.safe_load(text)
    except Exception as exc:
        raise ConfigError(f"{ENV_VAR}: {path} is not valid YAML/JSON: {exc}") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{ENV_VAR}: {path} must map host names to rules")
    out = {}
    for host, rule in data.items():
        if not isinstance(rule, dict) or set(rule) - KEYS:
            raise ConfigError(f"{ENV_VAR}: rule for {host!r} must be a mapping with keys from {sorted(KEYS)}")
        out[str(host).lower().removeprefix("www.")] = rule
    return out


def rule_for(rules: dict, host: str) -> dict:
    """The rule of ``host`` or of its closest parent domain ({} when none)."""
    host = (host or "").lower().removeprefix("www.")
    while host:
        if host in rules:
            return rules[host]
        host = host.partition(".")[2]
    return {}


@lru_cache(maxsize=256)
def _compiled(selector: str):
    from lxml.cssselect import CSSSelector

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
