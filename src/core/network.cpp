#include "network.hpp"

#include <arpa/inet.h>
#include <sys/socket.h>

#include <cstring>

#include "error.hpp"

namespace rr {

namespace {

std::string Trim(const std::string& text) {
  size_t start = text.find_first_not_of(" \t\r\n");
  if (start == std::string::npos) return "";
  size_t end = text.find_last_not_of(" \t\r\n");
  return text.substr(start, end - start + 1);
}

std::string LowerHost(std::string host) {
  for (auto& c : host)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  if (!host.empty() && host.back() == '.') host.pop_back();
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  return host;
}

// A DNS name: labels of letters, digits and hyphens (and underscores, which some use).
bool IsHostName(const std::string& name) {
  if (name.empty() || name.size() > 253) return false;
  size_t label = 0;
  for (char c : name) {
    if (c == '.') {
      if (label == 0) return false;
      label = 0;
      continue;
    }
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (!ok || ++label > 63) return false;
  }
  return label > 0;
}

// Parses an IPv4 or IPv6 address into bytes; returns the family, or 0.
int ParseAddress(const std::string& text, unsigned char* bytes) {
  std::memset(bytes, 0, 16);
  if (inet_pton(AF_INET, text.c_str(), bytes) == 1) return AF_INET;
  if (inet_pton(AF_INET6, text.c_str(), bytes) == 1) return AF_INET6;
  return 0;
}

bool InRange(const unsigned char* address, const unsigned char* network, int prefix_bits) {
  int full = prefix_bits / 8, rest = prefix_bits % 8;
  if (std::memcmp(address, network, static_cast<size_t>(full)) != 0) return false;
  if (rest == 0) return true;
  unsigned char mask = static_cast<unsigned char>(0xFF << (8 - rest));
  return (address[full] & mask) == (network[full] & mask);
}

}  // namespace

AllowedHosts AllowedHosts::Parse(const std::string& list) {
  AllowedHosts allowed;
  if (Trim(list).empty()) return allowed;  // no limit
  size_t start = 0;
  while (start <= list.size()) {
    size_t comma = list.find(',', start);
    std::string entry = Trim(list.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    start = comma == std::string::npos ? list.size() + 1 : comma + 1;
    if (entry.empty()) throw RemoteError(ErrorKind::kInvalidOption, "an entry of the list is empty");
    std::string address = entry;
    int prefix = -1;
    size_t slash = entry.find('/');
    if (slash != std::string::npos) {
      address = entry.substr(0, slash);
      std::string bits = entry.substr(slash + 1);
      if (bits.empty() || bits.size() > 3 || bits.find_first_not_of("0123456789") != std::string::npos)
        throw RemoteError(ErrorKind::kInvalidOption, "\"" + Abbreviate(entry) + "\" has no valid prefix length");
      prefix = std::stoi(bits);
    }
    Range range{};
    range.family = ParseAddress(LowerHost(address), range.bytes);
    if (range.family != 0) {
      int max_bits = range.family == AF_INET ? 32 : 128;
      // An IPv4-mapped IPv6 entry (::ffff:10.0.0.0/104) is the IPv4 range it maps, since
      // connections to such addresses are checked as IPv4.
      static const unsigned char kMappedPrefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF};
      if (range.family == AF_INET6 && std::memcmp(range.bytes, kMappedPrefix, 12) == 0 && (prefix < 0 || prefix >= 96)) {
        std::memmove(range.bytes, range.bytes + 12, 4);
        std::memset(range.bytes + 4, 0, 12);
        range.family = AF_INET;
        if (prefix >= 0) prefix -= 96;
        max_bits = 32;
      }
      if (prefix > max_bits)
        throw RemoteError(ErrorKind::kInvalidOption, "\"" + Abbreviate(entry) + "\" has a prefix longer than " +
                                                         std::to_string(max_bits) + " bits");
      range.prefix_bits = prefix < 0 ? max_bits : prefix;
      allowed.ranges_.push_back(range);
      continue;
    }
    std::string name = LowerHost(entry);
    if (prefix >= 0 || !IsHostName(name))
      throw RemoteError(ErrorKind::kInvalidOption,
                        "\"" + Abbreviate(entry) + "\" is not a host name, an IP address or a CIDR range");
    allowed.names_.push_back(name);
  }
  return allowed;
}

AllowedHosts AllowedHosts::DenyAll() {
  AllowedHosts none;
  none.deny_all_ = true;
  return none;
}

bool AllowedHosts::Allows(const std::string& host, const std::string& address) const {
  if (deny_all_) return false;
  std::string name = LowerHost(host);
  for (const auto& listed : names_)
    if (listed == name) return true;
  unsigned char bytes[16];
  int family = ParseAddress(address, bytes);
  if (family == 0) return false;
  // An IPv4 address written as IPv6 (::ffff:a.b.c.d) is checked as IPv4.
  static const unsigned char kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF};
  if (family == AF_INET6 && std::memcmp(bytes, kMapped, 12) == 0) {
    std::memmove(bytes, bytes + 12, 4);
    family = AF_INET;
  }
  for (const auto& range : ranges_)
    if (range.family == family && InRange(bytes, range.bytes, range.prefix_bits)) return true;
  return false;
}

}  // namespace rr
