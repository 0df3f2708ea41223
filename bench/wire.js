#!/usr/bin/env node
// The "wire" baseline of bench/scan_vs_wire.sh: a bare client that sends the same GraphQL
// requests as the FDW's paging scan (same document, same variables, following endCursor or
// offset the way the FDW does) over ONE keep-alive connection and JSON.parses each body.
// No PostgreSQL involved; only Node's built-in http/https modules.
//
// With --fdw-sql it also drives one psql session (PGHOST etc. from the environment) and
// alternates the two sides run by run (FDW, wire, wire, FDW, FDW, wire, ...), so that drift
// of the machine or of the remote server (JIT, GC) hits both sides alike. The FDW time of a
// run is psql's \timing of the query.
//
//   node bench/wire.js --url URL --document DOC --variables FIRST_VARIABLES_JSON
//        --pagination relay|offset --field ROOT_FIELD [--warmup 1] [--runs 5] [--fdw-sql SQL]
//
// DOC and FIRST_VARIABLES_JSON are the "Remote GraphQL" and "Remote Variables" lines of
// EXPLAIN (VERBOSE). Prints one JSON line:
//   {"requests","rows","bytes","connections","local_port","wire_ms":[...],"wire_parse_ms":[...],
//    "wire_cpu_ms":[...],"fdw_ms":[...],"fdw_cpu_ms":[...],"fdw_results":[...]}
// (times of the measured runs only; wire_parse_ms: the part of wire_ms spent in JSON.parse;
// *_cpu_ms: CPU time of the wire client process / of the FDW's backend, empty when unknown).
// Exits 1 on any error: HTTP status, GraphQL errors, unexpected shapes, runs that differ,
// a psql error.
'use strict';

const { spawn, execFileSync } = require('child_process');
const fs = require('fs');

const args = {};
for (let i = 2; i < process.argv.length; i += 2) {
  const name = process.argv[i];
  if (!name.startsWith('--') || i + 1 >= process.argv.length) usage(`bad argument "${name}"`);
  args[name.slice(2)] = process.argv[i + 1];
}
function usage(message) {
  process.stderr.write(`wire.js: ${message}\nusage: wire.js --url URL --document DOC --variables JSON ` +
                       '--pagination relay|offset --field ROOT_FIELD [--warmup N] [--runs N] [--fdw-sql SQL]\n');
  process.exit(2);
}
for (const required of ['url', 'document', 'variables', 'pagination', 'field'])
  if (!args[required]) usage(`--${required} is missing`);
if (!['relay', 'offset'].includes(args.pagination)) usage('--pagination must be relay or offset');
const warmup = Number(args.warmup || 1);
const runs = Number(args.runs || 5);
if (!Number.isInteger(warmup) || warmup < 0 || !Number.isInteger(runs) || runs < 1) usage('bad --warmup / --runs');
const firstVariables = JSON.parse(args.variables);

const target = new URL(args.url);
const transport = target.protocol === 'https:' ? require('https') : require('http');
// One socket, kept alive between requests and runs (as the FDW keeps one per server and backend).
const agent = new transport.Agent({ keepAlive: true, maxSockets: 1 });
const sockets = new Set();
let localPort = null;

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
    req.on('socket', (socket) => {
      sockets.add(socket);
      const remember = () => { localPort = socket.localPort; };
      if (socket.localPort) remember(); else socket.once('connect', remember);
    });
    req.on('error', reject);
    req.setTimeout(30000, () => req.destroy(new Error('no answer within 30 s')));
    req.end(body);
  });
}

// One scan: every page, in order. Returns {requests, rows, bytes, parseMs}.
async function wireScan() {
  const variables = { ...firstVariables };  // key order kept: the same body bytes as the FDW's
  let requests = 0, rows = 0, bytes = 0, parseMs = 0;
  for (;;) {
    const response = await post(JSON.stringify({ query: args.document, variables }));
    requests++;
    bytes += response.bytes;
    if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${response.text.slice(0, 200)}`);
    const parseStart = process.hrtime.bigint();
    const json = JSON.parse(response.text);
    parseMs += Number(process.hrtime.bigint() - parseStart) / 1e6;
    if (json.errors) throw new Error(`GraphQL errors: ${JSON.stringify(json.errors).slice(0, 300)}`);
    const root = json.data && json.data[args.field];
    if (args.pagination === 'relay') {
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
    if (requests > 100000) throw new Error('more than 100000 pages: the paging does not end');
  }
  return { requests, rows, bytes, parseMs };
}

// One psql session; run(sql) resolves with {result, ms} once psql printed "Time: ... ms".
function startPsql() {
  const child = spawn('psql', ['-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1'], { stdio: ['pipe', 'pipe', 'inherit'] });
  let buffered = '';
  let lines = [];
  let waiting = null;
  let failure = null;
  const fail = (error) => {
    failure = failure || error;
    if (waiting) { const w = waiting; waiting = null; w.reject(failure); }
  };
  child.on('error', fail);
  child.on('exit', (code, signal) => fail(new Error(`psql exited (${signal || code}) while a query was expected to run`)));
  child.stdin.on('error', fail);
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (data) => {
    buffered += data;
    let newline;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      const time = /^Time: ([0-9.]+) ms/.exec(line);
      if (!time) { lines.push(line); continue; }
      const done = { result: lines.join('\n'), ms: Number(time[1]) };
      lines = [];
      if (waiting) { const w = waiting; waiting = null; w.resolve(done); }
    }
  });
  child.stdin.write("SET statement_timeout = '60s';\nSET jit = off;\n\\timing on\n");
  return {
    run(sql) {
      if (failure) return Promise.reject(failure);
      return new Promise((resolve, reject) => {
        waiting = { resolve, reject };
        child.stdin.write(sql.replace(/;?\s*$/, ';\n'));
      });
    },
    close() { child.removeAllListeners('exit'); child.stdin.end(); },
  };
}

// CPU time (user + system, ms) a process has used so far, from /proc; null where there is
// no /proc or the backend runs on another machine. Resolution: one clock tick (10 ms).
let ticksPerSecond = 100;
try { ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' })) || 100; } catch (e) { /* keep 100 */ }
function processCpuMs(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');  // fields from the 3rd on
    return (Number(fields[11]) + Number(fields[12])) * 1000 / ticksPerSecond;  // utime, stime
  } catch (e) {
    return null;
  }
}

(async () => {
  const psql = args['fdw-sql'] ? startPsql() : null;
  // The backend of the timed session, for its CPU time (only meaningful when it is local).
  let backendPid = null;
  if (psql) {
    const { result } = await psql.run("SELECT pg_backend_pid(), inet_server_addr() IS NULL OR inet_server_addr() <<= '127.0.0.0/8'::inet OR inet_server_addr() = '::1'::inet");
    const [pid, local] = result.trim().split('|');
    if (local === 't') backendPid = Number(pid);
  }
  const out = { requests: 0, rows: 0, bytes: 0, connections: 0, local_port: null, wire_ms: [], wire_parse_ms: [], wire_cpu_ms: [], fdw_cpu_ms: [], fdw_ms: [], fdw_results: [] };
  let first = null;
  const runWire = async (round) => {
    const cpuStart = process.cpuUsage();
    const start = process.hrtime.bigint();
    const result = await wireScan();
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    const cpu = process.cpuUsage(cpuStart);
    if (first === null) first = result;
    else if (result.requests !== first.requests || result.rows !== first.rows || result.bytes !== first.bytes)
      throw new Error(`wire run ${round + 1} differs: ${JSON.stringify(result)} vs ${JSON.stringify(first)}`);
    if (round >= warmup) {
      out.wire_ms.push(Number(ms.toFixed(3)));
      out.wire_parse_ms.push(Number(result.parseMs.toFixed(3)));
      out.wire_cpu_ms.push(Number(((cpu.user + cpu.system) / 1000).toFixed(3)));
    }
  };
  const runFdw = async (round) => {
    const cpuStart = backendPid === null ? null : processCpuMs(backendPid);
    const { result, ms } = await psql.run(args['fdw-sql']);
    const cpuEnd = backendPid === null ? null : processCpuMs(backendPid);
    if (round >= warmup) {
      out.fdw_ms.push(ms);
      out.fdw_results.push(result);
      if (cpuStart !== null && cpuEnd !== null) out.fdw_cpu_ms.push(cpuEnd - cpuStart);
    }
  };
  for (let round = 0; round < warmup + runs; round++) {
    if (!psql) { await runWire(round); continue; }
    if (round % 2 === 0) { await runFdw(round); await runWire(round); }
    else { await runWire(round); await runFdw(round); }
  }
  if (psql) psql.close();
  agent.destroy();
  const { parseMs, ...counts } = first;
  Object.assign(out, counts, { connections: sockets.size, local_port: localPort });
  process.stdout.write(JSON.stringify(out) + '\n');
})().catch((error) => {
  agent.destroy();
  process.stderr.write(`wire.js: ${error.message}\n`);
  process.exit(1);
});
