"""The run-report index ``<alias>-runs``: one document per run (id = the run key).

The report is built by :mod:`etl.core.report`; here it is stored where the operator can
query it (``GET <alias>-runs/_search``). The index is created on first use from
``mappings/runs.json`` (strict); fields added to that file later are added to an existing
index on the next store. :func:`previous_health` and :func:`health_rows` read the
per-source health rows back (the baseline of the next run, ``news-etl sources health``).
"""

from __future__ import annotations

from elasticsearch import ApiError, TransportError

from etl.core.errors import TransientError
from etl.core.settings import Settings
from etl.index.client import client
from etl.index.versions import load_mapping

RUNS_MAPPING = "runs.json"


def runs_index(settings: Settings) -> str:
    """Name of the run-report index."""
    return f"{settings.index_alias}-runs"


def store_run_report(settings: Settings, report: dict) -> None:
    """Index ``report`` (with its ``run`` key as id) into :func:`runs_index`, creating the index first.

    Raises TransientError when Elasticsearch cannot be reached or refuses the document,
    ConfigError when ``mappings/runs.json`` is missing or invalid.
    """
    mapping = load_mapping(settings, RUNS_MAPPING)
    index = runs_index(settings)
    es = client(settings)
    try:
        if not es.indices.exists(index=index):
            es.options(ignore_status=400).indices.create(index=index, settings=mapping["settings"],
                                                          mappings=mapping["mappings"])
        else:  # an index made by an older version: add the fields mapped since (additive, idempotent)
            es.indices.put_mapping(index=index, properties=mapping["mappings"]["properties"])
        # refresh now (one small document in a small index) rather than wait for the next
        # scheduled refresh: the report is searchable when the task ends, ~1 s sooner
        es.index(index=index, id=report["run"], document=report, refresh=True)
    except (TransportError, ApiError) as exc:
        raise TransientError(f"cannot store the run report in {index}: {exc}") from exc
    finally:
        es.close()


def _search_runs(settings: Settings, **body) -> list[dict]:
    """Hits of a search of the runs index ([] when it does not exist yet). Raises TransientError."""
    index = runs_index(settings)
    es = client(settings)
    try:
        if not es.indices.exists(index=index):
            return []
        return es.search(index=index, **body).body["hits"]["hits"]
    except (TransportError, ApiError) as exc:
        raise TransientError(f"cannot read the run reports in {index}: {exc}") from exc
    finally:
        es.close()


def _health_query(source: str) -> dict:
    return {"nested": {"path": "health", "query": {"term": {"health.source": source}},
                       "inner_hits": {"size": 1, "_source": True}}}


def previous_health(settings: Settings, source: str, before: str, runs: int) -> list[dict]:
    """The health rows of ``source`` in its last ``runs`` runs before the logical date
    ``before`` (ISO 8601), newest first: the baseline of the run at ``before``.

    Output: :func:`etl.core.health.source_health` rows. Raises TransientError when the
    runs index cannot be read.
    """
    if runs <= 0:
        return []
    query = {"bool": {"filter": [{"range": {"logical_date": {"lt": before}}}, _health_query(source)]}}
    hits = _search_runs(settings, query=query, size=runs, sort=[{"logical_date": "desc"}], source=False)
    return [hit["inner_hits"]["health"]["hits"]["hits"][0]["_source"] for hit in hits]


def health_rows(settings: Settings, source: str | None = None, runs: int = 10) -> list[dict]:
    """The health rows of the last ``runs`` runs (of ``source`` only, when given), oldest
    first, each with its run's ``run`` and ``logical_date``.

    Raises TransientError when the runs index cannot be read.
    """
    query = _health_query(source) if source else {"match_all": {}}
    hits = _search_runs(settings, query=query, size=max(0, runs), sort=[{"logical_date": "desc"}],
                        source=["run", "logical_date", "health"])
    rows = []
    for hit in reversed(hits):
        run = {"run": hit["_source"]["run"], "logical_date": hit["_source"]["logical_date"]}
        rows += [{**run, **row} for row in hit["_source"].get("health", []) if not source or row["source"] == source]
    return rows
