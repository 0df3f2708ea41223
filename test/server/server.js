#!/usr/bin/env node
'use strict';
// GraphQL test server for the foreign data wrapper tests.
//
//   node test/server/server.js [--port 54410] [--host 127.0.0.1] [--tls-cert FILE --tls-key FILE]
//
// Prints "listening on http://HOST:PORT/graphql" once ready (https:// with --tls-cert and
// --tls-key, which serve HTTPS with that certificate and key). See README.md.

const fs = require('fs');
const http = require('http');
const https = require('https');
const schemaMod = require('./schema');
const { dialectForPath } = require('./dialects');
const faults = require('./faults');
const log = require('./log');

const DEFAULT_PORT = 54410;
const DEFAULT_HOST = '127.0.0.1';
const MAX_BODY = 64 * 1024 * 1024;

function usage(code) {
  process.stderr.write('usage: node server.js [--port N] [--host ADDR] [--tls-cert FILE --tls-key FILE]\n'
    + '  the port may also come from the GRAPHQL_PORT environment variable\n'
    + '  --tls-cert and --tls-key (PEM files, both or neither) serve HTTPS instead of HTTP\n');
  process.exit(code);
}

function parseArgs(argv) {
  const opts = {};
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    let value;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0) { value = arg.slice(eq + 1); arg = arg.slice(0, eq); }
    if (arg === '--help' || arg === '-h') usage(0);
    if (arg !== '--port' && arg !== '--host' && arg !== '--tls-cert' && arg !== '--tls-key') {
      process.stderr.write(`unknown argument: ${argv[i]}\n`);
      usage(2);
    }
    if (value === undefined) {
      if (i + 1 >= argv.length) { process.stderr.write(`${arg} needs a value\n`); usage(2); }
      value = argv[++i];
    }
    opts[arg.slice(2)] = value;
  }
  return opts;
}

function parsePort(text, source) {
  if (!/^[0-9]+$/.test(String(text)) || Number(text) > 65535) {
    process.stderr.write(`invalid port from ${source}: ${text}\n`);
    process.exit(2);
  }
  return Number(text);
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size > MAX_BODY) { reject(new Error('request body too large')); req.destroy(); return; }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

// Extracts {query, variables, operationName} from a GET query string or a
// POST JSON body. Returns {request} or {error} (plus whatever could be read).
function parseGraphqlRequest(method, url, bodyText) {
  let raw;
  if (method === 'GET') {
    raw = {
      query: url.searchParams.get('query'),
      variables: url.searchParams.get('variables'),
      operationName: url.searchParams.get('operationName'),
    };
  } else if (method === 'POST') {
    if (bodyText.trim() === '') return { error: 'request body is empty; expected a JSON object with "query"' };
    try {
      raw = JSON.parse(bodyText);
    } catch (e) {
      return { error: `malformed JSON request body: ${e.message}` };
    }
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      return { error: 'request body must be a JSON object with "query"' };
    }
  } else {
    return { error: `method ${method} not allowed; use POST (or GET)`, status: 405 };
  }

  const partial = {
    query: typeof raw.query === 'string' ? raw.query : null,
    operationName: typeof raw.operationName === 'string' ? raw.operationName : null,
    variables: null,
  };
  let variables = raw.variables;
  if (typeof variables === 'string' && variables !== '') {
    try { variables = JSON.parse(variables); } catch (e) {
      return { error: `"variables" is not valid JSON: ${e.message}`, partial };
    }
  }
  if (variables === '') variables = null;
  if (variables != null && (typeof variables !== 'object' || Array.isArray(variables))) {
    return { error: '"variables" must be a JSON object or null', partial };
  }
  partial.variables = variables == null ? null : variables;
  if (raw.operationName != null && raw.operationName !== '' && typeof raw.operationName !== 'string') {
    return { error: '"operationName" must be a string or null', partial };
  }
  if (typeof raw.query !== 'string' || raw.query.trim() === '') {
    return { error: 'must provide a "query" string', partial };
  }
  return { request: partial };
}

function errorBody(message) {
  return { errors: [{ message }] };
}

async function handleGraphql(req, res, url) {
  let bodyText = '';
  try {
    bodyText = await readBody(req);
  } catch (e) {
    faults.sendJson(res, 413, errorBody(e.message));
    return;
  }

  const fault = url.searchParams.get('fault') || null;
  const parsed = parseGraphqlRequest(req.method, url, bodyText);
  const info = parsed.request || parsed.partial || {};
  const { document, syntaxError } = info.query != null
    ? schemaMod.parseDocument(info.query)
    : { document: null, syntaxError: null };

  if (!schemaMod.onlyQueriesRequestLog(document)) {
    log.add({
      path: url.pathname,
      fault,
      document: info.query,
      variables: info.variables,
      operation_name: info.operationName,
      client_port: req.socket.remotePort,
    });
  }

  if (fault !== null && !faults.MODES.has(fault)) {
    faults.sendJson(res, 400, errorBody(`unknown fault mode "${fault}"; known modes: ${[...faults.MODES].join(', ')}`));
    return;
  }
  if (fault !== null && faults.FIXED[fault]) {
    faults.FIXED[fault](req, res);
    return;
  }
  if (parsed.error) {
    const headers = parsed.status === 405 ? { allow: 'GET, POST' } : {};
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    faults.sendJson(res, parsed.status || 400, errorBody(parsed.error));
    return;
  }

  const context = { req, fault };
  const dialect = dialectForPath(url.pathname); // null: the default schema
  const run = dialect ? dialect.run : schemaMod.run;
  const h = {
    req,
    res,
    params: url.searchParams,
    rootKeys: schemaMod.rootKeys(document, info.operationName),
    variables: info.variables, // the object execute() reads: a fault may change it first
    execute: () => run({
      document, syntaxError, variables: info.variables, operationName: info.operationName, context,
    }),
    respond: (result) => faults.sendJson(res, 200, result),
  };
  if (fault !== null) {
    await faults.WITH_REQUEST[fault](h);
  } else {
    h.respond(await h.execute());
  }
}

function handle(req, res) {
  res.on('error', () => {});
  let url;
  try {
    url = new URL(req.url, 'http://localhost');
  } catch (e) {
    faults.sendRaw(res, 400, 'text/plain', 'bad request url');
    return;
  }
  const path = url.pathname;

  if (path === '/graphql' || path.endsWith('/graphql') || path.endsWith('/graphql/')) {
    handleGraphql(req, res, url).catch((e) => {
      process.stderr.write(`internal error: ${e && e.stack ? e.stack : e}\n`);
      if (!res.headersSent && !res.destroyed) faults.sendJson(res, 500, errorBody(`internal server error: ${e.message}`));
      else res.destroy();
    });
    return;
  }
  if (path === '/reset') {
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      faults.sendJson(res, 405, errorBody('use POST /reset'));
      return;
    }
    req.resume();
    req.on('end', () => {
      log.reset();
      faults.sendJson(res, 200, '{"ok":true}');
    });
    return;
  }
  if (path === '/health') {
    req.resume();
    faults.sendRaw(res, 200, 'text/plain', 'ok');
    return;
  }
  req.resume();
  faults.sendRaw(res, 404, 'text/plain', 'not found');
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  let port = DEFAULT_PORT;
  if (opts.port !== undefined) port = parsePort(opts.port, '--port');
  else if (process.env.GRAPHQL_PORT) port = parsePort(process.env.GRAPHQL_PORT, 'GRAPHQL_PORT');
  const host = opts.host || DEFAULT_HOST;
  if ((opts['tls-cert'] === undefined) !== (opts['tls-key'] === undefined)) {
    process.stderr.write('--tls-cert and --tls-key go together\n');
    usage(2);
  }
  const tls = opts['tls-cert'] !== undefined;
  let server;
  if (tls) {
    let cert;
    let key;
    try {
      cert = fs.readFileSync(opts['tls-cert']);
      key = fs.readFileSync(opts['tls-key']);
    } catch (e) {
      process.stderr.write(`cannot read the TLS certificate or key: ${e.message}\n`);
      process.exit(2);
    }
    try {
      server = https.createServer({ cert, key }, handle);
    } catch (e) {
      process.stderr.write(`invalid TLS certificate or key: ${e.message}\n`);
      process.exit(2);
    }
  } else {
    server = http.createServer(handle);
  }
  server.keepAliveTimeout = 60000;
  server.headersTimeout = 65000; // must exceed keepAliveTimeout

  server.on('error', (e) => {
    process.stderr.write(`server error: ${e.message}\n`);
    process.exit(1);
  });

  process.stdout.on('error', () => {});
  server.listen(port, host, () => {
    const a = server.address();
    const shown = a.family === 'IPv6' || a.family === 6 ? `[${a.address}]` : a.address;
    process.stdout.write(`listening on ${tls ? 'https' : 'http'}://${shown}:${a.port}/graphql\n`);
  });

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.close(() => process.exit(0));
    server.closeAllConnections(); // also ends hanging / slow / streaming requests
    setTimeout(() => process.exit(0), 1000).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main();
