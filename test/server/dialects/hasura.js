'use strict';
// "hasura": Hasura v2 style over the tables users and orders. hasura_sdl.js generates the
// SDL from the table descriptions below, so every column gets its comparison, order_by,
// select_column and aggregate entries the way Hasura generates them; this file holds
// their semantics.

const { GraphQLError } = require('graphql');
const { makeSchema, runOn } = require('./build');
const scalars = require('./scalars');
const data = require('./data');
const { like } = require('./like');
const { sortRows, offsetLimit } = require('./rows');
const { compareValues, isNil, jsonEqual, jsonContains, sumDecimals } = require('./values');
const { hasuraSdl, SUMMABLE, MIN_MAXABLE } = require('./hasura_sdl');

// Hasura's GraphQL type per value kind.
const TYPE = {
  int: 'Int', text: 'String', decimal: 'numeric', timestamptz: 'timestamptz',
  bool: 'Boolean', uuid: 'uuid', date: 'date', json: 'jsonb',
};
const col = (name, kind, nonNull = false) => ({ name, kind, nonNull, type: TYPE[kind] });

const TABLES = {
  orders: {
    rows: data.ORDERS,
    columns: [
      col('id', 'int', true), col('user_id', 'int'), col('status', 'text', true),
      col('amount', 'decimal', true), col('quantity', 'int'), col('placed_at', 'timestamptz', true),
      col('ship_date', 'date'), col('note', 'text'), col('is_paid', 'bool', true),
      col('ref', 'uuid', true), col('meta', 'json'),
    ],
    // An object relationship: the order's user (null for guest orders).
    objectRels: { user: { table: 'users', target: (o) => usersById.get(o.user_id) || null } },
    arrayRels: {},
  },
  users: {
    rows: data.USERS,
    columns: [
      col('id', 'int', true), col('name', 'text', true), col('email', 'text'), col('country', 'text'),
      col('age', 'int'), col('is_active', 'bool', true), col('created_at', 'timestamptz', true),
      col('external_id', 'uuid', true), col('birthday', 'date'), col('prefs', 'json'),
    ],
    objectRels: {},
    // An array relationship: the user's orders.
    arrayRels: { orders: { table: 'orders', targets: (u) => ordersByUser.get(u.id) || [] } },
  },
};
const usersById = new Map(data.USERS.map((u) => [u.id, u]));
const ordersByUser = new Map();
for (const o of data.ORDERS) {
  if (!ordersByUser.has(o.user_id)) ordersByUser.set(o.user_id, []);
  ordersByUser.get(o.user_id).push(o);
}

const SDL = hasuraSdl(TABLES, TYPE);

// ------------------------------------------------------------------ where
function nullError(what) {
  // Hasura v2 rejects explicit nulls in boolean expressions (v1 collapsed them to true).
  return new GraphQLError(`unexpected null value for ${what}`);
}

function matchesWhere(t, row, exp) {
  const table = TABLES[t];
  return Object.entries(exp).every(([key, value]) => {
    if (value === null) throw nullError(`"${key}" in ${t}_bool_exp`);
    if (key === '_and') return value.every((e) => matchesWhere(t, row, e));
    if (key === '_or') return value.some((e) => matchesWhere(t, row, e));
    if (key === '_not') return !matchesWhere(t, row, value);
    if (table.objectRels[key]) {
      const rel = table.objectRels[key];
      const target = rel.target(row);
      return target !== null && matchesWhere(rel.table, target, value);
    }
    if (table.arrayRels[key]) {
      const rel = table.arrayRels[key];
      return rel.targets(row).some((r) => matchesWhere(rel.table, r, value));
    }
    const column = table.columns.find((c) => c.name === key);
    return matchesComparison(column, row[key], value);
  });
}

// SQL semantics: a comparison with a null column value is not true, so the row is left out
// (also for _neq, _nin, _nlike and _nilike); only _is_null looks at nulls.
function matchesComparison(column, v, ops) {
  return Object.entries(ops).every(([op, x]) => {
    if (x === null) throw nullError(`"${op}" on column "${column.name}" (type "${column.type}")`);
    if (op === '_is_null') return x ? isNil(v) : !isNil(v);
    if (isNil(v)) return false;
    const c = (y) => (column.kind === 'json' ? (jsonEqual(v, y) ? 0 : 1) : compareValues(column.kind, v, y));
    switch (op) {
      case '_eq': return c(x) === 0;
      case '_neq': return c(x) !== 0;
      case '_gt': return c(x) > 0;
      case '_gte': return c(x) >= 0;
      case '_lt': return c(x) < 0;
      case '_lte': return c(x) <= 0;
      case '_in': return x.some((y) => c(y) === 0);
      case '_nin': return x.every((y) => c(y) !== 0);
      case '_like': return like(v, x, false);
      case '_nlike': return !like(v, x, false);
      case '_ilike': return like(v, x, true);
      case '_nilike': return !like(v, x, true);
      case '_contains': return jsonContains(v, x);
      case '_contained_in': return jsonContains(x, v);
      case '_has_key': return isObject(v) && x in v;
      case '_has_keys_any': return isObject(v) && x.some((k) => k in v);
      case '_has_keys_all': return isObject(v) && x.every((k) => k in v);
      default: throw new GraphQLError(`unsupported operator ${op}`);
    }
  });
}

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

// ------------------------------------------------------------------ order_by
const DIRECTIONS = {
  asc: { desc: false, nullsFirst: false },
  asc_nulls_first: { desc: false, nullsFirst: true },
  asc_nulls_last: { desc: false, nullsFirst: false },
  desc: { desc: true, nullsFirst: true },
  desc_nulls_first: { desc: true, nullsFirst: true },
  desc_nulls_last: { desc: true, nullsFirst: false },
};

// Sort specs from order_by. Within one object the keys apply in schema field order (graphql-js
// coerces input objects field by field); use several list items for an explicit order.
// `via` reaches the row an object relationship points to.
function orderSpecs(t, orderBy, via = (r) => r, path = []) {
  const specs = [];
  for (const item of orderBy || []) {
    for (const [key, value] of Object.entries(item)) {
      if (value === null) continue;
      const rel = TABLES[t].objectRels[key];
      if (rel) {
        const reach = (r) => { const s = via(r); return s === null ? null : rel.target(s); };
        specs.push(...orderSpecs(rel.table, [value], reach, [...path, key]));
        continue;
      }
      const column = TABLES[t].columns.find((c) => c.name === key);
      if (column.kind === 'json') throw new GraphQLError(`cannot order by jsonb column "${key}"`);
      specs.push({
        column: path.length === 0 ? key : null, // only direct columns can match distinct_on
        kind: column.kind,
        value: (r) => { const s = via(r); return s === null ? null : s[key]; },
        ...DIRECTIONS[value],
      });
    }
  }
  return specs;
}

// ------------------------------------------------------------------ select
// where, then order_by (ties: primary key order), then distinct_on, then offset and limit.
function select(t, args, rows = TABLES[t].rows) {
  let out = args.where ? rows.filter((r) => matchesWhere(t, r, args.where)) : rows;
  let specs = orderSpecs(t, args.order_by);
  const distinct = args.distinct_on ? [...new Set(args.distinct_on)] : null;
  if (distinct && distinct.length > 0) {
    if (specs.length === 0) {
      specs = distinct.map((name) => orderSpecs(t, [{ [name]: 'asc' }])[0]);
    } else {
      const leading = new Set(specs.slice(0, distinct.length).map((s) => s.column));
      if (!distinct.every((name) => leading.has(name))) {
        throw new GraphQLError('"distinct_on" columns must match initial "order_by" columns');
      }
    }
  }
  out = sortRows(out, specs);
  if (distinct && distinct.length > 0) {
    const seen = new Set();
    out = out.filter((r) => {
      const key = JSON.stringify(distinct.map((name) => r[name]));
      return seen.has(key) ? false : (seen.add(key), true);
    });
  }
  return offsetLimit(out, args.offset, args.limit);
}

// ------------------------------------------------------------------ aggregates
function aggregateResolvers(t) {
  const { columns } = TABLES[t];
  const values = (rows, c) => rows.map((r) => r[c.name]).filter((v) => !isNil(v));
  const perColumn = (kinds, f) => (rows) => Object.fromEntries(
    columns.filter((c) => kinds.has(c.kind)).map((c) => [c.name, f(values(rows, c), c)]));
  const extreme = (sign) => (vals, c) => (vals.length === 0 ? null
    : vals.reduce((best, v) => (compareValues(c.kind, v, best) * sign > 0 ? v : best)));
  const sum = (vals, c) => {
    if (vals.length === 0) return null;
    return c.kind === 'int' ? vals.reduce((a, b) => a + b, 0) : sumDecimals(vals);
  };
  return {
    [`${t}_aggregate`]: { aggregate: (rows) => rows, nodes: (rows) => rows },
    [`${t}_aggregate_fields`]: {
      // count(columns): rows where all the listed columns are not null; distinct: distinct
      // combinations of those values.
      count(rows, args) {
        const cols = args.columns || [];
        const kept = rows.filter((r) => cols.every((name) => !isNil(r[name])));
        if (!args.distinct || cols.length === 0) return kept.length;
        return new Set(kept.map((r) => JSON.stringify(cols.map((name) => r[name])))).size;
      },
      max: perColumn(MIN_MAXABLE, extreme(1)),
      min: perColumn(MIN_MAXABLE, extreme(-1)),
      sum: perColumn(SUMMABLE, sum),
      avg: perColumn(SUMMABLE, (vals, c) => (vals.length === 0 ? null : Number(sum(vals, c)) / vals.length)),
    },
  };
}

// jsonb columns take a path argument: "$.a.b", "a.b" or "$.a[0]".
function jsonPath(value, path) {
  if (isNil(path) || path === '' || path === '$') return value;
  const steps = path.replace(/^\$\.?/, '').match(/[^.[\]]+|\[\d+\]/g) || [];
  let v = value;
  for (const step of steps) {
    if (v === null || typeof v !== 'object') return null;
    const key = step.startsWith('[') ? Number(step.slice(1, -1)) : step;
    v = v[key] === undefined ? null : v[key];
  }
  return v;
}

function tableResolvers(t) {
  const { columns, objectRels, arrayRels } = TABLES[t];
  const fields = {};
  for (const c of columns.filter((x) => x.kind === 'json')) fields[c.name] = (r, args) => jsonPath(r[c.name], args.path);
  for (const [name, rel] of Object.entries(objectRels)) fields[name] = (r) => rel.target(r);
  for (const [name, rel] of Object.entries(arrayRels)) {
    fields[name] = (r, args) => select(rel.table, args, rel.targets(r));
    fields[`${name}_aggregate`] = (r, args) => select(rel.table, args, rel.targets(r));
  }
  return { [t]: fields, ...aggregateResolvers(t) };
}

const resolvers = { query_root: {} };
for (const t of Object.keys(TABLES)) {
  Object.assign(resolvers, tableResolvers(t));
  resolvers.query_root[t] = (_, args) => select(t, args);
  resolvers.query_root[`${t}_aggregate`] = (_, args) => select(t, args);
  resolvers.query_root[`${t}_by_pk`] = (_, args) => TABLES[t].rows.find((r) => r.id === args.id) || null;
}

const schema = makeSchema(SDL, {
  scalars: {
    numeric: scalars.decimalAsNumber('numeric'),
    timestamptz: scalars.timestamp('timestamptz'),
    uuid: scalars.uuid('uuid'),
    date: scalars.date('date'),
    jsonb: scalars.json(),
  },
  resolvers,
});

module.exports = { name: 'hasura', SDL, schema, run: (req) => runOn(schema, req) };
