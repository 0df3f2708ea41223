#!/usr/bin/env bash
# Sets up everything like `make test` (installs what is missing, builds and installs the
# extension, starts a throwaway PostgreSQL and the test GraphQL server on ports of its own),
# runs bench/scan_vs_wire.sh, and stops everything on exit (common.sh's trap), also on failure.
# Ports: RR_PG_PORT (default 54349) and RR_GRAPHQL_PORT (default 54420), so that the benchmark
# clashes neither with `make test` / `make demo` nor with a developer's server on 54410.
RR_PG_PORT="${RR_PG_PORT:-54349}"
RR_GRAPHQL_PORT="${RR_GRAPHQL_PORT:-54420}"
source "$(dirname "$0")/../scripts/common.sh"

ensure_deps
build_and_install
start_services

log "benchmark: scan vs wire"
bash "$ROOT_DIR/bench/scan_vs_wire.sh"
