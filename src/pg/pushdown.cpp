#include "pushdown.hpp"

#include "core/request.hpp"

namespace rr_pg {

namespace {

// The column a Var (possibly under a binary-compatible cast) of baserel reads, or 0.
AttrNumber ColumnOf(Node* node, Index relid) {
  while (node != nullptr && IsA(node, RelabelType)) node = reinterpret_cast<Node*>(reinterpret_cast<RelabelType*>(node)->arg);
  if (node == nullptr || !IsA(node, Var)) return 0;
  Var* var = reinterpret_cast<Var*>(node);
  if (static_cast<Index>(var->varno) != relid || var->varlevelsup != 0 || var->varattno <= 0) return 0;
  return var->varattno;
}

bool ContainsExecParamWalker(Node* node, void* context) {
  if (node == nullptr) return false;
  if (IsA(node, Param) && reinterpret_cast<Param*>(node)->paramkind == PARAM_EXEC) return true;
  // The walker's PostgreSQL 15 prototype takes a function without declared parameters.
  return expression_tree_walker(node, reinterpret_cast<bool (*)()>(reinterpret_cast<void (*)()>(ContainsExecParamWalker)),
                                context);
}

int CategoryOf(Oid type) {
  switch (getBaseType(type)) {
    case INT2OID: case INT4OID: case INT8OID: case FLOAT4OID: case FLOAT8OID: case NUMERICOID: case OIDOID:
      return static_cast<int>(rr::ValueCategory::kNumber);
    case BOOLOID: return static_cast<int>(rr::ValueCategory::kBoolean);
    case JSONOID: case JSONBOID: return static_cast<int>(rr::ValueCategory::kJson);
    default: return static_cast<int>(rr::ValueCategory::kText);
  }
}

const char* DefaultGraphQLType(Oid type) {
  switch (getBaseType(type)) {
    case INT2OID: case INT4OID: return "Int";
    case INT8OID: case FLOAT4OID: case FLOAT8OID: case NUMERICOID: return "Float";
    case BOOLOID: return "Boolean";
    default: return "String";
  }
}

}  // namespace

// The `argument` option of a column, or nullptr.
const char* ColumnArgument(Oid foreigntableid, AttrNumber attnum) {
  ListCell* cell;
  foreach (cell, GetForeignColumnOptions(foreigntableid, attnum)) {
    DefElem* def = static_cast<DefElem*>(lfirst(cell));
    if (strcmp(def->defname, "argument") == 0) return defGetString(def);
  }
  return nullptr;
}

bool MatchArgumentQual(PlannerInfo* root, RelOptInfo* baserel, Oid foreigntableid, Expr* clause,
                       AttrNumber* attnum, Node** value) {
  if (!IsA(clause, OpExpr)) return false;
  OpExpr* op = reinterpret_cast<OpExpr*>(clause);
  if (list_length(op->args) != 2) return false;
  Node* left = static_cast<Node*>(linitial(op->args));
  Node* right = static_cast<Node*>(lsecond(op->args));
  *attnum = ColumnOf(left, baserel->relid);
  *value = right;
  if (*attnum == 0) {
    *attnum = ColumnOf(right, baserel->relid);
    *value = left;
  }
  // The value may read other relations (a join's outer row), never this one.
  if (*attnum == 0 || contain_volatile_functions(*value) ||
      bms_is_member(static_cast<int>(baserel->relid), pull_varnos(root, *value)))
    return false;
  // An equality operator that a merge join could use ("=" in the btree sense), between
  // values of one type (a bigint constant for an Int argument could be out of its range),
  // under a deterministic collation: the remote compares exactly, and a case-insensitive
  // "=" would lose the rows that differ only in case.
  if (!op_mergejoinable(op->opno, exprType(left)) || exprType(left) != exprType(right)) return false;
  Oid collation = op->inputcollid;
  if (OidIsValid(collation) && !get_collation_isdeterministic(collation)) return false;
  return ColumnArgument(foreigntableid, *attnum) != nullptr;
}

void FindArgumentQuals(PlannerInfo* root, RelOptInfo* baserel, Oid foreigntableid, List* clauses, List** attnums,
                       List** values) {
  *attnums = NIL;
  *values = NIL;
  ListCell* cell;
  foreach (cell, clauses) {
    RestrictInfo* info = static_cast<RestrictInfo*>(lfirst(cell));
    AttrNumber attnum;
    Node* value;
    if (!MatchArgumentQual(root, baserel, foreigntableid, info->clause, &attnum, &value)) continue;
    if (list_member_int(*attnums, attnum)) continue;
    // A value of another relation is known only in a join: its clause must be one that this
    // scan is asked to check (a parameterized path), which GetForeignPlan's clauses are.
    *attnums = lappend_int(*attnums, attnum);
    *values = lappend(*values, value);
  }
}

List* InitPushedValues(List* values, PlanState* parent) { return ExecInitExprList(values, parent); }

bool EvaluatePushedValues(List* attnums, List* states, ExprContext* econtext, bool defer_exec_params,
                          MemoryContext context, PushedValue* values) {
  // The values live until the next (re)scan evaluates them again.
  MemoryContextReset(context);
  MemoryContext caller = MemoryContextSwitchTo(context);
  // Values go out in a form that does not depend on the session's settings, as postgres_fdw's
  // set_transmission_modes does: ISO dates, all float digits.
  int nest_level = NewGUCNestLevel();
  (void)set_config_option("datestyle", "ISO", PGC_USERSET, PGC_S_SESSION, GUC_ACTION_SAVE, true, 0, false);
  (void)set_config_option("intervalstyle", "postgres", PGC_USERSET, PGC_S_SESSION, GUC_ACTION_SAVE, true, 0, false);
  (void)set_config_option("extra_float_digits", "3", PGC_USERSET, PGC_S_SESSION, GUC_ACTION_SAVE, true, 0, false);
  bool deferred = false;
  int index = 0;
  ListCell *attnum_cell, *state_cell;
  forboth (attnum_cell, attnums, state_cell, states) {
    ExprState* state = static_cast<ExprState*>(lfirst(state_cell));
    PushedValue* value = &values[index++];
    Oid type = exprType(reinterpret_cast<Node*>(state->expr));
    value->attnum = static_cast<AttrNumber>(lfirst_int(attnum_cell));
    value->category = CategoryOf(type);
    value->default_type = DefaultGraphQLType(type);
    value->text = nullptr;
    value->datum = 0;
    value->isnull = true;
    // A PARAM_EXEC (an outer row's value, an initPlan's result) is not set while the plan is
    // being initialised: such a value is read when the scan first fetches.
    value->from_param = ContainsExecParamWalker(reinterpret_cast<Node*>(state->expr), nullptr);
    value->known = !(defer_exec_params && value->from_param);
    if (!value->known) {
      deferred = true;
      continue;
    }
    value->datum = ExecEvalExpr(state, econtext, &value->isnull);
    if (value->isnull) continue;
    Oid output;
    bool varlena;
    getTypeOutputInfo(type, &output, &varlena);
    char* text = OidOutputFunctionCall(output, value->datum);
    value->text = pg_server_to_any(text, static_cast<int>(strlen(text)), PG_UTF8);
    // The datum is the expression's result: copy it out of the expression's memory.
    int16 typlen;
    bool typbyval;
    get_typlenbyval(type, &typlen, &typbyval);
    value->datum = datumCopy(value->datum, typbyval, typlen);
  }
  AtEOXact_GUC(true, nest_level);
  MemoryContextSwitchTo(caller);
  return deferred;
}

}  // namespace rr_pg
