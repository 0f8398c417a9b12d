#!/usr/bin/env bash
# The whole test suite against a real Elasticsearch (started and stopped by the tests) and real Airflow.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
export AIRFLOW__CORE__LOAD_EXAMPLES=False
mkdir -p test-output
"$VENV/bin/ruff" check etl dags tests bench
"$VENV/bin/mypy"   # type check etl/ (config in pyproject.toml)
"$VENV/bin/python" -m pytest -q -p no:cacheprovider --durations=15 "$@"
