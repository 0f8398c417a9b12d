"""Everything that writes to Elasticsearch: the client, versioned indices behind the alias
and their migration, the document builder, bulk loading, dead letters and the runs index."""
