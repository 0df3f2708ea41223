#include "schema.hpp"

#include <unordered_set>

#include "error.hpp"
#include "options.hpp"
#include "response.hpp"

namespace rr {

namespace {

// The standard introspection query, without descriptions and directives (nothing here reads
// them) and with ofType nested 9 levels deep, as graphql-js asks: enough for "[[Int!]!]!" and
// deeper. Deprecated fields and enum values are asked for; deprecated arguments are not
// (servers before the 2021 spec refuse args(includeDeprecated:)).
const char kIntrospection[] =
    "query RemoteRelationshipIntrospection { __schema { queryType { name } types { ...FullType } } } "
    "fragment FullType on __Type { kind name "
    "fields(includeDeprecated: true) { name args { ...InputValue } type { ...TypeRef } isDeprecated } "
    "inputFields { ...InputValue } interfaces { ...TypeRef } enumValues(includeDeprecated: true) { name } "
    "possibleTypes { ...TypeRef } } "
    "fragment InputValue on __InputValue { name type { ...TypeRef } defaultValue } "
    "fragment TypeRef on __Type { kind name ofType { kind name ofType { kind name ofType { kind name "
    "ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name "
    "ofType { kind name } } } } } } } } } }";

// Deeper wrapping than the query reads cannot be told apart from a broken answer.
constexpr int kMaxWrappers = 9;

[[noreturn]] void Invalid(const std::string& what) {
  throw RemoteError(ErrorKind::kBadResponse, "the introspection answer is not a valid schema: " + what);
}

std::string StringMember(const JsonValue& object, const char* name) {
  auto it = object.FindMember(name);
  if (it == object.MemberEnd() || !it->value.IsString() || IsRawNumber(it->value)) return "";
  return std::string(it->value.GetString(), it->value.GetStringLength());
}

bool BoolMember(const JsonValue& object, const char* name) {
  auto it = object.FindMember(name);
  return it != object.MemberEnd() && it->value.IsBool() && it->value.GetBool();
}

// The array member name, or nullptr when it is absent or null (an object type's inputFields).
const JsonValue* ArrayMember(const JsonValue& object, const char* name, const std::string& where) {
  auto it = object.FindMember(name);
  if (it == object.MemberEnd() || it->value.IsNull()) return nullptr;
  if (!it->value.IsArray()) Invalid(std::string(name) + " of " + where + " is not a list");
  return &it->value;
}

bool ParseKind(const std::string& text, TypeKind* kind) {
  static const std::pair<const char*, TypeKind> kKinds[] = {
      {"SCALAR", TypeKind::kScalar}, {"OBJECT", TypeKind::kObject},
      {"INTERFACE", TypeKind::kInterface}, {"UNION", TypeKind::kUnion},
      {"ENUM", TypeKind::kEnum}, {"INPUT_OBJECT", TypeKind::kInputObject}};
  for (const auto& entry : kKinds)
    if (text == entry.first) {
      *kind = entry.second;
      return true;
    }
  return false;
}

std::string WrapperText(const JsonValue& type_ref, int depth, std::string* named) {
  if (!type_ref.IsObject()) Invalid("a type reference is not an object");
  std::string kind = StringMember(type_ref, "kind");
  if (kind == "NON_NULL" || kind == "LIST") {
    if (depth >= kMaxWrappers) Invalid("a type is wrapped in more than " + std::to_string(kMaxWrappers) + " lists and non-nulls");
    auto of_type = type_ref.FindMember("ofType");
    if (of_type == type_ref.MemberEnd() || !of_type->value.IsObject())
      Invalid(kind + " without the type it wraps (ofType)");
    if (kind == "NON_NULL" && StringMember(of_type->value, "kind") == "NON_NULL") Invalid("a NON_NULL wraps a NON_NULL");
    std::string inner = WrapperText(of_type->value, depth + 1, named);
    return kind == "LIST" ? "[" + inner + "]" : inner + "!";
  }
  std::string name = StringMember(type_ref, "name");
  TypeKind ignored;
  if (!ParseKind(kind, &ignored)) Invalid("\"" + Abbreviate(kind) + "\" is not a type kind");
  if (!IsGraphQLName(name)) Invalid("\"" + Abbreviate(name) + "\" is not a type name");
  if (named != nullptr) *named = name;
  return name;
}

TypeRef ReadTypeRef(const JsonValue& holder, const std::string& where) {
  auto type = holder.FindMember("type");
  if (type == holder.MemberEnd()) Invalid(where + " has no type");
  TypeRef ref;
  try {
    ref.text = WrapperText(type->value, 0, &ref.name);
  } catch (const RemoteError& error) {
    throw RemoteError(error.kind(), std::string(error.what()) + " (at " + where + ")");
  }
  return ref;
}

std::vector<InputValue> ReadInputValues(const JsonValue* list, const std::string& where) {
  std::vector<InputValue> values;
  if (list == nullptr) return values;
  values.reserve(list->Size());
  for (const auto& item : list->GetArray()) {
    if (!item.IsObject()) Invalid("an input value of " + where + " is not an object");
    InputValue value;
    value.name = StringMember(item, "name");
    if (!IsGraphQLName(value.name)) Invalid("\"" + Abbreviate(value.name) + "\" in " + where + " is not a name");
    value.type = ReadTypeRef(item, where + "(" + value.name + ")");
    auto default_value = item.FindMember("defaultValue");
    if (default_value != item.MemberEnd() && default_value->value.IsString()) {
      value.has_default = true;
      value.default_value.assign(default_value->value.GetString(), default_value->value.GetStringLength());
    }
    values.push_back(std::move(value));
  }
  return values;
}

std::vector<std::string> ReadNames(const JsonValue* list, const std::string& where) {
  std::vector<std::string> names;
  if (list == nullptr) return names;
  for (const auto& item : list->GetArray()) {
    std::string name = item.IsObject() ? StringMember(item, "name") : "";
    if (!IsGraphQLName(name)) Invalid("an entry of " + where + " has no valid name");
    names.push_back(std::move(name));
  }
  return names;
}

SchemaType ReadType(const JsonValue& item) {
  if (!item.IsObject()) Invalid("a type is not an object");
  SchemaType type;
  type.name = StringMember(item, "name");
  if (!IsGraphQLName(type.name)) Invalid("a type has no valid name");
  if (!ParseKind(StringMember(item, "kind"), &type.kind)) Invalid("type \"" + type.name + "\" has no valid kind");
  if (const JsonValue* fields = ArrayMember(item, "fields", type.name)) {
    type.fields.reserve(fields->Size());
    for (const auto& entry : fields->GetArray()) {
      if (!entry.IsObject()) Invalid("a field of " + type.name + " is not an object");
      Field field;
      field.name = StringMember(entry, "name");
      if (!IsGraphQLName(field.name)) Invalid("a field of \"" + type.name + "\" has no valid name");
      std::string where = type.name + "." + field.name;
      field.type = ReadTypeRef(entry, where);
      field.arguments = ReadInputValues(ArrayMember(entry, "args", where), where);
      field.deprecated = BoolMember(entry, "isDeprecated");
      type.fields.push_back(std::move(field));
    }
  }
  type.input_fields = ReadInputValues(ArrayMember(item, "inputFields", type.name), type.name);
  type.enum_values = ReadNames(ArrayMember(item, "enumValues", type.name), "the values of " + type.name);
  type.possible_types = ReadNames(ArrayMember(item, "possibleTypes", type.name), "the possible types of " + type.name);
  type.interfaces = ReadNames(ArrayMember(item, "interfaces", type.name), "the interfaces of " + type.name);
  return type;
}

// The __schema object of either form of the answer.
const JsonValue& FindSchema(const JsonValue& doc) {
  if (!doc.IsObject()) Invalid("not a JSON object");
  auto schema = doc.FindMember("__schema");
  if (schema == doc.MemberEnd()) {
    auto data = doc.FindMember("data");
    if (data != doc.MemberEnd() && data->value.IsObject()) schema = data->value.FindMember("__schema");
    if (data == doc.MemberEnd() || !data->value.IsObject() || schema == data->value.MemberEnd())
      Invalid("no __schema (expected {\"data\": {\"__schema\": ...}} or {\"__schema\": ...})");
  }
  if (!schema->value.IsObject()) Invalid("__schema is not an object");
  return schema->value;
}

size_t StringBytes(const std::string& text) { return sizeof(std::string) + (text.capacity() > 15 ? text.capacity() + 1 : 0); }

size_t InputBytes(const std::vector<InputValue>& values) {
  size_t bytes = values.capacity() * sizeof(InputValue);
  for (const auto& value : values)
    bytes += StringBytes(value.name) + StringBytes(value.type.name) + StringBytes(value.type.text) +
             StringBytes(value.default_value) - 4 * sizeof(std::string);
  return bytes;
}

size_t NamesBytes(const std::vector<std::string>& names) {
  size_t bytes = names.capacity() * sizeof(std::string);
  for (const auto& name : names) bytes += StringBytes(name) - sizeof(std::string);
  return bytes;
}

}  // namespace

const char* TypeKindName(TypeKind kind) {
  switch (kind) {
    case TypeKind::kScalar: return "scalar";
    case TypeKind::kObject: return "object type";
    case TypeKind::kInterface: return "interface";
    case TypeKind::kUnion: return "union";
    case TypeKind::kEnum: return "enum";
    case TypeKind::kInputObject: return "input object";
  }
  return "type";
}

int TypeRef::ListDepth() const {
  int depth = 0;
  for (char c : text)
    if (c == '[') ++depth;
  return depth;
}

const InputValue* Field::FindArgument(const std::string& argument) const {
  for (const auto& value : arguments)
    if (value.name == argument) return &value;
  return nullptr;
}

const Field* SchemaType::FindField(const std::string& field) const {
  for (const auto& candidate : fields)
    if (candidate.name == field) return &candidate;
  return nullptr;
}

const InputValue* SchemaType::FindInputField(const std::string& field) const {
  for (const auto& candidate : input_fields)
    if (candidate.name == field) return &candidate;
  return nullptr;
}

std::string TypeRefText(const JsonValue& type_ref, std::string* named) { return WrapperText(type_ref, 0, named); }

bool IsGraphQLTypeText(const std::string& text) {
  std::string rest = text;
  if (!rest.empty() && rest.back() == '!') rest.pop_back();
  if (rest.size() >= 2 && rest.front() == '[' && rest.back() == ']') return IsGraphQLTypeText(rest.substr(1, rest.size() - 2));
  return IsGraphQLName(rest);
}

std::string NamedTypeOf(const std::string& text) {
  std::string name;
  for (char c : text)
    if (c != '[' && c != ']' && c != '!') name.push_back(c);
  return name;
}

std::string SchemaModel::RequestBody() {
  std::string body = "{\"query\":";
  AppendJsonString(kIntrospection, sizeof(kIntrospection) - 1, &body);
  body.append("}");
  return body;
}

void SchemaModel::Load(std::string body) {
  JsonDocument doc;
  std::string error;
  if (body.empty() || !ParseJsonInPlace(&body, &doc, &error))
    throw RemoteError(ErrorKind::kInvalidJson, "the introspection answer is not JSON", error);
  if (doc.IsObject()) {
    auto errors = doc.FindMember("errors");
    if (errors != doc.MemberEnd() && errors->value.IsArray() && !errors->value.Empty()) {
      std::string message, detail;
      DescribeGraphQLErrors(errors->value, &message, &detail);
      throw RemoteError(ErrorKind::kGraphQL, message, detail);
    }
  }
  const JsonValue& schema = FindSchema(doc);
  auto query_type = schema.FindMember("queryType");
  std::string query_name =
      query_type != schema.MemberEnd() && query_type->value.IsObject() ? StringMember(query_type->value, "name") : "";
  if (query_name.empty()) Invalid("__schema.queryType has no name");
  const JsonValue* types = ArrayMember(schema, "types", "__schema");
  if (types == nullptr) Invalid("__schema has no types list");

  std::vector<SchemaType> loaded;
  std::unordered_map<std::string, size_t> index;
  loaded.reserve(types->Size());
  size_t fields = 0;
  for (const auto& item : types->GetArray()) {
    loaded.push_back(ReadType(item));
    if (!index.emplace(loaded.back().name, loaded.size() - 1).second)
      Invalid("type \"" + loaded.back().name + "\" is listed twice");
    fields += loaded.back().fields.size() + loaded.back().input_fields.size();
  }

  // Every reference must name a listed type of the right kind: a scan must never have to
  // guess what a field is.
  auto check = [&](const TypeRef& ref, const std::string& where, bool input) {
    auto found = index.find(ref.name);
    if (found == index.end()) Invalid(where + " has the unknown type \"" + ref.name + "\"");
    TypeKind kind = loaded[found->second].kind;
    bool input_kind = kind == TypeKind::kScalar || kind == TypeKind::kEnum || kind == TypeKind::kInputObject;
    bool output_kind = kind != TypeKind::kInputObject;
    if (input ? !input_kind : !output_kind)
      Invalid(where + " has the type \"" + ref.name + "\", which is " +
              (kind == TypeKind::kUnion ? "a " : "an ") + TypeKindName(kind) +
              (input ? " (an argument needs an input type)" : " (a field needs an output type)"));
  };
  auto check_members = [&](const std::vector<std::string>& names, const SchemaType& type, const char* what,
                           TypeKind expected) {
    for (const auto& name : names) {
      auto found = index.find(name);
      if (found == index.end() || loaded[found->second].kind != expected)
        Invalid(std::string(what) + " \"" + name + "\" of \"" + type.name + "\" is not a listed " + TypeKindName(expected));
    }
  };
  for (const auto& type : loaded) {
    for (const auto& field : type.fields) {
      check(field.type, type.name + "." + field.name, false);
      for (const auto& argument : field.arguments)
        check(argument.type, type.name + "." + field.name + "(" + argument.name + ")", true);
    }
    for (const auto& input : type.input_fields) check(input.type, type.name + "." + input.name, true);
    check_members(type.possible_types, type, "possible type", TypeKind::kObject);
    check_members(type.interfaces, type, "interface", TypeKind::kInterface);
  }
  auto query = index.find(query_name);
  if (query == index.end() || loaded[query->second].kind != TypeKind::kObject)
    Invalid("the query type \"" + query_name + "\" is not a listed object type");

  types_ = std::move(loaded);
  index_ = std::move(index);
  query_type_ = query->second;
  field_count_ = fields;
}

const SchemaType& SchemaModel::query_type() const {
  if (types_.empty()) throw RemoteError(ErrorKind::kInternal, "the schema model is used before it was loaded");
  return types_[query_type_];
}

const SchemaType* SchemaModel::FindType(const std::string& name) const {
  auto found = index_.find(name);
  return found == index_.end() ? nullptr : &types_[found->second];
}

size_t SchemaModel::MemoryBytes() const {
  size_t bytes = sizeof(*this) + types_.capacity() * sizeof(SchemaType);
  // An unordered_map node holds the key, the value and a next pointer; plus the buckets.
  bytes += index_.bucket_count() * sizeof(void*);
  for (const auto& entry : index_) bytes += StringBytes(entry.first) + sizeof(size_t) + sizeof(void*);
  for (const auto& type : types_) {
    bytes += StringBytes(type.name) - sizeof(std::string);
    bytes += type.fields.capacity() * sizeof(Field);
    for (const auto& field : type.fields)
      bytes += StringBytes(field.name) + StringBytes(field.type.name) + StringBytes(field.type.text) -
               3 * sizeof(std::string) + InputBytes(field.arguments);
    bytes += InputBytes(type.input_fields) + NamesBytes(type.enum_values) + NamesBytes(type.possible_types) +
             NamesBytes(type.interfaces);
  }
  return bytes;
}

}  // namespace rr
