-- Filter pushdown: WHERE conditions on filter columns go to the remote in its filter argument
-- (Hasura's where, PostGraphile's filter and condition, json-graphql-server's flat filter), as
-- one variable; every condition is still checked locally, so each query returns what it
-- returns with remote_relationship.enable_pushdown off.
CREATE EXTENSION IF NOT EXISTS remote_relationship;
\set VERBOSITY default
\set SHOW_CONTEXT never

CREATE SCHEMA pd;
-- The query's rows with pushdown on and off: the same, and how many.
CREATE FUNCTION pd.same(query text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  pushed text;
  local text;
  n bigint;
BEGIN
  EXECUTE format('SELECT string_agg(t::text, %L ORDER BY t::text), count(*) FROM (%s) t', ' | ', query) INTO pushed, n;
  PERFORM set_config('remote_relationship.enable_pushdown', 'off', true);
  EXECUTE format('SELECT string_agg(t::text, %L ORDER BY t::text) FROM (%s) t', ' | ', query) INTO local;
  PERFORM set_config('remote_relationship.enable_pushdown', 'on', true);
  RETURN CASE WHEN pushed IS NOT DISTINCT FROM local THEN format('same, %s rows', n) ELSE 'DIFFERENT: ' || coalesce(pushed, '') || ' / ' || coalesce(local, '') END;
END
$$;

-- The test server's request log, to see what was sent.
CREATE SERVER pd_log FOREIGN DATA WRAPPER remote_relationship OPTIONS (url 'http://127.0.0.1:54410/graphql');
CREATE USER MAPPING FOR PUBLIC SERVER pd_log;
CREATE FOREIGN TABLE pd.requests (seq int, path text, variables jsonb) SERVER pd_log
  OPTIONS (query_field '_requests', argument_types '{"after": "Int"}');

-- Hasura (where: {_and: [{field: {_op: value}}]}).
CREATE SERVER pd_hasura FOREIGN DATA WRAPPER remote_relationship OPTIONS (url 'http://127.0.0.1:54410/hasura/graphql');
CREATE USER MAPPING FOR PUBLIC SERVER pd_hasura;
CREATE SCHEMA pd_hasura;
IMPORT FOREIGN SCHEMA g LIMIT TO (orders) FROM SERVER pd_hasura INTO pd_hasura;
EXPLAIN (VERBOSE, COSTS OFF)
SELECT id FROM pd_hasura.orders WHERE user_id = 2 AND amount > 20 AND status IN ('PAID', 'SHIPPED') AND note IS NULL;
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT id FROM pd_hasura.orders WHERE user_id = 2;
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT id FROM pd_hasura.orders WHERE user_id + 0 = 2;
SELECT pd.same('SELECT id, status FROM pd_hasura.orders WHERE user_id = 2');
SELECT pd.same('SELECT id FROM pd_hasura.orders WHERE user_id IN (1, 3, NULL)');
SELECT pd.same('SELECT id FROM pd_hasura.orders WHERE user_id = ANY (''{}''::int[])');
SELECT pd.same('SELECT id FROM pd_hasura.orders WHERE user_id = NULL');
SELECT pd.same('SELECT id FROM pd_hasura.orders WHERE quantity < 3');
SELECT pd.same('SELECT id FROM pd_hasura.orders WHERE quantity <= 3 AND quantity >= 2');
SELECT pd.same('SELECT id FROM pd_hasura.orders WHERE 3 > quantity');
SELECT pd.same('SELECT id FROM pd_hasura.orders WHERE amount > 44.99');
SELECT pd.same('SELECT id FROM pd_hasura.orders WHERE amount = 69.99');
SELECT pd.same('SELECT id FROM pd_hasura.orders WHERE note IS NULL');
SELECT pd.same('SELECT id FROM pd_hasura.orders WHERE note IS NOT NULL');
SELECT pd.same('SELECT id FROM pd_hasura.orders WHERE user_id IS NULL');
SELECT pd.same('SELECT id FROM pd_hasura.orders WHERE status = ''PAID''');
SELECT pd.same('SELECT id FROM pd_hasura.orders WHERE status = ''paid''');
SELECT pd.same('SELECT id FROM pd_hasura.orders WHERE is_paid = true AND user_id = 4');
SELECT pd.same('SELECT id FROM pd_hasura.orders WHERE ref = (SELECT ref FROM pd_hasura.orders WHERE id = 7)');
-- Not pushed where the remote would compare more strictly than SQL: citext (case), char(n)
-- (trailing blanks), numeric with a typmod (rounded on our side), floats (the remote holds
-- the exact decimal); each still returns what a local filter returns.
CREATE EXTENSION citext;
CREATE FOREIGN TABLE pd_hasura.orders_typed (id int OPTIONS (filter_field 'id', filter_type 'Int_comparison_exp'),
  status citext OPTIONS (filter_field 'status', filter_type 'String_comparison_exp'),
  status_padded char(12) OPTIONS (field 'status', filter_field 'status', filter_type 'String_comparison_exp'),
  amount_rounded numeric(10,0) OPTIONS (field 'amount', filter_field 'amount', filter_type 'numeric_comparison_exp'),
  amount_float float8 OPTIONS (field 'amount', filter_field 'amount', filter_type 'numeric_comparison_exp'))
  SERVER pd_hasura OPTIONS (query_field 'orders', pagination 'offset', filter_dialect 'where', filter_argument 'where',
                            argument_types '{"limit": "Int", "offset": "Int", "where": "orders_bool_exp"}');
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM pd_hasura.orders_typed
WHERE status = 'paid' AND status_padded = 'PAID' AND amount_rounded = 70 AND amount_float = 69.99;
SELECT pd.same('SELECT id FROM pd_hasura.orders_typed WHERE status = ''paid''');
SELECT pd.same('SELECT id FROM pd_hasura.orders_typed WHERE status_padded = ''PAID''');
SELECT pd.same('SELECT id FROM pd_hasura.orders_typed WHERE amount_rounded = 70');
SELECT pd.same('SELECT id FROM pd_hasura.orders_typed WHERE amount_float = 69.99');
-- A table whose filter argument has no recorded type sends no filter: nothing is counted on.
CREATE FOREIGN TABLE pd_hasura.orders_untyped (id int OPTIONS (filter_field 'id', filter_type 'Int_comparison_exp'))
  SERVER pd_hasura OPTIONS (query_field 'orders', pagination 'offset', filter_dialect 'where', filter_argument 'where',
                            argument_types '{"limit": "Int", "offset": "Int"}');
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM pd_hasura.orders_untyped WHERE id = 3 LIMIT 1;
-- Timestamps go as ISO text with their offset, whatever the session's TimeZone.
SET TimeZone = 'Asia/Tokyo';
SELECT pd.same('SELECT id FROM pd_hasura.orders WHERE placed_at = (SELECT placed_at FROM pd_hasura.orders WHERE id = 5)');
RESET TimeZone;
-- <> and LIKE (PostgreSQL's pattern rules, which Hasura and PostGraphile pass on).
SELECT pd.same('SELECT id FROM pd_hasura.orders WHERE status <> ''PAID''');
SELECT pd.same('SELECT id FROM pd_hasura.orders WHERE note <> ''n''');
SELECT pd.same('SELECT id FROM pd_hasura.orders WHERE status LIKE ''P%''');
SELECT pd.same('SELECT id FROM pd_hasura.orders WHERE status LIKE ''%ED'' AND quantity <> 2');
SELECT pd.same('SELECT id FROM pd_hasura.orders WHERE status LIKE ''P\_%'' ESCAPE ''\''');
-- OR, when every arm can be sent (each arm a condition, or an AND of them): _or, _and.
EXPLAIN (VERBOSE, COSTS OFF)
SELECT id FROM pd_hasura.orders WHERE user_id = 1 OR (amount > 60 AND note IS NULL) OR status LIKE 'C%';
SELECT pd.same('SELECT id FROM pd_hasura.orders WHERE user_id = 1 OR (amount > 60 AND note IS NULL) OR status LIKE ''C%''');
SELECT pd.same('SELECT id FROM pd_hasura.orders WHERE (user_id = 1 OR user_id = 2) AND (quantity < 2 OR quantity > 3)');
SELECT pd.same('SELECT id FROM pd_hasura.orders WHERE user_id = 1 OR (quantity > 1 AND (note IS NULL OR amount < 30))');
SELECT pd.same('SELECT id FROM pd_hasura.orders WHERE user_id IN (1, 2) OR note <> ''n''');
-- An arm with a NULL value or an empty list matches nothing and is left out; if every arm
-- is so, nothing is sent at all.
SELECT coalesce(max(seq), 0) AS start FROM pd.requests \gset
SELECT pd.same('SELECT id FROM pd_hasura.orders WHERE user_id = NULL OR user_id = 3');
SELECT pd.same('SELECT id FROM pd_hasura.orders WHERE user_id = NULL OR user_id = ANY (''{}''::int[])');
SELECT variables -> 'where' AS sent FROM pd.requests WHERE seq > :start AND path = '/hasura/graphql' AND variables ? 'where' ORDER BY seq;
-- Parameters in the arms of a generic plan, and a LIMIT over a pushed OR.
PREPARE by_either(int, int) AS SELECT id FROM pd_hasura.orders WHERE user_id = $1 OR user_id = $2 ORDER BY id;
SET plan_cache_mode = force_generic_plan;
EXECUTE by_either(1, 4);
EXECUTE by_either(NULL, 4);
RESET plan_cache_mode;
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM pd_hasura.orders WHERE user_id = 1 OR user_id = 2 LIMIT 3;
-- Not pushed: text ranges (collation), ILIKE (case folding differs between locales), an OR
-- with an arm that cannot be sent (or a NOT), a volatile value, a pattern on the left.
EXPLAIN (VERBOSE, COSTS OFF)
SELECT id FROM pd_hasura.orders WHERE status > 'P' AND note ILIKE 'n%' AND (user_id = 1 OR id + 0 = 2) AND quantity = (random() * 0)::int
  AND 'PAID' LIKE status AND (user_id = 3 OR NOT (status LIKE 'P%'));
SELECT pd.same('SELECT id FROM pd_hasura.orders WHERE user_id = 1 OR id + 0 = 2');
-- Generic plans send the parameter.
PREPARE by_user(int) AS SELECT count(*) FROM pd_hasura.orders WHERE user_id = $1;
SET plan_cache_mode = force_generic_plan;
EXPLAIN (VERBOSE, COSTS OFF) EXECUTE by_user(3);
EXECUTE by_user(3);
RESET plan_cache_mode;
-- A join sends each outer key in the filter (a parameterized path; batched joins, which send
-- many keys a request, are off for it here).
SET remote_relationship.enable_batched_join = off;
CREATE TABLE pd.k (v int);
INSERT INTO pd.k VALUES (1), (3), (NULL);
ANALYZE pd.k;
ALTER FOREIGN TABLE pd_hasura.orders OPTIONS (ADD fdw_startup_cost '1');
SET enable_hashjoin = off;
SET enable_mergejoin = off;
EXPLAIN (VERBOSE, COSTS OFF) SELECT k.v, o.id FROM pd.k JOIN pd_hasura.orders o ON o.user_id = k.v;
SELECT pd.same('SELECT k.v, o.id FROM pd.k JOIN pd_hasura.orders o ON o.user_id = k.v');
RESET enable_hashjoin;
RESET enable_mergejoin;
RESET remote_relationship.enable_batched_join;

-- LIMIT: the first page asks for no more rows than the query needs when the remote decides
-- which rows those are; paging goes on if rows are still missing.
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM pd_hasura.orders WHERE user_id = 2 LIMIT 2;
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT id FROM pd_hasura.orders LIMIT 5 OFFSET 3;
SELECT pd.same('SELECT id FROM pd_hasura.orders WHERE user_id = 2 LIMIT 2');
SELECT pd.same('SELECT id FROM pd_hasura.orders LIMIT 5 OFFSET 3');
-- Not when a qual stays local, with an ORDER BY the remote cannot do (text), in a join or
-- under an aggregate.
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM pd_hasura.orders WHERE id + 1 = 3 LIMIT 2;
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM pd_hasura.orders ORDER BY status LIMIT 2;
EXPLAIN (VERBOSE, COSTS OFF) SELECT o.id FROM pd_hasura.orders o JOIN pd.k ON k.v = o.user_id LIMIT 2;
EXPLAIN (VERBOSE, COSTS OFF) SELECT count(*) FROM (SELECT DISTINCT user_id FROM pd_hasura.orders) d LIMIT 1;
SELECT pd.same('SELECT id FROM pd_hasura.orders WHERE id + 1 = 3 LIMIT 2');

-- PostGraphile's connection filter ({and: [{field: {equalTo: value}}]}).
CREATE SERVER pd_pg FOREIGN DATA WRAPPER remote_relationship OPTIONS (url 'http://127.0.0.1:54410/postgraphile/graphql');
CREATE USER MAPPING FOR PUBLIC SERVER pd_pg;
CREATE SCHEMA pd_pg;
IMPORT FOREIGN SCHEMA g LIMIT TO ("Order") FROM SERVER pd_pg INTO pd_pg;
SELECT c.attname, c.attfdwoptions FROM pg_attribute c WHERE c.attrelid = 'pd_pg."Order"'::regclass AND c.attnum > 0 ORDER BY c.attnum;
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM pd_pg."Order" WHERE "userId" = 2 AND quantity >= 2 AND note IS NOT NULL;
SELECT pd.same('SELECT id FROM pd_pg."Order" WHERE "userId" = 2 AND quantity >= 2');
SELECT pd.same('SELECT id FROM pd_pg."Order" WHERE "userId" IN (1, 2) AND note IS NULL');
SELECT pd.same('SELECT id FROM pd_pg."Order" WHERE amount < 30');
SELECT pd.same('SELECT id FROM pd_pg."Order" WHERE note LIKE ''%a%'' AND "userId" <> 1');
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM pd_pg."Order" WHERE note LIKE '%a%' AND "userId" <> 1;
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM pd_pg."Order" WHERE "userId" = 1 OR (quantity >= 3 AND note IS NOT NULL);
SELECT pd.same('SELECT id FROM pd_pg."Order" WHERE "userId" = 1 OR (quantity >= 3 AND note IS NOT NULL)');

-- json-graphql-server's flat filter ({field: value}): equality only.
CREATE SERVER pd_js FOREIGN DATA WRAPPER remote_relationship OPTIONS (url 'http://127.0.0.1:54410/jsonserver/graphql');
CREATE USER MAPPING FOR PUBLIC SERVER pd_js;
CREATE SCHEMA pd_js;
IMPORT FOREIGN SCHEMA g LIMIT TO ("Order") FROM SERVER pd_js INTO pd_js;
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM pd_js."Order" WHERE user_id = '2' AND quantity > 1;
SELECT pd.same('SELECT id FROM pd_js."Order" WHERE user_id = ''2''');
-- Its filter has no OR: checked locally.
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM pd_js."Order" WHERE user_id = '2' OR user_id = '3';
SELECT pd.same('SELECT id FROM pd_js."Order" WHERE user_id = ''2'' OR user_id = ''3''');

-- ORDER BY through Hasura's order_by, which says where NULLs go: no local Sort, and a LIMIT
-- under it asks for only the rows needed. Only types that sort alike everywhere (not text).
CREATE FUNCTION pd.same_order(query text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  pushed text;
  local text;
BEGIN
  EXECUTE format('SELECT string_agg(t::text, %L) FROM (%s) t', ' | ', query) INTO pushed;
  PERFORM set_config('remote_relationship.enable_pushdown', 'off', true);
  EXECUTE format('SELECT string_agg(t::text, %L) FROM (%s) t', ' | ', query) INTO local;
  PERFORM set_config('remote_relationship.enable_pushdown', 'on', true);
  RETURN CASE WHEN pushed IS NOT DISTINCT FROM local THEN 'same order' ELSE 'DIFFERENT: ' || coalesce(pushed, '') || ' / ' || coalesce(local, '') END;
END
$$;
EXPLAIN (VERBOSE, COSTS OFF) SELECT id, user_id FROM pd_hasura.orders ORDER BY user_id DESC NULLS LAST, id LIMIT 5;
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT id FROM pd_hasura.orders ORDER BY user_id NULLS FIRST, id LIMIT 3;
SELECT pd.same_order('SELECT id, user_id FROM pd_hasura.orders ORDER BY user_id DESC NULLS LAST, id LIMIT 5');
SELECT pd.same_order('SELECT id, user_id FROM pd_hasura.orders ORDER BY user_id NULLS FIRST, id LIMIT 8');
SELECT pd.same_order('SELECT id, user_id FROM pd_hasura.orders ORDER BY user_id, id');
SELECT pd.same_order('SELECT id, amount FROM pd_hasura.orders WHERE quantity > 1 ORDER BY amount DESC, id LIMIT 4 OFFSET 2');
SELECT pd.same_order('SELECT id, placed_at FROM pd_hasura.orders ORDER BY placed_at, id LIMIT 5');
-- Not sent: text keys (collations differ), expressions, and with a join.
EXPLAIN (COSTS OFF) SELECT id FROM pd_hasura.orders ORDER BY status, id LIMIT 3;
EXPLAIN (COSTS OFF) SELECT id FROM pd_hasura.orders ORDER BY user_id + 1 LIMIT 3;
EXPLAIN (COSTS OFF) SELECT o.id FROM pd_hasura.orders o JOIN pd.k ON k.v = o.user_id ORDER BY o.id LIMIT 3;
-- Text keys with sort_text 'remote' (the user says the remote sorts as the column's collation:
-- the test server compares code points, as COLLATE "C" does), not under another collation.
ALTER FOREIGN TABLE pd_hasura.orders OPTIONS (ADD sort_text 'remote');
ALTER FOREIGN TABLE pd_hasura.orders ALTER COLUMN note TYPE text COLLATE "C";
EXPLAIN (VERBOSE, COSTS OFF) SELECT id, note FROM pd_hasura.orders ORDER BY note DESC, id LIMIT 4;
SELECT pd.same_order('SELECT id, note FROM pd_hasura.orders ORDER BY note DESC, id LIMIT 4');
SELECT pd.same_order('SELECT id, note FROM pd_hasura.orders ORDER BY note NULLS FIRST, id');
EXPLAIN (COSTS OFF) SELECT id FROM pd_hasura.orders ORDER BY note COLLATE "POSIX", id LIMIT 3;
ALTER FOREIGN TABLE pd_hasura.orders ALTER COLUMN note TYPE text;
ALTER FOREIGN TABLE pd_hasura.orders OPTIONS (SET sort_text 'local');
EXPLAIN (COSTS OFF) SELECT id FROM pd_hasura.orders ORDER BY note, id LIMIT 3;
ALTER FOREIGN TABLE pd_hasura.orders OPTIONS (SET sort_text 'sometimes');
ALTER FOREIGN TABLE pd_hasura.orders OPTIONS (DROP sort_text);

-- A remote that filters more loosely than SQL (here: not at all) cannot change a result,
-- since every qual is checked locally as well: the same rows as the strict remote gives,
-- in scans, with LIMIT (not pushed where a qual is) and in a batched join.
CREATE SERVER pd_loose FOREIGN DATA WRAPPER remote_relationship OPTIONS (url 'http://127.0.0.1:54410/hasura/graphql?fault=loose_filter');
CREATE USER MAPPING FOR PUBLIC SERVER pd_loose;
CREATE SCHEMA pd_loose;
IMPORT FOREIGN SCHEMA g LIMIT TO (orders) FROM SERVER pd_loose INTO pd_loose;
CREATE FUNCTION pd.same_as_strict(query text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  loose text;
  strict_rows text;
  n bigint;
BEGIN
  EXECUTE format('SELECT string_agg(t::text, %L ORDER BY t::text), count(*) FROM (%s) t', ' | ', query) INTO loose, n;
  EXECUTE format('SELECT string_agg(t::text, %L ORDER BY t::text) FROM (%s) t', ' | ', replace(query, 'pd_loose.', 'pd_hasura.')) INTO strict_rows;
  RETURN CASE WHEN loose IS NOT DISTINCT FROM strict_rows THEN format('same, %s rows', n) ELSE 'DIFFERENT: ' || coalesce(loose, '') || ' / ' || coalesce(strict_rows, '') END;
END
$$;
SELECT pd.same_as_strict('SELECT id FROM pd_loose.orders WHERE user_id = 2');
SELECT pd.same_as_strict('SELECT id FROM pd_loose.orders WHERE status IN (''PAID'', ''SHIPPED'') AND amount > 40 AND note IS NOT NULL');
SELECT pd.same_as_strict('SELECT id FROM pd_loose.orders WHERE note LIKE ''%door%''');
SELECT pd.same_as_strict('SELECT id FROM pd_loose.orders WHERE user_id = 3 ORDER BY id LIMIT 2');
SELECT pd.same_as_strict('SELECT k.v, o.id FROM pd.k JOIN pd_loose.orders o ON o.user_id = k.v');
-- Batches of 2 with keys repeated across them: rows the loose remote sent for keys a batch
-- did not ask for are not kept for later batches (they would join twice).
CREATE TABLE pd.k_repeated (n int, v int);
INSERT INTO pd.k_repeated VALUES (1, 1), (2, 3), (3, 1), (4, 2), (5, 3), (6, 2), (7, 1);
ANALYZE pd.k_repeated;
ALTER FOREIGN TABLE pd_loose.orders OPTIONS (ADD batch_size '2');
ALTER FOREIGN TABLE pd_hasura.orders OPTIONS (ADD batch_size '2');
SET enable_hashjoin = off;
SET enable_mergejoin = off;
EXPLAIN (COSTS OFF) SELECT k.n, o.id FROM pd.k_repeated k JOIN pd_loose.orders o ON o.user_id = k.v;
SELECT pd.same_as_strict('SELECT k.n, o.id FROM pd.k_repeated k JOIN pd_loose.orders o ON o.user_id = k.v');
ALTER FOREIGN TABLE pd_loose.orders OPTIONS (DROP batch_size);
ALTER FOREIGN TABLE pd_hasura.orders OPTIONS (DROP batch_size);
RESET enable_hashjoin;
RESET enable_mergejoin;
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT id FROM pd_loose.orders WHERE user_id = 2;

-- LIMIT 10 over a Relay-paged table: one page of 10 (first: 10), one request.
EXPLAIN (ANALYZE, VERBOSE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT id FROM pd_pg."Order" LIMIT 10;
SELECT pd.same('SELECT id FROM pd_pg."Order" LIMIT 10');

-- ANALYZE asks the remote for its row count (count_field, as IMPORT records it: a path from the
-- root, or a field of the connection) and samples rows through a paged scan for column
-- statistics (here all 60 rows are read, so the statistics are exact).
SELECT c.relname, o.option_value AS count_field FROM pg_class c, pg_foreign_table ft, pg_options_to_table(ft.ftoptions) o
WHERE ft.ftrelid = c.oid AND o.option_name = 'count_field' AND c.relnamespace IN ('pd_hasura'::regnamespace, 'pd_pg'::regnamespace)
ORDER BY 1;
ANALYZE VERBOSE pd_hasura.orders;
ANALYZE VERBOSE pd_pg."Order";
SELECT oid::regclass AS foreign_table, reltuples FROM pg_class WHERE oid IN ('pd_hasura.orders'::regclass, 'pd_pg."Order"'::regclass) ORDER BY 1;
SELECT attname, null_frac, n_distinct, most_common_vals FROM pg_stats
WHERE schemaname = 'pd_hasura' AND tablename = 'orders' AND attname IN ('user_id', 'status', 'note') ORDER BY 1;
-- The estimates follow: 3 orders of user 2, 15 PAID ones, 3 orders per key in a join.
CREATE FUNCTION pd.estimate(query text) RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE
  plan json;
BEGIN
  EXECUTE 'EXPLAIN (FORMAT JSON) ' || query INTO plan;
  RETURN (plan -> 0 -> 'Plan' ->> 'Plan Rows')::float8;
END
$$;
SELECT pd.estimate('SELECT id FROM pd_hasura.orders WHERE user_id = 2') AS user_2,
       pd.estimate('SELECT id FROM pd_hasura.orders WHERE status = ''PAID''') AS paid,
       pd.estimate('SELECT o.id FROM pd.k JOIN pd_hasura.orders o ON o.user_id = k.v') AS join_of_2_keys;
-- analyze_max_rows bounds the rows read (the count still gives reltuples); 0 reads none.
ALTER FOREIGN TABLE pd_hasura.orders OPTIONS (ADD analyze_max_rows '10');
ANALYZE VERBOSE pd_hasura.orders;
SELECT reltuples FROM pg_class WHERE oid = 'pd_hasura.orders'::regclass;
ALTER FOREIGN TABLE pd_hasura.orders OPTIONS (SET analyze_max_rows '0');
ANALYZE VERBOSE pd_hasura.orders;
ALTER FOREIGN TABLE pd_hasura.orders OPTIONS (SET analyze_max_rows '-1');
ALTER FOREIGN TABLE pd_hasura.orders OPTIONS (SET analyze_max_rows 'many');
ALTER SERVER pd_hasura OPTIONS (ADD analyze_max_rows '1000000000');
ALTER FOREIGN TABLE pd_hasura.orders OPTIONS (DROP analyze_max_rows);
-- Without a count field, the rows read are the count.
ANALYZE VERBOSE pd_hasura.orders_typed;
SELECT reltuples FROM pg_class WHERE oid = 'pd_hasura.orders_typed'::regclass;
-- Nothing to read: no count field and analyze_max_rows 0, or a table that needs an argument.
ALTER FOREIGN TABLE pd_hasura.orders_typed OPTIONS (ADD analyze_max_rows '0');
ANALYZE pd_hasura.orders_typed;
CREATE FOREIGN TABLE pd.needs_argument (id int, wanted int OPTIONS (argument 'id', input_only 'true')) SERVER pd_hasura
  OPTIONS (query_field 'orders_by_pk', query_returns 'object', argument_types '{"id": "Int!"}');
ANALYZE pd.needs_argument;
-- A count field the remote does not have is an error naming it.
ALTER FOREIGN TABLE pd_pg."Order" OPTIONS (SET count_field 'rowCount');
ANALYZE pd_pg."Order";

DROP SCHEMA pd_hasura, pd_pg, pd_js, pd_loose, pd CASCADE;
DROP EXTENSION citext;
DROP SERVER pd_hasura, pd_pg, pd_js, pd_loose, pd_log CASCADE;
