#!/usr/bin/env bash
# make demo: the seed example. Remote type Order (served by the bundled GraphQL server as
# remote schema "order-remote-schema") joined with the local table public."user".
RR_PG_PORT="${RR_PG_PORT:-54339}"
RR_GRAPHQL_PORT="${RR_GRAPHQL_PORT:-54400}"
source "$(dirname "$0")/common.sh"

ensure_deps
build_and_install
start_services

log "running the seed example"
psql -X -v ON_ERROR_STOP=1 -v url="$GRAPHQL_URL" -f "$ROOT_DIR/examples/seed.sql"
