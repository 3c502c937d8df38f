#!/usr/bin/env bash
# Ticket creation over HTTP on loopback (POST /widget/v1/widgets/{id}/tickets), on SQLite and on PostgreSQL,
# with wrk: a JSON ticket, and a multipart ticket with a 1 MiB attachment. The rate limit is turned off
# (LANTERN_TICKET_RATE_LIMIT=off). Builds the release binary; installs wrk and PostgreSQL when missing.
# Usage: benchmarks/ticket-http.sh [duration, default 15s] [connections, default 16]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/postgres.sh
source scripts/lib/bench.sh
DURATION=${1:-15s}
CONNECTIONS=${2:-16}

bench_setup
export LANTERN_BCRYPT_COST=4 LOG_LEVEL=warning LANTERN_TICKET_RATE_LIMIT=off

# The two request bodies: JSON, and multipart/form-data with one 1 MiB PNG-signed attachment.
cat >"$WORK/ticket.json" <<'JSON'
{"name": "Bench Visitor", "email": "visitor@bench.example", "subject": "The export button does nothing", "description": "When I press Export on the invoices page nothing happens. I tried two browsers.\nThanks for your help."}
JSON
python3 - "$WORK/ticket.multipart" <<'PY'
import os, sys
boundary = "----LanternBench7MA4YWxkTrZu0gW"
parts = []
for name, value in [("name", "Bench Visitor"), ("email", "visitor@bench.example"),
                    ("subject", "Screenshot of the problem"), ("description", "See the attached screenshot.")]:
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
png = b"\x89PNG\r\n\x1a\n" + os.urandom(1024 * 1024 - 8)
parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="attachments[]"; filename="screen.png"\r\n'
             'Content-Type: image/png\r\n\r\n'.encode() + png + b"\r\n")
parts.append(f"--{boundary}--\r\n".encode())
open(sys.argv[1], "wb").write(b"".join(parts))
PY

# run LABEL URL BODY_FILE CONTENT_TYPE
run() {
  local label=$1 url=$2 body=$3 type=$4
  cat >"$WORK/post.lua" <<LUA
local file = io.open("$body", "rb")
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "$type"
LUA
  [ "$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "Content-Type: $type" --data-binary "@$body" "$url")" = 201 ]
  wrk -t2 -c"$CONNECTIONS" -d3s -s "$WORK/post.lua" "$url" >/dev/null   # warm-up
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$WORK/post.lua" "$url" >"$WORK/wrk.txt"
  local rps p50 p99 errors
  wrk_figures "$WORK/wrk.txt"
  printf '%-10s %-22s %10s req/s   p50 %-9s p99 %-9s %s\n' "$DB_LABEL" "$label" "$rps" "$p50" "$p99" "$errors"
  bench_record "ticket, $label (c$CONNECTIONS)" "$DB_LABEL" "$rps req/s, p99 $p99"
}

# bench LABEL DATABASE_URL
bench() {
  DB_LABEL=$1
  export DATABASE_URL=$2
  local account widget secret port url
  bench_account "Bench $1"
  port=$(free_port)
  "$LANTERN" serve --hostname 127.0.0.1 --port "$port" >"$WORK/server-$1.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
  url="http://127.0.0.1:$port/widget/v1/widgets/$widget/tickets"
  run "JSON" "$url" "$WORK/ticket.json" "application/json"
  run "1 MiB attachment" "$url" "$WORK/ticket.multipart" "multipart/form-data; boundary=----LanternBench7MA4YWxkTrZu0gW"
  kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=
}

echo "POST /widget/v1/widgets/{id}/tickets, $CONNECTIONS connections, $DURATION, wrk -t2, release build, $(nproc) cores"
bench sqlite "sqlite:$WORK/bench.sqlite"
start_postgres >/dev/null
bench postgres "$LANTERN_PG_URL"
