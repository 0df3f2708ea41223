-- The seed example: remote type Order joined with the local table public."user", registered
-- with Hasura's own metadata JSON. Run by `make demo` with psql -v url=http://127.0.0.1:PORT/graphql
\set ECHO queries
\pset footer on

CREATE EXTENSION IF NOT EXISTS remote_relationship;

-- The remote schema: a foreign server, its user mapping, and its types imported as foreign
-- tables into the schema "order-remote-schema".
SELECT remote_relationship.metadata(jsonb_build_object('type', 'add_remote_schema', 'args',
  jsonb_build_object('name', 'order-remote-schema', 'definition', jsonb_build_object('url', :'url', 'timeout_seconds', 30))));
\d "order-remote-schema"."Order"

CREATE TABLE public."user" (id integer PRIMARY KEY, name text);
INSERT INTO public."user" VALUES (1, 'alice'), (2, 'bob'), (3, 'carol'), (4, 'dave'), (5, 'erin');

-- The relationship, with the JSON of Hasura's docs.
SELECT remote_relationship.metadata('{"type": "pg_add_source", "args": {"name": "pg1"}}');
SELECT remote_relationship.metadata('
{"type": "create_remote_schema_remote_relationship",
 "args": {"name": "user", "remote_schema": "order-remote-schema", "type_name": "Order",
          "definition": {"to_source": {"relationship_type": "object", "source": "pg1",
                                       "table": {"name": "user", "schema": "public"},
                                       "field_mapping": {"user_id": "id"}}}}}');
-- What it made: a SQL function the planner inlines.
\sf "order-remote-schema"."user"

-- Orders with their user; order 20 points at user 99, which does not exist locally.
SELECT o.id, o.user_id, o.amount, o.status, u.name AS user_name
FROM "order-remote-schema"."Order" o LEFT JOIN LATERAL "order-remote-schema"."user"(o) u ON true
ORDER BY o.id;

-- What Hasura cannot do: filter and aggregate parents across the remote relationship.
SELECT o.id, o.amount FROM "order-remote-schema"."Order" o JOIN LATERAL "order-remote-schema"."user"(o) u ON true
WHERE u.name = 'carol' ORDER BY o.id;
SELECT u.name, count(*) AS orders, sum(o.amount) AS total
FROM "order-remote-schema"."Order" o JOIN LATERAL "order-remote-schema"."user"(o) u ON true
GROUP BY u.name ORDER BY total DESC;

-- A plain join in the plan (no Function Scan), and only the fields the query needs go remote.
EXPLAIN (VERBOSE, COSTS OFF)
SELECT o.id, u.name FROM "order-remote-schema"."Order" o JOIN LATERAL "order-remote-schema"."user"(o) u ON true;

-- The metadata as Hasura exports it.
SELECT jsonb_pretty(remote_relationship.metadata('{"type": "export_metadata", "args": {}}'));
