#!/usr/bin/env bash
# The main job: local Elasticsearch, the sample pages served on 127.0.0.1, one news_ingest
# run under Airflow (`airflow dags test`), then a faceted search.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
BIN=$VENV/bin
export AIRFLOW_HOME=${AIRFLOW_HOME:-$PWD/.airflow}
export AIRFLOW__CORE__DAGS_FOLDER=$PWD/dags
export AIRFLOW__CORE__LOAD_EXAMPLES=False
# https (the default): Elasticsearch with security on; every command below finds the CA and its user
# (news_etl_ingest; the search page: news_etl_api) in .cache/elasticsearch/security-9200/credentials.json.
export NEWS_ETL_ES_URL=${NEWS_ETL_ES_URL:-https://127.0.0.1:9200}
export NEWS_ETL_SAMPLES_URL=${NEWS_ETL_SAMPLES_URL:-http://127.0.0.1:8765}
# The sample pages are served on loopback, which fetching refuses by default (SSRF guard):
# open that one address for the demo, visibly.
export NEWS_ETL_FETCH_ALLOWED_NETWORKS=${NEWS_ETL_FETCH_ALLOWED_NETWORKS:-127.0.0.1/32}
port=${NEWS_ETL_SAMPLES_URL##*:}

mkdir -p var
"$BIN/news-etl" es start
"$BIN/airflow" db migrate >/dev/null
# The load tasks' pool (etl.dagkit.LOAD_POOL): `airflow dags test` ignores pools, a scheduler needs it.
"$BIN/airflow" pools set "${NEWS_ETL_LOAD_POOL:-news_etl_load}" "${NEWS_ETL_LOAD_POOL_SLOTS:-2}" "news-etl bulk loads" >/dev/null
"$BIN/news-etl" samples serve --port "$port" >/dev/null 2>&1 &
samples_pid=$!
trap 'kill $samples_pid 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf "$NEWS_ETL_SAMPLES_URL/world/putin-trump-apec.html" >/dev/null 2>&1 && break; sleep 0.1; done

logical_date=$(date -u +%Y-%m-%dT%H:00:00+00:00)
"$BIN/airflow" dags test news_ingest "$logical_date" > var/demo-dag.log 2>&1 \
  || { tail -50 var/demo-dag.log; echo "news_ingest failed (log: var/demo-dag.log)"; exit 1; }
"$BIN/python" - "$logical_date" <<'PY'
import json, sys
from etl.core.settings import Settings
from etl.core.staging import run_dir
report = json.loads((run_dir(Settings.from_env(), sys.argv[1]) / "report.json").read_text())
totals = " ".join(f"{k}={v}" for k, v in report["totals"].items() if not isinstance(v, dict))
print(f"news_ingest run {report['run_id']}: {totals} (Airflow log: var/demo-dag.log)")
PY
echo
"$BIN/news-etl" search "Putin Trump APEC" --facet persons --facet organizations --facet locations
echo
echo "Elasticsearch keeps running at $NEWS_ETL_ES_URL: 'make serve' for the search page, 'make es-stop' to stop it."
