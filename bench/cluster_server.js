'use strict';
// The test GraphQL server (test/server/server.js) in several processes that share one port
// (node:cluster), so that a benchmark of concurrent backends measures us rather than one node
// process. Each worker keeps its own request log and faults: for benchmarks only.
//
//   node bench/cluster_server.js --workers 2 --port 54427
//
// Prints "listening on http://127.0.0.1:PORT/graphql (N workers)" once every worker listens;
// SIGTERM or SIGINT stops them all.
const cluster = require('node:cluster');
const path = require('node:path');

function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 && at + 1 < process.argv.length ? process.argv[at + 1] : fallback;
}

const workers = Number(option('workers', '2'));
const port = Number(option('port', '54427'));
if (!Number.isInteger(workers) || workers < 1 || workers > 64 || !Number.isInteger(port) || port < 1 || port > 65535) {
  process.stderr.write('usage: node cluster_server.js [--workers 1..64] [--port N]\n');
  process.exit(2);
}

cluster.setupPrimary({
  exec: path.join(__dirname, '..', 'test', 'server', 'server.js'),
  args: ['--port', String(port)],
  silent: true,
});
let listening = 0;
let stopping = false;
for (let i = 0; i < workers; i++) {
  const worker = cluster.fork();
  worker.process.stderr.on('data', (chunk) => process.stderr.write(chunk));
  worker.process.stdout.on('data', (chunk) => {
    if (String(chunk).startsWith('listening') && ++listening === workers) {
      process.stdout.write(`listening on http://127.0.0.1:${port}/graphql (${workers} workers)\n`);
    }
  });
}
cluster.on('exit', (worker, code) => {
  if (stopping) return;
  process.stderr.write(`worker ${worker.process.pid} exited (${code}): stopping\n`);
  stop(1);
});
function stop(code) {
  stopping = true;
  for (const worker of Object.values(cluster.workers)) worker.kill('SIGTERM');
  setTimeout(() => process.exit(code), 300).unref();
  if (Object.keys(cluster.workers).length === 0) process.exit(code);
}
process.on('SIGTERM', () => stop(0));
process.on('SIGINT', () => stop(0));
