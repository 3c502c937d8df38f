#!/usr/bin/env bash
# Runs Schemathesis against a live `lantern serve`, from the OpenAPI document the server itself serves at
# /openapi.json: no response may be a 5xx, and every status code, content type and JSON body must be one the
# document allows. Installs Schemathesis (PyPI) when missing.
#
#   scripts/contract-test.sh              # on a throwaway SQLite file
#   scripts/contract-test.sh --postgres   # on a throwaway PostgreSQL server (scripts/lib/postgres.sh)
#
# Run after `swift build` (it uses the built `lantern`; LANTERN_BIN_DIR=DIR uses binaries from DIR instead).
# CONTRACT_MAX_EXAMPLES (default 25) bounds the generated cases per operation and phase; CONTRACT_SEED
# (default 20261125) makes runs repeatable; any other seed explores other inputs.
set -euo pipefail
cd "$(dirname "$0")/.."

SCHEMATHESIS_VERSION=4.32.5
SPEC_VALIDATOR_VERSION=0.9.0
MAX_EXAMPLES=${CONTRACT_MAX_EXAMPLES:-25}
SEED=${CONTRACT_SEED:-20261125}
USE_POSTGRES=0
for argument in "$@"; do
    case "$argument" in
        --postgres) USE_POSTGRES=1 ;;
        *) echo "usage: scripts/contract-test.sh [--postgres]" >&2; exit 2 ;;
    esac
done

echo "==> API contract: Schemathesis against a live lantern serve, from its /openapi.json"

# --- Tools ---------------------------------------------------------------------------------------------------------

if ! python3 -c 'import schemathesis, sys; sys.exit(schemathesis.__version__.split(".")[0] != "4")' >/dev/null 2>&1; then
    echo "==> Installing Schemathesis $SCHEMATHESIS_VERSION (PyPI)"
    PIP_ROOT_USER_ACTION=ignore python3 -m pip install -q --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi

if ! python3 -c 'import openapi_spec_validator' >/dev/null 2>&1; then
    echo "==> Installing openapi-spec-validator $SPEC_VALIDATOR_VERSION (PyPI)"
    PIP_ROOT_USER_ACTION=ignore python3 -m pip install -q --disable-pip-version-check "openapi-spec-validator==$SPEC_VALIDATOR_VERSION"
fi

BIN="${LANTERN_BIN_DIR:-$(swift build --show-bin-path)}"
LANTERN="$BIN/lantern"
if [ ! -x "$LANTERN" ]; then
    echo "==> Building lantern"
    swift build --product lantern
fi

# --- A throwaway database, account and server ---------------------------------------------------------------------

TMP=$(mktemp -d /tmp/lantern-contract.XXXXXX)
SERVER_PID=""
cleanup() {
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    if [ "$USE_POSTGRES" = 1 ]; then stop_postgres; fi
    if [ -n "${CONTRACT_KEEP_DIR:-}" ]; then rm -rf "$CONTRACT_KEEP_DIR"; cp -r "$TMP" "$CONTRACT_KEEP_DIR"; fi
    rm -rf "$TMP"
}
trap cleanup EXIT

if [ "$USE_POSTGRES" = 1 ]; then
    source scripts/lib/postgres.sh
    start_postgres
    export DATABASE_URL="$LANTERN_PG_URL"
else
    export DATABASE_URL="sqlite:$TMP/lantern.sqlite"
fi
export LANTERN_BCRYPT_COST=4
export LANTERN_TICKET_RATE_LIMIT=${LANTERN_TICKET_RATE_LIMIT:-100/60}
export LOG_LEVEL=${LOG_LEVEL:-warning}

"$LANTERN" setup --account "Contract Test" --admin-email admin@contract.test --admin-password contract-pass --json \
    >"$TMP/setup.json"

PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
BASE="http://127.0.0.1:$PORT"
echo "==> lantern serve on $BASE ($(echo "$DATABASE_URL" | cut -d: -f1))"
"$LANTERN" serve --hostname 127.0.0.1 --port "$PORT" >"$TMP/server.log" 2>&1 &
SERVER_PID=$!
DEADLINE=$((SECONDS + 60))
until curl -sf --max-time 5 "$BASE/healthz" >/dev/null 2>&1; do
    if ! kill -0 "$SERVER_PID" 2>/dev/null || [ "$SECONDS" -ge "$DEADLINE" ]; then
        echo "contract-test: lantern serve did not come up:" >&2
        cat "$TMP/server.log" >&2
        exit 1
    fi
    sleep 0.5
done

# --- The document itself: valid OpenAPI 3.1 (openapi-spec-validator), as the server serves it --------------------

curl -sf --max-time 10 "$BASE/openapi.json" -o "$TMP/openapi.json"
python3 - "$TMP/openapi.json" <<'PY'
import json, sys
from openapi_spec_validator import OpenAPIV31SpecValidator, validate
document = json.load(open(sys.argv[1]))
validate(document, cls=OpenAPIV31SpecValidator)
print(f"==> openapi.json is valid OpenAPI {document['openapi']} ({len(document['paths'])} paths)")
PY

# --- Fixtures: real resources for the path parameters, so requests reach past the 404s ---------------------------
# Each item operation gets its own resource; DELETE operations get throwaway ones, so that deleting does not take
# the others' resources away. Writes schemathesis.toml with those ids.

python3 - "$BASE" "$TMP/setup.json" "$TMP/schemathesis.toml" "$MAX_EXAMPLES" <<'PY'
import base64, json, sys, urllib.request, uuid

base, setup_path, config_path, max_examples = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
setup = json.load(open(setup_path))
auth = "Basic " + base64.b64encode(f"{setup['api_key']}:X".encode()).decode()

def call(method, path, body=None, headers=None, raw=None):
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    request = urllib.request.Request(base + path, data=data, method=method)
    request.add_header("Authorization", auth)
    if body is not None:
        request.add_header("Content-Type", "application/json")
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read() or b"null")

def create(path, body):
    return call("POST", path, body)["id"]

category = create("/api/v2/solutions/categories", {"name": "Billing", "description": "Invoices and payments"})
category_to_delete = create("/api/v2/solutions/categories", {"name": "Old category"})
folder = create(f"/api/v2/solutions/categories/{category}/folders", {"name": "Invoices"})
folder_to_delete = create(f"/api/v2/solutions/categories/{category}/folders", {"name": "Old folder"})
article = create(f"/api/v2/solutions/folders/{folder}/articles",
                 {"title": "Change your password", "description": "<p>Open <b>Settings</b> and choose a new password.</p>",
                  "status": 2, "tags": ["account"]})
call("POST", f"/api/v2/solutions/articles/{article}/fr", {"title": "Changer de mot de passe", "description": "<p>Ouvrez les réglages.</p>"})
article_to_delete = create(f"/api/v2/solutions/folders/{folder}/articles", {"title": "Old article", "description": "<p>Old</p>"})
company = create("/api/v2/companies", {"name": "Acme", "domains": ["acme.example"]})
company_to_delete = create("/api/v2/companies", {"name": "Old company"})
contact = create("/api/v2/contacts", {"name": "Alice", "email": "alice@acme.example", "company_ids": [company]})
contact_to_delete = create("/api/v2/contacts", {"name": "Old contact", "email": "old@acme.example"})
admin_widget = create("/api/v2/widgets", {"name": "Admin API widget"})
widget = setup["widget_id"]
call("POST", f"/widget/v1/widgets/{widget}/articles/{article}/feedback", {"helpful": True})
boundary = uuid.uuid4().hex
parts = [(None, "name", "Bob"), (None, "email", "bob@example.com"), (None, "subject", "Invoice"),
         (None, "description", "Where is my invoice?"), ("notes.txt", "attachments[]", "see attached")]
form = b""
for filename, name, value in parts:
    disposition = f'form-data; name="{name}"' + (f'; filename="{filename}"' if filename else "")
    form += f"--{boundary}\r\nContent-Disposition: {disposition}\r\n".encode()
    form += (b"Content-Type: text/plain\r\n" if filename else b"") + b"\r\n" + value.encode() + b"\r\n"
form += f"--{boundary}--\r\n".encode()
ticket = call("POST", f"/widget/v1/widgets/{widget}/tickets", raw=form,
              headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})["id"]
ticket_field = create("/api/v2/ticket_fields", {"label": "Order number", "type": "custom_number"})
ticket_field_to_delete = create("/api/v2/ticket_fields", {"label": "Old field", "type": "custom_text"})
call("POST", f"/api/v2/solutions/categories/{category}/fr", {"name": "Facturation"})
call("POST", f"/api/v2/solutions/folders/{folder}/fr", {"name": "Factures"})

overrides = [
    ("/api/v2/solutions/categories/{id}", ["GET", "PUT"], {"path.id": category}),
    ("/api/v2/solutions/categories/{id}", ["DELETE"], {"path.id": category_to_delete}),
    ("/api/v2/solutions/categories/{id}/folders", ["GET", "POST"], {"path.id": category}),
    ("/api/v2/solutions/folders/{id}", ["GET", "PUT"], {"path.id": folder}),
    ("/api/v2/solutions/folders/{id}", ["DELETE"], {"path.id": folder_to_delete}),
    ("/api/v2/solutions/folders/{id}/articles", ["GET", "POST"], {"path.id": folder}),
    ("/api/v2/solutions/articles/{id}", ["GET", "PUT"], {"path.id": article}),
    ("/api/v2/solutions/articles/{id}", ["DELETE"], {"path.id": article_to_delete}),
    ("/api/v2/solutions/articles/{id}/{language}", ["GET", "PUT", "POST"], {"path.id": article, "path.language": "fr"}),
    ("/api/v2/solutions/articles/{id}/votes", ["GET"], {"path.id": article}),
    ("/api/v2/companies/{id}", ["GET", "PUT"], {"path.id": company}),
    ("/api/v2/companies/{id}", ["DELETE"], {"path.id": company_to_delete}),
    ("/api/v2/contacts/{id}", ["GET", "PUT"], {"path.id": contact}),
    ("/api/v2/contacts/{id}", ["DELETE"], {"path.id": contact_to_delete}),
    ("/api/v2/widgets/{id}", ["GET", "PUT"], {"path.id": admin_widget}),
    ("/api/v2/tickets/{id}", ["GET", "PUT"], {"path.id": ticket}),
    ("/api/v2/tickets/{id}/conversations", ["GET"], {"path.id": ticket}),
    ("/api/v2/tickets/{id}/reply", ["POST"], {"path.id": ticket}),
    ("/api/v2/tickets/{id}/notes", ["POST"], {"path.id": ticket}),
    ("/api/v2/tickets/{id}/attachments/{position}", ["GET"], {"path.id": ticket, "path.position": 0}),
    ("/widget/v1/widgets/{widget_id}", ["GET"], {"path.widget_id": widget}),
    ("/widget/v1/widgets/{widget_id}/session", ["POST"], {"path.widget_id": widget}),
    ("/widget/v1/widgets/{widget_id}/categories", ["GET"], {"path.widget_id": widget}),
    ("/widget/v1/widgets/{widget_id}/articles", ["GET"], {"path.widget_id": widget}),
    ("/widget/v1/widgets/{widget_id}/articles/{article_id}", ["GET"], {"path.widget_id": widget, "path.article_id": article}),
    ("/widget/v1/widgets/{widget_id}/articles/{article_id}/feedback", ["POST"], {"path.widget_id": widget, "path.article_id": article}),
    ("/widget/v1/widgets/{widget_id}/tickets", ["POST"], {"path.widget_id": widget}),
    ("/api/v2/ticket_fields/{id}", ["PUT"], {"path.id": ticket_field}),
    ("/api/v2/ticket_fields/{id}", ["DELETE"], {"path.id": ticket_field_to_delete}),
    ("/api/v2/solutions/categories/{id}/{language}", ["GET", "PUT", "POST"], {"path.id": category, "path.language": "fr"}),
    ("/api/v2/solutions/folders/{id}/{language}", ["GET", "PUT", "POST"], {"path.id": folder, "path.language": "fr"}),
]
with open(config_path, "w") as config:
    # Strings that have broken servers before (NUL, other control characters, markup, SQL, odd Unicode) stand in
    # for a quarter of all generated strings: random text alone seldom contains them.
    hostile = ["\u0000", "a\u0000b", " \u0000 ", "\u0001", "\u001f", "\u007f", "tab\there", "line\nbreak", "\r\n",
               "<script>alert(1)</script>", "<p onclick=x>hi</p>", "' OR 1=1 --", "%00", "\\", "\"", "😀", "e\u0301",
               "\ufeff", "\u202eevil", "9999999999999999999999", "-1", "null", "", " ", "x" * 300,
               "alice@acme.example", "ALICE@ACME.EXAMPLE", "https://hooks.example.com/\u0000", "fr", "en-US", "zz"]
    toml_values = json.dumps(hostile, ensure_ascii=False).replace("\x7f", "\\u007f")  # TOML wants DEL escaped
    config.write("[dictionaries.hostile]\nvalues = " + toml_values + "\n\n")
    config.write(f"[generation]\nmax-examples = {max_examples}\n")
    config.write('dictionaries = { string = { dictionary = "hostile", probability = 0.25 } }\n\n')
    # The type-wide binding covers parameters; body fields need naming (every string field of a request body).
    config.write("[parameters]\n")
    for field in ["name", "description", "title", "email", "subject", "website", "token", "url", "language", "label", "type",
                  "default_language", "tags[*]", "domains[*]", "allowed_origins[*]"]:
        config.write(f'"body.{field}" = {{ dictionary = "hostile", probability = 0.25 }}\n')
    config.write("\n")
    for path, methods, parameters in overrides:
        config.write("[[operations]]\n")
        # One filter on "METHOD /path" names: separate include-path and include-method filters would match either.
        config.write(f"include-name = {json.dumps([f'{method} {path}' for method in methods])}\n")
        config.write("parameters = { " + ", ".join(f"{json.dumps(k)} = {json.dumps(v)}" for k, v in parameters.items()) + " }\n\n")
print(f"==> Fixtures: category {category}, folder {folder}, article {article}, company {company}, contact {contact}, "
      f"widget {widget}, ticket {ticket}")
PY

# --- Schemathesis -------------------------------------------------------------------------------------------------

API_KEY=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["api_key"])' "$TMP/setup.json")
echo "==> Schemathesis $(python3 -c 'import schemathesis; print(schemathesis.__version__)') against $BASE/openapi.json" \
     "(at most $MAX_EXAMPLES examples per operation, seed $SEED)"
STATUS=0
# From the temporary directory: Schemathesis keeps a cache of failures in .schemathesis/ where it runs. One worker:
# with two, Hypothesis parses sources in two threads at once, which CPython 3.11's ast module does not survive
# ("SystemError: AST constructor recursion depth mismatch", reported as a Schemathesis runtime error).
(cd "$TMP" && python3 -m schemathesis.cli --config-file "$TMP/schemathesis.toml" run "$BASE/openapi.json" \
    --url "$BASE" \
    --auth "$API_KEY:X" \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
    --seed "$SEED" \
    --workers 1 \
    --request-timeout 30 \
    --suppress-health-check all \
    --output-truncate false \
    --report junit --report-junit-path "$TMP/junit.xml" \
    ${CONTRACT_EXTRA_ARGS:-}) || STATUS=$?

if [ "$STATUS" != 0 ]; then
    echo "--- lantern serve's log (errors only):" >&2
    grep -iE 'error|critical|fatal' "$TMP/server.log" | tail -n 40 >&2 || true
    echo "contract-test: Schemathesis found responses that contradict openapi.json (exit $STATUS)" >&2
fi
exit "$STATUS"
