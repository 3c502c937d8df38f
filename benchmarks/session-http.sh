#!/usr/bin/env bash
# Throughput and latency of the widget session endpoint (POST /widget/v1/widgets/{id}/session) over HTTP on
# loopback, on SQLite and on PostgreSQL, with wrk. Builds the release binary; installs wrk and PostgreSQL when
# missing. Usage: benchmarks/session-http.sh [duration, default 15s] [connections, default 16]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/postgres.sh
source scripts/lib/bench.sh
DURATION=${1:-15s}
CONNECTIONS=${2:-16}

bench_setup
export LANTERN_BCRYPT_COST=4 LOG_LEVEL=warning

# bench LABEL DATABASE_URL
bench() {
  local label=$1 database=$2 port account widget secret token
  export DATABASE_URL=$database
  bench_account "Bench $label"
  token=$("$LANTERN" token mint --secret "$secret" --name "Bench Customer" --email customer@bench.example --ttl 7000)
  port=$(free_port)
  "$LANTERN" serve --hostname 127.0.0.1 --port "$port" >"$WORK/server-$label.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
  cat >"$WORK/post.lua" <<LUA
wrk.method = "POST"
wrk.body = '{"token": "$token"}'
wrk.headers["Content-Type"] = "application/json"
LUA
  local url="http://127.0.0.1:$port/widget/v1/widgets/$widget/session"
  [ "$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' -d "{\"token\":\"$token\"}" "$url")" = 200 ]
  wrk -t2 -c"$CONNECTIONS" -d5s -s "$WORK/post.lua" "$url" >/dev/null   # warm-up
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$WORK/post.lua" "$url" >"$WORK/wrk-$label.txt"
  local rps p50 p99 errors
  wrk_figures "$WORK/wrk-$label.txt"
  printf '%-10s %10s req/s   p50 %-9s p99 %-9s %s\n' "$label" "$rps" "$p50" "$p99" "$errors"
  bench_record "session sign-in (c$CONNECTIONS)" "$label" "$rps req/s, p99 $p99"
  kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=
}

echo "POST /widget/v1/widgets/{id}/session, $CONNECTIONS connections, $DURATION, wrk -t2, release build, $(nproc) cores"
bench sqlite "sqlite:$WORK/bench.sqlite"
start_postgres >/dev/null
bench postgres "$LANTERN_PG_URL"
