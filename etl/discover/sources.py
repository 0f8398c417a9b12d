"""The sources file: which sites to ingest and how to find their article URLs.

YAML with a top-level ``sources`` list; ``${VAR}`` and ``${VAR:-default}`` are expanded
from the environment. Schema of one source::

    - name: samples            # required, unique: used in run reports and on records
      kind: urls               # required: urls | rss | atom | sitemap | site
      urls: [https://...]      # kind 'urls' only: the article URLs
      location: https://...    # rss/atom/sitemap: feed or sitemap URL, or a local file path
                               # (relative paths are relative to the sources file);
                               # site: the http(s) URL of a home or section page
      include: ['/world/']     # optional regular expressions; a URL must match one of them
      exclude: ['/video/']     # optional regular expressions; a URL matching one is dropped
      max_articles: 100        # optional cap of URLs per run (0 or absent: no cap)
      extract:                 # optional cleaner rules, keys and checks of etl.clean.rules
        title: h1.headline
        body: div.article-body
        remove: [aside, .related]

``rss`` and ``atom`` are read the same way (either format is recognised); ``sitemap``
accepts URL sets, sitemap indexes (children are followed) and Google news sitemaps,
plain or gzipped. ``site`` is for a site without a feed or sitemap to point at: its
page is read and gives the feeds it declares (``<link rel="alternate">``) and the
article-like links on it (same host; :mod:`etl.discover.site` has the rule); the page and
those feeds are read only when robots.txt allows it. For every kind, include/exclude,
``max_articles`` and the run's interval (for dated entries) apply. Every problem is a :class:`etl.core.errors.ConfigError` naming the file,
the entry and the key.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from etl.clean.rules import check_rule
from etl.core.errors import ConfigError

#: libyaml's safe loader when PyYAML has it (~10x faster on a sources file of thousands of URLs)
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

KINDS = ("urls", "rss", "atom", "sitemap", "site")
KEYS = frozenset({"name", "kind", "urls", "location", "include", "exclude", "max_articles", "extract"})
_VAR = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}")


@dataclass(frozen=True)
class Source:
    """One validated entry of the sources file."""

    name: str
    kind: str
    urls: tuple[str, ...] = ()
    location: str = ""
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    max_articles: int = 0
    extract: dict = field(default_factory=dict)

    def accepts(self, url: str) -> bool:
        """True when ``url`` passes the include/exclude patterns."""
        if self.include and not any(re.search(p, url) for p in self.include):
            return False
        return not any(re.search(p, url) for p in self.exclude)

    @property
    def is_remote(self) -> bool:
        """True when ``location`` is an http(s) URL (else a local file)."""
        return self.location.startswith(("http://", "https://"))


def expand_env(text: str, env: Mapping[str, str] | None = None) -> str:
    """Replace ``${VAR}`` / ``${VAR:-default}`` with values from ``env`` (default: os.environ)."""
    values = os.environ if env is None else env
    return _VAR.sub(lambda m: values.get(m.group(1)) or (m.group(2) or ""), text)


def load_sources(path: str | Path, env: dict | None = None) -> list[Source]:
    """Read and validate a sources file.

    Returns the list of sources. Raises ConfigError naming the file, the entry and the
    problem when the file is missing, not YAML, or an entry is invalid.
    """
    path = Path(path)
    try:
        data = yaml.load(expand_env(path.read_text(encoding="utf-8"), env), Loader=_SAFE_LOADER)
    except OSError as exc:
        raise ConfigError(f"sources file {path}: {exc.strerror}") from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"sources file {path}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("sources"), list):
        raise ConfigError(f"sources file {path}: expected a top-level 'sources:' list")
    sources = [_source(path, i, entry) for i, entry in enumerate(data["sources"])]
    names = [s.name for s in sources]
    if len(set(names)) != len(names):
        dupes = sorted({n for n in names if names.count(n) > 1})
        raise ConfigError(f"sources file {path}: source names must be unique (repeated: {dupes})")
    return sources


def extraction_rules(path: str | Path, env: dict | None = None) -> dict[str, dict]:
    """Map source name -> its ``extract`` rules (only sources that have some)."""
    return {s.name: s.extract for s in load_sources(path, env) if s.extract}


def _source(path: Path, index: int, entry) -> Source:
    where = f"sources file {path}, entry {index + 1}"
    if not isinstance(entry, dict):
        raise ConfigError(f"{where}: expected a mapping")
    unknown = set(entry) - KEYS
    if unknown:
        raise ConfigError(f"{where}: unknown keys {sorted(unknown)} (allowed: {sorted(KEYS)})")
    name, kind = entry.get("name"), entry.get("kind")
    if not isinstance(name, str) or not name.strip():
        raise ConfigError(f"{where}: 'name' is required (a non-empty string)")
    where = f"{where} ({name})"
    if kind not in KINDS:
        raise ConfigError(f"{where}: 'kind' must be one of {list(KINDS)}, not {kind!r}")
    return Source(name=name.strip(), kind=kind, urls=_urls(where, kind, entry.get("urls")),
                  location=_location(path, where, kind, entry.get("location")),
                  include=_patterns(where, "include", entry.get("include")),
                  exclude=_patterns(where, "exclude", entry.get("exclude")),
                  max_articles=_max_articles(where, entry.get("max_articles")),
                  extract=_extract(where, entry.get("extract")))


def _urls(where: str, kind: str, urls) -> tuple[str, ...]:
    if kind != "urls":
        if urls:
            raise ConfigError(f"{where}: 'urls' is only for kind 'urls' (use 'location')")
        return ()
    if not isinstance(urls, list) or not urls:
        raise ConfigError(f"{where}: kind 'urls' needs a non-empty 'urls' list")
    bad = [u for u in urls if not isinstance(u, str) or not u.startswith(("http://", "https://"))]
    if bad:
        raise ConfigError(f"{where}: 'urls' must be absolute http(s) URLs, not {bad[0]!r}")
    return tuple(urls)


def _location(path: Path, where: str, kind: str, location) -> str:
    if kind == "urls":
        if location:
            raise ConfigError(f"{where}: 'location' is not used by kind 'urls'")
        return ""
    if not isinstance(location, str) or not location.strip():
        raise ConfigError(f"{where}: kind '{kind}' needs 'location' (a URL or a file path)")
    location = location.strip()
    if location.startswith(("http://", "https://")):
        return location
    if kind == "site":
        raise ConfigError(f"{where}: kind 'site' needs an http(s) page URL as 'location', not {location!r}")
    if "://" in location:
        raise ConfigError(f"{where}: 'location' must be http(s) or a file path, not {location!r}")
    local = Path(location)
    return str(local if local.is_absolute() else (path.parent / local).resolve())


def _patterns(where: str, key: str, patterns) -> tuple[str, ...]:
    if patterns is None:
        return ()
    if isinstance(patterns, str):
        patterns = [patterns]
    if not isinstance(patterns, list):
        raise ConfigError(f"{where}: '{key}' must be a list of regular expressions")
    for pattern in patterns:
        try:
            re.compile(str(pattern))
        except re.error as exc:
            raise ConfigError(f"{where}: bad {key} pattern {pattern!r}: {exc}") from exc
    return tuple(str(p) for p in patterns)


def _max_articles(where: str, value) -> int:
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ConfigError(f"{where}: 'max_articles' must be a whole number >= 0, not {value!r}")
    return value


def _extract(where: str, rules) -> dict:
    """A source's ``extract`` rules, validated like the cleaner's rules file ({} when absent)."""
    return {} if rules is None else check_rule(rules, where, "extract")
