'use strict';
// Value kinds shared by the dialects: parsing of inputs into one canonical form per kind,
// and a total order on non-null values of a kind. The dialects' scalars parse into these
// forms, so filters and sorting compare like with like.

const { GraphQLError } = require('graphql');

// ------------------------------------------------------------------ decimals
// Exact decimals are kept as canonical strings ("-12.5", "0", "98765.000007919"), never as
// doubles, so BigFloat / numeric values with many digits compare exactly.
const DECIMAL_RE = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

function parseDecimal(text, typeName) {
  const m = DECIMAL_RE.exec(String(text).trim());
  if (!m || (m[2] === '' && (m[3] === undefined || m[3] === ''))) {
    throw new GraphQLError(`invalid ${typeName} value: ${JSON.stringify(String(text))}`);
  }
  let digits = (m[2] || '') + (m[3] || '');
  let point = (m[2] || '').length + Number(m[4] || 0); // position of the decimal point
  if (point < 0) { digits = '0'.repeat(-point) + digits; point = 0; }
  if (point > digits.length) { digits += '0'.repeat(point - digits.length); }
  const int = digits.slice(0, point).replace(/^0+/, '') || '0';
  const frac = digits.slice(point).replace(/0+$/, '');
  const zero = int === '0' && frac === '';
  return (m[1] === '-' && !zero ? '-' : '') + int + (frac ? '.' + frac : '');
}

function compareDecimal(a, b) {
  const x = parseDecimal(a, 'decimal');
  const y = parseDecimal(b, 'decimal');
  const negX = x.startsWith('-');
  const negY = y.startsWith('-');
  if (negX !== negY) return negX ? -1 : 1;
  const sign = negX ? -1 : 1;
  const [xi, xf = ''] = x.replace('-', '').split('.');
  const [yi, yf = ''] = y.replace('-', '').split('.');
  if (xi.length !== yi.length) return sign * (xi.length < yi.length ? -1 : 1);
  const width = Math.max(xf.length, yf.length);
  const xs = xi + xf.padEnd(width, '0');
  const ys = yi + yf.padEnd(width, '0');
  return sign * (xs < ys ? -1 : xs > ys ? 1 : 0);
}

// Exact sum of decimal strings (for aggregates), as a canonical decimal string.
function sumDecimals(values) {
  const scale = Math.max(0, ...values.map((v) => (parseDecimal(v, 'decimal').split('.')[1] || '').length));
  let total = 0n;
  for (const v of values) {
    const [int, frac = ''] = parseDecimal(v, 'decimal').replace('-', '').split('.');
    const scaled = BigInt(int + frac.padEnd(scale, '0'));
    total += v.trim().startsWith('-') ? -scaled : scaled;
  }
  const neg = total < 0n;
  const digits = (neg ? -total : total).toString().padStart(scale + 1, '0');
  const text = digits.slice(0, digits.length - scale) + (scale ? '.' + digits.slice(digits.length - scale) : '');
  return parseDecimal((neg ? '-' : '') + text, 'decimal');
}

// ------------------------------------------------------------------ big integers
function parseBigInt(value, typeName) {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  if (typeof value === 'string' && /^[+-]?\d+$/.test(value.trim())) return BigInt(value.trim());
  throw new GraphQLError(`invalid ${typeName} value: ${JSON.stringify(value)}`);
}

// ------------------------------------------------------------------ dates and times
const TIMESTAMP_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

function validDate(y, mo, d) {
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

// Microseconds since the epoch (a double holds them exactly up to about year 2255).
// Accepts "YYYY-MM-DD" (midnight) and "YYYY-MM-DD[T ]HH:MM[:SS[.fraction]]" with an
// optional "Z" / "+HH" / "+HH:MM" offset; no offset means UTC, as on a UTC server.
function timestampMicros(text, typeName) {
  const m = TIMESTAMP_RE.exec(String(text).trim());
  if (!m) throw new GraphQLError(`invalid ${typeName} value: ${JSON.stringify(text)}`);
  const [y, mo, d, h = 0, mi = 0, s = 0] = m.slice(1, 7).map((v) => (v === undefined ? 0 : Number(v)));
  if (!validDate(y, mo, d) || h > 23 || mi > 59 || s > 59) {
    throw new GraphQLError(`invalid ${typeName} value: ${JSON.stringify(text)}`);
  }
  // Fractions are rounded to microseconds, as PostgreSQL does.
  const micros = m[7] ? Math.round(Number('0.' + m[7]) * 1e6) : 0;
  let offsetMin = 0;
  if (m[8] && m[8].toUpperCase() !== 'Z') {
    const sign = m[8][0] === '-' ? -1 : 1;
    const digits = m[8].slice(1).replace(':', '');
    offsetMin = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0));
  }
  return (Date.UTC(y, mo - 1, d, h, mi, s) - offsetMin * 60000) * 1000 + micros;
}

function parseDate(text, typeName) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(text));
  if (!m || !validDate(Number(m[1]), Number(m[2]), Number(m[3]))) {
    throw new GraphQLError(`invalid ${typeName} value: ${JSON.stringify(text)}`);
  }
  return m[0];
}

function parseUuid(text, typeName) {
  if (typeof text !== 'string' || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text)) {
    throw new GraphQLError(`invalid ${typeName} value: ${JSON.stringify(text)}`);
  }
  return text.toLowerCase();
}

// ------------------------------------------------------------------ ordering
const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

// Strings compare by UTF-16 code unit, which for the ASCII test data is byte order
// (PostgreSQL's COLLATE "C"): "Zoe" < "alice".
const COMPARE = {
  int: cmp,
  float: cmp,
  text: cmp,
  id: (a, b) => cmp(Number(a), Number(b)) || cmp(String(a), String(b)),
  bool: (a, b) => cmp(a ? 1 : 0, b ? 1 : 0),
  decimal: compareDecimal,
  bigint: cmp,
  timestamptz: (a, b) => cmp(timestampMicros(a, 'timestamp'), timestampMicros(b, 'timestamp')),
  date: cmp,
  time: cmp,
  uuid: cmp, // canonical lower case: same order as PostgreSQL's uuid
};

// Compare two non-null values of one kind; enums compare by declaration order (as
// PostgreSQL enums do), given in `enumValues`.
function compareValues(kind, a, b, enumValues) {
  if (kind === 'enum') return cmp(enumValues.indexOf(a), enumValues.indexOf(b));
  const f = COMPARE[kind];
  if (!f) throw new GraphQLError(`values of kind ${kind} cannot be compared`);
  return f(a, b);
}

function isNil(v) {
  return v === null || v === undefined;
}

// JSON equality as jsonb sees it: object key order does not matter.
function jsonEqual(a, b) {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]));
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => k in b && jsonEqual(a[k], b[k]));
}

// jsonb @> : objects contain sub-objects, arrays contain every element of the other array,
// scalars contain equal scalars.
function jsonContains(outer, inner) {
  if (Array.isArray(outer)) {
    const items = Array.isArray(inner) ? inner : [inner];
    return items.every((i) => outer.some((o) => jsonContains(o, i)));
  }
  if (outer !== null && typeof outer === 'object') {
    if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) return false;
    return Object.keys(inner).every((k) => k in outer && jsonContains(outer[k], inner[k]));
  }
  return jsonEqual(outer, inner);
}

module.exports = {
  parseDecimal, compareDecimal, sumDecimals, parseBigInt, timestampMicros, parseDate, parseUuid,
  compareValues, isNil, jsonEqual, jsonContains,
};
