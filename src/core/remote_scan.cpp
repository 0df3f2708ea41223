#include "remote_scan.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>

#include "error.hpp"
#include "retry.hpp"

namespace rr {

RemoteScan::RemoteScan(ScanRequestSpec spec, HttpRequest http, std::vector<CellFormat> formats,
                       std::shared_ptr<HttpClient> client, std::function<bool()> should_abort)
    : request_(std::move(spec)),
      http_(std::move(http)),
      formats_(std::move(formats)),
      client_(std::move(client)),
      should_abort_(std::move(should_abort)),
      first_variables_(request_.Variables(PagePosition())) {
  Restart();
}

RemoteScan::~RemoteScan() {
  if (prefetch_ != nullptr) client_->ReleasePrefetch(this);
}

// Cancels a page asked for ahead (it was a request, and goes unread) and lets another scan
// of the server have the prefetch.
void RemoteScan::DropPrefetch() {
  if (prefetch_ == nullptr) return;
  if (prefetch_->active()) stats_.pages_unused++;
  client_->ReleasePrefetch(this);
  prefetch_ = nullptr;
}

void RemoteScan::Restart() {
  DropPrefetch();
  lanes_.clear();
  current_lane_ = 0;
  AddLane();
}

void RemoteScan::AddLane() { lanes_.push_back(std::make_unique<Lane>(request_)); }

void RemoteScan::Restart(const std::vector<std::string>& variable_values) {
  request_.SetVariableValues(variable_values);
  Restart();
}

void RemoteScan::SetVariable(size_t index, std::string json_value) { request_.SetVariableValue(index, std::move(json_value)); }

void ThrowHttpStatusError(long status, const std::string& body, const std::string& content_type, int retries) {
  std::string message = "the remote server answered HTTP " + std::to_string(status);
  if (retries > 0) message += " (after " + std::to_string(retries) + (retries == 1 ? " retry)" : " retries)");
  // GraphQL-over-HTTP servers put their errors in a JSON body with 4xx/5xx statuses.
  if (!body.empty() && (body[0] == '{' || content_type.find("json") != std::string::npos)) {
    std::string buffer = body;
    JsonDocument doc;
    std::string ignored;
    if (ParseJsonInPlace(&buffer, &doc, &ignored) && doc.IsObject()) {
      auto errors = doc.FindMember("errors");
      if (errors != doc.MemberEnd() && errors->value.IsArray() && !errors->value.Empty()) {
        std::string graphql_message, detail;
        DescribeGraphQLErrors(errors->value, &graphql_message, &detail);
        // The remote's own GraphQL errors (a validation error comes with 400 from servers
        // that follow GraphQL over HTTP), whatever the status.
        throw RemoteError(ErrorKind::kGraphQL, message + ": " + graphql_message, detail);
      }
      // REST-style error bodies ({"message": ..., "documentation_url": ...}, as GitHub's rate
      // limits): the message (whole unless huge), it says what to do.
      auto text = doc.FindMember("message");
      if (text != doc.MemberEnd() && text->value.IsString()) {
        std::string detail;
        auto docs = doc.FindMember("documentation_url");
        if (docs != doc.MemberEnd() && docs->value.IsString())
          detail = std::string("See ") + docs->value.GetString();
        throw RemoteError(ErrorKind::kHttpStatus, message + ": " + Abbreviate(text->value.GetString(), 500), detail);
      }
    }
  }
  std::string snippet;
  for (char c : Abbreviate(body, 200)) snippet.push_back(c == '\n' || c == '\r' ? ' ' : c);
  throw RemoteError(ErrorKind::kHttpStatus, message, snippet.empty() ? "" : "Response body: " + snippet);
}

namespace {

// Whether an error reads like the remote's refusal of our page size (GitHub's
// EXCESSIVE_PAGINATION, "first must be at most 100", "limit of 250 exceeded", ...).
bool LooksLikePageSizeError(const RemoteError& error, long page_size) {
  if (error.kind() != ErrorKind::kGraphQL) return false;  // not a rate limit's REST body
  std::string text = std::string(error.what()) + " " + error.detail();
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  if (text.find("excessive_pagination") != std::string::npos) return true;
  if (text.find("rate limit") != std::string::npos) return false;
  bool about_size = text.find(std::to_string(page_size)) != std::string::npos || text.find("first") != std::string::npos ||
                    text.find("page") != std::string::npos;
  for (const char* word : {"exceed", "maximum", "at most", "too large", "too many", "greater than", "less than",
                           "more than", "max "}) {
    if (about_size && text.find(word) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

std::vector<HttpOutcome> RemoteScan::Send(const std::vector<HttpRequest>& requests) {
  return SendWithRetries(
      requests, http_.max_retries, should_abort_,
      [&](const std::vector<HttpRequest>& batch) {
        stats_.requests += static_cast<long>(batch.size());
        auto started = std::chrono::steady_clock::now();
        std::vector<HttpOutcome> outcomes;
        if (batch.size() == 1) {
          outcomes.resize(1);
          outcomes[0].response = client_->Post(batch[0], should_abort_);
        } else {
          outcomes = client_->PostAll(batch, should_abort_);
        }
        stats_.network_ms +=
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
        for (auto& outcome : outcomes) stats_.bytes_received += static_cast<long>(outcome.response.bytes_received);
        return outcomes;
      },
      &stats_.retries);
}

void RemoteScan::SetBatching(size_t aliases, size_t in_flight) {
  aliases_ = aliases < 1 ? 1 : aliases;
  in_flight_ = in_flight < 1 ? 1 : in_flight;
}

// The next page of every lane that needs one: aliases_ lanes a request, in_flight_ requests
// at once.
void RemoteScan::FetchPages() {
  if (ReadsAhead(*lanes_[0])) {
    FetchPagesAhead(lanes_[0].get());
    return;
  }
  if (TakePrefetched(lanes_[0].get())) return;
  std::vector<Lane*> waiting;
  for (auto& lane : lanes_)
    if (lane->WantsPage()) waiting.push_back(lane.get());
  size_t per_round = aliases_ * in_flight_;
  for (size_t round = 0; round < waiting.size(); round += per_round) {
    std::vector<std::vector<Lane*>> groups;
    std::vector<HttpRequest> requests;
    for (size_t at = round; at < waiting.size() && at < round + per_round; at += aliases_) {
      groups.emplace_back(waiting.begin() + at, waiting.begin() + std::min(waiting.size(), at + aliases_));
      requests.push_back(http_);
      if (groups.back().size() == 1) {
        requests.back().body = groups.back()[0]->request.Body(groups.back()[0]->position);
      } else {
        std::vector<const ScanRequest*> lane_requests;
        std::vector<const PagePosition*> positions;
        for (Lane* lane : groups.back()) {
          lane_requests.push_back(&lane->request);
          positions.push_back(&lane->position);
        }
        requests.back().body = ScanRequest::AliasedBody(lane_requests, positions);
      }
    }
    std::vector<HttpOutcome> outcomes = Send(requests);
    // The first request's error is the scan's, as it would be one request after another.
    for (size_t i = 0; i < groups.size(); i++) {
      if (outcomes[i].error != nullptr) throw *outcomes[i].error;
      std::shared_ptr<const ParsedResponse> parsed = ParseAnswer(&outcomes[i].response);
      long partial_before = stats_.partial_errors;
      for (size_t j = 0; j < groups[i].size(); j++)
        AcceptPage(groups[i][j], parsed, groups[i].size() == 1 ? std::string() : AliasOf(j));
      CheckPartialErrorsUsed(*parsed, partial_before);
    }
  }
  if (PrefetchesNext(*lanes_[0]))
    StartPrefetch(*lanes_[0]);
  else if (prefetch_ != nullptr)
    DropPrefetch();
}

bool RemoteScan::PrefetchesNext(const Lane& lane) const {
  const ScanRequestSpec& spec = lane.request.spec();
  return lanes_.size() == 1 && aliases_ == 1 && spec.pagination == Pagination::kRelay && spec.pages_ahead > 1 &&
         !lane.last_page && !http_.follow_redirects;
}

void RemoteScan::StartPrefetch(const Lane& lane) {
  if (prefetch_ == nullptr) prefetch_ = client_->AcquirePrefetch(this);
  if (prefetch_ == nullptr) return;  // another scan of this server holds it: one page at a time
  HttpRequest request = http_;
  request.body = lane.request.Body(lane.position);
  try {
    prefetch_->Start(request);
    stats_.requests++;
  } catch (const RemoteError&) {
    prefetch_->Cancel();  // the page is asked for when it is needed, and the error met then
  }
}

bool RemoteScan::TakePrefetched(Lane* lane) {
  if (prefetch_ == nullptr || !prefetch_->active() || lanes_.size() != 1 || !lane->WantsPage()) return false;
  if (prefetch_->request().body != lane->request.Body(lane->position)) {
    prefetch_->Cancel();
    stats_.pages_unused++;
    return false;
  }
  auto started = std::chrono::steady_clock::now();
  HttpResponse response;
  bool answered = true;
  try {
    response = prefetch_->Finish(should_abort_);
  } catch (const RemoteError& error) {
    // A connection dropped under the transfer (a kept-alive one the remote closed) is asked
    // for again; a timeout, a refused connection, a body too large or a host not allowed
    // would only meet the same end twice.
    if (error.kind() != ErrorKind::kTransfer) throw;
    answered = false;
  }
  stats_.network_ms += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  stats_.bytes_received += static_cast<long>(response.bytes_received);
  // A rate limit or a gateway's failure goes the way of every request: retried, with its
  // waits; any other answer is judged here as the page it is.
  if (!answered || IsRetryable(response)) return false;
  AcceptAnswer(lane, &response);
  if (PrefetchesNext(*lane))
    StartPrefetch(*lane);
  else
    DropPrefetch();
  return true;
}

bool RemoteScan::ReadsAhead(const Lane& lane) const {
  const ScanRequestSpec& spec = lane.request.spec();
  return lanes_.size() == 1 && spec.pagination == Pagination::kOffset && spec.pages_ahead > 1 &&
         spec.count_field.empty() && lane.full_pages && lane.pages.empty();
}

void RemoteScan::FetchPagesAhead(Lane* lane) {
  const ScanRequestSpec& spec = lane->request.spec();
  std::vector<HttpRequest> requests;
  PagePosition position = lane->position;
  for (long i = 0; i < spec.pages_ahead; i++) {
    requests.push_back(http_);
    requests.back().body = lane->request.Body(position);
    position.offset += spec.offset_in_pages ? 1 : spec.page_size;
  }
  std::vector<HttpOutcome> outcomes = Send(requests);
  size_t used = 0;
  // In order, as one request after another would read them: the pages after the end (or,
  // by row offset, after a short page, whose successors were asked for at offsets past rows
  // not yet read; page numbers stay right) are dropped unread, errors and all.
  for (; used < outcomes.size() && (lane->full_pages || spec.offset_in_pages) && !lane->last_page; used++) {
    if (outcomes[used].error != nullptr) throw *outcomes[used].error;
    AcceptAnswer(lane, &outcomes[used].response);
  }
  stats_.pages_unused += static_cast<long>(outcomes.size() - used);
}

std::shared_ptr<const ParsedResponse> RemoteScan::ParseAnswer(HttpResponse* response) {
  auto received = std::chrono::steady_clock::now();
  std::shared_ptr<const ParsedResponse> parsed;
  try {
    if (response->status < 200 || response->status > 299) ThrowFinalHttpStatus(http_, *response);
    parsed = ParseResponse(std::move(response->body), request_.spec().on_partial_error != PartialErrors::kError);
  } catch (const RemoteError& error) {
    const ScanRequestSpec& spec = request_.spec();
    std::string message = error.what();
    // A connection read as a list: the remote refuses the columns' fields on it.
    if (spec.result == ResultShape::kList && message.find("Cannot query field") != std::string::npos &&
        message.find("Connection\"") != std::string::npos)
      throw error.WithHint("The field returns a Relay connection: set the table's pagination 'relay' (and "
                           "relay_rows 'nodes' for a connection without edges).");
    if (spec.pagination == Pagination::kNone || !LooksLikePageSizeError(error, spec.page_size)) throw;
    throw error.WithHint("The remote seems to cap the rows of a page below the " + std::to_string(spec.page_size) +
                         " asked for: set a lower page_size on the foreign table or its server.");
  }
  stats_.parse_ms += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - received).count();
  return parsed;
}

// One answer as the next page of one lane.
void RemoteScan::AcceptAnswer(Lane* lane, HttpResponse* response) {
  std::shared_ptr<const ParsedResponse> parsed = ParseAnswer(response);
  long partial_before = stats_.partial_errors;
  AcceptPage(lane, parsed, std::string());
  CheckPartialErrorsUsed(*parsed, partial_before);
}

// Every partial error must have nulled values of rows; one elsewhere (the count) fails.
void RemoteScan::CheckPartialErrorsUsed(const ParsedResponse& parsed, long partial_before) {
  if (parsed.errors == nullptr || stats_.partial_errors - partial_before == static_cast<long>(parsed.errors->Size()))
    return;
  std::string message, detail;
  DescribeGraphQLErrors(*parsed.errors, &message, &detail);
  throw RemoteError(ErrorKind::kGraphQL, message, detail);
}

void RemoteScan::AcceptPage(Lane* lane, std::shared_ptr<const ParsedResponse> response, const std::string& alias) {
  auto received = std::chrono::steady_clock::now();
  lane->pages.emplace_back();
  PageReader& page = lane->pages.back();
  page.Load(std::move(response), lane->request.spec(), alias);
  if (page.partial_errors() > 0) {
    if (stats_.partial_errors == 0) stats_.first_partial_error = page.first_partial_error();
    stats_.partial_errors += static_cast<long>(page.partial_errors());
  }
  stats_.parse_ms += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - received).count();
  stats_.pages++;

  const auto& spec = lane->request.spec();
  PagePosition& position = lane->position;
  position.first = false;
  if (page.count() >= 0) lane->expected_items = page.count();
  // Only rows count towards the remote's count: one that leaves out the null items it sends
  // must not end the scan early (one that counts them costs the empty page at worst).
  for (size_t row = 0; row < page.row_count(); ++row)
    if (!page.IsNullItem(row)) lane->items_received++;
  switch (spec.pagination) {
    case Pagination::kNone:
      lane->last_page = true;
      break;
    case Pagination::kOffset:
      // Only after a full page are the next pages' offsets (or numbers) known in advance.
      lane->full_pages = static_cast<long>(page.row_count()) == spec.page_size && (lane->full_pages || position.offset == 0);
      if (spec.offset_in_pages) {
        // Page numbers cannot step over a remote that caps its pages below page_size: a
        // short page must be the last, and one with rows after it means rows were skipped.
        long rows = static_cast<long>(page.row_count());
        if (lane->short_page_seen && rows > 0)
          throw RemoteError(ErrorKind::kBadResponse,
                            "field \"" + spec.query_field + "\" returned a page of fewer than " +
                                std::to_string(spec.page_size) + " rows that was not the last",
                            "The remote caps its page size below page_size, so pages by number skip rows; "
                            "lower the table's page_size.");
        lane->short_page_seen = rows < spec.page_size;
        position.offset += 1;
      } else {
        position.offset += static_cast<long>(page.row_count());
      }
      // With the count, the page that reaches it is the last (no empty page to ask for); a
      // short page below it means the remote caps its pages, and paging goes on.
      lane->last_page = !page.has_next_page() || (lane->expected_items >= 0 && lane->items_received >= lane->expected_items);
      break;
    case Pagination::kRelay:
      lane->last_page = !page.has_next_page();
      if (!lane->last_page && !lane->seen_cursors.insert(std::hash<std::string>()(page.end_cursor())).second)
        throw RemoteError(ErrorKind::kBadResponse,
                          "connection \"" + spec.query_field + "\" returned the same endCursor twice",
                          "cursor \"" + Abbreviate(page.end_cursor()) + "\" came back after page " +
                              std::to_string(stats_.pages) + "; stopping to avoid an endless loop");
      position.after = page.end_cursor();
      break;
  }
}

namespace {
void HideAll(const std::string& secret, std::string* text) {
  for (size_t at = text->find(secret); at != std::string::npos; at = text->find(secret, at))
    text->replace(at, secret.size(), "<hidden>");
}
}  // namespace

RemoteError WithoutHeaderValues(const RemoteError& error, const HeaderList& headers) {
  std::string message = error.what(), detail = error.detail();
  for (const auto& header : headers) {
    if (header.second.size() < 6) continue;
    HideAll(header.second, &message);
    HideAll(header.second, &detail);
  }
  return RemoteError(error.kind(), message, detail).WithHint(error.hint());
}

bool RemoteScan::NextRow() {
  try {
    return NextRowOrThrow();
  } catch (const RemoteError& error) {
    throw WithoutHeaderValues(error, http_.headers);
  }
}

bool RemoteScan::NextRowOrThrow() {
  while (current_lane_ < lanes_.size()) {
    Lane& lane = *lanes_[current_lane_];
    if (!lane.pages.empty() && lane.next_row >= lane.pages.front().row_count()) {
      lane.pages.pop_front();  // used up: its memory goes now
      lane.next_row = 0;
      continue;
    }
    if (lane.pages.empty()) {
      if (lane.last_page) {
        current_lane_++;
      } else {
        FetchPages();
      }
      continue;
    }
    PageReader& page = lane.pages.front();
    // A null item is no object of the type (APIs such as GitHub's send them for items the
    // caller may not see): it is no row, and is counted for EXPLAIN ANALYZE.
    if (page.IsNullItem(lane.next_row)) {
      lane.next_row++;
      stats_.null_items++;
      continue;
    }
    if (page.IsOtherMember(lane.next_row)) {
      lane.next_row++;
      stats_.other_members++;
      continue;
    }
    page.ReadRow(lane.next_row++, formats_, &cells_);
    stats_.rows++;
    // The page asked for ahead moves on while the rows go out.
    if (prefetch_ != nullptr && ++rows_since_poll_ >= 32) {
      rows_since_poll_ = 0;
      prefetch_->Poll();
    }
    return true;
  }
  return false;
}

}  // namespace rr
