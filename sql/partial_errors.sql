-- Partial errors: GraphQL errors next to data. By default they fail the scan; with
-- on_partial_error 'null' the values at the errors' paths are NULL (the remote sent null
-- there), 'warn' adds one WARNING per scan. An error that took a whole row (or the list)
-- with it is an ERROR whatever the option says: never a silently missing row.
CREATE EXTENSION IF NOT EXISTS remote_relationship;
\set VERBOSITY default
\set SHOW_CONTEXT never

CREATE SCHEMA pe;
-- The shop on graphql-yoga: creditLimit fails (FORBIDDEN) for cust_5, cust_10, ...
CREATE SERVER pe_shop FOREIGN DATA WRAPPER remote_relationship OPTIONS (url 'http://127.0.0.1:54412/yoga/graphql');
CREATE USER MAPPING FOR PUBLIC SERVER pe_shop;
CREATE FOREIGN TABLE pe.customers (id text, name text, credit_limit float8 OPTIONS (field 'creditLimit'))
  SERVER pe_shop OPTIONS (query_field 'customers', pagination 'relay', relay_rows 'nodes', page_size '4',
                          argument_types '{"first": "Int", "after": "String"}');
-- Default: the first partial error fails the scan, even for rows outside the LIMIT's.
SELECT * FROM pe.customers ORDER BY id;
SELECT id, name FROM pe.customers LIMIT 2;
-- 'null': the values are NULL, the other rows and columns as sent.
ALTER FOREIGN TABLE pe.customers OPTIONS (ADD on_partial_error 'null');
SELECT id, credit_limit FROM pe.customers WHERE id IN ('cust_4', 'cust_5', 'cust_6', 'cust_10') ORDER BY id;
SELECT count(*), count(credit_limit) FROM pe.customers;
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT * FROM pe.customers;
-- 'warn': the same, and one WARNING counting them, quoting the first.
ALTER FOREIGN TABLE pe.customers OPTIONS (SET on_partial_error 'warn');
SELECT count(*), count(credit_limit) FROM pe.customers;
-- A scan that reads no failed field has no errors to warn of.
SELECT count(*) FROM pe.customers WHERE name IS NOT NULL;
-- A server-wide setting, which a table's overrides.
ALTER SERVER pe_shop OPTIONS (ADD on_partial_error 'null');
ALTER FOREIGN TABLE pe.customers OPTIONS (DROP on_partial_error);
SELECT count(credit_limit) FROM pe.customers;
ALTER FOREIGN TABLE pe.customers OPTIONS (ADD on_partial_error 'error');
SELECT count(credit_limit) FROM pe.customers;

-- GitHub's FORBIDDEN on a field of a single object (repository(owner:, name:)).
CREATE SERVER pe_github FOREIGN DATA WRAPPER remote_relationship
  OPTIONS (url 'http://127.0.0.1:54412/github/graphql?partial=1', on_partial_error 'warn');
CREATE USER MAPPING FOR PUBLIC SERVER pe_github;
CREATE FOREIGN TABLE pe.repository (owner text OPTIONS (argument 'owner', input_only 'true'),
  name text OPTIONS (argument 'name'), description text, stars int OPTIONS (field 'stargazerCount'))
  SERVER pe_github OPTIONS (query_field 'repository', query_returns 'object',
                            argument_types '{"owner": "String!", "name": "String!"}');
SELECT name, description, stars FROM pe.repository WHERE owner = 'octocat' AND name = 'repo-007';
SELECT name, description IS NOT NULL AS described FROM pe.repository WHERE owner = 'octocat' AND name = 'repo-008';
-- NOT_FOUND nulls the object itself: that is no row, and an ERROR.
SELECT * FROM pe.repository WHERE owner = 'octocat' AND name = 'no-such-repo';

-- The test server's faults: an error at the root field, and one that nulled a row.
CREATE SERVER pe_fault FOREIGN DATA WRAPPER remote_relationship
  OPTIONS (url 'http://127.0.0.1:54410/graphql?fault=partial_error', on_partial_error 'null');
CREATE USER MAPPING FOR PUBLIC SERVER pe_fault;
CREATE FOREIGN TABLE pe.orders_root (id int, user_id int) SERVER pe_fault OPTIONS (query_field 'orders');
SELECT * FROM pe.orders_root;
CREATE SERVER pe_row FOREIGN DATA WRAPPER remote_relationship
  OPTIONS (url 'http://127.0.0.1:54410/graphql?fault=null_row', on_partial_error 'null');
CREATE USER MAPPING FOR PUBLIC SERVER pe_row;
CREATE FOREIGN TABLE pe.orders_row (id int, user_id int) SERVER pe_row OPTIONS (query_field 'orders');
SELECT * FROM pe.orders_row;
\echo :LAST_ERROR_SQLSTATE

-- Bad values.
ALTER FOREIGN TABLE pe.customers OPTIONS (SET on_partial_error 'ignore');
ALTER FOREIGN TABLE pe.customers OPTIONS (SET on_partial_error '');
ALTER FOREIGN TABLE pe.customers ALTER COLUMN credit_limit OPTIONS (ADD on_partial_error 'null');

DROP SCHEMA pe CASCADE;
DROP SERVER pe_shop, pe_github, pe_fault, pe_row CASCADE;
