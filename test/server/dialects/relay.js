'use strict';
// "relay": plain Relay connections as graphql-relay-js builds them. products has edges and
// totalCount but no nodes; categories has nodes but no edges and no totalCount. Cursors are
// base64("arrayconnection:INDEX") and global ids base64("Type:ID").

const { GraphQLError } = require('graphql');
const { makeSchema, runOn } = require('./build');
const scalars = require('./scalars');
const data = require('./data');
const { checkNonNegative, base64, unbase64 } = require('./rows');

const SDL = `
"An opaque cursor for paging through a connection."
scalar ConnectionCursor

"An object with an ID"
interface Node {
  "The id of the object."
  id: ID!
}

type PageInfo {
  hasNextPage: Boolean!
  hasPreviousPage: Boolean!
  startCursor: ConnectionCursor
  endCursor: ConnectionCursor
}

type Category implements Node {
  id: ID!
  name: String!
  slug: String!
}

type Product implements Node {
  id: ID!
  sku: String!
  name: String!
  price: Float!
  stock: Int
  category: Category
}

type ProductEdge { cursor: ConnectionCursor!, node: Product! }
type ProductConnection { edges: [ProductEdge!]!, pageInfo: PageInfo!, totalCount: Int! }
type CategoryConnection { nodes: [Category!]!, pageInfo: PageInfo! }

type Query {
  products(first: Int, after: ConnectionCursor): ProductConnection!
  categories(first: Int, after: ConnectionCursor): CategoryConnection!
  "Fetches an object given its ID"
  node(id: ID!): Node
}
`;

const globalId = (type, id) => base64(`${type}:${id}`);
const categories = data.CATEGORIES.map((c) => ({ __typename: 'Category', ...c, id: globalId('Category', c.id) }));
const products = data.PRODUCTS.map((p) => ({
  __typename: 'Product',
  id: globalId('Product', p.id),
  sku: p.sku,
  name: p.name,
  price: Number(p.price),
  stock: p.stock,
  category: categories[p.category_id - 1],
}));
const nodesById = new Map([...products, ...categories].map((n) => [n.id, n]));

const PREFIX = 'arrayconnection:';
const cursorAt = (index) => base64(PREFIX + index);

function indexOfCursor(cursor) {
  const text = unbase64(cursor);
  const index = Number(text.slice(PREFIX.length));
  if (!text.startsWith(PREFIX) || !Number.isInteger(index) || index < 0 || cursorAt(index) !== cursor) {
    throw new GraphQLError('invalid cursor');
  }
  return index;
}

// Rows after `after` (exclusive), then the first `first` (default: all).
function connectionOf(rows, args) {
  checkNonNegative('first', args.first);
  const start = args.after == null ? 0 : Math.min(rows.length, indexOfCursor(args.after) + 1);
  const end = args.first == null ? rows.length : Math.min(rows.length, start + args.first);
  const page = rows.slice(start, end);
  return {
    edges: page.map((node, i) => ({ cursor: cursorAt(start + i), node })),
    nodes: page,
    pageInfo: {
      hasNextPage: end < rows.length,
      hasPreviousPage: start > 0,
      startCursor: page.length ? cursorAt(start) : null,
      endCursor: page.length ? cursorAt(end - 1) : null,
    },
    totalCount: rows.length,
  };
}

const resolvers = {
  Query: {
    products: (_, args) => connectionOf(products, args),
    categories: (_, args) => connectionOf(categories, args),
    node: (_, args) => nodesById.get(args.id) || null,
  },
};

const schema = makeSchema(SDL, { scalars: { ConnectionCursor: scalars.string('ConnectionCursor') }, resolvers });

module.exports = { name: 'relay', SDL, schema, run: (req) => runOn(schema, req) };
