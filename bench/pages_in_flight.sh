#!/usr/bin/env bash
# Pages in flight: a paged offset scan (BENCH_ROWS rows in pages of BENCH_PAGE_SIZE) through the
# FDW with max_concurrent_requests 4 (pages asked for 4 at once after a full page) and 1 (one
# after another), against curl fetching the same pages one after another on one keep-alive
# connection. Twice: against a remote that waits BENCH_LATENCY_MS before answering each page
# (as one whose time goes to its database, not its own CPU: the test server's `slow` fault),
# and against the bare test server, whose single node process spends its own CPU on every page
# (pages in flight then wait for each other there). Prints medians and ratios of the same run;
# no absolute limit. Fails only on errors or wrong results.
#
# Needs what scan_vs_wire.sh needs (bench/run.sh sets it up): PG* for psql, GRAPHQL_URL, curl.
#   BENCH_RUNS (5), BENCH_ROWS (20000), BENCH_PAGE_SIZE (1000), BENCH_LATENCY_MS (50)
set -euo pipefail
: "${GRAPHQL_URL:?set GRAPHQL_URL to the test server URL, e.g. http://127.0.0.1:54410/graphql}"
export LC_ALL=C
RUNS="${BENCH_RUNS:-5}"
ROWS="${BENCH_ROWS:-20000}"
PAGE_SIZE="${BENCH_PAGE_SIZE:-1000}"
LATENCY="${BENCH_LATENCY_MS:-50}"
for n in "$RUNS" "$ROWS" "$PAGE_SIZE" "$LATENCY"; do
  [[ "$n" =~ ^[0-9]+$ ]] || { echo "BENCH_* must be whole numbers" >&2; exit 2; }
done
command -v curl >/dev/null || { echo "curl not found" >&2; exit 2; }

PSQL=(psql -X -q -At -v ON_ERROR_STOP=1)
TMP="$(mktemp -d)"
cleanup() {
  local status=$?
  "${PSQL[@]}" -c "SET client_min_messages = warning; DROP SERVER IF EXISTS rr_bench_flight_slow, rr_bench_flight_plain CASCADE;" >/dev/null 2>&1 || true
  rm -rf "$TMP"
  exit "$status"
}
trap cleanup EXIT
source "$(dirname "${BASH_SOURCE[0]}")/stats.sh"

"${PSQL[@]}" -v slow="$GRAPHQL_URL?fault=slow&ms=$LATENCY" -v plain="$GRAPHQL_URL" -v rows="$ROWS" -v page="$PAGE_SIZE" <<'SQL'
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS remote_relationship;
SELECT format('{"total": %s}', :'rows') AS args \gset
CREATE SERVER rr_bench_flight_slow FOREIGN DATA WRAPPER remote_relationship OPTIONS (url :'slow');
CREATE SERVER rr_bench_flight_plain FOREIGN DATA WRAPPER remote_relationship OPTIONS (url :'plain');
CREATE USER MAPPING FOR PUBLIC SERVER rr_bench_flight_slow;
CREATE USER MAPPING FOR PUBLIC SERVER rr_bench_flight_plain;
CREATE FOREIGN TABLE rr_bench_flight_slow_t (id int, user_id int, amount numeric, status text) SERVER rr_bench_flight_slow
  OPTIONS (query_field 'bigOrders', pagination 'offset', page_size :'page', arguments :'args',
           argument_types '{"limit": "Int", "offset": "Int", "total": "Int"}');
CREATE FOREIGN TABLE rr_bench_flight_plain_t (id int, user_id int, amount numeric, status text) SERVER rr_bench_flight_plain
  OPTIONS (query_field 'bigOrders', pagination 'offset', page_size :'page', arguments :'args',
           argument_types '{"limit": "Int", "offset": "Int", "total": "Int"}');
SQL

QUERY_TAIL="count(*), count(DISTINCT id), sum(amount)"
EXPECTED="$ROWS|$ROWS|$((5 * ROWS * (ROWS + 1) + ROWS / 2)).$(( (ROWS % 2) * 5 ))"

fdw_times() {  # fdw_times SERVER CONCURRENCY: RUNS timings (ms) of the scan, one a line
  local server=$1 concurrency=$2
  "${PSQL[@]}" -c "ALTER SERVER rr_bench_$server OPTIONS (ADD max_concurrent_requests '$concurrency')" >/dev/null
  local result
  result="$("${PSQL[@]}" -c "SELECT $QUERY_TAIL FROM rr_bench_${server}_t")"  # warm-up, checked
  [ "$result" = "$EXPECTED" ] || { say "wrong result $result (expected $EXPECTED)"; exit 1; }
  { echo '\timing on'; for _ in $(seq 1 "$RUNS"); do echo "SELECT $QUERY_TAIL FROM rr_bench_${server}_t;"; done; } |
    "${PSQL[@]}" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p'
  "${PSQL[@]}" -c "ALTER SERVER rr_bench_$server OPTIONS (DROP max_concurrent_requests)" >/dev/null
}

curl_times() {  # curl_times URL: RUNS timings (ms) of the same pages fetched one after another
  local url=$1 document
  document="query RemoteRelationshipScan(\$limit: Int, \$offset: Int, \$total: Int) { bigOrders(limit: \$limit, offset: \$offset, total: \$total) { id user_id amount status } }"
  local args=() offset=0
  while :; do
    printf '{"query": "%s", "variables": {"limit": %d, "offset": %d, "total": %d}}' "$document" \
      "$PAGE_SIZE" "$offset" "$ROWS" >"$TMP/page-$offset.json"
    [ "${#args[@]}" -gt 0 ] && args+=(--next)
    args+=(-s -o /dev/null -H 'Content-Type: application/json' --data-binary "@$TMP/page-$offset.json" "$url")
    [ "$offset" -ge "$ROWS" ] && break  # the empty page that ends the scan, as the FDW asks for it
    offset=$((offset + PAGE_SIZE))
  done
  curl "${args[@]}"  # warm-up
  for _ in $(seq 1 "$RUNS"); do
    local start end
    start=$(date +%s%N)
    curl "${args[@]}"
    end=$(date +%s%N)
    awk -v ns=$((end - start)) 'BEGIN { printf "%.3f\n", ns / 1e6 }'
  done
}

pages=$(( (ROWS + PAGE_SIZE - 1) / PAGE_SIZE + 1 ))
spreads=()
printf '%-34s %10s %10s %10s %12s %12s\n' remote "curl ms" "fdw 4 ms" "fdw 1 ms" "fdw 4/curl" "fdw 1/curl"
for case in slow plain; do
  if [ "$case" = slow ]; then url="$GRAPHQL_URL?fault=slow&ms=$LATENCY"; label="waits ${LATENCY} ms a page"; else url="$GRAPHQL_URL"; label="own CPU only (one node process)"; fi
  curl_times "$url" >"$TMP/curl-$case"
  fdw_times "flight_$case" 4 >"$TMP/fdw4-$case"
  fdw_times "flight_$case" 1 >"$TMP/fdw1-$case"
  c=$(median <"$TMP/curl-$case"); f4=$(median <"$TMP/fdw4-$case"); f1=$(median <"$TMP/fdw1-$case")
  printf '%-34s %10s %10s %10s %12s %12s\n' "$label" "$c" "$f4" "$f1" \
    "$(awk -v a="$f4" -v b="$c" 'BEGIN { printf "%.2fx", a / b }')" "$(awk -v a="$f1" -v b="$c" 'BEGIN { printf "%.2fx", a / b }')"
  if [ "$case" = slow ]; then
    ratio=$(awk -v a="$f4" -v b="$c" 'BEGIN { printf "%.2f", a / b }')
    table_row "paged offset scan, 4 in flight vs curl's pages one after another, remote waiting ${LATENCY} ms a page" \
      "$(summary "$TMP/fdw4-$case" ms)" "$(summary "$TMP/curl-$case" ms)" "${ratio}x" "<= 0.6x" "$(meets "$ratio" '<=' 0.6)"
  fi
  spreads+=("  $label: min-max ms curl $(spread <"$TMP/curl-$case"), fdw 4 $(spread <"$TMP/fdw4-$case"), fdw 1 $(spread <"$TMP/fdw1-$case")")
done
echo "$ROWS rows in pages of $PAGE_SIZE ($pages requests a scan), median of $RUNS runs each"
printf '%s\n' "${spreads[@]}"
