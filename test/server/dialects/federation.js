'use strict';
// "federation": an Apollo Federation v2 subgraph (products and reviews) written in plain
// SDL, without @apollo packages. SUBGRAPH_SDL is what the subgraph's authors wrote and what
// _service.sdl returns; the schema adds what @apollo/subgraph would add (_Any, _Entity,
// _Service, Query._entities, Query._service).

const { GraphQLError } = require('graphql');
const { makeSchema, runOn } = require('./build');
const scalars = require('./scalars');
const data = require('./data');

const SUBGRAPH_SDL = `extend schema
  @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])

type Product @key(fields: "upc") {
  upc: String!
  name: String @shareable
  price: Int
  weight: Int
  inStock: Boolean!
  reviews: [Review!]!
}

type Review @key(fields: "id") {
  id: ID!
  body: String!
  rating: Int!
  authorName: String
  product: Product!
}

type Query {
  topProducts(first: Int = 5): [Product]
  reviews: [Review!]!
}
`;

// Definitions a federation-aware server provides, so that the SDL above builds.
const FEDERATION_SDL = `
directive @link(url: String!, as: String, for: link__Purpose, import: [link__Import]) repeatable on SCHEMA
directive @key(fields: federation__FieldSet!, resolvable: Boolean = true) repeatable on OBJECT | INTERFACE
directive @shareable repeatable on OBJECT | FIELD_DEFINITION
scalar link__Import
enum link__Purpose { SECURITY EXECUTION }
scalar federation__FieldSet
scalar _Any
type _Service { sdl: String }
union _Entity = Product | Review
extend type Query {
  _entities(representations: [_Any!]!): [_Entity]!
  _service: _Service!
}
`;

const SDL = SUBGRAPH_SDL + FEDERATION_SDL;

// 8 products (upc "1".."8", the first 8 catalog names) and 16 reviews, 2 per product.
const products = data.PRODUCTS.slice(0, 8).map((p) => ({
  __typename: 'Product',
  upc: String(p.id),
  name: p.name,
  price: Math.round(Number(p.price) * 100), // cents
  weight: p.attributes.weight_g,
  inStock: p.stock !== null && p.stock > 0,
}));
const AUTHORS = ['Ada', 'Linus', 'Grace', null];
const reviews = Array.from({ length: 16 }, (_, i) => ({
  __typename: 'Review',
  id: String(i + 1),
  body: `Review ${i + 1} of ${products[i % 8].name}`,
  rating: ((i * 3) % 5) + 1,
  authorName: AUTHORS[i % 4],
  upc: products[i % 8].upc,
}));
const productByUpc = new Map(products.map((p) => [p.upc, p]));

// Representations are {__typename, <key fields>}; an unknown key gives null, as subgraphs do.
function resolveEntity(rep) {
  if (rep === null || typeof rep !== 'object' || typeof rep.__typename !== 'string') {
    throw new GraphQLError('representation must be an object with a string "__typename"');
  }
  if (rep.__typename === 'Product') return productByUpc.get(String(rep.upc)) || null;
  if (rep.__typename === 'Review') return reviews.find((r) => r.id === String(rep.id)) || null;
  throw new GraphQLError(`The _entities resolver tried to load an entity for type "${rep.__typename}", but no object type of that name was found in the schema`);
}

const resolvers = {
  Query: {
    topProducts: (_, args) => {
      if (args.first != null && args.first < 0) throw new GraphQLError('argument "first" must not be negative');
      return products.slice(0, args.first == null ? products.length : args.first);
    },
    reviews: () => reviews,
    // A bad representation fails only its own item (an Error in a list becomes that item's
    // error and null), as in @apollo/subgraph.
    _entities: (_, args) => args.representations.map((rep) => {
      try { return resolveEntity(rep); } catch (e) { return e; }
    }),
    _service: () => ({ sdl: SUBGRAPH_SDL }),
  },
  Product: { reviews: (p) => reviews.filter((r) => r.upc === p.upc) },
  Review: { product: (r) => productByUpc.get(r.upc) },
};

const schema = makeSchema(SDL, {
  scalars: { _Any: scalars.json(), federation__FieldSet: scalars.string('federation__FieldSet'), link__Import: scalars.json() },
  resolvers,
});

module.exports = { name: 'federation', SDL, SUBGRAPH_SDL, schema, run: (req) => runOn(schema, req) };
