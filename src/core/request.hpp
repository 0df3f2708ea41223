// Builds the GraphQL document and the variables of a scan.
//
// The document is fixed for the whole scan (it is what EXPLAIN shows); only the variables
// change from page to page and, later, from one set of join keys to the next. Values that
// come from a query are always variables, never text in the document.
#pragma once
#include "core.hpp"

#include <string>
#include <vector>

#include "options.hpp"
#include "shape.hpp"

namespace rr {

// The arguments of a root field and their GraphQL types, from the schema model or from the
// table's argument_types option.
struct ArgumentInfo {
  std::string name;
  std::string type;  // GraphQL type text, e.g. "[Int!]!"
};

struct RootFieldInfo {
  std::string name;
  std::vector<ArgumentInfo> arguments;

  const ArgumentInfo* FindArgument(const std::string& argument) const;
};

// A variable bound to an argument of the query field: `name: $name` with type `type`.
struct VariableArgument {
  std::string argument;   // GraphQL argument name; "repository.owner" for one of a step above
  std::string type;       // GraphQL type, e.g. "Int", "[Int!]"
  std::string json_value; // JSON text of the value sent
};

// What a GraphQL error next to data does to a scan (the table option on_partial_error).
enum class PartialErrors {
  kError,  // fails the scan
  kNull,   // the values at the error's path are NULL (the remote sent null there)
  kWarn,   // the same, and a WARNING at the end of the scan
};

struct ScanRequestSpec {
  // A root field of type Query, or a path of fields from one ("repository.issues"): each step
  // above the last is one object, the last gives the rows. An argument of a step above the
  // last is named by that step's path: "repository.owner".
  std::string query_field;
  // Arguments of the `arguments` option written as literals (their types are unknown).
  std::vector<FixedArgument> literal_arguments;
  ResultShape result = ResultShape::kList;
  Pagination pagination = Pagination::kNone;
  long page_size = 100;
  // Offset paging: the argument names, and whether the position counts pages, not rows.
  std::string limit_argument = "limit";
  std::string offset_argument = "offset";
  bool offset_in_pages = false;
  std::vector<FieldSpec> fields;        // one per column the scan needs, in order
  std::vector<VariableArgument> variables;
  // GraphQL types of the pagination variables ($first and $after, or $limit and $offset) as
  // the remote declares them; empty: Int! and String (relay), Int! and Int! (offset).
  std::string page_size_type;
  std::string position_type;
  // Relay rows from `nodes` rather than `edges { node }` (a connection without edges).
  bool relay_nodes = false;
  // Offset paging: a root path to the count of the rows the field returns
  // ("orders_aggregate.aggregate.count"), asked for beside the first page with the argument
  // count_argument (the filter, or none), so that the last page is known without the empty
  // page after it. Empty: paging ends at the first empty page.
  std::string count_field;
  std::string count_argument;
  // The rows are items of a union or interface, and the table reads those of this member
  // type only (`... on Repository { name }`, the others skipped by __typename); empty: all.
  std::string member_type;
  // An error that nulled a whole row (or the list) fails the scan whatever this says.
  PartialErrors on_partial_error = PartialErrors::kError;
  // Offset paging: once a page has come back full, this many pages are asked for at once
  // (max_concurrent_requests; 1: one after another).
  long pages_ahead = 1;

  // Whether the pagination sets argument itself (first/after, or the offset arguments).
  bool SetsByPaging(const std::string& argument) const;
};

// Where the next page starts.
struct PagePosition {
  long offset = 0;        // rows (or pages) already read (offset pagination)
  std::string after;      // cursor of the last row read (relay); empty: first page
  bool first = true;      // the first page of the scan (asks for the count, when there is one)
};

// The alias of the count beside the first page, and its @include variable.
constexpr const char* kCountAlias = "remoteRelationshipCount";

class ScanRequest {
 public:
  explicit ScanRequest(ScanRequestSpec spec);

  const ScanRequestSpec& spec() const { return spec_; }
  const std::string& document() const { return document_; }

  // New values for the spec's variables (JSON texts, in the order of spec.variables), for a
  // re-run with other parameters: the document stays the same. Throws RemoteError
  // (kInternal) when the count differs.
  void SetVariableValues(const std::vector<std::string>& json_values);
  void SetVariableValue(size_t index, std::string json_value);

  // The variables object (JSON text) for the page that starts at position.
  std::string Variables(const PagePosition& position) const;

  // The request body: {"query": ..., "variables": ...}.
  std::string Body(const PagePosition& position) const;

  // One body for several requests of the same spec (their own variable values and
  // positions): request i's root field under the alias AliasOf(i), its variables prefixed
  // "k<i>_", its count (if any) under "k<i>_" + kCountAlias.
  static std::string AliasedBody(const std::vector<const ScanRequest*>& requests,
                                 const std::vector<const PagePosition*>& positions);

 private:
  std::string Declarations(const std::string& prefix) const;
  std::string RootSelection(const std::string& prefix) const;
  std::string StepArguments(const std::string& step_path, const std::string& prefix) const;
  void SplitEdgeFields();
  void AppendVariables(const PagePosition& position, const std::string& prefix, std::string* out, bool* first) const;

  ScanRequestSpec spec_;
  std::vector<std::string> query_path_;  // the steps of spec_.query_field
  std::vector<std::pair<std::string, std::string>> declared_;  // argument ("repository.owner" too), GraphQL type
  std::vector<std::string> count_path_;
  std::string selection_;
  std::string edge_selection_;  // "cursor starredAt": the edge fields beside node, or empty
  std::string document_;
};

// The alias of the index-th request of an aliased body: "k0", "k1", ...
std::string AliasOf(size_t index);

// The query field defaults to the table's name, which can be any text: throws
// RemoteError(kInvalidOption) unless it is a GraphQL name or a dotted path of them.
void CheckQueryField(const std::string& query_field);

// The variable of an argument: "first" -> "first", "repository.owner" -> "repository__owner".
std::string VariableNameOf(const std::string& argument);

// The step path an argument belongs to ("repository.owner" -> "repository"; "" for the last
// step's own "states"), and its name on that step ("owner").
std::string StepPathOf(const std::string& argument);
std::string StepArgumentName(const std::string& argument);

// Puts the table's fixed arguments (the `arguments` option, a JSON object) into spec. With
// the root field's introspected argument types they become typed variables; without them
// (introspection refused) they are written as literals. An argument introspection does not
// list (deprecated ones are not listed) throws RemoteError(kNotInSchema), or, with
// unlisted_as_literals, is written as a literal for the remote to judge. One that the
// pagination sets itself throws kInvalidOption.
void BindFixedArguments(const std::string& arguments_json, const RootFieldInfo* field, ScanRequestSpec* spec,
                        bool unlisted_as_literals = false);

// Takes the types of the pagination arguments from the root field's argument types
// (PostGraphile's `after` is a Cursor, not a String); an argument they do not list (absent,
// or deprecated) keeps its default type, and the remote judges the document.
void BindPagination(const RootFieldInfo* field, ScanRequestSpec* spec);

// The argument types of a field of the schema model.
RootFieldInfo ArgumentsOf(const Field& field);
// The same for a query path, the fields of its steps from the root: those of the steps
// above the last named by their step's path ("repository.owner").
RootFieldInfo ArgumentsOfPath(const std::vector<const Field*>& steps);

// The argument_types option: a JSON object of argument name -> GraphQL type text.
RootFieldInfo ParseArgumentTypesJson(const std::string& query_field, const std::string& json);

// What kind of PostgreSQL value is sent as an argument (from its type).
enum class ValueCategory { kNumber, kBoolean, kJson, kText };

// The JSON value for an argument of GraphQL type graphql_type from the text of a PostgreSQL
// value: numbers stay numbers for Int and Float arguments (strings for custom scalars such as
// BigInt), booleans for Boolean, JSON for JSON scalars, lists and input objects, strings
// otherwise.
std::string ArgumentValueJson(const std::string& text, ValueCategory category, const std::string& graphql_type);

// One condition sent in a filter argument (Hasura's where, PostGraphile's condition and
// filter, json-graphql-server's filter): field op value, or a group (kOr, kAnd) of terms.
enum class FilterOp { kEqual, kIn, kLess, kLessEqual, kGreater, kGreaterEqual, kIsNull, kIsNotNull, kNotEqual, kLike, kOr, kAnd };

struct FilterTerm {
  std::string field;              // input field of the filter argument (not for groups)
  FilterOp op;
  std::string json_value;         // the value (a JSON list for kIn); unused for the null tests and groups
  std::vector<FilterTerm> terms;  // kOr, kAnd: the terms it joins (at least one)
};

// Whether the dialect can say op (where and connection_filter: all, groups too; condition and
// flat_filter: equality only).
bool FilterDialectSupports(FilterDialect dialect, FilterOp op);

// The value of the filter argument that asks for rows where every term holds: where
// {"_and": [{"f": {"_eq": v}}, {"_or": [...]}, ...]}, connection_filter
// {"and": [{"f": {"equalTo": v}}, {"or": [...]}, ...]}, condition and flat_filter
// {"f": v, ...}. Throws RemoteError(kInternal) for a term the dialect cannot say, or an empty
// group (Hasura reads `_or: []` as true).
std::string FilterArgumentJson(FilterDialect dialect, const std::vector<FilterTerm>& terms);

// The scalar type that a filter's input field compares (from the type IMPORT records as
// filter_type): "Int_comparison_exp" -> "Int" (where), "IntFilter" -> "Int"
// (connection_filter), "Int!" -> "Int" (condition, flat_filter).
std::string FilterScalarType(FilterDialect dialect, const std::string& filter_type);

// The selection set "{ a b { c } }" that reads every field path (merged by prefix).
// A field read whole with its own selection set ("address { city }") gets an alias when
// another column reads the same field differently, so each column gets exactly the fields it
// asked for; the alias is stored in the FieldSpec for the response reader.
// With no fields it selects __typename, so the document stays valid.
std::string BuildSelectionSet(std::vector<FieldSpec>* fields);

}  // namespace rr
