#!/usr/bin/env bash
# TLS: a throwaway CA (openssl) and the test server over HTTPS. With ca_file naming the CA a
# scan works (by IP and by name); without it, with another CA or with a certificate for another
# name it fails with HV00N and libcurl's reason; only a superuser may set ca_file;
# follow_redirects follows a redirect to the same scheme only; remote_relationship.allowed_hosts
# is checked on the address connected to, before anything is sent, also on a reused connection.
set -euo pipefail
: "${GRAPHQL_URL:?}"
ROOT_DIR="$(cd "$(dirname "$0")/../.." && pwd)"
command -v openssl >/dev/null 2>&1 || { echo "FAIL: the openssl command is missing"; exit 1; }

SERVERS="tls_ok, tls_no_ca, tls_other_ca, tls_localhost, tls_missing_ca, tls_other_name, tls_other_ip,
  tls_other_wrong_ca, tls_redirect_http, tls_redirect_https, tls_redirect_off, tls_redirect_up, tls_allow,
  tls_plain, tls_user_srv"
work="$(mktemp -d /tmp/rr_tls.XXXXXX)"
pids=()
cleanup() {
  local status=$?
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  psql -X -q -o /dev/null >/dev/null 2>&1 <<SQL || true
SET client_min_messages = warning;
RESET ROLE;
DROP SERVER IF EXISTS $SERVERS CASCADE;
DO \$\$ BEGIN
  IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'rr_tls_user') THEN
    EXECUTE 'DROP OWNED BY rr_tls_user CASCADE';
    EXECUTE 'DROP ROLE rr_tls_user';
  END IF;
END \$\$;
SQL
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
fail() { echo "FAIL: $*"; exit 1; }

# --- certificates: a CA and a certificate for 127.0.0.1 and localhost it signs; another CA
# and a certificate it signs, for localhost only (not for 127.0.0.1).
cat >"$work/openssl.cnf" <<'CNF'
[req]
distinguished_name = dn
prompt = no
[dn]
CN = remote_relationship test
[ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[server]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = IP:127.0.0.1, DNS:localhost
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[server_localhost_only]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
CNF
make_ca() {  # make_ca NAME
  openssl req -x509 -new -config "$work/openssl.cnf" -extensions ca -subj "/CN=remote_relationship $1" \
    -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$work/$1.key" -out "$work/$1.pem" -days 2 \
    >>"$work/openssl.log" 2>&1 || { cat "$work/openssl.log"; fail "openssl could not make the CA $1"; }
}
make_cert() {  # make_cert NAME CA EXTENSIONS
  openssl req -new -config "$work/openssl.cnf" -subj "/CN=localhost" \
    -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$work/$1.key" -out "$work/$1.csr" \
    >>"$work/openssl.log" 2>&1 &&
  openssl x509 -req -in "$work/$1.csr" -CA "$work/$2.pem" -CAkey "$work/$2.key" -set_serial "0x$(openssl rand -hex 8)" \
    -days 2 -extfile "$work/openssl.cnf" -extensions "$3" -out "$work/$1.pem" >>"$work/openssl.log" 2>&1 ||
    { cat "$work/openssl.log"; fail "openssl could not make the certificate $1"; }
}
make_ca test_ca
make_ca other_ca
make_cert server test_ca server
make_cert other_server other_ca server_localhost_only
# The backend (the postgres OS user when this runs as root) reads the CA files itself; the
# keys stay readable by their owner only (the test server runs as this user).
chmod 755 "$work"
chmod 644 "$work/test_ca.pem" "$work/other_ca.pem"
chmod 600 "$work"/*.key
if [ "$(id -u)" -eq 0 ] && id postgres >/dev/null 2>&1; then
  runuser -u postgres -- test -r "$work/test_ca.pem" || fail "the postgres OS user cannot read $work/test_ca.pem"
fi
CA="$work/test_ca.pem"
OTHER_CA="$work/other_ca.pem"

# --- two HTTPS test servers, one with the test CA's certificate, one with the other CA's. They
# bind port 0 and print the port the kernel chose: a port probed free beforehand can still be
# taken in between as the local port of an outgoing connection (EADDRINUSE in CI).
node "$ROOT_DIR/test/server/server.js" --port 0 --tls-cert "$work/server.pem" --tls-key "$work/server.key" \
  >"$work/https.log" 2>&1 &
pids+=($!)
node "$ROOT_DIR/test/server/server.js" --port 0 --tls-cert "$work/other_server.pem" \
  --tls-key "$work/other_server.key" >"$work/https_other.log" 2>&1 &
pids+=($!)
for log in https https_other; do
  for _ in $(seq 1 100); do
    grep -q '^listening on' "$work/$log.log" && break
    kill -0 "${pids[0]}" 2>/dev/null && kill -0 "${pids[1]}" 2>/dev/null || break
    sleep 0.05
  done
  grep -q '^listening on https://' "$work/$log.log" || { cat "$work/$log.log"; fail "the HTTPS test server did not start"; }
done
listening_port() { sed -n 's|^listening on https://[^/]*:\([0-9][0-9]*\)/graphql$|\1|p' "$work/$1.log"; }
PORT="$(listening_port https)"
OTHER_PORT="$(listening_port https_other)"
[ -n "$PORT" ] && [ -n "$OTHER_PORT" ] || fail "cannot read the HTTPS test servers' ports from their logs"
curl -sf --cacert "$CA" "https://127.0.0.1:$PORT/health" >/dev/null ||
  fail "curl does not verify https://127.0.0.1:$PORT with the test CA (a bad certificate?)"
curl -sf --cacert "$OTHER_CA" "https://localhost:$OTHER_PORT/health" >/dev/null ||
  fail "curl does not verify https://localhost:$OTHER_PORT with the other CA"
echo "HTTPS test servers on ports $PORT (test CA) and $OTHER_PORT (other CA, localhost only)"

HTTPS="https://127.0.0.1:$PORT/graphql"
PLAIN="${GRAPHQL_URL%%\?*}"
urlencode() { sed 's/%/%25/g; s/:/%3A/g; s#/#%2F#g; s/?/%3F/g; s/&/%26/g; s/=/%3D/g' <<<"$1"; }

# A server, its PUBLIC user mapping and a table over orders: server_sql NAME URL [OPTIONS].
server_sql() {
  echo "CREATE SERVER $1 FOREIGN DATA WRAPPER remote_relationship OPTIONS (url '$2'${3:+, $3});"
  echo "CREATE USER MAPPING FOR PUBLIC SERVER $1;"
  echo "CREATE FOREIGN TABLE $1_orders (id int, amount numeric) SERVER $1 OPTIONS (query_field 'orders');"
}
psql -X -q -v ON_ERROR_STOP=1 <<SQL || fail "setting up the servers failed"
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS remote_relationship;
DROP SERVER IF EXISTS $SERVERS CASCADE;
$(server_sql tls_ok "$HTTPS" "ca_file '$CA'")
$(server_sql tls_no_ca "$HTTPS")
$(server_sql tls_other_ca "$HTTPS" "ca_file '$OTHER_CA'")
$(server_sql tls_localhost "https://localhost:$PORT/graphql" "ca_file '$CA'")
$(server_sql tls_missing_ca "$HTTPS" "ca_file '$work/no_such_ca.pem'")
$(server_sql tls_other_name "https://localhost:$OTHER_PORT/graphql" "ca_file '$OTHER_CA'")
$(server_sql tls_other_ip "https://127.0.0.1:$OTHER_PORT/graphql" "ca_file '$OTHER_CA'")
$(server_sql tls_other_wrong_ca "https://localhost:$OTHER_PORT/graphql" "ca_file '$CA'")
$(server_sql tls_redirect_http "$HTTPS?fault=redirect&to=$(urlencode "$PLAIN")" "ca_file '$CA', follow_redirects 'true'")
$(server_sql tls_redirect_https "$HTTPS?fault=redirect&to=$(urlencode "$HTTPS")" "ca_file '$CA', follow_redirects 'true'")
$(server_sql tls_redirect_off "$HTTPS?fault=redirect&to=$(urlencode "$HTTPS")" "ca_file '$CA'")
$(server_sql tls_redirect_up "$PLAIN?fault=redirect&to=$(urlencode "$HTTPS")" "ca_file '$CA', follow_redirects 'true'")
$(server_sql tls_allow "https://localhost:$PORT/graphql" "ca_file '$CA'")
-- The request logs of the HTTPS server and of the plain one, read without introspection.
CREATE FOREIGN TABLE tls_ok_requests (seq int, path text, fault text) SERVER tls_ok
  OPTIONS (query_field '_requests', argument_types '{"after": "Int"}');
CREATE SERVER tls_plain FOREIGN DATA WRAPPER remote_relationship OPTIONS (url '$PLAIN');
CREATE USER MAPPING FOR PUBLIC SERVER tls_plain;
CREATE FOREIGN TABLE tls_plain_requests (seq int, path text) SERVER tls_plain
  OPTIONS (query_field '_requests', argument_types '{"after": "Int"}');
SQL

# Runs SQL in a new session; prints (and returns in $out) what it printed, errors included.
run() {  # run LABEL SQL
  out="$(psql -X -q -At -v ON_ERROR_STOP=0 2>&1 <<<"$2")" || true
  printf -- '--- %s\n%s\n' "$1" "$out"
}
has() { grep -qF -- "$1" <<<"$out"; }
SCAN="SELECT 'rows', count(*), sum(id) FROM"
scan_ok() {  # scan_ok LABEL TABLE [SQL before]
  run "$1" "${3:-}
$SCAN $2;
\\echo state :SQLSTATE"
  has "rows|20|210" && has "state 00000" || fail "$1: the scan of $2 did not return the 20 orders"
}
scan_fails() {  # scan_fails LABEL TABLE SQLSTATE TEXT [SQL before]
  run "$1" "${5:-}
$SCAN $2;
\\echo state :SQLSTATE"
  has "rows|" && fail "$1: the scan of $2 succeeded"
  has "state $3" || fail "$1: the scan of $2 did not fail with SQLSTATE $3"
  grep -qiF -- "$4" <<<"$out" || fail "$1: the error does not say \"$4\""
}

# (a) the test CA verifies the server's certificate for 127.0.0.1
scan_ok "(a) https://127.0.0.1 with ca_file = the test CA" tls_ok_orders
# (b) the system CAs do not know the test CA
scan_fails "(b) no ca_file" tls_no_ca_orders HV00N "certificate"
has "could not connect to the remote server" || fail "(b): not the connection error"
# (c) another CA does not verify it either
scan_fails "(c) ca_file = another CA" tls_other_ca_orders HV00N "certificate"
# ... though that CA works for the certificate it signed, under the name in it,
scan_ok "(c) the other CA with its own certificate, https://localhost" tls_other_name_orders
# ... and not for an address the certificate does not name (the host name is verified too),
scan_fails "(c) the other CA's certificate names localhost only: https://127.0.0.1" tls_other_ip_orders HV00N "127.0.0.1"
# ... and the test CA does not verify the other CA's certificate.
scan_fails "(c) the other CA's certificate with ca_file = the test CA" tls_other_wrong_ca_orders HV00N "certificate"
# A ca_file that does not exist is a connection error too; one that is no absolute path is refused.
scan_fails "ca_file that does not exist" tls_missing_ca_orders HV00N "certificate"
run "relative ca_file" "CREATE SERVER tls_user_srv FOREIGN DATA WRAPPER remote_relationship OPTIONS (url '$HTTPS', ca_file 'test_ca.pem');
\\echo state :SQLSTATE"
has "state HV024" && has 'is not an absolute path' || fail "a relative ca_file was not refused with HV024"

# (d) the name in the certificate
scan_ok "(d) https://localhost with ca_file = the test CA" tls_localhost_orders

# (e) a role that is no superuser cannot set ca_file (nor allowed_hosts), though it may
# create servers of the wrapper.
run "(e) non-superuser" "SET client_min_messages = warning;
DROP SERVER IF EXISTS tls_user_srv CASCADE;
DO \$\$ BEGIN
  IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'rr_tls_user') THEN
    EXECUTE 'DROP OWNED BY rr_tls_user CASCADE';
    EXECUTE 'DROP ROLE rr_tls_user';
  END IF;
END \$\$;
CREATE ROLE rr_tls_user;
GRANT USAGE ON FOREIGN DATA WRAPPER remote_relationship TO rr_tls_user;
SET ROLE rr_tls_user;
CREATE SERVER tls_user_srv FOREIGN DATA WRAPPER remote_relationship OPTIONS (url '$HTTPS', ca_file '$CA');
\\echo create_with_ca_file :SQLSTATE :LAST_ERROR_MESSAGE
CREATE SERVER tls_user_srv FOREIGN DATA WRAPPER remote_relationship OPTIONS (url '$HTTPS');
\\echo create_without :SQLSTATE
ALTER SERVER tls_user_srv OPTIONS (ADD ca_file '$CA');
\\echo alter_add_ca_file :SQLSTATE :LAST_ERROR_MESSAGE
SET remote_relationship.allowed_hosts = '';
\\echo set_allowed_hosts :SQLSTATE :LAST_ERROR_MESSAGE
RESET ROLE;
SELECT 'ca_file_options', count(*) FROM pg_foreign_server WHERE srvname = 'tls_user_srv' AND array_to_string(srvoptions, ',') LIKE '%ca_file%';"
has 'create_with_ca_file 42501 only a superuser may set option "ca_file"' ||
  fail "(e): CREATE SERVER with ca_file by a non-superuser was not refused with 42501 'only a superuser may set option \"ca_file\"'"
has "create_without 00000" || fail "(e): the non-superuser could not create a server without ca_file"
has 'alter_add_ca_file 42501 only a superuser may set option "ca_file"' ||
  fail "(e): ALTER SERVER ... ADD ca_file by a non-superuser was not refused with 42501"
has "set_allowed_hosts 42501" || fail "(e): a non-superuser could set remote_relationship.allowed_hosts"
has "ca_file_options|0" || fail "(e): the server of the non-superuser has a ca_file"

# (f) follow_redirects: https -> http is refused, and the plain server sees no request;
run "(f) redirect https -> http" "SELECT coalesce(max(seq), 0) AS start FROM tls_plain_requests \\gset
$SCAN tls_redirect_http_orders;
\\echo state :SQLSTATE
SELECT 'plain_requests', count(*) FROM tls_plain_requests WHERE seq > :start;"
has "rows|" && fail "(f): the redirect from https to http was followed"
has "state 00000" && fail "(f): the redirect from https to http did not fail"
has "plain_requests|0" || fail "(f): the plain http server received a request through the redirect from https"
# http -> https is refused as well;
run "(f) redirect http -> https" "$SCAN tls_redirect_up_orders;
\\echo state :SQLSTATE"
has "rows|" && fail "(f): the redirect from http to https was followed"
has "state 00000" && fail "(f): the redirect from http to https did not fail"
# https -> the same https URL works, through the redirect (which, without follow_redirects, fails).
run "(f) redirect https -> https" "SELECT coalesce(max(seq), 0) AS start FROM tls_ok_requests \\gset
$SCAN tls_redirect_https_orders;
\\echo state :SQLSTATE
SELECT 'redirected', count(*) FILTER (WHERE fault = 'redirect'), count(*) FILTER (WHERE fault IS NULL) FROM tls_ok_requests WHERE seq > :start;"
has "rows|20|210" && has "state 00000" || fail "(f): the scan through a redirect from https to https did not return the 20 orders"
grep -qE '^redirected\|[1-9][0-9]*\|[1-9][0-9]*$' <<<"$out" || fail "(f): the request did not go through the redirect"
scan_fails "(f) redirect https -> https without follow_redirects" tls_redirect_off_orders HV00M "307"

# (g) allowed_hosts: 10.0.0.0/8 refuses https://localhost (127.0.0.1) before anything is sent;
run "(g) allowed_hosts = 10.0.0.0/8" "LOAD 'remote_relationship';
SELECT coalesce(max(seq), 0) AS start FROM tls_ok_requests \\gset
SET remote_relationship.allowed_hosts = '10.0.0.0/8';
$SCAN tls_allow_orders;
\\echo state :SQLSTATE
RESET remote_relationship.allowed_hosts;
SELECT 'sent', count(*) FROM tls_ok_requests WHERE seq > :start;"
has "rows|" && fail "(g): allowed_hosts = '10.0.0.0/8' allowed https://localhost"
has "state HV00N" || fail "(g): the refused connection did not fail with HV00N"
# (localhost may give ::1 first: the address named is the first one refused)
grep -Eq 'the connection to host "localhost" \(address (127\.0\.0\.1|::1)\) is not allowed by remote_relationship\.allowed_hosts' <<<"$out" ||
  fail "(g): not the allowed_hosts error naming host localhost and its address"
has "sent|0" || fail "(g): a request was sent to a host that allowed_hosts refuses"
# 127.0.0.1/32 allows it; and a connection made while allowed is checked again when reused.
run "(g) allowed_hosts = 127.0.0.1/32, then 10.0.0.0/8 on the same connection" "LOAD 'remote_relationship';
SET remote_relationship.allowed_hosts = '127.0.0.1/32';
$SCAN tls_allow_orders;
\\echo allowed :SQLSTATE
SET remote_relationship.allowed_hosts = '10.0.0.0/8';
$SCAN tls_allow_orders;
\\echo refused :SQLSTATE
SET remote_relationship.allowed_hosts = 'LOCALHOST.';
$SCAN tls_allow_orders;
\\echo by_name :SQLSTATE"
grep -qx "rows|20|210" <<<"$out" && has "allowed 00000" ||
  fail "(g): allowed_hosts = '127.0.0.1/32' did not allow https://localhost"
has "refused HV00N" && has "is not allowed by remote_relationship.allowed_hosts" ||
  fail "(g): allowed_hosts = '10.0.0.0/8' allowed a reused connection to 127.0.0.1"
has "by_name 00000" || fail "(g): allowed_hosts = 'LOCALHOST.' did not allow https://localhost"

echo ok
