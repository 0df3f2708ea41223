'use strict';
// POST /github/graphql: GitHub's schema with the fixed data of data.js and deterministic
// mocks (schema.js). ?partial=1 turns on GitHub-style partial errors (data.js: every 7th
// repository's description, every 7th issue's author).

const { parse, validate, execute } = require('graphql');
const { build } = require('./schema');
const data = require('./data');
const { sendJson } = require('../http');

const RATE_HEADERS = {
  'x-ratelimit-limit': '5000',
  'x-ratelimit-remaining': '4999',
  'x-ratelimit-used': '1',
  'x-ratelimit-reset': '1893456000',
  'x-ratelimit-resource': 'graphql',
  'x-github-media-type': 'github.v4; format=json',
};

const DOCS = 'https://docs.github.com/graphql';

function formatError(e) {
  const gh = e.originalError && e.originalError.githubType;
  if (gh) {
    const out = { type: gh };
    if (e.path) out.path = e.path;
    if (e.locations) out.locations = e.locations;
    out.message = e.message;
    return out;
  }
  return e.toJSON();
}

function create() {
  const { schema, als, newStore, dropped } = build();

  async function handle(req, res, url, bodyText) {
    const reply = (status, body) => sendJson(res, status, body, RATE_HEADERS);
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      return reply(405, { message: 'Use POST with a JSON body', documentation_url: DOCS });
    }
    let body;
    try { body = JSON.parse(bodyText); } catch (e) { body = undefined; }
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      return reply(400, { message: 'Problems parsing JSON', documentation_url: DOCS });
    }
    if (typeof body.query !== 'string') {
      return reply(200, { errors: [{ message: 'A query attribute must be specified and must be a string.' }] });
    }
    let variables = body.variables == null ? {} : body.variables;
    if (typeof variables === 'string') {
      try { variables = variables === '' ? {} : JSON.parse(variables); } catch (e) { variables = null; }
    }
    if (variables === null || typeof variables !== 'object' || Array.isArray(variables)) {
      return reply(200, { errors: [{ message: 'Variables are invalid JSON.' }] });
    }
    let document;
    try {
      document = parse(body.query);
    } catch (e) {
      return reply(200, { errors: [formatError(e)] });
    }
    const errors = validate(schema, document);
    if (errors.length) return reply(200, { errors: errors.map(formatError) });
    const context = { partial: url.searchParams.get('partial') === '1' };
    const result = await als.run(newStore(), () => execute({
      schema,
      document,
      rootValue: data.root,
      contextValue: context,
      variableValues: variables,
      operationName: typeof body.operationName === 'string' && body.operationName !== '' ? body.operationName : undefined,
    }));
    const out = {};
    if ('data' in result) out.data = result.data;
    if (result.errors && result.errors.length) out.errors = result.errors.map(formatError);
    return reply(200, out);
  }

  return { handle, schema, dropped };
}

module.exports = { create };
