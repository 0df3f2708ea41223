#include "pushdown.hpp"

#include "core/request.hpp"

extern "C" {
#include "access/stratnum.h"
#include "catalog/pg_am.h"
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


// The table's filter dialect when its filter argument can be sent as a variable: "where",
// "condition", ... or nullptr. The argument's type must be recorded (argument_types, as IMPORT
// writes it) and the fixed arguments must not set it; otherwise the scan would drop the
// filter, and the planner must not count on it.
const char* FilterDialectOf(Oid foreigntableid) {
  List* options = GetForeignTable(foreigntableid)->options;
  const char* dialect = OptionOf(options, "filter_dialect");
  const char* argument = OptionOf(options, "filter_argument");
  if (dialect == nullptr || argument == nullptr || !JsonHasKey(OptionOf(options, "argument_types"), argument) ||
      JsonHasKey(OptionOf(options, "arguments"), argument))
    return nullptr;
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

// Whether the filter's scalar (its filter_type without the dialect's wrapping:
// String_comparison_exp, StringFilter, String) is String or ID: a text column compared with an
// enum or a custom scalar could make the remote refuse a value that SQL just does not match.
bool TextScalar(const char* filter_type) {
  if (filter_type == nullptr) return true;
  char scalar[NAMEDATALEN * 2];
  strlcpy(scalar, filter_type, sizeof(scalar));
  size_t length = strlen(scalar);
  while (length > 0 && (scalar[length - 1] == '!' || scalar[length - 1] == ']')) scalar[--length] = '\0';
  const char* start = scalar + strspn(scalar, "[");
  const char* suffixes[] = {"_comparison_exp", "Filter"};
  for (const char* suffix : suffixes) {
    size_t cut = strlen(suffix);
    size_t have = strlen(start);
    if (have > cut && strcmp(start + have - cut, suffix) == 0) scalar[(start - scalar) + have - cut] = '\0';
  }
  return strcmp(start, "String") == 0 || strcmp(start, "ID") == 0;
}

// Whether the remote compares values of the column's type as SQL does, so that a filter on it
// is never stricter than the qual: integers, numeric without a typmod (a numeric(10,0) column
// rounds what the remote holds), booleans, uuid, dates and timestamps, and text without a
// length whose filter compares strings. Not: floats (the remote may hold the exact decimal),
// citext and char(n) (SQL equality ignores case or trailing blanks), json, arrays, others.
bool FiltersLikeSql(Oid foreigntableid, AttrNumber attnum) {
  Oid type;
  int32 typmod;
  Oid collation;
  get_atttypetypmodcoll(foreigntableid, attnum, &type, &typmod, &collation);
  switch (getBaseType(type)) {
    case INT2OID: case INT4OID: case INT8OID: case BOOLOID: case UUIDOID: case DATEOID: case TIMESTAMPOID:
    case TIMESTAMPTZOID:
      return true;
    case NUMERICOID:
      return typmod < 0;
    case TEXTOID: case VARCHAROID:
      return typmod < 0 && TextScalar(OptionOf(GetForeignColumnOptions(foreigntableid, attnum), "filter_type"));
    default:
      return false;
  }
}

bool IsText(Oid type) {
  Oid base = getBaseType(type);
  return base == TEXTOID || base == VARCHAROID;
}

bool IsNumeric(Oid type) {
  switch (getBaseType(type)) {
    case INT2OID: case INT4OID: case INT8OID: case NUMERICOID: return true;
    default: return false;
  }
}

// The btree strategy of opno as `column op value` (swapped when the column is on the right).
// Whether opno compares as the column's own type does (its default btree family: text's
// texteq for a varchar column, not citext's case-blind "=" over a column cast to citext).
// The remote compares values of the field's type; an operator of another type's rules
// would find other rows there than here.
bool ComparesAsColumnType(Oid opno, Node* column_side) {
  while (column_side != nullptr && IsA(column_side, RelabelType))
    column_side = reinterpret_cast<Node*>(reinterpret_cast<RelabelType*>(column_side)->arg);
  if (column_side == nullptr) return false;
  Oid opclass = GetDefaultOpClass(getBaseType(exprType(column_side)), BTREE_AM_OID);
  if (!OidIsValid(opclass)) return false;
  Oid family = get_opclass_family(opclass);
  ListCell* cell;
  foreach (cell, get_op_btree_interpretation(opno)) {
    if (static_cast<OpBtreeInterpretation*>(lfirst(cell))->opfamily_id == family) return true;
  }
  return false;
}

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

bool JsonHasKey(const char* json, const char* key) {
  if (json == nullptr) return false;
  Jsonb* object = DatumGetJsonbP(DirectFunctionCall1(jsonb_in, CStringGetDatum(json)));
  if (!JB_ROOT_IS_OBJECT(object)) return false;
  JsonbValue name;
  name.type = jbvString;
  name.val.string.val = const_cast<char*>(key);
  name.val.string.len = static_cast<int>(strlen(key));
  return findJsonbValueFromContainer(&object->root, JB_FOBJECT, &name) != nullptr;
}

const char* ColumnArgument(Oid foreigntableid, AttrNumber attnum) {
  return OptionOf(GetForeignColumnOptions(foreigntableid, attnum), "argument");
}

bool FilterTakesKeyLists(Oid foreigntableid) {
  return enable_pushdown_setting && DialectSupports(FilterDialectOf(foreigntableid), PushedOp::kIn);
}

int ValueCategoryOf(Oid type) { return CategoryOf(type); }
const char* DefaultGraphQLTypeOf(Oid type) { return DefaultGraphQLType(type); }

int BeginTransmissionSettings() {
  // Values go out in a form that does not depend on the session's settings, as postgres_fdw's
  // set_transmission_modes does: ISO dates, all float digits.
  int nest_level = NewGUCNestLevel();
  (void)set_config_option("datestyle", "ISO", PGC_USERSET, PGC_S_SESSION, GUC_ACTION_SAVE, true, 0, false);
  (void)set_config_option("intervalstyle", "postgres", PGC_USERSET, PGC_S_SESSION, GUC_ACTION_SAVE, true, 0, false);
  (void)set_config_option("extra_float_digits", "3", PGC_USERSET, PGC_S_SESSION, GUC_ACTION_SAVE, true, 0, false);
  return nest_level;
}

void EndTransmissionSettings(int nest_level) { AtEOXact_GUC(true, nest_level); }

bool IsKeyColumn(Oid foreigntableid, AttrNumber attnum) {
  if (ColumnArgument(foreigntableid, attnum) != nullptr) return true;
  return enable_pushdown_setting && FilterDialectOf(foreigntableid) != nullptr &&
         OptionOf(GetForeignColumnOptions(foreigntableid, attnum), "filter_field") != nullptr &&
         FiltersLikeSql(foreigntableid, attnum);
}

bool MatchPushableQual(PlannerInfo* root, RelOptInfo* baserel, Oid foreigntableid, Expr* clause, bool keys_only,
                       AttrNumber* attnum, PushedOp* op, Node** value) {
  const char* dialect = enable_pushdown_setting ? FilterDialectOf(foreigntableid) : nullptr;
  auto filter_field = [&](AttrNumber column) {
    return OptionOf(GetForeignColumnOptions(foreigntableid, column), "filter_field") != nullptr;
  };
  auto comparable = [&](AttrNumber column) { return filter_field(column) && FiltersLikeSql(foreigntableid, column); };
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
           ComparesAsColumnType(any->opno, left) &&
           get_element_type(exprType(*value)) == exprType(left) && DeterministicCollation(any->inputcollid) &&
           DialectSupports(dialect, *op) && comparable(*attnum);
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
  // LIKE (the column on the left; PostgreSQL's pattern rules, which Hasura and PostGraphile
  // pass on) and <> (true only for a non-NULL value that differs, remotely too).
  const char* name = get_opname(expr->opno);
  if (!keys_only && !column_on_right && name != nullptr && strcmp(name, "~~") == 0) {
    *op = PushedOp::kLike;
    return DialectSupports(dialect, *op) && comparable(*attnum) && IsText(exprType(left));
  }
  if (!ComparesAsColumnType(expr->opno, column_on_right ? right : left)) return false;
  int strategy = StrategyOf(expr->opno, column_on_right);
  if (!keys_only && strategy == ROWCOMPARE_NE) {
    *op = PushedOp::kNotEqual;
    return DialectSupports(dialect, *op) && comparable(*attnum);
  }
  if (strategy == BTEqualStrategyNumber && op_mergejoinable(expr->opno, exprType(left))) {
    if (ColumnArgument(foreigntableid, *attnum) != nullptr) {
      *op = PushedOp::kArgument;
      return true;
    }
    *op = PushedOp::kEqual;
    return DialectSupports(dialect, *op) && comparable(*attnum);
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
  return DialectSupports(dialect, *op) && comparable(*attnum);
}

namespace {

// Deeper nesting of AND and OR is checked locally only.
constexpr int kMaxGroupDepth = 8;

// Appends clause, an item of a group, to the lists: a condition of the filter (an argument
// takes one value, so a condition on one cannot be an alternative), or a nested AND or OR.
bool AppendGroupItem(PlannerInfo* root, RelOptInfo* baserel, Oid foreigntableid, Expr* clause, int depth,
                     List** attnums, List** ops, List** values) {
  if (IsA(clause, BoolExpr)) {
    BoolExpr* group = reinterpret_cast<BoolExpr*>(clause);
    if (group->boolop == NOT_EXPR || depth >= kMaxGroupDepth || group->args == NIL) return false;
    *attnums = lappend_int(*attnums, -list_length(group->args));
    *ops = lappend_int(*ops, static_cast<int>(group->boolop == OR_EXPR ? PushedOp::kOr : PushedOp::kAnd));
    *values = lappend(*values, makeBoolConst(true, false));
    ListCell* cell;
    foreach (cell, group->args)
      if (!AppendGroupItem(root, baserel, foreigntableid, static_cast<Expr*>(lfirst(cell)), depth + 1, attnums, ops,
                           values))
        return false;
    return true;
  }
  AttrNumber attnum;
  PushedOp op;
  Node* value;
  if (!MatchPushableQual(root, baserel, foreigntableid, clause, false, &attnum, &op, &value) ||
      op == PushedOp::kArgument)
    return false;
  *attnums = lappend_int(*attnums, attnum);
  *ops = lappend_int(*ops, static_cast<int>(op));
  *values = lappend(*values, value);
  return true;
}

// The entries of an OR clause the filter can say, or false.
bool MatchPushableOr(PlannerInfo* root, RelOptInfo* baserel, Oid foreigntableid, Expr* clause, List** attnums,
                     List** ops, List** values) {
  *attnums = NIL;
  *ops = NIL;
  *values = NIL;
  if (!is_orclause(clause) || !enable_pushdown_setting ||
      !DialectSupports(FilterDialectOf(foreigntableid), PushedOp::kOr))
    return false;
  return AppendGroupItem(root, baserel, foreigntableid, clause, 0, attnums, ops, values);
}

}  // namespace

bool IsPushableOr(PlannerInfo* root, RelOptInfo* baserel, Oid foreigntableid, Expr* clause) {
  List *attnums, *ops, *values;
  return MatchPushableOr(root, baserel, foreigntableid, clause, &attnums, &ops, &values);
}

List* ArgumentAttnums(List* attnums, List* ops) {
  List* arguments = NIL;
  ListCell *attnum_cell, *op_cell;
  forboth (attnum_cell, attnums, op_cell, ops)
    if (lfirst_int(op_cell) == static_cast<int>(PushedOp::kArgument))
      arguments = lappend_int(arguments, lfirst_int(attnum_cell));
  return arguments;
}

void FindPushedQuals(PlannerInfo* root, RelOptInfo* baserel, Oid foreigntableid, List* clauses, List** attnums,
                     List** ops, List** values, int* nclauses) {
  *attnums = NIL;
  *ops = NIL;
  *values = NIL;
  if (nclauses != nullptr) *nclauses = 0;
  ListCell* cell;
  foreach (cell, clauses) {
    RestrictInfo* info = static_cast<RestrictInfo*>(lfirst(cell));
    List *group_attnums, *group_ops, *group_values;
    if (MatchPushableOr(root, baserel, foreigntableid, info->clause, &group_attnums, &group_ops, &group_values)) {
      *attnums = list_concat(*attnums, group_attnums);
      *ops = list_concat(*ops, group_ops);
      *values = list_concat(*values, group_values);
      if (nclauses != nullptr) (*nclauses)++;
      continue;
    }
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
    if (nclauses != nullptr) (*nclauses)++;
  }
}

List* InitPushedValues(List* values, PlanState* parent) { return ExecInitExprList(values, parent); }

bool EvaluatePushedValues(List* attnums, List* ops, List* states, ExprContext* econtext, bool defer_exec_params,
                          MemoryContext context, PushedValue* values) {
  // The values live until the next (re)scan evaluates them again.
  MemoryContextReset(context);
  MemoryContext caller = MemoryContextSwitchTo(context);
  int nest_level = BeginTransmissionSettings();
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
    if (value->op == PushedOp::kIsNull || value->op == PushedOp::kIsNotNull || IsPushedGroup(value->op))
      continue;  // no value
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
  EndTransmissionSettings(nest_level);
  MemoryContextSwitchTo(caller);
  return deferred;
}

}  // namespace rr_pg
