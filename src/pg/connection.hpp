// The HTTP connections of this backend: one keep-alive client per foreign server,
// reused by every later scan of that server in the session.
#pragma once

#include "pg_headers.hpp"

#include "core/http_client.hpp"

namespace rr_pg {

// The client for server_id, created on first use. C++ only (may throw); call it inside
// RunGuarded. The client lives until the backend exits.
rr::HttpClient* GetHttpClient(Oid server_id);

// True when PostgreSQL wants the current transfer to stop (cancel, statement_timeout,
// termination). Reads flags only, never raises: safe as libcurl's abort hook.
bool InterruptPending();

}  // namespace rr_pg
