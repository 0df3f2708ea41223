#include <gtest/gtest.h>

#include "core/error.hpp"
#include "core/request.hpp"
#include "core/schema.hpp"

namespace {

rr::FieldSpec Field(const std::string& text) { return rr::ParseFieldSpec(text); }

std::string Selection(std::vector<rr::FieldSpec> fields) { return rr::BuildSelectionSet(&fields); }

TEST(SelectionSet, MergesPathsByPrefixInColumnOrder) {
  EXPECT_EQ(Selection({Field("id"), Field("address.city"), Field("address.geo.lat"), Field("name")}),
            "{ id address { city geo { lat } } name }");
}

TEST(SelectionSet, EmptyStillValid) { EXPECT_EQ(Selection({}), "{ __typename }"); }

TEST(SelectionSet, ExplicitSelectionsAndDuplicates) {
  EXPECT_EQ(Selection({Field("items { sku qty }"), Field("id"), Field("id"), Field("items {sku,qty}")}),
            "{ items { sku qty } id }");
  EXPECT_EQ(Selection({Field("geo { lat lng }"), Field("geo.lat")}), "{ _rr0: geo { lat lng } geo { lat } }");
}

TEST(SelectionSet, DifferentReadsOfOneFieldGetAliases) {
  // Each column gets exactly what it asked for: the plain path keeps the field's name, the
  // other reads of the same field are aliased, and the reader follows the alias.
  std::vector<rr::FieldSpec> fields = {Field("geo { lat lng }"), Field("geo.lat"), Field("geo { lat }"),
                                       Field("geo { lat lng }"), Field("a.b { x }"), Field("a.b { y }")};
  EXPECT_EQ(rr::BuildSelectionSet(&fields),
            "{ _rr0: geo { lat lng } geo { lat } _rr2: geo { lat } a { b { x } _rr5: b { y } } }");
  EXPECT_EQ(fields[0].alias, "_rr0");
  EXPECT_EQ(fields[1].alias, "");
  EXPECT_EQ(fields[2].alias, "_rr2");
  EXPECT_EQ(fields[3].alias, "_rr0");
  EXPECT_EQ(fields[4].alias, "");
  EXPECT_EQ(fields[5].alias, "_rr5");
  // An alias never takes the key of a sibling field.
  std::vector<rr::FieldSpec> clash = {Field("_rr1"), Field("x { a }"), Field("x { b }")};
  EXPECT_EQ(rr::BuildSelectionSet(&clash), "{ _rr1 x { a } _rr2: x { b } }");
  std::vector<rr::FieldSpec> clash2 = {Field("_rr2"), Field("x.a"), Field("x { b }")};
  EXPECT_EQ(rr::BuildSelectionSet(&clash2), "{ _rr2 x { a } _rr2_: x { b } }");
  // ... nor does a remote field that comes later take an alias's key.
  std::vector<rr::FieldSpec> clash3 = {Field("x { a }"), Field("x { b }"), Field("_rr1.c"), Field("_rr1_")};
  EXPECT_EQ(rr::BuildSelectionSet(&clash3), "{ x { a } _rr1__: x { b } _rr1 { c } _rr1_ }");
  EXPECT_EQ(clash3[1].alias, "_rr1__");
}

TEST(SelectionSet, PlainReadOfAnObjectField) {
  // A column that reads an object field without a selection set shares another column's
  // whole read of it (alone it would be no valid GraphQL), in either order.
  std::vector<rr::FieldSpec> shared = {Field("address"), Field("address { city }")};
  EXPECT_EQ(rr::BuildSelectionSet(&shared), "{ address { city } }");
  std::vector<rr::FieldSpec> reversed = {Field("address { city }"), Field("address")};
  EXPECT_EQ(rr::BuildSelectionSet(&reversed), "{ address { city } }");
  EXPECT_EQ(reversed[1].alias, "");
  // When a dotted path needs the name later, the shared read moves aside with both columns.
  std::vector<rr::FieldSpec> moved = {Field("address"), Field("address { city }"), Field("address.zip")};
  EXPECT_EQ(rr::BuildSelectionSet(&moved), "{ _rr0: address { city } address { zip } }");
  EXPECT_EQ(moved[0].alias, "_rr0");
  EXPECT_EQ(moved[1].alias, "_rr0");
  EXPECT_EQ(moved[2].alias, "");
  // A column reading a path step gets its JSON without other columns' aliased reads.
  std::vector<rr::FieldSpec> merged = {Field("address.geo.lat"), Field("address.geo { lng }"), Field("address")};
  EXPECT_EQ(rr::BuildSelectionSet(&merged), "{ address { geo { lat } _rr1: geo { lng } } }");
  EXPECT_EQ(merged[2].hidden, std::vector<std::vector<std::string>>{{"_rr1"}});
  EXPECT_TRUE(merged[0].hidden.empty());
  // ... also where the alias is further down.
  std::vector<rr::FieldSpec> deep = {Field("user"), Field("user.address.geo.lat"), Field("user.address.geo { lng }")};
  EXPECT_EQ(rr::BuildSelectionSet(&deep), "{ user { address { geo { lat } _rr2: geo { lng } } } }");
  EXPECT_EQ(deep[0].hidden, (std::vector<std::vector<std::string>>{{"address", "_rr2"}}));
}

TEST(ScanRequest, PlainListHasNoVariables) {
  rr::ScanRequestSpec spec;
  spec.query_field = "orders";
  spec.fields = {Field("id"), Field("user_id")};
  rr::ScanRequest request(spec);
  EXPECT_EQ(request.document(), "query RemoteRelationshipScan { orders { id user_id } }");
  EXPECT_EQ(request.Variables(rr::PagePosition()), "{}");
  EXPECT_EQ(request.Body(rr::PagePosition()),
            R"({"query":"query RemoteRelationshipScan { orders { id user_id } }","variables":{}})");
}

TEST(ScanRequest, FixedArgumentsStayInTheDocument) {
  rr::ScanRequestSpec spec;
  spec.query_field = "orders";
  spec.fixed_arguments = "user_id: 2";
  spec.fields = {Field("id")};
  EXPECT_EQ(rr::ScanRequest(spec).document(), "query RemoteRelationshipScan { orders(user_id: 2) { id } }");
}

TEST(ScanRequest, RelayPagesAreVariables) {
  rr::ScanRequestSpec spec;
  spec.query_field = "ordersConnection";
  spec.pagination = rr::Pagination::kRelay;
  spec.page_size = 50;
  spec.fields = {Field("id")};
  rr::ScanRequest request(spec);
  EXPECT_EQ(request.document(),
            "query RemoteRelationshipScan($first: Int!, $after: String) { ordersConnection(first: $first, after: "
            "$after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }");
  EXPECT_EQ(request.Variables(rr::PagePosition()), R"({"first":50,"after":null})");
  rr::PagePosition next;
  next.after = "Y3Vyc29y\"x";
  EXPECT_EQ(request.Variables(next), R"({"first":50,"after":"Y3Vyc29y\"x"})");
}

TEST(ScanRequest, OffsetPagesAreVariables) {
  rr::ScanRequestSpec spec;
  spec.query_field = "orders";
  spec.pagination = rr::Pagination::kOffset;
  spec.page_size = 10;
  rr::ScanRequest request(spec);
  EXPECT_EQ(request.document(),
            "query RemoteRelationshipScan($limit: Int!, $offset: Int!) { orders(limit: $limit, offset: $offset) "
            "{ __typename } }");
  rr::PagePosition position;
  position.offset = 30;
  EXPECT_EQ(request.Variables(position), R"({"limit":10,"offset":30})");
}

TEST(ScanRequest, QueryValuesAreVariablesNeverDocumentText) {
  rr::ScanRequestSpec spec;
  spec.query_field = "users";
  spec.fields = {Field("id")};
  spec.variables = {{"name", "String", R"("Robert\"); DROP")"}, {"ids", "[Int!]", "[1,2]"}};
  rr::ScanRequest request(spec);
  EXPECT_EQ(request.document(),
            "query RemoteRelationshipScan($name: String, $ids: [Int!]) { users(name: $name, ids: $ids) { id } }");
  EXPECT_EQ(request.document().find("Robert"), std::string::npos);
  EXPECT_EQ(request.Variables(rr::PagePosition()), R"({"name":"Robert\"); DROP","ids":[1,2]})");
}

}  // namespace

namespace {
TEST(ScanRequest, QueryFieldMustBeAName) {
  // The default query field is the table's name: text that is not a name never reaches the document.
  for (const char* bad : {"my-orders", "orders { id } } mutation M { x", "", "1x", "a b"}) {
    rr::ScanRequestSpec spec;
    spec.query_field = bad;
    try {
      rr::ScanRequest request(spec);
      ADD_FAILURE() << "accepted " << bad;
    } catch (const rr::RemoteError& error) {
      EXPECT_EQ(error.kind(), rr::ErrorKind::kInvalidOption) << bad;
    }
  }
}
}  // namespace

namespace {
rr::RootFieldInfo FieldWith(std::vector<rr::ArgumentInfo> arguments) {
  rr::RootFieldInfo field;
  field.name = "allOrders";
  field.arguments = std::move(arguments);
  return field;
}

TEST(BindPagination, TakesTheRemoteTypes) {
  rr::ScanRequestSpec spec;
  spec.query_field = "allOrders";
  spec.pagination = rr::Pagination::kRelay;
  spec.fields = {Field("id")};
  rr::RootFieldInfo field = FieldWith({{"first", "Int"}, {"after", "Cursor"}, {"orderBy", "[OrdersOrderBy!]"}});
  rr::BindPagination(&field, &spec);
  EXPECT_EQ(rr::ScanRequest(spec).document(),
            "query RemoteRelationshipScan($first: Int, $after: Cursor) { allOrders(first: $first, after: $after) "
            "{ edges { node { id } } pageInfo { hasNextPage endCursor } } }");
  // Without introspection (or without pagination) the defaults stay.
  rr::ScanRequestSpec unknown = spec;
  unknown.page_size_type.clear();
  unknown.position_type.clear();
  rr::BindPagination(nullptr, &unknown);
  EXPECT_NE(rr::ScanRequest(unknown).document().find("($first: Int!, $after: String)"), std::string::npos);
  rr::ScanRequestSpec offset;
  offset.query_field = "orders";
  offset.pagination = rr::Pagination::kOffset;
  rr::RootFieldInfo orders = FieldWith({{"limit", "PositiveInt!"}, {"offset", "Int"}});
  rr::BindPagination(&orders, &offset);
  EXPECT_NE(rr::ScanRequest(offset).document().find("($limit: PositiveInt!, $offset: Int)"), std::string::npos);
}

TEST(BindPagination, ConnectionWithoutEdgesIsReadThroughNodes) {
  rr::ScanRequestSpec spec;
  spec.query_field = "items";
  spec.pagination = rr::Pagination::kRelay;
  spec.fields = {Field("id")};
  rr::RootFieldInfo field = FieldWith({{"first", "Int"}, {"after", "String"}});
  field.return_type_fields = {"nodes", "pageInfo", "totalCount"};
  rr::BindPagination(&field, &spec);
  EXPECT_EQ(rr::ScanRequest(spec).document(),
            "query RemoteRelationshipScan($first: Int, $after: String) { items(first: $first, after: $after) "
            "{ nodes { id } pageInfo { hasNextPage endCursor } } }");
  // With edges (or when introspection does not say), edges { node } as the Relay spec has it.
  field.return_type_fields = {"edges", "nodes", "pageInfo"};
  rr::BindPagination(&field, &spec);
  EXPECT_FALSE(spec.relay_nodes);
  field.return_type_fields.clear();
  rr::BindPagination(&field, &spec);
  EXPECT_FALSE(spec.relay_nodes);
}

TEST(BindPagination, ArgumentsIntrospectionDoesNotList) {
  // Deprecated arguments are not introspected: a missing one keeps its default type.
  rr::ScanRequestSpec spec;
  spec.query_field = "items";
  spec.pagination = rr::Pagination::kRelay;
  rr::RootFieldInfo field = FieldWith({{"first", "PageSize"}, {"cursor", "String"}});
  rr::BindPagination(&field, &spec);
  EXPECT_NE(rr::ScanRequest(spec).document().find("($first: PageSize, $after: String)"), std::string::npos);
  // A field whose argument types could not be read keeps the defaults.
  rr::ScanRequestSpec unreadable;
  unreadable.query_field = "items";
  unreadable.pagination = rr::Pagination::kOffset;
  field.unreadable = "too deeply wrapped";
  rr::BindPagination(&field, &unreadable);
  EXPECT_NE(rr::ScanRequest(unreadable).document().find("($limit: Int!, $offset: Int!)"), std::string::npos);
}
}  // namespace
