#!/usr/bin/env bash
# Checks the widget-token examples in examples/ against a real Lantern server: each generator (Ruby, Node.js,
# Python, Swift) signs a token, which must sign a customer in (POST /widget/v1/widgets/{id}/session → 200 with
# the right contact) and pass `lantern token inspect`. Installs Ruby's jwt gem, Node.js and PyJWT when missing.
#
# Run from anywhere after `swift build --build-tests` (it uses the built `lantern` and `lantern-token-example`):
#   scripts/check-examples.sh
# LANTERN_BIN_DIR=DIR uses binaries from DIR instead of `swift build --show-bin-path`.
set -euo pipefail
cd "$(dirname "$0")/.."

# --- Tools: install what is missing, never relying on the machine ----------------------------------------------

if [ "$(id -u)" = 0 ]; then SUDO=(); else SUDO=(sudo); fi
APT_UPDATED=0
apt_install() {
    if [ "$APT_UPDATED" = 0 ]; then
        "${SUDO[@]}" apt-get update -qq
        APT_UPDATED=1
    fi
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

if ! command -v python3 >/dev/null 2>&1; then
    echo "==> Installing python3"
    apt_install python3 python3-pip
fi
if ! command -v curl >/dev/null 2>&1; then
    echo "==> Installing curl"
    apt_install curl
fi
if ! ruby -e 'require "jwt"' >/dev/null 2>&1; then
    # Debian's ruby-jwt does not pull in the interpreter itself, so ask for both.
    echo "==> Installing Ruby and ruby-jwt"
    apt_install ruby ruby-jwt
fi
if ! command -v node >/dev/null 2>&1; then
    echo "==> Installing Node.js"
    apt_install nodejs
fi
if ! python3 -c 'import jwt' >/dev/null 2>&1; then
    echo "==> Installing PyJWT"
    if ! PIP_ROOT_USER_ACTION=ignore python3 -m pip install -q -r examples/python/requirements.txt; then
        # A Debian python3 without pip, or one that refuses pip (PEP 668): use Debian's PyJWT instead.
        apt_install python3-jwt
    fi
fi

# --- The binaries -----------------------------------------------------------------------------------------------

BIN="${LANTERN_BIN_DIR:-$(swift build --show-bin-path)}"
LANTERN="$BIN/lantern"
SWIFT_EXAMPLE="$BIN/lantern-token-example"
for binary in "$LANTERN" "$SWIFT_EXAMPLE"; do
    if [ ! -x "$binary" ]; then
        echo "check-examples: $binary is missing; run 'swift build --build-tests' first" >&2
        exit 1
    fi
done

# --- A throwaway account and server -----------------------------------------------------------------------------

TMP=$(mktemp -d)
SERVER_PID=""
cleanup() {
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    rm -rf "$TMP"
}
trap cleanup EXIT

export DATABASE_URL="sqlite:$TMP/lantern.sqlite"
export LANTERN_BCRYPT_COST=4
export LOG_LEVEL=warning

echo "==> Creating an account"
"$LANTERN" setup --account Examples --admin-email admin@examples.test --admin-password examples-pass --json \
    >"$TMP/setup.json"
json_field() { python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"; }
WIDGET_ID=$(json_field "$TMP/setup.json" widget_id)
SECRET=$(json_field "$TMP/setup.json" shared_secret)

PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
echo "==> Starting lantern serve on 127.0.0.1:$PORT"
"$LANTERN" serve --hostname 127.0.0.1 --port "$PORT" >"$TMP/server.log" 2>&1 &
SERVER_PID=$!
BASE="http://127.0.0.1:$PORT"
DEADLINE=$((SECONDS + 60))
until curl -sf --max-time 5 "$BASE/healthz" >/dev/null 2>&1; do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
        echo "check-examples: lantern serve exited early:" >&2
        cat "$TMP/server.log" >&2
        exit 1
    fi
    if [ "$SECONDS" -ge "$DEADLINE" ]; then
        echo "check-examples: lantern serve did not answer /healthz within 60 s:" >&2
        cat "$TMP/server.log" >&2
        exit 1
    fi
    sleep 0.5
done

# --- Each example ------------------------------------------------------------------------------------------------


PASSED=0
FAILED=0
fail() {
    echo "example $1: FAILED: $2" >&2
    FAILED=$((FAILED + 1))
}

for lang in ruby node python swift; do
    NAME="Ex Ample $lang"
    EMAIL="$lang@examples.test"
    case "$lang" in
        ruby) GENERATOR=(ruby examples/ruby/lantern_token.rb) ;;
        node) GENERATOR=(node examples/node/lantern_token.js) ;;
        python) GENERATOR=(python3 examples/python/lantern_token.py) ;;
        swift) GENERATOR=("$SWIFT_EXAMPLE") ;;
    esac
    if ! TOKEN=$(env -u LANTERN_TOKEN_TTL LANTERN_SHARED_SECRET="$SECRET" LANTERN_USER_NAME="$NAME" \
        LANTERN_USER_EMAIL="$EMAIL" "${GENERATOR[@]}" 2>"$TMP/$lang.stderr"); then
        fail "$lang" "the generator failed:"
        cat "$TMP/$lang.stderr" >&2
        continue
    fi
    if [ -z "$TOKEN" ] || [ "$(printf '%s\n' "$TOKEN" | wc -l)" != 1 ]; then
        fail "$lang" "the generator must print exactly one line (the token), it printed:"
        printf '%s\n' "$TOKEN" >&2
        continue
    fi

    BODY=$(python3 -c 'import json, sys; print(json.dumps({"token": sys.argv[1]}))' "$TOKEN")
    STATUS=$(curl -s --max-time 30 -o "$TMP/$lang.response" -w '%{http_code}' -X POST \
        -H 'Content-Type: application/json' --data "$BODY" \
        "$BASE/widget/v1/widgets/$WIDGET_ID/session" || true)
    if [ "$STATUS" != 200 ]; then
        fail "$lang" "POST /widget/v1/widgets/$WIDGET_ID/session answered HTTP $STATUS:"
        cat "$TMP/$lang.response" >&2
        echo >&2
        continue
    fi
    if ! python3 -c '
import json, sys
response = json.load(open(sys.argv[1]))
contact = response["contact"]
assert contact["email"] == sys.argv[2], "contact.email is %r" % contact["email"]
assert contact["name"] == sys.argv[3], "contact.name is %r" % contact["name"]
assert response["session_token"], "no session_token"
' "$TMP/$lang.response" "$EMAIL" "$NAME" 2>"$TMP/$lang.check"; then
        fail "$lang" "the session response is not for $EMAIL ($(tail -n 1 "$TMP/$lang.check")):"
        cat "$TMP/$lang.response" >&2
        echo >&2
        continue
    fi

    if ! "$LANTERN" token inspect "$TOKEN" --secret "$SECRET" >"$TMP/$lang.inspect" 2>&1; then
        fail "$lang" "lantern token inspect rejects the token:"
        cat "$TMP/$lang.inspect" >&2
        continue
    fi

    echo "example $lang: token accepted"
    PASSED=$((PASSED + 1))
done

if [ "$FAILED" != 0 ]; then
    echo "--- lantern serve's log:" >&2
    cat "$TMP/server.log" >&2
fi
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" = 0 ]
