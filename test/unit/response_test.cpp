#include <gtest/gtest.h>

#include "core/error.hpp"
#include "core/json.hpp"
#include "core/remote_scan.hpp"
#include "core/response.hpp"

namespace {

using rr::Cell;
using rr::CellKind;
using rr::ErrorKind;

rr::ScanRequestSpec Spec(rr::Pagination pagination, std::vector<std::string> fields, long page_size = 2) {
  rr::ScanRequestSpec spec;
  spec.query_field = "orders";
  spec.pagination = pagination;
  // Relay paging reads a connection (ScanRequest sets this too).
  if (pagination == rr::Pagination::kRelay) spec.result = rr::ResultShape::kConnection;
  spec.page_size = page_size;
  for (const auto& field : fields) spec.fields.push_back(rr::ParseFieldSpec(field));
  return spec;
}

rr::ScanRequestSpec ObjectSpec(std::vector<std::string> fields) {
  rr::ScanRequestSpec spec = Spec(rr::Pagination::kNone, std::move(fields));
  spec.query_field = "order";
  spec.result = rr::ResultShape::kObject;
  return spec;
}

ErrorKind LoadError(const std::string& body, const rr::ScanRequestSpec& spec, std::string* message = nullptr,
                    std::string* detail = nullptr) {
  rr::PageReader reader;
  try {
    reader.Load(body, spec);
  } catch (const rr::RemoteError& error) {
    if (message) *message = error.what();
    if (detail) *detail = error.detail();
    return error.kind();
  }
  ADD_FAILURE() << "no error for " << body;
  return ErrorKind::kInternal;
}

std::string Text(const Cell& cell) { return std::string(cell.data, cell.length); }

TEST(Json, RawNumbersKeepTheirDigits) {
  std::string buffer = R"({"a": 12345678901234567890.123456789, "b": "12", "c": -0.0, "d": 1e300})";
  rr::JsonDocument doc;
  std::string error;
  ASSERT_TRUE(rr::ParseJsonInPlace(&buffer, &doc, &error));
  EXPECT_TRUE(rr::IsRawNumber(doc["a"]));
  EXPECT_FALSE(rr::IsRawNumber(doc["b"]));
  std::string out;
  rr::AppendJson(doc, &out);
  EXPECT_EQ(out, R"({"a":12345678901234567890.123456789,"b":"12","c":-0.0,"d":1e300})");
}

TEST(Json, TopLevelNumberAndEmptyString) {
  std::string buffer = "42";
  rr::JsonDocument doc;
  std::string error;
  ASSERT_TRUE(rr::ParseJsonInPlace(&buffer, &doc, &error));
  EXPECT_TRUE(rr::IsRawNumber(doc));
  std::string empty = R"(["", 7])";
  rr::JsonDocument doc2;
  ASSERT_TRUE(rr::ParseJsonInPlace(&empty, &doc2, &error));
  EXPECT_FALSE(rr::IsRawNumber(doc2[0]));
  EXPECT_TRUE(rr::IsRawNumber(doc2[1]));
}

TEST(Json, ReportsWhereParsingFailed) {
  std::string buffer = R"({"a": [1, 2,)";
  rr::JsonDocument doc;
  std::string error;
  EXPECT_FALSE(rr::ParseJsonInPlace(&buffer, &doc, &error));
  EXPECT_NE(error.find("at byte"), std::string::npos);
}

TEST(PageReader, ReadsListRowsAndCellKinds) {
  auto spec = Spec(rr::Pagination::kNone, {"id", "name", "paid", "meta", "note", "address.city", "tags"});
  rr::PageReader reader;
  reader.Load(R"({"data":{"orders":[
      {"id": 1, "name": "a\"b", "paid": true, "meta": {"k": [1, null]}, "note": null,
       "address": {"city": "Oslo"}, "tags": ["x"]},
      {"id": 2, "name": "", "paid": false, "meta": null, "note": "n", "address": null, "tags": []}]}})",
              spec);
  ASSERT_EQ(reader.row_count(), 2u);
  EXPECT_FALSE(reader.has_next_page());
  std::vector<Cell> cells;
  reader.ReadRow(0, std::vector<rr::CellFormat>(7, rr::CellFormat::kText), &cells);
  EXPECT_EQ(cells[0].kind, CellKind::kNumber);
  EXPECT_EQ(Text(cells[0]), "1");
  EXPECT_EQ(cells[1].kind, CellKind::kString);
  EXPECT_EQ(Text(cells[1]), "a\"b");
  EXPECT_EQ(cells[2].kind, CellKind::kBool);
  EXPECT_EQ(Text(cells[2]), "true");
  EXPECT_EQ(cells[3].kind, CellKind::kJson);
  EXPECT_EQ(Text(cells[3]), R"({"k":[1,null]})");
  EXPECT_EQ(cells[4].kind, CellKind::kNull);
  EXPECT_EQ(Text(cells[5]), "Oslo");
  EXPECT_EQ(Text(cells[6]), R"(["x"])");

  reader.ReadRow(1, std::vector<rr::CellFormat>(7, rr::CellFormat::kText), &cells);
  EXPECT_EQ(Text(cells[1]), "");
  EXPECT_EQ(cells[3].kind, CellKind::kNull);
  EXPECT_EQ(cells[5].kind, CellKind::kNull);  // null object on the path
}

TEST(PageReader, ReadsTheCountBesideTheFirstPage) {
  auto spec = Spec(rr::Pagination::kOffset, {"id"});
  spec.count_field = "orders_aggregate.aggregate.count";
  rr::PageReader reader;
  reader.Load(R"({"data":{"orders":[{"id": 1}],"remoteRelationshipCount":{"aggregate":{"count":7}}}})", spec);
  EXPECT_EQ(reader.row_count(), 1u);
  EXPECT_EQ(reader.count(), 7);
  reader.Load(R"({"data":{"orders":[{"id": 1}]}})", spec);  // a later page: not asked
  EXPECT_EQ(reader.count(), -1);
  // A null along the path (a nullable aggregate) is no count: paging ends at the empty page.
  reader.Load(R"({"data":{"orders":[{"id": 1}],"remoteRelationshipCount":{"aggregate":null}}})", spec);
  EXPECT_EQ(reader.count(), -1);
  reader.Load(R"({"data":{"orders":[{"id": 1}],"remoteRelationshipCount":null}})", spec);
  EXPECT_EQ(reader.count(), -1);
  for (const char* bad : {R"({"data":{"orders":[],"remoteRelationshipCount":{"aggregate":{"count":-1}}}})",
                          R"({"data":{"orders":[],"remoteRelationshipCount":{"aggregate":{"count":1.5}}}})",
                          R"({"data":{"orders":[],"remoteRelationshipCount":{"aggregate":{"count":"7"}}}})",
                          R"({"data":{"orders":[],"remoteRelationshipCount":{"aggregate":{}}}})"})
    EXPECT_THROW(reader.Load(bad, spec), rr::RemoteError) << bad;
}

TEST(PageReader, JsonColumnsGetJsonText) {
  auto spec = Spec(rr::Pagination::kNone, {"name", "id", "paid"});
  rr::PageReader reader;
  reader.Load(R"({"data":{"orders":[{"name": "x\ny", "id": 3.50, "paid": false}]}})", spec);
  std::vector<Cell> cells;
  reader.ReadRow(0, std::vector<rr::CellFormat>(3, rr::CellFormat::kJson), &cells);
  EXPECT_EQ(Text(cells[0]), R"("x\ny")");
  EXPECT_EQ(Text(cells[1]), "3.50");
  EXPECT_EQ(Text(cells[2]), "false");
  // Cells are NUL-terminated.
  EXPECT_EQ(cells[1].data[cells[1].length], '\0');
}

TEST(PageReader, ListsAsPostgresArrays) {
  auto spec = Spec(rr::Pagination::kNone, {"a", "b", "c"});
  rr::PageReader reader;
  reader.Load(R"({"data":{"orders":[{"a": [1, null, 2.50], "b": ["x y", "q\"uo\\te", "", "NULL"],
                                       "c": [[1, 2], [true, false], [{"k": "v"}]]}]}})",
              spec);
  std::vector<Cell> cells;
  reader.ReadRow(0, std::vector<rr::CellFormat>(3, rr::CellFormat::kPgArray), &cells);
  EXPECT_EQ(Text(cells[0]), "{1,NULL,2.50}");
  EXPECT_EQ(Text(cells[1]), R"({"x y","q\"uo\\te","","NULL"})");
  EXPECT_EQ(Text(cells[2]), R"({{1,2},{true,false},{"{\"k\":\"v\"}"}})");
}

TEST(PageReader, PathsThroughListsReadEveryItem) {
  auto spec = Spec(rr::Pagination::kNone, {"lines.sku", "lines.geo.lat", "lines.sku", "groups.items.n"});
  rr::PageReader reader;
  reader.Load(R"({"data":{"orders":[{"lines":[{"sku":"a b","geo":{"lat":1.50}},{"sku":"c","geo":null},null],
                                       "groups":[{"items":[{"n":1},{"n":2}]},{"items":[]},{"items":[{"n":3}]}]}]}})",
              spec);
  std::vector<Cell> cells;
  reader.ReadRow(0, {rr::CellFormat::kPgArray, rr::CellFormat::kPgArray, rr::CellFormat::kJson, rr::CellFormat::kPgArray},
                 &cells);
  EXPECT_EQ(Text(cells[0]), R"({"a b","c",NULL})");
  EXPECT_EQ(Text(cells[1]), "{1.50,NULL,NULL}");  // numbers with the remote's digits
  EXPECT_EQ(Text(cells[2]), R"(["a b","c",null])");
  EXPECT_EQ(Text(cells[3]), "{1,2,3}");  // lists in lists are flattened
  // A scalar item has no field to read.
  auto scalars = Spec(rr::Pagination::kNone, {"lines.sku"});
  reader.Load(R"({"data":{"orders":[{"lines":["x"]}]}})", scalars);
  EXPECT_THROW(reader.ReadRow(0, {rr::CellFormat::kPgArray}, &cells), rr::RemoteError);
}

TEST(PageReader, PathsIntoAScalarAreReadHere) {
  auto spec = Spec(rr::Pagination::kNone, {"metadata.source", "metadata.attributes.weight", "metadata.no.such", "metadata.source.x"});
  for (auto& field : spec.fields) field.remote_steps = 1;
  rr::PageReader reader;
  reader.Load(R"({"data":{"orders":[{"metadata":{"source":"web","attributes":{"weight":1.50}}}]}})", spec);
  std::vector<Cell> cells;
  reader.ReadRow(0, std::vector<rr::CellFormat>(4, rr::CellFormat::kText), &cells);
  EXPECT_EQ(Text(cells[0]), "web");
  EXPECT_EQ(Text(cells[1]), "1.50");
  EXPECT_EQ(cells[2].kind, rr::CellKind::kNull);  // no such key: NULL, as jsonb's #>
  EXPECT_EQ(cells[3].kind, rr::CellKind::kNull);  // below a string
}

TEST(PageReader, NulInsideTextIsLeftToTheColumn) {
  // The PostgreSQL side refuses it as a conversion error naming the column; as JSON text the
  // NUL stays escaped.
  auto spec = Spec(rr::Pagination::kNone, {"name"});
  rr::PageReader reader;
  reader.Load(R"({"data":{"orders":[{"name": "a\u0000b"}]}})", spec);
  std::vector<Cell> cells;
  reader.ReadRow(0, {rr::CellFormat::kText}, &cells);
  EXPECT_EQ(std::string(cells[0].data, cells[0].length), std::string("a\0b", 3));
  reader.ReadRow(0, {rr::CellFormat::kJson}, &cells);
  EXPECT_EQ(Text(cells[0]), R"("a\u0000b")");
}

TEST(PageReader, ListsAsJsonArrays) {
  // json[] / jsonb[]: every item is one JSON value, strings keep their quotes, null is NULL.
  auto spec = Spec(rr::Pagination::kNone, {"a"});
  rr::PageReader reader;
  reader.Load(R"({"data":{"orders":[{"a": [{"k": "v"}, "x", null, 3, [1, "y"], true]}]}})", spec);
  std::vector<Cell> cells;
  reader.ReadRow(0, {rr::CellFormat::kPgJsonArray}, &cells);
  EXPECT_EQ(Text(cells[0]), R"({"{\"k\":\"v\"}","\"x\"",NULL,"3","[1,\"y\"]","true"})");
}

TEST(PageReader, ListsOfEmptyListsAreEmptyArrays) {
  auto spec = Spec(rr::Pagination::kNone, {"a", "b", "c"});
  rr::PageReader reader;
  reader.Load(R"({"data":{"orders":[{"a": [[], []], "b": [], "c": [[], [1]]}]}})", spec);
  std::vector<Cell> cells;
  reader.ReadRow(0, std::vector<rr::CellFormat>(3, rr::CellFormat::kPgArray), &cells);
  EXPECT_EQ(Text(cells[0]), "{}");
  EXPECT_EQ(Text(cells[1]), "{}");
  EXPECT_EQ(Text(cells[2]), "{{},{1}}");  // ragged: PostgreSQL's own error names the column
}

TEST(PageReader, MissingFieldIsAnError) {
  auto spec = Spec(rr::Pagination::kNone, {"id", "user.name"});
  rr::PageReader reader;
  reader.Load(R"({"data":{"orders":[{"id": 1, "user": {}}]}})", spec);
  std::vector<Cell> cells;
  try {
    reader.ReadRow(0, {rr::CellFormat::kText, rr::CellFormat::kText}, &cells);
    FAIL();
  } catch (const rr::RemoteError& error) {
    EXPECT_EQ(error.kind(), ErrorKind::kBadResponse);
    EXPECT_NE(std::string(error.what()).find("\"user.name\" is missing"), std::string::npos);
  }
}

TEST(PageReader, ScalarWhereObjectExpected) {
  auto spec = Spec(rr::Pagination::kNone, {"user.name"});
  rr::PageReader reader;
  reader.Load(R"({"data":{"orders":[{"user": 5}]}})", spec);
  std::vector<Cell> cells;
  EXPECT_THROW(reader.ReadRow(0, {rr::CellFormat::kText}, &cells), rr::RemoteError);
}

TEST(PageReader, RelayEdgesAndNodes) {
  auto spec = Spec(rr::Pagination::kRelay, {"id"});
  rr::PageReader reader;
  reader.Load(R"({"data":{"orders":{"edges":[{"node":{"id":1}},{"node":{"id":2}}],
                  "pageInfo":{"hasNextPage":true,"endCursor":"c2"}}}})",
              spec);
  EXPECT_EQ(reader.row_count(), 2u);
  EXPECT_TRUE(reader.has_next_page());
  EXPECT_EQ(reader.end_cursor(), "c2");
  std::vector<Cell> cells;
  reader.ReadRow(1, {rr::CellFormat::kText}, &cells);
  EXPECT_EQ(Text(cells[0]), "2");

  reader.Load(R"({"data":{"orders":{"nodes":[{"id":7}],"pageInfo":{"hasNextPage":false,"endCursor":null}}}})", spec);
  EXPECT_EQ(reader.row_count(), 1u);
  EXPECT_FALSE(reader.has_next_page());
}

TEST(PageReader, OffsetPagesEndOnAnEmptyPage) {
  auto spec = Spec(rr::Pagination::kOffset, {"id"}, 2);
  rr::PageReader reader;
  reader.Load(R"({"data":{"orders":[{"id":1},{"id":2}]}})", spec);
  EXPECT_TRUE(reader.has_next_page());
  // A short page may be the remote capping its page size: ask on.
  reader.Load(R"({"data":{"orders":[{"id":3}]}})", spec);
  EXPECT_TRUE(reader.has_next_page());
  reader.Load(R"({"data":{"orders":[]}})", spec);
  EXPECT_FALSE(reader.has_next_page());
}

TEST(Json, RefusesNestingDeeperThanTheLimit) {
  std::string deep(100000, '[');
  rr::JsonDocument doc;
  std::string error;
  EXPECT_FALSE(rr::ParseJsonInPlace(&deep, &doc, &error));
  EXPECT_EQ(error, "nested deeper than 512 levels at byte 512");  // the 513th bracket
  std::string deep_object = " {\"a\": " + std::string(600, '[');
  EXPECT_FALSE(rr::ParseJsonInPlace(&deep_object, &doc, &error));
  EXPECT_EQ(error, "nested deeper than 512 levels at byte 518");
  std::string ok = std::string(rr::kMaxJsonDepth, '[') + std::string(rr::kMaxJsonDepth, ']');
  EXPECT_TRUE(rr::ParseJsonInPlace(&ok, &doc, &error));
  // Brackets inside strings do not count.
  std::string quoted = "[\"" + std::string(1000, '[') + "\\\"\"]";
  EXPECT_TRUE(rr::ParseJsonInPlace(&quoted, &doc, &error)) << error;
}

TEST(Json, KeepsTheChunksOfATreeForTheNext) {
  // About 3 MB of tree: more than a few chunks, and each parse reuses the last one's.
  std::string text = "[";
  for (int i = 0; i < 40000; i++) text += std::string(i ? "," : "") + "{\"id\":" + std::to_string(i) + ",\"name\":\"x\"}";
  text += "]";
  std::string error;
  {
    std::string buffer = text;
    rr::JsonDocument doc;
    ASSERT_TRUE(rr::ParseJsonInPlace(&buffer, &doc, &error)) << error;
  }
  size_t kept = rr::PooledChunks();
  EXPECT_GT(kept, 10u);
  EXPECT_LE(kept, rr::kMaxPooledChunks);
  {
    std::string buffer = text;
    rr::JsonDocument doc;
    ASSERT_TRUE(rr::ParseJsonInPlace(&buffer, &doc, &error)) << error;
    EXPECT_LT(rr::PooledChunks(), kept);  // taken from the pool
    EXPECT_EQ(doc.Size(), 40000u);
    EXPECT_EQ(std::string(doc[39999]["name"].GetString()), "x");
  }
  EXPECT_EQ(rr::PooledChunks(), kept);
  // A tree far larger than the pool's cap keeps no more than the cap.
  std::string big = "[";
  for (int i = 0; i < 400000; i++) big += std::string(i ? "," : "") + "{\"id\":" + std::to_string(i) + ",\"n\":1,\"m\":2}";
  big += "]";
  {
    rr::JsonDocument doc;
    ASSERT_TRUE(rr::ParseJsonInPlace(&big, &doc, &error)) << error;
  }
  EXPECT_EQ(rr::PooledChunks(), rr::kMaxPooledChunks);
}

TEST(PageReader, GraphQLErrorsCarryMessagePathAndCode) {
  auto spec = Spec(rr::Pagination::kNone, {"id"});
  std::string message, detail;
  EXPECT_EQ(LoadError(R"({"errors":[{"message":"boom","path":["orders",0,"amount"],
                         "extensions":{"code":"INTERNAL"}},{"message":"second"}],"data":null})",
                      spec, &message, &detail),
            ErrorKind::kGraphQL);
  EXPECT_EQ(message, "remote GraphQL error: boom");
  EXPECT_EQ(detail, "GraphQL path: orders[0].amount; code: INTERNAL; 1 more error");
  // Errors next to data are errors too: rows would silently miss values otherwise.
  EXPECT_EQ(LoadError(R"({"data":{"orders":[]},"errors":[{"message":"partial"}]})", spec), ErrorKind::kGraphQL);
}

TEST(PageReader, MalformedAnswers) {
  auto spec = Spec(rr::Pagination::kNone, {"id"});
  std::string message;
  EXPECT_EQ(LoadError("", spec), ErrorKind::kInvalidJson);
  EXPECT_EQ(LoadError(R"({"data": {"orders": [{"id": 1,)", spec), ErrorKind::kInvalidJson);
  EXPECT_EQ(LoadError("<html>oops</html>", spec), ErrorKind::kInvalidJson);
  EXPECT_EQ(LoadError("[1]", spec), ErrorKind::kBadResponse);
  EXPECT_EQ(LoadError(R"({"extensions":{}})", spec, &message), ErrorKind::kBadResponse);
  EXPECT_EQ(message, "the response has no \"data\"");
  EXPECT_EQ(LoadError(R"({"data":null})", spec), ErrorKind::kBadResponse);
  EXPECT_EQ(LoadError(R"({"data":{"other":[]}})", spec, &message), ErrorKind::kBadResponse);
  EXPECT_EQ(message, "the response has no field \"orders\"");
  EXPECT_EQ(LoadError(R"({"data":{"orders":42}})", spec, &message), ErrorKind::kBadResponse);
  EXPECT_EQ(message, "field \"orders\" is a number, expected a list of objects");

  auto relay = Spec(rr::Pagination::kRelay, {"id"});
  EXPECT_EQ(LoadError(R"({"data":{"orders":[]}})", relay), ErrorKind::kBadResponse);
  EXPECT_EQ(LoadError(R"({"data":{"orders":{"edges":[]}}})", relay), ErrorKind::kBadResponse);
  EXPECT_EQ(LoadError(R"({"data":{"orders":{"edges":[],"pageInfo":{"hasNextPage":true}}}})", relay, &message),
            ErrorKind::kBadResponse);
  EXPECT_NE(message.find("no endCursor"), std::string::npos);
}

TEST(PageReader, NullListMeansNoRows) {
  auto spec = Spec(rr::Pagination::kNone, {"id"});
  rr::PageReader reader;
  reader.Load(R"({"data":{"orders":null}})", spec);
  EXPECT_EQ(reader.row_count(), 0u);
}

TEST(HttpStatus, GraphQLErrorsInTheBodyAreReported) {
  try {
    rr::ThrowHttpStatusError(400, R"({"errors":[{"message":"bad query"}]})", "application/json");
  } catch (const rr::RemoteError& error) {
    EXPECT_EQ(error.kind(), ErrorKind::kGraphQL);
    EXPECT_EQ(std::string(error.what()), "the remote server answered HTTP 400: remote GraphQL error: bad query");
  }
  try {
    rr::ThrowHttpStatusError(500, "internal\nerror", "text/plain");
  } catch (const rr::RemoteError& error) {
    EXPECT_EQ(std::string(error.what()), "the remote server answered HTTP 500");
    EXPECT_EQ(error.detail(), "Response body: internal error");
  }
}

TEST(HttpStatus, KeepsTheWholeMessageOfAJsonErrorBody) {
  std::string message(300, 'm');
  try {
    rr::ThrowHttpStatusError(403, R"({"message":")" + message + R"(","documentation_url":"https://docs.example/limits"})",
                             "application/json", 2);
  } catch (const rr::RemoteError& error) {
    EXPECT_EQ(error.kind(), ErrorKind::kHttpStatus);
    EXPECT_EQ(std::string(error.what()), "the remote server answered HTTP 403 (after 2 retries): " + message);
    EXPECT_EQ(error.detail(), "See https://docs.example/limits");
  }
  try {
    rr::ThrowHttpStatusError(503, "busy", "text/plain", 1);
  } catch (const rr::RemoteError& error) {
    EXPECT_EQ(std::string(error.what()), "the remote server answered HTTP 503 (after 1 retry)");
  }
}

}  // namespace

namespace {
TEST(PageReader, NullItemsAreNoRows) {
  auto spec = Spec(rr::Pagination::kNone, {"id"});
  rr::PageReader reader;
  reader.Load(R"({"data":{"orders":[{"id": 1}, null, {"id": 3}, 4]}})", spec);
  EXPECT_FALSE(reader.IsNullItem(0));
  EXPECT_TRUE(reader.IsNullItem(1));
  EXPECT_FALSE(reader.IsNullItem(3));  // not null, not an object: ReadRow refuses it
  std::vector<Cell> cells;
  EXPECT_THROW(reader.ReadRow(3, {rr::CellFormat::kText}, &cells), rr::RemoteError);
  auto relay = Spec(rr::Pagination::kRelay, {"id"});
  reader.Load(R"({"data":{"orders":{"edges":[{"node":{"id":1}}, null, {"node":null}, {"cursor":"c"}],
                  "pageInfo":{"hasNextPage":false}}}})", relay);
  EXPECT_FALSE(reader.IsNullItem(0));
  EXPECT_TRUE(reader.IsNullItem(1));
  EXPECT_TRUE(reader.IsNullItem(2));
  EXPECT_FALSE(reader.IsNullItem(3));  // an edge without a node is malformed, not null
  EXPECT_THROW(reader.ReadRow(3, {rr::CellFormat::kText}, &cells), rr::RemoteError);
}
}  // namespace

namespace {
TEST(PageReader, HiddenKeysStayOutOfAnObjectReadWhole) {
  rr::ScanRequestSpec spec;
  spec.query_field = "users";
  spec.fields = {rr::ParseFieldSpec("address.geo.lat"), rr::ParseFieldSpec("address.geo { lng }"),
                 rr::ParseFieldSpec("address")};
  rr::ScanRequest request(spec);  // assigns the alias and the hidden key
  rr::PageReader reader;
  reader.Load(R"({"data":{"users":[{"address":{"geo":{"lat":1.5},"_rr1":{"lng":2}}}]}})", request.spec());
  std::vector<Cell> cells;
  reader.ReadRow(0, std::vector<rr::CellFormat>(3, rr::CellFormat::kJson), &cells);
  EXPECT_EQ(Text(cells[0]), "1.5");
  EXPECT_EQ(Text(cells[1]), R"({"lng":2})");
  EXPECT_EQ(Text(cells[2]), R"({"geo":{"lat":1.5}})");

  rr::ScanRequestSpec deep;
  deep.query_field = "orders";
  deep.fields = {rr::ParseFieldSpec("user"), rr::ParseFieldSpec("user.address.geo.lat"),
                 rr::ParseFieldSpec("user.address.geo { lng }")};
  rr::ScanRequest deep_request(deep);
  reader.Load(R"({"data":{"orders":[{"user":{"id":7,"address":{"geo":{"lat":1.5},"_rr2":{"lng":2}}}}]}})",
              deep_request.spec());
  reader.ReadRow(0, std::vector<rr::CellFormat>(3, rr::CellFormat::kJson), &cells);
  EXPECT_EQ(Text(cells[0]), R"({"id":7,"address":{"geo":{"lat":1.5}}})");
  EXPECT_EQ(Text(cells[2]), R"({"lng":2})");
}
}  // namespace

namespace {
TEST(PageReader, SingleObjectIsOneRow) {
  auto spec = ObjectSpec({"id", "user.name"});
  rr::PageReader reader;
  reader.Load(R"({"data":{"order":{"id":3,"user":{"name":"Ann"}}}})", spec);
  ASSERT_EQ(reader.row_count(), 1u);
  EXPECT_FALSE(reader.IsNullItem(0));
  EXPECT_FALSE(reader.has_next_page());
  std::vector<Cell> cells;
  reader.ReadRow(0, {rr::CellFormat::kText, rr::CellFormat::kText}, &cells);
  EXPECT_EQ(Text(cells[0]), "3");
  EXPECT_EQ(Text(cells[1]), "Ann");
  // Not found: null, no row; and the next page starts afresh.
  reader.Load(R"({"data":{"order":null}})", spec);
  EXPECT_EQ(reader.row_count(), 0u);
  reader.Clear();
  EXPECT_EQ(reader.row_count(), 0u);
}

TEST(PageReader, SingleObjectMustBeAnObject) {
  auto spec = ObjectSpec({"id"});
  std::string message;
  EXPECT_EQ(LoadError(R"({"data":{"order":[{"id":1}]}})", spec, &message), ErrorKind::kBadResponse);
  EXPECT_EQ(message, "field \"order\" is a list, expected an object");
  EXPECT_EQ(LoadError(R"({"data":{"order":"x"}})", spec, &message), ErrorKind::kBadResponse);
  EXPECT_EQ(message, "field \"order\" is a string, expected an object");
  EXPECT_EQ(LoadError(R"({"data":{"orders":{"id":1}}})", spec, &message), ErrorKind::kBadResponse);
  EXPECT_EQ(message, "the response has no field \"order\"");
}

TEST(PageReader, ConnectionWithoutPagingNeedsNoPageInfo) {
  auto spec = Spec(rr::Pagination::kNone, {"id"});
  spec.result = rr::ResultShape::kConnection;
  rr::PageReader reader;
  reader.Load(R"({"data":{"orders":{"edges":[{"node":{"id":1}},{"node":{"id":2}}]}}})", spec);
  EXPECT_EQ(reader.row_count(), 2u);
  EXPECT_FALSE(reader.has_next_page());
  std::vector<Cell> cells;
  reader.ReadRow(1, {rr::CellFormat::kText}, &cells);
  EXPECT_EQ(Text(cells[0]), "2");
  reader.Load(R"({"data":{"orders":{"nodes":[{"id":7},null]}}})", spec);
  EXPECT_EQ(reader.row_count(), 2u);
  EXPECT_TRUE(reader.IsNullItem(1));
  reader.ReadRow(0, {rr::CellFormat::kText}, &cells);
  EXPECT_EQ(Text(cells[0]), "7");
  // A pageInfo that is there anyway is not read.
  reader.Load(R"({"data":{"orders":{"edges":[],"pageInfo":{"hasNextPage":true}}}})", spec);
  EXPECT_FALSE(reader.has_next_page());
  std::string message;
  EXPECT_EQ(LoadError(R"({"data":{"orders":{"totalCount":3}}})", spec, &message), ErrorKind::kBadResponse);
  EXPECT_EQ(message, "connection \"orders\" has neither an \"edges\" nor a \"nodes\" list");
  EXPECT_EQ(LoadError(R"({"data":{"orders":[]}})", spec, &message), ErrorKind::kBadResponse);
  EXPECT_EQ(message, "field \"orders\" is a list, expected a Relay connection object");
}

TEST(PageReader, ConnectionPagedByOffsetEndsOnAnEmptyPage) {
  auto spec = Spec(rr::Pagination::kOffset, {"id"}, 2);
  spec.result = rr::ResultShape::kConnection;
  rr::PageReader reader;
  reader.Load(R"({"data":{"orders":{"nodes":[{"id":1}]}}})", spec);
  EXPECT_TRUE(reader.has_next_page());
  reader.Load(R"({"data":{"orders":{"nodes":[]}}})", spec);
  EXPECT_FALSE(reader.has_next_page());
}
}  // namespace

namespace {

std::shared_ptr<const rr::ParsedResponse> Partial(const std::string& errors, const std::string& data) {
  return rr::ParseResponse(R"({"errors":)" + errors + R"(,"data":)" + data + "}", true);
}

TEST(PartialErrors, NullValuesInsideRowsAreCounted) {
  auto spec = Spec(rr::Pagination::kNone, {"id", "address.city"});
  rr::PageReader reader;
  reader.Load(Partial(R"([{"message":"no","path":["orders",1,"address"],"type":"FORBIDDEN"}])",
                      R"({"orders":[{"id":1,"address":{"city":"x"}},{"id":2,"address":null}]})"),
              spec, "");
  EXPECT_EQ(reader.row_count(), 2u);
  EXPECT_EQ(reader.partial_errors(), 1u);
  EXPECT_EQ(reader.first_partial_error(), "remote GraphQL error: no (GraphQL path: orders[1].address; code: FORBIDDEN)");
}

TEST(PartialErrors, AnErrorThatTookARowFails) {
  auto spec = Spec(rr::Pagination::kNone, {"id"});
  rr::PageReader reader;
  // The row itself nulled (a non-null field's null went up to it), the list, the root.
  for (const char* path : {R"(["orders",1,"id"])", R"(["orders",1])", R"(["orders"])"}) {
    std::string errors = std::string(R"([{"message":"no","path":)") + path + "}]";
    EXPECT_THROW(reader.Load(Partial(errors, R"({"orders":[{"id":1},null]})"), spec, ""), rr::RemoteError) << path;
  }
  // In a connection: the node.
  auto relay = Spec(rr::Pagination::kRelay, {"id"});
  EXPECT_THROW(reader.Load(Partial(R"([{"message":"no","path":["orders","edges",0,"node","id"]}])",
                                   R"({"orders":{"edges":[{"node":null}],"pageInfo":{"hasNextPage":false}}})"),
                           relay, ""),
               rr::RemoteError);
}

// A query path: the rows below its parents; a null parent has none; an error that nulled the
// parent took every row, one inside a row is a NULL.
TEST(PageReader, ReadsRowsBelowAQueryPath) {
  auto spec = Spec(rr::Pagination::kRelay, {"number"});
  spec.query_field = "repository.issues";
  rr::PageReader reader;
  reader.Load(R"({"data":{"repository":{"issues":{"edges":[{"node":{"number":1}},{"node":{"number":2}}],)"
              R"("pageInfo":{"hasNextPage":true,"endCursor":"c2"}}}}})",
              spec);
  EXPECT_EQ(reader.row_count(), 2u);
  EXPECT_EQ(reader.end_cursor(), "c2");
  reader.Load(R"({"data":{"repository":null}})", spec);
  EXPECT_EQ(reader.row_count(), 0u);
  EXPECT_FALSE(reader.has_next_page());
  std::string message;
  EXPECT_EQ(LoadError(R"({"data":{"repository":[]}})", spec, &message), ErrorKind::kBadResponse);
  EXPECT_NE(message.find("field \"repository\" of query path \"repository.issues\" is a list"), std::string::npos) << message;
  EXPECT_EQ(LoadError(R"({"data":{"repository":{}}})", spec, &message), ErrorKind::kBadResponse);
  EXPECT_THROW(reader.Load(Partial(R"([{"message":"gone","path":["repository"]}])", R"({"repository":null})"), spec, ""),
               rr::RemoteError);
  EXPECT_THROW(reader.Load(Partial(R"([{"message":"gone","path":["repository","issues","edges",0,"node"]}])",
                                   R"({"repository":{"issues":{"edges":[{"node":null}],"pageInfo":{"hasNextPage":false}}}})"),
                           spec, ""),
               rr::RemoteError);
  reader.Load(Partial(R"([{"message":"no","path":["k0","issues","edges",0,"node","number"]}])",
                      R"({"k0":{"issues":{"edges":[{"node":{"number":null}}],"pageInfo":{"hasNextPage":false}}}})"),
              spec, "k0");
  EXPECT_EQ(reader.row_count(), 1u);
  EXPECT_EQ(reader.partial_errors(), 1u);
}

// An edge field reads the edge, beside the node; an error that nulled it is a NULL value,
// one that nulled the edge itself took the row.
TEST(PageReader, ReadsEdgeFields) {
  auto spec = Spec(rr::Pagination::kRelay, {"login", "starredAt"});
  spec.fields[1].on_edge = true;
  rr::PageReader reader;
  reader.Load(R"({"data":{"orders":{"edges":[{"starredAt":"2024-01-01","node":{"login":"a"}}],)"
              R"("pageInfo":{"hasNextPage":false}}}})",
              spec);
  std::vector<rr::Cell> cells;
  reader.ReadRow(0, {rr::CellFormat::kText, rr::CellFormat::kText}, &cells);
  EXPECT_EQ(std::string(cells[0].data, cells[0].length), "a");
  EXPECT_EQ(std::string(cells[1].data, cells[1].length), "2024-01-01");
  reader.Load(Partial(R"([{"message":"no","path":["orders","edges",0,"starredAt"]}])",
                      R"({"orders":{"edges":[{"starredAt":null,"node":{"login":"a"}}],"pageInfo":{"hasNextPage":false}}})"),
              spec, "");
  EXPECT_EQ(reader.partial_errors(), 1u);
  reader.ReadRow(0, {rr::CellFormat::kText, rr::CellFormat::kText}, &cells);
  EXPECT_EQ(cells[1].kind, rr::CellKind::kNull);
  EXPECT_THROW(reader.Load(Partial(R"([{"message":"no","path":["orders","edges",0,"starredAt"]}])",
                                   R"({"orders":{"edges":[null],"pageInfo":{"hasNextPage":false}}})"),
                           spec, ""),
               rr::RemoteError);
  // An edge without the field the document asked for is a bad answer, not a NULL.
  reader.Load(R"({"data":{"orders":{"edges":[{"node":{"login":"a"}}],"pageInfo":{"hasNextPage":false}}}})", spec);
  EXPECT_THROW(reader.ReadRow(0, {rr::CellFormat::kText, rr::CellFormat::kText}, &cells), rr::RemoteError);
}

// A JSON scalar as the rows: its object is one row, its list a row per object, and the
// columns' paths are read inside it (a missing key is NULL, not a bad answer).
TEST(PageReader, ReadsTheRowsOfAJsonScalar) {
  auto spec = Spec(rr::Pagination::kNone, {"currency", "limits.max", "nothing.here"});
  spec.result = rr::ResultShape::kJson;
  rr::PageReader reader;
  std::vector<rr::Cell> cells;
  std::vector<rr::CellFormat> text(3, rr::CellFormat::kText);
  reader.Load(R"({"data":{"orders":{"currency":"EUR","limits":{"max":10}}}})", spec);
  ASSERT_EQ(reader.row_count(), 1u);
  reader.ReadRow(0, text, &cells);
  EXPECT_EQ(std::string(cells[0].data, cells[0].length), "EUR");
  EXPECT_EQ(std::string(cells[1].data, cells[1].length), "10");
  EXPECT_EQ(cells[2].kind, rr::CellKind::kNull);
  reader.Load(R"({"data":{"orders":[{"currency":"a"},null,{"limits":3}]}})", spec);
  ASSERT_EQ(reader.row_count(), 3u);
  EXPECT_TRUE(reader.IsNullItem(1));
  reader.ReadRow(2, text, &cells);
  EXPECT_EQ(cells[1].kind, rr::CellKind::kNull);  // 3 has no key "max"
  reader.Load(R"({"data":{"orders":null}})", spec);
  EXPECT_EQ(reader.row_count(), 0u);
  EXPECT_EQ(LoadError(R"({"data":{"orders":"text"}})", spec), ErrorKind::kBadResponse);
  rr::ScanRequestSpec request_spec = spec;
  EXPECT_EQ(rr::ScanRequest(request_spec).document(), "query RemoteRelationshipScan { orders }");
  request_spec.pagination = rr::Pagination::kRelay;
  EXPECT_THROW(rr::ScanRequest request(request_spec), rr::RemoteError);
}

TEST(PartialErrors, ErrorsWithoutAPathOrDataFail) {
  EXPECT_THROW(Partial(R"([{"message":"no"}])", R"({"orders":[]})"), rr::RemoteError);
  EXPECT_THROW(Partial(R"([{"message":"no","path":["orders"]}])", "null"), rr::RemoteError);
  EXPECT_THROW(rr::ParseResponse(R"({"errors":[{"message":"no","path":["orders",0,"id"]}],"data":{"orders":[]}})"),
               rr::RemoteError);
}

}  // namespace
