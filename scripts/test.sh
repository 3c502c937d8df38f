#!/usr/bin/env bash
# Runs Lantern's whole test suite: the Swift tests on SQLite, then again on a throwaway PostgreSQL server.
# Installs what it needs (PostgreSQL, Postfix, Ruby's jwt gem, Node.js, PyJWT, snowballstemmer) when missing. Usage: scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/postgres.sh
trap stop_postgres EXIT

export LANTERN_BCRYPT_COST=4
# At most 12 tests at a time (Swift Testing otherwise starts all ~300 at once): on two cores an unbounded start
# starved timing-sensitive tests (8 concurrent sign-ins took 20 s instead of 2) without making the suite faster.
export SWT_EXPERIMENTAL_MAXIMUM_PARALLELIZATION_WIDTH=${SWT_EXPERIMENTAL_MAXIMUM_PARALLELIZATION_WIDTH:-12}

echo "==> Building (debug, with tests)"
swift build --build-tests

echo "==> Stemming fixtures are Snowball's own output (PyPI snowballstemmer)"
python3 -c 'import snowballstemmer' 2>/dev/null || python3 -m pip install --quiet 'snowballstemmer==3.1.1'
python3 scripts/generate-stemming-fixtures.py --check

echo "==> Token generator examples (Ruby, Node.js, Python, Swift) against a running server"
scripts/check-examples.sh

echo "==> Swift tests on SQLite"
env -u LANTERN_TEST_DATABASE_URL -u DATABASE_URL swift test --skip-build
scripts/contract-test.sh

echo "==> Swift tests on PostgreSQL"
start_postgres
LANTERN_TEST_DATABASE_URL="$LANTERN_PG_URL" env -u DATABASE_URL swift test --skip-build
stop_postgres

echo "==> Fault test: PostgreSQL restarted under load"
benchmarks/postgres-restart.sh "$(swift build --show-bin-path)/lantern"

echo "==> Fuzzing: token, sanitiser, form decoder, multipart reader, mail reader (libFuzzer, 15 s each)"
scripts/fuzz.sh

echo "==> Browser tests of the widget (headless Chromium, server on SQLite)"
scripts/e2e.sh

echo "==> Mail through a real Postfix (STARTTLS, SMTP AUTH, Maildir, pipe transport, kill -9 of the server)"
scripts/mail-test.sh

echo "==> All test suites passed on SQLite and PostgreSQL"
