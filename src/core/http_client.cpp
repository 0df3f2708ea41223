#include "http_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <curl/curl.h>

#include <pthread.h>
#include <signal.h>

#include <memory>
#include <new>

#include "error.hpp"

namespace rr {

namespace {

struct Transfer {
  HttpResponse* response;
  long max_bytes;
  bool too_large = false;
  bool out_of_memory = false;
};

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
    transfer->response->body.append(data, bytes);
  } catch (...) {
    transfer->out_of_memory = true;
    return 0;
  }
  return bytes;
}

// Detaches the easy handle from the multi handle and drops pointers into this call's
// buffers, on every way out of Post.
class AttachedTransfer {
 public:
  AttachedTransfer(CURLM* multi, CURL* easy) : multi_(multi), easy_(easy) {}
  ~AttachedTransfer() {
    curl_multi_remove_handle(multi_, easy_);
    curl_easy_setopt(easy_, CURLOPT_HTTPHEADER, nullptr);
    curl_easy_setopt(easy_, CURLOPT_POSTFIELDS, nullptr);
    curl_easy_setopt(easy_, CURLOPT_WRITEDATA, nullptr);
  }
  AttachedTransfer(const AttachedTransfer&) = delete;
  AttachedTransfer& operator=(const AttachedTransfer&) = delete;

 private:
  CURLM* multi_;
  CURL* easy_;
};

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

HttpClient::HttpClient() {
  easy_ = curl_easy_init();
  multi_ = curl_multi_init();
  if (easy_ == nullptr || multi_ == nullptr) {
    if (easy_ != nullptr) curl_easy_cleanup(static_cast<CURL*>(easy_));
    if (multi_ != nullptr) curl_multi_cleanup(static_cast<CURLM*>(multi_));
    throw RemoteError(ErrorKind::kInternal, "could not initialise libcurl");
  }
}

HttpClient::~HttpClient() {
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
  // Redirects are followed here, not by libcurl, and only within the same scheme, host and
  // port: the request's headers (user-mapping credentials, forwarded values) must never go
  // to another host, and libcurl would keep all but Authorization and Cookie.
  std::string url = request.url;
  std::string origin = request.follow_redirects ? UrlOrigin(request.url) : "";
  constexpr int kMaxRedirects = 5;
  for (int redirects = 0;; ++redirects) {
    std::string target;
    HttpResponse response = PostOnce(request, url, should_abort, &target);
    if (!request.follow_redirects || !IsRedirect(response.status) || target.empty()) return response;
    if (UrlOrigin(target) != origin || origin.empty())
      throw RemoteError(ErrorKind::kHttpStatus,
                        "the remote server redirected to another scheme, host or port, which is not followed",
                        "follow_redirects follows redirects to " + RedactUrl(origin) + " only; the URL to use is " +
                            RedactUrl(target) + ".");
    if (redirects == kMaxRedirects)
      throw RemoteError(ErrorKind::kHttpStatus, "the remote server redirected more than " +
                                                    std::to_string(kMaxRedirects) + " times");
    url = target;
  }
}

HttpResponse HttpClient::PostOnce(const HttpRequest& request, const std::string& url,
                                  const std::function<bool()>& should_abort, std::string* redirect_url) {
  CURL* easy = static_cast<CURL*>(easy_);
  CURLM* multi = static_cast<CURLM*>(multi_);
  HttpResponse response;
  Transfer transfer{&response, request.max_response_bytes};

  std::unique_ptr<curl_slist, SlistDeleter> headers;
  auto add_header = [&headers](const std::string& line) {
    curl_slist* list = curl_slist_append(headers.get(), line.c_str());
    if (list == nullptr) throw RemoteError(ErrorKind::kInternal, "out of memory building HTTP headers");
    // curl_slist_append returns the head: the same list once it exists, a new one at first.
    (void)headers.release();
    headers.reset(list);
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
  curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, request.timeout_ms);
  curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, request.connect_timeout_ms);
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, OnBody);
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, &transfer);
  curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "");  // whatever libcurl can decode
  curl_easy_setopt(easy, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(easy, CURLOPT_USERAGENT, "remote_relationship/0.1");
  if (!request.ca_file.empty()) curl_easy_setopt(easy, CURLOPT_CAINFO, request.ca_file.c_str());
  // Proxies from the server's environment (http_proxy, ...) are not used: through one, the
  // address checked would be the proxy's, and the remote's name resolved where no check sees it.
  curl_easy_setopt(easy, CURLOPT_PROXY, "");
  ConnectionCheck check;
  check.easy = easy;
  check.allowed = request.allowed_hosts.get();
  if (request.allowed_hosts != nullptr && !request.allowed_hosts->empty()) {
    bool set = curl_easy_setopt(easy, CURLOPT_OPENSOCKETFUNCTION, OpenCheckedSocket) == CURLE_OK &&
               curl_easy_setopt(easy, CURLOPT_OPENSOCKETDATA, &check) == CURLE_OK &&
               curl_easy_setopt(easy, CURLOPT_PREREQFUNCTION, CheckConnection) == CURLE_OK &&
               curl_easy_setopt(easy, CURLOPT_PREREQDATA, &check) == CURLE_OK;
    if (!set)  // fail closed: without the check, no request
      throw RemoteError(ErrorKind::kInternal, "this libcurl cannot check remote_relationship.allowed_hosts");
  }
  static_assert(sizeof(error_buffer_) >= CURL_ERROR_SIZE, "libcurl error buffer too small");
  char* curl_error = error_buffer_;
  curl_error[0] = '\0';
  curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, curl_error);
#if LIBCURL_VERSION_NUM >= 0x075700
  // An aborted transfer must not wait for a DNS lookup in progress to finish.
  curl_easy_setopt(easy, CURLOPT_QUICK_EXIT, 1L);
#endif

  CURLMcode added = curl_multi_add_handle(multi, easy);
  if (added != CURLM_OK)
    throw RemoteError(ErrorKind::kInternal, std::string("libcurl: ") + curl_multi_strerror(added));
  AttachedTransfer attached(multi, easy);

  // Drive the transfer; wait for socket activity at most 100 ms at a time so that the
  // abort hook is asked often enough for a cancel to land quickly.
  CURLcode result = CURLE_OK;
  bool done = false;
  bool aborted = false;
  while (!done) {
    int running = 0;
    CURLMcode code;
    {
      SignalsBlocked blocked;
      code = curl_multi_perform(multi, &running);
    }
    int queued = 0;
    while (CURLMsg* message = curl_multi_info_read(multi, &queued)) {
      if (message->msg == CURLMSG_DONE && message->easy_handle == easy) {
        result = message->data.result;
        done = true;
      }
    }
    if (code == CURLM_OK && !done) code = curl_multi_poll(multi, nullptr, 0, 100, nullptr);
    if (code != CURLM_OK)
      throw RemoteError(ErrorKind::kInternal, std::string("libcurl: ") + curl_multi_strerror(code));
    if (!done && should_abort && should_abort()) {
      aborted = true;
      break;
    }
  }

  long connects = 0;
  curl_easy_getinfo(easy, CURLINFO_NUM_CONNECTS, &connects);
  connections_opened_ += connects;
  response.reused_connection = done && connects == 0;

  if (aborted) throw RemoteError(ErrorKind::kCancelled, "the request was interrupted");
  if (transfer.out_of_memory) throw std::bad_alloc();
  if (transfer.too_large)
    throw RemoteError(ErrorKind::kTooLarge,
                      "the response is larger than max_response_bytes (" +
                          std::to_string(request.max_response_bytes) + " bytes)");
  if (check.refused)
    throw RemoteError(ErrorKind::kConnection,
                      std::string("the connection to host \"") + check.host + "\" (address " + check.address +
                          ") is not allowed by remote_relationship.allowed_hosts",
                      request.allowed_hosts->denies_all()
                          ? "The setting's value could not be read, so no host is allowed; correct it in the configuration."
                          : "");
  if (result != CURLE_OK) {
    std::string reason = curl_error[0] != '\0' ? curl_error : curl_easy_strerror(result);
    switch (result) {
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
  curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &response.status);
  char* content_type = nullptr;
  curl_easy_getinfo(easy, CURLINFO_CONTENT_TYPE, &content_type);
  if (content_type != nullptr) response.content_type = content_type;
  char* location = nullptr;  // the Location of a 3xx, resolved against the URL
  curl_easy_getinfo(easy, CURLINFO_REDIRECT_URL, &location);
  if (location != nullptr) *redirect_url = location;
  return response;
}

}  // namespace rr
