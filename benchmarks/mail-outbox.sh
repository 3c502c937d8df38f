#!/usr/bin/env bash
# The mail outbox through a real MTA: 1,000 notifications (ticket acknowledgements) queued while mail is off, then
# sent by `lantern serve` through a local Postfix (STARTTLS + AUTH, scripts/lib/mta.sh) into its Maildir; messages
# per second from the restart to an empty outbox, each one counted in the Maildir. Meanwhile wrk posts the widget's
# ticket form (notifications off, so the backlog stays 1,000): its p99 while the outbox drains against its p99 idle.
# SQLite and PostgreSQL. Builds the release binary; installs wrk, Postfix and PostgreSQL when missing.
# Usage: benchmarks/mail-outbox.sh [form duration, default 10s] [connections, default 8] [databases, default "sqlite postgres"]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/postgres.sh
source scripts/lib/bench.sh
source scripts/lib/mta.sh
DURATION=${1:-10s}
CONNECTIONS=${2:-8}
DATABASES=${3:-sqlite postgres}
MESSAGES=1000

bench_setup
start_mta >/dev/null
trap 'bench_cleanup; stop_mta' EXIT
export LANTERN_BCRYPT_COST=4 LOG_LEVEL=warning LANTERN_TICKET_RATE_LIMIT=off

cat >"$WORK/ticket.json" <<'JSON'
{"name": "Bench Visitor", "email": "visitor@customers.test", "subject": "The export button does nothing", "description": "When I press Export on the invoices page nothing happens. I tried two browsers.\nThanks for your help."}
JSON
cat >"$WORK/post.lua" <<LUA
local file = io.open("$WORK/ticket.json", "rb")
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/json"
LUA

maildir_count() { (find "$MTA_MAILDIR/new" "$MTA_MAILDIR/cur" -type f 2>/dev/null || true) | wc -l; }

# serve PORT [environment...]: starts the server (SERVER_PID) and waits for /healthz.
serve() {
  local port=$1
  env "${@:2}" "$LANTERN" serve --hostname 127.0.0.1 --port "$port" >>"$WORK/server-$DB_LABEL.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 200); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && return 0; sleep 0.05; done
  echo "the server did not start" >&2; exit 1
}

stop_server() { kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=; }

# api METHOD PATH [JSON]
api() { curl -sf -X "$1" -u "$API_KEY:X" -H 'Content-Type: application/json' ${3:+--data "$3"} "$BASE/api/v2$2"; }

# bench LABEL DATABASE_URL
bench() {
  DB_LABEL=$1
  export DATABASE_URL=$2
  local account widget secret port before
  json=$("$LANTERN" setup --account "Mail bench $1" --admin-email "admin-$1@customers.test" --admin-password bench-password --json)
  API_KEY=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["api_key"])' <<<"$json")
  widget=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["widget_id"])' <<<"$json")
  port=$(free_port)
  BASE="http://127.0.0.1:$port"
  local form="$BASE/widget/v1/widgets/$widget/tickets"

  # 1,000 acknowledgements queued while mail is off (agents' notices off).
  serve "$port"
  api PUT /settings/mail '{"support_address": "support@support.test", "notifications": {"agents_ticket_created": false, "agents_customer_reply": false}}' >/dev/null
  python3 - "$form" "$MESSAGES" "$DB_LABEL" <<'PY'
import http.client, json, sys, urllib.parse
url, count, label = urllib.parse.urlparse(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
connection = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
for n in range(count):
    body = json.dumps({"name": f"Customer {n}", "email": f"bench-{label}-{n}@customers.test", "subject": f"Question {n}",
                       "description": "Where is my invoice?"})
    connection.request("POST", url.path, body, {"Content-Type": "application/json"})
    response = connection.getresponse(); response.read()
    assert response.status == 201, response.status
PY
  api PUT /settings/mail '{"notifications": {"requester_ticket_created": false}}' >/dev/null
  [ "$(api GET "/mail/outbox?status=pending&per_page=100" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" = 100 ]

  # The form idle (no dispatcher).
  wrk -t2 -c"$CONNECTIONS" -d3s -s "$WORK/post.lua" "$form" >/dev/null
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$WORK/post.lua" "$form" >"$WORK/idle.txt"
  stop_server

  # Mail on: the dispatcher drains the outbox while wrk posts the form.
  before=$(maildir_count)
  serve "$port" LANTERN_SMTP_URL="smtp://$MTA_USER:$MTA_PASSWORD@127.0.0.1:$MTA_SUBMISSION_PORT" LANTERN_SMTP_CA_FILE="$MTA_CA_FILE" \
        LANTERN_MAIL_FROM="Bench Support <support@support.test>" LANTERN_PUBLIC_URL="$BASE"
  local started=$(date +%s.%N)
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$WORK/post.lua" "$form" >"$WORK/drain.txt" &
  local wrk_pid=$!
  while [ "$(api GET "/mail/outbox?status=pending&per_page=1" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" != 0 ]; do sleep 0.1; done
  local drained=$(date +%s.%N)
  wait "$wrk_pid"
  mta_wait_idle 120
  local delivered=$(( $(maildir_count) - before ))
  local failed=$(api GET "/mail/outbox?status=failed" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
  stop_server

  local seconds rate rps p50 p99 errors idle_p99 idle_rps
  seconds=$(python3 -c "print(f'{$drained - $started:.1f}')")
  rate=$(python3 -c "print(round($MESSAGES / ($drained - $started)))")
  wrk_figures "$WORK/idle.txt"; idle_p99=$p99; idle_rps=$rps
  wrk_figures "$WORK/drain.txt"
  printf '%-9s %d messages in %ss: %s messages/s, %d in the Maildir, %s failed\n' "$DB_LABEL" "$MESSAGES" "$seconds" "$rate" "$delivered" "$failed"
  printf '%-9s ticket form: idle %s req/s p99 %s; while draining %s req/s p99 %s %s\n' "$DB_LABEL" "$idle_rps" "$idle_p99" "$rps" "$p99" "$errors"
  [ "$delivered" = "$MESSAGES" ] && [ "$failed" = 0 ] || { echo "mail-outbox: expected $MESSAGES delivered, none failed" >&2; exit 1; }
  bench_record "mail outbox, $MESSAGES notifications through Postfix" "$DB_LABEL" "$rate messages/s (${seconds}s)"
  bench_record "ticket form p99 (c$CONNECTIONS), idle / outbox draining" "$DB_LABEL" "$idle_p99 / $p99"
}

echo "$MESSAGES notifications through Postfix on loopback (STARTTLS + AUTH), ticket form with wrk -c$CONNECTIONS for $DURATION, release build, $(nproc) cores"
bench_each_database "$DATABASES" mail
