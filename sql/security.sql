-- Security: credentials only in user mappings, session context forwarded to the remote,
-- redirects, remote_relationship.allowed_hosts, and who may do what. The test secrets are
-- made in SQL (md5 of a seed) and kept in psql variables, so that no output shows them:
-- test/fault/no_secrets.sh greps every output and the server log for them.
CREATE EXTENSION IF NOT EXISTS remote_relationship;
\set VERBOSITY default
SET client_min_messages = warning;
DROP ROLE IF EXISTS rr_sec_owner;
DROP ROLE IF EXISTS rr_sec_user;
RESET client_min_messages;
CREATE ROLE rr_sec_owner;
CREATE ROLE rr_sec_user;
SELECT 'Bearer ' || md5('rr-test-secret-public') AS public_secret,
       'Bearer ' || md5('rr-test-secret-user') AS user_secret,
       md5('rr-test-secret-key') AS key_secret \gset
SELECT json_build_object('Authorization', :'public_secret')::text AS public_headers,
       json_build_object('Authorization', :'user_secret')::text AS user_headers,
       json_build_object('X-Api-Key', :'key_secret')::text AS key_headers \gset
-- The secrets' statements are not logged even at debug1 (checked by test/fault/no_secrets.sh).
SET log_min_messages = debug1;

-- The wrapper is not for everyone: USAGE is not granted to PUBLIC.
SELECT has_foreign_data_wrapper_privilege('rr_sec_user', 'remote_relationship', 'USAGE') AS user_may_use;
SET ROLE rr_sec_user;
CREATE SERVER sec_denied FOREIGN DATA WRAPPER remote_relationship OPTIONS (url 'http://127.0.0.1:54410/graphql');
RESET ROLE;

-- Credential-like headers are refused in server options (every role can read those) ...
CREATE SERVER sec FOREIGN DATA WRAPPER remote_relationship
  OPTIONS (url 'http://127.0.0.1:54410/graphql', headers :'key_headers');
\echo :LAST_ERROR_SQLSTATE
-- ... unless a superuser says so; a non-superuser may not.
CREATE SERVER sec_allowed FOREIGN DATA WRAPPER remote_relationship
  OPTIONS (url 'http://127.0.0.1:54410/graphql', headers :'key_headers', allow_credential_headers 'true');
GRANT USAGE ON FOREIGN DATA WRAPPER remote_relationship TO rr_sec_owner;
SET ROLE rr_sec_owner;
CREATE SERVER sec_owned FOREIGN DATA WRAPPER remote_relationship
  OPTIONS (url 'http://127.0.0.1:54410/graphql', allow_credential_headers 'true');
\echo :LAST_ERROR_SQLSTATE
CREATE SERVER sec_owned FOREIGN DATA WRAPPER remote_relationship
  OPTIONS (url 'http://127.0.0.1:54410/graphql', ca_file '/etc/ssl/certs/ca-certificates.crt');
CREATE SERVER sec_owned FOREIGN DATA WRAPPER remote_relationship
  OPTIONS (url 'http://127.0.0.1:54410/graphql', headers '{"X-App": "reports"}');
RESET ROLE;
DROP SERVER sec_allowed, sec_owned CASCADE;

-- Secrets go in user mappings: the mapping for the current user wins over the PUBLIC one,
-- and its headers win over the server's of the same name.
CREATE SERVER sec FOREIGN DATA WRAPPER remote_relationship
  OPTIONS (url 'http://127.0.0.1:54410/graphql', headers '{"X-App": "reports"}');
CREATE USER MAPPING FOR PUBLIC SERVER sec OPTIONS (headers :'public_headers');
CREATE USER MAPPING FOR rr_sec_user SERVER sec OPTIONS (headers :'user_headers');
-- Errors that PostgreSQL raises itself about such a statement do not log it either.
CREATE USER MAPPING FOR rr_sec_user SERVER sec OPTIONS (headers :'user_headers');
ALTER USER MAPPING FOR rr_sec_user SERVER sec OPTIONS (ADD headers :'user_headers');
CREATE FOREIGN TABLE sec_echo (name text, value text) SERVER sec
  OPTIONS (query_field 'echoHeaders', argument_types '{}');
GRANT USAGE ON FOREIGN SERVER sec TO rr_sec_user;
CREATE SCHEMA sec_user_schema AUTHORIZATION rr_sec_user;
GRANT SELECT ON sec_echo TO rr_sec_user;
SELECT name, value = :'public_secret' AS is_public_secret, value = :'user_secret' AS is_user_secret
FROM sec_echo WHERE name IN ('authorization', 'x-app') ORDER BY name;
SET ROLE rr_sec_user;
SELECT name, value = :'public_secret' AS is_public_secret, value = :'user_secret' AS is_user_secret
FROM sec_echo WHERE name IN ('authorization', 'x-app') ORDER BY name;
RESET ROLE;
-- Hasura's value_from_env: a header from the PostgreSQL server's environment, read at each
-- request and never stored (scripts/common.sh starts the server with RR_TEST_HEADER_VALUE).
-- Only a superuser may set it; a variable that is not set fails the request.
ALTER USER MAPPING FOR PUBLIC SERVER sec OPTIONS (ADD headers_from_env '{"X-From-Env": "RR_TEST_HEADER_VALUE"}');
SELECT name, value FROM sec_echo WHERE name = 'x-from-env';
ALTER USER MAPPING FOR PUBLIC SERVER sec OPTIONS (SET headers_from_env '{"X-From-Env": "RR_TEST_UNSET_VARIABLE"}');
SELECT name, value FROM sec_echo WHERE name = 'x-from-env';
ALTER USER MAPPING FOR PUBLIC SERVER sec OPTIONS (SET headers_from_env '{"X-From-Env": "1-not-a-name"}');
ALTER USER MAPPING FOR PUBLIC SERVER sec OPTIONS (DROP headers_from_env);
SET ROLE rr_sec_user;
ALTER USER MAPPING FOR rr_sec_user SERVER sec OPTIONS (ADD headers_from_env '{"X-From-Env": "HOME"}');
-- The mapped user sees its own mapping's options, not the PUBLIC one's (as postgres_fdw).
SELECT usename, umoptions IS NOT NULL AS sees_options FROM pg_user_mappings WHERE srvname = 'sec' ORDER BY usename;
-- USAGE on a server lets a role create foreign tables on it, not change where it points.
CREATE FOREIGN TABLE sec_user_schema.sec_mine (name text) SERVER sec OPTIONS (query_field 'echoHeaders');
SELECT count(*) > 0 AS reads FROM sec_user_schema.sec_mine;
ALTER SERVER sec OPTIONS (SET url 'http://169.254.169.254/graphql');
ALTER SERVER sec OPTIONS (ADD forward_headers '{"X-User": "current_user"}');
-- max_response_bytes is the server's: a table cannot raise it.
ALTER FOREIGN TABLE sec_user_schema.sec_mine OPTIONS (ADD max_response_bytes '1073741823');
DROP FOREIGN TABLE sec_user_schema.sec_mine;
RESET ROLE;
-- GRANT SELECT on a foreign table, and row-level security on the local tables it is joined
-- with, decide who sees what.
CREATE FOREIGN TABLE sec_orders (id int, user_id int) SERVER sec OPTIONS (query_field 'orders', pagination 'none', argument_types '{}');
CREATE TABLE sec_accounts (user_id int, owner name);
INSERT INTO sec_accounts VALUES (1, 'rr_sec_user'), (2, 'someone_else');
ALTER TABLE sec_accounts ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_accounts ON sec_accounts USING (owner = current_user);
GRANT SELECT ON sec_accounts TO rr_sec_user;
SET ROLE rr_sec_user;
SELECT count(*) FROM sec_orders;
RESET ROLE;
GRANT SELECT ON sec_orders TO rr_sec_user;
SET ROLE rr_sec_user;
SELECT a.user_id, count(*) FROM sec_accounts a JOIN sec_orders o USING (user_id) GROUP BY 1 ORDER BY 1;
RESET ROLE;
SELECT a.user_id, count(*) FROM sec_accounts a JOIN sec_orders o USING (user_id) GROUP BY 1 ORDER BY 1;
DROP TABLE sec_accounts;
-- EXPLAIN never shows header values.
EXPLAIN (VERBOSE, COSTS OFF) SELECT * FROM sec_echo;

-- Session context: forward_headers sends the role names and settings at each scan.
ALTER SERVER sec OPTIONS (ADD forward_headers '{"X-Hasura-Role": "current_user", "X-Session-User": "session_user", "X-Hasura-User-Id": "setting:app.user_id"}');
SELECT name, value FROM sec_echo WHERE name LIKE 'x-h%' OR name = 'x-session-user' ORDER BY name;
-- Plain EXPLAIN sends no request, so it needs no value.
EXPLAIN (COSTS OFF) SELECT * FROM sec_echo;
SET app.user_id = '42';
SELECT name, value FROM sec_echo WHERE name LIKE 'x-h%' OR name = 'x-session-user' ORDER BY name;
SET ROLE rr_sec_user;
SET app.user_id = '7';
SELECT name, value FROM sec_echo WHERE name LIKE 'x-h%' OR name = 'x-session-user' ORDER BY name;
SET app.user_id = E'7\r\nX-Injected: 1';
SELECT count(*) FROM sec_echo;
SET app.user_id = E'7\x01';
SELECT count(*) FROM sec_echo;
SET app.user_id = '   ';
SELECT count(*) FROM sec_echo;
-- A role's own user mapping cannot forge what is forwarded about it.
SET app.user_id = '7';
RESET ROLE;
SELECT json_build_object('Authorization', :'user_secret', 'X-Hasura-Role', 'admin', 'X-Hasura-User-Id', '1')::text AS forged_headers \gset
ALTER USER MAPPING FOR rr_sec_user SERVER sec OPTIONS (SET headers :'forged_headers');
SET ROLE rr_sec_user;
SELECT name, value FROM sec_echo WHERE name LIKE 'x-h%' ORDER BY name;
RESET ROLE;
ALTER USER MAPPING FOR rr_sec_user SERVER sec OPTIONS (SET headers :'user_headers');
RESET app.user_id;
-- Bad forward_headers.
ALTER SERVER sec OPTIONS (SET forward_headers '{"X-User": "whoever"}');
ALTER SERVER sec OPTIONS (SET forward_headers '{"X User": "current_user"}');
ALTER SERVER sec OPTIONS (SET forward_headers '{"X-A": "setting:a b"}');
ALTER SERVER sec OPTIONS (SET forward_headers '["current_user"]');
-- Only custom settings: PostgreSQL's own may hold what the server's owner may not read.
ALTER SERVER sec OPTIONS (SET forward_headers '{"X-Leak": "setting:primary_conninfo"}');
ALTER SERVER sec OPTIONS (SET forward_headers '{"Host": "current_user"}');
-- Headers that frame or route the request are the HTTP client's.
CREATE USER MAPPING FOR rr_sec_owner SERVER sec OPTIONS (headers '{"Host": "internal-admin.corp"}');
CREATE USER MAPPING FOR rr_sec_owner SERVER sec OPTIONS (headers '{"Transfer-Encoding": "chunked"}');
-- A URL with a user name or password is a credential in server options too.
CREATE SERVER sec_userinfo FOREIGN DATA WRAPPER remote_relationship OPTIONS (url 'http://someone:pw@127.0.0.1:54410/graphql');
-- A remote that echoes the Authorization header into its error does not show the secret.
CREATE SERVER sec_reflect FOREIGN DATA WRAPPER remote_relationship OPTIONS (url 'http://127.0.0.1:54410/graphql?fault=reflect_auth');
CREATE USER MAPPING FOR PUBLIC SERVER sec_reflect OPTIONS (headers :'public_headers');
CREATE FOREIGN TABLE sec_reflected (id int) SERVER sec_reflect OPTIONS (query_field 'orders', argument_types '{}');
SELECT * FROM sec_reflected;
DROP SERVER sec_reflect CASCADE;
ALTER SERVER sec OPTIONS (DROP forward_headers);

-- Redirects are refused unless follow_redirects is set; then at most 5 are followed.
CREATE SERVER sec_moved FOREIGN DATA WRAPPER remote_relationship
  OPTIONS (url 'http://127.0.0.1:54410/old/graphql?fault=redirect&to=/graphql');
CREATE USER MAPPING FOR PUBLIC SERVER sec_moved;
CREATE FOREIGN TABLE sec_moved_orders (id int) SERVER sec_moved OPTIONS (query_field 'orders', argument_types '{}');
SELECT count(*) FROM sec_moved_orders;
ALTER SERVER sec_moved OPTIONS (ADD follow_redirects 'true');
SELECT count(*) FROM sec_moved_orders;
ALTER SERVER sec_moved OPTIONS (SET url 'http://127.0.0.1:54410/loop/graphql?fault=redirect&loop=1');
SELECT count(*) FROM sec_moved_orders;
ALTER SERVER sec_moved OPTIONS (SET follow_redirects 'yes');

-- remote_relationship.allowed_hosts is checked on the address connected to, after DNS
-- resolution: "localhost" resolves to 127.0.0.1, which 10.0.0.0/8 does not hold.
CREATE SERVER sec_local FOREIGN DATA WRAPPER remote_relationship OPTIONS (url 'http://localhost:54410/graphql');
CREATE USER MAPPING FOR PUBLIC SERVER sec_local;
CREATE FOREIGN TABLE sec_local_orders (id int) SERVER sec_local OPTIONS (query_field 'orders', argument_types '{}');
SET remote_relationship.allowed_hosts = '10.0.0.0/8, api.example.com';
-- (which address localhost gives first, ::1 or 127.0.0.1, depends on the machine)
DO $$ BEGIN PERFORM count(*) FROM sec_local_orders;
EXCEPTION WHEN OTHERS THEN
  RAISE NOTICE '% %', SQLSTATE, regexp_replace(SQLERRM, '\(address [^)]*\)', '(address ...)');
END $$;
SET remote_relationship.allowed_hosts = '10.0.0.0/8';
CREATE SERVER sec_ip FOREIGN DATA WRAPPER remote_relationship OPTIONS (url 'http://127.0.0.1:54410/graphql');
CREATE USER MAPPING FOR PUBLIC SERVER sec_ip;
CREATE FOREIGN TABLE sec_ip_orders (id int) SERVER sec_ip OPTIONS (query_field 'orders', argument_types '{}');
SELECT count(*) FROM sec_ip_orders;
\echo :LAST_ERROR_SQLSTATE
DROP SERVER sec_ip CASCADE;
SET remote_relationship.allowed_hosts = '10.0.0.0/8, 127.0.0.0/8';
SELECT count(*) FROM sec_local_orders;
SET remote_relationship.allowed_hosts = 'localhost';
SELECT count(*) FROM sec_local_orders;
-- A redirect to another host (or scheme, or port) is never followed, whatever allowed_hosts
-- says: the request's headers (credentials, forwarded values) would go with it.
ALTER SERVER sec_local OPTIONS (SET url 'http://localhost:54410/graphql?fault=redirect&to=http://127.0.0.1:54410/graphql', ADD follow_redirects 'true');
SET remote_relationship.allowed_hosts = 'localhost, 127.0.0.1';
SELECT count(*) FROM sec_local_orders;
-- One to the same host is checked again on its own connection.
ALTER SERVER sec_local OPTIONS (SET url 'http://localhost:54410/old/graphql?fault=redirect&to=/graphql');
SELECT count(*) FROM sec_local_orders;
RESET remote_relationship.allowed_hosts;
-- Only a superuser may set it; bad lists are refused.
SET ROLE rr_sec_user;
SET remote_relationship.allowed_hosts = '';
RESET ROLE;
SET remote_relationship.allowed_hosts = '10.0.0.0/8,,localhost';
SET remote_relationship.allowed_hosts = '10.0.0.0/40';
SET remote_relationship.allowed_hosts = 'not a host';

RESET log_min_messages;
SET client_min_messages = warning;
DROP SERVER sec, sec_moved, sec_local CASCADE;
DROP SCHEMA sec_user_schema;
REVOKE USAGE ON FOREIGN DATA WRAPPER remote_relationship FROM rr_sec_owner;
DROP ROLE rr_sec_owner;
DROP ROLE rr_sec_user;
RESET client_min_messages;
