// Planning: size estimates, the one path of a plain scan, and the plan that records
// which columns the scan must fetch.
#include "fdw.hpp"

namespace rr_pg {

namespace {

// Without remote statistics, assume a sizeable remote list so that the planner prefers
// plans that fetch less (key lookups come with parameterized paths later).
constexpr double kDefaultRemoteRows = 1000.0;
// One HTTP round trip, and the extra work per row of transfer and JSON parsing.
constexpr double kRequestCost = 100.0;
constexpr double kPerRowTransferCost = 0.01;

}  // namespace

void GetForeignRelSize(PlannerInfo* root, RelOptInfo* baserel, Oid foreigntableid) {
  (void)foreigntableid;
  double tuples = baserel->tuples > 0 ? baserel->tuples : kDefaultRemoteRows;
  double selectivity = clauselist_selectivity(root, baserel->baserestrictinfo, 0, JOIN_INNER, nullptr);
  baserel->rows = clamp_row_est(tuples * selectivity);
}

void GetForeignPaths(PlannerInfo* root, RelOptInfo* baserel, Oid foreigntableid) {
  (void)foreigntableid;
  double remote_rows = baserel->tuples > 0 ? baserel->tuples : kDefaultRemoteRows;
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
  (void)root;
  (void)foreigntableid;
  (void)best_path;
  // No qual is sent to the remote yet: every qual is checked locally.
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

  return make_foreignscan(tlist, scan_clauses, baserel->relid, NIL, list_make1(retrieved_attrs), NIL, NIL,
                          outer_plan);
}

}  // namespace rr_pg
