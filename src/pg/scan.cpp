// Execution: a scan's C++ state is created in BeginForeignScan, owned by the query's
// memory context, and walked row by row in IterateForeignScan. The callbacks hold no C++
// object themselves, so a PostgreSQL error raised in them unwinds no C++ frame.
#include <string>

#include "connection.hpp"
#include "core/options.hpp"
#include "core/schema.hpp"
#include "fdw.hpp"

#include "core/json.hpp"
#include "option.hpp"
#include "pushdown.hpp"

namespace rr_pg {

namespace {

// What the scan takes from the remote schema: the argument types (fixed arguments and
// pushed values travel as typed variables, pagination variables take the remote's types),
// the shape of the result and its paging. An imported table records all of it in its options
// (argument_types set: no introspection at all); a hand-made table asks the schema model
// (one introspection request per server and user, cached) for what its options leave out.
// Without introspection, fixed arguments are written as literals and defaults apply.
void BindToRemoteSchema(ScanState* state, const TableOptions* options, const rr::HttpRequest& http,
                        bool explain_only, rr::ScanRequestSpec* spec, std::shared_ptr<rr::RootFieldInfo>* argument_types) {
  bool has_arguments = options->arguments != nullptr;
  // The option is in the database's encoding; the remote reads UTF-8.
  const char* arguments = nullptr;
  if (has_arguments)
    CallPostgres([&] { arguments = pg_server_to_any(options->arguments, static_cast<int>(strlen(options->arguments)), PG_UTF8); });
  auto apply_options = [&](rr::ScanRequestSpec* bound) {
    if (options->query_returns != nullptr) bound->result = rr::ParseResultShape(options->query_returns);
    if (options->pagination != nullptr) bound->pagination = rr::ParsePagination(options->pagination);
    else if (bound->result != rr::ResultShape::kConnection && bound->pagination == rr::Pagination::kRelay)
      bound->pagination = rr::Pagination::kNone;  // the table reads the field otherwise than the model says
    if (bound->result == rr::ResultShape::kObject && options->pagination == nullptr) bound->pagination = rr::Pagination::kNone;
    if (options->relay_rows != nullptr) bound->relay_nodes = strcmp(options->relay_rows, "nodes") == 0;
    if (options->limit_argument != nullptr) bound->limit_argument = options->limit_argument;
    if (options->offset_argument != nullptr) bound->offset_argument = options->offset_argument;
    if (options->offset_unit != nullptr) bound->offset_in_pages = strcmp(options->offset_unit, "pages") == 0;
  };

  if (options->argument_types != nullptr) {
    rr::RootFieldInfo field = rr::ParseArgumentTypesJson(spec->query_field, options->argument_types);
    apply_options(spec);
    rr::BindPagination(&field, spec);
    try {
      if (has_arguments) rr::BindFixedArguments(arguments, &field, spec);
    } catch (const rr::RemoteError& error) {
      if (error.kind() != rr::ErrorKind::kNotInSchema) throw;
      throw rr::RemoteError(rr::ErrorKind::kInvalidOption, error.what(),
                            "The table's argument_types option lists the arguments the scan may send; add it there.");
    }
    *argument_types = std::make_shared<rr::RootFieldInfo>(std::move(field));
    return;
  }

  // Takes the shape from the model where the options are silent.
  auto bind = [&](const rr::SchemaModel* model, bool unlisted_as_literals) {
    rr::ScanRequestSpec bound = *spec;
    const rr::Field* field = nullptr;
    std::shared_ptr<rr::RootFieldInfo> types;
    if (model != nullptr) {
      std::vector<const rr::Field*> steps = rr::FindFieldPath(*model, bound.query_field);
      field = steps.back();
      rr::RootFieldShape shape;
      std::string rows = rr::AbstractRowsOf(*model, *field, &shape);
      if (!rows.empty()) {
        // Items of a union or interface: the table's type_name says which member it reads.
        if (options->type_name == nullptr || !rr::IsPossibleType(*model, rows, options->type_name)) {
          std::string members;
          if (const rr::SchemaType* abstract = model->FindType(rows))
            for (const auto& name : abstract->possible_types) members.append(members.empty() ? "" : ", ").append(name);
          throw rr::RemoteError(rr::ErrorKind::kInvalidOption,
                                "field \"" + bound.query_field + "\" returns items of " + rows + ", and " +
                                    (options->type_name == nullptr ? std::string("the table has no type_name")
                                                                   : "\"" + std::string(options->type_name) + "\" is none of its types"),
                                "Set the table's type_name option to one of " + rows + "'s types: " + members + ".");
        }
        bound.result = shape.result;
        bound.relay_nodes = shape.relay_nodes;
        bound.pagination = shape.pagination;
        if (rows != options->type_name) bound.member_type = options->type_name;
        rr::CompletePathsFromModel(*model, options->type_name, &bound.fields);
      } else if (rr::DescribeRootField(*model, *field, &shape)) {
        // Fixed arguments that page (`{"limit": 3}`) mean that the user pages by hand.
        if (has_arguments && options->pagination == nullptr)
          for (const auto& fixed : rr::ParseArgumentsJson(arguments))
            if (shape.IsPagingArgument(fixed.name)) shape.pagination = rr::Pagination::kNone;
        bound.result = shape.result;
        bound.relay_nodes = shape.relay_nodes;
        bound.pagination = shape.pagination;
        bound.limit_argument = shape.limit_argument;
        bound.offset_argument = shape.offset_argument;
        bound.offset_in_pages = shape.offset_in_pages;
        rr::CompletePathsFromModel(*model, shape.row_type, &bound.fields);
      } else if (rr::ReturnsJsonScalar(*model, *field)) {
        bound.result = rr::ResultShape::kJson;  // `settings: JSON!`: its object is the row
        bound.pagination = rr::Pagination::kNone;
      }
      types = std::make_shared<rr::RootFieldInfo>(rr::ArgumentsOfPath(steps));
    }
    apply_options(&bound);
    rr::BindPagination(types.get(), &bound);
    if (has_arguments) rr::BindFixedArguments(arguments, types.get(), &bound, unlisted_as_literals);
    *argument_types = types;
    return bound;
  };

  // Fixed arguments need their types; the rest is a refinement, and plain EXPLAIN works with
  // the remote down, as in postgres_fdw: there a failure leaves the defaults.
  Introspection need = has_arguments && !explain_only ? Introspection::kRequired : Introspection::kOptional;
  auto introspect = [&](Introspection how) {
    return GetSchemaModel(options, http, how, &state->introspection);
  };
  std::shared_ptr<const rr::SchemaModel> model;
  try {
    model = introspect(need);
  } catch (const rr::RemoteError& error) {
    if (need == Introspection::kRequired || error.kind() == rr::ErrorKind::kCancelled) throw;
  }
  try {
    *spec = bind(model.get(), false);
  } catch (const rr::RemoteError& error) {
    if (error.kind() != rr::ErrorKind::kNotInSchema) throw;
    // The remote schema may have grown since it was introspected: look once more (at most
    // every 10 s). An argument still not listed may be a deprecated one, which introspection
    // leaves out: it goes as a literal, and the remote judges it.
    std::shared_ptr<const rr::SchemaModel> refreshed;
    try {
      refreshed = introspect(Introspection::kRefresh);
    } catch (const rr::RemoteError& refresh_error) {
      if (refresh_error.kind() == rr::ErrorKind::kCancelled) throw;
    }
    if (refreshed != nullptr) model = refreshed;
    *spec = bind(model.get(), true);
  }
  state->arguments_as_literals = has_arguments && model == nullptr;
  // Without introspection the document is written from defaults; when the remote then finds
  // it invalid, say so (a validation error alone does not tell why the types were wrong).
  if (model == nullptr && (has_arguments || spec->pagination != rr::Pagination::kNone || state->npushed > 0)) {
    bool paged = spec->pagination != rr::Pagination::kNone;
    state->site.graphql_hint =
        state->npushed > 0
            ? "Introspection of the remote schema was refused or failed: argument variables were given default types "
              "(the table's argument_types option can give them), fixed arguments were written as literals."
        : !paged ? "Introspection of the remote schema was refused or failed: fixed arguments were written as literals."
        : has_arguments ? "Introspection of the remote schema was refused or failed: fixed arguments were written as "
                          "literals, and pagination variables were given default types."
                        : "Introspection of the remote schema was refused or failed: pagination variables were given "
                          "default types (Int!, String), and a connection is read through edges.";
  }
}

// The JSON of a pushed value for an argument of GraphQL type type (null until it is known).
std::string PushedValueJson(const PushedValue* value, const std::string& type) {
  if (!value->known || value->isnull) return "null";
  return rr::ArgumentValueJson(value->text, static_cast<rr::ValueCategory>(value->category), type);
}

// What a pushed filter entry asks of the remote, once its values are read.
enum class TermValue { kTerm, kMatchesNothing, kUnknown };

// The filter term of the pushed entry at *index (with a group's items, which it steps over),
// into *term when with_json (without, it allocates nothing and cannot throw). No row passes a condition on a NULL value or an empty ANY list,
// an AND with such an item, or an OR of only such items (its other items are left out).
TermValue ReadFilterTerm(const ScanState* state, int* index, bool with_json, rr::FilterTerm* term) {
  const PushedValue* value = &state->pushed[(*index)++];
  term->op = static_cast<rr::FilterOp>(static_cast<int>(value->op) - 1);
  if (IsPushedGroup(value->op)) {
    bool any_unknown = false;
    bool any_nothing = false;
    int kept = 0;
    for (int item = 0; item < -value->attnum; item++) {
      rr::FilterTerm item_term;
      TermValue read = ReadFilterTerm(state, index, with_json, &item_term);
      any_unknown = any_unknown || read == TermValue::kUnknown;
      any_nothing = any_nothing || read == TermValue::kMatchesNothing;
      if (read != TermValue::kTerm) continue;
      kept++;
      if (with_json) term->terms.push_back(std::move(item_term));
    }
    if (value->op == PushedOp::kAnd && any_nothing) return TermValue::kMatchesNothing;
    if (any_unknown) return TermValue::kUnknown;
    return kept == 0 ? TermValue::kMatchesNothing : TermValue::kTerm;
  }
  if (!value->known) return TermValue::kUnknown;
  bool null_test = value->op == PushedOp::kIsNull || value->op == PushedOp::kIsNotNull;
  if ((value->isnull && !null_test) || (value->op == PushedOp::kIn && value->nelements == 0))
    return TermValue::kMatchesNothing;
  if (!with_json) return TermValue::kTerm;
  int i = *index - 1;
  auto dialect = static_cast<rr::FilterDialect>(state->filter_dialect);
  term->field = state->filter_fields[i];
  std::string scalar = state->filter_types[i] != nullptr ? rr::FilterScalarType(dialect, state->filter_types[i])
                                                         : value->default_type;
  auto category = static_cast<rr::ValueCategory>(value->category);
  if (value->op == PushedOp::kIn) {
    term->json_value = "[";
    for (int k = 0; k < value->nelements; k++)
      term->json_value += (k ? ", " : "") + rr::ArgumentValueJson(value->elements[k], category, scalar);
    term->json_value += "]";
  } else if (value->text != nullptr) {
    term->json_value = rr::ArgumentValueJson(value->text, category, scalar);
  }
  return TermValue::kTerm;
}

// The value of the filter argument for the filter terms just read: null until all are known,
// and when no row can match (then nothing is sent).
std::string FilterJson(const ScanState* state) {
  auto dialect = static_cast<rr::FilterDialect>(state->filter_dialect);
  std::vector<rr::FilterTerm> terms;
  for (int i = 0; i < state->npushed;) {
    if (state->pushed[i].op == PushedOp::kArgument) {
      i++;
      continue;
    }
    rr::FilterTerm term;
    if (ReadFilterTerm(state, &i, true, &term) != TermValue::kTerm) return "null";
    terms.push_back(std::move(term));
  }
  return rr::FilterArgumentJson(dialect, terms);
}

// The pushed values become variables of the query field's arguments. A required argument
// that neither a fixed argument nor a pushed value gives is an error before anything is sent
// (the remote would refuse the document, or worse, answer with nothing).
void BindPushedArguments(ScanState* state, const TableOptions* options, const rr::RootFieldInfo* types,
                         bool explain_only, rr::ScanRequestSpec* spec) {
  std::vector<std::string> fixed_names;
  if (options->arguments != nullptr)
    for (const auto& fixed : rr::ParseArgumentsJson(options->arguments)) fixed_names.push_back(fixed.name);
  auto given_as_fixed = [&](const std::string& name) {
    for (const auto& fixed : fixed_names)
      if (fixed == name) return true;
    return false;
  };
  bool any_filter_term = false;
  for (int i = 0; i < state->npushed; i++) {
    const PushedValue* value = &state->pushed[i];
    state->pushed_variable[i] = -1;
    if (value->op != PushedOp::kArgument) {
      any_filter_term = true;
      continue;
    }
    const char* column = options->column_names[value->attnum - 1];
    std::string argument = options->column_arguments[value->attnum - 1];
    if (spec->SetsByPaging(argument))
      throw rr::RemoteError(rr::ErrorKind::kInvalidOption,
                            "column \"" + std::string(column) + "\" feeds argument \"" + argument + "\", which pagination '" +
                                rr::PaginationName(spec->pagination) + "' sets",
                            "Drop the column's argument option, or set the table's pagination to 'none'.");
    if (given_as_fixed(argument))
      throw rr::RemoteError(rr::ErrorKind::kInvalidOption,
                            "argument \"" + argument + "\" is given both by the arguments option and by column \"" +
                                column + "\"",
                            "Remove it from the table's arguments option.");
    const rr::ArgumentInfo* info = types != nullptr ? types->FindArgument(argument) : nullptr;
    if (types != nullptr && info == nullptr)
      throw rr::RemoteError(rr::ErrorKind::kInvalidOption,
                            "column \"" + std::string(column) + "\" feeds argument \"" + argument + "\", which field \"" +
                                spec->query_field + "\" does not take");
    std::string type = info != nullptr ? info->type : value->default_type;
    state->pushed_variable[i] = static_cast<int>(spec->variables.size());
    spec->variables.push_back({argument, type, PushedValueJson(value, type)});
  }
  // The filter terms go as one variable of the filter argument, when its type is known and
  // nothing else sets it; otherwise they are only checked locally (as they always are).
  state->filter_variable = -1;
  if (any_filter_term && options->filter_argument != nullptr && options->filter_dialect != nullptr && types != nullptr) {
    const rr::ArgumentInfo* info = types->FindArgument(options->filter_argument);
    if (info != nullptr && !given_as_fixed(info->name) && !spec->SetsByPaging(info->name)) {
      state->filter_dialect = static_cast<int>(rr::ParseFilterDialect(options->filter_dialect));
      state->filter_argument = options->filter_argument;
      for (int i = 0; i < state->npushed; i++) {
        if (state->pushed[i].op == PushedOp::kArgument || IsPushedGroup(state->pushed[i].op)) continue;
        int column = state->pushed[i].attnum - 1;
        state->filter_fields[i] = options->column_filter_fields[column];
        state->filter_types[i] = options->column_filter_types[column];
      }
      state->filter_variable = static_cast<int>(spec->variables.size());
      spec->variables.push_back({info->name, info->type, FilterJson(state)});
    }
  }
  if (types == nullptr || explain_only) return;
  for (const auto& argument : types->arguments) {
    bool required = !argument.type.empty() && argument.type.back() == '!';
    bool pushed = false;
    for (const auto& variable : spec->variables) pushed = pushed || variable.argument == argument.name;
    if (!required || spec->SetsByPaging(argument.name) || given_as_fixed(argument.name) || pushed) continue;
    const char* column = nullptr;
    for (int i = 0; i < options->natts; i++)
      if (options->column_arguments[i] != nullptr && argument.name == options->column_arguments[i]) column = options->column_names[i];
    if (column != nullptr)
      throw rr::RemoteError(rr::ErrorKind::kMissingArgument,
                            "column \"" + std::string(column) + "\" needs a value: it gives the required argument \"" +
                                argument.name + "\" of field \"" + spec->query_field + "\"",
                            "Add a condition such as WHERE " + std::string(column) + " = ... to the query.");
    throw rr::RemoteError(rr::ErrorKind::kMissingArgument,
                          "field \"" + spec->query_field + "\" needs its argument \"" + argument.name + "\" (" +
                              argument.type + "), which no column or fixed argument gives",
                          "Give it in the table's arguments option, or add a column with the option argument '" +
                              argument.name + "'.");
  }
}

// A filtered offset scan asks for the count of its rows beside the first page, so that the
// page reaching the count is known to be the last and no empty page is asked for: a keyed
// lookup or a batch of keys is then one request. The count takes the filter only, so it is
// never given where the field's other arguments (fixed ones, argument columns) would be needed
// to make it the count of the same rows; nor for an unfiltered scan (a count of the whole
// table costs the remote more than the empty page) or one under a LIMIT.
void BindCount(const ScanState* state, const TableOptions* options, rr::ScanRequestSpec* spec) {
  if (options->count_field == nullptr || strchr(options->count_field, '.') == nullptr) return;
  if (spec->pagination != rr::Pagination::kOffset || state->filter_variable < 0 || state->row_limit > 0) return;
  if (options->arguments != nullptr || !spec->literal_arguments.empty() || spec->variables.size() != 1) return;
  spec->count_field = options->count_field;
  spec->count_argument = spec->variables[state->filter_variable].argument;
}

// A pushed ORDER BY as Hasura's order_by variable: [{"field": "asc_nulls_last"}, ...]. The
// planner offered the ordered path only with the argument's type recorded; the rows are
// trusted to come sorted, so a scan that cannot send the order must fail, not go on.
void BindOrder(const ScanState* state, const TableOptions* options, const rr::RootFieldInfo* types,
               rr::ScanRequestSpec* spec) {
  if (state->order_terms == NIL) return;
  const rr::ArgumentInfo* info =
      types != nullptr && options->order_argument != nullptr ? types->FindArgument(options->order_argument) : nullptr;
  if (info == nullptr)
    throw rr::RemoteError(rr::ErrorKind::kInternal, "the ORDER BY sent to the remote has no order argument to go in");
  std::string json = "[";
  ListCell* cell;
  foreach (cell, state->order_terms) {
    List* term = static_cast<List*>(lfirst(cell));
    const char* field = options->column_fields[linitial_int(term) - 1];
    if (json.size() > 1) json += ", ";
    json += "{";
    rr::AppendJsonString(field, strlen(field), &json);
    json += lsecond_int(term) ? ": \"desc" : ": \"asc";
    json += lthird_int(term) ? "_nulls_first\"}" : "_nulls_last\"}";
  }
  spec->variables.push_back({info->name, info->type, json + "]"});
}

// The C++ half of BeginForeignScan: parses the options and creates the RemoteScan.
void CreateRemoteScan(ScanState* state, const TableOptions* options, bool explain_only) {
  SetRedactedUrl(&state->site, options->url);

  rr::ScanRequestSpec spec;
  spec.query_field = options->query_field;
  rr::CheckQueryField(spec.query_field);  // before anything is sent
  if (options->pagination != nullptr) spec.pagination = rr::ParsePagination(options->pagination);
  spec.page_size = OptionalPositive(options->page_size, kDefaultPageSize, kMaxPageSize);
  if (options->on_partial_error != nullptr)
    spec.on_partial_error = strcmp(options->on_partial_error, "null") == 0   ? rr::PartialErrors::kNull
                            : strcmp(options->on_partial_error, "warn") == 0 ? rr::PartialErrors::kWarn
                                                                             : rr::PartialErrors::kError;

  std::vector<rr::CellFormat> formats;
  for (int i = 0; i < state->ncolumns; i++) {
    if (state->columns[i].input_only) continue;  // no field of the remote type
    spec.fields.push_back(rr::ParseFieldSpec(state->columns[i].field));
    spec.fields.back().on_edge = state->columns[i].on_edge;
    formats.push_back(CellFormatFor(&state->columns[i]));
  }

  rr::HttpRequest http = HttpRequestFor(options, explain_only);
  std::shared_ptr<rr::RootFieldInfo> argument_types;
  BindToRemoteSchema(state, options, http, explain_only, &spec, &argument_types);
  // A LIMIT sizes the page, unless rows of other union members are skipped here.
  if (state->row_limit > 0 && state->row_limit < spec.page_size && spec.member_type.empty())
    spec.page_size = state->row_limit;
  spec.pages_ahead = state->pages_ahead;
  BindPushedArguments(state, options, argument_types.get(), explain_only, &spec);
  BindCount(state, options, &spec);
  BindOrder(state, options, argument_types.get(), &spec);

  std::shared_ptr<rr::HttpClient> client = GetHttpClient(options->server_id);
  *state->remote = new rr::RemoteScan(std::move(spec), std::move(http), std::move(formats), std::move(client),
                                      &TransferShouldStop);
}

}  // namespace

ScanState* BeginRemoteScan(Relation rel, Oid userid, List* retrieved_attrs, List* pushed_attnums, List* pushed_ops,
                           List* pushed_states, int row_limit, List* order_terms, const PushedValue* extra, int nextra,
                           ExprContext* econtext, EState* estate, bool explain_only) {
  TupleDesc desc = RelationGetDescr(rel);
  TableOptions* options = GetTableOptions(RelationGetRelid(rel), userid);

  ScanState* state = static_cast<ScanState*>(palloc0(sizeof(ScanState)));
  state->site.server_name = options->server_name;
  state->site.query_field = options->query_field;
  state->server_id = options->server_id;
  state->user_id = options->user_id;
  state->session_key = options->session_key;
  state->pushed_attnums = pushed_attnums;
  state->pushed_ops = pushed_ops;
  state->row_limit = row_limit;
  // Pages ahead cost the remote pages that a LIMIT would not read.
  state->pages_ahead = row_limit > 0 ? 1
                                     : static_cast<int>(NumericOption(GetForeignTable(RelationGetRelid(rel)),
                                                                      "max_concurrent_requests", kDefaultConcurrentRequests));
  state->order_terms = order_terms;
  state->pushed_states = pushed_states;
  int evaluated = list_length(pushed_attnums);
  state->npushed = evaluated + nextra;
  state->pushed = static_cast<PushedValue*>(palloc0(sizeof(PushedValue) * (state->npushed + 1)));
  state->pushed_variable = static_cast<int*>(palloc0(sizeof(int) * (state->npushed + 1)));
  state->filter_fields = static_cast<const char**>(palloc0(sizeof(char*) * (state->npushed + 1)));
  state->filter_types = static_cast<const char**>(palloc0(sizeof(char*) * (state->npushed + 1)));
  state->filter_variable = -1;
  state->pushed_context = AllocSetContextCreate(estate->es_query_cxt, "remote_relationship pushed values",
                                                ALLOCSET_SMALL_SIZES);
  bool deferred = EvaluatePushedValues(pushed_attnums, pushed_ops, pushed_states, econtext, true, state->pushed_context,
                                       state->pushed);
  for (int i = 0; i < nextra; i++) state->pushed[evaluated + i] = extra[i];
  state->values_pending = deferred && !explain_only;
  state->ncolumns = list_length(retrieved_attrs);
  state->columns = static_cast<ColumnConverter*>(palloc0(sizeof(ColumnConverter) * (state->ncolumns + 1)));
  int index = 0;
  ListCell* cell;
  foreach (cell, retrieved_attrs) {
    AttrNumber attnum = static_cast<AttrNumber>(lfirst_int(cell));
    Form_pg_attribute attr = TupleDescAttr(desc, attnum - 1);
    ColumnConverter* column = &state->columns[index++];
    InitColumnConverter(column, attnum, options->column_names[attnum - 1], options->column_fields[attnum - 1],
                        attr->atttypid, attr->atttypmod);
    column->input_only = options->column_input_only[attnum - 1];
    column->on_edge = options->column_on_edge[attnum - 1];
  }
  state->remote = NewOwnedSlot<rr::RemoteScan>(estate->es_query_cxt);

  BeginRemoteWait();  // it may introspect the remote
  RunGuarded(&state->site, [&] { CreateRemoteScan(state, options, explain_only); });
  EndRemoteWait();
  // For debugging a connection: what is asked of whom; header values never go to the log.
  ereport(DEBUG1, (errmsg_internal("remote_relationship: scan of field \"%s\" of remote schema \"%s\" at %s",
                                   state->site.query_field, state->site.server_name, state->site.url)));
  return state;
}

void BeginForeignScan(ForeignScanState* node, int eflags) {
  // EXPLAIN without ANALYZE needs the document too. Nothing is sent for it, except the one
  // introspection request of a hand-made table that lacks argument_types (whose failure it
  // tolerates).
  bool explain_only = (eflags & EXEC_FLAG_EXPLAIN_ONLY) != 0;
  ForeignScan* plan = reinterpret_cast<ForeignScan*>(node->ss.ps.plan);
  EState* estate = node->ss.ps.state;
  RangeTblEntry* rte = exec_rt_fetch(plan->scan.scanrelid, estate);
  Oid userid = OidIsValid(rte->checkAsUser) ? rte->checkAsUser : GetUserId();
  node->fdw_state = BeginRemoteScan(
      node->ss.ss_currentRelation, userid, static_cast<List*>(linitial(plan->fdw_private)),
      static_cast<List*>(lsecond(plan->fdw_private)), static_cast<List*>(lthird(plan->fdw_private)),
      InitPushedValues(plan->fdw_exprs, &node->ss.ps), linitial_int(static_cast<List*>(lfourth(plan->fdw_private))),
      static_cast<List*>(list_nth(plan->fdw_private, 4)), nullptr, 0, node->ss.ps.ps_ExprContext, estate, explain_only);
}

void BindPushedVariables(const ScanState* state, rr::RemoteScan* remote) {
  for (int i = 0; i < state->npushed; i++) {
    if (state->pushed_variable[i] < 0) continue;
    size_t index = static_cast<size_t>(state->pushed_variable[i]);
    remote->SetVariable(index, PushedValueJson(&state->pushed[i], remote->request().spec().variables[index].type));
  }
  if (state->filter_variable >= 0) remote->SetVariable(static_cast<size_t>(state->filter_variable), FilterJson(state));
}

void SetPushedVariables(const ScanState* state, rr::RemoteScan* remote) {
  BindPushedVariables(state, remote);
  remote->Restart();
}

bool AnyPushedNull(const ScanState* state) {
  for (int i = 0; i < state->npushed;) {
    const PushedValue* value = &state->pushed[i];
    if (value->op == PushedOp::kArgument) {
      if (value->known && value->isnull) return true;
      i++;
      continue;
    }
    rr::FilterTerm term;
    if (ReadFilterTerm(state, &i, false, &term) == TermValue::kMatchesNothing) return true;
  }
  return false;
}

namespace {

// The value an input-only column shows: the one its argument was given.
const PushedValue* PushedValueFor(const ScanState* state, AttrNumber attnum) {
  for (int i = 0; i < state->npushed; i++)
    if (state->pushed[i].op == PushedOp::kArgument && state->pushed[i].attnum == attnum) return &state->pushed[i];
  return nullptr;
}

}  // namespace

TupleTableSlot* IterateForeignScan(ForeignScanState* node) {
  ScanState* state = static_cast<ScanState*>(node->fdw_state);
  TupleTableSlot* slot = node->ss.ss_ScanTupleSlot;
  rr::RemoteScan* remote = *state->remote;
  bool have_row = false;

  ExecClearTuple(slot);
  if (state->values_pending) {
    // Now that the scan fetches, outer rows' values and initPlans' results are set.
    EvaluatePushedValues(state->pushed_attnums, state->pushed_ops, state->pushed_states, node->ss.ps.ps_ExprContext, false,
                         state->pushed_context, state->pushed);
    state->values_pending = false;
    RunGuarded(&state->site, [&] { SetPushedVariables(state, remote); });
  }
  if (AnyPushedNull(state)) return slot;
  BeginRemoteWait();
  RunGuarded(&state->site, [&] {
    try {
      have_row = remote->NextRow();
    } catch (const rr::RemoteError& error) {
      if (SaysNotInSchema(error)) ForgetStaleSchema(state->server_id, state->user_id, state->session_key);
      throw;
    }
  });
  EndRemoteWait();
  if (!have_row) return slot;

  int natts = slot->tts_tupleDescriptor->natts;
  for (int i = 0; i < natts; i++) slot->tts_isnull[i] = true;
  const rr::Cell* cells = remote->cells().data();
  int cell = 0;
  instr_time started;
  bool timed = TimesConversion(&node->ss.ps);
  if (timed) INSTR_TIME_SET_CURRENT(started);
  for (int i = 0; i < state->ncolumns; i++) {
    const ColumnConverter* column = &state->columns[i];
    bool isnull = true;
    Datum value = 0;
    if (column->input_only) {
      const PushedValue* pushed = PushedValueFor(state, column->attnum);
      if (pushed != nullptr && !pushed->isnull) {
        value = pushed->datum;
        isnull = false;
      }
    } else {
      value = ConvertCell(column, &cells[cell++], &state->site, &isnull);
    }
    slot->tts_values[column->attnum - 1] = value;
    slot->tts_isnull[column->attnum - 1] = isnull;
  }
  if (timed) state->convert_ms += ElapsedMs(started);
  ExecStoreVirtualTuple(slot);
  return slot;
}

void ReScanForeignScan(ForeignScanState* node) {
  ScanState* state = static_cast<ScanState*>(node->fdw_state);
  rr::RemoteScan* remote = *state->remote;
  // Values taken from an outer row change from one rescan to the next: read them again when
  // the scan fetches.
  if (state->npushed > 0) state->values_pending = true;
  RunGuarded(&state->site, [&] { remote->Restart(); });
}

void WarnOfPartialErrors(const ScanState* state) {
  const rr::RemoteScan* remote = *state->remote;
  if (remote == nullptr || remote->request().spec().on_partial_error != rr::PartialErrors::kWarn) return;
  const rr::ScanStats& stats = remote->stats();
  if (stats.partial_errors == 0) return;
  ereport(WARNING, (errcode(ERRCODE_FDW_ERROR),
                    errmsg("%ld GraphQL %s made values NULL in the rows of field \"%s\" of remote schema \"%s\"",
                           stats.partial_errors, stats.partial_errors == 1 ? "error" : "errors",
                           state->site.query_field, state->site.server_name),
                    errdetail("The first: %s", stats.first_partial_error.c_str())));
}

void EndForeignScan(ForeignScanState* node) {
  ScanState* state = static_cast<ScanState*>(node->fdw_state);
  if (state == nullptr || state->remote == nullptr) return;
  WarnOfPartialErrors(state);
  delete *state->remote;  // the destructor neither throws nor calls PostgreSQL
  *state->remote = nullptr;
}

}  // namespace rr_pg
