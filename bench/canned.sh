#!/usr/bin/env bash
# The client's own cost: one page of BENCH_ROWS rows (7 columns: int, int, numeric, text,
# timestamptz, text, boolean) from bench/canned_server.js, which answers every request with
# one pre-serialized body, read (a) through the FDW, all columns into an aggregate, and (b) by
# curl into /dev/null. Prints the medians of BENCH_RUNS runs each and their ratio; no absolute
# limit. Fails only on errors or a wrong result.
#
# Needs psql (PG* set, remote_relationship installed), node and curl; bench/run.sh sets it up.
#   BENCH_RUNS (11), BENCH_ROWS (20000), RR_CANNED_PORT (54425)
set -euo pipefail
export LC_ALL=C
RUNS="${BENCH_RUNS:-11}"
ROWS="${BENCH_ROWS:-20000}"
PORT="${RR_CANNED_PORT:-54425}"
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PSQL=(psql -X -q -At -v ON_ERROR_STOP=1)
TMP="$(mktemp -d)"
node "$BENCH_DIR/canned_server.js" --port "$PORT" --rows "$ROWS" >"$TMP/server.log" 2>&1 &
server_pid=$!
cleanup() {
  local status=$?
  kill "$server_pid" 2>/dev/null || true
  "${PSQL[@]}" -c "SET client_min_messages = warning; DROP SERVER IF EXISTS rr_bench_canned CASCADE;" >/dev/null 2>&1 || true
  rm -rf "$TMP"
  exit "$status"
}
trap cleanup EXIT
for _ in $(seq 1 100); do grep -q '^listening' "$TMP/server.log" && break; sleep 0.05; done
grep -q '^listening' "$TMP/server.log" || { cat "$TMP/server.log" >&2; echo "the canned server did not start" >&2; exit 1; }
URL="http://127.0.0.1:$PORT/graphql"
source "$(dirname "${BASH_SOURCE[0]}")/stats.sh"

"${PSQL[@]}" -v url="$URL" <<'SQL'
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS remote_relationship;
CREATE SERVER rr_bench_canned FOREIGN DATA WRAPPER remote_relationship OPTIONS (url :'url', max_response_bytes '1073741823');
CREATE USER MAPPING FOR PUBLIC SERVER rr_bench_canned;
CREATE FOREIGN TABLE rr_bench_canned_t (id int, user_id int, amount numeric, status text, created_at timestamptz,
  note text, paid boolean) SERVER rr_bench_canned OPTIONS (query_field 'cannedOrders', pagination 'none', argument_types '{}');
SQL
QUERY="SELECT count(*), sum(id), sum(amount), count(status), max(created_at), count(note), count(*) FILTER (WHERE paid) FROM rr_bench_canned_t"
result="$("${PSQL[@]}" -c "$QUERY")"
[ "$(cut -d'|' -f1 <<<"$result")" = "$ROWS" ] || { echo "wrong result: $result" >&2; exit 1; }
{ echo '\timing on'; for _ in $(seq 1 "$RUNS"); do echo "$QUERY;"; done; } | "${PSQL[@]}" |
  sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' >"$TMP/fdw"
curl -s -o /dev/null -H 'Content-Type: application/json' -d '{"query": "{ cannedOrders { id } }"}' "$URL"
for _ in $(seq 1 "$RUNS"); do
  curl -s -o /dev/null -w '%{time_total}\n' -H 'Content-Type: application/json' -d '{"query": "{ cannedOrders { id } }"}' "$URL" |
    awk '{ printf "%.3f\n", $1 * 1000 }'
done >"$TMP/curl"
bytes=$(sed -n 's/.*(\([0-9]*\) bytes.*/\1/p' "$TMP/server.log")
fdw=$(median <"$TMP/fdw"); wire=$(median <"$TMP/curl")
printf '%-40s %10s %10s %10s\n' "canned body" "curl ms" "fdw ms" "fdw/curl"
printf '%-40s %10s %10s %10s\n' "$ROWS rows x 7 columns, $bytes bytes" "$wire" "$fdw" "$(awk -v a="$fdw" -v b="$wire" 'BEGIN { printf "%.2fx", a / b }')"
echo "median of $RUNS runs each; the FDW side includes PostgreSQL's aggregate over the rows"
