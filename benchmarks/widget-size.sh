#!/usr/bin/env bash
# Gzipped sizes of what the widget makes a browser download, as Lantern serves it (compressed on the fly):
# the loader (budget 6 KiB) and everything the panel loads: frame page, script, style sheet (budget 40 KiB).
#   benchmarks/widget-size.sh [BASE_URL] [WIDGET_ID]     (default: http://127.0.0.1:8080 and widget 1)
# Without a running server (no BASE_URL reachable) it gzips the files in Public/widget/ at level 6 instead.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/bench.sh
BASE="${1:-http://127.0.0.1:8080}"
WIDGET="${2:-1}"
kib() { awk -v b="$1" 'BEGIN { printf "%.2f KiB", b / 1024 }'; }
size_url() { curl -fsS -H 'Accept-Encoding: gzip' "$BASE$1" | wc -c; }
if curl -fsS -o /dev/null "$BASE/widget/v1/loader.js" 2>/dev/null; then
    source="served by $BASE"
    loader=$(size_url /widget/v1/loader.js)
    frame_html=$(curl -fsS --compressed "$BASE/widget/v1/widgets/$WIDGET/frame")
    frame=$(size_url "/widget/v1/widgets/$WIDGET/frame")
    js=$(size_url "$(grep -o '/widget/v1/assets/widget.js?v=[0-9a-f]*' <<<"$frame_html")")
    css=$(size_url "$(grep -o '/widget/v1/assets/widget.css?v=[0-9a-f]*' <<<"$frame_html")")
else
    source="gzip -6 of Public/widget/ (no server at $BASE)"
    gz() { gzip -6 -c "Public/widget/$1" | wc -c; }
    loader=$(gz loader.js); frame=$(gz frame.html); js=$(gz widget.js); css=$(gz widget.css)
fi
panel=$((frame + js + css))
echo "Widget sizes, gzipped ($source):"
echo "  loader.js                      $(kib "$loader")   (budget 6 KiB)"
echo "  panel: frame page              $(kib "$frame")"
echo "         widget.js               $(kib "$js")"
echo "         widget.css              $(kib "$css")"
echo "         total                   $(kib "$panel")   (budget 40 KiB, before the API's JSON)"
bench_record "widget size, gzipped" "-" "loader $(kib "$loader") (budget 6 KiB), panel $(kib "$panel") (budget 40 KiB)"
[ "$loader" -le 6144 ] && [ "$panel" -le 40960 ]
