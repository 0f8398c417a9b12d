"""Shared foundations of every stage: settings, records, errors, the staging store,
observability, URL identity and the run report."""
