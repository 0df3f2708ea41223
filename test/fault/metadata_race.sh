#!/usr/bin/env bash
# Two sessions register a relationship of the same name at the same time: one wins, the
# other waits for it and then gets the clear "already exists" error; nothing is left half
# made. Session A holds its transaction open for 2 s after registering.
set -euo pipefail
: "${GRAPHQL_URL:?}"
url="${GRAPHQL_URL%/graphql}/relations/graphql"
db=rr_race
work="$(mktemp -d)"
cleanup() {
  psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
psql -X -q -v ON_ERROR_STOP=1 -d "$db" >/dev/null <<SQL
SET client_min_messages = warning;
CREATE EXTENSION remote_relationship;
CREATE TABLE public."user" (id integer PRIMARY KEY, name text);
SELECT remote_relationship.add_remote_schema('{"name": "rs", "definition": {"url": "$url"}}');
SQL

register='SELECT remote_relationship.create_remote_schema_remote_relationship($${"name": "user", "remote_schema": "rs",
  "type_name": "Order", "definition": {"to_source": {"relationship_type": "object", "source": "default", "table": "user",
  "field_mapping": {"user_id": "id"}}}}$$);'
psql -X -At -d "$db" -c "BEGIN" -c "$register" -c "SELECT pg_sleep(2)" -c "COMMIT" >"$work/a.out" 2>&1 &
a=$!
sleep 0.5
start=$(date +%s%N)
psql -X -At -d "$db" -c "$register" >"$work/b.out" 2>&1 || true
waited_ms=$(( ($(date +%s%N) - start) / 1000000 ))
wait "$a"
echo "session A:"; cat "$work/a.out"
echo "session B (waited ${waited_ms} ms):"; cat "$work/b.out"
grep -q '"message": "success"' "$work/a.out" || { echo "FAIL: the first session did not register the relationship"; exit 1; }
grep -q 'relationship "user" already exists on type "Order" of remote schema "rs"' "$work/b.out" ||
  { echo "FAIL: the second session did not get the clear error"; exit 1; }
[ "$waited_ms" -ge 1000 ] || { echo "FAIL: the second session did not wait for the first"; exit 1; }
rows=$(psql -X -At -d "$db" -c "SELECT count(*) FROM remote_relationship.relationship")
functions=$(psql -X -At -d "$db" -c "SELECT count(*) FROM pg_proc WHERE proname = 'user'")
[ "$rows" = 1 ] && [ "$functions" = 1 ] || { echo "FAIL: $rows catalog rows and $functions functions, expected 1 and 1"; exit 1; }
echo "ok"
