#!/usr/bin/env bash
# In-process widget-token verification: Lantern's full policy (release build) vs PyJWT's jwt.decode on the same
# token, and the floor: one HMAC-SHA256 over the signing input. Installs PyJWT when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/bench.sh
python3 -c 'import jwt' 2>/dev/null || python3 -m pip install -q -r examples/python/requirements.txt
swift build -c release --product token-benchmark >/dev/null
swift_result=$("$(swift build -c release --show-bin-path)/token-benchmark")
token=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])' <<<"$swift_result")
secret=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["secret"])' <<<"$swift_result")
python_result=$(python3 benchmarks/pyjwt_verify.py "$token" "$secret")
summary=$(python3 - "$swift_result" "$python_result" <<'PY'
import json, sys
s, p = json.loads(sys.argv[1]), json.loads(sys.argv[2])
lantern, floor, pyjwt = s["lantern_verify_median_us"], s["hmac_sha256_floor_median_us"], p["pyjwt_decode_median_us"]
print(f"token: {s['token_bytes']} bytes")
print(f"Lantern WidgetTokenPolicy.verify   {lantern:8.2f} µs (median)")
print(f"PyJWT {p['pyjwt_version']} jwt.decode        {pyjwt:8.2f} µs  -> Lantern is {pyjwt / lantern:.1f}x faster")
print(f"floor: one HMAC-SHA256             {floor:8.2f} µs  -> Lantern is {lantern / floor:.1f}x the floor")
PY
)
echo "$summary"
bench_record "token verification (in-process)" "-" "$(python3 - "$swift_result" "$python_result" <<'PY'
import json, sys
s, p = json.loads(sys.argv[1]), json.loads(sys.argv[2])
print(f"Lantern {s['lantern_verify_median_us']:.1f} µs, PyJWT {p['pyjwt_decode_median_us']:.1f} µs, HMAC floor {s['hmac_sha256_floor_median_us']:.1f} µs")
PY
)"
