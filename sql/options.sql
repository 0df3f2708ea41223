-- Option validation: every option on every object, good and bad values.
CREATE EXTENSION IF NOT EXISTS remote_relationship;
\set VERBOSITY default

-- A server needs an http(s) URL.
CREATE SERVER opt_ok FOREIGN DATA WRAPPER remote_relationship
  OPTIONS (url 'http://127.0.0.1:54410/graphql', headers '{"X-App": "regress"}',
           timeout_ms '5000', connect_timeout_ms '1000', page_size '50',
           max_response_bytes '1048576');
CREATE SERVER opt_https FOREIGN DATA WRAPPER remote_relationship OPTIONS (url 'HTTPS://api.example.com/v1/graphql');
CREATE SERVER opt_bad FOREIGN DATA WRAPPER remote_relationship OPTIONS (url 'ftp://example.com/graphql');
\echo :LAST_ERROR_SQLSTATE
CREATE SERVER opt_bad FOREIGN DATA WRAPPER remote_relationship OPTIONS (url 'example.com/graphql');
CREATE SERVER opt_bad FOREIGN DATA WRAPPER remote_relationship OPTIONS (url 'http:///graphql');
CREATE SERVER opt_bad FOREIGN DATA WRAPPER remote_relationship OPTIONS (url 'http://host/a b');
-- Credentials in a URL are never echoed.
CREATE SERVER opt_bad FOREIGN DATA WRAPPER remote_relationship OPTIONS (url 'file://user:secret@host/x');
-- ... also when the password holds / ? # or @ that are not percent-encoded: such a URL does
-- not parse (the host would be "user"), and its message hides everything after the scheme.
CREATE SERVER opt_bad FOREIGN DATA WRAPPER remote_relationship OPTIONS (url 'http://user:sec/ret@host/x');
CREATE SERVER opt_bad FOREIGN DATA WRAPPER remote_relationship OPTIONS (url 'http://user:sec#ret@host/x');
CREATE SERVER opt_bad FOREIGN DATA WRAPPER remote_relationship OPTIONS (url 'http://host:99999/graphql');
-- An '@' that does not end a user name or password (libcurl would send to host "user").
CREATE SERVER opt_bad FOREIGN DATA WRAPPER remote_relationship OPTIONS (url 'http://user:8080/secret@host/x');
CREATE SERVER opt_bad FOREIGN DATA WRAPPER remote_relationship OPTIONS (url 'http://host/g?who=me@example.com');

-- Numbers: positive integers within range.
CREATE SERVER opt_bad FOREIGN DATA WRAPPER remote_relationship OPTIONS (url 'http://h/g', timeout_ms '0');
CREATE SERVER opt_bad FOREIGN DATA WRAPPER remote_relationship OPTIONS (url 'http://h/g', timeout_ms '-5');
CREATE SERVER opt_bad FOREIGN DATA WRAPPER remote_relationship OPTIONS (url 'http://h/g', timeout_ms 'soon');
CREATE SERVER opt_bad FOREIGN DATA WRAPPER remote_relationship OPTIONS (url 'http://h/g', timeout_ms '1.5');
CREATE SERVER opt_bad FOREIGN DATA WRAPPER remote_relationship OPTIONS (url 'http://h/g', connect_timeout_ms '');
CREATE SERVER opt_bad FOREIGN DATA WRAPPER remote_relationship OPTIONS (url 'http://h/g', page_size '0');
CREATE SERVER opt_bad FOREIGN DATA WRAPPER remote_relationship OPTIONS (url 'http://h/g', page_size '99999999999999999999');
CREATE SERVER opt_bad FOREIGN DATA WRAPPER remote_relationship OPTIONS (url 'http://h/g', max_response_bytes '2000000000');
\echo :LAST_ERROR_SQLSTATE

-- Headers: a JSON object of strings; values are never echoed in messages.
CREATE SERVER opt_bad FOREIGN DATA WRAPPER remote_relationship OPTIONS (url 'http://h/g', headers '{"Authorization": "Bearer sekrit"');
CREATE SERVER opt_bad FOREIGN DATA WRAPPER remote_relationship OPTIONS (url 'http://h/g', headers '["X-A"]');
CREATE SERVER opt_bad FOREIGN DATA WRAPPER remote_relationship OPTIONS (url 'http://h/g', headers '{"X-A": 1}');
CREATE SERVER opt_bad FOREIGN DATA WRAPPER remote_relationship OPTIONS (url 'http://h/g', headers '{"Bad Name": "v"}');
-- A header name is never quoted when invalid: it may be a secret typed curl-style.
CREATE SERVER opt_bad FOREIGN DATA WRAPPER remote_relationship OPTIONS (url 'http://h/g', headers '{"Authorization: Bearer s3cr3t": ""}');
CREATE SERVER opt_bad FOREIGN DATA WRAPPER remote_relationship OPTIONS (url 'http://h/g', headers '{"X-A": "line\nbreak"}');
CREATE SERVER opt_bad FOREIGN DATA WRAPPER remote_relationship OPTIONS (url 'http://h/g', headers '{"X-A": "1", "x-a": "2"}');

-- Unknown options name the object and list the valid ones.
CREATE SERVER opt_bad FOREIGN DATA WRAPPER remote_relationship OPTIONS (url 'http://h/g', uri 'http://h/g');
\echo :LAST_ERROR_SQLSTATE
CREATE SERVER opt_bad FOREIGN DATA WRAPPER remote_relationship OPTIONS (url 'http://h/g', pagination 'relay');
CREATE FOREIGN DATA WRAPPER rr_other HANDLER remote_relationship.fdw_handler
  VALIDATOR remote_relationship.fdw_validator OPTIONS (url 'http://h/g');

-- ALTER SERVER is validated the same way.
ALTER SERVER opt_ok OPTIONS (SET page_size 'many');
ALTER SERVER opt_ok OPTIONS (SET page_size '100');

-- User mappings take headers only.
CREATE USER MAPPING FOR PUBLIC SERVER opt_ok OPTIONS (headers '{"Authorization": "Bearer t0ken"}');
CREATE USER MAPPING FOR CURRENT_USER SERVER opt_ok OPTIONS (headers 'Bearer t0ken');
CREATE USER MAPPING FOR CURRENT_USER SERVER opt_ok OPTIONS (url 'http://h/g');

-- Foreign tables: type_name, query_field, pagination, page_size, arguments.
CREATE FOREIGN TABLE opt_t (id int) SERVER opt_ok
  OPTIONS (type_name 'Order', query_field 'orders', pagination 'offset', page_size '10',
           arguments '{"status": "PAID", "ids": [1, 2.5, -3], "where": {"x": {"_eq": null}}, "on": true}');
CREATE FOREIGN TABLE opt_bad_t (id int) SERVER opt_ok OPTIONS (query_field 'orders-list');
CREATE FOREIGN TABLE opt_bad_t (id int) SERVER opt_ok OPTIONS (type_name '1Order');
CREATE FOREIGN TABLE opt_bad_t (id int) SERVER opt_ok OPTIONS (pagination 'cursor');
CREATE FOREIGN TABLE opt_bad_t (id int) SERVER opt_ok OPTIONS (page_size '-1');
CREATE FOREIGN TABLE opt_bad_t (id int) SERVER opt_ok OPTIONS (arguments '{"a": ');
CREATE FOREIGN TABLE opt_bad_t (id int) SERVER opt_ok OPTIONS (arguments '[1, 2]');
CREATE FOREIGN TABLE opt_bad_t (id int) SERVER opt_ok OPTIONS (arguments '{"not-a-name": 1}');
CREATE FOREIGN TABLE opt_bad_t (id int) SERVER opt_ok OPTIONS (arguments '{"where": {"a b": 1}}');
CREATE FOREIGN TABLE opt_bad_t (id int) SERVER opt_ok OPTIONS (arguments '{"a": 1, "a": 2}');
CREATE FOREIGN TABLE opt_bad_t (id int) SERVER opt_ok OPTIONS (arguments '{"w": {"x": 1, "x": 2}}');
CREATE FOREIGN TABLE opt_bad_t (id int) SERVER opt_ok OPTIONS (query_field 'grüße');
CREATE FOREIGN TABLE opt_bad_t (id int) SERVER opt_ok OPTIONS (url 'http://h/g');
CREATE FOREIGN TABLE opt_bad_t (id int) SERVER opt_ok OPTIONS (timeout_ms '10');
ALTER FOREIGN TABLE opt_t OPTIONS (SET pagination 'relay');
ALTER FOREIGN TABLE opt_t OPTIONS (SET pagination 'pages');

-- Columns: field is a GraphQL name, a dotted path, optionally with a selection set.
CREATE FOREIGN TABLE opt_cols (
  a int OPTIONS (field 'id'),
  b text OPTIONS (field 'address.geo.lat'),
  c jsonb OPTIONS (field 'items { sku qty }'),
  d jsonb OPTIONS (field 'user.address { city geo { lat lng } }')
) SERVER opt_ok;
CREATE FOREIGN TABLE opt_bad_t (a int OPTIONS (field 'a..b')) SERVER opt_ok;
CREATE FOREIGN TABLE opt_bad_t (a int OPTIONS (field '')) SERVER opt_ok;
CREATE FOREIGN TABLE opt_bad_t (a int OPTIONS (field 'user.1d')) SERVER opt_ok;
CREATE FOREIGN TABLE opt_bad_t (a int OPTIONS (field 'items { }')) SERVER opt_ok;
CREATE FOREIGN TABLE opt_bad_t (a int OPTIONS (field 'items { sku')) SERVER opt_ok;
CREATE FOREIGN TABLE opt_bad_t (a int OPTIONS (field 'items { sku: id }')) SERVER opt_ok;
CREATE FOREIGN TABLE opt_bad_t (a int OPTIONS (field 'items { sku } qty')) SERVER opt_ok;
CREATE FOREIGN TABLE opt_bad_t (a int OPTIONS (column_name 'x')) SERVER opt_ok;
ALTER FOREIGN TABLE opt_cols ALTER COLUMN a OPTIONS (SET field 'no spaces');

-- The validator called directly, with odd input.
SELECT remote_relationship.fdw_validator(ARRAY['url=http://h/g'], 'pg_foreign_server'::regclass);
SELECT remote_relationship.fdw_validator(ARRAY['url'], 'pg_foreign_server'::regclass);
SELECT remote_relationship.fdw_validator(ARRAY['url=http://h/g'], 0);
SELECT remote_relationship.fdw_validator(NULL, 'pg_foreign_server'::regclass);
SELECT remote_relationship.fdw_validator('{}', 'pg_foreign_server'::regclass);

-- The url is required, but only when a scan needs it.
CREATE SERVER opt_nourl FOREIGN DATA WRAPPER remote_relationship;
CREATE USER MAPPING FOR PUBLIC SERVER opt_nourl;
CREATE FOREIGN TABLE opt_nourl_t (id int) SERVER opt_nourl OPTIONS (query_field 'orders');
SELECT * FROM opt_nourl_t;
\echo :LAST_ERROR_SQLSTATE

-- User mapping headers (secrets) are visible to superusers and the mapped user only.
CREATE ROLE regress_rr_other;
SELECT srvname, umoptions FROM pg_user_mappings WHERE srvname = 'opt_ok';
SET ROLE regress_rr_other;
SELECT srvname, umoptions FROM pg_user_mappings WHERE srvname = 'opt_ok';
RESET ROLE;
DROP ROLE regress_rr_other;

DROP SERVER opt_ok, opt_https, opt_nourl CASCADE;
