// Parsing and checking of option values. Pure functions: the PostgreSQL validator and the
// planner both call them, so an option is understood the same way everywhere.
// Each parser throws RemoteError(kInvalidOption) with a message that quotes the bad value.
#pragma once
#include "core.hpp"

#include <string>
#include <utility>
#include <vector>

namespace rr {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

enum class Pagination { kNone, kRelay, kOffset };

// A column's remote field: a dotted path of GraphQL names, optionally followed by a
// selection set for object fields read into jsonb, e.g. "address.geo { lat lng }".
struct FieldSpec {
  std::vector<std::string> path;
  std::string selection;  // normalised "{ lat lng }", or empty
};

bool IsGraphQLName(const std::string& name);

// url must be http:// or https:// with a host.
void CheckHttpUrl(const std::string& url);

// The URL as it may appear in messages: no user:password@, no query string.
std::string RedactUrl(const std::string& url);

// A JSON object of header name -> string value.
HeaderList ParseHeadersJson(const std::string& json);

// A base-10 integer in [1, max].
long ParsePositiveInteger(const std::string& text, long max);

Pagination ParsePagination(const std::string& text);
const char* PaginationName(Pagination pagination);

// A JSON object of fixed field arguments, rendered as GraphQL argument text
// ("status: \"PAID\", ids: [1, 2]"). Empty object -> empty string.
std::string ArgumentsJsonToGraphQL(const std::string& json);

// The same object as (argument name, JSON text of the value) pairs, in order.
std::vector<std::pair<std::string, std::string>> ParseArgumentsJson(const std::string& json);

FieldSpec ParseFieldSpec(const std::string& text);

}  // namespace rr
