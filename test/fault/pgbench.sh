#!/usr/bin/env bash
# Concurrent backends: pgbench runs the seed join (remote orders joined with a local users
# table, every row checked) with 1 client, then 8 clients, for PGBENCH_SECONDS (5) each. Every
# transaction must succeed (a wrong row count divides by zero); the throughputs and their
# ratio are printed, not judged (the test server is one node process on a 2-core machine).
set -euo pipefail
: "${GRAPHQL_URL:?}"
SECONDS_EACH="${PGBENCH_SECONDS:-5}"
PGBENCH="$(command -v pgbench || echo /usr/lib/postgresql/15/bin/pgbench)"
work="$(mktemp -d)"
cleanup() {
  psql -X -q -c "SET client_min_messages = warning; DROP SCHEMA IF EXISTS bench_seed CASCADE; DROP SERVER IF EXISTS bench_seed CASCADE" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
psql -X -q -v ON_ERROR_STOP=1 -v url="$GRAPHQL_URL" >/dev/null <<'SQL'
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS remote_relationship;
DROP SCHEMA IF EXISTS bench_seed CASCADE;
DROP SERVER IF EXISTS bench_seed CASCADE;
CREATE SCHEMA bench_seed;
CREATE SERVER bench_seed FOREIGN DATA WRAPPER remote_relationship OPTIONS (url :'url');
CREATE USER MAPPING FOR PUBLIC SERVER bench_seed;
IMPORT FOREIGN SCHEMA g LIMIT TO ("Order") FROM SERVER bench_seed INTO bench_seed;
CREATE TABLE bench_seed.users (id int PRIMARY KEY, name text);
INSERT INTO bench_seed.users SELECT g, 'user ' || g FROM generate_series(1, 5) g;
SQL
# 20 orders, of which those of users 1..5 join: a wrong count fails the transaction.
expected="$(psql -X -At -c 'SELECT count(*) FROM bench_seed."Order" o JOIN bench_seed.users u ON u.id = o.user_id')"
[ "$expected" -gt 0 ] || { echo "FAIL: the seed join returned no rows"; exit 1; }
cat >"$work/seed.sql" <<SQL
SELECT 1 / (count(*) = $expected)::int FROM bench_seed."Order" o JOIN bench_seed.users u ON u.id = o.user_id;
SQL
run() {  # run CLIENTS: pgbench's tps line, and its failed-transaction count checked
  local clients=$1 out="$work/pgbench-$1.out"
  "$PGBENCH" -n -f "$work/seed.sql" -c "$clients" -j "$clients" -T "$SECONDS_EACH" >"$out" 2>&1 || { cat "$out"; echo "FAIL: pgbench with $clients clients"; exit 1; }
  local processed failed tps
  processed="$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$out")"
  failed="$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$out")"
  tps="$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$out" | tail -1)"
  [ -n "$processed" ] && [ "$processed" -gt 0 ] || { cat "$out"; echo "FAIL: no transactions with $clients clients"; exit 1; }
  [ "${failed:-0}" -eq 0 ] || { cat "$out"; echo "FAIL: $failed failed transactions with $clients clients"; exit 1; }
  grep -qi "error" "$out" && { cat "$out"; echo "FAIL: errors with $clients clients"; exit 1; }
  echo "$tps $processed"
}
# A failing run exits the script (set -e): in a command substitution, not a process one.
result1="$(run 1)" || { echo "$result1"; exit 1; }
result8="$(run 8)" || { echo "$result8"; exit 1; }
read -r tps1 n1 <<<"$result1"
read -r tps8 n8 <<<"$result8"
echo "seed join ($expected rows a transaction), ${SECONDS_EACH} s each: 1 client $tps1 tps ($n1 transactions), 8 clients $tps8 tps ($n8), ratio $(awk -v a="$tps8" -v b="$tps1" 'BEGIN { printf "%.2f", a / b }'), 0 failed"
echo "ok"
