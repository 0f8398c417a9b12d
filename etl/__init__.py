"""news-etl: news web pages -> cleaned, annotated articles -> Elasticsearch faceted search."""

__version__ = "0.1.0"
