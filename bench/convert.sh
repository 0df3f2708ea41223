#!/usr/bin/env bash
# Conversion microbenchmark: values a second one core converts from remote text to Datums of
# the column types, through the scan's own conversion (bench/convert/convert_bench.cpp: Google
# Benchmark inside a backend). Builds and installs the module, runs BENCH_REPETITIONS (5)
# repetitions of BENCH_MIN_TIME (0.2) seconds per type, prints the median and the spread.
# The goal, 5 M values/s/core, is for the scalar types; jsonb has none.
#
# Needs psql (PG* set, remote_relationship built), libbenchmark-dev; bench/run.sh sets it up.
set -euo pipefail
export LC_ALL=C
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPETITIONS="${BENCH_REPETITIONS:-5}"
MIN_TIME="${BENCH_MIN_TIME:-0.2}"
PSQL=(psql -X -q -At -v ON_ERROR_STOP=1)
SUDO="${SUDO-}"
if [ -z "$SUDO" ] && [ "$(id -u)" -ne 0 ]; then SUDO=sudo; fi
source "$BENCH_DIR/stats.sh"
TMP="$(mktemp -d)"
cleanup() {
  local status=$?
  "${PSQL[@]}" -c "SET client_min_messages = warning; DROP SCHEMA IF EXISTS rr_bench_convert CASCADE;" >/dev/null 2>&1 || true
  rm -rf "$TMP"
  exit "$status"
}
trap cleanup EXIT

make -C "$BENCH_DIR/convert" >/dev/null
$SUDO make -C "$BENCH_DIR/convert" install >/dev/null
"${PSQL[@]}" <<'SQL'
SET client_min_messages = warning;
DROP SCHEMA IF EXISTS rr_bench_convert CASCADE;
CREATE SCHEMA rr_bench_convert;
CREATE FUNCTION rr_bench_convert.convert_bench(min_time float8, repetitions int)
  RETURNS TABLE (type text, repetitions int, values_per_second float8, min_values_per_second float8,
                 max_values_per_second float8)
  AS '$libdir/rr_convert_bench', 'rr_convert_bench' LANGUAGE C STRICT;
SQL
"${PSQL[@]}" -F $'\t' -c "SELECT type, repetitions, values_per_second / 1e6, min_values_per_second / 1e6, max_values_per_second / 1e6
  FROM rr_bench_convert.convert_bench($MIN_TIME, $REPETITIONS)" >"$TMP/results"
[ "$(wc -l <"$TMP/results")" -ge 10 ] || { cat "$TMP/results" >&2; echo "the conversion benchmark returned too few types" >&2; exit 1; }
printf '%-20s %12s %16s\n' "column type" "M values/s" "min-max"
while IFS=$'\t' read -r type reps median low high; do
  m=$(printf '%.1f' "$median"); range=$(printf '%.1f-%.1f' "$low" "$high")
  printf '%-20s %12s %16s\n' "$type" "$m" "$range"
  if [[ "$type" == jsonb* ]]; then goal="-"; met="-"; else goal=">= 5 M values/s"; met=$(meets "$m" '>=' 5); fi
  table_row "conversion, $type (one core)" "$m M values/s ($range)" "-" "-" "$goal" "$met"
done <"$TMP/results"
echo "median of $REPETITIONS repetitions of ${MIN_TIME} s each; ConvertCell on 1 024 distinct values a type, the memory context reset every 1 024"
