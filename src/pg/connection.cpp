#include "connection.hpp"

#include <chrono>
#include <map>
#include <memory>
#include <unordered_map>

#include "core/error.hpp"
#include "core/remote_scan.hpp"

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
// What introspection found for one server and user: the root fields, or nullptr while the
// remote refuses introspection. A refusal is asked again after a minute, since rate limits
// (GitHub, Shopify) look just like it; root fields when a caller misses something in them
// that is older than kRefreshAfter (the remote schema may have grown).
struct RootFieldEntry {
  std::shared_ptr<const rr::RootFields> fields;
  std::chrono::steady_clock::time_point fetched_at;
};
constexpr std::chrono::seconds kRefusalKeptFor(60);
constexpr std::chrono::seconds kRefreshAfter(10);

// Keyed by server and user: both decide what the remote shows.
std::map<std::pair<Oid, Oid>, RootFieldEntry>& RootFieldCache() {
  static std::map<std::pair<Oid, Oid>, RootFieldEntry> cache;
  return cache;
}

// ALTER SERVER / USER MAPPING may point elsewhere or change the role: forget everything.
void ForgetRootFields(Datum, int, uint32) noexcept { RootFieldCache().clear(); }

// ALTER or DROP SERVER: close the server's connections (a running scan keeps its client
// alive until it ends). Clearing every entry is simpler and these changes are rare.
void ForgetClients(Datum, int, uint32) noexcept { Clients().clear(); }
}  // namespace

std::shared_ptr<const rr::RootFields> GetRootFields(Oid server_id, Oid user_id, const rr::HttpRequest& request,
                                                    bool refresh, rr::ScanStats* sent) {
  auto key = std::make_pair(server_id, user_id);
  auto& cache = RootFieldCache();
  auto now = std::chrono::steady_clock::now();
  auto found = cache.find(key);
  if (found != cache.end()) {
    auto age = now - found->second.fetched_at;
    bool fresh = found->second.fields ? !(refresh && age >= kRefreshAfter) : age < kRefusalKeptFor;
    if (fresh) return found->second.fields;
  }

  rr::HttpRequest introspection = request;
  introspection.body = rr::RootFields::RequestBody();
  rr::HttpResponse response = GetHttpClient(server_id)->Post(introspection, &TransferShouldStop);
  sent->requests++;
  sent->bytes_received += static_cast<long>(response.body.size());
  // A remote that refuses introspection (common in production) answers with GraphQL errors
  // or 400/403/404: remember that for a while; the scan then writes fixed arguments as
  // literals. Other failures (401, 429, 5xx, network) are errors and are not cached.
  std::shared_ptr<rr::RootFields> fields = std::make_shared<rr::RootFields>();
  if (response.status == 400 || response.status == 403 || response.status == 404) {
    fields.reset();
  } else if (response.status < 200 || response.status > 299) {
    rr::ThrowHttpStatusError(response.status, response.body, response.content_type);
  } else {
    try {
      fields->Load(std::move(response.body));
    } catch (const rr::RemoteError& error) {
      if (error.kind() != rr::ErrorKind::kGraphQL) throw;
      fields.reset();
    }
  }
  RootFieldEntry& entry = cache[key];
  entry.fields = fields;
  entry.fetched_at = now;
  return fields;
}

void RegisterCacheCallbacks() {
  CacheRegisterSyscacheCallback(FOREIGNSERVEROID, ForgetRootFields, 0);
  CacheRegisterSyscacheCallback(FOREIGNSERVEROID, ForgetClients, 0);
  CacheRegisterSyscacheCallback(USERMAPPINGOID, ForgetRootFields, 0);
}

bool TransferShouldStop() { return QueryCancelPending || ProcDiePending; }

}  // namespace rr_pg
