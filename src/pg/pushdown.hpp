// Which quals the scan sends to the remote, and the values they send. Today these are the
// quals that feed arguments of the query field: `col = value` on a column with the
// `argument` option (a required argument such as order(id: ID!) must come from one), where
// the value is known when the scan starts (a constant, a query parameter, a stable
// expression) or, on the inner side of a nested loop, from the outer row (a parameterized
// path: each rescan sends the new key). Values always travel as GraphQL variables; every qual is also checked
// locally, so a remote that filters loosely cannot change the result.
#pragma once

#include "pg_headers.hpp"

namespace rr_pg {

// remote_relationship.enable_pushdown: filter pushdown on (arguments are always sent).
extern bool enable_pushdown_setting;

// What a pushed qual asks of the remote: a value for an argument (`col = v` on a column with
// the `argument` option), or a condition in the filter argument (a column with `filter_field`
// on a table with `filter_dialect` and `filter_argument`): in the order of rr::FilterOp.
// kOr and kAnd are groups: an OR of conditions (each a condition or an AND of them) is one
// entry of the group, whose attnum is minus the number of its items, followed by its items.
enum class PushedOp {
  kArgument = 0, kEqual, kIn, kLess, kLessEqual, kGreater, kGreaterEqual, kIsNull, kIsNotNull, kNotEqual, kLike, kOr, kAnd
};

inline bool IsPushedGroup(PushedOp op) { return op == PushedOp::kOr || op == PushedOp::kAnd; }

// Whether the JSON object text (an option such as argument_types; nullptr: none) has the key.
bool JsonHasKey(const char* json, const char* key);

// The `argument` option of a column of the foreign table, or nullptr.
const char* ColumnArgument(Oid foreigntableid, AttrNumber attnum);

// Whether the table's filter can send a list of keys (`_in`, `in`) and its type is recorded
// (argument_types): what a batched join needs.
bool FilterTakesKeyLists(Oid foreigntableid);

// The rr::ValueCategory a value of the type is sent as, and the GraphQL type to declare for it
// when the remote's is unknown.
int ValueCategoryOf(Oid type);
const char* DefaultGraphQLTypeOf(Oid type);

// Session settings under which values are written for the remote (ISO dates, all float
// digits), as postgres_fdw's set_transmission_modes; End takes Begin's answer.
int BeginTransmissionSettings();
void EndTransmissionSettings(int nest_level);

// Whether a join may send keys for the column: it feeds an argument, or the filter can test
// it for equality.
bool IsKeyColumn(Oid foreigntableid, AttrNumber attnum);

// Whether clause is a condition the remote can be sent: `col op value` (or `value op col`)
// where value does not read baserel (a constant, a parameter, a stable expression, or an
// outer relation's columns in a join), `col = ANY(array)`, or `col IS [NOT] NULL`. With
// keys_only, only equality on a key column. Sets *attnum, *op and *value (a placeholder for
// the null tests).
bool MatchPushableQual(PlannerInfo* root, RelOptInfo* baserel, Oid foreigntableid, Expr* clause, bool keys_only,
                       AttrNumber* attnum, PushedOp* op, Node** value);

// Whether clause is an OR the table's filter can be sent (where, connection_filter): every
// arm a pushable condition on a filter column, or an AND (or OR) of them.
bool IsPushableOr(PlannerInfo* root, RelOptInfo* baserel, Oid foreigntableid, Expr* clause);

// The pushable quals among clauses (RestrictInfos: a scan's restrictions, and for a
// parameterized path its join clauses): parallel lists of the column's attnum, the PushedOp
// (ints) and the value expression (groups as above); one argument value per column. With
// nclauses, sets how many of the clauses were pushed.
void FindPushedQuals(PlannerInfo* root, RelOptInfo* baserel, Oid foreigntableid, List* clauses, List** attnums,
                     List** ops, List** values, int* nclauses = nullptr);

// The attnums of the entries that feed arguments.
List* ArgumentAttnums(List* attnums, List* ops);

// One pushed value at execution: its text (server encoding turned into UTF-8) and the kind
// of JSON value it may become.
struct PushedValue {
  AttrNumber attnum;
  PushedOp op;
  bool isnull;
  bool known;        // false until a value that needs a PARAM_EXEC could be read
  bool from_param;   // needs a PARAM_EXEC: an outer row's value (a join) or an initPlan's result
  char* text;        // NULL when isnull or !known
  int category;      // rr::ValueCategory
  const char* default_type;  // GraphQL type to declare when the remote's is unknown
  Datum datum;       // for an input-only column: its value in every row
  int nelements;     // kIn: the non-NULL elements of the array, as texts (UTF-8)
  char** elements;
};

// Prepares the value expressions of a scan for evaluation.
List* InitPushedValues(List* values, PlanState* parent);

// Evaluates them (may raise; call from a frame without C++ objects) into values[n], in
// context, which is reset first. With defer_exec_params, values that need a PARAM_EXEC (not
// set while the plan is initialised) are left unknown; returns whether any was.
bool EvaluatePushedValues(List* attnums, List* ops, List* states, ExprContext* econtext, bool defer_exec_params,
                          MemoryContext context, PushedValue* values);

}  // namespace rr_pg
