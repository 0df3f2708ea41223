#!/usr/bin/env node
'use strict';
// The remote of bench/join.sh: one table `orders` in Hasura's shape (the SDL of the test
// server's hasura dialect, test/server/dialects/hasura_sdl.js), `--users U` users with
// `--per-user P` orders each (default 20 000 x 2). Like the database behind a real Hasura it
// has an index on user_id, so that a request costs what it sends, not what is stored: a
// `where` of `_and` terms with `user_id` `_eq` / `_in` is answered from the index, any other
// term by a scan. `limit`, `offset` and `orders_aggregate { aggregate { count } }` as Hasura.
//
//   node bench/join_remote.js --port P [--users U] [--per-user P]
//
// POST /graphql: a GraphQL request. GET /requests: {"posts": n}, the POSTs so far. Prints
// "listening on http://127.0.0.1:P/graphql" once ready.

const http = require('http');
const path = require('path');

// graphql@16 of the test server: the benchmark installs nothing of its own.
const { graphql, GraphQLError } = require(path.join(__dirname, '..', 'test', 'server', 'node_modules', 'graphql'));
const { makeSchema } = require('../test/server/dialects/build');
const { hasuraSdl } = require('../test/server/dialects/hasura_sdl');

function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} needs a positive integer`);
  return value;
}
const port = option('port', 54422);
const users = option('users', 20000);
const perUser = option('per-user', 2);

const TYPE = { int: 'Int', text: 'String', decimal: 'numeric' };
const col = (name, kind, nonNull = false) => ({ name, kind, nonNull, type: TYPE[kind] });
const TABLES = {
  orders: {
    columns: [col('id', 'int', true), col('user_id', 'int'), col('status', 'text', true), col('amount', 'decimal', true)],
    objectRels: {},
    arrayRels: {},
  },
};
const STATUSES = ['PENDING', 'PAID', 'SHIPPED', 'CANCELLED'];
const ORDERS = [];
const byUser = new Map();
for (let u = 1; u <= users; u++) {
  const own = [];
  for (let k = 0; k < perUser; k++) {
    const id = (u - 1) * perUser + k + 1;
    const order = { id, user_id: u, status: STATUSES[id % 4], amount: ((id * 37) % 10000) / 100 + 1 };
    ORDERS.push(order);
    own.push(order);
  }
  byUser.set(u, own);
}

// The rows of a where: candidates from the index when a term says user_id = or IN, then every
// term checked on them.
function matches(row, column, comparison) {
  for (const [op, value] of Object.entries(comparison)) {
    const v = row[column];
    if (op === '_eq' && !(v === value)) return false;
    else if (op === '_in' && !value.includes(v)) return false;
    else if (op === '_is_null' && (v === null) !== value) return false;
    else if (!['_eq', '_in', '_is_null'].includes(op)) throw new GraphQLError(`the benchmark remote has no ${op}`);
  }
  return true;
}
function select(args) {
  const terms = [];
  const flatten = (where) => {
    if (!where) return;
    for (const [key, value] of Object.entries(where)) {
      if (key === '_and') value.forEach(flatten);
      else if (key.startsWith('_')) throw new GraphQLError(`the benchmark remote has no ${key}`);
      else terms.push([key, value]);
    }
  };
  flatten(args.where);
  let rows = ORDERS;
  const keyed = terms.find(([column, c]) => column === 'user_id' && (c._eq !== undefined || c._in !== undefined));
  if (keyed) {
    const keys = keyed[1]._in !== undefined ? [...new Set(keyed[1]._in)].sort((a, b) => a - b) : [keyed[1]._eq];
    rows = keys.flatMap((k) => byUser.get(k) || []);
  }
  rows = rows.filter((r) => terms.every(([column, c]) => matches(r, column, c)));
  const offset = args.offset || 0;
  return args.limit === undefined || args.limit === null ? rows.slice(offset) : rows.slice(offset, offset + args.limit);
}

const schema = makeSchema(hasuraSdl(TABLES, TYPE), {
  resolvers: {
    query_root: {
      orders: (_, args) => select(args),
      orders_aggregate: (_, args) => select({ where: args.where }),
      orders_by_pk: (_, args) => ORDERS[args.id - 1] || null,
    },
    orders_aggregate: { aggregate: (rows) => rows, nodes: (rows) => rows },
    orders_aggregate_fields: { count: (rows) => rows.length },
  },
});

let posts = 0;
const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/requests') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ posts }));
    return;
  }
  if (req.method !== 'POST') {
    res.writeHead(405);
    res.end();
    return;
  }
  posts++;
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', async () => {
    let result;
    try {
      const { query, variables, operationName } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      result = await graphql({ schema, source: query, variableValues: variables, operationName });
    } catch (e) {
      result = { errors: [{ message: String(e.message) }] };
    }
    const body = JSON.stringify(result);
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
});
server.listen(port, '127.0.0.1', () => process.stdout.write(`listening on http://127.0.0.1:${port}/graphql\n`));
