# Shared set-up of `make demo` and `make test`: install what is missing, build and install
# the extension, start a throwaway PostgreSQL and the test GraphQL server, stop them on exit.
# Works as root (PostgreSQL then runs as the unprivileged user "postgres") and as a normal
# user with sudo. Source it from bash; it sets PGHOST, PGPORT, PGUSER and GRAPHQL_URL.

set -euo pipefail

ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RR_PG_PORT="${RR_PG_PORT:-54329}"
RR_GRAPHQL_PORT="${RR_GRAPHQL_PORT:-54410}"
# The second test server (test/server/apis.js): GitHub's schema, graphql-yoga, Apollo, a subgraph.
RR_APIS_PORT="${RR_APIS_PORT:-54412}"

if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
# npm needs a home for its cache, also in a stripped CI environment.
if [ -z "${HOME:-}" ]; then HOME="$(getent passwd "$(id -u)" | cut -d: -f6)"; export HOME; fi

log() { printf '==> %s\n' "$*" >&2; }

# Debian packages the build and the tests need; commands are checked for tools that
# other packages (e.g. NodeSource's nodejs) may provide.
ensure_deps() {
  local packages=(postgresql-15 postgresql-server-dev-15 libcurl4-openssl-dev rapidjson-dev libgtest-dev make g++ curl openssl)
  local missing=()
  for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
  done
  command -v node >/dev/null 2>&1 || missing+=(nodejs)
  command -v npm >/dev/null 2>&1 || missing+=(npm)
  if [ "${#missing[@]}" -gt 0 ]; then
    log "installing Debian packages: ${missing[*]}"
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  if [ ! -d "$ROOT_DIR/test/server/node_modules/graphql" ] || [ ! -d "$ROOT_DIR/test/server/node_modules/@octokit/graphql-schema" ]; then
    log "installing npm packages of the test GraphQL server"
    (cd "$ROOT_DIR/test/server" && NPM_CONFIG_UPDATE_NOTIFIER=false npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
}

# What only `make bench` needs: PL/Python for the hand-written baseline, Google Benchmark for
# the conversion microbenchmark.
ensure_bench_deps() {
  local packages=(postgresql-plpython3-15 libbenchmark-dev)
  local missing=()
  for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    log "installing Debian packages for the benchmarks: ${missing[*]}"
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

build_and_install() {
  log "building remote_relationship"
  make -C "$ROOT_DIR" -j2 >/dev/null
  log "installing remote_relationship"
  $SUDO make -C "$ROOT_DIR" install >/dev/null
}

PG_BINDIR=""
RUN_DIR=""
GRAPHQL_PID=""
APIS_PID=""

# Runs a PostgreSQL server binary as an unprivileged user: PostgreSQL refuses root.
as_pg_user() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stop_services() {
  local status=$?
  for pid in "$GRAPHQL_PID" "$APIS_PID"; do
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
  if [ -n "$RUN_DIR" ] && [ -f "$RUN_DIR/data/postmaster.pid" ]; then
    as_pg_user "$PG_BINDIR/pg_ctl" -D "$RUN_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  if [ -n "$RUN_DIR" ] && [ -d "$RUN_DIR" ]; then
    if [ "$status" -ne 0 ] || [ -n "${RR_KEEP_LOGS:-}" ]; then
      mkdir -p "$ROOT_DIR/log"
      cp "$RUN_DIR"/*.log "$ROOT_DIR/log/" 2>/dev/null || true
      log "server logs kept in $ROOT_DIR/log"
    fi
    rm -rf "$RUN_DIR"
  fi
  return "$status"
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start_services() {
  PG_BINDIR="$(pg_config --bindir)"
  for port in "$RR_PG_PORT" "$RR_GRAPHQL_PORT" "$RR_APIS_PORT"; do
    port_free "$port" || { log "port $port is in use (set RR_PG_PORT / RR_GRAPHQL_PORT / RR_APIS_PORT)"; return 1; }
  done
  RUN_DIR="$(mktemp -d /tmp/remote_relationship.XXXXXX)"
  chmod 755 "$RUN_DIR"
  trap stop_services EXIT
  trap 'exit 130' INT TERM
  mkdir -p "$RUN_DIR/data" "$RUN_DIR/sock"
  touch "$RUN_DIR/postgres.log"
  if [ "$(id -u)" -eq 0 ]; then chown -R postgres:postgres "$RUN_DIR/data" "$RUN_DIR/sock" "$RUN_DIR/postgres.log"; fi

  log "starting PostgreSQL on port $RR_PG_PORT"
  as_pg_user "$PG_BINDIR/initdb" -D "$RUN_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  # RR_TEST_HEADER_VALUE: the security test reads a header from the server's environment.
  as_pg_user env RR_TEST_HEADER_VALUE=from-the-environment "$PG_BINDIR/pg_ctl" -D "$RUN_DIR/data" -l "$RUN_DIR/postgres.log" -w \
    -o "-p $RR_PG_PORT -k $RUN_DIR/sock -c listen_addresses=''" start >/dev/null
  export PGHOST="$RUN_DIR/sock" PGPORT="$RR_PG_PORT" PGUSER=postgres PGDATABASE=postgres
  export RR_PG_LOG="$RUN_DIR/postgres.log"

  log "starting the test GraphQL server on port $RR_GRAPHQL_PORT"
  node "$ROOT_DIR/test/server/server.js" --port "$RR_GRAPHQL_PORT" >"$RUN_DIR/graphql.log" 2>&1 &
  GRAPHQL_PID=$!
  export GRAPHQL_URL="http://127.0.0.1:$RR_GRAPHQL_PORT/graphql"
  log "starting the real-world API test server on port $RR_APIS_PORT"
  node "$ROOT_DIR/test/server/apis.js" --port "$RR_APIS_PORT" >"$RUN_DIR/apis.log" 2>&1 &
  APIS_PID=$!
  wait_for_health "$RR_GRAPHQL_PORT" "$GRAPHQL_PID" graphql && wait_for_health "$RR_APIS_PORT" "$APIS_PID" apis
}

wait_for_health() {  # wait_for_health PORT PID LOGNAME
  for _ in $(seq 1 100); do
    if curl -sf "http://127.0.0.1:$1/health" >/dev/null 2>&1; then return 0; fi
    kill -0 "$2" 2>/dev/null || break
    sleep 0.1
  done
  log "the test server on port $1 did not start:"; cat "$RUN_DIR/$3.log" >&2
  return 1
}
