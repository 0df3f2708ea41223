'use strict';
// POST /subgraph/graphql: an Apollo Federation 2 subgraph (@apollo/subgraph) over the
// shop data, served by @apollo/server. Entities: Product @key(fields: "id") and
// @key(fields: "sku"), Customer @key(fields: "id"); so _entities(representations:)
// answers members of the union _Entity = Customer | Product, and _service { sdl } works.

const gql = require('graphql-tag');
const { buildSubgraphSchema } = require('@apollo/subgraph');
const data = require('./shop/data');
const { JSONScalar } = require('./shop/schema');
const apollo = require('./apollo');

const typeDefs = gql`
  extend schema
    @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])

  scalar JSON

  type Product @key(fields: "id") @key(fields: "sku") {
    id: ID!
    sku: String!
    name: String!
    price: Float!
    inStock: Boolean!
    specs: JSON
    reviews: [Review!]!
  }

  type Customer @key(fields: "id") {
    id: ID!
    displayName: String!
    reviews: [Review!]!
  }

  type Review {
    id: ID!
    rating: Int!
    title: String!
    product: Product!
    author: Customer!
  }

  type Query {
    topProducts(first: Int = 5): [Product!]!
    product(id: ID!): Product
  }
`;

const reviewsOf = (pred) => data.reviews.filter(pred);

const resolvers = {
  JSON: JSONScalar,
  Query: {
    topProducts: (_, { first }) => data.products.slice(0, Math.max(0, Math.min(first == null ? 5 : first, 100))),
    product: (_, { id }) => data.products.find((p) => p.id === id) || null,
  },
  Product: {
    __resolveReference: (ref) => data.products.find((p) => (ref.id != null ? p.id === ref.id : p.sku === ref.sku)) || null,
    reviews: (p) => reviewsOf((r) => r.productId === p.id),
  },
  Customer: {
    __resolveReference: (ref) => data.customers.find((c) => c.id === ref.id) || null,
    reviews: (c) => reviewsOf((r) => r.authorId === c.id),
  },
  Review: {
    product: (r) => data.byId.get(r.productId),
    author: (r) => data.byId.get(r.authorId),
  },
};

function create() {
  const schema = buildSubgraphSchema([{ typeDefs, resolvers }]);
  return apollo.create({ schema, production: false });
}

module.exports = { create, typeDefs };
