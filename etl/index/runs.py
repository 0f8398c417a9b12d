"""The run-report index ``<alias>-runs``: one document per run (id = the run key).

The report is built by :mod:`etl.core.report`; here it is stored where the operator can
query it (``GET <alias>-runs/_search``). The index is created on first use from
``mappings/runs.json`` (strict).
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
        es.index(index=index, id=report["run"], document=report, refresh="wait_for")
    except (TransportError, ApiError) as exc:
        raise TransientError(f"cannot store the run report in {index}: {exc}") from exc
    finally:
        es.close()
