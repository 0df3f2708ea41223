#include "response.hpp"

#include <cstdlib>
#include <cstring>

#include "error.hpp"

namespace rr {

namespace {

const char* JsonTypeName(const JsonValue& value) {
  if (value.IsNull()) return "null";
  if (value.IsBool()) return "a boolean";
  if (value.IsObject()) return "an object";
  if (value.IsArray()) return "a list";
  if (IsRawNumber(value) || value.IsNumber()) return "a number";
  return "a string";
}

[[noreturn]] void BadResponse(const std::string& message, const std::string& detail = {}) {
  throw RemoteError(ErrorKind::kBadResponse, message, detail);
}

std::string PathText(const std::vector<std::string>& path, size_t upto) {
  std::string text;
  for (size_t i = 0; i < upto && i < path.size(); ++i) text.append(i ? "." : "").append(path[i]);
  return text;
}

const JsonValue* Member(const JsonValue& object, const char* name) {
  auto it = object.FindMember(name);
  return it == object.MemberEnd() ? nullptr : &it->value;
}

// The member key of object, looked for first at *hint: the rows of a list come with their
// keys in the same order, so each column finds its field where it was in the row before. (A
// row with a key twice, which no GraphQL server sends, may give the later one.)
const JsonValue* MemberAt(const JsonValue& object, const std::string& key, rapidjson::SizeType* hint) {
  if (*hint < object.MemberCount()) {
    const auto& member = object.MemberBegin()[*hint];
    if (member.name.GetStringLength() == key.size() && memcmp(member.name.GetString(), key.data(), key.size()) == 0)
      return &member.value;
  }
  for (auto it = object.MemberBegin(); it != object.MemberEnd(); ++it) {
    if (it->name.GetStringLength() == key.size() && memcmp(it->name.GetString(), key.data(), key.size()) == 0) {
      *hint = static_cast<rapidjson::SizeType>(it - object.MemberBegin());
      return &it->value;
    }
  }
  return nullptr;
}

}  // namespace

void DescribeGraphQLError(const JsonValue& error, std::string* message, std::string* detail) {
  *message = "the remote GraphQL server returned an error";
  detail->clear();
  if (!error.IsObject()) return;
  const JsonValue* text = Member(error, "message");
  if (text != nullptr && text->IsString())
    *message = "remote GraphQL error: " + Abbreviate(std::string(text->GetString(), text->GetStringLength()), 500);
  const JsonValue* path = Member(error, "path");
  if (path != nullptr && path->IsArray() && !path->Empty()) {
    std::string path_text;
    for (const auto& step : path->GetArray()) {
      if (IsRawNumber(step)) {
        path_text.append("[").append(step.GetString(), step.GetStringLength()).append("]");
      } else if (step.IsString()) {
        path_text.append(path_text.empty() ? "" : ".").append(step.GetString(), step.GetStringLength());
      }
    }
    detail->append("GraphQL path: ").append(path_text);
  }
  // extensions.code, or GitHub's "type" (FORBIDDEN, NOT_FOUND, ...).
  const JsonValue* code = nullptr;
  const JsonValue* extensions = Member(error, "extensions");
  if (extensions != nullptr && extensions->IsObject()) code = Member(*extensions, "code");
  if (code == nullptr || !code->IsString()) code = Member(error, "type");
  if (code != nullptr && code->IsString()) {
    detail->append(detail->empty() ? "" : "; ").append("code: ");
    detail->append(code->GetString(), code->GetStringLength());
  }
}

void DescribeGraphQLErrors(const JsonValue& errors, std::string* message, std::string* detail) {
  *message = "the remote GraphQL server returned an error";
  detail->clear();
  if (!errors.IsArray() || errors.Empty()) return;
  DescribeGraphQLError(errors[0], message, detail);
  if (errors.Size() > 1) {
    detail->append(detail->empty() ? "" : "; ")
        .append(std::to_string(errors.Size() - 1))
        .append(errors.Size() == 2 ? " more error" : " more errors");
  }
}

namespace {

// An array element in double quotes; inside them only " and \ need a backslash.
void AppendQuotedElement(const char* text, size_t length, std::string* out) {
  out->push_back('"');
  for (size_t i = 0; i < length; ++i) {
    if (text[i] == '"' || text[i] == '\\') out->push_back('\\');
    out->push_back(text[i]);
  }
  out->push_back('"');
}

// Nested lists are dimensions, strings their text, other values as written; with
// items_as_json (json[], jsonb[]) every item is one JSON value, strings keeping their quotes.
void AppendPgArrayElements(const JsonValue& list, bool items_as_json, std::string* out);

void AppendPgArrayElement(const JsonValue& element, bool items_as_json, std::string* out) {
  if (element.IsNull()) {
    out->append("NULL");
  } else if (!items_as_json && element.IsArray()) {
    AppendPgArrayElements(element, false, out);
  } else if (!items_as_json && element.IsBool()) {
    out->append(element.GetBool() ? "true" : "false");
  } else if (!items_as_json && IsRawNumber(element)) {
    out->append(element.GetString(), element.GetStringLength());
  } else if (!items_as_json && element.IsString()) {
    AppendQuotedElement(element.GetString(), element.GetStringLength(), out);
  } else {
    std::string json;
    AppendJson(element, &json);
    AppendQuotedElement(json.data(), json.size(), out);
  }
}

void AppendPgArrayElements(const JsonValue& list, bool items_as_json, std::string* out) {
  out->push_back('{');
  bool first = true;
  for (const auto& element : list.GetArray()) {
    if (!first) out->push_back(',');
    first = false;
    AppendPgArrayElement(element, items_as_json, out);
  }
  out->push_back('}');
}

// The values at path[depth..] below value, a list: the path goes on in every item
// (`permissions.key` reads each permission's key), lists in lists flattened; null items and
// nulls on the way give null items.
void MapThroughList(const JsonValue& value, const FieldSpec& field, size_t depth, const std::string& last_key,
                    std::vector<const JsonValue*>* items) {
  const std::vector<std::string>& path = field.path;
  if (value.IsNull()) {
    items->push_back(nullptr);
    return;
  }
  if (depth == path.size()) {
    items->push_back(&value);
    return;
  }
  if (value.IsArray()) {
    for (const auto& item : value.GetArray()) MapThroughList(item, field, depth, last_key, items);
    return;
  }
  if (!value.IsObject())
    throw RemoteError(ErrorKind::kBadResponse, "field \"" + PathText(path, depth) + "\" holds " + JsonTypeName(value) +
                                                   " in a list, cannot read \"" + path[depth] + "\" from it");
  const std::string& key = depth + 1 == path.size() ? last_key : field.step_keys.empty() ? path[depth] : field.step_keys[depth];
  auto member = value.FindMember(key.c_str());
  if (member == value.MemberEnd())
    throw RemoteError(ErrorKind::kBadResponse, "field \"" + PathText(path, depth + 1) + "\" is missing from an item of a list");
  MapThroughList(member->value, field, depth + 1, last_key, items);
}

}  // namespace

void AppendPgArrayLiteral(const JsonValue& list, std::string* out) {
  size_t start = out->size();
  AppendPgArrayElements(list, false, out);
  // [[], []] has no element at all: PostgreSQL writes that array as {}, and refuses {{},{}}.
  if (out->find_first_not_of("{},", start) == std::string::npos) out->replace(start, std::string::npos, "{}");
}

void AppendPgJsonArrayLiteral(const JsonValue& list, std::string* out) { AppendPgArrayElements(list, true, out); }

void PageReader::Clear() {
  rows_ = nullptr;
  single_row_ = nullptr;
  response_.reset();  // the tree and the body go with the last page that reads them
  has_next_page_ = false;
  end_cursor_.clear();
  count_ = -1;
  partial_errors_ = 0;
  first_partial_error_.clear();
}

// Each error under root_key nulled the value at its path, and null went up to the nearest
// nullable parent. Below a row object that is a NULL cell; at or above it the row itself
// (or the list) is gone, and no option may make that look like fewer rows.
void PageReader::JudgePartialErrors(const JsonValue& data, const std::string& root_key) {
  // Steps from data down to a row object: root, or root[i], or root.nodes[i], or
  // root.edges[i].node.
  size_t row_depth = spec_->result == ResultShape::kObject || spec_->result == ResultShape::kJson ? 1
                     : spec_->result != ResultShape::kConnection ? 2
                     : rows_are_edges_                            ? 4
                                                                  : 3;
  // Each step of a query path above the last is one more object on the way.
  for (char c : spec_->query_field) row_depth += c == '.';
  for (const JsonValue& error : response_->errors->GetArray()) {
    const JsonValue& path = error["path"];
    if (root_key != path[0].GetString()) continue;
    // How deep the path goes before it meets null (or the end of what was sent).
    const JsonValue* at = &data;
    size_t depth = 0;
    for (; depth < path.Size() && at != nullptr && !at->IsNull(); depth++) {
      const JsonValue& step = path[depth];
      if (step.IsString() && !IsRawNumber(step) && at->IsObject()) {
        at = Member(*at, step.GetString());
      } else if (IsRawNumber(step) && at->IsArray()) {
        size_t index = std::strtoul(step.GetString(), nullptr, 10);
        at = index < at->Size() ? &(*at)[static_cast<rapidjson::SizeType>(index)] : nullptr;
      } else {
        at = nullptr;
      }
    }
    std::string message, detail;
    DescribeGraphQLError(error, &message, &detail);
    // depth - 1 steps led to a value that was there; the null (or nothing) is at depth. A
    // field of an edge (starredAt) is a value beside the row, as long as the edge is there.
    size_t edge_depth = row_depth - 1;
    bool edge_field = rows_are_edges_ && path.Size() > edge_depth &&
                      !(path[edge_depth].IsString() && strcmp(path[edge_depth].GetString(), "node") == 0);
    if (edge_field ? depth <= edge_depth : depth <= row_depth || path.Size() <= row_depth)
      throw RemoteError(ErrorKind::kGraphQL, message,
                        detail + (detail.empty() ? "" : "; ") +
                            "the error left no row to read (on_partial_error nulls values inside rows only)");
    if (partial_errors_++ == 0) first_partial_error_ = message + (detail.empty() ? "" : " (" + detail + ")");
  }
}

void PageReader::ReadCount(const JsonValue& data, const std::string& alias) {
  const JsonValue* value = Member(data, (alias.empty() ? std::string() : alias + "_").append(kCountAlias).c_str());
  if (value == nullptr) return;  // a page after the first
  size_t start = spec_->count_field.find('.') + 1;
  while (start != 0) {
    size_t dot = spec_->count_field.find('.', start);
    std::string step = spec_->count_field.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (value->IsNull()) return;  // a nullable step (Hasura's aggregate) that is null: no count
    if (!value->IsObject() || (value = Member(*value, step.c_str())) == nullptr)
      BadResponse("the count " + spec_->count_field + " has no \"" + step + "\" in the answer");
    start = dot == std::string::npos ? 0 : dot + 1;
  }
  if (value->IsNull()) return;
  // The digits as the remote wrote them (raw numbers are kept as text).
  std::string digits = IsRawNumber(*value) ? std::string(value->GetString(), value->GetStringLength()) : "";
  if (digits.empty() || digits.size() > 15 || digits.find_first_not_of("0123456789") != std::string::npos)
    BadResponse("the count " + spec_->count_field + " is no non-negative integer");
  count_ = std::stol(digits);
}

std::shared_ptr<const ParsedResponse> ParseResponse(std::string body, bool allow_partial_errors) {
  auto response = std::make_shared<ParsedResponse>();
  response->body = std::move(body);
  size_t body_size = response->body.size();
  std::string error;
  if (body_size == 0) throw RemoteError(ErrorKind::kInvalidJson, "the remote server sent an empty response body");
  JsonDocument& doc = response->doc;
  if (!ParseJsonInPlace(&response->body, &doc, &error))
    throw RemoteError(ErrorKind::kInvalidJson, "the remote server sent invalid JSON",
                      error + " (" + std::to_string(body_size) + " bytes)");
  if (!doc.IsObject()) BadResponse(std::string("the response is ") + JsonTypeName(doc) + ", not a GraphQL result object");

  const JsonValue* errors = Member(doc, "errors");
  const JsonValue* data = Member(doc, "data");
  if (errors != nullptr && !(errors->IsArray() && errors->Empty()) && !errors->IsNull()) {
    // Partial errors need data to be partial to, and a path each to say what they nulled.
    bool partial = allow_partial_errors && errors->IsArray() && data != nullptr && data->IsObject();
    for (rapidjson::SizeType i = 0; partial && i < errors->Size(); i++) {
      const JsonValue* path = (*errors)[i].IsObject() ? Member((*errors)[i], "path") : nullptr;
      partial = path != nullptr && path->IsArray() && !path->Empty() && (*path)[0].IsString();
    }
    if (!partial) {
      std::string message, detail;
      DescribeGraphQLErrors(*errors, &message, &detail);
      throw RemoteError(ErrorKind::kGraphQL, message, detail);
    }
    response->errors = errors;
  }
  if (data == nullptr || data->IsNull()) BadResponse("the response has no \"data\"");
  if (!data->IsObject()) BadResponse(std::string("\"data\" is ") + JsonTypeName(*data) + ", not an object");
  return response;
}

void PageReader::Load(std::string body, const ScanRequestSpec& spec) {
  Clear();  // the previous page's memory first
  Load(ParseResponse(std::move(body)), spec, std::string());
}

void PageReader::Load(std::shared_ptr<const ParsedResponse> response, const ScanRequestSpec& spec, const std::string& alias) {
  Clear();
  spec_ = &spec;
  response_ = std::move(response);
  const JsonValue* data = Member(response_->doc, "data");
  if (!spec.count_field.empty()) ReadCount(*data, alias);
  std::vector<std::string> query_path = SplitDottedPath(spec.query_field);
  const std::string& root_key = alias.empty() ? query_path[0] : alias;
  const JsonValue* root = Member(*data, root_key.c_str());
  if (root == nullptr) BadResponse("the response has no field \"" + root_key + "\"");
  // Down a query path: each step above the last is one object; a null one (not found, or an
  // error's null) has no rows below it.
  for (size_t i = 1; i < query_path.size() && !root->IsNull(); ++i) {
    if (!root->IsObject())
      BadResponse("field \"" + query_path[i - 1] + "\" of query path \"" + spec.query_field + "\" is " +
                  JsonTypeName(*root) + ", expected an object");
    const JsonValue* below = Member(*root, query_path[i].c_str());
    if (below == nullptr) BadResponse("field \"" + query_path[i - 1] + "\" has no \"" + query_path[i] + "\" in the answer");
    root = below;
  }
  if (response_->errors != nullptr) {
    // Which rows are edges decides how deep a row is.
    const JsonValue* edges = root->IsObject() ? Member(*root, "edges") : nullptr;
    rows_are_edges_ = edges != nullptr && edges->IsArray();
    JudgePartialErrors(*data, root_key);
  }
  if (root->IsNull()) return;  // a nullable list (or an object not found) that is null: no rows

  if (spec.result == ResultShape::kJson) {
    // A JSON scalar: its object is the row, or each object of its list.
    if (root->IsObject()) {
      single_row_ = root;
      return;
    }
    if (!root->IsArray())
      BadResponse("JSON field \"" + spec.query_field + "\" is " + JsonTypeName(*root) +
                  ", expected a JSON object or a list of objects");
    rows_ = root;
    return;
  }
  if (spec.result == ResultShape::kObject) {
    // A single object (`order(id: 3)`, `viewer`): one row.
    if (!root->IsObject())
      BadResponse("field \"" + spec.query_field + "\" is " + JsonTypeName(*root) + ", expected an object");
    single_row_ = root;
    return;
  }
  if (spec.result != ResultShape::kConnection) {
    if (root->IsObject()) {
      const JsonValue* type = Member(*root, "__typename");
      std::string type_name = type != nullptr && type->IsString() ? type->GetString() : "";
      bool connection = Member(*root, "edges") != nullptr || Member(*root, "nodes") != nullptr ||
                        (type_name.size() > 10 && type_name.compare(type_name.size() - 10, 10, "Connection") == 0);
      throw RemoteError(ErrorKind::kBadResponse,
                        "field \"" + spec.query_field + "\" is an object, expected a list of objects" +
                            (connection ? "; it looks like a Relay connection" : ""))
          .WithHint(connection ? "Set the table's pagination 'relay' (and relay_rows 'nodes' for a connection without edges)."
                               : "Set the table's query_returns 'object' to read the object as one row.");
    }
    if (!root->IsArray())
      BadResponse("field \"" + spec.query_field + "\" is " + JsonTypeName(*root) + ", expected a list of objects");
    rows_ = root;
    // Offset pages end at the first empty page: a short page may only mean that the remote
    // caps its page size below ours, and stopping there would silently lose rows.
    has_next_page_ = spec.pagination == Pagination::kOffset && rows_->Size() > 0;
    return;
  }

  // A Relay connection: rows from edges[].node (or nodes[]), paging from pageInfo.
  if (!root->IsObject())
    BadResponse("field \"" + spec.query_field + "\" is " + JsonTypeName(*root) + ", expected a Relay connection object");
  const JsonValue* edges = Member(*root, "edges");
  const JsonValue* nodes = Member(*root, "nodes");
  if (edges != nullptr && edges->IsArray()) {
    rows_ = edges;
    rows_are_edges_ = true;
  } else if (nodes != nullptr && nodes->IsArray()) {
    rows_ = nodes;
    rows_are_edges_ = false;
  } else {
    BadResponse("connection \"" + spec.query_field + "\" has neither an \"edges\" nor a \"nodes\" list");
  }
  if (spec.pagination != Pagination::kRelay) {
    has_next_page_ = spec.pagination == Pagination::kOffset && rows_->Size() > 0;
    return;
  }
  const JsonValue* page_info = Member(*root, "pageInfo");
  if (page_info == nullptr || !page_info->IsObject())
    BadResponse("connection \"" + spec.query_field + "\" has no \"pageInfo\" object");
  const JsonValue* has_next = Member(*page_info, "hasNextPage");
  if (has_next == nullptr || !has_next->IsBool())
    BadResponse("pageInfo of \"" + spec.query_field + "\" has no boolean \"hasNextPage\"");
  has_next_page_ = has_next->GetBool();
  const JsonValue* cursor = Member(*page_info, "endCursor");
  if (cursor != nullptr && cursor->IsString() && !IsRawNumber(*cursor))
    end_cursor_.assign(cursor->GetString(), cursor->GetStringLength());
  if (has_next_page_ && end_cursor_.empty())
    BadResponse("pageInfo of \"" + spec.query_field + "\" says hasNextPage but gives no endCursor");
}

bool PageReader::IsNullItem(size_t row) const {
  if (single_row_ != nullptr) return false;
  const JsonValue& element = (*rows_)[static_cast<rapidjson::SizeType>(row)];
  if (element.IsNull()) return true;
  if (!rows_are_edges_ || !element.IsObject()) return false;
  const JsonValue* node = Member(element, "node");
  return node != nullptr && node->IsNull();
}

bool PageReader::IsOtherMember(size_t row) const {
  if (spec_->member_type.empty()) return false;
  const JsonValue& object = RowObject(row);
  const JsonValue* type = object.IsObject() ? Member(object, "__typename") : nullptr;
  if (type == nullptr || !type->IsString())
    BadResponse("an item of \"" + spec_->query_field + "\" has no \"__typename\" to tell its type");
  return spec_->member_type != type->GetString();
}

const JsonValue& PageReader::RowObject(size_t row) const {
  if (single_row_ != nullptr) return *single_row_;
  const JsonValue& element = (*rows_)[static_cast<rapidjson::SizeType>(row)];
  const JsonValue* object = &element;
  if (rows_are_edges_) {
    if (!element.IsObject()) BadResponse("edge " + std::to_string(row) + " of \"" + spec_->query_field + "\" is not an object");
    object = Member(element, "node");
    if (object == nullptr) BadResponse("edge " + std::to_string(row) + " of \"" + spec_->query_field + "\" has no \"node\"");
  }
  if (!object->IsObject())
    BadResponse("row " + std::to_string(row) + " of \"" + spec_->query_field + "\" is " +
                JsonTypeName(*object) + ", expected an object");
  return *object;
}

const JsonValue& PageReader::EdgeObject(size_t row) const {
  if (!rows_are_edges_ || single_row_ != nullptr)
    BadResponse("connection \"" + spec_->query_field + "\" sent no edges to read the edge fields of");
  return (*rows_)[static_cast<rapidjson::SizeType>(row)];  // an object: RowObject checked it
}

void PageReader::ReadRow(size_t row, const std::vector<CellFormat>& formats, std::vector<Cell>* cells) {
  const auto& fields = spec_->fields;
  const JsonValue& object = RowObject(row);
  cells->assign(fields.size(), Cell());
  if (scratch_.size() < fields.size()) scratch_.resize(fields.size());
  if (member_hints_.size() < fields.size()) member_hints_.resize(fields.size(), 0);

  for (size_t i = 0; i < fields.size(); ++i) {
    const auto& path = fields[i].path;
    const JsonValue* value = fields[i].on_edge ? &EdgeObject(row) : &object;
    bool mapped = false;
    // Inside a JSON scalar nothing is the remote's to answer: a missing key is NULL.
    size_t remote_steps = spec_->result == ResultShape::kJson ? 0
                          : fields[i].remote_steps > 0 && fields[i].remote_steps < path.size() ? fields[i].remote_steps
                                                                                              : path.size();
    for (size_t depth = 0; depth < path.size() && value != nullptr; ++depth) {
      if (value->IsNull()) {
        value = nullptr;  // a null object on the way: the column is NULL
        break;
      }
      if (depth >= remote_steps) {
        // Inside a JSON scalar, which has no schema: as jsonb's #>, no such key is NULL.
        value = value->IsObject() ? Member(*value, path[depth].c_str()) : nullptr;
        continue;
      }
      if (value->IsArray()) {
        mapped_.clear();
        const std::string& last_key = !fields[i].alias.empty() ? fields[i].alias
                                      : fields[i].step_keys.empty() ? path.back()
                                                                    : fields[i].step_keys.back();
        MapThroughList(*value, fields[i], depth, last_key, &mapped_);
        mapped = true;
        break;
      }
      if (!value->IsObject())
        BadResponse("field \"" + PathText(path, depth) + "\" of \"" + spec_->query_field + "\" is " +
                    JsonTypeName(*value) + ", cannot read \"" + path[depth] + "\" from it");
      bool last = depth + 1 == remote_steps;
      const std::string& key = last && !fields[i].alias.empty() ? fields[i].alias
                               : fields[i].step_keys.empty()     ? path[depth]
                                                                 : fields[i].step_keys[depth];
      const JsonValue* next = depth == 0 ? MemberAt(*value, key, &member_hints_[i]) : Member(*value, key.c_str());
      if (next == nullptr)
        BadResponse("field \"" + PathText(path, depth + 1) + "\" is missing from row " +
                    std::to_string(row) + " of \"" + spec_->query_field + "\"");
      value = next;
    }
    Cell& cell = (*cells)[i];
    std::string& scratch = scratch_[i];
    CellFormat format = i < formats.size() ? formats[i] : CellFormat::kText;
    if (mapped) {
      // An array (json[] items, or a PostgreSQL array), else JSON text of the list.
      bool pg_array = format == CellFormat::kPgArray || format == CellFormat::kPgJsonArray;
      cell.kind = CellKind::kJson;
      scratch.assign(pg_array ? "{" : "[");
      for (size_t k = 0; k < mapped_.size(); k++) {
        if (k > 0) scratch.push_back(',');
        if (mapped_[k] == nullptr || mapped_[k]->IsNull())
          scratch.append(pg_array ? "NULL" : "null");
        else if (pg_array)
          AppendPgArrayElement(*mapped_[k], format == CellFormat::kPgJsonArray, &scratch);
        else
          AppendJson(*mapped_[k], &scratch);
      }
      scratch.push_back(pg_array ? '}' : ']');
      cell.data = scratch.c_str();
      cell.length = scratch.size();
      continue;
    }
    if (value == nullptr || value->IsNull()) {
      cell.kind = CellKind::kNull;
      continue;
    }
    bool json = format == CellFormat::kJson;
    if (value->IsBool()) {
      cell.kind = CellKind::kBool;
      cell.data = value->GetBool() ? "true" : "false";
      cell.length = std::strlen(cell.data);
      continue;
    }
    if (IsRawNumber(*value)) {
      cell.kind = CellKind::kNumber;  // the same text as JSON
      cell.data = TerminatedRawNumber(*value);
      cell.length = value->GetStringLength();
      continue;
    } else if (value->IsString()) {
      cell.kind = CellKind::kString;
      if (!json) {
        cell.data = value->GetString();
        cell.length = value->GetStringLength();
        continue;
      }
      scratch.clear();
      AppendJsonString(value->GetString(), value->GetStringLength(), &scratch);
    } else if (value->IsArray() && format == CellFormat::kPgArray) {
      cell.kind = CellKind::kJson;
      scratch.clear();
      AppendPgArrayLiteral(*value, &scratch);
    } else if (value->IsArray() && format == CellFormat::kPgJsonArray) {
      cell.kind = CellKind::kJson;
      scratch.clear();
      AppendPgJsonArrayLiteral(*value, &scratch);
    } else if (value->IsObject() && !fields[i].hidden.empty()) {
      cell.kind = CellKind::kJson;
      scratch.clear();
      AppendJsonWithout(*value, fields[i].hidden, &scratch);
    } else {
      cell.kind = CellKind::kJson;
      scratch.clear();
      AppendJson(*value, &scratch);
      if (json && (value->IsObject() || value->IsArray())) cell.json_value = value;
    }
    cell.data = scratch.c_str();
    cell.length = scratch.size();
  }
}

}  // namespace rr
