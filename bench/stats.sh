# Helpers the benchmark scripts source: messages to stderr, and the median and min-max of the
# numbers on stdin, one a line.
say() { printf '%s\n' "$*" >&2; }
# wait_listening LOG PID WHAT: waits (10 s at most) for the node server PID to print its
# "listening on ..." line into LOG; exits with the log and "WHAT did not start" otherwise.
wait_listening() {
  for _ in $(seq 1 200); do
    grep -q '^listening' "$1" && return 0
    kill -0 "$2" 2>/dev/null || break
    sleep 0.05
  done
  grep -q '^listening' "$1" && return 0
  cat "$1" >&2
  say "$3 did not start"
  exit 1
}
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) exit 1; if (NR % 2) printf "%.1f", v[(NR + 1) / 2]; else printf "%.1f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
spread() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) exit 1; printf "%.0f-%.0f", v[1], v[NR] }'; }
# One row of the table bench/run.sh prints at the end (to $BENCH_TABLE, when set):
#   table_row BENCHMARK OURS BASELINE RATIO GOAL MET
# OURS and BASELINE as "median unit (min-max)", RATIO as "0.42x", MET as yes/no/- (no goal).
table_row() {
  [ -n "${BENCH_TABLE:-}" ] || return 0
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >>"$BENCH_TABLE"
}
# "median (min-max)" of the numbers in file $1, with unit $2.
summary() { printf '%s %s (%s)' "$(median <"$1")" "$2" "$(spread <"$1")"; }
# 1 when ratio $1 meets goal "<= X" or ">= X" ($2 and $3).
meets() { awk -v r="$1" -v op="$2" -v g="$3" 'BEGIN { if ((op == "<=" && r <= g) || (op == ">=" && r >= g)) print "yes"; else print "no" }'; }
