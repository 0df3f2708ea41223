#!/usr/bin/env bash
# A database that is not UTF-8 (LATIN1): remote text is converted into it, text going out is
# converted to UTF-8, and a character LATIN1 lacks is a conversion error naming the column.
set -euo pipefail
: "${GRAPHQL_URL:?}"
db=rr_latin1
dropdb --if-exists "$db" 2>/dev/null || true
createdb -E LATIN1 --locale=C -T template0 "$db"
trap 'dropdb --if-exists "$db" >/dev/null 2>&1 || true' EXIT

out="$(PGCLIENTENCODING=UTF8 psql -X -At -d "$db" 2>&1 <<SQL
SET client_min_messages = warning;
CREATE EXTENSION remote_relationship;
CREATE SERVER gql FOREIGN DATA WRAPPER remote_relationship OPTIONS (url '$GRAPHQL_URL');
CREATE USER MAPPING FOR PUBLIC SERVER gql;
CREATE FOREIGN TABLE samples (id int, text_val text) SERVER gql OPTIONS (query_field 'samples');
CREATE FOREIGN TABLE request_log (seq int, variables jsonb) SERVER gql OPTIONS (query_field '_requests');
-- A cursor argument with a non-ASCII character: the remote must receive it as UTF-8.
CREATE FOREIGN TABLE by_cursor (id int) SERVER gql
  OPTIONS (query_field 'ordersConnection', arguments '{"after": "Zürich"}');
SELECT 'ascii', text_val FROM samples LIMIT 1;
SELECT 'bad', text_val FROM samples;
\echo state :LAST_ERROR_SQLSTATE
SELECT 'cursor', count(*) FROM by_cursor;
SELECT 'sent', variables->>'after', variables->>'after' = 'Zürich' FROM request_log ORDER BY seq DESC LIMIT 1;
SQL
)"
echo "$out"
expect() { grep -qF -- "$1" <<<"$out" || { echo "FAIL: expected: $1"; exit 1; }; }
expect "ascii|hello"
expect 'cannot convert remote field "text_val" of "samples" to column "text_val" of type text'
expect "state HV004"
expect "sent|Zürich|t"
echo ok
