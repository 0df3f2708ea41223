// How a root field of the remote schema hands out rows: as a list, a Relay connection or a
// single object; how it pages; which arguments filter, order and count. Read from the schema
// model by IMPORT (which records it in table options) and by the scan of a hand-made table
// that lacks those options.
#pragma once
#include "core.hpp"

#include <string>

#include "options.hpp"
#include "schema.hpp"

namespace rr {

// How the query field returns its rows. kJson: a JSON scalar (`settings: JSON!`), whose
// object is one row and whose list is a row per object, the columns read inside it.
enum class ResultShape { kList, kConnection, kObject, kJson };

const char* ResultShapeName(ResultShape shape);
ResultShape ParseResultShape(const std::string& text);

// How the remote filters, when it can: plain arguments named like fields
// (`orders(user_id: 3)`), Hasura's boolean expressions (`where: {user_id: {_eq: 3}}`),
// PostGraphile's equality `condition`, PostGraphile's connection `filter`
// (`{userId: {equalTo: 3}}`), or json-graphql-server's flat `filter` (`{user_id: 3, amount_gt: 5}`).
enum class FilterDialect { kNone, kArguments, kWhere, kCondition, kConnectionFilter, kFlatFilter };
// How it orders: Hasura's `order_by: [{col: asc}]`, a list of enum values such as
// `[USER_ID_ASC]` (PostGraphile), or `sortField` + `sortOrder` (json-graphql-server).
enum class OrderDialect { kNone, kOrderBy, kEnumList, kSortField };

const char* FilterDialectName(FilterDialect dialect);
FilterDialect ParseFilterDialect(const std::string& text);
const char* OrderDialectName(OrderDialect dialect);
OrderDialect ParseOrderDialect(const std::string& text);

struct RootFieldShape {
  std::string field;     // the root field
  std::string row_type;  // the object type of its rows
  ResultShape result = ResultShape::kList;
  bool relay_nodes = false;  // a connection read through `nodes` (it has no `edges`)
  Pagination pagination = Pagination::kNone;
  // Offset paging: the arguments that size and place a page, and whether the position
  // counts pages (json-graphql-server's page/perPage, 0-based) rather than rows.
  std::string limit_argument = "limit";
  std::string offset_argument = "offset";
  bool offset_in_pages = false;
  FilterDialect filter = FilterDialect::kNone;
  std::string filter_argument;  // where, condition, filter
  OrderDialect order = OrderDialect::kNone;
  std::string order_argument;   // order_by, orderBy, sortField
  // What counts the rows: "totalCount" on a connection, or a root path such as
  // "_allOrdersMeta.count" or "orders_aggregate.aggregate.count"; empty: nothing.
  std::string count_field;
  bool deprecated = false;
  bool needs_argument = false;  // a required argument that paging, filter and order do not set

  // How well the field serves a table (IMPORT picks the best of the fields returning a
  // type): see Score() for the order.
  int Score() const;
  // Whether argument is one that paging sets.
  bool IsPagingArgument(const std::string& argument) const;
  // Whether argument is one that paging, filtering or ordering sets.
  bool IsControlArgument(const std::string& argument) const;
};

// A scalar that is not one of GraphQL's five (JSON, JSONObject, DateTime, ...): it may hold
// a JSON object, which the extension reads on its side.
bool IsCustomScalar(const SchemaType& type);
// Whether field returns a custom scalar, or a list of them: a table over it reads the JSON
// (ResultShape::kJson).
bool ReturnsJsonScalar(const SchemaModel& model, const Field& field);

// The fields along a query path from the Query type ("repository.issues"): every step
// above the last returns one object (or interface), not a list. Throws
// RemoteError(kNotInSchema) for a step the model lacks, kInvalidOption for one above the
// last that is a list, a scalar or a union.
std::vector<const Field*> FindFieldPath(const SchemaModel& model, const std::string& query_path);

// Describes root field `field` of model. False when its rows would not be objects of one
// object type (scalars, lists of lists, unions and interfaces).
bool DescribeRootField(const SchemaModel& model, const Field& field, RootFieldShape* shape);

// What the model says of column paths below row_type: remote_steps of a path that goes on
// below a custom scalar (a JSON scalar's `metadata.campaign`: the remote is asked for the
// scalar, the rest is read on our side; below a built-in scalar it throws); the selection of
// an object read whole without one (its argument-free scalar fields, 3 levels deep). Paths
// the model does not know are left as they are.
// For a root field whose rows are items of a union or interface (one, a list of them, or a
// connection of them): that type's name, with shape's result, relay_nodes and pagination
// set. Empty for any other field.
std::string AbstractRowsOf(const SchemaModel& model, const Field& field, RootFieldShape* shape);

// Whether member is abstract itself or one of its possible types.
bool IsPossibleType(const SchemaModel& model, const std::string& abstract, const std::string& member);

void CompletePathsFromModel(const SchemaModel& model, const std::string& row_type, std::vector<FieldSpec>* fields);

}  // namespace rr
