'use strict';
// SDL generation for the "postgraphile" dialect: from table descriptions (see
// postgraphile.js) to the types PostGraphile v4 and postgraphile-plugin-connection-filter
// generate (<Type>, <Types>Connection, <Types>Edge, <Types>OrderBy, <Type>Condition,
// <Type>Filter, <Scalar>Filter) and Query.

const BASE_OPS = ['isNull', 'equalTo', 'notEqualTo', 'distinctFrom', 'notDistinctFrom', 'in', 'notIn',
  'lessThan', 'lessThanOrEqualTo', 'greaterThan', 'greaterThanOrEqualTo'];
const STRING_OPS = ['includes', 'includesInsensitive', 'startsWith', 'endsWith',
  'like', 'notLike', 'likeInsensitive', 'notLikeInsensitive'];

function filterTypeSdl(type, kind) {
  const ops = kind === 'text' ? [...BASE_OPS, ...STRING_OPS] : BASE_OPS;
  const opType = (op) => (op === 'isNull' ? 'Boolean' : op === 'in' || op === 'notIn' ? `[${type}!]` : type);
  return `"A filter to be used against ${type} fields. All fields are combined with a logical ‘and.’"
input ${type}Filter {\n${ops.map((op) => `  ${op}: ${opType(op)}`).join('\n')}\n}`;
}

const screaming = (name) => name.replace(/([A-Z])/g, '_$1').toUpperCase();
// JSON and array columns are not orderable or filterable here.
const comparable = (c) => c.kind !== 'json' && c.kind !== 'text_list';

const CONNECTION_ARGS = (TABLES, t) => {
  const { type, plural } = TABLES[t];
  return `(
    "Only read the first \`n\` values of the set."
    first: Int
    "Only read the last \`n\` values of the set."
    last: Int
    "Skip the first \`n\` values from our \`after\` cursor, an alternative to cursor based pagination. May not be used with \`last\`."
    offset: Int
    "Read all values in the set before (above) this cursor."
    before: Cursor
    "Read all values in the set after (below) this cursor."
    after: Cursor
    "The method to use when ordering \`${type}\`."
    orderBy: [${plural}OrderBy!] = [PRIMARY_KEY_ASC]
    "A condition to be used in determining which values should be returned by the collection."
    condition: ${type}Condition
    "A filter to be used in determining which values should be returned by the collection."
    filter: ${type}Filter
  )`;
};

function tableSdl(TABLES, t, relationFields) {
  const { type, plural, columns } = TABLES[t];
  return `
type ${type} implements Node {
  "A globally unique identifier. Can be used in various places throughout the system to identify this single value."
  nodeId: ID!
${columns.map((c) => `  ${c.name}: ${c.type}${c.nonNull ? '!' : ''}`).join('\n')}
${relationFields}
}

"A connection to a list of \`${type}\` values."
type ${plural}Connection {
  "A list of \`${type}\` objects."
  nodes: [${type}]!
  "A list of edges which contains the \`${type}\` and cursor to aid in pagination."
  edges: [${plural}Edge!]!
  "Information to aid in pagination."
  pageInfo: PageInfo!
  "The count of *all* \`${type}\` you could get from the connection."
  totalCount: Int!
}

"A \`${type}\` edge in the connection."
type ${plural}Edge {
  "A cursor for use in pagination."
  cursor: Cursor
  "The \`${type}\` at the end of the edge."
  node: ${type}
}

"Methods to use when ordering \`${type}\`."
enum ${plural}OrderBy {
  NATURAL
${columns.filter(comparable).map((c) => `  ${screaming(c.name)}_ASC\n  ${screaming(c.name)}_DESC`).join('\n')}
  PRIMARY_KEY_ASC
  PRIMARY_KEY_DESC
}

"A condition to be used against \`${type}\` object types. All fields are tested for equality and combined with a logical ‘and.’"
input ${type}Condition {
${columns.filter((c) => c.kind !== 'text_list').map((c) => `  ${c.name}: ${c.type}`).join('\n')}
}

"A filter to be used against \`${type}\` object types. All fields are combined with a logical ‘and.’"
input ${type}Filter {
${columns.filter(comparable).map((c) => `  ${c.name}: ${c.type}Filter`).join('\n')}
  "Checks for all expressions in this list."
  and: [${type}Filter!]
  "Checks for any expressions in this list."
  or: [${type}Filter!]
  "Negates the expression."
  not: ${type}Filter
}
`;
}

function postgraphileSdl(TABLES, TYPE) {
  const FILTER_KINDS = [...new Set(Object.values(TABLES).flatMap((t) => t.columns.filter(comparable).map((c) => c.kind)))];
  return `
"A signed eight-byte integer. The upper big integer values are greater than the max value for a JavaScript number. Therefore all big integers will be output as strings and not numbers."
scalar BigInt
"A floating point number that requires more precision than IEEE 754 binary 64"
scalar BigFloat
"A point in time as described by the [ISO 8601](https://en.wikipedia.org/wiki/ISO_8601) standard. May or may not include a timezone."
scalar Datetime
"The day, does not include a time."
scalar Date
"A universally unique identifier as defined by [RFC 4122](https://tools.ietf.org/html/rfc4122)."
scalar UUID
"A JavaScript object encoded in the JSON format as specified by [ECMA-404](http://www.ecma-international.org/publications/files/ECMA-ST/ECMA-404.pdf)."
scalar JSON
"A location in a connection that can be used for resuming pagination."
scalar Cursor

enum OrderStatus { PENDING PAID SHIPPED CANCELLED }

"An object with a globally unique \`ID\`."
interface Node {
  "A globally unique identifier. Can be used in various places throughout the system to identify this single value."
  nodeId: ID!
}

"Information about pagination in a connection."
type PageInfo {
  "When paginating forwards, are there more items?"
  hasNextPage: Boolean!
  "When paginating backwards, are there more items?"
  hasPreviousPage: Boolean!
  "When paginating backwards, the cursor to continue."
  startCursor: Cursor
  "When paginating forwards, the cursor to continue."
  endCursor: Cursor
}

${FILTER_KINDS.map((k) => filterTypeSdl(TYPE[k], k)).join('\n\n')}
${tableSdl(TABLES, 'users', `  "Reads and enables pagination through a set of \`Order\`."
  ordersByUserId${CONNECTION_ARGS(TABLES, 'orders')}: OrdersConnection!`)}
${tableSdl(TABLES, 'orders', '  "Reads a single `User` that is related to this `Order`."\n  userByUserId: User')}
"The root query type which gives access points into the data universe."
type Query implements Node {
  "Exposes the root query type nested one level down. This is helpful for Relay 1 which can only query top level fields if they are in a particular form."
  query: Query!
  "The root query type must be a \`Node\` to work well with Relay 1 mutations. This just resolves to \`query\`."
  nodeId: ID!
  "Fetches an object given its globally unique \`ID\`."
  node(nodeId: ID!): Node
  "Reads and enables pagination through a set of \`Order\`."
  allOrders${CONNECTION_ARGS(TABLES, 'orders')}: OrdersConnection
  "Reads and enables pagination through a set of \`User\`."
  allUsers${CONNECTION_ARGS(TABLES, 'users')}: UsersConnection
  orderById(id: Int!): Order
  userById(id: Int!): User
  "Reads a single \`Order\` using its globally unique \`ID\`."
  orderByNodeId(nodeId: ID!): Order
  "Reads a single \`User\` using its globally unique \`ID\`."
  userByNodeId(nodeId: ID!): User
}
`;
}

module.exports = { postgraphileSdl, screaming, comparable };
