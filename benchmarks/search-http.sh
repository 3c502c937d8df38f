#!/usr/bin/env bash
# Widget search over HTTP on loopback against a generated knowledge base, SQLite and PostgreSQL side by side,
# for each search engine (LANTERN_SEARCH_INDEX=database: the database's full-text search, whose own query time is
# the floor; =memory: the in-memory index), with sequential timings beside them. Builds the release binary;
# installs wrk and PostgreSQL when missing.
# Usage: benchmarks/search-http.sh [articles, default 10000] [duration, default 15s] [databases, default "sqlite postgres"]
# ENGINES="memory" measures only the in-memory engine; PACED_RATE (default 1500) is the offered rate of the paced runs,
# PACED_RUNS (default 3) how many there are.
# With the memory engine, GET /healthz is measured on the same server too: the floor of the HTTP stack itself.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/postgres.sh
source scripts/lib/bench.sh
ARTICLES=${1:-10000}
DURATION=${2:-15s}
DATABASES=${3:-sqlite postgres}
CONNECTIONS=32
PACED_RATE=${PACED_RATE:-1500}
PACED_RUNS=${PACED_RUNS:-3}

bench_setup
export LANTERN_BCRYPT_COST=4 LOG_LEVEL=warning

# serve_and_measure LABEL ENGINE WIDGET: one server with LANTERN_SEARCH_INDEX=ENGINE; sequential timings (floor.py),
# then wrk at $CONNECTIONS connections.
serve_and_measure() {
  local label=$1 engine=$2 widget=$3 port
  port=$(free_port)
  LANTERN_SEARCH_INDEX=$engine "$LANTERN" serve --hostname 127.0.0.1 --port "$port" >"$WORK/server-$label-$engine.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
  local path="/widget/v1/widgets/$widget/articles"
  if [ "$engine" = memory ]; then
    # The first search starts building the account's index; the database answers until it is ready.
    local started=$SECONDS
    until curl -sfD - -o /dev/null "http://127.0.0.1:$port$path?query=index" | grep -q 'desc=memory'; do
      [ $((SECONDS - started)) -lt 600 ] || { echo "index not ready after 600 s" >&2; exit 1; }
      sleep 0.5
    done
    echo "  ($label: in-memory index ready $((SECONDS - started)) s after the first search)" >&2
  fi
  local floor
  floor=$(python3 benchmarks/kb/floor.py 127.0.0.1 "$port" "$path" "$WORK/queries.txt" 1000)
  QUERIES="$WORK/queries.txt" SEARCH_PATH="$path" wrk -t2 -c"$CONNECTIONS" -d5s -s benchmarks/kb/search.lua "http://127.0.0.1:$port" >/dev/null
  QUERIES="$WORK/queries.txt" SEARCH_PATH="$path" wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s benchmarks/kb/search.lua \
    "http://127.0.0.1:$port" >"$WORK/wrk-$label-$engine.txt"
  local rps p50 p99 errors rss
  wrk_figures "$WORK/wrk-$label-$engine.txt"
  rss=$(( $(ps -o rss= -p "$SERVER_PID" | tr -d ' ') / 1024 ))
  printf '%-9s %-9s %9s searches/s   HTTP p50 %-8s p99 %-8s RSS %s MiB | sequential %s %s\n' "$label" "$engine" "$rps" "$p50" "$p99" "$rss" "$floor" "$errors"
  bench_record "search, $ARTICLES articles (c$CONNECTIONS), $engine engine" "$label" "$rps/s, p99 $p99, sequential $floor"
  # Latency at a given load rather than at saturation: $PACED_RATE searches/s offered over the same connections,
  # $PACED_RUNS times (a p99 rests on its slowest 1 %, which a moment of contention on shared cores moves a lot).
  if [ "$engine" = memory ]; then
    local run p99s=()
    for run in $(seq 1 "$PACED_RUNS"); do
      RATE=$PACED_RATE THREADS=2 QUERIES="$WORK/queries.txt" SEARCH_PATH="$path" wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency \
        -s benchmarks/kb/search.lua "http://127.0.0.1:$port" >"$WORK/paced-$label-$run.txt"
      wrk_figures "$WORK/paced-$label-$run.txt"
      p99s+=("$p99")
      printf '%-9s %-9s paced at %s/s offered, run %s: %s searches/s   HTTP p50 %-8s p99 %-8s %s\n' "$label" "$engine" "$PACED_RATE" \
        "$run" "$rps" "$p50" "$p99" "$errors"
    done
    bench_record "search, $ARTICLES articles, paced at $PACED_RATE/s, $engine engine" "$label" "$rps/s, p99 of $PACED_RUNS runs: ${p99s[*]}"
  fi
  # The stack's own floor on the same server and connections: GET /healthz (one trivial database round trip, no
  # search), so the search figures can be read against what Vapor, the database driver and wrk on these cores cost.
  if [ "$engine" = memory ]; then
    wrk -t2 -c"$CONNECTIONS" -d5s --latency "http://127.0.0.1:$port/healthz" >"$WORK/floor-$label.txt"
    wrk_figures "$WORK/floor-$label.txt"
    printf '%-9s %-9s floor, GET /healthz at c%s: %s requests/s   HTTP p50 %-8s p99 %-8s %s\n' "$label" "$engine" "$CONNECTIONS" \
      "$rps" "$p50" "$p99" "$errors"
    bench_record "GET /healthz (c$CONNECTIONS), beside the search" "$label" "$rps/s, p50 $p50, p99 $p99"
  fi
  kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=
}

bench() {
  local label=$1 database=$2 account widget secret
  export DATABASE_URL=$database
  bench_account "Search $label" --languages en,fr,de
  local started=$SECONDS
  python3 benchmarks/kb/generate.py --database "$database" --account-id "$account" --articles "$ARTICLES" --queries "$WORK/queries.txt"
  echo "  ($label: generated in $((SECONDS - started)) s)" >&2
  # The floor: the database's own full-text search (its time per query is the `db` figure of the first line).
  for engine in ${ENGINES:-database memory}; do serve_and_measure "$label" "$engine" "$widget"; done
}

echo "Widget search, $ARTICLES articles, $CONNECTIONS connections, $DURATION, wrk -t2, release build, $(nproc) cores"
bench_each_database "$DATABASES" search
