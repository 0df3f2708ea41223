#!/usr/bin/env node
// The "wire" baseline of bench/scan_vs_wire.sh: sends the same GraphQL requests as the FDW's
// paging scan (same document, same variables, following endCursor / offset the way the FDW
// does) over ONE keep-alive connection and JSON.parses each body. No PostgreSQL involved.
// Only Node's built-in http/https modules are used.
//
//   node bench/wire.js URL DOCUMENT FIRST_VARIABLES_JSON relay|offset ROOT_FIELD WARMUP RUNS
//
// DOCUMENT and FIRST_VARIABLES_JSON are the "Remote GraphQL" and "Remote Variables" lines of
// EXPLAIN (VERBOSE). Prints one JSON line:
//   {"requests":N,"rows":N,"bytes":N,"connections":N,"times_ms":[...]}  (times of the measured runs)
// Exits 1 on any error (HTTP status, GraphQL errors, unexpected shape, differing runs).
'use strict';

const [url, documentText, firstVariablesJson, pagination, rootField, warmupArg, runsArg] = process.argv.slice(2);
if (!url || !documentText || !firstVariablesJson || !['relay', 'offset'].includes(pagination) || !rootField) {
  process.stderr.write('usage: wire.js URL DOCUMENT FIRST_VARIABLES_JSON relay|offset ROOT_FIELD WARMUP RUNS\n');
  process.exit(2);
}
const warmup = Number(warmupArg || 1);
const runs = Number(runsArg || 5);

const target = new URL(url);
const transport = target.protocol === 'https:' ? require('https') : require('http');
// One socket, kept alive between requests and runs (as the FDW keeps one per server and backend).
const agent = new transport.Agent({ keepAlive: true, maxSockets: 1 });
const sockets = new Set();

function post(body) {
  return new Promise((resolve, reject) => {
    const req = transport.request({
      agent,
      protocol: target.protocol,
      hostname: target.hostname,
      port: target.port,
      path: target.pathname + target.search,
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'Accept': 'application/graphql-response+json, application/json',
        'Content-Length': Buffer.byteLength(body),
      },
    }, (res) => {
      const chunks = [];
      let length = 0;
      res.on('data', (chunk) => { chunks.push(chunk); length += chunk.length; });
      res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(chunks, length).toString('utf8'), bytes: length }));
      res.on('error', reject);
    });
    req.on('socket', (socket) => sockets.add(socket));
    req.on('error', reject);
    req.setTimeout(30000, () => req.destroy(new Error('no answer within 30 s')));
    req.end(body);
  });
}

// One scan: all pages, in order. Returns {requests, rows, bytes}.
async function scan() {
  const variables = JSON.parse(firstVariablesJson);  // key order kept: same body bytes as the FDW's
  let requests = 0, rows = 0, bytes = 0;
  for (;;) {
    const body = JSON.stringify({ query: documentText, variables });
    const response = await post(body);
    requests++;
    bytes += response.bytes;
    if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${response.text.slice(0, 200)}`);
    const json = JSON.parse(response.text);
    if (json.errors) throw new Error(`GraphQL errors: ${JSON.stringify(json.errors).slice(0, 300)}`);
    const root = json.data && json.data[rootField];
    if (pagination === 'relay') {
      if (!root || !Array.isArray(root.edges) || !root.pageInfo) throw new Error(`unexpected connection: ${response.text.slice(0, 200)}`);
      rows += root.edges.length;
      if (!root.pageInfo.hasNextPage) break;
      variables.after = root.pageInfo.endCursor;
    } else {
      // Like the FDW: offset pages end at the first empty page.
      if (!Array.isArray(root)) throw new Error(`unexpected list: ${response.text.slice(0, 200)}`);
      rows += root.length;
      if (root.length === 0) break;
      variables.offset += root.length;
    }
    if (requests > 100000) throw new Error('more than 100000 pages: paging does not end');
  }
  return { requests, rows, bytes };
}

(async () => {
  const times = [];
  let first = null;
  for (let i = 0; i < warmup + runs; i++) {
    const start = process.hrtime.bigint();
    const result = await scan();
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (first === null) first = result;
    else if (result.requests !== first.requests || result.rows !== first.rows)
      throw new Error(`run ${i + 1} differs: ${JSON.stringify(result)} vs ${JSON.stringify(first)}`);
    if (i >= warmup) times.push(Number(ms.toFixed(3)));
  }
  agent.destroy();
  process.stdout.write(JSON.stringify({ ...first, connections: sockets.size, times_ms: times }) + '\n');
})().catch((error) => {
  agent.destroy();
  process.stderr.write(`wire.js: ${error.message}\n`);
  process.exit(1);
});
