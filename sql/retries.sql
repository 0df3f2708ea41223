-- Rate limits and transient failures: a query answered 429, 502, 503, 504 (or GitHub's 403
-- with Retry-After) is sent again, up to the server's max_retries (default 2), after the
-- Retry-After or an exponential backoff with jitter; then a clear ERROR, never empty rows.
-- The test server (apis.js) fails the first N requests of a key (?fail=...&times=N&key=K).
CREATE EXTENSION IF NOT EXISTS remote_relationship;
\set VERBOSITY default
\set SHOW_CONTEXT never

CREATE SCHEMA rt;
-- The fault counters live as long as the test server: each run uses keys of its own.
SELECT md5(random()::text) AS run \gset
-- One server (and a table of the shop's products) per fault.
CREATE FUNCTION rt.fault_table(name text, fault text, options text DEFAULT '') RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('CREATE SERVER %I FOREIGN DATA WRAPPER remote_relationship OPTIONS (url %L %s)', 'rt_' || name,
                 'http://127.0.0.1:54412/yoga/graphql?' || fault || '&key=' || name || current_setting('rt.run'), options);
  EXECUTE format('CREATE USER MAPPING FOR PUBLIC SERVER %I', 'rt_' || name);
  EXECUTE format('CREATE FOREIGN TABLE rt.%I (sku text, name text, price float8) SERVER %I '
                 'OPTIONS (query_field %L, argument_types %L)', name, 'rt_' || name, 'products', '{}');
END $$;
SET rt.run = :'run';
-- The request log, to see what was sent and when.
CREATE SERVER rt_log FOREIGN DATA WRAPPER remote_relationship OPTIONS (url 'http://127.0.0.1:54412/log/graphql');
CREATE USER MAPPING FOR PUBLIC SERVER rt_log;
CREATE FOREIGN TABLE rt.requests (seq int, path text, query_string text, status int, fault text, at_ms float8)
  SERVER rt_log OPTIONS (query_field 'requests', argument_types '{"after": "Int"}');
CREATE FUNCTION rt.sent(key text) RETURNS TABLE (status int, fault text, ms_since_previous float8)
LANGUAGE sql AS $$
  SELECT status, fault, at_ms - lag(at_ms) OVER (ORDER BY seq)
  FROM rt.requests WHERE query_string LIKE '%key=' || key || current_setting('rt.run') ORDER BY seq
$$;

-- 429 twice, then 200: the third request reads the rows. Each wait is the backoff (125 to
-- 250 ms, then 250 to 500 ms).
SELECT rt.fault_table('twice_429', 'fail=429&times=2');
SELECT count(*), min(sku) FROM rt.twice_429;
SELECT status, fault, ms_since_previous >= 125 AS waited FROM rt.sent('twice_429');

-- EXPLAIN ANALYZE counts the retries (and the requests they were).
SELECT rt.fault_table('explained', 'fail=503&times=1');
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT sku FROM rt.explained;
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF, FORMAT JSON) SELECT sku FROM rt.explained;

-- 502 from a gateway, three times: two retries are not enough, the ERROR says so and
-- shows the start of the HTML page; the next query finds the remote well again.
SELECT rt.fault_table('thrice_502', 'fail=502&times=3');
SELECT * FROM rt.thrice_502;
\echo :LAST_ERROR_SQLSTATE
SELECT count(*) FROM rt.thrice_502;
SELECT status, fault FROM rt.sent('thrice_502');

-- More retries on the server: max_retries 3 reads through three 503s.
SELECT rt.fault_table('thrice_503', 'fail=503&times=3', ', max_retries ''3''');
SELECT count(*) FROM rt.thrice_503;
SELECT status, fault FROM rt.sent('thrice_503');

-- max_retries 0: no retry, the 429's GraphQL error at once, one request.
SELECT rt.fault_table('no_retry', 'fail=429&times=1', ', max_retries ''0''');
SELECT * FROM rt.no_retry;
SELECT status, fault FROM rt.sent('no_retry');

-- GitHub's secondary rate limit: 403 with Retry-After 1 is waited out (at least a second).
SELECT rt.fault_table('secondary', 'fail=403&times=1&retry_after=1');
SELECT count(*) FROM rt.secondary;
SELECT status, fault, ms_since_previous >= 1000 AS waited_a_second FROM rt.sent('secondary');
-- Retry-After as an HTTP date (in the past: at once).
SELECT rt.fault_table('dated', 'fail=429&times=1&retry_after=Wed,%2021%20Oct%202015%2007:28:00%20GMT');
SELECT count(*) FROM rt.dated;
SELECT status, fault FROM rt.sent('dated');
-- A 403 without Retry-After is a refusal, not a rate limit: no retry, and the whole message
-- of GitHub's JSON body, with its documentation link.
SELECT rt.fault_table('forbidden', 'fail=403&times=1&retry_after=none');
SELECT * FROM rt.forbidden;
SELECT status, fault FROM rt.sent('forbidden');

-- A Retry-After above 60 s is not waited out inside a query: an ERROR at once.
SELECT rt.fault_table('later', 'fail=429&times=1&retry_after=120');
SELECT * FROM rt.later;
\echo :LAST_ERROR_SQLSTATE
-- One within 60 s but beyond statement_timeout ends with the timeout, not a hang.
SELECT rt.fault_table('timeout', 'fail=503&times=1&retry_after=30');
SET statement_timeout = '1s';
SELECT * FROM rt.timeout;
RESET statement_timeout;
SELECT count(*) FROM rt.timeout;

-- A failure that lasts: ERROR after the retries, never an empty result.
SELECT rt.fault_table('always', 'fail=503&times=always');
SELECT count(*) FROM rt.always;
SELECT count(*) AS requests FROM rt.sent('always');

-- IMPORT FOREIGN SCHEMA's introspection is retried as well.
SELECT rt.fault_table('imported', 'fail=429&times=1');
CREATE SCHEMA rt_imported;
IMPORT FOREIGN SCHEMA shop LIMIT TO ("Product") FROM SERVER rt_imported INTO rt_imported;
SELECT foreign_table_name FROM information_schema.foreign_tables WHERE foreign_table_schema = 'rt_imported' ORDER BY 1;
SELECT status, fault FROM rt.sent('imported');

-- Bad values.
CREATE SERVER rt_bad FOREIGN DATA WRAPPER remote_relationship OPTIONS (url 'http://127.0.0.1:54412/yoga/graphql', max_retries '-1');
CREATE SERVER rt_bad FOREIGN DATA WRAPPER remote_relationship OPTIONS (url 'http://127.0.0.1:54412/yoga/graphql', max_retries '11');
CREATE SERVER rt_bad FOREIGN DATA WRAPPER remote_relationship OPTIONS (url 'http://127.0.0.1:54412/yoga/graphql', max_retries 'two');
CREATE SERVER rt_bad FOREIGN DATA WRAPPER remote_relationship OPTIONS (url 'http://127.0.0.1:54412/yoga/graphql', max_retries '');
ALTER FOREIGN TABLE rt.always OPTIONS (ADD max_retries '1');

DROP SCHEMA rt_imported CASCADE;
DROP SCHEMA rt CASCADE;
DO $$ DECLARE s text; BEGIN
  FOR s IN SELECT srvname FROM pg_foreign_server WHERE srvname LIKE 'rt\_%' ORDER BY srvname LOOP
    EXECUTE format('DROP SERVER %I CASCADE', s);
  END LOOP;
END $$;
