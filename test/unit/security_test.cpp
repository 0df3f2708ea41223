// The pure parts of the security rules: which header names are credentials or the HTTP
// client's own, forward_headers, URLs with user names, hiding header values in errors.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "core/network.hpp"
#include "core/options.hpp"
#include "core/remote_scan.hpp"

namespace {

TEST(Security, CredentialHeaderNames) {
  for (const char* name : {"Authorization", "proxy-authorization", "Cookie", "X-Api-Key", "X-Auth", "Authentication",
                           "X-Hasura-Admin-Secret", "X-Access-Token", "Password", "X-Credential", "X-Session-Id",
                           "X-Signature"})
    EXPECT_TRUE(rr::IsCredentialHeader(name)) << name;
  for (const char* name : {"X-App", "Accept", "Content-Type", "X-Request-Id", "User-Agent"})
    EXPECT_FALSE(rr::IsCredentialHeader(name)) << name;
}

TEST(Security, ReservedHeadersAreRefused) {
  for (const char* name : {"Host", "content-length", "Transfer-Encoding", "Connection", "TE", "Trailer", "Upgrade",
                           "Keep-Alive", "Expect", "Proxy-Authorization", "proxy-connection"}) {
    EXPECT_TRUE(rr::IsReservedHeader(name)) << name;
    EXPECT_THROW(rr::ParseHeadersJson(std::string("{\"") + name + "\": \"x\"}"), rr::RemoteError) << name;
    EXPECT_THROW(rr::ParseForwardHeadersJson(std::string("{\"") + name + "\": \"current_user\"}"), rr::RemoteError) << name;
  }
  EXPECT_FALSE(rr::IsReservedHeader("X-Host"));
  EXPECT_NO_THROW(rr::ParseHeadersJson(R"({"X-Host": "x", "Accept": "application/json"})"));
}

TEST(Security, ForwardHeaders) {
  auto headers = rr::ParseForwardHeadersJson(
      R"({"X-Role": "current_user", "X-Session": "session_user", "X-User-Id": "setting:app.user_id"})");
  ASSERT_EQ(headers.size(), 3u);
  EXPECT_EQ(headers[0].source, rr::ForwardedHeader::Source::kCurrentUser);
  EXPECT_EQ(headers[1].source, rr::ForwardedHeader::Source::kSessionUser);
  EXPECT_EQ(headers[2].source, rr::ForwardedHeader::Source::kSetting);
  EXPECT_EQ(headers[2].setting, "app.user_id");
  // Only custom settings (with a dot): PostgreSQL's own may hold secrets.
  for (const char* bad : {R"({"X": "setting:primary_conninfo"})", R"({"X": "setting:.x"})", R"({"X": "setting:x."})",
                          R"({"X": "setting:"})", R"({"X": "setting:a b.c"})", R"({"X": "whoever"})",
                          R"({"X": "current_user", "x": "session_user"})", R"({"X Y": "current_user"})", R"({"X": 1})",
                          R"(["current_user"])", "not json"})
    EXPECT_THROW(rr::ParseForwardHeadersJson(bad), rr::RemoteError) << bad;
}

TEST(Security, UrlUserinfo) {
  EXPECT_TRUE(rr::UrlHasUserinfo("http://user:pw@host/graphql"));
  EXPECT_TRUE(rr::UrlHasUserinfo("https://user@host/graphql"));
  EXPECT_FALSE(rr::UrlHasUserinfo("http://host/graphql"));
  EXPECT_FALSE(rr::UrlHasUserinfo("http://host/graphql?who=me"));
}

TEST(Security, HeaderValuesAreHiddenInRemoteErrors) {
  rr::HeaderList headers = {{"Authorization", "Bearer abc123secret"}, {"X-App", "a"}};
  rr::RemoteError echoed(rr::ErrorKind::kGraphQL, "invalid credentials: Bearer abc123secret",
                         "the header was Bearer abc123secret, twice: Bearer abc123secret");
  rr::RemoteError hidden = rr::WithoutHeaderValues(echoed, headers);
  EXPECT_EQ(hidden.kind(), rr::ErrorKind::kGraphQL);
  EXPECT_STREQ(hidden.what(), "invalid credentials: <hidden>");
  EXPECT_EQ(hidden.detail(), "the header was <hidden>, twice: <hidden>");
  // Short values (a one-letter app name) would hide ordinary words: they stay.
  rr::RemoteError plain(rr::ErrorKind::kGraphQL, "a bad request", "");
  EXPECT_STREQ(rr::WithoutHeaderValues(plain, headers).what(), "a bad request");
}

TEST(Security, DenyAllAllowsNothing) {
  rr::AllowedHosts none = rr::AllowedHosts::DenyAll();
  EXPECT_FALSE(none.empty());  // empty would mean "no limit"
  EXPECT_TRUE(none.denies_all());
  EXPECT_FALSE(none.Allows("localhost", "127.0.0.1"));
  EXPECT_FALSE(none.Allows("api.example.com", "10.0.0.1"));
}

}  // namespace
