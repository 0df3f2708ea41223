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

// A value the scan can know when it starts: no column of any rel, nothing volatile.
bool IsPushableValue(PlannerInfo* root, Node* node) {
  return !contain_volatile_functions(node) && bms_is_empty(pull_varnos(root, node));
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

void FindArgumentQuals(PlannerInfo* root, RelOptInfo* baserel, Oid foreigntableid, List** attnums, List** values) {
  *attnums = NIL;
  *values = NIL;
  ListCell* cell;
  foreach (cell, baserel->baserestrictinfo) {
    RestrictInfo* info = static_cast<RestrictInfo*>(lfirst(cell));
    if (!IsA(info->clause, OpExpr)) continue;
    OpExpr* op = reinterpret_cast<OpExpr*>(info->clause);
    if (list_length(op->args) != 2) continue;
    Node* left = static_cast<Node*>(linitial(op->args));
    Node* right = static_cast<Node*>(lsecond(op->args));
    AttrNumber attnum = ColumnOf(left, baserel->relid);
    Node* value = right;
    if (attnum == 0) {
      attnum = ColumnOf(right, baserel->relid);
      value = left;
    }
    if (attnum == 0 || list_member_int(*attnums, attnum) || !IsPushableValue(root, value)) continue;
    // An equality operator that a merge join could use: "=" in the btree sense.
    if (!op_mergejoinable(op->opno, exprType(left))) continue;
    List* options = GetForeignColumnOptions(foreigntableid, attnum);
    char* argument = nullptr;
    bool input_only = false;
    ListCell* option_cell;
    foreach (option_cell, options) {
      DefElem* def = static_cast<DefElem*>(lfirst(option_cell));
      if (strcmp(def->defname, "argument") == 0) argument = defGetString(def);
      if (strcmp(def->defname, "input_only") == 0) input_only = strcmp(defGetString(def), "true") == 0;
    }
    if (argument == nullptr) continue;
    // An input-only column shows the value given: it must be of the column's type.
    if (input_only && exprType(value) != get_atttype(foreigntableid, attnum)) continue;
    *attnums = lappend_int(*attnums, attnum);
    *values = lappend(*values, value);
  }
}

List* InitPushedValues(List* values, PlanState* parent) { return ExecInitExprList(values, parent); }

void EvaluatePushedValues(List* attnums, List* states, ExprContext* econtext, bool explain_only, MemoryContext context,
                          PushedValue* values) {
  // The values live until the next (re)scan evaluates them again.
  MemoryContextReset(context);
  MemoryContext caller = MemoryContextSwitchTo(context);
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
    // Plain EXPLAIN has no outer row: a value taken from one is shown as unknown.
    value->known = !(explain_only && ContainsExecParamWalker(reinterpret_cast<Node*>(state->expr), nullptr));
    if (!value->known) continue;
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
  MemoryContextSwitchTo(caller);
}

}  // namespace rr_pg
