#include "schema.hpp"

#include "error.hpp"
#include "options.hpp"
#include "response.hpp"

namespace rr {

namespace {

// The return type is read only as far as a connection's wrapping goes (NON_NULL, then the
// object): enough to see whether it offers edges or only nodes.
const char kIntrospection[] =
    "query RemoteRelationshipRootFields { __schema { queryType { fields(includeDeprecated: true) { name "
    "args { name type { ...TypeRef } } "
    "type { kind name fields { name } ofType { kind name fields { name } ofType { kind name fields { name } } } } "
    "} } } } "
    "fragment TypeRef on __Type { kind name ofType { kind name ofType { kind name ofType { kind name "
    "ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } }";

[[noreturn]] void NotIntrospection(const std::string& what) {
  throw RemoteError(ErrorKind::kBadResponse, "the introspection answer is malformed: " + what);
}

std::string StringMember(const JsonValue& object, const char* name) {
  auto it = object.FindMember(name);
  if (it == object.MemberEnd() || !it->value.IsString() || IsRawNumber(it->value)) return "";
  return std::string(it->value.GetString(), it->value.GetStringLength());
}

// The field names of the object a root field returns, through NON_NULL and LIST wrappers as
// far as the answer goes; left empty when it does not say.
void ReadReturnTypeFields(const JsonValue& field, std::vector<std::string>* names) {
  auto type = field.FindMember("type");
  const JsonValue* level = type != field.MemberEnd() ? &type->value : nullptr;
  while (level != nullptr && level->IsObject()) {
    auto fields = level->FindMember("fields");
    if (fields != level->MemberEnd() && fields->value.IsArray()) {
      for (const auto& member : fields->value.GetArray())
        if (member.IsObject()) names->push_back(StringMember(member, "name"));
      return;
    }
    auto of_type = level->FindMember("ofType");
    level = of_type != level->MemberEnd() ? &of_type->value : nullptr;
  }
}

}  // namespace

bool RootFieldInfo::ReturnTypeHas(const std::string& field) const {
  for (const auto& name : return_type_fields)
    if (name == field) return true;
  return false;
}

const ArgumentInfo* RootFieldInfo::FindArgument(const std::string& argument) const {
  for (const auto& info : arguments)
    if (info.name == argument) return &info;
  return nullptr;
}

std::string TypeRefText(const JsonValue& type_ref) {
  if (!type_ref.IsObject()) NotIntrospection("a type reference is not an object");
  std::string kind = StringMember(type_ref, "kind");
  auto of_type = type_ref.FindMember("ofType");
  if (kind == "NON_NULL" || kind == "LIST") {
    if (of_type == type_ref.MemberEnd() || !of_type->value.IsObject())
      NotIntrospection(kind + " type without ofType (nested too deep?)");
    std::string inner = TypeRefText(of_type->value);
    return kind == "LIST" ? "[" + inner + "]" : inner + "!";
  }
  std::string name = StringMember(type_ref, "name");
  if (!IsGraphQLName(name)) NotIntrospection("\"" + Abbreviate(name) + "\" is not a type name");
  return name;
}

std::string RootFields::RequestBody() {
  std::string body = "{\"query\":";
  AppendJsonString(kIntrospection, sizeof(kIntrospection) - 1, &body);
  body.append("}");
  return body;
}

void RootFields::Load(std::string body) {
  JsonDocument doc;
  std::string error;
  if (body.empty() || !ParseJsonInPlace(&body, &doc, &error))
    throw RemoteError(ErrorKind::kInvalidJson, "the introspection answer is not JSON", error);
  if (!doc.IsObject()) NotIntrospection("not an object");
  auto errors = doc.FindMember("errors");
  if (errors != doc.MemberEnd() && errors->value.IsArray() && !errors->value.Empty()) {
    std::string message, detail;
    DescribeGraphQLErrors(errors->value, &message, &detail);
    throw RemoteError(ErrorKind::kGraphQL, message, detail);
  }
  const JsonValue* fields = nullptr;
  auto data = doc.FindMember("data");
  if (data != doc.MemberEnd() && data->value.IsObject()) {
    auto schema = data->value.FindMember("__schema");
    if (schema != data->value.MemberEnd() && schema->value.IsObject()) {
      auto query_type = schema->value.FindMember("queryType");
      if (query_type != schema->value.MemberEnd() && query_type->value.IsObject()) {
        auto list = query_type->value.FindMember("fields");
        if (list != query_type->value.MemberEnd() && list->value.IsArray()) fields = &list->value;
      }
    }
  }
  if (fields == nullptr) NotIntrospection("no data.__schema.queryType.fields list");

  fields_.clear();
  for (const auto& field : fields->GetArray()) {
    if (!field.IsObject()) NotIntrospection("a field is not an object");
    RootFieldInfo info;
    info.name = StringMember(field, "name");
    if (!IsGraphQLName(info.name)) continue;  // not a field any table could name
    try {
      auto args = field.FindMember("args");
      if (args != field.MemberEnd() && args->value.IsArray()) {
        for (const auto& arg : args->value.GetArray()) {
          if (!arg.IsObject()) NotIntrospection("an argument is not an object");
          auto arg_type = arg.FindMember("type");
          std::string arg_name = StringMember(arg, "name");
          if (!IsGraphQLName(arg_name) || arg_type == arg.MemberEnd())
            NotIntrospection("an argument without a valid name or type");
          info.arguments.push_back({arg_name, TypeRefText(arg_type->value)});
        }
      }
    } catch (const RemoteError& error) {
      info.arguments.clear();
      info.unreadable = error.what();
    }
    ReadReturnTypeFields(field, &info.return_type_fields);
    std::string key = info.name;
    fields_[key] = std::move(info);
  }
}

const RootFieldInfo* RootFields::Find(const std::string& field) const {
  auto it = fields_.find(field);
  return it == fields_.end() ? nullptr : &it->second;
}

}  // namespace rr
