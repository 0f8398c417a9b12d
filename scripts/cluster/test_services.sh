#!/usr/bin/env bash
# End-to-end check of scripts/cluster/services.sh on this machine (real processes, loopback only):
# install, start (twice: idempotent), PostgreSQL/Redis/S3 client checks, the three-node
# Elasticsearch failover (green -> stop a node -> yellow and writable -> restart -> green),
# Airflow `db migrate` on PostgreSQL and a Celery worker on Redis, stop (twice), status.
#   scripts/cluster/test_services.sh [--keep]     # --keep: leave the services running
# Ends with "N passed, M failed"; exit 1 if anything failed. Timings and RSS go to stdout.
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SVC=$ROOT/scripts/cluster/services.sh
VENV=${VENV:-$ROOT/.venv}
KEEP=${1:-}
PASS=0 FAIL=0
ok() { PASS=$((PASS + 1)); echo "ok   $*"; }
bad() { FAIL=$((FAIL + 1)); echo "FAIL $*"; }
check() { local what=$1; shift; if "$@" >/tmp/cluster-check.out 2>&1; then ok "$what"; else bad "$what: $(tail -5 /tmp/cluster-check.out)"; fi; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN{printf "%.1f", b-a}'; }
timed() { local what=$1 t0; shift; t0=$(now); if "$@" >/tmp/cluster-check.out 2>&1; then ok "$what ($(since "$t0")s)"; else bad "$what: $(tail -8 /tmp/cluster-check.out)"; fi; }

eval "$("$SVC" env)"
PGPORT=${CLUSTER_PG_PORT:-55432}
RPORT=${CLUSTER_REDIS_PORT:-56379}
ES1=http://127.0.0.1:$(( ${CLUSTER_ES_HTTP_BASE:-9300} + 1 ))
ES2=http://127.0.0.1:$(( ${CLUSTER_ES_HTTP_BASE:-9300} + 2 ))
ES3=http://127.0.0.1:$(( ${CLUSTER_ES_HTTP_BASE:-9300} + 3 ))

echo "== install + start"
timed "install" "$SVC" install
timed "start all (postgres redis s3 es x3)" "$SVC" start
timed "start again is a no-op" bash -c "'$SVC' start 2>&1 | grep -c 'already running' | grep -qx 6"
check "status: all running" "$SVC" status
"$SVC" status

echo "== postgres"
check "airflow user logs in with password over TCP" env PGPASSWORD=airflow psql -X -h 127.0.0.1 -p "$PGPORT" -U airflow -d airflow -Atc 'select 1'
check "newsetl user can create/drop a table in db newsetl" env PGPASSWORD=newsetl psql -X -h 127.0.0.1 -p "$PGPORT" -U newsetl -d newsetl \
  -v ON_ERROR_STOP=1 -Atc 'create table cluster_check(x int); insert into cluster_check values (1); drop table cluster_check'
check "wrong password is refused" bash -c "! PGPASSWORD=wrong psql -X -h 127.0.0.1 -p $PGPORT -U newsetl -d newsetl -Atc 'select 1'"
check "databases are UTF8" bash -c "PGPASSWORD=newsetl psql -X -h 127.0.0.1 -p $PGPORT -U newsetl -d newsetl -Atc 'show server_encoding' | grep -qx UTF8"

echo "== redis"
check "redis set/get" bash -c "redis-cli -p $RPORT set cluster-check 1 >/dev/null && [ \"\$(redis-cli -p $RPORT get cluster-check)\" = 1 ] && redis-cli -p $RPORT del cluster-check >/dev/null"
check "redis has no persistence" bash -c "redis-cli -p $RPORT config get save | tail -1 | grep -qx '' && redis-cli -p $RPORT config get appendonly | tail -1 | grep -qx no"

echo "== s3proxy"
if "$VENV/bin/python" "$ROOT/scripts/cluster/check_s3.py" >/tmp/cluster-s3.out 2>&1; then ok "s3 (boto3 + s3fs)"; else bad "s3: $(cat /tmp/cluster-s3.out)"; fi
sed 's/^/     /' /tmp/cluster-s3.out

echo "== elasticsearch 3 nodes"
IDX=cluster-check
health() { curl -s "$1/_cluster/health" | sed -n 's/.*"status":"\([a-z]*\)".*"number_of_nodes":\([0-9]*\).*/\1 \2/p'; }
count() { curl -s "$1/$IDX/_count" | sed -n 's/.*"count":\([0-9]*\).*/\1/p'; }
bulk() {  # bulk URL FROM TO
  local i body=""
  for i in $(seq "$2" "$3"); do body+="{\"index\":{\"_id\":\"$i\"}}"$'\n'"{\"n\":$i}"$'\n'; done
  curl -sf -H 'Content-Type: application/x-ndjson' -XPOST "$1/$IDX/_bulk?refresh=true" --data-binary "$body" | grep -q '"errors":false'
}
curl -s -XDELETE "$ES1/$IDX" >/dev/null
check "create index (3 shards, 1 replica)" curl -sf -XPUT "$ES1/$IDX" -H 'Content-Type: application/json' \
  -d '{"settings":{"number_of_shards":3,"number_of_replicas":1}}'
t0=$(now)
check "index green on 3 nodes" curl -sf "$ES1/_cluster/health/$IDX?wait_for_status=green&timeout=60s"
echo "     green after $(since "$t0")s"
check "bulk 100 docs" bulk "$ES1" 1 100
curl -s "$ES1/_cat/shards/$IDX?v&h=shard,prirep,state,node" | sed 's/^/     /'
t0=$(now)
timed "stop es-2" "$SVC" stop es-2
check "cluster yellow with 2 nodes" bash -c "curl -sf '$ES1/_cluster/health?wait_for_nodes=2&timeout=30s' >/dev/null; [ \"\$(curl -s '$ES1/_cluster/health' | sed -n 's/.*\"status\":\"\\([a-z]*\\)\".*/\\1/p')\" = yellow ]"
echo "     health after stop: $(health "$ES1") (status nodes)"
check "still writable while yellow (bulk 50 via es-3)" bulk "$ES3" 101 150
check "150 docs while yellow" bash -c "[ \"\$(curl -s '$ES1/$IDX/_count' | sed -n 's/.*\"count\":\([0-9]*\).*/\1/p')\" = 150 ]"
t0=$(now)
timed "restart es-2 (waits for green)" "$SVC" start es-2
echo "     health after restart: $(health "$ES2") (status nodes)"
check "green with 3 nodes" bash -c "curl -sf '$ES2/_cluster/health?wait_for_status=green&wait_for_nodes=3&timeout=60s' | grep -q '\"status\":\"green\"'"
check "150 docs read through restarted es-2" bash -c "[ \"\$(curl -s '$ES2/$IDX/_count' | sed -n 's/.*\"count\":\([0-9]*\).*/\1/p')\" = 150 ]"
curl -s -XDELETE "$ES1/$IDX" >/dev/null

echo "== airflow (CeleryExecutor, Redis broker, PostgreSQL metadata DB)"
AH=/tmp/airflow-cluster-check
rm -rf "$AH"; mkdir -p "$AH/dags"
export AIRFLOW_HOME=$AH AIRFLOW__CORE__DAGS_FOLDER=$AH/dags AIRFLOW__CORE__LOAD_EXAMPLES=False
export AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT=${CLUSTER_WORKER_LOG_PORT:-58793}
export AIRFLOW__CELERY__WORKER_CONCURRENCY=2
echo "     $("$VENV/bin/airflow" version 2>/dev/null | tail -1) executor=$AIRFLOW__CORE__EXECUTOR broker=$AIRFLOW__CELERY__BROKER_URL"
timed "airflow db migrate (PostgreSQL)" "$VENV/bin/airflow" db migrate
check "airflow db check" "$VENV/bin/airflow" db check
check "alembic_version present in db airflow" bash -c "PGPASSWORD=airflow psql -X -h 127.0.0.1 -p $PGPORT -U airflow -d airflow -Atc 'select version_num from alembic_version' | grep -q ."
t0=$(now)
setsid "$VENV/bin/airflow" celery worker --concurrency 2 >"$AH/worker.log" 2>&1 </dev/null &
WPID=$!
for _ in $(seq 1 240); do grep -q ' ready\.' "$AH/worker.log" && break; kill -0 "$WPID" 2>/dev/null || break; sleep 0.5; done
if grep -q ' ready\.' "$AH/worker.log"; then
  ok "celery worker ready ($(since "$t0")s)"
  echo "     worker rss: $(ps -eo pid=,ppid=,rss= | awk -v p="$WPID" '$1==p||$2==p{s+=$3; n++} END{printf "%.0f MiB in %d processes", s/1024, n}') (main + direct children)"
  check "celery inspect ping answers through Redis" bash -c "'$VENV/bin/celery' --app airflow.providers.celery.executors.celery_executor.app inspect ping --timeout 10 | grep -q pong"
  check "broker queue 'default' bound in Redis" bash -c "redis-cli -p $RPORT keys '_kombu.binding.*' | grep -q default"
else
  bad "celery worker did not become ready: $(tail -20 "$AH/worker.log")"
fi
# `airflow celery stop` only finds workers started with -D (it reads the pid file that only daemon
# mode writes; in the foreground it silently does nothing): send SIGTERM (warm shutdown) instead.
t0=$(now)
kill -TERM "$WPID" 2>/dev/null
for _ in $(seq 1 120); do kill -0 "$WPID" 2>/dev/null || break; sleep 0.5; done
if kill -0 "$WPID" 2>/dev/null; then kill -9 -- "-$WPID" 2>/dev/null; bad "celery worker did not stop on SIGTERM"
else ok "celery worker stopped on SIGTERM ($(since "$t0")s warm shutdown)"; fi

echo "== memory (RSS) with everything up"
"$SVC" status

if [ "$KEEP" != --keep ]; then
  echo "== stop"
  timed "stop all" "$SVC" stop
  check "stop again is a no-op" "$SVC" stop
  check "status reports stopped (exit 3)" bash -c "'$SVC' status >/dev/null; [ \$? = 3 ]"
  # [.] keeps pgrep from matching this check's own command line
  check "no service process left" bash -c "! pgrep -f '${ROOT}/[.]cache/cluster' && ! pgrep -f 'redis-server 127[.]0[.]0[.]1:${RPORT}'"
fi
echo "$PASS passed, $FAIL failed"
[ "$FAIL" = 0 ]
