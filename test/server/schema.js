'use strict';
// Schema (SDL), resolvers and GraphQL execution helpers.

const { buildSchema, parse, validate, execute, Kind, GraphQLError } = require('graphql');
const data = require('./data');
const log = require('./log');

const SDL = `
scalar JSON
# PostGraphile's connection cursors are their own scalar, not String.
scalar Cursor
enum OrderStatus { PENDING PAID SHIPPED CANCELLED }
type Geo { lat: Float, lng: Float }
type Address { city: String, zip: String, geo: Geo }
type User { id: Int!, name: String!, email: String, address: Address }
type OrderItem { sku: String!, qty: Int! }
type Order {
  id: Int!, user_id: Int!, amount: Float!, status: OrderStatus!,
  note: String, is_paid: Boolean!, created_at: String!,
  tags: [String!]!, items: [OrderItem!]!, user: User, meta: JSON
}
type PageInfo { hasNextPage: Boolean!, endCursor: String, hasPreviousPage: Boolean!, startCursor: String }
type OrderEdge { cursor: String!, node: Order! }
type OrderConnection { edges: [OrderEdge!]!, nodes: [Order!]!, pageInfo: PageInfo!, totalCount: Int! }
type OrderNodesConnection { nodes: [Order!]!, pageInfo: PageInfo! }
type UserEdge { cursor: String!, node: User! }
type UserConnection { edges: [UserEdge!]!, nodes: [User!]!, pageInfo: PageInfo!, totalCount: Int! }
type Sample {
  id: Int!, int_val: Int, float_val: Float, bool_val: Boolean, text_val: String,
  id_val: ID, numeric_text: String, big_int_text: String, date_text: String,
  json_val: JSON, list_val: [Int], obj_val: Geo, status: OrderStatus,
  tag_list: [String], nested_list: [[Int]], nul_text: String
}
type Header { name: String!, value: String! }
type RequestLogEntry { seq: Int!, path: String!, fault: String, document: String!, variables: JSON, operation_name: String, client_port: Int, at_ms: Float }
type Query {
  orders(limit: Int, offset: Int, user_id: Int, status: OrderStatus, ids: [Int!]): [Order!]!
  ordersConnection(first: Int, after: String, user_id: Int): OrderConnection!
  allOrders(first: Int, after: Cursor): OrderConnection!
  orderNodes(first: Int, after: String): OrderNodesConnection!
  legacyOrders(limit: Int, offset: Int, user_id: Int): [Order!]! @deprecated(reason: "use orders")
  users(limit: Int, offset: Int, id: Int, ids: [Int!]): [User!]!
  usersConnection(first: Int, after: String): UserConnection!
  bigOrders(limit: Int, offset: Int, total: Int = 20000): [Order!]!
  bigOrdersConnection(first: Int, after: String, total: Int = 20000): OrderConnection!
  samples: [Sample!]!
  echoHeaders: [Header!]!
  _requests(after: Int): [RequestLogEntry!]!
}
`;

// buildSchema gives the JSON scalar identity serialize/parse, i.e. "as-is".
const schema = buildSchema(SDL);

// Headers left out of echoHeaders: hop-by-hop / transport-level ones whose
// presence depends on the HTTP client library rather than on the test.
const SKIPPED_HEADERS = new Set([
  'connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te',
  'trailer', 'upgrade', 'content-length', 'host', 'accept-encoding', 'expect',
]);

function sliceRows(rows, args) {
  const [start, end] = data.sliceBounds(rows.length, args.offset, args.limit);
  return rows.slice(start, end);
}

const rootValue = {
  orders(args) {
    let rows = data.ORDERS;
    if (args.user_id != null) rows = rows.filter((o) => o.user_id === args.user_id);
    if (args.status != null) rows = rows.filter((o) => o.status === args.status);
    if (args.ids != null) {
      const ids = new Set(args.ids);
      rows = rows.filter((o) => ids.has(o.id));
    }
    return sliceRows(rows, args);
  },
  ordersConnection(args, ctx) {
    let rows = data.ORDERS;
    if (args.user_id != null) rows = rows.filter((o) => o.user_id === args.user_id);
    return data.makeConnection(rows.length, (s, e) => rows.slice(s, e), args, ctx.fault === 'cursor_loop');
  },
  legacyOrders(args) {
    return rootValue.orders(args);
  },
  orderNodes(args) {
    return data.makeConnection(data.ORDERS.length, (s, e) => data.ORDERS.slice(s, e), args, false);
  },
  allOrders(args, ctx) {
    return data.makeConnection(data.ORDERS.length, (s, e) => data.ORDERS.slice(s, e), args, false);
  },
  users(args) {
    let rows = data.USERS;
    if (args.id != null) rows = rows.filter((u) => u.id === args.id);
    if (args.ids != null) {
      const ids = new Set(args.ids);
      rows = rows.filter((u) => ids.has(u.id));
    }
    return sliceRows(rows, args);
  },
  usersConnection(args, ctx) {
    const rows = data.USERS;
    return data.makeConnection(rows.length, (s, e) => rows.slice(s, e), args, ctx.fault === 'cursor_loop');
  },
  bigOrders(args) {
    const total = data.checkBigTotal(args.total);
    const [start, end] = data.sliceBounds(total, args.offset, args.limit);
    return data.bigOrderSlice(start, end);
  },
  bigOrdersConnection(args, ctx) {
    const total = data.checkBigTotal(args.total);
    return data.makeConnection(total, data.bigOrderSlice, args, ctx.fault === 'cursor_loop');
  },
  samples() {
    return data.SAMPLES;
  },
  echoHeaders(args, ctx) {
    const raw = ctx.req.rawHeaders;
    const out = [];
    for (let i = 0; i + 1 < raw.length; i += 2) {
      const name = raw[i].toLowerCase();
      if (!SKIPPED_HEADERS.has(name)) out.push({ name, value: raw[i + 1] });
    }
    // Array.prototype.sort is stable: repeated headers keep their order.
    return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  },
  _requests(args) {
    return log.after(args.after);
  },
};

// ---------------------------------------------------------------- helpers

function operations(document) {
  return document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
}

function selectOperation(document, operationName) {
  const ops = operations(document);
  if (operationName) return ops.find((o) => o.name && o.name.value === operationName) || null;
  return ops[0] || null;
}

// Root fields ({key: response key, name: field name}) of one operation,
// following fragments; duplicates by response key are merged.
function rootFields(document, op) {
  const fragments = new Map();
  for (const d of document.definitions) {
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  }
  const out = [];
  const keys = new Set();
  const seen = new Set();
  (function walk(selectionSet) {
    for (const sel of selectionSet.selections) {
      if (sel.kind === Kind.FIELD) {
        const key = sel.alias ? sel.alias.value : sel.name.value;
        if (!keys.has(key)) { keys.add(key); out.push({ key, name: sel.name.value }); }
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        walk(sel.selectionSet);
      } else if (sel.kind === Kind.FRAGMENT_SPREAD) {
        const f = fragments.get(sel.name.value);
        if (f && !seen.has(f.name.value)) { seen.add(f.name.value); walk(f.selectionSet); }
      }
    }
  })(op.selectionSet);
  return out;
}

// Response keys of the root fields of the operation that would run.
function rootKeys(document, operationName) {
  if (!document) return [];
  const op = selectOperation(document, operationName);
  return op ? rootFields(document, op).map((f) => f.key) : [];
}

// True when every root field of every operation is _requests (or __typename).
function onlyQueriesRequestLog(document) {
  if (!document) return false;
  let sawLog = false;
  for (const op of operations(document)) {
    for (const f of rootFields(document, op)) {
      if (f.name === '_requests') sawLog = true;
      else if (f.name !== '__typename') return false;
    }
  }
  return sawLog;
}

function parseDocument(query) {
  try {
    return { document: parse(query), syntaxError: null };
  } catch (e) {
    return { document: null, syntaxError: e instanceof GraphQLError ? e : new GraphQLError(String(e.message || e)) };
  }
}

// Validates and executes an already parsed request; returns an ExecutionResult.
async function run({ document, syntaxError, variables, operationName, context }) {
  if (syntaxError) return { errors: [syntaxError] };
  const validationErrors = validate(schema, document);
  if (validationErrors.length > 0) return { errors: validationErrors };
  return execute({
    schema,
    document,
    rootValue,
    contextValue: context,
    variableValues: variables,
    operationName,
  });
}

// JSON.stringify that keeps negative zero as -0.0 (JSON.stringify(-0) is "0").
const NEG_ZERO = '\u0000negzero' + Math.random().toString(36).slice(2) + '\u0000';
const NEG_ZERO_JSON = JSON.stringify(NEG_ZERO);
function negZeroReplacer(key, value) {
  return value === 0 && 1 / value < 0 ? NEG_ZERO : value;
}
function toJson(value) {
  const text = JSON.stringify(value, negZeroReplacer);
  return text.includes(NEG_ZERO_JSON) ? text.split(NEG_ZERO_JSON).join('-0.0') : text;
}

module.exports = {
  SDL, schema, rootValue, run, parseDocument, rootKeys, onlyQueriesRequestLog, toJson,
};
