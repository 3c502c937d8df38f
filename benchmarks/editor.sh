#!/usr/bin/env bash
# The article editor's weight and speed: Public/portal/editor.js gzipped (as `gzip -6`, what a server's on-the-fly
# compression gives), and the time to open an article of 5,000 words in it in headless Chromium (median and worst of
# RUNS opens; see benchmarks/editor/open_article.py). Installs chromium, chromium-driver and selenium when missing.
#   benchmarks/editor.sh [RUNS]     (default 10)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/bench.sh
if [ "$(id -u)" = 0 ]; then SUDO=(); else SUDO=(sudo); fi
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
    "${SUDO[@]}" apt-get update -qq
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi
if ! python3 -c 'import selenium' >/dev/null 2>&1; then
    PIP_ROOT_USER_ACTION=ignore python3 -m pip install -q -r Tests/e2e/requirements.txt \
        || "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-selenium >/dev/null
fi
raw=$(wc -c <Public/portal/editor.js)
gz=$(gzip -6 -c Public/portal/editor.js | wc -c)
kib() { awk -v b="$1" 'BEGIN { printf "%.2f KiB", b / 1024 }'; }
result=$(python3 benchmarks/editor/open_article.py "${1:-10}")
read -r words editor_median editor_max page_median save_median < <(python3 -c '
import json, sys
r = json.loads(sys.argv[1])
print(r["words"], r["editor_ms"]["median"], r["editor_ms"]["max"], r["page_ms"]["median"], r["save_ms"]["median"])' "$result")
echo "Article editor (Public/portal/editor.js): $(kib "$raw") as served, $(kib "$gz") gzipped; no dependency."
echo "Opening an article of $words words in headless Chromium: editor ready in ${editor_median} ms median (worst ${editor_max} ms);"
echo "  the page from navigation to a ready editor ${page_median} ms median; saving (cleaning to the sanitiser's form) ${save_median} ms."
bench_record "article editor" "-" "editor.js $(kib "$gz") gzipped; opens a $words-word article in ${editor_median} ms (median; worst ${editor_max} ms)"
