'use strict';
// The shop schema served by /yoga/graphql, /apollo/graphql and /apollo-prod/graphql:
// unions, interfaces, single-object root fields with arguments, connections nested in
// objects, JSON scalars and lists of objects inside objects (data in data.js).

const { GraphQLError, GraphQLScalarType, Kind, valueFromASTUntyped } = require('graphql');
const { makeExecutableSchema } = require('@graphql-tools/schema');
const data = require('./data');

const typeDefs = /* GraphQL */ `
  "Any JSON value."
  scalar JSON
  "An ISO-8601 UTC timestamp, e.g. 2024-01-01T00:00:00Z."
  scalar DateTime

  enum OrderStatus { PENDING PAID SHIPPED DELIVERED CANCELLED }
  enum Tier { FREE PRO ENTERPRISE }

  interface Node { id: ID! }
  interface Account { id: ID!  email: String!  displayName: String!  createdAt: DateTime! }

  type Geo { lat: Float!  lng: Float! }
  type Address { street: String!  city: String!  zip: String!  country: String!  geo: Geo }

  type Customer implements Node & Account {
    id: ID!
    email: String!
    displayName: String!
    createdAt: DateTime!
    name: String!
    tier: Tier!
    address: Address
    addresses: [Address!]!
    tags: [String!]!
    preferences: JSON
    "Fails (FORBIDDEN) for every 5th customer: cust_5, cust_10, cust_15, cust_20."
    creditLimit: Float
    orderCount: Int!
    orders(first: Int = 10, after: String, status: OrderStatus): OrderConnection!
    reviews: [Review!]!
  }

  type Staff implements Node & Account {
    id: ID!
    email: String!
    displayName: String!
    createdAt: DateTime!
    role: String!
    permissions: [String!]!
  }

  type Product implements Node {
    id: ID!
    sku: String!
    name: String!
    price: Float!
    category: String!
    inStock: Boolean!
    specs: JSON
    reviews(first: Int = 10, after: String, minRating: Int): ReviewConnection!
  }

  type Review implements Node {
    id: ID!
    rating: Int!
    title: String!
    body: String
    author: Customer!
    product: Product!
  }

  type OrderLine {
    lineNo: Int!
    sku: String!
    quantity: Int!
    unitPrice: Float!
    amount: Float!
    product: Product!
    options: JSON
  }

  type ShipmentEvent { at: DateTime!  status: String!  location: String }
  type Shipment {
    carrier: String!
    trackingNumber: String!
    shippedAt: DateTime!
    deliveredAt: DateTime
    events: [ShipmentEvent!]!
  }

  type CardPayment { id: ID!  amount: Float!  brand: String!  last4: String! }
  type BankTransfer { id: ID!  amount: Float!  iban: String!  reference: String! }
  type GiftCard { id: ID!  amount: Float!  code: String! }
  union Payment = CardPayment | BankTransfer | GiftCard

  type Order implements Node {
    id: ID!
    number: Int!
    status: OrderStatus!
    total: Float!
    currency: String!
    createdAt: DateTime!
    note: String
    customer: Customer!
    lines: [OrderLine!]!
    payments: [Payment!]!
    shipment: Shipment
    metadata: JSON
  }

  type PageInfo { hasNextPage: Boolean!  hasPreviousPage: Boolean!  startCursor: String  endCursor: String }
  type OrderEdge { cursor: String!  node: Order! }
  type OrderConnection { edges: [OrderEdge!]!  nodes: [Order!]!  pageInfo: PageInfo!  totalCount: Int! }
  type CustomerEdge { cursor: String!  node: Customer! }
  type CustomerConnection { edges: [CustomerEdge!]!  nodes: [Customer!]!  pageInfo: PageInfo!  totalCount: Int! }
  type ReviewEdge { cursor: String!  node: Review! }
  type ReviewConnection {
    edges: [ReviewEdge!]!
    nodes: [Review!]!
    pageInfo: PageInfo!
    totalCount: Int!
    averageRating: Float
  }

  union SearchResult = Customer | Staff | Product | Order

  type Stats {
    customers: Int!
    staff: Int!
    products: Int!
    orders: Int!
    revenue: Float!
    byStatus: JSON!
  }

  type Query {
    customer(id: ID!): Customer
    order(number: Int!): Order
    product(sku: String!): Product
    node(id: ID!): Node
    accounts(kind: String): [Account!]!
    search(text: String!, limit: Int = 20): [SearchResult!]!
    customers(first: Int = 10, after: String, tier: Tier): CustomerConnection!
    orders(first: Int = 10, after: String, status: OrderStatus, customerId: ID): OrderConnection!
    products(category: String, inStock: Boolean): [Product!]!
    settings: JSON!
    config(section: String!): JSON
    echo(value: JSON): JSON
    "The JSON value that text is, for values a PostgreSQL jsonb argument cannot carry (U+0000)."
    parseJson(text: String!): JSON
    stats: Stats!
  }
`;

const MAX_PAGE = 100;
const cursor = (pos) => Buffer.from(`shop:${pos}`, 'utf8').toString('base64');

function decodeCursor(text) {
  const m = /^shop:(\d+)$/.exec(Buffer.from(String(text), 'base64').toString('utf8'));
  if (!m || cursor(Number(m[1])) !== text) {
    throw new GraphQLError(`invalid cursor: ${text}`, { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return Number(m[1]);
}

function paginate(items, args, extra) {
  const first = args.first == null ? 10 : args.first;
  if (first < 0 || first > MAX_PAGE) {
    throw new GraphQLError(`first must be between 0 and ${MAX_PAGE}, not ${first}`, { extensions: { code: 'BAD_USER_INPUT' } });
  }
  const start = args.after != null ? Math.min(items.length, decodeCursor(args.after)) : 0;
  const end = Math.min(items.length, start + first);
  const nodes = items.slice(start, end);
  const edges = nodes.map((node, i) => ({ cursor: cursor(start + i + 1), node }));
  return {
    totalCount: items.length,
    nodes,
    edges,
    pageInfo: {
      hasNextPage: end < items.length,
      hasPreviousPage: start > 0,
      startCursor: edges.length ? edges[0].cursor : null,
      endCursor: edges.length ? edges[edges.length - 1].cursor : null,
    },
    ...(extra || {}),
  };
}

const JSONScalar = new GraphQLScalarType({
  name: 'JSON',
  description: 'Any JSON value.',
  serialize: (v) => v,
  parseValue: (v) => v,
  parseLiteral: (ast, variables) => valueFromASTUntyped(ast, variables),
});

const DateTime = new GraphQLScalarType({
  name: 'DateTime',
  description: 'An ISO-8601 UTC timestamp, e.g. 2024-01-01T00:00:00Z.',
  serialize: (v) => (v instanceof Date ? v.toISOString() : String(v)),
  parseValue: (v) => String(v),
  parseLiteral: (ast) => (ast.kind === Kind.STRING ? ast.value : null),
});

const customerOrders = (c) => data.orders.filter((o) => o.customerId === c.id);
const filterOrders = (list, args) => (args.status ? list.filter((o) => o.status === args.status) : list);

function search(text, limit) {
  const t = String(text).toLowerCase();
  const lists = [
    data.customers.filter((c) => c.name.toLowerCase().includes(t) || c.email.includes(t)),
    data.staff.filter((s) => s.displayName.toLowerCase().includes(t) || s.email.includes(t)),
    data.products.filter((p) => p.name.toLowerCase().includes(t) || p.sku.toLowerCase().includes(t)),
    data.orders.filter((o) => String(o.number).includes(t)),
  ];
  // round robin over the four kinds, each in id order
  const out = [];
  for (let i = 0; out.length < limit && lists.some((l) => i < l.length); i++) {
    for (const l of lists) if (i < l.length && out.length < limit) out.push(l[i]);
  }
  return out;
}

const resolvers = {
  JSON: JSONScalar,
  DateTime,
  Node: { __resolveType: (x) => x.__typename },
  Account: { __resolveType: (x) => x.__typename },
  SearchResult: { __resolveType: (x) => x.__typename },
  Payment: { __resolveType: (x) => x.__typename },
  Query: {
    customer: (_, { id }) => data.customers.find((c) => c.id === id) || null,
    order: (_, { number }) => data.orders.find((o) => o.number === number) || null,
    product: (_, { sku }) => data.products.find((p) => p.sku === sku) || null,
    node: (_, { id }) => data.byId.get(id) || null,
    accounts: (_, { kind }) => [
      ...(kind == null || kind === 'customer' ? data.customers : []),
      ...(kind == null || kind === 'staff' ? data.staff : []),
    ],
    search: (_, { text, limit }) => search(text, limit == null ? 20 : limit),
    customers: (_, args) => paginate(args.tier ? data.customers.filter((c) => c.tier === args.tier) : data.customers, args),
    orders: (_, args) => paginate(filterOrders(args.customerId ? data.orders.filter((o) => o.customerId === args.customerId) : data.orders, args), args),
    products: (_, args) => data.products.filter((p) => (args.category == null || p.category === args.category)
      && (args.inStock == null || p.inStock === args.inStock)),
    settings: () => data.SETTINGS,
    config: (_, { section }) => (Object.prototype.hasOwnProperty.call(data.SETTINGS, section) ? data.SETTINGS[section] : null),
    echo: (_, { value }) => (value === undefined ? null : value),
    parseJson: (_, { text }) => JSON.parse(text),
    stats: () => ({
      customers: data.customers.length,
      staff: data.staff.length,
      products: data.products.length,
      orders: data.orders.length,
      revenue: Math.round(data.orders.filter((o) => o.status !== 'CANCELLED').reduce((s, o) => s + o.total, 0) * 100) / 100,
      byStatus: Object.fromEntries(data.STATUSES.map((s) => [s, data.orders.filter((o) => o.status === s).length])),
    }),
  },
  Customer: {
    creditLimit: (c) => {
      if (c.n % 5 === 0) {
        throw new GraphQLError(`credit limit of ${c.id} is not available`, { extensions: { code: 'FORBIDDEN' } });
      }
      return [500, 2000, 10000][c.n % 3];
    },
    orderCount: (c) => customerOrders(c).length,
    orders: (c, args) => paginate(filterOrders(customerOrders(c), args), args),
    reviews: (c) => data.reviews.filter((r) => r.authorId === c.id),
  },
  Product: {
    reviews: (p, args) => {
      const list = data.reviews.filter((r) => r.productId === p.id && (args.minRating == null || r.rating >= args.minRating));
      const avg = list.length ? Math.round((list.reduce((s, r) => s + r.rating, 0) / list.length) * 100) / 100 : null;
      return paginate(list, args, { averageRating: avg });
    },
  },
  Review: {
    author: (r) => data.byId.get(r.authorId),
    product: (r) => data.byId.get(r.productId),
  },
  OrderLine: { product: (l) => data.byId.get(l.productId) },
  Order: { customer: (o) => data.byId.get(o.customerId) },
};

function buildShopSchema() {
  return makeExecutableSchema({ typeDefs, resolvers });
}

module.exports = { typeDefs, resolvers, buildShopSchema, JSONScalar };
