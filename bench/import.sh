#!/usr/bin/env bash
# IMPORT FOREIGN SCHEMA of a large generated schema: "a generated schema of 2 000 object types
# and 40 000 fields imports in under 2 s, and the schema model's memory is reported".
#
# Starts bench/schema_gen.js (graphql-js over a generated SDL: 2 000 object types of 20 fields,
# one root list field per type) on a private port and times, alternating run by run:
#   (a) IMPORT FOREIGN SCHEMA from the live remote. Each run is a new psql session, and the
#       schema model is cached per backend, so every run makes the introspection request
#       (the script checks that the server received exactly one POST per run);
#   (b) the same IMPORT with OPTIONS (introspection '<JSON>'), the JSON of graphql-js
#       introspectionFromSchema in a file (the script checks that no request was made);
#   (c) the baseline: curl POSTing the FDW's own introspection request (captured by the server
#       during the warm-up) to the same server, answer to /dev/null.
# With BENCH_IMPORT_BREAKDOWN=1 also, to tell where the time goes:
#   (f) schema_summary in a new session (fetch and model, no tables), then in the same session
#   (d) the IMPORT again, with the model cached (planning and creating the tables), and
#   (e) the same tables from plain SQL: the CREATE FOREIGN TABLE and COMMENT ON statements of
#       one import, rebuilt from the catalog and sent as one multi-statement query.
# Imports and schema_summary are timed by psql's \timing (the statement only, not psql's start or
# the connection), (c) by curl's time_total. Each import goes into a new schema that is dropped
# afterwards, outside the timing. It fails only on errors, on a wrong number of foreign tables
# or on a wrong number of requests; the 2 s figure is reported as PASS/FAIL and does not change
# the exit status.
#
# Needs a running PostgreSQL with remote_relationship installed (PGHOST, PGPORT, PGUSER,
# PGDATABASE as for psql), psql, node, curl, and test/server/node_modules (graphql@16).
# bench/run.sh sets all of that up. Creates the server rr_bench_import and the schemas
# rr_import_a/b/d/e, and drops them on exit.
#
#   BENCH_IMPORT_RUNS      (5, at least 5)  measured runs per case; median, min and max reported
#   BENCH_IMPORT_WARMUP    (1)              unmeasured runs of (a) and (c) first (at least 1)
#   BENCH_IMPORT_BREAKDOWN (0)              1: also (d), (e), (f); about 20 s more
#   BENCH_IMPORT_TYPES     (2000), BENCH_IMPORT_FIELDS (20)
#   RR_IMPORT_PORT         (54421)          port of the generated remote (127.0.0.1)
set -euo pipefail
export LC_ALL=C

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
RUNS="${BENCH_IMPORT_RUNS:-5}"
WARMUP="${BENCH_IMPORT_WARMUP:-1}"
TYPES="${BENCH_IMPORT_TYPES:-2000}"
FIELDS="${BENCH_IMPORT_FIELDS:-20}"
PORT="${RR_IMPORT_PORT:-54421}"
BREAKDOWN="${BENCH_IMPORT_BREAKDOWN:-0}"
LIMIT_MS=2000
SCRIPT_START=$SECONDS
for n in "$RUNS" "$WARMUP" "$TYPES" "$FIELDS" "$PORT" "$BREAKDOWN"; do
  [[ "$n" =~ ^[0-9]+$ ]] || { echo "BENCH_IMPORT_* and RR_IMPORT_PORT must be whole numbers" >&2; exit 2; }
done
[ "$RUNS" -ge 5 ] || { echo "BENCH_IMPORT_RUNS must be at least 5" >&2; exit 2; }
[ "$WARMUP" -ge 1 ] || { echo "BENCH_IMPORT_WARMUP must be at least 1 (it captures the request that curl replays)" >&2; exit 2; }
for tool in psql node curl; do command -v "$tool" >/dev/null || { echo "$tool not found" >&2; exit 2; }; done
if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then echo "port $PORT is in use (set RR_IMPORT_PORT)" >&2; exit 2; fi

PSQL=(psql -X -q -At -v ON_ERROR_STOP=1)
SERVER=rr_bench_import
URL="http://127.0.0.1:$PORT/graphql"
BASE="http://127.0.0.1:$PORT"

TMP="$(mktemp -d)"
REMOTE_PID=""
cleanup() {
  local status=$?
  "${PSQL[@]}" -c "SET client_min_messages = warning; DROP SERVER IF EXISTS $SERVER CASCADE;
                   DROP SCHEMA IF EXISTS rr_import_a CASCADE; DROP SCHEMA IF EXISTS rr_import_b CASCADE;
                   DROP SCHEMA IF EXISTS rr_import_d CASCADE; DROP SCHEMA IF EXISTS rr_import_e CASCADE;" >/dev/null 2>&1 || true
  if [ -n "$REMOTE_PID" ] && kill -0 "$REMOTE_PID" 2>/dev/null; then
    kill "$REMOTE_PID" 2>/dev/null || true
    wait "$REMOTE_PID" 2>/dev/null || true
  fi
  if [ "$status" -ne 0 ] && [ -s "$TMP/remote.log" ]; then echo "generated remote's log:" >&2; cat "$TMP/remote.log" >&2; fi
  rm -rf "$TMP"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
source "$(dirname "${BASH_SOURCE[0]}")/stats.sh"
minimum() { sort -n | head -n 1 | awk '{ printf "%.1f", $1 }'; }
maximum() { sort -n | tail -n 1 | awk '{ printf "%.1f", $1 }'; }
posts() { curl -sf "$BASE/stats" | sed -n 's/.*"posts":\([0-9]*\).*/\1/p'; }

# The generated remote and the OPTIONS (introspection) variant's file.
say "bench: generated remote ($TYPES object types of $FIELDS fields) on $URL"
node "$BENCH_DIR/schema_gen.js" serve --port "$PORT" --types "$TYPES" --fields "$FIELDS" >"$TMP/remote.log" 2>&1 &
REMOTE_PID=$!
node "$BENCH_DIR/schema_gen.js" introspection "$TMP/introspection.json" --types "$TYPES" --fields "$FIELDS"
file_bytes="$(wc -c <"$TMP/introspection.json")"
for _ in $(seq 1 200); do
  curl -sf "$BASE/health" >/dev/null 2>&1 && break
  kill -0 "$REMOTE_PID" 2>/dev/null || { say "the generated remote did not start"; exit 1; }
  sleep 0.1
done
curl -sf "$BASE/health" >/dev/null || { say "the generated remote did not start"; exit 1; }

# (b)'s statement: the JSON as one SQL literal (quotes doubled; standard_conforming_strings is
# set so that backslashes stay as they are).
{
  printf "IMPORT FOREIGN SCHEMA generated FROM SERVER %s INTO rr_import_b OPTIONS (introspection '" "$SERVER"
  tr -d '\n' <"$TMP/introspection.json" | sed "s/'/''/g"
  printf "');\n"
} >"$TMP/import_b.sql"

"${PSQL[@]}" -v url="$URL" <<'SQL'
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS remote_relationship;
DROP SERVER IF EXISTS rr_bench_import CASCADE;
DROP SCHEMA IF EXISTS rr_import_a CASCADE;
DROP SCHEMA IF EXISTS rr_import_b CASCADE;
DROP SCHEMA IF EXISTS rr_import_d CASCADE;
DROP SCHEMA IF EXISTS rr_import_e CASCADE;
CREATE SERVER rr_bench_import FOREIGN DATA WRAPPER remote_relationship OPTIONS (url :'url');
CREATE USER MAPPING FOR PUBLIC SERVER rr_bench_import;
SQL

# How many foreign tables (and their columns and comments) a schema holds.
table_counts() {  # table_counts SCHEMA: the SQL that prints "tables columns comments"
  echo "SELECT count(*),
         (SELECT count(*) FROM pg_attribute a JOIN pg_class k ON k.oid = a.attrelid
           WHERE k.relnamespace = '$1'::regnamespace AND a.attnum > 0 AND NOT a.attisdropped),
         count(obj_description(c.oid, 'pg_class'))
  FROM pg_foreign_table f JOIN pg_class c ON c.oid = f.ftrelid WHERE c.relnamespace = '$1'::regnamespace"
}
drop_schema() { echo "SET client_min_messages = warning; DROP SCHEMA IF EXISTS $1 CASCADE; RESET client_min_messages"; }
# Every count line of a session must show $TYPES tables; records the first of them.
check_counts() {  # check_counts CASE OUTPUT
  local line tables columns comments seen=0
  while read -r line; do
    read -r tables columns comments <<<"$line"
    [ "$tables" -eq "$TYPES" ] || { say "($1) created $tables foreign tables, expected $TYPES"; exit 1; }
    [ -s "$TMP/counts-$1" ] || echo "$tables $columns $comments" >"$TMP/counts-$1"
    seen=$((seen + 1))
  done < <(grep -E '^[0-9]+ [0-9]+ [0-9]+$' <<<"$2")
  [ "$seen" -ge 1 ] || { say "($1) no table count in:"; say "$2"; exit 1; }
}
times_of() { sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' <<<"$1"; }

# (e)'s statements: the CREATE FOREIGN TABLE (columns with their options and NOT NULL, table
# options) and COMMENT ON statements of one import, rebuilt from the catalog, as one
# multi-statement query (psql's \;), so that PostgreSQL runs them in one go as IMPORT does.
make_replay() {  # make_replay SCHEMA: from an imported schema, into rr_import_e
  "${PSQL[@]}" >"$TMP/replay.body" <<SQL
WITH cols AS (
  SELECT a.attrelid, string_agg(format('%I %s%s%s', a.attname, format_type(a.atttypid, a.atttypmod),
           CASE WHEN a.attfdwoptions IS NULL THEN '' ELSE ' OPTIONS (' ||
             (SELECT string_agg(format('%I %L', split_part(o, '=', 1), substr(o, strpos(o, '=') + 1)), ', ')
              FROM unnest(a.attfdwoptions) o) || ')' END,
           CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END), ', ' ORDER BY a.attnum) AS list
  FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
  WHERE c.relnamespace = '$1'::regnamespace AND a.attnum > 0 AND NOT a.attisdropped GROUP BY a.attrelid)
SELECT format('CREATE FOREIGN TABLE rr_import_e.%I (%s) SERVER %I OPTIONS (%s) \\; COMMENT ON FOREIGN TABLE rr_import_e.%I IS %L \\;',
              c.relname, cols.list, s.srvname,
              (SELECT string_agg(format('%I %L', split_part(o, '=', 1), substr(o, strpos(o, '=') + 1)), ', ')
               FROM unnest(f.ftoptions) o),
              c.relname, obj_description(c.oid, 'pg_class'))
FROM pg_foreign_table f JOIN pg_class c ON c.oid = f.ftrelid
  JOIN pg_foreign_server s ON s.oid = f.ftserver JOIN cols ON cols.attrelid = c.oid
WHERE c.relnamespace = '$1'::regnamespace ORDER BY c.oid;
SQL
  sed '$ s/ \\;$/;/' "$TMP/replay.body" >"$TMP/replay.sql"
  [ "$(grep -c '^CREATE FOREIGN TABLE' "$TMP/replay.sql")" -eq "$TYPES" ] || { say "(e) could not rebuild the statements"; exit 1; }
}

# One case; the imports each run in a new psql session and are timed by \timing (schemas are
# made and dropped outside the timing). (a)'s session then drops its schema and imports once
# more with the model it has cached: that is (d).
run_case() {  # run_case a|b|c|e measured(0|1)
  local before after out expected=1 ms
  before="$(posts)"
  case "$1" in
    a)
      out="$("${PSQL[@]}" -F ' ' -c "CREATE SCHEMA rr_import_a" -c '\timing on' \
        -c "IMPORT FOREIGN SCHEMA generated FROM SERVER $SERVER INTO rr_import_a" -c '\timing off' -c "$(table_counts rr_import_a)")"
      [ -s "$TMP/replay.sql" ] || [ "$BREAKDOWN" != 1 ] || make_replay rr_import_a
      ;;
    d)  # (f) then (d), in one new session: schema_summary fetches the model, IMPORT finds it cached
      out="$("${PSQL[@]}" -F ' ' -c "CREATE SCHEMA rr_import_d" -c '\timing on' \
        -c "SELECT remote_relationship.schema_summary('$SERVER')" \
        -c "IMPORT FOREIGN SCHEMA generated FROM SERVER $SERVER INTO rr_import_d" -c '\timing off' -c "$(table_counts rr_import_d)")"
      ;;
    b)
      expected=0
      out="$("${PSQL[@]}" -F ' ' -c "CREATE SCHEMA rr_import_b" -c "SET standard_conforming_strings = on" -c '\timing on' -f "$TMP/import_b.sql" -c '\timing off' \
        -c "$(table_counts rr_import_b)")"
      ;;
    e)
      expected=0
      out="$("${PSQL[@]}" -F ' ' -c "CREATE SCHEMA rr_import_e" -c "SET standard_conforming_strings = on" -c '\timing on' -f "$TMP/replay.sql" -c '\timing off' \
        -c "$(table_counts rr_import_e)")"
      ;;
    c)
      local code size seconds
      read -r code size seconds <<<"$(curl -s -o /dev/null -w '%{http_code} %{size_download} %{time_total}' \
        -H 'Content-Type: application/json' --data-binary @"$TMP/request.json" "$URL")"
      [ "$code" = 200 ] || { say "(c) curl got HTTP $code"; exit 1; }
      echo "$size" >"$TMP/answer-bytes"
      out="Time: $(awk -v s="$seconds" 'BEGIN { printf "%.3f", s * 1000 }') ms"
      ;;
  esac
  after="$(posts)"
  [ "$((after - before))" -eq "$expected" ] ||
    { say "($1) made $((after - before)) requests to the remote, expected $expected"; exit 1; }
  if [ "$1" = a ] && [ ! -f "$TMP/request.json" ]; then  # the FDW's introspection request, for (c)
    curl -sf "$BASE/last-request" >"$TMP/request.json"
    curl -sf "$BASE/stats" | sed -n 's/.*"last_answer_bytes":\([0-9]*\).*/\1/p' >"$TMP/fdw-answer-bytes"
  fi
  [ "$1" = c ] || check_counts "$1" "$out"
  [ "$1" = c ] || "${PSQL[@]}" -c "$(drop_schema "rr_import_$1")"
  mapfile -t ms < <(times_of "$out")
  local want=1; [ "$1" = d ] && want=2
  [ "${#ms[@]}" -eq "$want" ] || { say "($1) no time measured in:"; say "$out"; exit 1; }
  if [ "$2" = 1 ]; then
    if [ "$1" = d ]; then echo "${ms[0]}" >>"$TMP/f.ms"; echo "${ms[1]}" >>"$TMP/d.ms"; else echo "${ms[0]}" >>"$TMP/$1.ms"; fi
  fi
}

measured="a b c"; [ "$BREAKDOWN" = 1 ] && measured="a b c d e"
say "bench: $WARMUP warm-up + $RUNS measured runs of each case, alternating ($measured, then the reverse)"
for _ in $(seq 1 "$WARMUP"); do for c in a c; do run_case "$c" 0; done; done
for run in $(seq 1 "$RUNS"); do
  if [ $((run % 2)) -eq 1 ]; then order="$measured"; else order="$(tr ' ' '\n' <<<"$measured" | tac | paste -sd' ')"; fi
  for c in $order; do run_case "$c" 1; done
  line="bench: run $run/$RUNS:"
  for c in a b c d e f; do [ -f "$TMP/$c.ms" ] && line+=" $c $(tail -n 1 "$TMP/$c.ms") ms"; done
  say "$line"
done

# The schema model: schema_summary in a new session (which fetches the schema once), and,
# if this role may read /proc through pg_read_file, the backend's resident memory around it.
summary="$("${PSQL[@]}" -c "SELECT remote_relationship.schema_summary('$SERVER')")"
field() { sed -n "s/.*\"$1\": *\([0-9]*\).*/\1/p" <<<"$summary"; }
model_bytes="$(field model_bytes)"
[ -n "$model_bytes" ] || { say "schema_summary gave no model_bytes: $summary"; exit 1; }
rss="$("${PSQL[@]}" -F ' ' 2>/dev/null <<SQL || true
SELECT substring(pg_read_file('/proc/self/status') from 'VmRSS:\s*([0-9]+)') AS rss0 \gset
SELECT remote_relationship.schema_summary('$SERVER') IS NOT NULL AS ok \gset
SELECT :'rss0', substring(s from 'VmRSS:\s*([0-9]+)'), substring(s from 'VmHWM:\s*([0-9]+)')
  FROM pg_read_file('/proc/self/status') AS s;
SQL
)"

a_median="$(median <"$TMP/a.ms")"
c_median="$(median <"$TMP/c.ms")"
read -r tables columns comments <<<"$(head -n 1 "$TMP/counts-a")"
answer_bytes="$(cat "$TMP/answer-bytes")"
fdw_answer_bytes="$(cat "$TMP/fdw-answer-bytes")"
mib() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }

row() {  # row CASE LABEL
  awk -v l="$2" -v m="$(median <"$TMP/$1.ms")" -v lo="$(minimum <"$TMP/$1.ms")" -v hi="$(maximum <"$TMP/$1.ms")" -v base="$c_median" \
    'BEGIN { printf "%-58s %9.1f %9.1f %9.1f %7.2fx\n", l, m, lo, hi, (base > 0 ? m / base : 0) }'
}
echo
echo "IMPORT FOREIGN SCHEMA of a generated schema: $TYPES object types x $FIELDS fields ($((TYPES * FIELDS)) fields), $TYPES root list fields"
echo "(median, min and max of $RUNS runs after $WARMUP warm-up of (a) and (c), alternating $measured / the reverse;"
echo " $(nproc 2>/dev/null || echo '?') cores; $(date -u '+%Y-%m-%d %H:%M UTC'); whole benchmark $((SECONDS - SCRIPT_START)) s)"
echo
printf '%-58s %9s %9s %9s %8s\n' case median_ms min_ms max_ms vs_curl
row a "(a) IMPORT from the live remote (fetch in the timing)"
row b "(b) IMPORT with OPTIONS (introspection '...'), no request"
row c "(c) curl POST of the same introspection request"
if [ "$BREAKDOWN" = 1 ]; then
  echo "breakdown:"
  row f "(f) schema_summary in a new session (fetch + model)"
  row d "(d) IMPORT after (f) in its session (model cached)"
  row e "(e) the same tables from plain SQL statements"
fi
echo
echo "(a) runs in a new psql session each time; the schema model is cached per backend, so every (a) makes the"
echo "    introspection request inside its timing (the remote counted exactly 1 POST per run, (b) none)."
echo "    Times are psql's \\timing of the statement (psql's start and connection not included); curl's time_total."
if [ "$BREAKDOWN" = 1 ]; then
  echo "    (f) and (d) run one after the other in one new session, so (a) is about (f) + (d): (f) - (c) is the FDW"
  echo "    reading the answer into its model, (d) is planning and creating the tables. (e) is what PostgreSQL alone"
  echo "    needs for the same catalog entries: CREATE FOREIGN TABLE (columns with their options and NOT NULL, table"
  echo "    options) and COMMENT ON statements rebuilt from the catalog, sent as one multi-statement query in a new"
  echo "    session; (d) - (e) is the FDW's planning and IMPORT's own round. (b) - (d) is reading the OPTIONS JSON"
  echo "    into the model, in a new backend. (f) made its session's one request, (d) and (e) none."
fi
all="all runs:"; for c in a b c d e f; do [ -f "$TMP/$c.ms" ] && all+=" ($c) $(paste -sd' ' "$TMP/$c.ms");"; done
echo "${all%;}"
echo "foreign tables created per import: $tables (expected $TYPES: ok), $columns columns, $comments table comments"
echo "schema_summary: $summary"
echo "schema model: $model_bytes bytes = $(mib "$model_bytes") MiB (model_bytes, the model's own estimate)"
if [[ "$rss" =~ ^[0-9]+\ [0-9]+\ [0-9]+$ ]]; then
  read -r rss0 rss1 hwm <<<"$rss"
  echo "backend resident memory around schema_summary in a new session (fetch, parse, model): $(mib $((rss0 * 1024))) -> $(mib $((rss1 * 1024))) MiB (+$(mib $(((rss1 - rss0) * 1024))) MiB), peak $(mib $((hwm * 1024))) MiB"
fi
echo "introspection answer: $answer_bytes bytes = $(mib "$answer_bytes") MiB (to the FDW's query; the FDW received $fdw_answer_bytes); OPTIONS (introspection) JSON (introspectionFromSchema): $file_bytes bytes"
verdict="$(awk -v m="$a_median" -v l="$LIMIT_MS" 'BEGIN { print (m < l ? "PASS" : "FAIL") }')"
echo "median import (a) under $LIMIT_MS ms: $verdict ($a_median ms)"
