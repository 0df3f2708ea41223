#!/usr/bin/env node
'use strict';
// A generated GraphQL schema for the IMPORT FOREIGN SCHEMA benchmark (bench/import.sh), and a
// tiny server for it.
//
//   node bench/schema_gen.js sdl                     [--types N] [--fields M]   # prints the SDL
//   node bench/schema_gen.js introspection FILE      [--types N] [--fields M]   # writes introspectionFromSchema
//   node bench/schema_gen.js serve --port P [--host 127.0.0.1] [--types N] [--fields M]
//
// The schema (the same bytes on every run, no randomness): N object types Type0001..TypeN
// (default 2000) of M fields each (default 20, at least 12): Int, String, Float, Boolean, ID,
// the enum Status, the custom scalars DateTime and Url, one nested object field `parent`
// pointing at another generated type, and one list field `tags: [String!]!`; the remaining
// fields cycle through the scalars. The Query type has one root list field per type,
// e.g. `type0001s(limit: Int, offset: Int, id: ID): [Type0001!]!`, which the import reads as
// an offset-paged list with `id` as an equality argument. Nothing else: with the defaults the
// schema has N * M = 40 000 fields in generated object types, plus N root fields.
//
// The server answers POST (any path) with a GraphQL request: {query, variables, operationName}
// through graphql-js `graphql()` execution, so the introspection answer is computed on every
// request, not cached. Root list fields resolve to []. GET /health answers "ok", GET /stats
// {"posts": n, "last_body_bytes": b, "last_answer_bytes": a} and GET /last-request the body of
// the last POST (to replay the FDW's own introspection request with curl). It prints
// "listening on http://HOST:PORT/graphql" once ready.

const path = require('path');
const fs = require('fs');
const http = require('http');

// graphql@16 of the test server: the benchmark installs nothing of its own.
const GRAPHQL = path.join(__dirname, '..', 'test', 'server', 'node_modules', 'graphql');
const { buildSchema, graphql, introspectionFromSchema } = require(GRAPHQL);

function usage(code) {
  process.stderr.write('usage: node schema_gen.js sdl [--types N] [--fields M]\n'
    + '       node schema_gen.js introspection FILE [--types N] [--fields M]\n'
    + '       node schema_gen.js serve --port P [--host ADDR] [--types N] [--fields M]\n');
  process.exit(code);
}

function parseArgs(argv) {
  const opts = { mode: null, file: null, types: 2000, fields: 20, port: null, host: '127.0.0.1' };
  const positional = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') usage(0);
    if (['--types', '--fields', '--port', '--host'].includes(arg)) {
      if (i + 1 >= argv.length) { process.stderr.write(`${arg} needs a value\n`); usage(2); }
      opts[arg.slice(2)] = argv[++i];
    } else if (arg.startsWith('--')) {
      process.stderr.write(`unknown argument: ${arg}\n`); usage(2);
    } else {
      positional.push(arg);
    }
  }
  opts.mode = positional[0] || null;
  if (opts.mode === 'introspection') {
    if (positional.length !== 2) usage(2);
    opts.file = positional[1];
  } else if ((opts.mode !== 'sdl' && opts.mode !== 'serve') || positional.length !== 1) {
    usage(2);
  }
  for (const key of ['types', 'fields']) {
    if (!/^[0-9]+$/.test(String(opts[key]))) { process.stderr.write(`--${key} must be a whole number\n`); usage(2); }
    opts[key] = Number(opts[key]);
  }
  if (opts.types < 1 || opts.types > 9999) { process.stderr.write('--types must be 1..9999\n'); usage(2); }
  if (opts.fields < 12) { process.stderr.write('--fields must be at least 12\n'); usage(2); }
  if (opts.mode === 'serve') {
    if (!/^[0-9]+$/.test(String(opts.port || '')) || Number(opts.port) > 65535) {
      process.stderr.write('serve needs --port N\n'); usage(2);
    }
    opts.port = Number(opts.port);
  }
  return opts;
}

const pad = (n) => String(n).padStart(4, '0');
const typeName = (i) => `Type${pad(i)}`;
const rootField = (i) => `type${pad(i)}s`;

// The first fields of every type: one of each kind the issue asks for.
const FIXED = [
  ['id', 'ID!'],
  ['name', 'String!'],
  ['count', 'Int!'],
  ['score', 'Float'],
  ['active', 'Boolean!'],
  ['status', 'Status'],
  ['createdAt', 'DateTime'],
  ['homepage', 'Url'],
  ['tags', '[String!]!'],
  // ['parent', TypeX] is added per type
];
// The rest cycle through the scalars, shifted by the type's number so that the types differ.
const FILLER = ['Int', 'String', 'Float', 'Boolean', 'ID', 'Status', 'DateTime', 'String!', 'Int!', 'Url'];
const FILLER_NAME = { Int: 'amount', String: 'label', Float: 'ratio', Boolean: 'flag', ID: 'ref', Status: 'state',
  DateTime: 'at', 'String!': 'title', 'Int!': 'rank', Url: 'link' };

function generateSdl(types, fields) {
  const out = [];
  out.push('"""A custom scalar: an ISO 8601 timestamp."""', 'scalar DateTime', '');
  out.push('"""A custom scalar the import maps to text."""', 'scalar Url', '');
  out.push('enum Status { ACTIVE INACTIVE PENDING ARCHIVED }', '');
  for (let i = 1; i <= types; i++) {
    const lines = FIXED.map(([name, type]) => `  ${name}: ${type}`);
    // Another generated type (never the type itself unless there is only one).
    const parent = types === 1 ? 1 : ((i * 7 + 3) % types) + 1;
    lines.push(`  parent: ${typeName(parent === i ? (i % types) + 1 : parent)}`);
    for (let k = 0; lines.length < fields; k++) {
      const type = FILLER[(i + k) % FILLER.length];
      lines.push(`  ${FILLER_NAME[type]}${String(k + 1).padStart(2, '0')}: ${type}`);
    }
    out.push(`type ${typeName(i)} {`, ...lines, '}', '');
  }
  out.push('type Query {');
  for (let i = 1; i <= types; i++) out.push(`  ${rootField(i)}(limit: Int, offset: Int, id: ID): [${typeName(i)}!]!`);
  out.push('}', '');
  return out.join('\n');
}

function makeSchema(opts) {
  return buildSchema(generateSdl(opts.types, opts.fields));
}

function serve(opts) {
  const schema = makeSchema(opts);
  // Every root field lists no rows: only the introspection matters here.
  const rootValue = {};
  for (let i = 1; i <= opts.types; i++) rootValue[rootField(i)] = () => [];
  const stats = { posts: 0, last_body_bytes: 0, last_answer_bytes: 0 };
  let lastBody = '';

  const send = (res, status, type, text) => {
    res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
  };
  const server = http.createServer((req, res) => {
    if (req.method === 'GET') {
      if (req.url === '/health') return send(res, 200, 'text/plain', 'ok\n');
      if (req.url === '/stats') return send(res, 200, 'application/json', JSON.stringify(stats) + '\n');
      if (req.url === '/last-request') return send(res, 200, 'application/json', lastBody);
      return send(res, 404, 'text/plain', 'not found\n');
    }
    if (req.method !== 'POST') return send(res, 405, 'text/plain', 'POST a GraphQL request\n');
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      stats.posts++;
      stats.last_body_bytes = Buffer.byteLength(body);
      lastBody = body;
      let request;
      try {
        request = JSON.parse(body);
      } catch (e) {
        return send(res, 400, 'application/json', JSON.stringify({ errors: [{ message: `invalid JSON: ${e.message}` }] }));
      }
      if (request === null || typeof request.query !== 'string') {
        return send(res, 400, 'application/json', JSON.stringify({ errors: [{ message: 'no query' }] }));
      }
      const result = await graphql({
        schema, source: request.query, rootValue,
        variableValues: request.variables || undefined, operationName: request.operationName || undefined,
      });
      const text = JSON.stringify(result);
      stats.last_answer_bytes = Buffer.byteLength(text);
      send(res, 200, 'application/json', text);
    });
  });
  server.keepAliveTimeout = 60000;
  server.listen(opts.port, opts.host, () => {
    process.stdout.write(`listening on http://${opts.host}:${opts.port}/graphql\n`);
  });
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.mode === 'sdl') {
    process.stdout.write(generateSdl(opts.types, opts.fields));
  } else if (opts.mode === 'introspection') {
    fs.writeFileSync(opts.file, JSON.stringify(introspectionFromSchema(makeSchema(opts))) + '\n');
  } else {
    serve(opts);
  }
}

main();
