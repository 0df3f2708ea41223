#include "connection.hpp"

#include <chrono>
#include <iterator>
#include <map>
#include <tuple>
#include <memory>
#include <unordered_map>

#include "core/error.hpp"
#include "core/options.hpp"
#include "core/retry.hpp"
#include "core/remote_scan.hpp"
#include "fdw.hpp"
#include "pushdown.hpp"

namespace rr_pg {

namespace {
// Per backend, so no locking. libcurl keeps the TCP connection inside the client. Scans
// share ownership, so the cache may drop a client while a scan still uses it.
std::unordered_map<Oid, std::shared_ptr<rr::HttpClient>>& Clients() {
  static std::unordered_map<Oid, std::shared_ptr<rr::HttpClient>> clients;
  return clients;
}
}  // namespace

std::shared_ptr<rr::HttpClient> GetHttpClient(Oid server_id) {
  auto& clients = Clients();
  auto found = clients.find(server_id);
  if (found != clients.end()) return found->second;
  auto inserted = clients.emplace(server_id, std::make_shared<rr::HttpClient>());
  return inserted.first->second;
}

namespace {
// What introspection found for one server and user. A refusal (GraphQL errors, 400/403/404:
// common in production) is asked again after a minute, since rate limits (GitHub, Shopify)
// look just like it. A failure (network, 5xx, a malformed answer) is an error where the types
// are needed; where they are only a refinement it is not asked again for 10 s, so that a
// remote that cannot introspect costs no extra request or wait on every scan, while a
// passing failure soon heals. A cancel is no failure of the remote and is not remembered.
struct SchemaEntry {
  std::shared_ptr<const rr::SchemaModel> model;  // the last answer, kept over failed refreshes
  bool refused = false;                          // and model is nullptr
  bool failed = false;                           // the last request failed
  std::chrono::steady_clock::time_point asked_at;  // of the last request, whatever came of it
};
constexpr std::chrono::seconds kRefusalKeptFor(60);
constexpr std::chrono::seconds kFailureKeptFor(10);
constexpr std::chrono::seconds kRefreshAfter(10);

// Keyed by server, user and the forwarded header values: all decide what the remote shows.
using SchemaKey = std::tuple<Oid, Oid, std::string>;
std::map<SchemaKey, SchemaEntry>& SchemaCache() {
  static std::map<SchemaKey, SchemaEntry> cache;
  return cache;
}

// Whether an invalidation of pg_foreign_server with this hash concerns server_id (a hash of
// 0 is a reset of the whole cache, after an overflow of the invalidation queue: every row).
bool ConcernsServer(uint32 hash, Oid server_id) noexcept {
  return hash == 0 || GetSysCacheHashValue1(FOREIGNSERVEROID, ObjectIdGetDatum(server_id)) == hash;
}

// ALTER SERVER (reload_schema sends the same invalidation) may point the server elsewhere:
// forget what its remote said.
void ForgetServerSchemas(Datum, int, uint32 hash) noexcept {
  for (auto it = SchemaCache().begin(); it != SchemaCache().end();)
    it = ConcernsServer(hash, std::get<0>(it->first)) ? SchemaCache().erase(it) : std::next(it);
}

// ALTER USER MAPPING may change the role the remote sees: forget every model (the mapping's
// hash does not tell the server, and these changes are rare).
void ForgetAllSchemas(Datum, int, uint32) noexcept { SchemaCache().clear(); }

// ALTER or DROP SERVER: close the server's connections (a running scan keeps its client
// alive until it ends).
void ForgetServerClients(Datum, int, uint32 hash) noexcept {
  for (auto it = Clients().begin(); it != Clients().end();)
    it = ConcernsServer(hash, it->first) ? Clients().erase(it) : std::next(it);
}

// Whether the cached entry answers the caller without a request.
bool Answers(const SchemaEntry& entry, Introspection need, std::chrono::steady_clock::time_point now) {
  auto age = now - entry.asked_at;
  if (need == Introspection::kReload) return false;
  if (entry.model) return need != Introspection::kRefresh || age < kRefreshAfter;
  if (entry.refused) return age < kRefusalKeptFor;
  return entry.failed && need == Introspection::kOptional && age < kFailureKeptFor;
}
}  // namespace

namespace {
// Each forwarded value has its own model: at most this many are kept, the oldest go first,
// so that a session looping over user ids cannot make the backend hold a model for each.
constexpr size_t kMaxCachedSchemas = 32;

void ForgetOldestSchemas(const SchemaKey& keep) {
  while (SchemaCache().size() > kMaxCachedSchemas) {
    auto oldest = SchemaCache().end();
    for (auto it = SchemaCache().begin(); it != SchemaCache().end(); ++it)
      if (it->first != keep && (oldest == SchemaCache().end() || it->second.asked_at < oldest->second.asked_at)) oldest = it;
    if (oldest == SchemaCache().end()) return;
    SchemaCache().erase(oldest);
  }
}
}  // namespace

std::shared_ptr<const rr::SchemaModel> GetSchemaModel(const TableOptions* options, const rr::HttpRequest& request,
                                                      Introspection need, rr::ScanStats* sent) {
  Oid server_id = options->server_id;
  SchemaKey key(server_id, options->user_id, options->session_key != nullptr ? options->session_key : "");
  {
    auto found = SchemaCache().find(key);
    if (found != SchemaCache().end() && Answers(found->second, need, std::chrono::steady_clock::now()))
      return found->second.model;
  }

  std::shared_ptr<rr::SchemaModel> model = std::make_shared<rr::SchemaModel>();
  bool refused = false;
  try {
    rr::HttpRequest introspection = request;
    introspection.body = rr::SchemaModel::RequestBody();
    sent->requests++;  // counted also when it fails
    long retries = 0;
    rr::HttpResponse response;
    try {
      response = rr::PostWithRetries(GetHttpClient(server_id).get(), introspection, &TransferShouldStop, &retries);
    } catch (...) {
      sent->requests += retries;
      sent->retries += retries;
      throw;
    }
    sent->requests += retries;
    sent->retries += retries;
    sent->bytes_received += static_cast<long>(response.body.size());
    refused = (response.status == 400 || response.status == 403 || response.status == 404) && !rr::IsRetryable(response);
    if (!refused && (response.status < 200 || response.status > 299)) rr::ThrowFinalHttpStatus(introspection, response);
    if (!refused) {
      try {
        model->Load(std::move(response.body));
      } catch (const rr::RemoteError& error) {
        if (error.kind() != rr::ErrorKind::kGraphQL) throw;
        refused = true;
      }
    }
  } catch (const rr::RemoteError& error) {
    if (error.kind() == rr::ErrorKind::kCancelled) throw;
    // Timed from the end of the attempt: one that failed only at timeout_ms must not be
    // due again at once. The message says that it was the introspection that failed.
    SchemaEntry& entry = SchemaCache()[key];
    entry.asked_at = std::chrono::steady_clock::now();
    entry.failed = true;
    throw rr::WithoutHeaderValues(
        rr::RemoteError(error.kind(), std::string("introspection of the remote schema failed: ") + error.what(),
                        error.detail()),
        request.headers);
  }
  // Looked up only now: the map is changed by this backend alone, but keep no reference
  // across the request.
  SchemaEntry& entry = SchemaCache()[key];
  entry.asked_at = std::chrono::steady_clock::now();
  entry.failed = false;
  if (!refused) {
    entry.model = std::move(model);
    entry.refused = false;
  } else if (!entry.model) {
    entry.refused = true;  // a refused refresh keeps what an earlier answer said
  }
  std::shared_ptr<const rr::SchemaModel> answer = entry.model;
  ForgetOldestSchemas(key);
  return answer;
}

void ForgetStaleSchema(Oid server_id, Oid user_id, const char* session_key) noexcept {
  auto found = SchemaCache().end();
  try {
    found = SchemaCache().find(SchemaKey(server_id, user_id, session_key != nullptr ? session_key : ""));
  } catch (...) {
    return;  // out of memory for the key: the model stays, as without the error
  }
  if (found == SchemaCache().end() || !found->second.model) return;
  if (std::chrono::steady_clock::now() - found->second.asked_at >= kRefreshAfter) SchemaCache().erase(found);
}

bool SaysNotInSchema(const rr::RemoteError& error) {
  if (error.kind() != rr::ErrorKind::kGraphQL) return false;
  const std::string message = error.what();
  // graphql-js's validation messages (also Apollo's, yoga's, Hasura's own wording).
  for (const char* text : {"Cannot query field", "Unknown argument", "not found in type", "Unknown type"})
    if (message.find(text) != std::string::npos) return true;
  return false;
}

void SetRedactedUrl(ErrorSite* site, const char* url) {
  std::string redacted = rr::RedactUrl(url);
  CallPostgres([&] { site->url = pstrdup(redacted.c_str()); });
}

long OptionalPositive(const char* text, long fallback, long max) {
  return text == nullptr ? fallback : rr::ParsePositiveInteger(text, max);
}

namespace {
// The parsed remote_relationship.allowed_hosts, kept while the setting's text is the same.
std::shared_ptr<const rr::AllowedHosts> AllowedHostsNow() {
  static std::string parsed_text;
  static std::shared_ptr<const rr::AllowedHosts> parsed;
  const char* text = allowed_hosts_setting != nullptr ? allowed_hosts_setting : "";
  if (!parsed || parsed_text != text) {
    try {
      parsed = std::make_shared<rr::AllowedHosts>(rr::AllowedHosts::Parse(text));
    } catch (const rr::RemoteError&) {
      // Only a value from the configuration file gets here (SET refuses a bad one): a limit
      // that cannot be read allows nothing, rather than everything.
      parsed = std::make_shared<rr::AllowedHosts>(rr::AllowedHosts::DenyAll());
    }
    parsed_text = text;
  }
  return parsed;
}
}  // namespace

rr::HttpRequest HttpRequestFor(const TableOptions* options, bool for_explain) {
  if (options->forwarded_error != nullptr && !for_explain)
    throw rr::RemoteError(rr::ErrorKind::kInvalidOption, options->forwarded_error);
  rr::HeaderList server = options->server_headers != nullptr ? rr::ParseHeadersJson(options->server_headers) : rr::HeaderList();
  rr::HeaderList user = options->user_headers != nullptr ? rr::ParseHeadersJson(options->user_headers) : rr::HeaderList();
  for (int i = 0; i < options->nenvironment; i++)
    user = rr::MergeHeaders(std::move(user), {{options->environment_names[i], options->environment_values[i]}});
  rr::HeaderList forwarded;
  for (int i = 0; i < options->nforwarded; i++)
    if (options->forwarded_values[i][0] != '\0') forwarded.emplace_back(options->forwarded_names[i], options->forwarded_values[i]);
  rr::HttpRequest http;
  http.url = options->url;
  // Server headers, then the user mapping's (the credentials), then the session's: a role
  // may write its own mapping, and must not be able to forge what is forwarded about it.
  http.headers = rr::MergeHeaders(rr::MergeHeaders(std::move(server), user), forwarded);
  http.follow_redirects = options->follow_redirects != nullptr && strcmp(options->follow_redirects, "true") == 0;
  if (options->ca_file != nullptr) http.ca_file = options->ca_file;
  http.allowed_hosts = AllowedHostsNow();
  http.timeout_ms = OptionalPositive(options->timeout_ms, kDefaultTimeoutMs, kMaxTimeoutMs);
  http.connect_timeout_ms = OptionalPositive(options->connect_timeout_ms, kDefaultConnectTimeoutMs, kMaxTimeoutMs);
  http.max_response_bytes = OptionalPositive(options->max_response_bytes, kDefaultMaxResponseBytes, kMaxResponseBytes);
  if (options->max_retries != nullptr)
    http.max_retries = static_cast<int>(rr::ParseIntegerInRange(options->max_retries, 0, kMaxRetries));
  return http;
}

char* allowed_hosts_setting = nullptr;

namespace {
bool CheckAllowedHosts(char** newval, void** extra, GucSource source) {
  (void)extra;
  // A bad value from the configuration (postgresql.conf, ALTER SYSTEM) must not fall back to
  // the default, no limit, when the library loads: it is taken, and then allows no host. SET
  // refuses it.
  if (source < PGC_S_INTERACTIVE) return true;
  char message[512] = "";
  try {
    rr::AllowedHosts::Parse(*newval != nullptr ? *newval : "");
  } catch (const std::exception& error) {
    snprintf(message, sizeof(message), "%s", error.what());
  } catch (...) {
    snprintf(message, sizeof(message), "the list cannot be read");
  }
  if (message[0] == '\0') return true;
  GUC_check_errdetail("%s", message);
  return false;
}
}  // namespace

void DefineSettings() {
  DefineCustomStringVariable(
      "remote_relationship.allowed_hosts",
      "Host names, IP addresses and CIDR ranges that remote requests may connect to (empty: any).",
      "Checked on the address actually connected to, after DNS resolution, for every request and redirect.",
      &allowed_hosts_setting, "", PGC_SUSET, 0, CheckAllowedHosts, nullptr, nullptr);
  DefineCustomBoolVariable(
      "remote_relationship.enable_pushdown",
      "Sends WHERE conditions on filter columns to the remote in its filter argument.",
      "Off: only conditions that feed arguments (which the remote may need) are sent; every condition is "
      "checked locally either way.",
      &enable_pushdown_setting, true, PGC_USERSET, 0, nullptr, nullptr, nullptr);
  DefineCustomBoolVariable(
      "remote_relationship.enable_batched_join",
      "Lets the planner join a foreign table by batches of keys, many in one request.",
      nullptr, &enable_batched_join_setting, true, PGC_USERSET, 0, nullptr, nullptr, nullptr);
  MarkGUCPrefixReserved("remote_relationship");
}

void RegisterCacheCallbacks() {
  CacheRegisterSyscacheCallback(FOREIGNSERVEROID, ForgetServerSchemas, 0);
  CacheRegisterSyscacheCallback(FOREIGNSERVEROID, ForgetServerClients, 0);
  CacheRegisterSyscacheCallback(USERMAPPINGOID, ForgetAllSchemas, 0);
}

bool TransferShouldStop() { return QueryCancelPending || ProcDiePending; }

}  // namespace rr_pg
