#include "count.hpp"

#include <cstdlib>
#include <vector>

#include "error.hpp"
#include "json.hpp"
#include "options.hpp"

namespace rr {

namespace {

std::vector<std::string> PathOf(const std::string& query_field, const std::string& count_field) {
  std::vector<std::string> path;
  if (count_field.find('.') == std::string::npos) path.push_back(query_field);
  for (auto& step : SplitDottedPath(count_field)) path.push_back(std::move(step));
  return path;
}

}  // namespace

std::string CountRequestBody(const std::string& query_field, const std::string& count_field,
                             const std::string& fixed_arguments) {
  std::vector<std::string> path = PathOf(query_field, count_field);
  std::string document = "query RemoteRelationshipCount {";
  for (size_t i = 0; i < path.size(); ++i) {
    document += " " + path[i];
    if (i == 0 && path[0] == query_field && !fixed_arguments.empty()) document += "(" + fixed_arguments + ")";
    if (i + 1 < path.size()) document += " {";
  }
  for (size_t i = 0; i + 1 < path.size(); ++i) document += " }";
  document += " }";
  std::string body = "{\"query\": ";
  AppendJsonString(document.data(), document.size(), &body);
  return body + "}";
}

double ReadCount(std::string body, const std::string& query_field, const std::string& count_field) {
  JsonDocument document;
  std::string error;
  if (!ParseJsonInPlace(&body, &document, &error)) throw RemoteError(ErrorKind::kInvalidJson, "the count answer is no JSON: " + error);
  if (!document.IsObject()) throw RemoteError(ErrorKind::kBadResponse, "the count answer is no JSON object");
  auto errors = document.FindMember("errors");
  if (errors != document.MemberEnd() && errors->value.IsArray() && !errors->value.Empty()) {
    const JsonValue& first = errors->value[0];
    auto message = first.IsObject() ? first.FindMember("message") : first.MemberEnd();
    throw RemoteError(ErrorKind::kGraphQL, std::string("the remote refused the count: ") +
                                               (first.IsObject() && message != first.MemberEnd() && message->value.IsString()
                                                    ? message->value.GetString()
                                                    : "an error without a message"));
  }
  auto data = document.FindMember("data");
  if (data == document.MemberEnd()) throw RemoteError(ErrorKind::kBadResponse, "the count answer has no data");
  const JsonValue* value = &data->value;
  for (const auto& step : PathOf(query_field, count_field)) {
    auto member = value->IsObject() ? value->FindMember(step.c_str()) : value->MemberEnd();
    if (!value->IsObject() || member == value->MemberEnd())
      throw RemoteError(ErrorKind::kBadResponse, "the count answer has no \"" + step + "\" along " + count_field);
    value = &member->value;
  }
  if (!IsRawNumber(*value)) throw RemoteError(ErrorKind::kBadResponse, "the count " + count_field + " is no number");
  // The digits as the remote wrote them (in place, so not terminated).
  std::string digits(value->GetString(), value->GetStringLength());
  char* end = nullptr;
  double count = strtod(digits.c_str(), &end);
  if (digits.empty() || *end != '\0' || digits.find_first_not_of("0123456789") != std::string::npos || count > 1e15)
    throw RemoteError(ErrorKind::kBadResponse, "the count " + count_field + " is no non-negative integer");
  return count;
}

}  // namespace rr
