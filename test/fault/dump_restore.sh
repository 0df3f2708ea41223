#!/usr/bin/env bash
# pg_dump and restore into a fresh database keep relationships working: the metadata
# catalog (extension config tables), the relationship functions, the servers and the
# imported tables all come back, and the relationship queries return the same rows.
set -euo pipefail
: "${GRAPHQL_URL:?}"
url="${GRAPHQL_URL%/graphql}/relations/graphql"
src=rr_dump_src
dst=rr_dump_dst
work="$(mktemp -d)"
chmod 755 "$work"
cleanup() {
  psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $src" -c "DROP DATABASE IF EXISTS $dst" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
cleanup
mkdir -p "$work"
psql -X -q -d postgres -c "CREATE DATABASE $src" -c "CREATE DATABASE $dst"

psql -X -q -v ON_ERROR_STOP=1 -d "$src" >/dev/null <<SQL
SET client_min_messages = warning;
CREATE EXTENSION remote_relationship;
CREATE TABLE public."user" (id integer PRIMARY KEY, name text NOT NULL);
INSERT INTO public."user" SELECT g, 'user ' || g FROM generate_series(1, 5) g;
SELECT remote_relationship.metadata('{"type": "bulk", "args": [
  {"type": "add_remote_schema", "args": {"name": "order-remote-schema", "definition": {"url": "$url"}}},
  {"type": "pg_add_source", "args": {"name": "pg1", "configuration": {}}},
  {"type": "create_remote_schema_remote_relationship",
   "args": {"name": "user", "remote_schema": "order-remote-schema", "type_name": "Order",
            "definition": {"to_source": {"relationship_type": "object", "source": "pg1",
                                         "table": {"name": "user", "schema": "public"},
                                         "field_mapping": {"user_id": "id"}}}}},
  {"type": "create_remote_schema_remote_relationship",
   "args": {"name": "helpers", "remote_schema": "order-remote-schema", "type_name": "Order",
            "definition": {"to_source": {"relationship_type": "array", "source": "default", "table": "user",
                                         "field_mapping": {"helper_ids": "id"}}}}},
  {"type": "pg_create_remote_relationship",
   "args": {"name": "orders", "table": "user",
            "definition": {"to_remote_schema": {"remote_schema": "order-remote-schema", "lhs_fields": ["id"],
                                                "remote_field": {"orders": {"arguments": {"user_id": "\$id"}}}}}}}]}');
SQL

queries='
SELECT o.number, u.name FROM "order-remote-schema"."Order" o LEFT JOIN LATERAL "order-remote-schema"."user"(o) u ON true ORDER BY 1;
SELECT o.number, string_agg(h.name, $$,$$ ORDER BY h.id) FROM "order-remote-schema"."Order" o
  LEFT JOIN LATERAL "order-remote-schema".helpers(o) h ON true GROUP BY 1 ORDER BY 1;
SELECT u.name, count(o.number) FROM public."user" u LEFT JOIN LATERAL public.orders(u) o ON true GROUP BY 1 ORDER BY 1;
SELECT remote_relationship.export_metadata();
SELECT name, functions FROM remote_relationship.relationship ORDER BY 1;'
psql -X -At -v ON_ERROR_STOP=1 -d "$src" -c "$queries" >"$work/before.out"

bindir="$(pg_config --bindir)"
"$bindir/pg_dump" -Fc -d "$src" -f "$work/dump"
"$bindir/pg_restore" --exit-on-error -d "$dst" "$work/dump"
psql -X -At -v ON_ERROR_STOP=1 -d "$dst" -c "$queries" >"$work/after.out"

echo "before: $(wc -l <"$work/before.out") lines of output; after restore: $(wc -l <"$work/after.out")"
grep -q 'user 1' "$work/before.out" || { echo "FAIL: the relationship queries returned no joined rows"; cat "$work/before.out"; exit 1; }
diff "$work/before.out" "$work/after.out" || { echo "FAIL: the restored database answers differently"; exit 1; }
# The restored catalog still works: a relationship is dropped and registered again.
psql -X -q -At -v ON_ERROR_STOP=1 -d "$dst" >"$work/again.out" <<'SQL'
SELECT remote_relationship.metadata('{"type": "delete_remote_schema_remote_relationship", "args": {"name": "user", "remote_schema": "order-remote-schema", "type_name": "Order"}}');
SELECT count(*) FROM remote_relationship.relationship;
SELECT remote_relationship.metadata('{"type": "create_remote_schema_remote_relationship", "args": {"name": "user", "remote_schema": "order-remote-schema", "type_name": "Order", "definition": {"to_source": {"relationship_type": "object", "source": "pg1", "table": "user", "field_mapping": {"user_id": "id"}}}}}');
SELECT count(*) FROM "order-remote-schema"."Order" o JOIN LATERAL "order-remote-schema"."user"(o) u ON true;
SQL
cat "$work/again.out"
[ "$(sed -n 2p "$work/again.out")" = 2 ] || { echo "FAIL: delete after restore did not drop the relationship"; exit 1; }
[ "$(sed -n 4p "$work/again.out")" = 9 ] || { echo "FAIL: the relationship registered after restore does not join"; exit 1; }
echo "ok"
