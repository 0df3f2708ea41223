// SchemaModel: loading an introspection answer (both forms), refusal, invalid answers, type
// references, deprecation and defaults, and the memory estimate.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/json.hpp"
#include "core/schema.hpp"
#include "sdl_introspection.hpp"

namespace {

using rr::ErrorKind;
using rrtest::AnswerFromSdl;
using rrtest::BareAnswerFromSdl;

// The SDL that graphqljs_sample.inc was generated from.
const char kGraphqlJsSampleSdl[] = R"(
"A custom scalar"
scalar Datetime

enum OrderStatus { PENDING PAID SHIPPED @deprecated(reason: "gone") }

interface Node { id: ID! }

type Member implements Node { id: ID! login: String! }
type Bot implements Node { id: ID! }
union Actor = Member | Bot

input OrderFilter { status: OrderStatus = PAID, ids: [ID!], minAmount: Float = 1.5, note: String = "n\"q" }

type Order implements Node {
  id: ID!
  amount: Float
  status: OrderStatus!
  placedAt: Datetime
  tags: [String!]!
  matrix: [[Int!]]!
  author: Actor
  legacy: String @deprecated(reason: "use note")
  total(currency: String!): Float
}

type Query {
  orders(first: Int = 10, offset: Int, filter: OrderFilter, ids: [ID!]! = []): [Order!]!
  order(id: ID!): Order
  node(id: ID!): Node
}
)";

const char kGraphqlJsSample[] =
#include "graphqljs_sample.inc"
    ;

const char kOrdersSdl[] = R"(
type Query {
  orders(limit: Int = 10, status: OrderStatus, ids: [Int!], where: OrderFilter): [Order!]!
  order(id: ID!): Order
}
type Order { id: ID! amount: Float tags: [[String!]]! status: OrderStatus note: String @deprecated }
enum OrderStatus { PAID SHIPPED }
input OrderFilter { id: ID, status: OrderStatus = PAID }
)";

rr::SchemaModel Loaded(const std::string& body) {
  rr::SchemaModel model;
  model.Load(body);
  return model;
}

struct Failure {
  ErrorKind kind = ErrorKind::kInternal;
  std::string message;
  std::string detail;
};

Failure LoadFailure(const std::string& body) {
  Failure failure;
  rr::SchemaModel model;
  try {
    model.Load(body);
    ADD_FAILURE() << "loaded: " << body;
  } catch (const rr::RemoteError& error) {
    failure.kind = error.kind();
    failure.message = error.what();
    failure.detail = error.detail();
  }
  return failure;
}

std::vector<std::string> Names(const std::vector<rr::Field>& fields) {
  std::vector<std::string> names;
  for (const auto& field : fields) names.push_back(field.name);
  return names;
}

// A bare answer whose Query has one field `a` of the type reference type_ref (JSON), with
// Int and the extra types (JSON objects, comma first) listed.
std::string WithQueryFieldType(const std::string& type_ref, const std::string& extra_types = "") {
  return R"({"__schema":{"queryType":{"name":"Query"},"types":[{"kind":"SCALAR","name":"Int"},)"
         R"({"kind":"OBJECT","name":"Query","fields":[{"name":"a","args":[],"type":)" +
         type_ref + "}]}" + extra_types + "]}}";
}

std::string Wrapped(const std::string& kind, int times, const std::string& inner) {
  std::string out = inner;
  for (int i = 0; i < times; ++i) out = R"({"kind":")" + kind + R"(","name":null,"ofType":)" + out + "}";
  return out;
}

const char kInt[] = R"({"kind":"SCALAR","name":"Int","ofType":null})";

TEST(SchemaModel, LoadsAnEndpointAnswer) {
  rr::SchemaModel model = Loaded(AnswerFromSdl(kOrdersSdl));
  EXPECT_EQ(model.query_type().name, "Query");
  EXPECT_EQ(model.query_type().kind, rr::TypeKind::kObject);
  // Query, Order, OrderStatus, OrderFilter and the five built-in scalars.
  EXPECT_EQ(model.types().size(), 9u);
  EXPECT_EQ(model.field_count(), 2u + 5u + 2u);  // fields of Query and Order, input fields of OrderFilter

  const rr::Field* orders = model.FindRootField("orders");
  ASSERT_NE(orders, nullptr);
  EXPECT_EQ(orders->type.text, "[Order!]!");
  EXPECT_EQ(orders->type.name, "Order");
  ASSERT_EQ(orders->arguments.size(), 4u);
  EXPECT_EQ(orders->FindArgument("status")->type.text, "OrderStatus");
  EXPECT_EQ(orders->FindArgument("ids")->type.text, "[Int!]");
  EXPECT_EQ(orders->FindArgument("ids")->type.name, "Int");
  EXPECT_EQ(orders->FindArgument("colour"), nullptr);
  EXPECT_EQ(model.FindRootField("missing"), nullptr);

  const rr::SchemaType* order = model.FindType("Order");
  ASSERT_NE(order, nullptr);
  EXPECT_EQ(order->kind, rr::TypeKind::kObject);
  EXPECT_EQ(Names(order->fields), (std::vector<std::string>{"id", "amount", "tags", "status", "note"}));
  EXPECT_EQ(order->FindField("tags")->type.text, "[[String!]]!");
  EXPECT_EQ(order->FindField("nope"), nullptr);

  const rr::SchemaType* status = model.FindType("OrderStatus");
  ASSERT_NE(status, nullptr);
  EXPECT_EQ(status->kind, rr::TypeKind::kEnum);
  EXPECT_EQ(status->enum_values, (std::vector<std::string>{"PAID", "SHIPPED"}));
  const rr::SchemaType* filter = model.FindType("OrderFilter");
  ASSERT_NE(filter, nullptr);
  EXPECT_EQ(filter->kind, rr::TypeKind::kInputObject);
  ASSERT_NE(filter->FindInputField("status"), nullptr);
  EXPECT_EQ(filter->FindInputField("status")->default_value, "PAID");
  EXPECT_EQ(filter->FindInputField("nope"), nullptr);
  EXPECT_EQ(model.FindType("Int")->kind, rr::TypeKind::kScalar);
  EXPECT_EQ(model.FindType("Nope"), nullptr);
}

TEST(SchemaModel, BareAndEndpointFormsGiveTheSameModel) {
  rr::SchemaModel wrapped = Loaded(AnswerFromSdl(kOrdersSdl));
  rr::SchemaModel bare = Loaded(BareAnswerFromSdl(kOrdersSdl));
  ASSERT_EQ(bare.types().size(), wrapped.types().size());
  for (size_t i = 0; i < bare.types().size(); ++i) {
    EXPECT_EQ(bare.types()[i].name, wrapped.types()[i].name);
    EXPECT_EQ(bare.types()[i].kind, wrapped.types()[i].kind);
    EXPECT_EQ(Names(bare.types()[i].fields), Names(wrapped.types()[i].fields));
  }
  EXPECT_EQ(bare.field_count(), wrapped.field_count());
  EXPECT_EQ(bare.MemoryBytes(), wrapped.MemoryBytes());
  // __schema at the top wins over a data member.
  rr::SchemaModel both = Loaded(R"({"data":{"x":1},"__schema":)" + rrtest::SchemaJsonFromSdl("type Query { a: Int }") + "}");
  EXPECT_NE(both.FindRootField("a"), nullptr);
}

TEST(SchemaModel, ReadsWhatGraphqlJsWrites) {
  // descriptions, specifiedByURL, isOneOf, deprecationReason, directives and the
  // introspection types themselves are all part of a real answer.
  rr::SchemaModel model = Loaded(kGraphqlJsSample);
  EXPECT_EQ(model.types().size(), 22u);
  ASSERT_NE(model.FindType("__Type"), nullptr);
  EXPECT_EQ(model.FindType("__Type")->FindField("fields")->type.text, "[__Field!]");
  EXPECT_EQ(model.FindType("__TypeKind")->kind, rr::TypeKind::kEnum);
  EXPECT_EQ(model.FindType("Datetime")->kind, rr::TypeKind::kScalar);
  // Deprecated enum values are asked for and listed.
  EXPECT_EQ(model.FindType("OrderStatus")->enum_values, (std::vector<std::string>{"PENDING", "PAID", "SHIPPED"}));
  EXPECT_EQ(model.FindType("Actor")->kind, rr::TypeKind::kUnion);
  EXPECT_EQ(model.FindType("Actor")->possible_types, (std::vector<std::string>{"Member", "Bot"}));
  EXPECT_EQ(model.FindType("Node")->kind, rr::TypeKind::kInterface);
  EXPECT_EQ(model.FindType("Node")->possible_types, (std::vector<std::string>{"Member", "Bot", "Order"}));
  EXPECT_EQ(model.FindType("Member")->interfaces, std::vector<std::string>{"Node"});

  const rr::SchemaType* order = model.FindType("Order");
  EXPECT_EQ(order->FindField("matrix")->type.text, "[[Int!]]!");
  EXPECT_EQ(order->FindField("matrix")->type.ListDepth(), 2);
  EXPECT_TRUE(order->FindField("legacy")->deprecated);
  EXPECT_FALSE(order->FindField("amount")->deprecated);
  EXPECT_EQ(order->FindField("total")->arguments.at(0).type.text, "String!");

  const rr::Field* orders = model.FindRootField("orders");
  const rr::InputValue* first = orders->FindArgument("first");
  EXPECT_TRUE(first->has_default);
  EXPECT_EQ(first->default_value, "10");
  EXPECT_FALSE(orders->FindArgument("offset")->has_default);
  EXPECT_EQ(orders->FindArgument("ids")->default_value, "[]");
  EXPECT_FALSE(orders->FindArgument("ids")->Required());  // non-null, but it has a default
  EXPECT_TRUE(model.FindRootField("order")->FindArgument("id")->Required());

  const rr::SchemaType* filter = model.FindType("OrderFilter");
  EXPECT_EQ(filter->FindInputField("status")->default_value, "PAID");
  EXPECT_EQ(filter->FindInputField("minAmount")->default_value, "1.5");
  EXPECT_EQ(filter->FindInputField("note")->default_value, R"("n\"q")");
  EXPECT_FALSE(filter->FindInputField("ids")->has_default);
}

TEST(SchemaModel, TheTestBuilderAgreesWithGraphqlJs) {
  // The other tests build their answers from SDL in C++: they must describe a schema as
  // graphql-js does.
  rr::SchemaModel reference = Loaded(kGraphqlJsSample);
  rr::SchemaModel built = Loaded(AnswerFromSdl(kGraphqlJsSampleSdl));
  for (const auto& type : built.types()) {
    SCOPED_TRACE(type.name);
    const rr::SchemaType* expected = reference.FindType(type.name);
    ASSERT_NE(expected, nullptr);
    EXPECT_EQ(type.kind, expected->kind);
    ASSERT_EQ(type.fields.size(), expected->fields.size());
    for (size_t i = 0; i < type.fields.size(); ++i) {
      const rr::Field& field = type.fields[i];
      const rr::Field& want = expected->fields[i];
      EXPECT_EQ(field.name, want.name);
      EXPECT_EQ(field.type.text, want.type.text);
      EXPECT_EQ(field.deprecated, want.deprecated);
      ASSERT_EQ(field.arguments.size(), want.arguments.size());
      for (size_t a = 0; a < field.arguments.size(); ++a) {
        EXPECT_EQ(field.arguments[a].name, want.arguments[a].name);
        EXPECT_EQ(field.arguments[a].type.text, want.arguments[a].type.text);
        EXPECT_EQ(field.arguments[a].has_default, want.arguments[a].has_default);
        EXPECT_EQ(field.arguments[a].default_value, want.arguments[a].default_value);
      }
    }
    ASSERT_EQ(type.input_fields.size(), expected->input_fields.size());
    for (size_t i = 0; i < type.input_fields.size(); ++i) {
      EXPECT_EQ(type.input_fields[i].name, expected->input_fields[i].name);
      EXPECT_EQ(type.input_fields[i].type.text, expected->input_fields[i].type.text);
      EXPECT_EQ(type.input_fields[i].default_value, expected->input_fields[i].default_value);
    }
    EXPECT_EQ(type.enum_values, expected->enum_values);
    EXPECT_EQ(type.possible_types, expected->possible_types);
    EXPECT_EQ(type.interfaces, expected->interfaces);
  }
}

TEST(SchemaModel, ARefusedIntrospectionIsAGraphQLError) {
  Failure refused = LoadFailure(
      R"({"errors":[{"message":"GraphQL introspection is not allowed","extensions":{"code":"FORBIDDEN"}}],"data":null})");
  EXPECT_EQ(refused.kind, ErrorKind::kGraphQL);
  EXPECT_EQ(refused.message, "remote GraphQL error: GraphQL introspection is not allowed");
  EXPECT_EQ(refused.detail, "code: FORBIDDEN");
  EXPECT_EQ(LoadFailure(R"({"errors":[{"message":"introspection disabled"}]})").kind, ErrorKind::kGraphQL);
  // Errors next to a schema still mean the answer cannot be trusted.
  EXPECT_EQ(LoadFailure(R"({"errors":[{"message":"partial"}],"data":{"__schema":)" +
                        rrtest::SchemaJsonFromSdl("type Query { a: Int }") + "}}")
                .kind,
            ErrorKind::kGraphQL);
  // An empty errors list is no error.
  rr::SchemaModel model = Loaded(R"({"errors":[],"data":{"__schema":)" + rrtest::SchemaJsonFromSdl("type Query { a: Int }") + "}}");
  EXPECT_NE(model.FindRootField("a"), nullptr);
}

TEST(SchemaModel, TextThatIsNoJson) {
  for (const char* body : {"", "not json", "{", "<html>502</html>"}) {
    SCOPED_TRACE(body);
    Failure failure = LoadFailure(body);
    EXPECT_EQ(failure.kind, ErrorKind::kInvalidJson);
    EXPECT_EQ(failure.message, "the introspection answer is not JSON");
  }
}

TEST(SchemaModel, InvalidAnswersSayWhatIsWrong) {
  const std::string schema_types = R"("types":[{"kind":"SCALAR","name":"Int"},{"kind":"OBJECT","name":"Query","fields":[{"name":"a","args":[],"type":{"kind":"SCALAR","name":"Int"}}]}])";
  struct Case {
    std::string body;
    std::string message;  // after "the introspection answer is not a valid schema: "
  };
  const std::vector<Case> cases = {
      {"[]", "not a JSON object"},
      {R"({"data":{}})", R"(no __schema (expected {"data": {"__schema": ...}} or {"__schema": ...}))"},
      {R"({"data":null})", R"(no __schema (expected {"data": {"__schema": ...}} or {"__schema": ...}))"},
      {R"({"__schema":[]})", "__schema is not an object"},
      {R"({"data":{"__schema":null}})", "__schema is not an object"},
      // No query type.
      {R"({"__schema":{)" + schema_types + "}}", "__schema.queryType has no name"},
      {R"({"__schema":{"queryType":null,)" + schema_types + "}}", "__schema.queryType has no name"},
      {R"({"__schema":{"queryType":{"name":"Query"}}})", "__schema has no types list"},
      {R"({"__schema":{"queryType":{"name":"Query"},"types":{}}})", "types of __schema is not a list"},
      {AnswerFromSdl("schema { query: Root } type Query { a: Int }"), R"(the query type "Root" is not a listed object type)"},
      {AnswerFromSdl("schema { query: Int } type Query { a: Int }"), R"(the query type "Int" is not a listed object type)"},
      // References.
      {AnswerFromSdl("type Query { a: [Missing!] }"), R"(Query.a has the unknown type "Missing")"},
      {AnswerFromSdl("type Query { a(b: Missing): Int }"), R"(Query.a(b) has the unknown type "Missing")"},
      {WithQueryFieldType(Wrapped("NON_NULL", 2, kInt)), "a NON_NULL wraps a NON_NULL (at Query.a)"},
      {WithQueryFieldType(Wrapped("LIST", 10, kInt)), "a type is wrapped in more than 9 lists and non-nulls (at Query.a)"},
      {WithQueryFieldType(Wrapped("NON_NULL", 1, Wrapped("LIST", 9, kInt))),
       "a type is wrapped in more than 9 lists and non-nulls (at Query.a)"},
      {WithQueryFieldType(R"({"kind":"LIST","name":null})"), "LIST without the type it wraps (ofType) (at Query.a)"},
      {WithQueryFieldType(R"({"kind":"NON_NULL","name":null,"ofType":null})"),
       "NON_NULL without the type it wraps (ofType) (at Query.a)"},
      {WithQueryFieldType(R"({"kind":"FOO","name":"Int"})"), R"("FOO" is not a type kind (at Query.a))"},
      {WithQueryFieldType(R"({"kind":"SCALAR","name":"S) { x } #"})"), R"("S) { x } #" is not a type name (at Query.a))"},
      {WithQueryFieldType(R"("Int")"), "a type reference is not an object (at Query.a)"},
      // Kinds in the wrong place.
      {AnswerFromSdl("type Query { a: OrderFilter } input OrderFilter { x: Int }"),
       R"(Query.a has the type "OrderFilter", which is an input object (a field needs an output type))"},
      {AnswerFromSdl("type Query { a(b: Order): Int } type Order { id: ID }"),
       R"(Query.a(b) has the type "Order", which is an object type (an argument needs an input type))"},
      {AnswerFromSdl("type Query { a(b: F): Int } input F { x: Order } type Order { id: ID }"),
       R"(F.x has the type "Order", which is an object type (an argument needs an input type))"},
      {AnswerFromSdl("type Query { a: U } union U = Order | Int type Order { id: ID }"),
       R"(possible type "Int" of "U" is not a listed object type)"},
      {AnswerFromSdl("type Query { a: A } type A implements Order { id: ID } type Order { id: ID }"),
       R"(interface "Order" of "A" is not a listed interface)"},
      // Types.
      {AnswerFromSdl("type Query { a: Order } type Order { id: ID } type Order { id: ID }"), R"(type "Order" is listed twice)"},
      {R"({"__schema":{"queryType":{"name":"Query"},"types":[1]}})", "a type is not an object"},
      {R"({"__schema":{"queryType":{"name":"Query"},"types":[{"kind":"OBJECT","fields":[]}]}})", "a type has no valid name"},
      {R"({"__schema":{"queryType":{"name":"Query"},"types":[{"kind":"LIST","name":"Query"}]}})",
       R"(type "Query" has no valid kind)"},
      {R"({"__schema":{"queryType":{"name":"Query"},"types":[{"kind":"OBJECT","name":"Query","fields":{}}]}})",
       "fields of Query is not a list"},
      {R"({"__schema":{"queryType":{"name":"Query"},"types":[{"kind":"OBJECT","name":"Query","fields":[{"name":"a-b"}]}]}})",
       R"(a field of "Query" has no valid name)"},
      {R"({"__schema":{"queryType":{"name":"Query"},"types":[{"kind":"OBJECT","name":"Query","fields":[{"name":"a"}]}]}})",
       "Query.a has no type"},
      {R"({"__schema":{"queryType":{"name":"Query"},"types":[{"kind":"SCALAR","name":"Int"},{"kind":"OBJECT","name":"Query","fields":[{"name":"a","args":{},"type":{"kind":"SCALAR","name":"Int"}}]}]}})",
       "args of Query.a is not a list"},
      {R"({"__schema":{"queryType":{"name":"Query"},"types":[{"kind":"ENUM","name":"E","enumValues":[{"name":"1"}]},{"kind":"OBJECT","name":"Query","fields":[]}]}})",
       "an entry of the values of E has no valid name"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.body);
    Failure failure = LoadFailure(c.body);
    EXPECT_EQ(failure.kind, ErrorKind::kBadResponse);
    EXPECT_EQ(failure.message, "the introspection answer is not a valid schema: " + c.message);
  }
}

TEST(SchemaModel, AnArgumentOfAUnionTypeIsNamedWithTheRightArticle) {
  // The message takes the kind's article: "which is a union".
  Failure failure = LoadFailure(AnswerFromSdl("type Query { a(b: U): Int } union U = Order type Order { id: ID }"));
  EXPECT_EQ(failure.kind, ErrorKind::kBadResponse);
  EXPECT_EQ(failure.message, "the introspection answer is not a valid schema: "
                             "Query.a(b) has the type \"U\", which is a union (an argument needs an input type)");
  // The other kinds an argument may not have read right.
  EXPECT_NE(LoadFailure(AnswerFromSdl("type Query { a(b: N): Int } interface N { id: ID }")).message.find("which is an interface"),
            std::string::npos);
}

TEST(SchemaModel, AFailedLoadKeepsTheModelItHad) {
  rr::SchemaModel model;
  model.Load(AnswerFromSdl(kOrdersSdl));
  EXPECT_THROW(model.Load(AnswerFromSdl("type Query { a: Missing }")), rr::RemoteError);
  EXPECT_THROW(model.Load(R"({"errors":[{"message":"no"}]})"), rr::RemoteError);
  ASSERT_NE(model.FindRootField("orders"), nullptr);
  EXPECT_NE(model.FindType("OrderStatus"), nullptr);
  // A successful load replaces it all.
  model.Load(AnswerFromSdl("type Query { version: String }"));
  EXPECT_EQ(model.FindRootField("orders"), nullptr);
  EXPECT_EQ(model.FindType("Order"), nullptr);
  EXPECT_NE(model.FindRootField("version"), nullptr);
}

TEST(SchemaModel, NineWrappersAreRead) {
  // The introspection query asks ofType nine levels deep: nine wrappers are the most it sees.
  rr::SchemaModel lists = Loaded(WithQueryFieldType(Wrapped("LIST", 9, kInt)));
  const rr::Field* a = lists.FindRootField("a");
  EXPECT_EQ(a->type.text, "[[[[[[[[[Int]]]]]]]]]");
  EXPECT_EQ(a->type.ListDepth(), 9);
  EXPECT_FALSE(a->type.NonNull());
  rr::SchemaModel non_null = Loaded(WithQueryFieldType(Wrapped("NON_NULL", 1, Wrapped("LIST", 8, kInt))));
  EXPECT_EQ(non_null.FindRootField("a")->type.text, "[[[[[[[[Int]]]]]]]]!");
  EXPECT_TRUE(non_null.FindRootField("a")->type.NonNull());
}

TEST(TypeRef, TextListDepthAndNonNull) {
  struct Case {
    const char* text;
    int lists;
    bool non_null;
  };
  for (const Case& c : {Case{"Int", 0, false}, Case{"Int!", 0, true}, Case{"[Int]", 1, false}, Case{"[Int!]", 1, false},
                        Case{"[Int!]!", 1, true}, Case{"[[Int]]!", 2, true}, Case{"[[[ID!]!]]", 3, false}}) {
    SCOPED_TRACE(c.text);
    rr::TypeRef ref{"Int", c.text};
    EXPECT_EQ(ref.ListDepth(), c.lists);
    EXPECT_EQ(ref.NonNull(), c.non_null);
  }
  EXPECT_FALSE(rr::TypeRef().NonNull());
  EXPECT_EQ(rr::TypeRef().ListDepth(), 0);
}

TEST(TypeRef, TextFromAnIntrospectionReference) {
  for (const char* text : {"Int", "Int!", "[Int]", "[Int!]!", "[[String]!]", "[[[OrderStatus!]]!]!"}) {
    SCOPED_TRACE(text);
    std::string json = rrtest::TypeRefJson(text, {{"Int", "SCALAR"}, {"String", "SCALAR"}, {"OrderStatus", "ENUM"}});
    rr::JsonDocument doc;
    std::string error;
    ASSERT_TRUE(rr::ParseJsonInPlace(&json, &doc, &error)) << error;
    std::string named;
    EXPECT_EQ(rr::TypeRefText(doc, &named), text);
    EXPECT_EQ(named, rr::NamedTypeOf(text));
    EXPECT_EQ(rr::TypeRefText(doc), text);  // named is optional
  }
  std::string bad = Wrapped("NON_NULL", 2, kInt);
  rr::JsonDocument doc;
  std::string error;
  ASSERT_TRUE(rr::ParseJsonInPlace(&bad, &doc, &error));
  try {
    rr::TypeRefText(doc);
    ADD_FAILURE() << "accepted !!";
  } catch (const rr::RemoteError& failure) {
    EXPECT_EQ(failure.kind(), ErrorKind::kBadResponse);
  }
}

TEST(TypeRef, GraphQLTypeTextSyntax) {
  for (const char* good : {"Int", "Int!", "[Int]", "[Int!]!", "[[ID!]]", "_T", "Cursor"}) EXPECT_TRUE(rr::IsGraphQLTypeText(good)) << good;
  for (const char* bad : {"", "!", "Int!!", "[Int", "Int]", "[]", "[Int]!!", "1x", "In t", "[Int!]]", "[[Int]", "Int?"})
    EXPECT_FALSE(rr::IsGraphQLTypeText(bad)) << bad;
  EXPECT_EQ(rr::NamedTypeOf("[[Int!]]!"), "Int");
  EXPECT_EQ(rr::NamedTypeOf("OrderStatus"), "OrderStatus");
}

TEST(SchemaModel, DeprecationDefaultsAndRequiredArguments) {
  rr::SchemaModel model = Loaded(AnswerFromSdl(R"(
    type Query {
      a(need: Int!, given: Int! = 3, maybe: Int, text: String = "x", list: [Int!]! = [1, 2], obj: F = {n: 1}): Int
      old: Int @deprecated(reason: "no")
      older: Int @deprecated
    }
    input F { n: Int! = 0 m: Int! }
  )"));
  const rr::Field* a = model.FindRootField("a");
  EXPECT_FALSE(a->deprecated);
  EXPECT_TRUE(model.FindRootField("old")->deprecated);
  EXPECT_TRUE(model.FindRootField("older")->deprecated);
  EXPECT_TRUE(a->FindArgument("need")->Required());
  EXPECT_FALSE(a->FindArgument("need")->has_default);
  EXPECT_FALSE(a->FindArgument("given")->Required());
  EXPECT_EQ(a->FindArgument("given")->default_value, "3");
  EXPECT_FALSE(a->FindArgument("maybe")->Required());
  EXPECT_EQ(a->FindArgument("text")->default_value, R"("x")");
  EXPECT_EQ(a->FindArgument("list")->default_value, "[1, 2]");
  EXPECT_FALSE(a->FindArgument("list")->Required());
  EXPECT_EQ(a->FindArgument("obj")->default_value, "{n: 1}");
  const rr::SchemaType* input = model.FindType("F");
  EXPECT_FALSE(input->FindInputField("n")->Required());
  EXPECT_TRUE(input->FindInputField("m")->Required());
}

TEST(SchemaModel, KindNames) {
  EXPECT_STREQ(rr::TypeKindName(rr::TypeKind::kScalar), "scalar");
  EXPECT_STREQ(rr::TypeKindName(rr::TypeKind::kObject), "object type");
  EXPECT_STREQ(rr::TypeKindName(rr::TypeKind::kInterface), "interface");
  EXPECT_STREQ(rr::TypeKindName(rr::TypeKind::kUnion), "union");
  EXPECT_STREQ(rr::TypeKindName(rr::TypeKind::kEnum), "enum");
  EXPECT_STREQ(rr::TypeKindName(rr::TypeKind::kInputObject), "input object");
}

// An SDL of `types` object types with `fields` fields each, named with prefix.
std::string WideSdl(int types, int fields, const std::string& prefix = "") {
  std::string sdl = "type Query {";
  for (int t = 0; t < types; ++t) sdl += " " + prefix + "r" + std::to_string(t) + ": [" + prefix + "T" + std::to_string(t) + "]";
  sdl += " }";
  for (int t = 0; t < types; ++t) {
    sdl += " type " + prefix + "T" + std::to_string(t) + " {";
    for (int f = 0; f < fields; ++f) sdl += " " + prefix + "f" + std::to_string(f) + "(x: Int): String";
    sdl += " }";
  }
  return sdl;
}

TEST(SchemaModel, MemoryBytesGrowsWithTheSchema) {
  rr::SchemaModel empty;
  EXPECT_GE(empty.MemoryBytes(), sizeof(rr::SchemaModel));
  rr::SchemaModel small = Loaded(AnswerFromSdl(WideSdl(2, 3)));
  rr::SchemaModel medium = Loaded(AnswerFromSdl(WideSdl(20, 10)));
  rr::SchemaModel large = Loaded(AnswerFromSdl(WideSdl(200, 10)));
  EXPECT_GT(small.MemoryBytes(), empty.MemoryBytes());
  EXPECT_GT(medium.MemoryBytes(), small.MemoryBytes());
  EXPECT_GT(large.MemoryBytes(), medium.MemoryBytes());
  // Each field costs at least its struct and its one argument.
  size_t more_fields = large.field_count() - medium.field_count();
  EXPECT_EQ(more_fields, 180u * 10u + 180u);
  EXPECT_GE(large.MemoryBytes() - medium.MemoryBytes(), more_fields * sizeof(rr::Field));
  EXPECT_GE(large.MemoryBytes() - medium.MemoryBytes(), 180u * 10u * (sizeof(rr::Field) + sizeof(rr::InputValue)));
  // Long names (beyond the short-string buffer) are counted too.
  std::string long_prefix(40, 'n');
  rr::SchemaModel long_names = Loaded(AnswerFromSdl(WideSdl(20, 10, long_prefix)));
  EXPECT_EQ(long_names.field_count(), medium.field_count());
  EXPECT_GE(long_names.MemoryBytes(), medium.MemoryBytes() + 20u * 10u * 40u);
}

TEST(SchemaModel, RequestBodyAsksForTheWholeSchema) {
  std::string body = rr::SchemaModel::RequestBody();
  rr::JsonDocument doc;
  std::string error;
  ASSERT_TRUE(rr::ParseJsonInPlace(&body, &doc, &error)) << error;
  ASSERT_TRUE(doc.IsObject() && doc.HasMember("query") && doc["query"].IsString());
  std::string query = doc["query"].GetString();
  for (const char* part : {"__schema", "queryType { name }", "types { ...FullType }", "fields(includeDeprecated: true)",
                           "enumValues(includeDeprecated: true)", "inputFields", "defaultValue", "isDeprecated",
                           "possibleTypes", "interfaces"})
    EXPECT_NE(query.find(part), std::string::npos) << part;
  // Nine levels of ofType: as many wrappers as Load accepts.
  size_t levels = 0;
  for (size_t at = query.find("ofType"); at != std::string::npos; at = query.find("ofType", at + 1)) ++levels;
  EXPECT_EQ(levels, 9u);
  // Deprecated arguments are not asked for (older servers refuse args(includeDeprecated:)).
  EXPECT_EQ(query.find("args(includeDeprecated"), std::string::npos);
}

}  // namespace
