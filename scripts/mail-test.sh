#!/usr/bin/env bash
# Mail tests with a real MTA: a throwaway Postfix from Debian's packages on loopback (scripts/lib/mta.sh: STARTTLS
# with a throwaway certificate, SMTP AUTH through Cyrus SASL) that `lantern serve` relays through, whose Maildir the
# tests read, and whose pipe transport feeds `lantern mail receive`; and a browser test in headless Chromium (an agent's
# reply in the portal reaches the Maildir, and its link opens the ticket in /support). Server on a temporary SQLite
# database.
# Run after `swift build`:   scripts/mail-test.sh [pytest arguments]
# LANTERN_BIN_DIR=DIR uses the binaries in DIR instead of `swift build --show-bin-path`.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/mta.sh

if [ "$(id -u)" = 0 ]; then SUDO=(); else SUDO=(sudo); fi
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
    echo "==> Installing chromium and chromium-driver (the browser test)"
    "${SUDO[@]}" apt-get update -qq
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi
if ! python3 -c 'import selenium, pytest' >/dev/null 2>&1; then
    echo "==> Installing selenium and pytest"
    PIP_ROOT_USER_ACTION=ignore python3 -m pip install -q -r Tests/e2e/requirements.txt
fi
BIN="${LANTERN_BIN_DIR:-$(swift build --show-bin-path)}"
[ -x "$BIN/lantern" ] || { echo "mail-test: $BIN/lantern is missing; run 'swift build' first" >&2; exit 1; }

# The database and spool folders are shared with the pipe transport, which runs `lantern mail receive` as nobody.
WORK=$(mktemp -d /tmp/lantern-mail-test.XXXXXX)
chmod 777 "$WORK"
mkdir -m 777 "$WORK/tmp"
trap 'stop_mta; rm -rf "$WORK"' EXIT
export MAIL_TEST_DATABASE="sqlite:$WORK/lantern.sqlite"
DATABASE_URL="$MAIL_TEST_DATABASE" LOG_LEVEL=warning "$BIN/lantern" migrate >/dev/null
# SQLite gives the -wal and -shm files the database file's owner and mode.
chown nobody "$WORK/lantern.sqlite"
chmod 666 "$WORK/lantern.sqlite"
export MAIL_TEST_FROM="Brightbill Support <support@support.test>"
MTA_PIPE_ARGV="/usr/bin/env DATABASE_URL=$MAIL_TEST_DATABASE TMPDIR=$WORK/tmp LANTERN_MAIL_FROM=support@support.test LOG_LEVEL=warning $BIN/lantern mail receive --recipient \${recipient}"
start_mta

LANTERN_BIN="$BIN/lantern" MAIL_TEST_WORK="$WORK" python3 -m pytest -q -p no:cacheprovider Tests/mail "$@"
