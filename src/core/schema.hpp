// One model of the remote GraphQL schema, read from the standard introspection answer:
// every type (object, interface, union, enum, input object, scalar), its fields with their
// arguments, defaults and deprecation, and the non-null and list wrappers of each type
// reference. IMPORT FOREIGN SCHEMA, the scan of a hand-made table and (later) pushdown and
// relationship checks all read this one model.
#pragma once
#include "core.hpp"

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "json.hpp"

namespace rr {

enum class TypeKind { kScalar, kObject, kInterface, kUnion, kEnum, kInputObject };

const char* TypeKindName(TypeKind kind);

// A type reference with its wrappers, e.g. "[Int!]!" around the named type Int.
struct TypeRef {
  std::string name;  // the named type inside the wrappers
  std::string text;  // GraphQL type text, e.g. "[Int!]!"

  bool NonNull() const { return !text.empty() && text.back() == '!'; }
  // Lists between the outside and the named type: "[[Int]]!" has 2.
  int ListDepth() const;
};

struct InputValue {
  std::string name;
  TypeRef type;
  bool has_default = false;
  std::string default_value;  // GraphQL literal text, as introspection writes it

  // Non-null without a default: a query must give it.
  bool Required() const { return type.NonNull() && !has_default; }
};

struct Field {
  std::string name;
  TypeRef type;
  std::vector<InputValue> arguments;
  bool deprecated = false;

  const InputValue* FindArgument(const std::string& argument) const;
};

struct SchemaType {
  std::string name;
  TypeKind kind = TypeKind::kScalar;
  std::vector<Field> fields;             // object, interface
  std::vector<InputValue> input_fields;  // input object
  std::vector<std::string> enum_values;  // enum
  std::vector<std::string> possible_types;  // union, interface
  std::vector<std::string> interfaces;      // object, interface

  const Field* FindField(const std::string& field) const;
  const InputValue* FindInputField(const std::string& field) const;
};

class SchemaModel {
 public:
  // The introspection request body ({"query": ...}).
  static std::string RequestBody();

  // Reads an introspection result: an endpoint's answer ({"data": {"__schema": ...}}) or
  // graphql-js introspectionFromSchema's ({"__schema": ...}). Throws RemoteError: kGraphQL
  // when the answer carries errors (the remote refuses introspection), kInvalidJson, and
  // kBadResponse when it is no valid schema (no __schema, a reference to an unknown type,
  // wrappers that do not end in a named type, no query type).
  void Load(std::string body);

  const SchemaType* FindType(const std::string& name) const;
  // Only after a successful Load (throws RemoteError(kInternal) before).
  const SchemaType& query_type() const;
  const Field* FindRootField(const std::string& field) const { return query_type().FindField(field); }

  const std::vector<SchemaType>& types() const { return types_; }
  size_t field_count() const { return field_count_; }
  // What the model holds in memory, estimated from its strings and vectors.
  size_t MemoryBytes() const;

 private:
  std::vector<SchemaType> types_;
  std::unordered_map<std::string, size_t> index_;
  size_t query_type_ = 0;
  size_t field_count_ = 0;
};

// "[Int!]!" from an introspection type reference ({kind, name, ofType}); sets *named to the
// named type. Throws RemoteError(kBadResponse) on a malformed or too deeply wrapped one.
std::string TypeRefText(const JsonValue& type_ref, std::string* named = nullptr);

// Whether text is GraphQL type syntax: a name, [T] or T! (no !!).
bool IsGraphQLTypeText(const std::string& text);

// The named type inside GraphQL type text ("[Int!]!" -> "Int").
std::string NamedTypeOf(const std::string& text);

}  // namespace rr
