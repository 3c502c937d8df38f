#!/usr/bin/env bash
# Runs one benchmark script against two builds in one go, on the same machine and disk: first with the release
# binary in BASE_BIN_DIR (e.g. the build a change starts from, kept aside), then with this checkout's release
# build, then the base again, so that a drift of the machine during the run shows. Each run's output is labelled.
# CURRENT_BIN_DIR=DIR compares against DIR/lantern instead of building this checkout.
# Usage: benchmarks/compare-builds.sh BASE_BIN_DIR SCRIPT [ARGUMENTS...]
#   e.g. MIXED_CONNECTIONS=8 benchmarks/compare-builds.sh /tmp/base benchmarks/mixed-load.sh 2m 10000 sqlite
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 2 ] || { sed -n '2,7p' "$0" >&2; exit 2; }
BASE=$(cd "$1" && pwd)
SCRIPT=$2
shift 2
[ -x "$BASE/lantern" ] || { echo "no lantern binary in $BASE" >&2; exit 2; }
if [ -n "${CURRENT_BIN_DIR:-}" ]; then
  CURRENT=$(cd "$CURRENT_BIN_DIR" && pwd)
else
  swift build -c release --product lantern >/dev/null
  CURRENT="$(swift build -c release --show-bin-path)"
fi
for run in "base:$BASE" "current:$CURRENT" "base again:$BASE"; do
  echo "=== ${run%%:*} ($(${run#*:}/lantern --version 2>/dev/null || echo lantern))"
  LANTERN_BIN_DIR="${run#*:}" "$SCRIPT" "$@"
done
