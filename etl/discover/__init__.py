"""Discovery: the sources file and the candidate article URLs of a run (URL lists,
RSS/Atom feeds, sitemaps, home/section pages of sites).

- :mod:`etl.discover.sources`: the sources file (``load_sources``, ``Source``);
- :mod:`etl.discover.feeds`: feed and sitemap parsing (``parse_feed``, ``parse_sitemap``);
- :mod:`etl.discover.site`: feeds and article links of a ``site`` page (``site_entries``);
- :mod:`etl.discover.candidates`: reading locations and the ``discover()`` generator.
"""

from etl.discover.candidates import discover, interval_start, read_location, source_entries
from etl.discover.feeds import Entry, SourceError, parse_feed, parse_sitemap
from etl.discover.sources import Source, extraction_rules, load_sources

__all__ = [
    "Entry",
    "Source",
    "SourceError",
    "discover",
    "extraction_rules",
    "interval_start",
    "load_sources",
    "parse_feed",
    "parse_sitemap",
    "read_location",
    "source_entries",
]
