#!/usr/bin/env bash
# The variables docker-compose.yml needs for a set of profiles, one KEY=VALUE a line:
#   scripts/compose/env.sh [celery] [cluster]
# celery: AIRFLOW_EXECUTOR=CeleryExecutor (the airflow-worker containers run the tasks);
# cluster: ES_SINGLE_NODE=0 (es01-es03 replace the single node). `make compose-up/compose-down`
# export them; tests/compose_runner.py reads them to run the same profiles as local processes.
set -euo pipefail
profiles="" executor=LocalExecutor single=1
for p in "$@"; do
  case $p in
    celery) executor=CeleryExecutor ;;
    cluster) single=0 ;;
    *) echo "unknown profile '$p' (celery cluster)" >&2; exit 2 ;;
  esac
  profiles+="${profiles:+,}$p"
done
echo "COMPOSE_PROFILES=$profiles"
echo "AIRFLOW_EXECUTOR=$executor"
echo "ES_SINGLE_NODE=$single"
