-- Parameterized joins: a join clause on an argument column makes the foreign scan the inner
-- side of a nested loop that sends each outer row's key as the argument (a variable), a new
-- request per rescan; NULL keys send nothing; relationships to remote fields use it, and a
-- field that needs the key (order(id: ID!)) can only be joined that way.
CREATE EXTENSION IF NOT EXISTS remote_relationship;
\set VERBOSITY default
\set SHOW_CONTEXT never

-- Pages of 1000 rows: a whole-table scan below is one request.
CREATE SERVER jn FOREIGN DATA WRAPPER remote_relationship OPTIONS (url 'http://127.0.0.1:54410/relations/graphql', page_size '1000');
CREATE USER MAPPING FOR PUBLIC SERVER jn;
CREATE SCHEMA jn;
IMPORT FOREIGN SCHEMA g LIMIT TO ("Order", "Shipment") FROM SERVER jn INTO jn;
-- The test server's request log, to see what was sent.
CREATE SERVER jn_log FOREIGN DATA WRAPPER remote_relationship OPTIONS (url 'http://127.0.0.1:54410/graphql');
CREATE USER MAPPING FOR PUBLIC SERVER jn_log;
CREATE FOREIGN TABLE jn.requests (seq int, path text, document text, variables jsonb) SERVER jn_log
  OPTIONS (query_field '_requests', argument_types '{"after": "Int"}');
CREATE FUNCTION jn.sent(after int) RETURNS TABLE (field text, variables jsonb) LANGUAGE sql AS $$
  SELECT substring(document from '\{ (?:\w+: )?(\w+)\('), variables - 'limit' - 'offset' FROM jn.requests
  WHERE seq > after AND path = '/relations/graphql' ORDER BY seq $$;

-- The parameterized path is what this file shows, so the batched join (batched.sql), which
-- the planner prefers for these joins, is off until the end.
SET remote_relationship.enable_batched_join = off;

CREATE TABLE jn.k (v text);
INSERT INTO jn.k VALUES ('1'), (NULL), ('3'), ('1');
ANALYZE jn.k;

-- By cost: four requests of one key each cost more than one request for all rows.
EXPLAIN (COSTS OFF) SELECT k.v, o.number FROM jn.k JOIN jn."Order" o ON o.user_id = k.v;
-- With cheap requests (fdw_startup_cost), the keyed lookups win.
ALTER FOREIGN TABLE jn."Order" OPTIONS (ADD fdw_startup_cost '1');
EXPLAIN (VERBOSE, COSTS OFF) SELECT k.v, o.number FROM jn.k JOIN jn."Order" o ON o.user_id = k.v;
SELECT coalesce(max(seq), 0) AS start FROM jn.requests \gset
SELECT k.v, o.number FROM jn.k JOIN jn."Order" o ON o.user_id = k.v ORDER BY 1, 2;
-- One request per non-NULL key (Memoize asks once for the repeated "1"), each key a variable.
SELECT * FROM jn.sent(:start);
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT k.v, o.number FROM jn.k JOIN jn."Order" o ON o.user_id = k.v;
-- A left join keeps the outer rows without a match; the results equal a join done locally.
SELECT k.v, o.number FROM jn.k LEFT JOIN jn."Order" o ON o.user_id = k.v ORDER BY 1, 2;
SELECT count(*) AS differences FROM (
  (SELECT k.v, o.number FROM jn.k LEFT JOIN jn."Order" o ON o.user_id = k.v
   EXCEPT ALL SELECT k.v, o.number FROM jn.k LEFT JOIN (SELECT * FROM jn."Order" OFFSET 0) o ON o.user_id || '' = k.v)
  UNION ALL
  (SELECT k.v, o.number FROM jn.k LEFT JOIN (SELECT * FROM jn."Order" OFFSET 0) o ON o.user_id || '' = k.v
   EXCEPT ALL SELECT k.v, o.number FROM jn.k LEFT JOIN jn."Order" o ON o.user_id = k.v)) d;
-- A semi join and an anti join.
SELECT v FROM jn.k WHERE EXISTS (SELECT FROM jn."Order" o WHERE o.user_id = k.v) ORDER BY 1;
SELECT v FROM jn.k WHERE NOT EXISTS (SELECT FROM jn."Order" o WHERE o.user_id = k.v) ORDER BY 1;
ALTER FOREIGN TABLE jn."Order" OPTIONS (DROP fdw_startup_cost);

-- A required argument: order(id: ID!) is read only by key. A join that feeds it plans as a
-- parameterized nested loop whatever the costs, and each Shipment's order comes back.
CREATE FOREIGN TABLE jn.order_by_id (id text OPTIONS (argument 'id'), number int, user_id text)
  SERVER jn OPTIONS (type_name 'Order', query_field 'order', query_returns 'object', argument_types '{"id": "ID!"}');
EXPLAIN (COSTS OFF) SELECT s.id, o.number FROM jn."Shipment" s LEFT JOIN jn.order_by_id o ON o.id = s.order_id::text;
SELECT coalesce(max(seq), 0) AS start FROM jn.requests \gset
SELECT s.id, s.order_id, o.number, o.user_id FROM jn."Shipment" s LEFT JOIN jn.order_by_id o ON o.id = s.order_id::text
ORDER BY s.id::int;
SELECT field, count(*) AS requests, count(DISTINCT variables) AS distinct_keys FROM jn.sent(:start) GROUP BY 1 ORDER BY 1;
-- Without a key it is the clear error it was.
SELECT * FROM jn.order_by_id;
-- A prepared statement with a generic plan sends its parameter.
PREPARE by_key(text) AS SELECT number FROM jn.order_by_id WHERE id = $1;
SET plan_cache_mode = force_generic_plan;
EXECUTE by_key('7');
EXECUTE by_key('8');
RESET plan_cache_mode;

-- Through a relationship: a table to a remote field, and remote type to remote field.
CREATE TABLE jn."user" (id integer PRIMARY KEY, name text);
INSERT INTO jn."user" SELECT g, 'user ' || g FROM generate_series(1, 5) g;
ANALYZE jn."user";
SELECT remote_relationship.pg_create_remote_relationship('{"name": "orders", "table": {"schema": "jn", "name": "user"},
  "definition": {"to_remote_schema": {"remote_schema": "jn", "lhs_fields": ["id"],
  "remote_field": {"orders": {"arguments": {"user_id": "$id"}}}}}}');
SELECT remote_relationship.create_remote_schema_remote_relationship('{"name": "order", "remote_schema": "jn", "type_name": "Shipment",
  "definition": {"to_remote_schema": {"remote_schema": "jn", "lhs_fields": ["order_id"],
  "remote_field": {"order": {"arguments": {"id": "$order_id"}}}}}}');
-- One user: its key goes to the remote.
EXPLAIN (VERBOSE, COSTS OFF) SELECT u.name, o.number FROM jn."user" u JOIN LATERAL jn.orders(u) o ON true WHERE u.id = 2;
SELECT coalesce(max(seq), 0) AS start FROM jn.requests \gset
SELECT u.name, o.number FROM jn."user" u JOIN LATERAL jn.orders(u) o ON true WHERE u.id = 2 ORDER BY 2;
SELECT * FROM jn.sent(:start);
EXPLAIN (COSTS OFF) SELECT s.id, o.number FROM jn."Shipment" s LEFT JOIN LATERAL jn."order"(s) o ON true;
SELECT s.id, o.number FROM jn."Shipment" s LEFT JOIN LATERAL jn."order"(s) o ON true WHERE s.carrier = 'UPS' ORDER BY s.id::int;

-- With the batched join on, the same relationships plan as one: the outer keys go as aliased
-- root fields (these fields take one key each), all of them in one request.
RESET remote_relationship.enable_batched_join;
EXPLAIN (COSTS OFF) SELECT u.name, o.number FROM jn."user" u JOIN LATERAL jn.orders(u) o ON true;
EXPLAIN (COSTS OFF) SELECT s.id, o.number FROM jn."Shipment" s LEFT JOIN LATERAL jn."order"(s) o ON true;
SELECT coalesce(max(seq), 0) AS start FROM jn.requests \gset
SELECT s.id, o.number FROM jn."Shipment" s LEFT JOIN LATERAL jn."order"(s) o ON true WHERE s.carrier = 'UPS' ORDER BY s.id::int;
SELECT field, count(*) AS requests FROM jn.sent(:start) GROUP BY 1 ORDER BY 1;
SELECT count(*) AS differences FROM (
  (SELECT u.name, o.number FROM jn."user" u LEFT JOIN LATERAL jn.orders(u) o ON true
   EXCEPT ALL SELECT u.name, o.number FROM jn."user" u LEFT JOIN (SELECT * FROM jn."Order" OFFSET 0) o ON o.user_id = u.id::text)
  UNION ALL
  (SELECT u.name, o.number FROM jn."user" u LEFT JOIN (SELECT * FROM jn."Order" OFFSET 0) o ON o.user_id = u.id::text
   EXCEPT ALL SELECT u.name, o.number FROM jn."user" u LEFT JOIN LATERAL jn.orders(u) o ON true)) d;

-- Costs are options of the server or the table, checked.
ALTER SERVER jn OPTIONS (ADD fdw_startup_cost '0', fdw_tuple_cost '0.5');
ALTER SERVER jn OPTIONS (SET fdw_startup_cost '-1');
ALTER FOREIGN TABLE jn."Order" OPTIONS (ADD fdw_tuple_cost 'cheap');
CREATE FOREIGN TABLE jn.bad_cost (id text) SERVER jn OPTIONS (fdw_startup_cost '1e11');

-- Dropping the schema drops the relationship functions, and with them the relationships.
DROP SCHEMA jn CASCADE;
SELECT count(*) AS relationships_left FROM remote_relationship.relationship;
DROP SERVER jn, jn_log CASCADE;
