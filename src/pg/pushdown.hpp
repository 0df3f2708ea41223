// Which quals the scan sends to the remote, and the values they send. Today these are the
// quals that feed arguments of the query field: `col = value` on a column with the
// `argument` option (a required argument such as order(id: ID!) must come from one), where
// the value is known when the scan starts (a constant, a query parameter, a stable
// expression). Values always travel as GraphQL variables; every qual is also checked
// locally, so a remote that filters loosely cannot change the result.
#pragma once

#include "pg_headers.hpp"

namespace rr_pg {

// The argument quals among baserel's restrictions: parallel lists of the column's attnum
// (int) and the value expression.
void FindArgumentQuals(PlannerInfo* root, RelOptInfo* baserel, Oid foreigntableid, List** attnums, List** values);

// One pushed value at execution: its text (server encoding turned into UTF-8) and the kind
// of JSON value it may become.
struct PushedValue {
  AttrNumber attnum;
  bool isnull;
  bool known;        // false until a value that needs a PARAM_EXEC could be read
  char* text;        // NULL when isnull or !known
  int category;      // rr::ValueCategory
  const char* default_type;  // GraphQL type to declare when the remote's is unknown
  Datum datum;       // for an input-only column: its value in every row
};

// Prepares the value expressions of a scan for evaluation.
List* InitPushedValues(List* values, PlanState* parent);

// Evaluates them (may raise; call from a frame without C++ objects) into values[n], in
// context, which is reset first. With defer_exec_params, values that need a PARAM_EXEC (not
// set while the plan is initialised) are left unknown; returns whether any was.
bool EvaluatePushedValues(List* attnums, List* states, ExprContext* econtext, bool defer_exec_params,
                          MemoryContext context, PushedValue* values);

}  // namespace rr_pg
