#!/usr/bin/env bash
# Analytics, SQLite and PostgreSQL side by side (release build; installs wrk and PostgreSQL when missing):
# 1. Recording never slows the visitor: widget search throughput and p99 at 32 connections with analytics off and
#    on, in one run, on one generated knowledge base, alternating off/on/off/on (medians of the runs compared),
#    while a second wrk posts the widget frame's event batches (10 events each) at EVENT_RATE batches/s to the same
#    server. With LANTERN_ANALYTICS=0 the batches are checked and answered exactly as with analytics on, and
#    nothing is queued or written; with it on, they are queued and written every half second.
# 2. Reports over 10 million events: EVENTS raw events over 30 days generated in the database (generate.py), the
#    time `lantern serve` takes to roll them up into daily aggregates, then each 30-day report (JSON) timed 20 times.
# Usage: benchmarks/analytics-http.sh [duration, default 15s] [events, default 10000000] [databases, default "sqlite postgres"]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/postgres.sh
source scripts/lib/bench.sh
DURATION=${1:-15s}
EVENTS=${2:-10000000}
DATABASES=${3:-sqlite postgres}
ARTICLES=${ARTICLES:-10000}
CONNECTIONS=32
EVENT_RATE=${EVENT_RATE:-200}
ROUNDS=${ROUNDS:-2}

bench_setup
export LANTERN_BCRYPT_COST=4 LOG_LEVEL=warning

# start_server ANALYTICS: `lantern serve` with LANTERN_ANALYTICS=ANALYTICS on $DATABASE_URL; sets port and SERVER_PID.
start_server() {
  port=$(free_port)
  LANTERN_ANALYTICS=$1 "$LANTERN" serve --hostname 127.0.0.1 --port "$port" >>"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 200); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && return; sleep 0.1; done
  echo "lantern did not start" >&2; cat "$WORK/server.log" >&2; exit 1
}

stop_server() { kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=; }

# to_microseconds 850.00us|12.34ms|1.02s: a wrk duration in microseconds.
to_microseconds() {
  python3 -c 'import sys; v = sys.argv[1]; print(next(float(v[:-len(u)]) * f for u, f in (("us", 1), ("ms", 1e3), ("s", 1e6)) if v.endswith(u)))' "$1"
}

median() { python3 -c 'import statistics,sys; print(statistics.median(float(x) for x in sys.argv[1:]))' "$@"; }

# search_round LABEL ANALYTICS: one server, the index warmed up, then searches and event batches at once.
search_round() {
  local label=$1 analytics=$2 path="/widget/v1/widgets/$widget/articles"
  start_server "$analytics"
  until curl -sfD - -o /dev/null "http://127.0.0.1:$port$path?query=index" | grep -q 'desc=memory'; do sleep 0.5; done
  QUERIES="$WORK/queries.txt" SEARCH_PATH="$path" wrk -t1 -c"$CONNECTIONS" -d3s -s benchmarks/kb/search.lua "http://127.0.0.1:$port" >/dev/null
  local interval=$(( 4 * 1000 / EVENT_RATE ))
  WIDGET=$widget INTERVAL=$interval wrk -t1 -c4 -d"$DURATION" -s benchmarks/analytics/events.lua "http://127.0.0.1:$port" \
    >"$WORK/events-$label-$analytics.txt" &
  local poster=$!
  QUERIES="$WORK/queries.txt" SEARCH_PATH="$path" wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s benchmarks/kb/search.lua \
    "http://127.0.0.1:$port" >"$WORK/search-$label-$analytics.txt"
  wait "$poster"
  local rps p50 p99 errors written dropped
  wrk_figures "$WORK/events-$label-$analytics.txt"
  local batches=$rps
  wrk_figures "$WORK/search-$label-$analytics.txt"
  written=$(curl -s "http://127.0.0.1:$port/metrics" | awk '/^lantern_analytics_events_written_total/ {print $2}')
  dropped=$(curl -s "http://127.0.0.1:$port/metrics" | awk '/^lantern_analytics_events_dropped_total/ {s += $2} END {print s + 0}')
  stop_server
  printf '%-9s analytics %-3s %9s searches/s  p50 %-8s p99 %-8s | %s event batches/s, %s events written, %s dropped %s\n' \
    "$label" "$([ "$analytics" = 1 ] && echo on || echo off)" "$rps" "$p50" "$p99" "$batches" "${written:-0}" "$dropped" "$errors"
  echo "$rps $(to_microseconds "$p99")" >>"$WORK/rounds-$label-$analytics.txt"
}

report_times() { # LABEL: each 30-day report 20 times; prints median and max in ms.
  local label=$1 from to name
  from=$(python3 -c 'import datetime; print((datetime.datetime.now(datetime.timezone.utc).date() - datetime.timedelta(days=29)).isoformat())')
  to=$(python3 -c 'import datetime; print(datetime.datetime.now(datetime.timezone.utc).date().isoformat())')
  for name in search articles "articles?order=least_helpful" suggestions deflection; do
    local sep='?'; [[ $name == *\?* ]] && sep='&'
    local times=()
    for _ in $(seq 1 20); do
      times+=("$(curl -s -o /dev/null -w '%{time_total}' -u "$api_key:X" "http://127.0.0.1:$port/api/v2/analytics/$name${sep}from=$from&to=$to")")
    done
    python3 - "$label" "$name" "${times[@]}" <<'PY'
import statistics, sys
label, name, times = sys.argv[1], sys.argv[2], [float(t) * 1000 for t in sys.argv[3:]]
print(f"{label:9} 30-day report {name:28} median {statistics.median(times):7.1f} ms   max {max(times):7.1f} ms")
PY
  done
}

bench() {
  local label=$1 database=$2 account widget secret json api_key
  export DATABASE_URL=$database
  "$LANTERN" migrate
  json=$("$LANTERN" setup --account "Analytics $label" --admin-email bench@bench.example --admin-password bench-password --languages en,fr,de --json)
  account=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["account_id"])' <<<"$json")
  widget=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["widget_id"])' <<<"$json")
  api_key=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["api_key"])' <<<"$json")
  python3 benchmarks/kb/generate.py --database "$database" --account-id "$account" --articles "$ARTICLES" --queries "$WORK/queries.txt"

  echo "$label: search at c$CONNECTIONS for $DURATION, with $EVENT_RATE event batches/s (10 events each) posted beside it"
  rm -f "$WORK"/rounds-"$label"-*.txt
  for _ in $(seq 1 "$ROUNDS"); do search_round "$label" 0; search_round "$label" 1; done
  local off_rps on_rps off_p99 on_p99
  off_rps=$(median $(awk '{print $1}' "$WORK/rounds-$label-0.txt")); on_rps=$(median $(awk '{print $1}' "$WORK/rounds-$label-1.txt"))
  off_p99=$(median $(awk '{print $2}' "$WORK/rounds-$label-0.txt")); on_p99=$(median $(awk '{print $2}' "$WORK/rounds-$label-1.txt"))
  local summary
  summary=$(python3 -c 'import sys; a,b,c,d=map(float,sys.argv[1:]); print(f"off {a:.0f}/s p99 {c/1000:.2f}ms, on {b:.0f}/s p99 {d/1000:.2f}ms: throughput {100*(b-a)/a:+.1f} %, p99 {100*(d-c)/c:+.1f} %")' \
    "$off_rps" "$on_rps" "$off_p99" "$on_p99")
  echo "$label: medians of $ROUNDS rounds: $summary"
  bench_record "widget search with analytics off vs on ($ARTICLES articles, c$CONNECTIONS, $EVENT_RATE event batches/s)" "$label" "$summary"

  echo "$label: $EVENTS events over 30 days"
  local started=$SECONDS searches
  searches=$(python3 benchmarks/analytics/generate.py --database "$database" --account-id "$account" --widget-id "$widget" --events "$EVENTS" --days 30)
  echo "  generated in $((SECONDS - started)) s ($searches searches)"
  started=$SECONDS
  start_server 1
  local from
  from=$(python3 -c 'import datetime; print((datetime.datetime.now(datetime.timezone.utc).date() - datetime.timedelta(days=29)).isoformat())')
  until [ "$(curl -s -u "$api_key:X" "http://127.0.0.1:$port/api/v2/analytics/search?from=$from" | python3 -c 'import json,sys; print(json.load(sys.stdin)["searches"])')" = "$searches" ]; do
    [ $((SECONDS - started)) -lt 1800 ] || { echo "not rolled up after 1800 s" >&2; exit 1; }
    sleep 1
  done
  local rolled=$((SECONDS - started))
  echo "  rolled up into daily aggregates by lantern serve in $rolled s (30 days, $((EVENTS / 30)) events a day)"
  report_times "$label" | tee "$WORK/reports-$label.txt"
  local worst
  worst=$(awk '{print $(NF-1)}' "$WORK/reports-$label.txt" | sort -n | tail -1)
  bench_record "30-day reports over $EVENTS events (slowest of 5 reports x 20)" "$label" "max ${worst} ms; rollup of 30 days ${rolled} s"
  stop_server
}

echo "Analytics benchmarks, release build, $(nproc) cores, loopback"
bench_each_database "$DATABASES" analytics
