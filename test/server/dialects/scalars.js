'use strict';
// Custom scalars as real servers serialize them. Inputs are parsed into the canonical forms
// of values.js (decimal strings, BigInt, lower-case UUIDs, ...) so filters compare exactly.

const { GraphQLError, Kind, valueFromASTUntyped } = require('graphql');
const values = require('./values');

// A scalar from a function that turns an input (a variable's JSON value or a literal's
// text) into the canonical form. `literalKinds` are the AST kinds accepted as literals.
function inputScalar({ serialize, parse, literalKinds }) {
  return {
    serialize,
    parseValue: parse,
    parseLiteral(ast) {
      if (!literalKinds.includes(ast.kind)) {
        throw new GraphQLError(`expected a literal of kind ${literalKinds.join(' or ')}, got ${ast.kind}`);
      }
      return parse(ast.value);
    },
  };
}

const NUMBER_LITERALS = [Kind.INT, Kind.FLOAT, Kind.STRING];

// BigFloat (PostGraphile): a decimal string with all its digits.
const decimalAsString = (name) => inputScalar({
  serialize: (v) => { values.parseDecimal(v, name); return String(v); }, // keeps the stored scale ("12.50")
  parse: (v) => values.parseDecimal(typeof v === 'number' ? String(v) : v, name),
  literalKinds: NUMBER_LITERALS,
});

// numeric (Hasura, default settings): a JSON number. The test data keeps numeric values
// short enough for a double to print them exactly.
const decimalAsNumber = (name) => ({
  ...decimalAsString(name),
  serialize: (v) => Number(values.parseDecimal(v, name)),
});

// BigInt (PostGraphile): a string, since the values pass 2^53.
const bigIntAsString = (name) => inputScalar({
  serialize: (v) => String(values.parseBigInt(v, name)),
  parse: (v) => values.parseBigInt(v, name),
  literalKinds: [Kind.INT, Kind.STRING],
});

// Timestamps are stored as ISO strings with an offset and sent as stored; inputs are
// checked here and compared as instants (values.timestampMicros).
const timestamp = (name) => inputScalar({
  serialize: String,
  parse: (v) => { values.timestampMicros(v, name); return String(v); },
  literalKinds: [Kind.STRING],
});

const date = (name) => inputScalar({
  serialize: String,
  parse: (v) => values.parseDate(v, name),
  literalKinds: [Kind.STRING],
});

const uuid = (name) => inputScalar({
  serialize: String,
  parse: (v) => values.parseUuid(v, name),
  literalKinds: [Kind.STRING],
});

// Opaque strings (cursors, times, field sets).
const string = (name) => inputScalar({
  serialize: String,
  parse: (v) => {
    if (typeof v !== 'string') throw new GraphQLError(`${name} must be a string`);
    return v;
  },
  literalKinds: [Kind.STRING],
});

// Any JSON value, in and out.
const json = () => ({
  serialize: (v) => v,
  parseValue: (v) => v,
  parseLiteral: (ast, variables) => valueFromASTUntyped(ast, variables),
});

module.exports = { decimalAsString, decimalAsNumber, bigIntAsString, timestamp, date, uuid, string, json };
