#!/usr/bin/env bash
# Local "beyond one machine" services for news-etl, as plain processes on 127.0.0.1 (no Docker):
#   PostgreSQL (Debian), Redis (Debian), s3proxy (Maven Central, filesystem backend) and a
#   three-node Elasticsearch cluster (the integ-test-zip that news-etl already uses).
#
#   scripts/cluster/services.sh install [COMPONENT...]   # packages, s3proxy jars, ES zip, Python deps
#   scripts/cluster/services.sh start   [COMPONENT...]   # idempotent; waits until each one answers
#   scripts/cluster/services.sh stop    [COMPONENT...]   # idempotent
#   scripts/cluster/services.sh status  [COMPONENT...]   # exit 0 only if all asked for are running
#   scripts/cluster/services.sh env                      # export lines for clients (eval "$(... env)")
#
# COMPONENT: postgres redis s3 es (all three nodes) es-1 es-2 es-3 (one node); install also takes
# system (apt packages), python (pip into the venv). Default: all.
# All state (data, logs, pid files, configs) lives in $NEWS_ETL_CLUSTER_DIR (default
# <repo>/.cache/cluster, git-ignored). Every port and credential below can be overridden by env.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
STATE=${NEWS_ETL_CLUSTER_DIR:-$ROOT/.cache/cluster}
VENV=${VENV:-$ROOT/.venv}

PG_PORT=${CLUSTER_PG_PORT:-55432}
PG_AIRFLOW_PASSWORD=${CLUSTER_PG_AIRFLOW_PASSWORD:-airflow}
PG_NEWSETL_PASSWORD=${CLUSTER_PG_NEWSETL_PASSWORD:-newsetl}
REDIS_PORT=${CLUSTER_REDIS_PORT:-56379}
S3_PORT=${CLUSTER_S3_PORT:-58333}
S3_ACCESS_KEY=${CLUSTER_S3_ACCESS_KEY:-newsetl}
S3_SECRET_KEY=${CLUSTER_S3_SECRET_KEY:-newsetl-secret}
S3_BUCKET=${CLUSTER_S3_BUCKET:-news-etl}
S3PROXY_VERSION=${CLUSTER_S3PROXY_VERSION:-2.6.0}
S3_HEAP=${CLUSTER_S3_HEAP:-128m}
ES_VERSION=${NEWS_ETL_ES_VERSION:-9.5.4}
ES_CACHE=${NEWS_ETL_ES_CACHE_DIR:-$ROOT/.cache/elasticsearch}
ES_HOME=$ES_CACHE/elasticsearch-$ES_VERSION
ES_NODES=${CLUSTER_ES_NODES:-3}
ES_HTTP_BASE=${CLUSTER_ES_HTTP_BASE:-9300}          # node i answers on BASE+i: 9301 9302 9303
ES_TRANSPORT_BASE=${CLUSTER_ES_TRANSPORT_BASE:-9400}  # node i transport on BASE+i: 9401 9402 9403
ES_HEAP=${CLUSTER_ES_HEAP:-256m}
ES_CLUSTER_NAME=${CLUSTER_ES_NAME:-news-etl-cluster}
# Extra node settings, one key=value a line, e.g. the security settings of a compose file; a key given
# here replaces the default below of the same key (xpack.security.enabled=false...).
ES_SETTINGS=${CLUSTER_ES_SETTINGS:-}
ES_CONFIG_EXTRA=${CLUSTER_ES_CONFIG_EXTRA:-}  # a folder copied into every node's config/ (e.g. TLS certs)
ES_PASSWORD=${CLUSTER_ES_PASSWORD:-}          # set: bootstrap password of user elastic (keystore), used by probes
ES_CA=${CLUSTER_ES_CA:-}  # set: the nodes answer HTTPS (TLS settings in CLUSTER_ES_SETTINGS); probes verify with this CA file
WAIT=${CLUSTER_WAIT:-240}   # seconds to wait for a service to answer

ES_USER=nobody       # Elasticsearch refuses to run as root
PG_USER=postgres     # PostgreSQL refuses to run as root (the Debian package creates this user)

log() { printf '[services] %s\n' "$*" >&2; }
die() { printf '[services] ERROR: %s\n' "$*" >&2; exit 1; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN{printf "%.1f", b-a}'; }
is_root() { [ "$(id -u)" = 0 ]; }

# Run a command as USER when we are root; as ourselves otherwise.
as_user() {
  local user=$1; shift
  if is_root; then
    setpriv --reuid="$user" --regid="$(id -g "$user")" --clear-groups -- "$@"
  else
    "$@"
  fi
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }
dead() { ! kill -0 "$1" 2>/dev/null; }
read_pid() { [ -s "$1" ] && tr -dc '0-9' <"$1" || true; }

# RSS in MiB of a process plus its direct children (PostgreSQL backends are children).
rss_mib() {
  ps -eo pid=,ppid=,rss= | awk -v p="$1" '$1==p || $2==p {s+=$3} END {printf "%.0f", s/1024}'
}

wait_until() {  # wait_until SECONDS COMMAND... : retry COMMAND every 0.5 s, fail after SECONDS
  local limit=$1; shift
  local deadline=$(( $(date +%s) + limit ))
  until "$@"; do
    [ "$(date +%s)" -lt "$deadline" ] || return 1
    sleep 0.5
  done
}

java_major() {  # java_major JDK_HOME -> major version or 0
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null | head -1 | grep . || echo 0
}

find_java() {  # find_java MIN -> JDK home (JAVA_HOME first, then newest in /usr/lib/jvm)
  local min=$1 home best="" best_v=0 v
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ "$(java_major "$JAVA_HOME")" -ge "$min" ]; then
    echo "$JAVA_HOME"; return
  fi
  for home in /usr/lib/jvm/*; do
    [ -d "$home" ] && [ ! -L "$home" ] && [ -x "$home/bin/java" ] || continue
    v=$(java_major "$home")
    if [ "$v" -gt "$best_v" ]; then best=$home; best_v=$v; fi
  done
  [ "$best_v" -ge "$min" ] || die "no JDK >= $min in JAVA_HOME or /usr/lib/jvm"
  echo "$best"
}

pg_bin() {  # directory of the newest installed Debian PostgreSQL server binaries
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -n "$d" ] && [ -x "$d/postgres" ] || die "PostgreSQL server not installed: run '$0 install system'"
  echo "$d"
}

# ---------------------------------------------------------------- install

APT_UPDATED=""
apt_install() {  # apt_install PKG... (only the missing ones)
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=()
  if ! is_root; then  # password-less sudo will do
    command -v sudo >/dev/null && sudo -n true 2>/dev/null || die "need root (or sudo) to apt-get install ${missing[*]}"
    sudo=(sudo -n)
  fi
  if [ -z "$APT_UPDATED" ]; then "${sudo[@]}" apt-get update -qq; APT_UPDATED=1; fi
  log "apt-get install ${missing[*]}"
  # policy-rc.d / no init system: the packages' own services are not started here.
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
}

install_system() {
  apt_install postgresql redis-server maven curl util-linux unzip  # unzip: the compose file's es-certs
}

install_s3() {
  local dir=$STATE/s3proxy
  if [ -f "$dir/lib/s3proxy-$S3PROXY_VERSION.jar" ]; then return 0; fi
  command -v mvn >/dev/null || die "Maven (mvn) is needed: $0 install system"
  mkdir -p "$dir"
  cat >"$dir/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.news-etl</groupId>
  <artifactId>s3proxy-runtime</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.gaul</groupId><artifactId>s3proxy</artifactId><version>$S3PROXY_VERSION</version></dependency>
  </dependencies>
</project>
EOF
  log "resolving org.gaul:s3proxy:$S3PROXY_VERSION with Maven"
  rm -rf "$dir/lib.tmp"
  (cd "$dir" && mvn -q -B -Dstyle.color=never dependency:copy-dependencies -DincludeScope=runtime \
    -DoutputDirectory="$dir/lib.tmp" >"$dir/mvn.log" 2>&1) \
    || die "mvn could not resolve org.gaul:s3proxy:$S3PROXY_VERSION: $(tail -20 "$dir/mvn.log")"
  rm -rf "${dir:?}/lib" && mv "$dir/lib.tmp" "$dir/lib"
}

install_es() {
  [ -x "$ES_HOME/bin/elasticsearch" ] && return 0
  if [ -x "$VENV/bin/news-etl" ]; then
    log "fetching Elasticsearch $ES_VERSION (news-etl es fetch)"
    NEWS_ETL_ES_VERSION=$ES_VERSION NEWS_ETL_ES_CACHE_DIR=$ES_CACHE "$VENV/bin/news-etl" es fetch >&2
  else
    local dl=$ES_CACHE/downloads
    mkdir -p "$dl"
    (cd "$dl" && mvn -q -B -Dstyle.color=never dependency:copy \
      "-Dartifact=org.elasticsearch.distribution.integ-test-zip:elasticsearch:$ES_VERSION:zip" \
      -DoutputDirectory="$dl" >&2)
    python3 - "$dl/elasticsearch-$ES_VERSION.zip" "$ES_CACHE" <<'EOF'
import sys, zipfile, pathlib
with zipfile.ZipFile(sys.argv[1]) as zf:
    for info in zf.infolist():
        target = pathlib.Path(zf.extract(info, sys.argv[2]))
        mode = (info.external_attr >> 16) & 0o777
        if mode:
            target.chmod(mode)
EOF
  fi
  [ -x "$ES_HOME/bin/elasticsearch" ] || die "no $ES_HOME/bin/elasticsearch after download"
}

install_python() {
  [ -x "$VENV/bin/pip" ] || { log "no venv at $VENV: skipping Python packages (make setup first)"; return 0; }
  local av
  av=$("$VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("apache-airflow"))' 2>/dev/null || true)
  local pkgs=(s3fs boto3)
  if [ -n "$av" ]; then
    # [celery]: apache-airflow-providers-celery, celery[redis], flower; [postgres]: psycopg2-binary,
    # asyncpg (the api-server's async engine), psycopg 3. celery 5.7.0 removed
    # celery.backends.database.retry, which providers-celery 3.26.0 imports: keep celery < 5.7.
    pkgs+=("apache-airflow[celery,postgres]==$av" "celery[redis]>=5.5,<5.7")
  fi
  if "$VENV/bin/python" -c 'import s3fs, boto3, psycopg2, asyncpg, redis, airflow.providers.celery
from celery.backends.database import retry' 2>/dev/null; then
    return 0
  fi
  log "pip install ${pkgs[*]}"
  "$VENV/bin/pip" install -q "${pkgs[@]}" >&2
}

# ---------------------------------------------------------------- PostgreSQL

PG_DIR=$STATE/postgres
PG_DATA=$PG_DIR/data
PG_SOCK=$PG_DIR/run
pg_pid() { [ -f "$PG_DATA/postmaster.pid" ] && head -1 "$PG_DATA/postmaster.pid" | tr -dc '0-9' || true; }
pg_ready() { "$(pg_bin)/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" 2>/dev/null; }
pg_psql() { (cd "$PG_DIR" && as_user "$PG_USER" "$(pg_bin)/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCK" -p "$PG_PORT" -U postgres "$@"); }

start_postgres() {
  local bin t0; bin=$(pg_bin); t0=$(now)
  if alive "$(pg_pid)" && pg_ready; then log "postgres already running (pid $(pg_pid))"; return 0; fi
  port_open "$PG_PORT" && die "port $PG_PORT is taken by another process (set CLUSTER_PG_PORT)"
  mkdir -p "$PG_DIR" "$PG_SOCK"
  is_root && chown "$PG_USER:" "$PG_DIR" "$PG_SOCK"
  if [ ! -f "$PG_DATA/PG_VERSION" ]; then
    log "initdb $PG_DATA"
    rm -rf "$PG_DATA"
    # Explicit UTF-8: with LANG unset initdb would pick SQL_ASCII.
    (cd "$PG_DIR" && as_user "$PG_USER" "$bin/initdb" -D "$PG_DATA" -U postgres -E UTF8 --locale=C.UTF-8 \
      --auth-local=trust --auth-host=scram-sha-256 >"$PG_DIR/initdb.log" 2>&1) \
      || die "initdb failed: $(tail -5 "$PG_DIR/initdb.log")"
    cat >>"$PG_DATA/postgresql.conf" <<EOF

# news-etl local cluster (scripts/cluster/services.sh)
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PG_SOCK'
max_connections = 200
shared_buffers = 64MB
EOF
  fi
  (cd "$PG_DIR" && as_user "$PG_USER" "$bin/pg_ctl" -D "$PG_DATA" -l "$PG_DIR/postgres.log" -w -t "$WAIT" start >/dev/null 9>&-) \
    || die "postgres did not start: $(tail -5 "$PG_DIR/postgres.log")"
  wait_until "$WAIT" pg_ready || die "postgres does not answer on $PG_PORT"
  pg_psql -d postgres <<EOF
SELECT 'CREATE ROLE airflow LOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'airflow') \gexec
SELECT 'CREATE ROLE newsetl LOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'newsetl') \gexec
ALTER ROLE airflow PASSWORD '$PG_AIRFLOW_PASSWORD';
ALTER ROLE newsetl PASSWORD '$PG_NEWSETL_PASSWORD';
SELECT 'CREATE DATABASE airflow OWNER airflow' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'airflow') \gexec
SELECT 'CREATE DATABASE newsetl OWNER newsetl' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'newsetl') \gexec
EOF
  log "postgres up on 127.0.0.1:$PG_PORT in $(since "$t0")s (pid $(pg_pid), $(rss_mib "$(pg_pid)") MiB)"
}

stop_postgres() {
  if ! alive "$(pg_pid)"; then log "postgres not running"; return 0; fi
  (cd "$PG_DIR" && as_user "$PG_USER" "$(pg_bin)/pg_ctl" -D "$PG_DATA" -m fast -w -t 60 stop >/dev/null)
  log "postgres stopped"
}

status_postgres() {
  local pid; pid=$(pg_pid)
  if alive "$pid" && pg_ready; then
    echo "postgres  running  pid=$pid  127.0.0.1:$PG_PORT  rss=$(rss_mib "$pid")MiB (postmaster+backends)  dbs: airflow newsetl"
  else
    echo "postgres  stopped"; return 1
  fi
}

# ---------------------------------------------------------------- Redis

REDIS_DIR=$STATE/redis
redis_pid() { read_pid "$REDIS_DIR/redis.pid"; }
redis_ready() { [ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ]; }

start_redis() {
  local t0; t0=$(now)
  command -v redis-server >/dev/null || die "redis-server not installed: $0 install system"
  if alive "$(redis_pid)" && redis_ready; then log "redis already running (pid $(redis_pid))"; return 0; fi
  port_open "$REDIS_PORT" && die "port $REDIS_PORT is taken by another process (set CLUSTER_REDIS_PORT)"
  mkdir -p "$REDIS_DIR"
  # No persistence (broker only): no RDB snapshots, no AOF.
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --daemonize yes \
    --pidfile "$REDIS_DIR/redis.pid" --logfile "$REDIS_DIR/redis.log" --dir "$REDIS_DIR" \
    --save "" --appendonly no --protected-mode yes 9>&-
  wait_until "$WAIT" redis_ready || die "redis did not answer: $(tail -5 "$REDIS_DIR/redis.log")"
  log "redis up on 127.0.0.1:$REDIS_PORT in $(since "$t0")s (pid $(redis_pid), $(rss_mib "$(redis_pid)") MiB)"
}

stop_redis() {
  local pid; pid=$(redis_pid)
  if ! alive "$pid"; then log "redis not running"; rm -f "$REDIS_DIR/redis.pid"; return 0; fi
  redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || kill "$pid" 2>/dev/null || true
  wait_until 30 dead "$pid" || kill -9 "$pid" 2>/dev/null || true
  rm -f "$REDIS_DIR/redis.pid"
  log "redis stopped"
}

status_redis() {
  local pid; pid=$(redis_pid)
  if alive "$pid" && redis_ready; then
    echo "redis     running  pid=$pid  127.0.0.1:$REDIS_PORT  rss=$(rss_mib "$pid")MiB"
  else
    echo "redis     stopped"; return 1
  fi
}

# ---------------------------------------------------------------- s3proxy

S3_DIR=$STATE/s3proxy
s3_pid() { read_pid "$S3_DIR/s3proxy.pid"; }
s3_ready() {  # any HTTP answer (403 without credentials) means Jetty is serving
  local code; code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$S3_PORT/" 2>/dev/null || true)
  [ -n "$code" ] && [ "$code" != 000 ]
}

s3_up() { alive "$1" && s3_ready; }

start_s3() {
  local t0 java pid; t0=$(now)
  if alive "$(s3_pid)" && s3_ready; then log "s3proxy already running (pid $(s3_pid))"; return 0; fi
  [ -f "$S3_DIR/lib/s3proxy-$S3PROXY_VERSION.jar" ] || install_s3
  port_open "$S3_PORT" && die "port $S3_PORT is taken by another process (set CLUSTER_S3_PORT)"
  java=$(find_java 17)
  mkdir -p "$S3_DIR/data/$S3_BUCKET"   # filesystem provider: a bucket is a folder under basedir
  cat >"$S3_DIR/s3proxy.conf" <<EOF
s3proxy.endpoint=http://127.0.0.1:$S3_PORT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$S3_ACCESS_KEY
s3proxy.credential=$S3_SECRET_KEY
# botocore >= 1.36 sends x-amz-checksum-* headers (PutObject, and always on DeleteObjects):
# without this s3proxy answers 501 NotImplemented "A header you provided implies functionality
# that is not implemented". Clients should still set *_CHECKSUM_* = when_required (see README).
s3proxy.ignore-unknown-headers=true
jclouds.provider=filesystem
jclouds.filesystem.basedir=$S3_DIR/data
EOF
  cat >"$S3_DIR/logback.xml" <<'EOF'
<configuration>
  <appender name="STDOUT" class="ch.qos.logback.core.ConsoleAppender">
    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n</pattern></encoder>
  </appender>
  <root level="INFO"><appender-ref ref="STDOUT"/></root>
</configuration>
EOF
  # setsid: not killed with the caller's process group; logback.xml: jars default to DEBUG.
  setsid "$java/bin/java" "-Xms$S3_HEAP" "-Xmx$S3_HEAP" -XX:+UseSerialGC \
    "-Dlogback.configurationFile=$S3_DIR/logback.xml" -cp "$S3_DIR/lib/*" \
    org.gaul.s3proxy.Main --properties "$S3_DIR/s3proxy.conf" \
    </dev/null >"$S3_DIR/s3proxy.log" 2>&1 9>&- &
  pid=$!
  echo "$pid" >"$S3_DIR/s3proxy.pid"
  wait_until "$WAIT" s3_up "$pid" \
    || die "s3proxy did not answer: $(tail -5 "$S3_DIR/s3proxy.log")"
  log "s3proxy up on 127.0.0.1:$S3_PORT in $(since "$t0")s (pid $pid, $(rss_mib "$pid") MiB, java $(java_major "$java"))"
}

stop_s3() {
  local pid; pid=$(s3_pid)
  if ! alive "$pid"; then log "s3proxy not running"; rm -f "$S3_DIR/s3proxy.pid"; return 0; fi
  kill "$pid"
  wait_until 30 dead "$pid" || kill -9 "$pid" 2>/dev/null || true
  rm -f "$S3_DIR/s3proxy.pid"
  log "s3proxy stopped"
}

status_s3() {
  local pid; pid=$(s3_pid)
  if alive "$pid" && s3_ready; then
    echo "s3proxy   running  pid=$pid  http://127.0.0.1:$S3_PORT  rss=$(rss_mib "$pid")MiB  bucket=$S3_BUCKET"
  else
    echo "s3proxy   stopped"; return 1
  fi
}

# ---------------------------------------------------------------- Elasticsearch

ES_DIR=$STATE/elasticsearch
es_root() { echo "$ES_DIR/node-$1"; }
es_http() { echo $((ES_HTTP_BASE + $1)); }
es_pid() { read_pid "$(es_root "$1")/pid"; }
es_url() { if [ -n "$ES_CA" ]; then echo "https://127.0.0.1:$(es_http "$1")"; else echo "http://127.0.0.1:$(es_http "$1")"; fi; }
es_curl() {  # curl with the elastic user's password when security is on (CLUSTER_ES_PASSWORD), TLS verified (CLUSTER_ES_CA)
  local opts=()
  [ -n "$ES_PASSWORD" ] && opts+=(-u "elastic:$ES_PASSWORD")
  [ -n "$ES_CA" ] && opts+=(--cacert "$ES_CA")
  curl "${opts[@]}" "$@"
}
# Not "GET /": the integ-test-zip answers it 405 (no main action). local=true: no master needed.
es_answers() { es_curl -sf -m 2 -o /dev/null "$(es_url "$1")/_cluster/health?local=true"; }
es_health() {  # es_health NODE -> status word or empty
  es_curl -sf -m 3 "$(es_url "$1")/_cluster/health" 2>/dev/null | sed -n 's/.*"status":"\([a-z]*\)".*/\1/p'
}

es_seed_hosts() {
  local i out=""
  for i in $(seq 1 "$ES_NODES"); do out+="${out:+,}127.0.0.1:$((ES_TRANSPORT_BASE + i))"; done
  echo "$out"
}
es_master_names() {
  local i out=""
  for i in $(seq 1 "$ES_NODES"); do out+="${out:+,}es-$i"; done
  echo "$out"
}

es_launch() {  # es_launch NODE JAVA_HOME  (returns at once; the -d launcher runs in background)
  local n=$1 java=$2 root; root=$(es_root "$1")
  rm -rf "$root/config"
  mkdir -p "$root"/{data,logs,tmp}
  cp -r "$ES_HOME/config" "$root/config"
  [ -d "$ROOT/mappings/hunspell" ] && cp -r "$ROOT/mappings/hunspell" "$root/config/hunspell"
  [ -n "$ES_CONFIG_EXTRA" ] && cp -r "$ES_CONFIG_EXTRA/." "$root/config/"
  rm -f "$root/pid"
  local opts=(
    "-Ecluster.name=$ES_CLUSTER_NAME" "-Enode.name=es-$n"
    -Enetwork.host=127.0.0.1 "-Ehttp.port=$(es_http "$n")" "-Etransport.port=$((ES_TRANSPORT_BASE + n))"
    "-Ediscovery.seed_hosts=$(es_seed_hosts)"
    "-Epath.data=$root/data" "-Epath.logs=$root/logs"
  )
  local kv
  for kv in xpack.security.enabled=false cluster.routing.allocation.disk.threshold_enabled=false \
            action.destructive_requires_name=false; do
    grep -q "^${kv%%=*}=" <<<"$ES_SETTINGS" || opts+=("-E$kv")  # no pipe: under pipefail, grep -q closing early made printf's SIGPIPE read as "not given"
  done
  while IFS= read -r kv; do [ -n "$kv" ] && opts+=("-E$kv"); done <<<"$ES_SETTINGS"
  if [ -n "$ES_PASSWORD" ] && [ ! -f "$root/config/elasticsearch.keystore" ]; then
    # What the official image does with ELASTIC_PASSWORD: the bootstrap password of user elastic.
    ES_JAVA_HOME=$java ES_PATH_CONF=$root/config "$ES_HOME/bin/elasticsearch-keystore" create >/dev/null
    printf '%s' "$ES_PASSWORD" | ES_JAVA_HOME=$java ES_PATH_CONF=$root/config \
      "$ES_HOME/bin/elasticsearch-keystore" add -x -f bootstrap.password >/dev/null
  fi
  # Bootstrap only a brand-new cluster: once a node has joined one, its data dir remembers it
  # (and Elasticsearch warns when cluster.initial_master_nodes is left set).
  if [ -z "$(ls -A "$root/data" 2>/dev/null)" ]; then opts+=("-Ecluster.initial_master_nodes=$(es_master_names)"); fi
  local argv=("$ES_HOME/bin/elasticsearch" -d -p "$root/pid" "${opts[@]}")
  if is_root; then
    chown -R "$ES_USER:" "$root"
    argv=(setpriv --reuid="$ES_USER" --regid="$(id -g "$ES_USER")" --clear-groups -- "${argv[@]}")
  fi
  (
    cd "$root"
    export ES_JAVA_HOME=$java ES_PATH_CONF=$root/config ES_TMPDIR=$root/tmp
    export ES_JAVA_OPTS="-Xms$ES_HEAP -Xmx$ES_HEAP"
    unset JAVA_HOME
    setsid "${argv[@]}" >"$root/logs/startup.log" 2>&1 </dev/null 9>&- &
  )
}

es_nodes_arg() {  # expand component names to node numbers
  local c
  for c in "$@"; do
    case $c in
      es) seq 1 "$ES_NODES" ;;
      es-[0-9]*) echo "${c#es-}" ;;
    esac
  done
}

start_es() {  # start_es NODE...
  local t0 java n todo=() ; t0=$(now)
  [ -x "$ES_HOME/bin/elasticsearch" ] || install_es
  java=$(find_java 21)
  for n in "$@"; do
    if alive "$(es_pid "$n")" && es_answers "$n"; then log "es-$n already running (pid $(es_pid "$n"))"; continue; fi
    port_open "$(es_http "$n")" && die "port $(es_http "$n") is taken by another process"
    port_open "$((ES_TRANSPORT_BASE + n))" && die "port $((ES_TRANSPORT_BASE + n)) is taken by another process"
    todo+=("$n")
  done
  [ ${#todo[@]} -eq 0 ] && return 0
  # All at once: a lone node waits for a master quorum before its -d launcher returns.
  for n in "${todo[@]}"; do es_launch "$n" "$java"; done
  for n in "${todo[@]}"; do
    wait_until "$WAIT" es_answers "$n" || die "es-$n did not answer: $(tail -20 "$(es_root "$n")/logs/$ES_CLUSTER_NAME.log" 2>/dev/null || tail -20 "$(es_root "$n")/logs/startup.log")"
  done
  # Wait until every running node has joined; green when all nodes run, else yellow.
  local running=0 want=green doc
  for n in $(seq 1 "$ES_NODES"); do alive "$(es_pid "$n")" && running=$((running + 1)); done
  [ "$running" -lt "$ES_NODES" ] && want=yellow
  doc=$(es_curl -sf -m $((WAIT + 5)) "$(es_url "${todo[0]}")/_cluster/health?wait_for_nodes=$running&wait_for_status=$want&timeout=${WAIT}s") \
    || die "cluster did not reach $want with $running nodes: $(es_curl -s -m 3 "$(es_url "${todo[0]}")/_cluster/health")"
  log "elasticsearch nodes ${todo[*]} up in $(since "$t0")s: $(echo "$doc" | sed -n 's/.*"status":"\([a-z]*\)".*"number_of_nodes":\([0-9]*\).*/status=\1 nodes=\2/p')"
}

stop_es() {  # stop_es NODE...
  local n pid pids=()
  for n in "$@"; do
    pid=$(es_pid "$n")
    if alive "$pid"; then kill "$pid"; pids+=("$n:$pid"); else log "es-$n not running"; rm -f "$(es_root "$n")/pid"; fi
  done
  local item
  for item in "${pids[@]}"; do
    n=${item%%:*}; pid=${item#*:}
    wait_until 90 dead "$pid" || kill -9 "$pid" 2>/dev/null || true
    rm -f "$(es_root "$n")/pid"
    log "es-$n stopped"
  done
}

status_es() {  # status_es NODE...
  local n pid rc=0 st
  for n in "$@"; do
    pid=$(es_pid "$n")
    if alive "$pid" && es_answers "$n"; then
      st=$(es_health "$n")
      echo "es-$n      running  pid=$pid  $(es_url "$n") transport=$((ES_TRANSPORT_BASE + n))  rss=$(rss_mib "$pid")MiB  cluster=${st:-?}"
    else
      echo "es-$n      stopped"; rc=1
    fi
  done
  return $rc
}

# ---------------------------------------------------------------- env for clients

print_env() {
  local es_urls="" n
  for n in $(seq 1 "$ES_NODES"); do es_urls+="${es_urls:+,}$(es_url "$n")"; done
  cat <<EOF
export CLUSTER_PG_URL='postgresql://newsetl:$PG_NEWSETL_PASSWORD@127.0.0.1:$PG_PORT/newsetl'
export AIRFLOW__DATABASE__SQL_ALCHEMY_CONN='postgresql+psycopg2://airflow:$PG_AIRFLOW_PASSWORD@127.0.0.1:$PG_PORT/airflow'
export AIRFLOW__CORE__EXECUTOR=CeleryExecutor
export AIRFLOW__CELERY__BROKER_URL='redis://127.0.0.1:$REDIS_PORT/0'
export AIRFLOW__CELERY__RESULT_BACKEND='db+postgresql://airflow:$PG_AIRFLOW_PASSWORD@127.0.0.1:$PG_PORT/airflow'
export AIRFLOW__CELERY__CELERY_CONFIG_OPTIONS=etl.celery_config.CELERY_CONFIG
export AIRFLOW__WORKERS__MIN_HEARTBEAT_INTERVAL=1
export AIRFLOW__DAG_PROCESSOR__MIN_FILE_PROCESS_INTERVAL=120
export AWS_ENDPOINT_URL='http://127.0.0.1:$S3_PORT'
export AWS_ACCESS_KEY_ID='$S3_ACCESS_KEY'
export AWS_SECRET_ACCESS_KEY='$S3_SECRET_KEY'
export AWS_DEFAULT_REGION=us-east-1
export AWS_REQUEST_CHECKSUM_CALCULATION=when_required
export AWS_RESPONSE_CHECKSUM_VALIDATION=when_required
export CLUSTER_S3_URL='s3://$S3_BUCKET'
export CLUSTER_ES_URLS='$es_urls'
EOF
}

# ---------------------------------------------------------------- dispatch

usage() { sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }

main() {
  local cmd=${1:-}; shift || true
  [ -n "$cmd" ] || usage
  local comps=("$@")
  if [ ${#comps[@]} -eq 0 ]; then
    case $cmd in
      install) comps=(system python s3 es) ;;
      *) comps=(postgres redis s3 es) ;;
    esac
  fi
  local c
  for c in "${comps[@]}"; do
    case $c in
      postgres|redis|s3|es|es-[1-9]|es-[1-9][0-9]|system|python) ;;
      *) die "unknown component '$c' (postgres redis s3 es es-N system python)" ;;
    esac
  done
  mkdir -p "$STATE"
  case $cmd in
    install|start|stop)
      # fd 9 holds the lock; every daemon is started with 9>&- so that it does not keep it.
      exec 9>"$STATE/.lock"
      flock -w 300 9 || die "another services.sh holds $STATE/.lock (or a daemon inherited it)"
      ;;
  esac
  local es_nodes; es_nodes=$(es_nodes_arg "${comps[@]}" | sort -un | tr '\n' ' ')
  local rc=0
  case $cmd in
    install)
      for c in "${comps[@]}"; do
        case $c in
          system) install_system ;; python) install_python ;; s3) install_s3 ;; es|es-*) install_es ;;
          postgres|redis) install_system ;;
        esac
      done
      log "install done" ;;
    start)
      for c in "${comps[@]}"; do
        case $c in postgres) start_postgres ;; redis) start_redis ;; s3) start_s3 ;; esac
      done
      # shellcheck disable=SC2086
      [ -n "$es_nodes" ] && start_es $es_nodes
      ;;
    stop)
      # shellcheck disable=SC2086
      [ -n "$es_nodes" ] && stop_es $es_nodes
      for c in "${comps[@]}"; do
        case $c in postgres) stop_postgres ;; redis) stop_redis ;; s3) stop_s3 ;; esac
      done ;;
    status)
      for c in "${comps[@]}"; do
        case $c in
          postgres) status_postgres || rc=3 ;; redis) status_redis || rc=3 ;; s3) status_s3 || rc=3 ;;
        esac
      done
      # shellcheck disable=SC2086
      if [ -n "$es_nodes" ]; then status_es $es_nodes || rc=3; fi
      ;;
    env) print_env ;;
    *) usage ;;
  esac
  return $rc
}

main "$@"
