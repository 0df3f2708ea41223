#include "option.hpp"

#include <string>

#include "core/options.hpp"
#include "core/request.hpp"
#include "core/schema.hpp"
#include "core/shape.hpp"
#include "guard.hpp"

#include <vector>

namespace rr_pg {

namespace {

enum class OptionValue {
  kUrl, kHeaders, kPositiveInt, kGraphQLName, kPagination, kArguments, kField, kResultShape, kRelayRows,
  kOffsetUnit, kArgumentTypes, kFilterDialect, kOrderDialect, kFieldPath, kBoolean, kGraphQLType, kForwardHeaders,
  kFilePath, kCost, kHeadersFromEnv, kNonNegativeInt, kSortText,
  kPartialErrors
};

struct OptionSpec {
  const char* name;
  Oid context;  // catalog the option belongs to
  OptionValue value;
  long max;     // for kPositiveInt and kNonNegativeInt
  bool superuser_only = false;  // reads server files, or lifts a safety rule
};

const OptionSpec kOptions[] = {
    {"url", ForeignServerRelationId, OptionValue::kUrl, 0},
    {"headers", ForeignServerRelationId, OptionValue::kHeaders, 0},
    {"timeout_ms", ForeignServerRelationId, OptionValue::kPositiveInt, kMaxTimeoutMs},
    {"connect_timeout_ms", ForeignServerRelationId, OptionValue::kPositiveInt, kMaxTimeoutMs},
    {"page_size", ForeignServerRelationId, OptionValue::kPositiveInt, kMaxPageSize},
    {"max_response_bytes", ForeignServerRelationId, OptionValue::kPositiveInt, kMaxResponseBytes},
    {"forward_headers", ForeignServerRelationId, OptionValue::kForwardHeaders, 0},
    {"follow_redirects", ForeignServerRelationId, OptionValue::kBoolean, 0},
    {"ca_file", ForeignServerRelationId, OptionValue::kFilePath, 0, true},
    {"allow_credential_headers", ForeignServerRelationId, OptionValue::kBoolean, 0, true},
    {"batch_size", ForeignServerRelationId, OptionValue::kPositiveInt, 10000},
    {"max_concurrent_requests", ForeignServerRelationId, OptionValue::kPositiveInt, 64},
    {"max_retries", ForeignServerRelationId, OptionValue::kNonNegativeInt, kMaxRetries},
    {"fdw_startup_cost", ForeignServerRelationId, OptionValue::kCost, 0},
    {"fdw_tuple_cost", ForeignServerRelationId, OptionValue::kCost, 0},
    {"analyze_max_rows", ForeignServerRelationId, OptionValue::kNonNegativeInt, 100000000},
    {"sort_text", ForeignServerRelationId, OptionValue::kSortText, 0},
    {"on_partial_error", ForeignServerRelationId, OptionValue::kPartialErrors, 0},
    {"headers", UserMappingRelationId, OptionValue::kHeaders, 0},
    // Hasura's value_from_env: the server process's environment, read at each request.
    {"headers_from_env", UserMappingRelationId, OptionValue::kHeadersFromEnv, 0, true},
    {"type_name", ForeignTableRelationId, OptionValue::kGraphQLName, 0},
    {"query_field", ForeignTableRelationId, OptionValue::kFieldPath, 0},
    {"pagination", ForeignTableRelationId, OptionValue::kPagination, 0},
    {"page_size", ForeignTableRelationId, OptionValue::kPositiveInt, kMaxPageSize},
    {"arguments", ForeignTableRelationId, OptionValue::kArguments, 0},
    {"batch_size", ForeignTableRelationId, OptionValue::kPositiveInt, 10000},
    {"fdw_startup_cost", ForeignTableRelationId, OptionValue::kCost, 0},
    {"fdw_tuple_cost", ForeignTableRelationId, OptionValue::kCost, 0},
    {"analyze_max_rows", ForeignTableRelationId, OptionValue::kNonNegativeInt, 100000000},
    {"sort_text", ForeignTableRelationId, OptionValue::kSortText, 0},
    {"on_partial_error", ForeignTableRelationId, OptionValue::kPartialErrors, 0},
    // Recorded by IMPORT FOREIGN SCHEMA so that a scan needs no introspection; each can be
    // written by hand for a remote that refuses introspection.
    {"query_returns", ForeignTableRelationId, OptionValue::kResultShape, 0},
    {"relay_rows", ForeignTableRelationId, OptionValue::kRelayRows, 0},
    {"limit_argument", ForeignTableRelationId, OptionValue::kGraphQLName, 0},
    {"offset_argument", ForeignTableRelationId, OptionValue::kGraphQLName, 0},
    {"offset_unit", ForeignTableRelationId, OptionValue::kOffsetUnit, 0},
    {"argument_types", ForeignTableRelationId, OptionValue::kArgumentTypes, 0},
    {"filter_dialect", ForeignTableRelationId, OptionValue::kFilterDialect, 0},
    {"filter_argument", ForeignTableRelationId, OptionValue::kGraphQLName, 0},
    {"order_dialect", ForeignTableRelationId, OptionValue::kOrderDialect, 0},
    {"order_argument", ForeignTableRelationId, OptionValue::kGraphQLName, 0},
    {"count_field", ForeignTableRelationId, OptionValue::kFieldPath, 0},
    {"field", AttributeRelationId, OptionValue::kField, 0},
    {"edge_field", AttributeRelationId, OptionValue::kField, 0},
    {"argument", AttributeRelationId, OptionValue::kFieldPath, 0},
    {"input_only", AttributeRelationId, OptionValue::kBoolean, 0},
    {"filter_field", AttributeRelationId, OptionValue::kGraphQLName, 0},
    {"filter_type", AttributeRelationId, OptionValue::kGraphQLType, 0},
};

const char* ObjectKind(Oid context) {
  switch (context) {
    case ForeignServerRelationId: return "server";
    case UserMappingRelationId: return "user mapping";
    case ForeignTableRelationId: return "foreign table";
    case AttributeRelationId: return "column";
    case ForeignDataWrapperRelationId: return "foreign-data wrapper";
  }
  return "catalog object";
}

void ParseChoice(const std::string& text, std::initializer_list<const char*> choices) {
  std::string allowed;
  for (const char* choice : choices) {
    if (text == choice) return;
    allowed.append(allowed.empty() ? "" : ", ").append(choice);
  }
  throw rr::RemoteError(rr::ErrorKind::kInvalidOption, "\"" + rr::Abbreviate(text) + "\" is not one of " + allowed);
}

const OptionSpec* FindOption(const char* name, Oid context) {
  for (const auto& spec : kOptions)
    if (spec.context == context && strcmp(spec.name, name) == 0) return &spec;
  return nullptr;
}

// Checks one value with the core parsers; raises an error naming the option.
void CheckValue(const OptionSpec* spec, const char* value, bool hide_statement) {
  CaughtError caught;
  bool failed = false;
  try {
    std::string text(value);
    switch (spec->value) {
      case OptionValue::kUrl: rr::CheckHttpUrl(text); break;
      case OptionValue::kHeaders: rr::ParseHeadersJson(text); break;
      case OptionValue::kPositiveInt: rr::ParsePositiveInteger(text, spec->max); break;
      case OptionValue::kNonNegativeInt:
        rr::ParseIntegerInRange(text, 0, spec->max);
        break;
      case OptionValue::kGraphQLName:
        if (!rr::IsGraphQLName(text))
          throw rr::RemoteError(rr::ErrorKind::kInvalidOption,
                                "\"" + rr::Abbreviate(text) + "\" is not a GraphQL name");
        break;
      case OptionValue::kPagination: rr::ParsePagination(text); break;
      case OptionValue::kArguments: rr::ArgumentsJsonToGraphQL(text); break;
      case OptionValue::kField: rr::ParseFieldSpec(text); break;
      case OptionValue::kResultShape: rr::ParseResultShape(text); break;
      case OptionValue::kRelayRows: ParseChoice(text, {"edges", "nodes"}); break;
      case OptionValue::kSortText: ParseChoice(text, {"local", "remote"}); break;
      case OptionValue::kPartialErrors: ParseChoice(text, {"error", "null", "warn"}); break;
      case OptionValue::kOffsetUnit: ParseChoice(text, {"rows", "pages"}); break;
      case OptionValue::kArgumentTypes: rr::ParseArgumentTypesJson("", text); break;
      case OptionValue::kFilterDialect: rr::ParseFilterDialect(text); break;
      case OptionValue::kOrderDialect: rr::ParseOrderDialect(text); break;
      case OptionValue::kFieldPath: {
        if (!rr::IsGraphQLNamePath(text))
          throw rr::RemoteError(rr::ErrorKind::kInvalidOption, "\"" + rr::Abbreviate(text) + "\" is not a dotted path of field names");
        break;
      }
      case OptionValue::kBoolean: ParseChoice(text, {"true", "false"}); break;
      case OptionValue::kForwardHeaders: rr::ParseForwardHeadersJson(text); break;
      case OptionValue::kFilePath:
        if (text.empty() || text[0] != '/')
          throw rr::RemoteError(rr::ErrorKind::kInvalidOption, "\"" + rr::Abbreviate(text) + "\" is not an absolute path");
        break;
      case OptionValue::kHeadersFromEnv:
        for (const auto& header : rr::ParseHeadersJson(text)) {
          const std::string& variable = header.second;
          bool name = !variable.empty() && !isdigit(static_cast<unsigned char>(variable[0])) &&
                      variable.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_") ==
                          std::string::npos;
          if (!name)
            throw rr::RemoteError(rr::ErrorKind::kInvalidOption,
                                  "header \"" + header.first + "\" names \"" + rr::Abbreviate(variable) +
                                      "\", which is not an environment variable name");
        }
        break;
      case OptionValue::kCost: {
        char* end = nullptr;
        double cost = strtod(text.c_str(), &end);
        if (text.empty() || *end != '\0' || !(cost >= 0 && cost <= 1e10))
          throw rr::RemoteError(rr::ErrorKind::kInvalidOption,
                                "\"" + rr::Abbreviate(text) + "\" is not a cost between 0 and 1e10");
        break;
      }
      case OptionValue::kGraphQLType:
        if (!rr::IsGraphQLTypeText(text))
          throw rr::RemoteError(rr::ErrorKind::kInvalidOption,
                                "\"" + rr::Abbreviate(text) + "\" is not a GraphQL type such as Int, [ID!] or String!");
        break;
    }
  } catch (...) {
    CaptureException(&caught);
    failed = true;
  }
  if (!failed) return;
  MakeServerText(caught.message);
  // Never echo header values: they may be secrets. Nor the statement, which holds them,
  // into the server log.
  bool secret = hide_statement || spec->value == OptionValue::kHeaders || spec->value == OptionValue::kUrl;
  ereport(ERROR, (errcode(ERRCODE_FDW_INVALID_ATTRIBUTE_VALUE),
                  errmsg("invalid value for option \"%s\": %s", spec->name,
                         spec->value == OptionValue::kHeaders ? "not a JSON object of header names to string values"
                                                              : caught.message),
                  spec->value == OptionValue::kHeaders ? errdetail("%s", caught.message) : 0, errhidestmt(secret)));
}

char* OptionOrNull(List* options, const char* name) {
  ListCell* cell;
  foreach (cell, options) {
    DefElem* def = static_cast<DefElem*>(lfirst(cell));
    if (strcmp(def->defname, name) == 0) return defGetString(def);
  }
  return nullptr;
}

// Server options are readable by every role (pg_foreign_server): a credential-like header,
// or a URL with a user name or password, is refused there unless a superuser says it may
// stay with allow_credential_headers.
void CheckServerCredentials(List* options) {
  char* headers = OptionOrNull(options, "headers");
  char* url = OptionOrNull(options, "url");
  char* allow = OptionOrNull(options, "allow_credential_headers");
  if (allow != nullptr && strcmp(allow, "true") == 0) return;
  char credential[256] = "";
  bool url_credential = false;
  RunGuarded(nullptr, [&] {
    if (headers != nullptr)
      for (const auto& header : rr::ParseHeadersJson(headers))
        if (rr::IsCredentialHeader(header.first) && credential[0] == '\0')
          snprintf(credential, sizeof(credential), "header \"%s\"", header.first.c_str());
    url_credential = url != nullptr && rr::UrlHasUserinfo(url);
  });
  if (credential[0] == '\0' && url_credential) snprintf(credential, sizeof(credential), "the user name or password in url");
  if (credential[0] != '\0')
    ereport(ERROR, (errcode(ERRCODE_FDW_INVALID_ATTRIBUTE_VALUE),
                    errmsg("%s looks like a credential and may not be a server option", credential),
                    errdetail("Every role can read the options of a server."),
                    errhint("Put it in the headers of a user mapping (CREATE USER MAPPING ... OPTIONS (headers ...)); a "
                            "superuser may keep it with the server option allow_credential_headers 'true'."),
                    errhidestmt(true)));
}

}  // namespace

namespace {

// The values of forward_headers for this session: the role names, or the settings as they
// are now. A setting that is not set is an error (an empty header would look like an
// anonymous user to the remote), and so is a value with a line break or NUL.
void ResolveForwardedHeaders(const char* spec_json, TableOptions* options) {
  options->session_key = pstrdup("");
  if (spec_json == nullptr) return;
  int count = 0;
  char** names = nullptr;
  int* sources = nullptr;
  char** settings = nullptr;
  RunGuarded(nullptr, [&] {
    std::vector<rr::ForwardedHeader> headers = rr::ParseForwardHeadersJson(spec_json);
    CallPostgres([&] {
      count = static_cast<int>(headers.size());
      names = static_cast<char**>(palloc0(sizeof(char*) * (count + 1)));
      settings = static_cast<char**>(palloc0(sizeof(char*) * (count + 1)));
      sources = static_cast<int*>(palloc0(sizeof(int) * (count + 1)));
      for (int i = 0; i < count; i++) {
        names[i] = pstrdup(headers[i].name.c_str());
        settings[i] = pstrdup(headers[i].setting.c_str());
        sources[i] = static_cast<int>(headers[i].source);
      }
    });
  });
  options->nforwarded = count;
  options->forwarded_names = names;
  options->forwarded_values = static_cast<char**>(palloc0(sizeof(char*) * (count + 1)));
  for (int i = 0; i < count; i++) {
    const char* value = nullptr;
    switch (static_cast<rr::ForwardedHeader::Source>(sources[i])) {
      case rr::ForwardedHeader::Source::kCurrentUser: value = GetUserNameFromId(GetUserId(), false); break;
      case rr::ForwardedHeader::Source::kSessionUser: value = GetUserNameFromId(GetSessionUserId(), false); break;
      case rr::ForwardedHeader::Source::kSetting:
        value = GetConfigOption(settings[i], true, true);
        // Raised when a request is made (plain EXPLAIN, and IMPORT from JSON, send none).
        if (value == nullptr || value[strspn(value, " \t")] == '\0') {
          if (options->forwarded_error == nullptr)
            options->forwarded_error =
                psprintf("header \"%s\" forwards setting \"%s\", which is not set; SET %s = '...' before querying server "
                         "\"%s\"",
                         names[i], settings[i], settings[i], options->server_name);
          value = "";
        }
        break;
    }
    for (const char* c = value; *c != '\0'; c++)
      if ((static_cast<unsigned char>(*c) < 0x20 && *c != '\t') || *c == 0x7F)
        ereport(ERROR, (errcode(ERRCODE_FDW_INVALID_ATTRIBUTE_VALUE),
                        errmsg("the value forwarded in header \"%s\" contains a line break or another control character",
                               names[i])));
    options->forwarded_values[i] = pstrdup(value);
  }
  StringInfoData key;
  initStringInfo(&key);
  for (int i = 0; i < count; i++) appendStringInfo(&key, "%s\n%s\n", names[i], options->forwarded_values[i]);
  options->session_key = key.data;
}

// headers_from_env: each header's value from the server process's environment, now. A
// variable that is not set, or holds a control character, is an error when a request is made.
void ResolveEnvironmentHeaders(const char* spec_json, TableOptions* options) {
  if (spec_json == nullptr) return;
  int count = 0;
  char** names = nullptr;
  char** variables = nullptr;
  RunGuarded(nullptr, [&] {
    rr::HeaderList headers = rr::ParseHeadersJson(spec_json);
    CallPostgres([&] {
      count = static_cast<int>(headers.size());
      names = static_cast<char**>(palloc0(sizeof(char*) * (count + 1)));
      variables = static_cast<char**>(palloc0(sizeof(char*) * (count + 1)));
      for (int i = 0; i < count; i++) {
        names[i] = pstrdup(headers[i].first.c_str());
        variables[i] = pstrdup(headers[i].second.c_str());
      }
    });
  });
  options->nenvironment = count;
  options->environment_names = names;
  options->environment_values = static_cast<char**>(palloc0(sizeof(char*) * (count + 1)));
  for (int i = 0; i < count; i++) {
    const char* value = getenv(variables[i]);
    bool control = false;
    for (const char* c = value != nullptr ? value : ""; *c != '\0'; c++)
      control = control || (static_cast<unsigned char>(*c) < 0x20 && *c != '\t') || *c == 0x7F;
    if ((value == nullptr || control) && options->forwarded_error == nullptr)
      options->forwarded_error =
          value == nullptr ? psprintf("header \"%s\" of the user mapping takes environment variable \"%s\", which the "
                                      "PostgreSQL server's environment does not set", names[i], variables[i])
                           : psprintf("environment variable \"%s\" (header \"%s\") holds a line break or another control "
                                      "character", variables[i], names[i]);
    options->environment_values[i] = pstrdup(value != nullptr && !control ? value : "");
  }
}

// The server's and the user mapping's options, and the checks that need no table.
TableOptions* ReadServerOptions(ForeignServer* server, Oid userid) {
  UserMapping* mapping = GetUserMapping(userid, server->serverid);
  TableOptions* options = static_cast<TableOptions*>(palloc0(sizeof(TableOptions)));
  options->server_id = server->serverid;
  options->user_id = userid;
  options->server_name = pstrdup(server->servername);
  options->url = OptionOrNull(server->options, "url");
  options->server_headers = OptionOrNull(server->options, "headers");
  options->timeout_ms = OptionOrNull(server->options, "timeout_ms");
  options->connect_timeout_ms = OptionOrNull(server->options, "connect_timeout_ms");
  options->max_response_bytes = OptionOrNull(server->options, "max_response_bytes");
  options->max_retries = OptionOrNull(server->options, "max_retries");
  options->on_partial_error = OptionOrNull(server->options, "on_partial_error");
  options->page_size = OptionOrNull(server->options, "page_size");
  options->user_headers = OptionOrNull(mapping->options, "headers");
  options->follow_redirects = OptionOrNull(server->options, "follow_redirects");
  options->ca_file = OptionOrNull(server->options, "ca_file");
  ResolveForwardedHeaders(OptionOrNull(server->options, "forward_headers"), options);
  ResolveEnvironmentHeaders(OptionOrNull(mapping->options, "headers_from_env"), options);
  if (options->url == nullptr)
    ereport(ERROR, (errcode(ERRCODE_FDW_OPTION_NAME_NOT_FOUND),
                    errmsg("server \"%s\" has no \"url\" option", options->server_name),
                    errhint("ALTER SERVER \"%s\" OPTIONS (ADD url 'http://host:port/graphql')",
                            options->server_name)));
  return options;
}

}  // namespace

TableOptions* GetServerOptions(Oid server_id, Oid userid) { return ReadServerOptions(GetForeignServer(server_id), userid); }

TableOptions* GetTableOptions(Oid relid, Oid userid) {
  ForeignTable* table = GetForeignTable(relid);
  TableOptions* options = ReadServerOptions(GetForeignServer(table->serverid), userid);

  options->type_name = OptionOrNull(table->options, "type_name");
  options->query_field = OptionOrNull(table->options, "query_field");
  options->pagination = OptionOrNull(table->options, "pagination");
  options->arguments = OptionOrNull(table->options, "arguments");
  options->query_returns = OptionOrNull(table->options, "query_returns");
  options->relay_rows = OptionOrNull(table->options, "relay_rows");
  options->limit_argument = OptionOrNull(table->options, "limit_argument");
  options->offset_argument = OptionOrNull(table->options, "offset_argument");
  options->offset_unit = OptionOrNull(table->options, "offset_unit");
  options->argument_types = OptionOrNull(table->options, "argument_types");
  options->filter_dialect = OptionOrNull(table->options, "filter_dialect");
  options->filter_argument = OptionOrNull(table->options, "filter_argument");
  options->order_argument = OptionOrNull(table->options, "order_argument");
  options->count_field = OptionOrNull(table->options, "count_field");
  if (char* page_size = OptionOrNull(table->options, "page_size")) options->page_size = page_size;
  if (char* partial = OptionOrNull(table->options, "on_partial_error")) options->on_partial_error = partial;

  Relation rel = table_open(relid, AccessShareLock);
  TupleDesc desc = RelationGetDescr(rel);
  options->natts = desc->natts;
  options->column_names = static_cast<char**>(palloc0(sizeof(char*) * (desc->natts + 1)));
  options->column_fields = static_cast<char**>(palloc0(sizeof(char*) * (desc->natts + 1)));
  options->column_arguments = static_cast<char**>(palloc0(sizeof(char*) * (desc->natts + 1)));
  options->column_input_only = static_cast<bool*>(palloc0(sizeof(bool) * (desc->natts + 1)));
  options->column_on_edge = static_cast<bool*>(palloc0(sizeof(bool) * (desc->natts + 1)));
  options->column_filter_fields = static_cast<char**>(palloc0(sizeof(char*) * (desc->natts + 1)));
  options->column_filter_types = static_cast<char**>(palloc0(sizeof(char*) * (desc->natts + 1)));
  for (int i = 0; i < desc->natts; i++) {
    Form_pg_attribute attr = TupleDescAttr(desc, i);
    if (attr->attisdropped) continue;
    options->column_names[i] = pstrdup(NameStr(attr->attname));
    List* column_options = GetForeignColumnOptions(relid, attr->attnum);
    char* field = OptionOrNull(column_options, "field");
    char* edge_field = OptionOrNull(column_options, "edge_field");
    options->column_fields[i] = edge_field ? edge_field : field ? field : options->column_names[i];
    options->column_on_edge[i] = edge_field != nullptr;
    options->column_arguments[i] = OptionOrNull(column_options, "argument");
    char* input_only = OptionOrNull(column_options, "input_only");
    options->column_input_only[i] = input_only != nullptr && strcmp(input_only, "true") == 0;
    options->column_filter_fields[i] = OptionOrNull(column_options, "filter_field");
    options->column_filter_types[i] = OptionOrNull(column_options, "filter_type");
  }
  if (options->query_field == nullptr) options->query_field = pstrdup(RelationGetRelationName(rel));
  table_close(rel, AccessShareLock);
  return options;
}

namespace {
emit_log_hook_type previous_log_hook = nullptr;

// Whether text names the word, ignoring case (ASCII).
bool ContainsWord(const char* text, const char* word) {
  size_t length = strlen(word);
  for (const char* at = text; *at != '\0'; at++)
    if (pg_strncasecmp(at, word, length) == 0) return true;
  return false;
}

// Errors that PostgreSQL itself raises about a CREATE or ALTER of a server or user mapping
// (a syntax error, an option given twice, a mapping that exists) would log the statement,
// and with it the headers or the URL's password: keep it out of the log. The same for a
// failing call of the metadata API whose JSON holds headers (add_remote_schema, bulk, ...).
void HideSecretStatements(ErrorData* edata) {
  if (edata->elevel >= ERROR && debug_query_string != nullptr &&
      (ContainsWord(debug_query_string, "headers") || ContainsWord(debug_query_string, "url")) &&
      (((ContainsWord(debug_query_string, "mapping") || ContainsWord(debug_query_string, "server")) &&
        (ContainsWord(debug_query_string, "create") || ContainsWord(debug_query_string, "alter"))) ||
       ContainsWord(debug_query_string, "remote_relationship")))
    edata->hide_stmt = true;
  if (previous_log_hook != nullptr) previous_log_hook(edata);
}
}  // namespace

void RegisterLogHook() {
  previous_log_hook = emit_log_hook;
  emit_log_hook = HideSecretStatements;
}

}  // namespace rr_pg

extern "C" {

PG_FUNCTION_INFO_V1(remote_relationship_fdw_validator);

// Checks the options of the wrapper, a server, a user mapping, a foreign table or a column.
Datum remote_relationship_fdw_validator(PG_FUNCTION_ARGS) {
  List* options = untransformRelOptions(PG_GETARG_DATUM(0));
  Oid context = PG_GETARG_OID(1);
  ListCell* cell;
  // Any error about a list that holds headers or a URL keeps the statement, which holds
  // them, out of the server log.
  bool hide_statement = false;
  foreach (cell, options) {
    DefElem* def = static_cast<DefElem*>(lfirst(cell));
    if (strcmp(def->defname, "headers") == 0 || strcmp(def->defname, "url") == 0) hide_statement = true;
  }

  foreach (cell, options) {
    DefElem* def = static_cast<DefElem*>(lfirst(cell));
    const rr_pg::OptionSpec* spec = rr_pg::FindOption(def->defname, context);
    if (spec == nullptr) {
      StringInfoData valid;
      initStringInfo(&valid);
      for (const auto& candidate : rr_pg::kOptions)
        if (candidate.context == context)
          appendStringInfo(&valid, "%s%s", valid.len ? ", " : "", candidate.name);
      ereport(ERROR, (errcode(ERRCODE_FDW_INVALID_OPTION_NAME),
                      errmsg("invalid option \"%s\" for a %s of remote_relationship", def->defname,
                             rr_pg::ObjectKind(context)),
                      valid.len ? errhint("Valid options here are: %s.", valid.data)
                                : errhint("There are no valid options here."),
                      errhidestmt(hide_statement)));
    }
    if (spec->superuser_only && !superuser())
      ereport(ERROR, (errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
                      errmsg("only a superuser may set option \"%s\"", def->defname), errhidestmt(hide_statement)));
    rr_pg::CheckValue(spec, defGetString(def), hide_statement);
  }
  if (context == ForeignServerRelationId) rr_pg::CheckServerCredentials(options);
  if (context == AttributeRelationId && rr_pg::OptionOrNull(options, "field") != nullptr &&
      rr_pg::OptionOrNull(options, "edge_field") != nullptr)
    ereport(ERROR, (errcode(ERRCODE_FDW_INVALID_OPTION_NAME),
                    errmsg("a column reads either a field of the row (field) or one of its connection edge (edge_field), not both")));
  PG_RETURN_VOID();
}

}  // extern "C"
