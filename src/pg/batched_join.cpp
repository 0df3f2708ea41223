// The batched remote join: a join whose inner side is a foreign table of this wrapper, keyed by
// a filter column that takes lists (Hasura's `_in`, PostGraphile's `in`). It reads the outer
// rows of up to batch_size distinct keys, sends those keys in one request (with the inner
// table's own pushed conditions), and joins each outer row with the rows that came back,
// checking every join clause and the inner table's conditions locally. Inner, left, semi and
// anti joins. A CustomScan over the outer plan, offered by the join path hook at its cost.
//
// The executor callbacks hold no C++ objects (PostgreSQL may raise in them); the remote scan
// is driven through RunGuarded, as in scan.cpp.
#include "fdw.hpp"

#include "connection.hpp"

extern "C" {
#include "nodes/extensible.h"
#include "optimizer/cost.h"
#include "optimizer/paths.h"
#include "optimizer/restrictinfo.h"
#include "optimizer/tlist.h"
#include "utils/selfuncs.h"
}

namespace rr_pg {

bool enable_batched_join_setting = true;

namespace {

constexpr int kDefaultBatchSize = 100;

set_join_pathlist_hook_type previous_join_pathlist_hook = nullptr;

Plan* PlanBatchedJoin(PlannerInfo* root, RelOptInfo* rel, CustomPath* best_path, List* tlist, List* clauses,
                      List* custom_plans);
Node* CreateBatchedJoinState(CustomScan* cscan);

const CustomPathMethods kPathMethods = {"RemoteBatchedJoin", PlanBatchedJoin};
CustomScanMethods kScanMethods = {"RemoteBatchedJoin", CreateBatchedJoinState};

// ---- planning ---------------------------------------------------------------------------------

// Whether the inner relation needs a column the batch cannot give: a whole row or a system
// column.
bool NeedsWholeRowOrSystemColumn(RelOptInfo* rel) {
  for (int attno = rel->min_attr; attno <= 0; attno++)
    if (!bms_is_empty(rel->attr_needed[attno - rel->min_attr])) return true;
  return false;
}

// Whether node reads a whole row or a system column of relation relid.
bool ReadsWholeRowOrSystemColumn(Node* node, Index relid) {
  Bitmapset* attrs = nullptr;
  pull_varattnos(node, relid, &attrs);
  int member = bms_next_member(attrs, -1);
  return member >= 0 && member + FirstLowInvalidHeapAttributeNumber <= 0;
}

// What the batch cannot do for the inner table: input-only columns (they echo an argument the
// batch does not send), a required argument no restriction gives, a whole row or system column
// read by its own conditions.
// Keys whose output text is equal exactly when the values are: the batch's inner rows can be
// matched by key text (the join clauses are still checked per pair).
bool TextIsIdentity(Oid type) {
  switch (getBaseType(type)) {
    case INT2OID: case INT4OID: case INT8OID: case TEXTOID: case VARCHAROID: case UUIDOID: case BOOLOID: return true;
    default: return false;
  }
}

bool BatchableTable(PlannerInfo* root, RelOptInfo* innerrel, Oid relid, AttrNumber key_attnum, bool key_is_argument) {
  Relation relation = table_open(relid, NoLock);
  int natts = RelationGetDescr(relation)->natts;
  table_close(relation, NoLock);
  for (int attnum = 1; attnum <= natts; attnum++) {
    ListCell* cell;
    foreach (cell, GetForeignColumnOptions(relid, static_cast<AttrNumber>(attnum))) {
      DefElem* def = static_cast<DefElem*>(lfirst(cell));
      if (strcmp(def->defname, "input_only") == 0 && defGetBoolean(def)) return false;
    }
  }
  List* attnums;
  List* ops;
  List* values;
  FindPushedQuals(root, innerrel, relid, innerrel->baserestrictinfo, &attnums, &ops, &values);
  // An argument takes one value: the key's, or the table's own condition's.
  ListCell* attnum_cell;
  ListCell* op_cell;
  forboth (attnum_cell, attnums, op_cell, ops)
    if (key_is_argument && lfirst_int(attnum_cell) == key_attnum && lfirst_int(op_cell) == static_cast<int>(PushedOp::kArgument))
      return false;
  if (LacksRequiredArgument(relid, natts, lappend_int(ArgumentAttnums(attnums, ops), key_attnum))) return false;
  ListCell* cell;
  foreach (cell, innerrel->baserestrictinfo)
    if (ReadsWholeRowOrSystemColumn(reinterpret_cast<Node*>(static_cast<RestrictInfo*>(lfirst(cell))->clause), innerrel->relid))
      return false;
  return true;
}

void AddBatchedJoinPath(PlannerInfo* root, RelOptInfo* joinrel, RelOptInfo* outerrel, RelOptInfo* innerrel,
                        JoinType jointype, JoinPathExtraData* extra) {
  if (previous_join_pathlist_hook != nullptr)
    previous_join_pathlist_hook(root, joinrel, outerrel, innerrel, jointype, extra);
  if (!enable_batched_join_setting) return;
  if (jointype != JOIN_INNER && jointype != JOIN_LEFT && jointype != JOIN_SEMI && jointype != JOIN_ANTI) return;
  if (innerrel->reloptkind != RELOPT_BASEREL || innerrel->rtekind != RTE_RELATION || innerrel->fdwroutine == nullptr ||
      innerrel->fdwroutine->GetForeignPaths != GetForeignPaths || !bms_is_empty(innerrel->lateral_relids))
    return;
  Path* outer_path = outerrel->cheapest_total_path;
  if (outer_path == nullptr || outer_path->param_info != nullptr || NeedsWholeRowOrSystemColumn(innerrel)) return;
  Oid relid = planner_rt_fetch(innerrel->relid, root)->relid;
  // Keys go as a list in the filter (`_in`) where it has one, else each as its own aliased
  // root field (k0: orders(user_id: $k0_user_id) ...) through an argument or an equality filter.
  bool lists = FilterTakesKeyLists(relid);
  // Expressions of the inner side evaluated below the join (placeholders) would be computed
  // above it here, wrong for null-extended rows.
  ListCell* placeholder;
  foreach (placeholder, root->placeholder_list)
    if (bms_overlap(static_cast<PlaceHolderInfo*>(lfirst(placeholder))->ph_eval_at, innerrel->relids)) return;

  // The key: inner column = expression of the outer relations only.
  Expr* key_clause = nullptr;
  AttrNumber key_attnum = 0;
  Node* key_value = nullptr;
  List* secondary_clauses = NIL;
  ListCell* cell;
  foreach (cell, extra->restrictlist) {
    RestrictInfo* info = static_cast<RestrictInfo*>(lfirst(cell));
    if (info->pseudoconstant || ReadsWholeRowOrSystemColumn(reinterpret_cast<Node*>(info->clause), innerrel->relid)) return;
  }
  foreach (cell, extra->restrictlist) {
    RestrictInfo* info = static_cast<RestrictInfo*>(lfirst(cell));
    AttrNumber attnum;
    PushedOp op;
    Node* value;
    if (!MatchPushableQual(root, innerrel, relid, info->clause, true, &attnum, &op, &value) ||
        (op != PushedOp::kEqual && op != PushedOp::kArgument))
      continue;
    if (op == PushedOp::kArgument && key_clause == nullptr) lists = false;
    Relids value_rels = pull_varnos(root, value);
    if (bms_is_empty(value_rels) || !bms_is_subset(value_rels, outerrel->relids)) continue;
    if (key_clause == nullptr) {
      key_clause = info->clause;
      key_attnum = attnum;
      key_value = value;
    } else if (attnum != key_attnum) {
      // Another key column (a composite key): its values go as a list too.
      secondary_clauses = lappend(secondary_clauses, info->clause);
    }
  }
  if (key_clause == nullptr) return;
  bool key_is_argument = ColumnArgument(relid, key_attnum) != nullptr;
  if (key_is_argument) lists = false;
  if (!BatchableTable(root, innerrel, relid, key_attnum, key_is_argument)) return;
  // Aliased root fields send the first key column; the others are checked locally.
  if (!lists) secondary_clauses = NIL;

  ForeignTable* table = GetForeignTable(relid);
  double batch_size = NumericOption(table, "batch_size", kDefaultBatchSize);
  double outer_rows = Max(outer_path->rows, 1.0);
  // A batch holds the outer rows of batch_size distinct keys.
  double outer_keys = Min(outer_rows, estimate_num_groups(root, list_make1(key_value), outer_rows, nullptr, nullptr));
  double batches = ceil(Max(outer_keys, 1.0) / batch_size);
  // Up to max_concurrent_requests batches are in flight at once: the rounds wait, not each.
  double concurrency = NumericOption(table, "max_concurrent_requests", kDefaultConcurrentRequests);
  double rounds = ceil(batches / Max(concurrency, 1.0));
  double rows = joinrel->rows;
  // The remote sends each key's rows once, however many outer rows share the key.
  double remote_rows = Max(rows * outer_keys / outer_rows, 1.0);
  // A request per page of each batch, every remote row transferred, and each outer row
  // compared with its candidates: found by key text in the sorted batch, or else all of the
  // batch's rows.
  double batch_rows = Max(remote_rows / batches, 1.0);
  double comparisons = TextIsIdentity(get_atttype(relid, key_attnum))
                           ? rows * 2 + outer_rows * log2(Max(batch_rows, 2.0))
                           : outer_rows * batch_rows;
  Cost startup = outer_path->startup_cost + RequestCost(table);
  Cost total = outer_path->total_cost + rounds * RequestsFor(table, batch_rows) * RequestCost(table) +
               remote_rows * RowTransferCost(table) + rows * cpu_tuple_cost + comparisons * cpu_operator_cost * 2;

  CustomPath* path = makeNode(CustomPath);
  path->path.pathtype = T_CustomScan;
  path->path.parent = joinrel;
  path->path.pathtarget = joinrel->reltarget;
  path->path.param_info = nullptr;
  path->path.rows = rows;
  path->path.startup_cost = startup;
  path->path.total_cost = total;
  path->custom_paths = list_make1(outer_path);
  // The join's clauses: a join rel has no baserestrictinfo for PlanCustomPath to hand over.
  path->custom_private = list_make5(makeInteger(static_cast<int>(jointype)), makeInteger(static_cast<int>(innerrel->relid)),
                                    key_clause, makeInteger(static_cast<int>(batch_size)), extra->restrictlist);
  path->custom_private = lappend(path->custom_private, secondary_clauses);
  path->custom_private = lappend(path->custom_private, makeInteger(static_cast<int>(concurrency)));
  path->custom_private = lappend(path->custom_private, makeInteger(lists ? 0 : 1));
  path->methods = &kPathMethods;
  add_path(joinrel, &path->path);
}

Plan* PlanBatchedJoin(PlannerInfo* root, RelOptInfo* rel, CustomPath* best_path, List* tlist, List* clauses,
                      List* custom_plans) {
  JoinType jointype = static_cast<JoinType>(intVal(linitial(best_path->custom_private)));
  Index inner_relid = static_cast<Index>(intVal(lsecond(best_path->custom_private)));
  Expr* key_clause = static_cast<Expr*>(lthird(best_path->custom_private));
  int batch_size = intVal(lfourth(best_path->custom_private));
  int concurrency = intVal(list_nth(best_path->custom_private, 6));
  int aliased = intVal(list_nth(best_path->custom_private, 7));
  Plan* outer_plan = static_cast<Plan*>(linitial(custom_plans));
  RelOptInfo* innerrel = find_base_rel(root, static_cast<int>(inner_relid));
  Oid relid = planner_rt_fetch(inner_relid, root)->relid;

  clauses = list_concat_copy(clauses, static_cast<List*>(list_nth(best_path->custom_private, 4)));
  List* join_quals = NIL;
  List* other_quals = NIL;
  if (IS_OUTER_JOIN(jointype))
    extract_actual_join_clauses(clauses, rel->relids, &join_quals, &other_quals);
  else
    join_quals = extract_actual_clauses(clauses, false);
  List* inner_quals = extract_actual_clauses(innerrel->baserestrictinfo, false);

  // What the inner table sends by itself (its pushable conditions), and the key.
  List* pushed_attnums = NIL;
  List* pushed_ops = NIL;
  List* pushed_values = NIL;
  FindPushedQuals(root, innerrel, relid, innerrel->baserestrictinfo, &pushed_attnums, &pushed_ops, &pushed_values);
  AttrNumber key_attnum = 0;
  PushedOp key_op;
  Node* key_value = nullptr;
  MatchPushableQual(root, innerrel, relid, key_clause, true, &key_attnum, &key_op, &key_value);
  List* secondary_attnums = NIL;
  List* secondary_values = NIL;
  ListCell* secondary;
  foreach (secondary, static_cast<List*>(list_nth(best_path->custom_private, 5))) {
    AttrNumber attnum = 0;
    Node* value = nullptr;
    MatchPushableQual(root, innerrel, relid, static_cast<Expr*>(lfirst(secondary)), true, &attnum, &key_op, &value);
    secondary_attnums = lappend_int(secondary_attnums, attnum);
    secondary_values = lappend(secondary_values, value);
  }

  // The scan tuple: the outer plan's columns, then the inner columns the join needs.
  Bitmapset* inner_attrs = nullptr;
  pull_varattnos(reinterpret_cast<Node*>(tlist), inner_relid, &inner_attrs);
  pull_varattnos(reinterpret_cast<Node*>(join_quals), inner_relid, &inner_attrs);
  pull_varattnos(reinterpret_cast<Node*>(other_quals), inner_relid, &inner_attrs);
  pull_varattnos(reinterpret_cast<Node*>(inner_quals), inner_relid, &inner_attrs);
  inner_attrs = bms_add_member(inner_attrs, key_attnum - FirstLowInvalidHeapAttributeNumber);
  List* scan_tlist = NIL;
  ListCell* cell;
  foreach (cell, outer_plan->targetlist) {
    TargetEntry* entry = static_cast<TargetEntry*>(lfirst(cell));
    scan_tlist = lappend(scan_tlist, makeTargetEntry(static_cast<Expr*>(copyObjectImpl(entry->expr)),
                                                     static_cast<AttrNumber>(list_length(scan_tlist) + 1), nullptr, false));
  }
  int nouter = list_length(scan_tlist);
  List* inner_attnos = NIL;
  Relation relation = table_open(relid, NoLock);
  TupleDesc desc = RelationGetDescr(relation);
  int member = -1;
  while ((member = bms_next_member(inner_attrs, member)) >= 0) {
    AttrNumber attnum = static_cast<AttrNumber>(member + FirstLowInvalidHeapAttributeNumber);
    if (attnum <= 0) continue;
    Form_pg_attribute attr = TupleDescAttr(desc, attnum - 1);
    Var* var = makeVar(static_cast<int>(inner_relid), attnum, attr->atttypid, attr->atttypmod, attr->attcollation, 0);
    scan_tlist = lappend(scan_tlist, makeTargetEntry(reinterpret_cast<Expr*>(var),
                                                     static_cast<AttrNumber>(list_length(scan_tlist) + 1), nullptr, false));
    inner_attnos = lappend_int(inner_attnos, attnum);
  }
  table_close(relation, NoLock);

  CustomScan* scan = makeNode(CustomScan);
  scan->scan.plan.targetlist = tlist;
  scan->scan.plan.qual = other_quals;
  scan->scan.scanrelid = 0;
  scan->flags = best_path->flags;
  scan->custom_plans = custom_plans;
  scan->custom_scan_tlist = scan_tlist;
  scan->custom_relids = rel->relids;
  scan->custom_exprs = list_make5(key_value, join_quals, inner_quals, pushed_values, secondary_values);
  // The table by OID and the role whose user mapping applies: an RT index would not follow
  // setrefs' flattening of a subquery's range table.
  RangeTblEntry* rte = planner_rt_fetch(inner_relid, root);
  scan->custom_private = list_make5(list_make5_int(static_cast<int>(jointype), static_cast<int>(relid), key_attnum,
                                                   batch_size, nouter),
                                    inner_attnos, pushed_attnums, pushed_ops,
                                    list_make1_oid(rte->checkAsUser));
  linitial(scan->custom_private) = lappend_int(static_cast<List*>(linitial(scan->custom_private)), concurrency);
  linitial(scan->custom_private) = lappend_int(static_cast<List*>(linitial(scan->custom_private)), aliased);
  scan->custom_private = lappend(scan->custom_private, secondary_attnums);
  scan->methods = &kScanMethods;
  return &scan->scan.plan;
}

// ---- execution -------------------------------------------------------------------------------

// An inner row and the text of its key.
struct KeyRow {
  const char* key;
  int row;
};

struct KeySeen {
  uint32 hash;
  Datum key;  // the first key of this hash
};

struct BatchedJoinState {
  CustomScanState css;  // first: PostgreSQL sees this
  JoinType jointype;
  Oid inner_table;
  Oid check_as_user;
  AttrNumber key_attnum;
  int batch_size;               // distinct keys a request
  int concurrency;              // requests in flight at once: a batch holds this many requests' keys
  bool aliased;                 // each key its own aliased root field (batch_size of them a request), not lists
  int nouter;
  List* inner_attnos;
  ExprState* key;
  int nsecondary;              // other key columns of a composite key: their values go as lists too
  ExprState** secondary;       // [nsecondary]
  int16* secondary_typlen;
  bool* secondary_byval;
  Oid* secondary_output;
  ExprState* join_qual;
  ExprState* inner_qual;
  ExprContext* match_context;  // for the join clauses, reset after each pair
  ScanState* inner;            // the remote scan of the inner table
  int key_index;               // the key's place among the inner scan's pushed values
  bool inner_values_read;      // the inner table's own pushed values are known
  TupleTableSlot* outer_slot;
  MemoryContext batch_context;  // the batch's outer rows, reset for each batch
  MemoryContext inner_context;  // the inner rows kept across batches (keys matched by text)
  Oid key_output;               // the key's output function
  int inner_capacity;
  char** fetched;               // [nfetched]: sorted texts of the keys whose rows are kept
  int nfetched;
  // The batch being joined.
  MinimalTuple* outer_rows;
  int nbatch;
  bool outer_done;
  int ninner;
  Datum** inner_values;
  bool** inner_nulls;
  bool* inner_ok;              // passes the inner table's conditions
  int outer_index;
  int inner_index;             // the next candidate of the current outer row, in [.., inner_end)
  int inner_end;
  bool row_started;            // the current outer row's candidates are known
  bool matched;
  // For keys whose text is equal exactly when the values are (integers, text, uuid, booleans):
  // the inner rows sorted by key text, so each outer row looks only at its own.
  bool use_index;
  int key_column;              // the key's place among the inner columns
  char** outer_keys;           // [nbatch]: the outer key's text, or NULL
  // The batch's requests (lanes of the inner scan): lane r's rows are inner rows
  // [lane_begin[r], lane_begin[r + 1]), and an outer row pairs only with those of the lane
  // that sent its key (outer_lane, -1: none), since a remote that matches loosely may send a
  // row in several lanes.
  int nlanes;
  int* lane_begin;             // [nlanes + 1]
  int* outer_lane;             // [nbatch]
  KeyRow* sorted;              // [nsorted]
  int nsorted;
  // Telling the batch's keys apart, and the row that starts the next batch.
  HTAB* keys_seen;
  bool key_byval;
  int16 key_typlen;
  MinimalTuple pending_row;
  // For EXPLAIN ANALYZE.
  long batches;
  long keys_sent;
};

// The scan tuple of outer row i (if >= 0) joined with inner row j (NULLs if < 0).
TupleTableSlot* FillSlot(BatchedJoinState* state, int i, int j) {
  TupleTableSlot* slot = state->css.ss.ss_ScanTupleSlot;
  ExecClearTuple(slot);
  int natts = slot->tts_tupleDescriptor->natts;
  for (int k = 0; k < natts; k++) slot->tts_isnull[k] = true;
  if (i >= 0) {
    ExecStoreMinimalTuple(state->outer_rows[i], state->outer_slot, false);
    slot_getallattrs(state->outer_slot);
    for (int k = 0; k < state->nouter; k++) {
      slot->tts_values[k] = state->outer_slot->tts_values[k];
      slot->tts_isnull[k] = state->outer_slot->tts_isnull[k];
    }
  }
  if (j >= 0) {
    for (int k = 0; k < state->inner->ncolumns; k++) {
      slot->tts_values[state->nouter + k] = state->inner_values[j][k];
      slot->tts_isnull[state->nouter + k] = state->inner_nulls[j][k];
    }
  }
  return ExecStoreVirtualTuple(slot);
}

int CompareText(const void* a, const void* b) {
  return strcmp(*static_cast<char* const*>(a), *static_cast<char* const*>(b));
}

int CompareKeyRows(const void* a, const void* b) {
  return strcmp(static_cast<const KeyRow*>(a)->key, static_cast<const KeyRow*>(b)->key);
}


// The candidates of outer row i: [*begin, *end) over the sorted inner rows, or all inner rows.
void CandidatesOf(BatchedJoinState* state, int i, int* begin, int* end) {
  if (!state->use_index) {
    int lane = state->outer_lane[i];
    *begin = lane < 0 ? 0 : state->lane_begin[lane];
    *end = lane < 0 ? 0 : state->lane_begin[lane + 1];
    return;
  }
  *begin = *end = 0;
  const char* key = state->outer_keys[i];
  if (key == nullptr) return;
  int lo = 0, hi = state->nsorted;
  while (lo < hi) {
    int mid = (lo + hi) / 2;
    if (strcmp(state->sorted[mid].key, key) < 0) lo = mid + 1; else hi = mid;
  }
  int last = lo;
  while (last < state->nsorted && strcmp(state->sorted[last].key, key) == 0) last++;
  *begin = lo;
  *end = last;
}

// Whether key (not NULL) is new to the batch. Keys are told apart by the hash of their
// binary image; two keys of one hash count as two, so a batch may end early, never late.
bool IsNewKey(BatchedJoinState* state, Datum key) {
  uint32 hash = datum_image_hash(key, state->key_byval, state->key_typlen);
  bool found;
  KeySeen* entry = static_cast<KeySeen*>(hash_search(state->keys_seen, &hash, HASH_ENTER, &found));
  if (!found) {
    entry->key = datumCopy(key, state->key_byval, state->key_typlen);
    return true;
  }
  return !datum_image_eq(entry->key, key, state->key_byval, state->key_typlen);
}

// Whether the rows of key (its text) were fetched by an earlier batch.
bool Fetched(const BatchedJoinState* state, const char* key) {
  int lo = 0, hi = state->nfetched;
  while (lo < hi) {
    int mid = (lo + hi) / 2;
    int order = strcmp(state->fetched[mid], key);
    if (order == 0) return true;
    if (order < 0) lo = mid + 1; else hi = mid;
  }
  return false;
}

// Forgets the inner rows of earlier batches.
void ResetInnerRows(BatchedJoinState* state) {
  MemoryContextReset(state->inner_context);
  state->ninner = 0;
  state->inner_capacity = 64;
  state->inner_values = static_cast<Datum**>(MemoryContextAlloc(state->inner_context, sizeof(Datum*) * state->inner_capacity));
  state->inner_nulls = static_cast<bool**>(MemoryContextAlloc(state->inner_context, sizeof(bool*) * state->inner_capacity));
  state->inner_ok = static_cast<bool*>(MemoryContextAlloc(state->inner_context, sizeof(bool) * state->inner_capacity));
  state->sorted = nullptr;
  state->nsorted = 0;
  state->fetched = nullptr;
  state->nfetched = 0;
}

// Reads the next batch of outer rows, those with up to batch_size distinct keys not fetched
// yet (and with NULL keys) as long as they fit in work_mem, and the inner rows of those keys;
// false at the end. The row whose key would be one too many starts the next batch.
//
// For keys matched by text the inner rows stay (in work_mem) for later batches, so a key that
// comes again is not sent again: however the outer rows are ordered, the join sends each
// distinct key once, ceil(distinct keys / batch_size) requests, while they fit.
bool FillBatch(BatchedJoinState* state) {
  PlanState* outer = static_cast<PlanState*>(linitial(state->css.custom_ps));
  const Size memory_limit = static_cast<Size>(work_mem) * 1024;
  MemoryContextReset(state->batch_context);
  // The rows kept for a key are those of the other key columns' values sent with it: with a
  // composite key they serve their own batch only.
  if (!state->use_index || state->nsecondary > 0 || MemoryContextMemAllocated(state->inner_context, true) > memory_limit)
    ResetInnerRows(state);
  MemoryContext caller = MemoryContextSwitchTo(state->batch_context);
  int capacity = 64;
  state->outer_rows = static_cast<MinimalTuple*>(palloc(sizeof(MinimalTuple) * capacity));
  state->outer_keys = static_cast<char**>(palloc0(sizeof(char*) * capacity));
  Datum* outer_key_values = static_cast<Datum*>(palloc(sizeof(Datum) * capacity));
  bool* outer_key_nulls = static_cast<bool*>(palloc(sizeof(bool) * capacity));
  // The other key columns' values: row i's value of key column c at [i * nsecondary + c].
  int nsecondary = state->nsecondary;
  Datum* secondary_values = static_cast<Datum*>(palloc(sizeof(Datum) * (capacity * nsecondary + 1)));
  bool* secondary_nulls = static_cast<bool*>(palloc(sizeof(bool) * (capacity * nsecondary + 1)));
  HASHCTL control;
  memset(&control, 0, sizeof(control));
  control.keysize = sizeof(uint32);
  control.entrysize = sizeof(KeySeen);
  control.hcxt = state->batch_context;
  state->keys_seen = hash_create("remote_relationship batch keys", Min(state->batch_size, 1024), &control,
                                 HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);
  ExprContext* econtext = state->match_context;
  state->nbatch = 0;
  int distinct = 0;
  Size bytes = 0;
  while (!state->outer_done) {
    MinimalTuple row = nullptr;
    if (state->pending_row != nullptr) {
      row = heap_copy_minimal_tuple(state->pending_row);
      pfree(state->pending_row);
      state->pending_row = nullptr;
    } else {
      if (state->nbatch > 0 && bytes >= memory_limit) break;
      MemoryContextSwitchTo(caller);
      TupleTableSlot* slot = ExecProcNode(outer);
      MemoryContextSwitchTo(state->batch_context);
      if (TupIsNull(slot)) {
        state->outer_done = true;
        break;
      }
      row = ExecCopySlotMinimalTuple(slot);
    }
    if (state->nbatch == capacity) {
      capacity *= 2;
      state->outer_rows = static_cast<MinimalTuple*>(repalloc(state->outer_rows, sizeof(MinimalTuple) * capacity));
      state->outer_keys = static_cast<char**>(repalloc(state->outer_keys, sizeof(char*) * capacity));
      outer_key_values = static_cast<Datum*>(repalloc(outer_key_values, sizeof(Datum) * capacity));
      outer_key_nulls = static_cast<bool*>(repalloc(outer_key_nulls, sizeof(bool) * capacity));
      secondary_values = static_cast<Datum*>(repalloc(secondary_values, sizeof(Datum) * (capacity * nsecondary + 1)));
      secondary_nulls = static_cast<bool*>(repalloc(secondary_nulls, sizeof(bool) * (capacity * nsecondary + 1)));
    }
    state->outer_rows[state->nbatch] = row;
    state->outer_keys[state->nbatch] = nullptr;
    econtext->ecxt_scantuple = FillSlot(state, state->nbatch, -1);
    bool isnull;
    Datum value = ExecEvalExpr(state->key, econtext, &isnull);
    // Keys matched by text print alike under every setting: their text is known now.
    char* text = nullptr;
    if (!isnull && state->use_index) text = OidOutputFunctionCall(state->key_output, value);
    if (!isnull && (text == nullptr || !Fetched(state, text)) && IsNewKey(state, value)) {
      if (distinct == state->batch_size * state->concurrency) {
        // For the next batch, in a context that outlives this one.
        state->pending_row = static_cast<MinimalTuple>(MemoryContextAlloc(state->css.ss.ps.state->es_query_cxt, row->t_len));
        memcpy(state->pending_row, row, row->t_len);
        ResetExprContext(econtext);
        break;
      }
      distinct++;
    }
    state->outer_keys[state->nbatch] = text;
    outer_key_nulls[state->nbatch] = isnull;
    outer_key_values[state->nbatch] = isnull ? 0 : datumCopy(value, state->key_byval, state->key_typlen);
    for (int c = 0; c < nsecondary; c++) {
      bool null_value;
      Datum other = ExecEvalExpr(state->secondary[c], econtext, &null_value);
      secondary_nulls[state->nbatch * nsecondary + c] = null_value;
      secondary_values[state->nbatch * nsecondary + c] =
          null_value ? 0 : datumCopy(other, state->secondary_byval[c], state->secondary_typlen[c]);
    }
    ResetExprContext(econtext);
    bytes += row->t_len + (isnull || state->key_byval ? 0 : datumGetSize(value, false, state->key_typlen));
    state->nbatch++;
  }
  if (state->nbatch == 0) {
    MemoryContextSwitchTo(caller);
    return false;
  }

  // The distinct non-NULL keys not fetched yet, in the database's encoding (what the kept
  // rows are indexed by), sorted; the requests get them in UTF-8, batch_size a request.
  // A row with a NULL in any key column matches nothing: its keys are not sent.
  auto matches_nothing = [&](int i) {
    if (outer_key_nulls[i]) return true;
    for (int c = 0; c < nsecondary; c++)
      if (secondary_nulls[i * nsecondary + c]) return true;
    return false;
  };
  char** sent_keys = static_cast<char**>(palloc(sizeof(char*) * (state->nbatch + 1)));
  int nsent = 0;
  int transmission = BeginTransmissionSettings();
  for (int i = 0; i < state->nbatch; i++) {
    if (matches_nothing(i)) continue;
    if (!state->use_index) state->outer_keys[i] = OidOutputFunctionCall(state->key_output, outer_key_values[i]);
    else if (Fetched(state, state->outer_keys[i])) continue;
    sent_keys[nsent++] = state->outer_keys[i];
  }
  qsort(sent_keys, nsent, sizeof(char*), CompareText);
  int distinct_sent = 0;
  for (int i = 0; i < nsent; i++)
    if (distinct_sent == 0 || strcmp(sent_keys[distinct_sent - 1], sent_keys[i]) != 0) sent_keys[distinct_sent++] = sent_keys[i];
  nsent = distinct_sent;
  // A lane of the inner scan for batch_size keys (a list each), or for each key (aliased).
  int keys_per_lane = state->aliased ? 1 : state->batch_size;
  int nrequests = (nsent + keys_per_lane - 1) / keys_per_lane;
  // The lane that sends a key: its place among the sorted keys.
  auto lane_of_key = [&](const char* text) {
    char** found = static_cast<char**>(bsearch(&text, sent_keys, nsent, sizeof(char*), CompareText));
    return found == nullptr ? -1 : static_cast<int>(found - sent_keys) / keys_per_lane;
  };
  state->outer_lane = static_cast<int*>(palloc(sizeof(int) * (state->nbatch + 1)));
  for (int i = 0; i < state->nbatch; i++)
    state->outer_lane[i] = matches_nothing(i) || state->outer_keys[i] == nullptr ? -1 : lane_of_key(state->outer_keys[i]);
  // Request r's lists: its keys, and the other key columns' distinct values of the rows whose
  // key it sends (the remote returns every combination of them; the join clauses pick the pairs).
  char*** lists = static_cast<char***>(palloc0(sizeof(char**) * (nrequests * (nsecondary + 1) + 1)));
  int* lengths = static_cast<int*>(palloc0(sizeof(int) * (nrequests * (nsecondary + 1) + 1)));
  for (int r = 0; r < nrequests; r++)
    for (int c = 0; c <= nsecondary; c++) lists[r * (nsecondary + 1) + c] = static_cast<char**>(palloc(sizeof(char*) * (state->nbatch + 1)));
  for (int k = 0; k < nsent; k++) {
    int r = k / keys_per_lane;
    lists[r * (nsecondary + 1)][lengths[r * (nsecondary + 1)]++] =
        pg_server_to_any(sent_keys[k], static_cast<int>(strlen(sent_keys[k])), PG_UTF8);
  }
  for (int i = 0; i < state->nbatch && nsecondary > 0; i++) {
    int r = state->outer_lane[i];
    if (r < 0) continue;
    for (int c = 0; c < nsecondary; c++) {
      char* text = OidOutputFunctionCall(state->secondary_output[c], secondary_values[i * nsecondary + c]);
      int list = r * (nsecondary + 1) + 1 + c;
      lists[list][lengths[list]++] = pg_server_to_any(text, static_cast<int>(strlen(text)), PG_UTF8);
    }
  }
  EndTransmissionSettings(transmission);
  for (int list = 0; list < nrequests * (nsecondary + 1); list++) {
    qsort(lists[list], lengths[list], sizeof(char*), CompareText);
    int sent = 0;
    for (int i = 0; i < lengths[list]; i++)
      if (sent == 0 || strcmp(lists[list][sent - 1], lists[list][i]) != 0) lists[list][sent++] = lists[list][i];
    lengths[list] = sent;
  }

  // The inner rows of these keys: a request a batch_size of keys (and its pages), all in
  // flight together as the lanes of the inner scan, added to the rows kept.
  ScanState* inner = state->inner;
  if (!state->inner_values_read) {
    EvaluatePushedValues(inner->pushed_attnums, inner->pushed_ops, inner->pushed_states, state->css.ss.ps.ps_ExprContext,
                         false, inner->pushed_context, inner->pushed);
    state->inner_values_read = true;
  }
  rr::RemoteScan* remote = *inner->remote;
  int first_new = state->ninner;
  state->nlanes = 0;
  state->lane_begin = static_cast<int*>(palloc(sizeof(int) * (nrequests + 2)));
  state->lane_begin[0] = first_new;
  MemoryContextSwitchTo(state->inner_context);
  auto use_lists_of = [&](int r) {
    for (int c = 0; c <= nsecondary; c++) {
      PushedValue* list = &inner->pushed[state->key_index + c];
      list->elements = lists[r * (nsecondary + 1) + c];
      list->nelements = lengths[r * (nsecondary + 1) + c];
      if (state->aliased) list->text = list->elements[0];  // one key a lane
      list->known = true;
      list->isnull = false;
    }
  };
  if (nrequests > 0) use_lists_of(0);
  if (nrequests > 0 && !AnyPushedNull(inner)) {
    state->batches += (nsent + state->batch_size - 1) / state->batch_size;
    state->keys_sent += nsent;
    RunGuarded(&inner->site, [&] { remote->SetBatching(state->aliased ? state->batch_size : 1, state->concurrency); });
    for (int r = 0; r < nrequests; r++) {
      use_lists_of(r);
      RunGuarded(&inner->site, [&] {
        if (r == 0) {
          SetPushedVariables(inner, remote);
        } else {
          BindPushedVariables(inner, remote);
          remote->AddLane();
        }
      });
    }
    for (;;) {
      bool have_row = false;
      BeginRemoteWait();
      RunGuarded(&inner->site, [&] { have_row = remote->NextRow(); });
      EndRemoteWait();
      if (!have_row) break;
      for (int lane = static_cast<int>(remote->current_lane()); state->nlanes < lane;) state->lane_begin[++state->nlanes] = state->ninner;
      if (state->ninner == state->inner_capacity) {
        state->inner_capacity *= 2;
        state->inner_values = static_cast<Datum**>(repalloc(state->inner_values, sizeof(Datum*) * state->inner_capacity));
        state->inner_nulls = static_cast<bool**>(repalloc(state->inner_nulls, sizeof(bool*) * state->inner_capacity));
        state->inner_ok = static_cast<bool*>(repalloc(state->inner_ok, sizeof(bool) * state->inner_capacity));
      }
      Datum* values = static_cast<Datum*>(palloc(sizeof(Datum) * (inner->ncolumns + 1)));
      bool* nulls = static_cast<bool*>(palloc(sizeof(bool) * (inner->ncolumns + 1)));
      const rr::Cell* cells = remote->cells().data();
      int cell = 0;
      instr_time started;
      bool timed = TimesConversion(&state->css.ss.ps);
      if (timed) INSTR_TIME_SET_CURRENT(started);
      for (int k = 0; k < inner->ncolumns; k++) {
        const ColumnConverter* column = &inner->columns[k];
        nulls[k] = true;
        values[k] = 0;
        if (column->input_only) continue;
        values[k] = ConvertCell(column, &cells[cell++], &inner->site, &nulls[k]);
      }
      if (timed) inner->convert_ms += ElapsedMs(started);
      state->inner_values[state->ninner] = values;
      state->inner_nulls[state->ninner] = nulls;
      state->ninner++;
    }
  }
  while (state->nlanes < nrequests) state->lane_begin[++state->nlanes] = state->ninner;
  // The inner table's own conditions, once per inner row.
  for (int j = first_new; j < state->ninner; j++) {
    econtext->ecxt_scantuple = FillSlot(state, -1, j);
    state->inner_ok[j] = ExecQual(state->inner_qual, econtext);
    ResetExprContext(econtext);
  }
  if (state->use_index) {
    // The index of the inner rows by key text (the join clauses are still checked per pair):
    // the new rows sorted, then merged into those kept; and the keys now fetched. Rows of keys
    // not sent (a remote that matches loosely) are left out: a later batch that sends their
    // key would bring them again.
    int added = 0;
    KeyRow* fresh = static_cast<KeyRow*>(palloc(sizeof(KeyRow) * (state->ninner - first_new + 1)));
    for (int lane = 0; lane < state->nlanes; lane++) {
      for (int j = state->lane_begin[lane]; j < state->lane_begin[lane + 1]; j++) {
        if (!state->inner_ok[j] || state->inner_nulls[j][state->key_column]) continue;
        char* text = OidOutputFunctionCall(state->key_output, state->inner_values[j][state->key_column]);
        if (lane_of_key(text) != lane) continue;
        fresh[added].key = text;
        fresh[added++].row = j;
      }
    }
    qsort(fresh, added, sizeof(KeyRow), CompareKeyRows);
    state->sorted = state->sorted == nullptr ? static_cast<KeyRow*>(palloc(sizeof(KeyRow) * (added + 1)))
                                             : static_cast<KeyRow*>(repalloc(state->sorted, sizeof(KeyRow) * (state->nsorted + added + 1)));
    for (int a = state->nsorted - 1, b = added - 1, to = state->nsorted + added - 1; b >= 0; to--)
      state->sorted[to] = a >= 0 && CompareKeyRows(&state->sorted[a], &fresh[b]) > 0 ? state->sorted[a--] : fresh[b--];
    state->nsorted += added;
    pfree(fresh);
    char** keys = static_cast<char**>(palloc(sizeof(char*) * (nsent + 1)));
    for (int i = 0; i < nsent; i++) keys[i] = pstrdup(sent_keys[i]);
    state->fetched = state->fetched == nullptr ? static_cast<char**>(palloc(sizeof(char*) * (nsent + 1)))
                                               : static_cast<char**>(repalloc(state->fetched, sizeof(char*) * (state->nfetched + nsent + 1)));
    for (int a = state->nfetched - 1, b = nsent - 1, to = state->nfetched + nsent - 1; b >= 0; to--)
      state->fetched[to] = a >= 0 && strcmp(state->fetched[a], keys[b]) > 0 ? state->fetched[a--] : keys[b--];
    state->nfetched += nsent;
    pfree(keys);
  }
  MemoryContextSwitchTo(caller);
  state->outer_index = 0;
  state->row_started = false;
  state->matched = false;
  return true;
}

TupleTableSlot* NextJoinedRow(::ScanState* node);

TupleTableSlot* NextJoinedRow(::ScanState* node) {
  BatchedJoinState* state = reinterpret_cast<BatchedJoinState*>(node);
  ExprContext* econtext = state->match_context;
  for (;;) {
    if (state->outer_index >= state->nbatch) {
      if (!FillBatch(state)) return ExecClearTuple(state->css.ss.ss_ScanTupleSlot);
      continue;
    }
    int i = state->outer_index;
    if (!state->row_started) {
      CandidatesOf(state, i, &state->inner_index, &state->inner_end);
      state->row_started = true;
    }
    while (state->inner_index < state->inner_end) {
      int k = state->inner_index++;
      int j = state->use_index ? state->sorted[k].row : k;
      if (!state->inner_ok[j]) continue;
      econtext->ecxt_scantuple = FillSlot(state, i, j);
      bool match = ExecQual(state->join_qual, econtext);
      ResetExprContext(econtext);
      if (!match) continue;
      state->matched = true;
      if (state->jointype == JOIN_ANTI) break;
      if (state->jointype == JOIN_SEMI) state->inner_index = state->inner_end;
      return FillSlot(state, i, j);
    }
    bool unmatched = !state->matched;
    state->outer_index++;
    state->row_started = false;
    state->matched = false;
    if (unmatched && (state->jointype == JOIN_LEFT || state->jointype == JOIN_ANTI)) return FillSlot(state, i, -1);
  }
}

bool RecheckJoinedRow(::ScanState*, TupleTableSlot*) { return true; }

void BeginBatchedJoin(CustomScanState* node, EState* estate, int eflags) {
  BatchedJoinState* state = reinterpret_cast<BatchedJoinState*>(node);
  CustomScan* scan = reinterpret_cast<CustomScan*>(node->ss.ps.plan);
  List* header = static_cast<List*>(linitial(scan->custom_private));
  state->jointype = static_cast<JoinType>(list_nth_int(header, 0));
  state->inner_table = static_cast<Oid>(list_nth_int(header, 1));
  state->check_as_user = linitial_oid(static_cast<List*>(list_nth(scan->custom_private, 4)));
  state->key_attnum = static_cast<AttrNumber>(list_nth_int(header, 2));
  state->batch_size = list_nth_int(header, 3);
  state->nouter = list_nth_int(header, 4);
  state->concurrency = list_nth_int(header, 5);
  state->aliased = list_nth_int(header, 6) != 0;
  state->inner_attnos = static_cast<List*>(lsecond(scan->custom_private));
  List* pushed_attnums = static_cast<List*>(lthird(scan->custom_private));
  List* pushed_ops = static_cast<List*>(lfourth(scan->custom_private));

  Plan* outer_plan = static_cast<Plan*>(linitial(scan->custom_plans));
  PlanState* outer = ExecInitNode(outer_plan, estate, eflags);
  node->custom_ps = list_make1(outer);
  state->outer_slot = MakeSingleTupleTableSlot(ExecGetResultType(outer), &TTSOpsMinimalTuple);

  state->key = ExecInitExpr(static_cast<Expr*>(linitial(scan->custom_exprs)), &node->ss.ps);
  List* secondary_values = static_cast<List*>(list_nth(scan->custom_exprs, 4));
  List* secondary_attnums = static_cast<List*>(list_nth(scan->custom_private, 5));
  state->nsecondary = list_length(secondary_values);
  state->secondary = static_cast<ExprState**>(palloc0(sizeof(ExprState*) * (state->nsecondary + 1)));
  state->secondary_typlen = static_cast<int16*>(palloc0(sizeof(int16) * (state->nsecondary + 1)));
  state->secondary_byval = static_cast<bool*>(palloc0(sizeof(bool) * (state->nsecondary + 1)));
  state->secondary_output = static_cast<Oid*>(palloc0(sizeof(Oid) * (state->nsecondary + 1)));
  state->join_qual = ExecInitQual(static_cast<List*>(lsecond(scan->custom_exprs)), &node->ss.ps);
  state->inner_qual = ExecInitQual(static_cast<List*>(lthird(scan->custom_exprs)), &node->ss.ps);
  List* pushed_states = InitPushedValues(static_cast<List*>(lfourth(scan->custom_exprs)), &node->ss.ps);
  state->match_context = CreateExprContext(estate);
  state->batch_context = AllocSetContextCreate(estate->es_query_cxt, "remote_relationship batch", ALLOCSET_DEFAULT_SIZES);
  state->inner_context = AllocSetContextCreate(estate->es_query_cxt, "remote_relationship inner rows", ALLOCSET_DEFAULT_SIZES);
  ResetInnerRows(state);

  // The key goes as a list in the inner table's filter, after its own conditions.
  Oid userid = OidIsValid(state->check_as_user) ? state->check_as_user : GetUserId();
  Oid key_type = exprType(reinterpret_cast<Node*>(state->key->expr));
  get_typlenbyval(key_type, &state->key_typlen, &state->key_byval);
  bool varlena;
  getTypeOutputInfo(key_type, &state->key_output, &varlena);
  state->use_index = TextIsIdentity(key_type);
  state->pending_row = nullptr;
  PushedValue* keys = static_cast<PushedValue*>(palloc0(sizeof(PushedValue) * (state->nsecondary + 1)));
  for (int i = 0; i <= state->nsecondary; i++) {
    PushedValue* key = &keys[i];
    Oid type = key_type;
    key->attnum = state->key_attnum;
    if (i > 0) {
      ExprState* expr = ExecInitExpr(static_cast<Expr*>(list_nth(secondary_values, i - 1)), &node->ss.ps);
      state->secondary[i - 1] = expr;
      type = exprType(reinterpret_cast<Node*>(expr->expr));
      get_typlenbyval(type, &state->secondary_typlen[i - 1], &state->secondary_byval[i - 1]);
      getTypeOutputInfo(type, &state->secondary_output[i - 1], &varlena);
      key->attnum = static_cast<AttrNumber>(list_nth_int(secondary_attnums, i - 1));
    }
    key->op = !state->aliased ? PushedOp::kIn
              : ColumnArgument(state->inner_table, key->attnum) != nullptr ? PushedOp::kArgument : PushedOp::kEqual;
    key->known = !state->aliased;  // an aliased key's value comes with its lane
    key->isnull = false;
    key->category = ValueCategoryOf(type);
    key->default_type = DefaultGraphQLTypeOf(type);
  }
  Relation relation = table_open(state->inner_table, NoLock);
  state->key_index = list_length(pushed_attnums);
  state->inner = BeginRemoteScan(relation, userid, state->inner_attnos, pushed_attnums, pushed_ops, pushed_states, 0, NIL, keys,
                                 1 + state->nsecondary, node->ss.ps.ps_ExprContext, estate,
                                 (eflags & EXEC_FLAG_EXPLAIN_ONLY) != 0);
  table_close(relation, NoLock);
  state->inner_values_read = false;
  state->nbatch = 0;
  state->outer_index = 0;
  state->outer_done = false;
  state->key_column = 0;
  ListCell* cell;
  foreach (cell, state->inner_attnos) {
    if (lfirst_int(cell) == state->key_attnum) break;
    state->key_column++;
  }
}

TupleTableSlot* ExecBatchedJoin(CustomScanState* node) {
  return ExecScan(&node->ss, reinterpret_cast<ExecScanAccessMtd>(NextJoinedRow),
                  reinterpret_cast<ExecScanRecheckMtd>(RecheckJoinedRow));
}

void EndBatchedJoin(CustomScanState* node) {
  BatchedJoinState* state = reinterpret_cast<BatchedJoinState*>(node);
  ExecEndNode(static_cast<PlanState*>(linitial(node->custom_ps)));
  if (state->inner != nullptr && state->inner->remote != nullptr) {
    WarnOfPartialErrors(state->inner);
    delete *state->inner->remote;  // the destructor neither throws nor calls PostgreSQL
    *state->inner->remote = nullptr;
  }
}

void ReScanBatchedJoin(CustomScanState* node) {
  BatchedJoinState* state = reinterpret_cast<BatchedJoinState*>(node);
  PlanState* outer = static_cast<PlanState*>(linitial(node->custom_ps));
  // ExecReScan passes changed parameters to lefttree and righttree only: ours is custom_ps.
  if (node->ss.ps.chgParam != nullptr) UpdateChangedParamSet(outer, node->ss.ps.chgParam);
  if (outer->chgParam == nullptr) ExecReScan(outer);
  state->inner_values_read = false;  // a parameter of the inner conditions may have changed
  state->nbatch = 0;
  state->outer_index = 0;
  state->outer_done = false;
  if (state->pending_row != nullptr) pfree(state->pending_row);
  state->pending_row = nullptr;
  MemoryContextReset(state->batch_context);
  ResetInnerRows(state);  // the inner table's conditions may read new parameters
}

void ExplainBatchedJoin(CustomScanState* node, List*, ExplainState* es) {
  BatchedJoinState* state = reinterpret_cast<BatchedJoinState*>(node);
  const rr::RemoteScan* remote = state->inner != nullptr ? *state->inner->remote : nullptr;
  const char* kinds[] = {"Inner", "Left", "Full", "Right", "Semi", "Anti"};
  ExplainPropertyText("Join Type", state->jointype <= JOIN_ANTI ? kinds[state->jointype] : "?", es);
  ExplainPropertyText("Remote Table", get_rel_name(state->inner_table), es);
  ExplainPropertyInteger("Remote Batch Size", nullptr, state->batch_size, es);
  ExplainPropertyInteger("Remote Concurrent Requests", nullptr, state->concurrency, es);
  if (state->aliased) ExplainPropertyText("Remote Keys Sent As", "aliased root fields", es);
  if (remote != nullptr && es->verbose) {
    ExplainPropertyText("Remote GraphQL", remote->request().document().c_str(), es);
  }
  if (remote != nullptr && es->analyze) {
    const rr::ScanStats& stats = remote->stats();
    ExplainPropertyInteger("Remote Batches", nullptr, state->batches, es);
    ExplainPropertyInteger("Remote Keys Sent", nullptr, state->keys_sent, es);
    ExplainPropertyInteger("Remote Requests", nullptr, stats.requests + state->inner->introspection.requests, es);
    ExplainPropertyInteger("Remote Rows", nullptr, stats.rows, es);
    long retries = stats.retries + state->inner->introspection.retries;
    if (retries > 0 || es->format != EXPLAIN_FORMAT_TEXT) ExplainPropertyInteger("Remote Retries", nullptr, retries, es);
    ExplainPropertyInteger("Remote Bytes Received", "bytes",
                           stats.bytes_received + state->inner->introspection.bytes_received, es);
    ExplainRemoteTimes(stats, state->inner->convert_ms, es);
  }
}

const CustomExecMethods kExecMethods = {
    "RemoteBatchedJoin", BeginBatchedJoin, ExecBatchedJoin, EndBatchedJoin, ReScanBatchedJoin,
    nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, ExplainBatchedJoin};

Node* CreateBatchedJoinState(CustomScan*) {
  BatchedJoinState* state = static_cast<BatchedJoinState*>(palloc0(sizeof(BatchedJoinState)));
  NodeSetTag(state, T_CustomScanState);
  state->css.methods = &kExecMethods;
  return reinterpret_cast<Node*>(state);
}

}  // namespace

void RegisterBatchedJoin() {
  RegisterCustomScanMethods(&kScanMethods);
  previous_join_pathlist_hook = set_join_pathlist_hook;
  set_join_pathlist_hook = AddBatchedJoinPath;
}

}  // namespace rr_pg
