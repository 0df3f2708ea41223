#!/usr/bin/env node
'use strict';
// Prints a schema's introspection, for IMPORT FOREIGN SCHEMA's `introspection` option when
// a remote refuses introspection.
//
//   node test/server/introspect.js <default|plain|hasura|...> [--data] [--pretty]
//   node test/server/introspect.js --sdl FILE.graphql [--data] [--pretty]
//
// Output: graphql-js introspectionFromSchema(schema), i.e. {"__schema": ...}, or with --data
// {"data": {"__schema": ...}} as a server would answer. One line unless --pretty. The same
// schema always prints the same bytes.

const fs = require('fs');
const { buildSchema, introspectionFromSchema } = require('graphql');
const { DIALECTS } = require('./dialects');

function usage(code) {
  process.stderr.write('usage: node introspect.js <default|' + Object.keys(DIALECTS).join('|') + '> [--data] [--pretty]\n'
    + '       node introspect.js --sdl FILE.graphql [--data] [--pretty]\n');
  process.exit(code);
}

function parseArgs(argv) {
  const opts = { data: false, pretty: false, name: null, sdlFile: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--data') opts.data = true;
    else if (arg === '--pretty') opts.pretty = true;
    else if (arg === '--help' || arg === '-h') usage(0);
    else if (arg === '--sdl') {
      if (i + 1 >= argv.length) { process.stderr.write('--sdl needs a file\n'); usage(2); }
      opts.sdlFile = argv[++i];
    } else if (!arg.startsWith('--') && opts.name === null) opts.name = arg;
    else { process.stderr.write(`unknown argument: ${arg}\n`); usage(2); }
  }
  if ((opts.name === null) === (opts.sdlFile === null)) usage(2); // exactly one source
  return opts;
}

function loadSchema(opts) {
  if (opts.sdlFile !== null) return buildSchema(fs.readFileSync(opts.sdlFile, 'utf8'));
  if (opts.name === 'default') return require('./schema').schema;
  if (Object.prototype.hasOwnProperty.call(DIALECTS, opts.name)) return DIALECTS[opts.name].schema;
  process.stderr.write(`unknown schema "${opts.name}"\n`);
  return usage(2);
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  let schema;
  try {
    schema = loadSchema(opts);
  } catch (e) {
    process.stderr.write(`${e.message}\n`);
    process.exit(1);
  }
  const introspection = introspectionFromSchema(schema);
  const out = opts.data ? { data: introspection } : introspection;
  process.stdout.write(JSON.stringify(out, null, opts.pretty ? 2 : undefined) + '\n');
}

main();
