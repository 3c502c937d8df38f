#!/usr/bin/env bash
# Article fetch over HTTP on loopback (GET /widget/v1/widgets/{id}/articles/{article_id}) against the demo
# content, anonymous, rotating through every public article, on SQLite and on PostgreSQL, with wrk. Builds the
# release binary; installs wrk and PostgreSQL when missing.
# Usage: benchmarks/article-http.sh [duration, default 15s] [connections, default 16]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/postgres.sh
source scripts/lib/bench.sh
DURATION=${1:-15s}
CONNECTIONS=${2:-16}

bench_setup
export LANTERN_BCRYPT_COST=4 LOG_LEVEL=warning

bench() {
  local label=$1 port widget
  export DATABASE_URL=$2
  port=$(free_port)
  "$LANTERN" serve --demo --hostname 127.0.0.1 --port "$port" >"$WORK/server-$label.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
  widget=$(awk '/Widget id:/ {print $3}' "$WORK/server-$label.log")
  curl -sf "http://127.0.0.1:$port/widget/v1/widgets/$widget/articles?per_page=50" \
    | python3 -c 'import json,sys; print("\n".join(str(a["id"]) for a in json.load(sys.stdin)["articles"]))' >"$WORK/ids.txt"
  cat >"$WORK/article.lua" <<LUA
local ids = {}
for line in io.lines("$WORK/ids.txt") do table.insert(ids, line) end
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", "/widget/v1/widgets/$widget/articles/" .. ids[(counter % #ids) + 1])
end
LUA
  wrk -t2 -c"$CONNECTIONS" -d3s -s "$WORK/article.lua" "http://127.0.0.1:$port" >/dev/null   # warm-up
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$WORK/article.lua" "http://127.0.0.1:$port" >"$WORK/wrk.txt"
  local rps p50 p99 errors
  wrk_figures "$WORK/wrk.txt"
  printf '%-10s %10s req/s   p50 %-9s p99 %-9s %s (%s articles)\n' "$label" "$rps" "$p50" "$p99" "$errors" "$(wc -l <"$WORK/ids.txt")"
  bench_record "article fetch (c$CONNECTIONS)" "$label" "$rps req/s, p99 $p99"
  kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=
}

echo "GET /widget/v1/widgets/{id}/articles/{article_id}, $CONNECTIONS connections, $DURATION, wrk -t2, release build, $(nproc) cores"
bench sqlite "sqlite:$WORK/articles.sqlite"
start_postgres >/dev/null
bench postgres "$LANTERN_PG_URL"
