// The remote's row count of a table, for ANALYZE: one request for the table's count_field,
// which IMPORT records (a connection's totalCount, Hasura's orders_aggregate.aggregate.count,
// json-graphql-server's _allOrdersMeta.count).
#pragma once
#include "core.hpp"

#include <string>

namespace rr {

// The request body that asks for the count: a dotted count_field is a path from the query
// root; a plain one is a field of what query_field returns (with the table's fixed arguments,
// GraphQL argument text, which may be empty).
std::string CountRequestBody(const std::string& query_field, const std::string& count_field,
                             const std::string& fixed_arguments);

// The count in the answer. Throws RemoteError: kGraphQL for errors, kInvalidJson, and
// kBadResponse when the path does not lead to a non-negative integer.
double ReadCount(std::string body, const std::string& query_field, const std::string& count_field);

}  // namespace rr
