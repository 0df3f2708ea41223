// The FDW callbacks, one group per file: plan.cpp (planning), scan.cpp (execution),
// explain.cpp (EXPLAIN). fdw.cpp assembles them into the FdwRoutine.
#pragma once

#include "pg_headers.hpp"

#include "convert.hpp"
#include "core/remote_scan.hpp"
#include "guard.hpp"
#include "pushdown.hpp"

namespace rr_pg {

// Executor state of one foreign scan (palloc'd in the query's memory context).
struct ScanState {
  rr::RemoteScan** remote;       // owned by the memory context (see NewOwnedSlot)
  ErrorSite site;                // server, URL, query field: for messages
  Oid server_id;
  Oid user_id;                   // whose user mapping applies
  const char* session_key;       // the forwarded header values (schema cache key)
  int ncolumns;                  // columns fetched from the remote
  ColumnConverter* columns;      // [ncolumns]
  bool arguments_as_literals;    // fixed arguments written as literals (types unknown)
  rr::ScanStats introspection;   // introspection requests this scan sent (EXPLAIN ANALYZE)
  List* pushed_attnums;          // columns whose quals feed arguments or the filter (int list)
  List* pushed_ops;              // what each asks (PushedOp, int list)
  List* pushed_states;           // their value expressions (ExprState)
  int npushed;
  PushedValue* pushed;           // [npushed]: the values of this (re)scan
  MemoryContext pushed_context;  // holds them; reset at each rescan
  bool values_pending;           // read them (again) before the next fetch
  double convert_ms;             // turning cells into datums; timed only under EXPLAIN ANALYZE's TIMING
  int row_limit;                 // rows the query needs at most (a pushed LIMIT), or 0
  int pages_ahead;               // offset pages asked for at once after a full one (1 under a LIMIT)
  List* order_terms;             // a pushed ORDER BY: (attnum, descending, nulls first) int lists
  int* pushed_variable;          // [npushed]: the request variable of an argument value, or -1
  int filter_variable;           // the variable of the filter argument, or -1 when it is not sent
  int filter_dialect;            // rr::FilterDialect of the table
  const char* filter_argument;
  const char** filter_fields;    // [npushed]: the filter's input field of each filter term
  const char** filter_types;     // [npushed]: the scalar type it compares, or NULL
};

// Sets up the scan of foreign table rel as userid: its options, converters for
// retrieved_attrs, the pushed values (evaluated now where they can be, then the nextra given
// ones, e.g. a batched join's keys) and the RemoteScan with its request. May raise.
ScanState* BeginRemoteScan(Relation rel, Oid userid, List* retrieved_attrs, List* pushed_attnums, List* pushed_ops,
                           List* pushed_states, int row_limit, List* order_terms, const PushedValue* extra, int nextra,
                           ExprContext* econtext, EState* estate, bool explain_only);

// The request's variables for the pushed values just read, and a restart of the scan. C++
// only (call inside RunGuarded).
void SetPushedVariables(const ScanState* state, rr::RemoteScan* remote);
// The same without the restart (a batched join adds lanes with them). C++ only.
void BindPushedVariables(const ScanState* state, rr::RemoteScan* remote);

// col = NULL holds for no row, nor does col = ANY('{}'): such a scan sends nothing.
bool AnyPushedNull(const ScanState* state);

// The batched remote join: the planner hook that offers it, and its plan and executor nodes.
void RegisterBatchedJoin();
extern bool enable_batched_join_setting;

// ANALYZE: the remote's row count through the table's count_field (analyze.cpp).
bool AnalyzeForeignTable(Relation relation, AcquireSampleRowsFunc* func, BlockNumber* totalpages);

// Planning
// A numeric option of the table, else of its server, else fallback (the validator checked it).
double NumericOption(ForeignTable* table, const char* name, double fallback);
// Requests a scan or a batched join keeps in flight at once (the server's max_concurrent_requests).
constexpr int kDefaultConcurrentRequests = 4;
// A text option of the table, else of its server, else fallback.
const char* TextOption(ForeignTable* table, const char* name, const char* fallback);
// Whether the table's query field needs an argument that no column of pushed_attnums gives (an
// input-only column, or argument_types saying it is non-null).
bool LacksRequiredArgument(Oid foreigntableid, int natts, List* pushed_attnums);
double RequestCost(ForeignTable* table);      // fdw_startup_cost
double RowTransferCost(ForeignTable* table);  // fdw_tuple_cost
// The requests that fetch rows rows: pages of page_size (one for pagination 'none').
double RequestsFor(ForeignTable* table, double rows);
// The share of the table's rows that its quals pushed to the remote select.
double PushedSelectivity(PlannerInfo* root, RelOptInfo* baserel, Oid foreigntableid);
void GetForeignRelSize(PlannerInfo* root, RelOptInfo* baserel, Oid foreigntableid);
void GetForeignPaths(PlannerInfo* root, RelOptInfo* baserel, Oid foreigntableid);
ForeignScan* GetForeignPlan(PlannerInfo* root, RelOptInfo* baserel, Oid foreigntableid,
                            ForeignPath* best_path, List* tlist, List* scan_clauses, Plan* outer_plan);

// Execution
void BeginForeignScan(ForeignScanState* node, int eflags);
TupleTableSlot* IterateForeignScan(ForeignScanState* node);
void ReScanForeignScan(ForeignScanState* node);
void EndForeignScan(ForeignScanState* node);
// on_partial_error 'warn': one WARNING for the scan's partial errors, if there were any.
void WarnOfPartialErrors(const ScanState* state);

// EXPLAIN
void ExplainForeignScan(ForeignScanState* node, ExplainState* es);
// With ANALYZE and TIMING: the time a scan waited on the network and spent parsing answers.
void ExplainRemoteTimes(const rr::ScanStats& stats, double convert_ms, ExplainState* es);
// Whether a plan node's time is being measured (EXPLAIN ANALYZE with TIMING): then the
// conversion of cells is timed too.
inline bool TimesConversion(const PlanState* node) { return node->instrument != nullptr && node->instrument->need_timer; }
// Milliseconds since started.
inline double ElapsedMs(const instr_time& started) {
  instr_time now;
  INSTR_TIME_SET_CURRENT(now);
  INSTR_TIME_SUBTRACT(now, started);
  return INSTR_TIME_GET_MILLISEC(now);
}

}  // namespace rr_pg
