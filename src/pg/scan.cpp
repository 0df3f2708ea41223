// Execution: a scan's C++ state is created in BeginForeignScan, owned by the query's
// memory context, and walked row by row in IterateForeignScan. The callbacks hold no C++
// object themselves, so a PostgreSQL error raised in them unwinds no C++ frame.
#include <string>

#include "connection.hpp"
#include "core/options.hpp"
#include "core/schema.hpp"
#include "fdw.hpp"
#include "option.hpp"

namespace rr_pg {

namespace {

// Server headers, then the user mapping's, which replace a server header of the same name.
rr::HeaderList HeadersFor(const char* server_json, const char* user_json) {
  rr::HeaderList server = server_json != nullptr ? rr::ParseHeadersJson(server_json) : rr::HeaderList();
  rr::HeaderList user = user_json != nullptr ? rr::ParseHeadersJson(user_json) : rr::HeaderList();
  return rr::MergeHeaders(std::move(server), user);
}

long OptionalPositive(const char* text, long fallback, long max) {
  return text == nullptr ? fallback : rr::ParsePositiveInteger(text, max);
}

// Fixed arguments travel as variables typed from introspection (one request per server and
// user, cached), and the pagination variables take the remote's types. Without
// introspection, fixed arguments are written as literals and pagination uses Int/String.
void BindToRemoteSchema(ScanState* state, const TableOptions* options, const rr::HttpRequest& http,
                        bool explain_only, rr::ScanRequestSpec* spec) {
  bool has_arguments = options->arguments != nullptr;
  if (!has_arguments && spec->pagination == rr::Pagination::kNone) return;
  // The option is in the database's encoding; the remote reads UTF-8.
  const char* arguments = nullptr;
  if (has_arguments)
    CallPostgres([&] { arguments = pg_server_to_any(options->arguments, static_cast<int>(strlen(options->arguments)), PG_UTF8); });

  auto bind = [&](const rr::RootFields* root_fields, bool unlisted_as_literals) {
    rr::ScanRequestSpec bound = *spec;
    const rr::RootFieldInfo* field = nullptr;
    if (root_fields != nullptr) {
      field = root_fields->Find(bound.query_field);
      if (field == nullptr)
        throw rr::RemoteError(rr::ErrorKind::kNotInSchema,
                              "the remote schema has no query field \"" + bound.query_field + "\"",
                              "Set the table's query_field option to a field of the remote Query type.");
    }
    rr::BindPagination(field, &bound);
    if (has_arguments) rr::BindFixedArguments(arguments, field, &bound, unlisted_as_literals);
    return bound;
  };

  // Fixed arguments need their types; pagination types are a refinement, and plain EXPLAIN
  // works with the remote down, as in postgres_fdw: there a failure leaves the defaults.
  Introspection need = has_arguments && !explain_only ? Introspection::kRequired : Introspection::kOptional;
  auto introspect = [&](Introspection how) {
    return GetRootFields(options->server_id, options->user_id, http, how, &state->introspection);
  };
  std::shared_ptr<const rr::RootFields> root_fields;
  try {
    root_fields = introspect(need);
  } catch (const rr::RemoteError& error) {
    if (need == Introspection::kRequired || error.kind() == rr::ErrorKind::kCancelled) throw;
  }
  try {
    *spec = bind(root_fields.get(), false);
  } catch (const rr::RemoteError& error) {
    if (error.kind() != rr::ErrorKind::kNotInSchema) throw;
    // The remote schema may have grown since it was introspected: look once more (at most
    // every 10 s). An argument still not listed may be a deprecated one, which introspection
    // leaves out: it goes as a literal, and the remote judges it.
    std::shared_ptr<const rr::RootFields> refreshed;
    try {
      refreshed = introspect(Introspection::kRefresh);
    } catch (const rr::RemoteError& refresh_error) {
      if (refresh_error.kind() == rr::ErrorKind::kCancelled) throw;
    }
    if (refreshed != nullptr) root_fields = refreshed;
    *spec = bind(root_fields.get(), true);
  }
  state->arguments_as_literals = has_arguments && root_fields == nullptr;
  // Without introspection the document is written from defaults; when the remote then finds
  // it invalid, say so (a validation error alone does not tell why the types were wrong).
  if (root_fields == nullptr) {
    bool paged = spec->pagination != rr::Pagination::kNone;
    state->site.graphql_hint =
        !paged ? "Introspection of the remote schema was refused or failed: fixed arguments were written as literals."
        : has_arguments ? "Introspection of the remote schema was refused or failed: fixed arguments were written as "
                          "literals, and pagination variables were given default types."
                        : "Introspection of the remote schema was refused or failed: pagination variables were given "
                          "default types (Int!, String), and a connection is read through edges.";
  }
}

// The C++ half of BeginForeignScan: parses the options and creates the RemoteScan.
void CreateRemoteScan(ScanState* state, const TableOptions* options, bool explain_only) {
  std::string redacted = rr::RedactUrl(options->url);
  CallPostgres([&] { state->site.url = pstrdup(redacted.c_str()); });

  rr::ScanRequestSpec spec;
  spec.query_field = options->query_field;
  rr::CheckQueryField(spec.query_field);  // before anything is sent
  if (options->pagination != nullptr) spec.pagination = rr::ParsePagination(options->pagination);
  spec.page_size = OptionalPositive(options->page_size, kDefaultPageSize, kMaxPageSize);

  std::vector<rr::CellFormat> formats;
  for (int i = 0; i < state->ncolumns; i++) {
    spec.fields.push_back(rr::ParseFieldSpec(state->columns[i].field));
    formats.push_back(CellFormatFor(&state->columns[i]));
  }

  rr::HttpRequest http;
  http.url = options->url;
  http.headers = HeadersFor(options->server_headers, options->user_headers);
  http.timeout_ms = OptionalPositive(options->timeout_ms, kDefaultTimeoutMs, kMaxTimeoutMs);
  http.connect_timeout_ms = OptionalPositive(options->connect_timeout_ms, kDefaultConnectTimeoutMs, kMaxTimeoutMs);
  http.max_response_bytes = OptionalPositive(options->max_response_bytes, kDefaultMaxResponseBytes, kMaxResponseBytes);

  BindToRemoteSchema(state, options, http, explain_only, &spec);

  std::shared_ptr<rr::HttpClient> client = GetHttpClient(options->server_id);
  *state->remote = new rr::RemoteScan(std::move(spec), std::move(http), std::move(formats), std::move(client),
                                      &TransferShouldStop);
}

}  // namespace

void BeginForeignScan(ForeignScanState* node, int eflags) {
  // EXPLAIN without ANALYZE needs the document too. Nothing is sent for it, except the one
  // introspection request of a table with fixed arguments or pagination (whose failure it
  // tolerates).
  bool explain_only = (eflags & EXEC_FLAG_EXPLAIN_ONLY) != 0;
  ForeignScan* plan = reinterpret_cast<ForeignScan*>(node->ss.ps.plan);
  EState* estate = node->ss.ps.state;
  RangeTblEntry* rte = exec_rt_fetch(plan->scan.scanrelid, estate);
  Oid userid = OidIsValid(rte->checkAsUser) ? rte->checkAsUser : GetUserId();
  Relation rel = node->ss.ss_currentRelation;
  TupleDesc desc = RelationGetDescr(rel);

  TableOptions* options = GetTableOptions(RelationGetRelid(rel), userid);
  List* retrieved_attrs = static_cast<List*>(linitial(plan->fdw_private));

  ScanState* state = static_cast<ScanState*>(palloc0(sizeof(ScanState)));
  state->site.server_name = options->server_name;
  state->site.query_field = options->query_field;
  state->ncolumns = list_length(retrieved_attrs);
  state->columns = static_cast<ColumnConverter*>(palloc0(sizeof(ColumnConverter) * (state->ncolumns + 1)));
  int index = 0;
  ListCell* cell;
  foreach (cell, retrieved_attrs) {
    AttrNumber attnum = static_cast<AttrNumber>(lfirst_int(cell));
    Form_pg_attribute attr = TupleDescAttr(desc, attnum - 1);
    InitColumnConverter(&state->columns[index++], attnum, options->column_names[attnum - 1],
                        options->column_fields[attnum - 1], attr->atttypid, attr->atttypmod);
  }
  state->remote = NewOwnedSlot<rr::RemoteScan>(estate->es_query_cxt);
  node->fdw_state = state;

  RunGuarded(&state->site, [&] { CreateRemoteScan(state, options, explain_only); });
}

TupleTableSlot* IterateForeignScan(ForeignScanState* node) {
  ScanState* state = static_cast<ScanState*>(node->fdw_state);
  TupleTableSlot* slot = node->ss.ss_ScanTupleSlot;
  rr::RemoteScan* remote = *state->remote;
  bool have_row = false;

  ExecClearTuple(slot);
  RunGuarded(&state->site, [&] { have_row = remote->NextRow(); });
  if (!have_row) return slot;

  int natts = slot->tts_tupleDescriptor->natts;
  for (int i = 0; i < natts; i++) slot->tts_isnull[i] = true;
  const rr::Cell* cells = remote->cells().data();
  for (int i = 0; i < state->ncolumns; i++) {
    const ColumnConverter* column = &state->columns[i];
    bool isnull;
    slot->tts_values[column->attnum - 1] = ConvertCell(column, &cells[i], state->site.query_field, &isnull);
    slot->tts_isnull[column->attnum - 1] = isnull;
  }
  ExecStoreVirtualTuple(slot);
  return slot;
}

void ReScanForeignScan(ForeignScanState* node) {
  ScanState* state = static_cast<ScanState*>(node->fdw_state);
  rr::RemoteScan* remote = *state->remote;
  RunGuarded(&state->site, [&] { remote->Restart(); });
}

void EndForeignScan(ForeignScanState* node) {
  ScanState* state = static_cast<ScanState*>(node->fdw_state);
  if (state == nullptr || state->remote == nullptr) return;
  delete *state->remote;  // the destructor neither throws nor calls PostgreSQL
  *state->remote = nullptr;
}

}  // namespace rr_pg
