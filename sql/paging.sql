-- Relay connections and offset pages, fetched page by page with page_size.
CREATE EXTENSION IF NOT EXISTS remote_relationship;
\set VERBOSITY default
CREATE SERVER gql FOREIGN DATA WRAPPER remote_relationship
  OPTIONS (url 'http://127.0.0.1:54410/graphql', page_size '7');
CREATE USER MAPPING FOR PUBLIC SERVER gql;
-- The test server's request log, read through the FDW itself (reading it is not logged).
CREATE FOREIGN TABLE request_log (seq int, path text, fault text, document text, variables jsonb)
  SERVER gql OPTIONS (query_field '_requests');
CREATE FUNCTION requests_since(after int) RETURNS TABLE (document text, variables jsonb)
  LANGUAGE sql AS $$ SELECT document, variables FROM request_log WHERE seq > after ORDER BY seq $$;

-- Relay: edges { node } and pageInfo; page_size of the table overrides the server's.
CREATE FOREIGN TABLE orders_relay (id int, user_id int, amount float8)
  SERVER gql OPTIONS (query_field 'ordersConnection', pagination 'relay', page_size '6');
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM orders_relay;
SELECT coalesce(max(seq), 0) AS before FROM request_log \gset
SELECT count(*), min(id), max(id), sum(amount) FROM orders_relay;
-- Four pages: 6 + 6 + 6 + 2, each asking for the cursor where the last one ended.
SELECT variables FROM requests_since(:before);
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT id FROM orders_relay;

-- The server's page_size applies when the table sets none; exact multiples end cleanly.
ALTER FOREIGN TABLE orders_relay OPTIONS (DROP page_size);
SELECT count(*) FROM orders_relay;
ALTER FOREIGN TABLE orders_relay OPTIONS (ADD page_size '5');
SELECT coalesce(max(seq), 0) AS before FROM request_log \gset
SELECT count(*) FROM orders_relay;
SELECT count(*) AS requests FROM requests_since(:before);
ALTER FOREIGN TABLE orders_relay OPTIONS (SET page_size '100');
SELECT count(*) FROM orders_relay;

-- A connection with a fixed argument (the remote filters).
CREATE FOREIGN TABLE user3_orders (id int, user_id int)
  SERVER gql OPTIONS (query_field 'ordersConnection', pagination 'relay', page_size '2',
                      arguments '{"user_id": 3}');
EXPLAIN (VERBOSE, COSTS OFF) SELECT * FROM user3_orders;
SELECT * FROM user3_orders ORDER BY id;

-- A PostGraphile-style connection, whose `after` is a Cursor scalar: the pagination variables
-- take the types the remote declares (from the one introspection request of the session).
CREATE FOREIGN TABLE all_orders (id int) SERVER gql
  OPTIONS (query_field 'allOrders', pagination 'relay', page_size '8');
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM all_orders;
SELECT count(*), sum(id) FROM all_orders;
-- A connection that offers only nodes (no edges) is read through nodes.
CREATE FOREIGN TABLE order_nodes (id int, amount float8) SERVER gql
  OPTIONS (query_field 'orderNodes', pagination 'relay', page_size '6');
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM order_nodes;
SELECT count(*), sum(id), sum(amount) FROM order_nodes;
-- After ALTER SERVER the first scan introspects again; EXPLAIN ANALYZE counts that request.
ALTER SERVER gql OPTIONS (SET page_size '7');
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT id FROM all_orders;
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT id FROM all_orders;
-- Without introspection the pagination variables get the default types, whether the remote
-- refuses it or fails on it; a failure is not asked again on every scan.
CREATE SERVER no_intro FOREIGN DATA WRAPPER remote_relationship
  OPTIONS (url 'http://127.0.0.1:54410/graphql?fault=no_introspection');
CREATE USER MAPPING FOR PUBLIC SERVER no_intro;
CREATE FOREIGN TABLE orders_no_intro (id int) SERVER no_intro
  OPTIONS (query_field 'ordersConnection', pagination 'relay', page_size '8');
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM orders_no_intro;
SELECT count(*), sum(id) FROM orders_no_intro;
-- ... which a remote whose cursors are another type refuses: the hint says why.
CREATE FOREIGN TABLE all_orders_no_intro (id int) SERVER no_intro
  OPTIONS (query_field 'allOrders', pagination 'relay', page_size '8');
SELECT count(*) FROM all_orders_no_intro;
CREATE SERVER intro_fails FOREIGN DATA WRAPPER remote_relationship
  OPTIONS (url 'http://127.0.0.1:54410/graphql?fault=introspection_http500');
CREATE USER MAPPING FOR PUBLIC SERVER intro_fails;
CREATE FOREIGN TABLE orders_intro_fails (id int) SERVER intro_fails
  OPTIONS (query_field 'orders', pagination 'offset', page_size '8');
SELECT coalesce(max(seq), 0) AS before FROM request_log \gset
SELECT count(*), sum(id) FROM orders_intro_fails;
SELECT count(*), sum(id) FROM orders_intro_fails;
SELECT count(*) FILTER (WHERE document LIKE '%__schema%') AS introspections, count(*) AS requests
  FROM request_log WHERE seq > :before AND fault = 'introspection_http500';
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM orders_intro_fails;

-- A field that lacks the arguments of the pagination: the remote's own error.
CREATE FOREIGN TABLE orders_not_relay (id int) SERVER gql OPTIONS (query_field 'orders', pagination 'relay');
SELECT * FROM orders_not_relay;
\echo :LAST_ERROR_SQLSTATE
CREATE FOREIGN TABLE users_not_offset (id int) SERVER gql OPTIONS (query_field 'usersConnection', pagination 'offset');
SELECT * FROM users_not_offset;

-- Offset pages: limit/offset arguments. The scan ends at the first empty page: a short page
-- may only mean that the remote caps its page size below ours.
CREATE FOREIGN TABLE orders_offset (id int, status text)
  SERVER gql OPTIONS (query_field 'orders', pagination 'offset', page_size '8');
EXPLAIN (VERBOSE, COSTS OFF) SELECT * FROM orders_offset;
SELECT coalesce(max(seq), 0) AS before FROM request_log \gset
SELECT count(*), min(id), max(id) FROM orders_offset;
SELECT variables FROM requests_since(:before);
-- Exact multiples end the same way.
ALTER FOREIGN TABLE orders_offset OPTIONS (SET page_size '10');
SELECT coalesce(max(seq), 0) AS before FROM request_log \gset
SELECT count(*) FROM orders_offset;
SELECT variables FROM requests_since(:before);

-- No pagination: one request, whatever the size.
CREATE FOREIGN TABLE orders_all (id int) SERVER gql OPTIONS (query_field 'orders', pagination 'none');
SELECT coalesce(max(seq), 0) AS before FROM request_log \gset
SELECT count(*) FROM orders_all;
SELECT count(*) AS requests FROM requests_since(:before);

-- A LIMIT stops the scan early: later pages are never requested.
SELECT coalesce(max(seq), 0) AS before FROM request_log \gset
SELECT id FROM orders_offset LIMIT 3;
SELECT count(*) AS requests FROM requests_since(:before);

-- 20 000 rows in pages of 1 000 (memory stays bounded by a page: see test/fault/memory.sh).
CREATE FOREIGN TABLE big_orders (id int, user_id int, amount numeric, status text)
  SERVER gql OPTIONS (query_field 'bigOrdersConnection', pagination 'relay', page_size '1000');
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT count(*), sum(amount) FROM big_orders;
SELECT count(*), count(DISTINCT id), sum(amount), min(id), max(id) FROM big_orders;
CREATE FOREIGN TABLE big_orders_offset (id int)
  SERVER gql OPTIONS (query_field 'bigOrders', pagination 'offset', page_size '1000');
SELECT count(*), count(DISTINCT id) FROM big_orders_offset;

DROP SERVER gql, no_intro, intro_fails CASCADE;
DROP FUNCTION requests_since(int);
