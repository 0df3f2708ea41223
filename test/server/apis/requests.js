'use strict';
// In-memory log of the requests apis.js answered (GET /requests, POST /reset).

const MAX_ENTRIES = 100000;
let entries = [];
let seq = 0;
const started = process.hrtime.bigint();

function add(entry) {
  seq += 1;
  entries.push({
    seq,
    method: entry.method,
    path: entry.path,
    query_string: entry.query_string || '',
    document: entry.document == null ? null : entry.document,
    operation_name: entry.operation_name == null ? null : entry.operation_name,
    variables: entry.variables === undefined ? null : entry.variables,
    status: entry.status,
    fault: entry.fault == null ? null : entry.fault,
    at_ms: Number(process.hrtime.bigint() - started) / 1e6,  // since the server started
  });
  if (entries.length > MAX_ENTRIES) entries.splice(0, entries.length - MAX_ENTRIES);
}

function all() { return entries; }

function reset() {
  entries = [];
  seq = 0;
}

module.exports = { add, all, reset, MAX_ENTRIES };
