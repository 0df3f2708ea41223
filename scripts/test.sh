#!/usr/bin/env bash
# make test: unit tests, pg_regress and fault tests against a throwaway PostgreSQL and the
# test GraphQL server. Ends with one line "N passed, M failed" that counts every test.
source "$(dirname "$0")/common.sh"

ensure_deps
build_and_install
log "building unit tests"
make -C "$ROOT_DIR" unit >/dev/null
start_services

passed=0
failed=0
failures=()
count() {  # count NAME STATUS
  if [ "$2" = ok ]; then passed=$((passed + 1)); else failed=$((failed + 1)); failures+=("$1"); fi
}

log "unit tests (GoogleTest)"
unit_out="$RUN_DIR/unit.out"
"$ROOT_DIR/test/unit/unit_tests" --gtest_color=no >"$unit_out" 2>&1 || true
grep -E '^\[ +(OK|FAILED) +\] [A-Za-z0-9_]+\.[A-Za-z0-9_/]+ \(' "$unit_out" | while read -r _ status _ name _; do
  echo "$status $name"; done > "$RUN_DIR/unit.results" || true
if ! grep -q 'PASSED\|FAILED' "$unit_out"; then cat "$unit_out" >&2; count unit_tests_binary failed; fi
while read -r status name; do
  if [ "$status" = "OK" ]; then count "$name" ok; else count "unit:$name" failed; fi
done < "$RUN_DIR/unit.results"
grep -E '^\[ +FAILED +\]' "$unit_out" >&2 || true
log "unit: $(grep -c '^OK' "$RUN_DIR/unit.results" || true) passed"

log "pg_regress"
regress_out="$RUN_DIR/regress.out"
# The expected outputs name the test server's URL (as error messages and EXPLAIN do) with the
# default port; on another port, run copies of the inputs with that port written in (pg_regress
# of PostgreSQL 15 reads expected/ from its output directory).
regress_inputdir="$ROOT_DIR"
if [ "$RR_GRAPHQL_PORT" != 54410 ] || [ "$RR_APIS_PORT" != 54412 ]; then
  regress_inputdir="$RUN_DIR/regress"
  mkdir -p "$regress_inputdir"
  cp -r "$ROOT_DIR/sql" "$ROOT_DIR/expected" "$regress_inputdir/"
  sed -i -e "s#127\.0\.0\.1:54410#127.0.0.1:$RR_GRAPHQL_PORT#g" -e "s#127\.0\.0\.1:54412#127.0.0.1:$RR_APIS_PORT#g" \
    "$regress_inputdir"/sql/*.sql "$regress_inputdir"/expected/*.out
fi
(cd "$ROOT_DIR" && make installcheck PGHOST="$PGHOST" PGPORT="$PGPORT" PGUSER="$PGUSER" \
  REGRESS_OPTS="--inputdir=$regress_inputdir --outputdir=$regress_inputdir --load-extension=remote_relationship --encoding=UTF8") >"$regress_out" 2>&1 || true
cat "$regress_out" | grep -E '\.\.\. ' >&2 || cat "$regress_out" >&2
regress_count=0
while read -r name status; do
  regress_count=$((regress_count + 1))
  if [ "$status" = ok ]; then count "$name" ok; else count "regress:$name" failed; fi
done < <(sed -nE 's/^(test +)?([A-Za-z0-9_]+) +\.\.\. +(ok|FAILED|failed).*/\2 \3/p' "$regress_out" | sed 's/^ *//')
if [ "$regress_count" -eq 0 ]; then count "regress:pg_regress_did_not_run" failed; fi
if [ -s "$regress_inputdir/regression.diffs" ]; then
  head -200 "$regress_inputdir/regression.diffs" >&2
fi

log "fault tests"
for fault_test in "$ROOT_DIR"/test/fault/*.sh; do
  [ -e "$fault_test" ] || continue
  name="$(basename "$fault_test" .sh)"
  if bash "$fault_test" >"$RUN_DIR/fault-$name.out" 2>&1; then
    count "$name" ok; echo "fault $name ... ok" >&2
  else
    count "fault:$name" failed; echo "fault $name ... FAILED" >&2; cat "$RUN_DIR/fault-$name.out" >&2
  fi
done

# No backend crashed or panicked during all of the above.
if grep -E "terminated by signal|PANIC" "$RR_PG_LOG" >&2; then
  count "server_log:backend_crash" failed; echo "server log ... FAILED" >&2
else
  count server_log_clean ok; echo "server log ... ok (no crash)" >&2
fi

if [ "$failed" -gt 0 ]; then log "failed: ${failures[*]}"; fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
