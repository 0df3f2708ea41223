// The HTTP connections of this backend: one keep-alive client per foreign server,
// reused by every later scan of that server in the session.
#pragma once

#include "pg_headers.hpp"

extern "C" {
#include "utils/wait_event.h"
}

#include <memory>

#include "core/error.hpp"
#include "core/http_client.hpp"
#include "core/remote_scan.hpp"
#include "core/schema.hpp"
#include "guard.hpp"
#include "option.hpp"

namespace rr_pg {

// The client for server_id, created on first use and kept (with its keep-alive connection)
// until the server is altered or dropped. C++ only (may throw); call it inside RunGuarded.
std::shared_ptr<rr::HttpClient> GetHttpClient(Oid server_id);

// How much a caller needs the remote's introspection.
enum class Introspection {
  kRequired,  // fixed arguments need their types: a failure is an error
  kOptional,  // pagination types, plain EXPLAIN: a failure means defaults, tried again after 10 s
  kRefresh,   // the cached answer lacks a field or argument: ask again if it is older than 10 s
  kReload,    // reload_schema(): ask now
};

// The schema model of the server as the user (and the forwarded header values) see it
// (remote schemas may differ per role),
// introspected with request (url, headers, limits) and cached in this backend until the
// server or a user mapping changes (or reload_schema is called). nullptr when the remote refuses introspection (asked again after a
// minute). A request sent is counted in *sent. Throws RemoteError when the request fails
// (callers that can do without catch it). Shared, so a cache reset cannot free it under the
// caller. C++ only; call it inside RunGuarded.
std::shared_ptr<const rr::SchemaModel> GetSchemaModel(const TableOptions* options, const rr::HttpRequest& request,
                                                      Introspection need, rr::ScanStats* sent);

// The request settings of a server and user mapping: url, merged headers (the user
// mapping's replace the server's of the same name), timeouts and size limit. C++ only.
// A forwarded setting that is not set is an error (kInvalidOption), unless for_explain: plain
// EXPLAIN then shows the plan (and may introspect without that header).
rr::HttpRequest HttpRequestFor(const TableOptions* options, bool for_explain = false);

// Sets site->url to url without credentials or query string, for the CONTEXT of errors.
// C++ only.
void SetRedactedUrl(ErrorSite* site, const char* url);

// An optional positive integer option, or fallback when it is not set. C++ only.
long OptionalPositive(const char* text, long fallback, long max);

// Forgets the cached schema model of server and user when it is older than the refresh
// interval (10 s): the remote said that a field or argument does not exist, so the schema
// has changed. Never throws.
void ForgetStaleSchema(Oid server_id, Oid user_id, const char* session_key) noexcept;

// Whether error is a remote validation error about a field, argument or type it lacks.
bool SaysNotInSchema(const rr::RemoteError& error);

// remote_relationship.allowed_hosts (superuser only); empty: no limit.
extern char* allowed_hosts_setting;

// Defines the extension's settings; called once from _PG_init.
void DefineSettings();

// Registers the cache invalidation callbacks; called once from _PG_init.
void RegisterCacheCallbacks();

// While a backend waits on the remote (or reads its answer), pg_stat_activity shows
// wait_event_type Extension. PostgreSQL 15 gives extensions this one generic event; an error
// in between ends it too (AbortTransaction does).
inline void BeginRemoteWait() { pgstat_report_wait_start(PG_WAIT_EXTENSION); }
inline void EndRemoteWait() { pgstat_report_wait_end(); }

// True when PostgreSQL wants the current transfer to stop (cancel, statement_timeout,
// termination). Reads flags only, never raises: safe as libcurl's abort hook.
bool TransferShouldStop();

}  // namespace rr_pg
