"""The Elasticsearch users of the compose stack (the es-init service); idempotent.

Waits until the cluster answers (yellow or green), keeps the ``elastic`` password of
``ELASTIC_PASSWORD`` (so it outlives the bootstrap password), then creates or updates two roles
and their users, with the passwords of ``.env``:

- ``news_etl_ingest`` (user of the Airflow tasks, ``ES_INGEST_PASSWORD``): reads, writes and
  manages the indices of the alias (``<alias>``, ``<alias>-*``: article versions, runs, saved
  searches, locks) and puts index templates; nothing else on the cluster.
- ``news_etl_api`` (user of the search API, ``ES_API_PASSWORD``): reads the alias and the saved
  searches with their notification log (the Atom feeds), asks for cluster health; nothing else.

The roles are :func:`etl.dev.essecurity.roles`, the same as the local secured node's.

Environment: ``NEWS_ETL_ES_URL`` (the first of a comma-separated list), ``NEWS_ETL_ES_CA_CERTS``
(the CA that signed the nodes' certificate: TLS is verified), ``NEWS_ETL_INDEX_ALIAS``,
``ELASTIC_PASSWORD``, ``ES_INGEST_PASSWORD``, ``ES_API_PASSWORD``. Exit status 1 with a message
when the cluster does not answer within 5 minutes or refuses the elastic password.
"""

from __future__ import annotations

import os
import sys
import time

from elasticsearch import ApiError, AuthenticationException, Elasticsearch
from elasticsearch import ConnectionError as ESConnectionError

from etl.core.settings import Settings
from etl.dev.essecurity import roles
from etl.index.client import client

WAIT_SECONDS = 300


def wait_until_up(es: Elasticsearch) -> None:
    """Return once the cluster is yellow or green; exit 1 after :data:`WAIT_SECONDS`."""
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        try:
            es.cluster.health(wait_for_status="yellow", timeout="10s")
            return
        except AuthenticationException:
            sys.exit("es-init: Elasticsearch refused the elastic user's password (ELASTIC_PASSWORD)")
        except (ESConnectionError, ApiError) as exc:  # starting: refused, no master yet (503), timed out (408)
            if isinstance(exc, ApiError) and exc.meta.status not in (408, 429, 500, 502, 503, 504):
                raise
            if time.monotonic() > deadline:
                sys.exit(f"es-init: Elasticsearch did not come up in {WAIT_SECONDS}s: {exc}")
        time.sleep(3)


def main() -> None:
    settings = Settings.from_env()
    password = os.environ["ELASTIC_PASSWORD"]
    alias = settings.index_alias
    es = client(settings.replace(es_url=settings.es_url.split(",")[0].strip(), es_username="elastic",
                                 es_password=password, es_api_key="", es_request_timeout=30.0))
    wait_until_up(es)
    es.security.change_password(username="elastic", password=password)
    users = {"news_etl_ingest": os.environ["ES_INGEST_PASSWORD"], "news_etl_api": os.environ["ES_API_PASSWORD"]}
    for name, role in roles(alias).items():
        es.security.put_role(name=name, **role)
        es.security.put_user(username=name, password=users[name], roles=[name])
        print(f"es-init: role and user {name} ready")


if __name__ == "__main__":
    main()
