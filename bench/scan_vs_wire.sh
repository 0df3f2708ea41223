#!/usr/bin/env bash
# How much the FDW adds on top of the network + remote server: times the same paged scan
# (a) through the FDW in PostgreSQL and (b) with a bare client that sends the very same
# requests over one keep-alive connection and JSON.parses the bodies (bench/wire.js), and
# prints the ratio of the medians. Both sides are measured in the same run against the same
# server, alternating run by run, so the ratio means something on a noisy machine; there is no
# absolute time limit. It fails only on errors: a failed query, a wrong result, or requests
# that differ between the two sides (checked in the test server's request log).
#
# Needs a running PostgreSQL with remote_relationship installed (PGHOST, PGPORT, PGUSER,
# PGDATABASE as for psql), the test GraphQL server (test/server) at $GRAPHQL_URL, psql and
# node. bench/run.sh sets all of that up itself. Creates the server rr_bench_gql and its
# foreign tables, and drops them again on exit.
#
#   BENCH_WARMUP (1)  unmeasured runs per side before the measured ones
#   BENCH_RUNS   (9)  measured runs per side; the median is reported
#   BENCH_ROWS   (20000), BENCH_PAGE_SIZE (1000)
set -euo pipefail
: "${GRAPHQL_URL:?set GRAPHQL_URL to the test server URL, e.g. http://127.0.0.1:54410/graphql}"
export LC_ALL=C

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
WARMUP="${BENCH_WARMUP:-1}"
RUNS="${BENCH_RUNS:-9}"
ROWS="${BENCH_ROWS:-20000}"
PAGE_SIZE="${BENCH_PAGE_SIZE:-1000}"
for n in "$WARMUP" "$RUNS" "$ROWS" "$PAGE_SIZE"; do
  [[ "$n" =~ ^[0-9]+$ ]] || { echo "BENCH_* must be whole numbers" >&2; exit 2; }
done
[ "$RUNS" -ge 1 ] && [ "$ROWS" -ge 1 ] && [ "$PAGE_SIZE" -ge 1 ] || { echo "BENCH_RUNS, BENCH_ROWS and BENCH_PAGE_SIZE must be >= 1" >&2; exit 2; }
command -v psql >/dev/null || { echo "psql not found" >&2; exit 2; }
command -v node >/dev/null || { echo "node not found" >&2; exit 2; }

PSQL=(psql -X -q -At -v ON_ERROR_STOP=1)
SERVER=rr_bench_gql
QUERY="SELECT count(*), sum(amount), count(status), count(created_at), count(user_id) FROM"
# sum(amount) of ids 1..N with amount = id*10 + 0.5, as numeric prints it (one decimal).
EXPECTED_ROW="$ROWS|$((5 * ROWS * (ROWS + 1) + ROWS / 2)).$(( (ROWS % 2) * 5 ))|$ROWS|$ROWS|$ROWS"

TMP="$(mktemp -d)"
cleanup() {
  local status=$?
  "${PSQL[@]}" -c "SET client_min_messages = warning; DROP SERVER IF EXISTS $SERVER CASCADE;" >/dev/null 2>&1 || true
  rm -rf "$TMP"
  exit "$status"
}
trap cleanup EXIT
source "$(dirname "${BASH_SOURCE[0]}")/stats.sh"
mean() { awk 'NF { s += $1; n++ } END { if (n == 0) exit 1; printf "%.1f", s / n }'; }

say "bench: setting up foreign tables over $GRAPHQL_URL"
"${PSQL[@]}" -v url="$GRAPHQL_URL" -v rows="$ROWS" -v page="$PAGE_SIZE" <<'SQL'
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS remote_relationship;
DROP SERVER IF EXISTS rr_bench_gql CASCADE;
CREATE SERVER rr_bench_gql FOREIGN DATA WRAPPER remote_relationship OPTIONS (url :'url');
CREATE USER MAPPING FOR PUBLIC SERVER rr_bench_gql;
SELECT format('{"total": %s}', :'rows') AS args \gset
CREATE FOREIGN TABLE rr_bench_relay (id int, user_id int, amount numeric, status text, created_at text)
  SERVER rr_bench_gql OPTIONS (query_field 'bigOrdersConnection', pagination 'relay', page_size :'page', arguments :'args');
CREATE FOREIGN TABLE rr_bench_offset (id int, user_id int, amount numeric, status text, created_at text)
  SERVER rr_bench_gql OPTIONS (query_field 'bigOrders', pagination 'offset', page_size :'page', arguments :'args');
-- The test server's request log (reading it is not logged): checks that both sides sent the same
-- requests (document and variables compared as text).
CREATE FOREIGN TABLE rr_bench_log (seq int, document text, variables text, client_port int)
  SERVER rr_bench_gql OPTIONS (query_field '_requests');
SQL

wire_field() {  # wire_field VARIANT NAME: one field of wire.js's answer; lists one element a line
  node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); const v = r[process.argv[2]];
           console.log(Array.isArray(v) ? v.join("\n") : String(v))' "$TMP/wire-$1.json" "$2"
}
last_seq() { "${PSQL[@]}" -c "SELECT coalesce(max(seq), 0) FROM rr_bench_log"; }

results=()   # "variant rows requests fdw_ms wire_ms"
details=()
for variant in relay offset; do
  table="rr_bench_$variant"
  if [ "$variant" = relay ]; then field=bigOrdersConnection; else field=bigOrders; fi

  # The exact request the FDW sends: document and first page's variables from EXPLAIN VERBOSE.
  explain="$("${PSQL[@]}" -c "EXPLAIN (VERBOSE, COSTS OFF) $QUERY $table")"
  document="$(sed -n 's/^ *Remote GraphQL: //p' <<<"$explain")"
  variables="$(sed -n 's/^ *Remote Variables: //p' <<<"$explain")"
  [ -n "$document" ] && [ -n "$variables" ] || { say "no Remote GraphQL / Remote Variables in EXPLAIN:"; say "$explain"; exit 1; }
  say "bench: $variant: $document"
  say "bench: $variant: variables of the first page: $variables"

  # FDW side: EXPLAIN ANALYZE once, in a session of its own (Remote Requests/Pages/Bytes),
  # after a plain EXPLAIN that makes the session's one introspection request, so that the
  # counters are those of the scan alone.
  seq_start="$(last_seq)"
  "${PSQL[@]}" -c "EXPLAIN (COSTS OFF) $QUERY $table" \
    -c "EXPLAIN (ANALYZE, VERBOSE, COSTS OFF, TIMING OFF, SUMMARY OFF) $QUERY $table" >"$TMP/analyze-$variant.out"
  grep -E '^ *Remote (Requests|Pages|Rows|Bytes Received):' "$TMP/analyze-$variant.out" | sed 's/^ *//' >"$TMP/analyze-$variant"
  fdw_requests="$(sed -n 's/^Remote Requests: //p' "$TMP/analyze-$variant")"
  fdw_bytes="$(sed -n 's/^Remote Bytes Received: \([0-9]*\).*/\1/p' "$TMP/analyze-$variant")"
  [ -n "$fdw_requests" ] && [ -n "$fdw_bytes" ] || { say "no Remote Requests / Bytes in EXPLAIN ANALYZE:"; cat "$TMP/analyze-$variant.out" >&2; exit 1; }

  # The timed runs: bench/wire.js alternates the query through the FDW (one psql session,
  # timed by \timing) with the same requests from the bare client (one keep-alive connection).
  say "bench: $variant: $WARMUP warm-up + $RUNS measured runs of each side, alternating"
  node "$BENCH_DIR/wire.js" --url "$GRAPHQL_URL" --document "$document" --variables "$variables" \
    --pagination "$variant" --field "$field" --warmup "$WARMUP" --runs "$RUNS" \
    --fdw-sql "$QUERY $table" >"$TMP/wire-$variant.json"
  wire_requests="$(wire_field "$variant" requests)"; wire_rows="$(wire_field "$variant" rows)"; wire_bytes="$(wire_field "$variant" bytes)"
  wire_connections="$(wire_field "$variant" connections)"; wire_port="$(wire_field "$variant" local_port)"
  wire_field "$variant" wire_ms >"$TMP/wire-$variant.ms"
  wire_field "$variant" wire_parse_ms >"$TMP/parse-$variant.ms"
  wire_field "$variant" fdw_ms >"$TMP/fdw-$variant.ms"
  wire_field "$variant" fdw_results >"$TMP/fdw-$variant.results"
  wire_field "$variant" wire_cpu_ms >"$TMP/wire-cpu-$variant.ms"
  wire_field "$variant" fdw_cpu_ms >"$TMP/fdw-cpu-$variant.ms"

  # Every FDW run returned the right row; both sides read every row with as many requests.
  if [ "$(grep -c -x -F "$EXPECTED_ROW" "$TMP/fdw-$variant.results" || true)" -ne "$RUNS" ]; then
    say "FDW results are wrong: expected $RUNS times '$EXPECTED_ROW', got:"; cat "$TMP/fdw-$variant.results" >&2; exit 1
  fi
  [ "$(wc -l <"$TMP/fdw-$variant.ms")" -eq "$RUNS" ] && [ "$(wc -l <"$TMP/wire-$variant.ms")" -eq "$RUNS" ] ||
    { say "wrong number of timings"; cat "$TMP/wire-$variant.json" >&2; exit 1; }
  [ "$wire_rows" -eq "$ROWS" ] || { say "the wire client read $wire_rows rows, expected $ROWS"; exit 1; }
  [ "$wire_requests" -eq "$fdw_requests" ] || { say "request counts differ: FDW $fdw_requests, wire $wire_requests"; exit 1; }
  [ "$wire_connections" -eq 1 ] || { say "the wire client opened $wire_connections connections"; exit 1; }

  # The server's log: the same documents and variables from both sides, the wire's on one
  # connection (its local port); every page was asked for once per scan on each side.
  check="$("${PSQL[@]}" -F ' ' -v doc="$document" -v s0="$seq_start" -v port="$wire_port" <<SQL
WITH log AS (
  SELECT variables, client_port, client_port = :port AS wire
  FROM rr_bench_log WHERE seq > :s0 AND document = :'doc'),
per_request AS (
  SELECT variables, count(*) FILTER (WHERE NOT wire) AS fdw, count(*) FILTER (WHERE wire) AS wire
  FROM log GROUP BY variables)
SELECT (SELECT count(*) FROM per_request),
       (SELECT count(*) FROM per_request WHERE fdw <> $((1 + WARMUP + RUNS)) OR wire <> $((WARMUP + RUNS))),
       (SELECT count(DISTINCT client_port) FROM log WHERE NOT wire);
SQL
)"
  read -r distinct mismatched fdw_ports <<<"$check"
  if [ "$distinct" -ne "$fdw_requests" ] || [ "$mismatched" -ne 0 ]; then
    say "the FDW and the wire client did not send the same requests (server log: $distinct distinct requests, $mismatched counted wrong)"; exit 1
  fi
  say "bench: $variant: server log: both sides sent the same $distinct requests per scan; connections: wire 1, FDW $fdw_ports (its EXPLAIN ANALYZE session and its timed session)"

  fdw_ms="$(median <"$TMP/fdw-$variant.ms")"
  wire_ms="$(median <"$TMP/wire-$variant.ms")"
  results+=("$variant $ROWS $fdw_requests $fdw_ms $wire_ms")
  details+=("$variant: EXPLAIN ANALYZE: $(paste -sd, "$TMP/analyze-$variant" | sed 's/,/, /g'); wire client received $wire_bytes bytes")
  details+=("$variant: FDW ms: $(paste -sd' ' "$TMP/fdw-$variant.ms"); wire ms: $(paste -sd' ' "$TMP/wire-$variant.ms")")
  details+=("$variant: median of the per-run ratios (runs alternate, paired in order): $(paste "$TMP/fdw-$variant.ms" "$TMP/wire-$variant.ms" | awk '{ printf "%.4f\n", $1 / $2 }' | sort -n | awk '{ v[NR] = $1 } END { printf "%.2fx", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')")
  details+=("$variant: of the wire's median, JSON.parse took $(median <"$TMP/parse-$variant.ms") ms a scan (median); the rest is waiting for and receiving the answers")
  if grep -q '[0-9]' "$TMP/fdw-cpu-$variant.ms"; then  # the backend's /proc was readable
    details+=("$variant: CPU time a scan (mean): FDW backend $(mean <"$TMP/fdw-cpu-$variant.ms") ms (10 ms ticks), wire client $(mean <"$TMP/wire-cpu-$variant.ms") ms")
  fi
  details+=("$variant: remote GraphQL: $document")
  [ "$wire_bytes" -eq "$fdw_bytes" ] || details+=("$variant: note: the FDW received $fdw_bytes bytes, the wire client $wire_bytes")
done

echo
echo "FDW scan vs the same requests from a bare client (bench/wire.js), $ROWS rows in pages of $PAGE_SIZE"
echo "query: $QUERY <table>"
echo "(median of $RUNS runs after $WARMUP warm-up; $(nproc 2>/dev/null || echo '?') cores; $(date -u '+%Y-%m-%d %H:%M UTC'))"
echo
printf '%-8s %7s %9s %9s %9s %9s %14s\n' variant rows requests fdw_ms wire_ms fdw/wire "extra/request"
for line in "${results[@]}"; do
  read -r variant rows requests fdw_ms wire_ms <<<"$line"
  awk -v v="$variant" -v r="$rows" -v q="$requests" -v f="$fdw_ms" -v w="$wire_ms" 'BEGIN {
    printf "%-8s %7d %9d %9.1f %9.1f %8.2fx %11.2f ms\n", v, r, q, f, w, (w > 0 ? f / w : 0), (f - w) / q }'
done
echo
for line in "${details[@]}"; do echo "$line"; done
for variant in relay offset; do
  ratio=$(awk -v a="$(median <"$TMP/fdw-$variant.ms")" -v b="$(median <"$TMP/wire-$variant.ms")" 'BEGIN { printf "%.2f", a / b }')
  table_row "paged scan vs a bare node client, test server, $variant, $ROWS rows in pages of $PAGE_SIZE" \
    "$(summary "$TMP/fdw-$variant.ms" ms)" "$(summary "$TMP/wire-$variant.ms" ms)" "${ratio}x" "<= 1.05x" "$(meets "$ratio" '<=' 1.05)"
done
