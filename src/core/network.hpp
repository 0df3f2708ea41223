// Which hosts requests may connect to: remote_relationship.allowed_hosts, a comma-separated
// list of host names, IP addresses and CIDR ranges ("api.example.com, 10.0.0.0/8, ::1").
// The address is checked after DNS resolution, on the connection actually made (also after a
// redirect), so a name that resolves to an address outside the list is refused unless the
// name itself is listed.
#pragma once
#include "core.hpp"

#include <string>
#include <vector>

namespace rr {

class AllowedHosts {
 public:
  // Throws RemoteError(kInvalidOption) naming the entry that is no host name, address or range.
  static AllowedHosts Parse(const std::string& list);

  // A list that allows nothing: what an unreadable setting means (fail closed).
  static AllowedHosts DenyAll();

  bool empty() const { return names_.empty() && ranges_.empty() && !deny_all_; }
  bool denies_all() const { return deny_all_; }

  // Whether a connection to address (the text of an IPv4 or IPv6 address) for a URL naming
  // host may be made: host is listed by name, or address falls in a listed address or range.
  bool Allows(const std::string& host, const std::string& address) const;

 private:
  struct Range {
    int family;               // AF_INET or AF_INET6
    unsigned char bytes[16];  // the network address
    int prefix_bits;
  };
  std::vector<std::string> names_;  // lower case, without a trailing dot
  std::vector<Range> ranges_;
  bool deny_all_ = false;
};

}  // namespace rr
