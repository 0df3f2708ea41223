// Options of the FDW: which option is valid on which object, the validator, and the
// merge of server, user mapping, table and column options for one foreign table.
#pragma once

#include "pg_headers.hpp"

namespace rr_pg {

// Defaults of the numeric options.
constexpr long kDefaultTimeoutMs = 30000;
constexpr long kDefaultConnectTimeoutMs = 10000;
constexpr long kDefaultPageSize = 100;  // GitHub caps pages at 100, Shopify at 250
constexpr long kDefaultMaxResponseBytes = 64L * 1024 * 1024;
// ... and their upper limits (the lower limit is 1).
constexpr long kMaxTimeoutMs = 86400000;        // a day
constexpr long kMaxPageSize = 1000000;
constexpr long kMaxResponseBytes = 1073741823;  // what one PostgreSQL allocation may hold
constexpr long kMaxRetries = 10;

// The options in force for one foreign table, as raw strings (NULL: not set), all palloc'd.
// An option a table may set overrides the server's.
struct TableOptions {
  Oid server_id;
  Oid user_id;                // whose user mapping applies
  char* server_name;
  char* url;
  char* server_headers;       // JSON object
  char* user_headers;         // JSON object, from the user mapping (may hold secrets)
  char* follow_redirects;     // "true" | "false"
  char* ca_file;
  int nforwarded;             // forward_headers, resolved for this session at this moment
  char** forwarded_names;
  char** forwarded_values;
  char* session_key;          // the forwarded values as one text: answers differ per value
  char* forwarded_error;      // a forwarded setting (or environment header) not set: no request may be made
  int nenvironment;           // headers_from_env of the user mapping, resolved now
  char** environment_names;
  char** environment_values;
  char* timeout_ms;
  char* connect_timeout_ms;
  char* max_response_bytes;
  char* max_retries;
  char* page_size;            // table's, else server's
  char* on_partial_error;     // error | null | warn; table's, else server's
  char* type_name;
  char* query_field;          // defaults to the foreign table's name
  char* pagination;
  char* arguments;            // JSON object
  char* query_returns;        // list | connection | object
  char* relay_rows;           // edges | nodes
  char* limit_argument;
  char* offset_argument;
  char* offset_unit;          // rows | pages
  char* argument_types;       // JSON object: argument -> GraphQL type; set, no introspection is needed
  char* filter_dialect;       // how the filter argument reads (where, condition, ...), or NULL
  char* filter_argument;      // the root-field argument that filters rows, or NULL
  char* order_argument;       // the root-field argument that orders rows (order_dialect order_by), or NULL
  char* count_field;          // the count of the field's rows (totalCount, or a root path), or NULL
  int natts;
  char** column_names;        // [attnum - 1]; NULL for dropped columns
  char** column_fields;       // [attnum - 1]; the field option, else the column name
  char** column_arguments;    // [attnum - 1]; the root-field argument that filters the column, or NULL
  bool* column_input_only;    // [attnum - 1]; no field of the type: the column echoes its argument
  bool* column_on_edge;       // [attnum - 1]; edge_field: a field of the row's connection edge (cursor, starredAt)
  char** column_filter_fields;  // [attnum - 1]; the filter argument's input field for the column, or NULL
  char** column_filter_types;   // [attnum - 1]; its GraphQL type, or NULL
};

// Installs the log hook that keeps statements with headers or URLs of servers and user
// mappings out of the server log when they fail; called from _PG_init.
void RegisterLogHook();

// Reads the options of foreign table relid as seen by user userid (may raise).
TableOptions* GetTableOptions(Oid relid, Oid userid);

// The server-level part only (no table fields set), for IMPORT and the schema functions.
TableOptions* GetServerOptions(Oid server_id, Oid userid);

}  // namespace rr_pg
