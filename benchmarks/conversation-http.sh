#!/usr/bin/env bash
# The support loop at scale: 100,000 tickets with 5 conversation entries each, on SQLite and on PostgreSQL, read and
# answered through the agent API over loopback with wrk: the agent's filtered list (open, unassigned, latest
# activity first) and a ticket page (the ticket, its conversation) at 8 connections (aim: p99 ≤ 50 ms), and public
# replies at 16 connections. Builds the release binary; installs wrk and PostgreSQL when missing.
# Usage: benchmarks/conversation-http.sh [duration, default 15s] [tickets, default 100000] [databases, default "sqlite postgres"]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/postgres.sh
source scripts/lib/bench.sh
DURATION=${1:-15s}
TICKETS=${2:-100000}
DATABASES=${3:-sqlite postgres}

bench_setup
export LANTERN_BCRYPT_COST=4 LOG_LEVEL=warning

# run LABEL CONNECTIONS SCRIPT [MODE]
run() {
  local label=$1 connections=$2 script=$3 rps p50 p99 errors
  MODE=${4:-} wrk -t2 -c"$connections" -d3s -s "$script" "http://127.0.0.1:$PORT" >/dev/null   # warm-up
  MODE=${4:-} wrk -t2 -c"$connections" -d"$DURATION" --latency -s "$script" "http://127.0.0.1:$PORT" >"$WORK/wrk.txt"
  wrk_figures "$WORK/wrk.txt"
  printf '%-10s %-28s %10s req/s   p50 %-9s p99 %-9s %s\n' "$DB_LABEL" "$label" "$rps" "$p50" "$p99" "$errors"
  bench_record "tickets ($TICKETS × 5 entries), $label (c$connections)" "$DB_LABEL" "$rps req/s, p99 $p99"
}

bench() {
  DB_LABEL=$1
  export DATABASE_URL=$2
  local account widget secret json key agent
  json=$("$LANTERN" setup --account "Tickets $1" --admin-email bench@bench.example --admin-password bench-password --json)
  account=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["account_id"])' <<<"$json")
  widget=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["widget_id"])' <<<"$json")
  key=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["api_key"])' <<<"$json")
  agent=$(python3 benchmarks/tickets/query.py "$DATABASE_URL" "SELECT id FROM agents WHERE account_id = $account")
  python3 benchmarks/tickets/seed.py --database "$DATABASE_URL" --account-id "$account" --agent-id "$agent" \
    --widget-id "$widget" --tickets "$TICKETS"
  export FIRST LAST BASIC
  FIRST=$(python3 benchmarks/tickets/query.py "$DATABASE_URL" "SELECT MIN(id) FROM tickets WHERE account_id = $account")
  LAST=$(python3 benchmarks/tickets/query.py "$DATABASE_URL" "SELECT MAX(id) FROM tickets WHERE account_id = $account")
  BASIC=$(printf '%s:X' "$key" | base64 -w0)
  PORT=$(free_port)
  "$LANTERN" serve --hostname 127.0.0.1 --port "$PORT" >"$WORK/server-$1.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
  [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Basic $BASIC" "http://127.0.0.1:$PORT/api/v2/tickets/$LAST/conversations")" = 200 ]
  run "filtered list" 8 benchmarks/tickets/read.lua list
  run "ticket page" 8 benchmarks/tickets/read.lua page
  run "reply" 16 benchmarks/tickets/reply.lua
  kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=
}

echo "Agent API over $TICKETS tickets × 5 entries, $DURATION per run, wrk -t2, $LANTERN, $(nproc) cores"
bench_each_database "$DATABASES" tickets
