-- IMPORT FOREIGN SCHEMA over the GraphQL dialects real services use (test/server/dialects):
-- plain arguments, Hasura's where/limit/offset/order_by, PostGraphile's connections with
-- condition/filter/orderBy, json-graphql-server's page/perPage/filter, Relay connections with
-- edges or only nodes, and an Apollo Federation subgraph. Each is imported, described with
-- \d+, and scanned: whole, paged and projected, with no introspection request while scanning.
CREATE EXTENSION IF NOT EXISTS remote_relationship;
\set VERBOSITY default
-- The test server's request log, described fully by hand: with argument_types set, reading it
-- needs no introspection either.
CREATE SERVER log_server FOREIGN DATA WRAPPER remote_relationship OPTIONS (url 'http://127.0.0.1:54410/graphql');
CREATE USER MAPPING FOR PUBLIC SERVER log_server;
CREATE FOREIGN TABLE request_log (seq int, path text, document text, variables jsonb)
  SERVER log_server OPTIONS (query_field '_requests', argument_types '{"after": "Int"}');
CREATE FUNCTION dialect_server(dialect text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('CREATE SERVER %I FOREIGN DATA WRAPPER remote_relationship OPTIONS (url %L)',
                 dialect, 'http://127.0.0.1:54410/' || dialect || '/graphql');
  EXECUTE format('CREATE USER MAPPING FOR PUBLIC SERVER %I', dialect);
  EXECUTE format('CREATE SCHEMA %I', dialect);
END $$;
-- What a scan sent to a dialect since seq `after`: documents that introspect, and all requests.
CREATE FUNCTION sent_since(after int, dialect text, OUT introspections bigint, OUT requests bigint)
  LANGUAGE sql AS $$
  SELECT count(*) FILTER (WHERE document LIKE '%__schema%'), count(*)
  FROM request_log WHERE seq > after AND path = '/' || dialect || '/graphql' $$;

-- plain: arguments named like fields filter them; limit/offset page; a required argument that
-- is no field (searchProducts(query: String!)) is an input-only column.
SELECT dialect_server('plain');
IMPORT FOREIGN SCHEMA plain FROM SERVER plain INTO plain;
\det+ plain.*
\d+ plain."Product"
SELECT coalesce(max(seq), 0) AS before FROM request_log \gset
SELECT id, name, email, big_id, balance, created_at, birthday, wake_up, uuid FROM plain."User" WHERE id <= 3 ORDER BY id;
SELECT count(*), count(user_id), sum(amount) FROM plain."Order";
SELECT id, status, payment FROM plain."Order" WHERE user_id = 4 ORDER BY id::int;
SELECT query, id, name FROM plain."Product" WHERE query = 'mug' ORDER BY id;
-- Without a value for the required argument the scan stops before sending anything; plain
-- EXPLAIN still shows the plan.
SELECT coalesce(max(seq), 0) AS before_error FROM request_log \gset
SELECT id, name FROM plain."Product";
\echo :LAST_ERROR_SQLSTATE
SELECT id, name FROM plain."Product" WHERE query LIKE 'mug';
SELECT * FROM sent_since(:before_error, 'plain');
EXPLAIN (VERBOSE, COSTS OFF) SELECT id, name FROM plain."Product";
EXPLAIN (VERBOSE, COSTS OFF) SELECT id, name FROM plain."Product" WHERE query = 'lamp';
SELECT * FROM sent_since(:before, 'plain');
-- A hand-made table over a single-object lookup (order(id: ID!)): at most one row, the id
-- given as a variable; the schema model says it returns an object.
CREATE FOREIGN TABLE plain.one_order (id text OPTIONS (argument 'id'), status text, amount numeric)
  SERVER plain OPTIONS (query_field 'order');
EXPLAIN (VERBOSE, COSTS OFF) SELECT * FROM plain.one_order WHERE id = '7';
SELECT * FROM plain.one_order WHERE id = '7';
SELECT * FROM plain.one_order WHERE id = '999';
SELECT * FROM plain.one_order;
-- A value from an outer row: each rescan sends that row's value (plain EXPLAIN shows null).
EXPLAIN (VERBOSE, COSTS OFF)
SELECT u.id, (SELECT count(*) FROM plain."Order" o WHERE o.user_id = u.id) FROM plain."User" u WHERE u.id <= 3;
SELECT u.id, (SELECT count(*) FROM plain."Order" o WHERE o.user_id = u.id) AS orders
FROM plain."User" u WHERE u.id <= 3 ORDER BY u.id;
-- Values known only when the scan runs: an initPlan's result, a correlated subquery's outer
-- value, a LATERAL reference. Each is read when the scan fetches, not when the plan starts.
CREATE TEMP TABLE names (n text);
INSERT INTO names VALUES ('Carol'), ('Bob'), ('Nobody');
CREATE TEMP TABLE ids (i int);
INSERT INTO ids VALUES (2), (4);
SELECT id, name FROM plain."User" WHERE name = (SELECT min(n) FROM names);
SELECT id, name FROM plain."User" WHERE id = (SELECT max(i) FROM ids);
SELECT n, (SELECT u.id FROM plain."User" u WHERE u.name = names.n) AS id FROM names ORDER BY n;
SELECT n, x.id FROM names, LATERAL (SELECT id FROM plain."User" u WHERE u.name = names.n OFFSET 0) x ORDER BY n;
-- Only an exact "=" of one type goes to the remote: a case-insensitive collation, or a value
-- of another type (which may not fit the argument), is checked locally only.
CREATE COLLATION case_insensitive (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM plain."User" WHERE name = 'alice' COLLATE case_insensitive;
SELECT id, name FROM plain."User" WHERE name = 'alice' COLLATE case_insensitive;
SELECT id FROM plain."User" WHERE id = 3000000000::bigint;
DROP COLLATION case_insensitive;
-- Values are written the same whatever the session's DateStyle or float digits.
CREATE FOREIGN TABLE plain.users_by_time (id int, name timestamptz OPTIONS (argument 'name'), f float8 OPTIONS (field 'id', argument 'id'))
  SERVER plain OPTIONS (query_field 'users', argument_types '{"id": "Int", "name": "String", "limit": "Int", "offset": "Int"}');
SET DateStyle = 'German';
SET extra_float_digits = 0;
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM plain.users_by_time WHERE name = '2024-01-01 00:00:00+00' AND f = 0.30000000000000004;
RESET DateStyle;
RESET extra_float_digits;
-- The same, imported from the schema as JSON (the remote need not introspect).
\set plain_json `node test/server/introspect.js plain`
CREATE SCHEMA plain_json;
IMPORT FOREIGN SCHEMA plain LIMIT TO ("User") FROM SERVER plain INTO plain_json
  OPTIONS (introspection :'plain_json', naming 'snake_case');
\d+ plain_json."user"
SELECT id, name, big_id FROM plain_json."user" WHERE id = 2;

-- hasura: where (bool_exp), limit/offset, order_by, and a count through orders_aggregate.
SELECT dialect_server('hasura');
IMPORT FOREIGN SCHEMA hasura LIMIT TO (orders) FROM SERVER hasura INTO hasura;
\d+ hasura.orders
ALTER FOREIGN TABLE hasura.orders OPTIONS (ADD page_size '25');
SELECT coalesce(max(seq), 0) AS before FROM request_log \gset
SELECT count(*), count(DISTINCT id), sum(amount) FROM hasura.orders;
SELECT id, amount, placed_at, ref FROM hasura.orders ORDER BY id LIMIT 2;
-- The first scan: three pages of 25 rows and the empty page that ends an offset scan; the
-- second sends its ORDER BY and LIMIT (order_by, limit 2): one request. No introspection.
SELECT variables FROM request_log WHERE seq > :before AND path = '/hasura/graphql' ORDER BY seq;
SELECT * FROM sent_since(:before, 'hasura');

-- postgraphile: connections (Cursor-typed after), nodeId, condition/filter/orderBy; the query
-- field returning Query itself is no table. snake_case names keep the remote name in `field`.
SELECT dialect_server('postgraphile');
IMPORT FOREIGN SCHEMA postgraphile FROM SERVER postgraphile INTO postgraphile OPTIONS (naming 'snake_case');
\det+ postgraphile.*
\d+ postgraphile."order"
ALTER FOREIGN TABLE postgraphile."order" OPTIONS (ADD page_size '16');
EXPLAIN (VERBOSE, COSTS OFF) SELECT id, user_id, placed_at FROM postgraphile."order";
SELECT coalesce(max(seq), 0) AS before FROM request_log \gset
SELECT count(*), count(DISTINCT id), count(user_id), min(placed_at), max(placed_at) FROM postgraphile."order";
SELECT id, name, points, balance FROM postgraphile."user" WHERE id IN (1, 5) ORDER BY id;
SELECT * FROM sent_since(:before, 'postgraphile');

-- jsonserver: pages by number (page/perPage, 0-based), a flat filter, sortField/sortOrder,
-- and a count through _allOrdersMeta (no table of its own).
SELECT dialect_server('jsonserver');
IMPORT FOREIGN SCHEMA jsonserver FROM SERVER jsonserver INTO jsonserver;
\det+ jsonserver.*
ALTER FOREIGN TABLE jsonserver."Order" OPTIONS (ADD page_size '25');
EXPLAIN (VERBOSE, COSTS OFF) SELECT id, amount FROM jsonserver."Order";
SELECT coalesce(max(seq), 0) AS before FROM request_log \gset
SELECT count(*), count(DISTINCT id), round(sum(amount)::numeric, 2) FROM jsonserver."Order";
SELECT variables FROM request_log WHERE seq > :before AND path = '/jsonserver/graphql' ORDER BY seq;
-- A remote that caps its pages below page_size cannot be paged by number without losing rows:
-- that is an error, not a short result.
ALTER FOREIGN TABLE jsonserver."Order" OPTIONS (SET page_size '100');
SELECT count(*) FROM jsonserver."Order";
ALTER SERVER jsonserver OPTIONS (SET url 'http://127.0.0.1:54410/jsonserver/graphql?fault=page_cap&cap=20');
ALTER FOREIGN TABLE jsonserver."Order" OPTIONS (SET page_size '30');
SELECT count(*) FROM jsonserver."Order";

-- relay: a connection with edges (ConnectionCursor cursors, totalCount) and one with only nodes.
SELECT dialect_server('relay');
IMPORT FOREIGN SCHEMA relay FROM SERVER relay INTO relay;
\det+ relay.*
ALTER FOREIGN TABLE relay."Product" OPTIONS (ADD page_size '10');
ALTER FOREIGN TABLE relay."Category" OPTIONS (ADD page_size '5');
EXPLAIN (VERBOSE, COSTS OFF) SELECT name FROM relay."Category";
SELECT coalesce(max(seq), 0) AS before FROM request_log \gset
SELECT count(*), count(DISTINCT id), min(sku), max(sku) FROM relay."Product";
SELECT count(*), string_agg(slug, ',' ORDER BY name) FROM relay."Category";
SELECT * FROM sent_since(:before, 'relay');
-- A hand-made table over the nodes-only connection needs no options: the model tells.
CREATE FOREIGN TABLE relay.categories_by_hand (name text) SERVER relay OPTIONS (query_field 'categories', page_size '5');
EXPLAIN (VERBOSE, COSTS OFF) SELECT name FROM relay.categories_by_hand;
SELECT count(*) FROM relay.categories_by_hand;

-- federation: the subgraph's _entities and _service are plumbing, not tables.
SELECT dialect_server('federation');
IMPORT FOREIGN SCHEMA federation FROM SERVER federation INTO federation;
\det+ federation.*
IMPORT FOREIGN SCHEMA federation LIMIT TO ("_Service") FROM SERVER federation INTO federation;
SELECT upc, name, price FROM federation."Product" ORDER BY upc;
SELECT count(*), avg(rating) FROM federation."Review";

SET client_min_messages = warning;
DROP SCHEMA plain, plain_json, hasura, postgraphile, jsonserver, relay, federation CASCADE;
DROP SERVER plain, hasura, postgraphile, jsonserver, relay, federation, log_server CASCADE;
DROP FUNCTION dialect_server(text);
DROP FUNCTION sent_since(int, text);
DROP TABLE names, ids;
RESET client_min_messages;
