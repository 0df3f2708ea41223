#!/usr/bin/env bash
# No test secret shows anywhere: not in the expected or actual outputs of pg_regress (which
# echo the statements and every message), nor in the server log of the whole run (the
# security test logs at debug1). The secrets are the ones sql/security.sql and sql/metadata.sql make:
# md5 of a seed, so that they never stand in a source file either.
set -euo pipefail
: "${RR_PG_LOG:?}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
run_dir="$(dirname "$RR_PG_LOG")"

places=("$RR_PG_LOG" "$root"/expected/*.out)
for dir in "$root/results" "$run_dir/regress/results"; do
  if [ -d "$dir" ]; then places+=("$dir"/*.out); fi
done
grep -q 'security' <<<"$(ls "$root"/expected/)" || { echo "FAIL: no security test output to look at"; exit 1; }

found=0
for seed in rr-test-secret-public rr-test-secret-user rr-test-secret-key rr-test-secret-metadata; do
  secret="$(printf '%s' "$seed" | md5sum | cut -d' ' -f1)"
  if grep -l -- "$secret" "${places[@]}" 2>/dev/null; then
    echo "FAIL: the secret made from \"$seed\" shows in the files above"
    found=1
  fi
done
# The log must hold the security test's debug1 lines, or the check above proves little.
grep -q 'DEBUG:  remote_relationship: scan of field "echoHeaders"' "$RR_PG_LOG" ||
  { echo "FAIL: the server log has no debug1 line of the security test's scans"; exit 1; }
echo "looked in ${#places[@]} files: $([ $found = 0 ] && echo 'no secret' || echo 'secrets found')"
exit $found
