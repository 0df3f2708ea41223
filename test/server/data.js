'use strict';
// Deterministic test data for the GraphQL test server.
// Everything here is built once at start-up, except "big" orders, which are
// generated on demand, one requested slice at a time.

const { GraphQLError } = require('graphql');

const STATUSES = ['PENDING', 'PAID', 'SHIPPED', 'CANCELLED'];
const MAX_BIG_TOTAL = 1000000;
const DAY_MS = 86400000;
const EPOCH_2024 = Date.UTC(2024, 0, 1);

// ---------------------------------------------------------------- users
const USERS = [
  { id: 1, name: 'alice', email: 'alice@example.com',
    address: { city: 'Berlin', zip: '10115', geo: { lat: 52.52, lng: 13.405 } } },
  { id: 2, name: 'bob', email: 'bob@example.com',
    address: { city: 'Paris', zip: '75001', geo: { lat: 48.8566, lng: 2.3522 } } },
  { id: 3, name: 'carol', email: 'carol@example.com',
    address: { city: 'Oslo', zip: '0150', geo: null } },
  { id: 4, name: 'dave', email: 'dave@example.com', address: null },
  { id: 5, name: 'erin', email: null,
    address: { city: 'Rome', zip: '00184', geo: { lat: 41.9028, lng: 12.4964 } } },
];
const usersById = new Map(USERS.map((u) => [u.id, u]));

// --------------------------------------------------------------- orders
// created_at is 2024-01-01 plus (id - 1) days: "2024-01-DD" for ids 1..31
// (so the 20 fixed orders get exactly 2024-01-01 .. 2024-01-20), and still a
// valid date for the large generated ids.
function createdAt(id) {
  return new Date(EPOCH_2024 + (id - 1) * DAY_MS).toISOString().slice(0, 10);
}

function makeOrder(id, userId, meta) {
  const status = STATUSES[(id - 1) % 4];
  const tags = ['t' + (id % 3)];
  if (id % 5 === 0) tags.push('vip');
  return {
    id,
    user_id: userId,
    amount: id * 10 + 0.5,
    status,
    note: id % 2 === 0 ? null : 'note ' + id,
    is_paid: status === 'PAID' || status === 'SHIPPED',
    created_at: createdAt(id),
    tags,
    items: [{ sku: 'SKU-' + id, qty: (id % 4) + 1 }],
    user: usersById.get(userId) || null,
    meta,
  };
}

const ORDERS = [];
for (let id = 1; id <= 20; id++) {
  const userId = id === 20 ? 99 : ((id - 1) % 5) + 1;
  const meta = id <= 10 ? { source: 'web', rank: id } : null;
  ORDERS.push(makeOrder(id, userId, meta));
}

function bigOrder(id) {
  return makeOrder(id, ((id - 1) % 5) + 1, null);
}

// Orders with ids start+1 .. end (0-based half-open index range).
function bigOrderSlice(start, end) {
  const out = new Array(Math.max(0, end - start));
  for (let i = start; i < end; i++) out[i - start] = bigOrder(i + 1);
  return out;
}

// -------------------------------------------------------------- samples
const SAMPLES = [
  {
    id: 1, int_val: 42, float_val: 3.25, bool_val: true, text_val: 'hello',
    id_val: '17', numeric_text: '12345678901234567890.123456789',
    big_int_text: '9007199254740993', date_text: '2024-02-29',
    json_val: { a: 1, b: [true, null, 'x'] }, list_val: [1, 2, 3],
    obj_val: { lat: 1.5, lng: -2.25 }, status: 'PAID',
    tag_list: ['a', 'b "q" \\'], nested_list: [[], []], nul_text: null,
  },
  {
    id: 2, int_val: null, float_val: null, bool_val: null, text_val: null,
    id_val: null, numeric_text: null, big_int_text: null, date_text: null,
    json_val: null, list_val: null, obj_val: null, status: 'PENDING',
    tag_list: null, nested_list: null, nul_text: null,
  },
  {
    id: 3, int_val: -7, float_val: 1e300, bool_val: false,
    text_val: 'quote " backslash \\ unicode \u00e9 \u2713 newline \n end',
    id_val: 'abc', numeric_text: '-0.5', big_int_text: '-42',
    date_text: 'not a date', json_val: 'just a string', list_val: [],
    obj_val: { lat: null, lng: null }, status: 'SHIPPED',
    tag_list: [null, 'x'], nested_list: [[1, 2], [3, 4]], nul_text: 'a\u0000b',
  },
  {
    id: 4, int_val: 2147483647, float_val: -0.0, bool_val: true, text_val: '',
    id_val: 'x', numeric_text: 'abc', big_int_text: '99999999999999999999',
    date_text: '2024-13-01', json_val: [1, { k: 'v' }], list_val: [null, 5],
    obj_val: null, status: 'CANCELLED',
    tag_list: [], nested_list: [[]], nul_text: null,
  },
];

// -------------------------------------------------------------- helpers
function encodeCursor(index) {
  return Buffer.from('cursor:' + index, 'utf8').toString('base64');
}

function decodeCursor(cursor) {
  const text = Buffer.from(String(cursor), 'base64').toString('utf8');
  const m = /^cursor:(0|[1-9][0-9]{0,15})$/.exec(text);
  if (!m || encodeCursor(Number(m[1])) !== cursor) {
    throw new GraphQLError('invalid cursor');
  }
  return Number(m[1]);
}

function checkNonNegative(name, value) {
  if (value != null && value < 0) {
    throw new GraphQLError(`argument "${name}" must not be negative (got ${value})`);
  }
}

// [start, end) after applying offset (default 0) and limit (default: all).
function sliceBounds(total, offset, limit) {
  checkNonNegative('offset', offset);
  checkNonNegative('limit', limit);
  const start = Math.min(offset == null ? 0 : offset, total);
  const end = limit == null ? total : Math.min(total, start + limit);
  return [start, end];
}

function checkBigTotal(total) {
  if (total == null) total = 20000;
  if (total < 0 || total > MAX_BIG_TOTAL) {
    throw new GraphQLError(`argument "total" must be between 0 and ${MAX_BIG_TOTAL} (got ${total})`);
  }
  return total;
}

// Relay-style connection over `total` rows; fetch(start, end) produces the
// rows of one page and is only called if edges or nodes are selected.
// With cursorLoop, `after` is validated but ignored: every answer is the first
// page with hasNextPage true and the same endCursor.
function makeConnection(total, fetch, args, cursorLoop) {
  checkNonNegative('first', args.first);
  let start = args.after != null ? decodeCursor(args.after) + 1 : 0;
  if (cursorLoop) start = 0;
  start = Math.min(start, total);
  const end = args.first == null ? total : Math.min(total, start + args.first);
  let rows = null;
  let edges = null;
  const getRows = () => rows || (rows = fetch(start, end));
  let endCursor = end > start ? encodeCursor(end - 1) : null;
  if (cursorLoop && endCursor === null) endCursor = encodeCursor(0);
  return {
    get nodes() { return getRows(); },
    get edges() {
      return edges || (edges = getRows().map((node, i) => ({ cursor: encodeCursor(start + i), node })));
    },
    pageInfo: {
      hasNextPage: cursorLoop ? true : end < total,
      endCursor,
      hasPreviousPage: start > 0,
      startCursor: end > start ? encodeCursor(start) : null,
    },
    totalCount: total,
  };
}

module.exports = {
  STATUSES, MAX_BIG_TOTAL, USERS, usersById, ORDERS, SAMPLES,
  bigOrderSlice, encodeCursor, decodeCursor, sliceBounds, checkBigTotal, makeConnection,
};
