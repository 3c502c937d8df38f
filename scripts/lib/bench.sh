# Shared by the benchmark scripts: bench_record BENCHMARK DATABASE RESULT appends one row to the table that
# scripts/bench assembles (the file named by $BENCH_TSV); without BENCH_TSV it does nothing.
bench_record() {
  if [ -n "${BENCH_TSV:-}" ]; then printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$BENCH_TSV"; fi
}

# bench_setup: installs wrk when missing, builds the release binary ($LANTERN) — or, with LANTERN_BIN_DIR=DIR, uses
# DIR/lantern (another build, to compare) —, makes a scratch folder ($WORK), and on exit stops the server in
# $SERVER_PID and the throwaway PostgreSQL. Needs scripts/lib/postgres.sh.
bench_setup() {
  command -v wrk >/dev/null || { as_root apt-get update -qq; as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
  if [ -n "${LANTERN_BIN_DIR:-}" ]; then
    LANTERN="$LANTERN_BIN_DIR/lantern"
  else
    swift build -c release --product lantern >/dev/null
    LANTERN="$(swift build -c release --show-bin-path)/lantern"
  fi
  WORK=$(mktemp -d)
  SERVER_PID=
  trap bench_cleanup EXIT
}

bench_cleanup() {
  if [ -n "${SERVER_PID:-}" ]; then kill "$SERVER_PID" 2>/dev/null || true; fi
  stop_postgres
  rm -rf "$WORK"
}

# wrk_figures FILE: sets the caller's rps, p50, p99 and errors from a `wrk --latency` report.
wrk_figures() {
  rps=$(awk '/Requests\/sec/ {print $2}' "$1")
  p50=$(awk '$1 == "50%" {print $2}' "$1")
  p99=$(awk '$1 == "99%" {print $2}' "$1")
  errors=$(grep -E "Non-2xx|Socket errors" "$1" | tr '\n' ' ' || true)
}

# bench_account NAME [setup arguments...]: a new account made with `lantern setup` on $DATABASE_URL; sets the
# caller's account, widget and secret.
bench_account() {
  local json
  json=$("$LANTERN" setup --account "$1" --admin-email bench@bench.example --admin-password bench-password "${@:2}" --json)
  account=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["account_id"])' <<<"$json")
  widget=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["widget_id"])' <<<"$json")
  secret=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["shared_secret"])' <<<"$json")
}

# bench_each_database "sqlite postgres" NAME: runs the caller's `bench LABEL DATABASE_URL` on a scratch SQLite file
# ($WORK/NAME.sqlite) and on the throwaway PostgreSQL server, for each database named.
bench_each_database() {
  local db
  for db in $1; do
    case $db in
      sqlite) bench sqlite "sqlite:$WORK/$2.sqlite" ;;
      postgres) start_postgres >/dev/null; bench postgres "$LANTERN_PG_URL" ;;
      *) echo "unknown database: $db (sqlite or postgres)" >&2; exit 2 ;;
    esac
  done
}
