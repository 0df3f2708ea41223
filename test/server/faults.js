'use strict';
// Misbehaviour switches, selected by /graphql?fault=MODE[&ms=N][&mb=N][&cl=1].

const { toJson } = require('./schema');

function sendRaw(res, status, contentType, body) {
  if (res.destroyed || res.headersSent) return;
  const buf = Buffer.from(body, 'utf8');
  const headers = { 'content-length': buf.length };
  if (contentType) headers['content-type'] = contentType;
  res.writeHead(status, headers);
  res.end(buf);
}

function sendJson(res, status, value) {
  sendRaw(res, status, 'application/json', typeof value === 'string' ? value : toJson(value));
}

function numberParam(params, name, dflt) {
  const raw = params.get(name);
  if (raw == null || raw === '') return dflt;
  const n = Number(raw);
  return Number.isFinite(n) && n >= 0 ? n : dflt;
}

// ------------------------------------------------------------------------
// Faults that answer without looking at the GraphQL request.
const FIXED = {
  hang() {
    // Never answer; the socket stays open until the client goes away.
  },
  drop(req) {
    req.socket.destroy();
  },
  redirect(req, res) {
    // A 307 to ?to=URL (default: this path without the fault), like an endpoint that moved.
    const url = new URL(req.url, 'http://localhost');
    // &loop=1 sends the client back to the very same URL, for ever.
    const to = url.searchParams.get('to') || (url.searchParams.get('loop') ? req.url : url.pathname);
    if (res.destroyed || res.headersSent) return;
    res.writeHead(Number(url.searchParams.get('code')) || 307, { location: to, 'content-length': 0 });
    res.end();
  },
  reflect_auth(req, res) {
    // A remote that echoes the request's Authorization header into its error message.
    sendJson(res, 200, { errors: [{ message: `invalid credentials: ${req.headers.authorization || '(none)'}` }] });
  },
  http500(req, res) {
    sendRaw(res, 500, 'text/plain', 'internal server error (simulated)');
  },
  http400_graphql(req, res) {
    sendJson(res, 400, '{"errors":[{"message":"bad request (simulated)"}]}');
  },
  http401(req, res) {
    sendJson(res, 401, '{"errors":[{"message":"unauthorized (simulated)"}]}');
  },
  // Answers the body given as hex in ?hex=..., byte for byte: values exactly as a remote
  // writes them (2.50, -0, duplicate keys), which graphql-js would print its own way.
  verbatim(req, res) {
    const hex = new URL(req.url, 'http://localhost').searchParams.get('hex') || '';
    sendRaw(res, 200, 'application/json', Buffer.from(hex, 'hex').toString('utf8'));
  },
  badjson(req, res) {
    sendJson(res, 200, '{"data": {"orders": [{"id": 1,');
  },
  notjson(req, res) {
    sendRaw(res, 200, 'text/html', '<html>oops</html>');
  },
  graphql_error(req, res) {
    sendJson(res, 200, '{"errors":[{"message":"simulated resolver failure","path":["orders",0,"amount"],'
      + '"locations":[{"line":1,"column":1}],"extensions":{"code":"INTERNAL"}}],"data":null}');
  },
  no_data(req, res) {
    sendJson(res, 200, '{"extensions":{}}');
  },
  data_null(req, res) {
    sendJson(res, 200, '{"data":null}');
  },
  empty(req, res) {
    sendRaw(res, 200, 'application/json', '');
  },
  // A string with bytes that are not UTF-8 (0xff 0xfe), for `orders { id note }`.
  bad_utf8(req, res) {
    const body = Buffer.concat([
      Buffer.from('{"data":{"orders":[{"id":1,"note":"ok"},{"id":2,"note":"'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from(' abc"}]}}'),
    ]);
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
    res.end(body);
  },
  // A value nested 100000 lists deep, for `orders { id meta }`.
  deep_json(req, res) {
    const depth = 100000;
    sendJson(res, 200, `{"data":{"orders":[{"id":1,"meta":${'['.repeat(depth)}${']'.repeat(depth)}}]}}`);
  },
};

// ------------------------------------------------------------------------
// Faults that need a well-formed GraphQL request. `h` provides:
//   h.req, h.res, h.params   request, response, URL query parameters
//   h.execute()              Promise of the normal ExecutionResult
//   h.rootKeys               response keys of the root fields
//   h.respond(result)        send an ExecutionResult the normal way
const WITH_REQUEST = {
  // Like production servers that disable introspection: queries of __schema / __type fail
  // validation, everything else is answered normally.
  async no_introspection(h) {
    if (h.rootKeys.some((key) => key === '__schema' || key === '__type')) {
      h.respond({ errors: [{ message: 'GraphQL introspection is not allowed (simulated)' }] });
      return;
    }
    h.respond(await h.execute());
  },

  // Introspection fails with HTTP 500 (a gateway that breaks on large answers, say); other
  // queries are answered normally.
  async introspection_http500(h) {
    if (h.rootKeys.some((key) => key === '__schema' || key === '__type')) {
      sendRaw(h.res, 500, 'text/plain', 'introspection failed (simulated)');
      return;
    }
    h.respond(await h.execute());
  },

  // Clamps the page size variables (limit, first) to `cap` (default 3), as servers that cap
  // page sizes do, and answers normally.
  async page_cap(h) {
    const cap = numberParam(h.params, 'cap', 3);
    if (h.variables) {
      for (const name of ['limit', 'first', 'perPage']) {
        if (typeof h.variables[name] === 'number' && h.variables[name] > cap) h.variables[name] = cap;
      }
    }
    h.respond(await h.execute());
  },

  // Ignores the filter variables (where, filter, condition) and answers with every row, as a
  // remote that filters more loosely than SQL would at worst.
  async loose_filter(h) {
    if (h.variables) {
      for (const name of ['where', 'filter', 'condition']) {
        if (name in h.variables) h.variables[name] = null;
      }
    }
    h.respond(await h.execute());
  },

  async cursor_loop(h) {
    // The connection resolvers look at context.fault === 'cursor_loop'.
    h.respond(await h.execute());
  },

  async slow(h) {
    const ms = numberParam(h.params, 'ms', 5000);
    await new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      h.res.on('close', () => clearTimeout(timer)); // client gone: drop quietly
    });
    if (!h.res.destroyed) h.respond(await h.execute());
  },

  // Null items where the schema would allow them ([Order] rather than [Order!]), as APIs
  // such as GitHub's send for items the caller may not see: in lists every third item from
  // the second on; in connections the second edge of three is null, the third has a null node.
  async null_items(h) {
    const result = await h.execute();
    for (const key of h.rootKeys) {
      const value = result.data ? result.data[key] : null;
      if (Array.isArray(value)) {
        value.forEach((_, i) => { if (i % 3 === 1) value[i] = null; });
      } else if (value && Array.isArray(value.edges)) {
        value.edges.forEach((edge, i) => {
          if (i % 3 === 1) value.edges[i] = null;
          else if (i % 3 === 2) value.edges[i] = { ...edge, node: null };
        });
      }
    }
    h.respond(result);
  },

  async partial_error(h) {
    const result = await h.execute();
    const err = { message: 'partial failure (simulated)' };
    if (h.rootKeys.length > 0) err.path = [h.rootKeys[0]];
    const out = { errors: [...(result.errors || []), err] };
    if ('data' in result) out.data = result.data;
    h.respond(out);
  },

  // GraphQL's null propagation from a non-null field: the error nulls the second row itself.
  async null_row(h) {
    const result = await h.execute();
    const key = h.rootKeys[0];
    const rows = result.data && key !== undefined ? result.data[key] : null;
    if (!Array.isArray(rows) || rows.length < 2) return h.respond(result);
    rows[1] = null;
    h.respond({ errors: [{ message: 'id cannot be read (simulated)', path: [key, 1, 'id'] }], data: result.data });
  },

  async wrong_shape(h) {
    if (h.rootKeys.length === 0) return h.respond(await h.execute()); // e.g. syntax error
    const shaped = {};
    for (const k of h.rootKeys) shaped[k] = 42;
    return h.respond({ data: shaped });
  },

  async drop_mid(h) {
    const body = Buffer.from(toJson(await h.execute()), 'utf8');
    const { res } = h;
    const socket = h.req.socket;
    if (res.destroyed) return;
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
    res.write(body.subarray(0, Math.floor(body.length / 2)), () => socket.destroy());
  },

  async huge(h) {
    const result = await h.execute();
    streamHuge(h.res, result, h.rootKeys, numberParam(h.params, 'mb', 64), h.params.get('cl') === '1');
  },
};

const CHUNK = 64 * 1024;

// Streams {"data":{"ROOT":[row,row,...]}} of about `mb` MiB, cycling through
// the rows of the normal answer, or {"data":{"ROOT":"xxxx..."}} when the
// normal answer has no list of rows. Chunked unless withLength.
function streamHuge(res, result, keys, mb, withLength) {
  if (res.destroyed) return;
  const target = Math.max(1, Math.floor(mb * 1024 * 1024));
  const key = keys[0] || 'data';
  const value = result && result.data ? result.data[key] : undefined;
  let prefix;
  let suffix;
  let length;
  let next; // returns the next Buffer of body content (between prefix and suffix) or null

  if (Array.isArray(value) && value.length > 0) {
    const rows = value.map((r) => Buffer.from(toJson(r), 'utf8'));
    const comma = Buffer.from(',');
    prefix = Buffer.from(`{"data":{${JSON.stringify(key)}:[`);
    suffix = Buffer.from(']}}');
    // Smallest row count whose body reaches `target` bytes; computed per
    // cycle of rows so that a very large `mb` does not block the event loop.
    const base = prefix.length + suffix.length;
    const need = target - base; // bytes of "row,row,...,row" still needed
    let count = 0;
    let content = 0; // sum of (row length + 1 for a comma) over `count` rows
    if (need > 0) {
      const cycle = rows.reduce((sum, r) => sum + r.length + 1, 0);
      const fullCycles = Math.floor(need / cycle);
      count = fullCycles * rows.length;
      content = fullCycles * cycle;
      while (content - 1 < need) {
        content += rows[count % rows.length].length + 1;
        count += 1;
      }
    }
    length = base + (count > 0 ? content - 1 : 0);
    let i = 0;
    next = () => {
      if (i >= count) return null;
      const parts = [];
      let size = 0;
      while (i < count && size < CHUNK) {
        if (i > 0) { parts.push(comma); size += 1; }
        const row = rows[i % rows.length];
        parts.push(row);
        size += row.length;
        i += 1;
      }
      return Buffer.concat(parts, size);
    };
  } else {
    prefix = Buffer.from(`{"data":{${JSON.stringify(key)}:"`);
    suffix = Buffer.from('"}}');
    const n = Math.max(0, target - prefix.length - suffix.length);
    length = prefix.length + n + suffix.length;
    const block = Buffer.alloc(CHUNK, 'x');
    let left = n;
    next = () => {
      if (left <= 0) return null;
      const take = Math.min(left, CHUNK);
      left -= take;
      return take === CHUNK ? block : block.subarray(0, take);
    };
  }

  const headers = { 'content-type': 'application/json' };
  if (withLength) headers['content-length'] = length;
  res.writeHead(200, headers);
  res.write(prefix);
  const pump = () => {
    while (!res.destroyed) {
      const chunk = next();
      if (chunk === null) { res.end(suffix); return; }
      if (!res.write(chunk)) { res.once('drain', pump); return; }
    }
    // Client went away: stop writing.
  };
  pump();
}

const MODES = new Set([...Object.keys(FIXED), ...Object.keys(WITH_REQUEST)]);

module.exports = { FIXED, WITH_REQUEST, MODES, sendRaw, sendJson };
