'use strict';
// POST /log/graphql: the request log as GraphQL, so that regress tests read it with a
// foreign table. Requests to it are not logged.

const { buildSchema, graphql } = require('graphql');
const requests = require('./requests');

const schema = buildSchema(`
  type Request {
    seq: Int!
    method: String!
    path: String!
    query_string: String!
    document: String
    variables: String
    status: Int!
    fault: String
    at_ms: Float!
  }
  type Query {
    requests(after: Int): [Request!]!
  }
`);

const root = {
  requests({ after }) {
    return requests.all()
      .filter((r) => after == null || r.seq > after)
      .map((r) => ({ ...r, variables: r.variables == null ? null : JSON.stringify(r.variables) }));
  },
};

async function handle(bodyText) {
  let body;
  try { body = JSON.parse(bodyText); } catch (e) { return { errors: [{ message: 'invalid JSON' }] }; }
  return graphql({ schema, source: body.query, rootValue: root, variableValues: body.variables });
}

module.exports = { handle };
