#include <gtest/gtest.h>

#include "core/error.hpp"
#include "core/request.hpp"
#include "core/schema.hpp"
#include "core/shape.hpp"

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

TEST(SelectionSet, PathsIntoAScalarAskForTheScalar) {
  std::vector<rr::FieldSpec> fields = {Field("metadata.source"), Field("metadata.attributes.priority"), Field("id")};
  fields[0].remote_steps = 1;
  fields[1].remote_steps = 1;
  EXPECT_EQ(rr::BuildSelectionSet(&fields), "{ metadata id }");
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
  spec.literal_arguments = rr::ParseArgumentsJson(R"({"user_id": 2})");
  spec.fields = {Field("id")};
  EXPECT_EQ(rr::ScanRequest(spec).document(), "query RemoteRelationshipScan { orders(user_id: 2) { id } }");
}

// A query path: each step's arguments on that step, paging at the last, variables named by
// their step ("repository.owner" -> $repository__owner).
TEST(ScanRequest, QueryPathsTakeArgumentsAtEachStep) {
  rr::ScanRequestSpec spec;
  spec.query_field = "repository.issues";
  spec.pagination = rr::Pagination::kRelay;
  spec.page_size = 2;
  spec.fields = {Field("number")};
  spec.variables = {{"repository.owner", "String!", "\"octo\""}, {"states", "[IssueState!]", "[\"OPEN\"]"}};
  spec.literal_arguments = rr::ParseArgumentsJson(R"({"repository.name": "hello"})");
  rr::ScanRequest request(spec);
  EXPECT_EQ(request.document(),
            "query RemoteRelationshipScan($first: Int!, $after: String, $repository__owner: String!, $states: "
            "[IssueState!]) { repository(owner: $repository__owner, name: \"hello\") { issues(first: $first, after: "
            "$after, states: $states) { edges { node { number } } pageInfo { hasNextPage endCursor } } } }");
  EXPECT_EQ(request.Variables(rr::PagePosition()),
            R"({"first":2,"after":null,"repository__owner":"octo","states":["OPEN"]})");
  // Aliased for a batch: the alias on the first step, each request's own variables.
  rr::ScanRequest other(spec);
  other.SetVariableValue(0, "\"other\"");
  rr::PagePosition start;
  std::string body = rr::ScanRequest::AliasedBody({&request, &other}, {&start, &start});
  EXPECT_NE(body.find("k1: repository(owner: $k1_repository__owner, name: \\\"hello\\\") { issues("), std::string::npos) << body;
  EXPECT_NE(body.find(R"("k1_repository__owner":"other")"), std::string::npos) << body;
  // Three steps: "viewer.organization.login" is an argument of the middle step.
  rr::ScanRequestSpec deep;
  deep.query_field = "viewer.organization.repositories";
  deep.variables = {{"viewer.organization.login", "String!", "\"acme\""}};
  deep.fields = {Field("name")};
  EXPECT_EQ(rr::ScanRequest(deep).document(),
            "query RemoteRelationshipScan($viewer__organization__login: String!) { viewer { organization(login: "
            "$viewer__organization__login) { repositories { name } } } }");
}

// Edge fields go beside node (a connection read through nodes switches to edges for them);
// each set of fields has its own selection, so a name may be both a node's and an edge's.
TEST(ScanRequest, EdgeFieldsAreSelectedBesideTheNode) {
  rr::ScanRequestSpec spec;
  spec.query_field = "stargazers";
  spec.pagination = rr::Pagination::kRelay;
  spec.relay_nodes = true;
  spec.fields = {Field("login"), Field("starredAt"), Field("cursor"), Field("cursor")};
  spec.fields[1].on_edge = spec.fields[2].on_edge = true;
  EXPECT_EQ(rr::ScanRequest(spec).document(),
            "query RemoteRelationshipScan($first: Int!, $after: String) { stargazers(first: $first, after: $after) { "
            "edges { starredAt cursor node { login cursor } } pageInfo { hasNextPage endCursor } } }");
  spec.pagination = rr::Pagination::kNone;
  spec.result = rr::ResultShape::kList;
  try {
    rr::ScanRequest request(spec);
    ADD_FAILURE();
  } catch (const rr::RemoteError& error) {
    EXPECT_EQ(error.kind(), rr::ErrorKind::kInvalidOption);
    EXPECT_NE(std::string(error.what()).find("edge field \"starredAt\""), std::string::npos) << error.what();
  }
}

// A field asked for with other arguments is its own read; the same arguments share one.
TEST(ScanRequest, FieldArgumentsGetTheirOwnReads) {
  std::vector<rr::FieldSpec> fields = {Field("issues(first: 1, states: [OPEN]).totalCount"),
                                       Field("issues(first: 1, states: [CLOSED]).totalCount"),
                                       Field("issues(first: 1, states: [OPEN]).nodes.title"), Field("issues.totalCount"),
                                       Field("stars(first: 2) { totalCount }")};
  std::string open = rr::ResponseKeyOf(fields[0], 0);
  std::string closed = rr::ResponseKeyOf(fields[1], 0);
  rr::BuildSelectionSet(&fields);
  std::string stars = fields[4].alias;  // a whole read: its own key, made from the selection too
  EXPECT_EQ(stars.rfind(rr::ResponseKeyOf(fields[4], 0) + "_", 0), 0u) << stars;
  EXPECT_EQ(rr::BuildSelectionSet(&fields),
            "{ " + open + ": issues(first: 1, states: [OPEN]) { totalCount nodes { title } } " + closed +
                ": issues(first: 1, states: [CLOSED]) { totalCount } issues { totalCount } " + stars +
                ": stars(first: 2) { totalCount } }");
  EXPECT_EQ(fields[0].step_keys, (std::vector<std::string>{open, "totalCount"}));
  EXPECT_TRUE(fields[3].step_keys.empty());
  // A whole read and a path through the same step with the same arguments are two reads: the
  // jsonb column gets exactly its own selection, not the other's fields merged in.
  std::vector<rr::FieldSpec> mixed = {Field("issues(first: 5) { nodes { title } }"), Field("issues(first: 5).totalCount"),
                                      Field("issues(first: 5) { totalCount }")};
  std::string selection = rr::BuildSelectionSet(&mixed);
  EXPECT_NE(mixed[0].alias, rr::ResponseKeyOf(mixed[1], 0)) << selection;
  EXPECT_NE(mixed[0].alias, mixed[2].alias) << selection;
  EXPECT_EQ(mixed[1].step_keys[0], rr::ResponseKeyOf(mixed[1], 0));
}

TEST(ScanRequest, QueryPathArgumentsNameAStepAboveTheLast) {
  rr::ScanRequestSpec spec;
  spec.query_field = "repository.issues";
  spec.fields = {Field("number")};
  for (const char* argument : {"issues.first", "owner.name", "repository.issues.states", "repo.owner"}) {
    spec.variables = {{argument, "String", "\"x\""}};
    try {
      rr::ScanRequest request(spec);
      ADD_FAILURE() << argument;
    } catch (const rr::RemoteError& error) {
      EXPECT_EQ(error.kind(), rr::ErrorKind::kInvalidOption);
      EXPECT_NE(std::string(error.what()).find("names no step above the last"), std::string::npos) << error.what();
    }
  }
  spec.variables.clear();
  for (const char* path : {"repository.", ".issues", "repository..issues", "repository.issues-x"}) {
    spec.query_field = path;
    EXPECT_THROW(rr::ScanRequest request(spec), rr::RemoteError) << path;
  }
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

TEST(ScanRequest, CountBesideTheFirstPageOnly) {
  rr::ScanRequestSpec spec;
  spec.query_field = "orders";
  spec.pagination = rr::Pagination::kOffset;
  spec.page_size = 10;
  spec.fields = {Field("id")};
  spec.variables = {{"where", "orders_bool_exp", R"({"id": {"_in": [1, 2]}})"}};
  spec.count_field = "orders_aggregate.aggregate.count";
  spec.count_argument = "where";
  rr::ScanRequest request(spec);
  EXPECT_EQ(request.document(),
            "query RemoteRelationshipScan($limit: Int!, $offset: Int!, $where: orders_bool_exp, "
            "$remoteRelationshipCount: Boolean!) { orders(limit: $limit, offset: $offset, where: $where) { id } "
            "remoteRelationshipCount: orders_aggregate(where: $where) @include(if: $remoteRelationshipCount) "
            "{ aggregate { count } } }");
  rr::PagePosition position;
  EXPECT_EQ(request.Variables(position),
            R"({"limit":10,"offset":0,"remoteRelationshipCount":true,"where":{"id": {"_in": [1, 2]}}})");
  position.first = false;
  position.offset = 10;
  EXPECT_EQ(request.Variables(position),
            R"({"limit":10,"offset":10,"remoteRelationshipCount":false,"where":{"id": {"_in": [1, 2]}}})");

  spec.count_field = "_allOrdersMeta.count";  // json-graphql-server
  spec.count_argument.clear();
  EXPECT_NE(rr::ScanRequest(spec).document().find(
                "remoteRelationshipCount: _allOrdersMeta @include(if: $remoteRelationshipCount) { count } }"),
            std::string::npos);
  spec.count_field = "totalCount";  // a field of the list's own type: no root count
  EXPECT_EQ(rr::ScanRequest(spec).document().find("remoteRelationshipCount"), std::string::npos);
  spec.count_field = "a.b c";
  EXPECT_THROW(rr::ScanRequest{spec}, rr::RemoteError);
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
  // The spec says how a connection is read (relay_rows, or the shape of the field in the
  // schema model); BindPagination only takes the argument types and leaves that alone.
  rr::ScanRequestSpec spec;
  spec.query_field = "items";
  spec.pagination = rr::Pagination::kRelay;
  spec.relay_nodes = true;
  spec.fields = {Field("id")};
  rr::RootFieldInfo field = FieldWith({{"first", "Int"}, {"after", "String"}});
  rr::BindPagination(&field, &spec);
  EXPECT_TRUE(spec.relay_nodes);
  EXPECT_EQ(rr::ScanRequest(spec).document(),
            "query RemoteRelationshipScan($first: Int, $after: String) { items(first: $first, after: $after) "
            "{ nodes { id } pageInfo { hasNextPage endCursor } } }");
  // Otherwise edges { node } as the Relay spec has it.
  spec.relay_nodes = false;
  rr::BindPagination(&field, &spec);
  EXPECT_FALSE(spec.relay_nodes);
  EXPECT_NE(rr::ScanRequest(spec).document().find("{ edges { node { id } } pageInfo"), std::string::npos);
}

TEST(BindPagination, ArgumentsIntrospectionDoesNotList) {
  // Deprecated arguments are not introspected: a missing one keeps its default type.
  rr::ScanRequestSpec spec;
  spec.query_field = "items";
  spec.pagination = rr::Pagination::kRelay;
  rr::RootFieldInfo field = FieldWith({{"first", "PageSize"}, {"cursor", "String"}});
  rr::BindPagination(&field, &spec);
  EXPECT_NE(rr::ScanRequest(spec).document().find("($first: PageSize, $after: String)"), std::string::npos);
  // A field that lists neither paging argument keeps both defaults.
  rr::ScanRequestSpec offset;
  offset.query_field = "items";
  offset.pagination = rr::Pagination::kOffset;
  rr::RootFieldInfo bare = FieldWith({{"q", "String"}});
  rr::BindPagination(&bare, &offset);
  EXPECT_TRUE(offset.page_size_type.empty());
  EXPECT_TRUE(offset.position_type.empty());
  EXPECT_NE(rr::ScanRequest(offset).document().find("($limit: Int!, $offset: Int!)"), std::string::npos);
  // Without pagination nothing is taken.
  rr::ScanRequestSpec none;
  none.query_field = "items";
  rr::RootFieldInfo typed = FieldWith({{"limit", "Int"}, {"offset", "Int"}, {"first", "Int"}, {"after", "Cursor"}});
  rr::BindPagination(&typed, &none);
  EXPECT_TRUE(none.page_size_type.empty());
  EXPECT_TRUE(none.position_type.empty());
}

TEST(BindPagination, CustomOffsetArgumentNames) {
  rr::ScanRequestSpec spec;
  spec.query_field = "allOrders";
  spec.pagination = rr::Pagination::kOffset;
  spec.limit_argument = "perPage";
  spec.offset_argument = "page";
  rr::RootFieldInfo field = FieldWith({{"page", "Int"}, {"perPage", "PositiveInt"}, {"limit", "Float"}});
  rr::BindPagination(&field, &spec);
  EXPECT_EQ(spec.page_size_type, "PositiveInt");
  EXPECT_EQ(spec.position_type, "Int");
  // The names the pagination sets are refused as fixed arguments; limit is no longer one.
  EXPECT_THROW(rr::BindFixedArguments(R"({"perPage": 5})", &field, &spec), rr::RemoteError);
  EXPECT_THROW(rr::BindFixedArguments(R"({"page": 5})", nullptr, &spec), rr::RemoteError);
  rr::BindFixedArguments(R"({"limit": 5})", &field, &spec);
  ASSERT_EQ(spec.variables.size(), 1u);
  EXPECT_EQ(spec.variables[0].type, "Float");
}
}  // namespace

namespace {

TEST(ScanRequest, SingleObjectResult) {
  rr::ScanRequestSpec spec;
  spec.query_field = "order";
  spec.result = rr::ResultShape::kObject;
  spec.fields = {Field("id"), Field("user.name")};
  spec.variables = {{"id", "ID!", R"("7")"}};
  rr::ScanRequest request(spec);
  EXPECT_EQ(request.document(), "query RemoteRelationshipScan($id: ID!) { order(id: $id) { id user { name } } }");
  EXPECT_EQ(request.Variables(rr::PagePosition()), R"({"id":"7"})");
  // One object is not paged.
  spec.pagination = rr::Pagination::kOffset;
  try {
    rr::ScanRequest paged(spec);
    ADD_FAILURE() << "an object was paged";
  } catch (const rr::RemoteError& error) {
    EXPECT_EQ(error.kind(), rr::ErrorKind::kInvalidOption);
    EXPECT_EQ(std::string(error.what()), "field \"order\" returns one object, which is not paged");
  }
}

TEST(ScanRequest, ConnectionReadInOneRequest) {
  // A connection without first/after: rows from edges or nodes, and no pageInfo asked for.
  rr::ScanRequestSpec spec;
  spec.query_field = "ordersConnection";
  spec.result = rr::ResultShape::kConnection;
  spec.fields = {Field("id")};
  EXPECT_EQ(rr::ScanRequest(spec).document(), "query RemoteRelationshipScan { ordersConnection { edges { node { id } } } }");
  EXPECT_EQ(rr::ScanRequest(spec).Variables(rr::PagePosition()), "{}");
  spec.relay_nodes = true;
  EXPECT_EQ(rr::ScanRequest(spec).document(), "query RemoteRelationshipScan { ordersConnection { nodes { id } } }");
  // Relay paging always reads a connection, whatever the result says.
  rr::ScanRequestSpec relay;
  relay.query_field = "ordersConnection";
  relay.pagination = rr::Pagination::kRelay;
  relay.fields = {Field("id")};
  rr::ScanRequest request(relay);
  EXPECT_EQ(request.spec().result, rr::ResultShape::kConnection);
  EXPECT_NE(request.document().find("{ edges { node { id } } pageInfo { hasNextPage endCursor } }"), std::string::npos);
}

TEST(ScanRequest, OffsetPagingWithOtherArgumentNames) {
  rr::ScanRequestSpec spec;
  spec.query_field = "allOrders";
  spec.pagination = rr::Pagination::kOffset;
  spec.limit_argument = "perPage";
  spec.offset_argument = "page";
  spec.offset_in_pages = true;
  spec.page_size = 25;
  spec.page_size_type = "Int";
  spec.position_type = "Int";
  spec.fields = {Field("id")};
  spec.variables = {{"filter", "OrderFilter", R"({"user_id":"2"})"}};
  rr::ScanRequest request(spec);
  EXPECT_EQ(request.document(),
            "query RemoteRelationshipScan($perPage: Int, $page: Int, $filter: OrderFilter) { allOrders(perPage: $perPage, "
            "page: $page, filter: $filter) { id } }");
  rr::PagePosition position;
  EXPECT_EQ(request.Variables(position), R"({"perPage":25,"page":0,"filter":{"user_id":"2"}})");
  position.offset = 3;  // the fourth page
  EXPECT_EQ(request.Variables(position), R"({"perPage":25,"page":3,"filter":{"user_id":"2"}})");
  // Offset paging of a connection: the rows of edges, no pageInfo.
  spec.result = rr::ResultShape::kConnection;
  spec.variables.clear();
  EXPECT_EQ(rr::ScanRequest(spec).document(),
            "query RemoteRelationshipScan($perPage: Int, $page: Int) { allOrders(perPage: $perPage, page: $page) "
            "{ edges { node { id } } } }");
}

TEST(ScanRequest, PagingArgumentNamesMustBeNames) {
  for (const char* bad : {"per-page", "", "a b", "x) { y"}) {
    SCOPED_TRACE(bad);
    for (int which = 0; which < 2; ++which) {
      rr::ScanRequestSpec spec;
      spec.query_field = "orders";
      spec.pagination = rr::Pagination::kOffset;
      (which == 0 ? spec.limit_argument : spec.offset_argument) = bad;
      try {
        rr::ScanRequest request(spec);
        ADD_FAILURE() << "accepted";
      } catch (const rr::RemoteError& error) {
        EXPECT_EQ(error.kind(), rr::ErrorKind::kInvalidOption);
      }
    }
  }
}

TEST(ScanRequest, SetsOneVariableOrAll) {
  rr::ScanRequestSpec spec;
  spec.query_field = "orders";
  spec.variables = {{"a", "Int", "1"}, {"b", "String", R"("x")"}};
  rr::ScanRequest request(spec);
  request.SetVariableValue(1, R"("y")");
  EXPECT_EQ(request.Variables(rr::PagePosition()), R"({"a":1,"b":"y"})");
  request.SetVariableValues({"5", "null"});
  EXPECT_EQ(request.Variables(rr::PagePosition()), R"({"a":5,"b":null})");
  try {
    request.SetVariableValue(2, "1");
    ADD_FAILURE() << "accepted";
  } catch (const rr::RemoteError& error) {
    EXPECT_EQ(error.kind(), rr::ErrorKind::kInternal);
  }
  EXPECT_THROW(request.SetVariableValues({"1"}), rr::RemoteError);
  EXPECT_EQ(request.Variables(rr::PagePosition()), R"({"a":5,"b":null})");
}

TEST(ArgumentTypesOption, ParsesNamesAndTypes) {
  rr::RootFieldInfo info = rr::ParseArgumentTypesJson("orders", R"({"first": "Int", "after": "Cursor", "ids": "[ID!]!", "w": "[[Int]]"})");
  EXPECT_EQ(info.name, "orders");
  ASSERT_EQ(info.arguments.size(), 4u);
  EXPECT_EQ(info.arguments[0].name, "first");
  EXPECT_EQ(info.arguments[0].type, "Int");
  EXPECT_EQ(info.FindArgument("after")->type, "Cursor");
  EXPECT_EQ(info.FindArgument("ids")->type, "[ID!]!");
  EXPECT_EQ(info.FindArgument("w")->type, "[[Int]]");
  EXPECT_EQ(info.FindArgument("nope"), nullptr);
  EXPECT_TRUE(rr::ParseArgumentTypesJson("x", "{}").arguments.empty());
}

TEST(ArgumentTypesOption, RejectsBadInput) {
  struct Case {
    const char* json;
    const char* message;
  };
  for (const Case& c : {Case{"{", "invalid JSON"}, Case{"", "invalid JSON"}, Case{"[]", "must be a JSON object"},
                        Case{R"("Int")", "must be a JSON object"}, Case{R"({"a-b": "Int"})", R"("a-b" is not a GraphQL name)"},
                        Case{R"({"a": "Int", "a": "ID"})", R"("a" is given twice)"},
                        Case{R"({"a": 1})", R"(the type of "a" must be a JSON string)"},
                        Case{R"({"a": null})", R"(the type of "a" must be a JSON string)"},
                        Case{R"({"a": ["Int"]})", R"(the type of "a" must be a JSON string)"},
                        Case{R"({"a": "Int!!"})", R"("Int!!" (for "a") is not a GraphQL type)"},
                        Case{R"({"a": "[Int"})", R"("[Int" (for "a") is not a GraphQL type)"},
                        Case{R"({"a": ""})", R"("" (for "a") is not a GraphQL type)"},
                        Case{R"({"a": "Int) { x }"})", R"(is not a GraphQL type)"}}) {
    SCOPED_TRACE(c.json);
    try {
      rr::ParseArgumentTypesJson("orders", c.json);
      ADD_FAILURE() << "accepted";
    } catch (const rr::RemoteError& error) {
      EXPECT_EQ(error.kind(), rr::ErrorKind::kInvalidOption);
      EXPECT_NE(std::string(error.what()).find(c.message), std::string::npos) << error.what();
    }
  }
}

TEST(ArgumentValueJson, EveryCategoryAgainstEveryType) {
  using rr::ValueCategory;
  const char* types[] = {"Int", "Float", "String", "ID", "Boolean", "OrderStatus", "JSON"};
  struct Row {
    ValueCategory category;
    const char* text;
    const char* expected[7];  // in the order of types
  };
  const Row rows[] = {
      {ValueCategory::kNumber, "42", {"42", "42", R"("42")", R"("42")", R"("42")", R"("42")", "42"}},
      {ValueCategory::kBoolean, "t", {"true", "true", R"("true")", R"("true")", "true", "true", "true"}},
      {ValueCategory::kBoolean, "f", {"false", "false", R"("false")", R"("false")", "false", "false", "false"}},
      {ValueCategory::kJson, R"({"a":1})",
       {R"({"a":1})", R"({"a":1})", R"("{\"a\":1}")", R"("{\"a\":1}")", R"({"a":1})", R"({"a":1})", R"({"a":1})"}},
      {ValueCategory::kText, R"(x"y)",
       {R"("x\"y")", R"("x\"y")", R"("x\"y")", R"("x\"y")", R"("x\"y")", R"("x\"y")", R"("x\"y")"}},
  };
  for (const Row& row : rows)
    for (size_t t = 0; t < 7; ++t) {
      SCOPED_TRACE(std::string(row.text) + " as " + types[t]);
      EXPECT_EQ(rr::ArgumentValueJson(row.text, row.category, types[t]), row.expected[t]);
      // Wrappers do not change the value: the named type decides.
      EXPECT_EQ(rr::ArgumentValueJson(row.text, row.category, std::string(types[t]) + "!"), row.expected[t]);
    }
}

TEST(ArgumentValueJson, NumbersForNumberArguments) {
  using rr::ValueCategory;
  for (const char* type : {"Int", "Int!", "Float", "[Int!]", "JSON"}) {
    SCOPED_TRACE(type);
    EXPECT_EQ(rr::ArgumentValueJson("42", ValueCategory::kNumber, type), "42");
    EXPECT_EQ(rr::ArgumentValueJson("-1.50", ValueCategory::kNumber, type), "-1.50");
    EXPECT_EQ(rr::ArgumentValueJson("1e+300", ValueCategory::kNumber, type), "1e+300");
  }
  // Custom scalars read strings: a JSON number would lose digits of a BigInt beyond 2^53.
  EXPECT_EQ(rr::ArgumentValueJson("9007199254740993", ValueCategory::kNumber, "BigInt"), R"("9007199254740993")");
  EXPECT_EQ(rr::ArgumentValueJson("1.50", ValueCategory::kNumber, "BigFloat!"), R"("1.50")");
  EXPECT_EQ(rr::ArgumentValueJson("42", ValueCategory::kNumber, "OrderStatus"), R"("42")");
  // String and ID arguments get the number's text as a string.
  EXPECT_EQ(rr::ArgumentValueJson("42", ValueCategory::kNumber, "String"), R"("42")");
  EXPECT_EQ(rr::ArgumentValueJson("42", ValueCategory::kNumber, "ID!"), R"("42")");
  EXPECT_EQ(rr::ArgumentValueJson("42", ValueCategory::kNumber, "[ID!]"), R"("42")");
  // NaN and infinities are no JSON numbers: they stay strings, for the remote to judge.
  for (const char* text : {"NaN", "Infinity", "-Infinity"}) {
    EXPECT_EQ(rr::ArgumentValueJson(text, ValueCategory::kNumber, "Float"), std::string("\"") + text + "\"");
    EXPECT_EQ(rr::ArgumentValueJson(text, ValueCategory::kNumber, "Int"), std::string("\"") + text + "\"");
  }
  EXPECT_EQ(rr::ArgumentValueJson("", ValueCategory::kNumber, "Int"), R"("")");
}

TEST(ArgumentValueJson, JsonForListsAndInputObjects) {
  // A jsonb value for a list of strings is the list, not one string holding its text.
  EXPECT_EQ(rr::ArgumentValueJson(R"(["1", "2"])", rr::ValueCategory::kJson, "[String!]"), R"(["1", "2"])");
  EXPECT_EQ(rr::ArgumentValueJson(R"(["1"])", rr::ValueCategory::kJson, "[ID!]!"), R"(["1"])");
  EXPECT_EQ(rr::ArgumentValueJson(R"({"_eq": 1})", rr::ValueCategory::kJson, "Int_comparison_exp"), R"({"_eq": 1})");
  EXPECT_EQ(rr::ArgumentValueJson(R"({"a": 1})", rr::ValueCategory::kJson, "String"), R"("{\"a\": 1}")");
}

TEST(ArgumentValueJson, Booleans) {
  using rr::ValueCategory;
  for (const char* type : {"Boolean", "Boolean!", "Int", "OrderStatus", "JSON"}) {
    SCOPED_TRACE(type);
    EXPECT_EQ(rr::ArgumentValueJson("t", ValueCategory::kBoolean, type), "true");
    EXPECT_EQ(rr::ArgumentValueJson("f", ValueCategory::kBoolean, type), "false");
    EXPECT_EQ(rr::ArgumentValueJson("true", ValueCategory::kBoolean, type), "true");
    EXPECT_EQ(rr::ArgumentValueJson("false", ValueCategory::kBoolean, type), "false");
  }
  EXPECT_EQ(rr::ArgumentValueJson("t", ValueCategory::kBoolean, "String"), R"("true")");
  EXPECT_EQ(rr::ArgumentValueJson("f", ValueCategory::kBoolean, "String"), R"("false")");
  EXPECT_EQ(rr::ArgumentValueJson("t", ValueCategory::kBoolean, "ID"), R"("true")");
}

TEST(ArgumentValueJson, BooleanTextTrueForAStringArgument) {
  // "true" is true for a String or ID argument too, as "t" is (PostgreSQL writes t/f).
  EXPECT_EQ(rr::ArgumentValueJson("true", rr::ValueCategory::kBoolean, "String"), R"("true")");
  EXPECT_EQ(rr::ArgumentValueJson("true", rr::ValueCategory::kBoolean, "ID"), R"("true")");
}

TEST(ArgumentValueJson, JsonAndText) {
  using rr::ValueCategory;
  const std::string object = R"({"a":[1,"x"]})";
  // JSON values go as they are to JSON scalars and input types, as strings to String and ID.
  for (const char* type : {"JSON", "JSONObject", "jsonb", "json", "OrderFilter", "[Int!]", "Int"})
    EXPECT_EQ(rr::ArgumentValueJson(object, ValueCategory::kJson, type), object) << type;
  EXPECT_EQ(rr::ArgumentValueJson(object, ValueCategory::kJson, "String"), R"("{\"a\":[1,\"x\"]}")");
  EXPECT_EQ(rr::ArgumentValueJson(object, ValueCategory::kJson, "ID"), R"("{\"a\":[1,\"x\"]}")");
  // Text is always a string, escaped: an enum value too (its name), and whatever the type.
  for (const char* type : {"String", "ID", "OrderStatus", "Int", "JSON"})
    EXPECT_EQ(rr::ArgumentValueJson("PAID", ValueCategory::kText, type), R"("PAID")") << type;
  EXPECT_EQ(rr::ArgumentValueJson("a\"b\\c\n", ValueCategory::kText, "String"), R"("a\"b\\c\n")");
  EXPECT_EQ(rr::ArgumentValueJson("", ValueCategory::kText, "String"), R"("")");
}

rr::FilterTerm Condition(const std::string& field, rr::FilterOp op, const std::string& json_value = "") {
  rr::FilterTerm term;
  term.field = field;
  term.op = op;
  term.json_value = json_value;
  return term;
}

rr::FilterTerm Group(rr::FilterOp op, std::vector<rr::FilterTerm> terms) {
  rr::FilterTerm term;
  term.op = op;
  term.terms = std::move(terms);
  return term;
}

TEST(FilterArgumentJson, EveryTermMustHold) {
  using rr::FilterDialect;
  using rr::FilterOp;
  std::vector<rr::FilterTerm> terms = {Condition("user_id", FilterOp::kEqual, "2"), Condition("note", FilterOp::kIsNull),
                                       Condition("status", FilterOp::kIn, R"(["PAID", "SHIPPED"])")};
  EXPECT_EQ(rr::FilterArgumentJson(FilterDialect::kWhere, terms),
            R"({"_and": [{"user_id": {"_eq": 2}}, {"note": {"_is_null": true}}, {"status": {"_in": ["PAID", "SHIPPED"]}}]})");
  EXPECT_EQ(rr::FilterArgumentJson(FilterDialect::kConnectionFilter, terms),
            R"({"and": [{"user_id": {"equalTo": 2}}, {"note": {"isNull": true}}, {"status": {"in": ["PAID", "SHIPPED"]}}]})");
  std::vector<rr::FilterTerm> equalities = {Condition("userId", FilterOp::kEqual, "2"),
                                            Condition("status", FilterOp::kEqual, R"("PAID")")};
  EXPECT_EQ(rr::FilterArgumentJson(FilterDialect::kCondition, equalities), R"({"userId": 2, "status": "PAID"})");
  EXPECT_EQ(rr::FilterArgumentJson(FilterDialect::kFlatFilter, equalities), R"({"userId": 2, "status": "PAID"})");
}

TEST(FilterArgumentJson, OrIsOneTermBesideTheOthers) {
  using rr::FilterDialect;
  using rr::FilterOp;
  // user_id = 2 AND (status = 'PAID' OR note IS NOT NULL)
  std::vector<rr::FilterTerm> terms = {
      Condition("user_id", FilterOp::kEqual, "2"),
      Group(FilterOp::kOr, {Condition("status", FilterOp::kEqual, R"("PAID")"), Condition("note", FilterOp::kIsNotNull)})};
  EXPECT_EQ(rr::FilterArgumentJson(FilterDialect::kWhere, terms),
            R"({"_and": [{"user_id": {"_eq": 2}}, {"_or": [{"status": {"_eq": "PAID"}}, {"note": {"_is_null": false}}]}]})");
  EXPECT_EQ(rr::FilterArgumentJson(FilterDialect::kConnectionFilter, terms),
            R"({"and": [{"user_id": {"equalTo": 2}}, {"or": [{"status": {"equalTo": "PAID"}}, {"note": {"isNull": false}}]}]})");
}

TEST(FilterArgumentJson, AndAndOrNestInsideOr) {
  using rr::FilterDialect;
  using rr::FilterOp;
  // (user_id = 1 AND (amount > 20 OR quantity <= 2)) OR user_id = ANY('{3,4}') OR status LIKE 'P%'
  std::vector<rr::FilterTerm> terms = {Group(
      FilterOp::kOr,
      {Group(FilterOp::kAnd, {Condition("user_id", FilterOp::kEqual, "1"),
                              Group(FilterOp::kOr, {Condition("amount", FilterOp::kGreater, R"("20")"),
                                                    Condition("quantity", FilterOp::kLessEqual, "2")})}),
       Condition("user_id", FilterOp::kIn, "[3, 4]"), Condition("status", FilterOp::kLike, R"("P%")")})};
  EXPECT_EQ(rr::FilterArgumentJson(FilterDialect::kWhere, terms),
            R"({"_and": [{"_or": [{"_and": [{"user_id": {"_eq": 1}}, {"_or": [{"amount": {"_gt": "20"}}, )"
            R"({"quantity": {"_lte": 2}}]}]}, {"user_id": {"_in": [3, 4]}}, {"status": {"_like": "P%"}}]}]})");
  EXPECT_EQ(rr::FilterArgumentJson(FilterDialect::kConnectionFilter, terms),
            R"({"and": [{"or": [{"and": [{"user_id": {"equalTo": 1}}, {"or": [{"amount": {"greaterThan": "20"}}, )"
            R"({"quantity": {"lessThanOrEqualTo": 2}}]}]}, {"user_id": {"in": [3, 4]}}, {"status": {"like": "P%"}}]}]})");
}

TEST(FilterArgumentJson, GroupsOnlyWhereTheDialectHasThem) {
  using rr::FilterDialect;
  using rr::FilterOp;
  for (FilterOp op : {FilterOp::kOr, FilterOp::kAnd}) {
    EXPECT_TRUE(rr::FilterDialectSupports(FilterDialect::kWhere, op));
    EXPECT_TRUE(rr::FilterDialectSupports(FilterDialect::kConnectionFilter, op));
    EXPECT_FALSE(rr::FilterDialectSupports(FilterDialect::kCondition, op));
    EXPECT_FALSE(rr::FilterDialectSupports(FilterDialect::kFlatFilter, op));
  }
  std::vector<rr::FilterTerm> terms = {
      Group(FilterOp::kOr, {Condition("id", FilterOp::kEqual, "1"), Condition("id", FilterOp::kEqual, "2")})};
  for (FilterDialect dialect : {FilterDialect::kCondition, FilterDialect::kFlatFilter}) {
    try {
      rr::FilterArgumentJson(dialect, terms);
      ADD_FAILURE() << "no error";
    } catch (const rr::RemoteError& error) {
      EXPECT_EQ(error.kind(), rr::ErrorKind::kInternal);
    }
  }
  // A condition the dialect cannot say is as much an error inside a group as outside.
  std::vector<rr::FilterTerm> inner = {Group(FilterOp::kOr, {Condition("id", FilterOp::kLess, "1")})};
  EXPECT_THROW(rr::FilterArgumentJson(FilterDialect::kCondition, inner), rr::RemoteError);
}

TEST(FilterArgumentJson, EmptyGroupIsAnError) {
  // Hasura reads {"_or": []} as true: a group that would say nothing is never sent.
  using rr::FilterOp;
  for (FilterOp op : {FilterOp::kOr, FilterOp::kAnd}) {
    std::vector<rr::FilterTerm> terms = {Condition("id", FilterOp::kEqual, "1"), Group(op, {})};
    EXPECT_THROW(rr::FilterArgumentJson(rr::FilterDialect::kWhere, terms), rr::RemoteError);
    std::vector<rr::FilterTerm> nested = {Group(FilterOp::kOr, {Condition("id", FilterOp::kEqual, "1"), Group(op, {})})};
    EXPECT_THROW(rr::FilterArgumentJson(rr::FilterDialect::kConnectionFilter, nested), rr::RemoteError);
  }
}

TEST(FilterArgumentJson, FieldNamesAreEscaped) {
  std::vector<rr::FilterTerm> terms = {Group(rr::FilterOp::kOr, {Condition("a\"b", rr::FilterOp::kEqual, "1")})};
  EXPECT_EQ(rr::FilterArgumentJson(rr::FilterDialect::kWhere, terms), R"({"_and": [{"_or": [{"a\"b": {"_eq": 1}}]}]})");
}

}  // namespace
