// ANALYZE of a foreign table: a sample for column statistics and the row count.
//
// The sample: up to PostgreSQL's target number of rows, drawn uniformly (reservoir sampling,
// as ANALYZE of a local table and postgres_fdw do) from the rows of a paged scan of the
// table, which reads at most analyze_max_rows rows (table or server option; 0 reads none).
// Without column statistics the planner guesses 200 distinct values per join column, and a
// join of 100 keys with 40 000 remote rows comes out 100 times too large.
// The row count: the remote's count_field (recorded by IMPORT) in one request, else the rows
// the scan read. A table whose query field needs arguments has no rows of its own to sample.
#include "fdw.hpp"

#include "connection.hpp"
#include "core/count.hpp"
#include "core/retry.hpp"
#include "core/options.hpp"
#include "core/remote_scan.hpp"
#include "option.hpp"

namespace rr_pg {

namespace {

constexpr double kDefaultAnalyzeMaxRows = 100000;

// A count below a query path's parents would need their arguments: such a table is sampled.
const char* CountFieldOf(Oid relid) {
  const char* count_field = nullptr;
  ListCell* cell;
  foreach (cell, GetForeignTable(relid)->options) {
    DefElem* def = static_cast<DefElem*>(lfirst(cell));
    if (strcmp(def->defname, "count_field") == 0) count_field = defGetString(def);
    if (strcmp(def->defname, "query_field") == 0 && strchr(defGetString(def), '.') != nullptr) return nullptr;
  }
  return count_field;
}

double RemoteCount(Relation relation, const char* count_field) {
  TableOptions* options = GetTableOptions(RelationGetRelid(relation), GetUserId());
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
    rr::HttpResponse response = rr::PostWithRetries(GetHttpClient(options->server_id).get(), request, &TransferShouldStop);
    if (response.status < 200 || response.status > 299) rr::ThrowFinalHttpStatus(request, response);
    count = rr::ReadCount(std::move(response.body), options->query_field, count_field);
  });
  EndRemoteWait();
  return count;
}

// Whether a scan of the whole table can run: no argument it must be given.
bool Sampleable(Relation relation) {
  Oid relid = RelationGetRelid(relation);
  int natts = RelationGetDescr(relation)->natts;
  for (int attnum = 1; attnum <= natts; attnum++) {
    ListCell* cell;
    foreach (cell, GetForeignColumnOptions(relid, static_cast<AttrNumber>(attnum))) {
      DefElem* def = static_cast<DefElem*>(lfirst(cell));
      if (strcmp(def->defname, "input_only") == 0 && defGetBoolean(def)) return false;
    }
  }
  return !LacksRequiredArgument(relid, natts, NIL);
}

double AnalyzeMaxRows(Relation relation) {
  return Sampleable(relation) ? NumericOption(GetForeignTable(RelationGetRelid(relation)), "analyze_max_rows",
                                              kDefaultAnalyzeMaxRows)
                              : 0;
}

// Reads up to max_rows rows of the table into the reservoir rows[targrows]; returns the rows
// read, *numrows the rows kept.
long SampleRows(Relation relation, HeapTuple* rows, int targrows, long max_rows, int* numrows) {
  TupleDesc desc = RelationGetDescr(relation);
  MemoryContext caller = CurrentMemoryContext;
  EState* estate = CreateExecutorState();
  ExprContext* econtext = CreateExprContext(estate);
  MemoryContext row_context = AllocSetContextCreate(caller, "remote_relationship sample row", ALLOCSET_DEFAULT_SIZES);
  List* attnums = NIL;
  for (int i = 0; i < desc->natts; i++)
    if (!TupleDescAttr(desc, i)->attisdropped) attnums = lappend_int(attnums, i + 1);
  MemoryContext scan_context = MemoryContextSwitchTo(estate->es_query_cxt);
  ScanState* state = BeginRemoteScan(relation, GetUserId(), attnums, NIL, NIL, NIL, 0, NIL, nullptr, 0, econtext, estate, false);
  MemoryContextSwitchTo(scan_context);
  rr::RemoteScan* remote = *state->remote;

  Datum* values = static_cast<Datum*>(palloc(sizeof(Datum) * (desc->natts + 1)));
  bool* nulls = static_cast<bool*>(palloc(sizeof(bool) * (desc->natts + 1)));
  ReservoirStateData reservoir;
  reservoir_init_selection_state(&reservoir, targrows);
  double to_skip = -1;
  long read = 0;
  *numrows = 0;
  while (read < max_rows) {
    vacuum_delay_point();
    bool have_row = false;
    BeginRemoteWait();
    RunGuarded(&state->site, [&] { have_row = remote->NextRow(); });
    EndRemoteWait();
    if (!have_row) break;
    read++;
    // As acquire_sample_rows: the first targrows rows fill the reservoir, later ones replace a
    // random row of it after a random number of skipped rows.
    int slot = -1;
    bool replaces = false;
    if (*numrows < targrows) {
      slot = (*numrows)++;
    } else {
      if (to_skip < 0) to_skip = reservoir_get_next_S(&reservoir, static_cast<double>(read - 1), targrows);
      if (to_skip <= 0) {
        slot = static_cast<int>(targrows * sampler_random_fract(&reservoir.randstate));
        replaces = true;
      }
      to_skip -= 1;
    }
    if (slot < 0) continue;
    MemoryContext outer = MemoryContextSwitchTo(row_context);
    for (int i = 0; i < desc->natts; i++) nulls[i] = true;
    const rr::Cell* cells = remote->cells().data();
    for (int k = 0; k < state->ncolumns; k++) {
      const ColumnConverter* column = &state->columns[k];
      values[column->attnum - 1] = ConvertCell(column, &cells[k], &state->site, &nulls[column->attnum - 1]);
    }
    MemoryContextSwitchTo(caller);
    if (replaces) heap_freetuple(rows[slot]);
    rows[slot] = heap_form_tuple(desc, values, nulls);
    MemoryContextSwitchTo(outer);
    MemoryContextReset(row_context);
  }
  delete *state->remote;  // the destructor neither throws nor calls PostgreSQL
  *state->remote = nullptr;
  FreeExecutorState(estate);
  MemoryContextDelete(row_context);
  return read;
}

int AcquireSample(Relation relation, int elevel, HeapTuple* rows, int targrows, double* totalrows,
                  double* totaldeadrows) {
  const char* count_field = CountFieldOf(RelationGetRelid(relation));
  double count = count_field != nullptr ? RemoteCount(relation, count_field) : -1;
  long max_rows = static_cast<long>(AnalyzeMaxRows(relation));
  int numrows = 0;
  long read = max_rows > 0 ? SampleRows(relation, rows, targrows, max_rows, &numrows) : 0;
  // A scan that read the whole table counted it; one that stopped at analyze_max_rows saw
  // only part of it, and then the count, if any, says how large it is.
  bool read_all = max_rows > 0 && read < max_rows;
  *totalrows = read_all || count < 0 ? static_cast<double>(read) : count;
  *totaldeadrows = 0;
  if (count >= 0)
    ereport(elevel, (errmsg("\"%s\": the remote counts %.0f rows (%s); %ld rows read, %d in the sample",
                            RelationGetRelationName(relation), count, count_field, read, numrows)));
  else
    ereport(elevel, (errmsg("\"%s\": %ld remote rows read%s, %d in the sample", RelationGetRelationName(relation),
                            read, read >= max_rows ? " (analyze_max_rows)" : "", numrows)));
  return numrows;
}

}  // namespace

bool AnalyzeForeignTable(Relation relation, AcquireSampleRowsFunc* func, BlockNumber* totalpages) {
  // Nothing to read: "cannot analyze this foreign table".
  if (CountFieldOf(RelationGetRelid(relation)) == nullptr && AnalyzeMaxRows(relation) <= 0) return false;
  *func = AcquireSample;
  *totalpages = 1;
  return true;
}

}  // namespace rr_pg
