"""Part of ``airflow-init.sh`` (the compose stack's one-shot set-up); every step is idempotent.

1. The Airflow UI's admin password: ``AIRFLOW_ADMIN_PASSWORD`` written for every user of
   ``AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS`` into the passwords file the api-server reads
   (``AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE``); empty: left to the api-server, which
   generates one on its first start, logs it and keeps it in that file.
2. The PostgreSQL schema of the shared state (the ``search_path`` of ``NEWS_ETL_STATE_URL``).
3. The bucket of ``NEWS_ETL_STORAGE_URL`` on the S3-compatible server, retried while it starts.
"""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit, urlunsplit

from etl.core.errors import TransientError
from etl.core.settings import Settings
from etl.core.storage import remote_errors, s3_options


def admin_password() -> None:
    """Write ``AIRFLOW_ADMIN_PASSWORD`` for the configured users (other entries kept)."""
    password = os.environ.get("AIRFLOW_ADMIN_PASSWORD", "")
    path = Path(os.environ["AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE"])
    if not password:
        print(f"airflow-init: no AIRFLOW_ADMIN_PASSWORD; the api-server generates one into {path}")
        return
    configured = os.environ.get("AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS", "")
    users = [entry.split(":")[0] for entry in configured.split(",") if entry]
    current = json.loads(path.read_text() or "{}") if path.exists() else {}
    current.update({user: password for user in users})
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(current) + "\n")
    path.chmod(0o600)
    print(f"airflow-init: password of {', '.join(users)} set from AIRFLOW_ADMIN_PASSWORD")


def state_schema(settings: Settings) -> None:
    """``CREATE SCHEMA IF NOT EXISTS`` for the ``search_path`` option of ``settings.state_url``."""
    if not settings.state_url:
        return
    import psycopg  # noqa: PLC0415 - only with a PostgreSQL state database

    parts = urlsplit(settings.state_url)
    options = unquote(" ".join(parse_qs(parts.query).get("options", [])))
    found = re.search(r"search_path=(\w+)", options)
    if not found:
        return
    with psycopg.connect(urlunsplit(parts._replace(query="")), autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA IF NOT EXISTS "{found.group(1)}"')
    print(f"airflow-init: schema {found.group(1)} of the shared state ready")


def bucket(settings: Settings, attempts: int = 30) -> None:
    """Create the bucket of ``settings.storage_url`` (``s3://bucket/prefix``) unless it exists;
    retried while the server does not answer yet (TransientError, etl.core.storage)."""
    if not settings.storage_url.startswith("s3://"):
        return
    import s3fs  # noqa: PLC0415 - only with object storage

    name = settings.storage_url[len("s3://"):].split("/", 1)[0]
    fs = s3fs.S3FileSystem(**s3_options(settings))
    for attempt in range(attempts):
        try:
            with remote_errors(f"bucket {name}"):
                try:
                    fs.call_s3("head_bucket", Bucket=name)
                    print(f"airflow-init: bucket {name} exists")
                except FileNotFoundError:
                    fs.call_s3("create_bucket", Bucket=name)
                    print(f"airflow-init: bucket {name} created")
            return
        except TransientError as exc:
            if attempt == attempts - 1:
                raise
            print(f"airflow-init: {exc}; retrying")
            time.sleep(2)


if __name__ == "__main__":
    current = Settings.from_env()
    admin_password()
    state_schema(current)
    bucket(current)
