#!/usr/bin/env bash
# make demo: the seed example (make demo EXPLORE=1 leaves the servers running to explore). Remote type Order (served by the bundled GraphQL server as
# remote schema "order-remote-schema") joined with the local table public."user".
RR_PG_PORT="${RR_PG_PORT:-54339}"
RR_GRAPHQL_PORT="${RR_GRAPHQL_PORT:-54400}"
RR_APIS_PORT="${RR_APIS_PORT:-54402}"
source "$(dirname "$0")/common.sh"

ensure_deps
build_and_install
start_services

log "running the seed example"
psql -X -v ON_ERROR_STOP=1 -v url="$GRAPHQL_URL" -f "$ROOT_DIR/examples/seed.sql"

# make demo EXPLORE=1: keep both servers for the user, until Enter or Ctrl-C.
if [ -n "${EXPLORE:-}" ]; then
  log "PostgreSQL and the GraphQL server keep running. Connect in another terminal with:"
  echo "    psql -h $PGHOST -p $PGPORT -U postgres"
  echo "  (the GraphQL server answers at $GRAPHQL_URL)"
  log "press Enter or Ctrl-C to stop them"
  if [ -t 0 ]; then read -r _ || true; else while sleep 3600; do :; done; fi
fi
