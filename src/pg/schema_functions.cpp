// SQL functions over the schema model: remote_relationship.reload_schema(server) fetches it
// anew (and makes every other backend forget its copy), schema_summary(server) tells what
// the cached model holds and how much memory it takes, remote_type(server, type) describes
// one type for the metadata API's checks, introspect(server) answers the raw introspection.
#include <string>

#include "core/json.hpp"
#include "core/remote_scan.hpp"
#include "core/retry.hpp"

#include "connection.hpp"
#include "core/options.hpp"
#include "guard.hpp"
#include "import.hpp"
#include "option.hpp"

extern "C" {
#include "utils/acl.h"
}

namespace rr_pg {

namespace {

TableOptions* ServerForFunction(const char* server_name) {
  ForeignServer* server = GetForeignServerByName(server_name, false);
  if (GetFdwRoutineByServerId(server->serverid)->ImportForeignSchema != ImportForeignSchema)
    ereport(ERROR, (errcode(ERRCODE_FDW_INVALID_HANDLE),
                    errmsg("server \"%s\" is not a server of remote_relationship", server_name)));
  if (pg_foreign_server_aclcheck(server->serverid, GetUserId(), ACL_USAGE) != ACLCHECK_OK)
    aclcheck_error(ACLCHECK_NO_PRIV, OBJECT_FOREIGN_SERVER, server_name);
  return GetServerOptions(server->serverid, GetUserId());
}

// Every backend's copy of the model (and its connections) is dropped at commit, as ALTER
// SERVER does, by an invalidation of the server's catalog row; this backend's at once.
void InvalidateServer(Oid server_id) {
  Relation catalog = table_open(ForeignServerRelationId, AccessShareLock);
  HeapTuple tuple = SearchSysCacheCopy1(FOREIGNSERVEROID, ObjectIdGetDatum(server_id));
  if (!HeapTupleIsValid(tuple)) elog(ERROR, "cache lookup failed for foreign server %u", server_id);
  CacheInvalidateHeapTuple(catalog, tuple, nullptr);
  heap_freetuple(tuple);
  table_close(catalog, AccessShareLock);
  CommandCounterIncrement();  // runs this backend's invalidation callbacks now
}

Datum SummaryOf(TableOptions* server, Introspection need) {
  ErrorSite site;
  site.server_name = server->server_name;
  char* json = nullptr;
  RunGuarded(&site, [&] {
    SetRedactedUrl(&site, server->url);
    rr::ScanStats sent;
    auto model = GetSchemaModel(server, HttpRequestFor(server), need, &sent);
    if (model == nullptr)
      throw rr::RemoteError(rr::ErrorKind::kGraphQL, "the remote refuses introspection",
                            "IMPORT FOREIGN SCHEMA can take the schema as JSON in its introspection option.");
    size_t objects = 0;
    for (const auto& type : model->types())
      if (type.kind == rr::TypeKind::kObject && type.name.compare(0, 2, "__") != 0) ++objects;
    std::string text = "{\"types\": " + std::to_string(model->types().size()) +
                       ", \"object_types\": " + std::to_string(objects) +
                       ", \"fields\": " + std::to_string(model->field_count()) +
                       ", \"query_fields\": " + std::to_string(model->query_type().fields.size()) +
                       ", \"model_bytes\": " + std::to_string(model->MemoryBytes()) +
                       ", \"requests\": " + std::to_string(sent.requests) + "}";
    CallPostgres([&] { json = pstrdup(text.c_str()); });
  });
  return DirectFunctionCall1(jsonb_in, CStringGetDatum(json));
}

// The kind as introspection spells it (__TypeKind).
const char* IntrospectionKind(rr::TypeKind kind) {
  switch (kind) {
    case rr::TypeKind::kScalar: return "SCALAR";
    case rr::TypeKind::kObject: return "OBJECT";
    case rr::TypeKind::kInterface: return "INTERFACE";
    case rr::TypeKind::kUnion: return "UNION";
    case rr::TypeKind::kEnum: return "ENUM";
    case rr::TypeKind::kInputObject: return "INPUT_OBJECT";
  }
  return "";
}

void AppendTypeRef(const rr::SchemaModel& model, const rr::TypeRef& type, std::string* out) {
  out->append("\"type\": ");
  rr::AppendJsonString(type.text.data(), type.text.size(), out);
  out->append(", \"named\": ");
  rr::AppendJsonString(type.name.data(), type.name.size(), out);
  const rr::SchemaType* named = model.FindType(type.name);
  out->append(", \"kind\": \"").append(named != nullptr ? IntrospectionKind(named->kind) : "").append("\"");
  out->append(", \"list_depth\": ").append(std::to_string(type.ListDepth()));
  out->append(", \"non_null\": ").append(type.NonNull() ? "true" : "false");
}

void AppendInputValues(const rr::SchemaModel& model, const std::vector<rr::InputValue>& values, std::string* out) {
  out->append("[");
  for (size_t i = 0; i < values.size(); ++i) {
    out->append(i ? ", {\"name\": " : "{\"name\": ");
    rr::AppendJsonString(values[i].name.data(), values[i].name.size(), out);
    out->append(", ");
    AppendTypeRef(model, values[i].type, out);
    out->append(", \"required\": ").append(values[i].Required() ? "true}" : "false}");
  }
  out->append("]");
}

// {name, kind, fields: [{name, type, named, kind, list_depth, non_null, arguments}],
// input_fields, possible_types}, or "" when the remote has no such type.
std::string DescribeType(const rr::SchemaModel& model, const rr::SchemaType* type) {
  std::string out;
  if (type == nullptr) return out;
  out.append("{\"name\": ");
  rr::AppendJsonString(type->name.data(), type->name.size(), &out);
  out.append(", \"kind\": \"").append(IntrospectionKind(type->kind)).append("\", \"fields\": [");
  for (size_t i = 0; i < type->fields.size(); ++i) {
    const rr::Field& field = type->fields[i];
    out.append(i ? ", {\"name\": " : "{\"name\": ");
    rr::AppendJsonString(field.name.data(), field.name.size(), &out);
    out.append(", ");
    AppendTypeRef(model, field.type, &out);
    out.append(", \"arguments\": ");
    AppendInputValues(model, field.arguments, &out);
    out.append("}");
  }
  out.append("], \"input_fields\": ");
  AppendInputValues(model, type->input_fields, &out);
  out.append(", \"possible_types\": [");
  for (size_t i = 0; i < type->possible_types.size(); ++i) {
    if (i) out.append(", ");
    rr::AppendJsonString(type->possible_types[i].data(), type->possible_types[i].size(), &out);
  }
  out.append("]}");
  return out;
}

std::shared_ptr<const rr::SchemaModel> RequiredModel(TableOptions* server) {
  rr::ScanStats sent;
  auto model = GetSchemaModel(server, HttpRequestFor(server), Introspection::kRequired, &sent);
  if (model == nullptr)
    throw rr::RemoteError(rr::ErrorKind::kGraphQL, "the remote refuses introspection",
                          "IMPORT FOREIGN SCHEMA can take the schema as JSON in its introspection option.");
  return model;
}

// type_name nullptr: the query type.
Datum TypeOf(TableOptions* server, const char* type_name) {
  ErrorSite site;
  site.server_name = server->server_name;
  char* json = nullptr;
  RunGuarded(&site, [&] {
    SetRedactedUrl(&site, server->url);
    auto model = RequiredModel(server);
    std::string text =
        DescribeType(*model, type_name != nullptr ? model->FindType(type_name) : &model->query_type());
    if (!text.empty()) CallPostgres([&] { json = pstrdup(text.c_str()); });
  });
  if (json == nullptr) return 0;
  return DirectFunctionCall1(jsonb_in, CStringGetDatum(json));
}

// The remote's own answer to the introspection query, as Hasura's introspect_remote_schema.
Datum IntrospectionOf(TableOptions* server) {
  ErrorSite site;
  site.server_name = server->server_name;
  char* json = nullptr;
  RunGuarded(&site, [&] {
    SetRedactedUrl(&site, server->url);
    rr::HttpRequest request = HttpRequestFor(server);
    request.body = rr::SchemaModel::RequestBody();
    rr::HttpResponse response = rr::PostWithRetries(GetHttpClient(server->server_id).get(), request, &TransferShouldStop);
    if (response.status < 200 || response.status > 299) rr::ThrowFinalHttpStatus(request, response);
    rr::JsonDocument document;
    std::string error;
    std::string body = response.body;
    if (!rr::ParseJsonInPlace(&body, &document, &error) || !document.IsObject())
      throw rr::RemoteError(rr::ErrorKind::kInvalidJson, "the introspection answer is no JSON object" +
                                                             (error.empty() ? std::string() : ": " + error));
    CallPostgres([&] { json = pstrdup(response.body.c_str()); });
  });
  return DirectFunctionCall1(jsonb_in, CStringGetDatum(json));
}

}  // namespace

}  // namespace rr_pg

extern "C" {

PG_FUNCTION_INFO_V1(remote_relationship_remote_type);
PG_FUNCTION_INFO_V1(remote_relationship_introspect);

Datum remote_relationship_remote_type(PG_FUNCTION_ARGS) {
  if (PG_ARGISNULL(0)) PG_RETURN_NULL();
  rr_pg::TableOptions* server = rr_pg::ServerForFunction(NameStr(*PG_GETARG_NAME(0)));
  const char* type_name = PG_ARGISNULL(1) ? nullptr : text_to_cstring(PG_GETARG_TEXT_PP(1));
  Datum result = rr_pg::TypeOf(server, type_name);
  if (result == 0) PG_RETURN_NULL();
  PG_RETURN_DATUM(result);
}

Datum remote_relationship_introspect(PG_FUNCTION_ARGS) {
  rr_pg::TableOptions* server = rr_pg::ServerForFunction(NameStr(*PG_GETARG_NAME(0)));
  PG_RETURN_DATUM(rr_pg::IntrospectionOf(server));
}

PG_FUNCTION_INFO_V1(remote_relationship_reload_schema);
PG_FUNCTION_INFO_V1(remote_relationship_schema_summary);

Datum remote_relationship_reload_schema(PG_FUNCTION_ARGS) {
  rr_pg::TableOptions* server = rr_pg::ServerForFunction(NameStr(*PG_GETARG_NAME(0)));
  rr_pg::InvalidateServer(server->server_id);
  PG_RETURN_DATUM(rr_pg::SummaryOf(server, rr_pg::Introspection::kReload));
}

Datum remote_relationship_schema_summary(PG_FUNCTION_ARGS) {
  rr_pg::TableOptions* server = rr_pg::ServerForFunction(NameStr(*PG_GETARG_NAME(0)));
  PG_RETURN_DATUM(rr_pg::SummaryOf(server, rr_pg::Introspection::kRequired));
}

}  // extern "C"
