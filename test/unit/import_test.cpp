// PlanImport: which types become tables, through which query field, their columns and
// options; LIMIT TO / EXCEPT; naming and the type mapping.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/import.hpp"
#include "core/options.hpp"
#include "core/request.hpp"
#include "sdl_introspection.hpp"

namespace {

using rr::ImportFilter;
using rr::Naming;

rr::SchemaModel Model(const std::string& sdl) {
  rr::SchemaModel model;
  model.Load(rrtest::AnswerFromSdl(sdl));
  return model;
}

rr::ImportPlan Plan(const rr::SchemaModel& model, Naming naming = Naming::kSnakeCase,
                    ImportFilter::Mode mode = ImportFilter::Mode::kAll, std::vector<std::string> names = {}) {
  ImportFilter filter;
  filter.mode = mode;
  filter.names = std::move(names);
  return rr::PlanImport(model, naming, filter);
}

std::vector<std::string> TableTypes(const rr::ImportPlan& plan) {
  std::vector<std::string> types;
  for (const auto& table : plan.tables) types.push_back(table.type_name);
  return types;
}

const rr::TablePlan& Table(const rr::ImportPlan& plan, const std::string& type_name) {
  for (const auto& table : plan.tables)
    if (table.type_name == type_name) return table;
  ADD_FAILURE() << "no table for " << type_name;
  static const rr::TablePlan none;
  return none;
}

std::vector<std::string> ColumnNames(const rr::TablePlan& table) {
  std::vector<std::string> names;
  for (const auto& column : table.columns) names.push_back(column.name);
  return names;
}

const rr::ColumnPlan& Column(const rr::TablePlan& table, const std::string& name) {
  for (const auto& column : table.columns)
    if (column.name == name) return column;
  ADD_FAILURE() << "no column " << name << " in " << table.name;
  static const rr::ColumnPlan none;
  return none;
}

bool HasColumn(const rr::TablePlan& table, const std::string& name) {
  for (const auto& column : table.columns)
    if (column.name == name) return true;
  return false;
}

// The option's value, or "<absent>".
std::string Option(const rr::OptionList& options, const std::string& name) {
  std::string value = "<absent>";
  int seen = 0;
  for (const auto& option : options)
    if (option.first == name) {
      value = option.second;
      ++seen;
    }
  EXPECT_LE(seen, 1) << "option " << name << " given twice";
  return value;
}

std::vector<std::string> OptionNames(const rr::OptionList& options) {
  std::vector<std::string> names;
  for (const auto& option : options) names.push_back(option.first);
  return names;
}

const char kShopSdl[] = R"(
scalar Datetime
scalar BigInt
scalar BigFloat
scalar Date
scalar Time
scalar UUID
scalar JSON
scalar Money
scalar _Any
enum OrderStatus { PAID SHIPPED }
interface Node { id: ID! }
type Member implements Node { id: ID! login: String! }
type Bot implements Node { id: ID! }
union Actor = Member | Bot
type Product { id: ID! name: String }
type OrderItem { sku: String! qty: Int! product: Product }
type Order {
  id: ID!
  userId: Int!
  createdAt: Datetime
  amount: Float
  isPaid: Boolean!
  status: OrderStatus!
  big: BigInt
  exact: BigFloat
  day: Date
  at: Time
  ref: UUID
  meta: JSON
  price: Money
  note: String
  tags: [String!]!
  items: [OrderItem!]!
  author: Actor
  owner: Node
  total(currency: String!): Float
  discount(code: String): Float
}
type User { id: ID! name: String! }
type _Service { sdl: String }
union _Entity = Product | User
type Query {
  orders(limit: Int, offset: Int, userId: Int, status: OrderStatus, ids: [ID!]): [Order!]!
  order(id: ID!): Order
  recentOrders: [Order]
  users: [User!]!
  me: User
  version: String
  node(id: ID!): Node
  search(term: String!): [Actor]
  _service: _Service!
  _entities(representations: [_Any!]!): [_Entity]!
}
)";

TEST(ImportPlan, OneTablePerObjectTypeAQueryFieldReturns) {
  rr::ImportPlan plan = Plan(Model(kShopSdl));
  // Product, OrderItem, Member and Bot are reachable only through Order; Node and Actor are
  // no object types; _Service is federation's plumbing.
  EXPECT_EQ(TableTypes(plan), (std::vector<std::string>{"Order", "User"}));
  EXPECT_TRUE(plan.unmatched.empty());
}

TEST(ImportPlan, TheBestQueryFieldIsChosenAndTheOthersNamed) {
  rr::ImportPlan plan = Plan(Model(kShopSdl));
  const rr::TablePlan& order = Table(plan, "Order");
  EXPECT_EQ(order.name, "order");
  EXPECT_EQ(Option(order.options, "type_name"), "Order");
  EXPECT_EQ(Option(order.options, "query_field"), "orders");
  EXPECT_EQ(order.comment,
            "GraphQL type Order, read through query field orders (a list, paged offset, filter arguments); "
            "other query fields returning Order: order (an object, filter arguments), recentOrders (a list)");
  const rr::TablePlan& user = Table(plan, "User");
  EXPECT_EQ(Option(user.options, "query_field"), "users");
  EXPECT_EQ(user.comment, "GraphQL type User, read through query field users (a list); other query fields returning User: me (an object)");
}

TEST(ImportPlan, TableOptionsLetTheScanRunWithoutIntrospection) {
  rr::ImportPlan plan = Plan(Model(kShopSdl));
  const rr::TablePlan& order = Table(plan, "Order");
  EXPECT_EQ(OptionNames(order.options),
            (std::vector<std::string>{"type_name", "query_field", "query_returns", "pagination", "limit_argument",
                                      "offset_argument", "offset_unit", "argument_types", "filter_dialect"}));
  EXPECT_EQ(Option(order.options, "query_returns"), "list");
  EXPECT_EQ(Option(order.options, "pagination"), "offset");
  EXPECT_EQ(Option(order.options, "limit_argument"), "limit");
  EXPECT_EQ(Option(order.options, "offset_argument"), "offset");
  EXPECT_EQ(Option(order.options, "offset_unit"), "rows");
  EXPECT_EQ(Option(order.options, "filter_dialect"), "arguments");
  EXPECT_EQ(Option(order.options, "argument_types"),
            R"({"limit": "Int", "offset": "Int", "userId": "Int", "status": "OrderStatus", "ids": "[ID!]"})");
  const rr::TablePlan& user = Table(plan, "User");
  EXPECT_EQ(OptionNames(user.options),
            (std::vector<std::string>{"type_name", "query_field", "query_returns", "pagination", "argument_types"}));
  EXPECT_EQ(Option(user.options, "pagination"), "none");
  EXPECT_EQ(Option(user.options, "argument_types"), "{}");
}

TEST(ImportPlan, ArgumentTypesReadBackAsTheFieldsArguments) {
  rr::SchemaModel model = Model(kShopSdl);
  rr::ImportPlan plan = Plan(model);
  rr::RootFieldInfo info = rr::ParseArgumentTypesJson("orders", Option(Table(plan, "Order").options, "argument_types"));
  rr::RootFieldInfo expected = rr::ArgumentsOf(*model.FindRootField("orders"));
  ASSERT_EQ(info.arguments.size(), expected.arguments.size());
  for (size_t i = 0; i < info.arguments.size(); ++i) {
    EXPECT_EQ(info.arguments[i].name, expected.arguments[i].name);
    EXPECT_EQ(info.arguments[i].type, expected.arguments[i].type);
  }
  EXPECT_EQ(info.name, "orders");
}

TEST(ImportPlan, ColumnsTypesAndNotNull) {
  rr::ImportPlan plan = Plan(Model(kShopSdl));
  const rr::TablePlan& order = Table(plan, "Order");
  // total(currency: String!) needs an argument no row can give: no column. discount's is optional.
  EXPECT_EQ(ColumnNames(order),
            (std::vector<std::string>{"id", "user_id", "created_at", "amount", "is_paid", "status", "big", "exact", "day",
                                      "at", "ref", "meta", "price", "note", "tags", "items", "author", "owner", "discount"}));
  struct Expected {
    const char* column;
    const char* pg_type;
    bool not_null;
  };
  for (const Expected& e : {Expected{"id", "text", true}, Expected{"user_id", "integer", true},
                            Expected{"created_at", "timestamptz", false}, Expected{"amount", "double precision", false},
                            Expected{"is_paid", "boolean", true}, Expected{"status", "text", true},
                            Expected{"big", "bigint", false}, Expected{"exact", "numeric", false},
                            Expected{"day", "date", false}, Expected{"at", "time", false}, Expected{"ref", "uuid", false},
                            Expected{"meta", "jsonb", false}, Expected{"price", "text", false},
                            Expected{"note", "text", false}, Expected{"discount", "double precision", false},
                            // Lists and objects are read whole into jsonb, and are never NOT NULL.
                            Expected{"tags", "jsonb", false}, Expected{"items", "jsonb", false},
                            Expected{"author", "jsonb", false}, Expected{"owner", "jsonb", false}}) {
    SCOPED_TRACE(e.column);
    const rr::ColumnPlan& column = Column(order, e.column);
    EXPECT_EQ(column.pg_type, e.pg_type);
    EXPECT_EQ(column.not_null, e.not_null);
  }
}

TEST(ImportPlan, FieldOptionKeepsTheRemoteNameAndSelection) {
  rr::ImportPlan plan = Plan(Model(kShopSdl));
  const rr::TablePlan& order = Table(plan, "Order");
  EXPECT_EQ(Option(Column(order, "id").options, "field"), "<absent>");
  EXPECT_EQ(Option(Column(order, "user_id").options, "field"), "userId");
  EXPECT_EQ(Option(Column(order, "created_at").options, "field"), "createdAt");
  EXPECT_EQ(Option(Column(order, "is_paid").options, "field"), "isPaid");
  EXPECT_EQ(Option(Column(order, "tags").options, "field"), "<absent>");  // a list of scalars needs no selection
  EXPECT_EQ(Option(Column(order, "meta").options, "field"), "<absent>");  // a JSON scalar neither
  EXPECT_EQ(Option(Column(order, "items").options, "field"), "items { sku qty product { id name } }");
  // A union is read through inline fragments, an interface through its fields; both with __typename.
  EXPECT_EQ(Option(Column(order, "author").options, "field"), "author { __typename ... on Member { id login } ... on Bot { id } }");
  EXPECT_EQ(Option(Column(order, "owner").options, "field"), "owner { __typename id }");
  // Each of them is a field option that a scan accepts, unchanged.
  for (const char* name : {"items", "author", "owner"}) {
    SCOPED_TRACE(name);
    std::string text = Option(Column(order, name).options, "field");
    rr::FieldSpec spec = rr::ParseFieldSpec(text);
    EXPECT_EQ(spec.path, std::vector<std::string>{name});
    EXPECT_EQ(std::string(name) + " " + spec.selection, text);
  }
}

TEST(ImportPlan, AsIsNamingKeepsRemoteNames) {
  rr::ImportPlan plan = Plan(Model(kShopSdl), Naming::kAsIs);
  const rr::TablePlan& order = Table(plan, "Order");
  EXPECT_EQ(order.name, "Order");
  EXPECT_TRUE(HasColumn(order, "userId"));
  EXPECT_TRUE(HasColumn(order, "createdAt"));
  EXPECT_EQ(Option(Column(order, "userId").options, "field"), "<absent>");
  EXPECT_EQ(Option(Column(order, "items").options, "field"), "items { sku qty product { id name } }");
  rr::ImportPlan snake = Plan(Model("type OrderItem { skuCode: String } type Query { orderItems: [OrderItem] }"));
  EXPECT_EQ(snake.tables.at(0).name, "order_item");
  EXPECT_EQ(snake.tables.at(0).columns.at(0).name, "sku_code");
}

TEST(ImportPlan, ArgumentsNamedLikeFieldsFeedTheirColumns) {
  rr::ImportPlan plan = Plan(Model(kShopSdl));
  const rr::TablePlan& order = Table(plan, "Order");
  EXPECT_EQ(Option(Column(order, "user_id").options, "argument"), "userId");
  EXPECT_EQ(Option(Column(order, "status").options, "argument"), "status");
  // Paging arguments and the optional list argument ids feed no column.
  EXPECT_EQ(Option(Column(order, "id").options, "argument"), "<absent>");
  EXPECT_FALSE(HasColumn(order, "ids"));
  EXPECT_FALSE(HasColumn(order, "limit"));
  // The single-object lookup chosen for its type: its required id feeds the id column.
  rr::ImportPlan lookup = Plan(Model("type Order { id: ID! note: String } type Query { order(id: ID!): Order }"));
  const rr::TablePlan& table = lookup.tables.at(0);
  EXPECT_EQ(Option(table.options, "query_returns"), "object");
  EXPECT_EQ(Option(Column(table, "id").options, "argument"), "id");
  EXPECT_EQ(Option(Column(table, "id").options, "input_only"), "<absent>");
  EXPECT_EQ(ColumnNames(table), (std::vector<std::string>{"id", "note"}));
}

TEST(ImportPlan, RequiredArgumentsThatAreNoFieldsBecomeInputOnlyColumns) {
  rr::SchemaModel model = Model(R"(
    enum Lang { EN DE }
    input KeyInput { k: String }
    type Hit { id: ID! query_text: String score: Float }
    type Query {
      search(term: String!, queryText: String!, key: KeyInput!, lang: Lang!, tags: [String!]!,
             optional: String, defaulted: Int! = 3, score: Float, limit: Int, offset: Int): [Hit!]!
    }
  )");
  const rr::TablePlan hit = Plan(model).tables.at(0);
  EXPECT_EQ(ColumnNames(hit),
            (std::vector<std::string>{"id", "query_text", "score", "term", "query_text_arg", "key", "lang", "tags"}));
  struct Expected {
    const char* column;
    const char* argument;
    const char* pg_type;
  };
  for (const Expected& e : {Expected{"term", "term", "text"}, Expected{"query_text_arg", "queryText", "text"},
                            Expected{"key", "key", "jsonb"}, Expected{"lang", "lang", "text"}, Expected{"tags", "tags", "jsonb"}}) {
    SCOPED_TRACE(e.column);
    const rr::ColumnPlan& column = Column(hit, e.column);
    EXPECT_EQ(column.pg_type, e.pg_type);
    EXPECT_FALSE(column.not_null);
    EXPECT_EQ(column.options, (rr::OptionList{{"argument", e.argument}, {"input_only", "true"}}));
  }
  // An optional argument named like a field feeds it; one named like nothing is left out.
  EXPECT_EQ(Option(Column(hit, "score").options, "argument"), "score");
  EXPECT_FALSE(HasColumn(hit, "optional"));
  EXPECT_FALSE(HasColumn(hit, "defaulted"));
  EXPECT_EQ(Option(Column(hit, "query_text").options, "argument"), "<absent>");
}

TEST(ImportPlan, ColumnNamesStayUniqueAndWithinPostgresLimits) {
  std::string long_name = "a" + std::string(69, 'b');  // 70 bytes; PostgreSQL keeps 63
  rr::SchemaModel model = Model("type Row { userId: Int user_id: Int " + long_name + ": Int } type Query { rows: [Row] }");
  const rr::TablePlan row = Plan(model).tables.at(0);
  EXPECT_EQ(ColumnNames(row), (std::vector<std::string>{"user_id", "user_id_", long_name.substr(0, 63)}));
  EXPECT_EQ(Option(row.columns[0].options, "field"), "userId");
  EXPECT_EQ(Option(row.columns[1].options, "field"), "user_id");
  EXPECT_EQ(Option(row.columns[2].options, "field"), long_name);
  std::string long_type = "T" + std::string(80, 'x');
  rr::ImportPlan plan = Plan(Model("type " + long_type + " { id: ID } type Query { rows: [" + long_type + "] }"), Naming::kAsIs);
  EXPECT_EQ(plan.tables.at(0).name, long_type.substr(0, 63));
  EXPECT_EQ(Option(plan.tables.at(0).options, "type_name"), long_type);
}

TEST(ImportPlan, TableNamesStayUnique) {
  // Types whose names differ only in case ("Order", "ORDER") become "order" with snake_case
  // naming, and names that share their first 63 bytes are cut alike: the table names must
  // still differ, or the second CREATE FOREIGN TABLE fails the whole IMPORT.
  rr::ImportPlan folded =
      Plan(Model("type Order { id: ID } type ORDER { id: ID } type Query { a: [Order] b: [ORDER] }"), Naming::kSnakeCase);
  ASSERT_EQ(folded.tables.size(), 2u);
  EXPECT_NE(folded.tables[0].name, folded.tables[1].name);
  std::string a = "T" + std::string(70, 'x') + "A", b = "T" + std::string(70, 'x') + "B";
  rr::ImportPlan cut = Plan(Model("type " + a + " { id: ID } type " + b + " { id: ID } type Query { a: [" + a + "] b: [" + b + "] }"),
                            Naming::kAsIs);
  ASSERT_EQ(cut.tables.size(), 2u);
  EXPECT_NE(cut.tables[0].name, cut.tables[1].name);
  EXPECT_LE(cut.tables[1].name.size(), 63u);
}

TEST(ImportPlan, NoColumnIsNamedLikeASystemColumn) {
  // A field named like a PostgreSQL system column (a bounding box's xmin / xmax) gets
  // another column name (its field option keeps the remote one): PostgreSQL refuses a column
  // "xmin", and the whole IMPORT would fail.
  rr::ImportPlan plan = Plan(Model("type Extent { id: ID xmin: Float ymin: Float xmax: Float ymax: Float ctid: String "
                                   "tableoid: Int cmin: Int cmax: Int } type Query { extents: [Extent] }"));
  const rr::TablePlan& extent = Table(plan, "Extent");
  ASSERT_EQ(extent.columns.size(), 9u);
  for (const auto& column : extent.columns) {
    SCOPED_TRACE(column.name);
    for (const char* system : {"tableoid", "ctid", "xmin", "cmin", "xmax", "cmax"}) EXPECT_NE(column.name, system);
  }
}

TEST(ImportPlan, UnionMembersFieldsOfConflictingTypesAreLeftOut) {
  // A.value: Int and B.value: String (or Int and Int!) cannot share a response key: GraphQL
  // refuses the document, so such fields are left out; fields of one type stay.
  const rr::TablePlan row = Plan(Model("type Query { rows: [Row] } type Row { id: ID ab: AB } union AB = A | B "
                                       "type A { value: Int same: String n: Int! } type B { value: String same: String n: Int }"))
                                .tables.at(0);
  EXPECT_EQ(Option(Column(row, "ab").options, "field"), "ab { __typename ... on A { same } ... on B { same } }");
}

TEST(ImportPlan, SelectionsOfNestedObjectsAreBounded) {
  // One level of objects below the column's own, and at most 200 fields in one selection.
  std::string sdl = "type Query { rows: [Row] } type Row { id: ID a: A wide: Wide u: U } type A { x: Int b: B } "
                    "type B { y: Int c: C } type C { z: Int } union U = A | C type Wide {";
  for (int i = 0; i < 250; ++i) sdl += " f" + std::to_string(i) + ": Int";
  sdl += " }";
  const rr::TablePlan row = Plan(Model(sdl)).tables.at(0);
  EXPECT_EQ(Option(Column(row, "a").options, "field"), "a { x b { y } }");
  // A union's fragments are no level of their own.
  EXPECT_EQ(Option(Column(row, "u").options, "field"), "u { __typename ... on A { x b { y } } ... on C { z } }");
  std::string wide = Option(Column(row, "wide").options, "field");
  size_t fields = 0;
  for (size_t at = wide.find(" f"); at != std::string::npos; at = wide.find(" f", at + 1)) ++fields;
  EXPECT_EQ(fields, 200u);
  EXPECT_NE(wide.find(" f199 }"), std::string::npos);
  EXPECT_NO_THROW(rr::ParseFieldSpec(wide));
  // An object with nothing selectable at the last level still reads validly.
  const rr::TablePlan deep = Plan(Model("type Query { rows: [R] } type R { a: A } type A { b: B } type B { c: C } type C { z: Int }")).tables.at(0);
  EXPECT_EQ(Option(Column(deep, "a").options, "field"), "a { b { __typename } }");
  EXPECT_NO_THROW(rr::ParseFieldSpec(Option(Column(deep, "a").options, "field")));
}

TEST(ImportPlan, FederationPlumbingIsNotImported) {
  rr::ImportPlan plan = Plan(Model(R"(
    scalar _Any
    type _Service { sdl: String }
    type Product { upc: String! }
    union _Entity = Product
    type Query { _service: _Service! _entities(representations: [_Any!]!): [_Entity]! topProducts(first: Int): [Product] }
  )"));
  EXPECT_EQ(TableTypes(plan), std::vector<std::string>{"Product"});
}

const char kHasuraSdl[] = R"(
scalar timestamptz
enum order_by { asc desc }
enum orders_select_column { id user_id placed_at }
input Int_comparison_exp { _eq: Int _gt: Int _in: [Int!] }
input timestamptz_comparison_exp { _eq: timestamptz }
input orders_bool_exp { _and: [orders_bool_exp!] _not: orders_bool_exp _or: [orders_bool_exp!] id: Int_comparison_exp user_id: Int_comparison_exp placed_at: timestamptz_comparison_exp }
input orders_order_by { id: order_by user_id: order_by }
type users { id: Int! name: String! }
type orders { id: Int! user_id: Int placed_at: timestamptz! note: String user: users }
type orders_aggregate_fields { count(columns: [orders_select_column!], distinct: Boolean): Int! }
type orders_aggregate { aggregate: orders_aggregate_fields nodes: [orders!]! }
type Query {
  orders(distinct_on: [orders_select_column!], limit: Int, offset: Int, order_by: [orders_order_by!], where: orders_bool_exp): [orders!]!
  orders_aggregate(where: orders_bool_exp): orders_aggregate!
  orders_by_pk(id: Int!): orders
}
)";

TEST(ImportPlan, HasuraTables) {
  rr::ImportPlan plan = Plan(Model(kHasuraSdl));
  // orders_aggregate counts orders: it is the table's count, no table of its own.
  EXPECT_EQ(TableTypes(plan), std::vector<std::string>{"orders"});
  const rr::TablePlan& orders = plan.tables.at(0);
  EXPECT_EQ(orders.name, "orders");
  EXPECT_EQ(Option(orders.options, "query_field"), "orders");
  EXPECT_EQ(Option(orders.options, "filter_dialect"), "where");
  EXPECT_EQ(Option(orders.options, "filter_argument"), "where");
  EXPECT_EQ(Option(orders.options, "order_dialect"), "order_by");
  EXPECT_EQ(Option(orders.options, "order_argument"), "order_by");
  EXPECT_EQ(Option(orders.options, "count_field"), "orders_aggregate.aggregate.count");
  EXPECT_EQ(Option(orders.options, "argument_types"),
            R"({"distinct_on": "[orders_select_column!]", "limit": "Int", "offset": "Int", "order_by": "[orders_order_by!]", "where": "orders_bool_exp"})");
  EXPECT_NE(orders.comment.find("other query fields returning orders: orders_by_pk"), std::string::npos) << orders.comment;
  EXPECT_EQ(orders.comment.find("orders_aggregate"), std::string::npos) << orders.comment;
  // Each column that where can filter names its boolean-expression field and type.
  EXPECT_EQ(Column(orders, "id").options, (rr::OptionList{{"filter_field", "id"}, {"filter_type", "Int_comparison_exp"}}));
  EXPECT_EQ(Option(Column(orders, "user_id").options, "filter_type"), "Int_comparison_exp");
  EXPECT_EQ(Option(Column(orders, "placed_at").options, "filter_type"), "timestamptz_comparison_exp");
  EXPECT_EQ(Column(orders, "placed_at").pg_type, "timestamptz");
  EXPECT_TRUE(Column(orders, "note").options.empty());  // not in orders_bool_exp
  EXPECT_EQ(Option(Column(orders, "user").options, "filter_field"), "<absent>");
  EXPECT_EQ(Option(Column(orders, "user").options, "field"), "user { id name }");
}

const char kPostGraphileSdl[] = R"(
scalar Cursor
scalar BigFloat
enum OrdersOrderBy { NATURAL ID_ASC ID_DESC PRIMARY_KEY_ASC }
input IntFilter { isNull: Boolean equalTo: Int notEqualTo: Int in: [Int!] }
input BigFloatFilter { equalTo: BigFloat }
input OrderFilter { id: IntFilter userId: IntFilter amount: BigFloatFilter and: [OrderFilter!] or: [OrderFilter!] not: OrderFilter }
input OrderCondition { id: Int userId: Int }
interface Node { nodeId: ID! }
type Order implements Node { nodeId: ID! id: Int! userId: Int amount: BigFloat! }
type OrdersEdge { cursor: Cursor node: Order }
type PageInfo { hasNextPage: Boolean! endCursor: Cursor }
type OrdersConnection { nodes: [Order]! edges: [OrdersEdge!]! pageInfo: PageInfo! totalCount: Int! }
type Query implements Node {
  nodeId: ID!
  node(nodeId: ID!): Node
  allOrders(first: Int, last: Int, offset: Int, before: Cursor, after: Cursor, orderBy: [OrdersOrderBy!] = [PRIMARY_KEY_ASC], condition: OrderCondition, filter: OrderFilter): OrdersConnection
  orderById(id: Int!): Order
  orderByNodeId(nodeId: ID!): Order
}
)";

TEST(ImportPlan, PostGraphileTables) {
  rr::ImportPlan plan = Plan(Model(kPostGraphileSdl));
  EXPECT_EQ(TableTypes(plan), std::vector<std::string>{"Order"});
  const rr::TablePlan& order = plan.tables.at(0);
  EXPECT_EQ(Option(order.options, "query_field"), "allOrders");
  EXPECT_EQ(Option(order.options, "query_returns"), "connection");
  EXPECT_EQ(Option(order.options, "pagination"), "relay");
  EXPECT_EQ(Option(order.options, "relay_rows"), "edges");
  EXPECT_EQ(Option(order.options, "limit_argument"), "<absent>");
  EXPECT_EQ(Option(order.options, "filter_dialect"), "connection_filter");
  EXPECT_EQ(Option(order.options, "filter_argument"), "filter");
  EXPECT_EQ(Option(order.options, "order_dialect"), "enum_list");
  EXPECT_EQ(Option(order.options, "order_argument"), "orderBy");
  EXPECT_EQ(Option(order.options, "count_field"), "totalCount");
  EXPECT_EQ(ColumnNames(order), (std::vector<std::string>{"node_id", "id", "user_id", "amount"}));
  EXPECT_EQ(Column(order, "user_id").options,
            (rr::OptionList{{"field", "userId"}, {"filter_field", "userId"}, {"filter_type", "IntFilter"}}));
  EXPECT_EQ(Option(Column(order, "amount").options, "filter_type"), "BigFloatFilter");
  EXPECT_EQ(Column(order, "amount").pg_type, "numeric");
  EXPECT_EQ(Column(order, "node_id").options, (rr::OptionList{{"field", "nodeId"}}));
  EXPECT_EQ(order.comment,
            "GraphQL type Order, read through query field allOrders (a connection, paged relay, filter connection_filter, "
            "order enum_list); other query fields returning Order: orderById (an object, filter arguments), "
            "orderByNodeId (an object, filter arguments)");
}

TEST(ImportPlan, PostGraphileConditionFilterAndNodes) {
  // Without the connection-filter plugin: condition, one equality field per column; and a
  // connection that has only nodes.
  rr::ImportPlan plan = Plan(Model(R"(
    scalar Cursor
    input OrderCondition { id: Int userId: Int }
    type Order { id: Int! userId: Int }
    type PageInfo { hasNextPage: Boolean! endCursor: Cursor }
    type OrdersConnection { nodes: [Order]! pageInfo: PageInfo! }
    type Query { allOrders(first: Int, after: Cursor, condition: OrderCondition): OrdersConnection }
  )"));
  const rr::TablePlan& order = plan.tables.at(0);
  EXPECT_EQ(Option(order.options, "relay_rows"), "nodes");
  EXPECT_EQ(Option(order.options, "filter_dialect"), "condition");
  EXPECT_EQ(Option(order.options, "filter_argument"), "condition");
  EXPECT_EQ(Option(order.options, "count_field"), "<absent>");
  EXPECT_EQ(Column(order, "id").options, (rr::OptionList{{"filter_field", "id"}, {"filter_type", "Int"}}));
  EXPECT_EQ(Option(Column(order, "user_id").options, "filter_field"), "userId");
}

TEST(ImportPlan, PostGraphileQueryFieldIsNoTable) {
  // PostGraphile's `query: Query!` (the root query type nested one level down, for Relay 1)
  // returns the query type itself: a table of it would read every root field in one request.
  std::string sdl = kPostGraphileSdl;
  sdl.insert(sdl.find("  nodeId: ID!\n  node("), "  query: Query!\n");
  rr::SchemaModel model = Model(sdl);
  ASSERT_NE(model.FindRootField("query"), nullptr);
  EXPECT_EQ(TableTypes(Plan(model)), std::vector<std::string>{"Order"});
}

const char kJsonServerSdl[] = R"(
scalar Date
input OrderFilter { q: String ids: [ID] id: ID user_id: ID amount: Float amount_gt: Float placed_at: Date }
type ListMetadata { count: Int }
type User { id: ID! name: String! }
type Order { id: ID! user_id: ID amount: Float! placed_at: Date! User: User }
type Query {
  Order(id: ID!): Order
  allOrders(page: Int, perPage: Int, sortField: String, sortOrder: String, filter: OrderFilter): [Order]
  _allOrdersMeta(page: Int, perPage: Int, filter: OrderFilter): ListMetadata
}
)";

TEST(ImportPlan, JsonGraphqlServerTables) {
  rr::ImportPlan plan = Plan(Model(kJsonServerSdl));
  // _allOrdersMeta is allOrders' count; User is reachable only through Order.
  EXPECT_EQ(TableTypes(plan), std::vector<std::string>{"Order"});
  const rr::TablePlan& order = plan.tables.at(0);
  EXPECT_EQ(Option(order.options, "query_field"), "allOrders");
  EXPECT_EQ(Option(order.options, "limit_argument"), "perPage");
  EXPECT_EQ(Option(order.options, "offset_argument"), "page");
  EXPECT_EQ(Option(order.options, "offset_unit"), "pages");
  EXPECT_EQ(Option(order.options, "filter_dialect"), "flat_filter");
  EXPECT_EQ(Option(order.options, "filter_argument"), "filter");
  EXPECT_EQ(Option(order.options, "order_dialect"), "sort_field");
  EXPECT_EQ(Option(order.options, "order_argument"), "sortField");
  EXPECT_EQ(Option(order.options, "count_field"), "_allOrdersMeta.count");
  EXPECT_EQ(Column(order, "user_id").options, (rr::OptionList{{"filter_field", "user_id"}, {"filter_type", "ID"}}));
  EXPECT_EQ(Option(Column(order, "amount").options, "filter_type"), "Float");
  EXPECT_EQ(Column(order, "placed_at").pg_type, "date");
  EXPECT_EQ(Column(order, "user").options, (rr::OptionList{{"field", "User { id name }"}}));
  EXPECT_EQ(order.comment,
            "GraphQL type Order, read through query field allOrders (a list, paged offset, filter flat_filter, order "
            "sort_field); other query fields returning Order: Order (an object, filter arguments)");
}

TEST(ImportPlan, AmongEqualFieldsTheFirstWins) {
  rr::ImportPlan plan = Plan(Model("type Row { id: ID } type Query { rowsA: [Row] rowsB: [Row] one: Row }"));
  ASSERT_EQ(plan.tables.size(), 1u);
  EXPECT_EQ(Option(plan.tables[0].options, "query_field"), "rowsA");
  EXPECT_EQ(plan.tables[0].comment,
            "GraphQL type Row, read through query field rowsA (a list); other query fields returning Row: rowsB (a list), "
            "one (an object)");
  // A deprecated field loses to any other; alone it is still imported.
  rr::ImportPlan deprecated = Plan(Model("type Row { id: ID } type Query { old: [Row] @deprecated one: Row }"));
  EXPECT_EQ(Option(deprecated.tables.at(0).options, "query_field"), "one");
  rr::ImportPlan alone = Plan(Model("type Row { id: ID } type Query { old: [Row] @deprecated }"));
  EXPECT_EQ(Option(alone.tables.at(0).options, "query_field"), "old");
}

TEST(ImportPlan, LimitToAndExcept) {
  rr::SchemaModel model = Model(kShopSdl);
  rr::ImportPlan limit = Plan(model, Naming::kSnakeCase, ImportFilter::Mode::kLimitTo, {"User"});
  EXPECT_EQ(TableTypes(limit), std::vector<std::string>{"User"});
  EXPECT_TRUE(limit.unmatched.empty());
  rr::ImportPlan except = Plan(model, Naming::kSnakeCase, ImportFilter::Mode::kExcept, {"User"});
  EXPECT_EQ(TableTypes(except), std::vector<std::string>{"Order"});
  rr::ImportPlan none = Plan(model, Naming::kSnakeCase, ImportFilter::Mode::kLimitTo, {});
  EXPECT_TRUE(none.tables.empty());
  // PostgreSQL folds an unquoted LIMIT TO name to lower case: a unique match ignoring case counts.
  rr::ImportPlan folded = Plan(model, Naming::kSnakeCase, ImportFilter::Mode::kLimitTo, {"order", "USER"});
  EXPECT_EQ(TableTypes(folded), (std::vector<std::string>{"Order", "User"}));
  EXPECT_TRUE(folded.unmatched.empty());
  rr::ImportPlan folded_except = Plan(model, Naming::kSnakeCase, ImportFilter::Mode::kExcept, {"order"});
  EXPECT_EQ(TableTypes(folded_except), std::vector<std::string>{"User"});
}

TEST(ImportPlan, LimitToNamesThatMatchNothingAreReported) {
  rr::SchemaModel model = Model(kShopSdl);
  rr::ImportPlan plan = Plan(model, Naming::kSnakeCase, ImportFilter::Mode::kLimitTo,
                             {"Order", "Nope", "Node", "Actor", "OrderStatus", "Product", "Int"});
  EXPECT_EQ(TableTypes(plan), std::vector<std::string>{"Order"});
  ASSERT_EQ(plan.unmatched.size(), 6u);
  const std::string unreachable = "no query field returns it (types reachable only through other objects are not imported)";
  std::vector<std::pair<std::string, std::string>> expected = {
      {"Nope", "the remote schema has no such type"},
      {"Node", "it is an interface, not an object type"},
      {"Actor", "it is a union, not an object type"},
      {"OrderStatus", "it is an enum, not an object type"},
      {"Product", unreachable},
      {"Int", "it is a scalar, not an object type"},
  };
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(plan.unmatched[i].name, expected[i].first);
    EXPECT_EQ(plan.unmatched[i].reason, expected[i].second);
  }
  // EXCEPT reports them the same way.
  rr::ImportPlan except = Plan(model, Naming::kSnakeCase, ImportFilter::Mode::kExcept, {"Nope"});
  EXPECT_EQ(TableTypes(except), (std::vector<std::string>{"Order", "User"}));
  ASSERT_EQ(except.unmatched.size(), 1u);
  EXPECT_EQ(except.unmatched[0].reason, "the remote schema has no such type");
}

TEST(ImportPlan, LimitToReasonsUseTheRightArticle) {
  rr::SchemaModel model = Model(std::string(kShopSdl) + " input OrderInput { id: ID }");
  rr::ImportPlan plan = Plan(model, Naming::kSnakeCase, ImportFilter::Mode::kLimitTo, {"OrderStatus", "OrderInput"});
  ASSERT_EQ(plan.unmatched.size(), 2u);
  EXPECT_EQ(plan.unmatched[0].reason, "it is an enum, not an object type");
  EXPECT_EQ(plan.unmatched[1].reason, "it is an input object, not an object type");
}

TEST(ImportPlan, LimitToNamesThatMatchSeveralTypesIgnoringCase) {
  rr::SchemaModel model = Model("type Order { id: ID } type ORDER { id: ID } type Query { a: [Order] b: [ORDER] }");
  rr::ImportPlan ambiguous = Plan(model, Naming::kAsIs, ImportFilter::Mode::kLimitTo, {"order"});
  EXPECT_TRUE(ambiguous.tables.empty());
  ASSERT_EQ(ambiguous.unmatched.size(), 1u);
  EXPECT_EQ(ambiguous.unmatched[0].name, "order");
  EXPECT_EQ(ambiguous.unmatched[0].reason, "it matches several types when case is ignored; quote the name");
  // The exact name is no ambiguity.
  rr::ImportPlan exact = Plan(model, Naming::kAsIs, ImportFilter::Mode::kLimitTo, {"ORDER"});
  EXPECT_EQ(TableTypes(exact), std::vector<std::string>{"ORDER"});
  EXPECT_TRUE(exact.unmatched.empty());
}

TEST(ImportPlan, LimitToReasonForAFoldedNameOfATypeThatCannotBeImported) {
  // An unquoted LIMIT TO (product) (folded to "product") that matches no importable type
  // gets the reason of the type Product, not "no such type".
  rr::SchemaModel model = Model(kShopSdl);
  rr::ImportPlan plan = Plan(model, Naming::kSnakeCase, ImportFilter::Mode::kLimitTo, {"product", "actor"});
  ASSERT_EQ(plan.unmatched.size(), 2u);
  EXPECT_EQ(plan.unmatched[0].reason, "no query field returns it (types reachable only through other objects are not imported)");
  EXPECT_EQ(plan.unmatched[1].reason, "it is a union, not an object type");
}

TEST(ScanOptionsFor, OptionsFromTheShape) {
  rr::SchemaModel model = Model(R"(
    type Row { id: ID }
    type PageInfo { hasNextPage: Boolean! endCursor: String }
    type RowEdge { node: Row }
    type RowConnection { edges: [RowEdge] pageInfo: PageInfo }
    type NodesConnection { nodes: [Row] pageInfo: PageInfo }
    type Query {
      edges(first: Int, after: String): RowConnection
      nodes: NodesConnection
      pages(page: Int, perPage: Int, q: String): [Row]
      one(id: ID!): Row
    }
  )");
  auto options = [&](const std::string& name) {
    rr::RootFieldShape shape;
    const rr::Field& field = *model.FindRootField(name);
    EXPECT_TRUE(rr::DescribeRootField(model, field, &shape));
    return rr::ScanOptionsFor(field, shape);
  };
  EXPECT_EQ(options("edges"), (rr::OptionList{{"query_returns", "connection"}, {"pagination", "relay"}, {"relay_rows", "edges"},
                                              {"argument_types", R"({"first": "Int", "after": "String"})"}}));
  EXPECT_EQ(options("nodes"), (rr::OptionList{{"query_returns", "connection"}, {"pagination", "none"}, {"relay_rows", "nodes"},
                                              {"argument_types", "{}"}}));
  EXPECT_EQ(options("pages"), (rr::OptionList{{"query_returns", "list"},
                                              {"pagination", "offset"},
                                              {"limit_argument", "perPage"},
                                              {"offset_argument", "page"},
                                              {"offset_unit", "pages"},
                                              {"argument_types", R"({"page": "Int", "perPage": "Int", "q": "String"})"}}));
  EXPECT_EQ(options("one"), (rr::OptionList{{"query_returns", "object"}, {"pagination", "none"}, {"argument_types", R"({"id": "ID!"})"}}));
}

TEST(SnakeCase, Cases) {
  struct Case {
    const char* in;
    const char* out;
  };
  for (const Case& c : {Case{"createdAt", "created_at"}, Case{"HTTPServer", "http_server"}, Case{"OrderItem", "order_item"},
                        Case{"user_id", "user_id"}, Case{"ID", "id"}, Case{"_allOrdersMeta", "_all_orders_meta"},
                        Case{"userID", "user_id"}, Case{"iPhone", "i_phone"}, Case{"version2Name", "version2_name"},
                        Case{"already_Snake", "already_snake"}, Case{"A", "a"}, Case{"", ""}, Case{"__typename", "__typename"},
                        Case{"orders_aggregate", "orders_aggregate"}, Case{"XMLHttpRequest", "xml_http_request"}}) {
    EXPECT_EQ(rr::SnakeCase(c.in), c.out) << c.in;
  }
}

TEST(PgTypeForScalar, Mapping) {
  auto scalar = [](const std::string& name) {
    rr::SchemaType type;
    type.name = name;
    type.kind = rr::TypeKind::kScalar;
    return rr::PgTypeForScalar(type);
  };
  struct Case {
    const char* scalar;
    const char* pg_type;
  };
  for (const Case& c : {Case{"Int", "integer"}, Case{"Float", "double precision"}, Case{"String", "text"}, Case{"ID", "text"},
                        Case{"Boolean", "boolean"}, Case{"BigInt", "bigint"}, Case{"Long", "bigint"}, Case{"bigint", "bigint"},
                        Case{"BigFloat", "numeric"}, Case{"Decimal", "numeric"}, Case{"numeric", "numeric"},
                        Case{"Datetime", "timestamptz"}, Case{"DateTime", "timestamptz"}, Case{"timestamptz", "timestamptz"},
                        Case{"Date", "date"}, Case{"Time", "time"}, Case{"UUID", "uuid"}, Case{"uuid", "uuid"},
                        Case{"JSON", "jsonb"}, Case{"JSONObject", "jsonb"}, Case{"jsonb", "jsonb"},
                        Case{"Cursor", "text"}, Case{"Money", "text"}, Case{"int", "text"}}) {
    EXPECT_EQ(scalar(c.scalar), c.pg_type) << c.scalar;
  }
  rr::SchemaType status;
  status.name = "OrderStatus";
  status.kind = rr::TypeKind::kEnum;
  EXPECT_EQ(rr::PgTypeForScalar(status), "text");
  status.name = "Int";  // an enum is text whatever its name
  EXPECT_EQ(rr::PgTypeForScalar(status), "text");
}

TEST(ImportNaming, Parses) {
  EXPECT_EQ(rr::ParseNaming("as_is"), Naming::kAsIs);
  EXPECT_EQ(rr::ParseNaming("snake_case"), Naming::kSnakeCase);
  try {
    rr::ParseNaming("camelCase");
    ADD_FAILURE() << "accepted";
  } catch (const rr::RemoteError& error) {
    EXPECT_EQ(error.kind(), rr::ErrorKind::kInvalidOption);
    EXPECT_EQ(std::string(error.what()), "\"camelCase\" is not one of as_is, snake_case");
  }
}

}  // namespace
