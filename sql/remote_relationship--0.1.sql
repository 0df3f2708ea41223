-- remote_relationship 0.1: the foreign data wrapper for remote GraphQL APIs.
\echo Use "CREATE EXTENSION remote_relationship" to load this file. \quit

-- Functions of the extension live in their own schema (the metadata API joins them later).
CREATE SCHEMA remote_relationship;

CREATE FUNCTION remote_relationship.fdw_handler()
RETURNS fdw_handler
AS 'MODULE_PATHNAME', 'remote_relationship_fdw_handler'
LANGUAGE C STRICT;

CREATE FUNCTION remote_relationship.fdw_validator(text[], oid)
RETURNS void
AS 'MODULE_PATHNAME', 'remote_relationship_fdw_validator'
LANGUAGE C STRICT;

CREATE FOREIGN DATA WRAPPER remote_relationship
  HANDLER remote_relationship.fdw_handler
  VALIDATOR remote_relationship.fdw_validator;

COMMENT ON FOREIGN DATA WRAPPER remote_relationship IS
  'remote GraphQL types as foreign tables (one remote schema = one server)';

-- The schema model of a remote schema (foreign server), cached per backend: fetch it anew
-- (every other backend forgets its copy at commit), or see what it holds.
CREATE FUNCTION remote_relationship.reload_schema(server name)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'remote_relationship_reload_schema'
LANGUAGE C STRICT VOLATILE;

CREATE FUNCTION remote_relationship.schema_summary(server name)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'remote_relationship_schema_summary'
LANGUAGE C STRICT VOLATILE;
