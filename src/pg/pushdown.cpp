#include "pushdown.hpp"

#include "core/request.hpp"

extern "C" {
#include "access/stratnum.h"
#include "utils/array.h"
}

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
bool enable_pushdown_setting = true;

namespace {

const char* OptionOf(List* options, const char* name) {
  ListCell* cell;
  foreach (cell, options) {
    DefElem* def = static_cast<DefElem*>(lfirst(cell));
    if (strcmp(def->defname, name) == 0) return defGetString(def);
  }
  return nullptr;
}

// The table's filter dialect when it has a filter argument: "where", "condition", ... or nullptr.
const char* FilterDialectOf(Oid foreigntableid) {
  List* options = GetForeignTable(foreigntableid)->options;
  const char* dialect = OptionOf(options, "filter_dialect");
  if (dialect == nullptr || OptionOf(options, "filter_argument") == nullptr) return nullptr;
  if (strcmp(dialect, "where") == 0 || strcmp(dialect, "connection_filter") == 0 || strcmp(dialect, "condition") == 0 ||
      strcmp(dialect, "flat_filter") == 0)
    return dialect;
  return nullptr;
}

bool DialectSupports(const char* dialect, PushedOp op) {
  if (dialect == nullptr) return false;
  if (strcmp(dialect, "where") == 0 || strcmp(dialect, "connection_filter") == 0) return true;
  return op == PushedOp::kEqual;
}

bool IsNumeric(Oid type) {
  switch (getBaseType(type)) {
    case INT2OID: case INT4OID: case INT8OID: case FLOAT4OID: case FLOAT8OID: case NUMERICOID: return true;
    default: return false;
  }
}

// The btree strategy of opno as `column op value` (swapped when the column is on the right).
int StrategyOf(Oid opno, bool column_on_right) {
  int strategy = 0;
  List* interpretations = get_op_btree_interpretation(opno);
  ListCell* cell;
  foreach (cell, interpretations) {
    OpBtreeInterpretation* interpretation = static_cast<OpBtreeInterpretation*>(lfirst(cell));
    strategy = interpretation->strategy;
    break;
  }
  if (!column_on_right) return strategy;
  switch (strategy) {
    case BTLessStrategyNumber: return BTGreaterStrategyNumber;
    case BTLessEqualStrategyNumber: return BTGreaterEqualStrategyNumber;
    case BTGreaterEqualStrategyNumber: return BTLessEqualStrategyNumber;
    case BTGreaterStrategyNumber: return BTLessStrategyNumber;
    default: return strategy;
  }
}

bool IsValueFor(PlannerInfo* root, RelOptInfo* baserel, Node* value) {
  return !contain_volatile_functions(value) &&
         !bms_is_member(static_cast<int>(baserel->relid), pull_varnos(root, value));
}

bool DeterministicCollation(Oid collation) {
  return !OidIsValid(collation) || get_collation_isdeterministic(collation);
}

}  // namespace

const char* ColumnArgument(Oid foreigntableid, AttrNumber attnum) {
  return OptionOf(GetForeignColumnOptions(foreigntableid, attnum), "argument");
}

bool FilterTakesKeyLists(Oid foreigntableid) {
  return enable_pushdown_setting && DialectSupports(FilterDialectOf(foreigntableid), PushedOp::kIn) &&
         OptionOf(GetForeignTable(foreigntableid)->options, "argument_types") != nullptr;
}

bool IsKeyColumn(Oid foreigntableid, AttrNumber attnum) {
  if (ColumnArgument(foreigntableid, attnum) != nullptr) return true;
  return enable_pushdown_setting && FilterDialectOf(foreigntableid) != nullptr &&
         OptionOf(GetForeignColumnOptions(foreigntableid, attnum), "filter_field") != nullptr;
}

bool MatchPushableQual(PlannerInfo* root, RelOptInfo* baserel, Oid foreigntableid, Expr* clause, bool keys_only,
                       AttrNumber* attnum, PushedOp* op, Node** value) {
  const char* dialect = enable_pushdown_setting ? FilterDialectOf(foreigntableid) : nullptr;
  auto filter_field = [&](AttrNumber column) {
    return OptionOf(GetForeignColumnOptions(foreigntableid, column), "filter_field") != nullptr;
  };
  if (IsA(clause, NullTest)) {
    NullTest* test = reinterpret_cast<NullTest*>(clause);
    *attnum = ColumnOf(reinterpret_cast<Node*>(test->arg), baserel->relid);
    *op = test->nulltesttype == IS_NULL ? PushedOp::kIsNull : PushedOp::kIsNotNull;
    *value = reinterpret_cast<Node*>(makeBoolConst(true, false));
    return !keys_only && *attnum != 0 && !test->argisrow && DialectSupports(dialect, *op) && filter_field(*attnum);
  }
  if (IsA(clause, ScalarArrayOpExpr)) {
    ScalarArrayOpExpr* any = reinterpret_cast<ScalarArrayOpExpr*>(clause);
    if (keys_only || !any->useOr || list_length(any->args) != 2) return false;
    Node* left = static_cast<Node*>(linitial(any->args));
    *value = static_cast<Node*>(lsecond(any->args));
    *attnum = ColumnOf(left, baserel->relid);
    *op = PushedOp::kIn;
    return *attnum != 0 && IsValueFor(root, baserel, *value) && op_mergejoinable(any->opno, exprType(left)) &&
           get_element_type(exprType(*value)) == exprType(left) && DeterministicCollation(any->inputcollid) &&
           DialectSupports(dialect, *op) && filter_field(*attnum);
  }
  if (!IsA(clause, OpExpr)) return false;
  OpExpr* expr = reinterpret_cast<OpExpr*>(clause);
  if (list_length(expr->args) != 2) return false;
  Node* left = static_cast<Node*>(linitial(expr->args));
  Node* right = static_cast<Node*>(lsecond(expr->args));
  bool column_on_right = false;
  *attnum = ColumnOf(left, baserel->relid);
  *value = right;
  if (*attnum == 0) {
    *attnum = ColumnOf(right, baserel->relid);
    *value = left;
    column_on_right = true;
  }
  if (*attnum == 0 || !IsValueFor(root, baserel, *value)) return false;
  // Between values of one type (a bigint constant for an Int argument could be out of its
  // range), under a deterministic collation: the remote compares exactly, and a
  // case-insensitive "=" would lose the rows that differ only in case.
  if (exprType(left) != exprType(right) || !DeterministicCollation(expr->inputcollid)) return false;
  int strategy = StrategyOf(expr->opno, column_on_right);
  if (strategy == BTEqualStrategyNumber && op_mergejoinable(expr->opno, exprType(left))) {
    if (ColumnArgument(foreigntableid, *attnum) != nullptr) {
      *op = PushedOp::kArgument;
      return true;
    }
    *op = PushedOp::kEqual;
    return DialectSupports(dialect, *op) && filter_field(*attnum);
  }
  // Ranges only on numbers: text and time order by rules (collations, time zones) that the
  // remote may not share, and a stricter remote would lose rows.
  if (keys_only || !IsNumeric(exprType(left))) return false;
  switch (strategy) {
    case BTLessStrategyNumber: *op = PushedOp::kLess; break;
    case BTLessEqualStrategyNumber: *op = PushedOp::kLessEqual; break;
    case BTGreaterStrategyNumber: *op = PushedOp::kGreater; break;
    case BTGreaterEqualStrategyNumber: *op = PushedOp::kGreaterEqual; break;
    default: return false;
  }
  return DialectSupports(dialect, *op) && filter_field(*attnum);
}

void FindPushedQuals(PlannerInfo* root, RelOptInfo* baserel, Oid foreigntableid, List* clauses, List** attnums,
                     List** ops, List** values) {
  *attnums = NIL;
  *ops = NIL;
  *values = NIL;
  ListCell* cell;
  foreach (cell, clauses) {
    RestrictInfo* info = static_cast<RestrictInfo*>(lfirst(cell));
    AttrNumber attnum;
    PushedOp op;
    Node* value;
    if (!MatchPushableQual(root, baserel, foreigntableid, info->clause, false, &attnum, &op, &value)) continue;
    // One value per argument; the filter takes every condition.
    bool taken = false;
    ListCell *attnum_cell, *op_cell;
    forboth (attnum_cell, *attnums, op_cell, *ops)
      taken = taken || (op == PushedOp::kArgument && lfirst_int(attnum_cell) == attnum &&
                        lfirst_int(op_cell) == static_cast<int>(PushedOp::kArgument));
    if (taken) continue;
    *attnums = lappend_int(*attnums, attnum);
    *ops = lappend_int(*ops, static_cast<int>(op));
    *values = lappend(*values, value);
  }
}

List* InitPushedValues(List* values, PlanState* parent) { return ExecInitExprList(values, parent); }

bool EvaluatePushedValues(List* attnums, List* ops, List* states, ExprContext* econtext, bool defer_exec_params,
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
  ListCell *attnum_cell, *op_cell, *state_cell;
  forthree (attnum_cell, attnums, op_cell, ops, state_cell, states) {
    ExprState* state = static_cast<ExprState*>(lfirst(state_cell));
    PushedValue* value = &values[index++];
    Oid type = exprType(reinterpret_cast<Node*>(state->expr));
    value->attnum = static_cast<AttrNumber>(lfirst_int(attnum_cell));
    value->op = static_cast<PushedOp>(lfirst_int(op_cell));
    value->nelements = 0;
    value->elements = nullptr;
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
    if (value->op == PushedOp::kIsNull || value->op == PushedOp::kIsNotNull) continue;  // no value
    if (value->op == PushedOp::kIn) {
      // NULL elements match nothing: they are left out.
      ArrayType* array = DatumGetArrayTypeP(value->datum);
      Oid element_type = ARR_ELEMTYPE(array);
      int16 length;
      bool by_value;
      char align;
      get_typlenbyvalalign(element_type, &length, &by_value, &align);
      Datum* elements;
      bool* nulls;
      int count;
      deconstruct_array(array, element_type, length, by_value, align, &elements, &nulls, &count);
      Oid output;
      bool varlena;
      getTypeOutputInfo(element_type, &output, &varlena);
      value->elements = static_cast<char**>(palloc(sizeof(char*) * (count + 1)));
      value->category = CategoryOf(element_type);
      value->default_type = DefaultGraphQLType(element_type);
      for (int i = 0; i < count; i++) {
        if (nulls[i]) continue;
        char* text = OidOutputFunctionCall(output, elements[i]);
        value->elements[value->nelements++] = pg_server_to_any(text, static_cast<int>(strlen(text)), PG_UTF8);
      }
      continue;
    }
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
