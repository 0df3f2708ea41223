'use strict';
// "postgraphile": PostGraphile v4 style (with postgraphile-plugin-connection-filter) over the
// tables users and orders: Relay connections with totalCount, nodeId / node, condition and
// filter arguments, camelCase names. postgraphile_sdl.js generates the SDL from the table
// descriptions below; this file holds the semantics.

const { GraphQLError } = require('graphql');
const { makeSchema, runOn } = require('./build');
const scalars = require('./scalars');
const data = require('./data');
const { like, escapeLike } = require('./like');
const { sortRows, compareBySpecs, checkNonNegative, base64, unbase64 } = require('./rows');
const { compareValues, isNil, jsonEqual } = require('./values');
const { postgraphileSdl, screaming } = require('./postgraphile_sdl');

const TYPE = {
  int: 'Int', text: 'String', decimal: 'BigFloat', bigint: 'BigInt', timestamptz: 'Datetime',
  bool: 'Boolean', uuid: 'UUID', date: 'Date', json: 'JSON', enum: 'OrderStatus', text_list: '[String]',
};
const camel = (s) => s.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
const col = (source, kind, nonNull = false) => ({ name: camel(source), source, kind, nonNull, type: TYPE[kind] });

const TABLES = {
  users: {
    type: 'User', plural: 'Users', nodeName: 'users',
    columns: [
      col('id', 'int', true), col('name', 'text', true), col('email', 'text'), col('country', 'text'),
      col('age', 'int'), col('is_active', 'bool', true), col('created_at', 'timestamptz', true),
      col('external_id', 'uuid', true), col('balance', 'decimal'), col('points', 'bigint', true),
      col('birthday', 'date'), col('prefs', 'json'),
    ],
  },
  orders: {
    type: 'Order', plural: 'Orders', nodeName: 'orders',
    columns: [
      col('id', 'int', true), col('user_id', 'int'), col('status', 'enum', true),
      col('amount', 'decimal', true), col('quantity', 'int'), col('placed_at', 'timestamptz', true),
      col('ship_date', 'date'), col('note', 'text'), col('is_paid', 'bool', true),
      col('ref', 'uuid', true), col('tags', 'text_list', true), col('meta', 'json'),
    ],
  },
};
// Rows under camelCase names.
for (const [t, source] of [['users', data.USERS], ['orders', data.ORDERS]]) {
  const table = TABLES[t];
  table.rows = source.map((r) => {
    const row = { __typename: table.type };
    for (const c of table.columns) row[c.name] = r[c.source];
    return row;
  });
  table.byId = new Map(table.rows.map((r) => [r.id, r]));
}
const ordersByUserId = (userId) => TABLES.orders.rows.filter((o) => o.userId === userId);

const SDL = postgraphileSdl(TABLES, TYPE);

// ------------------------------------------------------------------ node ids
// base64 of JSON ["orders", 7], as PostGraphile v4 builds them.
const nodeIdOf = (t, row) => base64(JSON.stringify([TABLES[t].nodeName, row.id]));

function rowByNodeId(nodeId) {
  if (nodeId === 'query') return { __typename: 'Query' };
  let parsed;
  try { parsed = JSON.parse(unbase64(nodeId)); } catch (e) { return null; }
  if (!Array.isArray(parsed) || parsed.length !== 2) return null;
  const table = Object.values(TABLES).find((x) => x.nodeName === parsed[0]);
  return (table && table.byId.get(parsed[1])) || null;
}

// ------------------------------------------------------------------ condition, filter
function matchesCondition(table, row, condition) {
  return Object.entries(condition).every(([name, x]) => {
    const c = table.columns.find((k) => k.name === name);
    if (x === null) return isNil(row[name]); // PostGraphile: a null condition means IS NULL
    if (isNil(row[name])) return false;
    return c.kind === 'json' ? jsonEqual(row[name], x) : compareValues(c.kind, row[name], x, ENUM) === 0;
  });
}

const ENUM = data.STATUSES; // OrderStatus sorts in declaration order, like a PostgreSQL enum

// connection-filter's defaults: null literals and empty objects are rejected.
function checkFilterInput(value) {
  if (value === null) throw new GraphQLError('Null literals are forbidden in filter argument input.');
  if (typeof value === 'object' && !Array.isArray(value)) {
    if (Object.keys(value).length === 0) throw new GraphQLError('Empty objects are forbidden in filter argument input.');
    Object.values(value).forEach(checkFilterInput);
  } else if (Array.isArray(value)) {
    value.forEach(checkFilterInput);
  }
}

function matchesFilter(table, row, filter) {
  return Object.entries(filter).every(([key, value]) => {
    if (key === 'and') return value.every((f) => matchesFilter(table, row, f));
    if (key === 'or') return value.some((f) => matchesFilter(table, row, f));
    if (key === 'not') return !matchesFilter(table, row, value);
    const c = table.columns.find((k) => k.name === key);
    return Object.entries(value).every(([op, x]) => matchesOperator(c, row[key], op, x));
  });
}

// SQL semantics: operators other than isNull, distinctFrom and notDistinctFrom are not true
// for a null column value.
function matchesOperator(c, v, op, x) {
  if (op === 'isNull') return x ? isNil(v) : !isNil(v);
  if (op === 'distinctFrom') return isNil(v) || compareValues(c.kind, v, x, ENUM) !== 0;
  if (isNil(v)) return false;
  const cmp = (y) => compareValues(c.kind, v, y, ENUM);
  switch (op) {
    case 'notDistinctFrom':
    case 'equalTo': return cmp(x) === 0;
    case 'notEqualTo': return cmp(x) !== 0;
    case 'in': return x.some((y) => cmp(y) === 0);
    case 'notIn': return x.every((y) => cmp(y) !== 0);
    case 'lessThan': return cmp(x) < 0;
    case 'lessThanOrEqualTo': return cmp(x) <= 0;
    case 'greaterThan': return cmp(x) > 0;
    case 'greaterThanOrEqualTo': return cmp(x) >= 0;
    case 'includes': return like(v, `%${escapeLike(x)}%`, false);
    case 'includesInsensitive': return like(v, `%${escapeLike(x)}%`, true);
    case 'startsWith': return like(v, `${escapeLike(x)}%`, false);
    case 'endsWith': return like(v, `%${escapeLike(x)}`, false);
    case 'like': return like(v, x, false);
    case 'notLike': return !like(v, x, false);
    case 'likeInsensitive': return like(v, x, true);
    case 'notLikeInsensitive': return !like(v, x, true);
    default: throw new GraphQLError(`unsupported filter operator ${op}`);
  }
}

// ------------------------------------------------------------------ ordering, cursors
// PostgreSQL defaults: ASC puts nulls last, DESC puts them first. The primary key (ascending)
// is appended so that the order is total and cursors are stable.
function orderSpecs(table, orderBy) {
  const specs = [];
  for (const name of orderBy) {
    if (name === 'NATURAL') continue;
    const desc = name.endsWith('_DESC');
    const base = name.replace(/_(ASC|DESC)$/, '');
    const c = base === 'PRIMARY_KEY' ? table.columns[0] : table.columns.find((k) => screaming(k.name) === base);
    specs.push({ kind: c.kind, enumValues: ENUM, desc, nullsFirst: desc, value: (r) => r[c.name] });
  }
  specs.push({ kind: 'int', desc: false, nullsFirst: false, value: (r) => r.id });
  return specs;
}

// base64 of JSON [["amount_desc"], [id]]: the ordering the cursor belongs to and the row's key.
const cursorOf = (orderTag, row) => base64(JSON.stringify([orderTag, [row.id]]));

function rowOfCursor(table, orderTag, cursor) {
  let parsed;
  try { parsed = JSON.parse(unbase64(cursor)); } catch (e) { parsed = null; }
  const row = Array.isArray(parsed) && Array.isArray(parsed[1]) ? table.byId.get(parsed[1][0]) : undefined;
  if (!row || JSON.stringify(parsed[0]) !== JSON.stringify(orderTag)) throw new GraphQLError('Invalid cursor');
  return row;
}

// condition and filter, then orderBy; `after` / `before` keep the rows after / before the
// cursor's row in that order; then offset; then first (from the start) or last (from the end).
function connection(t, args, rows = TABLES[t].rows) {
  const table = TABLES[t];
  if (args.first != null && args.last != null) throw new GraphQLError('We don\'t support setting both first and last');
  if (args.offset != null && args.last != null) throw new GraphQLError('We don\'t support setting both offset and last');
  checkNonNegative('first', args.first);
  checkNonNegative('last', args.last);
  checkNonNegative('offset', args.offset);
  if (args.condition) rows = rows.filter((r) => matchesCondition(table, r, args.condition));
  if (args.filter) {
    checkFilterInput(args.filter);
    rows = rows.filter((r) => matchesFilter(table, r, args.filter));
  }
  const orderBy = args.orderBy && args.orderBy.length > 0 ? args.orderBy : ['PRIMARY_KEY_ASC'];
  const orderTag = orderBy.map((n) => n.toLowerCase());
  const specs = orderSpecs(table, orderBy);
  const sorted = sortRows(rows, specs);

  let lo = 0;
  let hi = sorted.length;
  if (args.after != null) {
    const at = rowOfCursor(table, orderTag, args.after);
    while (lo < hi && compareBySpecs(sorted[lo], at, specs) <= 0) lo++;
  }
  if (args.before != null) {
    const at = rowOfCursor(table, orderTag, args.before);
    let b = lo;
    while (b < hi && compareBySpecs(sorted[b], at, specs) < 0) b++;
    hi = b;
  }
  if (args.offset != null) lo = Math.min(hi, lo + args.offset);
  let start = lo;
  let end = hi;
  if (args.first != null) end = Math.min(hi, lo + args.first);
  else if (args.last != null) start = Math.max(lo, hi - args.last);
  const page = sorted.slice(start, end);

  return {
    nodes: page,
    edges: page.map((node) => ({ cursor: cursorOf(orderTag, node), node })),
    pageInfo: {
      hasNextPage: end < sorted.length,
      hasPreviousPage: start > 0,
      startCursor: page.length ? cursorOf(orderTag, page[0]) : null,
      endCursor: page.length ? cursorOf(orderTag, page[page.length - 1]) : null,
    },
    totalCount: sorted.length,
  };
}

// ------------------------------------------------------------------ resolvers
const byNodeId = (t) => (_, args) => {
  const row = rowByNodeId(args.nodeId);
  return row && row.__typename === TABLES[t].type ? row : null;
};

const resolvers = {
  Query: {
    query: () => ({ __typename: 'Query' }),
    nodeId: () => 'query',
    node: (_, args) => rowByNodeId(args.nodeId),
    allOrders: (_, args) => connection('orders', args),
    allUsers: (_, args) => connection('users', args),
    orderById: (_, args) => TABLES.orders.byId.get(args.id) || null,
    userById: (_, args) => TABLES.users.byId.get(args.id) || null,
    orderByNodeId: byNodeId('orders'),
    userByNodeId: byNodeId('users'),
  },
  User: {
    nodeId: (row) => nodeIdOf('users', row),
    ordersByUserId: (user, args) => connection('orders', args, ordersByUserId(user.id)),
  },
  Order: {
    nodeId: (row) => nodeIdOf('orders', row),
    userByUserId: (order) => TABLES.users.byId.get(order.userId) || null,
  },
};

const schema = makeSchema(SDL, {
  scalars: {
    BigInt: scalars.bigIntAsString('BigInt'),
    BigFloat: scalars.decimalAsString('BigFloat'),
    Datetime: scalars.timestamp('Datetime'),
    Date: scalars.date('Date'),
    UUID: scalars.uuid('UUID'),
    JSON: scalars.json(),
    Cursor: scalars.string('Cursor'),
  },
  resolvers,
});

module.exports = { name: 'postgraphile', SDL, schema, run: (req) => runOn(schema, req) };
