// SQL functions over the schema model: remote_relationship.reload_schema(server) fetches it
// anew (and makes every other backend forget its copy), schema_summary(server) tells what
// the cached model holds and how much memory it takes.
#include <string>

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

}  // namespace

}  // namespace rr_pg

extern "C" {

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
