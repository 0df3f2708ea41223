#!/usr/bin/env node
'use strict';
// Real-world GraphQL APIs for the foreign data wrapper tests, in one process on one port:
//
//   node test/server/apis.js [--port 54420] [--host 127.0.0.1]
//
//   POST /github/graphql        GitHub's public schema, mocked with fixed data (apis/github/)
//   POST /yoga/graphql          the shop schema on graphql-yoga (apis/yoga.js)
//   POST /apollo/graphql        the shop schema on @apollo/server 4 (apis/apollo.js)
//   POST /apollo-prod/graphql   the same in production mode: no introspection, no stack traces
//   POST /subgraph/graphql      an Apollo Federation 2 subgraph (apis/subgraph.js)
//   ?fail=429|503|502|403&times=N&key=K[&retry_after=S] on any of them (apis/faults.js)
//   POST /log/graphql           the request log as GraphQL: requests(after: Int) (apis/log_endpoint.js)
//   GET /requests, POST /reset, POST /reset-faults, GET /faults, GET /health
//
// Prints "listening on http://HOST:PORT/" once ready; exits 0 on SIGTERM/SIGINT, 1 if the
// port is taken, 2 on bad arguments. See apis/README.md.

const http = require('http');
const { readBody, sendJson, sendText, graphqlParams } = require('./apis/http');
const faults = require('./apis/faults');
const requests = require('./apis/requests');
const logEndpoint = require('./apis/log_endpoint');

const DEFAULT_PORT = 54420;
const DEFAULT_HOST = '127.0.0.1';

function usage(code) {
  process.stderr.write('usage: node apis.js [--port N] [--host ADDR]\n'
    + '  the port may also come from the APIS_PORT environment variable (default 54420; 0 picks a free one)\n');
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
    if (arg !== '--port' && arg !== '--host') {
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

async function buildEndpoints() {
  const endpoints = {
    '/github/graphql': require('./apis/github').create(),
    '/yoga/graphql': require('./apis/yoga').create(),
    '/apollo/graphql': require('./apis/apollo').create({ production: false }),
    '/apollo-prod/graphql': require('./apis/apollo').create({ production: true }),
    '/subgraph/graphql': require('./apis/subgraph').create(),
  };
  for (const e of Object.values(endpoints)) if (e.start) await e.start();
  return endpoints;
}

function makeHandler(endpoints) {
  async function handleGraphql(req, res, url, endpoint) {
    let bodyText = '';
    try {
      bodyText = await readBody(req);
    } catch (e) {
      sendJson(res, e.status || 400, { errors: [{ message: e.message }] });
      return;
    }
    const p = graphqlParams(req.method, url, bodyText);
    let fault = null;
    // Log each request once, with the status it is answered, before the answer goes out.
    const end = res.end;
    res.end = function logged(...args) {
      res.end = end;
      requests.add({
        method: req.method,
        path: url.pathname,
        query_string: url.search.replace(/^\?/, ''),
        document: p.document,
        operation_name: p.operationName,
        variables: p.variables,
        status: res.statusCode,
        fault,
      });
      return end.apply(this, args);
    };
    const f = faults.check(url);
    if (f && f.error) {
      fault = 'invalid';
      sendJson(res, 400, { errors: [{ message: f.error }] });
      return;
    }
    if (f && f.apply) {
      fault = url.searchParams.get('fail');
      f.apply(res);
      return;
    }
    if (!endpoint) {
      sendText(res, 404, 'not found');
      return;
    }
    await endpoint.handle(req, res, url, bodyText);
  }

  return function handle(req, res) {
    res.on('error', () => {});
    let url;
    try {
      url = new URL(req.url, 'http://localhost');
    } catch (e) {
      req.resume();
      sendText(res, 400, 'bad request url');
      return;
    }
    const path = url.pathname;
    const control = (method, fn) => {
      req.resume();
      if (req.method !== method) {
        res.setHeader('allow', method);
        sendJson(res, 405, { errors: [{ message: `use ${method} ${path}` }] });
        return;
      }
      req.on('end', fn);
    };
    switch (path) {
      case '/health': control('GET', () => sendText(res, 200, 'ok')); return;
      case '/requests': control('GET', () => sendJson(res, 200, requests.all())); return;
      case '/faults': control('GET', () => sendJson(res, 200, faults.snapshot())); return;
      case '/reset': control('POST', () => { requests.reset(); sendJson(res, 200, { ok: true }); }); return;
      case '/log/graphql':
        readBody(req).then((text) => logEndpoint.handle(text)).then((answer) => sendJson(res, 200, answer),
          (e) => sendJson(res, 400, { errors: [{ message: e.message }] }));
        return;
      case '/reset-faults': control('POST', () => { faults.reset(); sendJson(res, 200, { ok: true }); }); return;
      default: break;
    }
    handleGraphql(req, res, url, endpoints[path]).catch((e) => {
      process.stderr.write(`internal error: ${e && e.stack ? e.stack : e}\n`);
      if (!res.headersSent && !res.destroyed) sendJson(res, 500, { errors: [{ message: `internal server error: ${e.message}` }] });
      else res.destroy();
    });
  };
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  let port = DEFAULT_PORT;
  if (opts.port !== undefined) port = parsePort(opts.port, '--port');
  else if (process.env.APIS_PORT) port = parsePort(process.env.APIS_PORT, 'APIS_PORT');
  const host = opts.host || DEFAULT_HOST;

  let server = null;
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    if (!server) process.exit(0);
    server.close(() => process.exit(0));
    server.closeAllConnections(); // also ends idle keep-alive and in-flight requests
    setTimeout(() => process.exit(0), 1000).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);

  const endpoints = await buildEndpoints();
  if (stopping) process.exit(0);
  server = http.createServer(makeHandler(endpoints));
  server.keepAliveTimeout = 60000;
  server.headersTimeout = 65000;
  server.on('error', (e) => {
    process.stderr.write(`server error: ${e.message}\n`);
    process.exit(1);
  });

  process.stdout.on('error', () => {});
  server.listen(port, host, () => {
    const a = server.address();
    const shown = a.family === 'IPv6' || a.family === 6 ? `[${a.address}]` : a.address;
    process.stdout.write(`listening on http://${shown}:${a.port}/\n`);
  });
}

main().catch((e) => {
  process.stderr.write(`cannot start: ${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
});
