// The FDW handler and module initialisation.
#include "fdw.hpp"

#include "connection.hpp"
#include "core/http_client.hpp"
#include "import.hpp"
#include "option.hpp"

extern "C" {

PG_MODULE_MAGIC;

void _PG_init(void);
void _PG_init(void) {
  // Safe before any other thread exists; libcurl needs it once per process.
  rr::HttpGlobalInit();
  rr_pg::DefineSettings();
  rr_pg::RegisterCacheCallbacks();
  rr_pg::RegisterImportHook();
  rr_pg::RegisterLogHook();
  rr_pg::RegisterBatchedJoin();
}

PG_FUNCTION_INFO_V1(remote_relationship_fdw_handler);

Datum remote_relationship_fdw_handler(PG_FUNCTION_ARGS) {
  (void)fcinfo;
  FdwRoutine* routine = makeNode(FdwRoutine);
  routine->GetForeignRelSize = rr_pg::GetForeignRelSize;
  routine->GetForeignPaths = rr_pg::GetForeignPaths;
  routine->GetForeignPlan = rr_pg::GetForeignPlan;
  routine->BeginForeignScan = rr_pg::BeginForeignScan;
  routine->IterateForeignScan = rr_pg::IterateForeignScan;
  routine->ReScanForeignScan = rr_pg::ReScanForeignScan;
  routine->EndForeignScan = rr_pg::EndForeignScan;
  routine->ExplainForeignScan = rr_pg::ExplainForeignScan;
  routine->ImportForeignSchema = rr_pg::ImportForeignSchema;
  routine->AnalyzeForeignTable = rr_pg::AnalyzeForeignTable;
  PG_RETURN_POINTER(routine);
}

}  // extern "C"
