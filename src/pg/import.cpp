// IMPORT FOREIGN SCHEMA: reads the schema model (from the remote, or from the JSON given in
// the introspection option), plans the tables in src/core and returns their CREATE FOREIGN
// TABLE statements. The table comments that say which query field was chosen are added by
// a ProcessUtility hook as each statement runs (an FDW may return only CREATE FOREIGN TABLE).
#include "import.hpp"

#include <string>
#include <vector>

#include "connection.hpp"
#include "core/import.hpp"
#include "core/options.hpp"
#include "guard.hpp"
#include "option.hpp"

extern "C" {
#include "catalog/namespace.h"
#include "catalog/pg_class.h"
#include "commands/comment.h"
#include "tcop/utility.h"
}

namespace rr_pg {

namespace {

// A comment waiting for its table, in TopMemoryContext (plain C data: the hook is C).
struct PendingComment {
  char* server;
  char* schema;
  char* table;
  char* comment;
};
List* pending_comments = NIL;
ProcessUtility_hook_type previous_utility_hook = nullptr;

void ClearPendingComments() {
  ListCell* cell;
  foreach (cell, pending_comments) {
    auto* pending = static_cast<PendingComment*>(lfirst(cell));
    pfree(pending->server);
    pfree(pending->schema);
    pfree(pending->table);
    pfree(pending->comment);
    pfree(pending);
  }
  list_free(pending_comments);
  pending_comments = NIL;
}

// Every identifier is quoted, so no remote name can change the statement; in a literal a
// quote is doubled, and a backslash makes it an E'' literal with the backslash doubled.
std::string QuoteIdentifier(const std::string& name) {
  std::string out = "\"";
  for (char c : name) out.append(c == '"' ? "\"\"" : std::string(1, c));
  return out + "\"";
}

std::string QuoteLiteral(const std::string& text) {
  bool backslash = text.find('\\') != std::string::npos;
  std::string out = backslash ? "E'" : "'";
  for (char c : text) {
    if (c == '\'') out.append("''");
    else if (c == '\\') out.append("\\\\");
    else out.push_back(c);
  }
  return out + "'";
}

std::string OptionsClause(const rr::OptionList& options) {
  if (options.empty()) return "";
  std::string out = " OPTIONS (";
  for (size_t i = 0; i < options.size(); ++i)
    out.append(i ? ", " : "").append(QuoteIdentifier(options[i].first)).append(" ").append(QuoteLiteral(options[i].second));
  return out + ")";
}

std::string CreateStatement(const rr::TablePlan& table, const std::string& schema, const std::string& server) {
  std::string sql = "CREATE FOREIGN TABLE " + QuoteIdentifier(schema) + "." + QuoteIdentifier(table.name) + " (";
  for (size_t i = 0; i < table.columns.size(); ++i) {
    const rr::ColumnPlan& column = table.columns[i];
    sql.append(i ? ", " : "").append(QuoteIdentifier(column.name)).append(" ").append(column.pg_type);
    sql.append(OptionsClause(column.options));
    if (column.not_null) sql.append(" NOT NULL");
  }
  sql.append(") SERVER ").append(QuoteIdentifier(server)).append(OptionsClause(table.options));
  return sql;
}

// What the C++ part hands back: statements and messages in palloc'd memory.
struct ImportResult {
  List* statements = NIL;
  List* comments = NIL;      // PendingComment*, the list and its items in TopMemoryContext
  List* unmatched = NIL;     // char* messages
};

void PlanStatements(ImportForeignSchemaStmt* stmt, const TableOptions* server, const char* naming_text,
                    const char* introspection_json, ImportResult* result, rr::ScanStats* sent) {
  rr::Naming naming = rr::ParseNaming(naming_text);
  std::shared_ptr<const rr::SchemaModel> model;
  if (introspection_json != nullptr) {
    auto loaded = std::make_shared<rr::SchemaModel>();
    try {
      loaded->Load(introspection_json);
    } catch (const rr::RemoteError& error) {
      throw rr::RemoteError(error.kind(), std::string("invalid value for option \"introspection\": ") + error.what(),
                            error.detail());
    }
    model = loaded;
  } else {
    // Asked anew, as postgres_fdw asks the remote catalog: one imports because the remote
    // changed. (The answer also refreshes this backend's cached model.)
    model = GetSchemaModel(server, HttpRequestFor(server), Introspection::kReload, sent);
    if (model == nullptr)
      throw rr::RemoteError(rr::ErrorKind::kGraphQL, "the remote refuses introspection, so its types cannot be imported",
                            "Give the schema as JSON: IMPORT FOREIGN SCHEMA ... OPTIONS (introspection '{\"__schema\": ...}').");
  }

  rr::ImportFilter filter;
  if (stmt->list_type == FDW_IMPORT_SCHEMA_LIMIT_TO) filter.mode = rr::ImportFilter::Mode::kLimitTo;
  if (stmt->list_type == FDW_IMPORT_SCHEMA_EXCEPT) filter.mode = rr::ImportFilter::Mode::kExcept;
  ListCell* cell;
  foreach (cell, stmt->table_list) filter.names.emplace_back(static_cast<RangeVar*>(lfirst(cell))->relname);

  rr::ImportPlan plan = rr::PlanImport(*model, naming, filter);
  std::string schema = stmt->local_schema;
  std::string server_name = server->server_name;
  // All text is made first: the PostgreSQL calls below run with no C++ object being built.
  std::vector<std::string> messages, statements;
  for (const auto& unmatched : plan.unmatched)
    messages.push_back("type \"" + unmatched.name + "\" cannot be imported: " + unmatched.reason);
  for (const auto& table : plan.tables) statements.push_back(CreateStatement(table, schema, server_name));
  CallPostgres([&] {
    for (const auto& message : messages) result->unmatched = lappend(result->unmatched, pstrdup(message.c_str()));
    for (size_t i = 0; i < statements.size(); ++i) {
      result->statements = lappend(result->statements, pstrdup(statements[i].c_str()));
      MemoryContext caller = MemoryContextSwitchTo(TopMemoryContext);
      auto* pending = static_cast<PendingComment*>(palloc(sizeof(PendingComment)));
      pending->server = pstrdup(server_name.c_str());
      pending->schema = pstrdup(schema.c_str());
      pending->table = pstrdup(plan.tables[i].name.c_str());
      pending->comment = pstrdup(plan.tables[i].comment.c_str());
      result->comments = lappend(result->comments, pending);
      MemoryContextSwitchTo(caller);
    }
  });
}

void AddPendingComment(const CreateForeignTableStmt* create) {
  const RangeVar* relation = create->base.relation;
  ListCell* cell;
  foreach (cell, pending_comments) {
    auto* pending = static_cast<PendingComment*>(lfirst(cell));
    if (strcmp(pending->table, relation->relname) != 0 || strcmp(pending->server, create->servername) != 0 ||
        (relation->schemaname != nullptr && strcmp(pending->schema, relation->schemaname) != 0))
      continue;
    CommandCounterIncrement();  // the table just made must be visible
    Oid relid = RangeVarGetRelid(relation, NoLock, false);
    CreateComments(relid, RelationRelationId, 0, pending->comment);
    return;
  }
}

void ImportUtilityHook(PlannedStmt* pstmt, const char* query_string, bool read_only_tree, ProcessUtilityContext context,
                       ParamListInfo params, QueryEnvironment* query_env, DestReceiver* dest, QueryCompletion* qc) {
  if (previous_utility_hook != nullptr)
    previous_utility_hook(pstmt, query_string, read_only_tree, context, params, query_env, dest, qc);
  else
    standard_ProcessUtility(pstmt, query_string, read_only_tree, context, params, query_env, dest, qc);
  Node* parsetree = pstmt->utilityStmt;
  if (pending_comments != NIL && context == PROCESS_UTILITY_SUBCOMMAND && IsA(parsetree, CreateForeignTableStmt))
    AddPendingComment(reinterpret_cast<CreateForeignTableStmt*>(parsetree));
  if (IsA(parsetree, ImportForeignSchemaStmt)) ClearPendingComments();
}

}  // namespace

List* ImportForeignSchema(ImportForeignSchemaStmt* stmt, Oid server_oid) {
  ClearPendingComments();
  const char* naming = "as_is";
  const char* introspection = nullptr;
  ListCell* cell;
  foreach (cell, stmt->options) {
    DefElem* def = static_cast<DefElem*>(lfirst(cell));
    if (strcmp(def->defname, "naming") == 0) {
      naming = defGetString(def);
    } else if (strcmp(def->defname, "introspection") == 0) {
      const char* json = defGetString(def);
      introspection = pg_server_to_any(json, static_cast<int>(strlen(json)), PG_UTF8);
    } else {
      ereport(ERROR, (errcode(ERRCODE_FDW_INVALID_OPTION_NAME),
                      errmsg("invalid option \"%s\" for IMPORT FOREIGN SCHEMA of remote_relationship", def->defname),
                      errhint("Valid options here are: naming, introspection.")));
    }
  }
  if (strcmp(naming, "as_is") != 0 && strcmp(naming, "snake_case") != 0)
    ereport(ERROR, (errcode(ERRCODE_FDW_INVALID_ATTRIBUTE_VALUE),
                    errmsg("invalid value for option \"naming\": \"%s\" is not one of as_is, snake_case", naming)));

  TableOptions* server = GetServerOptions(server_oid, GetUserId());
  ErrorSite site;
  site.server_name = server->server_name;
  ImportResult result;
  rr::ScanStats sent;
  RunGuarded(&site, [&] {
    SetRedactedUrl(&site, server->url);
    PlanStatements(stmt, server, naming, introspection, &result, &sent);
  });

  // Owned by the pending list from here on, so that the next IMPORT frees them also when
  // this one stops below.
  pending_comments = result.comments;
  foreach (cell, result.unmatched) {
    const char* message = static_cast<const char*>(lfirst(cell));
    if (stmt->list_type == FDW_IMPORT_SCHEMA_LIMIT_TO)
      ereport(ERROR, (errcode(ERRCODE_FDW_TABLE_NOT_FOUND), errmsg("%s", message),
                      errhint("LIMIT TO and EXCEPT take the names of GraphQL object types that a query field returns.")));
    ereport(WARNING, (errcode(ERRCODE_FDW_TABLE_NOT_FOUND), errmsg("%s", message)));
  }
  // PostgreSQL filters the statements once more by comparing table names with the LIMIT TO /
  // EXCEPT list, which holds GraphQL type names: with snake_case naming or a name matched
  // without regard to case that would drop tables. The list has been applied above. (The
  // statement is a copy: PostgreSQL copies a read-only utility tree before running it.)
  stmt->list_type = FDW_IMPORT_SCHEMA_ALL;
  return result.statements;
}

void RegisterImportHook() {
  previous_utility_hook = ProcessUtility_hook;
  ProcessUtility_hook = ImportUtilityHook;
}

}  // namespace rr_pg
