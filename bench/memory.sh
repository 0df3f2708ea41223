#!/usr/bin/env bash
# Backend memory of a long paged scan: the peak RSS (VmHWM) of one backend after an offset
# scan of 20 000 rows, then after one of BENCH_BIG_ROWS (1 000 000) rows, in pages of 1 000 with
# 4 pages in flight. Prints both and the growth; the scan keeps at most the pages in flight,
# so the growth stays near zero whatever the row count. Fails only on errors or wrong counts.
#
# Needs psql (PG* set) and the test server at GRAPHQL_URL; bench/run.sh sets it up.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/stats.sh"
: "${GRAPHQL_URL:?set GRAPHQL_URL to the test server URL}"
BIG="${BENCH_BIG_ROWS:-1000000}"
[[ "$BIG" =~ ^[0-9]+$ ]] || { echo "BENCH_BIG_ROWS must be a whole number" >&2; exit 2; }
out="$(psql -X -q -At -v ON_ERROR_STOP=1 -v url="$GRAPHQL_URL" -v big="$BIG" <<'SQL'
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS remote_relationship;
DROP SERVER IF EXISTS rr_bench_memory CASCADE;
CREATE SERVER rr_bench_memory FOREIGN DATA WRAPPER remote_relationship OPTIONS (url :'url');
CREATE USER MAPPING FOR PUBLIC SERVER rr_bench_memory;
SELECT format('{"total": %s}', :'big') AS big_args \gset
CREATE FOREIGN TABLE rr_bench_memory_small (id int, user_id int, amount numeric, status text, created_at text)
  SERVER rr_bench_memory OPTIONS (query_field 'bigOrders', pagination 'offset', page_size '1000',
    arguments '{"total": 20000}', argument_types '{"limit": "Int", "offset": "Int", "total": "Int"}');
CREATE FOREIGN TABLE rr_bench_memory_big (id int, user_id int, amount numeric, status text, created_at text)
  SERVER rr_bench_memory OPTIONS (query_field 'bigOrders', pagination 'offset', page_size '1000',
    arguments :'big_args', argument_types '{"limit": "Int", "offset": "Int", "total": "Int"}');
CREATE FUNCTION pg_temp.peak_kb() RETURNS bigint LANGUAGE sql AS
  $$ SELECT (regexp_match(pg_read_file('/proc/self/status'), 'VmHWM:\s+(\d+)'))[1]::bigint $$;
SELECT 'small', count(*) FROM rr_bench_memory_small;
SELECT 'after_small', pg_temp.peak_kb();
SELECT 'big', count(*) FROM rr_bench_memory_big;
SELECT 'after_big', pg_temp.peak_kb();
DROP SERVER rr_bench_memory CASCADE;
SQL
)"
value() { sed -n "s/^$1|//p" <<<"$out"; }
[ "$(value small)" = 20000 ] && [ "$(value big)" = "$BIG" ] || { echo "$out" >&2; echo "wrong row counts" >&2; exit 1; }
small=$(value after_small); big=$(value after_big)
printf '%-44s %12s\n' "backend peak RSS" "kB"
printf '%-44s %12s\n' "after 20 000 rows (pages of 1 000, 4 in flight)" "$small"
printf '%-44s %12s\n' "after $BIG rows" "$big"
printf '%-44s %12s\n' "growth" "$((big - small))"
growth_mb=$(awk -v k="$((big - small))" 'BEGIN { printf "%.1f", k / 1024 }')
table_row "backend peak RSS growth, paged scan of $BIG rows vs 20 000" "+$growth_mb MB" "-" "-" "< 64 MB" \
  "$(awk -v g="$growth_mb" 'BEGIN { print (g < 64 ? "yes" : "no") }')"
