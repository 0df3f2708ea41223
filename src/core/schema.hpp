// What a scan needs to know of the remote schema: the root fields of the query type and
// the types of their arguments, read once by introspection. With the types known, fixed
// arguments travel as typed GraphQL variables (enums included) instead of document text.
#pragma once
#include "core.hpp"

#include <string>
#include <unordered_map>
#include <vector>

#include "json.hpp"

namespace rr {

struct ArgumentInfo {
  std::string name;
  std::string type;  // GraphQL type text, e.g. "[Int!]!"
};

struct RootFieldInfo {
  std::string name;
  std::vector<ArgumentInfo> arguments;
  // Why the argument types could not be read (too deeply wrapped, malformed), or empty. One
  // unreadable field must not spoil the others.
  std::string unreadable;
  // Field names of the object type it returns (a connection: edges, nodes, pageInfo); empty
  // when the answer does not say.
  std::vector<std::string> return_type_fields;

  const ArgumentInfo* FindArgument(const std::string& argument) const;
  bool ReturnTypeHas(const std::string& field) const;
};

class RootFields {
 public:
  // The introspection request body ({"query": ...}).
  static std::string RequestBody();

  // Reads an introspection answer. Throws RemoteError (kGraphQL when the remote refuses
  // introspection, kBadResponse when the answer is not one).
  void Load(std::string body);

  const RootFieldInfo* Find(const std::string& field) const;
  size_t size() const { return fields_.size(); }

 private:
  std::unordered_map<std::string, RootFieldInfo> fields_;
};

// "[Int!]!" from an introspection type reference ({kind, name, ofType}).
std::string TypeRefText(const JsonValue& type_ref);

}  // namespace rr
