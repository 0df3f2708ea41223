#include "import.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "error.hpp"
#include "json.hpp"

namespace rr {

namespace {

// PostgreSQL's NAMEDATALEN - 1: longer identifiers are cut, so the column keeps the remote
// name in its field option.
constexpr size_t kMaxIdentifierBytes = 63;
// How deep an object field read into jsonb follows nested objects, and how many fields one
// such read selects at most (schemas whose objects link back and forth grow fast).
constexpr int kSelectionDepth = 1;
constexpr int kSelectionBudget = 200;

bool IsAsciiUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsAsciiLowerOrDigit(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

std::string AsciiLower(std::string text) {
  for (auto& c : text)
    if (IsAsciiUpper(c)) c = static_cast<char>(c - 'A' + 'a');
  return text;
}

std::string Identifier(const std::string& remote_name, Naming naming) {
  std::string name = naming == Naming::kSnakeCase ? SnakeCase(remote_name) : remote_name;
  if (name.size() > kMaxIdentifierBytes) name.resize(kMaxIdentifierBytes);  // GraphQL names are ASCII
  return name;
}

// Federation's plumbing (_entities, _service) and the count fields that IMPORT records on
// the table they count (json-graphql-server's _allOrdersMeta, Hasura's orders_aggregate).
bool IsPlumbingField(const std::string& name) {
  return name == "_entities" || name == "_service" || name.compare(0, 2, "__") == 0;
}

bool IsOutputComposite(const SchemaType* type) {
  return type != nullptr &&
         (type->kind == TypeKind::kObject || type->kind == TypeKind::kInterface || type->kind == TypeKind::kUnion);
}

bool HasRequiredArgument(const Field& field) {
  for (const auto& argument : field.arguments)
    if (argument.Required()) return true;
  return false;
}

// A connection field paged by first/last (GitHub's repositories(first:), forks(first:)):
// APIs such as GitHub refuse it without first or last, and a selection carries no arguments,
// so a jsonb read of it cannot work everywhere. It is a relationship, a table of its own.
bool IsPagedConnection(const SchemaModel& model, const Field& field) {
  if (field.FindArgument("first") == nullptr && field.FindArgument("last") == nullptr) return false;
  const SchemaType* type = model.FindType(field.type.name);
  return type != nullptr && type->kind == TypeKind::kObject && type->FindField("pageInfo") != nullptr;
}

void AppendSelection(const SchemaModel& model, const SchemaType& type, int depth, int* budget, std::string* out);

// Appends " name" or " name { ... }" for one field, if it can be selected.
void AppendFieldSelection(const SchemaModel& model, const Field& field, int depth, int* budget, std::string* out) {
  if (*budget <= 0 || HasRequiredArgument(field) || IsPagedConnection(model, field)) return;
  const SchemaType* type = model.FindType(field.type.name);
  if (type == nullptr) return;
  if (!IsOutputComposite(type)) {
    out->append(" ").append(field.name);
    --*budget;
    return;
  }
  if (depth <= 0) return;
  out->append(" ").append(field.name).append(" ");
  --*budget;
  AppendSelection(model, *type, depth - 1, budget, out);
}

// "{ a b { c } }" for an object, interface or union read whole into jsonb. Interfaces and
// unions name their __typename, and a union's members are read through inline fragments.
void AppendSelection(const SchemaModel& model, const SchemaType& type, int depth, int* budget, std::string* out) {
  out->append("{");
  size_t start = out->size();
  if (type.kind != TypeKind::kObject) out->append(" __typename");
  if (type.kind == TypeKind::kUnion) {
    // A fragment is no level of nesting: its fields are the union's own. Members' fields of
    // one name but different types (A.value: Int, B.value: String, or Int and Int!) cannot
    // share a response key: GraphQL refuses such a document, so they are left out.
    std::map<std::string, std::string> type_of_name;
    std::set<std::string> conflicting;
    for (const auto& member_name : type.possible_types)
      if (const SchemaType* member = model.FindType(member_name))
        for (const auto& field : member->fields) {
          auto inserted = type_of_name.emplace(field.name, field.type.text);
          if (!inserted.second && inserted.first->second != field.type.text) conflicting.insert(field.name);
        }
    for (const auto& member_name : type.possible_types) {
      const SchemaType* member = model.FindType(member_name);
      if (member == nullptr || *budget <= 0) continue;
      std::string fragment;
      for (const auto& field : member->fields)
        if (!conflicting.count(field.name)) AppendFieldSelection(model, field, depth, budget, &fragment);
      if (!fragment.empty()) out->append(" ... on ").append(member_name).append(" {").append(fragment).append(" }");
    }
  } else {
    for (const auto& field : type.fields) AppendFieldSelection(model, field, depth, budget, out);
  }
  if (out->size() == start) out->append(" __typename");  // nothing selectable: still valid
  out->append(" }");
}

void AppendJsonObjectMember(const std::string& name, const std::string& value, std::string* json) {
  json->append(json->size() > 1 ? ", " : "");
  AppendJsonString(name.data(), name.size(), json);
  json->append(": ");
  AppendJsonString(value.data(), value.size(), json);
}

std::string ShapeSummary(const RootFieldShape& shape) {
  std::string text = std::string(shape.result == ResultShape::kObject ? "an " : "a ") + ResultShapeName(shape.result);
  if (shape.pagination != Pagination::kNone) text += std::string(", paged ") + PaginationName(shape.pagination);
  if (shape.filter != FilterDialect::kNone) text += std::string(", filter ") + FilterDialectName(shape.filter);
  if (shape.order != OrderDialect::kNone) text += std::string(", order ") + OrderDialectName(shape.order);
  return text;
}

// PostgreSQL's system columns: no user column may have their names.
bool IsSystemColumnName(const std::string& name) {
  for (const char* system : {"tableoid", "ctid", "xmin", "cmin", "xmax", "cmax"})
    if (name == system) return true;
  return false;
}

// "a union", "an enum" (of the type kinds only "union" starts with a u).
std::string WithArticle(const char* noun) {
  char first = noun[0];
  bool vowel = first == 'a' || first == 'e' || first == 'i' || first == 'o';
  return std::string(vowel ? "an " : "a ") + noun;
}

// A name not yet taken (a column of the table, a table of the import).
std::string UniqueName(std::string name, const std::set<std::string>& taken, const std::string& suffix) {
  if (!taken.count(name) && !IsSystemColumnName(name)) return name;
  std::string base = name.substr(0, kMaxIdentifierBytes - suffix.size() - 2);
  name = base + suffix;
  for (int n = 2; taken.count(name) || IsSystemColumnName(name); ++n) name = base + suffix + std::to_string(n);
  return name;
}

TablePlan PlanTable(const SchemaModel& model, const SchemaType& row, const RootFieldShape& shape,
                    const std::vector<RootFieldShape>& others, Naming naming) {
  TablePlan table;
  table.name = Identifier(row.name, naming);
  table.type_name = row.name;
  table.options.emplace_back("type_name", row.name);
  table.options.emplace_back("query_field", shape.field);
  const Field& field = *model.FindRootField(shape.field);
  for (auto& option : ScanOptionsFor(field, shape)) table.options.push_back(std::move(option));
  if (shape.filter != FilterDialect::kNone) table.options.emplace_back("filter_dialect", FilterDialectName(shape.filter));
  if (!shape.filter_argument.empty()) table.options.emplace_back("filter_argument", shape.filter_argument);
  if (shape.order != OrderDialect::kNone) {
    table.options.emplace_back("order_dialect", OrderDialectName(shape.order));
    table.options.emplace_back("order_argument", shape.order_argument);
  }
  if (!shape.count_field.empty()) table.options.emplace_back("count_field", shape.count_field);

  std::set<std::string> taken;
  std::map<std::string, size_t> column_of_field;
  for (const auto& member : row.fields) {
    if (HasRequiredArgument(member) || member.name == "__typename" || IsPagedConnection(model, member)) continue;
    const SchemaType* type = model.FindType(member.type.name);
    if (type == nullptr) continue;
    ColumnPlan column;
    column.name = UniqueName(Identifier(member.name, naming), taken, "_");
    std::string field_option = member.name;
    if (IsOutputComposite(type)) {
      column.pg_type = "jsonb";
      int budget = kSelectionBudget;
      field_option.append(" ");
      AppendSelection(model, *type, kSelectionDepth, &budget, &field_option);
    } else if (member.type.ListDepth() > 0) {
      column.pg_type = "jsonb";
    } else {
      column.pg_type = PgTypeForScalar(*type);
      column.not_null = member.type.NonNull();
      column_of_field[member.name] = table.columns.size();
    }
    if (field_option != column.name) column.options.emplace_back("field", field_option);
    taken.insert(column.name);
    table.columns.push_back(std::move(column));
  }

  // Arguments that feed a column: one named like a scalar field filters it by equality; a
  // required one that is no field is an input-only column, whose value is the one given.
  for (const auto& argument : field.arguments) {
    if (shape.IsControlArgument(argument.name)) continue;
    const SchemaType* type = model.FindType(argument.type.name);
    bool scalar = type != nullptr && type->kind != TypeKind::kInputObject && argument.type.ListDepth() == 0;
    auto found = column_of_field.find(argument.name);
    if (found != column_of_field.end() && scalar) {
      table.columns[found->second].options.emplace_back("argument", argument.name);
      continue;
    }
    if (!argument.Required()) continue;
    ColumnPlan column;
    column.name = UniqueName(Identifier(argument.name, naming), taken, "_arg");
    column.pg_type = scalar ? PgTypeForScalar(*type) : "jsonb";
    column.options.emplace_back("argument", argument.name);
    column.options.emplace_back("input_only", "true");
    taken.insert(column.name);
    table.columns.push_back(std::move(column));
  }

  // The input field of the filter argument that can filter each column, and its type.
  if (!shape.filter_argument.empty()) {
    const InputValue* filter = field.FindArgument(shape.filter_argument);
    const SchemaType* input = filter != nullptr ? model.FindType(filter->type.name) : nullptr;
    for (const auto& entry : column_of_field) {
      const InputValue* input_field = input != nullptr ? input->FindInputField(entry.first) : nullptr;
      if (input_field == nullptr) continue;
      table.columns[entry.second].options.emplace_back("filter_field", input_field->name);
      table.columns[entry.second].options.emplace_back("filter_type", input_field->type.text);
    }
  }

  table.comment = "GraphQL type " + row.name + ", read through query field " + shape.field + " (" +
                  ShapeSummary(shape) + ")";
  std::string rest;
  for (const auto& other : others)
    if (other.field != shape.field) rest.append(rest.empty() ? "" : ", ").append(other.field + " (" + ShapeSummary(other) + ")");
  if (!rest.empty()) table.comment += "; other query fields returning " + row.name + ": " + rest;
  return table;
}

}  // namespace

Naming ParseNaming(const std::string& text) {
  if (text == "as_is") return Naming::kAsIs;
  if (text == "snake_case") return Naming::kSnakeCase;
  throw RemoteError(ErrorKind::kInvalidOption, "\"" + Abbreviate(text) + "\" is not one of as_is, snake_case");
}

std::string SnakeCase(const std::string& name) {
  std::string out;
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (IsAsciiUpper(c) && i > 0) {
      char previous = name[i - 1];
      bool next_lower = i + 1 < name.size() && name[i + 1] >= 'a' && name[i + 1] <= 'z';
      if (IsAsciiLowerOrDigit(previous) || (IsAsciiUpper(previous) && next_lower))
        if (!out.empty() && out.back() != '_') out.push_back('_');
    }
    out.push_back(IsAsciiUpper(c) ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return out;
}

std::string PgTypeForScalar(const SchemaType& type) {
  if (type.kind == TypeKind::kEnum) return "text";
  static const std::map<std::string, std::string> kScalars = {
      {"Int", "integer"}, {"Float", "double precision"}, {"String", "text"}, {"ID", "text"},
      {"Boolean", "boolean"}, {"BigInt", "bigint"}, {"Long", "bigint"}, {"bigint", "bigint"},
      {"BigFloat", "numeric"}, {"Decimal", "numeric"}, {"BigDecimal", "numeric"}, {"numeric", "numeric"},
      {"Datetime", "timestamptz"}, {"DateTime", "timestamptz"}, {"timestamptz", "timestamptz"},
      {"Date", "date"}, {"date", "date"}, {"Time", "time"}, {"time", "time"},
      {"UUID", "uuid"}, {"uuid", "uuid"}, {"JSON", "jsonb"}, {"JSONObject", "jsonb"}, {"jsonb", "jsonb"},
      {"json", "jsonb"}};
  auto found = kScalars.find(type.name);
  return found == kScalars.end() ? "text" : found->second;
}

OptionList ScanOptionsFor(const Field& field, const RootFieldShape& shape) {
  OptionList options;
  options.emplace_back("query_returns", ResultShapeName(shape.result));
  options.emplace_back("pagination", PaginationName(shape.pagination));
  if (shape.result == ResultShape::kConnection) options.emplace_back("relay_rows", shape.relay_nodes ? "nodes" : "edges");
  if (shape.pagination == Pagination::kOffset) {
    options.emplace_back("limit_argument", shape.limit_argument);
    options.emplace_back("offset_argument", shape.offset_argument);
    options.emplace_back("offset_unit", shape.offset_in_pages ? "pages" : "rows");
  }
  std::string types = "{";
  for (const auto& argument : field.arguments) AppendJsonObjectMember(argument.name, argument.type.text, &types);
  types.append("}");
  options.emplace_back("argument_types", types);
  return options;
}

ImportPlan PlanImport(const SchemaModel& model, Naming naming, const ImportFilter& filter) {
  // The root fields of each row type, in schema order, and the count fields that belong to
  // another field's table.
  std::map<std::string, std::vector<RootFieldShape>> shapes_of_type;
  std::vector<std::string> type_order;
  std::set<std::string> count_fields;
  std::vector<RootFieldShape> shapes;
  std::set<std::string> plumbing_types;  // returned only by fields that are no tables
  for (const auto& field : model.query_type().fields) {
    RootFieldShape shape;
    if (IsPlumbingField(field.name)) {
      plumbing_types.insert(field.type.name);
      continue;
    }
    if (!DescribeRootField(model, field, &shape)) continue;
    if (shape.row_type == model.query_type().name) continue;  // PostGraphile's `query: Query!`
    if (!shape.count_field.empty() && shape.count_field.find('.') != std::string::npos)
      count_fields.insert(shape.count_field.substr(0, shape.count_field.find('.')));
    shapes.push_back(std::move(shape));
  }
  for (auto& shape : shapes) {
    if (count_fields.count(shape.field)) {
      plumbing_types.insert(shape.row_type);
      continue;
    }
    if (!shapes_of_type.count(shape.row_type)) type_order.push_back(shape.row_type);
    shapes_of_type[shape.row_type].push_back(shape);
  }

  // LIMIT TO / EXCEPT names, resolved to importable types.
  ImportPlan plan;
  std::set<std::string> named;
  for (const auto& name : filter.names) {
    if (shapes_of_type.count(name)) {
      named.insert(name);
      continue;
    }
    std::vector<std::string> folded;
    for (const auto& type : type_order)
      if (AsciiLower(type) == AsciiLower(name)) folded.push_back(type);
    if (folded.size() == 1) {
      named.insert(folded.front());
      continue;
    }
    const SchemaType* type = model.FindType(name);
    if (type == nullptr) {  // the reason for a folded name is its type's, when one type has it
      const SchemaType* only = nullptr;
      int matches = 0;
      for (const auto& candidate : model.types())
        if (AsciiLower(candidate.name) == AsciiLower(name)) {
          only = &candidate;
          ++matches;
        }
      if (matches == 1) type = only;
    }
    std::string reason =
        folded.size() > 1 ? "it matches several types when case is ignored; quote the name"
        : type == nullptr ? "the remote schema has no such type"
        : type->kind != TypeKind::kObject ? "it is " + WithArticle(TypeKindName(type->kind)) + ", not an object type"
        : plumbing_types.count(type->name) ? "it belongs to the federation or count fields, which are not imported"
        : "no query field returns it (types reachable only through other objects are not imported)";
    plan.unmatched.push_back({name, reason});
  }

  std::set<std::string> table_names;
  for (const auto& type_name : type_order) {
    bool listed = named.count(type_name) > 0;
    if ((filter.mode == ImportFilter::Mode::kLimitTo && !listed) || (filter.mode == ImportFilter::Mode::kExcept && listed))
      continue;
    const auto& candidates = shapes_of_type[type_name];
    // The best by score; among equals the first in the schema (stable).
    const RootFieldShape* best = &candidates.front();
    for (const auto& candidate : candidates)
      if (candidate.Score() > best->Score()) best = &candidate;
    plan.tables.push_back(PlanTable(model, *model.FindType(type_name), *best, candidates, naming));
    // Names that fold or cut alike ("Order" and "ORDER" in snake_case) must not collide.
    plan.tables.back().name = UniqueName(plan.tables.back().name, table_names, "_");
    table_names.insert(plan.tables.back().name);
  }
  return plan;
}

}  // namespace rr
