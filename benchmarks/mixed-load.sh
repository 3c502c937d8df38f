#!/usr/bin/env bash
# A sustained mixed widget load (70% search, 20% article view, 5% session sign-in, 5% ticket) against a generated
# knowledge base, on SQLite and on PostgreSQL: first finds the highest connection count whose p99 stays within
# 50 ms (20 s probes), then holds that load for the full duration, reporting throughput, latency, errors and the
# server's resident memory at the start and the end. Builds the release binary; installs wrk and PostgreSQL when
# missing. Usage: benchmarks/mixed-load.sh [duration, default 5m] [articles, default 10000] [databases, default "sqlite postgres"]
# MIXED_CONNECTIONS=N skips the probes and holds N connections (the full run can show a p99 the 20 s probes did not).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/postgres.sh
source scripts/lib/bench.sh
DURATION=${1:-5m}
ARTICLES=${2:-10000}
DATABASES=${3:-sqlite postgres}

bench_setup
export LANTERN_BCRYPT_COST=4 LOG_LEVEL=warning LANTERN_TICKET_RATE_LIMIT=off

to_ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) print v/1000; else if (v ~ /ms$/) print v+0; else if (v ~ /s$/) print v*1000; else print v }'; }

run_wrk() { # CONNECTIONS DURATION OUTPUT
  local threads=$(( $1 < 2 ? 1 : 2 ))
  wrk -t"$threads" -c"$1" -d"$2" --latency -s benchmarks/kb/mixed.lua "http://127.0.0.1:$PORT" >"$3"
}

bench() {
  local label=$1 database=$2 account widget secret
  export DATABASE_URL=$database
  bench_account "Mixed $label" --languages en,fr,de
  python3 benchmarks/kb/generate.py --database "$database" --account-id "$account" --articles "$ARTICLES" --queries "$WORK/queries.txt" >/dev/null
  PORT=$(free_port)
  "$LANTERN" serve --hostname 127.0.0.1 --port "$PORT" >"$WORK/server-$label.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
  python3 - "$PORT" "$widget" >"$WORK/articles.txt" <<'PY'
import json, sys, urllib.request
port, widget = sys.argv[1], sys.argv[2]
for page in range(1, 21):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/widget/v1/widgets/{widget}/articles?per_page=50&page={page}") as r:
        for hit in json.load(r)["articles"]:
            print(hit["id"])
PY
  export QUERIES="$WORK/queries.txt" ARTICLE_IDS="$WORK/articles.txt" WIDGET="$widget"
  TOKEN=$("$LANTERN" token mint --secret "$secret" --name "Load Customer" --email load@customer.example --ttl 7000)
  export TOKEN
  run_wrk 8 5s /dev/null   # warm-up
  local best=${MIXED_CONNECTIONS:-1}
  if [ -z "${MIXED_CONNECTIONS:-}" ]; then
    for connections in 1 2 3 4 6 8 12 16 24 32; do
      run_wrk "$connections" 20s "$WORK/probe.txt"
      local p99
      p99=$(to_ms "$(awk '$1 == "99%" {print $2}' "$WORK/probe.txt")")
      if awk -v p="$p99" 'BEGIN { exit !(p <= 50) }'; then best=$connections; else break; fi
    done
  fi
  local rss_start rss_end
  rss_start=$(ps -o rss= -p "$SERVER_PID" | tr -d ' ')
  run_wrk "$best" "$DURATION" "$WORK/mixed-$label.txt"
  rss_end=$(ps -o rss= -p "$SERVER_PID" | tr -d ' ')
  local rps p50 p99 errors
  wrk_figures "$WORK/mixed-$label.txt"
  printf '%-9s %3s connections  %9s req/s  p50 %-8s p99 %-8s RSS %s MiB -> %s MiB  errors: %s\n' "$label" "$best" "$rps" "$p50" "$p99" \
    "$((rss_start / 1024))" "$((rss_end / 1024))" "${errors:-none}"
  bench_record "mixed load $DURATION (p99 <= 50 ms)" "$label" "$rps req/s at c$best, p99 $p99, RSS $((rss_start / 1024))->$((rss_end / 1024)) MiB"
  kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=
}

echo "Mixed widget load (70% search, 20% article, 5% session, 5% ticket), $ARTICLES articles, $DURATION, wrk -t2, release build, $(nproc) cores"
bench_each_database "$DATABASES" mixed
