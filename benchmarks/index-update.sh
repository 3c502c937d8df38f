#!/usr/bin/env bash
# How soon a knowledge-base edit is searchable through the in-memory engine (issue 20, item 2): a generated
# knowledge base of N articles, two `lantern serve` processes on the same database; each kind of edit made through
# the first process's API, then both processes asked until their in-memory index answers with it (see
# benchmarks/kb/edits.py). Also reports how long the first full build took and each process's resident memory
# once built and after the edits. Builds the release binary; installs wrk and PostgreSQL when missing.
# Usage: benchmarks/index-update.sh [articles, default 100000] [rounds, default 10] [databases, default "sqlite postgres"]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/postgres.sh
source scripts/lib/bench.sh
ARTICLES=${1:-100000}
ROUNDS=${2:-10}
DATABASES=${3:-sqlite postgres}

bench_setup
export LANTERN_BCRYPT_COST=4 LOG_LEVEL=warning
OTHER_PID=
trap 'if [ -n "$OTHER_PID" ]; then kill "$OTHER_PID" 2>/dev/null || true; fi; bench_cleanup' EXIT

start_server() { # LOG: starts a server on a free port; sets PORT and STARTED_PID
  PORT=$(free_port)
  "$LANTERN" serve --hostname 127.0.0.1 --port "$PORT" >"$1" 2>&1 &
  STARTED_PID=$!
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && return; sleep 0.1; done
  echo "server did not start: $(cat "$1")" >&2; exit 1
}

until_memory() { # PORT WIDGET: waits until the process answers searches from its in-memory index; prints seconds
  local started=$SECONDS
  until curl -sfD - -o /dev/null "http://127.0.0.1:$1/widget/v1/widgets/$2/articles?query=index" | grep -q 'desc=memory'; do
    [ $((SECONDS - started)) -lt 1200 ] || { echo "index not ready after 1200 s" >&2; exit 1; }
    sleep 0.5
  done
  echo $((SECONDS - started))
}

rss() { echo $(( $(ps -o rss= -p "$1" | tr -d ' ') / 1024 )); }

bench() {
  local label=$1 database=$2 json account widget key
  export DATABASE_URL=$database
  json=$("$LANTERN" setup --account "Edits $label" --admin-email bench@bench.example --admin-password bench-password --languages en,fr,de --json)
  account=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["account_id"])' <<<"$json")
  widget=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["widget_id"])' <<<"$json")
  key=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["api_key"])' <<<"$json")
  python3 benchmarks/kb/generate.py --database "$database" --account-id "$account" --articles "$ARTICLES" --queries "$WORK/queries.txt"
  start_server "$WORK/writer-$label.log"; local writer=$PORT writer_pid=$STARTED_PID; SERVER_PID=$writer_pid
  start_server "$WORK/reader-$label.log"; local reader=$PORT; OTHER_PID=$STARTED_PID
  local base_writer base_reader
  base_writer=$(rss "$writer_pid"); base_reader=$(rss "$OTHER_PID")
  local built_writer built_reader
  built_writer=$(until_memory "$writer" "$widget")
  built_reader=$(until_memory "$reader" "$widget")
  echo "$label: $ARTICLES articles; first full build ${built_writer} s (writer), ${built_reader} s (reader, built after the writer's);" \
    "RSS before $base_writer/$base_reader MiB, built $(rss "$writer_pid")/$(rss "$OTHER_PID") MiB"
  python3 benchmarks/kb/edits.py --writer "http://127.0.0.1:$writer" --reader "http://127.0.0.1:$reader" --api-key "$key" \
    --widget "$widget" --rounds "$ROUNDS" | tee "$WORK/edits-$label.txt"
  echo "$label: RSS after the edits $(rss "$writer_pid")/$(rss "$OTHER_PID") MiB"
  local worst
  worst=$(awk '{print $6}' "$WORK/edits-$label.txt" | sort -n | tail -1)
  bench_record "edit searchable (memory engine), $ARTICLES articles, worst of all kinds and both processes" "$label" "$worst ms"
  kill "$OTHER_PID" "$writer_pid"; wait "$OTHER_PID" "$writer_pid" 2>/dev/null || true; OTHER_PID=; SERVER_PID=
}

echo "Edits searchable through the in-memory engine, $ARTICLES articles, $ROUNDS rounds, release build, $(nproc) cores"
bench_each_database "$DATABASES" edits
