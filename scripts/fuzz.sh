#!/usr/bin/env bash
# Fuzzes the parsers that read untrusted bytes with libFuzzer (the Swift toolchain's `-sanitize=fuzzer`, with
# AddressSanitizer): the widget token, the HTML sanitiser, the URL-encoded form decoder, the multipart reader and the
# mail (MIME) reader.
# Each target starts from its seed corpus in fuzz/corpus/TARGET (never written to: new inputs go to a scratch
# folder) and runs for FUZZ_SECONDS (default 15) seconds. A crash, a failed invariant, a leak or an input that takes
# over FUZZ_TIMEOUT seconds (default 5) fails the run and leaves the input in artifacts/fuzz/.
#
#   scripts/fuzz.sh                    # every target, 15 s each (what scripts/test.sh runs)
#   FUZZ_SECONDS=3600 scripts/fuzz.sh sanitizer   # a long run of one target
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_EACH=${FUZZ_SECONDS:-15}
TIMEOUT=${FUZZ_TIMEOUT:-5}
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(token sanitizer form multipart mail)

# Release (optimised, as fuzzing wants speed) and lld: gold fails on the sanitiser runtimes' debug information.
BUILD=(swift build --scratch-path .build-fuzz -c release --product lantern-fuzz
       -Xswiftc -sanitize=fuzzer,address -Xswiftc -D -Xswiftc FUZZING -Xswiftc -use-ld=lld)
echo "==> Building the fuzz targets (libFuzzer + AddressSanitizer, .build-fuzz)"
"${BUILD[@]}" 2>&1 | grep -E "error|Build of product" || true
BINARY="$(swift build --scratch-path .build-fuzz -c release --show-bin-path)/lantern-fuzz"
[ -x "$BINARY" ] || { echo "fuzz: the build made no $BINARY" >&2; exit 1; }

mkdir -p artifacts/fuzz
WORK=$(mktemp -d /tmp/lantern-fuzz.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
for target in "${TARGETS[@]}"; do
    [ -d "fuzz/corpus/$target" ] || { echo "fuzz: no target $target (fuzz/corpus/$target)" >&2; exit 2; }
    mkdir -p "$WORK/$target"
    echo "==> Fuzzing $target for ${SECONDS_EACH}s from $(ls "fuzz/corpus/$target" | wc -l) seeds"
    if ! LANTERN_FUZZ_TARGET="$target" "$BINARY" -max_total_time="$SECONDS_EACH" -timeout="$TIMEOUT" -rss_limit_mb=2048 \
        -max_len=65536 -print_final_stats=1 -artifact_prefix="artifacts/fuzz/$target-" \
        "$WORK/$target" "fuzz/corpus/$target" >"$WORK/$target.log" 2>&1; then
        tail -n 40 "$WORK/$target.log" >&2
        echo "fuzz: $target found a failing input (artifacts/fuzz/$target-*)" >&2
        exit 1
    fi
    grep -E "stat::number_of_executed_units|stat::new_units_added" "$WORK/$target.log" | sed "s/^/    $target /"
done
echo "==> Fuzzing found nothing"
