// ANALYZE of a foreign table: the remote's row count, from one request for the table's
// count_field (recorded by IMPORT), becomes the table's reltuples, which the planner then
// uses instead of its default. No sample rows are read (no column statistics): a paged scan
// of the whole remote table for a sample would cost more than the estimates gain.
#include "fdw.hpp"

#include "connection.hpp"
#include "core/count.hpp"
#include "core/options.hpp"
#include "core/remote_scan.hpp"

namespace rr_pg {

namespace {

const char* CountFieldOf(Oid relid) {
  ListCell* cell;
  foreach (cell, GetForeignTable(relid)->options) {
    DefElem* def = static_cast<DefElem*>(lfirst(cell));
    if (strcmp(def->defname, "count_field") == 0) return defGetString(def);
  }
  return nullptr;
}

int AcquireRowCount(Relation relation, int elevel, HeapTuple*, int, double* totalrows, double* totaldeadrows) {
  TableOptions* options = GetTableOptions(RelationGetRelid(relation), GetUserId());
  const char* count_field = CountFieldOf(RelationGetRelid(relation));
  ErrorSite site;
  site.server_name = options->server_name;
  site.query_field = options->query_field;
  double count = 0;
  BeginRemoteWait();
  RunGuarded(&site, [&] {
    SetRedactedUrl(&site, options->url);
    std::string arguments = options->arguments != nullptr ? rr::ArgumentsJsonToGraphQL(options->arguments) : "";
    rr::HttpRequest request = HttpRequestFor(options);
    request.body = rr::CountRequestBody(options->query_field, count_field, arguments);
    rr::HttpResponse response = GetHttpClient(options->server_id)->Post(request, &TransferShouldStop);
    if (response.status < 200 || response.status > 299)
      rr::ThrowHttpStatusError(response.status, response.body, response.content_type);
    count = rr::ReadCount(std::move(response.body), options->query_field, count_field);
  });
  EndRemoteWait();
  *totalrows = count;
  *totaldeadrows = 0;
  ereport(elevel, (errmsg("\"%s\": the remote counts %.0f rows (%s); no sample rows are read",
                          RelationGetRelationName(relation), count, count_field)));
  return 0;
}

}  // namespace

bool AnalyzeForeignTable(Relation relation, AcquireSampleRowsFunc* func, BlockNumber* totalpages) {
  if (CountFieldOf(RelationGetRelid(relation)) == nullptr) return false;  // "cannot analyze this foreign table"
  *func = AcquireRowCount;
  *totalpages = 1;
  return true;
}

}  // namespace rr_pg
