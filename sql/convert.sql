-- Conversion of remote values to column types, and its errors.
CREATE EXTENSION IF NOT EXISTS remote_relationship;
\set VERBOSITY default
CREATE SERVER gql FOREIGN DATA WRAPPER remote_relationship
  OPTIONS (url 'http://127.0.0.1:54410/graphql');
CREATE USER MAPPING FOR PUBLIC SERVER gql;

-- The natural types: Int, Float, Boolean, String, ID, enum, lists and objects.
CREATE FOREIGN TABLE samples (
  id int, int_val int, float_val float8, bool_val boolean, text_val text, id_val text,
  json_val jsonb, list_val jsonb, obj_val jsonb OPTIONS (field 'obj_val { lat lng }'), status text
) SERVER gql OPTIONS (query_field 'samples');
SELECT * FROM samples ORDER BY id;
-- JSON null is SQL NULL; a JSON string stays a string inside jsonb.
SELECT id, json_val IS NULL AS is_null, jsonb_typeof(json_val) FROM samples ORDER BY id;
-- Exact text of strings, escapes decoded.
SELECT id, text_val, length(text_val), octet_length(text_val) FROM samples WHERE id IN (3, 4);

-- Any type whose input function accepts the text: numeric keeps every digit, bigint,
-- date, smallint, real, varchar(n), json, arrays, domains.
CREATE DOMAIN positive_int AS int CHECK (VALUE > 0);
CREATE FOREIGN TABLE samples_typed (
  id smallint,
  numeric_text numeric,
  big_int_text bigint,
  date_text date,
  float_val real,
  int_val positive_int,
  text_val varchar(100),
  json_val json,
  id_val text
) SERVER gql OPTIONS (query_field 'samples');
-- (rows 3 and 4 hold values these types reject: LIMIT stops the scan before them)
SELECT * FROM samples_typed LIMIT 2;
SELECT numeric_text * 2, big_int_text + 1 FROM samples_typed LIMIT 1;
SELECT float_val FROM samples_typed;
-- Domains over jsonb and over arrays get JSON text and array literals like their base types.
CREATE DOMAIN json_object AS jsonb CHECK (jsonb_typeof(VALUE) = 'object');
CREATE DOMAIN small_ints AS int[] CHECK (cardinality(VALUE) < 3);
CREATE FOREIGN TABLE sample_domains (id int, text_val jsonb, obj json_object OPTIONS (field 'json_val'),
  list_val small_ints) SERVER gql OPTIONS (query_field 'samples');
SELECT id, text_val, obj FROM sample_domains LIMIT 2;
SELECT id, list_val FROM sample_domains;
-- A domain that refuses NULL refuses a remote null too (as in postgres_fdw).
CREATE DOMAIN required_text AS text NOT NULL;
CREATE FOREIGN TABLE sample_required (id int, text_val required_text) SERVER gql OPTIONS (query_field 'samples');
SELECT * FROM sample_required;
\echo :LAST_ERROR_SQLSTATE
-- JSON lists into arrays.
CREATE FOREIGN TABLE sample_arrays (id int, list_val int[], tags text[] OPTIONS (field 'json_val'))
  SERVER gql OPTIONS (query_field 'samples');
SELECT id, list_val, cardinality(list_val) FROM sample_arrays ORDER BY id;
SELECT id, tags FROM sample_arrays;
CREATE FOREIGN TABLE order_tags (id int, tags text[]) SERVER gql OPTIONS (query_field 'orders');
SELECT id, tags, 'vip' = ANY (tags) AS vip FROM order_tags WHERE id <= 5 ORDER BY id;
-- Lists of lists into two-dimensional arrays; lists of only empty lists are empty arrays.
CREATE FOREIGN TABLE sample_matrix (id int, nested_list int[]) SERVER gql OPTIONS (query_field 'samples');
SELECT id, nested_list, array_ndims(nested_list) FROM sample_matrix ORDER BY id;
-- Into json[] and jsonb[] every item is one JSON value (strings keep their quotes); a JSON
-- null item is an SQL NULL element, as a JSON null column value is an SQL NULL.
CREATE DOMAIN json_item AS jsonb;
CREATE FOREIGN TABLE sample_json_lists (id int,
  tags_jsonb jsonb[] OPTIONS (field 'tag_list'), tags_json json[] OPTIONS (field 'tag_list'),
  tags_domain json_item[] OPTIONS (field 'tag_list'), tags_text text[] OPTIONS (field 'tag_list'),
  lists jsonb[] OPTIONS (field 'nested_list'), ints json[] OPTIONS (field 'list_val'))
  SERVER gql OPTIONS (query_field 'samples');
SELECT * FROM sample_json_lists ORDER BY id;
SELECT id, jsonb_typeof(tags_jsonb[1]) AS first_type, tags_jsonb[2] #>> '{}' AS second_text, jsonb_typeof(lists[1])
  FROM sample_json_lists ORDER BY id;
-- A string with a NUL character (\u0000): no PostgreSQL text can hold it, json text can.
CREATE FOREIGN TABLE sample_nul (id int, nul_text text) SERVER gql OPTIONS (query_field 'samples');
SELECT * FROM sample_nul ORDER BY id;
\echo :LAST_ERROR_SQLSTATE
CREATE FOREIGN TABLE sample_nul_json (id int, nul_text json) SERVER gql OPTIONS (query_field 'samples');
SELECT * FROM sample_nul_json ORDER BY id;

-- Columns that read numbers and booleans as text, and numbers as numeric.
CREATE FOREIGN TABLE samples_as_text (id text, int_val text, float_val text, bool_val text, obj_val text OPTIONS (field 'obj_val { lat }'))
  SERVER gql OPTIONS (query_field 'samples');
SELECT * FROM samples_as_text ORDER BY id;
CREATE FOREIGN TABLE samples_numeric (id numeric, float_val numeric, int_val bigint, bool_val int)
  SERVER gql OPTIONS (query_field 'samples');
SELECT id, float_val = 1e300 AS is_1e300, float_val, int_val FROM samples_numeric WHERE id <> 3 ORDER BY id;

-- A value that does not fit names the column, the remote field and the value.
SELECT bool_val FROM samples_numeric;
\echo :LAST_ERROR_SQLSTATE
CREATE FOREIGN TABLE samples_bad (id int, big int OPTIONS (field 'big_int_text'),
  d date OPTIONS (field 'date_text'), n numeric OPTIONS (field 'numeric_text'),
  f int OPTIONS (field 'float_val'), v varchar(3) OPTIONS (field 'text_val'),
  i int OPTIONS (field 'id_val'), p positive_int OPTIONS (field 'int_val'),
  l int[] OPTIONS (field 'text_val'), t text OPTIONS (field 'text_val'))
  SERVER gql OPTIONS (query_field 'samples');
SELECT id, big FROM samples_bad;
SELECT id, d FROM samples_bad;
SELECT id, n FROM samples_bad;
SELECT id, f FROM samples_bad;
SELECT id, v FROM samples_bad;
SELECT id, i FROM samples_bad;
SELECT id, p FROM samples_bad;
SELECT id, l FROM samples_bad;
\echo :LAST_ERROR_SQLSTATE
-- The error stops the scan mid-way: rows before the bad one were returned.
BEGIN;
DECLARE c CURSOR FOR SELECT id, d FROM samples_bad;
FETCH 2 FROM c;
FETCH 1 FROM c;
ROLLBACK;
-- A long value is cut short in the message (echoHeaders returns the headers we send).
CREATE SERVER gql_long FOREIGN DATA WRAPPER remote_relationship
  OPTIONS (url 'http://127.0.0.1:54410/graphql',
           headers '{"A-Long": "abcdefghijklmnopqrstuvwxyz abcdefghijklmnopqrstuvwxyz abcdefghijklmnopqrstuvwxyz abcdefghijklmnopqrstuvwxyz abcdefghijklmnopqrstuvwxyz abcdefghijklmnopqrstuvwxyz"}');
CREATE USER MAPPING FOR PUBLIC SERVER gql_long;
CREATE FOREIGN TABLE long_text (name text, value int) SERVER gql_long OPTIONS (query_field 'echoHeaders');
SELECT * FROM long_text;
DROP SERVER gql_long CASCADE;
-- The session is fine afterwards.
SELECT count(*) FROM samples;

-- The fast paths (plain decimals into numeric, numbers exact in a double into float8, jsonb
-- from the parsed value) give bit for bit what the input functions make of the same text,
-- on values exactly as a remote writes them (the verbatim fault answers the body given).
SELECT 'http://127.0.0.1:54410/graphql?fault=verbatim&hex=' || encode(convert_to(
  '{"data": {"values": [{"n": 2.50}, {"n": -0}, {"n": -0.00}, {"n": 1e3}, {"n": 1E+5}, {"n": 0.1},
    {"n": 9007199254740992}, {"n": 9007199254740993}, {"n": 123456789012345678}, {"n": 1234567890123456789},
    {"n": 12345678901234567890.123456789}, {"n": 1.000000000000000000000}, {"n": 1e22}, {"n": 1e23},
    {"n": -1.5e-7}, {"n": 5e-324}, {"n": 2.2250738585072014e-308}, {"n": 1.7976931348623157e308},
    {"n": 0.30000000000000004}, {"n": -98765.4321}, {"n": 99999999999999999.9}]}}',
  'UTF8'), 'hex') AS verbatim_url \gset
CREATE SERVER verbatim FOREIGN DATA WRAPPER remote_relationship OPTIONS (url :'verbatim_url');
CREATE USER MAPPING FOR PUBLIC SERVER verbatim;
CREATE FOREIGN TABLE verbatim_numbers (n numeric, f float8 OPTIONS (field 'n'), t text OPTIONS (field 'n'))
  SERVER verbatim OPTIONS (query_field 'values', pagination 'none', argument_types '{}');
SELECT t, f, numeric_send(n) = numeric_send(t::numeric) AS same_numeric, float8send(f) = float8send(t::float8) AS same_float8
  FROM verbatim_numbers;
DROP SERVER verbatim CASCADE;
SELECT 'http://127.0.0.1:54410/graphql?fault=verbatim&hex=' || encode(convert_to(
  '{"data": {"values": [{"j": {"a": 1, "a": 2}}, {"j": {"b": {"c": []}, "a": [{}], "b": 3}}, {"j": [1, 2.50, -0, 1e3, -0.00]},
    {"j": {"s": "tab\there \"quoted\" \\ \u00e9 \ud83d\ude00", "n": null, "t": true, "f": false}},
    {"j": [[[[{"deep": [[]]}]]]]}, {"j": {"": ""}}, {"j": {"a": 12345678901234567890.123456789e-5}}]}}',
  'UTF8'), 'hex') AS verbatim_url \gset
CREATE SERVER verbatim FOREIGN DATA WRAPPER remote_relationship OPTIONS (url :'verbatim_url');
CREATE USER MAPPING FOR PUBLIC SERVER verbatim;
CREATE FOREIGN TABLE verbatim_json (j jsonb, t text OPTIONS (field 'j'))
  SERVER verbatim OPTIONS (query_field 'values', pagination 'none', argument_types '{}');
SELECT j, j::text = t::jsonb::text AS same_text, j = t::jsonb AS same FROM verbatim_json;
DROP SERVER verbatim CASCADE;

DROP SERVER gql CASCADE;
DROP DOMAIN positive_int, json_object, small_ints, required_text, json_item;
