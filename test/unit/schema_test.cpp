#include <gtest/gtest.h>

#include "core/error.hpp"
#include "core/request.hpp"
#include "core/schema.hpp"

namespace {

const char kAnswer[] = R"({"data":{"__schema":{"queryType":{"fields":[
  {"name":"orders","type":{"kind":"NON_NULL","name":null,"ofType":{"kind":"LIST","name":null,"ofType":
     {"kind":"NON_NULL","name":null,"ofType":{"kind":"OBJECT","name":"Order","ofType":null}}}},
   "args":[{"name":"limit","type":{"kind":"SCALAR","name":"Int","ofType":null}},
           {"name":"status","type":{"kind":"ENUM","name":"OrderStatus","ofType":null}},
           {"name":"ids","type":{"kind":"LIST","name":null,"ofType":{"kind":"NON_NULL","name":null,
              "ofType":{"kind":"SCALAR","name":"Int","ofType":null}}}}]},
  {"name":"me","type":{"kind":"OBJECT","name":"User","ofType":null},"args":[]},
  {"name":"allOrders","type":{"kind":"NON_NULL","name":null,"fields":null,"ofType":{"kind":"OBJECT",
     "name":"OrdersConnection","fields":[{"name":"nodes"},{"name":"pageInfo"}],"ofType":null}},
   "args":[{"name":"first","type":{"kind":"SCALAR","name":"Int","ofType":null}}]}]}}}})";

TEST(RootFields, ReadsFieldsAndArgumentTypes) {
  rr::RootFields fields;
  fields.Load(kAnswer);
  EXPECT_EQ(fields.size(), 3u);
  // The fields of a connection type are read through NON_NULL; other return types say nothing.
  const rr::RootFieldInfo* all_orders = fields.Find("allOrders");
  ASSERT_NE(all_orders, nullptr);
  EXPECT_TRUE(all_orders->ReturnTypeHas("nodes"));
  EXPECT_FALSE(all_orders->ReturnTypeHas("edges"));
  EXPECT_TRUE(fields.Find("orders")->return_type_fields.empty());
  const rr::RootFieldInfo* orders = fields.Find("orders");
  ASSERT_NE(orders, nullptr);
  ASSERT_EQ(orders->arguments.size(), 3u);
  EXPECT_EQ(orders->FindArgument("status")->type, "OrderStatus");
  EXPECT_EQ(orders->FindArgument("ids")->type, "[Int!]");
  EXPECT_EQ(orders->FindArgument("colour"), nullptr);
  EXPECT_EQ(fields.Find("missing"), nullptr);
  EXPECT_NE(rr::RootFields::RequestBody().find("__schema"), std::string::npos);
}

TEST(RootFields, RefusedAndMalformedAnswers) {
  rr::RootFields fields;
  try {
    fields.Load(R"({"errors":[{"message":"introspection disabled"}]})");
    FAIL();
  } catch (const rr::RemoteError& error) {
    EXPECT_EQ(error.kind(), rr::ErrorKind::kGraphQL);
  }
  EXPECT_THROW(fields.Load(R"({"data":{}})"), rr::RemoteError);
  EXPECT_THROW(fields.Load("not json"), rr::RemoteError);
  // One unreadable field spoils only itself; names that are not GraphQL names are refused.
  fields.Load(R"({"data":{"__schema":{"queryType":{"fields":[
      {"name":"x","args":[{"name":"a","type":{"kind":"LIST"}}]},
      {"name":"y","args":[{"name":"b","type":{"kind":"SCALAR","name":"S) { x } #"}}]},
      {"name":"z","args":[{"name":"c","type":{"kind":"SCALAR","name":"Int"}}]}]}}}})");
  EXPECT_NE(fields.Find("x")->unreadable.find("without ofType"), std::string::npos);
  EXPECT_NE(fields.Find("y")->unreadable.find("not a type name"), std::string::npos);
  EXPECT_TRUE(fields.Find("z")->unreadable.empty());
  rr::ScanRequestSpec spec;
  spec.query_field = "x";
  EXPECT_THROW(rr::BindFixedArguments(R"({"a": [1]})", fields.Find("x"), &spec), rr::RemoteError);
}

TEST(BindFixedArguments, TypedVariablesWhenTypesAreKnown) {
  rr::RootFields fields;
  fields.Load(kAnswer);
  rr::ScanRequestSpec spec;
  spec.query_field = "orders";
  rr::BindFixedArguments(R"({"status": "PAID", "ids": [1, 2]})", fields.Find("orders"), &spec);
  EXPECT_TRUE(spec.fixed_arguments.empty());
  ASSERT_EQ(spec.variables.size(), 2u);
  rr::ScanRequest request(spec);
  EXPECT_EQ(request.document(),
            "query RemoteRelationshipScan($status: OrderStatus, $ids: [Int!]) { orders(status: $status, ids: $ids) "
            "{ __typename } }");
  EXPECT_EQ(request.Variables(rr::PagePosition()), R"({"status":"PAID","ids":[1,2]})");
}

TEST(BindFixedArguments, LiteralsWithoutTypes) {
  rr::ScanRequestSpec spec;
  spec.query_field = "orders";
  rr::BindFixedArguments(R"({"user_id": 2})", nullptr, &spec);
  EXPECT_TRUE(spec.variables.empty());
  EXPECT_EQ(spec.fixed_arguments, "user_id: 2");
}

TEST(BindFixedArguments, RejectsUnknownAndPagingArguments) {
  rr::RootFields fields;
  fields.Load(kAnswer);
  rr::ScanRequestSpec spec;
  spec.query_field = "orders";
  EXPECT_THROW(rr::BindFixedArguments(R"({"colour": "red"})", fields.Find("orders"), &spec), rr::RemoteError);
  spec.pagination = rr::Pagination::kOffset;
  EXPECT_THROW(rr::BindFixedArguments(R"({"limit": 5})", fields.Find("orders"), &spec), rr::RemoteError);
  EXPECT_THROW(rr::BindFixedArguments(R"({"offset": 5})", nullptr, &spec), rr::RemoteError);
  spec.pagination = rr::Pagination::kRelay;
  EXPECT_THROW(rr::BindFixedArguments(R"({"after": "x"})", nullptr, &spec), rr::RemoteError);
}

}  // namespace

namespace {
TEST(BindFixedArguments, UnlistedArgumentsAsLiteralsWhenAsked) {
  // Introspection does not list deprecated arguments: after a refresh still misses one, it is
  // written as a literal for the remote to judge; the listed ones stay typed variables.
  rr::RootFields fields;
  fields.Load(kAnswer);
  rr::ScanRequestSpec spec;
  spec.query_field = "orders";
  try {
    rr::BindFixedArguments(R"({"status": "PAID", "legacy_flag": true})", fields.Find("orders"), &spec);
    ADD_FAILURE() << "an unlisted argument was accepted";
  } catch (const rr::RemoteError& error) {
    EXPECT_EQ(error.kind(), rr::ErrorKind::kNotInSchema);
  }
  rr::ScanRequestSpec lenient;
  lenient.query_field = "orders";
  lenient.fields = {rr::ParseFieldSpec("id")};
  rr::BindFixedArguments(R"({"status": "PAID", "legacy_flag": true})", fields.Find("orders"), &lenient, true);
  EXPECT_EQ(rr::ScanRequest(lenient).document(),
            "query RemoteRelationshipScan($status: OrderStatus) { orders(status: $status, legacy_flag: true) { id } }");
}
}  // namespace
