-- The metadata API: Hasura's metadata calls as SQL, relationships as functions that the
-- planner inlines into joins, and every check of a call.
CREATE EXTENSION IF NOT EXISTS remote_relationship;
\set VERBOSITY default
\set SHOW_CONTEXT never

CREATE TABLE public."user" (id integer PRIMARY KEY, name text NOT NULL);
INSERT INTO public."user" SELECT g, 'user ' || g FROM generate_series(1, 5) g;
ANALYZE public."user";

-- add_remote_schema makes the server, a PUBLIC user mapping for the headers and imports the
-- types into a schema named after the remote schema.
SELECT remote_relationship.metadata('{"type": "add_remote_schema", "args": {"name": "order-remote-schema",
  "definition": {"url": "http://127.0.0.1:54410/relations/graphql", "timeout_seconds": 20,
                 "headers": [{"name": "Authorization", "value": "Bearer md-secret"}]},
  "comment": "orders and shipments"}}');
SELECT srvname, srvoptions, obj_description(oid, 'pg_foreign_server') FROM pg_foreign_server WHERE srvname = 'order-remote-schema';
SELECT umoptions FROM pg_user_mappings WHERE srvname = 'order-remote-schema' AND usename = 'public';
SELECT c.relname, ft.ftoptions FROM pg_foreign_table ft JOIN pg_class c ON c.oid = ft.ftrelid
WHERE c.relnamespace = '"order-remote-schema"'::regnamespace ORDER BY 1;

-- The seed, verbatim, after pg_add_source.
SELECT remote_relationship.metadata('{"type": "pg_add_source", "args": {"name": "pg1", "configuration": {"connection_info": {"database_url": {"from_env": "PG_DATABASE_URL"}}}}}');
SELECT remote_relationship.metadata('{"type": "create_remote_schema_remote_relationship",
 "args": {"name": "user", "remote_schema": "order-remote-schema", "type_name": "Order",
          "definition": {"to_source": {"relationship_type": "object", "source": "pg1",
                                       "table": {"name": "user", "schema": "public"},
                                       "field_mapping": {"user_id": "id"}}}}}');
\sf "order-remote-schema"."user"
-- Order.user_id is an ID (text): "99" names no user, "abc" is no integer, NULL is NULL;
-- none of them matches, none fails the join.
SELECT o.number, o.user_id, u.name
FROM "order-remote-schema"."Order" o LEFT JOIN LATERAL "order-remote-schema"."user"(o) u ON true ORDER BY o.number;
EXPLAIN (COSTS OFF)
SELECT o.number, u.name FROM "order-remote-schema"."Order" o LEFT JOIN LATERAL "order-remote-schema"."user"(o) u ON true;
-- Across the relationship: a filter on the user's name, an aggregate per user, an order by
-- a joined column. Each returns what the hand-written join returns.
SELECT o.number, o.amount FROM "order-remote-schema"."Order" o JOIN LATERAL "order-remote-schema"."user"(o) u ON true
WHERE u.name = 'user 2' ORDER BY o.number;
EXPLAIN (COSTS OFF)
SELECT o.number FROM "order-remote-schema"."Order" o JOIN LATERAL "order-remote-schema"."user"(o) u ON true WHERE u.name = 'user 2';
SELECT u.name, count(*) AS orders, sum(o.amount) AS total
FROM "order-remote-schema"."Order" o JOIN LATERAL "order-remote-schema"."user"(o) u ON true GROUP BY u.name ORDER BY u.name;
SELECT o.number, u.name FROM "order-remote-schema"."Order" o LEFT JOIN LATERAL "order-remote-schema"."user"(o) u ON true
ORDER BY u.name DESC NULLS LAST, o.number LIMIT 4;
SELECT count(*) AS differences FROM (
  (SELECT o.number, u.name FROM "order-remote-schema"."Order" o LEFT JOIN LATERAL "order-remote-schema"."user"(o) u ON true
   EXCEPT ALL
   SELECT o.number, u.name FROM "order-remote-schema"."Order" o LEFT JOIN public."user" u ON u.id::text = o.user_id)
  UNION ALL
  (SELECT o.number, u.name FROM "order-remote-schema"."Order" o LEFT JOIN public."user" u ON u.id::text = o.user_id
   EXCEPT ALL
   SELECT o.number, u.name FROM "order-remote-schema"."Order" o LEFT JOIN LATERAL "order-remote-schema"."user"(o) u ON true)) d;

-- A list key (Order.helper_ids: [ID!]!) is an array relationship matching any element, which
-- Hasura cannot do; the ids that are no integer (or name no user) match nothing.
SELECT remote_relationship.create_remote_schema_remote_relationship('{"name": "helpers", "remote_schema": "order-remote-schema",
  "type": "Order", "definition": {"to_source": {"relationship_type": "array", "source": "default",
  "table": "user", "field_mapping": {"helper_ids": "id"}}}}');
SELECT o.number, o.helper_ids, array_agg(h.id ORDER BY h.id) AS helper_users
FROM "order-remote-schema"."Order" o LEFT JOIN LATERAL "order-remote-schema".helpers(o) h ON true GROUP BY 1, 2 ORDER BY 1;
EXPLAIN (COSTS OFF)
SELECT o.number, h.name FROM "order-remote-schema"."Order" o JOIN LATERAL "order-remote-schema".helpers(o) h ON true;
-- ... which an object relationship refuses.
SELECT remote_relationship.create_remote_schema_remote_relationship('{"name": "helper", "remote_schema": "order-remote-schema",
  "type_name": "Order", "definition": {"to_source": {"relationship_type": "object", "source": "default",
  "table": "user", "field_mapping": {"helper_ids": "id"}}}}');

-- A field_mapping of two fields, to a table keyed by (user_id, sku).
CREATE TABLE public.price (user_id bigint, sku text, discount numeric, PRIMARY KEY (user_id, sku));
INSERT INTO public.price VALUES (1, 'sku-a', 0.1), (2, 'sku-b', 0.2), (1, 'sku-b', 0.3), (5, 'sku-a', 0.5);
SELECT remote_relationship.create_remote_schema_remote_relationship('{"name": "price", "remote_schema": "order-remote-schema",
  "type_name": "Order", "definition": {"to_source": {"relationship_type": "object", "source": "default",
  "table": {"schema": "public", "name": "price"}, "field_mapping": {"user_id": "user_id", "sku": "sku"}}}}');
SELECT o.number, o.user_id, o.sku, p.discount
FROM "order-remote-schema"."Order" o JOIN LATERAL "order-remote-schema".price(o) p ON true ORDER BY o.number;

-- Remote type to remote field (same remote schema): an Order's shipments, by
-- shipments(order_id: $number).
SELECT remote_relationship.create_remote_schema_remote_relationship('{"name": "shipments", "remote_schema": "order-remote-schema",
  "type_name": "Order", "definition": {"to_remote_schema": {"remote_schema": "order-remote-schema", "lhs_fields": ["number"],
  "remote_field": {"shipments": {"arguments": {"order_id": "$number"}}}}}}');
\sf "order-remote-schema".shipments
SELECT o.number, count(s.id) AS shipments, string_agg(s.carrier, ',' ORDER BY s.id) AS carriers
FROM "order-remote-schema"."Order" o LEFT JOIN LATERAL "order-remote-schema".shipments(o) s ON true GROUP BY 1 ORDER BY 1;
EXPLAIN (COSTS OFF)
SELECT o.number, s.id FROM "order-remote-schema"."Order" o LEFT JOIN LATERAL "order-remote-schema".shipments(o) s ON true;

-- Remote type to a single-object remote field: a Shipment's order, by order(id: $order_id)
-- (Int to ID), on a table made by hand for that query field. ROWS 1.
CREATE FOREIGN TABLE "order-remote-schema".order_by_id (id text OPTIONS (argument 'id'), number int, user_id text)
  SERVER "order-remote-schema" OPTIONS (type_name 'Order', query_field 'order', query_returns 'object', argument_types '{"id": "ID!"}');
SELECT remote_relationship.create_remote_schema_remote_relationship('{"name": "order", "remote_schema": "order-remote-schema",
  "type_name": "Shipment", "definition": {"to_remote_schema": {"remote_schema": "order-remote-schema", "lhs_fields": ["order_id"],
  "remote_field": {"order": {"arguments": {"id": "$order_id"}}}}}}');
\sf "order-remote-schema"."order"
SELECT * FROM "order-remote-schema"."order"((SELECT s FROM "order-remote-schema"."Shipment" s WHERE s.id = '6'));
-- The key is a required argument: the join is a nested loop that sends each Shipment's key.
SELECT s.id, o.number, o.user_id
FROM "order-remote-schema"."Shipment" s LEFT JOIN LATERAL "order-remote-schema"."order"(s) o ON true ORDER BY s.id::int;
EXPLAIN (COSTS OFF)
SELECT s.id, o.number FROM "order-remote-schema"."Shipment" s LEFT JOIN LATERAL "order-remote-schema"."order"(s) o ON true;

-- Table to remote field: a user's orders, by orders(user_id: $id) (integer to ID).
SELECT remote_relationship.pg_create_remote_relationship('{"name": "orders", "source": "default", "table": {"schema": "public", "name": "user"},
  "definition": {"to_remote_schema": {"remote_schema": "order-remote-schema", "lhs_fields": ["id"],
  "remote_field": {"orders": {"arguments": {"user_id": "$id"}}}}}}');
\sf public.orders
SELECT u.id, array_agg(o.number ORDER BY o.number) AS orders
FROM public."user" u LEFT JOIN LATERAL public.orders(u) o ON true GROUP BY 1 ORDER BY 1;
EXPLAIN (COSTS OFF) SELECT u.name, o.number FROM public."user" u JOIN LATERAL public.orders(u) o ON true;
-- Table to a single-object remote field: object cardinality (ROWS 1), joined by key.
SELECT remote_relationship.pg_create_remote_relationship('{"name": "same_number_order", "table": "user",
  "definition": {"to_remote_schema": {"remote_schema": "order-remote-schema", "lhs_fields": ["id"],
  "remote_field": {"order": {"arguments": {"id": "$id"}}}}}}');
SELECT prorows FROM pg_proc WHERE oid = 'public.same_number_order(public.user)'::regprocedure;
SELECT u.id, o.number, o.user_id FROM public."user" u LEFT JOIN LATERAL public.same_number_order(u) o ON true ORDER BY 1;
SELECT remote_relationship.pg_delete_remote_relationship('{"name": "same_number_order", "table": "user"}');
-- A nested argument (allOrders(condition: {user_id: $id})) and a constant one, on a table
-- made for allOrders whose filter argument is condition.
CREATE FOREIGN TABLE public.all_orders (number int, user_id text OPTIONS (filter_field 'user_id'), sku text OPTIONS (filter_field 'sku'))
  SERVER "order-remote-schema" OPTIONS (type_name 'Order', query_field 'allOrders', filter_argument 'condition');
SELECT remote_relationship.metadata('{"type": "create_remote_relationship", "args": {"name": "sku_a_orders", "table": "user",
  "definition": {"to_remote_schema": {"remote_schema": "order-remote-schema", "lhs_fields": ["id"],
  "remote_field": {"allOrders": {"arguments": {"condition": {"user_id": "$id", "sku": "sku-a"}}}}}}}}');
\sf public.sku_a_orders
SELECT u.id, o.number, o.sku FROM public."user" u JOIN LATERAL public.sku_a_orders(u) o ON true ORDER BY 1, 2;
-- Hasura's legacy form (remote_schema, hasura_fields, remote_field at the top) works and is
-- exported as given.
SELECT remote_relationship.pg_create_remote_relationship('{"name": "legacy_orders", "table": "user",
  "remote_schema": "order-remote-schema", "hasura_fields": ["id"], "remote_field": {"orders": {"arguments": {"user_id": "$id"}}}}');
SELECT count(*) FROM public."user" u JOIN LATERAL public.legacy_orders(u) o ON true;

-- Table to table of the same database, object and array.
CREATE TABLE public.profile (user_id integer PRIMARY KEY, bio text);
INSERT INTO public.profile VALUES (1, 'likes tea'), (3, 'likes coffee');
CREATE TABLE public.note (id serial PRIMARY KEY, author integer, body text);
INSERT INTO public.note (author, body) VALUES (1, 'a'), (1, 'b'), (2, 'c');
SELECT remote_relationship.pg_create_remote_relationship('{"name": "profile", "table": "user",
  "definition": {"to_source": {"relationship_type": "object", "source": "pg1", "table": "profile", "field_mapping": {"id": "user_id"}}}}');
SELECT remote_relationship.pg_create_remote_relationship('{"name": "notes", "table": "user",
  "definition": {"to_source": {"relationship_type": "array", "source": "default", "table": "note", "field_mapping": {"id": "author"}}}}');
SELECT u.id, p.bio, (SELECT count(*) FROM public.notes(u)) AS notes
FROM public."user" u LEFT JOIN LATERAL public.profile(u) p ON true ORDER BY 1;
EXPLAIN (COSTS OFF)
SELECT u.id, n.body FROM public."user" u LEFT JOIN LATERAL public.notes(u) n ON true;

-- Every check, before anything is written.
SELECT remote_relationship.metadata('{"type": "create_remote_schema_remote_relationship", "args": {"name": "x", "remote_schema": "nope",
  "type_name": "Order", "definition": {"to_source": {"relationship_type": "object", "source": "default", "table": "user", "field_mapping": {"user_id": "id"}}}}}');
SELECT remote_relationship.metadata('{"type": "create_remote_schema_remote_relationship", "args": {"name": "x", "remote_schema": "order-remote-schema",
  "type_name": "Nope", "definition": {"to_source": {"relationship_type": "object", "source": "default", "table": "user", "field_mapping": {"user_id": "id"}}}}}');
SELECT remote_relationship.metadata('{"type": "create_remote_schema_remote_relationship", "args": {"name": "x", "remote_schema": "order-remote-schema",
  "type_name": "Thing", "definition": {"to_source": {"relationship_type": "object", "source": "default", "table": "user", "field_mapping": {"user_id": "id"}}}}}');
SELECT remote_relationship.metadata('{"type": "create_remote_schema_remote_relationship", "args": {"name": "x", "remote_schema": "order-remote-schema",
  "type_name": "Order", "definition": {"to_source": {"relationship_type": "object", "source": "db", "table": "user", "field_mapping": {"user_id": "id"}}}}}');
SELECT remote_relationship.metadata('{"type": "create_remote_schema_remote_relationship", "args": {"name": "x", "remote_schema": "order-remote-schema",
  "type_name": "Order", "definition": {"to_source": {"relationship_type": "object", "source": "default", "table": "users", "field_mapping": {"user_id": "id"}}}}}');
SELECT remote_relationship.metadata('{"type": "create_remote_schema_remote_relationship", "args": {"name": "x", "remote_schema": "order-remote-schema",
  "type_name": "Order", "definition": {"to_source": {"relationship_type": "object", "source": "default", "table": {"schema": "app", "name": "user"}, "field_mapping": {"user_id": "id"}}}}}');
SELECT remote_relationship.metadata('{"type": "create_remote_schema_remote_relationship", "args": {"name": "x", "remote_schema": "order-remote-schema",
  "type_name": "Order", "definition": {"to_source": {"relationship_type": "object", "source": "default", "table": "user", "field_mapping": {"user_id": "uid"}}}}}');
SELECT remote_relationship.metadata('{"type": "create_remote_schema_remote_relationship", "args": {"name": "x", "remote_schema": "order-remote-schema",
  "type_name": "Order", "definition": {"to_source": {"relationship_type": "object", "source": "default", "table": "user", "field_mapping": {"userId": "id"}}}}}');
-- A join field that takes arguments (lines(first:)), and types that cannot be compared: Float
-- with integer, String with integer, ID with a timestamp.
SELECT remote_relationship.metadata('{"type": "create_remote_schema_remote_relationship", "args": {"name": "x", "remote_schema": "order-remote-schema",
  "type_name": "Order", "definition": {"to_source": {"relationship_type": "array", "source": "default", "table": "user", "field_mapping": {"lines": "id"}}}}}');
SELECT remote_relationship.metadata('{"type": "create_remote_schema_remote_relationship", "args": {"name": "x", "remote_schema": "order-remote-schema",
  "type_name": "Order", "definition": {"to_source": {"relationship_type": "object", "source": "default", "table": "user", "field_mapping": {"amount": "id"}}}}}');
SELECT remote_relationship.metadata('{"type": "create_remote_schema_remote_relationship", "args": {"name": "x", "remote_schema": "order-remote-schema",
  "type_name": "Order", "definition": {"to_source": {"relationship_type": "object", "source": "default", "table": "user", "field_mapping": {"sku": "id"}}}}}');
CREATE TABLE public.event (id timestamptz, order_number integer);
SELECT remote_relationship.metadata('{"type": "create_remote_schema_remote_relationship", "args": {"name": "x", "remote_schema": "order-remote-schema",
  "type_name": "Order", "definition": {"to_source": {"relationship_type": "object", "source": "default", "table": "event", "field_mapping": {"id": "id"}}}}}');
-- A name already taken: Hasura overwrites, we point to update.
SELECT remote_relationship.metadata('{"type": "create_remote_schema_remote_relationship", "args": {"name": "user", "remote_schema": "order-remote-schema",
  "type_name": "Order", "definition": {"to_source": {"relationship_type": "object", "source": "default", "table": "user", "field_mapping": {"user_id": "id"}}}}}');
SELECT remote_relationship.pg_create_remote_relationship('{"name": "orders", "table": "user",
  "definition": {"to_source": {"relationship_type": "array", "source": "default", "table": "note", "field_mapping": {"id": "author"}}}}');
-- to_remote_schema: unknown remote schema, field, argument, variable, lhs field; an empty and
-- a multi-root remote_field; a nested field; a required argument not given.
SELECT remote_relationship.pg_create_remote_relationship('{"name": "x", "table": "user", "definition": {"to_remote_schema": {"remote_schema": "nope",
  "lhs_fields": ["id"], "remote_field": {"orders": {"arguments": {"user_id": "$id"}}}}}}');
SELECT remote_relationship.pg_create_remote_relationship('{"name": "x", "table": "user", "definition": {"to_remote_schema": {"remote_schema": "order-remote-schema",
  "lhs_fields": ["id"], "remote_field": {"ordersByUser": {"arguments": {"user_id": "$id"}}}}}}');
SELECT remote_relationship.pg_create_remote_relationship('{"name": "x", "table": "user", "definition": {"to_remote_schema": {"remote_schema": "order-remote-schema",
  "lhs_fields": ["id"], "remote_field": {"orders": {"arguments": {"userId": "$id"}}}}}}');
SELECT remote_relationship.pg_create_remote_relationship('{"name": "x", "table": "user", "definition": {"to_remote_schema": {"remote_schema": "order-remote-schema",
  "lhs_fields": ["id"], "remote_field": {"orders": {"arguments": {"user_id": "$name"}}}}}}');
SELECT remote_relationship.pg_create_remote_relationship('{"name": "x", "table": "user", "definition": {"to_remote_schema": {"remote_schema": "order-remote-schema",
  "lhs_fields": ["uid"], "remote_field": {"orders": {"arguments": {"user_id": "$uid"}}}}}}');
SELECT remote_relationship.pg_create_remote_relationship('{"name": "x", "table": "user", "definition": {"to_remote_schema": {"remote_schema": "order-remote-schema",
  "lhs_fields": ["id"], "remote_field": {}}}}');
SELECT remote_relationship.pg_create_remote_relationship('{"name": "x", "table": "user", "definition": {"to_remote_schema": {"remote_schema": "order-remote-schema",
  "lhs_fields": ["id"], "remote_field": {"orders": {"arguments": {}}, "shipments": {"arguments": {}}}}}}');
SELECT remote_relationship.pg_create_remote_relationship('{"name": "x", "table": "user", "definition": {"to_remote_schema": {"remote_schema": "order-remote-schema",
  "lhs_fields": ["id"], "remote_field": {"orders": {"arguments": {"user_id": "$id"}, "field": {"lines": {"arguments": {}}}}}}}}');
SELECT remote_relationship.pg_create_remote_relationship('{"name": "x", "table": "user", "definition": {"to_remote_schema": {"remote_schema": "order-remote-schema",
  "lhs_fields": ["id"], "remote_field": {"order": {"arguments": {}}}}}}');
SELECT remote_relationship.pg_create_remote_relationship('{"name": "x", "table": "user", "definition": {"to_remote_schema": {"remote_schema": "order-remote-schema",
  "lhs_fields": ["id"], "remote_field": {"orders": {"arguments": {"user_id": "$"}}}}}}');
SELECT remote_relationship.pg_create_remote_relationship('{"name": "x", "table": "user", "definition": {"to_remote_schema": {"remote_schema": "order-remote-schema",
  "lhs_fields": ["id"], "remote_field": {"allOrders": {"arguments": {"condition": {"userId": "$id"}}}}}}}');
SELECT remote_relationship.pg_create_remote_relationship('{"name": "x", "table": "user", "definition": {"to_remote_schema": {"remote_schema": "order-remote-schema",
  "lhs_fields": ["id"], "remote_field": {"orders": {"arguments": {"limit": "$id"}}}}}}');
-- Malformed calls: the message says where.
SELECT remote_relationship.metadata('{"type": "create_remote_schema_remote_relationship", "args": {"name": "x", "remote_schema": "order-remote-schema",
  "type_name": "Order", "definition": {"to_source": {"relationship_type": "object", "source": "default", "table": "user", "field_mapping": ["user_id"]}}}}');
SELECT remote_relationship.metadata('{"type": "create_remote_schema_remote_relationship", "args": {"name": "x", "remote_schema": "order-remote-schema",
  "type_name": "Order", "definition": {"to_source": {"relationship_type": "object", "source": "default", "table": "user", "field_mapping": {"user_id": 7}}}}}');
SELECT remote_relationship.metadata('{"type": "create_remote_schema_remote_relationship", "args": {"name": "x", "remote_schema": "order-remote-schema",
  "type_name": "Order", "definition": {"to_source": {"relationship_type": "object", "source": "default", "table": "user", "field_mapping": {}}}}}');
SELECT remote_relationship.metadata('{"type": "create_remote_schema_remote_relationship", "args": {"name": "x", "remote_schema": "order-remote-schema",
  "type_name": "Order", "definition": {"to_source": {"relationship_type": "many", "source": "default", "table": "user", "field_mapping": {"user_id": "id"}}}}}');
SELECT remote_relationship.metadata('{"type": "create_remote_schema_remote_relationship", "args": {"name": "x", "remote_schema": "order-remote-schema",
  "type_name": "Order", "definition": {"to_source": {"relationship_type": "object", "source": "default", "table": "user", "field_mapping": {"user_id": "id"}, "colour": 1}}}}');
SELECT remote_relationship.metadata('{"type": "create_remote_schema_remote_relationship", "args": {"name": "x", "remote_schema": "order-remote-schema",
  "type_name": "Order", "definition": {}}}');
SELECT remote_relationship.metadata('{"type": "create_remote_schema_remote_relationship", "args": {"name": "x", "remote_schema": "order-remote-schema",
  "type_name": "Order", "definition": {"to_source": {}, "to_remote_schema": {}}}}');
SELECT remote_relationship.metadata('{"type": "create_remote_schema_remote_relationship", "args": {"name": "x", "remote_schema": "order-remote-schema"}}');
SELECT remote_relationship.metadata('{"type": "create_remote_schema_remote_relationship", "args": {"name": "", "remote_schema": "order-remote-schema", "type_name": "Order", "definition": {}}}');
SELECT remote_relationship.metadata('{"type": "create_remote_schema_remote_relationship", "args": {"name": "x", "remote_schema": "order-remote-schema", "type_name": "Order", "type": "Order", "definition": {}}}');
SELECT remote_relationship.metadata('{"type": "create_remote_schema_remote_relationship", "args": {"name": 5}}');
SELECT remote_relationship.pg_create_remote_relationship('{"name": "x", "table": "user", "definition": {}, "remote_schema": "order-remote-schema"}');
SELECT remote_relationship.pg_create_remote_relationship('{"name": "x", "table": "user"}');
SELECT remote_relationship.metadata('{"type": "run_sql", "args": {"sql": "select 1"}}');
SELECT remote_relationship.metadata('{"args": {}}');
SELECT remote_relationship.metadata('[1, 2]');
SELECT remote_relationship.metadata('{"type": "pg_add_source"}');
SELECT remote_relationship.bulk('{"type": "pg_add_source"}');
-- Nothing was half-registered.
SELECT remote_schema, type_name, source, table_schema, table_name, name, functions
FROM remote_relationship.relationship ORDER BY 1, 2, 4, 5, 6;
SELECT count(*) AS relationship_functions FROM pg_proc p
WHERE obj_description(p.oid, 'pg_proc') LIKE '%made by remote_relationship''s metadata API';

-- update and delete, of both kinds.
SELECT remote_relationship.metadata('{"type": "update_remote_schema_remote_relationship", "args": {"name": "price", "remote_schema": "order-remote-schema",
  "type_name": "Order", "definition": {"to_source": {"relationship_type": "array", "source": "default", "table": "price", "field_mapping": {"user_id": "user_id"}}}}}');
SELECT o.number, count(p.*) FROM "order-remote-schema"."Order" o JOIN LATERAL "order-remote-schema".price(o) p ON true GROUP BY 1 ORDER BY 1;
SELECT remote_relationship.metadata('{"type": "update_remote_schema_remote_relationship", "args": {"name": "nope", "remote_schema": "order-remote-schema",
  "type_name": "Order", "definition": {"to_source": {"relationship_type": "array", "source": "default", "table": "price", "field_mapping": {"user_id": "user_id"}}}}}');
SELECT remote_relationship.metadata('{"type": "delete_remote_schema_remote_relationship", "args": {"name": "price", "remote_schema": "order-remote-schema", "type_name": "Order"}}');
SELECT remote_relationship.metadata('{"type": "delete_remote_schema_remote_relationship", "args": {"name": "price", "remote_schema": "order-remote-schema", "type_name": "Order"}}');
SELECT to_regprocedure('"order-remote-schema".price("order-remote-schema"."Order")') AS price_function;
SELECT remote_relationship.metadata('{"type": "pg_update_remote_relationship", "args": {"name": "notes", "table": "user",
  "definition": {"to_source": {"relationship_type": "array", "source": "default", "table": "note", "field_mapping": {"id": "id"}}}}}');
SELECT u.id, n.body FROM public."user" u JOIN LATERAL public.notes(u) n ON true ORDER BY 1;
SELECT remote_relationship.metadata('{"type": "pg_update_remote_relationship", "args": {"name": "nope", "table": "user",
  "definition": {"to_source": {"relationship_type": "array", "source": "default", "table": "note", "field_mapping": {"id": "id"}}}}}');
SELECT remote_relationship.metadata('{"type": "pg_delete_remote_relationship", "args": {"name": "notes", "table": "user"}}');
SELECT remote_relationship.metadata('{"type": "delete_remote_relationship", "args": {"name": "notes", "table": "user"}}');

-- ROLLBACK and bulk keep nothing of a failed change; a bulk answers one result per call.
BEGIN;
SELECT remote_relationship.pg_create_remote_relationship('{"name": "notes", "table": "user",
  "definition": {"to_source": {"relationship_type": "array", "source": "default", "table": "note", "field_mapping": {"id": "author"}}}}');
ROLLBACK;
SELECT count(*) FROM remote_relationship.relationship WHERE name = 'notes';
SELECT to_regprocedure('public.notes(public.user)') AS notes_function;
SELECT remote_relationship.metadata('{"type": "bulk", "args": [
  {"type": "pg_create_remote_relationship", "args": {"name": "notes", "table": "user",
   "definition": {"to_source": {"relationship_type": "array", "source": "default", "table": "note", "field_mapping": {"id": "author"}}}}},
  {"type": "pg_add_source", "args": {"name": "pg2"}},
  {"type": "pg_add_source", "args": {"name": "pg1"}}]}');
SELECT count(*) FROM remote_relationship.relationship WHERE name = 'notes';
SELECT name FROM remote_relationship.source ORDER BY 1;
SELECT remote_relationship.metadata('{"type": "bulk", "args": [
  {"type": "pg_create_remote_relationship", "args": {"name": "notes", "table": "user",
   "definition": {"to_source": {"relationship_type": "array", "source": "default", "table": "note", "field_mapping": {"id": "author"}}}}},
  {"type": "pg_add_source", "args": {"name": "pg2"}}]}');

-- Row-level security on the target table filters the joined rows (functions are SECURITY
-- INVOKER), and GRANTs decide who reads what.
CREATE ROLE rr_md_reader;
GRANT USAGE ON SCHEMA "order-remote-schema" TO rr_md_reader;
GRANT SELECT ON "order-remote-schema"."Order" TO rr_md_reader;
GRANT SELECT ON public."user" TO rr_md_reader;
ALTER TABLE public."user" ENABLE ROW LEVEL SECURITY;
CREATE POLICY only_odd ON public."user" FOR SELECT TO rr_md_reader USING (id % 2 = 1);
SET ROLE rr_md_reader;
SELECT o.number, u.name
FROM "order-remote-schema"."Order" o LEFT JOIN LATERAL "order-remote-schema"."user"(o) u ON true WHERE o.number <= 5 ORDER BY 1;
SELECT count(*) FROM public.profile;
-- Only the owner of the table a relationship starts from registers or drops one.
SELECT remote_relationship.pg_create_remote_relationship('{"name": "mine", "table": "user",
  "definition": {"to_source": {"relationship_type": "object", "source": "default", "table": "profile", "field_mapping": {"id": "user_id"}}}}');
SELECT remote_relationship.pg_delete_remote_relationship('{"name": "profile", "table": "user"}');
SELECT remote_relationship.metadata('{"type": "pg_add_source", "args": {"name": "pg3"}}');
DELETE FROM remote_relationship.relationship;
-- The export shows this role no header of a user mapping it may not read.
SELECT s -> 'name' AS name, s -> 'definition' AS definition FROM jsonb_array_elements(remote_relationship.export_metadata() -> 'remote_schemas') s;
RESET ROLE;
SELECT count(*) FROM remote_relationship.relationship;
ALTER TABLE public."user" DISABLE ROW LEVEL SECURITY;

-- The catalog is written only through the checks: a row naming a function that is no
-- relationship function of the row's table is refused, whatever the function is called.
CREATE SCHEMA rr_md_reader_s AUTHORIZATION rr_md_reader;
SET ROLE rr_md_reader;
CREATE FUNCTION rr_md_reader_s."orders(public.user); SELECT 1"(integer) RETURNS int LANGUAGE sql RETURN 1;
SELECT remote_relationship._catalog_add(ROW(NULL, NULL, 'default', 'public', 'user', 'orders', '{}',
  ARRAY['rr_md_reader_s."orders(public.user); SELECT 1"(integer)'])::remote_relationship.relationship);
SELECT remote_relationship._catalog_add(ROW(NULL, NULL, 'default', 'public', 'user', 'stolen', '{}',
  ARRAY['public.orders(public."user")'])::remote_relationship.relationship);
RESET ROLE;
DROP SCHEMA rr_md_reader_s CASCADE;

-- A role that owns its objects (and may use the server) registers, updates and drops its own
-- relationships; a type's foreign tables of other roles get no function of it.
CREATE ROLE rr_md_owner;
GRANT USAGE ON FOREIGN SERVER "order-remote-schema" TO rr_md_owner;
CREATE SCHEMA rr_md_own AUTHORIZATION rr_md_owner;
SET ROLE rr_md_owner;
CREATE TABLE rr_md_own.customer (id integer PRIMARY KEY, name text, code varchar(10));
INSERT INTO rr_md_own.customer VALUES (1, 'ann', 'A1'), (2, 'ben', 'B2');
CREATE FOREIGN TABLE rr_md_own.my_orders (number int, user_id text, sku text)
  SERVER "order-remote-schema" OPTIONS (type_name 'Order', query_field 'orders');
SELECT remote_relationship.create_remote_schema_remote_relationship('{"name": "customer", "remote_schema": "order-remote-schema",
  "type_name": "Order", "definition": {"to_source": {"relationship_type": "object", "source": "default",
  "table": {"schema": "rr_md_own", "name": "customer"}, "field_mapping": {"user_id": "id"}}}}');
SELECT functions FROM remote_relationship.relationship WHERE name = 'customer';
SELECT o.number, c.name FROM rr_md_own.my_orders o JOIN LATERAL rr_md_own.customer(o) c ON true ORDER BY 1;
SELECT remote_relationship.pg_create_remote_relationship('{"name": "orders", "table": {"schema": "rr_md_own", "name": "customer"},
  "definition": {"to_remote_schema": {"remote_schema": "order-remote-schema", "lhs_fields": ["id"],
  "remote_field": {"orders": {"arguments": {"user_id": "$id"}}}}}}');
SELECT remote_relationship.pg_update_remote_relationship('{"name": "orders", "table": {"schema": "rr_md_own", "name": "customer"},
  "definition": {"to_remote_schema": {"remote_schema": "order-remote-schema", "lhs_fields": ["id"],
  "remote_field": {"orders": {"arguments": {"user_id": "$id", "sku": "sku-b"}}}}}}');
SELECT c.name, o.number FROM rr_md_own.customer c JOIN LATERAL rr_md_own.orders(c) o ON true ORDER BY 1, 2;
SELECT remote_relationship.pg_delete_remote_relationship('{"name": "orders", "table": {"schema": "rr_md_own", "name": "customer"}}');
SELECT remote_relationship.delete_remote_schema_remote_relationship('{"name": "customer", "remote_schema": "order-remote-schema", "type_name": "Order"}');
-- Another role's relationship is not this role's to drop.
SELECT remote_relationship.delete_remote_schema_remote_relationship('{"name": "user", "remote_schema": "order-remote-schema", "type_name": "Order"}');
RESET ROLE;
SELECT count(*) FROM remote_relationship.relationship WHERE name IN ('customer', 'orders') AND table_schema IS DISTINCT FROM 'public';
DROP SCHEMA rr_md_own CASCADE;
REVOKE USAGE ON FOREIGN SERVER "order-remote-schema" FROM rr_md_owner;
DROP ROLE rr_md_owner;

-- Keys in the target's own type: citext without case, varchar and numeric with their indexes.
CREATE EXTENSION citext;
CREATE TABLE public.sku_info (sku citext PRIMARY KEY, label text);
INSERT INTO public.sku_info VALUES ('SKU-A', 'first'), ('sku-b', 'second');
SELECT remote_relationship.create_remote_schema_remote_relationship('{"name": "sku_info", "remote_schema": "order-remote-schema",
  "type_name": "Order", "definition": {"to_source": {"relationship_type": "object", "source": "default", "table": "sku_info",
  "field_mapping": {"sku": "sku"}}}}');
\sf "order-remote-schema".sku_info
SELECT o.sku, count(*), min(i.label) FROM "order-remote-schema"."Order" o JOIN LATERAL "order-remote-schema".sku_info(o) i ON true
GROUP BY 1 ORDER BY 1;
-- The same the other way round, with only nested loops allowed: the remote compares text
-- with case, so citext's "=" is never sent to it as a key (it would lose sku-a's rows).
SET enable_hashjoin = off;
SET enable_mergejoin = off;
SELECT i.sku, count(o.number) FROM public.sku_info i LEFT JOIN "order-remote-schema"."Order" o ON o.sku::citext = i.sku
GROUP BY 1 ORDER BY 1;
RESET enable_hashjoin;
RESET enable_mergejoin;
-- A list read into a text column (as JSON text) matches any element too.
CREATE FOREIGN TABLE "order-remote-schema".order_text_list (number int, helper_ids text)
  SERVER "order-remote-schema" OPTIONS (type_name 'Order', query_field 'orders');
SELECT remote_relationship.create_remote_schema_remote_relationship('{"name": "helper_users", "remote_schema": "order-remote-schema",
  "type_name": "Order", "definition": {"to_source": {"relationship_type": "array", "source": "default", "table": "user",
  "field_mapping": {"helper_ids": "id"}}}}');
SELECT o.number, o.helper_ids, array_agg(u.id ORDER BY u.id) FROM "order-remote-schema".order_text_list o
JOIN LATERAL "order-remote-schema".helper_users(o) u ON true WHERE o.number <= 5 GROUP BY 1, 2 ORDER BY 1;
-- Hasura's where: {field: {_eq: "$column"}}, against a Hasura-style remote.
SELECT remote_relationship.add_remote_schema('{"name": "hasura-rs", "import_into": "md_hasura",
  "definition": {"url": "http://127.0.0.1:54410/hasura/graphql"}}');
SELECT remote_relationship.pg_create_remote_relationship('{"name": "hasura_orders", "table": "user",
  "definition": {"to_remote_schema": {"remote_schema": "hasura-rs", "lhs_fields": ["id"],
  "remote_field": {"orders": {"arguments": {"where": {"user_id": {"_eq": "$id"}}}}}}}}');
\sf public.hasura_orders
SELECT u.id, count(o.*) FROM public."user" u LEFT JOIN LATERAL public.hasura_orders(u) o ON true GROUP BY 1 ORDER BY 1;
SELECT remote_relationship.pg_create_remote_relationship('{"name": "x", "table": "user",
  "definition": {"to_remote_schema": {"remote_schema": "hasura-rs", "lhs_fields": ["id"],
  "remote_field": {"orders": {"arguments": {"where": {"user_id": {"_gt": "$id"}}}}}}}}');
SELECT remote_relationship.pg_delete_remote_relationship('{"name": "hasura_orders", "table": "user"}');
SELECT remote_relationship.remove_remote_schema('{"name": "hasura-rs"}');
DROP SCHEMA md_hasura;
-- A renamed table leaves stale identities: the relationship can still be deleted.
ALTER FOREIGN TABLE "order-remote-schema".order_text_list RENAME TO order_text_list2;
SELECT remote_relationship.delete_remote_schema_remote_relationship('{"name": "helper_users", "remote_schema": "order-remote-schema", "type_name": "Order"}');
SELECT count(*) FROM remote_relationship.relationship WHERE name = 'helper_users';
DROP FOREIGN TABLE "order-remote-schema".order_text_list2 CASCADE;
SELECT remote_relationship.delete_remote_schema_remote_relationship('{"name": "sku_info", "remote_schema": "order-remote-schema", "type_name": "Order"}');
DROP TABLE public.sku_info;
DROP EXTENSION citext;

-- Sources: default and the database's own name always exist; one in use is not dropped.
SELECT remote_relationship.metadata('{"type": "pg_add_source", "args": {"name": "pg1"}}');
SELECT remote_relationship.metadata('{"type": "pg_add_source", "args": {"name": "pg1", "replace_configuration": true}}');
SELECT remote_relationship.metadata('{"type": "pg_add_source", "args": {"name": "default"}}');
SELECT remote_relationship.metadata('{"type": "pg_add_source", "args": {"name": "pg4", "customization": {"root_fields": {"prefix": "x"}}}}');
SELECT remote_relationship.metadata('{"type": "pg_drop_source", "args": {"name": "default"}}');
SELECT remote_relationship.metadata('{"type": "pg_drop_source", "args": {"name": "nope"}}');
SELECT remote_relationship.metadata('{"type": "pg_drop_source", "args": {"name": "pg1"}}');
SELECT remote_relationship.metadata('{"type": "pg_drop_source", "args": {"name": "pg2"}}');
-- With cascade, the relationships that use a source go with it.
SELECT remote_relationship.pg_add_source('{"name": "pg5"}');
SELECT remote_relationship.pg_create_remote_relationship('{"name": "profile5", "table": "user",
  "definition": {"to_source": {"relationship_type": "object", "source": "pg5", "table": "profile", "field_mapping": {"id": "user_id"}}}}');
SELECT remote_relationship.pg_drop_source('{"name": "pg5"}');
SELECT remote_relationship.pg_drop_source('{"name": "pg5", "cascade": true}');
SELECT count(*) AS left_over FROM remote_relationship.relationship WHERE name = 'profile5';
SELECT to_regprocedure('public.profile5(public.user)') AS profile5_function;

-- Remote schemas: one in use is not removed; reload and introspect.
SELECT remote_relationship.metadata('{"type": "remove_remote_schema", "args": {"name": "order-remote-schema"}}');
SELECT remote_relationship.metadata('{"type": "remove_remote_schema", "args": {"name": "nope"}}');
SELECT remote_relationship.metadata('{"type": "add_remote_schema", "args": {"name": "order-remote-schema", "definition": {"url": "http://127.0.0.1:54410/relations/graphql"}}}');
SELECT remote_relationship.metadata('{"type": "add_remote_schema", "args": {"name": "x", "definition": {"url_from_env": "X_URL"}}}');
-- value_from_env: the header comes from the server's environment at each request (superuser
-- only); the mapping keeps the variable's name, and export shows it as Hasura wrote it.
SELECT remote_relationship.metadata('{"type": "add_remote_schema", "args": {"name": "env-rs", "import_into": "md_env",
  "definition": {"url": "http://127.0.0.1:54410/relations/graphql",
                 "headers": [{"name": "X-From-Env", "value_from_env": "RR_TEST_HEADER_VALUE"}, {"name": "X-Plain", "value": "p"}]}}}');
SELECT umoptions FROM pg_user_mappings WHERE srvname = 'env-rs';
SELECT remote_relationship._export_remote_schema(remote_relationship._server('env-rs')) -> 'definition' -> 'headers' AS headers;
SELECT count(*) FROM md_env."Order";
SELECT remote_relationship.metadata('{"type": "add_remote_schema", "args": {"name": "x", "definition": {"url": "http://127.0.0.1:54410/relations/graphql", "headers": [{"name": "A", "value_from_env": "not a name"}]}}}');
SELECT remote_relationship.metadata('{"type": "add_remote_schema", "args": {"name": "x", "definition": {"url": "http://127.0.0.1:54410/relations/graphql", "headers": [{"name": "A", "value": "v", "value_from_env": "V"}]}}}');
SET ROLE rr_md_reader;
SELECT remote_relationship.metadata('{"type": "add_remote_schema", "args": {"name": "x", "definition": {"url": "http://127.0.0.1:54410/relations/graphql", "headers": [{"name": "A", "value_from_env": "HOME"}]}}}');
RESET ROLE;
SELECT remote_relationship.remove_remote_schema('{"name": "env-rs"}');
DROP SCHEMA md_env;
SELECT remote_relationship.metadata('{"type": "add_remote_schema", "args": {"name": "x", "definition": {"url": "http://127.0.0.1:54410/relations/graphql", "timeout_seconds": 0}}}');
SELECT remote_relationship.metadata('{"type": "add_remote_schema", "args": {"name": "x", "definition": {"url": "ftp://127.0.0.1/"}}}');
SELECT remote_relationship.metadata('{"type": "add_remote_schema", "args": {"name": "x", "definition": {"url": "http://127.0.0.1:54410/relations/graphql", "headers": [{"name": "Bad Name", "value": "v"}]}}}');
SELECT remote_relationship.add_remote_schema(jsonb_build_object('name', 'x', 'definition', jsonb_build_object('url', 'http://127.0.0.1:54410/relations/graphql',
  'headers', jsonb_build_array(jsonb_build_object('name', 'X-Two-Lines', 'value', 'a' || chr(13) || chr(10) || 'b')))));
SELECT remote_relationship.metadata('{"type": "add_remote_schema", "args": {"name": "x", "definition": {"url": "http://user:pw@127.0.0.1:54410/relations/graphql"}}}');
-- A call that fails after its user mapping is made (the remote is not there) keeps the header
-- values out of its messages and out of the server log (test/fault/no_secrets.sh looks).
SELECT remote_relationship.add_remote_schema(jsonb_build_object('name', 'x', 'definition', jsonb_build_object('url', 'http://127.0.0.1:9/graphql',
  'headers', jsonb_build_array(jsonb_build_object('name', 'Authorization', 'value', 'Bearer ' || md5('rr-test-secret-metadata'))))));
SELECT count(*) FROM pg_foreign_server WHERE srvname = 'x';
SELECT remote_relationship.metadata('{"type": "reload_remote_schema", "args": {"name": "order-remote-schema"}}');
SELECT remote_relationship.metadata('{"type": "reload_remote_schema", "args": {"name": "nope"}}');
SELECT jsonb_path_query_array(remote_relationship.metadata('{"type": "introspect_remote_schema", "args": {"name": "order-remote-schema"}}'),
  '$.data.__schema.types[*] ? (@.kind == "OBJECT" && !(@.name starts with "__")).name') AS object_types;
SELECT remote_relationship.metadata('{"type": "introspect_remote_schema", "args": {"name": "nope"}}');
-- A server made with CREATE SERVER is a remote schema too.
CREATE SERVER plain_rs FOREIGN DATA WRAPPER remote_relationship OPTIONS (url 'http://127.0.0.1:54410/relations/graphql', timeout_ms '1500');
SELECT remote_relationship.metadata('{"type": "update_remote_schema", "args": {"name": "plain_rs",
  "definition": {"url": "http://127.0.0.1:54410/relations/graphql", "timeout_seconds": 5, "forward_client_headers": true,
                 "headers": [{"name": "X-Api-Key", "value": "md-key"}]}, "comment": "made by hand"}}');
SELECT srvoptions FROM pg_foreign_server WHERE srvname = 'plain_rs';
SELECT umoptions FROM pg_user_mappings WHERE srvname = 'plain_rs';
SELECT remote_relationship.metadata('{"type": "update_remote_schema", "args": {"name": "nope", "definition": {"url": "http://127.0.0.1:54410/graphql"}}}');

-- export_metadata: Hasura's shape; replace_metadata of its own output changes nothing.
SELECT jsonb_pretty(remote_relationship.metadata('{"type": "export_metadata", "args": {}}'));
SELECT remote_relationship.metadata('{"type": "export_metadata", "version": 2, "args": {}}') ? 'resource_version' AS v2;
CREATE TEMP TABLE before AS
SELECT remote_relationship.export_metadata() AS metadata,
       (SELECT array_agg(p.oid ORDER BY p.oid) FROM remote_relationship.relationship r, unnest(r.functions) f, pg_proc p
        WHERE p.oid = to_regprocedure(f)) AS functions;
SELECT remote_relationship.metadata(jsonb_build_object('type', 'replace_metadata', 'args', (SELECT metadata FROM before)));
SELECT remote_relationship.export_metadata() = metadata AS same_metadata,
       (SELECT array_agg(p.oid ORDER BY p.oid) FROM remote_relationship.relationship r, unnest(r.functions) f, pg_proc p
        WHERE p.oid = to_regprocedure(f)) = functions AS same_functions FROM before;
-- A changed replace: one relationship less, one changed, plain_rs gone, pg1 kept.
SELECT remote_relationship.metadata(jsonb_build_object('type', 'replace_metadata', 'args', jsonb_build_object('metadata',
  jsonb_set(jsonb_set((SELECT metadata FROM before) #- '{remote_schemas,1}',
    '{remote_schemas,0,remote_relationships,0,relationships}',
    '[{"name": "user", "definition": {"to_source": {"relationship_type": "object", "source": "pg1", "table": {"name": "user", "schema": "public"}, "field_mapping": {"user_id": "id"}}}}]'),
    '{sources,0,tables}', '[]'))));
SELECT remote_schema, type_name, source, table_name, name FROM remote_relationship.relationship ORDER BY 1, 2, 4, 5;
SELECT srvname FROM pg_foreign_server ORDER BY 1;
-- Back to what it was.
SELECT remote_relationship.replace_metadata((SELECT metadata FROM before));
SELECT remote_relationship.export_metadata() = metadata AS same_metadata FROM before;
SELECT remote_relationship.replace_metadata('{"version": 2, "sources": []}');
SELECT remote_relationship.replace_metadata('{"version": 3, "sources": [], "actions": [{"name": "a"}]}');
SELECT remote_relationship.replace_metadata('{"version": 3, "sources": [], "remote_schemas": [{"name": "order-remote-schema", "definition": {"url": "http://127.0.0.1:54410/relations/graphql"}, "permissions": [{"role": "user"}]}]}');

-- DROP of a table a relationship uses is refused unless CASCADE, which drops the relationship
-- and its metadata too.
DROP TABLE public.profile;
DROP TABLE public.profile CASCADE;
SELECT name FROM remote_relationship.relationship WHERE table_name = 'user' ORDER BY 1;
DROP FOREIGN TABLE "order-remote-schema"."Shipment" CASCADE;
SELECT remote_schema, type_name, name FROM remote_relationship.relationship WHERE type_name IS NOT NULL ORDER BY 1, 2, 3;

-- The key converters: no match instead of an error.
SELECT remote_relationship.key_int4('12'), remote_relationship.key_int4('-3'), remote_relationship.key_int4('abc'),
       remote_relationship.key_int4('99999999999'), remote_relationship.key_int2('40000'), remote_relationship.key_int8('9223372036854775807'),
       remote_relationship.key_int4(' 1'), remote_relationship.key_int4('');
SELECT remote_relationship.key_uuid('00000000-0000-4000-8000-000000000001'), remote_relationship.key_uuid('0000000000004000800000000000000a'),
       remote_relationship.key_uuid('not-a-uuid'), remote_relationship.key_uuid('00000000-0000-4000-8000-00000000000g');
SELECT remote_relationship.key_int4_array('["1", 2, "x", null, 3.5, {"a": 1}, [4]]'::jsonb), remote_relationship.key_int4_array('"7"'::jsonb),
       remote_relationship.key_text_array('["a", 1, true]'::jsonb), remote_relationship.key_int8_array('{1,x,NULL,3}'::text[]),
       remote_relationship.key_uuid_array('[]'::jsonb);

-- Clean up: relationships first, then the remote schema and source.
SELECT remote_relationship.replace_metadata('{"version": 3, "sources": []}');
SELECT count(*) FROM remote_relationship.relationship;
SELECT count(*) FROM pg_foreign_server WHERE srvname = 'order-remote-schema';
DROP TABLE public."user", public.price, public.note, public.event CASCADE;
DROP SCHEMA "order-remote-schema" CASCADE;
DROP ROLE rr_md_reader;
