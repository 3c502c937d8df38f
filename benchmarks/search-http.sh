#!/usr/bin/env bash
# Widget search over HTTP on loopback against a generated knowledge base, SQLite and PostgreSQL side by side,
# with the database's own query time for the same queries (the floor). Builds the release binary; installs wrk
# and PostgreSQL when missing. Usage: benchmarks/search-http.sh [articles, default 10000] [duration, default 15s]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/postgres.sh
source scripts/lib/bench.sh
ARTICLES=${1:-10000}
DURATION=${2:-15s}
CONNECTIONS=32

bench_setup
export LANTERN_BCRYPT_COST=4 LOG_LEVEL=warning

bench() {
  local label=$1 database=$2 port setup account widget
  export DATABASE_URL=$database
  setup=$("$LANTERN" setup --account "Search $label" --admin-email bench@bench.example --admin-password bench-password --languages en,fr,de --json)
  account=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["account_id"])' <<<"$setup")
  widget=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["widget_id"])' <<<"$setup")
  local started=$SECONDS
  python3 benchmarks/kb/generate.py --database "$database" --account-id "$account" --articles "$ARTICLES" --queries "$WORK/queries.txt"
  echo "  ($label: generated in $((SECONDS - started)) s)" >&2
  port=$(free_port)
  "$LANTERN" serve --hostname 127.0.0.1 --port "$port" >"$WORK/server-$label.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
  local path="/widget/v1/widgets/$widget/articles"
  local floor
  floor=$(python3 benchmarks/kb/floor.py 127.0.0.1 "$port" "$path" "$WORK/queries.txt" 1000)
  QUERIES="$WORK/queries.txt" SEARCH_PATH="$path" wrk -t2 -c"$CONNECTIONS" -d5s -s benchmarks/kb/search.lua "http://127.0.0.1:$port" >/dev/null
  QUERIES="$WORK/queries.txt" SEARCH_PATH="$path" wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s benchmarks/kb/search.lua \
    "http://127.0.0.1:$port" >"$WORK/wrk-$label.txt"
  local rps p50 p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk-$label.txt")
  p50=$(awk '$1 == "50%" {print $2}' "$WORK/wrk-$label.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$WORK/wrk-$label.txt")
  errors=$(grep -E "Non-2xx|Socket errors" "$WORK/wrk-$label.txt" || true)
  printf '%-9s %9s searches/s   HTTP p50 %-8s p99 %-8s | floor (db, sequential) %s %s\n' "$label" "$rps" "$p50" "$p99" "$floor" "$errors"
  bench_record "search, $ARTICLES articles (c$CONNECTIONS)" "$label" "$rps/s, p99 $p99, db floor $floor"
  kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=
}

echo "Widget search, $ARTICLES articles, $CONNECTIONS connections, $DURATION, wrk -t2, release build, $(nproc) cores"
bench sqlite "sqlite:$WORK/search.sqlite"
start_postgres >/dev/null
bench postgres "$LANTERN_PG_URL"
