'use strict';
// Dialect-neutral test data: 25 users, 60 orders, 35 products, 12 categories, 4 companies.
// Every value comes from a formula of the row's id (see README.md, "Dialect data"), with
// nulls, ties and mixed case placed so that filtering, sorting and paging are observable.
// Each dialect shows these rows under its own names and scalar types.

const STATUSES = ['PENDING', 'PAID', 'SHIPPED', 'CANCELLED'];
const HOUR_MS = 3600000;
const DAY_MS = 24 * HOUR_MS;

const pad = (n, width) => String(n).padStart(width, '0');

// "2024-01-01T00:01:00+00:00": ISO 8601 with an explicit offset, as PostgreSQL-backed
// servers print timestamptz.
function isoUtc(ms) {
  return new Date(ms).toISOString().replace(/\.000Z$/, '+00:00');
}

// Deterministic, well spread UUIDs (version 4 layout), so that UUID order is not id order.
function uuidFor(seed, n) {
  const mix = (Math.imul(n + seed * 1000, 2654435761) >>> 0).toString(16).padStart(8, '0');
  return `${mix}-${pad(seed, 4)}-4000-8000-${pad(n.toString(16), 12)}`;
}

// ---------------------------------------------------------------- users
const NAMES = ['Alice', 'Bob', 'Carol', 'Dave', 'Erin', 'Frank', 'Grace', 'Heidi', 'Ivan', 'Judy',
  'Karl', 'Liam', 'Mallory', 'Nina', 'Oscar', 'Peggy', 'Quinn', 'Rupert', 'Sybil', 'Trent',
  'Uma', 'Victor', 'Wendy', 'Xavier', 'Yvonne'];
const COUNTRIES = ['US', 'DE', 'FR', 'NO', 'IT']; // indexed by id % 5
const CITIES = ['Berlin', 'Paris', 'Oslo', 'Rome', 'Boston', 'Madrid']; // indexed by id % 6

function makeUser(i) {
  const name = NAMES[i - 1];
  const country = i % 7 === 0 ? null : COUNTRIES[i % 5];
  return {
    id: i,
    name,
    email: i % 6 === 0 ? null : `${name.toLowerCase()}@example.com`,
    country,
    age: i % 8 === 0 ? null : 18 + ((i * 7) % 50),
    is_active: i % 3 !== 0,
    created_at: isoUtc(Date.UTC(2023, 0, 1) + (i - 1) * DAY_MS + i * HOUR_MS),
    external_id: uuidFor(1, i),
    // Many digits, beyond what a double holds.
    balance: i % 5 === 0 ? null
      : `${BigInt(i) * 98765432109876543n}.${pad((i * 7919) % 1000000000, 9)}`,
    points: 9007199254740992n + BigInt(i), // user 1: 9007199254740993 = 2^53 + 1
    birthday: i % 5 === 4 ? null : `${1970 + i}-${pad((i % 12) + 1, 2)}-${pad((i % 28) + 1, 2)}`,
    wake_up: `${pad(5 + (i % 4), 2)}:${pad((i * 7) % 60, 2)}:00`,
    prefs: i % 4 === 0 ? null : { theme: i % 2 ? 'dark' : 'light', langs: i % 3 ? ['en'] : ['en', 'de'] },
    nicknames: i % 3 === 0 ? [] : [name.slice(0, 3).toLowerCase()],
    address: i % 9 === 0 ? null
      : { street: `${i} Main St`, city: CITIES[i % 6], zip: String(10000 + i * 37), country },
  };
}

// --------------------------------------------------------------- orders
const NOTES = ['Gift wrap', 'leave at door', 'FRAGILE', '50% off_code']; // indexed by id % 4

function makeOrder(j) {
  const status = STATUSES[(j - 1) % 4];
  const placedMs = Date.UTC(2024, 0, 1) + (j - 1) * 11 * HOUR_MS + j * 60000;
  const cents = ((j * 37) % 50) * 250 + 999; // ties: orders j and j+50 share an amount
  const tags = ['t' + (j % 3)];
  if (j % 5 === 0) tags.push('vip');
  return {
    id: j,
    user_id: j % 10 === 0 ? null : ((j - 1) % 20) + 1,
    status,
    amount: `${Math.floor(cents / 100)}.${pad(cents % 100, 2)}`,
    quantity: j % 7 === 0 ? null : (j % 5) + 1,
    placed_at: isoUtc(placedMs),
    ship_date: status === 'SHIPPED' ? new Date(placedMs + 2 * DAY_MS).toISOString().slice(0, 10) : null,
    note: j % 3 === 1 ? `${NOTES[j % 4]} #${j}` : null,
    is_paid: status === 'PAID' || status === 'SHIPPED',
    ref: uuidFor(2, j),
    tags,
    meta: j % 4 === 0 ? null : { channel: j % 2 ? 'web' : 'app', priority: j % 3 },
  };
}

// ------------------------------------------------------- catalog
const ADJECTIVES = ['Red', 'Blue', 'Green', 'Black', 'White', 'Silver', 'Golden']; // by id % 7
const NOUNS = ['Mug', 'Lamp', 'Chair', 'Desk', 'Pen']; // by id % 5
const CATEGORY_NAMES = ['Kitchen', 'Office', 'Garden', 'Lighting', 'Outdoor', 'Storage',
  'Decor', 'Bath', 'Kids', 'Pets', 'Travel', 'Tools'];
const COMPANIES = [
  { id: 1, name: 'Acme', country: 'US' },
  { id: 2, name: 'Globex', country: 'DE' },
  { id: 3, name: 'Initech', country: 'US' },
  { id: 4, name: 'Umbrella', country: 'GB' },
];

function makeProduct(k) {
  const cents = 199 + ((k * 53) % 40) * 125;
  return {
    id: k,
    sku: `SKU-${pad(k, 3)}`,
    name: `${ADJECTIVES[k % 7]} ${NOUNS[k % 5]}`, // unique for k = 1..35
    price: `${Math.floor(cents / 100)}.${pad(cents % 100, 2)}`,
    stock: k % 6 === 0 ? null : (k * 13) % 50,
    category_id: ((k - 1) % 12) + 1,
    uuid: uuidFor(3, k),
    attributes: { color: ADJECTIVES[k % 7].toLowerCase(), weight_g: 100 + k * 10 },
    released_on: `2023-${pad((k % 12) + 1, 2)}-${pad((k % 27) + 1, 2)}`,
    // Odd products belong to a user, even ones to a company.
    owner: k % 2 ? { kind: 'user', id: ((k * 3) % 25) + 1 } : { kind: 'company', id: ((k / 2) % 4) + 1 },
  };
}

const range = (n, f) => Array.from({ length: n }, (_, i) => f(i + 1));

const USERS = range(25, makeUser);
const ORDERS = range(60, makeOrder);
const PRODUCTS = range(35, makeProduct);
const CATEGORIES = CATEGORY_NAMES.map((name, i) => ({ id: i + 1, name, slug: name.toLowerCase() }));

module.exports = { STATUSES, USERS, ORDERS, PRODUCTS, CATEGORIES, COMPANIES };
