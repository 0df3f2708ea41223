'use strict';
// GitHub's public GraphQL schema (npm @octokit/graphql-schema), mocked with
// @graphql-tools/mock. The fixed data of data.js answers the fields it has; every other
// field gets a deterministic mock: String "Hello World", Int 1, Float 1.5, Boolean true,
// the first enum value, the first member of a union or interface, lists of 2, ids
// numbered per request, and connections of 2 items that page like the real ones.
// A new mock store is made for each request (through AsyncLocalStorage), so an answer
// depends on the request only.

const fs = require('fs');
const path = require('path');
const { AsyncLocalStorage } = require('async_hooks');
const {
  parse, buildASTSchema, Kind, defaultFieldResolver, getNamedType, getNullableType,
  isObjectType, isListType, isScalarType,
} = require('graphql');
const { addMocksToSchema, createMockStore } = require('@graphql-tools/mock');
const { checkPaging, paginate } = require('./connection');
const { nodeId } = require('./ids');

const SCALAR_MOCKS = {
  String: () => 'Hello World',
  Int: () => 1,
  Float: () => 1.5,
  Boolean: () => true,
  Base64String: () => 'SGVsbG8gV29ybGQ=',
  BigInt: () => '1',
  Date: () => '2024-01-01',
  DateTime: () => '2024-01-01T00:00:00Z',
  GitObjectID: () => '0123456789abcdef0123456789abcdef01234567',
  GitRefname: () => 'refs/heads/main',
  GitSSHRemote: () => 'git@github.com:octocat/mock.git',
  GitTimestamp: () => '2024-01-01T00:00:00+00:00',
  HTML: () => '<p>Hello World</p>',
  PreciseDateTime: () => '2024-01-01T00:00:00.000000Z',
  URI: () => 'https://github.com/mock',
  X509Certificate: () => '-----BEGIN CERTIFICATE-----\nMOCK\n-----END CERTIFICATE-----\n',
};

// The SDL file of the package (its "exports" only name the ES module, so find the file
// next to the package's directory in node_modules).
function sdlPath() {
  for (const dir of module.paths) {
    const p = path.join(dir, '@octokit', 'graphql-schema', 'schema.graphql');
    if (fs.existsSync(p)) return p;
  }
  throw new Error('@octokit/graphql-schema is not installed: run npm ci in test/server');
}

// GitHub's published SDL has had duplicate field definitions (EnterpriseOwnerInfo.
// repositoryDeployKeySetting in 15.26.x), which graphql-js refuses: keep the first.
function dedupeFields(doc) {
  const dropped = [];
  const definitions = doc.definitions.map((d) => {
    if (!d.fields) return d;
    const seen = new Set();
    const fields = d.fields.filter((f) => {
      if (seen.has(f.name.value)) { dropped.push(`${d.name.value}.${f.name.value}`); return false; }
      seen.add(f.name.value);
      return true;
    });
    return fields.length === d.fields.length ? d : { ...d, fields };
  });
  return { doc: { kind: Kind.DOCUMENT, definitions }, dropped };
}

function connectionNodeType(connType) {
  const f = connType.getFields();
  if (f.nodes) return getNullableType(getNullableType(f.nodes.type).ofType);
  if (f.edges) {
    const edge = getNamedType(f.edges.type);
    if (isObjectType(edge) && edge.getFields().node) return getNullableType(edge.getFields().node.type);
  }
  return null;
}

function isConnectionField(field) {
  const t = getNamedType(field.type);
  return isObjectType(t) && /Connection$/.test(t.name)
    && field.args.some((a) => a.name === 'first') && field.args.some((a) => a.name === 'last');
}

function build() {
  const sdl = fs.readFileSync(sdlPath(), 'utf8');
  const { doc, dropped } = dedupeFields(parse(sdl, { noLocation: true }));
  const base = buildASTSchema(doc, { assumeValidSDL: true });

  const als = new AsyncLocalStorage();
  const scalarMocks = { ...SCALAR_MOCKS };
  for (const t of Object.values(base.getTypeMap())) {
    if (isScalarType(t) && !scalarMocks[t.name]) scalarMocks[t.name] = () => 'mock';
  }
  const newStore = () => {
    let ids = 0;
    return createMockStore({
      schema: base,
      mockGenerationBehavior: 'deterministic',
      mocks: { ...scalarMocks, ID: () => nodeId('Mock', ++ids) },
    });
  };
  // The store of the request being executed.
  const store = new Proxy({}, {
    get(_, prop) {
      const s = als.getStore();
      if (!s) throw new Error('mock store used outside a request');
      const v = s[prop];
      return typeof v === 'function' ? v.bind(s) : v;
    },
  });
  const schema = addMocksToSchema({ schema: base, store });

  // Connections: GitHub's first/last rules everywhere; ours come from data.js, the rest
  // are 2 mocked items.
  const GENERIC_COUNT = 2;
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (!isConnectionField(field)) continue;
      const connType = getNamedType(field.type);
      const nodeType = connectionNodeType(connType);
      field.resolve = (source, args, context, info) => {
        checkPaging(args, info.fieldName);
        const own = source && !source.$ref ? defaultFieldResolver(source, args, context, info) : undefined;
        if (own !== undefined) return own;
        const items = [];
        for (let i = 0; i < GENERIC_COUNT && nodeType; i++) items.push(store.generateValueFromType(nodeType));
        return paginate(items, args);
      };
    }
  }
  return { schema, als, newStore, dropped };
}

module.exports = { build, SCALAR_MOCKS };
