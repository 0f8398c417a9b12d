#!/usr/bin/env bash
# Run the benchmarks: every bench/<name>/run.py in turn, or only the one named, with its own arguments:
#   scripts/bench.sh                      # extraction annotate fetch search pipeline
#   scripts/bench.sh fetch --pages 500    # one benchmark, arguments passed to its run.py
# search and pipeline need Elasticsearch at NEWS_ETL_ES_URL: started first (`news-etl es start`).
# Exits non-zero when any benchmark failed; the others still run.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 2
BIN=${VENV:-.venv}/bin
# Benchmarks make indices of their own and compare with bare Elasticsearch calls: a plain node
# (http, no security), not the secured default of `make run`.
export NEWS_ETL_ES_URL=${NEWS_ETL_BENCH_ES_URL:-http://127.0.0.1:9299}
ALL=(extraction annotate fetch search pipeline)

if [ $# -gt 0 ]; then
  names=("$1"); shift
  [ -f "bench/${names[0]}/run.py" ] || { echo "bench: no bench/${names[0]}/run.py (one of: ${ALL[*]})" >&2; exit 2; }
else
  names=("${ALL[@]}")
fi

for name in "${names[@]}"; do
  if [ "$name" = search ] || [ "$name" = pipeline ]; then
    "$BIN/news-etl" es start || exit 1
    break
  fi
done

failed=()
for name in "${names[@]}"; do
  echo "== bench/$name"
  "$BIN/python" "bench/$name/run.py" "$@" || failed+=("$name")
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "bench: failed: ${failed[*]}" >&2
  exit 1
fi
