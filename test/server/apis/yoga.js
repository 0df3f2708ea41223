'use strict';
// POST /yoga/graphql: the shop schema served by graphql-yoga, through yoga.fetch (the
// body was read already, for the request log).

const { createYoga } = require('graphql-yoga');
const { buildShopSchema } = require('./shop/schema');

const logger = {
  debug() {},
  info() {},
  warn(...a) { process.stderr.write(`yoga: ${a.join(' ')}\n`); },
  error(...a) { process.stderr.write(`yoga: ${a.map((x) => (x && x.stack) || x).join(' ')}\n`); },
};

function create() {
  const yoga = createYoga({
    schema: buildShopSchema(),
    graphqlEndpoint: '/yoga/graphql',
    landingPage: false,
    graphiql: false,
    logging: logger,
  });

  async function handle(req, res, url, bodyText) {
    const headers = {};
    for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : v;
    const method = req.method.toUpperCase();
    const response = await yoga.fetch(`http://${headers.host || '127.0.0.1'}${url.pathname}${url.search}`, {
      method,
      headers,
      body: method === 'GET' || method === 'HEAD' ? undefined : bodyText,
    });
    const buf = Buffer.from(await response.arrayBuffer());
    res.statusCode = response.status;
    response.headers.forEach((v, k) => { if (k !== 'content-length') res.setHeader(k, v); });
    res.setHeader('content-length', buf.length);
    res.end(buf);
  }

  return { start: async () => {}, stop: async () => {}, handle };
}

module.exports = { create };
