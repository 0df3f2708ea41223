#include "http_client.hpp"

#include <chrono>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <curl/curl.h>

#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <ctime>
#include <memory>
#include <new>

#include "error.hpp"

namespace rr {

namespace {

struct Transfer {
  HttpResponse* response;
  long max_bytes;
  void* easy = nullptr;  // CURL*: for the Content-Length, once the body starts
  bool too_large = false;
  bool out_of_memory = false;
};

// What a Content-Length may make us allocate before the bytes come: a lying header costs no
// more than this.
constexpr curl_off_t kMaxBodyReserve = 16L * 1024 * 1024;

// Called from libcurl's C frames: nothing may be thrown from here.
size_t OnBody(char* data, size_t size, size_t count, void* user) noexcept {
  auto* transfer = static_cast<Transfer*>(user);
  size_t bytes = size * count;
  transfer->response->bytes_received += bytes;
  if (static_cast<long>(transfer->response->body.size() + bytes) > transfer->max_bytes) {
    transfer->too_large = true;
    return 0;  // makes libcurl fail with CURLE_WRITE_ERROR
  }
  try {
    if (transfer->response->body.empty()) {
      // One allocation for a body of known length (a hint: compressed bodies grow past it),
      // not a copy at every doubling.
      curl_off_t length = -1;
      if (transfer->easy != nullptr &&
          curl_easy_getinfo(static_cast<CURL*>(transfer->easy), CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length) == CURLE_OK &&
          length > 0 && length <= transfer->max_bytes)
        transfer->response->body.reserve(static_cast<size_t>(std::min<curl_off_t>(length, kMaxBodyReserve)) + 1);
    }
    transfer->response->body.append(data, bytes);
  } catch (...) {
    transfer->out_of_memory = true;
    return 0;
  }
  return bytes;
}

// libcurl's threaded resolver starts threads inside curl_multi_perform; PostgreSQL's signal
// handlers must only ever run on the backend's own thread, so the threads are born with
// every signal blocked.
class SignalsBlocked {
 public:
  SignalsBlocked() {
    sigset_t all;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &saved_);
  }
  ~SignalsBlocked() { pthread_sigmask(SIG_SETMASK, &saved_, nullptr); }

 private:
  sigset_t saved_;
};

// A header as libcurl takes it. "Name:" with nothing after the colon tells libcurl to
// remove the header, so an empty (or blank) value is written "Name;", its syntax for
// sending the header with an empty value.
std::string HeaderLine(const std::string& name, const std::string& value) {
  if (value.find_first_not_of(" \t") == std::string::npos) return name + ";";
  return name + ": " + value;
}

struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

}  // namespace

void HttpGlobalInit() { curl_global_init(CURL_GLOBAL_DEFAULT); }

namespace {

// An easy handle and a multi handle, both or neither.
void InitHandles(void** easy, void** multi) {
  *easy = curl_easy_init();
  *multi = curl_multi_init();
  if (*easy == nullptr || *multi == nullptr) {
    if (*easy != nullptr) curl_easy_cleanup(static_cast<CURL*>(*easy));
    if (*multi != nullptr) curl_multi_cleanup(static_cast<CURLM*>(*multi));
    throw RemoteError(ErrorKind::kInternal, "could not initialise libcurl");
  }
}

}  // namespace

HttpClient::HttpClient() { InitHandles(&easy_, &multi_); }

HttpClient::~HttpClient() {
  prefetch_.reset();
  for (void* easy : extra_easy_) curl_easy_cleanup(static_cast<CURL*>(easy));
  curl_easy_cleanup(static_cast<CURL*>(easy_));
  curl_multi_cleanup(static_cast<CURLM*>(multi_));
}

namespace {

// What the connection check needs and what it found (CURLOPT_OPENSOCKETDATA, PREREQDATA).
// Plain buffers: the callbacks run inside libcurl's C frames and must not throw.
struct ConnectionCheck {
  CURL* easy;
  const AllowedHosts* allowed;
  bool refused = false;
  char host[256] = "";
  char address[64] = "";
};

bool Allowed(ConnectionCheck* check, const char* address) noexcept {
  try {
    // The URL being requested now (after a redirect, the new one).
    char* url = nullptr;
    curl_easy_getinfo(check->easy, CURLINFO_EFFECTIVE_URL, &url);
    snprintf(check->host, sizeof(check->host), "%s", url != nullptr ? UrlHost(url).c_str() : "");
    if (check->allowed->Allows(check->host, address)) return true;
  } catch (...) {
  }
  if (!check->refused) snprintf(check->address, sizeof(check->address), "%s", address);  // the first one refused
  check->refused = true;
  return false;
}

// Before each connection attempt (every address of a name, every redirect): the address
// about to be connected to, after DNS resolution. A refused one is never connected to.
curl_socket_t OpenCheckedSocket(void* data, curlsocktype purpose, struct curl_sockaddr* target) {
  auto* check = static_cast<ConnectionCheck*>(data);
  char address[64] = "";
  if (purpose == CURLSOCKTYPE_IPCXN && target->family == AF_INET)
    inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(&target->addr)->sin_addr, address, sizeof(address));
  else if (purpose == CURLSOCKTYPE_IPCXN && target->family == AF_INET6)
    inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(&target->addr)->sin6_addr, address, sizeof(address));
  if (!Allowed(check, address)) return CURL_SOCKET_BAD;
  return socket(target->family, target->socktype, target->protocol);
}

// Before each request, also on a kept-alive connection (the setting may have changed since
// it was opened).
int CheckConnection(void* data, char* primary_ip, char* local_ip, int primary_port, int local_port) {
  (void)local_ip;
  (void)primary_port;
  (void)local_port;
  auto* check = static_cast<ConnectionCheck*>(data);
  return Allowed(check, primary_ip != nullptr ? primary_ip : "") ? CURL_PREREQFUNC_OK : CURL_PREREQFUNC_ABORT;
}

bool IsRedirect(long status) { return status == 301 || status == 302 || status == 303 || status == 307 || status == 308; }

}  // namespace

HttpResponse HttpClient::Post(const HttpRequest& request, const std::function<bool()>& should_abort) {
  std::string target;
  HttpResponse response = PostOnce(request, request.url, should_abort, &target);
  if (!request.follow_redirects || !IsRedirect(response.status) || target.empty()) return response;
  return FollowRedirects(request, target, should_abort);
}

HttpResponse HttpClient::FollowRedirects(const HttpRequest& request, std::string target,
                                         const std::function<bool()>& should_abort) {
  // Redirects are followed here, not by libcurl, and only within the same scheme, host and
  // port: the request's headers (user-mapping credentials, forwarded values) must never go
  // to another host, and libcurl would keep all but Authorization and Cookie.
  std::string origin = UrlOrigin(request.url);
  constexpr int kMaxRedirects = 5;
  for (int redirects = 1;; ++redirects) {
    if (UrlOrigin(target) != origin || origin.empty())
      throw RemoteError(ErrorKind::kHttpStatus,
                        "the remote server redirected to another scheme, host or port, which is not followed",
                        "follow_redirects follows redirects to " + RedactUrl(origin) + " only; the URL to use is " +
                            RedactUrl(target) + ".");
    if (redirects > kMaxRedirects)
      throw RemoteError(ErrorKind::kHttpStatus, "the remote server redirected more than " +
                                                    std::to_string(kMaxRedirects) + " times");
    std::string next;
    HttpResponse response = PostOnce(request, target, should_abort, &next);
    if (!IsRedirect(response.status) || next.empty()) return response;
    target = next;
  }
}

namespace {

// One transfer on an easy handle: its options' buffers and what it found, from set-up to
// its result. Not movable: libcurl holds pointers into it.
struct TransferSlot {
  TransferSlot(const TransferSlot&) = delete;
  TransferSlot& operator=(const TransferSlot&) = delete;
  TransferSlot(CURL* handle, const HttpRequest& http_request)
      : easy(handle), request(http_request), transfer{&response, http_request.max_response_bytes, handle} {}

  CURL* easy;
  const HttpRequest& request;
  HttpResponse response;
  Transfer transfer;
  std::unique_ptr<curl_slist, SlistDeleter> headers;
  ConnectionCheck check;
  char error[CURL_ERROR_SIZE] = {0};
  bool attached = false;
  bool done = false;
  CURLcode result = CURLE_OK;
};

void Configure(TransferSlot* slot, const std::string& url) {
  CURL* easy = slot->easy;
  const HttpRequest& request = slot->request;
  auto add_header = [slot](const std::string& line) {
    curl_slist* list = curl_slist_append(slot->headers.get(), line.c_str());
    if (list == nullptr) throw RemoteError(ErrorKind::kInternal, "out of memory building HTTP headers");
    // curl_slist_append returns the head: the same list once it exists, a new one at first.
    (void)slot->headers.release();
    slot->headers.reset(list);
  };
  // The user's headers replace the built-in ones of the same name rather than doubling them.
  auto add_default = [&](const char* name, const std::string& line) {
    if (!HasHeader(request.headers, name)) add_header(line);
  };
  add_default("Content-Type", "Content-Type: application/json");
  add_default("Accept", "Accept: application/graphql-response+json, application/json");
  add_default("Expect", "Expect:");  // no 100-continue round trip for large bodies
  for (const auto& header : request.headers) add_header(HeaderLine(header.first, header.second));

  curl_easy_reset(easy);  // keeps the connection cache, clears last request's options
  curl_easy_setopt(easy, CURLOPT_URL, url.c_str());
  curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(easy, CURLOPT_POST, 1L);
  curl_easy_setopt(easy, CURLOPT_POSTFIELDS, request.body.c_str());
  curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  curl_easy_setopt(easy, CURLOPT_HTTPHEADER, slot->headers.get());
  curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, request.timeout_ms);
  curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, request.connect_timeout_ms);
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, OnBody);
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, &slot->transfer);
  curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "");  // whatever libcurl can decode
  curl_easy_setopt(easy, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(easy, CURLOPT_USERAGENT, "remote_relationship/0.1");
  if (!request.ca_file.empty()) curl_easy_setopt(easy, CURLOPT_CAINFO, request.ca_file.c_str());
  // Proxies from the server's environment (http_proxy, ...) are not used: through one, the
  // address checked would be the proxy's, and the remote's name resolved where no check sees it.
  curl_easy_setopt(easy, CURLOPT_PROXY, "");
  slot->check.easy = easy;
  slot->check.allowed = request.allowed_hosts.get();
  if (request.allowed_hosts != nullptr && !request.allowed_hosts->empty()) {
    bool set = curl_easy_setopt(easy, CURLOPT_OPENSOCKETFUNCTION, OpenCheckedSocket) == CURLE_OK &&
               curl_easy_setopt(easy, CURLOPT_OPENSOCKETDATA, &slot->check) == CURLE_OK &&
               curl_easy_setopt(easy, CURLOPT_PREREQFUNCTION, CheckConnection) == CURLE_OK &&
               curl_easy_setopt(easy, CURLOPT_PREREQDATA, &slot->check) == CURLE_OK;
    if (!set)  // fail closed: without the check, no request
      throw RemoteError(ErrorKind::kInternal, "this libcurl cannot check remote_relationship.allowed_hosts");
  }
  curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, slot->error);
#if LIBCURL_VERSION_NUM >= 0x075700
  // An aborted transfer must not wait for a DNS lookup in progress to finish.
  curl_easy_setopt(easy, CURLOPT_QUICK_EXIT, 1L);
#endif
}

// Drops the easy handle's pointers into a transfer's buffers, which are about to go.
void ForgetTransferBuffers(CURL* easy) {
  curl_easy_setopt(easy, CURLOPT_HTTPHEADER, nullptr);
  curl_easy_setopt(easy, CURLOPT_POSTFIELDS, nullptr);
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, nullptr);
  curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, nullptr);
  curl_easy_setopt(easy, CURLOPT_OPENSOCKETDATA, nullptr);
  curl_easy_setopt(easy, CURLOPT_PREREQDATA, nullptr);
}

// Detaches the transfers from the multi handle and drops pointers into their buffers, on
// every way out.
class AttachedTransfers {
 public:
  AttachedTransfers(CURLM* multi, std::vector<std::unique_ptr<TransferSlot>>* slots) : multi_(multi), slots_(slots) {}
  ~AttachedTransfers() {
    for (auto& slot : *slots_) {
      if (slot->attached) curl_multi_remove_handle(multi_, slot->easy);
      slot->attached = false;
      ForgetTransferBuffers(slot->easy);
    }
  }
  AttachedTransfers(const AttachedTransfers&) = delete;
  AttachedTransfers& operator=(const AttachedTransfers&) = delete;

 private:
  CURLM* multi_;
  std::vector<std::unique_ptr<TransferSlot>>* slots_;
};

// Drives every slot's transfer at once until all are done; waits for socket activity at
// most 100 ms at a time so that the abort hook is asked often enough for a cancel to land
// quickly. Throws kCancelled when it says stop.
void RunTransfers(CURLM* multi, std::vector<std::unique_ptr<TransferSlot>>* slots,
                  const std::function<bool()>& should_abort) {
  AttachedTransfers attached(multi, slots);
  for (auto& slot : *slots) {
    CURLMcode added = curl_multi_add_handle(multi, slot->easy);
    if (added != CURLM_OK)
      throw RemoteError(ErrorKind::kInternal, std::string("libcurl: ") + curl_multi_strerror(added));
    slot->attached = true;
  }
  size_t remaining = slots->size();
  while (remaining > 0) {
    int running = 0;
    CURLMcode code;
    {
      SignalsBlocked blocked;
      code = curl_multi_perform(multi, &running);
    }
    int queued = 0;
    while (CURLMsg* message = curl_multi_info_read(multi, &queued)) {
      if (message->msg != CURLMSG_DONE) continue;
      for (auto& slot : *slots)
        if (slot->easy == message->easy_handle && !slot->done) {
          slot->result = message->data.result;
          slot->done = true;
          remaining--;
        }
    }
    if (code == CURLM_OK && remaining > 0) code = curl_multi_poll(multi, nullptr, 0, 100, nullptr);
    if (code != CURLM_OK)
      throw RemoteError(ErrorKind::kInternal, std::string("libcurl: ") + curl_multi_strerror(code));
    if (remaining > 0 && should_abort && should_abort())
      throw RemoteError(ErrorKind::kCancelled, "the request was interrupted");
  }
}

// The answer of a finished transfer, or the RemoteError it deserves.
HttpResponse Finish(TransferSlot* slot, std::string* redirect_url) {
  CURL* easy = slot->easy;
  const HttpRequest& request = slot->request;
  if (slot->transfer.out_of_memory) throw std::bad_alloc();
  if (slot->transfer.too_large)
    throw RemoteError(ErrorKind::kTooLarge,
                      "the response is larger than max_response_bytes (" +
                          std::to_string(request.max_response_bytes) + " bytes)");
  if (slot->check.refused)
    throw RemoteError(ErrorKind::kConnection,
                      std::string("the connection to host \"") + slot->check.host + "\" (address " +
                          slot->check.address + ") is not allowed by remote_relationship.allowed_hosts",
                      request.allowed_hosts->denies_all()
                          ? "The setting's value could not be read, so no host is allowed; correct it in the configuration."
                          : "");
  if (slot->result != CURLE_OK) {
    std::string reason = slot->error[0] != '\0' ? slot->error : curl_easy_strerror(slot->result);
    switch (slot->result) {
      case CURLE_COULDNT_RESOLVE_HOST:
      case CURLE_COULDNT_RESOLVE_PROXY:
      case CURLE_COULDNT_CONNECT:
      case CURLE_SSL_CONNECT_ERROR:
      case CURLE_PEER_FAILED_VERIFICATION:
      case CURLE_SSL_CACERT_BADFILE:
        throw RemoteError(ErrorKind::kConnection, "could not connect to the remote server", reason);
      case CURLE_OPERATION_TIMEDOUT: {
        curl_off_t pretransfer = 0;  // stays 0 when no connection was ever ready
        curl_easy_getinfo(easy, CURLINFO_PRETRANSFER_TIME_T, &pretransfer);
        if (pretransfer == 0)
          throw RemoteError(ErrorKind::kConnection, "timed out connecting to the remote server", reason);
        throw RemoteError(ErrorKind::kTimeout, "the remote server did not answer within timeout_ms (" +
                                                   std::to_string(request.timeout_ms) + " ms)", reason);
      }
      default:
        throw RemoteError(ErrorKind::kTransfer, "the connection to the remote server failed", reason);
    }
  }
  HttpResponse response = std::move(slot->response);
  curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &response.status);
  char* content_type = nullptr;
  curl_easy_getinfo(easy, CURLINFO_CONTENT_TYPE, &content_type);
  if (content_type != nullptr) response.content_type = content_type;
  char* location = nullptr;  // the Location of a 3xx, resolved against the URL
  curl_easy_getinfo(easy, CURLINFO_REDIRECT_URL, &location);
  if (location != nullptr) *redirect_url = location;
  struct curl_header* retry_after = nullptr;
  if (curl_easy_header(easy, "Retry-After", 0, CURLH_HEADER, -1, &retry_after) == CURLHE_OK && retry_after != nullptr) {
    const char* value = retry_after->value;
    char* end = nullptr;
    long seconds = strtol(value, &end, 10);
    if (end != value && *end == '\0' && seconds >= 0) {
      response.retry_after_seconds = seconds;
    } else {
      time_t when = curl_getdate(value, nullptr);
      if (when != -1) response.retry_after_seconds = std::max<long>(0, static_cast<long>(when - time(nullptr)));
    }
  }
  return response;
}

}  // namespace

void* HttpClient::EasyHandle(size_t index) {
  if (index == 0) return easy_;
  while (extra_easy_.size() < index) {
    CURL* easy = curl_easy_init();
    if (easy == nullptr) throw RemoteError(ErrorKind::kInternal, "could not initialise libcurl");
    try {
      extra_easy_.push_back(easy);
    } catch (...) {
      curl_easy_cleanup(easy);
      throw;
    }
  }
  return extra_easy_[index - 1];
}

std::vector<HttpOutcome> HttpClient::PostOnceEach(const std::vector<const HttpRequest*>& requests,
                                                  const std::vector<std::string>& urls,
                                                  const std::function<bool()>& should_abort,
                                                  std::vector<std::string>* redirect_urls) {
  std::vector<std::unique_ptr<TransferSlot>> slots;
  for (size_t i = 0; i < requests.size(); i++) {
    slots.push_back(std::make_unique<TransferSlot>(static_cast<CURL*>(EasyHandle(i)), *requests[i]));
    Configure(slots.back().get(), urls[i]);
  }
  RunTransfers(static_cast<CURLM*>(multi_), &slots, should_abort);
  std::vector<HttpOutcome> outcomes(slots.size());
  redirect_urls->assign(slots.size(), std::string());
  for (size_t i = 0; i < slots.size(); i++) {
    long connects = 0;
    curl_easy_getinfo(slots[i]->easy, CURLINFO_NUM_CONNECTS, &connects);
    connections_opened_ += connects;
    try {
      outcomes[i].response = Finish(slots[i].get(), &(*redirect_urls)[i]);
      outcomes[i].response.reused_connection = connects == 0;
    } catch (const RemoteError& error) {
      outcomes[i].error = std::make_shared<RemoteError>(error);
    }
  }
  return outcomes;
}

HttpResponse HttpClient::PostOnce(const HttpRequest& request, const std::string& url,
                                  const std::function<bool()>& should_abort, std::string* redirect_url) {
  std::vector<std::string> redirects;
  std::vector<HttpOutcome> outcomes = PostOnceEach({&request}, {url}, should_abort, &redirects);
  if (outcomes[0].error != nullptr) throw *outcomes[0].error;
  *redirect_url = redirects[0];
  return std::move(outcomes[0].response);
}

std::vector<HttpOutcome> HttpClient::PostAll(const std::vector<HttpRequest>& requests,
                                             const std::function<bool()>& should_abort) {
  std::vector<const HttpRequest*> pointers;
  std::vector<std::string> urls;
  for (const auto& request : requests) {
    pointers.push_back(&request);
    urls.push_back(request.url);
  }
  std::vector<std::string> redirects;
  std::vector<HttpOutcome> outcomes = PostOnceEach(pointers, urls, should_abort, &redirects);
  // A redirect is followed on its own, as Post does (rare: the URL option is then out of date).
  for (size_t i = 0; i < outcomes.size(); i++) {
    if (outcomes[i].error != nullptr || !requests[i].follow_redirects || !IsRedirect(outcomes[i].response.status) ||
        redirects[i].empty())
      continue;
    try {
      outcomes[i].response = FollowRedirects(requests[i], redirects[i], should_abort);
    } catch (const RemoteError& error) {
      if (error.kind() == ErrorKind::kCancelled) throw;
      outcomes[i].error = std::make_shared<RemoteError>(error);
    }
  }
  return outcomes;
}

struct HttpPrefetch::Slot {
  std::unique_ptr<TransferSlot> transfer;
  bool attached = false;
};

HttpPrefetch::HttpPrefetch() { InitHandles(&easy_, &multi_); }

HttpPrefetch::~HttpPrefetch() {
  Cancel();
  curl_easy_cleanup(static_cast<CURL*>(easy_));
  curl_multi_cleanup(static_cast<CURLM*>(multi_));
}

void HttpPrefetch::Detach() {
  if (slot_ == nullptr) return;
  TransferSlot* transfer = slot_->transfer.get();
  if (slot_->attached) curl_multi_remove_handle(static_cast<CURLM*>(multi_), transfer->easy);
  slot_->attached = false;
  ForgetTransferBuffers(transfer->easy);
}

void HttpPrefetch::Cancel() {
  Detach();
  slot_.reset();
}

void HttpPrefetch::Start(const HttpRequest& request) {
  Cancel();
  request_ = request;
  auto slot = std::make_unique<Slot>();
  slot->transfer = std::make_unique<TransferSlot>(static_cast<CURL*>(easy_), request_);
  Configure(slot->transfer.get(), request_.url);
  slot_ = std::move(slot);
  CURLMcode added = curl_multi_add_handle(static_cast<CURLM*>(multi_), static_cast<CURL*>(easy_));
  if (added != CURLM_OK) {
    Cancel();
    throw RemoteError(ErrorKind::kInternal, std::string("libcurl: ") + curl_multi_strerror(added));
  }
  slot_->attached = true;
  // Sent now, not at the next Poll: on the kept-alive connection that is one step; a new
  // connection is waited for (briefly: if it takes longer, the polls and Finish go on).
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(200);
  for (;;) {
    Poll();
    curl_off_t sent = 0;
    curl_easy_getinfo(static_cast<CURL*>(easy_), CURLINFO_SIZE_UPLOAD_T, &sent);
    if (slot_->transfer->done || sent >= static_cast<curl_off_t>(request_.body.size()) ||
        std::chrono::steady_clock::now() >= deadline)
      break;
    curl_multi_poll(static_cast<CURLM*>(multi_), nullptr, 0, 5, nullptr);
  }
}

void HttpPrefetch::Poll() {
  if (slot_ == nullptr || slot_->transfer->done) return;
  int running = 0;
  CURLMcode code;
  {
    SignalsBlocked blocked;
    code = curl_multi_perform(static_cast<CURLM*>(multi_), &running);
  }
  int queued = 0;
  while (CURLMsg* message = curl_multi_info_read(static_cast<CURLM*>(multi_), &queued)) {
    if (message->msg != CURLMSG_DONE || message->easy_handle != slot_->transfer->easy) continue;
    slot_->transfer->result = message->data.result;
    slot_->transfer->done = true;
  }
  if (code != CURLM_OK) {
    slot_->transfer->result = CURLE_SEND_ERROR;  // reported by Finish as a failed transfer
    slot_->transfer->done = true;
  }
}

HttpResponse HttpPrefetch::Finish(const std::function<bool()>& should_abort) {
  if (slot_ == nullptr) throw RemoteError(ErrorKind::kInternal, "no request was sent ahead");
  struct Done {  // detached and forgotten on every way out
    HttpPrefetch* prefetch;
    ~Done() { prefetch->Cancel(); }
  } done{this};
  for (;;) {
    Poll();
    if (slot_->transfer->done) break;
    CURLMcode code = curl_multi_poll(static_cast<CURLM*>(multi_), nullptr, 0, 100, nullptr);
    if (code != CURLM_OK) throw RemoteError(ErrorKind::kInternal, std::string("libcurl: ") + curl_multi_strerror(code));
    if (should_abort && should_abort()) throw RemoteError(ErrorKind::kCancelled, "the request was interrupted");
  }
  Detach();
  std::string redirect_url;
  return rr::Finish(slot_->transfer.get(), &redirect_url);
}

HttpPrefetch* HttpClient::AcquirePrefetch(const void* owner) {
  if (prefetch_owner_ != nullptr && prefetch_owner_ != owner) return nullptr;
  if (prefetch_ == nullptr) prefetch_ = std::make_unique<HttpPrefetch>();
  prefetch_owner_ = owner;
  return prefetch_.get();
}

void HttpClient::ReleasePrefetch(const void* owner) {
  if (prefetch_owner_ != owner) return;
  if (prefetch_ != nullptr) prefetch_->Cancel();
  prefetch_owner_ = nullptr;
}

}  // namespace rr
