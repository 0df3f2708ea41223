#include "remote_scan.hpp"

#include <chrono>

#include "error.hpp"

namespace rr {

RemoteScan::RemoteScan(ScanRequestSpec spec, HttpRequest http, std::vector<CellFormat> formats,
                       std::shared_ptr<HttpClient> client, std::function<bool()> should_abort)
    : request_(std::move(spec)),
      http_(std::move(http)),
      formats_(std::move(formats)),
      client_(std::move(client)),
      should_abort_(std::move(should_abort)),
      first_variables_(request_.Variables(PagePosition())) {}

void RemoteScan::Restart() {
  page_.Clear();
  position_ = PagePosition();
  seen_cursors_.clear();
  short_page_seen_ = false;
  expected_items_ = -1;
  items_received_ = 0;
  next_row_ = 0;
  page_loaded_ = false;
  last_page_ = false;
}

void RemoteScan::Restart(const std::vector<std::string>& variable_values) {
  request_.SetVariableValues(variable_values);
  Restart();
}

void RemoteScan::SetVariable(size_t index, std::string json_value) { request_.SetVariableValue(index, std::move(json_value)); }

void ThrowHttpStatusError(long status, const std::string& body, const std::string& content_type) {
  std::string message = "the remote server answered HTTP " + std::to_string(status);
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
    }
  }
  std::string snippet;
  for (char c : Abbreviate(body, 200)) snippet.push_back(c == '\n' || c == '\r' ? ' ' : c);
  throw RemoteError(ErrorKind::kHttpStatus, message, snippet.empty() ? "" : "Response body: " + snippet);
}

void RemoteScan::FetchPage() {
  HttpRequest request = http_;
  request.body = request_.Body(position_);
  stats_.requests++;
  auto started = std::chrono::steady_clock::now();
  HttpResponse response = client_->Post(request, should_abort_);
  auto received = std::chrono::steady_clock::now();
  stats_.network_ms += std::chrono::duration<double, std::milli>(received - started).count();
  stats_.bytes_received += static_cast<long>(response.bytes_received);
  if (response.status < 200 || response.status > 299)
    ThrowHttpStatusError(response.status, response.body, response.content_type);

  page_.Load(std::move(response.body), request_.spec());
  stats_.parse_ms += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - received).count();
  stats_.pages++;
  page_loaded_ = true;
  next_row_ = 0;

  const auto& spec = request_.spec();
  position_.first = false;
  if (page_.count() >= 0) expected_items_ = page_.count();
  // Only rows count towards the remote's count: one that leaves out the null items it sends
  // must not end the scan early (one that counts them costs the empty page at worst).
  for (size_t row = 0; row < page_.row_count(); ++row)
    if (!page_.IsNullItem(row)) items_received_++;
  switch (spec.pagination) {
    case Pagination::kNone:
      last_page_ = true;
      break;
    case Pagination::kOffset:
      if (spec.offset_in_pages) {
        // Page numbers cannot step over a remote that caps its pages below page_size: a
        // short page must be the last, and one with rows after it means rows were skipped.
        long rows = static_cast<long>(page_.row_count());
        if (short_page_seen_ && rows > 0)
          throw RemoteError(ErrorKind::kBadResponse,
                            "field \"" + spec.query_field + "\" returned a page of fewer than " +
                                std::to_string(spec.page_size) + " rows that was not the last",
                            "The remote caps its page size below page_size, so pages by number skip rows; "
                            "lower the table's page_size.");
        short_page_seen_ = rows < spec.page_size;
        position_.offset += 1;
      } else {
        position_.offset += static_cast<long>(page_.row_count());
      }
      // With the count, the page that reaches it is the last (no empty page to ask for); a
      // short page below it means the remote caps its pages, and paging goes on.
      last_page_ = !page_.has_next_page() || (expected_items_ >= 0 && items_received_ >= expected_items_);
      break;
    case Pagination::kRelay:
      last_page_ = !page_.has_next_page();
      if (!last_page_ && !seen_cursors_.insert(std::hash<std::string>()(page_.end_cursor())).second)
        throw RemoteError(ErrorKind::kBadResponse,
                          "connection \"" + spec.query_field + "\" returned the same endCursor twice",
                          "cursor \"" + Abbreviate(page_.end_cursor()) + "\" came back after page " +
                              std::to_string(stats_.pages) + "; stopping to avoid an endless loop");
      position_.after = page_.end_cursor();
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
  return RemoteError(error.kind(), message, detail);
}

bool RemoteScan::NextRow() {
  try {
    return NextRowOrThrow();
  } catch (const RemoteError& error) {
    throw WithoutHeaderValues(error, http_.headers);
  }
}

bool RemoteScan::NextRowOrThrow() {
  while (true) {
    while (!page_loaded_ || next_row_ >= page_.row_count()) {
      if (page_loaded_ && last_page_) return false;
      FetchPage();
    }
    // A null item is no object of the type (APIs such as GitHub's send them for items the
    // caller may not see): it is no row, and is counted for EXPLAIN ANALYZE.
    if (page_.IsNullItem(next_row_)) {
      next_row_++;
      stats_.null_items++;
      continue;
    }
    page_.ReadRow(next_row_++, formats_, &cells_);
    stats_.rows++;
    return true;
  }
}

}  // namespace rr
