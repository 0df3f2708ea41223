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

-- Pages in flight: after a full page, max_concurrent_requests (4 by default) pages are asked
-- for at once; those after the end, or after a short page (the next rows start elsewhere),
-- are dropped unread. 20 rows in pages of 10: the first page, then 4 at once, 2 of them unused.
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT count(*) FROM orders_offset;
SELECT coalesce(max(seq), 0) AS before FROM request_log \gset
SELECT count(*), count(DISTINCT id) FROM orders_offset;
SELECT variables FROM requests_since(:before);
-- Pages of 8: 8, then 8, 4 (short: the 2 after it were asked at offsets past rows not read
-- yet) and one more from where the short page ended.
ALTER FOREIGN TABLE orders_offset OPTIONS (SET page_size '8');
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT count(*) FROM orders_offset;
SELECT count(*), count(DISTINCT id) FROM orders_offset;
-- A remote that caps its pages silently (3 rows for the 8 asked): no page is full, so none is
-- read ahead, and every row comes.
CREATE SERVER gql_capped FOREIGN DATA WRAPPER remote_relationship
  OPTIONS (url 'http://127.0.0.1:54410/graphql?fault=page_cap&cap=3');
CREATE USER MAPPING FOR PUBLIC SERVER gql_capped;
CREATE FOREIGN TABLE orders_capped (id int) SERVER gql_capped
  OPTIONS (query_field 'orders', pagination 'offset', page_size '8', argument_types '{"limit": "Int", "offset": "Int"}');
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT count(*) FROM orders_capped;
SELECT count(*), count(DISTINCT id), min(id), max(id) FROM orders_capped;
-- The pages in flight overlap: under a remote that takes 300 ms a page, the 4 asked for at
-- once arrive within 300 ms, not 300 ms apart.
CREATE SERVER gql_slow FOREIGN DATA WRAPPER remote_relationship
  OPTIONS (url 'http://127.0.0.1:54410/graphql?fault=slow&ms=300');
CREATE USER MAPPING FOR PUBLIC SERVER gql_slow;
CREATE FOREIGN TABLE slow_pages (id int) SERVER gql_slow
  OPTIONS (query_field 'bigOrders', pagination 'offset', page_size '10', arguments '{"total": 40}',
           argument_types '{"limit": "Int", "offset": "Int", "total": "Int"}');
CREATE FOREIGN TABLE request_times (seq int, fault text, at_ms float8) SERVER gql OPTIONS (query_field '_requests');
SELECT coalesce(max(seq), 0) AS before FROM request_log \gset
SELECT count(*), count(DISTINCT id) FROM slow_pages;
SELECT count(*) AS requests_after_the_first, max(at_ms) - min(at_ms) < 300 AS in_flight_together
FROM (SELECT at_ms FROM request_times WHERE seq > :before AND fault = 'slow' ORDER BY seq OFFSET 1) AS ahead;
-- With max_concurrent_requests 1, one page after another.
ALTER SERVER gql_slow OPTIONS (ADD max_concurrent_requests '1');
SELECT coalesce(max(seq), 0) AS before FROM request_log \gset
SELECT count(*) FROM slow_pages;
SELECT count(*) AS requests, min(gap) >= 300 AS one_after_another
FROM (SELECT at_ms - lag(at_ms) OVER (ORDER BY seq) AS gap FROM request_times WHERE seq > :before AND fault = 'slow') AS arrivals;
-- A Relay scan asks for its next page as soon as the last one's endCursor is read, and hands
-- out that page's rows meanwhile: under a remote that takes 300 ms a page and a query that
-- takes 200 ms over each page's 5 rows, pages arrive about 300 ms apart, not 500.
ALTER SERVER gql_slow OPTIONS (DROP max_concurrent_requests);
CREATE FOREIGN TABLE slow_relay (id int) SERVER gql_slow
  OPTIONS (query_field 'ordersConnection', pagination 'relay', page_size '5',
           argument_types '{"first": "Int", "after": "String"}');
SELECT coalesce(max(seq), 0) AS before FROM request_log \gset
SELECT count(pg_sleep(0.04)) AS rows FROM slow_relay;
SELECT count(*) AS requests, max(gap) < 450 AS next_page_asked_ahead
FROM (SELECT at_ms - lag(at_ms) OVER (ORDER BY seq) AS gap FROM request_times WHERE seq > :before AND fault = 'slow') AS arrivals;
ALTER SERVER gql_slow OPTIONS (ADD max_concurrent_requests '1');
SELECT coalesce(max(seq), 0) AS before FROM request_log \gset
SELECT count(pg_sleep(0.04)) AS rows FROM slow_relay;
SELECT count(*) AS requests, min(gap) >= 480 AS one_after_another
FROM (SELECT at_ms - lag(at_ms) OVER (ORDER BY seq) AS gap FROM request_times WHERE seq > :before AND fault = 'slow') AS arrivals;
DROP SERVER gql_capped, gql_slow CASCADE;

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
