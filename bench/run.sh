#!/usr/bin/env bash
# Sets up everything like `make test` (installs what is missing, builds and installs the
# extension, starts a throwaway PostgreSQL and the test GraphQL server on ports of its own),
# runs the benchmarks, and stops everything on exit (common.sh's trap), also on failure.
#
#   bash bench/run.sh           # all: scan vs wire, import, join
#   bash bench/run.sh scan      # bench/scan_vs_wire.sh only
#   bash bench/run.sh import    # bench/import.sh only
#   bash bench/run.sh join      # bench/join.sh only
#   bash bench/run.sh flight    # bench/pages_in_flight.sh only
#   bash bench/run.sh canned    # bench/canned.sh only
#   bash bench/run.sh memory    # bench/memory.sh only
#   bash bench/run.sh convert   # bench/convert.sh only (Google Benchmark in a backend)
#   bash bench/run.sh plpython  # bench/plpython.sh only
#   bash bench/run.sh pgbench   # bench/pgbench.sh only (60 s a side)
#
# At the end it prints one table: each benchmark's figure against its baseline measured in the
# same run (median and min-max of its repetitions), the ratio, and the issue's goal.
#
# Ports: RR_PG_PORT (default 54349) and RR_GRAPHQL_PORT (default 54420), so that the benchmark
# clashes neither with `make test` / `make demo` nor with a developer's server on 54410;
# import.sh's generated remote listens on RR_IMPORT_PORT (default 54421).
RR_PG_PORT="${RR_PG_PORT:-54349}"
RR_GRAPHQL_PORT="${RR_GRAPHQL_PORT:-54420}"
RR_APIS_PORT="${RR_APIS_PORT:-54423}"

benchmarks=()
for arg in "$@"; do
  case "$arg" in
    scan|scan_vs_wire) benchmarks+=(scan) ;;
    import) benchmarks+=(import) ;;
    join) benchmarks+=(join) ;;
    flight) benchmarks+=(flight) ;;
    canned) benchmarks+=(canned) ;;
    memory) benchmarks+=(memory) ;;
    convert) benchmarks+=(convert) ;;
    plpython) benchmarks+=(plpython) ;;
    pgbench) benchmarks+=(pgbench) ;;
    all) benchmarks+=(scan canned flight plpython convert memory pgbench import join) ;;
    *) echo "usage: bash bench/run.sh [scan|canned|flight|plpython|convert|memory|pgbench|import|join|all]..." >&2; exit 2 ;;
  esac
done
[ "${#benchmarks[@]}" -gt 0 ] || benchmarks=(scan canned flight plpython convert memory pgbench import join)

source "$(dirname "$0")/../scripts/common.sh"

ensure_deps
ensure_bench_deps
build_and_install
start_services

export BENCH_TABLE="$RUN_DIR/bench_table.tsv"  # removed with the run's directory
: >"$BENCH_TABLE"

for benchmark in "${benchmarks[@]}"; do
  case "$benchmark" in
    scan)
      log "benchmark: scan vs wire"
      bash "$ROOT_DIR/bench/scan_vs_wire.sh"
      ;;
    memory)
      log "benchmark: backend memory of a 1 000 000-row paged scan"
      bash "$ROOT_DIR/bench/memory.sh"
      ;;
    convert)
      log "benchmark: conversion of remote values to column types (Google Benchmark in a backend)"
      bash "$ROOT_DIR/bench/convert.sh"
      ;;
    plpython)
      log "benchmark: a hand-written PL/Python function vs the FDW"
      bash "$ROOT_DIR/bench/plpython.sh"
      ;;
    pgbench)
      log "benchmark: pgbench, 8 clients vs 1, against the test server in 2 processes"
      bash "$ROOT_DIR/bench/pgbench.sh"
      ;;
    canned)
      log "benchmark: one page through the FDW vs curl (canned body and test server; 1 000, 20 000, 200 000 rows)"
      bash "$ROOT_DIR/bench/canned.sh"
      ;;
    flight)
      log "benchmark: offset pages in flight vs curl one page after another"
      bash "$ROOT_DIR/bench/pages_in_flight.sh"
      ;;
    import)
      log "benchmark: IMPORT FOREIGN SCHEMA of a generated schema"
      bash "$ROOT_DIR/bench/import.sh"
      ;;
    join)
      log "benchmark: batched join vs a lookup per key vs the whole table"
      bash "$ROOT_DIR/bench/join.sh"
      ;;
  esac
done

echo
echo "remote_relationship benchmarks: $(nproc 2>/dev/null || echo '?') cores, $(date -u '+%Y-%m-%d %H:%M UTC')"
{
  printf 'benchmark\tours\tbaseline\tratio\tgoal\tmet\n'
  cat "$BENCH_TABLE"
} | awk -F '\t' '{ printf "| %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6; if (NR == 1) print "|---|---:|---:|---:|---|---|" }'
