'use strict';
// A GraphQL endpoint that answers every POST with one body serialized at start-up, so that a
// benchmark of a scan measures the client (receiving, parsing, converting), not the remote.
//
//   node bench/canned_server.js --port 54425 --rows 20000
//
// The body is {"data": {"cannedOrders": [...]}} with ROWS objects of 7 fields: id, user_id
// (Int), amount (a decimal), status (String), created_at (an ISO timestamp), note (String or
// null), paid (Boolean). Prints "listening on http://127.0.0.1:PORT/graphql" once ready.
const http = require('http');

function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 && at + 1 < process.argv.length ? process.argv[at + 1] : fallback;
}

const port = Number(option('port', '54425'));
const rows = Number(option('rows', '20000'));
if (!Number.isInteger(port) || port < 0 || port > 65535 || !Number.isInteger(rows) || rows < 0) {
  process.stderr.write('usage: node canned_server.js [--port N] [--rows N]\n');
  process.exit(2);
}

const statuses = ['PENDING', 'PAID', 'SHIPPED', 'DELIVERED', 'CANCELLED'];
const items = [];
for (let i = 1; i <= rows; i++) {
  items.push({
    id: i,
    user_id: (i % 500) + 1,
    amount: `${i * 10}.5`,
    status: statuses[i % statuses.length],
    created_at: new Date(Date.UTC(2024, 0, 1) + i * 60000).toISOString(),
    note: i % 3 === 0 ? null : `note ${i}`,
    paid: i % 2 === 0,
  });
}
// amount as a JSON number with its digits (the FDW keeps them exact).
const body = Buffer.from(JSON.stringify({ data: { cannedOrders: items } }).replace(/"amount":"([0-9.]+)"/g, '"amount":$1'));

const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': body.length });
    res.end(body);
  });
});
server.keepAliveTimeout = 60000;
server.listen(port, '127.0.0.1', () => {
  process.stdout.write(`listening on http://127.0.0.1:${server.address().port}/graphql (${body.length} bytes, ${rows} rows)\n`);
});
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.close(() => process.exit(0)));
