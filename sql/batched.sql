-- Batched remote joins: the distinct non-NULL keys of up to batch_size outer rows go in one
-- request (the filter's `_in` / `in`), and each outer row is joined with the rows that came
-- back, every clause checked locally. Inner, left, semi and anti joins; each result equals
-- the same join with remote_relationship.enable_batched_join off.
CREATE EXTENSION IF NOT EXISTS remote_relationship;
\set VERBOSITY default
\set SHOW_CONTEXT never

CREATE SCHEMA bj;
CREATE FUNCTION bj.same(query text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  batched text;
  other text;
  n bigint;
BEGIN
  EXECUTE format('SELECT string_agg(t::text, %L ORDER BY t::text), count(*) FROM (%s) t', ' | ', query) INTO batched, n;
  PERFORM set_config('remote_relationship.enable_batched_join', 'off', true);
  EXECUTE format('SELECT string_agg(t::text, %L ORDER BY t::text) FROM (%s) t', ' | ', query) INTO other;
  PERFORM set_config('remote_relationship.enable_batched_join', 'on', true);
  RETURN CASE WHEN batched IS NOT DISTINCT FROM other THEN format('same, %s rows', n) ELSE 'DIFFERENT: ' || coalesce(batched, '') || ' / ' || coalesce(other, '') END;
END
$$;
CREATE SERVER bj_hasura FOREIGN DATA WRAPPER remote_relationship OPTIONS (url 'http://127.0.0.1:54410/hasura/graphql');
CREATE USER MAPPING FOR PUBLIC SERVER bj_hasura;
IMPORT FOREIGN SCHEMA g LIMIT TO (orders, users) FROM SERVER bj_hasura INTO bj;
-- The request log, to see what each batch sent.
CREATE SERVER bj_log FOREIGN DATA WRAPPER remote_relationship OPTIONS (url 'http://127.0.0.1:54410/graphql');
CREATE USER MAPPING FOR PUBLIC SERVER bj_log;
CREATE FOREIGN TABLE bj.requests (seq int, path text, document text, variables jsonb, client_port int, at_ms float8) SERVER bj_log
  OPTIONS (query_field '_requests', argument_types '{"after": "Int"}');

CREATE TABLE bj.k (v int, label text);
INSERT INTO bj.k VALUES (1, 'one'), (3, 'three'), (NULL, 'null'), (1, 'one again'), (99, 'none'), (5, 'five');
ANALYZE bj.k;

EXPLAIN (VERBOSE, COSTS OFF) SELECT k.label, o.id FROM bj.k JOIN bj.orders o ON o.user_id = k.v;
SELECT coalesce(max(seq), 0) AS start FROM bj.requests \gset
SELECT k.label, o.id, o.status FROM bj.k JOIN bj.orders o ON o.user_id = k.v ORDER BY 1, 2;
-- One request for all the keys, each once (the count beside the page says it is the last).
SELECT variables -> 'where' AS sent FROM bj.requests WHERE seq > :start AND path = '/hasura/graphql' ORDER BY seq;
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT k.label, o.id FROM bj.k JOIN bj.orders o ON o.user_id = k.v;
SELECT bj.same('SELECT k.label, o.id, o.status FROM bj.k JOIN bj.orders o ON o.user_id = k.v');
-- With TIMING (the default), the time spent waiting on the network and parsing the answers.
CREATE FUNCTION bj.remote_times(query text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  plan json;
BEGIN
  EXECUTE 'EXPLAIN (ANALYZE, FORMAT JSON) ' || query INTO plan;
  RETURN format('network %s, parse %s', (plan -> 0 -> 'Plan' ->> 'Remote Network Time')::float8 > 0,
                (plan -> 0 -> 'Plan' ->> 'Remote Parse Time')::float8 >= 0);
END
$$;
SELECT bj.remote_times('SELECT k.label, o.id FROM bj.k JOIN bj.orders o ON o.user_id = k.v');
-- Left joins keep outer rows without a match, also when another clause of the ON refuses them.
-- (By cost this one is a tie with one request for all SHIPPED orders: the test takes the batch.)
SET enable_hashjoin = off;
SET enable_mergejoin = off;
EXPLAIN (COSTS OFF) SELECT k.label, o.id FROM bj.k LEFT JOIN bj.orders o ON o.user_id = k.v AND o.status = 'SHIPPED';
SELECT k.label, o.id FROM bj.k LEFT JOIN bj.orders o ON o.user_id = k.v AND o.status = 'SHIPPED' ORDER BY 1, 2;
SELECT bj.same('SELECT k.label, o.id FROM bj.k LEFT JOIN bj.orders o ON o.user_id = k.v AND o.status = ''SHIPPED''');
RESET enable_hashjoin;
RESET enable_mergejoin;
-- Semi and anti joins.
EXPLAIN (COSTS OFF) SELECT label FROM bj.k WHERE EXISTS (SELECT FROM bj.orders o WHERE o.user_id = k.v);
SELECT label FROM bj.k WHERE EXISTS (SELECT FROM bj.orders o WHERE o.user_id = k.v) ORDER BY 1;
SELECT label FROM bj.k WHERE NOT EXISTS (SELECT FROM bj.orders o WHERE o.user_id = k.v) ORDER BY 1;
SELECT bj.same('SELECT label FROM bj.k WHERE EXISTS (SELECT FROM bj.orders o WHERE o.user_id = k.v)');
SELECT bj.same('SELECT label FROM bj.k WHERE NOT EXISTS (SELECT FROM bj.orders o WHERE o.user_id = k.v)');
-- The inner table's own conditions go with the keys, and are checked locally too.
SELECT coalesce(max(seq), 0) AS start FROM bj.requests \gset
SELECT k.label, o.id FROM bj.k JOIN bj.orders o ON o.user_id = k.v WHERE o.quantity >= 2 ORDER BY 1, 2;
SELECT variables -> 'where' AS sent FROM bj.requests WHERE seq > :start AND path = '/hasura/graphql' ORDER BY seq LIMIT 1;
SELECT bj.same('SELECT k.label, o.id FROM bj.k JOIN bj.orders o ON o.user_id = k.v WHERE o.quantity >= 2');
-- Batches of 2 distinct keys: a request per batch (the planner would rather read the table
-- whole now, so the other joins are off). The outer rows 1, 3, NULL, 1 share the first
-- batch; 99 would be a third key, so it starts the second with 5.
ALTER FOREIGN TABLE bj.orders OPTIONS (ADD batch_size '2');
SET enable_hashjoin = off;
SET enable_mergejoin = off;
SET enable_nestloop = off;
SELECT coalesce(max(seq), 0) AS start FROM bj.requests \gset
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT k.label, o.id FROM bj.k JOIN bj.orders o ON o.user_id = k.v;
SELECT variables -> 'where' AS sent FROM bj.requests WHERE seq > :start AND path = '/hasura/graphql' ORDER BY seq;
SELECT bj.same('SELECT k.label, o.id, o.amount FROM bj.k JOIN bj.orders o ON o.user_id = k.v');
RESET enable_hashjoin;
RESET enable_mergejoin;
RESET enable_nestloop;
ALTER FOREIGN TABLE bj.orders OPTIONS (DROP batch_size);
-- 1 000 outer rows of 20 distinct keys (and NULLs): one request, for the 20 keys, that
-- fetches only their rows; with batch_size 7, ceil(20 / 7) = 3 requests.
CREATE TABLE bj.many (v int);
INSERT INTO bj.many SELECT CASE WHEN g % 50 = 0 THEN NULL ELSE 1 + g % 20 END FROM generate_series(1, 1000) g;
ANALYZE bj.many;
SET enable_hashjoin = off;
SET enable_mergejoin = off;
SELECT coalesce(max(seq), 0) AS start FROM bj.requests \gset
SELECT count(*), count(DISTINCT o.id) FROM bj.many JOIN bj.orders o ON o.user_id = many.v;
SELECT count(*) AS requests, sum(json_array_length((variables -> 'where' -> '_and' -> 0 -> 'user_id' ->> '_in')::json)) AS keys_sent
FROM bj.requests WHERE seq > :start AND path = '/hasura/graphql';
SELECT count(*) AS orders_of_those_keys FROM bj.orders WHERE user_id BETWEEN 1 AND 20;
ALTER FOREIGN TABLE bj.orders OPTIONS (ADD batch_size '7');
SELECT coalesce(max(seq), 0) AS start FROM bj.requests \gset
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT many.v, o.id FROM bj.many JOIN bj.orders o ON o.user_id = many.v;
SELECT count(*) AS requests FROM bj.requests WHERE seq > :start AND path = '/hasura/graphql';
SELECT bj.same('SELECT many.v, o.id FROM bj.many LEFT JOIN bj.orders o ON o.user_id = many.v');
-- Those 3 requests are in flight together (max_concurrent_requests, 4 by default), with the
-- keys split in sorted runs of 7; with 1, one after another. The remote answers each after
-- 400 ms here, so requests in flight together arrive within 400 ms, one after another 400 ms
-- apart.
ALTER SERVER bj_hasura OPTIONS (SET url 'http://127.0.0.1:54410/hasura/graphql?fault=slow&ms=400');
SELECT coalesce(max(seq), 0) AS start FROM bj.requests \gset
SELECT count(*) FROM bj.many JOIN bj.orders o ON o.user_id = many.v;
SELECT count(*) AS requests, max(at_ms) - min(at_ms) < 400 AS concurrent,
       string_agg(variables -> 'where' -> '_and' -> 0 -> 'user_id' ->> '_in', ' ' ORDER BY variables::text) AS keys
FROM bj.requests WHERE seq > :start AND path = '/hasura/graphql';
ALTER SERVER bj_hasura OPTIONS (ADD max_concurrent_requests '1');
SELECT coalesce(max(seq), 0) AS start FROM bj.requests \gset
SELECT count(*) FROM bj.many JOIN bj.orders o ON o.user_id = many.v;
SELECT count(*) AS requests, min(gap) >= 400 AS one_after_another
FROM (SELECT at_ms - lag(at_ms) OVER (ORDER BY seq) AS gap FROM bj.requests
      WHERE seq > :start AND path = '/hasura/graphql') AS arrivals;
ALTER SERVER bj_hasura OPTIONS (DROP max_concurrent_requests);
ALTER SERVER bj_hasura OPTIONS (SET url 'http://127.0.0.1:54410/hasura/graphql');
-- With 1, on one kept-alive connection (a changed server starts with no connections).
ALTER SERVER bj_hasura OPTIONS (ADD max_concurrent_requests '1');
EXPLAIN (COSTS OFF) SELECT many.v, o.id FROM bj.many JOIN bj.orders o ON o.user_id = many.v;
SELECT coalesce(max(seq), 0) AS start FROM bj.requests \gset
SELECT count(*) FROM bj.many JOIN bj.orders o ON o.user_id = many.v;
SELECT count(*) AS requests, count(DISTINCT client_port) AS connections
FROM bj.requests WHERE seq > :start AND path = '/hasura/graphql';
-- 2 at once: the 3 requests go as 2 together, then 1.
ALTER SERVER bj_hasura OPTIONS (SET max_concurrent_requests '2');
SELECT coalesce(max(seq), 0) AS start FROM bj.requests \gset
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT many.v, o.id FROM bj.many JOIN bj.orders o ON o.user_id = many.v;
SELECT count(*) AS requests, count(DISTINCT client_port) AS connections
FROM bj.requests WHERE seq > :start AND path = '/hasura/graphql';
ALTER SERVER bj_hasura OPTIONS (DROP max_concurrent_requests);
ALTER SERVER bj_hasura OPTIONS (ADD max_concurrent_requests '0');
ALTER SERVER bj_hasura OPTIONS (ADD max_concurrent_requests '65');
ALTER SERVER bj_hasura OPTIONS (ADD max_concurrent_requests 'many');
ALTER FOREIGN TABLE bj.orders OPTIONS (ADD max_concurrent_requests '2');
ALTER FOREIGN TABLE bj.orders OPTIONS (DROP batch_size);
RESET enable_hashjoin;
RESET enable_mergejoin;
-- A composite key (user_id, status): both columns' values go as lists, and the join clauses
-- pick the pairs among the rows that come back (every combination of the lists).
CREATE TABLE bj.pairs (u int, s text);
INSERT INTO bj.pairs VALUES (1, 'PENDING'), (3, 'SHIPPED'), (3, 'PAID'), (NULL, 'PAID'), (5, NULL), (2, 'PAID');
ANALYZE bj.pairs;
SET enable_hashjoin = off;
SET enable_mergejoin = off;
EXPLAIN (COSTS OFF) SELECT p.u, p.s, o.id FROM bj.pairs p JOIN bj.orders o ON o.user_id = p.u AND o.status = p.s;
SELECT coalesce(max(seq), 0) AS start FROM bj.requests \gset
SELECT p.u, p.s, o.id FROM bj.pairs p JOIN bj.orders o ON o.user_id = p.u AND o.status = p.s ORDER BY 1, 2, 3;
SELECT variables -> 'where' AS sent FROM bj.requests WHERE seq > :start AND path = '/hasura/graphql' ORDER BY seq;
SELECT bj.same('SELECT p.u, p.s, o.id FROM bj.pairs p LEFT JOIN bj.orders o ON o.user_id = p.u AND o.status = p.s');
SELECT bj.same('SELECT p.u, p.s FROM bj.pairs p WHERE NOT EXISTS (SELECT FROM bj.orders o WHERE o.user_id = p.u AND o.status = p.s)');
-- Split over requests of one key each (batch_size 1), all in flight together: each sends
-- the statuses of its own key's rows.
ALTER FOREIGN TABLE bj.orders OPTIONS (ADD batch_size '1');
SELECT coalesce(max(seq), 0) AS start FROM bj.requests \gset
SELECT bj.same('SELECT p.u, p.s, o.id FROM bj.pairs p LEFT JOIN bj.orders o ON o.user_id = p.u AND o.status = p.s');
SELECT variables -> 'where' AS sent FROM bj.requests
WHERE seq > :start AND path = '/hasura/graphql' AND variables ? 'where' ORDER BY variables::text;
ALTER FOREIGN TABLE bj.orders OPTIONS (DROP batch_size);
RESET enable_hashjoin;
RESET enable_mergejoin;
-- The count beside the first page ends each batch without an empty page. A remote that caps
-- its pages below page_size (here at 2 rows) answers short pages below the count: paging
-- goes on, and no row is lost.
CREATE SERVER bj_capped FOREIGN DATA WRAPPER remote_relationship
  OPTIONS (url 'http://127.0.0.1:54410/hasura/graphql?fault=page_cap&cap=2');
CREATE USER MAPPING FOR PUBLIC SERVER bj_capped;
CREATE SCHEMA bj_capped;
IMPORT FOREIGN SCHEMA g LIMIT TO (orders) FROM SERVER bj_capped INTO bj_capped;
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT k.label, o.id FROM bj.k JOIN bj_capped.orders o ON o.user_id = k.v;
SELECT (SELECT string_agg(k.label || ':' || o.id, ' ' ORDER BY k.label, o.id) FROM bj.k JOIN bj_capped.orders o ON o.user_id = k.v) =
       (SELECT string_agg(k.label || ':' || o.id, ' ' ORDER BY k.label, o.id) FROM bj.k JOIN bj.orders o ON o.user_id = k.v) AS same_rows;
-- A join of two remote tables: users' orders.
SELECT bj.same('SELECT u.id, o.id FROM bj.users u JOIN bj.orders o ON o.user_id = u.id WHERE u.id <= 3');
-- Through a relationship (Hasura's where/_eq form).
CREATE TABLE bj."user" (id integer PRIMARY KEY, name text);
INSERT INTO bj."user" SELECT g, 'user ' || g FROM generate_series(1, 5) g;
ANALYZE bj."user";
SELECT remote_relationship.pg_create_remote_relationship('{"name": "orders", "table": {"schema": "bj", "name": "user"},
  "definition": {"to_remote_schema": {"remote_schema": "bj_hasura", "lhs_fields": ["id"],
  "remote_field": {"orders": {"arguments": {"where": {"user_id": {"_eq": "$id"}}}}}}}}');
EXPLAIN (COSTS OFF) SELECT u.name, o.id FROM bj."user" u LEFT JOIN LATERAL bj.orders(u) o ON true;
SELECT bj.same('SELECT u.name, o.id FROM bj."user" u LEFT JOIN LATERAL bj.orders(u) o ON true');
SELECT u.name, count(o.id) FROM bj."user" u LEFT JOIN LATERAL bj.orders(u) o ON true GROUP BY 1 ORDER BY 1;

-- Inside subqueries (planned with range tables of their own), CTEs, UNION legs and correlated
-- subplans that rescan with new parameters.
SELECT bj.same('SELECT * FROM (SELECT k.label, o.id FROM bj.k JOIN bj.orders o ON o.user_id = k.v LIMIT 100) t');
SELECT bj.same('WITH c AS MATERIALIZED (SELECT k.label, o.id FROM bj.k JOIN bj.orders o ON o.user_id = k.v) SELECT * FROM c');
SELECT bj.same('SELECT k.label, o.id FROM bj.k JOIN bj.orders o ON o.user_id = k.v UNION ALL SELECT ''x'', 1');
CREATE TABLE bj.grp (g int, v int);
INSERT INTO bj.grp VALUES (1, 1), (1, 2), (2, 1), (2, 2), (3, 3);
ANALYZE bj.grp;
SET enable_sort = off;
EXPLAIN (COSTS OFF) SELECT x.g, (SELECT count(*) FROM (SELECT DISTINCT v FROM bj.grp WHERE grp.g = x.g) s
  JOIN bj.orders o ON o.user_id = s.v) FROM generate_series(1, 3) x(g);
SELECT bj.same('SELECT x.g, (SELECT count(*) FROM (SELECT DISTINCT v FROM bj.grp WHERE grp.g = x.g) s
  JOIN bj.orders o ON o.user_id = s.v) FROM generate_series(1, 3) x(g), bj.users u WHERE u.id = x.g');
RESET enable_sort;
-- Not batched: an inner expression evaluated below the join (a placeholder), a whole row read
-- by the inner table's own conditions.
EXPLAIN (COSTS OFF) SELECT k.label, o.c FROM bj.k LEFT JOIN (SELECT user_id, 'x' AS c FROM bj.orders) o ON o.user_id = k.v;
SELECT bj.same('SELECT k.label, o.c FROM bj.k LEFT JOIN (SELECT user_id, ''x'' AS c FROM bj.orders) o ON o.user_id = k.v');
SELECT bj.same('SELECT k.label, o.id FROM bj.k JOIN bj.orders o ON o.user_id = k.v WHERE o IS NOT NULL');
-- Text keys (matched through an index of the batch by key text), and numeric keys whose text
-- differs for equal values (69.99 and 69.990: matched by the join clause itself).
CREATE TABLE bj.st (status text);
INSERT INTO bj.st VALUES ('PAID'), ('paid'), (NULL), ('SHIPPED'), ('PAID');
ANALYZE bj.st;
EXPLAIN (COSTS OFF) SELECT st.status, o.id FROM bj.st JOIN bj.orders o ON o.status = st.status;
SELECT bj.same('SELECT st.status, o.id FROM bj.st JOIN bj.orders o ON o.status = st.status');
SELECT bj.same('SELECT st.status, o.id FROM bj.st LEFT JOIN bj.orders o ON o.status = st.status AND o.quantity = 1');
CREATE TABLE bj.amounts (a numeric);
INSERT INTO bj.amounts VALUES (69.99), (69.990), (44.99), (1);
ANALYZE bj.amounts;
EXPLAIN (COSTS OFF) SELECT a, o.id FROM bj.amounts JOIN bj.orders o ON o.amount = amounts.a;
SELECT a, o.id FROM bj.amounts JOIN bj.orders o ON o.amount = amounts.a ORDER BY 1, 2;
SELECT bj.same('SELECT a, o.id FROM bj.amounts JOIN bj.orders o ON o.amount = amounts.a');
-- Keys go out in ISO form whatever the session's DateStyle.
SET DateStyle = 'SQL, DMY';
CREATE TABLE bj.days (d date);
INSERT INTO bj.days SELECT DISTINCT ship_date FROM bj.orders WHERE ship_date IS NOT NULL ORDER BY 1 LIMIT 3;
ANALYZE bj.days;
SELECT bj.same('SELECT d.d, o.id FROM bj.days d JOIN bj.orders o ON o.ship_date = d.d');
RESET DateStyle;

-- PostGraphile's connection filter (in).
CREATE SERVER bj_pg FOREIGN DATA WRAPPER remote_relationship OPTIONS (url 'http://127.0.0.1:54410/postgraphile/graphql');
CREATE USER MAPPING FOR PUBLIC SERVER bj_pg;
CREATE SCHEMA bj_pg;
IMPORT FOREIGN SCHEMA g LIMIT TO ("Order") FROM SERVER bj_pg INTO bj_pg;
EXPLAIN (COSTS OFF) SELECT k.label, o.id FROM bj.k JOIN bj_pg."Order" o ON o."userId" = k.v;
SELECT bj.same('SELECT k.label, o.id FROM bj.k JOIN bj_pg."Order" o ON o."userId" = k.v');

-- batch_size is checked.
ALTER SERVER bj_hasura OPTIONS (ADD batch_size '0');
ALTER FOREIGN TABLE bj.orders OPTIONS (ADD batch_size '100000');

-- A remote without list filters: each key is its own aliased root field, batch_size of them
-- in one document (k0: ordersConnection(user_id: $k0_user_id, first: $k0_first, ...) k1: ...),
-- the key in the field's argument, every value a variable; a key whose rows span pages gets
-- its next page in the next round, aliased again.
CREATE SERVER bj_plain FOREIGN DATA WRAPPER remote_relationship OPTIONS (url 'http://127.0.0.1:54410/graphql');
CREATE USER MAPPING FOR PUBLIC SERVER bj_plain;
CREATE SCHEMA bj_plain;
IMPORT FOREIGN SCHEMA g LIMIT TO ("Order") FROM SERVER bj_plain INTO bj_plain;
SET enable_hashjoin = off;
SET enable_mergejoin = off;
EXPLAIN (VERBOSE, COSTS OFF) SELECT k.label, o.id FROM bj.k JOIN bj_plain."Order" o ON o.user_id = k.v;
SELECT coalesce(max(seq), 0) AS start FROM bj.requests \gset
SELECT k.label, o.id FROM bj.k JOIN bj_plain."Order" o ON o.user_id = k.v ORDER BY 1, 2;
SELECT document, variables FROM bj.requests WHERE seq > :start AND path = '/graphql' ORDER BY seq;
SELECT bj.same('SELECT k.label, o.id FROM bj.k JOIN bj_plain."Order" o ON o.user_id = k.v');
SELECT bj.same('SELECT k.label, o.id FROM bj.k LEFT JOIN bj_plain."Order" o ON o.user_id = k.v AND o.amount > 20');
SELECT bj.same('SELECT k.label FROM bj.k WHERE NOT EXISTS (SELECT FROM bj_plain."Order" o WHERE o.user_id = k.v)');
-- Pages of 2 and 2 keys a request: 4 keys are 2 requests, then the second pages of users 1, 3
-- and 5 (4, 4 and 3 orders) are 2 more: users 1 and 3 aliased together, user 5 alone. The
-- requests of a round are in flight together, so only the round is certain, not the order.
ALTER FOREIGN TABLE bj_plain."Order" OPTIONS (ADD page_size '2', ADD batch_size '2');
SELECT coalesce(max(seq), 0) AS start FROM bj.requests \gset
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT k.label, o.id FROM bj.k JOIN bj_plain."Order" o ON o.user_id = k.v;
SELECT CASE WHEN seq - :start <= 2 THEN 1 ELSE 2 END AS round, regexp_count(document, 'ordersConnection\(') AS root_fields, variables
FROM bj.requests WHERE seq > :start AND path = '/graphql' ORDER BY variables::text;
SELECT bj.same('SELECT k.label, o.id FROM bj.k LEFT JOIN bj_plain."Order" o ON o.user_id = k.v');
-- Offset paging without a count: a key's page is followed by the empty page that ends it,
-- both rounds aliased.
CREATE FOREIGN TABLE bj_plain.listed (id int, user_id int OPTIONS (argument 'user_id')) SERVER bj_plain
  OPTIONS (query_field 'orders', pagination 'offset', argument_types '{"limit": "Int", "offset": "Int", "user_id": "Int"}');
SELECT coalesce(max(seq), 0) AS start FROM bj.requests \gset
SELECT bj.same('SELECT k.label, o.id FROM bj.k JOIN bj_plain.listed o ON o.user_id = k.v');
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT k.label, o.id FROM bj.k JOIN bj_plain.listed o ON o.user_id = k.v;
-- A key column that is an argument the table's own condition also sets is not batched.
EXPLAIN (COSTS OFF) SELECT k.label, o.id FROM bj.k JOIN bj_plain."Order" o ON o.user_id = k.v AND o.user_id = 1;
RESET enable_hashjoin;
RESET enable_mergejoin;

DROP SCHEMA bj, bj_pg, bj_capped, bj_plain CASCADE;
DROP SERVER bj_hasura, bj_log, bj_pg, bj_capped, bj_plain CASCADE;
