'use strict';
// "relations": a small hand-written schema for the remote relationship tests (remote type ->
// local table, table -> remote field, remote -> remote). 12 orders whose user_id and
// helper_ids point at the local users 1..5 (plus ids with no local user, one that is not an
// integer, and a null), and 10 shipments whose order_id points at Order.number. Every
// argument filters exactly; a null or absent argument does not filter. See README.md,
// "relations".

const { GraphQLError } = require('graphql');
const { makeSchema, runOn } = require('./build');
const { offsetLimit, checkNonNegative } = require('./rows');

const SDL = `
interface Node { id: ID! }

union Thing = Order | Shipment

enum Carrier { DHL UPS FEDEX }

input OrderCondition { user_id: ID, sku: String }

type Order implements Node {
  id: ID!
  number: Int!
  user_id: ID
  helper_ids: [ID!]!
  ref: ID!
  sku: String!
  amount: Float!
  lines(first: Int): [String!]!
}

type Shipment implements Node { id: ID!, order_id: Int!, carrier: Carrier!, weight: Float }

type Query {
  orders(user_id: ID, sku: String, limit: Int, offset: Int): [Order!]!
  allOrders(condition: OrderCondition): [Order!]!
  order(id: ID!): Order
  shipments(order_id: Int, order_ids: [Int!], limit: Int, offset: Int): [Shipment!]!
  shipment(id: ID!): Shipment
  things: [Thing!]!
  nodes: [Node!]!
}
`;

// ------------------------------------------------------------------ rows
const SKUS = ['sku-a', 'sku-b', 'sku-c', 'sku-d']; // by (n-1) % 4
// Order n's helper_ids, listed as is (order 8's are not sorted; 9 names user 99, 11 "abc").
const HELPERS = {
  1: ['1', '3'], 2: ['2'], 3: [], 4: ['4', '5'], 5: ['1', '2', '3'], 6: [],
  7: ['5'], 8: ['3', '1'], 9: ['2', '99'], 10: [], 11: ['abc', '1'], 12: ['4'],
};

function userIdFor(n) {
  if (n === 10) return '99'; // no such local user
  if (n === 11) return 'abc'; // not an integer
  if (n === 12) return null;
  return String(((n - 1) % 5) + 1);
}

const orders = Array.from({ length: 12 }, (_, i) => {
  const n = i + 1;
  return {
    __typename: 'Order',
    id: String(n),
    number: n,
    user_id: userIdFor(n),
    helper_ids: HELPERS[n],
    ref: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    sku: SKUS[(n - 1) % 4],
    amount: n * 10 + 0.5,
    // (n % 3) + 1 lines: "order N line K"
    lines: Array.from({ length: (n % 3) + 1 }, (__, k) => `order ${n} line ${k + 1}`),
  };
});

// Shipment k's order (Order.number): orders 1, 4 and 9 have two shipments; 2, 5, 7 and 10
// one; 3, 6, 8, 11 and 12 none.
const SHIPMENT_ORDERS = [1, 1, 2, 4, 4, 5, 7, 9, 9, 10];
const CARRIERS = ['DHL', 'UPS', 'FEDEX']; // by (k-1) % 3
const shipments = SHIPMENT_ORDERS.map((orderNumber, i) => {
  const k = i + 1;
  return {
    __typename: 'Shipment',
    id: String(k),
    order_id: orderNumber,
    carrier: CARRIERS[(k - 1) % 3],
    weight: k % 4 === 0 ? null : k + 0.5,
  };
});

// Orders in id order, then shipments in id order.
const everything = [...orders, ...shipments];

function filterOrders(args) {
  let rows = orders;
  if (args.user_id != null) rows = rows.filter((o) => o.user_id === args.user_id);
  if (args.sku != null) rows = rows.filter((o) => o.sku === args.sku);
  return rows;
}

const resolvers = {
  Query: {
    orders(_, args) {
      return offsetLimit(filterOrders(args), args.offset, args.limit);
    },
    allOrders(_, args) {
      return filterOrders(args.condition || {});
    },
    order(_, args) {
      return orders.find((o) => o.id === args.id) || null;
    },
    shipments(_, args) {
      let rows = shipments;
      if (args.order_id != null) rows = rows.filter((s) => s.order_id === args.order_id);
      if (args.order_ids != null) {
        const wanted = new Set(args.order_ids);
        rows = rows.filter((s) => wanted.has(s.order_id));
      }
      return offsetLimit(rows, args.offset, args.limit);
    },
    shipment(_, args) {
      return shipments.find((s) => s.id === args.id) || null;
    },
    things: () => everything,
    nodes: () => everything,
  },
  Order: {
    lines(order, args) {
      checkNonNegative('first', args.first);
      return args.first == null ? order.lines : order.lines.slice(0, args.first);
    },
  },
};

const schema = makeSchema(SDL, { resolvers });

// The abstract types resolve by the rows' __typename; anything else is a server bug.
function resolveByTypename(value) {
  const name = value && value.__typename;
  if (name !== 'Order' && name !== 'Shipment') {
    throw new GraphQLError(`relations: cannot resolve the type of ${JSON.stringify(value)}`);
  }
  return name;
}
schema.getType('Thing').resolveType = resolveByTypename;
schema.getType('Node').resolveType = resolveByTypename;

module.exports = { name: 'relations', SDL, schema, run: (req) => runOn(schema, req) };
