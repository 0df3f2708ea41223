'use strict';
// The fixed shop data behind /yoga, /apollo, /apollo-prod and /subgraph (counts in
// ../README.md): 20 customers, 5 staff, 30 products, 200 orders, 180 reviews.

const CUSTOMER_COUNT = 20;
const STAFF_COUNT = 5;
const PRODUCT_COUNT = 30;
const ORDER_COUNT = 200;
const DAY = 24 * 3600 * 1000;
const EPOCH = Date.UTC(2024, 0, 1);

const iso = (ms) => new Date(ms).toISOString().replace('.000Z', 'Z');
const pad = (n, w) => String(n).padStart(w, '0');
const money = (x) => Math.round(x * 100) / 100;

const FIRST = ['Ada', 'Alan', 'Grace', 'Linus', 'Barbara', 'Dennis', 'Margaret', 'Ken', 'Frances', 'Edsger'];
const LAST = ['Lovelace', 'Turing', 'Hopper', 'Torvalds', 'Liskov', 'Ritchie', 'Hamilton', 'Thompson', 'Allen', 'Dijkstra'];
const CITIES = [
  ['Berlin', 'DE', 52.52, 13.405], ['Lisbon', 'PT', 38.7223, -9.1393], ['Tokyo', 'JP', 35.6762, 139.6503],
  ['Toronto', 'CA', 43.6532, -79.3832], ['Nairobi', 'KE', -1.2921, 36.8219], ['Lima', 'PE', -12.0464, -77.0428],
];
const TIERS = ['FREE', 'PRO', 'ENTERPRISE'];
const STATUSES = ['PENDING', 'PAID', 'SHIPPED', 'DELIVERED', 'CANCELLED'];
const CATEGORIES = ['books', 'games', 'tools', 'garden', 'music'];
const PRODUCT_WORDS = ['Widget', 'Gadget', 'Gizmo', 'Doohickey', 'Sprocket', 'Thingamajig'];
const CARRIERS = ['DHL', 'UPS', 'FedEx'];

function address(i, k) {
  const [city, country, lat, lng] = CITIES[(i + k) % CITIES.length];
  return {
    street: `${10 + i + k} Main Street`,
    city,
    zip: pad(10000 + i * 37 + k, 5),
    country,
    geo: (i + k) % 5 === 4 ? null : { lat, lng },
  };
}

const customers = [];
for (let i = 1; i <= CUSTOMER_COUNT; i++) {
  const name = `${FIRST[(i - 1) % 10]} ${LAST[(i * 3 + Math.floor((i - 1) / 10)) % 10]}`;
  customers.push({
    __typename: 'Customer',
    id: `cust_${i}`,
    n: i,
    name,
    displayName: name,
    email: `customer${i}@example.com`,
    createdAt: iso(EPOCH - i * DAY),
    tier: TIERS[i % 3],
    address: i % 7 === 0 ? null : address(i, 0),
    addresses: Array.from({ length: 1 + (i % 3) }, (_, k) => address(i, k)),
    tags: ['vip', 'newsletter', 'beta', 'wholesale'].filter((_, k) => (i >> k) & 1),
    preferences: i % 6 === 0 ? null : {
      newsletter: i % 2 === 0,
      language: ['en', 'de', 'fr'][i % 3],
      theme: { dark: i % 4 === 0, accent: ['red', 'green', 'blue'][i % 3] },
      categories: CATEGORIES.filter((_, k) => (i + k) % 3 === 0),
      limit: i * 10,
    },
  });
}

const staff = [];
const ROLES = ['admin', 'support', 'warehouse', 'support', 'finance'];
for (let i = 1; i <= STAFF_COUNT; i++) {
  staff.push({
    __typename: 'Staff',
    id: `staff_${i}`,
    n: i,
    displayName: `Staff Member ${i}`,
    email: `staff${i}@shop.example.com`,
    createdAt: iso(EPOCH - 400 * DAY - i * DAY),
    role: ROLES[i - 1],
    permissions: ['orders:read', 'orders:write', 'customers:read', 'refunds'].slice(0, 1 + (i % 4)),
  });
}

const products = [];
for (let i = 1; i <= PRODUCT_COUNT; i++) {
  products.push({
    __typename: 'Product',
    id: `prod_${i}`,
    n: i,
    sku: `SKU-${pad(i, 3)}`,
    name: `${PRODUCT_WORDS[i % PRODUCT_WORDS.length]} ${i}`,
    price: money(5 + ((i * 7.25) % 95)),
    category: CATEGORIES[i % CATEGORIES.length],
    inStock: i % 4 !== 0,
    specs: i % 6 === 0 ? null : {
      weight_g: i * 100,
      dimensions: { w: i, h: i * 2, d: 3 },
      colors: ['black', 'white', 'red'].slice(0, 1 + (i % 3)),
      fragile: i % 5 === 0,
    },
  });
}

const reviews = [];
for (const p of products) {
  for (let k = 1; k <= (p.n % 5) * 3; k++) {
    const id = reviews.length + 1;
    reviews.push({
      __typename: 'Review',
      id: `rev_${id}`,
      n: id,
      rating: 1 + ((p.n * 2 + k) % 5),
      title: `Review ${k} of ${p.name}`,
      body: k % 4 === 0 ? null : `Review body ${k} for ${p.sku}.`,
      authorId: `cust_${((p.n + k) % CUSTOMER_COUNT) + 1}`,
      productId: p.id,
    });
  }
}

const orders = [];
for (let i = 1; i <= ORDER_COUNT; i++) {
  const status = STATUSES[(i + Math.floor((i - 1) / CUSTOMER_COUNT)) % STATUSES.length];
  const lines = [];
  for (let j = 1; j <= 1 + (i % 4); j++) {
    const p = products[(i * 7 + j * 3) % PRODUCT_COUNT];
    const quantity = 1 + ((i + j) % 3);
    lines.push({
      lineNo: j,
      sku: p.sku,
      productId: p.id,
      quantity,
      unitPrice: p.price,
      amount: money(p.price * quantity),
      options: (i + j) % 3 === 0 ? { giftWrap: true, message: `Line ${j}` } : null,
    });
  }
  const total = money(lines.reduce((s, l) => s + l.amount, 0));
  const payments = [];
  if (status !== 'PENDING') {
    const kind = i % 3;
    const first = kind === 0
      ? { __typename: 'CardPayment', id: `pay_${i}_1`, amount: total, brand: ['visa', 'mastercard'][i % 2], last4: pad((i * 1234) % 10000, 4) }
      : kind === 1
        ? { __typename: 'BankTransfer', id: `pay_${i}_1`, amount: total, iban: `DE89370400440532${pad(i, 6)}`, reference: `ORDER-${1000 + i}` }
        : { __typename: 'GiftCard', id: `pay_${i}_1`, amount: money(total / 2), code: `GIFT-${pad(i, 4)}` };
    payments.push(first);
    if (kind === 2) payments.push({ __typename: 'CardPayment', id: `pay_${i}_2`, amount: money(total - money(total / 2)), brand: 'visa', last4: '4242' });
  }
  const createdMs = EPOCH + i * 3600 * 1000 * 7;
  orders.push({
    __typename: 'Order',
    id: `ord_${i}`,
    n: i,
    number: 1000 + i,
    status,
    total,
    currency: i % 10 === 0 ? 'USD' : 'EUR',
    createdAt: iso(createdMs),
    note: i % 5 === 0 ? `Note for order ${1000 + i}` : null,
    customerId: `cust_${((i - 1) % CUSTOMER_COUNT) + 1}`,
    lines,
    payments,
    shipment: status === 'SHIPPED' || status === 'DELIVERED' ? {
      carrier: CARRIERS[i % 3],
      trackingNumber: `TRK${pad(i * 7919, 8)}`,
      shippedAt: iso(createdMs + DAY),
      deliveredAt: status === 'DELIVERED' ? iso(createdMs + 3 * DAY) : null,
      events: [
        { at: iso(createdMs + DAY), status: 'picked_up', location: 'Warehouse' },
        ...(status === 'DELIVERED' ? [{ at: iso(createdMs + 3 * DAY), status: 'delivered', location: null }] : []),
      ],
    } : null,
    metadata: {
      source: ['web', 'app', 'api'][i % 3],
      coupon: i % 4 === 0 ? 'SAVE10' : null,
      giftWrap: i % 6 === 0,
      attributes: { priority: i % 9 === 0 ? 'high' : 'normal', weight: lines.length * 0.5 },
    },
  });
}

const byId = new Map([...customers, ...staff, ...products, ...reviews, ...orders].map((x) => [x.id, x]));

const SETTINGS = {
  currency: 'EUR',
  features: { reviews: true, giftCards: false, wishlist: true },
  limits: { maxOrderLines: 50, maxQuantity: 10 },
  locales: ['en', 'de', 'fr'],
  shipping: { carriers: CARRIERS, freeAbove: 50 },
  version: 3,
};

module.exports = {
  customers, staff, products, reviews, orders, byId, SETTINGS, STATUSES,
  CUSTOMER_COUNT, STAFF_COUNT, PRODUCT_COUNT, ORDER_COUNT,
};
