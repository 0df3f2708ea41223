'use strict';
// Builds an executable schema from SDL plus resolver and scalar maps, and runs requests
// against it. Names in the maps must exist in the SDL (a typo fails at start-up).

const { buildSchema, validate, execute } = require('graphql');

// scalars: { Name: {serialize, parseValue, parseLiteral} }
// resolvers: { TypeName: { fieldName(source, args, context, info) } }
function makeSchema(sdl, { scalars = {}, resolvers = {} } = {}) {
  const schema = buildSchema(sdl);
  for (const [name, impl] of Object.entries(scalars)) {
    const type = schema.getType(name);
    if (!type || !type.serialize) throw new Error(`makeSchema: no scalar ${name}`);
    Object.assign(type, impl);
  }
  for (const [typeName, fields] of Object.entries(resolvers)) {
    const type = schema.getType(typeName);
    if (!type || !type.getFields) throw new Error(`makeSchema: no object type ${typeName}`);
    for (const [fieldName, resolve] of Object.entries(fields)) {
      const field = type.getFields()[fieldName];
      if (!field) throw new Error(`makeSchema: no field ${typeName}.${fieldName}`);
      field.resolve = resolve;
    }
  }
  return schema;
}

// Same contract as schema.js run(): validates and executes an already parsed request.
async function runOn(schema, { document, syntaxError, variables, operationName, context }) {
  if (syntaxError) return { errors: [syntaxError] };
  const validationErrors = validate(schema, document);
  if (validationErrors.length > 0) return { errors: validationErrors };
  return execute({
    schema, document, rootValue: {}, contextValue: context, variableValues: variables, operationName,
  });
}

module.exports = { makeSchema, runOn };
