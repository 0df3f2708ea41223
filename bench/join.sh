#!/usr/bin/env bash
# Benchmark: a join of local rows with a remote table, three ways, in the same run:
#   batched   - the batched remote join (the keys of up to batch_size outer rows a request)
#   per key   - a lookup per outer row (a request each, plus the empty page: what a LATERAL
#               lookup through postgres_fdw, Wrappers or Steampipe costs)
#   whole     - one remote scan of the whole table and a local hash join
# against the test server's Hasura dialect (orders with a where/_in filter). Each side: 1
# warm-up and 7 measured runs, alternating; prints medians, the requests of one query (from the
# test server's request log) and ratios.
# Fails on errors or when the three do not return the same rows; no timing threshold.
set -euo pipefail
: "${GRAPHQL_URL:?}"
url="${GRAPHQL_URL%/graphql}/hasura/graphql"
runs=7

psql -X -q -v ON_ERROR_STOP=1 >/dev/null <<SQL
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS remote_relationship;
DROP SCHEMA IF EXISTS bench_join CASCADE;
DROP SERVER IF EXISTS bench_join_remote, bench_join_log CASCADE;
CREATE SERVER bench_join_remote FOREIGN DATA WRAPPER remote_relationship OPTIONS (url '$url');
CREATE USER MAPPING FOR PUBLIC SERVER bench_join_remote;
CREATE SCHEMA bench_join;
IMPORT FOREIGN SCHEMA g LIMIT TO (orders) FROM SERVER bench_join_remote INTO bench_join;
CREATE SERVER bench_join_log FOREIGN DATA WRAPPER remote_relationship OPTIONS (url '$GRAPHQL_URL');
CREATE USER MAPPING FOR PUBLIC SERVER bench_join_log;
CREATE FOREIGN TABLE bench_join.requests (seq int, path text) SERVER bench_join_log
  OPTIONS (query_field '_requests', argument_types '{"after": "Int"}');
CREATE TABLE bench_join.k (user_id int);
INSERT INTO bench_join.k SELECT 1 + g % 20 FROM generate_series(0, 39) g;  -- 40 rows, 20 distinct keys
ANALYZE bench_join.k;
-- The join node of a query (and the requests EXPLAIN ANALYZE counts), from EXPLAIN ANALYZE.
CREATE FUNCTION bench_join.plan_stats(query text) RETURNS text LANGUAGE plpgsql AS \$\$
DECLARE
  plan jsonb;
BEGIN
  EXECUTE 'EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF, FORMAT JSON) ' || query INTO plan;
  RETURN (SELECT coalesce(sum((n ->> 'Remote Requests')::int), 0) FROM jsonb_path_query(plan, 'strict \$.**') n
          WHERE jsonb_typeof(n) = 'object' AND n ? 'Remote Requests') || '|' ||
         coalesce((SELECT string_agg(DISTINCT n ->> 'Node Type', '+') FROM jsonb_path_query(plan, 'strict \$.**') n
          WHERE jsonb_typeof(n) = 'object' AND n ->> 'Node Type' IN ('Custom Scan', 'Nested Loop', 'Hash Join')), 'none');
END
\$\$;
SQL

query="SELECT count(*), sum(o.amount), count(DISTINCT o.id) FROM bench_join.k JOIN bench_join.orders o ON o.user_id = k.user_id"
# Per key: each outer row's lookup as its own scan (OFFSET 0 keeps the planner from joining),
# the key sent as the filter's argument: a request per outer row, as a lateral lookup does.
query_per_key="SELECT count(*), sum(o.amount), count(DISTINCT o.id) FROM bench_join.k
  CROSS JOIN LATERAL (SELECT * FROM bench_join.orders o WHERE o.user_id = k.user_id OFFSET 0) o"
settings_batched="SET remote_relationship.enable_batched_join = on; SET enable_hashjoin = off; SET enable_mergejoin = off;"
settings_per_key="SET remote_relationship.enable_batched_join = off;"
settings_whole="SET remote_relationship.enable_batched_join = off; SET enable_nestloop = off;"

# One timed run of query $2 with settings $1: prints "ms|result|requests|plan node".
run() {
  local query="$2"
  psql -X -q -At -v ON_ERROR_STOP=1 <<SQL
$1
SET jit = off;
\\o /dev/null
SELECT 1;
\\o
SELECT coalesce(max(seq), 0) AS seq0 FROM bench_join.requests \\gset
SELECT clock_timestamp() AS t0 \\gset
$query \\gset r_
SELECT round(extract(epoch FROM clock_timestamp() - :'t0'::timestamptz) * 1000, 2) AS ms \\gset
SELECT count(*) AS sent FROM bench_join.requests WHERE seq > :seq0 AND path = '/hasura/graphql' \\gset
SELECT :'ms' || '|' || :'r_count' || ',' || :'r_sum' || ',' || :'r_count' || '|' || :'sent' || '|' ||
       split_part(bench_join.plan_stats(\$q\$$query\$q\$), '|', 2);
SQL
}

declare -A times results requests nodes
for side in batched per_key whole; do times[$side]=""; done
for round in $(seq 0 "$runs"); do
  order=(batched per_key whole)
  [ $((round % 2)) -eq 1 ] && order=(whole per_key batched)
  for side in "${order[@]}"; do
    var="settings_$side"
    q="$query"
    [ "$side" = per_key ] && q="$query_per_key"
    out="$(run "${!var}" "$q")"
    IFS='|' read -r ms result reqs node <<<"$out"
    if [ -n "${results[$side]:-}" ] && [ "${results[$side]}" != "$result" ]; then
      echo "FAIL: $side returned $result, earlier $results[$side]" >&2; exit 1
    fi
    results[$side]="$result"; requests[$side]="$reqs"; nodes[$side]="$node"
    [ "$round" -gt 0 ] && times[$side]+="$ms "
  done
done
[ "${results[batched]}" = "${results[per_key]}" ] && [ "${results[batched]}" = "${results[whole]}" ] ||
  { echo "FAIL: the three joins returned different rows: ${results[batched]} / ${results[per_key]} / ${results[whole]}" >&2; exit 1; }
[ "${nodes[batched]}" = "Custom Scan" ] || { echo "FAIL: the batched side did not plan a batched join (${nodes[batched]})" >&2; exit 1; }
[ "${requests[per_key]}" -gt "${requests[batched]}" ] || { echo "FAIL: the per-key side sent no more requests than the batch" >&2; exit 1; }

median() { tr ' ' '\n' <<<"$1" | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
spread() { tr ' ' '\n' <<<"$1" | grep -v '^$' | sort -g | awk 'NR==1{min=$1} {max=$1} END {print min "-" max}'; }
b=$(median "${times[batched]}"); p=$(median "${times[per_key]}"); w=$(median "${times[whole]}")
echo "join of 40 local rows (20 distinct keys) with remote orders, median of $runs runs (ms):"
printf '  %-9s %8s ms  (%s)  %3s requests  %s\n' batched "$b" "$(spread "${times[batched]}")" "${requests[batched]}" "${nodes[batched]}"
printf '  %-9s %8s ms  (%s)  %3s requests  %s\n' "per key" "$p" "$(spread "${times[per_key]}")" "${requests[per_key]}" "${nodes[per_key]}"
printf '  %-9s %8s ms  (%s)  %3s requests  %s\n' whole "$w" "$(spread "${times[whole]}")" "${requests[whole]}" "${nodes[whole]}"
awk -v b="$b" -v p="$p" -v w="$w" 'BEGIN { printf "  per key / batched: %.2fx   whole / batched: %.2fx\n", p / b, w / b }'
psql -X -q -c "DROP SCHEMA bench_join CASCADE" -c "DROP SERVER bench_join_remote, bench_join_log CASCADE" >/dev/null 2>&1 || true
