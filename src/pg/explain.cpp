// EXPLAIN: the GraphQL document and first page's variables (VERBOSE), like postgres_fdw's
// Remote SQL, and with ANALYZE what the scan cost on the wire. Header values never appear.
#include "fdw.hpp"

namespace rr_pg {

void ExplainForeignScan(ForeignScanState* node, ExplainState* es) {
  ScanState* state = static_cast<ScanState*>(node->fdw_state);
  const rr::RemoteScan* remote = state ? *state->remote : nullptr;
  if (remote == nullptr) return;

  if (es->verbose) {
    ExplainPropertyText("Remote GraphQL", remote->request().document().c_str(), es);
    ExplainPropertyText("Remote Variables", remote->first_variables().c_str(), es);
    if (state->arguments_as_literals)
      ExplainPropertyText("Remote Arguments", "literals (argument types unknown: introspection unavailable)", es);
  }
  if (es->analyze) {
    const rr::ScanStats& stats = remote->stats();
    // Requests and bytes include the introspection request the scan may have sent first.
    ExplainPropertyInteger("Remote Requests", nullptr, stats.requests + state->introspection.requests, es);
    ExplainPropertyInteger("Remote Pages", nullptr, stats.pages, es);
    ExplainPropertyInteger("Remote Rows", nullptr, stats.rows, es);
    // Like "Rows Removed by Filter": shown in text format only when there were some.
    if (stats.null_items > 0 || es->format != EXPLAIN_FORMAT_TEXT)
      ExplainPropertyInteger("Remote Null Items Skipped", nullptr, stats.null_items, es);
    ExplainPropertyInteger("Remote Bytes Received", "bytes",
                           stats.bytes_received + state->introspection.bytes_received, es);
  }
}

}  // namespace rr_pg
