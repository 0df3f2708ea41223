// IMPORT FOREIGN SCHEMA, planned from the schema model: one foreign table per object type
// that a root query field returns (as a list, a connection or a single object), its columns,
// and the options that let a scan run without introspection. src/pg turns the plan into
// CREATE FOREIGN TABLE statements.
#pragma once
#include "core.hpp"

#include <string>
#include <utility>
#include <vector>

#include "schema.hpp"
#include "shape.hpp"

namespace rr {

enum class Naming { kAsIs, kSnakeCase };
Naming ParseNaming(const std::string& text);

// "createdAt" -> "created_at", "HTTPServer" -> "http_server", "OrderItem" -> "order_item".
std::string SnakeCase(const std::string& name);

// The PostgreSQL type of a GraphQL scalar or enum (DESIGN.md's type mapping and the custom
// scalars real services use: BigInt, BigFloat, Datetime, UUID, JSON, ...).
std::string PgTypeForScalar(const SchemaType& type);

using OptionList = std::vector<std::pair<std::string, std::string>>;

struct ColumnPlan {
  std::string name;
  std::string pg_type;
  bool not_null = false;
  OptionList options;
};

struct TablePlan {
  std::string name;
  std::string type_name;
  OptionList options;
  std::vector<ColumnPlan> columns;
  std::string comment;  // which query field was chosen, and the others
};

struct ImportFilter {
  enum class Mode { kAll, kLimitTo, kExcept } mode = Mode::kAll;
  std::vector<std::string> names;  // GraphQL type names
};

// A LIMIT TO / EXCEPT name that matches no importable type, and why.
struct UnmatchedName {
  std::string name;
  std::string reason;
};

struct ImportPlan {
  std::vector<TablePlan> tables;
  std::vector<UnmatchedName> unmatched;
};

// Names match exactly, or else case-insensitively when only one type matches that way
// (PostgreSQL folds an unquoted LIMIT TO name to lower case).
ImportPlan PlanImport(const SchemaModel& model, Naming naming, const ImportFilter& filter);

// The options a table needs so that its scan sends no introspection (pagination, row shape,
// argument types), from the shape of its query field. Also used for tables made by hand
// that lack them.
OptionList ScanOptionsFor(const Field& field, const RootFieldShape& shape);

}  // namespace rr
