'use strict';
// Small HTTP helpers shared by the endpoints of apis.js.

const MAX_BODY = 64 * 1024 * 1024;

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(Object.assign(new Error('request body too large'), { status: 413 }));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res, status, headers, body) {
  if (res.headersSent || res.destroyed) return;
  const buf = Buffer.isBuffer(body) ? body : Buffer.from(body == null ? '' : String(body), 'utf8');
  res.statusCode = status;
  for (const [k, v] of Object.entries(headers || {})) {
    if (v !== undefined && v !== null) res.setHeader(k, v);
  }
  res.setHeader('content-length', buf.length);
  res.end(buf);
}

function sendJson(res, status, value, headers) {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  send(res, status, { 'content-type': 'application/json; charset=utf-8', ...(headers || {}) }, text);
}

function sendText(res, status, text, headers) {
  send(res, status, { 'content-type': 'text/plain; charset=utf-8', ...(headers || {}) }, text);
}

// What the request log records of a GraphQL request: the body's (or, for GET, the
// query string's) query, variables and operationName, as far as they can be read.
function graphqlParams(method, url, bodyText) {
  let raw = null;
  if (method === 'GET') {
    raw = {
      query: url.searchParams.get('query'),
      variables: url.searchParams.get('variables'),
      operationName: url.searchParams.get('operationName'),
    };
  } else {
    try { raw = JSON.parse(bodyText); } catch (e) { raw = null; }
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { json: raw, document: null, variables: null, operationName: null };
  }
  let variables = raw.variables === undefined ? null : raw.variables;
  if (typeof variables === 'string' && variables !== '') {
    try { variables = JSON.parse(variables); } catch (e) { /* keep the string */ }
  }
  return {
    json: raw,
    document: typeof raw.query === 'string' ? raw.query : null,
    variables,
    operationName: typeof raw.operationName === 'string' ? raw.operationName : null,
  };
}

module.exports = { readBody, send, sendJson, sendText, graphqlParams, MAX_BODY };
