'use strict';
// "plain": a hand-written schema with no paging convention beyond limit/offset, and with
// the type-system features an importer must handle: custom scalars, enum, list of scalars,
// nested object (Address, reachable only through User), interface (Owner), union (Payment),
// a field with arguments (User.orders), a required argument that is not a column
// (searchProducts.query), scalar and list-of-scalar root fields.

const { GraphQLError } = require('graphql');
const { makeSchema, runOn } = require('./build');
const scalars = require('./scalars');
const data = require('./data');
const { offsetLimit } = require('./rows');

const SDL = `
"A 64-bit integer, sent as a string."
scalar BigInt
"An arbitrary-precision decimal, sent as a string."
scalar BigFloat
"ISO 8601 timestamp with offset."
scalar Datetime
scalar Date
scalar Time
scalar UUID
scalar JSON

enum OrderStatus { PENDING PAID SHIPPED CANCELLED }

interface Owner { name: String! }

type Address { street: String!, city: String!, zip: String, country: String }

type User implements Owner {
  id: Int!
  name: String!
  email: String
  big_id: BigInt!
  balance: BigFloat
  created_at: Datetime!
  birthday: Date
  wake_up: Time
  uuid: UUID!
  is_active: Boolean!
  prefs: JSON
  nicknames: [String!]!
  address: Address
  orders(limit: Int): [Order!]!
}

type Company implements Owner { id: Int!, name: String!, country: String }

type CardPayment { brand: String!, last4: String! }
type BankPayment { iban: String!, bank_name: String }
union Payment = CardPayment | BankPayment

type Order {
  id: ID!
  user_id: Int
  status: OrderStatus!
  amount: BigFloat!
  quantity: Int
  placed_at: Datetime!
  ship_date: Date
  note: String
  is_paid: Boolean!
  ref: UUID!
  tags: [String!]!
  meta: JSON
  payment: Payment
  user: User
}

type Product {
  id: Int!
  sku: String!
  name: String!
  price: BigFloat!
  stock: Int
  uuid: UUID!
  released_on: Date
  attributes: JSON
  owner: Owner
}

type Query {
  users(id: Int, name: String, limit: Int, offset: Int): [User!]!
  orders(user_id: Int, status: OrderStatus): [Order]
  order(id: ID!): Order
  searchProducts(query: String!, limit: Int, offset: Int): [Product!]!
  serverTime: String
  tags: [String!]!
}
`;

// ------------------------------------------------------------------ rows
const users = data.USERS.map((u) => ({
  __typename: 'User',
  ...u,
  big_id: u.points, // 9007199254740993 for user 1
  uuid: u.external_id,
}));
const usersById = new Map(users.map((u) => [u.id, u]));
const companiesById = new Map(data.COMPANIES.map((c) => [c.id, { __typename: 'Company', ...c }]));

const BRANDS = ['VISA', 'MASTERCARD', 'AMEX'];
// Orders j % 3 == 0 paid by card, j % 3 == 1 by bank transfer, the rest have no payment.
function paymentFor(j) {
  if (j % 3 === 0) return { __typename: 'CardPayment', brand: BRANDS[(j / 3) % 3], last4: String(1000 + j * 37).slice(-4) };
  if (j % 3 === 1) return { __typename: 'BankPayment', iban: `DE${String(j).padStart(20, '0')}`, bank_name: j % 2 ? 'Sparkasse' : null };
  return null;
}

const orders = data.ORDERS.map((o) => ({ ...o, payment: paymentFor(o.id) }));
const products = data.PRODUCTS.slice(0, 20).map((p) => ({
  ...p,
  owner: p.owner.kind === 'user' ? usersById.get(p.owner.id) : companiesById.get(p.owner.id),
}));

// The fixed instant the server claims to be at, so answers never change.
const SERVER_TIME = '2024-06-01T12:00:00Z';

const resolvers = {
  Query: {
    users(_, args) {
      let rows = users;
      if (args.id != null) rows = rows.filter((u) => u.id === args.id);
      if (args.name != null) rows = rows.filter((u) => u.name === args.name); // exact, case-sensitive
      return offsetLimit(rows, args.offset, args.limit);
    },
    orders(_, args) {
      let rows = orders;
      if (args.user_id != null) rows = rows.filter((o) => o.user_id === args.user_id);
      if (args.status != null) rows = rows.filter((o) => o.status === args.status);
      return rows;
    },
    order(_, args) {
      return orders.find((o) => String(o.id) === args.id) || null;
    },
    searchProducts(_, args) {
      if (args.query === '') throw new GraphQLError('argument "query" must not be empty');
      const needle = args.query.toLowerCase();
      return offsetLimit(products.filter((p) => p.name.toLowerCase().includes(needle)), args.offset, args.limit);
    },
    serverTime: () => SERVER_TIME,
    tags: () => [...new Set(orders.flatMap((o) => o.tags))].sort(),
  },
  User: {
    orders(user, args) {
      return offsetLimit(orders.filter((o) => o.user_id === user.id), 0, args.limit);
    },
  },
  Order: {
    user: (order) => usersById.get(order.user_id) || null,
  },
};

const schema = makeSchema(SDL, {
  scalars: {
    BigInt: scalars.bigIntAsString('BigInt'),
    BigFloat: scalars.decimalAsString('BigFloat'),
    Datetime: scalars.timestamp('Datetime'),
    Date: scalars.date('Date'),
    Time: scalars.string('Time'),
    UUID: scalars.uuid('UUID'),
    JSON: scalars.json(),
  },
  resolvers,
});

module.exports = { name: 'plain', SDL, schema, run: (req) => runOn(schema, req) };
