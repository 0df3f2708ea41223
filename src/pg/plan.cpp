// Planning: size estimates, the one path of a plain scan, and the plan that records
// which columns the scan must fetch.
#include "fdw.hpp"
#include "pushdown.hpp"

namespace rr_pg {

namespace {

// Without remote statistics, assume a sizeable remote list so that the planner prefers
// plans that fetch less (key lookups come with parameterized paths later).
constexpr double kDefaultRemoteRows = 1000.0;
// One HTTP round trip, and the extra work per row of transfer and JSON parsing.
constexpr double kRequestCost = 100.0;
constexpr double kPerRowTransferCost = 0.01;

}  // namespace

// A query field that returns one object gives at most one row.
bool ReturnsOneObject(Oid foreigntableid) {
  ListCell* cell;
  foreach (cell, GetForeignTable(foreigntableid)->options) {
    DefElem* def = static_cast<DefElem*>(lfirst(cell));
    if (strcmp(def->defname, "query_returns") == 0) return strcmp(defGetString(def), "object") == 0;
  }
  return false;
}

void GetForeignRelSize(PlannerInfo* root, RelOptInfo* baserel, Oid foreigntableid) {
  double tuples = baserel->tuples > 0 ? baserel->tuples : kDefaultRemoteRows;
  if (ReturnsOneObject(foreigntableid)) tuples = 1;
  double selectivity = clauselist_selectivity(root, baserel->baserestrictinfo, 0, JOIN_INNER, nullptr);
  baserel->rows = clamp_row_est(tuples * selectivity);
}

void GetForeignPaths(PlannerInfo* root, RelOptInfo* baserel, Oid foreigntableid) {
  double remote_rows = baserel->tuples > 0 ? baserel->tuples : kDefaultRemoteRows;
  if (ReturnsOneObject(foreigntableid)) remote_rows = 1;
  Cost startup_cost = kRequestCost;
  // Every remote row is transferred and parsed; local quals then cost per row as usual.
  Cost run_cost = remote_rows * (cpu_tuple_cost + kPerRowTransferCost) +
                  remote_rows * baserel->baserestrictcost.per_tuple;
  add_path(baserel, reinterpret_cast<Path*>(create_foreignscan_path(
                        root, baserel, nullptr, baserel->rows, startup_cost, startup_cost + run_cost,
                        NIL, nullptr, nullptr, NIL)));
}

ForeignScan* GetForeignPlan(PlannerInfo* root, RelOptInfo* baserel, Oid foreigntableid,
                            ForeignPath* best_path, List* tlist, List* scan_clauses, Plan* outer_plan) {
  (void)best_path;
  // Quals that feed arguments go to the remote as variables; every qual is still checked
  // locally, so the result is the same whatever the remote does with them.
  List* pushed_attnums = NIL;
  List* pushed_values = NIL;
  FindArgumentQuals(root, baserel, foreigntableid, &pushed_attnums, &pushed_values);
  scan_clauses = extract_actual_clauses(scan_clauses, false);

  // The columns the scan must fetch: those the query reads, and those local quals read.
  Bitmapset* attrs_used = nullptr;
  pull_varattnos(reinterpret_cast<Node*>(baserel->reltarget->exprs), baserel->relid, &attrs_used);
  pull_varattnos(reinterpret_cast<Node*>(scan_clauses), baserel->relid, &attrs_used);

  RangeTblEntry* rte = planner_rt_fetch(baserel->relid, root);
  Relation rel = table_open(rte->relid, NoLock);
  TupleDesc desc = RelationGetDescr(rel);
  bool whole_row = bms_is_member(0 - FirstLowInvalidHeapAttributeNumber, attrs_used);
  List* retrieved_attrs = NIL;
  for (int i = 1; i <= desc->natts; i++) {
    if (TupleDescAttr(desc, i - 1)->attisdropped) continue;
    if (whole_row || bms_is_member(i - FirstLowInvalidHeapAttributeNumber, attrs_used))
      retrieved_attrs = lappend_int(retrieved_attrs, i);
  }
  table_close(rel, NoLock);

  return make_foreignscan(tlist, scan_clauses, baserel->relid, pushed_values,
                          list_make2(retrieved_attrs, pushed_attnums), NIL, NIL, outer_plan);
}

}  // namespace rr_pg
