// Sending a request again after a rate limit or a gateway's transient failure.
#pragma once

#include <functional>
#include <vector>

#include "http_client.hpp"

namespace rr {

// A rate limit (429; GitHub's secondary limit is 403 with Retry-After) or a gateway's
// transient failure (502, 503, 504).
bool IsRetryable(const HttpResponse& response);

// A longer Retry-After is no transient failure to wait out inside one statement.
constexpr long kMaxRetryAfterSeconds = 60;

using SendFunction = std::function<std::vector<HttpOutcome>(const std::vector<HttpRequest>&)>;

// Sends requests through send, then sends again, up to max_retries times, those answered
// with IsRetryable: after the Retry-After the remote asked for, else an exponential backoff
// from 250 ms (at most 8 s) with jitter. Every request we send is a query, so sending one
// again changes nothing on the remote. The wait polls should_abort (cancel,
// statement_timeout) every 50 ms. A Retry-After above kMaxRetryAfterSeconds is an error at
// once. *retries (if given) counts the requests sent again.
std::vector<HttpOutcome> SendWithRetries(const std::vector<HttpRequest>& requests, int max_retries,
                                         const std::function<bool()>& should_abort, const SendFunction& send,
                                         long* retries);

// One request through client.Post, with SendWithRetries; transport failures throw.
HttpResponse PostWithRetries(HttpClient* client, const HttpRequest& request, const std::function<bool()>& should_abort,
                             long* retries = nullptr);

// ThrowHttpStatusError for a non-2xx answer, saying how many retries it came after.
[[noreturn]] void ThrowFinalHttpStatus(const HttpRequest& request, const HttpResponse& response);

}  // namespace rr
