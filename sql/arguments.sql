-- Fixed arguments (the arguments option): sent as GraphQL variables whose types come from
-- one introspection request per server and user, cached for the session; written as
-- literals when the remote refuses introspection.
CREATE EXTENSION IF NOT EXISTS remote_relationship;
\set VERBOSITY default
CREATE SERVER gql FOREIGN DATA WRAPPER remote_relationship OPTIONS (url 'http://127.0.0.1:54410/graphql');
CREATE USER MAPPING FOR PUBLIC SERVER gql;
CREATE FOREIGN TABLE request_log (seq int, document text, variables jsonb)
  SERVER gql OPTIONS (query_field '_requests');

CREATE FOREIGN TABLE shipped (id int, status text, user_id int)
  SERVER gql OPTIONS (query_field 'orders', arguments '{"status": "SHIPPED", "ids": [3, 7, 8, 11]}');
EXPLAIN (VERBOSE, COSTS OFF) SELECT * FROM shipped;
SELECT coalesce(max(seq), 0) AS before FROM request_log \gset
SELECT * FROM shipped ORDER BY id;
SELECT * FROM shipped ORDER BY id;
-- The EXPLAIN above already introspected the remote: the two scans send only their queries.
SELECT substr(document, 1, 40) AS document, variables FROM request_log WHERE seq > :before ORDER BY seq;

-- Relay pages with a fixed argument next to the paging variables.
CREATE FOREIGN TABLE user4 (id int, user_id int)
  SERVER gql OPTIONS (query_field 'ordersConnection', pagination 'relay', page_size '3', arguments '{"user_id": 4}');
EXPLAIN (VERBOSE, COSTS OFF) SELECT * FROM user4;
SELECT * FROM user4 ORDER BY id;

-- An argument that introspection does not list goes to the remote as a literal (it may be a
-- deprecated one, which introspection leaves out), and the remote judges it; one that the
-- pagination sets is refused here.
CREATE FOREIGN TABLE bad_arg (id int) SERVER gql OPTIONS (query_field 'orders', arguments '{"colour": "red"}');
SELECT * FROM bad_arg;
\echo :LAST_ERROR_SQLSTATE
-- Such a miss makes the scan introspect again first, in case the remote schema grew, but not
-- more often than every 10 s: after ALTER SERVER (which forgets introspection), two scans
-- introspect once.
ALTER SERVER gql OPTIONS (ADD connect_timeout_ms '5000');
SELECT coalesce(max(seq), 0) AS before FROM request_log \gset
SELECT * FROM bad_arg;
SELECT * FROM bad_arg;
SELECT count(*) AS introspections FROM request_log WHERE seq > :before AND document LIKE '%RemoteRelationshipIntrospection%';
CREATE FOREIGN TABLE paged_arg (id int)
  SERVER gql OPTIONS (query_field 'ordersConnection', pagination 'relay', arguments '{"first": 2}');
SELECT * FROM paged_arg;
ALTER FOREIGN TABLE paged_arg OPTIONS (SET query_field 'orders', SET pagination 'offset', SET arguments '{"offset": 2}');
SELECT * FROM paged_arg;
-- With pagination none, limit is an ordinary argument.
ALTER FOREIGN TABLE paged_arg OPTIONS (SET pagination 'none', SET arguments '{"limit": 2}');
SELECT * FROM paged_arg;
-- A deprecated root field is still one the remote has.
CREATE FOREIGN TABLE legacy (id int) SERVER gql
  OPTIONS (query_field 'legacyOrders', pagination 'offset', page_size '8', arguments '{"user_id": 2}');
SELECT array_agg(id ORDER BY id) FROM legacy;
-- A query field the remote does not have.
CREATE FOREIGN TABLE no_such_field (id int) SERVER gql OPTIONS (query_field 'invoices', arguments '{"limit": 1}');
SELECT * FROM no_such_field;
-- A value of the wrong type is the remote's error about the variable.
CREATE FOREIGN TABLE wrong_value (id int) SERVER gql OPTIONS (query_field 'orders', arguments '{"user_id": "two"}');
SELECT * FROM wrong_value;
\echo :LAST_ERROR_SQLSTATE

-- A remote that refuses introspection: literals, which serve every argument but enums.
CREATE SERVER closed FOREIGN DATA WRAPPER remote_relationship
  OPTIONS (url 'http://127.0.0.1:54410/graphql?fault=no_introspection');
CREATE USER MAPPING FOR PUBLIC SERVER closed;
CREATE FOREIGN TABLE closed_user2 (id int, user_id int)
  SERVER closed OPTIONS (query_field 'orders', arguments '{"user_id": 2, "ids": [2, 7]}');
EXPLAIN (VERBOSE, COSTS OFF) SELECT * FROM closed_user2;
SELECT * FROM closed_user2 ORDER BY id;
CREATE FOREIGN TABLE closed_paid (id int) SERVER closed OPTIONS (query_field 'orders', arguments '{"status": "PAID"}');
SELECT * FROM closed_paid;

-- Plain EXPLAIN works with the remote down (as postgres_fdw's): arguments then show as
-- literals; running the query fails.
CREATE SERVER down FOREIGN DATA WRAPPER remote_relationship OPTIONS (url 'http://127.0.0.1:1/graphql');
CREATE USER MAPPING FOR PUBLIC SERVER down;
CREATE FOREIGN TABLE down_orders (id int) SERVER down OPTIONS (query_field 'orders', arguments '{"status": "PAID"}');
EXPLAIN (VERBOSE, COSTS OFF) SELECT * FROM down_orders;
\set VERBOSITY terse
SELECT * FROM down_orders;
\set VERBOSITY default

-- ALTER SERVER forgets what introspection found: the next scan asks again.
SELECT coalesce(max(seq), 0) AS before FROM request_log \gset
ALTER SERVER gql OPTIONS (ADD timeout_ms '20000');
SELECT count(*) FROM shipped;
SELECT count(*) FROM shipped;
SELECT count(*) FILTER (WHERE document LIKE '%__schema%') AS introspections, count(*) AS requests
FROM request_log WHERE seq > :before;

SET client_min_messages = warning;
DROP SERVER gql, closed, down CASCADE;
RESET client_min_messages;
