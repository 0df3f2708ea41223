// rr::AllowedHosts: the list of remote_relationship.allowed_hosts (host names, IP addresses,
// CIDR ranges) and the check of a connection (the URL's host, the address connected to).
#include <gtest/gtest.h>

#include <string>

#include "core/error.hpp"
#include "core/network.hpp"

namespace {

using rr::AllowedHosts;
using rr::ErrorKind;
using rr::RemoteError;

// The message of the RemoteError(kInvalidOption) that parsing list throws.
std::string ParseError(const std::string& list) {
  try {
    AllowedHosts::Parse(list);
  } catch (const RemoteError& error) {
    EXPECT_EQ(error.kind(), ErrorKind::kInvalidOption) << list;
    return error.what();
  } catch (const std::exception& error) {
    ADD_FAILURE() << "\"" << list << "\": not a RemoteError: " << error.what();
    return "";
  }
  ADD_FAILURE() << "\"" << list << "\" was accepted";
  return "";
}

TEST(AllowedHosts, EmptyListIsNoLimit) {
  EXPECT_TRUE(AllowedHosts::Parse("").empty());
  EXPECT_TRUE(AllowedHosts::Parse("   ").empty());
  EXPECT_TRUE(AllowedHosts::Parse(" \t ").empty());
  EXPECT_TRUE(AllowedHosts().empty());
  EXPECT_FALSE(AllowedHosts::Parse("api.example.com").empty());
  EXPECT_FALSE(AllowedHosts::Parse("10.0.0.0/8").empty());
  EXPECT_FALSE(AllowedHosts::Parse("::1").empty());
}

TEST(AllowedHosts, NamesMatchWithoutCaseAndTrailingDot) {
  AllowedHosts allowed = AllowedHosts::Parse("API.Example.COM.");
  // A listed name allows whatever address it resolves to.
  EXPECT_TRUE(allowed.Allows("api.example.com", "203.0.113.5"));
  EXPECT_TRUE(allowed.Allows("Api.Example.Com", "10.9.8.7"));
  EXPECT_TRUE(allowed.Allows("api.example.com.", "2001:db8::5"));
  EXPECT_TRUE(allowed.Allows("API.EXAMPLE.COM.", "203.0.113.5"));
  // No suffix or prefix matching: only the very name.
  EXPECT_FALSE(allowed.Allows("sub.api.example.com", "203.0.113.5"));
  EXPECT_FALSE(allowed.Allows("example.com", "203.0.113.5"));
  EXPECT_FALSE(allowed.Allows("api.example.com.evil.test", "203.0.113.5"));
  EXPECT_FALSE(allowed.Allows("xapi.example.com", "203.0.113.5"));
  EXPECT_FALSE(allowed.Allows("", "203.0.113.5"));
}

TEST(AllowedHosts, EntriesAreTrimmed) {
  AllowedHosts allowed = AllowedHosts::Parse("  api.example.com ,\t10.0.0.0/8 , localhost");
  EXPECT_TRUE(allowed.Allows("api.example.com", "203.0.113.5"));
  EXPECT_TRUE(allowed.Allows("localhost", "127.0.0.1"));
  EXPECT_TRUE(allowed.Allows("internal.test", "10.1.2.3"));
  EXPECT_FALSE(allowed.Allows("internal.test", "192.0.2.1"));
}

TEST(AllowedHosts, UnlistedNameWithAnAllowedLookingAddressIsRefused) {
  AllowedHosts allowed = AllowedHosts::Parse("api.example.com, 127.0.0.1");
  // The address is what counts for an unlisted name, not how the name looks.
  EXPECT_FALSE(allowed.Allows("evil.example.com", "203.0.113.7"));
  EXPECT_FALSE(allowed.Allows("127.0.0.1.evil.test", "203.0.113.7"));
  EXPECT_FALSE(allowed.Allows("api.example.com.evil.test", "203.0.113.7"));
  EXPECT_FALSE(allowed.Allows("127.0.0.1", "203.0.113.7"));  // a host written as a listed address
  // The address is read as an address only: a listed name in its place allows nothing.
  EXPECT_FALSE(allowed.Allows("evil.example.com", "api.example.com"));
  EXPECT_FALSE(allowed.Allows("evil.example.com", ""));
  EXPECT_FALSE(allowed.Allows("evil.example.com", "not an address"));
  // The same unlisted name resolving to a listed address is allowed.
  EXPECT_TRUE(allowed.Allows("evil.example.com", "127.0.0.1"));
}

TEST(AllowedHosts, SingleIPv4Address) {
  AllowedHosts allowed = AllowedHosts::Parse("192.0.2.10");
  EXPECT_TRUE(allowed.Allows("192.0.2.10", "192.0.2.10"));
  EXPECT_TRUE(allowed.Allows("any.example", "192.0.2.10"));
  EXPECT_FALSE(allowed.Allows("192.0.2.10", "192.0.2.11"));
  EXPECT_FALSE(allowed.Allows("any.example", "192.0.2.1"));
  EXPECT_FALSE(allowed.Allows("any.example", "10.192.0.2"));
  // An IPv4 entry does not match IPv6 addresses other than the mapped form.
  EXPECT_FALSE(allowed.Allows("any.example", "::192.0.2.10"));
  EXPECT_FALSE(allowed.Allows("any.example", "2001:db8::c000:20a"));
}

TEST(AllowedHosts, SingleIPv6Address) {
  AllowedHosts allowed = AllowedHosts::Parse("2001:DB8::1");
  EXPECT_TRUE(allowed.Allows("any.example", "2001:db8::1"));
  EXPECT_TRUE(allowed.Allows("any.example", "2001:0db8:0000:0000:0000:0000:0000:0001"));  // same address
  EXPECT_TRUE(allowed.Allows("any.example", "2001:DB8:0:0:0:0:0:1"));
  EXPECT_FALSE(allowed.Allows("any.example", "2001:db8::2"));
  EXPECT_FALSE(allowed.Allows("any.example", "::1"));
  EXPECT_FALSE(allowed.Allows("any.example", "1.0.0.0"));

  AllowedHosts loopback = AllowedHosts::Parse("::1");
  EXPECT_TRUE(loopback.Allows("localhost", "::1"));
  EXPECT_FALSE(loopback.Allows("localhost", "127.0.0.1"));
  EXPECT_FALSE(loopback.Allows("localhost", "::2"));
}

TEST(AllowedHosts, BracketedIPv6) {
  // A list entry may be written as in a URL.
  AllowedHosts bracketed = AllowedHosts::Parse("[2001:db8::1]");
  EXPECT_FALSE(bracketed.empty());
  EXPECT_TRUE(bracketed.Allows("[2001:db8::1]", "2001:db8::1"));
  EXPECT_TRUE(bracketed.Allows("any.example", "2001:db8::1"));
  EXPECT_FALSE(bracketed.Allows("[2001:db8::1]", "2001:db8::2"));
  AllowedHosts range = AllowedHosts::Parse("[2001:db8::]/32");
  EXPECT_TRUE(range.Allows("[2001:db8:1::5]", "2001:db8:1::5"));
  EXPECT_FALSE(range.Allows("[2001:db9::5]", "2001:db9::5"));

  // A URL's bracketed host is checked through the address connected to.
  AllowedHosts listed = AllowedHosts::Parse("2001:db8::1");
  EXPECT_TRUE(listed.Allows("[2001:db8::1]", "2001:db8::1"));
  EXPECT_TRUE(listed.Allows("[2001:DB8::1]", "2001:db8::1"));
  // The host text alone allows nothing: the connection went elsewhere.
  EXPECT_FALSE(listed.Allows("[2001:db8::1]", "2001:db8::9"));
  EXPECT_FALSE(listed.Allows("[2001:db8::1]", ""));
}

TEST(AllowedHosts, CidrZeroAllowsTheWholeFamily) {
  AllowedHosts v4 = AllowedHosts::Parse("0.0.0.0/0");
  EXPECT_TRUE(v4.Allows("a.example", "0.0.0.0"));
  EXPECT_TRUE(v4.Allows("a.example", "203.0.113.5"));
  EXPECT_TRUE(v4.Allows("a.example", "255.255.255.255"));
  EXPECT_TRUE(v4.Allows("a.example", "::ffff:203.0.113.5"));
  EXPECT_FALSE(v4.Allows("a.example", "2001:db8::1"));
  EXPECT_FALSE(v4.Allows("a.example", "::1"));

  AllowedHosts v6 = AllowedHosts::Parse("::/0");
  EXPECT_TRUE(v6.Allows("a.example", "::"));
  EXPECT_TRUE(v6.Allows("a.example", "::1"));
  EXPECT_TRUE(v6.Allows("a.example", "2001:db8::1"));
  EXPECT_TRUE(v6.Allows("a.example", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"));
  EXPECT_FALSE(v6.Allows("a.example", "203.0.113.5"));

  // A /0 range need not name the zero address.
  EXPECT_TRUE(AllowedHosts::Parse("10.1.2.3/0").Allows("a.example", "198.51.100.1"));
}

TEST(AllowedHosts, Cidr8) {
  AllowedHosts allowed = AllowedHosts::Parse("10.0.0.0/8");
  EXPECT_TRUE(allowed.Allows("a.example", "10.0.0.0"));
  EXPECT_TRUE(allowed.Allows("a.example", "10.1.2.3"));
  EXPECT_TRUE(allowed.Allows("a.example", "10.255.255.255"));
  EXPECT_FALSE(allowed.Allows("a.example", "9.255.255.255"));
  EXPECT_FALSE(allowed.Allows("a.example", "11.0.0.0"));
  EXPECT_FALSE(allowed.Allows("a.example", "127.0.0.1"));
  EXPECT_FALSE(allowed.Allows("localhost", "127.0.0.1"));
  // Host bits set in the listed network are ignored.
  EXPECT_TRUE(AllowedHosts::Parse("10.1.2.3/8").Allows("a.example", "10.200.0.1"));
}

TEST(AllowedHosts, Cidr32And128AreSingleAddresses) {
  AllowedHosts v4 = AllowedHosts::Parse("127.0.0.1/32");
  EXPECT_TRUE(v4.Allows("localhost", "127.0.0.1"));
  EXPECT_FALSE(v4.Allows("localhost", "127.0.0.2"));
  EXPECT_FALSE(v4.Allows("localhost", "127.0.0.0"));
  EXPECT_FALSE(v4.Allows("localhost", "::1"));

  AllowedHosts v6 = AllowedHosts::Parse("2001:db8::1/128");
  EXPECT_TRUE(v6.Allows("a.example", "2001:db8::1"));
  EXPECT_FALSE(v6.Allows("a.example", "2001:db8::"));
  EXPECT_FALSE(v6.Allows("a.example", "2001:db8::3"));
}

TEST(AllowedHosts, PrefixesNotOnAByteBoundary) {
  AllowedHosts v4 = AllowedHosts::Parse("192.0.2.128/25");
  EXPECT_TRUE(v4.Allows("a.example", "192.0.2.128"));
  EXPECT_TRUE(v4.Allows("a.example", "192.0.2.255"));
  EXPECT_FALSE(v4.Allows("a.example", "192.0.2.127"));
  EXPECT_FALSE(v4.Allows("a.example", "192.0.3.128"));

  AllowedHosts private12 = AllowedHosts::Parse("172.16.0.0/12");
  EXPECT_TRUE(private12.Allows("a.example", "172.31.255.255"));
  EXPECT_FALSE(private12.Allows("a.example", "172.32.0.0"));
  EXPECT_FALSE(private12.Allows("a.example", "172.15.255.255"));

  AllowedHosts v6 = AllowedHosts::Parse("fd00::/7");
  EXPECT_TRUE(v6.Allows("a.example", "fc00::1"));
  EXPECT_TRUE(v6.Allows("a.example", "fdff::1"));
  EXPECT_FALSE(v6.Allows("a.example", "fe00::1"));

  AllowedHosts doc = AllowedHosts::Parse("2001:db8::/32");
  EXPECT_TRUE(doc.Allows("a.example", "2001:db8:ffff::1"));
  EXPECT_FALSE(doc.Allows("a.example", "2001:db9::1"));
}

TEST(AllowedHosts, IPv4MappedIPv6IsCheckedAsIPv4) {
  AllowedHosts allowed = AllowedHosts::Parse("10.0.0.0/8");
  EXPECT_TRUE(allowed.Allows("a.example", "::ffff:10.1.2.3"));
  EXPECT_TRUE(allowed.Allows("a.example", "::FFFF:10.1.2.3"));
  EXPECT_TRUE(allowed.Allows("a.example", "::ffff:a01:203"));  // the same, in hex
  EXPECT_FALSE(allowed.Allows("a.example", "::ffff:11.1.2.3"));
  EXPECT_FALSE(allowed.Allows("a.example", "::ffff:127.0.0.1"));
  // Only the ::ffff:0:0/96 form is IPv4; the deprecated compatible form ::a.b.c.d is not.
  EXPECT_FALSE(allowed.Allows("a.example", "::10.1.2.3"));

  AllowedHosts single = AllowedHosts::Parse("127.0.0.1");
  EXPECT_TRUE(single.Allows("localhost", "::ffff:127.0.0.1"));
  EXPECT_FALSE(single.Allows("localhost", "::ffff:127.0.0.2"));
}

TEST(AllowedHosts, SeveralEntries) {
  AllowedHosts allowed = AllowedHosts::Parse("api.example.com,10.0.0.0/8,::1,192.0.2.7");
  EXPECT_TRUE(allowed.Allows("api.example.com", "198.51.100.1"));
  EXPECT_TRUE(allowed.Allows("x.test", "10.3.3.3"));
  EXPECT_TRUE(allowed.Allows("x.test", "::1"));
  EXPECT_TRUE(allowed.Allows("x.test", "192.0.2.7"));
  EXPECT_FALSE(allowed.Allows("x.test", "192.0.2.8"));
  EXPECT_FALSE(allowed.Allows("x.test", "::2"));
  EXPECT_FALSE(allowed.Allows("x.test", "198.51.100.1"));
}

TEST(AllowedHosts, EmptyEntryIsAnError) {
  for (const char* list : {"a,,b", "a.example,", ",a.example", "a.example, ,b.example", ","}) {
    std::string message = ParseError(list);
    EXPECT_NE(message.find("empty"), std::string::npos) << list << ": " << message;
  }
}

TEST(AllowedHosts, BadEntriesAreErrorsNamingTheEntry) {
  struct Case {
    const char* list;
    const char* entry;   // quoted in the message
    const char* reason;  // also in the message
  };
  const Case cases[] = {
      {"10.0.0.0/33", "\"10.0.0.0/33\"", "longer than 32 bits"},
      {"::/129", "\"::/129\"", "longer than 128 bits"},
      {"2001:db8::/200", "\"2001:db8::/200\"", "longer than 128 bits"},
      {"bad host!", "\"bad host!\"", "is not a host name, an IP address or a CIDR range"},
      {"10.0.0.0/x", "\"10.0.0.0/x\"", "no valid prefix length"},
      {"10.0.0.0/", "\"10.0.0.0/\"", "no valid prefix length"},
      {"10.0.0.0/-1", "\"10.0.0.0/-1\"", "no valid prefix length"},
      {"10.0.0.0/0008", "\"10.0.0.0/0008\"", "no valid prefix length"},
      {"/8", "\"/8\"", "is not a host name, an IP address or a CIDR range"},
      {"api.example.com/8", "\"api.example.com/8\"", "is not a host name, an IP address or a CIDR range"},
      {"http://api.example.com", "\"http://api.example.com\"", ""},
      {"api..example.com", "\"api..example.com\"", "is not a host name"},
      {"api.example.com:443", "\"api.example.com:443\"", "is not a host name"},
      {"*.example.com", "\"*.example.com\"", "is not a host name"},
      {"10.0.0.0/8, bad host!, api.example.com", "\"bad host!\"", "is not a host name"},
      {"api.example.com, ::/129", "\"::/129\"", "longer than 128 bits"},
  };
  for (const Case& c : cases) {
    std::string message = ParseError(c.list);
    EXPECT_NE(message.find(c.entry), std::string::npos) << c.list << ": " << message;
    EXPECT_NE(message.find(c.reason), std::string::npos) << c.list << ": " << message;
  }
}

TEST(AllowedHosts, LongBadEntryIsShortenedInTheMessage) {
  std::string entry(300, 'x');
  entry += "!";
  std::string message = ParseError(entry);
  EXPECT_NE(message.find("\"xxxx"), std::string::npos) << message;
  EXPECT_LT(message.size(), 200u) << message;
}

}  // namespace

namespace {
TEST(AllowedHosts, IPv4MappedEntriesAreTheirIPv4Ranges) {
  // Connections are checked as IPv4 when the address is IPv4-mapped: so is such an entry.
  rr::AllowedHosts mapped = rr::AllowedHosts::Parse("::ffff:10.0.0.0/104, ::ffff:192.0.2.7");
  EXPECT_TRUE(mapped.Allows("h", "10.1.2.3"));
  EXPECT_TRUE(mapped.Allows("h", "::ffff:10.200.0.1"));
  EXPECT_TRUE(mapped.Allows("h", "192.0.2.7"));
  EXPECT_FALSE(mapped.Allows("h", "192.0.2.8"));
  EXPECT_FALSE(mapped.Allows("h", "11.0.0.1"));
}
}  // namespace
