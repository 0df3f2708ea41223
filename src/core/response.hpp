// Reads one GraphQL response page: checks it is a GraphQL answer of the expected shape,
// surfaces remote "errors", and hands out the cells of each row as text.
#pragma once
#include "core.hpp"

#include <memory>
#include <string>
#include <vector>

#include "json.hpp"
#include "request.hpp"

namespace rr {

enum class CellKind { kNull, kString, kNumber, kBool, kJson };

// How a column wants its values: plain text (strings unquoted, objects and lists as JSON),
// JSON text (for json/jsonb), a PostgreSQL array literal from a JSON list (for arrays), or
// one whose elements are the JSON texts of the list's items (for json[] and jsonb[]).
enum class CellFormat { kText, kJson, kPgArray, kPgJsonArray };

// One value of a row. data is NUL-terminated and stays valid until the next ReadRow.
struct Cell {
  CellKind kind = CellKind::kNull;
  const char* data = nullptr;
  size_t length = 0;
  // For a JSON object or list whose text is data, exactly: the parsed value itself, so that
  // jsonb can be built from it without parsing the text again. Else null.
  const JsonValue* json_value = nullptr;
};

// A GraphQL answer parsed once: the pages of several aliased root fields (a batch of join
// keys) are read from the same tree.
struct ParsedResponse {
  std::string body;
  JsonDocument doc;
  // With allow_partial_errors: the "errors" next to data, each with a path; else null.
  const JsonValue* errors = nullptr;
};

// Parses the body and checks that it is a GraphQL result with a "data" object and no
// "errors" (unless allow_partial_errors: then errors that each have a path may come with
// data, and PageReader::Load judges them). Throws RemoteError.
std::shared_ptr<const ParsedResponse> ParseResponse(std::string body, bool allow_partial_errors = false);

class PageReader {
 public:
  // Takes the body, parses it and locates the rows. Throws RemoteError.
  void Load(std::string body, const ScanRequestSpec& spec);

  // Locates the rows of the root field answered under alias (empty: under the query field's
  // own name) in a parsed answer, which the page then shares. Throws RemoteError.
  void Load(std::shared_ptr<const ParsedResponse> response, const ScanRequestSpec& spec, const std::string& alias);

  size_t row_count() const { return single_row_ != nullptr ? 1 : rows_ == nullptr ? 0 : rows_->Size(); }
  bool has_next_page() const { return has_next_page_; }
  const std::string& end_cursor() const { return end_cursor_; }
  // The row count the first page of a counted scan carries (spec.count_field); -1: none.
  long count() const { return count_; }
  // The response's partial errors under this page's root field, which nulled values of
  // rows (never a whole row: Load throws for those), and the message of the first.
  size_t partial_errors() const { return partial_errors_; }
  const std::string& first_partial_error() const { return first_partial_error_; }

  // True when the list holds null at row (GraphQL list items are nullable unless declared
  // [T!]), or a null edge or node: no object, so no row. ReadRow refuses such a row.
  bool IsNullItem(size_t row) const;
  // True when the spec reads one member of a union or interface and row is of another.
  bool IsOtherMember(size_t row) const;

  // The cells of one row, column i from spec.fields[i] in formats[i]. Throws RemoteError.
  void ReadRow(size_t row, const std::vector<CellFormat>& formats, std::vector<Cell>* cells);

  // Frees the page (the body and its parsed tree).
  void Clear();

 private:
  const JsonValue& RowObject(size_t row) const;
  const JsonValue& EdgeObject(size_t row) const;
  void ReadCount(const JsonValue& data, const std::string& alias);
  void JudgePartialErrors(const JsonValue& data, const std::string& root_key);

  const ScanRequestSpec* spec_ = nullptr;
  std::shared_ptr<const ParsedResponse> response_;
  const JsonValue* rows_ = nullptr;  // array of row objects (or of edges)
  const JsonValue* single_row_ = nullptr;  // the one row of a field that returns an object
  bool rows_are_edges_ = false;
  bool has_next_page_ = false;
  std::string end_cursor_;
  long count_ = -1;
  size_t partial_errors_ = 0;
  std::string first_partial_error_;
  std::vector<std::string> scratch_;
  std::vector<const JsonValue*> mapped_;  // the values a path reads through a list
  std::vector<rapidjson::SizeType> member_hints_;  // per column: where its field was in the last row
};

// Appends a JSON list as a PostgreSQL array literal ("{1,NULL,\"a b\"}"); nested lists
// become nested arrays, objects their JSON text; lists of only empty lists are "{}".
// Exposed for tests.
void AppendPgArrayLiteral(const JsonValue& list, std::string* out);

// Appends a JSON list as a one-dimensional array literal of the items' JSON texts
// ("{\"\\\"a\\\"\",\"[1]\",NULL}"), for json[] and jsonb[]; JSON null is NULL.
void AppendPgJsonArrayLiteral(const JsonValue& list, std::string* out);

// The message and detail of a GraphQL "errors" array (exposed for tests).
void DescribeGraphQLErrors(const JsonValue& errors, std::string* message, std::string* detail);
// The same for one error of the array.
void DescribeGraphQLError(const JsonValue& error, std::string* message, std::string* detail);

}  // namespace rr
