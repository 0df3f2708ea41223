// The HTTP client and the paging scan against a tiny HTTP server in a thread, so that
// keep-alive, timeouts, the abort hook, the size limit and dropped connections are tested
// without the GraphQL test server.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/error.hpp"
#include "core/http_client.hpp"
#include "core/remote_scan.hpp"
#include "core/retry.hpp"

namespace {

using Clock = std::chrono::steady_clock;

// Answers each request with respond(request_body); respond returns the raw HTTP answer,
// or "" to close the connection without answering.
class TinyServer {
 public:
  explicit TinyServer(std::function<std::string(const std::string&)> respond) : respond_(std::move(respond)) {
    listener_ = socket(AF_INET, SOCK_STREAM, 0);
    int yes = 1;
    setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof(address));
    listen(listener_, 16);
    socklen_t length = sizeof(address);
    getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] { Serve(); });
  }
  ~TinyServer() {
    stopping_ = true;
    shutdown(listener_, SHUT_RDWR);
    close(listener_);
    thread_.join();
    {
      std::lock_guard<std::mutex> lock(mutex_);
      for (int connection : open_connections_) shutdown(connection, SHUT_RDWR);
    }
    for (auto& worker : workers_) worker.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/graphql"; }
  int connections() const { return connections_; }
  std::vector<std::string> bodies() {
    std::lock_guard<std::mutex> lock(mutex_);
    return bodies_;
  }
  // Each request's request line and header lines, as received.
  std::vector<std::string> heads() {
    std::lock_guard<std::mutex> lock(mutex_);
    return heads_;
  }

 private:
  // Each connection in its own thread, so that concurrent requests are answered concurrently.
  void Serve() {
    while (!stopping_) {
      int connection = accept(listener_, nullptr, nullptr);
      if (connection < 0) return;
      connections_++;
      std::lock_guard<std::mutex> lock(mutex_);
      open_connections_.push_back(connection);
      workers_.emplace_back([this, connection] { Handle(connection); });
    }
  }

  void Handle(int connection) {
    {
      std::string buffer;
      char chunk[4096];
      bool open = true;
      while (open && !stopping_) {
        size_t header_end;
        while ((header_end = buffer.find("\r\n\r\n")) == std::string::npos) {
          ssize_t n = recv(connection, chunk, sizeof(chunk), 0);
          if (n <= 0) { open = false; break; }
          buffer.append(chunk, static_cast<size_t>(n));
        }
        if (!open) break;
        size_t length_at = buffer.find("Content-Length: ");
        size_t content_length = length_at == std::string::npos ? 0 : std::stoul(buffer.substr(length_at + 16));
        while (buffer.size() < header_end + 4 + content_length) {
          ssize_t n = recv(connection, chunk, sizeof(chunk), 0);
          if (n <= 0) { open = false; break; }
          buffer.append(chunk, static_cast<size_t>(n));
        }
        if (!open) break;
        std::string head = buffer.substr(0, header_end);
        std::string body = buffer.substr(header_end + 4, content_length);
        buffer.erase(0, header_end + 4 + content_length);
        {
          std::lock_guard<std::mutex> lock(mutex_);
          heads_.push_back(head);
          bodies_.push_back(body);
        }
        std::string answer = respond_(body);
        if (answer.empty()) break;
        send(connection, answer.data(), answer.size(), MSG_NOSIGNAL);
      }
    }
    std::lock_guard<std::mutex> lock(mutex_);
    open_connections_.erase(std::find(open_connections_.begin(), open_connections_.end(), connection));
    close(connection);
  }

  std::function<std::string(const std::string&)> respond_;
  int listener_ = -1;
  int port_ = 0;
  std::thread thread_;
  std::atomic<bool> stopping_{false};
  std::atomic<int> connections_{0};
  std::mutex mutex_;
  std::vector<std::string> bodies_;
  std::vector<std::string> heads_;
  std::vector<int> open_connections_;
  std::vector<std::thread> workers_;
};

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

// The values of every header called name (case-insensitive) in a request head, in order.
std::vector<std::string> HeaderValues(const std::string& head, const std::string& name) {
  std::vector<std::string> values;
  size_t start = head.find("\r\n");  // skip the request line
  while (start != std::string::npos) {
    start += 2;
    size_t end = head.find("\r\n", start);
    std::string line = head.substr(start, end == std::string::npos ? std::string::npos : end - start);
    size_t colon = line.find(':');
    if (colon != std::string::npos && Lower(line.substr(0, colon)) == Lower(name)) {
      size_t value_start = line.find_first_not_of(' ', colon + 1);
      values.push_back(value_start == std::string::npos ? "" : line.substr(value_start));
    }
    start = end;
  }
  return values;
}

std::string Ok(const std::string& json) {
  return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(json.size()) +
         "\r\n\r\n" + json;
}

// A POST of "{}" to server.
rr::HttpRequest RequestTo(const TinyServer& server) {
  rr::HttpRequest request;
  request.url = server.url();
  request.body = "{}";
  return request;
}

rr::ErrorKind PostError(rr::HttpClient& client, const rr::HttpRequest& request,
                        const std::function<bool()>& abort = nullptr) {
  try {
    client.Post(request, abort);
  } catch (const rr::RemoteError& error) {
    return error.kind();
  }
  ADD_FAILURE() << "no error";
  return rr::ErrorKind::kInternal;
}

struct CurlInit {
  CurlInit() { rr::HttpGlobalInit(); }
} curl_init;

// A scan of root field "items" (one column, id) against server.
rr::RemoteScan MakeScan(const TinyServer& server, std::shared_ptr<rr::HttpClient> client, rr::Pagination pagination,
                        long page_size = 1000) {
  rr::ScanRequestSpec spec;
  spec.query_field = "items";
  spec.pagination = pagination;
  spec.page_size = page_size;
  spec.fields = {rr::ParseFieldSpec("id")};
  rr::HttpRequest http;
  http.url = server.url();
  return rr::RemoteScan(spec, http, {rr::CellFormat::kText}, std::move(client), nullptr);
}

TEST(HttpClient, KeepsTheConnectionAlive) {
  TinyServer server([](const std::string&) { return Ok(R"({"data":{}})"); });
  rr::HttpClient client;
  rr::HttpRequest request = RequestTo(server);
  request.headers = {{"Authorization", "Bearer t"}};
  for (int i = 0; i < 5; ++i) {
    rr::HttpResponse response = client.Post(request, nullptr);
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body, R"({"data":{}})");
    EXPECT_EQ(response.reused_connection, i > 0);
  }
  EXPECT_EQ(server.connections(), 1);
  EXPECT_EQ(client.connections_opened(), 1);
}

TEST(HttpClient, SendsBuiltInHeadersOnce) {
  TinyServer server([](const std::string&) { return Ok(R"({"data":{}})"); });
  rr::HttpClient client;
  client.Post(RequestTo(server), nullptr);
  std::string head = server.heads().at(0);
  EXPECT_EQ(HeaderValues(head, "Content-Type"), std::vector<std::string>{"application/json"});
  EXPECT_EQ(HeaderValues(head, "Accept"),
            std::vector<std::string>{"application/graphql-response+json, application/json"});
  EXPECT_TRUE(HeaderValues(head, "Expect").empty());
}

TEST(HttpClient, SendsAnEmptyHeaderValue) {
  TinyServer server([](const std::string&) { return Ok(R"({"data":{}})"); });
  rr::HttpClient client;
  rr::HttpRequest request = RequestTo(server);
  request.headers = {{"X-Empty", ""}, {"X-Blank", "  "}, {"X-Full", "v"}};
  client.Post(request, nullptr);
  std::string head = server.heads().at(0);
  EXPECT_EQ(HeaderValues(head, "X-Empty"), std::vector<std::string>{""});
  EXPECT_EQ(HeaderValues(head, "X-Blank"), std::vector<std::string>{""});
  EXPECT_EQ(HeaderValues(head, "X-Full"), std::vector<std::string>{"v"});
}

TEST(HttpClient, UserContentTypeAndAcceptReplaceTheBuiltInOnes) {
  TinyServer server([](const std::string&) { return Ok(R"({"data":{}})"); });
  rr::HttpClient client;
  rr::HttpRequest request = RequestTo(server);
  request.headers = {{"content-TYPE", "application/json; charset=utf-8"}, {"ACCEPT", "application/json"}};
  client.Post(request, nullptr);
  std::string head = server.heads().at(0);
  EXPECT_EQ(HeaderValues(head, "Content-Type"), std::vector<std::string>{"application/json; charset=utf-8"});
  EXPECT_EQ(HeaderValues(head, "Accept"), std::vector<std::string>{"application/json"});
}

TEST(HttpClient, NoWaitAfterATransferEnds) {
  // A request answered at once must not wait for the 100 ms abort-polling tick: 20 of them
  // take far less than 20 ticks.
  TinyServer server([](const std::string&) { return Ok(R"({"data":{}})"); });
  rr::HttpClient client;
  rr::HttpRequest request = RequestTo(server);
  auto start = Clock::now();
  for (int i = 0; i < 20; ++i) client.Post(request, [] { return false; });
  EXPECT_LT(Clock::now() - start, std::chrono::milliseconds(1000));
}

TEST(HttpClient, PostAllSendsTheRequestsTogether) {
  std::atomic<int> in_flight{0}, most_in_flight{0};
  TinyServer server([&](const std::string& body) {
    int now = ++in_flight;
    for (int seen = most_in_flight; now > seen && !most_in_flight.compare_exchange_weak(seen, now);) {
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
    --in_flight;
    if (body == "\"drop\"") return std::string();
    return Ok("{\"echo\": " + body + "}");
  });
  rr::HttpClient client;
  std::vector<rr::HttpRequest> requests;
  for (int i = 0; i < 4; ++i) {
    requests.push_back(RequestTo(server));
    requests.back().body = std::to_string(i);
  }
  std::vector<rr::HttpOutcome> outcomes = client.PostAll(requests, nullptr);
  ASSERT_EQ(outcomes.size(), 4u);
  for (int i = 0; i < 4; ++i) {
    ASSERT_EQ(outcomes[i].error, nullptr);
    EXPECT_EQ(outcomes[i].response.status, 200);
    EXPECT_EQ(outcomes[i].response.body, "{\"echo\": " + std::to_string(i) + "}");  // in the order sent
  }
  EXPECT_EQ(most_in_flight, 4);
  EXPECT_EQ(server.connections(), 4);
  // The connections stay open for the next call, and for a Post.
  client.PostAll(requests, nullptr);
  EXPECT_EQ(server.connections(), 4);
  client.Post(requests[0], nullptr);
  EXPECT_EQ(server.connections(), 4);
  // A failed request fails only its outcome.
  requests[2].body = "\"drop\"";
  outcomes = client.PostAll(requests, nullptr);
  ASSERT_NE(outcomes[2].error, nullptr);
  EXPECT_EQ(outcomes[2].error->kind(), rr::ErrorKind::kTransfer);
  for (int i : {0, 1, 3}) {
    ASSERT_EQ(outcomes[i].error, nullptr);
    EXPECT_EQ(outcomes[i].response.body, "{\"echo\": " + std::to_string(i) + "}");
  }
}

TEST(HttpClient, PostAllStopsAllOnAbort) {
  TinyServer server([](const std::string&) {
    std::this_thread::sleep_for(std::chrono::milliseconds(800));
    return Ok("{}");
  });
  rr::HttpClient client;
  std::vector<rr::HttpRequest> requests(3, RequestTo(server));
  auto started = Clock::now();
  try {
    client.PostAll(requests, [&] { return Clock::now() - started > std::chrono::milliseconds(100); });
    ADD_FAILURE() << "no error";
  } catch (const rr::RemoteError& error) {
    EXPECT_EQ(error.kind(), rr::ErrorKind::kCancelled);
  }
  EXPECT_LT(Clock::now() - started, std::chrono::milliseconds(600));
}

TEST(HttpClient, ConnectionRefused) {
  rr::HttpClient client;
  rr::HttpRequest request;
  request.url = "http://127.0.0.1:1/graphql";
  request.body = "{}";
  EXPECT_EQ(PostError(client, request), rr::ErrorKind::kConnection);
}

TEST(HttpClient, TimeoutWhenTheServerIsSlow) {
  TinyServer server([](const std::string&) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    return Ok("{}");
  });
  rr::HttpClient client;
  rr::HttpRequest request = RequestTo(server);
  request.timeout_ms = 200;
  auto start = Clock::now();
  EXPECT_EQ(PostError(client, request), rr::ErrorKind::kTimeout);
  EXPECT_LT(Clock::now() - start, std::chrono::milliseconds(1200));
}

TEST(HttpClient, AbortHookStopsTheTransferQuickly) {
  TinyServer server([](const std::string&) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    return Ok("{}");
  });
  rr::HttpClient client;
  rr::HttpRequest request = RequestTo(server);
  auto start = Clock::now();
  auto abort = [start] { return Clock::now() - start > std::chrono::milliseconds(150); };
  EXPECT_EQ(PostError(client, request, abort), rr::ErrorKind::kCancelled);
  EXPECT_LT(Clock::now() - start, std::chrono::milliseconds(600));
}

TEST(HttpClient, ResponseSizeLimit) {
  std::string big(100000, 'x');
  TinyServer server([&big](const std::string&) { return Ok("\"" + big + "\""); });
  rr::HttpClient client;
  rr::HttpRequest request = RequestTo(server);
  request.max_response_bytes = 1000;
  EXPECT_EQ(PostError(client, request), rr::ErrorKind::kTooLarge);
  request.max_response_bytes = 200000;
  EXPECT_EQ(client.Post(request, nullptr).body.size(), big.size() + 2);
}

TEST(HttpClient, DroppedConnection) {
  TinyServer server([](const std::string&) { return std::string(); });
  rr::HttpClient client;
  rr::HttpRequest request = RequestTo(server);
  EXPECT_EQ(PostError(client, request), rr::ErrorKind::kTransfer);
}

TEST(RemoteScan, FollowsRelayPagesWithVariables) {
  TinyServer server([](const std::string& body) {
    if (body.find(R"("after":null)") != std::string::npos)
      return Ok(R"({"data":{"items":{"edges":[{"node":{"id":1}},{"node":{"id":2}}],
                    "pageInfo":{"hasNextPage":true,"endCursor":"c2"}}}})");
    return Ok(R"({"data":{"items":{"edges":[{"node":{"id":3}}],"pageInfo":{"hasNextPage":false,"endCursor":"c3"}}}})");
  });
  auto client = std::make_shared<rr::HttpClient>();
  rr::RemoteScan scan = MakeScan(server, client, rr::Pagination::kRelay, 2);
  std::vector<std::string> ids;
  while (scan.NextRow()) ids.emplace_back(scan.cells()[0].data);
  EXPECT_EQ(ids, (std::vector<std::string>{"1", "2", "3"}));
  EXPECT_EQ(scan.stats().requests, 2);
  EXPECT_EQ(scan.stats().rows, 3);
  auto bodies = server.bodies();
  ASSERT_EQ(bodies.size(), 2u);
  EXPECT_NE(bodies[1].find(R"("variables":{"first":2,"after":"c2"})"), std::string::npos);

  // A rescan starts again from the first page.
  scan.Restart();
  ASSERT_TRUE(scan.NextRow());
  EXPECT_STREQ(scan.cells()[0].data, "1");
}

TEST(RemoteScan, StopsWhenTheCursorDoesNotAdvance) {
  TinyServer server([](const std::string&) {
    return Ok(R"({"data":{"items":{"edges":[{"node":{"id":1}}],"pageInfo":{"hasNextPage":true,"endCursor":"same"}}}})");
  });
  auto client = std::make_shared<rr::HttpClient>();
  rr::RemoteScan scan = MakeScan(server, client, rr::Pagination::kRelay);
  EXPECT_TRUE(scan.NextRow());
  EXPECT_THROW({ while (scan.NextRow()) {} }, rr::RemoteError);
  EXPECT_EQ(scan.stats().requests, 2);
}

TEST(RemoteScan, StopsWhenCursorsGoRoundInACircle) {
  TinyServer server([](const std::string& body) {
    bool at_b = body.find(R"("after":"A")") != std::string::npos;
    return Ok(std::string(R"({"data":{"items":{"edges":[{"node":{"id":1}}],"pageInfo":{"hasNextPage":true,"endCursor":")") +
              (at_b ? "B" : "A") + R"("}}}})");
  });
  auto client = std::make_shared<rr::HttpClient>();
  rr::RemoteScan scan = MakeScan(server, client, rr::Pagination::kRelay);
  EXPECT_THROW({ while (scan.NextRow()) {} }, rr::RemoteError);
  EXPECT_EQ(scan.stats().requests, 3);  // A, B, then A again
}

TEST(RemoteScan, OffsetPagesGoOnPastAShortPage) {
  // A remote that caps pages at 2 rows although 3 were asked for; 5 rows in all.
  TinyServer server([](const std::string& body) {
    if (body.find(R"("offset":0)") != std::string::npos) return Ok(R"({"data":{"items":[{"id":1},{"id":2}]}})");
    if (body.find(R"("offset":2)") != std::string::npos) return Ok(R"({"data":{"items":[{"id":3},{"id":4}]}})");
    if (body.find(R"("offset":4)") != std::string::npos) return Ok(R"({"data":{"items":[{"id":5}]}})");
    return Ok(R"({"data":{"items":[]}})");
  });
  auto client = std::make_shared<rr::HttpClient>();
  rr::RemoteScan scan = MakeScan(server, client, rr::Pagination::kOffset, 3);
  int rows = 0;
  while (scan.NextRow()) ++rows;
  EXPECT_EQ(rows, 5);
  EXPECT_EQ(scan.stats().requests, 4);
}

// A scan of json-graphql-server style page-number paging: perPage rows a page, page from 0.
rr::RemoteScan MakePageScan(const TinyServer& server, long page_size) {
  rr::ScanRequestSpec spec;
  spec.query_field = "items";
  spec.pagination = rr::Pagination::kOffset;
  spec.limit_argument = "perPage";
  spec.offset_argument = "page";
  spec.offset_in_pages = true;
  spec.page_size = page_size;
  spec.fields = {rr::ParseFieldSpec("id")};
  rr::HttpRequest http;
  http.url = server.url();
  return rr::RemoteScan(spec, http, {rr::CellFormat::kText}, std::make_shared<rr::HttpClient>(), nullptr);
}

TEST(RemoteScan, PageNumbersCountPagesNotRows) {
  TinyServer server([](const std::string& body) {
    if (body.find(R"("page":0)") != std::string::npos) return Ok(R"({"data":{"items":[{"id":1},{"id":2}]}})");
    if (body.find(R"("page":1)") != std::string::npos) return Ok(R"({"data":{"items":[{"id":3}]}})");
    return Ok(R"({"data":{"items":[]}})");
  });
  rr::RemoteScan scan = MakePageScan(server, 2);
  std::vector<std::string> ids;
  while (scan.NextRow()) ids.emplace_back(scan.cells()[0].data);
  EXPECT_EQ(ids, (std::vector<std::string>{"1", "2", "3"}));
  auto bodies = server.bodies();
  ASSERT_EQ(bodies.size(), 3u);
  EXPECT_NE(bodies[0].find(R"("variables":{"perPage":2,"page":0})"), std::string::npos) << bodies[0];
  EXPECT_NE(bodies[1].find(R"("variables":{"perPage":2,"page":1})"), std::string::npos) << bodies[1];
  EXPECT_NE(bodies[2].find(R"("variables":{"perPage":2,"page":2})"), std::string::npos) << bodies[2];
  EXPECT_NE(bodies[0].find("items(perPage: $perPage, page: $page)"), std::string::npos) << bodies[0];
}

TEST(RemoteScan, PageNumbersRefuseAShortPageFollowedByRows) {
  // The remote caps pages at 2 rows although 3 were asked for: page 1 starts at row 2, not
  // 3, so reading on would silently skip a row.
  TinyServer server([](const std::string& body) {
    if (body.find(R"("page":0)") != std::string::npos) return Ok(R"({"data":{"items":[{"id":1},{"id":2}]}})");
    if (body.find(R"("page":1)") != std::string::npos) return Ok(R"({"data":{"items":[{"id":3},{"id":4}]}})");
    return Ok(R"({"data":{"items":[]}})");
  });
  rr::RemoteScan scan = MakePageScan(server, 3);
  int rows = 0;
  try {
    while (scan.NextRow()) ++rows;
    ADD_FAILURE() << "no error";
  } catch (const rr::RemoteError& error) {
    EXPECT_EQ(error.kind(), rr::ErrorKind::kBadResponse);
    EXPECT_EQ(std::string(error.what()), "field \"items\" returned a page of fewer than 3 rows that was not the last");
    EXPECT_NE(error.detail().find("lower the table's page_size"), std::string::npos);
  }
  EXPECT_EQ(rows, 2);
  EXPECT_EQ(scan.stats().requests, 2);
  // A rescan starts again from page 0, the short page forgotten.
  scan.Restart();
  ASSERT_TRUE(scan.NextRow());
  EXPECT_STREQ(scan.cells()[0].data, "1");
}

TEST(RemoteScan, PageNumbersEndOnAShortPageFollowedByNothing) {
  TinyServer server([](const std::string& body) {
    if (body.find(R"("page":0)") != std::string::npos) return Ok(R"({"data":{"items":[{"id":1}]}})");
    return Ok(R"({"data":{"items":[]}})");
  });
  rr::RemoteScan scan = MakePageScan(server, 5);
  int rows = 0;
  while (scan.NextRow()) ++rows;
  EXPECT_EQ(rows, 1);
  EXPECT_EQ(scan.stats().requests, 2);
}

TEST(RemoteScan, SingleObjectInOneRequest) {
  TinyServer server([](const std::string& body) {
    if (body.find(R"("id":"7")") != std::string::npos) return Ok(R"({"data":{"item":{"id":7}}})");
    return Ok(R"({"data":{"item":null}})");
  });
  rr::ScanRequestSpec spec;
  spec.query_field = "item";
  spec.result = rr::ResultShape::kObject;
  spec.fields = {rr::ParseFieldSpec("id")};
  spec.variables = {{"id", "ID!", R"("7")"}};
  rr::HttpRequest http;
  http.url = server.url();
  rr::RemoteScan scan(spec, http, {rr::CellFormat::kText}, std::make_shared<rr::HttpClient>(), nullptr);
  ASSERT_TRUE(scan.NextRow());
  EXPECT_STREQ(scan.cells()[0].data, "7");
  EXPECT_FALSE(scan.NextRow());
  EXPECT_EQ(scan.stats().requests, 1);
  // Another id that finds nothing: no row.
  scan.SetVariable(0, R"("8")");
  scan.Restart();
  EXPECT_FALSE(scan.NextRow());
  EXPECT_EQ(scan.stats().requests, 2);
  EXPECT_EQ(scan.stats().rows, 1);
}

TEST(RemoteScan, RerunsWithNewVariableValues) {
  TinyServer server([](const std::string& body) {
    bool two = body.find(R"("user_id":2)") != std::string::npos;
    return Ok(two ? R"({"data":{"items":[{"id":20},{"id":21}]}})" : R"({"data":{"items":[{"id":10}]}})");
  });
  rr::ScanRequestSpec spec;
  spec.query_field = "items";
  spec.fields = {rr::ParseFieldSpec("id")};
  spec.variables = {{"user_id", "Int", "1"}};
  rr::HttpRequest http;
  http.url = server.url();
  rr::RemoteScan scan(spec, http, {rr::CellFormat::kText}, std::make_shared<rr::HttpClient>(), nullptr);
  std::vector<std::string> ids;
  while (scan.NextRow()) ids.emplace_back(scan.cells()[0].data);
  scan.Restart({"2"});
  while (scan.NextRow()) ids.emplace_back(scan.cells()[0].data);
  EXPECT_EQ(ids, (std::vector<std::string>{"10", "20", "21"}));
  auto bodies = server.bodies();
  ASSERT_EQ(bodies.size(), 2u);
  // The same document both times; only the variables differ.
  EXPECT_EQ(bodies[0].substr(0, bodies[0].find("\"variables\"")), bodies[1].substr(0, bodies[1].find("\"variables\"")));
  EXPECT_THROW(scan.Restart({"1", "2"}), rr::RemoteError);
}

// A Relay scan of items(user_id: $user_id) with pages of one row, reading id as text.
rr::RemoteScan UserItemsScan(const std::string& url) {
  rr::ScanRequestSpec spec;
  spec.query_field = "items";
  spec.pagination = rr::Pagination::kRelay;
  spec.page_size = 1;
  spec.fields = {rr::ParseFieldSpec("id")};
  spec.variables = {{"user_id", "Int", "1"}};
  rr::HttpRequest http;
  http.url = url;
  return rr::RemoteScan(spec, http, {rr::CellFormat::kText}, std::make_shared<rr::HttpClient>(), nullptr);
}

TEST(RemoteScan, LanesFetchTheirPagesTogether) {
  std::atomic<int> in_flight{0}, most_in_flight{0};
  TinyServer server([&](const std::string& body) {
    int now = ++in_flight;
    for (int seen = most_in_flight; now > seen && !most_in_flight.compare_exchange_weak(seen, now);) {
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    --in_flight;
    bool first_page = body.find(R"("after":null)") != std::string::npos;
    if (body.find(R"("user_id":1)") != std::string::npos)  // two pages
      return Ok(first_page ? R"({"data":{"items":{"edges":[{"node":{"id":10}}],"pageInfo":{"hasNextPage":true,"endCursor":"a"}}}})"
                           : R"({"data":{"items":{"edges":[{"node":{"id":11}}],"pageInfo":{"hasNextPage":false,"endCursor":"b"}}}})");
    if (body.find(R"("user_id":2)") != std::string::npos)
      return Ok(R"({"data":{"items":{"edges":[{"node":{"id":20}},null],"pageInfo":{"hasNextPage":false,"endCursor":"c"}}}})");
    if (body.find(R"("user_id":4)") != std::string::npos)
      return Ok(R"({"errors":[{"message":"no user 4"}]})");
    return Ok(R"({"data":{"items":{"edges":[],"pageInfo":{"hasNextPage":false,"endCursor":null}}}})");
  });
  rr::RemoteScan scan = UserItemsScan(server.url());
  scan.SetBatching(1, 4);
  scan.SetVariable(0, "2");
  scan.AddLane();
  scan.SetVariable(0, "3");
  scan.AddLane();
  EXPECT_EQ(scan.lanes(), 3u);
  std::vector<std::string> ids;
  while (scan.NextRow()) ids.emplace_back(scan.cells()[0].data);
  // Lane after lane; the first pages of all three went out together, then lane 1's second.
  EXPECT_EQ(ids, (std::vector<std::string>{"10", "11", "20"}));
  EXPECT_EQ(most_in_flight, 3);
  EXPECT_EQ(scan.stats().requests, 4);
  EXPECT_EQ(scan.stats().pages, 4);
  EXPECT_EQ(scan.stats().null_items, 1);
  EXPECT_EQ(server.bodies().size(), 4u);

  // Restart leaves one lane, with the variables as they are now; a lane's error is the scan's.
  scan.Restart();
  EXPECT_EQ(scan.lanes(), 1u);
  EXPECT_FALSE(scan.NextRow());  // user 3: no rows
  scan.SetVariable(0, "1");
  scan.Restart();
  scan.SetVariable(0, "4");
  scan.AddLane();
  try {
    scan.NextRow();
    ADD_FAILURE() << "no error";
  } catch (const rr::RemoteError& error) {
    EXPECT_NE(std::string(error.what()).find("no user 4"), std::string::npos) << error.what();
  }
}

TEST(RemoteScan, AliasedLanesShareARequest) {
  TinyServer server([](const std::string& body) {
    // Two aliased root fields a request: k0 for user 1 (two pages), k1 for user 2 (one).
    if (body.find(R"("k0_user_id":1)") != std::string::npos && body.find(R"("k0_after":null)") != std::string::npos)
      return Ok(R"({"data":{"k0":{"edges":[{"node":{"id":10}}],"pageInfo":{"hasNextPage":true,"endCursor":"a"}},
                    "k1":{"edges":[{"node":{"id":20}}],"pageInfo":{"hasNextPage":false,"endCursor":"c"}}}})");
    if (body.find(R"("user_id":1)") != std::string::npos)  // user 1's second page, alone
      return Ok(R"({"data":{"items":{"edges":[{"node":{"id":11}}],"pageInfo":{"hasNextPage":false,"endCursor":"b"}}}})");
    return Ok(R"({"data":{"k0":{"edges":[{"node":{"id":30}}],"pageInfo":{"hasNextPage":false,"endCursor":"d"}}}})");
  });
  rr::RemoteScan scan = UserItemsScan(server.url());
  scan.SetBatching(2, 1);
  scan.SetVariable(0, "2");
  scan.AddLane();
  std::vector<std::string> ids;
  while (scan.NextRow()) ids.emplace_back(scan.cells()[0].data);
  EXPECT_EQ(ids, (std::vector<std::string>{"10", "11", "20"}));
  auto bodies = server.bodies();
  ASSERT_EQ(bodies.size(), 2u);
  EXPECT_NE(bodies[0].find("query RemoteRelationshipBatch($k0_first: Int!, $k0_after: String, $k0_user_id: Int, "
                           "$k1_first: Int!, $k1_after: String, $k1_user_id: Int) { k0: items(first: $k0_first, "
                           "after: $k0_after, user_id: $k0_user_id)"),
            std::string::npos)
      << bodies[0];
  EXPECT_NE(bodies[0].find(R"("variables":{"k0_first":1,"k0_after":null,"k0_user_id":1,"k1_first":1,"k1_after":null,"k1_user_id":2})"),
            std::string::npos)
      << bodies[0];
  EXPECT_NE(bodies[1].find(R"("variables":{"first":1,"after":"a","user_id":1})"), std::string::npos) << bodies[1];
}

TEST(RemoteScan, HttpErrorStatus) {
  TinyServer server([](const std::string&) {
    return std::string("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 4\r\n\r\nbusy");
  });
  auto client = std::make_shared<rr::HttpClient>();
  rr::RemoteScan scan = MakeScan(server, client, rr::Pagination::kNone);
  try {
    scan.NextRow();
    FAIL();
  } catch (const rr::RemoteError& error) {
    EXPECT_EQ(error.kind(), rr::ErrorKind::kHttpStatus);
    // 503 is transient: sent twice more (max_retries' default) before the error.
    EXPECT_EQ(std::string(error.what()), "the remote server answered HTTP 503 (after 2 retries)");
    EXPECT_EQ(error.detail(), "Response body: busy");
  }
  EXPECT_EQ(scan.stats().retries, 2);
  EXPECT_EQ(scan.stats().requests, 3);
}

// An answer with status and extra header lines.
std::string Status(int status, const std::string& headers, const std::string& body = "busy") {
  return "HTTP/1.1 " + std::to_string(status) + " X\r\nContent-Type: text/plain\r\n" + headers +
         "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

TEST(HttpClient, ReadsRetryAfterAsSecondsOrADate) {
  std::atomic<int> n{0};
  TinyServer server([&](const std::string&) {
    switch (n++) {
      case 0: return Status(429, "Retry-After: 7\r\n");
      case 1: return Status(503, "Retry-After: Wed, 21 Oct 2015 07:28:00 GMT\r\n");
      case 2: return Status(503, "Retry-After: soon\r\n");
      default: return Status(503, "");
    }
  });
  rr::HttpClient client;
  EXPECT_EQ(client.Post(RequestTo(server), nullptr).retry_after_seconds, 7);
  EXPECT_EQ(client.Post(RequestTo(server), nullptr).retry_after_seconds, 0);  // a date in the past
  EXPECT_EQ(client.Post(RequestTo(server), nullptr).retry_after_seconds, -1);
  EXPECT_EQ(client.Post(RequestTo(server), nullptr).retry_after_seconds, -1);
}

TEST(Retry, SendsAgainOnlyWhatIsTransient) {
  std::atomic<int> n{0};
  TinyServer server([&](const std::string&) {
    int i = n++;
    if (i < 2) return Status(i == 0 ? 502 : 429, "Retry-After: 0\r\n");
    return Ok(R"({"data":{}})");
  });
  rr::HttpClient client;
  long retries = 0;
  rr::HttpResponse response = rr::PostWithRetries(&client, RequestTo(server), nullptr, &retries);
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(retries, 2);
  EXPECT_EQ(n.load(), 3);

  // 400 and a 403 without Retry-After are answers, not transient failures.
  for (int status : {400, 403, 500}) {
    TinyServer refusing([&](const std::string&) { return Status(status, ""); });
    retries = 0;
    EXPECT_EQ(rr::PostWithRetries(&client, RequestTo(refusing), nullptr, &retries).status, status);
    EXPECT_EQ(retries, 0);
  }
}

TEST(Retry, GivesUpAfterMaxRetries) {
  std::atomic<int> n{0};
  TinyServer server([&](const std::string&) {
    n++;
    return Status(504, "");
  });
  rr::HttpClient client;
  rr::HttpRequest request = RequestTo(server);
  request.max_retries = 1;
  long retries = 0;
  auto started = Clock::now();
  rr::HttpResponse response = rr::PostWithRetries(&client, request, nullptr, &retries);
  EXPECT_EQ(response.status, 504);
  EXPECT_EQ(retries, 1);
  EXPECT_EQ(n.load(), 2);
  // The backoff before the first retry: 125 to 250 ms.
  EXPECT_GE(Clock::now() - started, std::chrono::milliseconds(125));
  try {
    rr::ThrowFinalHttpStatus(request, response);
  } catch (const rr::RemoteError& error) {
    EXPECT_EQ(std::string(error.what()), "the remote server answered HTTP 504 (after 1 retry)");
  }
}

TEST(Retry, ALongRetryAfterIsAnErrorAtOnce) {
  TinyServer server([&](const std::string&) { return Status(429, "Retry-After: 3600\r\n"); });
  rr::HttpClient client;
  try {
    rr::PostWithRetries(&client, RequestTo(server), nullptr);
    ADD_FAILURE() << "no error";
  } catch (const rr::RemoteError& error) {
    EXPECT_EQ(error.kind(), rr::ErrorKind::kHttpStatus);
    EXPECT_NE(std::string(error.what()).find("after 3600 s"), std::string::npos);
  }
}

TEST(Retry, TheWaitEndsOnAbort) {
  TinyServer server([&](const std::string&) { return Status(503, "Retry-After: 30\r\n"); });
  rr::HttpClient client;
  auto started = Clock::now();
  auto abort = [&] { return Clock::now() - started > std::chrono::milliseconds(200); };
  try {
    rr::PostWithRetries(&client, RequestTo(server), abort);
    ADD_FAILURE() << "no error";
  } catch (const rr::RemoteError& error) {
    EXPECT_EQ(error.kind(), rr::ErrorKind::kCancelled);
  }
  EXPECT_LT(Clock::now() - started, std::chrono::seconds(5));
}

}  // namespace
