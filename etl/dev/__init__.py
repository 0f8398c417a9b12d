"""Development helpers: the local Elasticsearch node (``news-etl es``) and the bundled
sample pages (``news-etl samples serve``)."""
