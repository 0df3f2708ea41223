#!/usr/bin/env bash
# While a scan waits on a slow remote, pg_stat_activity shows the backend waiting on an
# Extension wait event (not as running on CPU, and not as idle).
set -euo pipefail
: "${GRAPHQL_URL:?}"
out="$(mktemp)"
psql -X -q -v ON_ERROR_STOP=1 >/dev/null <<SQL
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS remote_relationship;
DROP SERVER IF EXISTS wait_slow CASCADE;
CREATE SERVER wait_slow FOREIGN DATA WRAPPER remote_relationship OPTIONS (url '${GRAPHQL_URL}?fault=slow&ms=3000');
CREATE USER MAPPING FOR PUBLIC SERVER wait_slow;
CREATE FOREIGN TABLE wait_slow_users (id int) SERVER wait_slow OPTIONS (query_field 'users', pagination 'none');
SQL
psql -X -q -At -c "SET application_name = 'rr_wait_event'" -c "SELECT count(*) FROM wait_slow_users" >"$out" 2>&1 &
scan=$!
seen=""
for _ in $(seq 1 25); do
  sleep 0.1
  seen="$(psql -X -At -c "SELECT wait_event_type || '/' || wait_event FROM pg_stat_activity WHERE application_name = 'rr_wait_event' AND state = 'active'")"
  [ -n "$seen" ] && break
done
wait "$scan"
psql -X -q -c "DROP SERVER wait_slow CASCADE" >/dev/null
echo "while the remote was slow, pg_stat_activity showed: ${seen:-nothing}"
cat "$out"; rm -f "$out"
[ "$seen" = "Extension/Extension" ] || { echo "FAIL: expected wait event Extension/Extension"; exit 1; }
echo "ok"
