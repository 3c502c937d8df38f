#!/usr/bin/env bash
# An upload flood while customers search (issue 14 item 4): 12 anonymous tickets with 2 × 10 MiB attachments
# posted in parallel to a widget's contact form, while one client searches the demo widget back to back. Reports
# search p50/p99 at rest and during the flood, the server's RSS before and after (VmRSS, VmHWM from
# /proc/PID/status), how many uploads were accepted (201) and refused (503), and checks that every accepted ticket
# is complete (each attachment's size and SHA-256, read back through the API, match what was sent).
# Builds the release binary; SQLite with the demo content.
# Usage: benchmarks/upload-flood.sh [uploads, default 12] [attachment MiB, default 10]
# LANTERN=/path/to/lantern measures that binary instead (e.g. an older build); other LANTERN_* variables (such
# as LANTERN_UPLOAD_BUDGET) pass through to the server.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/postgres.sh
source scripts/lib/bench.sh
UPLOADS=${1:-12}
FILE_MIB=${2:-10}

if [ -z "${LANTERN:-}" ]; then
  swift build -c release --product lantern >/dev/null
  LANTERN="$(swift build -c release --show-bin-path)/lantern"
fi
WORK=$(mktemp -d)
SERVER_PID=
trap bench_cleanup EXIT
export LANTERN_BCRYPT_COST=4 LOG_LEVEL=warning LANTERN_TICKET_RATE_LIMIT=off DATABASE_URL="sqlite:$WORK/flood.sqlite"

port=$(free_port)
"$LANTERN" serve --demo --hostname 127.0.0.1 --port "$port" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
demo_widget=$(curl -sf "http://127.0.0.1:$port/demo" | sed -n 's/.*id="demo-widget-id">\([0-9]*\)<.*/\1/p')
setup=$("$LANTERN" setup --account "Flood Co" --admin-email flood@bench.example --admin-password bench-password --json)
widget=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["widget_id"])' <<<"$setup")
api_key=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["api_key"])' <<<"$setup")

python3 - "$port" "$SERVER_PID" "$demo_widget" "$widget" "$api_key" "$UPLOADS" "$FILE_MIB" <<'PY'
import hashlib, http.client, json, os, sys, threading, time
port, pid, demo_widget, widget, api_key, uploads, file_mib = sys.argv[1:8]
port, uploads, file_mib = int(port), int(uploads), int(file_mib)

def status(pid):
    fields = {}
    for line in open(f"/proc/{pid}/status"):
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0]) // 1024
    return fields

queries = ["password", "invoice", "export", "reset password", "billing", "account", "widget", "sign in"]
def search_loop(stop, latencies):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    index = 0
    while not stop.is_set():
        query = queries[index % len(queries)].replace(" ", "+")
        index += 1
        started = time.perf_counter()
        connection.request("GET", f"/widget/v1/widgets/{demo_widget}/articles?query={query}")
        response = connection.getresponse()
        response.read()
        latencies.append((time.perf_counter() - started) * 1000)
        if response.status != 200:
            raise SystemExit(f"search answered {response.status}")

def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p / 100))]

def build_body(index):
    boundary = f"----LanternFlood{index:04d}"
    parts, files = [], []
    for name, value in [("name", "Flood Visitor"), ("email", f"flood{index}@bench.example"),
                        ("subject", f"flood {index}"), ("description", "Two large attachments.")]:
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for n in range(2):
        data = b"\x89PNG\r\n\x1a\n" + os.urandom(file_mib * 1024 * 1024 - 8)
        files.append((len(data), hashlib.sha256(data).hexdigest()))
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="attachments[]"; filename="big{n}.png"\r\n'
                     'Content-Type: image/png\r\n\r\n'.encode() + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return boundary, b"".join(parts), files

bodies = [build_body(i) for i in range(uploads)]
# The first search starts building the demo account's in-memory index; wait until it answers.
warm = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
for _ in range(1200):
    warm.request("GET", f"/widget/v1/widgets/{demo_widget}/articles?query=password")
    response = warm.getresponse(); response.read()
    if "desc=memory" in (response.getheader("Server-Timing") or ""):
        break
    time.sleep(0.1)
# At rest.
stop, rest = threading.Event(), []
searcher = threading.Thread(target=search_loop, args=(stop, rest)); searcher.start()
time.sleep(3); stop.set(); searcher.join()
before = status(pid)

results = [None] * uploads
def upload(i):
    boundary, body, files = bodies[i]
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    try:
        connection.request("POST", f"/widget/v1/widgets/{widget}/tickets", body=body,
                           headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
        response = connection.getresponse()
        payload = response.read()
        results[i] = (response.status, payload, files)
    except Exception as error:
        results[i] = ("error: " + type(error).__name__, b"", files)

stop, during = threading.Event(), []
searcher = threading.Thread(target=search_loop, args=(stop, during)); searcher.start()
started = time.perf_counter()
workers = [threading.Thread(target=upload, args=(i,)) for i in range(uploads)]
for worker in workers: worker.start()
for worker in workers: worker.join()
flood_seconds = time.perf_counter() - started
stop.set(); searcher.join()
after = status(pid)

accepted = [r for r in results if r[0] == 201]
refused = [r for r in results if r[0] == 503]
other = [r[0] for r in results if r[0] not in (201, 503)]
complete = 0
for status_code, payload, files in accepted:
    ticket_id = json.loads(payload)["id"]
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", f"/api/v2/tickets/{ticket_id}", headers={"Authorization": f"Bearer {api_key}"})
    detail = json.loads(connection.getresponse().read())
    stored = [(a["size"], a["sha256"]) for a in detail["attachments"]]
    downloaded = []
    for position in range(len(stored)):
        connection.request("GET", f"/api/v2/tickets/{ticket_id}/attachments/{position}", headers={"Authorization": f"Bearer {api_key}"})
        data = connection.getresponse().read()
        downloaded.append((len(data), hashlib.sha256(data).hexdigest()))
    if stored == files and downloaded == files:
        complete += 1
print(f"uploads: {uploads} × 2 × {file_mib} MiB in {flood_seconds:.1f} s: {len(accepted)} accepted (201), {len(refused)} refused (503)"
      + (f", other: {other}" if other else "") + f"; {complete}/{len(accepted)} accepted tickets complete (sizes and SHA-256 match)")
print(f"search at rest: {len(rest)} requests, p50 {percentile(rest, 50):.1f} ms, p99 {percentile(rest, 99):.1f} ms")
print(f"search during the flood: {len(during)} requests, p50 {percentile(during, 50):.1f} ms, p99 {percentile(during, 99):.1f} ms, max {max(during):.1f} ms")
print(f"server RSS: before {before['VmRSS']} MiB, after {after['VmRSS']} MiB (growth {after['VmRSS'] - before['VmRSS']} MiB); peak (VmHWM) {after['VmHWM']} MiB")
if complete != len(accepted):
    raise SystemExit("an accepted ticket is incomplete")
PY
