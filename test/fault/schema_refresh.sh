#!/usr/bin/env bash
# The cached schema model is fetched again when the remote says that a field does not exist,
# at most every 10 s: an error right after the model was fetched does not refetch it, one
# 10 s later does (the next scan introspects once more). Sleeps 11 s.
set -euo pipefail
: "${GRAPHQL_URL:?}"

# One psql, so one session: the model is cached per backend.
out="$(psql -X -q -At -v ON_ERROR_STOP=0 2>&1 <<SQL
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS remote_relationship;
DROP SERVER IF EXISTS refresh_gql, refresh_log CASCADE;
CREATE SERVER refresh_gql FOREIGN DATA WRAPPER remote_relationship OPTIONS (url '$GRAPHQL_URL');
CREATE USER MAPPING FOR PUBLIC SERVER refresh_gql;
-- The log on its own server, described by hand: reading it sends no introspection.
CREATE SERVER refresh_log FOREIGN DATA WRAPPER remote_relationship OPTIONS (url '$GRAPHQL_URL');
CREATE USER MAPPING FOR PUBLIC SERVER refresh_log;
CREATE FOREIGN TABLE refresh_requests (seq int, document text) SERVER refresh_log
  OPTIONS (query_field '_requests', argument_types '{"after": "Int"}');
-- A column that reads a field the remote lacks: each scan fails with the remote's error.
CREATE FOREIGN TABLE refresh_orders (id int, nosuch int) SERVER refresh_gql OPTIONS (query_field 'orders', pagination 'none');
SELECT coalesce(max(seq), 0) AS start FROM refresh_requests \gset
SELECT id, nosuch FROM refresh_orders;
SELECT id, nosuch FROM refresh_orders;
SELECT 'fresh', count(*) FILTER (WHERE document LIKE '%__schema%') FROM refresh_requests WHERE seq > :start;
SELECT 'slept', pg_sleep(11);
SELECT id, nosuch FROM refresh_orders;
SELECT id, nosuch FROM refresh_orders;
SELECT 'stale', count(*) FILTER (WHERE document LIKE '%__schema%') FROM refresh_requests WHERE seq > :start;
DROP SERVER refresh_gql, refresh_log CASCADE;
SQL
)"
echo "$out"
grep -q 'Cannot query field "nosuch"' <<<"$out" || { echo "FAIL: the remote's error did not show"; exit 1; }
fresh=$(sed -n 's/^fresh|//p' <<<"$out")
stale=$(sed -n 's/^stale|//p' <<<"$out")
echo "introspection requests: after two failing scans $fresh; after two more, 11 s later, $stale"
# The first scan fetched the model; the second's error came within 10 s of it: no refetch.
[ "$fresh" = 1 ] || { echo "FAIL: expected 1 introspection request before the pause"; exit 1; }
# 11 s later the third scan's error forgets the model, and the fourth fetches it again.
[ "$stale" = 2 ] || { echo "FAIL: expected 2 introspection requests after the pause"; exit 1; }
echo "ok"
