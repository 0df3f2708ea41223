// One scan of a remote root field: sends the request page by page and walks the rows.
// Memory is bounded by one page: a page's body and tree are freed when the next arrives.
// Restart() re-runs the scan, also with new values for its variables (parameterized rescans).
// AddLane() adds another set of variable values to scan with it (a batched join's key
// batches): the lanes' pages are requested together, their rows come lane after lane, and
// memory is bounded by one page a lane.
#pragma once
#include "core.hpp"

#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "error.hpp"
#include "http_client.hpp"
#include "request.hpp"
#include "response.hpp"

namespace rr {

struct ScanStats {
  long requests = 0;
  long pages = 0;
  long rows = 0;
  long null_items = 0;  // null list items, edges or nodes: skipped, no row
  long other_members = 0;  // items of other types of a union or interface than the table's
  long bytes_received = 0;
  long retries = 0;       // requests sent again after a rate limit or a transient failure
  long pages_unused = 0;  // pages read ahead past a short or the last page, left unread
  long partial_errors = 0;          // GraphQL errors that nulled values (on_partial_error)
  std::string first_partial_error;  // the first one's message
  double network_ms = 0;  // waiting for the answers (sending, the remote's work, receiving)
  double parse_ms = 0;    // parsing them into pages
};

class RemoteScan {
 public:
  // client is shared (the connection cache may drop it while the scan runs); http carries
  // url, headers and limits.
  RemoteScan(ScanRequestSpec spec, HttpRequest http, std::vector<CellFormat> formats,
             std::shared_ptr<HttpClient> client, std::function<bool()> should_abort);
  ~RemoteScan();
  RemoteScan(const RemoteScan&) = delete;
  RemoteScan& operator=(const RemoteScan&) = delete;

  // Moves to the next row, fetching the next page when needed. False at the end.
  bool NextRow();

  // The cells of the current row (valid until the next NextRow).
  const std::vector<Cell>& cells() const { return cells_; }

  void Restart();

  // Restart with new values for the request's variables (a parameterized rescan).
  void Restart(const std::vector<std::string>& variable_values);

  // A new value for variable index (JSON text), for the next Restart or AddLane.
  void SetVariable(size_t index, std::string json_value);

  // Scans the request also with its variables as they are now, beside the lanes started
  // since the last Restart (which starts the first).
  void AddLane();
  size_t lanes() const { return lanes_.size(); }
  // The lane of the current row.
  size_t current_lane() const { return current_lane_; }

  // How the lanes' pages travel: up to aliases lanes' pages in one request (as aliased root
  // fields; 1: a request each), and up to in_flight requests at once.
  void SetBatching(size_t aliases, size_t in_flight);

  const ScanRequest& request() const { return request_; }
  const std::string& first_variables() const { return first_variables_; }
  const ScanStats& stats() const { return stats_; }

 private:
  // One set of variable values being scanned: its request and where its paging stands.
  struct Lane {
    explicit Lane(ScanRequest lane_request) : request(std::move(lane_request)) {}
    ScanRequest request;
    // The page being read (front) and, once another lane has asked for its next pages, the
    // one after it: the pages of all lanes travel together, at most two a lane in memory.
    std::deque<PageReader> pages;
    PagePosition position;
    size_t next_row = 0;      // in pages.front()
    bool last_page = false;   // the last page has been fetched
    bool short_page_seen = false;             // page-number paging: a page shorter than page_size
    long expected_items = -1;                 // the remote's count of the lane's rows; -1: not asked
    long items_received = 0;                  // non-null list items of the pages so far
    std::unordered_set<size_t> seen_cursors;  // hashes; a cursor seen twice means a loop
    bool full_pages = false;  // every page so far had page_size rows: pages ahead can be asked for
    bool WantsPage() const { return !last_page && pages.size() < 2; }
  };

  void FetchPages();
  bool ReadsAhead(const Lane& lane) const;
  // A relay scan of one lane asks for its next page as soon as it knows the endCursor, and
  // hands out the current page's rows while that request travels.
  bool PrefetchesNext(const Lane& lane) const;
  void StartPrefetch(const Lane& lane);
  // The prefetched answer as the lane's next page; false when there is none for it, or it
  // is not a plain 2xx answer (the page is then asked for again, with retries).
  bool TakePrefetched(Lane* lane);
  void DropPrefetch();
  // The pages after a full one of a plain offset scan, pages_ahead at once; those after a
  // short page (the end, or a remote that caps its pages) are dropped unread.
  void FetchPagesAhead(Lane* lane);
  std::shared_ptr<const ParsedResponse> ParseAnswer(HttpResponse* response);
  void AcceptAnswer(Lane* lane, HttpResponse* response);
  void CheckPartialErrorsUsed(const ParsedResponse& parsed, long partial_before);
  // Sends requests (at once when several), again those that met a rate limit or a
  // transient failure (SendWithRetries), counting them in stats_.
  std::vector<HttpOutcome> Send(const std::vector<HttpRequest>& requests);
  void AcceptPage(Lane* lane, std::shared_ptr<const ParsedResponse> response, const std::string& alias);
  bool NextRowOrThrow();

  ScanRequest request_;
  HttpRequest http_;
  std::vector<CellFormat> formats_;
  std::shared_ptr<HttpClient> client_;
  std::function<bool()> should_abort_;
  std::string first_variables_;

  std::vector<std::unique_ptr<Lane>> lanes_;
  size_t current_lane_ = 0;
  size_t aliases_ = 1;
  size_t in_flight_ = 1;
  std::vector<Cell> cells_;
  ScanStats stats_;
  HttpPrefetch* prefetch_ = nullptr;  // client_'s, while this scan holds it
  size_t rows_since_poll_ = 0;
};

// The error with every header value of the request (six characters or more) taken out of
// its message and detail: a remote that echoes its Authorization header into an error must
// not show the user mapping's secret to a role that may not read the mapping.
RemoteError WithoutHeaderValues(const RemoteError& error, const HeaderList& headers);

// Turns a non-2xx answer into the RemoteError it deserves (GraphQL errors in the body are
// reported as such; the message of a JSON error body whole). retries: how many times the
// request was sent again before this answer. Exposed for tests.
[[noreturn]] void ThrowHttpStatusError(long status, const std::string& body, const std::string& content_type,
                                       int retries = 0);

}  // namespace rr
