#!/usr/bin/env bash
# Browser tests of the embeddable widget: headless Chromium (Debian's chromium + chromium-driver) driven by
# Selenium from PyPI, against `lantern serve --demo` on a temporary SQLite database, with the "customer's site"
# served from another origin by a small Python server. Installs what is missing. Screenshots and timings go to
# artifacts/e2e/. Run after `swift build` (uses the built `lantern`):   scripts/e2e.sh [pytest arguments]
# LANTERN_BIN_DIR=DIR uses the binaries in DIR instead of `swift build --show-bin-path`.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" = 0 ]; then SUDO=(); else SUDO=(sudo); fi
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
    echo "==> Installing chromium and chromium-driver"
    "${SUDO[@]}" apt-get update -qq
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi
if ! python3 -c 'import selenium, pytest' >/dev/null 2>&1; then
    echo "==> Installing selenium and pytest"
    if ! PIP_ROOT_USER_ACTION=ignore python3 -m pip install -q -r Tests/e2e/requirements.txt; then
        "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-selenium python3-pytest >/dev/null
    fi
fi

BIN="${LANTERN_BIN_DIR:-$(swift build --show-bin-path)}"
if [ ! -x "$BIN/lantern" ]; then
    echo "e2e: $BIN/lantern is missing; run 'swift build' first" >&2
    exit 1
fi
mkdir -p artifacts/e2e
LANTERN_BIN="$BIN/lantern" python3 -m pytest -q -p no:cacheprovider Tests/e2e "$@"
