#!/usr/bin/env bash
# Many tenants, a bounded memory (issue 20, item 3): ACCOUNTS accounts of ARTICLES articles each, widget searches
# spread over them Zipf-like (benchmarks/kb/tenants.lua), for each memory budget (LANTERN_SEARCH_MEMORY). Reports
# throughput, p50/p99, the share of searches answered by each engine, the process's resident memory before any
# search (the base process) and its peak during the run against budget + base, and the search-index metrics.
# Builds the release binary; installs wrk and PostgreSQL when missing.
# Usage: benchmarks/search-tenants.sh [accounts, default 1000] [articles, default 200] [budgets, default "256MiB 4GiB"]
#        [duration, default 60s] [databases, default "sqlite"]
# TENANTS_CACHE=DIR keeps the generated SQLite database and query set in DIR and uses them again on the next run with
# the same accounts and articles (generating 1,000 accounts takes about 8 minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/postgres.sh
source scripts/lib/bench.sh
ACCOUNTS=${1:-1000}
ARTICLES=${2:-200}
BUDGETS=${3:-256MiB 4GiB}
DURATION=${4:-60s}
DATABASES=${5:-sqlite}
CONNECTIONS=16

bench_setup
export LANTERN_BCRYPT_COST=4 LOG_LEVEL=warning

bytes() { python3 -c 'import sys; v=sys.argv[1].lower(); u={"kib":1<<10,"mib":1<<20,"gib":1<<30}; print(next((int(v[:-3])*m for s,m in u.items() if v.endswith(s)), None) or int(v))' "$1"; }

metric() { # FILE NAME: a sample of /metrics (labels included in NAME)
  awk -v name="$2" '$1 == name {print $2}' "$1"
}

bench() {
  local label=$1 database=$2 budget
  export DATABASE_URL=$database
  local cached=${TENANTS_CACHE:+$TENANTS_CACHE/tenants-$ACCOUNTS-$ARTICLES}
  if [ "$label" = sqlite ] && [ -n "$cached" ] && [ -f "$cached.sqlite" ]; then
    for suffix in "" -wal; do [ -f "$cached.sqlite$suffix" ] && cp "$cached.sqlite$suffix" "${database#sqlite:}$suffix"; done
    cp "$cached.tsv" "$WORK/tenants.tsv"
    "$LANTERN" migrate >/dev/null
    echo "  ($label: $ACCOUNTS accounts taken from $cached.sqlite)" >&2
  else
    "$LANTERN" migrate >/dev/null
    local started=$SECONDS
    (cd benchmarks/kb && python3 tenants.py --database "$database" --accounts "$ACCOUNTS" --articles "$ARTICLES" --queries "$WORK/tenants.tsv")
    echo "  ($label: $ACCOUNTS accounts generated in $((SECONDS - started)) s)" >&2
    if [ "$label" = sqlite ] && [ -n "$cached" ]; then
      mkdir -p "$TENANTS_CACHE"
      rm -f "$cached.sqlite-wal"
      for suffix in "" -wal; do [ -f "${database#sqlite:}$suffix" ] && cp "${database#sqlite:}$suffix" "$cached.sqlite$suffix"; done
      cp "$WORK/tenants.tsv" "$cached.tsv"
    fi
  fi
  for budget in $BUDGETS; do
    local port rss_base peak=0 rss
    port=$(free_port)
    LANTERN_SEARCH_MEMORY=$budget "$LANTERN" serve --hostname 127.0.0.1 --port "$port" >"$WORK/server-$label-$budget.log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
    rss_base=$(ps -o rss= -p "$SERVER_PID" | tr -d ' ')
    QUERIES="$WORK/tenants.tsv" wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s benchmarks/kb/tenants.lua "http://127.0.0.1:$port" \
      >"$WORK/tenants-$label-$budget.txt" &
    local wrk_pid=$!
    while kill -0 "$wrk_pid" 2>/dev/null; do
      rss=$(ps -o rss= -p "$SERVER_PID" | tr -d ' ')
      [ "$rss" -gt "$peak" ] && peak=$rss
      sleep 1
    done
    wait "$wrk_pid"
    curl -sf "http://127.0.0.1:$port/metrics" >"$WORK/metrics-$label-$budget.txt"
    local rps p50 p99 errors memory database held accounts builds evictions limit
    wrk_figures "$WORK/tenants-$label-$budget.txt"
    memory=$(metric "$WORK/metrics-$label-$budget.txt" 'lantern_search_answers_total{engine="memory"}')
    database=$(metric "$WORK/metrics-$label-$budget.txt" 'lantern_search_answers_total{engine="database"}')
    held=$(metric "$WORK/metrics-$label-$budget.txt" lantern_search_index_bytes)
    accounts=$(metric "$WORK/metrics-$label-$budget.txt" lantern_search_index_accounts)
    builds=$(metric "$WORK/metrics-$label-$budget.txt" lantern_search_index_builds_total)
    evictions=$(metric "$WORK/metrics-$label-$budget.txt" lantern_search_index_evictions_total)
    limit=$(( $(bytes "$budget") / 1048576 + rss_base / 1024 ))
    local share
    share=$(python3 -c "m=float('${memory:-0}'); d=float('${database:-0}'); print(f'{100*m/max(m+d,1):.1f} % memory, {100*d/max(m+d,1):.1f} % database')")
    printf '%-8s budget %-7s %8s searches/s  p50 %-8s p99 %-8s %s | RSS base %s MiB, peak %s MiB (budget + base %s MiB) | held %s MiB for %s accounts, %s builds, %s evictions %s\n' \
      "$label" "$budget" "$rps" "$p50" "$p99" "$share" "$((rss_base / 1024))" "$((peak / 1024))" "$limit" \
      "$(python3 -c "print(round(float('${held:-0}')/1048576))")" "${accounts:-0}" "${builds:-0}" "${evictions:-0}" "$errors"
    bench_record "$ACCOUNTS accounts x $ARTICLES articles, Zipf searches, LANTERN_SEARCH_MEMORY=$budget" "$label" \
      "$rps/s, p99 $p99, $share, peak RSS $((peak / 1024)) MiB (budget + base $limit MiB)"
    kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=
  done
}

echo "Search over $ACCOUNTS accounts of $ARTICLES articles, Zipf traffic, $CONNECTIONS connections, $DURATION, release build, $(nproc) cores"
bench_each_database "$DATABASES" tenants
