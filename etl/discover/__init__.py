"""Discovery: the sources file and the candidate article URLs of a run (URL lists,
RSS/Atom feeds, sitemaps)."""
