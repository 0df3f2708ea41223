#!/usr/bin/env bash
# Benchmark: a join of K local rows (K distinct keys) with a remote table of 40 000 orders
# (bench/join_remote.js: Hasura's shape, 2 orders per user, an index on user_id), for
# K = 10, 100, 1 000, 10 000, each way measured in the same run, alternating run by run:
#   batched      the batched remote join, batch_size 100 (the default): a request per 100 keys
#   batched/1000 the same with batch_size 1000
#   per key      a lookup per outer row (LATERAL ... OFFSET 0: a parameterized scan, one
#                request per key, as postgres_fdw, Wrappers or Steampipe do it)
#   whole        one remote scan of the whole table (pages of 1 000) and a local hash join
#   one request  curl POSTing one request for exactly the joined rows (user_id _in all K keys,
#                the same three fields): the wire's floor
# The query is SELECT count(*), sum(o.amount), count(DISTINCT o.id) FROM k JOIN orders o ON
# o.user_id = k.user_id; every way must return the same result (checked in the warm-up round).
# Times: planning and execution as EXPLAIN (ANALYZE, TIMING OFF) reports them, in a warm
# session (a lookup of one key and an EXPLAIN of the query first have loaded the extension and
# the catalog caches and opened the connection to the remote, as in a session of a connection
# pool); curl's time_total (a new connection each time); median and spread of BENCH_JOIN_RUNS
# runs after the warm-up round. Requests: the remote's count of POSTs during one run. Also shows the plan PostgreSQL
# picks with every setting at its default. Fails on errors and on different results; no
# timing threshold.
#
#   BENCH_JOIN_RUNS (5)                  measured runs per way and K
#   BENCH_JOIN_KS   ("10 100 1000 10000") the K to measure
#   RR_JOIN_PORT    (54422)              port of bench/join_remote.js (127.0.0.1)
set -euo pipefail
export LC_ALL=C
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
RUNS="${BENCH_JOIN_RUNS:-5}"
KS="${BENCH_JOIN_KS:-10 100 1000 10000}"
PORT="${RR_JOIN_PORT:-54422}"
for n in "$RUNS" "$PORT" $KS; do
  [[ "$n" =~ ^[0-9]+$ ]] && [ "$n" -gt 0 ] || { echo "BENCH_JOIN_* and RR_JOIN_PORT must be positive whole numbers" >&2; exit 2; }
done
for k in $KS; do [ "$k" -le 20000 ] || { echo "K above 20000: the remote has 20000 users" >&2; exit 2; }; done
for tool in psql node curl; do command -v "$tool" >/dev/null || { echo "$tool not found" >&2; exit 2; }; done
if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then echo "port $PORT is in use (set RR_JOIN_PORT)" >&2; exit 2; fi

URL="http://127.0.0.1:$PORT/graphql"
TMP="$(mktemp -d)"
remote_pid=""
cleanup() {
  [ -n "$remote_pid" ] && kill "$remote_pid" 2>/dev/null || true
  psql -X -q -c "DROP SCHEMA IF EXISTS bench_join CASCADE" -c "DROP SERVER IF EXISTS bench_join_remote CASCADE" >/dev/null 2>&1 || true
  rm -rf "$TMP"
}
trap cleanup EXIT
node "$BENCH_DIR/join_remote.js" --port "$PORT" >"$TMP/remote.log" 2>&1 &
remote_pid=$!
for _ in $(seq 50); do grep -q listening "$TMP/remote.log" 2>/dev/null && break; sleep 0.1; done
grep -q listening "$TMP/remote.log" || { echo "FAIL: bench/join_remote.js did not start: $(cat "$TMP/remote.log")" >&2; exit 1; }
posts() { curl -s "http://127.0.0.1:$PORT/requests" | sed 's/[^0-9]//g'; }

psql -X -q -v ON_ERROR_STOP=1 >/dev/null <<SQL
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS remote_relationship;
DROP SCHEMA IF EXISTS bench_join CASCADE;
DROP SERVER IF EXISTS bench_join_remote CASCADE;
CREATE SERVER bench_join_remote FOREIGN DATA WRAPPER remote_relationship OPTIONS (url '$URL', page_size '1000');
CREATE USER MAPPING FOR PUBLIC SERVER bench_join_remote;
CREATE SCHEMA bench_join;
IMPORT FOREIGN SCHEMA g LIMIT TO (orders) FROM SERVER bench_join_remote INTO bench_join;
ANALYZE bench_join.orders;
CREATE TABLE bench_join.k (user_id int);
-- Planning and execution time of a query, as EXPLAIN ANALYZE measures them (ms).
CREATE FUNCTION bench_join.timed(query text) RETURNS numeric LANGUAGE plpgsql AS \$\$
DECLARE
  plan json;
BEGIN
  EXECUTE 'EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) ' || query INTO plan;
  RETURN round((plan -> 0 ->> 'Planning Time')::numeric + (plan -> 0 ->> 'Execution Time')::numeric, 2);
END
\$\$;
SQL

query="SELECT count(*) AS n, sum(o.amount) AS total, count(DISTINCT o.id) AS ids FROM bench_join.k JOIN bench_join.orders o ON o.user_id = k.user_id"
query_per_key="SELECT count(*) AS n, sum(o.amount) AS total, count(DISTINCT o.id) AS ids FROM bench_join.k
  CROSS JOIN LATERAL (SELECT * FROM bench_join.orders o WHERE o.user_id = k.user_id OFFSET 0) o"
ways=(batched batched1000 per_key whole wire)
declare -A label=([batched]="batched" [batched1000]="batched/1000" [per_key]="per key" [whole]="whole" [wire]="one request")
declare -A settings=(
  [batched]="SET remote_relationship.enable_batched_join = on; SET enable_hashjoin = off; SET enable_mergejoin = off;"
  [batched1000]="SET remote_relationship.enable_batched_join = on; SET enable_hashjoin = off; SET enable_mergejoin = off;"
  [per_key]="SET remote_relationship.enable_batched_join = off;"
  [whole]="SET remote_relationship.enable_batched_join = off; SET enable_nestloop = off;")

# One timed run of way $1: prints "ms|result".
run() {
  local way="$1" mode="$2" q="$query"
  [ "$way" = per_key ] && q="$query_per_key"
  if [ "$way" = wire ]; then
    local ms
    ms=$(curl -s -o "$TMP/wire.json" -w '%{time_total}' -H 'content-type: application/json' --data-binary @"$TMP/wire_body.json" "$URL")
    node -e '
      const d = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).data.orders;
      let cents = 0; for (const o of d) cents += Math.round(o.amount * 100);
      process.stdout.write(d.length + "," + (cents / 100).toFixed(2) + "," + new Set(d.map((o) => o.id)).size);' "$TMP/wire.json" >"$TMP/wire.result"
    awk -v s="$ms" -v r="$(cat "$TMP/wire.result")" 'BEGIN { printf "%.2f|%s\n", s * 1000, r }'
    return
  fi
  local batch=""
  [ "$way" = batched1000 ] && batch="ALTER FOREIGN TABLE bench_join.orders OPTIONS (SET batch_size '1000');"
  psql -X -q -At -v ON_ERROR_STOP=1 <<SQL
$batch
${settings[$way]}
SET jit = off;
\\o /dev/null
SELECT * FROM bench_join.orders WHERE user_id = 1;
EXPLAIN $q;
\\o
SELECT '$mode' = 'result' AS result_run \\gset
\\if :result_run
$q \\gset r_
SELECT '0|' || :'r_n' || ',' || round(:'r_total'::numeric, 2) || ',' || :'r_ids';
\\else
SELECT bench_join.timed(\$q\$$q\$q\$) || '|';
\\endif
SQL
  [ -z "$batch" ] || psql -X -q -c "ALTER FOREIGN TABLE bench_join.orders OPTIONS (SET batch_size '100')" >/dev/null
}

# The join node PostgreSQL picks for way $1 (or with the defaults: $1 empty).
plan_of() {
  local s="" q="$query"
  [ -n "$1" ] && s="${settings[$1]}"
  [ "$1" = per_key ] && q="$query_per_key"
  psql -X -q -At -v ON_ERROR_STOP=1 -c "$s" -c "EXPLAIN (COSTS OFF, FORMAT JSON) $q" | tail -n +1 |
    node -e '
      const plan = JSON.parse(require("fs").readFileSync(0, "utf8"));
      const names = [];
      (function walk(n) {
        if (["Custom Scan", "Nested Loop", "Hash Join", "Merge Join"].includes(n["Node Type"]))
          names.push(n["Custom Plan Provider"] || n["Node Type"]);
        for (const c of n.Plans || []) walk(c);
      })(plan[0].Plan);
      process.stdout.write(names[0] || "none");'
}

median() { tr ' ' '\n' <<<"$1" | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
spread() { tr ' ' '\n' <<<"$1" | grep -v '^$' | sort -g | awk 'NR==1{min=$1} {max=$1} END {print min "-" max}'; }

psql -X -q -c "ALTER FOREIGN TABLE bench_join.orders OPTIONS (ADD batch_size '100')" >/dev/null
summary=()
printf 'join of K local rows (K distinct keys) with 40 000 remote orders, median of %s runs (ms, min-max):\n' "$RUNS"
for k in $KS; do
  psql -X -q -v ON_ERROR_STOP=1 -c "TRUNCATE bench_join.k" -c "INSERT INTO bench_join.k SELECT g FROM generate_series(1, $k) g" -c "ANALYZE bench_join.k" >/dev/null
  node -e '
    const k = Number(process.argv[1]);
    const keys = Array.from({ length: k }, (_, i) => i + 1);
    process.stdout.write(JSON.stringify({
      query: "query Exactly($where: orders_bool_exp, $limit: Int) { orders(where: $where, limit: $limit) { id user_id amount } }",
      variables: { where: { user_id: { _in: keys } }, limit: 100000 } }));' "$k" >"$TMP/wire_body.json"
  declare -A times=() results=() requests=()
  for round in $(seq 0 "$RUNS"); do
    order=("${ways[@]}")
    [ $((round % 2)) -eq 1 ] && order=(wire whole per_key batched1000 batched)
    for way in "${order[@]}"; do
      before=$(posts)
      warmup_requests=1
      [ "$way" = wire ] && warmup_requests=0
      mode=time
      [ "$round" -eq 0 ] && mode=result
      IFS='|' read -r ms result <<<"$(run "$way" "$mode")"
      requests[$way]=$(( $(posts) - before - warmup_requests ))
      if [ "$round" -eq 0 ] || [ "$way" = wire ]; then
        if [ -n "${results[$way]:-}" ] && [ "${results[$way]}" != "$result" ]; then
          echo "FAIL: K=$k, $way returned $result, earlier ${results[$way]}" >&2; exit 1
        fi
        results[$way]="$result"
      fi
      [ "$round" -gt 0 ] && times[$way]+="$ms "
    done
  done
  for way in "${ways[@]}"; do
    [ "${results[$way]}" = "${results[batched]}" ] ||
      { echo "FAIL: K=$k: $way returned ${results[$way]}, batched ${results[batched]}" >&2; exit 1; }
  done
  [ "$(plan_of batched)" = RemoteBatchedJoin ] || { echo "FAIL: K=$k: the batched side planned $(plan_of batched)" >&2; exit 1; }
  chosen=$(plan_of "")
  b=$(median "${times[batched]}")
  echo "K = $k (result ${results[batched]}; with default settings PostgreSQL plans: $chosen)"
  for way in "${ways[@]}"; do
    m=$(median "${times[$way]}")
    awk -v l="${label[$way]}" -v m="$m" -v s="$(spread "${times[$way]}")" -v r="${requests[$way]}" -v b="$b" \
      'BEGIN { printf "  %-13s %9.2f ms  (%s)  %6d requests  %6.2fx batched\n", l, m, s, r, m / b }'
  done
  summary+=("$(awk -v k="$k" -v b="$b" -v b1="$(median "${times[batched1000]}")" -v p="$(median "${times[per_key]}")" \
    -v w="$(median "${times[whole]}")" -v o="$(median "${times[wire]}")" -v rb="${requests[batched]}" -v rp="${requests[per_key]}" \
    -v rw="${requests[whole]}" -v c="$chosen" \
    'BEGIN { printf "| %6d | %4d | %8.1f | %5d | %8.1f | %4d | %8.1f | %8.1f | %7.1fx | %7.1fx | %5.2f | %5.2f | %s |", k, rb, b, rp, p, rw, w, o, p / b, w / b, b / o, b1 / o, c }')")
  unset times results requests
done
echo
echo "| K | batched requests | batched ms | per-key requests | per-key ms | whole requests | whole ms | one request ms | per key / batched | whole / batched | batched / one request | batched/1000 / one request | planner's choice |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
printf '%s\n' "${summary[@]}"
