// Errors raised by the core. They carry a kind that the PostgreSQL side maps to an
// SQLSTATE of the FDW class HV; the core itself knows nothing of SQLSTATEs.
#pragma once
#include "core.hpp"

#include <stdexcept>
#include <string>

namespace rr {

enum class ErrorKind {
  kConnection,    // could not connect / resolve / connect timeout
  kTimeout,       // the request took longer than timeout_ms
  kTransfer,      // the connection broke while sending or receiving
  kCancelled,     // the abort hook asked to stop (query cancel, statement_timeout)
  kHttpStatus,    // the server answered with a non-2xx status
  kTooLarge,      // the response is larger than max_response_bytes
  kInvalidJson,   // the body is not JSON
  kBadResponse,   // JSON, but not a GraphQL answer of the expected shape
  kGraphQL,       // the answer carries GraphQL "errors"
  kInvalidOption, // an option value does not parse
  kNotInSchema,   // an option names a field or argument the introspected remote schema lacks
  kMissingArgument, // a required argument of the query field gets no value from the query
  kInternal,      // a bug or a resource failure inside the extension
};

class RemoteError : public std::runtime_error {
 public:
  RemoteError(ErrorKind kind, const std::string& message, std::string detail = {})
      : std::runtime_error(message), kind_(kind), detail_(std::move(detail)) {}

  ErrorKind kind() const { return kind_; }
  const std::string& detail() const { return detail_; }
  // What the user can do about it (an option to set), or empty.
  const std::string& hint() const { return hint_; }
  RemoteError WithHint(std::string hint) const {
    RemoteError copy = *this;
    copy.hint_ = std::move(hint);
    return copy;
  }

 private:
  ErrorKind kind_;
  std::string detail_;
  std::string hint_;
};

// Shortens a value quoted in a message so that one huge remote value cannot flood the log.
std::string Abbreviate(const std::string& text, size_t max_chars = 60);

}  // namespace rr
