'use strict';
// SDL generation for the "hasura" dialect: from table descriptions (see hasura.js) to the
// types Hasura v2 generates per table (<t>, <t>_bool_exp, <t>_order_by, <t>_select_column,
// <t>_aggregate*), the <type>_comparison_exp inputs and query_root.

const BASE_OPS = ['_eq', '_gt', '_gte', '_in', '_is_null', '_lt', '_lte', '_neq', '_nin'];
const TEXT_OPS = ['_ilike', '_like', '_nilike', '_nlike'];
const JSON_OPS = ['_contained_in', '_contains', '_eq', '_has_key', '_has_keys_all', '_has_keys_any', '_is_null', '_neq'];
const SUMMABLE = new Set(['int', 'decimal']);
const MIN_MAXABLE = new Set(['int', 'decimal', 'text', 'timestamptz', 'date']);

function comparisonSdl(type, kind) {
  const opType = (op) => {
    if (op === '_is_null') return 'Boolean';
    if (op === '_in' || op === '_nin') return `[${type}!]`;
    if (op === '_has_key') return 'String';
    if (op === '_has_keys_all' || op === '_has_keys_any') return '[String!]';
    return type;
  };
  const ops = kind === 'json' ? JSON_OPS : kind === 'text' ? [...BASE_OPS, ...TEXT_OPS].sort() : BASE_OPS;
  return `"Boolean expression to compare columns of type \\"${type}\\". All fields are combined with logical 'AND'."
input ${type}_comparison_exp {\n${ops.map((op) => `  ${op}: ${opType(op)}`).join('\n')}\n}`;
}

const LIST_ARGS = (t) => `(
    "distinct select on columns"
    distinct_on: [${t}_select_column!]
    "limit the number of rows returned"
    limit: Int
    "skip the first n rows. Use only with order_by"
    offset: Int
    "sort the rows by one or more columns"
    order_by: [${t}_order_by!]
    "filter the rows returned"
    where: ${t}_bool_exp
  )`;

function tableSdlOf(TABLES, t) {
  const { columns, objectRels, arrayRels } = TABLES[t];
  const fields = columns.map((c) => {
    const args = c.kind === 'json' ? '(\n    "JSON select path"\n    path: String\n  )' : '';
    return `  ${c.name}${args}: ${c.type}${c.nonNull ? '!' : ''}`;
  });
  for (const [name, rel] of Object.entries(objectRels)) {
    fields.push(`  "An object relationship"\n  ${name}: ${rel.table}`);
  }
  for (const [name, rel] of Object.entries(arrayRels)) {
    fields.push(`  "An array relationship"\n  ${name}${LIST_ARGS(rel.table)}: [${rel.table}!]!`);
    fields.push(`  "An aggregate relationship"\n  ${name}_aggregate${LIST_ARGS(rel.table)}: ${rel.table}_aggregate!`);
  }
  const rels = { ...objectRels, ...arrayRels };
  const aggFields = (kinds, typeOf) => columns.filter((c) => kinds.has(c.kind)).map((c) => `  ${c.name}: ${typeOf(c)}`).join('\n');
  return `
"columns and relationships of \\"${t}\\""
type ${t} {\n${fields.join('\n')}\n}

"Boolean expression to filter rows from the table \\"${t}\\". All fields are combined with a logical 'AND'."
input ${t}_bool_exp {
  _and: [${t}_bool_exp!]
  _not: ${t}_bool_exp
  _or: [${t}_bool_exp!]
${columns.map((c) => `  ${c.name}: ${c.type}_comparison_exp`).join('\n')}
${Object.entries(rels).map(([name, rel]) => `  ${name}: ${rel.table}_bool_exp`).join('\n')}
}

"Ordering options when selecting data from \\"${t}\\"."
input ${t}_order_by {
${columns.map((c) => `  ${c.name}: order_by`).join('\n')}
${Object.entries(objectRels).map(([name, rel]) => `  ${name}: ${rel.table}_order_by`).join('\n')}
}

"select columns of table \\"${t}\\""
enum ${t}_select_column {
${columns.map((c) => `  "column name"\n  ${c.name}`).join('\n')}
}

"aggregated selection of \\"${t}\\""
type ${t}_aggregate { aggregate: ${t}_aggregate_fields, nodes: [${t}!]! }

"aggregate fields of \\"${t}\\""
type ${t}_aggregate_fields {
  avg: ${t}_avg_fields
  count(columns: [${t}_select_column!], distinct: Boolean): Int!
  max: ${t}_max_fields
  min: ${t}_min_fields
  sum: ${t}_sum_fields
}
type ${t}_avg_fields {\n${aggFields(SUMMABLE, () => 'Float')}\n}
type ${t}_max_fields {\n${aggFields(MIN_MAXABLE, (c) => c.type)}\n}
type ${t}_min_fields {\n${aggFields(MIN_MAXABLE, (c) => c.type)}\n}
type ${t}_sum_fields {\n${aggFields(SUMMABLE, (c) => c.type)}\n}
`;
}

function rootSdl(TABLES) {
  const fields = Object.keys(TABLES).sort().map((t) => `
  "fetch data from the table: \\"${t}\\""
  ${t}${LIST_ARGS(t)}: [${t}!]!
  "fetch aggregated fields from the table: \\"${t}\\""
  ${t}_aggregate${LIST_ARGS(t)}: ${t}_aggregate!
  "fetch data from the table: \\"${t}\\" using primary key columns"
  ${t}_by_pk(id: Int!): ${t}`);
  return `type query_root {${fields.join('')}\n}`;
}

function hasuraSdl(TABLES, TYPE) {
  const tableSdl = (t) => tableSdlOf(TABLES, t);
  const SCALAR_KINDS = [...new Set(Object.values(TABLES).flatMap((t) => t.columns.map((c) => c.kind)))];
  return `schema { query: query_root }

scalar numeric
scalar timestamptz
scalar uuid
scalar date
scalar jsonb

"column ordering options"
enum order_by {
  "in ascending order, nulls last"
  asc
  "in ascending order, nulls first"
  asc_nulls_first
  "in ascending order, nulls last"
  asc_nulls_last
  "in descending order, nulls first"
  desc
  "in descending order, nulls first"
  desc_nulls_first
  "in descending order, nulls last"
  desc_nulls_last
}

${SCALAR_KINDS.map((k) => comparisonSdl(TYPE[k], k)).join('\n\n')}
${Object.keys(TABLES).map(tableSdl).join('')}
${rootSdl(TABLES)}
`;
}

module.exports = { hasuraSdl, SUMMABLE, MIN_MAXABLE };
