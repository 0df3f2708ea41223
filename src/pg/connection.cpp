#include "connection.hpp"

#include <memory>
#include <unordered_map>

namespace rr_pg {

namespace {
// Per backend, so no locking. libcurl keeps the TCP connection inside the client.
std::unordered_map<Oid, std::unique_ptr<rr::HttpClient>>& Clients() {
  static std::unordered_map<Oid, std::unique_ptr<rr::HttpClient>> clients;
  return clients;
}
}  // namespace

rr::HttpClient* GetHttpClient(Oid server_id) {
  auto& clients = Clients();
  auto found = clients.find(server_id);
  if (found != clients.end()) return found->second.get();
  auto inserted = clients.emplace(server_id, std::make_unique<rr::HttpClient>());
  return inserted.first->second.get();
}

bool InterruptPending() { return QueryCancelPending || ProcDiePending; }

}  // namespace rr_pg
