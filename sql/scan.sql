-- Scanning remote lists: projection, nested paths, fixed arguments, local quals, rescans.
CREATE EXTENSION IF NOT EXISTS remote_relationship;
\set VERBOSITY default
CREATE SERVER gql FOREIGN DATA WRAPPER remote_relationship
  OPTIONS (url 'http://127.0.0.1:54410/graphql');
CREATE USER MAPPING FOR PUBLIC SERVER gql;

CREATE FOREIGN TABLE orders (
  id int, user_id int, amount numeric, status text, note text, is_paid boolean,
  created_at date, tags jsonb, meta jsonb
) SERVER gql OPTIONS (type_name 'Order');   -- query_field defaults to the table name

SELECT * FROM orders ORDER BY id LIMIT 5;
SELECT count(*), sum(amount), count(note), count(*) FILTER (WHERE is_paid) FROM orders;

-- Only the fields the query needs go to the remote.
EXPLAIN (VERBOSE, COSTS OFF) SELECT id, amount FROM orders;
-- Columns read only by a local qual are fetched too.
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM orders WHERE status = 'PAID';
SELECT id FROM orders WHERE status = 'PAID' AND amount > 50 ORDER BY id;
-- No column at all still makes a valid document.
EXPLAIN (VERBOSE, COSTS OFF) SELECT count(*) FROM orders;
SELECT count(*) FROM orders;
-- A whole-row reference fetches every column.
EXPLAIN (VERBOSE, COSTS OFF) SELECT o FROM orders o WHERE id = 1;
SELECT o FROM orders o WHERE id = 1;

-- Nested objects through dotted paths; a null object on the way gives NULL.
CREATE FOREIGN TABLE users (
  id int,
  name text,
  email text,
  city text OPTIONS (field 'address.city'),
  lat float8 OPTIONS (field 'address.geo.lat'),
  address jsonb OPTIONS (field 'address { city zip geo { lat lng } }')
) SERVER gql OPTIONS (type_name 'User', query_field 'users');
EXPLAIN (VERBOSE, COSTS OFF) SELECT * FROM users;
SELECT * FROM users ORDER BY id;
EXPLAIN (VERBOSE, COSTS OFF) SELECT id, lat FROM users;
-- Several reads of one field: each column gets exactly the fields it asked for (the other
-- reads are aliased in the document).
CREATE FOREIGN TABLE user_addresses (
  id int,
  city_only jsonb OPTIONS (field 'address { city }'),
  zip_only jsonb OPTIONS (field 'address { zip }'),
  zip text OPTIONS (field 'address.zip'),
  again jsonb OPTIONS (field 'address{city}')
) SERVER gql OPTIONS (query_field 'users');
EXPLAIN (VERBOSE, COSTS OFF) SELECT * FROM user_addresses;
SELECT * FROM user_addresses ORDER BY id;
-- A column that reads an object without a selection set gets the object's own fields (those
-- without arguments, 3 levels deep, from the schema model), whatever other columns ask for.
CREATE FOREIGN TABLE user_address_reads (
  id int,
  whole jsonb OPTIONS (field 'address'),
  lat float8 OPTIONS (field 'address.geo.lat'),
  lng_only jsonb OPTIONS (field 'address.geo { lng }')
) SERVER gql OPTIONS (query_field 'users');
EXPLAIN (VERBOSE, COSTS OFF) SELECT * FROM user_address_reads;
SELECT * FROM user_address_reads WHERE id <= 2 ORDER BY id;
CREATE FOREIGN TABLE user_address_shared (id int, whole jsonb OPTIONS (field 'address'),
  city jsonb OPTIONS (field 'address { city }')) SERVER gql OPTIONS (query_field 'users');
SELECT * FROM user_address_shared WHERE id <= 2 ORDER BY id;

-- Lists of objects and nested objects into jsonb, with their selection set.
CREATE FOREIGN TABLE order_details (
  id int,
  items jsonb OPTIONS (field 'items { sku qty }'),
  user_name text OPTIONS (field 'user.name'),
  user_city text OPTIONS (field 'user.address.city'),
  tags text[] OPTIONS (field 'tags')
) SERVER gql OPTIONS (query_field 'orders');
SELECT id, items, user_name, user_city FROM order_details WHERE id IN (1, 4, 20) ORDER BY id;

-- Fixed arguments from the table's arguments option: sent as variables typed from the
-- remote's introspection, so an enum takes a JSON string (more in arguments.sql).
CREATE FOREIGN TABLE paid_orders (id int, status text)
  SERVER gql OPTIONS (query_field 'orders', arguments '{"status": "PAID", "limit": 3}');
SELECT * FROM paid_orders;
CREATE FOREIGN TABLE user_orders (id int, user_id int)
  SERVER gql OPTIONS (query_field 'orders', arguments '{"user_id": 2, "ids": [2, 7, 12, 13]}');
EXPLAIN (VERBOSE, COSTS OFF) SELECT * FROM user_orders;
SELECT * FROM user_orders ORDER BY id;

-- A join with a local table, and a rescan of the foreign scan inside a nested loop.
CREATE TABLE local_users (id int PRIMARY KEY, name text);
INSERT INTO local_users VALUES (1, 'alice'), (2, 'bob'), (3, 'carol');
SELECT o.id, u.name FROM orders o JOIN local_users u ON u.id = o.user_id
WHERE o.id < 8 ORDER BY o.id;
SET enable_hashjoin = off; SET enable_mergejoin = off; SET enable_material = off;
EXPLAIN (COSTS OFF)
SELECT u.name, count(o.id) FROM local_users u JOIN orders o ON o.user_id = u.id GROUP BY u.name;
SELECT u.name, count(o.id) FROM local_users u JOIN orders o ON o.user_id = u.id GROUP BY u.name ORDER BY 1;
RESET enable_hashjoin; RESET enable_mergejoin; RESET enable_material;

-- A cursor that stops early, and one that is read again from the start.
BEGIN;
DECLARE c SCROLL CURSOR FOR SELECT id FROM orders;
FETCH 3 FROM c;
FETCH ABSOLUTE 1 FROM c;
CLOSE c;
COMMIT;

-- A field the remote type does not have: the remote's validation error comes back.
CREATE FOREIGN TABLE bad_field (id int, colour text) SERVER gql OPTIONS (query_field 'orders');
SELECT * FROM bad_field;
\echo :LAST_ERROR_SQLSTATE
-- A root field that does not exist.
CREATE FOREIGN TABLE no_field (id int) SERVER gql OPTIONS (query_field 'invoices');
SELECT * FROM no_field;
-- The query field defaults to the table's name, which must then be a GraphQL name: no other
-- text ever goes into the document.
CREATE FOREIGN TABLE "my-orders" (id int) SERVER gql;
SELECT * FROM "my-orders";
\echo :LAST_ERROR_SQLSTATE
CREATE FOREIGN TABLE "orders { id } } mutation M { x" (id int) SERVER gql;
EXPLAIN (VERBOSE, COSTS OFF) SELECT * FROM "orders { id } } mutation M { x";
-- A hand-made table over a connection needs no pagination option: the schema model says it
-- is a Relay connection, and the scan pages through it.
CREATE FOREIGN TABLE over_connection (id int) SERVER gql OPTIONS (query_field 'ordersConnection', page_size '7');
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM over_connection;
SELECT count(*), min(id), max(id) FROM over_connection;
-- Options that contradict the remote schema: the remote says what is wrong.
CREATE FOREIGN TABLE not_list (id int) SERVER gql OPTIONS (query_field 'ordersConnection', query_returns 'list');
SELECT * FROM not_list;
\echo :LAST_ERROR_SQLSTATE
-- An object field read without a selection set: its fields, as above (no remote error).
CREATE FOREIGN TABLE no_selection (id int, address jsonb) SERVER gql OPTIONS (query_field 'users');
SELECT * FROM no_selection;
-- The session goes on normally after these errors.
SELECT count(*) FROM orders;

DROP SERVER gql CASCADE;
DROP TABLE local_users;
