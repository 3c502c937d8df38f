#!/usr/bin/env bash
# Fault test: PostgreSQL restarted under load. A client sends widget requests (article list and session
# sign-in) every 20 ms for 16 s; PostgreSQL is stopped at 4 s and started again at 9 s. Lantern must answer
# 503 database_unavailable quickly while the database is down (never hang, never 500) and serve 200 again
# by itself once it is back, with no restart of Lantern. Exits non-zero when that does not hold.
# Usage: benchmarks/postgres-restart.sh [lantern binary, default: release build]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/postgres.sh
if [ -n "${1:-}" ]; then LANTERN=$1; else
  swift build -c release --product lantern >/dev/null
  LANTERN="$(swift build -c release --show-bin-path)/lantern"
fi
WORK=$(mktemp -d)
SERVER_PID=
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; stop_postgres; rm -rf "$WORK"; }
trap cleanup EXIT
export LANTERN_BCRYPT_COST=4 LOG_LEVEL=warning

start_postgres >/dev/null
export DATABASE_URL=$LANTERN_PG_URL
setup=$("$LANTERN" setup --account "Fault" --admin-email ops@fault.example --admin-password fault-password --json)
widget=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["widget_id"])' <<<"$setup")
secret=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["shared_secret"])' <<<"$setup")
token=$("$LANTERN" token mint --secret "$secret" --name "Fault Customer" --email fault@customer.example --ttl 3600)
port=$(free_port)
"$LANTERN" serve --hostname 127.0.0.1 --port "$port" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done

( sleep 4; as_pg_owner "$PG_BIN/pg_ctl" --pgdata "$PG_DIR/data" --mode fast --wait stop >/dev/null
  sleep 5; as_pg_owner "$PG_BIN/pg_ctl" --pgdata "$PG_DIR/data" --log "$PG_DIR/server.log" --wait \
    -o "-c listen_addresses=127.0.0.1 -c port=$PG_PORT -c unix_socket_directories=$PG_DIR" start >/dev/null ) &

python3 - "$port" "$widget" "$token" <<'PY'
import json, sys, time, urllib.error, urllib.request
port, widget, token = sys.argv[1:4]
base = f"http://127.0.0.1:{port}/widget/v1/widgets/{widget}"
results = []  # (seconds since start, kind, status, code, latency ms)
start = time.monotonic()
while time.monotonic() - start < 16:
    for kind in ("articles", "session"):
        request = urllib.request.Request(f"{base}/articles") if kind == "articles" else urllib.request.Request(
            f"{base}/session", data=json.dumps({"token": token}).encode(), headers={"Content-Type": "application/json"})
        began = time.monotonic()
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                status, code = response.status, None
        except urllib.error.HTTPError as error:
            status = error.code
            code = json.loads(error.read() or b"{}").get("error", {}).get("code")
        except Exception as error:
            status, code = 0, type(error).__name__
        results.append((began - start, kind, status, code, (time.monotonic() - began) * 1000))
    time.sleep(0.02)
ok = [r for r in results if r[2] == 200]
unavailable = [r for r in results if r[2] == 503]
other = [r for r in results if r[2] not in (200, 503)]
down = [r for r in results if 4.5 <= r[0] <= 8.5]
recovered = next((r[0] for r in results if r[0] > 9 and r[2] == 200), None)
slowest_503 = max((r[4] for r in unavailable), default=0)
print(f"requests: {len(results)}; 200: {len(ok)}; 503: {len(unavailable)} "
      f"(codes {sorted(set(r[3] for r in unavailable))}); other: {len(other)} {sorted(set((r[2], r[3]) for r in other))}")
print(f"while down (4.5-8.5 s): {sum(1 for r in down if r[2] == 503)}/{len(down)} answered 503; slowest 503: {slowest_503:.0f} ms")
print(f"PostgreSQL back at ~9 s; first 200 after it at {recovered:.2f} s" if recovered else "never recovered")
healthy = not other and recovered is not None and recovered < 12 and slowest_503 < 1000 \
    and all(r[3] == "database_unavailable" for r in unavailable)
sys.exit(0 if healthy else 1)
PY
