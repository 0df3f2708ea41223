'use strict';
// POST /apollo/graphql and /apollo-prod/graphql: the shop schema served by
// @apollo/server 4 through executeHTTPGraphQLRequest (no express). The -prod one has
// production settings: nodeEnv "production", introspection off, no stack traces.
// subgraph.js serves its schema through here too.

const { ApolloServer, HeaderMap } = require('@apollo/server');
const { buildShopSchema } = require('./shop/schema');

const logger = {
  debug() {},
  info() {},
  warn(m) { process.stderr.write(`apollo: ${m}\n`); },
  error(m) { process.stderr.write(`apollo: ${m}\n`); },
};

function create({ schema, production }) {
  const server = new ApolloServer({
    schema: schema || buildShopSchema(),
    nodeEnv: production ? 'production' : 'development',
    introspection: !production,
    includeStacktraceInErrorResponses: !production,
    logger,
    // apis.js handles SIGTERM/SIGINT; Apollo's own handler would re-raise the signal
    stopOnTerminationSignals: false,
  });

  async function handle(req, res, url, bodyText) {
    const headers = new HeaderMap();
    for (const [k, v] of Object.entries(req.headers)) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
    let body = bodyText;
    if (/json/i.test(req.headers['content-type'] || '')) {
      try { body = JSON.parse(bodyText); } catch (e) { /* Apollo answers the string with 400 */ }
    }
    const r = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method.toUpperCase(), headers, search: url.search, body },
      context: async () => ({}),
    });
    res.statusCode = r.status || 200;
    for (const [k, v] of r.headers) res.setHeader(k, v);
    if (r.body.kind === 'complete') {
      res.setHeader('content-length', Buffer.byteLength(r.body.string));
      res.end(r.body.string);
    } else {
      for await (const chunk of r.body.asyncIterator) res.write(chunk);
      res.end();
    }
  }

  return {
    start: () => server.start(),
    stop: () => server.stop(),
    handle,
  };
}

module.exports = { create };
