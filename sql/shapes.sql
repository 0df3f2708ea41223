-- Shapes of real APIs, on the shop schema served by graphql-yoga and by Apollo Server
-- (also in production mode, introspection off): paths through lists of objects, and the
-- hints for a connection read as a list.
CREATE EXTENSION IF NOT EXISTS remote_relationship;
\set VERBOSITY default
\set SHOW_CONTEXT never

CREATE SCHEMA sh;
CREATE SERVER sh_yoga FOREIGN DATA WRAPPER remote_relationship OPTIONS (url 'http://127.0.0.1:54412/yoga/graphql');
CREATE USER MAPPING FOR PUBLIC SERVER sh_yoga;
CREATE SERVER sh_apollo_prod FOREIGN DATA WRAPPER remote_relationship OPTIONS (url 'http://127.0.0.1:54412/apollo-prod/graphql');
CREATE USER MAPPING FOR PUBLIC SERVER sh_apollo_prod;

-- A path through a list reads the field of every item: addresses is [Address!]!, so
-- addresses.city is a list of cities (text[], jsonb, or JSON text), addresses.geo.lat one
-- of latitudes, NULL where an address has no geo.
CREATE FOREIGN TABLE sh.customers (id text, cities text[] OPTIONS (field 'addresses.city'),
  lats float8[] OPTIONS (field 'addresses.geo.lat'), cities_json jsonb OPTIONS (field 'addresses.city'),
  zips text OPTIONS (field 'addresses.zip'), tier text)
  SERVER sh_yoga OPTIONS (query_field 'customers', pagination 'relay', relay_rows 'nodes');
SELECT * FROM sh.customers ORDER BY id LIMIT 5;
SELECT id, cities FROM sh.customers WHERE 'Lima' = ANY (cities) ORDER BY id;
-- The same on Apollo in production mode, where nothing is introspected: the table's
-- options say it all.
CREATE FOREIGN TABLE sh.customers_prod (id text, cities text[] OPTIONS (field 'addresses.city'))
  SERVER sh_apollo_prod OPTIONS (query_field 'customers', pagination 'relay', relay_rows 'nodes',
                                 argument_types '{"first": "Int", "after": "String"}');
SELECT * FROM sh.customers_prod ORDER BY id LIMIT 3;
-- An order's lines are objects too: lines.sku and lines.quantity side by side.
CREATE FOREIGN TABLE sh.orders (number int, skus text[] OPTIONS (field 'lines.sku'),
  quantities int[] OPTIONS (field 'lines.quantity')) SERVER sh_yoga
  OPTIONS (query_field 'orders', pagination 'relay', relay_rows 'nodes');
SELECT * FROM sh.orders ORDER BY number LIMIT 3;
-- A path on past a list of built-in scalars: refused before anything is sent.
CREATE FOREIGN TABLE sh.bad_path (id text, x text OPTIONS (field 'tags.name')) SERVER sh_yoga
  OPTIONS (query_field 'customers', pagination 'relay', relay_rows 'nodes');
SELECT * FROM sh.bad_path;

-- Paths into a JSON scalar: the remote is asked for the scalar (metadata), the rest of the
-- path is read here, a missing key NULL as with jsonb's #>. The schema model says which
-- fields are scalars, so this needs introspection (a table without argument_types).
CREATE FOREIGN TABLE sh.order_meta (number int, source text OPTIONS (field 'metadata.source'),
  coupon text OPTIONS (field 'metadata.coupon'), priority text OPTIONS (field 'metadata.attributes.priority'),
  weight numeric OPTIONS (field 'metadata.attributes.weight'), nothing text OPTIONS (field 'metadata.no.such'),
  metadata jsonb) SERVER sh_yoga OPTIONS (query_field 'orders', pagination 'relay', relay_rows 'nodes');
EXPLAIN (VERBOSE, COSTS OFF) SELECT number, source, priority FROM sh.order_meta;
SELECT number, source, coupon, priority, weight, nothing FROM sh.order_meta ORDER BY number LIMIT 4;
SELECT count(*) FILTER (WHERE metadata->>'source' = source) AS same, count(*) FROM sh.order_meta;
-- A root field of type JSON as a table: its object is the one row, the columns are read
-- inside it (a missing key is NULL); a list of objects is a row each. From the schema model,
-- or query_returns 'json' where nothing is introspected.
CREATE FOREIGN TABLE sh.settings (currency text, version int, reviews boolean OPTIONS (field 'features.reviews'),
  locales text[], max_quantity int OPTIONS (field 'limits.maxQuantity'), nothing text, shipping jsonb)
  SERVER sh_yoga;
EXPLAIN (VERBOSE, COSTS OFF) SELECT * FROM sh.settings;
SELECT currency, version, reviews, locales, max_quantity, nothing, shipping ? 'carriers' AS has_carriers FROM sh.settings;
CREATE FOREIGN TABLE sh.settings_prod (currency text, version int) SERVER sh_apollo_prod
  OPTIONS (query_field 'settings', query_returns 'json', argument_types '{}');
SELECT * FROM sh.settings_prod;
CREATE FOREIGN TABLE sh.config (section text OPTIONS (argument 'section', input_only 'true'),
  free_above int OPTIONS (field 'freeAbove'), carriers jsonb) SERVER sh_yoga OPTIONS (query_field 'config');
SELECT free_above, jsonb_array_length(carriers) AS carriers FROM sh.config WHERE section = 'shipping';
SELECT count(*) FROM sh.config WHERE section = 'no such section';
-- echo(value: JSON) answers what it is given: a list of objects is a row each; a list of
-- other values is no rows of objects.
CREATE FOREIGN TABLE sh.echo (value jsonb OPTIONS (argument 'value', input_only 'true'), a int, b text) SERVER sh_yoga;
SELECT a, b FROM sh.echo WHERE value = '[{"a": 1, "b": "x"}, {"a": 2}, null, {"b": "z"}]';
SELECT a FROM sh.echo WHERE value = '"text"';
SELECT a FROM sh.echo WHERE value = '[1, 2]';
-- Timestamps as APIs send them are read without the general date parser; each value is
-- exactly what timestamptz_in makes of the same text (forms it does not know go there).
CREATE FOREIGN TABLE sh.echo_times (value jsonb OPTIONS (argument 'value', input_only 'true'), t timestamptz,
  text_t text OPTIONS (field 't'), t3 timestamptz(3) OPTIONS (field 't')) SERVER sh_yoga OPTIONS (query_field 'echo');
SET TimeZone = 'America/New_York';
SELECT text_t, t, t = text_t::timestamptz AS same, t3 = text_t::timestamptz(3) AS same_3
FROM sh.echo_times WHERE value = '[{"t": "2024-01-01T12:00:00Z"}, {"t": "2024-02-29T23:59:59.123456Z"},
  {"t": "2024-07-01T08:30:00.5+02:00"}, {"t": "1999-12-31 23:59:59-0530"}, {"t": "2000-01-01T00:00:00z"},
  {"t": "2024-03-10T02:30:00"}, {"t": "2024-01-01T12:00:00.1234567Z"}, {"t": "0001-01-01T00:00:00+15:59"},
  {"t": "9999-12-31T23:59:59.999999-12"}, {"t": "2024-06-30T23:59:60Z"}, {"t": "2024-01-01T24:00:00Z"},
  {"t": "2024-01-01"}, {"t": "2024-01-01T12:00:00 Europe/Paris"}, {"t": "epoch"}]';
SELECT t FROM sh.echo_times WHERE value = '[{"t": "2023-02-29T00:00:00Z"}]';
SELECT t FROM sh.echo_times WHERE value = '[{"t": "2024-13-01T00:00:00Z"}]';
RESET TimeZone;
-- UUIDs in the canonical form are read without uuid_in; the other forms go there, and an
-- invalid one is uuid_in's ERROR.
CREATE FOREIGN TABLE sh.echo_uuids (value jsonb OPTIONS (argument 'value', input_only 'true'), u uuid,
  text_u text OPTIONS (field 'u')) SERVER sh_yoga OPTIONS (query_field 'echo');
SELECT text_u, u, u = text_u::uuid AS same
FROM sh.echo_uuids WHERE value = '[{"u": "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"}, {"u": "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11"},
  {"u": "00000000-0000-0000-0000-000000000000"}, {"u": "ffffffff-ffff-ffff-ffff-ffffffffffff"},
  {"u": "{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}"}, {"u": "a0eebc999c0b4ef8bb6d6bb9bd380a11"},
  {"u": "a0ee-bc99-9c0b-4ef8-bb6d-6bb9-bd38-0a11"}]';
SELECT u FROM sh.echo_uuids WHERE value = '[{"u": "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1g"}]';
SELECT u FROM sh.echo_uuids WHERE value = '[{"u": "a0eebc99x9c0b-4ef8-bb6d-6bb9bd380a11"}]';
SELECT u FROM sh.echo_uuids WHERE value = '[{"u": "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1é"}]';
-- jsonb of an object or a list is built from the parsed answer, not from its text: the same
-- value and text as jsonb_in gives (duplicate keys: the last; keys in jsonb's order). A string
-- with U+0000 is jsonb_in's ERROR.
CREATE FOREIGN TABLE sh.parsed (text text OPTIONS (argument 'text', input_only 'true'), j jsonb,
  t text OPTIONS (field 'j')) SERVER sh_yoga OPTIONS (query_field 'parseJson');
SELECT j, CASE WHEN jsonb_typeof(j) IN ('object', 'array') THEN j = t::jsonb AND j::text = t::jsonb::text END AS same
FROM sh.parsed WHERE text = '[{"j": {"a": 1, "b": [1, 2.50, -0, 1e3, 12345678901234567890.123456789, -1.5e-7]}},
  {"j": {"a": 1, "a": 2}}, {"j": []}, {"j": {}}, {"j": [null, true, false, "x\"y\\z\n\t\u0001"]},
  {"j": {"é": "ü", "emoji": "😀", "esc": "\u00e9\ud83d\ude00"}}, {"j": 5}, {"j": "str"}, {"j": null},
  {"j": [[[{"deep": [{}]}]]]}, {"j": {"b": 1, "a": 2, "aa": 3}}]';
SELECT j FROM sh.parsed WHERE text = '[{"j": {"a": "x\u0000y"}}]';
SELECT j FROM sh.parsed WHERE text = '[{"j": {"a\u0000": 1}}]';
-- Plain decimals into numeric, and numbers whose digits and power of ten fit a double
-- exactly into float8, are read without numeric_in and float8in: bit for bit the same
-- values (the other forms go there).
CREATE FOREIGN TABLE sh.parsed_numbers (text text OPTIONS (argument 'text', input_only 'true'), n numeric,
  f float8 OPTIONS (field 'n'), t text OPTIONS (field 'n')) SERVER sh_yoga OPTIONS (query_field 'parseJson');
SELECT t, f, numeric_send(n) = numeric_send(t::numeric) AS same_numeric,
  float8send(f) = float8send(t::float8) AS same_float8
FROM sh.parsed_numbers WHERE text = '[{"n": 0}, {"n": -0}, {"n": 1}, {"n": -1}, {"n": 0.1}, {"n": 0.3}, {"n": 1.5e-7},
  {"n": 123.456}, {"n": 9007199254740993}, {"n": 1e21}, {"n": 1e22}, {"n": 1e23}, {"n": 5e-324},
  {"n": 1.7976931348623157e308}, {"n": 3.141592653589793}, {"n": 2.2250738585072014e-308}, {"n": 4.35},
  {"n": 0.000001}, {"n": 123456789.123456789}, {"n": -98765.4321}]';
SELECT t, n, numeric_send(n) = numeric_send(t::numeric) AS same_numeric
FROM sh.parsed_numbers WHERE text = '[{"n": "2.50"}, {"n": "-0.00"}, {"n": "007"}, {"n": "123456789012345678"},
  {"n": "1234567890123456789"}, {"n": ".5"}, {"n": "1."}, {"n": "1e5"}, {"n": " 12 "}, {"n": "+3"},
  {"n": "99999999999999999.9"}, {"n": "-999999999999999999.9"}, {"n": "NaN"}]';
SELECT n FROM sh.parsed_numbers WHERE text = '[{"n": "1.2.3"}]';
ALTER FOREIGN TABLE sh.echo OPTIONS (ADD pagination 'relay');
SELECT a FROM sh.echo WHERE value = '{"a": 1}';

-- Unions and interfaces: a table whose type_name is one member reads that member's fields
-- (an inline fragment) and only its rows; the others are skipped by __typename and counted
-- in EXPLAIN ANALYZE. A LIMIT then does not size the page (rows are dropped here).
CREATE FOREIGN TABLE sh.found_products (sku text, name text, price float8) SERVER sh_yoga
  OPTIONS (query_field 'search', type_name 'Product', arguments '{"text": "1", "limit": 20}');
EXPLAIN (VERBOSE, COSTS OFF) SELECT * FROM sh.found_products LIMIT 2;
SELECT * FROM sh.found_products ORDER BY sku;
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT * FROM sh.found_products LIMIT 2;
-- An interface's member (Staff of [Account!]!), and the interface itself: every account,
-- with the interface's fields.
CREATE FOREIGN TABLE sh.staff (id text, role text, permissions text[]) SERVER sh_yoga
  OPTIONS (query_field 'accounts', type_name 'Staff');
SELECT * FROM sh.staff ORDER BY id LIMIT 3;
CREATE FOREIGN TABLE sh.accounts (id text, email text) SERVER sh_yoga OPTIONS (query_field 'accounts', type_name 'Account');
SELECT count(*), count(DISTINCT split_part(id, '_', 1)) AS kinds FROM sh.accounts;
-- Without type_name, or with a type that is no member, the ERROR lists the members.
CREATE FOREIGN TABLE sh.found_any (sku text) SERVER sh_yoga OPTIONS (query_field 'search', arguments '{"text": "1"}');
SELECT * FROM sh.found_any;
ALTER FOREIGN TABLE sh.found_any OPTIONS (ADD type_name 'Review');
SELECT * FROM sh.found_any;
-- An Apollo Federation subgraph's _entities, by representations.
CREATE SERVER sh_subgraph FOREIGN DATA WRAPPER remote_relationship OPTIONS (url 'http://127.0.0.1:54412/subgraph/graphql');
CREATE USER MAPPING FOR PUBLIC SERVER sh_subgraph;
CREATE FOREIGN TABLE sh.entities (id text, sku text, name text) SERVER sh_subgraph
  OPTIONS (query_field '_entities', type_name 'Product',
           arguments '{"representations": [{"__typename": "Product", "id": "prod_1"}, {"__typename": "Customer", "id": "cust_2"}, {"__typename": "Product", "id": "prod_3"}]}');
SELECT * FROM sh.entities;

-- A connection read as a list: the remote refuses the columns' fields, and the HINT says
-- what to set; with no column at all, the answer is an object that looks like a connection.
CREATE FOREIGN TABLE sh.as_list (id text) SERVER sh_yoga
  OPTIONS (query_field 'customers', pagination 'none', argument_types '{}');
SELECT * FROM sh.as_list;
SELECT count(*) FROM sh.as_list;
-- An object read as a list: the HINT says query_returns 'object'.
CREATE FOREIGN TABLE sh.stats_list (orders int) SERVER sh_yoga OPTIONS (query_field 'stats', argument_types '{}', query_returns 'list');
SELECT count(*) FROM sh.stats_list;

DROP SCHEMA sh CASCADE;
DROP SERVER sh_yoga, sh_apollo_prod, sh_subgraph CASCADE;
