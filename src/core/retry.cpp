#include "retry.hpp"

#include <algorithm>
#include <chrono>
#include <random>
#include <string>
#include <thread>

#include "error.hpp"
#include "remote_scan.hpp"

namespace rr {

bool IsRetryable(const HttpResponse& response) {
  return response.status == 429 || response.status == 502 || response.status == 503 || response.status == 504 ||
         (response.status == 403 && response.retry_after_seconds >= 0);
}

namespace {

// The Retry-After, else the backoff, with jitter so that several backends that met the
// same limit do not all come back at once.
long RetryDelayMs(const HttpResponse& response, int attempt) {
  if (response.retry_after_seconds >= 0) return response.retry_after_seconds * 1000;
  thread_local std::minstd_rand random(
      static_cast<unsigned>(std::chrono::steady_clock::now().time_since_epoch().count()));
  long full = std::min(8000L, 250L << std::min(attempt, 5));
  return full / 2 + static_cast<long>(random() % static_cast<unsigned long>(full / 2 + 1));
}

void WaitAbortably(long wait_ms, const std::function<bool()>& should_abort) {
  auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(wait_ms);
  for (;;) {
    if (should_abort && should_abort()) throw RemoteError(ErrorKind::kCancelled, "the request was interrupted");
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now());
    if (left.count() <= 0) return;
    std::this_thread::sleep_for(std::min(left, std::chrono::milliseconds(50)));
  }
}

}  // namespace

std::vector<HttpOutcome> SendWithRetries(const std::vector<HttpRequest>& requests, int max_retries,
                                         const std::function<bool()>& should_abort, const SendFunction& send,
                                         long* retries) {
  std::vector<HttpOutcome> outcomes = send(requests);
  for (int attempt = 0; attempt < max_retries; attempt++) {
    std::vector<size_t> again;
    long wait_ms = 0;
    for (size_t i = 0; i < outcomes.size(); i++) {
      const HttpResponse& response = outcomes[i].response;
      if (outcomes[i].error != nullptr || !IsRetryable(response)) continue;
      if (response.retry_after_seconds > kMaxRetryAfterSeconds)
        throw RemoteError(ErrorKind::kHttpStatus,
                          "the remote server answered HTTP " + std::to_string(response.status) +
                              " and asks to be retried after " + std::to_string(response.retry_after_seconds) + " s",
                          "A query waits out a Retry-After of at most " + std::to_string(kMaxRetryAfterSeconds) +
                              " s; try again later.");
      again.push_back(i);
      wait_ms = std::max(wait_ms, RetryDelayMs(response, attempt));
    }
    if (again.empty()) break;
    WaitAbortably(wait_ms, should_abort);
    std::vector<HttpRequest> resend;
    for (size_t i : again) resend.push_back(requests[i]);
    if (retries != nullptr) *retries += static_cast<long>(resend.size());
    std::vector<HttpOutcome> answers = send(resend);
    for (size_t j = 0; j < again.size(); j++) outcomes[again[j]] = std::move(answers[j]);
  }
  return outcomes;
}

HttpResponse PostWithRetries(HttpClient* client, const HttpRequest& request, const std::function<bool()>& should_abort,
                             long* retries) {
  std::vector<HttpOutcome> outcomes = SendWithRetries(
      {request}, request.max_retries, should_abort,
      [&](const std::vector<HttpRequest>& batch) {
        std::vector<HttpOutcome> one(1);
        one[0].response = client->Post(batch[0], should_abort);
        return one;
      },
      retries);
  return std::move(outcomes[0].response);
}

void ThrowFinalHttpStatus(const HttpRequest& request, const HttpResponse& response) {
  ThrowHttpStatusError(response.status, response.body, response.content_type,
                       IsRetryable(response) ? request.max_retries : 0);
}

}  // namespace rr
