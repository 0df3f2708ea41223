// EXPLAIN: the GraphQL document and first page's variables (VERBOSE), like postgres_fdw's
// Remote SQL, and with ANALYZE what the scan cost on the wire. Header values never appear.
#include "fdw.hpp"

extern "C" {
#include "lib/stringinfo.h"
}

namespace rr_pg {

void ExplainRemoteTimes(const rr::ScanStats& stats, double convert_ms, ExplainState* es) {
  // Timings vary from run to run: shown only with TIMING, as the executor's own. Network:
  // waiting for the answers; parse: reading them into pages; convert: cells into datums.
  if (!es->timing) return;
  ExplainPropertyFloat("Remote Network Time", "ms", stats.network_ms, 3, es);
  ExplainPropertyFloat("Remote Parse Time", "ms", stats.parse_ms, 3, es);
  ExplainPropertyFloat("Remote Convert Time", "ms", convert_ms, 3, es);
}

void ExplainForeignScan(ForeignScanState* node, ExplainState* es) {
  ScanState* state = static_cast<ScanState*>(node->fdw_state);
  const rr::RemoteScan* remote = state ? *state->remote : nullptr;
  if (remote == nullptr) return;

  if (es->verbose) {
    ExplainPropertyText("Remote GraphQL", remote->request().document().c_str(), es);
    ExplainPropertyText("Remote Variables", remote->first_variables().c_str(), es);
    // Values of an outer row (a parameterized join) or a subquery: known only while running.
    // (A StringInfo, not a std::string: the catalog lookups may raise.)
    StringInfoData at_run_time;
    initStringInfo(&at_run_time);
    for (int i = 0; i < state->npushed; i++) {
      if (!state->pushed[i].from_param) continue;
      if (state->pushed[i].op == PushedOp::kArgument) {
        const char* argument = ColumnArgument(RelationGetRelid(node->ss.ss_currentRelation), state->pushed[i].attnum);
        appendStringInfo(&at_run_time, "%s%s", at_run_time.len > 0 ? ", " : "", argument != nullptr ? argument : "?");
      } else if (state->filter_variable >= 0) {
        appendStringInfo(&at_run_time, "%s%s.%s", at_run_time.len > 0 ? ", " : "", state->filter_argument,
                         state->filter_fields[i]);
      }
    }
    if (at_run_time.len > 0) ExplainPropertyText("Remote Arguments Set At Run Time", at_run_time.data, es);
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
    if (stats.other_members > 0 || es->format != EXPLAIN_FORMAT_TEXT)
      ExplainPropertyInteger("Remote Items Of Other Types Skipped", nullptr, stats.other_members, es);
    // Requests sent again (counted in Remote Requests too); text format: only when some were.
    long retries = stats.retries + state->introspection.retries;
    if (retries > 0 || es->format != EXPLAIN_FORMAT_TEXT) ExplainPropertyInteger("Remote Retries", nullptr, retries, es);
    // Offset pages read ahead past the end (or past a short page): asked for, never read.
    if (stats.pages_unused > 0 || es->format != EXPLAIN_FORMAT_TEXT)
      ExplainPropertyInteger("Remote Pages Read Ahead Unused", nullptr, stats.pages_unused, es);
    if (stats.partial_errors > 0 || es->format != EXPLAIN_FORMAT_TEXT)
      ExplainPropertyInteger("Remote Partial Errors", nullptr, stats.partial_errors, es);
    ExplainPropertyInteger("Remote Bytes Received", "bytes",
                           stats.bytes_received + state->introspection.bytes_received, es);
    ExplainRemoteTimes(stats, state->convert_ms, es);
  }
}

}  // namespace rr_pg
