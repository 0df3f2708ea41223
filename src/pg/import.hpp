// IMPORT FOREIGN SCHEMA (see import.cpp).
#pragma once

#include "pg_headers.hpp"

namespace rr_pg {

List* ImportForeignSchema(ImportForeignSchemaStmt* stmt, Oid server_oid);

// Installs the ProcessUtility hook that comments the imported tables; called from _PG_init.
void RegisterImportHook();

}  // namespace rr_pg
