'use strict';
// "jsonserver": json-graphql-server (react-admin) style. Page-number paging (page, perPage),
// sortField / sortOrder strings, a flat filter input with q, ids, one equality field per
// column and <field>_lt / _lte / _gt / _gte / _neq variants, and a _all<Type>sMeta count.
// Types are what json-graphql-server infers from JSON data: id and *_id fields are ID,
// numbers Int or Float, ISO date strings Date, relationships named after the type.

const { GraphQLError } = require('graphql');
const { makeSchema, runOn } = require('./build');
const scalars = require('./scalars');
const data = require('./data');
const { sortRows, checkNonNegative } = require('./rows');
const { compareValues, isNil } = require('./values');

const TYPE = { id: 'ID', int: 'Int', float: 'Float', text: 'String', bool: 'Boolean', timestamptz: 'Date', text_list: '[String]' };
const col = (name, kind, nonNull = false, convert = (v) => v) => ({ name, kind, nonNull, convert, type: TYPE[kind] });
const asId = (v) => (v === null ? null : String(v));
const asIsoDate = (v) => new Date(v).toISOString(); // "2024-01-01T00:01:00.000Z", the form json-graphql-server types as Date
const RANGED = new Set(['int', 'float', 'text', 'timestamptz']); // json-graphql-server also ranges strings

const ENTITIES = {
  Order: {
    plural: 'Orders', source: data.ORDERS,
    columns: [
      col('id', 'id', true, asId), col('user_id', 'id', false, asId), col('status', 'text', true),
      col('amount', 'float', true, Number), col('quantity', 'int'), col('placed_at', 'timestamptz', true, asIsoDate),
      col('note', 'text'), col('is_paid', 'bool', true), col('tags', 'text_list', true),
    ],
  },
  User: {
    plural: 'Users', source: data.USERS,
    columns: [
      col('id', 'id', true, asId), col('name', 'text', true), col('email', 'text'), col('country', 'text'),
      col('age', 'int'), col('is_active', 'bool', true), col('created_at', 'timestamptz', true, asIsoDate),
    ],
  },
};
for (const e of Object.values(ENTITIES)) {
  e.rows = e.source.map((r) => Object.fromEntries(e.columns.map((c) => [c.name, c.convert(r[c.name])])));
}

// ------------------------------------------------------------------ SDL
function entitySdl(type, relationField) {
  const { columns } = ENTITIES[type];
  const filterFields = [
    '  q: String', '  ids: [ID]',
    ...columns.map((c) => `  ${c.name}: ${c.type}`),
    ...columns.filter((c) => c.kind !== 'text_list').flatMap((c) => [
      ...(RANGED.has(c.kind) ? ['lt', 'lte', 'gt', 'gte'].map((op) => `  ${c.name}_${op}: ${c.type}`) : []),
      ...(c.kind !== 'bool' ? [`  ${c.name}_neq: ${c.type}`] : []),
    ]),
  ];
  return `
type ${type} {
${columns.map((c) => `  ${c.name}: ${c.type}${c.nonNull ? '!' : ''}`).join('\n')}
  ${relationField}
}

input ${type}Filter {
${filterFields.join('\n')}
}
`;
}

const rootFields = (type) => {
  const { plural } = ENTITIES[type];
  return `  ${type}(id: ID!): ${type}
  all${plural}(page: Int, perPage: Int, sortField: String, sortOrder: String, filter: ${type}Filter): [${type}]
  _all${plural}Meta(page: Int, perPage: Int, filter: ${type}Filter): ListMetadata`;
};

const SDL = `
"Date type"
scalar Date

type ListMetadata { count: Int }
${entitySdl('Order', 'User: User')}
${entitySdl('User', 'Orders: [Order]')}
type Query {
${rootFields('Order')}
${rootFields('User')}
}
`;

// ------------------------------------------------------------------ filtering
function columnOf(type, name) {
  const c = ENTITIES[type].columns.find((k) => k.name === name);
  if (!c) throw new GraphQLError(`unknown field "${name}" for ${type}`);
  return c;
}

// Unlike json-graphql-server (where ids replaces every other filter and q searches every
// field), all given filters are combined with AND, and q searches String fields only.
function matchesFilter(type, row, filter) {
  return Object.entries(filter).every(([key, x]) => {
    if (key === 'q') {
      if (isNil(x) || x === '') return true;
      const needle = x.toLowerCase();
      return ENTITIES[type].columns.some((c) => c.kind === 'text' && !isNil(row[c.name])
        && row[c.name].toLowerCase().includes(needle));
    }
    if (key === 'ids') return isNil(x) || x.some((id) => id === row.id);
    const m = /^(.*)_(lt|lte|gt|gte|neq)$/.exec(key);
    const c = columnOf(type, m ? m[1] : key);
    const v = row[c.name];
    const op = m ? m[2] : 'eq';
    if (c.kind === 'text_list') return x === null ? isNil(v) : x.every((item) => v.includes(item));
    // An explicit null means "is null" for equality and "is not null" for _neq (JavaScript's
    // == / != against null); a null column value matches _neq of any other value.
    if (x === null) {
      if (op === 'eq') return isNil(v);
      if (op === 'neq') return !isNil(v);
      return false;
    }
    if (isNil(v)) return op === 'neq';
    const cmp = compareValues(c.kind, v, x);
    return { eq: cmp === 0, neq: cmp !== 0, lt: cmp < 0, lte: cmp <= 0, gt: cmp > 0, gte: cmp >= 0 }[op];
  });
}

function filtered(type, args) {
  const { rows } = ENTITIES[type];
  return args.filter ? rows.filter((r) => matchesFilter(type, r, args.filter)) : rows;
}

// sortOrder is "asc" or "desc" in any case (default asc). Nulls sort as the largest value:
// last for asc, first for desc. Ties keep id order.
function sorted(type, rows, args) {
  if (isNil(args.sortField)) return rows;
  const c = columnOf(type, args.sortField);
  if (c.kind === 'text_list') throw new GraphQLError(`cannot sort by list field "${c.name}"`);
  const order = isNil(args.sortOrder) ? 'asc' : String(args.sortOrder).toLowerCase();
  if (order !== 'asc' && order !== 'desc') throw new GraphQLError(`sortOrder must be "asc" or "desc" (got ${JSON.stringify(args.sortOrder)})`);
  const desc = order === 'desc';
  return sortRows(rows, [{ kind: c.kind, desc, nullsFirst: desc, value: (r) => r[c.name] }]);
}

// As in json-graphql-server: paging happens only when page is given; perPage defaults to 25,
// and perPage 0 means no paging.
function paged(rows, args) {
  checkNonNegative('page', args.page);
  checkNonNegative('perPage', args.perPage);
  if (isNil(args.page)) return rows;
  const perPage = isNil(args.perPage) ? 25 : args.perPage;
  if (perPage === 0) return rows;
  return rows.slice(args.page * perPage, args.page * perPage + perPage);
}

// ------------------------------------------------------------------ resolvers
const byId = (type) => (_, args) => ENTITIES[type].rows.find((r) => r.id === args.id) || null;
const resolvers = { Query: {} };
for (const [type, { plural }] of Object.entries(ENTITIES)) {
  resolvers.Query[type] = byId(type);
  resolvers.Query[`all${plural}`] = (_, args) => paged(sorted(type, filtered(type, args), args), args);
  resolvers.Query[`_all${plural}Meta`] = (_, args) => ({ count: filtered(type, args).length }); // page ignored
}
resolvers.Order = { User: (o) => ENTITIES.User.rows.find((u) => u.id === o.user_id) || null };
resolvers.User = { Orders: (u) => ENTITIES.Order.rows.filter((o) => o.user_id === u.id) };

const schema = makeSchema(SDL, { scalars: { Date: scalars.timestamp('Date') }, resolvers });

module.exports = { name: 'jsonserver', SDL, schema, run: (req) => runOn(schema, req) };
