#include <gtest/gtest.h>

#include "core/error.hpp"
#include "core/options.hpp"

namespace {

using rr::ErrorKind;
using rr::RemoteError;

std::string InvalidMessage(const std::function<void()>& call) {
  try {
    call();
  } catch (const RemoteError& error) {
    EXPECT_EQ(error.kind(), ErrorKind::kInvalidOption);
    return error.what();
  }
  ADD_FAILURE() << "no RemoteError thrown";
  return "";
}

TEST(GraphQLName, AcceptsNamesOnly) {
  EXPECT_TRUE(rr::IsGraphQLName("orders"));
  EXPECT_TRUE(rr::IsGraphQLName("_requests"));
  EXPECT_TRUE(rr::IsGraphQLName("user_id2"));
  EXPECT_FALSE(rr::IsGraphQLName(""));
  EXPECT_FALSE(rr::IsGraphQLName("2orders"));
  EXPECT_FALSE(rr::IsGraphQLName("orders-list"));
  EXPECT_FALSE(rr::IsGraphQLName("a.b"));
}

TEST(Url, AcceptsHttpAndHttps) {
  EXPECT_NO_THROW(rr::CheckHttpUrl("http://127.0.0.1:4000/graphql"));
  EXPECT_NO_THROW(rr::CheckHttpUrl("HTTPS://api.example.com/v1/graphql?x=1"));
  EXPECT_NO_THROW(rr::CheckHttpUrl("http://user:pw@host/g"));
}

TEST(Url, RejectsOtherSchemesAndHostlessUrls) {
  EXPECT_NE(InvalidMessage([] { rr::CheckHttpUrl("ftp://h/g"); }).find("http:// or https://"), std::string::npos);
  EXPECT_NE(InvalidMessage([] { rr::CheckHttpUrl("host/graphql"); }).find("not an http"), std::string::npos);
  EXPECT_NE(InvalidMessage([] { rr::CheckHttpUrl("http:///g"); }).find("no host"), std::string::npos);
  EXPECT_NE(InvalidMessage([] { rr::CheckHttpUrl("http://:80/g"); }).find("no host"), std::string::npos);
  EXPECT_NE(InvalidMessage([] { rr::CheckHttpUrl("http://h/a b"); }).find("white space"), std::string::npos);
}

TEST(Url, RedactionDropsCredentialsAndQuery) {
  EXPECT_EQ(rr::RedactUrl("http://user:secret@host:1/g?token=abc#f"), "http://host:1/g");
  EXPECT_EQ(rr::RedactUrl("http://user:pw@host/g"), "http://host/g");
  EXPECT_EQ(rr::RedactUrl("http://user:pw@[::1]:8080/g?x=1"), "http://[::1]:8080/g");
  EXPECT_EQ(rr::RedactUrl("http://us%40er:p%2Fs%23s@host/g"), "http://host/g");
  EXPECT_EQ(rr::RedactUrl("https://host/graphql"), "https://host/graphql");
  EXPECT_EQ(rr::RedactUrl("http://host?key=1"), "http://host");
  EXPECT_EQ(rr::RedactUrl("http://127.0.0.1:54410/graphql?fault=slow&ms=100"), "http://127.0.0.1:54410/graphql");
  EXPECT_EQ(rr::RedactUrl("http://[::1]:8080/g"), "http://[::1]:8080/g");
  EXPECT_EQ(rr::RedactUrl("http:///graphql"), "http:///graphql");
}

TEST(Url, RedactionNeverShowsAPasswordLibcurlCannotSeparate) {
  // Unencoded / ? # in a password end libcurl's host part early: what follows the ':' would
  // be read as a port, path, query or fragment.
  EXPECT_EQ(rr::RedactUrl("http://admin:p/ss@host/g"), "http://<redacted>");
  EXPECT_EQ(rr::RedactUrl("http://admin:pa#ss@host/g"), "http://<redacted>");
  EXPECT_EQ(rr::RedactUrl("http://u:p?x@host/g"), "http://<redacted>");
  // Parses, but as host "admin", port 80, path "/ss@host/g": the '@' is no user:password@.
  EXPECT_EQ(rr::RedactUrl("http://admin:80/ss@host/g"), "http://<redacted>");
  EXPECT_EQ(rr::RedactUrl("http://a@b@host/x"), "http://<redacted>");
  EXPECT_EQ(rr::RedactUrl("http://u:p@host/x?next=a@b"), "http://<redacted>");
  EXPECT_EQ(rr::RedactUrl("file://user:secret@host/x"), "file://<redacted>");
  EXPECT_EQ(rr::RedactUrl("user:secret@host/x"), "<redacted>");
  EXPECT_EQ(rr::RedactUrl("us:er@secret://host/x"), "<redacted>");
}

TEST(Url, RefusesWhatLibcurlCannotParseWithoutShowingThePassword) {
  for (const char* url : {"http://admin:s3/cr3t@host/g", "http://admin:s3#cr3t@host/g", "http://admin:s3?cr3t@host/g"}) {
    std::string message = InvalidMessage([url] { rr::CheckHttpUrl(url); });
    EXPECT_NE(message.find("\"http://<redacted>\" is not a valid URL"), std::string::npos) << message;
    EXPECT_NE(message.find("percent-encode"), std::string::npos) << message;
    EXPECT_EQ(message.find("admin"), std::string::npos) << message;
    EXPECT_EQ(message.find("s3"), std::string::npos) << message;
    EXPECT_EQ(message.find("cr3t"), std::string::npos) << message;
  }
  EXPECT_NE(InvalidMessage([] { rr::CheckHttpUrl("http://a@b@host/x"); }).find("not a valid URL"), std::string::npos);
  EXPECT_EQ(InvalidMessage([] { rr::CheckHttpUrl("http://host:99999/g"); }),
            "\"http://host:99999/g\" is not a valid URL (Port number was not a decimal number between 0 and 65535)");
  EXPECT_NO_THROW(rr::CheckHttpUrl("http://[::1]:8080/g"));
  EXPECT_NO_THROW(rr::CheckHttpUrl("http://us%40er:p%2Fs%23s@host/g"));
}

TEST(Url, RefusesAnAtSignThatDoesNotEndTheUserinfo) {
  // libcurl parses these, but the part before '@' is no user:password: the request would go to
  // host "admin" with the password in its request line.
  for (const char* url : {"http://admin:/s3cr3t@127.0.0.1/g", "http://admin:8080/s3cr3t@127.0.0.1/g",
                          "http://127.0.0.1/s3cr3t@api.example.com/g", "http://h/g?who=s3cr3t@example.com"}) {
    std::string message = InvalidMessage([url] { rr::CheckHttpUrl(url); });
    EXPECT_NE(message.find("does not end a user name or password"), std::string::npos) << url << ": " << message;
    EXPECT_EQ(message.find("s3cr3t"), std::string::npos) << message;
  }
  EXPECT_NO_THROW(rr::CheckHttpUrl("http://h/g?who=me%40example.com"));
  EXPECT_NO_THROW(rr::CheckHttpUrl("http://user@h/g"));
}

TEST(Headers, ParsesObjectOfStrings) {
  auto headers = rr::ParseHeadersJson(R"({"Authorization": "Bearer x", "X-Role": "admin"})");
  ASSERT_EQ(headers.size(), 2u);
  EXPECT_EQ(headers[0].first, "Authorization");
  EXPECT_EQ(headers[0].second, "Bearer x");
  EXPECT_EQ(headers[1].first, "X-Role");
  EXPECT_TRUE(rr::ParseHeadersJson("{}").empty());
}

TEST(Headers, RejectsBadInput) {
  EXPECT_NE(InvalidMessage([] { rr::ParseHeadersJson("{"); }).find("invalid JSON"), std::string::npos);
  EXPECT_NE(InvalidMessage([] { rr::ParseHeadersJson("[]"); }).find("JSON object"), std::string::npos);
  EXPECT_NE(InvalidMessage([] { rr::ParseHeadersJson(R"({"X": 1})"); }).find("must be a JSON string"), std::string::npos);
  EXPECT_NE(InvalidMessage([] { rr::ParseHeadersJson(R"({"X": null})"); }).find("must be a JSON string"), std::string::npos);
  EXPECT_NE(InvalidMessage([] { rr::ParseHeadersJson(R"({"A B": "v"})"); }).find("not a valid HTTP header name"), std::string::npos);
  EXPECT_NE(InvalidMessage([] { rr::ParseHeadersJson(R"({"": "v"})"); }).find("empty header name"), std::string::npos);
  EXPECT_NE(InvalidMessage([] { rr::ParseHeadersJson(R"({"X": "a\r\nInjected: 1"})"); }).find("line break"), std::string::npos);
}

TEST(Headers, MessagesNeverQuoteAnInvalidNameOrAValue) {
  // A header typed curl-style, secret and all, must not reach the message (and the log).
  const char* inputs[] = {
      R"({"Authorization: Bearer s3cr3t": ""})",
      R"({"X-App": "a", "Authorization: Bearer s3cr3t": "v"})",
      R"({"Bearer s3cr3t": "1", "bearer s3cr3t": "2"})",
      R"({"s3cr3tä": "v"})",
      R"({"Authorization": "Bearer s3cr3t
"})",
      R"({"Authorization": ["Bearer s3cr3t"]})",
      R"({"Authorization": {"s3cr3t": 1}})",
      R"({"Authorization": "Bearer s3cr3t")",
  };
  for (const char* input : inputs) {
    std::string message = InvalidMessage([input] { rr::ParseHeadersJson(input); });
    EXPECT_FALSE(message.empty()) << input;
    EXPECT_EQ(message.find("s3cr3t"), std::string::npos) << message;
  }
  EXPECT_EQ(InvalidMessage([] { rr::ParseHeadersJson(R"({"X-App": "a", "Authorization: Bearer s3cr3t": ""})"); }),
            "header name 2 is not a valid HTTP header name (a token such as X-Api-Key; write {\"Name\": \"value\"})");
  // A valid name may be quoted.
  EXPECT_EQ(InvalidMessage([] { rr::ParseHeadersJson(R"({"X-A": "1", "x-a": "2"})"); }), "header \"x-a\" is given twice");
  EXPECT_EQ(InvalidMessage([] { rr::ParseHeadersJson(R"({"X-A": 1})"); }), "the value of header \"X-A\" must be a JSON string");
}

TEST(Headers, MergeReplacesByNameIgnoringCase) {
  rr::HeaderList merged = rr::MergeHeaders({{"X-Role", "viewer"}, {"X-App", "a"}}, {{"x-role", "admin"}, {"Authorization", "t"}});
  ASSERT_EQ(merged.size(), 3u);
  EXPECT_EQ(merged[0], (std::pair<std::string, std::string>{"X-App", "a"}));
  EXPECT_EQ(merged[1], (std::pair<std::string, std::string>{"x-role", "admin"}));
  EXPECT_EQ(merged[2], (std::pair<std::string, std::string>{"Authorization", "t"}));
}

TEST(Headers, HasHeaderIgnoresCase) {
  rr::HeaderList headers = {{"content-TYPE", "text/plain"}};
  EXPECT_TRUE(rr::HasHeader(headers, "Content-Type"));
  EXPECT_FALSE(rr::HasHeader(headers, "Accept"));
}

TEST(Arguments, ParsedOnceIntoJsonAndLiterals) {
  auto arguments = rr::ParseArgumentsJson(R"({"status": "PAID", "where": {"id": {"_in": [1, 2]}}})");
  ASSERT_EQ(arguments.size(), 2u);
  EXPECT_EQ(arguments[0].name, "status");
  EXPECT_EQ(arguments[0].json, R"("PAID")");
  EXPECT_EQ(arguments[1].json, R"({"id":{"_in":[1,2]}})");
  EXPECT_EQ(arguments[1].literal, "{id: {_in: [1, 2]}}");
  EXPECT_NE(InvalidMessage([] { rr::ParseArgumentsJson(R"({"a": 1, "a": 2})"); }).find("given twice"), std::string::npos);
}

TEST(PositiveInteger, ParsesWithinRange) {
  EXPECT_EQ(rr::ParsePositiveInteger("1", 10), 1);
  EXPECT_EQ(rr::ParsePositiveInteger("10", 10), 10);
  EXPECT_NE(InvalidMessage([] { rr::ParsePositiveInteger("0", 10); }).find("out of range"), std::string::npos);
  EXPECT_NE(InvalidMessage([] { rr::ParsePositiveInteger("11", 10); }).find("out of range"), std::string::npos);
  EXPECT_NE(InvalidMessage([] { rr::ParsePositiveInteger("-1", 10); }).find("out of range"), std::string::npos);
  EXPECT_NE(InvalidMessage([] { rr::ParsePositiveInteger("1e3", 10000); }).find("not an integer"), std::string::npos);
  EXPECT_NE(InvalidMessage([] { rr::ParsePositiveInteger(" 5", 10); }).find("not an integer"), std::string::npos);
  EXPECT_NE(InvalidMessage([] { rr::ParsePositiveInteger("", 10); }).find("not an integer"), std::string::npos);
  EXPECT_NE(InvalidMessage([] { rr::ParsePositiveInteger("99999999999999999999", 10); }).find("out of range"),
            std::string::npos);
}

TEST(Pagination, ParsesTheThreeModes) {
  EXPECT_EQ(rr::ParsePagination("none"), rr::Pagination::kNone);
  EXPECT_EQ(rr::ParsePagination("relay"), rr::Pagination::kRelay);
  EXPECT_EQ(rr::ParsePagination("offset"), rr::Pagination::kOffset);
  EXPECT_NE(InvalidMessage([] { rr::ParsePagination("Relay"); }).find("none, relay, offset"), std::string::npos);
}

TEST(Arguments, RendersGraphQLArgumentText) {
  EXPECT_EQ(rr::ArgumentsJsonToGraphQL("{}"), "");
  EXPECT_EQ(rr::ArgumentsJsonToGraphQL(R"({"a": 1, "b": "x\"y", "c": [1.50, -2e3, null, true]})"),
            R"(a: 1, b: "x\"y", c: [1.50, -2e3, null, true])");
  EXPECT_EQ(rr::ArgumentsJsonToGraphQL(R"({"where": {"id": {"_in": [1, 2]}}})"), "where: {id: {_in: [1, 2]}}");
  // Numbers keep every digit.
  EXPECT_EQ(rr::ArgumentsJsonToGraphQL(R"({"n": 12345678901234567890.123456789})"), "n: 12345678901234567890.123456789");
  EXPECT_NE(InvalidMessage([] { rr::ArgumentsJsonToGraphQL("[1]"); }).find("JSON object"), std::string::npos);
  EXPECT_NE(InvalidMessage([] { rr::ArgumentsJsonToGraphQL(R"({"a-b": 1})"); }).find("not a GraphQL name"), std::string::npos);
  EXPECT_NE(InvalidMessage([] { rr::ArgumentsJsonToGraphQL(R"({"a": {"b c": 1}})"); }).find("not a GraphQL name"),
            std::string::npos);
  EXPECT_NE(InvalidMessage([] { rr::ArgumentsJsonToGraphQL("{\"a\": }"); }).find("invalid JSON"), std::string::npos);
}

TEST(FieldSpec, ParsesPathsAndSelections) {
  auto plain = rr::ParseFieldSpec("id");
  ASSERT_EQ(plain.path.size(), 1u);
  EXPECT_EQ(plain.path[0], "id");
  EXPECT_TRUE(plain.selection.empty());

  auto nested = rr::ParseFieldSpec("address.geo.lat");
  EXPECT_EQ(nested.path, (std::vector<std::string>{"address", "geo", "lat"}));

  auto selected = rr::ParseFieldSpec("user.address {city,  geo{lat lng}}");
  EXPECT_EQ(selected.path, (std::vector<std::string>{"user", "address"}));
  EXPECT_EQ(selected.selection, "{ city geo { lat lng } }");
}

TEST(FieldSpec, RejectsMalformedText) {
  for (const char* bad : {"", "a..b", ".a", "a.", "1a", "a b", "a {", "a { }", "a { b } c", "a { b: c }",
                          "a { { b } }", "a }", "a { b } }"}) {
    SCOPED_TRACE(bad);
    InvalidMessage([bad] { rr::ParseFieldSpec(bad); });
  }
}

// Constant arguments at any step and inside selections, in normal form; each step with
// arguments reads under a key made from them.
TEST(FieldSpec, ArgumentsAtStepsAndInSelections) {
  auto counted = rr::ParseFieldSpec("issues (states:[OPEN,CLOSED],first:1).totalCount");
  EXPECT_EQ(counted.path, (std::vector<std::string>{"issues", "totalCount"}));
  EXPECT_EQ(rr::StepArgumentsOf(counted, 0), "(states: [OPEN, CLOSED], first: 1)");
  EXPECT_EQ(rr::StepArgumentsOf(counted, 1), "");
  EXPECT_TRUE(rr::HasStepArguments(counted));
  EXPECT_EQ(rr::ResponseKeyOf(counted, 1), "totalCount");
  EXPECT_EQ(rr::ResponseKeyOf(counted, 0).rfind("issues_rr", 0), 0u);
  EXPECT_NE(rr::ResponseKeyOf(counted, 0), rr::ResponseKeyOf(rr::ParseFieldSpec("issues(states: [OPEN]).totalCount"), 0));
  EXPECT_EQ(rr::ResponseKeyOf(counted, 0), rr::ResponseKeyOf(rr::ParseFieldSpec("issues(states: [OPEN CLOSED] first: 1).x"), 0));
  auto selected = rr::ParseFieldSpec(R"(vulnerabilities(first: 5) { nodes { package(x: {a: -1.5e3, b: null, c: "s\n"}) { name } } })");
  EXPECT_EQ(rr::StepArgumentsOf(selected, 0), "(first: 5)");
  EXPECT_EQ(selected.selection, "{ nodes { package(x: {a: -1.5e3, b: null, c: \"s\\n\"}) { name } } }");
  EXPECT_FALSE(rr::HasStepArguments(rr::ParseFieldSpec("a.b { c }")));
  for (const char* bad : {"a(", "a()", "a(x)", "a(x:)", "a(x: $v)", "a(x: 01)", "a(x: 1.)", "a(x: 1e)", "a(x: \"\\q\")",
                          "a(x: \"open)", "a(x: \"\"\"b\"\"\")", "a(x: [1)", "a(x: {b 1})", "a(x: 1)(y: 2)", "a(x: 1) b",
                          "a { b(x: ) }", "a(x: 1e5x)"}) {
    SCOPED_TRACE(bad);
    InvalidMessage([bad] { rr::ParseFieldSpec(bad); });
  }
}

TEST(FieldSpec, InlineFragmentsForUnionsAndInterfaces) {
  auto author = rr::ParseFieldSpec("author { __typename ... on Member { id login } ... on Bot { id } }");
  EXPECT_EQ(author.path, std::vector<std::string>{"author"});
  EXPECT_EQ(author.selection, "{ __typename ... on Member { id login } ... on Bot { id } }");
  // Spacing and commas are normalised; "...on" needs no space; fragments may come first and nest.
  EXPECT_EQ(rr::ParseFieldSpec("a{...on  X{b,c}   d}").selection, "{ ... on X { b c } d }");
  EXPECT_EQ(rr::ParseFieldSpec("a.b { ... on X { c { ... on Y { d } } } }").selection,
            "{ ... on X { c { ... on Y { d } } } }");
  EXPECT_EQ(rr::ParseFieldSpec("a.b { ... on X { c { ... on Y { d } } } }").path, (std::vector<std::string>{"a", "b"}));
}

TEST(FieldSpec, RejectsMalformedFragments) {
  struct Case {
    const char* text;
    const char* message;
  };
  for (const Case& c : {Case{"a { ... on }", "must read \"... on Type { fields }\""},
                        Case{"a { ... Member { id } }", "must read \"... on Type { fields }\""},
                        Case{"a { ... onMember { id } }", "must read \"... on Type { fields }\""},
                        Case{"a { ... }", "must read \"... on Type { fields }\""},
                        Case{"a { ... on 1X { id } }", "must read \"... on Type { fields }\""},
                        Case{"a { ... on X id }", "must be followed by \"{\""},
                        Case{"a { ... on X ... on Y { id } }", "must be followed by \"{\""},
                        Case{"a { ... on X }", "unbalanced or empty selection"},
                        Case{"a { ... on X { } }", "unbalanced or empty selection"},
                        Case{"a { ... on X { id }", "unbalanced braces"},
                        Case{"a { ... on X", "unbalanced braces"},
                        Case{"a { .. on X { id } }", "unexpected character '.'"},
                        Case{"a { x: y }", "unexpected character ':'"},
                        Case{"a ... on X { id }", "not a field name"}}) {
    SCOPED_TRACE(c.text);
    std::string message = InvalidMessage([&c] { rr::ParseFieldSpec(c.text); });
    EXPECT_NE(message.find(c.message), std::string::npos) << message;
  }
}

TEST(Abbreviate, CutsLongTextOnCharacterBoundaries) {
  EXPECT_EQ(rr::Abbreviate("short", 10), "short");
  EXPECT_EQ(rr::Abbreviate("0123456789abc", 10), "0123456789...");
  // "é" is two bytes; a cut inside it moves back to its start.
  EXPECT_EQ(rr::Abbreviate("aaaaaaaaa\xC3\xA9zz", 10), "aaaaaaaaa...");
}

}  // namespace
