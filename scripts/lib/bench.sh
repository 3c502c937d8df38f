# Shared by the benchmark scripts: bench_record BENCHMARK DATABASE RESULT appends one row to the table that
# scripts/bench assembles (the file named by $BENCH_TSV); without BENCH_TSV it does nothing.
bench_record() {
  if [ -n "${BENCH_TSV:-}" ]; then printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$BENCH_TSV"; fi
}
