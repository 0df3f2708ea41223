#!/usr/bin/env bash
# Scan vs the wire, one document: all columns of N rows (N in BENCH_SIZES, "1000 20000
# 200000") read (a) through the FDW into an aggregate over every column and (b) by curl, the
# same document and variables (the FDW's, from EXPLAIN VERBOSE) from the same server into
# /dev/null. Against two remotes:
#   - canned: bench/canned_server.js answers every request with one pre-serialized body of N
#     rows x 7 columns (int, int, numeric, text, timestamptz, text, boolean): the client's own
#     cost, as the server does no work;
#   - test server: test/server/server.js's bigOrders(total: N, limit: N), 5 columns, built by
#     graphql-js for each request.
# The sides alternate run by run (FDW, curl, curl, FDW, ...) after one warm-up each; prints the
# medians, spreads and ratios. Fails only on errors or a wrong result.
#
# Needs psql (PG* set, remote_relationship installed), node, curl and GRAPHQL_URL (the test
# server); bench/run.sh sets it up.  BENCH_RUNS (7), BENCH_SIZES, RR_CANNED_PORT (54425)
set -euo pipefail
export LC_ALL=C
RUNS="${BENCH_RUNS:-7}"
SIZES="${BENCH_SIZES:-1000 20000 200000}"
PORT="${RR_CANNED_PORT:-54425}"
: "${GRAPHQL_URL:?set GRAPHQL_URL to the test server URL}"
for n in $RUNS $SIZES $PORT; do
  [[ "$n" =~ ^[0-9]+$ ]] && [ "$n" -gt 0 ] || { echo "BENCH_RUNS, BENCH_SIZES and RR_CANNED_PORT must be positive whole numbers" >&2; exit 2; }
done
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$BENCH_DIR/stats.sh"
PSQL=(psql -X -q -At -v ON_ERROR_STOP=1)
TMP="$(mktemp -d)"
server_pid=""
stop_canned() {
  [ -n "$server_pid" ] || return 0
  kill "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
}
cleanup() {
  local status=$?
  stop_canned
  "${PSQL[@]}" -c "SET client_min_messages = warning; DROP SERVER IF EXISTS rr_bench_canned, rr_bench_one CASCADE;" >/dev/null 2>&1 || true
  rm -rf "$TMP"
  exit "$status"
}
trap cleanup EXIT
CANNED_URL="http://127.0.0.1:$PORT/graphql"

"${PSQL[@]}" -v canned="$CANNED_URL" -v gql="$GRAPHQL_URL" <<'SQL'
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS remote_relationship;
DROP SERVER IF EXISTS rr_bench_canned, rr_bench_one CASCADE;
CREATE SERVER rr_bench_canned FOREIGN DATA WRAPPER remote_relationship OPTIONS (url :'canned', max_response_bytes '1073741823');
CREATE USER MAPPING FOR PUBLIC SERVER rr_bench_canned;
CREATE FOREIGN TABLE rr_bench_canned_t (id int, user_id int, amount numeric, status text, created_at timestamptz,
  note text, paid boolean) SERVER rr_bench_canned OPTIONS (query_field 'cannedOrders', pagination 'none', argument_types '{}');
CREATE SERVER rr_bench_one FOREIGN DATA WRAPPER remote_relationship OPTIONS (url :'gql', max_response_bytes '1073741823');
CREATE USER MAPPING FOR PUBLIC SERVER rr_bench_one;
SQL

# measure NAME QUERY URL: RUNS timings of each side into $TMP/NAME.fdw and $TMP/NAME.curl;
# the result row into $TMP/NAME.result.
measure() {
  local name=$1 query=$2 url=$3 explain document variables body
  explain="$("${PSQL[@]}" -c "EXPLAIN (VERBOSE, COSTS OFF) $query")"
  document="$(sed -n 's/^ *Remote GraphQL: //p' <<<"$explain")"
  variables="$(sed -n 's/^ *Remote Variables: //p' <<<"$explain")"
  [ -n "$document" ] || { say "no Remote GraphQL in: $explain"; exit 1; }
  body="$(node -e 'process.stdout.write(JSON.stringify({query: process.argv[1], variables: JSON.parse(process.argv[2] || "{}")}))' \
    "$document" "$variables")"
  printf '%s' "$body" >"$TMP/$name.body"
  "${PSQL[@]}" -c "$query" >"$TMP/$name.result"
  curl -sf -o /dev/null -H 'Content-Type: application/json' --data-binary @"$TMP/$name.body" "$url"
  # One psql session for both sides (curl through \!), so that no run pays for a new backend.
  : >"$TMP/$name.curl"
  {
    echo "$query;"  # warm-up: the session's first scan loads the catalogs and opens the connection
    echo '\timing on'
    for i in $(seq 1 "$RUNS"); do
      if [ $((i % 2)) -eq 1 ]; then order="fdw curl"; else order="curl fdw"; fi
      for side in $order; do
        if [ "$side" = fdw ]; then
          echo "$query;"
        else
          echo "\\! curl -sf -o /dev/null -w '%{time_total}\\n' -H 'Content-Type: application/json' --data-binary @$TMP/$name.body '$url' >>$TMP/$name.curl"
        fi
      done
    done
  } | "${PSQL[@]}" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' >"$TMP/$name.fdw"
  awk '{ printf "%.3f\n", $1 * 1000 }' "$TMP/$name.curl" >"$TMP/$name.curl.ms" && mv "$TMP/$name.curl.ms" "$TMP/$name.curl"
  [ "$(wc -l <"$TMP/$name.fdw")" -eq "$RUNS" ] && [ "$(wc -l <"$TMP/$name.curl")" -eq "$RUNS" ] ||
    { say "$name: expected $RUNS timings of each side"; exit 1; }
}

rows_out=()
for n in $SIZES; do
  stop_canned
  node "$BENCH_DIR/canned_server.js" --port "$PORT" --rows "$n" >"$TMP/server.log" 2>&1 &
  server_pid=$!
  wait_listening "$TMP/server.log" "$server_pid" "the canned server"
  bytes=$(sed -n 's/.*(\([0-9]*\) bytes.*/\1/p' "$TMP/server.log")
  measure "canned-$n" "SELECT count(*), sum(id), sum(user_id), sum(amount), count(status), max(created_at), count(note), count(*) FILTER (WHERE paid) FROM rr_bench_canned_t" "$CANNED_URL"
  [ "$(cut -d'|' -f1 <"$TMP/canned-$n.result")" = "$n" ] || { say "wrong result: $(cat "$TMP/canned-$n.result")"; exit 1; }
  rows_out+=("canned|$n|7|$bytes")

  "${PSQL[@]}" -c "SET client_min_messages = warning; DROP FOREIGN TABLE IF EXISTS rr_bench_one_t;
    CREATE FOREIGN TABLE rr_bench_one_t (id int, user_id int, amount numeric, status text, created_at timestamptz)
      SERVER rr_bench_one OPTIONS (query_field 'bigOrders', pagination 'none', arguments '{\"total\": $n, \"limit\": $n}',
        argument_types '{\"total\": \"Int\", \"limit\": \"Int\"}');"
  measure "server-$n" "SELECT count(*), sum(id), sum(user_id), sum(amount), count(status), max(created_at) FROM rr_bench_one_t" "$GRAPHQL_URL"
  [ "$(cut -d'|' -f1 <"$TMP/server-$n.result")" = "$n" ] || { say "wrong result: $(cat "$TMP/server-$n.result")"; exit 1; }
  rows_out+=("server|$n|5|$(curl -sf -o /dev/null -w '%{size_download}' -H 'Content-Type: application/json' --data-binary @"$TMP/server-$n.body" "$GRAPHQL_URL")")
done

printf '%-13s %8s %8s %10s %20s %20s %9s\n' remote rows columns bytes "curl ms" "fdw ms" fdw/curl
for entry in "${rows_out[@]}"; do
  IFS='|' read -r remote n columns bytes <<<"$entry"
  name="$remote-$n"; label=$([ "$remote" = canned ] && echo "canned body" || echo "test server")
  c=$(median <"$TMP/$name.curl"); f=$(median <"$TMP/$name.fdw")
  ratio=$(awk -v a="$f" -v b="$c" 'BEGIN { printf "%.2f", a / b }')
  printf '%-13s %8s %8s %10s %20s %20s %8sx\n' "$label" "$n" "$columns" "$bytes" "$c ($(spread <"$TMP/$name.curl"))" \
    "$f ($(spread <"$TMP/$name.fdw"))" "$ratio"
  if [ "$remote" = canned ]; then goal="<= 1.3x"; limit=1.3; else goal="<= 1.05x"; limit=1.05; fi
  table_row "one page vs curl, $label, $n rows x $columns columns" "$(summary "$TMP/$name.fdw" ms)" \
    "$(summary "$TMP/$name.curl" ms)" "${ratio}x" "$goal" "$(meets "$ratio" '<=' "$limit")"
done
echo "median (min-max) of $RUNS runs each, alternating; the FDW side includes PostgreSQL's aggregate over the rows"
