#include "request.hpp"

#include <memory>

#include "error.hpp"
#include "json.hpp"
#include "schema.hpp"

namespace rr {

namespace {

// A node of the selection tree; children keep the order in which columns asked for them.
// A node is either a step of dotted paths (children) or a field read whole (selection).
// `columns` are the columns whose path ends here: they follow the node's alias.
struct SelectionNode {
  std::string name;
  std::string arguments;  // "(first: 10)": such a node always has its alias (ResponseKeyOf)
  std::string alias;
  std::string selection;
  std::vector<size_t> columns;
  std::vector<std::unique_ptr<SelectionNode>> children;

  const std::string& Key() const { return alias.empty() ? name : alias; }

  SelectionNode* AddChild(const std::string& child_name) {
    children.push_back(std::make_unique<SelectionNode>());
    children.back()->name = child_name;
    return children.back().get();
  }

  bool HasResponseKey(const std::string& key) const {
    for (const auto& child : children)
      if (child->Key() == key) return true;
    return false;
  }

  // Gives child an alias ("_rr" and its first column) so that its name is free for another
  // use; the columns reading it learn the alias.
  void Alias(SelectionNode* child, std::vector<FieldSpec>* fields) {
    std::string alias = "_rr" + std::to_string(child->columns.front());
    while (HasResponseKey(alias)) alias.push_back('_');  // a remote field of that name
    child->alias = alias;
    for (size_t column : child->columns) (*fields)[column].alias = alias;
  }

  // The unaliased child named child_name at which a dotted path goes on, or, for the last
  // step (leaf), ends: a field read without a selection set shares a whole read of it. A
  // whole read holding the key a path needs (by name, or by an alias that happens to equal a
  // remote field's name) moves aside to a new alias.
  // A step with arguments is its own read under its alias key, shared only by the same
  // name and arguments.
  SelectionNode* PathStep(const std::string& child_name, const std::string& arguments, const std::string& key,
                          bool leaf, std::vector<FieldSpec>* fields) {
    if (!arguments.empty()) {
      // Same name and arguments: the same read (the alias says both).
      for (auto& child : children)
        if (child->name == child_name && child->arguments == arguments && child->alias == key) return child.get();
      SelectionNode* node = AddChild(child_name);
      node->arguments = arguments;
      node->alias = key;
      return node;
    }
    for (auto& child : children)
      if (child->name == child_name && child->alias.empty() && (leaf || child->selection.empty())) return child.get();
    for (auto& child : children)
      if (child->Key() == child_name) Alias(child.get(), fields);
    return AddChild(child_name);
  }

  // Adds column's field, read whole with its selection set: shares an identical read, and
  // gives its selection to a plain read of the field that no path continues (an object
  // field without a selection set is no valid GraphQL); otherwise a new read, aliased when
  // its name is taken.
  void AddWholeField(size_t column, std::vector<FieldSpec>* fields) {
    FieldSpec& field = (*fields)[column];
    const std::string& name = field.path.back();
    const std::string& arguments = StepArgumentsOf(field, field.path.size() - 1);
    for (auto& child : children) {
      bool same = child->name == name && child->arguments == arguments && child->selection == field.selection;
      bool plain = child->name == name && arguments.empty() && child->alias.empty() && child->selection.empty() &&
                   child->children.empty();
      if (same || plain) {
        if (plain) child->selection = field.selection;
        child->columns.push_back(column);
        field.alias = child->alias;
        return;
      }
    }
    bool name_taken = HasResponseKey(name);
    SelectionNode* node = AddChild(name);
    node->selection = field.selection;
    node->columns.push_back(column);
    if (!arguments.empty()) {
      // Its own key, apart from path steps with the same arguments (which GraphQL would
      // merge into this object) and from whole reads with other selections.
      node->arguments = arguments;
      node->alias = field.alias = ResponseKeyOf(field, field.path.size() - 1) + "_" + HashTag(field.selection);
    } else if (name_taken) {
      Alias(node, fields);
    }
  }
};

// The paths (from node down) of the aliased nodes below node; not below them.
void CollectAliasPaths(const SelectionNode& node, std::vector<std::string> prefix,
                       std::vector<std::vector<std::string>>* paths) {
  for (const auto& child : node.children) {
    std::vector<std::string> path = prefix;
    path.push_back(child->Key());
    if (!child->alias.empty())
      paths->push_back(std::move(path));
    else
      CollectAliasPaths(*child, std::move(path), paths);
  }
}

std::string TypeOr(const std::string& type, const char* fallback) { return type.empty() ? fallback : type; }

void AppendSelection(const SelectionNode& node, std::string* out) {
  out->append("{");
  for (const auto& child : node.children) {
    out->append(" ");
    if (!child->alias.empty()) out->append(child->alias).append(": ");
    out->append(child->name).append(child->arguments);
    if (!child->selection.empty()) {
      out->append(" ").append(child->selection);
    } else if (!child->children.empty()) {
      out->append(" ");
      AppendSelection(*child, out);
    }
  }
  out->append(" }");
}

}  // namespace

void BindFixedArguments(const std::string& arguments_json, const RootFieldInfo* field, ScanRequestSpec* spec,
                        bool unlisted_as_literals) {
  auto arguments = ParseArgumentsJson(arguments_json);
  std::vector<FixedArgument> literals;
  for (const auto& argument : arguments) {
    const std::string& name = argument.name;
    if (spec->SetsByPaging(name))
      throw RemoteError(ErrorKind::kInvalidOption, "argument \"" + name + "\" of \"" + spec->query_field +
                                                       "\" is set by pagination '" +
                                                       PaginationName(spec->pagination) + "'",
                        "Remove it from the arguments option, or use page_size.");
    if (field == nullptr) {
      literals.push_back(argument);
      continue;
    }
    const ArgumentInfo* info = field->FindArgument(name);
    if (info == nullptr && unlisted_as_literals) {
      literals.push_back(argument);
      continue;
    }
    if (info == nullptr) {
      std::string known;
      for (const auto& candidate : field->arguments) known.append(known.empty() ? "" : ", ").append(candidate.name);
      throw RemoteError(ErrorKind::kNotInSchema,
                        "field \"" + spec->query_field + "\" of the remote schema has no argument \"" + name + "\"",
                        known.empty() ? "It takes no arguments." : "Its arguments are: " + known + ".");
    }
    spec->variables.push_back({name, info->type, argument.json});
  }
  spec->literal_arguments = std::move(literals);
}

void BindPagination(const RootFieldInfo* field, ScanRequestSpec* spec) {
  if (spec->pagination == Pagination::kNone || field == nullptr) return;
  bool relay = spec->pagination == Pagination::kRelay;
  const ArgumentInfo* size = field->FindArgument(relay ? "first" : spec->limit_argument);
  const ArgumentInfo* position = field->FindArgument(relay ? "after" : spec->offset_argument);
  // An argument missing from introspection may still exist (deprecated ones are not listed):
  // the defaults stay, and the remote judges the document.
  if (size != nullptr) spec->page_size_type = size->type;
  if (position != nullptr) spec->position_type = position->type;
}

bool ScanRequestSpec::SetsByPaging(const std::string& argument) const {
  return (pagination == Pagination::kRelay && (argument == "first" || argument == "after")) ||
         (pagination == Pagination::kOffset && (argument == limit_argument || argument == offset_argument));
}

const ArgumentInfo* RootFieldInfo::FindArgument(const std::string& argument) const {
  for (const auto& info : arguments)
    if (info.name == argument) return &info;
  return nullptr;
}

RootFieldInfo ArgumentsOf(const Field& field) {
  RootFieldInfo info;
  info.name = field.name;
  for (const auto& argument : field.arguments) info.arguments.push_back({argument.name, argument.type.text});
  return info;
}

RootFieldInfo ArgumentsOfPath(const std::vector<const Field*>& steps) {
  RootFieldInfo info;
  std::string step_path;
  for (size_t i = 0; i < steps.size(); ++i) {
    bool last = i + 1 == steps.size();
    step_path.append(step_path.empty() ? "" : ".").append(steps[i]->name);
    for (const auto& argument : steps[i]->arguments)
      info.arguments.push_back({last ? argument.name : step_path + "." + argument.name, argument.type.text});
  }
  info.name = step_path;
  return info;
}

std::string VariableNameOf(const std::string& argument) {
  std::string name;
  for (char c : argument) {
    if (c == '.') name.append("__");
    else name.push_back(c);
  }
  return name;
}

std::string StepPathOf(const std::string& argument) {
  size_t dot = argument.rfind('.');
  return dot == std::string::npos ? std::string() : argument.substr(0, dot);
}

std::string StepArgumentName(const std::string& argument) {
  size_t dot = argument.rfind('.');
  return dot == std::string::npos ? argument : argument.substr(dot + 1);
}

RootFieldInfo ParseArgumentTypesJson(const std::string& query_field, const std::string& json) {
  std::string buffer = json;
  JsonDocument doc;
  std::string error;
  auto invalid = [](const std::string& message) { throw RemoteError(ErrorKind::kInvalidOption, message); };
  if (!ParseJsonInPlace(&buffer, &doc, &error)) invalid("invalid JSON: " + error);
  if (!doc.IsObject()) invalid("argument_types must be a JSON object of argument name to GraphQL type, e.g. {\"first\": \"Int\"}");
  RootFieldInfo info;
  info.name = query_field;
  for (const auto& member : doc.GetObject()) {
    std::string name(member.name.GetString(), member.name.GetStringLength());
    if (!IsGraphQLNamePath(name))
      invalid("\"" + Abbreviate(name) + "\" is not a GraphQL name (or step.argument for a step of a query path)");
    if (info.FindArgument(name) != nullptr) invalid("\"" + name + "\" is given twice");
    if (!member.value.IsString() || IsRawNumber(member.value)) invalid("the type of \"" + name + "\" must be a JSON string");
    std::string type(member.value.GetString(), member.value.GetStringLength());
    if (!IsGraphQLTypeText(type)) invalid("\"" + Abbreviate(type) + "\" (for \"" + name + "\") is not a GraphQL type such as Int, [ID!] or String!");
    info.arguments.push_back({name, type});
  }
  return info;
}

std::string ArgumentValueJson(const std::string& text, ValueCategory category, const std::string& graphql_type) {
  std::string named = NamedTypeOf(graphql_type);
  bool stringly = named == "String" || named == "ID";
  bool json_scalar = named == "JSON" || named == "JSONObject" || named == "jsonb" || named == "json";
  std::string out;
  switch (category) {
    case ValueCategory::kNumber: {
      // Only Int and Float take JSON numbers: custom scalars (BigInt, BigFloat, numeric) read
      // strings, and a JSON number would lose digits on the way (a double holds 53 bits). NaN
      // and Infinity are no JSON numbers: the remote judges them as strings.
      bool finite = !text.empty() && text.find_first_not_of("0123456789+-.eE") == std::string::npos;
      if ((named == "Int" || named == "Float" || json_scalar) && finite) return text;
      break;
    }
    case ValueCategory::kBoolean: {
      bool value = text == "t" || text == "true";
      if (!stringly) return value ? "true" : "false";
      AppendJsonString(value ? "true" : "false", value ? 4 : 5, &out);
      return out;
    }
    case ValueCategory::kJson:
      // JSON scalars, lists and input objects take the JSON itself.
      if (json_scalar || !stringly || graphql_type.find('[') != std::string::npos) return text;
      break;
    case ValueCategory::kText:
      break;
  }
  AppendJsonString(text.data(), text.size(), &out);
  return out;
}

bool FilterDialectSupports(FilterDialect dialect, FilterOp op) {
  switch (dialect) {
    case FilterDialect::kWhere:
    case FilterDialect::kConnectionFilter: return true;
    case FilterDialect::kCondition:
    case FilterDialect::kFlatFilter: return op == FilterOp::kEqual;
    default: return false;
  }
}

namespace {

const char* OperatorName(FilterDialect dialect, FilterOp op) {
  bool where = dialect == FilterDialect::kWhere;
  switch (op) {
    case FilterOp::kEqual: return where ? "_eq" : "equalTo";
    case FilterOp::kIn: return where ? "_in" : "in";
    case FilterOp::kLess: return where ? "_lt" : "lessThan";
    case FilterOp::kLessEqual: return where ? "_lte" : "lessThanOrEqualTo";
    case FilterOp::kGreater: return where ? "_gt" : "greaterThan";
    case FilterOp::kGreaterEqual: return where ? "_gte" : "greaterThanOrEqualTo";
    case FilterOp::kIsNull:
    case FilterOp::kIsNotNull: return where ? "_is_null" : "isNull";
    case FilterOp::kNotEqual: return where ? "_neq" : "notEqualTo";
    case FilterOp::kLike: return where ? "_like" : "like";
    case FilterOp::kOr: return where ? "_or" : "or";
    case FilterOp::kAnd: return where ? "_and" : "and";
  }
  return "";
}

bool EndsWith(const std::string& text, const std::string& suffix) {
  return text.size() > suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool IsGroup(FilterOp op) { return op == FilterOp::kOr || op == FilterOp::kAnd; }

void CheckFilterTerms(FilterDialect dialect, const std::vector<FilterTerm>& terms) {
  for (const auto& term : terms) {
    if (!FilterDialectSupports(dialect, term.op))
      throw RemoteError(ErrorKind::kInternal,
                        "filter dialect " + std::string(FilterDialectName(dialect)) +
                            (IsGroup(term.op) ? std::string(" cannot say OR or AND")
                                              : " cannot say a condition on field \"" + term.field + "\""));
    if (!IsGroup(term.op)) continue;
    if (term.terms.empty()) throw RemoteError(ErrorKind::kInternal, "a group of filter conditions without conditions");
    CheckFilterTerms(dialect, term.terms);
  }
}

void AppendFilterTerms(FilterDialect dialect, FilterOp group, const std::vector<FilterTerm>& terms, std::string* out);

// One term of where or connection_filter: {"f": {"_eq": v}}, or {"_or": [...]} for a group.
void AppendFilterTerm(FilterDialect dialect, const FilterTerm& term, std::string* out) {
  if (IsGroup(term.op)) {
    AppendFilterTerms(dialect, term.op, term.terms, out);
    return;
  }
  *out += "{";
  AppendJsonString(term.field.data(), term.field.size(), out);
  *out += ": {\"";
  *out += OperatorName(dialect, term.op);
  *out += "\": ";
  *out += term.op == FilterOp::kIsNull ? "true" : term.op == FilterOp::kIsNotNull ? "false" : term.json_value;
  *out += "}}";
}

void AppendFilterTerms(FilterDialect dialect, FilterOp group, const std::vector<FilterTerm>& terms, std::string* out) {
  *out += "{\"";
  *out += OperatorName(dialect, group);
  *out += "\": [";
  for (size_t i = 0; i < terms.size(); ++i) {
    if (i) *out += ", ";
    AppendFilterTerm(dialect, terms[i], out);
  }
  *out += "]}";
}

}  // namespace

std::string FilterArgumentJson(FilterDialect dialect, const std::vector<FilterTerm>& terms) {
  CheckFilterTerms(dialect, terms);
  std::string out;
  if (dialect == FilterDialect::kCondition || dialect == FilterDialect::kFlatFilter) {
    out = "{";
    for (size_t i = 0; i < terms.size(); ++i) {
      if (i) out += ", ";
      AppendJsonString(terms[i].field.data(), terms[i].field.size(), &out);
      out += ": " + terms[i].json_value;
    }
    return out + "}";
  }
  AppendFilterTerms(dialect, FilterOp::kAnd, terms, &out);
  return out;
}

std::string FilterScalarType(FilterDialect dialect, const std::string& filter_type) {
  std::string named = NamedTypeOf(filter_type);
  if (dialect == FilterDialect::kWhere && EndsWith(named, "_comparison_exp"))
    return named.substr(0, named.size() - std::string("_comparison_exp").size());
  if (dialect == FilterDialect::kConnectionFilter && EndsWith(named, "Filter"))
    return named.substr(0, named.size() - std::string("Filter").size());
  return named;
}

std::string BuildSelectionSet(std::vector<FieldSpec>* fields) {
  SelectionNode root;
  std::vector<SelectionNode*> plain_reads(fields->size(), nullptr);  // node read without selection
  for (auto& field : *fields) {
    field.alias.clear();
    field.hidden.clear();
    field.step_keys.clear();
    if (HasStepArguments(field))
      for (size_t step = 0; step < field.path.size(); ++step) field.step_keys.push_back(ResponseKeyOf(field, step));
  }
  for (size_t i = 0; i < fields->size(); ++i) {
    const FieldSpec& field = (*fields)[i];
    bool local_rest = field.remote_steps > 0 && field.remote_steps < field.path.size();
    // A scalar (JSON) has no selection set: it is asked for whole.
    bool whole = !field.selection.empty() && !local_rest;
    size_t steps = local_rest ? field.remote_steps : field.path.size() - (whole ? 1 : 0);
    SelectionNode* node = &root;
    for (size_t step = 0; step < steps; ++step)
      node = node->PathStep(field.path[step], StepArgumentsOf(field, step), ResponseKeyOf(field, step),
                            !whole && step + 1 == steps, fields);
    if (whole) {
      node->AddWholeField(i, fields);
    } else {
      node->columns.push_back(i);
      (*fields)[i].alias = node->alias;
      plain_reads[i] = node;
    }
  }
  // A column that reads a path step whole gets its JSON without the aliased reads of other
  // columns at any depth below (those keys are the extension's, not the remote's).
  for (size_t i = 0; i < fields->size(); ++i)
    if (plain_reads[i] != nullptr) CollectAliasPaths(*plain_reads[i], {}, &(*fields)[i].hidden);
  if (root.children.empty()) return "{ __typename }";
  std::string out;
  AppendSelection(root, &out);
  return out;
}

void CheckQueryField(const std::string& query_field) {
  if (!IsGraphQLNamePath(query_field))
    throw RemoteError(ErrorKind::kInvalidOption,
                      "query field \"" + Abbreviate(query_field) + "\" is not a GraphQL name or a dotted path of them",
                      "Set the table's query_field option (it defaults to the table's name).");
}

ScanRequest::ScanRequest(ScanRequestSpec spec) : spec_(std::move(spec)) {
  CheckQueryField(spec_.query_field);  // only names may go into the document
  query_path_ = SplitDottedPath(spec_.query_field);
  if (spec_.result == ResultShape::kJson && spec_.pagination != Pagination::kNone)
    throw RemoteError(ErrorKind::kInvalidOption, "field \"" + spec_.query_field + "\" returns a JSON scalar, which is not paged",
                      "Set the table's pagination option to 'none'.");
  if (spec_.pagination == Pagination::kRelay) spec_.result = ResultShape::kConnection;
  if (spec_.pagination == Pagination::kOffset && spec_.result == ResultShape::kObject)
    throw RemoteError(ErrorKind::kInvalidOption, "field \"" + spec_.query_field + "\" returns one object, which is not paged",
                      "Set the table's pagination option to 'none'.");
  for (const std::string* name : {&spec_.limit_argument, &spec_.offset_argument})
    if (!IsGraphQLName(*name))
      throw RemoteError(ErrorKind::kInvalidOption, "\"" + Abbreviate(*name) + "\" is not a GraphQL argument name");
  // Variables ("first", "Int!") and the query field's arguments bound to them ("first", "first").
  switch (spec_.pagination) {
    case Pagination::kRelay:
      declared_ = {{"first", TypeOr(spec_.page_size_type, "Int!")}, {"after", TypeOr(spec_.position_type, "String")}};
      break;
    case Pagination::kOffset:
      declared_ = {{spec_.limit_argument, TypeOr(spec_.page_size_type, "Int!")},
                   {spec_.offset_argument, TypeOr(spec_.position_type, "Int!")}};
      break;
    case Pagination::kNone:
      break;
  }
  for (const auto& variable : spec_.variables) declared_.push_back({variable.argument, variable.type});
  // Each argument of a step above the last names a step that is there.
  auto check_step = [&](const std::string& argument) {
    std::string step_path = StepPathOf(argument);
    if (step_path.empty()) return;
    std::string path;
    for (size_t i = 0; i + 1 < query_path_.size(); ++i) {
      path.append(i ? "." : "").append(query_path_[i]);
      if (path == step_path) return;
    }
    throw RemoteError(ErrorKind::kInvalidOption,
                        "argument \"" + argument + "\" names no step above the last of query path \"" + spec_.query_field + "\"",
                        "An argument of the last step goes by its own name, one of a step above it by that step's "
                        "path and its name (\"" + query_path_[0] + ".<argument>\").");
  };
  for (const auto& variable : declared_) check_step(variable.first);
  for (size_t i = 0; i < declared_.size(); ++i)
    for (size_t j = i + 1; j < declared_.size(); ++j)
      if (VariableNameOf(declared_[i].first) == VariableNameOf(declared_[j].first))
        throw RemoteError(ErrorKind::kInvalidOption, "arguments \"" + declared_[i].first + "\" and \"" + declared_[j].first +
                                                         "\" would share the variable $" + VariableNameOf(declared_[i].first));
  if (spec_.result == ResultShape::kJson)
    for (const auto& field : spec_.fields)
      if (HasStepArguments(field))
        throw RemoteError(ErrorKind::kInvalidOption,
                          "field \"" + field.path[0] + "\" is read inside the JSON scalar \"" + spec_.query_field +
                              "\", where arguments mean nothing");
  for (const auto& literal : spec_.literal_arguments) check_step(literal.name);
  if (!spec_.count_field.empty() && spec_.pagination == Pagination::kOffset && query_path_.size() == 1) {
    count_path_ = SplitDottedPath(spec_.count_field);
    for (const auto& step : count_path_)
      if (!IsGraphQLName(step))
        throw RemoteError(ErrorKind::kInvalidOption, "count_field \"" + Abbreviate(spec_.count_field) + "\" is not a path of GraphQL names");
    if (count_path_.size() < 2) count_path_.clear();  // a field of the list's own type: not a root path
  }
  if (count_path_.empty()) spec_.count_field.clear();
  SplitEdgeFields();
  if (!spec_.member_type.empty()) {
    if (!IsGraphQLName(spec_.member_type))
      throw RemoteError(ErrorKind::kInvalidOption, "\"" + Abbreviate(spec_.member_type) + "\" is not a GraphQL type name");
    selection_ = "{ __typename ... on " + spec_.member_type + " " + selection_ + " }";
  }
  document_ = "query RemoteRelationshipScan" + Declarations("") + " { " + RootSelection("") + " }";
}

// Columns with edge_field read the connection edge a row comes in (`edges { cursor node { ... } }`);
// the others the row. Each set gets its own selection, and the aliases land in spec_.fields.
void ScanRequest::SplitEdgeFields() {
  std::vector<FieldSpec> node_fields, edge_fields;
  std::vector<size_t> node_columns, edge_columns;
  for (size_t i = 0; i < spec_.fields.size(); ++i) {
    (spec_.fields[i].on_edge ? edge_fields : node_fields).push_back(spec_.fields[i]);
    (spec_.fields[i].on_edge ? edge_columns : node_columns).push_back(i);
  }
  if (edge_fields.empty()) {
    selection_ = BuildSelectionSet(&spec_.fields);
    return;
  }
  if (spec_.result != ResultShape::kConnection)
    throw RemoteError(ErrorKind::kInvalidOption,
                      "a column reads the edge field \"" + edge_fields[0].path[0] + "\", but field \"" + spec_.query_field +
                          "\" is read as " + ResultShapeName(spec_.result) + ", not as a connection with edges",
                      "Drop the column's edge_field option, or read the field as a connection (query_returns 'connection').");
  spec_.relay_nodes = false;  // edges carry the edge fields
  selection_ = BuildSelectionSet(&node_fields);
  std::string edge_selection = BuildSelectionSet(&edge_fields);
  edge_selection_ = edge_selection.substr(2, edge_selection.size() - 4);  // without "{ " and " }"
  for (size_t i = 0; i < node_fields.size(); ++i) spec_.fields[node_columns[i]] = std::move(node_fields[i]);
  for (size_t i = 0; i < edge_fields.size(); ++i) spec_.fields[edge_columns[i]] = std::move(edge_fields[i]);
}

std::string ScanRequest::Declarations(const std::string& prefix) const {
  std::string out;
  for (const auto& variable : declared_)
    out.append(out.empty() ? "(" : ", ").append("$" + prefix + VariableNameOf(variable.first) + ": " + variable.second);
  if (!count_path_.empty()) out.append(out.empty() ? "(" : ", ").append("$" + prefix + kCountAlias + ": Boolean!");
  return out.empty() ? out : out + ")";
}

// "(owner: $k0_repository__owner, name: \"x\")": the arguments of the step at step_path
// ("" for the last step).
std::string ScanRequest::StepArguments(const std::string& step_path, const std::string& prefix) const {
  std::string arguments;
  for (const auto& variable : declared_)
    if (StepPathOf(variable.first) == step_path)
      arguments.append(arguments.empty() ? "" : ", ")
          .append(StepArgumentName(variable.first) + ": $" + prefix + VariableNameOf(variable.first));
  for (const auto& literal : spec_.literal_arguments)
    if (StepPathOf(literal.name) == step_path)
      arguments.append(arguments.empty() ? "" : ", ").append(StepArgumentName(literal.name) + ": " + literal.literal);
  return arguments.empty() ? arguments : "(" + arguments + ")";
}

std::string ScanRequest::RootSelection(const std::string& prefix) const {
  std::string doc;
  // Aliased (several sets of variables in one document): "k3: orders(user_id: $k3_user_id)";
  // the alias goes on the first step of a query path.
  std::string alias = prefix.empty() ? "" : prefix.substr(0, prefix.size() - 1);
  if (!alias.empty()) doc.append(alias).append(": ");
  std::string step_path;
  for (size_t i = 0; i + 1 < query_path_.size(); ++i) {
    step_path.append(step_path.empty() ? "" : ".").append(query_path_[i]);
    doc.append(query_path_[i]).append(StepArguments(step_path, prefix)).append(" { ");
  }
  doc.append(query_path_.back()).append(StepArguments("", prefix));
  // A connection read in one request needs no pageInfo.
  const char* page_info = spec_.pagination == Pagination::kRelay ? " pageInfo { hasNextPage endCursor }" : "";
  if (spec_.result == ResultShape::kConnection && spec_.relay_nodes)
    doc.append(" { nodes ").append(selection_).append(page_info).append(" }");
  else if (spec_.result == ResultShape::kConnection)
    doc.append(" { edges { ").append(edge_selection_).append(edge_selection_.empty() ? "" : " ").append("node ")
        .append(selection_).append(" }").append(page_info).append(" }");
  else if (spec_.result != ResultShape::kJson)  // a scalar has no selection: it comes whole
    doc.append(" ").append(selection_);
  for (size_t i = 0; i + 1 < query_path_.size(); ++i) doc.append(" }");
  if (!count_path_.empty()) {
    // Only the first page asks (@include), so the document stays the same for every page.
    doc.append(" ").append(prefix).append(kCountAlias).append(": ").append(count_path_[0]);
    if (!spec_.count_argument.empty())
      doc.append("(").append(spec_.count_argument).append(": $").append(prefix).append(spec_.count_argument).append(")");
    doc.append(" @include(if: $").append(prefix).append(kCountAlias).append(")");
    for (size_t i = 1; i < count_path_.size(); ++i) doc.append(" { ").append(count_path_[i]);
    for (size_t i = 1; i < count_path_.size(); ++i) doc.append(" }");
  }
  return doc;
}

std::string AliasOf(size_t index) { return "k" + std::to_string(index); }

std::string ScanRequest::AliasedBody(const std::vector<const ScanRequest*>& requests, const std::vector<const PagePosition*>& positions) {
  std::string declarations, roots, variables = "{";
  for (size_t i = 0; i < requests.size(); i++) {
    std::string prefix = AliasOf(i) + "_";
    std::string own = requests[i]->Declarations(prefix);
    declarations.append(declarations.empty() ? "(" : ", ").append(own.substr(1, own.size() - 2));
    roots.append(" ").append(requests[i]->RootSelection(prefix));
    bool first = variables.size() == 1;
    requests[i]->AppendVariables(*positions[i], prefix, &variables, &first);
  }
  variables.push_back('}');
  std::string document = "query RemoteRelationshipBatch" + declarations + (declarations.empty() ? "" : ")") + " {" + roots + " }";
  std::string body = "{\"query\":";
  AppendJsonString(document.data(), document.size(), &body);
  body.append(",\"variables\":").append(variables).append("}");
  return body;
}

void ScanRequest::SetVariableValues(const std::vector<std::string>& json_values) {
  if (json_values.size() != spec_.variables.size())
    throw RemoteError(ErrorKind::kInternal, "a scan has " + std::to_string(spec_.variables.size()) +
                                                " variables, " + std::to_string(json_values.size()) + " values given");
  for (size_t i = 0; i < json_values.size(); ++i) spec_.variables[i].json_value = json_values[i];
}

void ScanRequest::SetVariableValue(size_t index, std::string json_value) {
  if (index >= spec_.variables.size())
    throw RemoteError(ErrorKind::kInternal, "a scan has no variable " + std::to_string(index));
  spec_.variables[index].json_value = std::move(json_value);
}

std::string ScanRequest::Variables(const PagePosition& position) const {
  std::string out = "{";
  bool first = true;
  AppendVariables(position, "", &out, &first);
  out.push_back('}');
  return out;
}

void ScanRequest::AppendVariables(const PagePosition& position, const std::string& prefix, std::string* out, bool* first) const {
  auto add = [&](const std::string& name, const std::string& json) {
    if (!*first) out->push_back(',');
    *first = false;
    std::string key = prefix + VariableNameOf(name);
    AppendJsonString(key.data(), key.size(), out);
    out->push_back(':');
    out->append(json);
  };
  switch (spec_.pagination) {
    case Pagination::kRelay: {
      add("first", std::to_string(spec_.page_size));
      std::string after = "null";
      if (!position.after.empty()) {
        after.clear();
        AppendJsonString(position.after.data(), position.after.size(), &after);
      }
      add("after", after);
      break;
    }
    case Pagination::kOffset:
      add(spec_.limit_argument, std::to_string(spec_.page_size));
      add(spec_.offset_argument, std::to_string(position.offset));
      if (!spec_.count_field.empty()) add(kCountAlias, position.first ? "true" : "false");
      break;
    case Pagination::kNone:
      break;
  }
  for (const auto& variable : spec_.variables) add(variable.argument, variable.json_value);
}

std::string ScanRequest::Body(const PagePosition& position) const {
  std::string body = "{\"query\":";
  AppendJsonString(document_.data(), document_.size(), &body);
  body.append(",\"variables\":").append(Variables(position)).append("}");
  return body;
}

}  // namespace rr
