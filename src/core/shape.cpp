#include "shape.hpp"

#include "error.hpp"

namespace rr {

namespace {

[[noreturn]] void InvalidValue(const std::string& text, const char* allowed) {
  throw RemoteError(ErrorKind::kInvalidOption, "\"" + Abbreviate(text) + "\" is not one of " + allowed);
}

const SchemaType* NamedObject(const SchemaModel& model, const TypeRef& ref) {
  const SchemaType* type = model.FindType(ref.name);
  return type != nullptr && type->kind == TypeKind::kObject ? type : nullptr;
}

const SchemaType* InputObjectOf(const SchemaModel& model, const InputValue* argument) {
  if (argument == nullptr) return nullptr;
  const SchemaType* type = model.FindType(argument->type.name);
  return type != nullptr && type->kind == TypeKind::kInputObject ? type : nullptr;
}

// A Relay connection: an object with pageInfo and edges { node } or nodes. Returns the
// named type of its rows (of any kind), or null; *relay_nodes: read through nodes.
const SchemaType* ConnectionRowType(const SchemaModel& model, const SchemaType& type, bool* relay_nodes) {
  if (type.FindField("pageInfo") == nullptr) return nullptr;
  const Field* edges = type.FindField("edges");
  if (edges != nullptr && edges->type.ListDepth() == 1) {
    const SchemaType* edge = NamedObject(model, edges->type);
    const Field* node = edge != nullptr ? edge->FindField("node") : nullptr;
    const SchemaType* row = node != nullptr && node->type.ListDepth() == 0 ? model.FindType(node->type.name) : nullptr;
    if (row != nullptr) {
      *relay_nodes = false;
      return row;
    }
  }
  const Field* nodes = type.FindField("nodes");
  const SchemaType* row = nodes != nullptr && nodes->type.ListDepth() == 1 ? model.FindType(nodes->type.name) : nullptr;
  *relay_nodes = true;
  return row;
}

// A connection of objects. Sets the row type.
bool IsConnection(const SchemaModel& model, const SchemaType& type, RootFieldShape* shape) {
  bool relay_nodes = false;
  const SchemaType* row = ConnectionRowType(model, type, &relay_nodes);
  if (row == nullptr || row->kind != TypeKind::kObject) return false;
  shape->row_type = row->name;
  shape->relay_nodes = relay_nodes;
  return true;
}

bool IsAbstract(const SchemaType* type) {
  return type != nullptr && (type->kind == TypeKind::kUnion || type->kind == TypeKind::kInterface);
}

bool IsScalarArgument(const SchemaModel& model, const InputValue* argument) {
  if (argument == nullptr || argument->type.ListDepth() != 0) return false;
  const SchemaType* type = model.FindType(argument->type.name);
  return type != nullptr && (type->kind == TypeKind::kScalar || type->kind == TypeKind::kEnum);
}

// Offset paging through a recognised pair of arguments.
void DetectOffsetPaging(const SchemaModel& model, const Field& field, RootFieldShape* shape) {
  static const struct { const char* size; const char* position; bool pages; } kPairs[] = {
      {"limit", "offset", false}, {"first", "offset", false}, {"first", "skip", false},
      {"limit", "skip", false}, {"take", "skip", false}, {"perPage", "page", true}};
  for (const auto& pair : kPairs) {
    if (IsScalarArgument(model, field.FindArgument(pair.size)) && IsScalarArgument(model, field.FindArgument(pair.position))) {
      shape->pagination = Pagination::kOffset;
      shape->limit_argument = pair.size;
      shape->offset_argument = pair.position;
      shape->offset_in_pages = pair.pages;
      return;
    }
  }
}

void DetectFilter(const SchemaModel& model, const Field& field, const SchemaType& row, RootFieldShape* shape) {
  const SchemaType* where = InputObjectOf(model, field.FindArgument("where"));
  if (where != nullptr && (where->FindInputField("_and") != nullptr || where->FindInputField("_or") != nullptr)) {
    shape->filter = FilterDialect::kWhere;
    shape->filter_argument = "where";
    return;
  }
  const SchemaType* filter = InputObjectOf(model, field.FindArgument("filter"));
  if (filter != nullptr) {
    // PostGraphile's connection filter nests an operator object per field; json-graphql-server's
    // filter is flat (field: value, field_gt: value, q, ids).
    // filter (flat: only scalar fields). Other filters (Gatsby's {id: {eq: ...}}) are no
    // dialect known here.
    bool connection_filter = false, flat = true;
    for (const auto& input : filter->input_fields) {
      const SchemaType* operators = model.FindType(input.type.name);
      if (operators == nullptr || operators->kind != TypeKind::kInputObject) continue;
      flat = false;
      if (operators->FindInputField("equalTo") != nullptr) connection_filter = true;
    }
    if (connection_filter || flat) {
      shape->filter = connection_filter ? FilterDialect::kConnectionFilter : FilterDialect::kFlatFilter;
      shape->filter_argument = "filter";
      return;
    }
  }
  if (InputObjectOf(model, field.FindArgument("condition")) != nullptr) {
    shape->filter = FilterDialect::kCondition;
    shape->filter_argument = "condition";
    return;
  }
  for (const auto& argument : field.arguments)
    if (row.FindField(argument.name) != nullptr && IsScalarArgument(model, &argument) && !shape->IsControlArgument(argument.name)) {
      shape->filter = FilterDialect::kArguments;
      return;
    }
}

void DetectOrder(const SchemaModel& model, const Field& field, RootFieldShape* shape) {
  if (const InputValue* order_by = field.FindArgument("order_by")) {
    const SchemaType* type = model.FindType(order_by->type.name);
    if (type != nullptr && type->kind == TypeKind::kInputObject) {
      shape->order = OrderDialect::kOrderBy;
      shape->order_argument = "order_by";
      return;
    }
  }
  if (const InputValue* order_by = field.FindArgument("orderBy")) {
    const SchemaType* type = model.FindType(order_by->type.name);
    if (type != nullptr && type->kind == TypeKind::kEnum) {
      shape->order = OrderDialect::kEnumList;
      shape->order_argument = "orderBy";
      return;
    }
  }
  if (IsScalarArgument(model, field.FindArgument("sortField")) && IsScalarArgument(model, field.FindArgument("sortOrder"))) {
    shape->order = OrderDialect::kSortField;
    shape->order_argument = "sortField";
  }
}

// A count the remote offers beside the rows.
void DetectCount(const SchemaModel& model, const Field& field, RootFieldShape* shape) {
  if (shape->result == ResultShape::kConnection) {
    const SchemaType* connection = model.FindType(field.type.name);
    if (connection != nullptr && connection->FindField("totalCount") != nullptr) {
      shape->count_field = "totalCount";
      return;
    }
  }
  const SchemaType& query = model.query_type();
  // json-graphql-server: allOrders beside _allOrdersMeta { count }.
  if (const Field* meta = query.FindField("_" + field.name + "Meta")) {
    const SchemaType* type = NamedObject(model, meta->type);
    if (type != nullptr && type->FindField("count") != nullptr) {
      shape->count_field = meta->name + ".count";
      return;
    }
  }
  // Hasura: orders beside orders_aggregate { aggregate { count } }.
  if (const Field* aggregate = query.FindField(field.name + "_aggregate")) {
    const SchemaType* type = NamedObject(model, aggregate->type);
    const Field* inner = type != nullptr ? type->FindField("aggregate") : nullptr;
    const SchemaType* fields = inner != nullptr ? NamedObject(model, inner->type) : nullptr;
    if (fields != nullptr && fields->FindField("count") != nullptr) shape->count_field = aggregate->name + ".aggregate.count";
  }
}

}  // namespace

const char* ResultShapeName(ResultShape shape) {
  switch (shape) {
    case ResultShape::kList: return "list";
    case ResultShape::kConnection: return "connection";
    case ResultShape::kObject: return "object";
    case ResultShape::kJson: return "json";
  }
  return "list";
}

ResultShape ParseResultShape(const std::string& text) {
  if (text == "list") return ResultShape::kList;
  if (text == "connection") return ResultShape::kConnection;
  if (text == "object") return ResultShape::kObject;
  if (text == "json") return ResultShape::kJson;
  InvalidValue(text, "list, connection, object, json");
}

const char* FilterDialectName(FilterDialect dialect) {
  switch (dialect) {
    case FilterDialect::kNone: return "none";
    case FilterDialect::kArguments: return "arguments";
    case FilterDialect::kWhere: return "where";
    case FilterDialect::kCondition: return "condition";
    case FilterDialect::kConnectionFilter: return "connection_filter";
    case FilterDialect::kFlatFilter: return "flat_filter";
  }
  return "none";
}

FilterDialect ParseFilterDialect(const std::string& text) {
  for (FilterDialect dialect : {FilterDialect::kNone, FilterDialect::kArguments, FilterDialect::kWhere,
                                FilterDialect::kCondition, FilterDialect::kConnectionFilter, FilterDialect::kFlatFilter})
    if (text == FilterDialectName(dialect)) return dialect;
  InvalidValue(text, "none, arguments, where, condition, connection_filter, flat_filter");
}

const char* OrderDialectName(OrderDialect dialect) {
  switch (dialect) {
    case OrderDialect::kNone: return "none";
    case OrderDialect::kOrderBy: return "order_by";
    case OrderDialect::kEnumList: return "enum_list";
    case OrderDialect::kSortField: return "sort_field";
  }
  return "none";
}

OrderDialect ParseOrderDialect(const std::string& text) {
  for (OrderDialect dialect : {OrderDialect::kNone, OrderDialect::kOrderBy, OrderDialect::kEnumList, OrderDialect::kSortField})
    if (text == OrderDialectName(dialect)) return dialect;
  InvalidValue(text, "none, order_by, enum_list, sort_field");
}

int RootFieldShape::Score() const {
  // In this order: rows over a single-object lookup, paging, a rich filter over a plain one
  // over none, a connection over a list, ordering; a required argument (every scan must give
  // it) and deprecation count against.
  int score = 0;
  if (result != ResultShape::kObject) score += 1000;
  if (pagination != Pagination::kNone) score += 100;
  if (filter == FilterDialect::kWhere || filter == FilterDialect::kConnectionFilter) score += 30;
  else if (filter != FilterDialect::kNone) score += 20;
  if (result == ResultShape::kConnection) score += 10;
  if (order != OrderDialect::kNone) score += 1;
  if (needs_argument) score -= 200;
  if (deprecated) score -= 10000;
  return score;
}

bool RootFieldShape::IsPagingArgument(const std::string& argument) const {
  return (pagination == Pagination::kRelay && (argument == "first" || argument == "after")) ||
         (pagination == Pagination::kOffset && (argument == limit_argument || argument == offset_argument));
}

bool RootFieldShape::IsControlArgument(const std::string& argument) const {
  if (IsPagingArgument(argument)) return true;
  if (!filter_argument.empty() && argument == filter_argument) return true;
  if (!order_argument.empty() && argument == order_argument) return true;
  if (order == OrderDialect::kSortField && argument == "sortOrder") return true;
  return false;
}

namespace {

// "{ a b geo { lat lng } }": the fields of an object type that need no arguments, scalars
// and enums, and below objects down to depth levels in all. Empty when there are none.
std::string DefaultSelection(const SchemaModel& model, const SchemaType& type, int depth) {
  std::string out;
  for (const Field& field : type.fields) {
    if (!field.arguments.empty() || field.deprecated) continue;  // connections want first:
    const SchemaType* named = model.FindType(field.type.name);
    if (named == nullptr) continue;
    if (named->kind == TypeKind::kScalar || named->kind == TypeKind::kEnum) {
      out.append(" ").append(field.name);
    } else if ((named->kind == TypeKind::kObject || named->kind == TypeKind::kInterface) && depth > 1) {
      std::string inner = DefaultSelection(model, *named, depth - 1);
      if (!inner.empty()) out.append(" ").append(field.name).append(" ").append(inner);
    }
  }
  return out.empty() ? out : "{" + out + " }";
}

constexpr int kDefaultSelectionDepth = 3;

}  // namespace

std::string AbstractRowsOf(const SchemaModel& model, const Field& field, RootFieldShape* shape) {
  *shape = RootFieldShape();
  shape->field = field.name;
  int lists = field.type.ListDepth();
  const SchemaType* type = lists <= 1 ? model.FindType(field.type.name) : nullptr;
  if (IsAbstract(type)) {
    // A list of them, or one (node(id:), repositoryOwner(login:)): at most one row.
    shape->result = lists == 1 ? ResultShape::kList : ResultShape::kObject;
    return type->name;
  }
  if (lists != 0 || type == nullptr || type->kind != TypeKind::kObject) return "";
  const SchemaType* rows = ConnectionRowType(model, *type, &shape->relay_nodes);
  if (!IsAbstract(rows)) return "";
  shape->result = ResultShape::kConnection;
  if (field.FindArgument("first") != nullptr && field.FindArgument("after") != nullptr)
    shape->pagination = Pagination::kRelay;
  return rows->name;
}

bool IsPossibleType(const SchemaModel& model, const std::string& abstract, const std::string& member) {
  if (abstract == member) return true;
  const SchemaType* type = model.FindType(abstract);
  if (type == nullptr) return false;
  for (const auto& name : type->possible_types)
    if (name == member) return true;
  return false;
}

void CompletePathsFromModel(const SchemaModel& model, const std::string& row_type, std::vector<FieldSpec>* fields) {
  for (FieldSpec& spec : *fields) {
    if (spec.on_edge) continue;  // a field of the edge type, not of row_type
    std::string type_name = row_type;
    for (size_t step = 0; step < spec.path.size(); step++) {
      const SchemaType* type = model.FindType(type_name);
      if (type == nullptr || (type->kind != TypeKind::kObject && type->kind != TypeKind::kInterface)) break;
      const Field* field = type->FindField(spec.path[step]);
      if (field == nullptr) break;
      const SchemaType* named = model.FindType(field->type.name);
      if (named == nullptr) break;
      bool last = step + 1 == spec.path.size();
      if (last) {
        // An object read whole: its own fields, not whatever other columns ask for.
        if (spec.selection.empty() && (named->kind == TypeKind::kObject || named->kind == TypeKind::kInterface))
          spec.selection = DefaultSelection(model, *named, kDefaultSelectionDepth);
        break;
      }
      if (named->kind == TypeKind::kScalar || named->kind == TypeKind::kEnum) {
        // Only a custom scalar (JSON, JSONObject, ...) can hold an object to read on in.
        if (!IsCustomScalar(*named)) {
          std::string path;
          for (size_t i = 0; i <= step; i++) path.append(i ? "." : "").append(spec.path[i]);
          throw RemoteError(ErrorKind::kInvalidOption,
                            "field \"" + path + "\" is of type " + field->type.text + ", which has no field \"" +
                                spec.path[step + 1] + "\"");
        }
        for (size_t local = step + 1; local < spec.path.size(); local++)
          if (!StepArgumentsOf(spec, local).empty())
            throw RemoteError(ErrorKind::kInvalidOption,
                              "field \"" + spec.path[local] + "\" is read inside the JSON scalar \"" + spec.path[step] +
                                  "\", where arguments mean nothing");
        spec.remote_steps = step + 1;
        break;
      }
      type_name = field->type.name;  // lists of objects go on into the items
    }
  }
}

bool IsCustomScalar(const SchemaType& type) {
  static const char* const kBuiltIn[] = {"String", "Int", "Float", "Boolean", "ID"};
  if (type.kind != TypeKind::kScalar) return false;
  for (const char* name : kBuiltIn)
    if (type.name == name) return false;
  return true;
}

bool ReturnsJsonScalar(const SchemaModel& model, const Field& field) {
  const SchemaType* type = model.FindType(field.type.name);
  return type != nullptr && IsCustomScalar(*type) && field.type.ListDepth() <= 1;
}

std::vector<const Field*> FindFieldPath(const SchemaModel& model, const std::string& query_path) {
  std::vector<const Field*> fields;
  const SchemaType* parent = &model.query_type();
  for (const auto& step : SplitDottedPath(query_path)) {
    if (!fields.empty()) {
      const Field& above = *fields.back();
      const SchemaType* type = model.FindType(above.type.name);
      bool object = type != nullptr && (type->kind == TypeKind::kObject || type->kind == TypeKind::kInterface);
      if (!object || above.type.ListDepth() > 0)
        throw RemoteError(ErrorKind::kInvalidOption,
                          "field \"" + above.name + "\" of query path \"" + query_path + "\" returns " + above.type.text +
                              ", not one object",
                          "Each step of a query path above the last must return one object.");
      parent = type;
    }
    const Field* field = parent->FindField(step);
    if (field == nullptr)
      throw RemoteError(ErrorKind::kNotInSchema,
                        fields.empty() ? "the remote schema has no query field \"" + step + "\""
                                       : "type " + parent->name + " of the remote schema has no field \"" + step +
                                             "\" (query path \"" + query_path + "\")",
                        fields.empty() ? "Set the table's query_field option to a field of the remote Query type."
                                       : "Set the table's query_field option to a path of fields of the remote schema.");
    fields.push_back(field);
  }
  return fields;
}

bool DescribeRootField(const SchemaModel& model, const Field& field, RootFieldShape* shape) {
  *shape = RootFieldShape();
  shape->field = field.name;
  shape->deprecated = field.deprecated;
  const SchemaType* type = model.FindType(field.type.name);
  if (type == nullptr || type->kind != TypeKind::kObject) return false;
  int lists = field.type.ListDepth();
  if (lists == 1) {
    shape->result = ResultShape::kList;
    shape->row_type = type->name;
    DetectOffsetPaging(model, field, shape);
  } else if (lists == 0 && IsConnection(model, *type, shape)) {
    shape->result = ResultShape::kConnection;
    if (field.FindArgument("first") != nullptr && field.FindArgument("after") != nullptr)
      shape->pagination = Pagination::kRelay;
  } else if (bool nodes; lists == 0 && ConnectionRowType(model, *type, &nodes) != nullptr) {
    return false;  // a connection of union or interface items (AbstractRowsOf), not one object
  } else if (lists == 0) {
    shape->result = ResultShape::kObject;
    shape->row_type = type->name;
  } else {
    return false;
  }
  const SchemaType* row = model.FindType(shape->row_type);
  DetectFilter(model, field, *row, shape);
  DetectOrder(model, field, shape);
  DetectCount(model, field, shape);
  for (const auto& argument : field.arguments)
    if (argument.Required() && !shape->IsControlArgument(argument.name)) shape->needs_argument = true;
  return true;
}

}  // namespace rr
