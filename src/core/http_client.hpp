// A small HTTP client over libcurl for GraphQL POSTs.
//
// One HttpClient keeps one easy handle and one multi handle, so the TCP connection stays
// open between requests (keep-alive) for as long as the client lives. The transfer runs in
// a loop that wakes at least every 100 ms and asks the abort hook whether to stop, which is
// how query cancel and statement_timeout interrupt a slow remote.
#pragma once
#include "core.hpp"

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "error.hpp"
#include "network.hpp"
#include "options.hpp"

namespace rr {

struct HttpRequest {
  std::string url;
  HeaderList headers;
  std::string body;
  long timeout_ms = 30000;
  long connect_timeout_ms = 10000;
  long max_response_bytes = 256L * 1024 * 1024;
  // Redirects are refused (a 3xx answer is returned as such) unless followed: then at most
  // 5, only to the same scheme, host and port, the body and headers sent again.
  bool follow_redirects = false;
  // How many times a request that met a rate limit or a gateway's transient failure is
  // sent again (retry.hpp); HttpClient itself sends each request once.
  int max_retries = 2;
  std::string ca_file;  // CA certificates for TLS verification (which is always on); empty: the system's
  // When set and not empty, every connection (also after a redirect) must go to an allowed
  // host or address, checked once it is made and before anything is sent.
  std::shared_ptr<const AllowedHosts> allowed_hosts;
};

struct HttpResponse {
  long status = 0;
  std::string body;
  std::string content_type;
  size_t bytes_received = 0;
  bool reused_connection = false;
  long retry_after_seconds = -1;  // the Retry-After header (seconds or an HTTP date), -1: none
};

// One answer of PostAll: the response, or the error that request met.
struct HttpOutcome {
  HttpResponse response;
  std::shared_ptr<RemoteError> error;
};

class HttpPrefetch;

class HttpClient {
 public:
  HttpClient();
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Sends request; returns any HTTP answer, whatever its status. Throws RemoteError for
  // connection, timeout, transfer, size-limit and abort failures. should_abort is polled
  // during the transfer; returning true stops it with ErrorKind::kCancelled.
  HttpResponse Post(const HttpRequest& request, const std::function<bool()>& should_abort);

  // Sends every request at once (each on its own connection, kept alive for the next call)
  // and returns their answers in order, once all have arrived. A request's failure is its
  // outcome's error; an abort throws kCancelled for all.
  std::vector<HttpOutcome> PostAll(const std::vector<HttpRequest>& requests, const std::function<bool()>& should_abort);

  // One request to url, without following redirects; *redirect_url gets a 3xx's target.
  HttpResponse PostOnce(const HttpRequest& request, const std::string& url, const std::function<bool()>& should_abort,
                        std::string* redirect_url);

  // Number of TCP connections this client has opened (for tests of keep-alive).
  long connections_opened() const { return connections_opened_; }

  // The client's one transfer sent ahead (HttpPrefetch, on a second kept-alive connection),
  // for one scan at a time: nullptr while another owner holds it. Release cancels what is
  // still running.
  HttpPrefetch* AcquirePrefetch(const void* owner);
  void ReleasePrefetch(const void* owner);

 private:
  std::vector<HttpOutcome> PostOnceEach(const std::vector<const HttpRequest*>& requests,
                                        const std::vector<std::string>& urls, const std::function<bool()>& should_abort,
                                        std::vector<std::string>* redirect_urls);
  HttpResponse FollowRedirects(const HttpRequest& request, std::string target, const std::function<bool()>& should_abort);
  // The easy handle of the index-th transfer of a call (more are made as needed).
  void* EasyHandle(size_t index);

  void* easy_ = nullptr;   // CURL*
  void* multi_ = nullptr;  // CURLM*, whose connection cache all easy handles share
  std::vector<void*> extra_easy_;  // CURL*, for the second and later transfers of PostAll
  long connections_opened_ = 0;
  std::unique_ptr<HttpPrefetch> prefetch_;
  const void* prefetch_owner_ = nullptr;
};

// One request sent ahead of need: its transfer runs on a multi handle and connection of its
// own, moves on at each Poll() (which never waits), and is waited for by Finish(). Used to
// ask for a scan's next page while PostgreSQL still consumes the current one. Redirects are
// not followed here (a 3xx comes back as such). The destructor and Cancel() drop a transfer
// still running.
class HttpPrefetch {
 public:
  HttpPrefetch();
  ~HttpPrefetch();
  HttpPrefetch(const HttpPrefetch&) = delete;
  HttpPrefetch& operator=(const HttpPrefetch&) = delete;

  // Sends request (copied) without waiting for the answer. Throws RemoteError as Post does
  // for what fails at once; a prefetch already running is cancelled first.
  void Start(const HttpRequest& request);
  bool active() const { return slot_ != nullptr; }
  const HttpRequest& request() const { return request_; }
  // Lets the transfer move on, without waiting.
  void Poll();
  // Waits for the answer; the same results and errors as HttpClient::Post without redirects.
  HttpResponse Finish(const std::function<bool()>& should_abort);
  void Cancel();

 private:
  void Detach();

  void* easy_ = nullptr;   // CURL*
  void* multi_ = nullptr;  // CURLM*
  HttpRequest request_;
  struct Slot;
  std::unique_ptr<Slot> slot_;
};

// Must be called once per process before any HttpClient is used.
void HttpGlobalInit();

}  // namespace rr
