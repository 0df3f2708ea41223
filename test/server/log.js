'use strict';
// In-memory request log (newest MAX_ENTRIES kept), read through Query._requests.

const MAX_ENTRIES = 100000;

let entries = [];
let seq = 0;

function add(entry) {
  seq += 1;
  entries.push({
    seq,
    path: entry.path,
    fault: entry.fault == null ? null : entry.fault,
    document: entry.document == null ? '' : entry.document,
    variables: entry.variables == null ? null : entry.variables,
    operation_name: entry.operation_name == null ? null : entry.operation_name,
    client_port: entry.client_port == null ? null : entry.client_port,
    // Arrival in milliseconds since the server started: tests read overlap and waits from it.
    at_ms: Math.round(performance.now() * 1000) / 1000,
  });
  if (entries.length > MAX_ENTRIES) entries.splice(0, entries.length - MAX_ENTRIES);
}

// Entries with seq > after, oldest first (entries are sorted by seq).
function after(afterSeq) {
  const a = afterSeq == null ? 0 : afterSeq;
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (entries[mid].seq > a) hi = mid; else lo = mid + 1;
  }
  return entries.slice(lo);
}

function reset() {
  entries = [];
  seq = 0;
}

module.exports = { add, after, reset, MAX_ENTRIES };
