'use strict';
// The GraphQL dialects, each served at POST /<name>/graphql. See README.md, "Dialects".

const DIALECTS = {
  plain: require('./plain'),
  hasura: require('./hasura'),
  postgraphile: require('./postgraphile'),
  jsonserver: require('./jsonserver'),
  relay: require('./relay'),
  federation: require('./federation'),
  relations: require('./relations'),
};

// The dialect served at `pathname` ("/hasura/graphql" or "/hasura/graphql/"), or null:
// every other path keeps the default schema.
function dialectForPath(pathname) {
  const m = /^\/([a-z]+)\/graphql\/?$/.exec(pathname);
  return m && Object.prototype.hasOwnProperty.call(DIALECTS, m[1]) ? DIALECTS[m[1]] : null;
}

module.exports = { DIALECTS, dialectForPath };
