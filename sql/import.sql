-- IMPORT FOREIGN SCHEMA over the test server's own schema: one table per object type that a
-- query field returns, the options a scan needs, LIMIT TO / EXCEPT, naming, a schema given as
-- JSON, and every error.
CREATE EXTENSION IF NOT EXISTS remote_relationship;
\set VERBOSITY default
CREATE SERVER imp FOREIGN DATA WRAPPER remote_relationship OPTIONS (url 'http://127.0.0.1:54410/graphql');
CREATE USER MAPPING FOR PUBLIC SERVER imp;

-- Everything. The remote schema name is not used (GraphQL has one schema per endpoint).
CREATE SCHEMA imp_all;
IMPORT FOREIGN SCHEMA whatever FROM SERVER imp INTO imp_all;
SELECT c.relname, obj_description(c.oid, 'pg_class') AS comment
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'imp_all' ORDER BY 1;
\d+ imp_all."Order"
\d+ imp_all."User"
\d+ imp_all."Sample"

-- Scans of imported tables send no introspection request: the table's options hold what
-- the scan needs (argument_types, pagination, the connection's shape).
SELECT coalesce(max(seq), 0) AS before FROM imp_all."RequestLogEntry" \gset
SELECT id, user_id, amount, status, tags, items FROM imp_all."Order" ORDER BY id LIMIT 3;
SELECT count(*), sum(amount) FROM imp_all."Order";
SELECT id, name, address->>'city' AS city FROM imp_all."User" ORDER BY id;
SELECT id, int_val, text_val, status FROM imp_all."Sample" ORDER BY id LIMIT 2;
-- A paged scan: the imported table pages through the connection, 6 rows a page.
ALTER FOREIGN TABLE imp_all."Order" OPTIONS (ADD page_size '6');
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM imp_all."Order";
SELECT count(*), count(DISTINCT id) FROM imp_all."Order";
-- A column that feeds an argument: the value goes as a variable, and is checked locally too.
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM imp_all."Order" WHERE user_id = 2;
SELECT id, user_id FROM imp_all."Order" WHERE user_id = 2 ORDER BY id;
PREPARE by_user(int) AS SELECT count(*) FROM imp_all."Order" WHERE user_id = $1;
EXECUTE by_user(3);
EXECUTE by_user(NULL);
DEALLOCATE by_user;
SELECT count(*) FILTER (WHERE document LIKE '%__schema%') AS introspections, count(*) AS requests
FROM imp_all."RequestLogEntry" WHERE seq > :before;

-- LIMIT TO and EXCEPT take GraphQL type names; an unquoted name (folded to lower case) still
-- finds its type when no other type differs from it only in case.
CREATE SCHEMA imp_some;
IMPORT FOREIGN SCHEMA g LIMIT TO ("Order", sample) FROM SERVER imp INTO imp_some;
\det imp_some.*
CREATE SCHEMA imp_except;
IMPORT FOREIGN SCHEMA g EXCEPT ("Order", "User", "Header", "Nope") FROM SERVER imp INTO imp_except;
\det imp_except.*
-- Names that are not importable object types.
IMPORT FOREIGN SCHEMA g LIMIT TO ("Invoice") FROM SERVER imp INTO imp_some;
IMPORT FOREIGN SCHEMA g LIMIT TO ("Address") FROM SERVER imp INTO imp_some;
IMPORT FOREIGN SCHEMA g LIMIT TO ("OrderStatus") FROM SERVER imp INTO imp_some;
-- A table that already exists.
IMPORT FOREIGN SCHEMA g LIMIT TO ("Sample") FROM SERVER imp INTO imp_some;
\echo :LAST_ERROR_SQLSTATE

-- snake_case names; the column keeps the remote name in its field option.
CREATE SCHEMA imp_snake;
IMPORT FOREIGN SCHEMA g LIMIT TO ("RequestLogEntry", "Order") FROM SERVER imp INTO imp_snake
  OPTIONS (naming 'snake_case');
\det+ imp_snake.*
\d+ imp_snake.request_log_entry
SELECT count(*) > 0 AS logged FROM imp_snake.request_log_entry WHERE operation_name IS NULL;

-- The schema as JSON (graphql-js introspectionFromSchema), for remotes that refuse
-- introspection: both {"__schema": ...} and an endpoint's {"data": {"__schema": ...}}.
\set schema_json `node test/server/introspect.js default`
\set answer_json `node test/server/introspect.js default --data`
CREATE SERVER closed FOREIGN DATA WRAPPER remote_relationship
  OPTIONS (url 'http://127.0.0.1:54410/graphql?fault=no_introspection');
CREATE USER MAPPING FOR PUBLIC SERVER closed;
CREATE SCHEMA imp_json;
IMPORT FOREIGN SCHEMA g FROM SERVER closed INTO imp_json;
IMPORT FOREIGN SCHEMA g LIMIT TO ("Order") FROM SERVER closed INTO imp_json OPTIONS (introspection :'schema_json');
IMPORT FOREIGN SCHEMA g LIMIT TO ("User") FROM SERVER closed INTO imp_json OPTIONS (introspection :'answer_json');
\det+ imp_json.*
SELECT count(*), min(id), max(id) FROM imp_json."Order";
SELECT id, name FROM imp_json."User" WHERE id = 2;

-- Invalid introspection JSON.
IMPORT FOREIGN SCHEMA g FROM SERVER imp INTO imp_json OPTIONS (introspection 'not json');
IMPORT FOREIGN SCHEMA g FROM SERVER imp INTO imp_json OPTIONS (introspection '{"data": {}}');
IMPORT FOREIGN SCHEMA g FROM SERVER imp INTO imp_json OPTIONS (introspection '{"__schema": {"queryType": {"name": "Query"}, "types": [{"kind": "OBJECT", "name": "Query", "fields": [{"name": "a", "args": [], "type": {"kind": "OBJECT", "name": "Missing"}}]}]}}');
IMPORT FOREIGN SCHEMA g FROM SERVER imp INTO imp_json OPTIONS (introspection '{"__schema": {"queryType": {"name": "Query"}, "types": [{"kind": "SCALAR", "name": "Int"}, {"kind": "OBJECT", "name": "Query", "fields": [{"name": "a", "args": [], "type": {"kind": "NON_NULL", "ofType": {"kind": "NON_NULL", "ofType": {"kind": "SCALAR", "name": "Int"}}}}]}]}}');
IMPORT FOREIGN SCHEMA g FROM SERVER imp INTO imp_json OPTIONS (introspection '{"__schema": {"queryType": {"name": "Query"}, "types": [{"kind": "SCALAR", "name": "Int"}, {"kind": "OBJECT", "name": "Query", "fields": [{"name": "a", "args": [], "type": {"kind": "LIST", "ofType": {"kind": "LIST", "ofType": {"kind": "LIST", "ofType": {"kind": "LIST", "ofType": {"kind": "LIST", "ofType": {"kind": "LIST", "ofType": {"kind": "LIST", "ofType": {"kind": "LIST", "ofType": {"kind": "LIST", "ofType": {"kind": "LIST", "ofType": {"kind": "SCALAR", "name": "Int"}}}}}}}}}}}}]}]}}');
IMPORT FOREIGN SCHEMA g FROM SERVER imp INTO imp_json OPTIONS (introspection '{"__schema": {"queryType": {"name": "Root"}, "types": []}}');
-- Bad import options.
IMPORT FOREIGN SCHEMA g FROM SERVER imp INTO imp_json OPTIONS (naming 'camelCase');
IMPORT FOREIGN SCHEMA g FROM SERVER imp INTO imp_json OPTIONS (prefix 'gql_');

-- Remote down, and a remote that fails introspection.
CREATE SERVER down FOREIGN DATA WRAPPER remote_relationship OPTIONS (url 'http://127.0.0.1:9/graphql', connect_timeout_ms '2000');
CREATE USER MAPPING FOR PUBLIC SERVER down;
\set VERBOSITY terse
IMPORT FOREIGN SCHEMA g FROM SERVER down INTO imp_json;
\set VERBOSITY default
\echo :LAST_ERROR_SQLSTATE
CREATE SERVER failing FOREIGN DATA WRAPPER remote_relationship
  OPTIONS (url 'http://127.0.0.1:54410/graphql?fault=introspection_http500');
CREATE USER MAPPING FOR PUBLIC SERVER failing;
IMPORT FOREIGN SCHEMA g FROM SERVER failing INTO imp_json;
\echo :LAST_ERROR_SQLSTATE
IMPORT FOREIGN SCHEMA g FROM SERVER imp INTO no_such_schema;

-- The schema model: what it holds, and a reload (one request, here and now).
SELECT s->'types' AS types, s->'object_types' AS object_types, s->'query_fields' AS query_fields,
       (s->>'model_bytes')::bigint > 10000 AS has_size
FROM remote_relationship.schema_summary('imp') s;
SELECT coalesce(max(seq), 0) AS before FROM imp_all."RequestLogEntry" \gset
SELECT s->'requests' AS requests FROM remote_relationship.reload_schema('imp') s;
SELECT count(*) FILTER (WHERE document LIKE '%__schema%') AS introspections
FROM imp_all."RequestLogEntry" WHERE seq > :before;
SELECT remote_relationship.schema_summary('no_such_server');
-- A server of another wrapper (file_fdw ships with PostgreSQL).
CREATE EXTENSION file_fdw;
CREATE SERVER other_server FOREIGN DATA WRAPPER file_fdw;
SELECT remote_relationship.reload_schema('other_server');
DROP EXTENSION file_fdw CASCADE;
SELECT remote_relationship.schema_summary('closed');

SET client_min_messages = warning;
DROP SCHEMA imp_all, imp_some, imp_except, imp_snake, imp_json CASCADE;
DROP SERVER imp, closed, down, failing CASCADE;
RESET client_min_messages;
