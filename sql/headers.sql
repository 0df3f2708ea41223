-- Headers: the server's static headers and the user mapping's (secrets, which win on a
-- name clash) reach the remote; EXPLAIN and error messages never show their values.
-- One keep-alive connection per server serves all scans of a session.
CREATE EXTENSION IF NOT EXISTS remote_relationship;
\set VERBOSITY default
CREATE SERVER hdr FOREIGN DATA WRAPPER remote_relationship
  OPTIONS (url 'http://127.0.0.1:54410/graphql', headers '{"X-App": "regress", "X-Role": "viewer"}');
CREATE USER MAPPING FOR PUBLIC SERVER hdr
  OPTIONS (headers '{"Authorization": "Bearer s3cr3t", "x-role": "admin"}');
CREATE FOREIGN TABLE echo_headers (name text, value text) SERVER hdr OPTIONS (query_field 'echoHeaders');
SELECT * FROM echo_headers WHERE name NOT IN ('accept', 'content-type', 'user-agent');
SELECT value FROM echo_headers WHERE name IN ('accept', 'content-type', 'user-agent') ORDER BY name;
EXPLAIN (VERBOSE, COSTS OFF) SELECT * FROM echo_headers;

-- An empty value is sent as an empty header; a Content-Type or Accept of the options replaces
-- the extension's own (names compare without case).
ALTER SERVER hdr OPTIONS (SET headers '{"X-Empty": "", "accept": "application/json", "CONTENT-TYPE": "application/json; charset=utf-8"}');
SELECT name, value, length(value) FROM echo_headers WHERE name IN ('x-empty', 'accept', 'content-type') ORDER BY name, value;
ALTER SERVER hdr OPTIONS (SET headers '{"X-App": "regress", "X-Role": "viewer"}');

-- A mapping for the current user replaces the PUBLIC one.
CREATE USER MAPPING FOR CURRENT_USER SERVER hdr OPTIONS (headers '{"Authorization": "Bearer mine"}');
SELECT * FROM echo_headers WHERE name IN ('authorization', 'x-role');
DROP USER MAPPING FOR CURRENT_USER SERVER hdr;
-- Without any user mapping a scan fails, as in postgres_fdw.
DROP USER MAPPING FOR PUBLIC SERVER hdr;
SELECT * FROM echo_headers;
\echo :LAST_ERROR_SQLSTATE

-- Keep-alive: several scans in one session use the server's two kept-alive TCP connections,
-- one for the pages asked for when needed and one for the next Relay page asked for ahead
-- (the remote logs the client port of each request).
CREATE USER MAPPING FOR PUBLIC SERVER hdr;
CREATE FOREIGN TABLE request_log (seq int, client_port int) SERVER hdr OPTIONS (query_field '_requests');
CREATE FOREIGN TABLE orders (id int) SERVER hdr OPTIONS (query_field 'ordersConnection', pagination 'relay', page_size '4');
SELECT coalesce(max(seq), 0) AS before FROM request_log \gset
SELECT count(*) FROM orders;
SELECT count(*) FROM orders;
SELECT count(*) FROM orders o1 JOIN orders o2 USING (id);
-- 20 requests: four scans of five pages (the session's one introspection request, for the
-- types of first and after, came with the first scan of request_log).
SELECT count(*) AS requests, count(DISTINCT client_port) AS connections FROM request_log WHERE seq > :before;
-- ALTER SERVER closes the server's connections: the next scan opens new ones.
SELECT coalesce(max(seq), 0) AS before FROM request_log \gset
SELECT count(*) FROM orders;
ALTER SERVER hdr OPTIONS (ADD timeout_ms '5000');
SELECT count(*) FROM orders;
-- 11 requests: two scans of five pages, and introspection again (the change may point elsewhere).
SELECT count(*) AS requests, count(DISTINCT client_port) AS connections FROM request_log WHERE seq > :before;
-- Changing or reloading another server closes none of this one's connections and keeps its
-- schema model: two scans, ten requests on the same two connections; the one introspection
-- is the reload's, of the other server.
CREATE SERVER hdr_other FOREIGN DATA WRAPPER remote_relationship OPTIONS (url 'http://127.0.0.1:54410/graphql');
CREATE USER MAPPING FOR PUBLIC SERVER hdr_other;
SELECT count(*) FROM orders;
SELECT coalesce(max(seq), 0) AS before FROM request_log \gset
SELECT count(*) FROM orders;
ALTER SERVER hdr_other OPTIONS (ADD timeout_ms '5000');
SELECT (remote_relationship.reload_schema('hdr_other'))->'requests' AS reload_requests;
SELECT count(*) FROM orders;
CREATE FOREIGN TABLE request_docs (seq int, client_port int, document text) SERVER hdr OPTIONS (query_field '_requests');
SELECT count(*) FILTER (WHERE document NOT LIKE '%__schema%') AS scan_requests,
       count(DISTINCT client_port) FILTER (WHERE document NOT LIKE '%__schema%') AS scan_connections,
       count(*) FILTER (WHERE document LIKE '%__schema%') AS introspections
FROM request_docs WHERE seq > :before;

SET client_min_messages = warning;
DROP SERVER hdr, hdr_other CASCADE;
RESET client_min_messages;
