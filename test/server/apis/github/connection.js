'use strict';
// Relay connections the way GitHub pages them: first/last are required (1..100),
// after/before are cursors (see ids.js). checkPaging runs on every *Connection field of
// the schema, ours and the mocked ones alike.

const { cursor, decodeCursor, GitHubError } = require('./ids');

const MAX_PAGE = 100;

function checkPaging(args, fieldName) {
  const { first, last } = args;
  if (first == null && last == null) {
    throw new GitHubError('MISSING_PAGINATION_BOUNDARIES',
      `You must provide a \`first\` or \`last\` value to properly paginate the \`${fieldName}\` connection.`);
  }
  for (const [name, value] of [['first', first], ['last', last]]) {
    if (value == null) continue;
    if (value > MAX_PAGE) {
      throw new GitHubError('EXCESSIVE_PAGINATION',
        `Requesting ${value} records on the \`${fieldName}\` connection exceeds the \`${name}\` limit of ${MAX_PAGE} records.`);
    }
    if (value < 0) {
      throw new GitHubError('INVALID_PAGINATION',
        `\`${name}\` on the \`${fieldName}\` connection cannot be less than zero.`);
    }
  }
}

// items: the whole ordered list. extra: more fields of the connection object (e.g.
// totalDiskUsage). edgeExtra(item): more fields of an edge (e.g. size of a LanguageEdge).
function paginate(items, args, extra, edgeExtra) {
  let start = 0;
  let end = items.length;
  if (args.after != null) start = Math.min(end, decodeCursor(args.after));
  if (args.before != null) end = Math.max(start, Math.min(end, decodeCursor(args.before) - 1));
  if (args.first != null) end = Math.min(end, start + args.first);
  if (args.last != null) start = Math.max(start, end - args.last);
  const slice = items.slice(start, end);
  const edges = slice.map((node, i) => ({
    cursor: cursor(start + i + 1),
    node,
    ...(edgeExtra ? edgeExtra(node) : {}),
  }));
  return {
    totalCount: items.length,
    edges,
    nodes: slice,
    pageInfo: {
      hasNextPage: end < items.length,
      hasPreviousPage: start > 0,
      startCursor: edges.length ? edges[0].cursor : null,
      endCursor: edges.length ? edges[edges.length - 1].cursor : null,
    },
    ...(extra || {}),
  };
}

// orderBy {field, direction} over a map of field -> key(item); ties keep the list order.
function order(items, orderBy, keys) {
  if (!orderBy || !orderBy.field || !keys[orderBy.field]) return items;
  const key = keys[orderBy.field];
  const dir = orderBy.direction === 'DESC' ? -1 : 1;
  return items
    .map((item, i) => [item, i])
    .sort((a, b) => {
      const ka = key(a[0]);
      const kb = key(b[0]);
      if (ka < kb) return -dir;
      if (ka > kb) return dir;
      return a[1] - b[1];
    })
    .map((p) => p[0]);
}

module.exports = { checkPaging, paginate, order, MAX_PAGE, GitHubError };
