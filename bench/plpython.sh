#!/usr/bin/env bash
# The FDW against the way users read a GraphQL API without it: a PL/Python function
# (plpython3u) that POSTs the query with urllib.request, parses the answer with the json module
# and returns the rows. Both read one page of BENCH_ROWS rows (7 columns: int, int, numeric,
# text, timestamptz, text, boolean) from bench/canned_server.js, which answers every request
# with one pre-serialized body, with the very same GraphQL document (the FDW's, from EXPLAIN
# VERBOSE), into the same aggregate. One psql session times both sides (\timing), after one
# warm-up each, alternating FDW, PL/Python, PL/Python, FDW, ...; prints the medians and their
# ratio. Fails only on errors or when the two sides' results differ.
#
# Needs psql (PG* set, remote_relationship installed, plpython3u available: the package
# postgresql-plpython3-15) and node. Creates the server rr_bench_plpy, its foreign table and
# the function rr_bench_plpython_orders(url), and drops them on exit (and the extensions
# remote_relationship and plpython3u, if it created them).
#   BENCH_RUNS (7), BENCH_ROWS (20000), RR_PLPY_PORT (54426)
set -euo pipefail
export LC_ALL=C
RUNS="${BENCH_RUNS:-7}"
ROWS="${BENCH_ROWS:-20000}"
PORT="${RR_PLPY_PORT:-54426}"
for n in "$RUNS" "$ROWS" "$PORT"; do
  [[ "$n" =~ ^[0-9]+$ ]] || { echo "BENCH_RUNS, BENCH_ROWS and RR_PLPY_PORT must be whole numbers" >&2; exit 2; }
done
[ "$RUNS" -ge 1 ] || { echo "BENCH_RUNS must be >= 1" >&2; exit 2; }
command -v psql >/dev/null || { echo "psql not found" >&2; exit 2; }
command -v node >/dev/null || { echo "node not found" >&2; exit 2; }
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$BENCH_DIR/stats.sh"
PSQL=(psql -X -q -At -v ON_ERROR_STOP=1)

# Which of the two extensions this run creates (and so drops again).
created_extensions=()
for ext in remote_relationship plpython3u; do
  [ -n "$("${PSQL[@]}" -c "SELECT 1 FROM pg_extension WHERE extname = '$ext'")" ] || created_extensions+=("$ext")
done

TMP="$(mktemp -d)"
node "$BENCH_DIR/canned_server.js" --port "$PORT" --rows "$ROWS" >"$TMP/server.log" 2>&1 &
server_pid=$!
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if kill "$server_pid" 2>/dev/null; then
    for _ in $(seq 1 40); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.05; done
    kill -KILL "$server_pid" 2>/dev/null || true
  fi
  wait "$server_pid" 2>/dev/null || true
  local drop="SET client_min_messages = warning; DROP SERVER IF EXISTS rr_bench_plpy CASCADE;"
  drop+=" DROP FUNCTION IF EXISTS rr_bench_plpython_orders(text);"
  for ext in "${created_extensions[@]}"; do drop+=" DROP EXTENSION IF EXISTS $ext;"; done
  "${PSQL[@]}" -c "$drop" >/dev/null 2>&1 || say "bench: could not drop rr_bench_plpy / rr_bench_plpython_orders"
  rm -rf "$TMP"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
wait_listening "$TMP/server.log" "$server_pid" "the canned server"
URL="http://127.0.0.1:$PORT/graphql"

say "bench: setting up rr_bench_plpy over $URL"
"${PSQL[@]}" -v url="$URL" <<'SQL'
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS remote_relationship;
CREATE EXTENSION IF NOT EXISTS plpython3u;
CREATE SERVER rr_bench_plpy FOREIGN DATA WRAPPER remote_relationship OPTIONS (url :'url', max_response_bytes '1073741823');
CREATE USER MAPPING FOR PUBLIC SERVER rr_bench_plpy;
CREATE FOREIGN TABLE rr_bench_plpy_t (id int, user_id int, amount numeric, status text, created_at timestamptz,
  note text, paid boolean) SERVER rr_bench_plpy OPTIONS (query_field 'cannedOrders', pagination 'none', argument_types '{}');
SQL
AGGREGATE="SELECT count(*), sum(id), sum(amount), count(status), max(created_at), count(note), count(*) FILTER (WHERE paid) FROM"
FDW_QUERY="$AGGREGATE rr_bench_plpy_t"
PLPY_QUERY="$AGGREGATE rr_bench_plpython_orders('$URL')"

# The document the FDW sends, embedded in the function as a string literal (JSON's, which
# Python reads as its own).
explain="$("${PSQL[@]}" -c "EXPLAIN (VERBOSE, COSTS OFF) $FDW_QUERY")"
document="$(sed -n 's/^ *Remote GraphQL: //p' <<<"$explain")"
[ -n "$document" ] || { say "no Remote GraphQL in EXPLAIN:"; say "$explain"; exit 1; }
say "bench: remote GraphQL: $document"

# What a careful user writes: one POST, the json module (numbers with a fraction as Decimal,
# as numeric keeps them), GraphQL errors raised, one tuple per row; a field the document does
# not ask for (the FDW leaves out the columns a query does not use: user_id here) is NULL.
"${PSQL[@]}" -v doc="$document" <<'SQL'
SET client_min_messages = warning;
SELECT format($create$
CREATE FUNCTION rr_bench_plpython_orders(url text)
RETURNS TABLE (id int, user_id int, amount numeric, status text, created_at timestamptz, note text, paid boolean)
LANGUAGE plpython3u AS $body$
import json
import urllib.request
from decimal import Decimal

QUERY = %s

request = urllib.request.Request(
    url,
    data=json.dumps({"query": QUERY}).encode("utf-8"),
    headers={"Content-Type": "application/json", "Accept": "application/json"},
    method="POST",
)
with urllib.request.urlopen(request, timeout=60) as response:
    answer = json.load(response, parse_float=Decimal)
if "errors" in answer:
    plpy.error("GraphQL errors", detail=json.dumps(answer["errors"], default=str)[:2000])
orders = (answer.get("data") or {}).get("cannedOrders")
if orders is None:
    plpy.error("no data.cannedOrders in the answer")
return [(o.get("id"), o.get("user_id"), o.get("amount"), o.get("status"), o.get("created_at"),
         o.get("note"), o.get("paid")) for o in orders]
$body$
$create$, to_json(:'doc'::text)) \gexec
SQL

# Both sides give the same row, with every row read.
results="$("${PSQL[@]}" -c "$FDW_QUERY" -c "$PLPY_QUERY")"
fdw_result="$(sed -n 1p <<<"$results")"; plpy_result="$(sed -n 2p <<<"$results")"
[ "$fdw_result" = "$plpy_result" ] || { say "the results differ: FDW '$fdw_result', PL/Python '$plpy_result'"; exit 1; }
[ "$(cut -d'|' -f1 <<<"$fdw_result")" = "$ROWS" ] || { say "wrong result: $fdw_result (expected $ROWS rows)"; exit 1; }
say "bench: both sides: $fdw_result"

# One session: one warm-up each (the backend's first PL/Python call loads the interpreter),
# then the measured runs in the order FDW, PL/Python, PL/Python, FDW, FDW, ...; every result is
# checked against the one above.
say "bench: 1 warm-up + $RUNS measured runs of each side, alternating, in one session"
{
  echo "\\echo @warmup"; echo "$FDW_QUERY;"; echo "$PLPY_QUERY;"
  echo '\timing on'
  for i in $(seq 1 "$RUNS"); do
    if [ $((i % 2)) -eq 1 ]; then order="fdw plpy"; else order="plpy fdw"; fi
    for side in $order; do
      echo "\\echo @$side"
      if [ "$side" = fdw ]; then echo "$FDW_QUERY;"; else echo "$PLPY_QUERY;"; fi
    done
  done
} | "${PSQL[@]}" >"$TMP/session.out"
awk -v want="$fdw_result" -v dir="$TMP" '
  /^@/ { side = substr($0, 2); next }
  /^Time: / { if (side != "warmup") printf "%s\n", $2 >> (dir "/" side); next }
  $0 != want { printf "wrong result in the timed session (%s): %s\n", side, $0 > "/dev/stderr"; bad = 1 }
  END { exit bad }' "$TMP/session.out"
for side in fdw plpy; do
  [ "$(wc -l <"$TMP/$side" 2>/dev/null || echo 0)" -eq "$RUNS" ] || { say "wrong number of $side timings:"; cat "$TMP/session.out" >&2; exit 1; }
done

bytes=$(sed -n 's/.*(\([0-9]*\) bytes.*/\1/p' "$TMP/server.log")
fdw=$(median <"$TMP/fdw"); plpy=$(median <"$TMP/plpy")
ratio=$(awk -v a="$plpy" -v b="$fdw" 'BEGIN { printf "%.2f", a / b }')
printf '%-40s %16s %16s %12s\n' "canned body" "fdw ms" "plpython ms" "plpython/fdw"
printf '%-40s %16s %16s %12s\n' "$ROWS rows x 7 columns, $bytes bytes" "$fdw ($(spread <"$TMP/fdw"))" \
  "$plpy ($(spread <"$TMP/plpy"))" "${ratio}x"
echo "median (min-max) of $RUNS runs each, alternating in one session; both sides include PostgreSQL's aggregate over the rows"
table_row "hand-written PL/Python vs FDW, canned body, $ROWS rows" "$(summary "$TMP/fdw" ms)" "$(summary "$TMP/plpy" ms)" \
  "${ratio}x" ">= 5x slower than FDW" "$(meets "$ratio" '>=' 5)"
