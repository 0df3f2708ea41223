// Planning: size estimates, the path of a plain scan and the parameterized paths of joins
// that feed arguments, and the plan that records which columns the scan must fetch.
#include "fdw.hpp"
#include "option.hpp"
#include "pushdown.hpp"

extern "C" {
#include "access/stratnum.h"
#include "catalog/pg_am.h"
}

namespace rr_pg {

namespace {

// Without remote statistics, assume a sizeable remote list so that the planner prefers
// plans that fetch less.
constexpr double kDefaultRemoteRows = 1000.0;
// One HTTP round trip (fdw_startup_cost), and the extra work per row of transfer and JSON
// parsing (fdw_tuple_cost), unless the table or server options say otherwise.
constexpr double kRequestCost = 100.0;
constexpr double kPerRowTransferCost = 0.01;
// A LIMIT above this is no reason to ask for smaller pages.
constexpr double kMaxPageSizeForLimit = 1000000;

}  // namespace

// Whether the query field needs an argument that no restriction of the scan gives: a column
// with the `argument` option that is input-only (IMPORT makes those for required arguments) or
// whose argument_types entry is non-null. Such a scan can only run as the inner side of a
// join that feeds it, or fails at the remote.
bool LacksRequiredArgument(Oid foreigntableid, int natts, List* pushed_attnums) {
  Jsonb* types = nullptr;
  ListCell* cell;
  foreach (cell, GetForeignTable(foreigntableid)->options) {
    DefElem* def = static_cast<DefElem*>(lfirst(cell));
    if (strcmp(def->defname, "argument_types") == 0)
      types = DatumGetJsonbP(DirectFunctionCall1(jsonb_in, CStringGetDatum(defGetString(def))));
  }
  for (int attnum = 1; attnum <= natts; attnum++) {
    const char* argument = nullptr;
    bool input_only = false;
    foreach (cell, GetForeignColumnOptions(foreigntableid, static_cast<AttrNumber>(attnum))) {
      DefElem* def = static_cast<DefElem*>(lfirst(cell));
      if (strcmp(def->defname, "argument") == 0) argument = defGetString(def);
      if (strcmp(def->defname, "input_only") == 0) input_only = defGetBoolean(def);
    }
    if (argument == nullptr || list_member_int(pushed_attnums, attnum)) continue;
    bool required = input_only;
    if (!required && types != nullptr && JB_ROOT_IS_OBJECT(types)) {
      JsonbValue key;
      key.type = jbvString;
      key.val.string.val = const_cast<char*>(argument);
      key.val.string.len = static_cast<int>(strlen(argument));
      JsonbValue* type = findJsonbValueFromContainer(&types->root, JB_FOBJECT, &key);
      required = type != nullptr && type->type == jbvString && type->val.string.len > 0 &&
                 type->val.string.val[type->val.string.len - 1] == '!';
    }
    if (required) return true;
  }
  return false;
}

const char* TextOption(ForeignTable* table, const char* name, const char* fallback) {
  for (List* options : {table->options, GetForeignServer(table->serverid)->options}) {
    ListCell* cell;
    foreach (cell, options) {
      DefElem* def = static_cast<DefElem*>(lfirst(cell));
      if (strcmp(def->defname, name) == 0) return defGetString(def);
    }
  }
  return fallback;
}

double NumericOption(ForeignTable* table, const char* name, double fallback) {
  const char* text = TextOption(table, name, nullptr);
  return text != nullptr ? strtod(text, nullptr) : fallback;
}

double RequestCost(ForeignTable* table) { return NumericOption(table, "fdw_startup_cost", kRequestCost); }
double RowTransferCost(ForeignTable* table) { return NumericOption(table, "fdw_tuple_cost", kPerRowTransferCost); }

double RequestsFor(ForeignTable* table, double rows) {
  ListCell* cell;
  foreach (cell, table->options) {
    DefElem* def = static_cast<DefElem*>(lfirst(cell));
    if (strcmp(def->defname, "pagination") == 0 && strcmp(defGetString(def), "none") == 0) return 1;
  }
  double page_size = NumericOption(table, "page_size", kDefaultPageSize);
  return Max(1.0, ceil(rows / Max(page_size, 1.0)));
}

double PushedSelectivity(PlannerInfo* root, RelOptInfo* baserel, Oid foreigntableid) {
  List* pushed = NIL;
  ListCell* cell;
  foreach (cell, baserel->baserestrictinfo) {
    RestrictInfo* info = static_cast<RestrictInfo*>(lfirst(cell));
    AttrNumber attnum;
    PushedOp op;
    Node* value;
    if (MatchPushableQual(root, baserel, foreigntableid, info->clause, false, &attnum, &op, &value) ||
        IsPushableOr(root, baserel, foreigntableid, info->clause))
      pushed = lappend(pushed, info);
  }
  return pushed == NIL ? 1.0 : clauselist_selectivity(root, pushed, static_cast<int>(baserel->relid), JOIN_INNER, nullptr);
}

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

namespace {

// The query's ORDER BY as order terms ((attnum, descending, nulls first) int lists) when the
// remote can sort by it exactly: Hasura's order_by (which states where NULLs go) with its type
// recorded and no fixed argument setting it; the table alone in the query; every key a plain
// field of a type that sorts alike everywhere (numbers, booleans, dates, timestamps, uuid; text,
// whose order depends on collations, only with the option sort_text 'remote') under its
// default btree order. NIL otherwise.
List* PushableOrder(PlannerInfo* root, RelOptInfo* baserel, Oid foreigntableid) {
  if (!enable_pushdown_setting || root->query_pathkeys == NIL || bms_membership(root->all_baserels) != BMS_SINGLETON)
    return NIL;
  const char* dialect = nullptr;
  const char* argument = nullptr;
  const char* types = nullptr;
  const char* fixed = nullptr;
  ListCell* cell;
  foreach (cell, GetForeignTable(foreigntableid)->options) {
    DefElem* def = static_cast<DefElem*>(lfirst(cell));
    if (strcmp(def->defname, "order_dialect") == 0) dialect = defGetString(def);
    if (strcmp(def->defname, "order_argument") == 0) argument = defGetString(def);
    if (strcmp(def->defname, "argument_types") == 0) types = defGetString(def);
    if (strcmp(def->defname, "arguments") == 0) fixed = defGetString(def);
  }
  if (dialect == nullptr || strcmp(dialect, "order_by") != 0 || argument == nullptr || types == nullptr) return NIL;
  if (!JsonHasKey(types, argument) || JsonHasKey(fixed, argument)) return NIL;
  bool sort_text_remote = strcmp(TextOption(GetForeignTable(foreigntableid), "sort_text", "local"), "remote") == 0;
  List* terms = NIL;
  foreach (cell, root->query_pathkeys) {
    PathKey* key = static_cast<PathKey*>(lfirst(cell));
    if (key->pk_eclass->ec_has_volatile) return NIL;
    Var* var = nullptr;
    ListCell* member_cell;
    foreach (member_cell, key->pk_eclass->ec_members) {
      EquivalenceMember* member = static_cast<EquivalenceMember*>(lfirst(member_cell));
      Node* expr = reinterpret_cast<Node*>(member->em_expr);
      while (expr != nullptr && IsA(expr, RelabelType)) expr = reinterpret_cast<Node*>(reinterpret_cast<RelabelType*>(expr)->arg);
      if (expr != nullptr && IsA(expr, Var) && static_cast<Index>(reinterpret_cast<Var*>(expr)->varno) == baserel->relid &&
          reinterpret_cast<Var*>(expr)->varattno > 0 && reinterpret_cast<Var*>(expr)->varlevelsup == 0) {
        var = reinterpret_cast<Var*>(expr);
        break;
      }
    }
    if (var == nullptr) return NIL;
    switch (getBaseType(var->vartype)) {
      case INT2OID: case INT4OID: case INT8OID: case NUMERICOID: case BOOLOID: case DATEOID: case TIMESTAMPOID:
      case TIMESTAMPTZOID: case UUIDOID:
        break;
      case TEXTOID: case VARCHAROID:
        // The user says the remote sorts text as the column's collation does; an ORDER BY
        // under another collation is still sorted here.
        if (!sort_text_remote || key->pk_eclass->ec_collation != var->varcollid) return NIL;
        break;
      default:
        return NIL;
    }
    Oid opclass = GetDefaultOpClass(getBaseType(var->vartype), BTREE_AM_OID);
    if (!OidIsValid(opclass) || get_opclass_family(opclass) != key->pk_opfamily) return NIL;
    if (key->pk_strategy != BTLessStrategyNumber && key->pk_strategy != BTGreaterStrategyNumber) return NIL;
    const char* field = nullptr;
    foreach (member_cell, GetForeignColumnOptions(foreigntableid, var->varattno)) {
      DefElem* def = static_cast<DefElem*>(lfirst(member_cell));
      if (strcmp(def->defname, "field") == 0) field = defGetString(def);
      if (strcmp(def->defname, "input_only") == 0 && defGetBoolean(def)) return NIL;
      if (strcmp(def->defname, "edge_field") == 0) return NIL;  // order arguments sort by the rows' fields
    }
    if (field != nullptr && strpbrk(field, ". {(") != nullptr) return NIL;  // a nested, selected or argument field
    terms = lappend(terms, list_make3_int(var->varattno, key->pk_strategy == BTGreaterStrategyNumber, key->pk_nulls_first));
  }
  return terms;
}

// Matches the equivalence class members that are argument columns of the foreign table, one
// at a time (as postgres_fdw walks its classes): the first call picks a member not used yet,
// later calls of the same round match only that one.
struct ArgumentMemberSearch {
  Oid foreigntableid;
  Expr* current;
  List* already_used;
};

bool MatchesArgumentMember(PlannerInfo*, RelOptInfo* rel, EquivalenceClass*, EquivalenceMember* member, void* arg) {
  ArgumentMemberSearch* search = static_cast<ArgumentMemberSearch*>(arg);
  Expr* expr = member->em_expr;
  if (search->current != nullptr) return equal(expr, search->current);
  if (list_member(search->already_used, expr)) return false;
  Node* node = reinterpret_cast<Node*>(expr);
  while (node != nullptr && IsA(node, RelabelType)) node = reinterpret_cast<Node*>(reinterpret_cast<RelabelType*>(node)->arg);
  if (node == nullptr || !IsA(node, Var)) return false;
  Var* var = reinterpret_cast<Var*>(node);
  if (static_cast<Index>(var->varno) != rel->relid || var->varattno <= 0 || !IsKeyColumn(search->foreigntableid, var->varattno))
    return false;
  search->current = expr;
  return true;
}

// The outer relations that a join clause feeding an argument needs, added to *param_infos.
void AddParameterization(PlannerInfo* root, RelOptInfo* baserel, Oid foreigntableid, RestrictInfo* info,
                         List** param_infos) {
  AttrNumber attnum;
  PushedOp op;
  Node* value;
  if (!join_clause_is_movable_to(info, baserel) ||
      !MatchPushableQual(root, baserel, foreigntableid, info->clause, true, &attnum, &op, &value))
    return;
  Relids required_outer = bms_union(info->clause_relids, baserel->lateral_relids);
  required_outer = bms_del_member(required_outer, static_cast<int>(baserel->relid));
  if (bms_is_empty(required_outer)) return;
  *param_infos = list_append_unique_ptr(*param_infos, get_baserel_parampathinfo(root, baserel, required_outer));
}

}  // namespace

void GetForeignPaths(PlannerInfo* root, RelOptInfo* baserel, Oid foreigntableid) {
  double remote_rows = baserel->tuples > 0 ? baserel->tuples : kDefaultRemoteRows;
  if (ReturnsOneObject(foreigntableid)) remote_rows = 1;
  ForeignTable* table = GetForeignTable(foreigntableid);
  const double request_cost = RequestCost(table);
  const double row_cost = RowTransferCost(table);
  // The rows the pushed quals select are transferred and parsed, a request per page of them
  // (the first at startup); local quals then cost per transferred row as usual.
  double sent_rows = remote_rows * PushedSelectivity(root, baserel, foreigntableid);
  Cost startup_cost = request_cost;
  Cost run_cost = (RequestsFor(table, sent_rows) - 1) * request_cost + sent_rows * (cpu_tuple_cost + row_cost) +
                  sent_rows * baserel->baserestrictcost.per_tuple;
  List* pushed_attnums = NIL;
  List* pushed_ops = NIL;
  List* pushed_values = NIL;
  FindPushedQuals(root, baserel, foreigntableid, baserel->baserestrictinfo, &pushed_attnums, &pushed_ops, &pushed_values);
  RangeTblEntry* rte = planner_rt_fetch(baserel->relid, root);
  // A scan that lacks a required argument fails unless a join feeds it: let any such plan win.
  if (LacksRequiredArgument(foreigntableid, list_length(rte->eref->colnames), ArgumentAttnums(pushed_attnums, pushed_ops)))
    startup_cost += disable_cost;
  add_path(baserel, reinterpret_cast<Path*>(create_foreignscan_path(
                        root, baserel, nullptr, baserel->rows, startup_cost, startup_cost + run_cost,
                        NIL, nullptr, nullptr, NIL)));
  // The same scan sorted by the remote, when it can sort as the query asks: no local Sort.
  List* order = PushableOrder(root, baserel, foreigntableid);
  if (order != NIL)
    add_path(baserel, reinterpret_cast<Path*>(create_foreignscan_path(
                          root, baserel, nullptr, baserel->rows, startup_cost, startup_cost + run_cost * 1.01,
                          root->query_pathkeys, nullptr, nullptr, list_make1(order))));

  // Parameterized paths: a join clause `argument column = outer expression` sends the outer
  // row's value as the argument, one request per rescan (so per distinct key under Memoize).
  List* param_infos = NIL;
  ListCell* cell;
  foreach (cell, baserel->joininfo)
    AddParameterization(root, baserel, foreigntableid, static_cast<RestrictInfo*>(lfirst(cell)), &param_infos);
  if (baserel->has_eclass_joins) {
    ArgumentMemberSearch search = {foreigntableid, nullptr, NIL};
    for (;;) {
      search.current = nullptr;
      List* clauses = generate_implied_equalities_for_column(root, baserel, MatchesArgumentMember, &search,
                                                             baserel->lateral_referencers);
      if (search.current == nullptr) break;
      foreach (cell, clauses)
        AddParameterization(root, baserel, foreigntableid, static_cast<RestrictInfo*>(lfirst(cell)), &param_infos);
      search.already_used = lappend(search.already_used, search.current);
    }
  }
  foreach (cell, param_infos) {
    ParamPathInfo* param_info = static_cast<ParamPathInfo*>(lfirst(cell));
    double rows = param_info->ppi_rows;
    Cost param_startup = request_cost;
    Cost param_run = (RequestsFor(table, rows) - 1) * request_cost + rows * (cpu_tuple_cost + row_cost) +
                     rows * baserel->baserestrictcost.per_tuple;
    add_path(baserel, reinterpret_cast<Path*>(create_foreignscan_path(
                          root, baserel, nullptr, rows, param_startup, param_startup + param_run, NIL,
                          param_info->ppi_req_outer, nullptr, NIL)));
  }
}

ForeignScan* GetForeignPlan(PlannerInfo* root, RelOptInfo* baserel, Oid foreigntableid,
                            ForeignPath* best_path, List* tlist, List* scan_clauses, Plan* outer_plan) {
  // Quals that feed arguments or the filter go to the remote as variables; every qual is
  // still checked locally, so the result is the same whatever the remote does with them.
  List* pushed_attnums = NIL;
  List* pushed_ops = NIL;
  List* pushed_values = NIL;
  int npushed_clauses = 0;
  FindPushedQuals(root, baserel, foreigntableid, scan_clauses, &pushed_attnums, &pushed_ops, &pushed_values,
                  &npushed_clauses);
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

  // LIMIT: the first page asks for no more rows than the query needs, when the remote decides
  // which rows those are: the table is the query's only relation, no ORDER BY unless the remote
  // sorts (a local sort needs every row), and every qual went to the remote (a local filter would make short pages
  // cost a request each). Paging still goes on if the remote filtered loosely.
  List* order = best_path->fdw_private != NIL ? static_cast<List*>(linitial(best_path->fdw_private)) : NIL;
  int row_limit = 0;
  if (enable_pushdown_setting && root->limit_tuples >= 1 && root->limit_tuples < kMaxPageSizeForLimit &&
      (root->parse->sortClause == NIL || order != NIL) && bms_membership(root->all_baserels) == BMS_SINGLETON &&
      best_path->path.param_info == nullptr && npushed_clauses == list_length(baserel->baserestrictinfo))
    row_limit = static_cast<int>(root->limit_tuples);

  return make_foreignscan(tlist, scan_clauses, baserel->relid, pushed_values,
                          list_make5(retrieved_attrs, pushed_attnums, pushed_ops, list_make1_int(row_limit), order), NIL,
                          NIL, outer_plan);
}

}  // namespace rr_pg
