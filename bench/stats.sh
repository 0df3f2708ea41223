# Helpers the benchmark scripts source: messages to stderr, and the median and min-max of the
# numbers on stdin, one a line.
say() { printf '%s\n' "$*" >&2; }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) exit 1; if (NR % 2) printf "%.1f", v[(NR + 1) / 2]; else printf "%.1f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
spread() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) exit 1; printf "%.0f-%.0f", v[1], v[NR] }'; }
