// DescribeRootField: how a root field hands out rows (list, connection, object), how it
// pages, and which dialect of filtering, ordering and counting it speaks.
#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "core/error.hpp"
#include "core/shape.hpp"
#include "sdl_introspection.hpp"

namespace {

using rr::FilterDialect;
using rr::OrderDialect;
using rr::Pagination;
using rr::ResultShape;

rr::SchemaModel Model(const std::string& sdl) {
  rr::SchemaModel model;
  model.Load(rrtest::AnswerFromSdl(sdl));
  return model;
}

// The shape of root field `field`; fails the test when it has none.
rr::RootFieldShape Shape(const rr::SchemaModel& model, const std::string& field) {
  rr::RootFieldShape shape;
  const rr::Field* root = model.FindRootField(field);
  if (root == nullptr) {
    ADD_FAILURE() << "no root field " << field;
    return shape;
  }
  EXPECT_TRUE(rr::DescribeRootField(model, *root, &shape)) << field;
  return shape;
}

bool Describes(const rr::SchemaModel& model, const std::string& field) {
  rr::RootFieldShape shape;
  return rr::DescribeRootField(model, *model.FindRootField(field), &shape);
}

const char kPlainSdl[] = R"(
scalar Cursor
enum OrderStatus { PAID SHIPPED }
type Order { id: ID! user_id: Int status: OrderStatus amount: Float }
type User { id: ID! name: String }
type PageInfo { hasNextPage: Boolean! endCursor: String }
type OrderEdge { cursor: String node: Order }
type OrderConnection { edges: [OrderEdge!]! pageInfo: PageInfo! totalCount: Int! }
type ItemConnection { nodes: [Order] pageInfo: PageInfo! }
type BadConnection { edges: [OrderEdge] }
union SearchResult = Order | User
interface Node { id: ID! }
type Query {
  orders(limit: Int, offset: Int): [Order!]!
  ordersFirst(first: Int, offset: Int): [Order]
  ordersSkip(first: Int, skip: Int): [Order]
  ordersTake(take: Int, skip: Int): [Order]
  ordersPaged(page: Int, perPage: Int): [Order]
  ordersLimitOnly(limit: Int): [Order]
  ordersListLimit(limit: [Int], offset: Int): [Order]
  ordersOf(user_id: Int, status: OrderStatus, ids: [ID], limit: Int, offset: Int): [Order!]!
  ordersConnection(first: Int, after: String, last: Int, before: String): OrderConnection!
  items(first: Int, after: Cursor): ItemConnection
  ordersAll: OrderConnection
  ordersFirstOnly(first: Int): OrderConnection
  notAConnection: BadConnection
  order(id: ID!): Order
  viewer: User
  version: String
  versions: [String!]!
  matrix: [[Order]]
  search(term: String!): [SearchResult!]!
  node(id: ID!): Node
  oldOrders: OrderConnection @deprecated
}
)";

TEST(RootFieldShape, ListWithLimitAndOffset) {
  rr::SchemaModel model = Model(kPlainSdl);
  rr::RootFieldShape shape = Shape(model, "orders");
  EXPECT_EQ(shape.field, "orders");
  EXPECT_EQ(shape.row_type, "Order");
  EXPECT_EQ(shape.result, ResultShape::kList);
  EXPECT_EQ(shape.pagination, Pagination::kOffset);
  EXPECT_EQ(shape.limit_argument, "limit");
  EXPECT_EQ(shape.offset_argument, "offset");
  EXPECT_FALSE(shape.offset_in_pages);
  EXPECT_FALSE(shape.relay_nodes);
  EXPECT_EQ(shape.filter, FilterDialect::kNone);
  EXPECT_EQ(shape.order, OrderDialect::kNone);
  EXPECT_EQ(shape.count_field, "");
  EXPECT_FALSE(shape.deprecated);
}

TEST(RootFieldShape, OffsetPagingArgumentPairs) {
  rr::SchemaModel model = Model(kPlainSdl);
  struct Case {
    const char* field;
    const char* size;
    const char* position;
    bool pages;
  };
  for (const Case& c : {Case{"ordersFirst", "first", "offset", false}, Case{"ordersSkip", "first", "skip", false},
                        Case{"ordersTake", "take", "skip", false}, Case{"ordersPaged", "perPage", "page", true}}) {
    SCOPED_TRACE(c.field);
    rr::RootFieldShape shape = Shape(model, c.field);
    EXPECT_EQ(shape.result, ResultShape::kList);
    EXPECT_EQ(shape.pagination, Pagination::kOffset);
    EXPECT_EQ(shape.limit_argument, c.size);
    EXPECT_EQ(shape.offset_argument, c.position);
    EXPECT_EQ(shape.offset_in_pages, c.pages);
  }
  // Half a pair, or a list where a number belongs, is no paging.
  EXPECT_EQ(Shape(model, "ordersLimitOnly").pagination, Pagination::kNone);
  EXPECT_EQ(Shape(model, "ordersListLimit").pagination, Pagination::kNone);
}

TEST(RootFieldShape, ArgumentsNamedLikeFieldsFilter) {
  rr::SchemaModel model = Model(kPlainSdl);
  rr::RootFieldShape shape = Shape(model, "ordersOf");
  EXPECT_EQ(shape.filter, FilterDialect::kArguments);
  EXPECT_EQ(shape.filter_argument, "");
  EXPECT_EQ(shape.pagination, Pagination::kOffset);
  // Paging arguments alone do not filter, even on a type with a field named like them.
  rr::SchemaModel limits = Model("type Row { limit: Int offset: Int } type Query { rows(limit: Int, offset: Int): [Row] }");
  EXPECT_EQ(Shape(limits, "rows").filter, FilterDialect::kNone);
  // A list argument is no equality filter.
  rr::SchemaModel ids = Model("type Row { ids: [ID] } type Query { rows(ids: [ID]): [Row] }");
  EXPECT_EQ(Shape(ids, "rows").filter, FilterDialect::kNone);
}

TEST(RootFieldShape, RelayConnectionWithEdges) {
  rr::SchemaModel model = Model(kPlainSdl);
  rr::RootFieldShape shape = Shape(model, "ordersConnection");
  EXPECT_EQ(shape.result, ResultShape::kConnection);
  EXPECT_EQ(shape.row_type, "Order");
  EXPECT_FALSE(shape.relay_nodes);
  EXPECT_EQ(shape.pagination, Pagination::kRelay);
  EXPECT_EQ(shape.count_field, "totalCount");
}

TEST(RootFieldShape, ConnectionWithOnlyNodes) {
  rr::SchemaModel model = Model(kPlainSdl);
  rr::RootFieldShape shape = Shape(model, "items");
  EXPECT_EQ(shape.result, ResultShape::kConnection);
  EXPECT_EQ(shape.row_type, "Order");
  EXPECT_TRUE(shape.relay_nodes);
  EXPECT_EQ(shape.pagination, Pagination::kRelay);
  EXPECT_EQ(shape.count_field, "");  // ItemConnection has no totalCount
}

TEST(RootFieldShape, ConnectionWithoutFirstAndAfterIsNotPaged) {
  rr::SchemaModel model = Model(kPlainSdl);
  rr::RootFieldShape all = Shape(model, "ordersAll");
  EXPECT_EQ(all.result, ResultShape::kConnection);
  EXPECT_EQ(all.pagination, Pagination::kNone);
  EXPECT_EQ(all.count_field, "totalCount");
  rr::RootFieldShape first_only = Shape(model, "ordersFirstOnly");
  EXPECT_EQ(first_only.result, ResultShape::kConnection);
  EXPECT_EQ(first_only.pagination, Pagination::kNone);
  // Edges without pageInfo make no connection: the field returns one object of that type.
  rr::RootFieldShape bad = Shape(model, "notAConnection");
  EXPECT_EQ(bad.result, ResultShape::kObject);
  EXPECT_EQ(bad.row_type, "BadConnection");
}

TEST(RootFieldShape, SingleObject) {
  rr::SchemaModel model = Model(kPlainSdl);
  rr::RootFieldShape order = Shape(model, "order");
  EXPECT_EQ(order.result, ResultShape::kObject);
  EXPECT_EQ(order.row_type, "Order");
  EXPECT_EQ(order.pagination, Pagination::kNone);
  EXPECT_EQ(order.filter, FilterDialect::kArguments);  // order(id:) looks up by a field
  rr::RootFieldShape viewer = Shape(model, "viewer");
  EXPECT_EQ(viewer.result, ResultShape::kObject);
  EXPECT_EQ(viewer.row_type, "User");
  EXPECT_EQ(viewer.filter, FilterDialect::kNone);
}

TEST(RootFieldShape, NoRowsOfOneObjectType) {
  rr::SchemaModel model = Model(kPlainSdl);
  for (const char* field : {"version", "versions", "matrix", "search", "node"}) EXPECT_FALSE(Describes(model, field)) << field;
}

TEST(RootFieldShape, DeprecatedFieldsAreMarked) {
  rr::SchemaModel model = Model(kPlainSdl);
  EXPECT_TRUE(Shape(model, "oldOrders").deprecated);
  EXPECT_LT(Shape(model, "oldOrders").Score(), Shape(model, "viewer").Score());
}

// Hasura: where with _and/_or/_not, order_by with an input object per column, limit/offset,
// and <table>_aggregate { aggregate { count } } beside the table.
const char kHasuraSdl[] = R"(
enum order_by { asc desc }
enum orders_select_column { id user_id }
input Int_comparison_exp { _eq: Int _gt: Int _in: [Int!] _is_null: Boolean }
input orders_bool_exp { _and: [orders_bool_exp!] _not: orders_bool_exp _or: [orders_bool_exp!] id: Int_comparison_exp user_id: Int_comparison_exp }
input orders_order_by { id: order_by user_id: order_by }
type orders { id: Int! user_id: Int }
type orders_aggregate_fields { count(columns: [orders_select_column!], distinct: Boolean): Int! }
type orders_aggregate { aggregate: orders_aggregate_fields nodes: [orders!]! }
type Query {
  orders(distinct_on: [orders_select_column!], limit: Int, offset: Int, order_by: [orders_order_by!], where: orders_bool_exp): [orders!]!
  orders_aggregate(where: orders_bool_exp): orders_aggregate!
  orders_by_pk(id: Int!): orders
}
)";

TEST(RootFieldShape, HasuraWhereOrderByAndAggregateCount) {
  rr::SchemaModel model = Model(kHasuraSdl);
  rr::RootFieldShape shape = Shape(model, "orders");
  EXPECT_EQ(shape.result, ResultShape::kList);
  EXPECT_EQ(shape.row_type, "orders");
  EXPECT_EQ(shape.pagination, Pagination::kOffset);
  EXPECT_EQ(shape.filter, FilterDialect::kWhere);
  EXPECT_EQ(shape.filter_argument, "where");
  EXPECT_EQ(shape.order, OrderDialect::kOrderBy);
  EXPECT_EQ(shape.order_argument, "order_by");
  EXPECT_EQ(shape.count_field, "orders_aggregate.aggregate.count");
  rr::RootFieldShape by_pk = Shape(model, "orders_by_pk");
  EXPECT_EQ(by_pk.result, ResultShape::kObject);
  EXPECT_EQ(by_pk.filter, FilterDialect::kArguments);
  // A `where` that is no boolean expression (no _and / _or) is not Hasura's.
  rr::SchemaModel other = Model(
      "input W { id: Int } type Row { id: Int } type Query { rows(where: W): [Row] rows2(where: W, order_by: W): [Row] }");
  EXPECT_EQ(Shape(other, "rows").filter, FilterDialect::kNone);
  EXPECT_EQ(Shape(other, "rows2").order, OrderDialect::kOrderBy);  // order_by only needs an input object
  rr::SchemaModel or_only = Model("input W { _or: [W!] } type Row { id: Int } type Query { rows(where: W): [Row] }");
  EXPECT_EQ(Shape(or_only, "rows").filter, FilterDialect::kWhere);
}

// PostGraphile with postgraphile-plugin-connection-filter.
const char kPostGraphileSdl[] = R"(
scalar Cursor
enum OrdersOrderBy { NATURAL ID_ASC ID_DESC PRIMARY_KEY_ASC }
input IntFilter { isNull: Boolean equalTo: Int notEqualTo: Int in: [Int!] lessThan: Int }
input OrderFilter { id: IntFilter userId: IntFilter and: [OrderFilter!] or: [OrderFilter!] not: OrderFilter }
input OrderCondition { id: Int userId: Int }
type Order { nodeId: ID! id: Int! userId: Int }
type OrdersEdge { cursor: Cursor node: Order }
type PageInfo { hasNextPage: Boolean! endCursor: Cursor }
type OrdersConnection { nodes: [Order]! edges: [OrdersEdge!]! pageInfo: PageInfo! totalCount: Int! }
type Query {
  allOrders(first: Int, last: Int, offset: Int, before: Cursor, after: Cursor, orderBy: [OrdersOrderBy!] = [PRIMARY_KEY_ASC], condition: OrderCondition, filter: OrderFilter): OrdersConnection
  conditionOnly(first: Int, after: Cursor, orderBy: [OrdersOrderBy!], condition: OrderCondition): OrdersConnection
  orderById(id: Int!): Order
}
)";

TEST(RootFieldShape, PostGraphileFilterConditionOrderByAndTotalCount) {
  rr::SchemaModel model = Model(kPostGraphileSdl);
  rr::RootFieldShape shape = Shape(model, "allOrders");
  EXPECT_EQ(shape.result, ResultShape::kConnection);
  EXPECT_EQ(shape.row_type, "Order");
  EXPECT_FALSE(shape.relay_nodes);  // edges when it has them
  EXPECT_EQ(shape.pagination, Pagination::kRelay);
  EXPECT_EQ(shape.filter, FilterDialect::kConnectionFilter);  // filter wins over condition
  EXPECT_EQ(shape.filter_argument, "filter");
  EXPECT_EQ(shape.order, OrderDialect::kEnumList);
  EXPECT_EQ(shape.order_argument, "orderBy");
  EXPECT_EQ(shape.count_field, "totalCount");
  rr::RootFieldShape condition = Shape(model, "conditionOnly");
  EXPECT_EQ(condition.filter, FilterDialect::kCondition);
  EXPECT_EQ(condition.filter_argument, "condition");
  EXPECT_EQ(condition.order, OrderDialect::kEnumList);
}

// json-graphql-server: page/perPage (pages count from 0), sortField/sortOrder, a flat filter
// and _all<Type>sMeta { count }.
const char kJsonServerSdl[] = R"(
input OrderFilter { q: String ids: [ID] id: ID user_id: ID amount: Float amount_gt: Float amount_lte: Float }
type ListMetadata { count: Int }
type Order { id: ID! user_id: ID amount: Float! }
type Query {
  Order(id: ID!): Order
  allOrders(page: Int, perPage: Int, sortField: String, sortOrder: String, filter: OrderFilter): [Order]
  _allOrdersMeta(page: Int, perPage: Int, filter: OrderFilter): ListMetadata
}
)";

TEST(RootFieldShape, JsonGraphqlServerFlatFilterSortFieldAndMetaCount) {
  rr::SchemaModel model = Model(kJsonServerSdl);
  rr::RootFieldShape shape = Shape(model, "allOrders");
  EXPECT_EQ(shape.result, ResultShape::kList);
  EXPECT_EQ(shape.pagination, Pagination::kOffset);
  EXPECT_EQ(shape.limit_argument, "perPage");
  EXPECT_EQ(shape.offset_argument, "page");
  EXPECT_TRUE(shape.offset_in_pages);
  EXPECT_EQ(shape.filter, FilterDialect::kFlatFilter);
  EXPECT_EQ(shape.filter_argument, "filter");
  EXPECT_EQ(shape.order, OrderDialect::kSortField);
  EXPECT_EQ(shape.order_argument, "sortField");
  EXPECT_EQ(shape.count_field, "_allOrdersMeta.count");
  // sortField without sortOrder is no sort_field dialect.
  rr::SchemaModel half = Model("type Row { id: ID } type Query { rows(sortField: String): [Row] }");
  EXPECT_EQ(Shape(half, "rows").order, OrderDialect::kNone);
  // A meta field without count counts nothing.
  rr::SchemaModel no_count = Model("type Meta { total: Int } type Row { id: ID } type Query { allRows: [Row] _allRowsMeta: Meta }");
  EXPECT_EQ(Shape(no_count, "allRows").count_field, "");
}

TEST(RootFieldShape, AFilterOfOtherOperatorObjectsIsNoFlatFilter) {
  // Gatsby's filter nests operator objects ({id: {eq: "x"}}) that are not PostGraphile's: it
  // is no flat filter (whose fields are scalars or lists of them), which would send {id: "x"}.
  rr::SchemaModel model = Model(R"(
    input StringQueryOperatorInput { eq: String ne: String in: [String] nin: [String] regex: String glob: String }
    input FileFilterInput { id: StringQueryOperatorInput name: StringQueryOperatorInput }
    type File { id: ID! name: String }
    type Query { allFile(filter: FileFilterInput, skip: Int, limit: Int): [File!]! }
  )");
  EXPECT_NE(Shape(model, "allFile").filter, FilterDialect::kFlatFilter);
}

TEST(RootFieldShape, ControlArguments) {
  rr::SchemaModel json_server = Model(kJsonServerSdl);
  rr::RootFieldShape flat = Shape(json_server, "allOrders");
  for (const char* argument : {"perPage", "page", "filter", "sortField", "sortOrder"})
    EXPECT_TRUE(flat.IsControlArgument(argument)) << argument;
  for (const char* argument : {"limit", "offset", "first", "after", "id", "q"}) EXPECT_FALSE(flat.IsControlArgument(argument)) << argument;

  rr::SchemaModel postgraphile = Model(kPostGraphileSdl);
  rr::RootFieldShape relay = Shape(postgraphile, "allOrders");
  for (const char* argument : {"first", "after", "filter", "orderBy"}) EXPECT_TRUE(relay.IsControlArgument(argument)) << argument;
  // last, before, offset and condition are left alone: the scan does not set them.
  for (const char* argument : {"last", "before", "offset", "condition", "sortOrder"})
    EXPECT_FALSE(relay.IsControlArgument(argument)) << argument;

  rr::SchemaModel hasura = Model(kHasuraSdl);
  rr::RootFieldShape where = Shape(hasura, "orders");
  for (const char* argument : {"limit", "offset", "where", "order_by"}) EXPECT_TRUE(where.IsControlArgument(argument)) << argument;
  EXPECT_FALSE(where.IsControlArgument("distinct_on"));

  // Without paging, first and limit are ordinary arguments.
  rr::RootFieldShape none;
  EXPECT_FALSE(none.IsControlArgument("first"));
  EXPECT_FALSE(none.IsControlArgument("limit"));
  EXPECT_FALSE(none.IsControlArgument(""));
}

TEST(RootFieldShape, ScoreOrdersTheCandidates) {
  rr::SchemaModel postgraphile = Model(kPostGraphileSdl);
  rr::SchemaModel plain = Model(kPlainSdl);
  int connection_with_filter = Shape(postgraphile, "allOrders").Score();
  int condition_connection = Shape(postgraphile, "conditionOnly").Score();
  int paged_list = Shape(plain, "orders").Score();
  int plain_list = Shape(plain, "ordersLimitOnly").Score();
  int object = Shape(plain, "viewer").Score();
  int object_by_id = Shape(postgraphile, "orderById").Score();
  EXPECT_GT(connection_with_filter, condition_connection);
  EXPECT_GT(condition_connection, paged_list);
  EXPECT_GT(paged_list, plain_list);
  EXPECT_GT(plain_list, object);
  // A lookup that needs an argument (every scan must give it) comes after one that needs none.
  EXPECT_GT(object, object_by_id);
  // A Hasura list with where and order_by beats a plain paged list; any field beats a
  // deprecated one.
  EXPECT_GT(Shape(Model(kHasuraSdl), "orders").Score(), paged_list);
  EXPECT_LT(Shape(plain, "oldOrders").Score(), object_by_id);
  // A bare list still beats a single object.
  rr::RootFieldShape list, single;
  single.result = ResultShape::kObject;
  EXPECT_GT(list.Score(), single.Score());
}

TEST(RootFieldShape, NamesOfShapesAndDialects) {
  for (ResultShape shape : {ResultShape::kList, ResultShape::kConnection, ResultShape::kObject})
    EXPECT_EQ(rr::ParseResultShape(rr::ResultShapeName(shape)), shape);
  EXPECT_STREQ(rr::ResultShapeName(ResultShape::kConnection), "connection");
  for (FilterDialect dialect : {FilterDialect::kNone, FilterDialect::kArguments, FilterDialect::kWhere, FilterDialect::kCondition,
                                FilterDialect::kConnectionFilter, FilterDialect::kFlatFilter})
    EXPECT_EQ(rr::ParseFilterDialect(rr::FilterDialectName(dialect)), dialect);
  EXPECT_STREQ(rr::FilterDialectName(FilterDialect::kConnectionFilter), "connection_filter");
  for (OrderDialect dialect : {OrderDialect::kNone, OrderDialect::kOrderBy, OrderDialect::kEnumList, OrderDialect::kSortField})
    EXPECT_EQ(rr::ParseOrderDialect(rr::OrderDialectName(dialect)), dialect);
  EXPECT_STREQ(rr::OrderDialectName(OrderDialect::kEnumList), "enum_list");
  struct Bad {
    std::function<void()> call;
    const char* allowed;
  };
  for (const Bad& bad : {Bad{[] { rr::ParseResultShape("List"); }, "list, connection, object"},
                         Bad{[] { rr::ParseFilterDialect("hasura"); }, "none, arguments, where, condition, connection_filter, flat_filter"},
                         Bad{[] { rr::ParseOrderDialect(""); }, "none, order_by, enum_list, sort_field"}}) {
    try {
      bad.call();
      ADD_FAILURE() << "accepted";
    } catch (const rr::RemoteError& error) {
      EXPECT_EQ(error.kind(), rr::ErrorKind::kInvalidOption);
      EXPECT_NE(std::string(error.what()).find(bad.allowed), std::string::npos) << error.what();
    }
  }
}

}  // namespace
