#!/usr/bin/env bash
# Concurrent backends: test/fault/pgbench.sh (the seed join, every row checked, 1 client then
# 8) for BENCH_PGBENCH_SECONDS (60) each, against the test server in BENCH_WORKERS (2) node
# processes (bench/cluster_server.js), so that one node process is not what limits 8 clients.
# Prints the throughputs and their ratio; fails on any failed transaction.
#
# Needs psql and pgbench (PG* set, remote_relationship installed) and node; bench/run.sh sets
# it up.  BENCH_PGBENCH_SECONDS (60), BENCH_WORKERS (2), RR_CLUSTER_PORT (54427)
set -euo pipefail
export LC_ALL=C
SECONDS_EACH="${BENCH_PGBENCH_SECONDS:-60}"
WORKERS="${BENCH_WORKERS:-2}"
PORT="${RR_CLUSTER_PORT:-54427}"
for n in "$SECONDS_EACH" "$WORKERS" "$PORT"; do
  [[ "$n" =~ ^[0-9]+$ ]] && [ "$n" -gt 0 ] || { echo "BENCH_PGBENCH_SECONDS, BENCH_WORKERS and RR_CLUSTER_PORT must be positive whole numbers" >&2; exit 2; }
done
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$BENCH_DIR/stats.sh"
TMP="$(mktemp -d)"
node "$BENCH_DIR/cluster_server.js" --workers "$WORKERS" --port "$PORT" >"$TMP/server.log" 2>&1 &
server_pid=$!
cleanup() {
  local status=$?
  kill "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  rm -rf "$TMP"
  exit "$status"
}
trap cleanup EXIT
wait_listening "$TMP/server.log" "$server_pid" "the test server cluster"

GRAPHQL_URL="http://127.0.0.1:$PORT/graphql" PGBENCH_SECONDS="$SECONDS_EACH" \
  bash "$BENCH_DIR/../test/fault/pgbench.sh" | tee "$TMP/pgbench.out"
line="$(grep '^seed join' "$TMP/pgbench.out")"
tps1="$(sed -n 's/.* 1 client \([0-9.]*\) tps.*/\1/p' <<<"$line")"
tps8="$(sed -n 's/.* 8 clients \([0-9.]*\) tps.*/\1/p' <<<"$line")"
[ -n "$tps1" ] && [ -n "$tps8" ] || { say "no throughput in: $line"; exit 1; }
ratio="$(awk -v a="$tps8" -v b="$tps1" 'BEGIN { printf "%.2f", a / b }')"
echo "remote: the test server in $WORKERS node processes; $(nproc 2>/dev/null || echo '?') cores shared by pgbench, PostgreSQL and node"
table_row "pgbench seed join, 8 clients vs 1, ${SECONDS_EACH} s each, 0 failed" "$(printf '%.0f' "$tps8") tps" \
  "$(printf '%.0f' "$tps1") tps" "${ratio}x" ">= 1.7x" "$(meets "$ratio" '>=' 1.7)"
