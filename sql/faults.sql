-- Every misbehaviour of the remote becomes a clear ERROR with an FDW SQLSTATE, the remote's
-- message, and where it happened (remote schema, field, URL without secrets). After each
-- one the session goes on normally.
CREATE EXTENSION IF NOT EXISTS remote_relationship;
\set VERBOSITY default
\set SHOW_CONTEXT always

-- One server per misbehaviour: the test server picks it from the URL's query string
-- (which, like credentials, is left out of messages).
CREATE FUNCTION fault_table(mode text, extra text DEFAULT '', options text DEFAULT '') RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('CREATE SERVER %I FOREIGN DATA WRAPPER remote_relationship OPTIONS (url %L, allow_credential_headers %L %s)',
                 'fault_' || mode, 'http://user:pw@127.0.0.1:54410/graphql?fault=' || mode || extra, 'true', options);
  EXECUTE format('CREATE USER MAPPING FOR PUBLIC SERVER %I', 'fault_' || mode);
  EXECUTE format('CREATE FOREIGN TABLE %I (id int, user_id int) SERVER %I OPTIONS (query_field %L)',
                 'orders_' || mode, 'fault_' || mode, 'orders');
END $$;

CREATE SERVER gql FOREIGN DATA WRAPPER remote_relationship OPTIONS (url 'http://127.0.0.1:54410/graphql');
CREATE USER MAPPING FOR PUBLIC SERVER gql;
CREATE FOREIGN TABLE orders (id int, user_id int) SERVER gql;

-- HTTP errors.
SELECT fault_table('http500');
SELECT * FROM orders_http500;
\echo :LAST_ERROR_SQLSTATE
SELECT fault_table('http400_graphql');
SELECT * FROM orders_http400_graphql;
SELECT fault_table('http401');
SELECT * FROM orders_http401;
SELECT count(*) FROM orders;

-- Bodies that are not JSON.
SELECT fault_table('badjson');
SELECT * FROM orders_badjson;
\echo :LAST_ERROR_SQLSTATE
SELECT fault_table('notjson');
SELECT * FROM orders_notjson;
SELECT fault_table('empty');
SELECT * FROM orders_empty;
SELECT count(*) FROM orders;

-- JSON that is not the expected GraphQL answer.
SELECT fault_table('no_data');
SELECT * FROM orders_no_data;
\echo :LAST_ERROR_SQLSTATE
SELECT fault_table('data_null');
SELECT * FROM orders_data_null;
SELECT fault_table('wrong_shape');
SELECT * FROM orders_wrong_shape;
SELECT count(*) FROM orders;

-- GraphQL errors: alone, and next to data (never silently missing values).
SELECT fault_table('graphql_error');
SELECT * FROM orders_graphql_error;
\echo :LAST_ERROR_SQLSTATE
SELECT fault_table('partial_error');
SELECT * FROM orders_partial_error;
SELECT count(*) FROM orders;

-- The connection drops, before or in the middle of the answer.
SELECT fault_table('drop');
SELECT * FROM orders_drop;
\echo :LAST_ERROR_SQLSTATE
SELECT fault_table('drop_mid');
SELECT * FROM orders_drop_mid;
SELECT count(*) FROM orders;

-- Bytes that are not UTF-8 are refused, not stored.
CREATE SERVER utf8 FOREIGN DATA WRAPPER remote_relationship
  OPTIONS (url 'http://127.0.0.1:54410/graphql?fault=bad_utf8');
CREATE USER MAPPING FOR PUBLIC SERVER utf8;
CREATE FOREIGN TABLE orders_bad_utf8 (id int, note text) SERVER utf8 OPTIONS (query_field 'orders');
CREATE TABLE stored_notes AS SELECT * FROM orders_bad_utf8;
\echo :LAST_ERROR_SQLSTATE
SELECT to_regclass('stored_notes') AS stored;
-- (a query that does not read the column is not affected)
SELECT id FROM orders_bad_utf8;
-- JSON nested deeper than 512 levels is refused where the parse reaches level 513 (no stack overflow).
CREATE SERVER deep FOREIGN DATA WRAPPER remote_relationship
  OPTIONS (url 'http://127.0.0.1:54410/graphql?fault=deep_json');
CREATE USER MAPPING FOR PUBLIC SERVER deep;
CREATE FOREIGN TABLE orders_deep (id int, meta jsonb) SERVER deep OPTIONS (query_field 'orders');
SELECT * FROM orders_deep;
\echo :LAST_ERROR_SQLSTATE
-- The same limit protects option values.
CREATE USER MAPPING FOR CURRENT_USER SERVER deep OPTIONS (headers '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[');

-- A remote that caps its pages below page_size: offset paging still reads every row.
CREATE SERVER capped FOREIGN DATA WRAPPER remote_relationship
  OPTIONS (url 'http://127.0.0.1:54410/graphql?fault=page_cap&cap=3');
CREATE USER MAPPING FOR PUBLIC SERVER capped;
CREATE FOREIGN TABLE orders_capped (id int) SERVER capped
  OPTIONS (query_field 'orders', pagination 'offset', page_size '10');
SELECT count(*), count(DISTINCT id), min(id), max(id) FROM orders_capped;
-- (Relay paging follows hasNextPage, so capping never misled it; kept as a guard.)
CREATE FOREIGN TABLE orders_capped_relay (id int) SERVER capped
  OPTIONS (query_field 'ordersConnection', pagination 'relay', page_size '10');
SELECT count(*), count(DISTINCT id), min(id), max(id) FROM orders_capped_relay;

-- Nothing listens: the connection is refused.
CREATE SERVER refused FOREIGN DATA WRAPPER remote_relationship OPTIONS (url 'http://127.0.0.1:1/graphql');
CREATE USER MAPPING FOR PUBLIC SERVER refused;
CREATE FOREIGN TABLE orders_refused (id int) SERVER refused OPTIONS (query_field 'orders');
\set VERBOSITY terse
-- (terse: libcurl's detail line carries timings)
SELECT * FROM orders_refused;
\echo :LAST_ERROR_SQLSTATE
\set VERBOSITY default

-- A body over max_response_bytes is cut off, whatever its size.
SELECT fault_table('huge', '&mb=64', ', max_response_bytes ''1000000''');
SELECT count(*) FROM orders_huge;
\echo :LAST_ERROR_SQLSTATE
SELECT count(*) FROM orders;

-- A slow remote: timeout_ms gives up on it.
SELECT fault_table('slow', '&ms=3000', ', timeout_ms ''300''');
\set VERBOSITY terse
SELECT * FROM orders_slow;
\echo :LAST_ERROR_SQLSTATE
\set VERBOSITY default
-- ... and the same remote within its time is fine.
ALTER SERVER fault_slow OPTIONS (SET url 'http://127.0.0.1:54410/graphql?fault=slow&ms=100', SET timeout_ms '5000');
SELECT count(*) FROM orders_slow;

-- Null items in a list, null edges and null nodes are no objects of the type: no rows, and
-- EXPLAIN ANALYZE counts them (ids 2, 5, 8, ... are null in the list; in the connection
-- pages of 3 the second edge is null and the third has a null node).
SELECT fault_table('null_items');
SELECT array_agg(id ORDER BY id) FROM orders_null_items;
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT * FROM orders_null_items;
CREATE FOREIGN TABLE orders_null_items_relay (id int) SERVER fault_null_items
  OPTIONS (query_field 'ordersConnection', pagination 'relay', page_size '3');
SELECT array_agg(id ORDER BY id) FROM orders_null_items_relay;

-- A Relay connection whose cursor never advances stops after the second page.
CREATE SERVER loop FOREIGN DATA WRAPPER remote_relationship
  OPTIONS (url 'http://127.0.0.1:54410/graphql?fault=cursor_loop');
CREATE USER MAPPING FOR PUBLIC SERVER loop;
CREATE FOREIGN TABLE orders_loop (id int) SERVER loop
  OPTIONS (query_field 'ordersConnection', pagination 'relay', page_size '5');
SELECT count(*) FROM orders_loop;
\echo :LAST_ERROR_SQLSTATE

-- Query cancel and statement_timeout keep PostgreSQL's own SQLSTATE (57014); the remote
-- never answers, the timeout stops the transfer.
SELECT fault_table('hang');
SET statement_timeout = '500ms';
SELECT * FROM orders_hang;
\echo :LAST_ERROR_SQLSTATE
RESET statement_timeout;
-- A statement_timeout in the middle of a paged scan (each page takes 200 ms).
CREATE SERVER slow_pages FOREIGN DATA WRAPPER remote_relationship
  OPTIONS (url 'http://127.0.0.1:54410/graphql?fault=slow&ms=200');
CREATE USER MAPPING FOR PUBLIC SERVER slow_pages;
CREATE FOREIGN TABLE orders_slow_pages (id int) SERVER slow_pages
  OPTIONS (query_field 'ordersConnection', pagination 'relay', page_size '2');
SET statement_timeout = '700ms';
SELECT count(*) FROM orders_slow_pages;
\echo :LAST_ERROR_SQLSTATE
RESET statement_timeout;
-- A scan aborted in a transaction, and in a subtransaction; the session goes on.
BEGIN;
SELECT count(*) FROM orders;
SAVEPOINT s;
SELECT * FROM orders_http500;
ROLLBACK TO SAVEPOINT s;
SELECT count(*) FROM orders;
COMMIT;
SELECT count(*) FROM orders;

SET client_min_messages = warning;
DROP SERVER gql, refused, loop, utf8, deep, capped, slow_pages, fault_http500, fault_http400_graphql, fault_http401,
  fault_badjson, fault_notjson, fault_empty, fault_no_data, fault_data_null, fault_wrong_shape,
  fault_graphql_error, fault_partial_error, fault_null_items, fault_drop, fault_drop_mid, fault_huge, fault_slow,
  fault_hang CASCADE;
DROP FUNCTION fault_table(text, text, text);
RESET client_min_messages;
