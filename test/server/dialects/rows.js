'use strict';
// Sorting and paging of row arrays, shared by the dialects.

const { GraphQLError } = require('graphql');
const { compareValues, isNil } = require('./values');

// specs: [{ value(row), kind, enumValues?, desc, nullsFirst }]. Rows arrive in primary key
// order and Array.prototype.sort is stable, so ties keep primary key order.
function sortRows(rows, specs) {
  if (specs.length === 0) return rows.slice();
  return rows.slice().sort((a, b) => compareBySpecs(a, b, specs));
}

function compareBySpecs(a, b, specs) {
  for (const s of specs) {
    const c = compareOne(s.value(a), s.value(b), s);
    if (c !== 0) return c;
  }
  return 0;
}

function compareOne(x, y, spec) {
  const xn = isNil(x);
  const yn = isNil(y);
  if (xn || yn) {
    if (xn && yn) return 0;
    return (xn ? -1 : 1) * (spec.nullsFirst ? 1 : -1);
  }
  const c = compareValues(spec.kind, x, y, spec.enumValues);
  return spec.desc ? -c : c;
}

function checkNonNegative(name, value) {
  if (!isNil(value) && value < 0) {
    throw new GraphQLError(`argument "${name}" must not be negative (got ${value})`);
  }
}

// offset (default 0), then limit (default: all rows).
function offsetLimit(rows, offset, limit) {
  checkNonNegative('offset', offset);
  checkNonNegative('limit', limit);
  const start = isNil(offset) ? 0 : offset;
  return isNil(limit) ? rows.slice(start) : rows.slice(start, start + limit);
}

function base64(text) {
  return Buffer.from(text, 'utf8').toString('base64');
}

function unbase64(text) {
  return Buffer.from(String(text), 'base64').toString('utf8');
}

module.exports = { sortRows, compareBySpecs, checkNonNegative, offsetLimit, base64, unbase64 };
