#!/usr/bin/env bash
# Query cancel, statement_timeout and backend termination stop a transfer that the remote
# never answers within one second; the session goes on afterwards and nothing crashes.
set -euo pipefail
: "${GRAPHQL_URL:?}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
now_ms() { date +%s%3N; }

psql -X -q -v ON_ERROR_STOP=1 <<SQL
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS remote_relationship;
DROP SERVER IF EXISTS cancel_gql CASCADE;
CREATE SERVER cancel_gql FOREIGN DATA WRAPPER remote_relationship
  OPTIONS (url '$GRAPHQL_URL?fault=hang', timeout_ms '60000');
CREATE USER MAPPING FOR PUBLIC SERVER cancel_gql;
CREATE FOREIGN TABLE cancel_orders (id int) SERVER cancel_gql OPTIONS (query_field 'orders');
SQL

# Runs the hanging scan in the background, then "$1" against it; checks the time from
# the signal to the end of the statement.
interrupt() {
  local action="$1" expect="$2" app="rr_fault_$RANDOM"
  PGAPPNAME="$app" psql -X -c "SELECT * FROM cancel_orders" -c "SELECT 'session alive'" >"$work/out" 2>&1 &
  local client=$!
  for _ in $(seq 1 50); do
    [ "$(psql -X -At -c "SELECT count(*) FROM pg_stat_activity WHERE application_name = '$app' AND state = 'active'")" = 1 ] && break
    sleep 0.1
  done
  sleep 0.3
  local start; start=$(now_ms)
  psql -X -At -c "SELECT $action(pid) FROM pg_stat_activity WHERE application_name = '$app'" >/dev/null
  wait "$client" || true
  local elapsed=$(( $(now_ms) - start ))
  echo "$action: stopped after ${elapsed} ms"
  cat "$work/out"
  grep -q "$expect" "$work/out" || { echo "FAIL: expected '$expect'"; exit 1; }
  [ "$elapsed" -lt 1000 ] || { echo "FAIL: took ${elapsed} ms (limit 1000)"; exit 1; }
}

interrupt pg_cancel_backend "canceling statement due to user request"
grep -q "session alive" "$work/out" || { echo "FAIL: the session did not go on after the cancel"; exit 1; }

interrupt pg_terminate_backend "terminating connection due to administrator command"

# statement_timeout: the whole statement ends within a second of the timeout.
start=$(now_ms)
psql -X -c "SET statement_timeout = '300ms'" -c "SELECT * FROM cancel_orders" -c "SELECT 'session alive'" >"$work/out" 2>&1 || true
elapsed=$(( $(now_ms) - start ))
echo "statement_timeout 300 ms: statement ended after ${elapsed} ms"
cat "$work/out"
grep -q "canceling statement due to statement timeout" "$work/out" || { echo "FAIL: no statement timeout"; exit 1; }
grep -q "session alive" "$work/out" || { echo "FAIL: the session did not go on"; exit 1; }
[ "$elapsed" -lt 1300 ] || { echo "FAIL: took ${elapsed} ms"; exit 1; }

# The server is still the same server: no backend crashed (a crash restarts all backends).
if [ -n "${RR_PG_LOG:-}" ] && grep -q "terminated by signal" "$RR_PG_LOG"; then
  echo "FAIL: a backend crashed"; grep "terminated by signal" "$RR_PG_LOG"; exit 1
fi
psql -X -q -c "SET client_min_messages = warning" -c "DROP SERVER cancel_gql CASCADE"
echo ok
