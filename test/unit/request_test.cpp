#include <gtest/gtest.h>

#include "core/request.hpp"

namespace {

rr::FieldSpec Field(const std::string& text) { return rr::ParseFieldSpec(text); }

TEST(SelectionSet, MergesPathsByPrefixInColumnOrder) {
  EXPECT_EQ(rr::BuildSelectionSet({Field("id"), Field("address.city"), Field("address.geo.lat"), Field("name")}),
            "{ id address { city geo { lat } } name }");
}

TEST(SelectionSet, EmptyStillValid) { EXPECT_EQ(rr::BuildSelectionSet({}), "{ __typename }"); }

TEST(SelectionSet, ExplicitSelectionsAndDuplicates) {
  EXPECT_EQ(rr::BuildSelectionSet({Field("items { sku qty }"), Field("id"), Field("id")}), "{ items { sku qty } id }");
  // An object column that is also the prefix of another column keeps its own fields.
  EXPECT_EQ(rr::BuildSelectionSet({Field("geo.lat"), Field("geo { lat lng }")}), "{ geo { lat lat lng } }");
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
