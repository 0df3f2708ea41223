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

-- What a remote schema knows of one type (NULL: the query type) for the metadata API's
-- checks: {name, kind, fields: [{name, type, named, kind, list_depth, non_null, arguments}],
-- input_fields, possible_types}; NULL when the remote has no such type.
CREATE FUNCTION remote_relationship.remote_type(server name, type_name text)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'remote_relationship_remote_type'
LANGUAGE C VOLATILE;

-- The remote's answer to the introspection query ({"data": {"__schema": ...}}).
CREATE FUNCTION remote_relationship.introspect(server name)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'remote_relationship_introspect'
LANGUAGE C STRICT VOLATILE;

-- Key converters of the relationship functions. A value that is no valid key of the type
-- matches nothing: NULL, or left out of the array.
CREATE FUNCTION remote_relationship.key_int2(text) RETURNS int2
AS 'MODULE_PATHNAME', 'remote_relationship_key_int2' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION remote_relationship.key_int4(text) RETURNS int4
AS 'MODULE_PATHNAME', 'remote_relationship_key_int4' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION remote_relationship.key_int8(text) RETURNS int8
AS 'MODULE_PATHNAME', 'remote_relationship_key_int8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION remote_relationship.key_uuid(text) RETURNS uuid
AS 'MODULE_PATHNAME', 'remote_relationship_key_uuid' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION remote_relationship.key_int2_array(jsonb) RETURNS int2[]
AS 'MODULE_PATHNAME', 'remote_relationship_key_int2_array_jsonb' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION remote_relationship.key_int4_array(jsonb) RETURNS int4[]
AS 'MODULE_PATHNAME', 'remote_relationship_key_int4_array_jsonb' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION remote_relationship.key_int8_array(jsonb) RETURNS int8[]
AS 'MODULE_PATHNAME', 'remote_relationship_key_int8_array_jsonb' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION remote_relationship.key_uuid_array(jsonb) RETURNS uuid[]
AS 'MODULE_PATHNAME', 'remote_relationship_key_uuid_array_jsonb' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION remote_relationship.key_text_array(jsonb) RETURNS text[]
AS 'MODULE_PATHNAME', 'remote_relationship_key_text_array_jsonb' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION remote_relationship.key_int2_array(text[]) RETURNS int2[]
AS 'MODULE_PATHNAME', 'remote_relationship_key_int2_array_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION remote_relationship.key_int4_array(text[]) RETURNS int4[]
AS 'MODULE_PATHNAME', 'remote_relationship_key_int4_array_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION remote_relationship.key_int8_array(text[]) RETURNS int8[]
AS 'MODULE_PATHNAME', 'remote_relationship_key_int8_array_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION remote_relationship.key_uuid_array(text[]) RETURNS uuid[]
AS 'MODULE_PATHNAME', 'remote_relationship_key_uuid_array_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION remote_relationship.key_text_array(text[]) RETURNS text[]
AS 'MODULE_PATHNAME', 'remote_relationship_key_text_array_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

-- ===========================================================================================
-- The metadata API (Hasura's POST /v1/metadata in SQL). Remote schemas are the foreign
-- servers of this wrapper; sources are names of this database; each relationship is one SQL
-- function per foreign table (or table) it starts from, which the planner inlines as a join.
-- Functions whose names start with "_" are its internals.
-- ===========================================================================================

-- Names of this database besides "default" and its own name (pg_add_source). The
-- configuration Hasura sends with them is not stored: it may hold a password.
CREATE TABLE remote_relationship.source (
  name text PRIMARY KEY CHECK (name <> '')
);
COMMENT ON TABLE remote_relationship.source IS 'aliases of this database as a Hasura source (pg_add_source)';

-- One row a relationship: on a remote type (remote_schema, type_name) or on a table
-- (source, table_schema, table_name), its definition as registered, and the functions made
-- for it (pg_identify_object identities, which survive pg_dump and restore).
CREATE TABLE remote_relationship.relationship (
  remote_schema text,
  type_name     text,
  source        text,
  table_schema  text,
  table_name    text,
  name          text NOT NULL CHECK (name <> ''),
  definition    jsonb NOT NULL,
  functions     text[] NOT NULL,
  CHECK ((remote_schema IS NOT NULL AND type_name IS NOT NULL AND source IS NULL AND table_schema IS NULL AND table_name IS NULL)
      OR (remote_schema IS NULL AND type_name IS NULL AND source IS NOT NULL AND table_schema IS NOT NULL AND table_name IS NOT NULL)),
  UNIQUE NULLS NOT DISTINCT (remote_schema, type_name, table_schema, table_name, name)
);
COMMENT ON TABLE remote_relationship.relationship IS 'relationships registered through the metadata API';

SELECT pg_catalog.pg_extension_config_dump('remote_relationship.source', '');
SELECT pg_catalog.pg_extension_config_dump('remote_relationship.relationship', '');

-- Whether the current role may add or drop sources: the database's owner (or a superuser).
CREATE FUNCTION remote_relationship._owns_database() RETURNS boolean
LANGUAGE sql STABLE
RETURN pg_has_role(current_user, (SELECT datdba FROM pg_database WHERE datname = current_database()), 'USAGE');

-- The function an identity names, or NULL (also when a type in it no longer exists, on which
-- to_regprocedure raises).
CREATE FUNCTION remote_relationship._resolve(identity text) RETURNS regprocedure
LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN to_regprocedure(identity);
EXCEPTION WHEN OTHERS THEN
  RETURN NULL;
END
$$;

-- The same, resolved with the extension owner's rights (a caller may not see the schema).
CREATE FUNCTION remote_relationship._catalog_resolve(identity text) RETURNS regprocedure
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
RETURN remote_relationship._resolve(identity);

-- Every role reads the catalog (it holds no secret); sources are written by the database's
-- owner; relationship rows only through _catalog_add, which checks that each function is a
-- relationship function of that name on the row's table, made by a role that owns the table.
-- Relationship functions call the key converters, so every role needs the schema.
GRANT USAGE ON SCHEMA remote_relationship TO PUBLIC;
GRANT SELECT ON remote_relationship.source, remote_relationship.relationship TO PUBLIC;
GRANT INSERT, DELETE ON remote_relationship.source TO PUBLIC;
ALTER TABLE remote_relationship.source ENABLE ROW LEVEL SECURITY;
CREATE POLICY everyone_reads ON remote_relationship.source FOR SELECT USING (true);
CREATE POLICY owner_adds ON remote_relationship.source FOR INSERT WITH CHECK (remote_relationship._owns_database());
CREATE POLICY owner_drops ON remote_relationship.source FOR DELETE USING (remote_relationship._owns_database());

CREATE FUNCTION remote_relationship._catalog_add(entry remote_relationship.relationship) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  identity text;
  f regprocedure;
  proc pg_proc;
  lhs regclass;
  identities text[] := '{}';
BEGIN
  IF coalesce(cardinality(entry.functions), 0) = 0 OR (entry.remote_schema IS NULL AND cardinality(entry.functions) <> 1) THEN
    RAISE EXCEPTION 'a relationship needs its functions' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  FOREACH identity IN ARRAY entry.functions LOOP
    f := remote_relationship._resolve(identity);
    SELECT * INTO proc FROM pg_proc WHERE oid = f;
    SELECT c.oid INTO lhs FROM pg_class c WHERE proc.pronargs = 1 AND c.reltype = proc.proargtypes[0];
    IF f IS NULL OR proc.proname <> entry.name OR lhs IS NULL
       OR NOT pg_has_role(proc.proowner, (SELECT relowner FROM pg_class WHERE oid = lhs), 'USAGE')
       OR (entry.remote_schema IS NOT NULL AND NOT lhs = ANY (remote_relationship._type_tables(
             remote_relationship._server(entry.remote_schema), entry.type_name)))
       OR (entry.remote_schema IS NULL AND lhs IS DISTINCT FROM
             (SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE n.nspname = entry.table_schema AND c.relname = entry.table_name)) THEN
      RAISE EXCEPTION 'function % is no relationship function "%" of the table it starts from, made by its owner',
        identity, entry.name USING ERRCODE = 'insufficient_privilege';
    END IF;
    identities := identities || (pg_identify_object('pg_proc'::regclass, f, 0)).identity;
  END LOOP;
  INSERT INTO remote_relationship.relationship (remote_schema, type_name, source, table_schema, table_name, name, definition, functions)
  VALUES (entry.remote_schema, entry.type_name, entry.source, entry.table_schema, entry.table_name, entry.name,
          entry.definition, identities);
END
$$;

-- Removes the row of a relationship none of whose functions exists any more (a rename made its
-- identities stale); its live functions are dropped by their owners, which removes the row.
CREATE FUNCTION remote_relationship._catalog_forget(entry remote_relationship.relationship) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  DELETE FROM remote_relationship.relationship r
  WHERE r.remote_schema IS NOT DISTINCT FROM entry.remote_schema AND r.type_name IS NOT DISTINCT FROM entry.type_name
    AND r.table_schema IS NOT DISTINCT FROM entry.table_schema AND r.table_name IS NOT DISTINCT FROM entry.table_name
    AND r.name = entry.name
    AND NOT EXISTS (SELECT FROM unnest(r.functions) f WHERE remote_relationship._resolve(f) IS NOT NULL);
END
$$;

-- A relationship whose functions are dropped (DROP FUNCTION, or DROP ... CASCADE of a table,
-- foreign table or server they use) is gone: its row goes with the last of them.
CREATE FUNCTION remote_relationship._forget_dropped_relationships() RETURNS event_trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  dropped text[];
BEGIN
  SELECT array_agg(object_identity) INTO dropped
  FROM pg_event_trigger_dropped_objects() WHERE object_type = 'function';
  IF dropped IS NULL OR to_regclass('remote_relationship.relationship') IS NULL THEN
    RETURN;
  END IF;
  UPDATE remote_relationship.relationship SET functions = ARRAY(SELECT f FROM unnest(functions) f WHERE f <> ALL (dropped))
  WHERE functions && dropped;
  -- Also rows whose functions were renamed (through their table) before being dropped.
  DELETE FROM remote_relationship.relationship r
  WHERE NOT EXISTS (SELECT FROM unnest(r.functions) f WHERE remote_relationship._resolve(f) IS NOT NULL);
END
$$;
CREATE EVENT TRIGGER remote_relationship_forget_dropped ON sql_drop
  EXECUTE FUNCTION remote_relationship._forget_dropped_relationships();

-- ---- JSON arguments: every value checked, errors say where ($.args.definition...) ----------

-- obj[key] of the JSON type kind ('string', 'object', 'array', 'boolean', 'number', or 'any');
-- NULL when absent (or JSON null) and not required.
CREATE FUNCTION remote_relationship._get(obj jsonb, key text, path text, kind text, required boolean DEFAULT true)
RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  value jsonb := obj -> key;
BEGIN
  IF value IS NULL OR jsonb_typeof(value) = 'null' THEN
    IF required THEN
      RAISE EXCEPTION 'missing key "%" at %', key, path USING ERRCODE = 'invalid_parameter_value';
    END IF;
    RETURN NULL;
  END IF;
  IF kind <> 'any' AND jsonb_typeof(value) <> kind THEN
    RAISE EXCEPTION 'expected % at %.%, got %', CASE kind WHEN 'array' THEN 'an array' WHEN 'object' THEN 'an object'
      ELSE 'a ' || kind END, path, key, jsonb_typeof(value) USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF kind = 'string' AND value #>> '{}' = '' THEN
    RAISE EXCEPTION 'empty string at %.%', path, key USING ERRCODE = 'invalid_parameter_value';
  END IF;
  RETURN value;
END
$$;

CREATE FUNCTION remote_relationship._text(obj jsonb, key text, path text, required boolean DEFAULT true)
RETURNS text LANGUAGE sql IMMUTABLE
RETURN remote_relationship._get(obj, key, path, 'string', required) #>> '{}';

-- value must be an object with no key outside allowed.
CREATE FUNCTION remote_relationship._object(value jsonb, path text, allowed text[])
RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  unknown text;
BEGIN
  IF value IS NULL OR jsonb_typeof(value) <> 'object' THEN
    RAISE EXCEPTION 'expected an object at %, got %', path, coalesce(jsonb_typeof(value), 'nothing')
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  SELECT k INTO unknown FROM jsonb_object_keys(value) AS k WHERE k <> ALL (allowed) ORDER BY k LIMIT 1;
  IF unknown IS NOT NULL THEN
    RAISE EXCEPTION 'unknown key "%" at %', unknown, path USING ERRCODE = 'invalid_parameter_value',
      HINT = 'The keys known here are: ' || array_to_string(allowed, ', ') || '.';
  END IF;
  RETURN value;
END
$$;

-- Mutating calls take one lock, so that two sessions racing for one name see each other's
-- committed work: one wins, the other gets a clear "already exists".
CREATE FUNCTION remote_relationship._lock() RETURNS void
LANGUAGE sql VOLATILE
RETURN (SELECT NULL::void FROM pg_advisory_xact_lock(hashtext('remote_relationship.metadata')));

-- ---- remote schemas, types and sources -------------------------------------------------------

-- The foreign server of this wrapper named rs, or NULL.
CREATE FUNCTION remote_relationship._server(rs text) RETURNS oid
LANGUAGE sql STABLE
RETURN (SELECT s.oid FROM pg_foreign_server s JOIN pg_foreign_data_wrapper w ON w.oid = s.srvfdw
        WHERE w.fdwname = 'remote_relationship' AND s.srvname = rs);

CREATE FUNCTION remote_relationship._remote_schema(rs text) RETURNS oid
LANGUAGE plpgsql STABLE AS $$
DECLARE
  server oid := remote_relationship._server(rs);
BEGIN
  IF server IS NULL THEN
    RAISE EXCEPTION 'remote schema with name "%" not found', rs USING ERRCODE = 'fdw_schema_not_found',
      HINT = 'A remote schema is a foreign server of remote_relationship: add_remote_schema or CREATE SERVER makes one.';
  END IF;
  RETURN server;
END
$$;

-- The remote's description of type T (NULL: the query type), an error when it has none.
CREATE FUNCTION remote_relationship._type(rs text, t text) RETURNS jsonb
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  described jsonb := remote_relationship.remote_type(rs::name, t);
BEGIN
  IF described IS NULL THEN
    RAISE EXCEPTION 'no type named "%" defined in remote schema "%"', t, rs USING ERRCODE = 'fdw_table_not_found';
  END IF;
  RETURN described;
END
$$;

-- The canonical name of a source (all name this database), or Hasura's error.
CREATE FUNCTION remote_relationship._source(name text) RETURNS text
LANGUAGE plpgsql STABLE AS $$
BEGIN
  IF name = 'default' OR name = current_database()
     OR EXISTS (SELECT FROM remote_relationship.source s WHERE s.name = _source.name) THEN
    RETURN name;
  END IF;
  RAISE EXCEPTION 'source not found: "%"', name USING ERRCODE = 'invalid_parameter_value',
    HINT = 'The sources are "default", the database''s own name and the names given to pg_add_source.';
END
$$;

-- A table, view or foreign table named by Hasura's {"schema", "name"} or a bare name (schema
-- public), or Hasura's error.
CREATE FUNCTION remote_relationship._table(spec jsonb, source text, path text) RETURNS regclass
LANGUAGE plpgsql STABLE AS $$
DECLARE
  schema_name text;
  table_name text;
  found regclass;
BEGIN
  IF jsonb_typeof(spec) = 'string' THEN
    schema_name := 'public';
    table_name := spec #>> '{}';
  ELSE
    PERFORM remote_relationship._object(spec, path, ARRAY['name', 'schema']);
    table_name := remote_relationship._text(spec, 'name', path);
    schema_name := coalesce(remote_relationship._text(spec, 'schema', path, false), 'public');
  END IF;
  SELECT c.oid INTO found FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = schema_name AND c.relname = table_name AND c.relkind IN ('r', 'p', 'v', 'm', 'f');
  IF found IS NULL THEN
    RAISE EXCEPTION 'table "%" does not exist in source: %',
      CASE schema_name WHEN 'public' THEN table_name ELSE schema_name || '.' || table_name END, source
      USING ERRCODE = 'undefined_table';
  END IF;
  RETURN found;
END
$$;

-- The foreign tables of server that read type t (option type_name, or named t without it).
CREATE FUNCTION remote_relationship._type_tables(server oid, t text) RETURNS regclass[]
LANGUAGE sql STABLE
RETURN (SELECT coalesce(array_agg(c.oid::regclass ORDER BY n.nspname, c.relname), '{}')
        FROM pg_foreign_table ft JOIN pg_class c ON c.oid = ft.ftrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN LATERAL (SELECT option_value FROM pg_options_to_table(ft.ftoptions)
                           WHERE option_name = 'type_name') o ON true
        WHERE ft.ftserver = server AND coalesce(o.option_value, c.relname) = t);

-- One option of a foreign table or of one of its columns (column NULL: the table's).
CREATE FUNCTION remote_relationship._option(rel regclass, column_name text, option text) RETURNS text
LANGUAGE sql STABLE
RETURN (SELECT o.option_value FROM
          (SELECT ftoptions AS options FROM pg_foreign_table WHERE ftrelid = rel AND column_name IS NULL
           UNION ALL
           SELECT attfdwoptions FROM pg_attribute WHERE attrelid = rel AND attname = column_name AND NOT attisdropped) s,
          pg_options_to_table(s.options) o
        WHERE o.option_name = option);

-- The column of a foreign table that reads remote field f (option field, or named f).
CREATE FUNCTION remote_relationship._field_column(rel regclass, f text) RETURNS name
LANGUAGE sql STABLE
RETURN (SELECT a.attname FROM pg_attribute a
        LEFT JOIN LATERAL (SELECT option_value FROM pg_options_to_table(a.attfdwoptions) WHERE option_name = 'field') o ON true
        WHERE a.attrelid = rel AND a.attnum > 0 AND NOT a.attisdropped AND coalesce(o.option_value, a.attname) = f
        ORDER BY o.option_value IS NULL LIMIT 1);

CREATE FUNCTION remote_relationship._column_type(rel regclass, column_name text) RETURNS regtype
LANGUAGE sql STABLE
RETURN (SELECT atttypid::regtype FROM pg_attribute
        WHERE attrelid = rel AND attname = column_name AND attnum > 0 AND NOT attisdropped);

-- Hasura's way of naming a table in messages: users, or myschema.users.
CREATE FUNCTION remote_relationship._table_label(rel regclass) RETURNS text
LANGUAGE sql STABLE
RETURN (SELECT CASE n.nspname WHEN 'public' THEN c.relname ELSE n.nspname || '.' || c.relname END
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = rel);

CREATE FUNCTION remote_relationship._qualified(rel regclass) RETURNS text
LANGUAGE sql STABLE
RETURN (SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.oid = rel);

CREATE FUNCTION remote_relationship._check_owner(rel regclass) RETURNS void
LANGUAGE plpgsql STABLE AS $$
BEGIN
  IF NOT pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = rel), 'USAGE') THEN
    RAISE EXCEPTION 'must be owner of % to register or drop a relationship on it', rel::text
      USING ERRCODE = 'insufficient_privilege';
  END IF;
END
$$;

-- ---- the join condition of one key -----------------------------------------------------------

CREATE FUNCTION remote_relationship._is_text_type(t regtype) RETURNS boolean
LANGUAGE sql IMMUTABLE
RETURN t IN ('text'::regtype, 'character varying'::regtype, 'character'::regtype, 'name'::regtype)
    OR (SELECT typname = 'citext' FROM pg_type WHERE oid = t);

CREATE FUNCTION remote_relationship._key_suffix(t regtype) RETURNS text
LANGUAGE sql IMMUTABLE
RETURN CASE t WHEN 'smallint'::regtype THEN 'int2' WHEN 'integer'::regtype THEN 'int4'
              WHEN 'bigint'::regtype THEN 'int8' WHEN 'uuid'::regtype THEN 'uuid' WHEN 'text'::regtype THEN 'text' END;

-- Whether "a = b" resolves for values of these types.
CREATE FUNCTION remote_relationship._comparable(a regtype, b regtype) RETURNS boolean
LANGUAGE plpgsql STABLE AS $$
BEGIN
  EXECUTE format('SELECT NULL::%s = NULL::%s', a, b);
  RETURN true;
EXCEPTION WHEN undefined_function OR datatype_mismatch OR ambiguous_function THEN
  RETURN false;
END
$$;

-- Whether a GraphQL scalar (named type and its kind) may join a column of type t: an ID
-- joins integer, uuid and text columns, Int integer ones, String and enums text ones; any
-- other scalar whatever its imported column compares with.
CREATE FUNCTION remote_relationship._graphql_joins(named text, kind text, t regtype, imported regtype) RETURNS boolean
LANGUAGE sql STABLE
RETURN CASE
  WHEN named = 'ID' THEN t IN ('smallint'::regtype, 'integer'::regtype, 'bigint'::regtype, 'uuid'::regtype)
                         OR remote_relationship._is_text_type(t)
  WHEN named = 'Int' THEN t IN ('smallint'::regtype, 'integer'::regtype, 'bigint'::regtype, 'numeric'::regtype)
  WHEN named = 'String' OR kind = 'ENUM' THEN remote_relationship._is_text_type(t)
  WHEN named = 'Float' THEN t IN ('real'::regtype, 'double precision'::regtype, 'numeric'::regtype)
  WHEN named = 'Boolean' THEN t = 'boolean'::regtype
  ELSE imported IS NOT NULL AND remote_relationship._comparable(imported, t)
END;

-- Whether two GraphQL scalars may be joined (remote to remote).
CREATE FUNCTION remote_relationship._graphql_pair_joins(a text, b text) RETURNS boolean
LANGUAGE sql IMMUTABLE
RETURN a = b OR (a = 'ID' AND b IN ('Int', 'String')) OR (b = 'ID' AND a IN ('Int', 'String'));

-- The SQL condition that matches target column rhs (of alias r) with the expression lhs.
-- Each side has its SQL type and, when it is remote, its GraphQL type ({named, kind,
-- list_depth} as remote_type() describes fields and arguments). A list on one side (jsonb or an
-- array) matches any element, which only an array relationship may do (*is_list says so).
CREATE FUNCTION remote_relationship._key_condition(
    lhs text, lhs_type regtype, lhs_graphql jsonb, rhs name, rhs_type regtype, rhs_graphql jsonb,
    label text, OUT condition text, OUT is_list boolean)
LANGUAGE plpgsql STABLE AS $$
DECLARE
  target text := format('r.%I', rhs);
  lhs_list boolean := (lhs_graphql IS NOT NULL AND (lhs_graphql ->> 'list_depth')::int > 0)
                      OR (SELECT typcategory = 'A' FROM pg_type WHERE oid = lhs_type)
                      OR (lhs_graphql IS NULL AND lhs_type = 'jsonb'::regtype);
  rhs_list boolean := (rhs_graphql IS NOT NULL AND (rhs_graphql ->> 'list_depth')::int > 0)
                      OR (SELECT typcategory = 'A' FROM pg_type WHERE oid = rhs_type)
                      OR (rhs_graphql IS NULL AND rhs_type = 'jsonb'::regtype);
  lhs_scalar regtype := lhs_type;
  rhs_scalar regtype := rhs_type;
  suffix text;
BEGIN
  IF lhs_list AND rhs_list THEN
    RAISE EXCEPTION '%: both sides are lists, which cannot be joined', label USING ERRCODE = 'fdw_invalid_data_type';
  END IF;
  -- The GraphQL types first, as Hasura would check them.
  IF lhs_graphql IS NOT NULL AND rhs_graphql IS NOT NULL THEN
    IF NOT remote_relationship._graphql_pair_joins(lhs_graphql ->> 'named', rhs_graphql ->> 'named') THEN
      RAISE EXCEPTION '%: expected type "%" but got "%"', label, rhs_graphql ->> 'named', lhs_graphql ->> 'named'
        USING ERRCODE = 'fdw_invalid_data_type';
    END IF;
  ELSIF lhs_graphql IS NOT NULL OR rhs_graphql IS NOT NULL THEN
    DECLARE
      remote jsonb := coalesce(lhs_graphql, rhs_graphql);
      remote_column regtype := CASE WHEN lhs_graphql IS NOT NULL THEN lhs_type ELSE rhs_type END;
      local_column regtype := CASE WHEN lhs_graphql IS NOT NULL THEN rhs_type ELSE lhs_type END;
    BEGIN
      IF (SELECT typcategory = 'A' FROM pg_type WHERE oid = local_column) THEN
        local_column := (SELECT typelem FROM pg_type WHERE oid = local_column);
      END IF;
      IF remote ->> 'kind' NOT IN ('SCALAR', 'ENUM') THEN
        RAISE EXCEPTION '%: the remote field is of type "%", not a scalar', label, remote ->> 'type'
          USING ERRCODE = 'fdw_invalid_data_type';
      END IF;
      IF NOT remote_relationship._graphql_joins(remote ->> 'named', remote ->> 'kind', local_column,
                                               CASE WHEN (remote ->> 'list_depth')::int = 0 THEN remote_column END) THEN
        RAISE EXCEPTION '%: GraphQL type "%" cannot be joined with a column of type %', label, remote ->> 'type', local_column
          USING ERRCODE = 'fdw_invalid_data_type',
                HINT = 'An ID joins integer, bigint, uuid or text columns; Int joins integer types; String joins text types.';
      END IF;
    END;
  END IF;

  is_list := lhs_list OR rhs_list;
  IF lhs_list THEN
    IF (SELECT typcategory = 'A' FROM pg_type WHERE oid = lhs_type)
       AND (SELECT typelem FROM pg_type WHERE oid = lhs_type) = rhs_type THEN
      condition := format('%s = ANY(%s)', target, lhs);
      RETURN;
    END IF;
    suffix := remote_relationship._key_suffix(rhs_type);
    -- A list read into a text column is its JSON text.
    IF remote_relationship._is_text_type(lhs_type) THEN
      lhs := format('(%s)::jsonb', lhs);
    ELSIF lhs_type <> 'jsonb'::regtype AND lhs_type <> 'text[]'::regtype THEN
      lhs := format('(%s)::text[]', lhs);
    END IF;
    condition := CASE WHEN suffix IS NOT NULL THEN format('%s = ANY(remote_relationship.key_%s_array(%s))', target, suffix, lhs)
                      ELSE format('%s::text = ANY(remote_relationship.key_text_array(%s))', target, lhs) END;
    RETURN;
  END IF;
  IF rhs_list THEN
    IF (SELECT typcategory = 'A' FROM pg_type WHERE oid = rhs_type)
       AND remote_relationship._comparable(lhs_type, (SELECT typelem FROM pg_type WHERE oid = rhs_type)::regtype) THEN
      condition := format('%s = ANY(%s)', lhs, target);
    ELSE
      condition := format('(%s)::text = ANY(remote_relationship.key_text_array(%s%s))', lhs, target,
                          CASE WHEN remote_relationship._is_text_type(rhs_type) THEN '::jsonb'
                               WHEN rhs_type NOT IN ('jsonb'::regtype, 'text[]'::regtype) THEN '::text[]' ELSE '' END);
    END IF;
    RETURN;
  END IF;

  -- Scalars: the target column is compared with a value of its own type, so that its index
  -- serves the join.
  suffix := remote_relationship._key_suffix(rhs_scalar);
  IF remote_relationship._is_text_type(lhs_scalar) AND suffix IS NOT NULL AND suffix <> 'text' THEN
    condition := format('%s = remote_relationship.key_%s((%s)::text)', target, suffix, lhs);
  ELSIF rhs_scalar <> lhs_scalar AND (
          (remote_relationship._is_text_type(rhs_scalar) AND remote_relationship._is_text_type(lhs_scalar))
          OR (rhs_scalar = 'numeric'::regtype AND lhs_scalar IN ('smallint'::regtype, 'integer'::regtype, 'bigint'::regtype,
                                                                 'real'::regtype, 'double precision'::regtype))) THEN
    -- In the target's own type (citext compares without case, char(n) without trailing
    -- blanks), so that its index serves; casts that cannot fail (no length limit).
    condition := format('%s = (%s)::%s', target, lhs, format_type(rhs_scalar, NULL));
  ELSIF remote_relationship._comparable(rhs_scalar, lhs_scalar) THEN
    condition := format('%s = %s', target, lhs);
  ELSIF remote_relationship._is_text_type(rhs_scalar) THEN
    condition := format('%s = (%s)::text', target, lhs);
  ELSE
    RAISE EXCEPTION '%: cannot compare a column of type % with one of type %', label, rhs_scalar, lhs_scalar
      USING ERRCODE = 'fdw_invalid_data_type';
  END IF;
END
$$;

-- ---- relationship functions ------------------------------------------------------------------

-- The column of rel that carries the remote field f of the type described by remote (NULL:
-- rel is a local table, f its column) as {column, type, graphql}, or an error.
CREATE FUNCTION remote_relationship._lhs_column(rel regclass, remote jsonb, f text, label text) RETURNS jsonb
LANGUAGE plpgsql STABLE AS $$
DECLARE
  field jsonb;
  column_name name;
BEGIN
  IF remote IS NULL THEN
    IF remote_relationship._column_type(rel, f) IS NULL THEN
      RAISE EXCEPTION '"%" does not exist', f USING ERRCODE = 'fdw_column_name_not_found',
        DETAIL = format('%s has no column "%s".', label, f);
    END IF;
    RETURN jsonb_build_object('column', f, 'type', remote_relationship._column_type(rel, f)::text);
  END IF;
  SELECT e INTO field FROM jsonb_array_elements(remote -> 'fields') e WHERE e ->> 'name' = f;
  IF field IS NULL THEN
    RAISE EXCEPTION '"%" does not exist', f USING ERRCODE = 'fdw_column_name_not_found',
      DETAIL = format('Type "%s" of the remote schema has no field "%s".', remote ->> 'name', f);
  END IF;
  IF jsonb_array_length(field -> 'arguments') > 0 THEN
    RAISE EXCEPTION 'field "%" of type "%" takes arguments, so it cannot be a join field', f, remote ->> 'name'
      USING ERRCODE = 'fdw_column_name_not_found';
  END IF;
  column_name := remote_relationship._field_column(rel, f);
  IF column_name IS NULL THEN
    RAISE EXCEPTION 'foreign table % has no column for field "%" of type "%"', rel::text, f, remote ->> 'name'
      USING ERRCODE = 'fdw_column_name_not_found',
            HINT = format('Add one: ALTER FOREIGN TABLE %s ADD COLUMN %I text.', rel::text, f);
  END IF;
  RETURN jsonb_build_object('column', column_name, 'type', remote_relationship._column_type(rel, column_name)::text,
                            'graphql', field);
END
$$;

-- One relationship function: CREATE FUNCTION schema_of(lhs).name(lhs) RETURNS SETOF target.
CREATE FUNCTION remote_relationship._function_statement(lhs regclass, rel_name text, target regclass, single boolean,
                                                       conditions text[]) RETURNS jsonb
LANGUAGE sql STABLE
RETURN (SELECT jsonb_build_object(
  'signature', format('%I.%I(%s)', n.nspname, rel_name, remote_relationship._qualified(lhs)),
  'sql', format('CREATE FUNCTION %I.%I(%s) RETURNS SETOF %s LANGUAGE sql STABLE%s BEGIN ATOMIC SELECT r.* FROM %s r WHERE %s; END',
                n.nspname, rel_name, remote_relationship._qualified(lhs), remote_relationship._qualified(target),
                CASE WHEN single THEN ' ROWS 1' ELSE '' END, remote_relationship._qualified(target),
                coalesce(nullif(array_to_string(conditions, ' AND '), ''), 'true')))
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = lhs);

-- to_source: lhs (a foreign table of the remote type described by remote, or a local table)
-- to a table of this database by field_mapping.
CREATE FUNCTION remote_relationship._to_source(lhs regclass, remote jsonb, rel_name text, def jsonb, path text)
RETURNS jsonb LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  kind text;
  source text;
  target regclass;
  mapping jsonb;
  pair record;
  lhs_column jsonb;
  rhs_type regtype;
  key record;
  conditions text[] := '{}';
  any_list boolean := false;
BEGIN
  PERFORM remote_relationship._object(def, path, ARRAY['relationship_type', 'source', 'table', 'field_mapping']);
  kind := remote_relationship._text(def, 'relationship_type', path);
  IF kind NOT IN ('object', 'array') THEN
    RAISE EXCEPTION 'relationship_type must be "object" or "array", not "%" (at %.relationship_type)', kind, path
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  source := remote_relationship._source(remote_relationship._text(def, 'source', path));
  target := remote_relationship._table(remote_relationship._get(def, 'table', path, 'any'), source, path || '.table');
  mapping := remote_relationship._get(def, 'field_mapping', path, 'object');
  IF mapping = '{}' THEN
    RAISE EXCEPTION 'field_mapping is empty at %.field_mapping', path USING ERRCODE = 'invalid_parameter_value';
  END IF;
  FOR pair IN SELECT * FROM jsonb_each(mapping) ORDER BY 1 LOOP
    IF jsonb_typeof(pair.value) <> 'string' THEN
      RAISE EXCEPTION 'expected a string at %.field_mapping.%, got %', path, pair.key, jsonb_typeof(pair.value)
        USING ERRCODE = 'invalid_parameter_value';
    END IF;
    lhs_column := remote_relationship._lhs_column(lhs, remote, pair.key, remote_relationship._table_label(lhs));
    rhs_type := remote_relationship._column_type(target, pair.value #>> '{}');
    IF rhs_type IS NULL THEN
      RAISE EXCEPTION '"%" does not exist', pair.value #>> '{}' USING ERRCODE = 'fdw_column_name_not_found',
        DETAIL = format('%s has no column "%s".', remote_relationship._table_label(target), pair.value #>> '{}');
    END IF;
    key := remote_relationship._key_condition(format('($1).%I', lhs_column ->> 'column'), (lhs_column ->> 'type')::regtype,
                                              lhs_column -> 'graphql', (pair.value #>> '{}')::name, rhs_type, NULL,
                                              format('field_mapping "%s": "%s"', pair.key, pair.value #>> '{}'));
    conditions := conditions || key.condition;
    any_list := any_list OR key.is_list;
  END LOOP;
  IF any_list AND kind = 'object' THEN
    RAISE EXCEPTION 'a key of relationship "%" is a list, which matches several rows: it needs relationship_type "array"', rel_name
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  RETURN remote_relationship._function_statement(lhs, rel_name, target, kind = 'object', conditions);
END
$$;

-- The column of the foreign table that a (possibly nested) argument of its query field feeds:
-- option argument (top level) or filter_field (inside the filter argument), else the column
-- of the field of that name.
CREATE FUNCTION remote_relationship._argument_column(target regclass, argument_path text[]) RETURNS name
LANGUAGE sql STABLE
RETURN coalesce(
  (SELECT a.attname FROM pg_attribute a, pg_options_to_table(a.attfdwoptions) o
   WHERE a.attrelid = target AND a.attnum > 0 AND NOT a.attisdropped
     AND o.option_name = CASE cardinality(argument_path) WHEN 1 THEN 'argument' ELSE 'filter_field' END
     AND o.option_value = argument_path[cardinality(argument_path)]
   ORDER BY a.attnum LIMIT 1),
  remote_relationship._field_column(target, argument_path[cardinality(argument_path)]));

-- The conditions on target for the arguments of a remote_field (nested input objects
-- included): a "$field" template compares with that lhs field, a constant with itself.
CREATE FUNCTION remote_relationship._argument_conditions(
    rs text, target regclass, query_field text, arguments jsonb, described jsonb, argument_path text[],
    lhs regclass, remote jsonb, lhs_fields text[], path text, OUT conditions text[], OUT is_list boolean)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  entry record;
  argument jsonb;
  here text[];
  column_name name;
  variable text;
  lhs_column jsonb;
  key record;
  nested record;
  input_type jsonb;
  label text;
  value jsonb;
  operator text;
BEGIN
  conditions := '{}';
  is_list := false;
  FOR entry IN SELECT * FROM jsonb_each(arguments) ORDER BY 1 LOOP
    here := argument_path || entry.key;
    label := format('argument "%s"', array_to_string(here, '.'));
    SELECT e INTO argument FROM jsonb_array_elements(described) e WHERE e ->> 'name' = entry.key;
    IF argument IS NULL THEN
      RAISE EXCEPTION 'argument with name "%" not found in remote schema', array_to_string(here, '.')
        USING ERRCODE = 'fdw_column_name_not_found',
              DETAIL = format('Query field "%s" of remote schema "%s" has no such argument (at %s).', query_field, rs, path);
    END IF;
    value := entry.value;
    IF jsonb_typeof(value) = 'object' AND argument ->> 'kind' = 'INPUT_OBJECT' AND cardinality(argument_path) = 1 THEN
      -- A field of the filter argument compared by equality, as Hasura's docs write it
      -- ({"where": {"user_id": {"_eq": "$id"}}}; PostGraphile's equalTo, others' eq).
      SELECT k INTO operator FROM jsonb_object_keys(value) k;
      IF (SELECT count(*) FROM jsonb_object_keys(value)) <> 1 OR operator NOT IN ('_eq', 'equalTo', 'eq') THEN
        RAISE EXCEPTION '% compares by %, where only equality (_eq, equalTo or eq) can join', label,
          (SELECT string_agg(k, ', ') FROM jsonb_object_keys(value) k) USING ERRCODE = 'feature_not_supported';
      END IF;
      SELECT e INTO argument FROM jsonb_array_elements(remote_relationship._type(rs, argument ->> 'named') -> 'input_fields') e
      WHERE e ->> 'name' = operator;
      IF argument IS NULL THEN
        RAISE EXCEPTION 'argument with name "%" not found in remote schema', array_to_string(here || operator, '.')
          USING ERRCODE = 'fdw_column_name_not_found';
      END IF;
      value := value -> operator;
    END IF;
    IF jsonb_typeof(value) = 'object' THEN
      IF argument ->> 'kind' <> 'INPUT_OBJECT' OR (argument ->> 'list_depth')::int > 0 THEN
        RAISE EXCEPTION 'type "%" is not an input object type (%)', argument ->> 'type', label
          USING ERRCODE = 'fdw_invalid_data_type';
      END IF;
      IF cardinality(argument_path) > 0 THEN
        RAISE EXCEPTION '% is an object nested too deep to join on', label USING ERRCODE = 'feature_not_supported';
      END IF;
      IF coalesce(remote_relationship._option(target, NULL, 'filter_argument'), '') <> entry.key THEN
        RAISE EXCEPTION '% of query field "%" is an object, which foreign table % does not read as its filter', label,
          query_field, target::text USING ERRCODE = 'feature_not_supported',
          HINT = format('Only the argument named by the table''s option filter_argument can take an object: ALTER FOREIGN TABLE %s OPTIONS (ADD filter_argument %L).', target::text, entry.key);
      END IF;
      input_type := remote_relationship._type(rs, argument ->> 'named');
      nested := remote_relationship._argument_conditions(rs, target, query_field, entry.value, input_type -> 'input_fields',
                                                         here, lhs, remote, lhs_fields, path || '.' || entry.key);
      conditions := conditions || nested.conditions;
      is_list := is_list OR nested.is_list;
      CONTINUE;
    END IF;
    IF jsonb_typeof(value) IN ('array', 'null') THEN
      RAISE EXCEPTION '% is %, which remote_field arguments do not take here', label,
        CASE jsonb_typeof(value) WHEN 'array' THEN 'a list' ELSE 'null' END USING ERRCODE = 'feature_not_supported';
    END IF;
    column_name := remote_relationship._argument_column(target, here);
    IF column_name IS NULL THEN
      RAISE EXCEPTION '% of query field "%" feeds no column of foreign table %', label, query_field, target::text
        USING ERRCODE = 'fdw_column_name_not_found',
              HINT = 'Set the option argument on the column that the argument filters (filter_field for a field of the filter argument).';
    END IF;
    IF jsonb_typeof(value) = 'string' AND left(value #>> '{}', 1) = '$' THEN
      variable := substr(value #>> '{}', 2);
      IF variable = '' THEN
        RAISE EXCEPTION 'Empty variable name at %.%', path, entry.key USING ERRCODE = 'invalid_parameter_value';
      END IF;
      IF NOT variable = ANY (lhs_fields) THEN
        RAISE EXCEPTION 'variable "%" is not found', variable USING ERRCODE = 'fdw_column_name_not_found',
          DETAIL = format('lhs_fields names %s.', array_to_string(lhs_fields, ', '));
      END IF;
      lhs_column := remote_relationship._lhs_column(lhs, remote, variable, remote_relationship._table_label(lhs));
      key := remote_relationship._key_condition(format('($1).%I', lhs_column ->> 'column'), (lhs_column ->> 'type')::regtype,
                                                lhs_column -> 'graphql', column_name,
                                                remote_relationship._column_type(target, column_name), argument, label);
      conditions := conditions || key.condition;
      is_list := is_list OR key.is_list;
    ELSE
      conditions := conditions || format('r.%I = %L::%s', column_name, value #>> '{}',
                                         remote_relationship._column_type(target, column_name));
    END IF;
  END LOOP;
END
$$;

-- to_remote_schema: lhs to the rows of a root field of a remote schema, its arguments fed
-- by lhs_fields.
CREATE FUNCTION remote_relationship._to_remote_schema(lhs regclass, remote jsonb, rel_name text, def jsonb, path text)
RETURNS jsonb LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  rs text;
  server oid;
  lhs_fields text[];
  remote_field jsonb;
  root text;
  spec jsonb;
  query_type jsonb;
  field jsonb;
  target regclass;
  f text;
  missing text;
  built record;
  single boolean;
BEGIN
  PERFORM remote_relationship._object(def, path, ARRAY['remote_schema', 'lhs_fields', 'remote_field']);
  rs := remote_relationship._text(def, 'remote_schema', path);
  server := remote_relationship._remote_schema(rs);
  IF jsonb_typeof(remote_relationship._get(def, 'lhs_fields', path, 'array')) IS NULL
     OR EXISTS (SELECT FROM jsonb_array_elements(def -> 'lhs_fields') e WHERE jsonb_typeof(e) <> 'string') THEN
    RAISE EXCEPTION 'expected a list of field names at %.lhs_fields', path USING ERRCODE = 'invalid_parameter_value';
  END IF;
  lhs_fields := ARRAY(SELECT jsonb_array_elements_text(def -> 'lhs_fields'));
  FOREACH f IN ARRAY lhs_fields LOOP
    BEGIN
      PERFORM remote_relationship._lhs_column(lhs, remote, f, remote_relationship._table_label(lhs));
    EXCEPTION WHEN fdw_column_name_not_found THEN
      RAISE EXCEPTION 'field with name "%" is not provided by the lhs entity "%" for defining a join condition', f,
        coalesce(remote ->> 'name', remote_relationship._table_label(lhs)) USING ERRCODE = 'fdw_column_name_not_found';
    END;
  END LOOP;
  remote_field := remote_relationship._get(def, 'remote_field', path, 'object');
  IF (SELECT count(*) FROM jsonb_object_keys(remote_field)) <> 1 THEN
    RAISE EXCEPTION 'Expecting one single mapping, received %.', CASE remote_field WHEN '{}' THEN 'none' ELSE 'too many' END
      USING ERRCODE = 'invalid_parameter_value', DETAIL = format('At %s.remote_field.', path);
  END IF;
  SELECT k INTO root FROM jsonb_object_keys(remote_field) k;
  spec := remote_relationship._object(remote_field -> root, path || '.remote_field.' || root, ARRAY['arguments', 'field']);
  IF spec ? 'field' THEN
    RAISE EXCEPTION 'a remote_field below the root field ("field" in %.remote_field.%) is not supported', path, root
      USING ERRCODE = 'feature_not_supported',
            HINT = 'Make a foreign table of the nested type and a relationship to its query field.';
  END IF;
  query_type := remote_relationship._type(rs, NULL);
  SELECT e INTO field FROM jsonb_array_elements(query_type -> 'fields') e WHERE e ->> 'name' = root;
  IF field IS NULL THEN
    RAISE EXCEPTION 'remote field with name "%" and type "%" not found', root, query_type ->> 'name'
      USING ERRCODE = 'fdw_column_name_not_found';
  END IF;
  IF field ->> 'kind' <> 'OBJECT' THEN
    RAISE EXCEPTION 'remote field "%" is of type "%": a relationship needs objects', root, field ->> 'type'
      USING ERRCODE = 'fdw_invalid_data_type';
  END IF;
  -- Of several such tables: the caller's own, else one it may read.
  SELECT t INTO target FROM unnest(remote_relationship._type_tables(server, field ->> 'named')) WITH ORDINALITY AS u(t, i)
  WHERE remote_relationship._option(t, NULL, 'query_field') = root
  ORDER BY pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = t), 'USAGE') DESC,
           has_table_privilege(t, 'SELECT') DESC, i LIMIT 1;
  IF target IS NULL THEN
    RAISE EXCEPTION 'remote schema "%" has no foreign table that reads query field "%"', rs, root
      USING ERRCODE = 'fdw_table_not_found',
            HINT = format('Make one: CREATE FOREIGN TABLE ... SERVER %I OPTIONS (type_name %L, query_field %L).', rs, field ->> 'named', root);
  END IF;
  IF jsonb_typeof(coalesce(spec -> 'arguments', '{}')) <> 'object' THEN
    RAISE EXCEPTION 'expected an object at %.remote_field.%.arguments', path, root USING ERRCODE = 'invalid_parameter_value';
  END IF;
  SELECT a ->> 'name' INTO missing FROM jsonb_array_elements(field -> 'arguments') a
  WHERE (a ->> 'required')::boolean AND NOT coalesce(spec -> 'arguments', '{}') ? (a ->> 'name') LIMIT 1;
  IF missing IS NOT NULL THEN
    RAISE EXCEPTION 'argument "%" of remote field "%" is required and not given', missing, root
      USING ERRCODE = 'fdw_column_name_not_found';
  END IF;
  built := remote_relationship._argument_conditions(rs, target, root, coalesce(spec -> 'arguments', '{}'), field -> 'arguments',
                                                    '{}', lhs, remote, lhs_fields, path || '.remote_field.' || root || '.arguments');
  single := (field ->> 'list_depth')::int = 0;
  IF built.is_list AND single THEN
    RAISE EXCEPTION 'a key of relationship "%" is a list, but remote field "%" returns one object', rel_name, root
      USING ERRCODE = 'fdw_invalid_data_type';
  END IF;
  RETURN remote_relationship._function_statement(lhs, rel_name, target, single, built.conditions);
END
$$;

-- The functions of relationship rel_name on each of lhs_tables, as {signature, sql}.
CREATE FUNCTION remote_relationship._statements(lhs_tables regclass[], remote jsonb, rel_name text, definition jsonb, path text)
RETURNS jsonb LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  lhs regclass;
  statements jsonb := '[]';
BEGIN
  PERFORM remote_relationship._object(definition, path, ARRAY['to_source', 'to_remote_schema']);
  IF (SELECT count(*) FROM jsonb_object_keys(definition)) <> 1 THEN
    RAISE EXCEPTION 'remote relationship definition (strict format) expects exactly one of: to_source, to_remote_schema'
      USING ERRCODE = 'invalid_parameter_value', DETAIL = format('At %s.', path);
  END IF;
  IF octet_length(rel_name) > 63 THEN
    RAISE EXCEPTION 'relationship name "%" is longer than 63 bytes, the limit of a function name', rel_name
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  FOREACH lhs IN ARRAY lhs_tables LOOP
    statements := statements || CASE WHEN definition ? 'to_source'
      THEN remote_relationship._to_source(lhs, remote, rel_name, definition -> 'to_source', path || '.to_source')
      ELSE remote_relationship._to_remote_schema(lhs, remote, rel_name, definition -> 'to_remote_schema', path || '.to_remote_schema')
    END;
  END LOOP;
  RETURN statements;
END
$$;

-- Creates the functions and answers their identities.
CREATE FUNCTION remote_relationship._install(statements jsonb, description text) RETURNS text[]
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  statement jsonb;
  identities text[] := '{}';
BEGIN
  FOR statement IN SELECT * FROM jsonb_array_elements(statements) LOOP
    EXECUTE statement ->> 'sql';
    EXECUTE format('COMMENT ON FUNCTION %s IS %L', statement ->> 'signature', description);
    identities := identities || (pg_identify_object('pg_proc'::regclass, (statement ->> 'signature')::regprocedure, 0)).identity;
  END LOOP;
  RETURN identities;
END
$$;

-- Drops a relationship: its functions (as the caller, who must own them), which removes its
-- row; a row whose functions no longer exist goes too.
CREATE FUNCTION remote_relationship._drop(entry remote_relationship.relationship) RETURNS void
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  identity text;
  f regprocedure;
BEGIN
  FOREACH identity IN ARRAY entry.functions LOOP
    f := remote_relationship._catalog_resolve(identity);
    IF f IS NOT NULL THEN
      -- As the caller, who must own it; by regprocedure's quoted output, never the stored text.
      EXECUTE format('DROP FUNCTION %s', f);
    END IF;
  END LOOP;
  PERFORM remote_relationship._catalog_forget(entry);
END
$$;

-- ---- relationships on remote types -----------------------------------------------------------

-- The type a remote-schema relationship starts from: args.type_name, or args.type as in
-- Hasura's docs.
CREATE FUNCTION remote_relationship._type_name_of(args jsonb) RETURNS text
LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  IF args ? 'type_name' AND args ? 'type' THEN
    RAISE EXCEPTION 'give one of type_name and type at $.args' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  RETURN coalesce(remote_relationship._text(args, 'type_name', '$.args', false),
                  remote_relationship._text(args, 'type', '$.args', false),
                  remote_relationship._text(args, 'type_name', '$.args'));
END
$$;

-- The fields of the starting type that a definition joins on.
CREATE FUNCTION remote_relationship._join_fields(definition jsonb) RETURNS text[]
LANGUAGE sql IMMUTABLE
RETURN CASE
  WHEN jsonb_typeof(definition #> '{to_source,field_mapping}') = 'object'
    THEN ARRAY(SELECT jsonb_object_keys(definition #> '{to_source,field_mapping}'))
  WHEN jsonb_typeof(definition #> '{to_remote_schema,lhs_fields}') = 'array'
    THEN ARRAY(SELECT jsonb_array_elements_text(definition #> '{to_remote_schema,lhs_fields}'))
  ELSE '{}' END;

-- The foreign tables of a type that have a column for each join field: a relationship is made
-- for each of them (a table made by hand for one query field may read only a few fields). When
-- none has them all, the first keeps its place, so that the check says what is missing.
CREATE FUNCTION remote_relationship._tables_with_fields(tables regclass[], t text, rel_name text, fields text[]) RETURNS regclass[]
LANGUAGE plpgsql STABLE AS $$
DECLARE
  rel regclass;
  kept regclass[] := '{}';
  missing text;
BEGIN
  FOREACH rel IN ARRAY tables LOOP
    SELECT f INTO missing FROM unnest(fields) f WHERE remote_relationship._field_column(rel, f) IS NULL LIMIT 1;
    IF missing IS NULL THEN
      kept := kept || rel;
    ELSIF cardinality(tables) > 1 THEN
      RAISE NOTICE 'relationship "%" is not made for foreign table %: it has no column for field "%" of type "%"',
        rel_name, rel, missing, t;
    END IF;
  END LOOP;
  RETURN CASE WHEN cardinality(kept) > 0 THEN kept ELSE tables[1:1] END;
END
$$;

CREATE FUNCTION remote_relationship._remote_type_relationship(args jsonb, replacing boolean) RETURNS jsonb
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  rel_name text;
  rs text;
  t text;
  server oid;
  described jsonb;
  tables regclass[];
  lhs regclass;
  existing remote_relationship.relationship;
  statements jsonb;
  functions text[];
BEGIN
  PERFORM remote_relationship._lock();
  PERFORM remote_relationship._object(args, '$.args', ARRAY['name', 'remote_schema', 'type_name', 'type', 'definition']);
  rel_name := remote_relationship._text(args, 'name', '$.args');
  rs := remote_relationship._text(args, 'remote_schema', '$.args');
  t := remote_relationship._type_name_of(args);
  PERFORM remote_relationship._get(args, 'definition', '$.args', 'object');
  server := remote_relationship._remote_schema(rs);
  described := remote_relationship._type(rs, t);
  IF described ->> 'kind' <> 'OBJECT' THEN
    RAISE EXCEPTION 'remote relationships on a remote schema can only be defined on object types'
      USING ERRCODE = 'fdw_invalid_data_type', DETAIL = format('"%s" is of kind %s.', t, described ->> 'kind');
  END IF;
  tables := remote_relationship._type_tables(server, t);
  IF cardinality(tables) = 0 THEN
    RAISE EXCEPTION 'remote schema "%" has no foreign table for type "%"', rs, t USING ERRCODE = 'fdw_table_not_found',
      HINT = format('Import one: IMPORT FOREIGN SCHEMA graphql LIMIT TO (%I) FROM SERVER %I INTO some_schema.', t, rs);
  END IF;
  tables := remote_relationship._tables_with_fields(tables, t, rel_name, remote_relationship._join_fields(args -> 'definition'));
  -- The foreign tables of other roles get no function of this role's relationship.
  IF cardinality(tables) > 1 THEN
    FOREACH lhs IN ARRAY tables LOOP
      IF NOT pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = lhs), 'USAGE') THEN
        RAISE NOTICE 'relationship "%" is not made for foreign table %: it belongs to another role', rel_name, lhs;
      END IF;
    END LOOP;
    tables := coalesce(NULLIF(ARRAY(SELECT l FROM unnest(tables) l
                                   WHERE pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = l), 'USAGE')),
                              '{}'), tables[1:1]);
  END IF;
  PERFORM remote_relationship._check_owner(tables[1]);
  SELECT * INTO existing FROM remote_relationship.relationship r
  WHERE r.remote_schema = rs AND r.type_name = t AND r.name = rel_name;
  IF replacing AND existing.name IS NULL THEN
    RAISE EXCEPTION 'no relationship defined on remote schema "%" with name "%"', rs, rel_name USING ERRCODE = 'undefined_object';
  ELSIF NOT replacing AND existing.name IS NOT NULL THEN
    RAISE EXCEPTION 'relationship "%" already exists on type "%" of remote schema "%"', rel_name, t, rs
      USING ERRCODE = 'duplicate_object', HINT = 'update_remote_schema_remote_relationship changes it.';
  END IF;
  statements := remote_relationship._statements(tables, described, rel_name, args -> 'definition', '$.args.definition');
  IF replacing THEN
    PERFORM remote_relationship._drop(existing);
  END IF;
  functions := remote_relationship._install(statements,
    format('relationship %s of remote type %s (remote schema %s), made by remote_relationship''s metadata API', rel_name, t, rs));
  PERFORM remote_relationship._catalog_add(ROW(rs, t, NULL, NULL, NULL, rel_name, args -> 'definition', functions)::remote_relationship.relationship);
  RETURN '{"message": "success"}';
END
$$;

CREATE FUNCTION remote_relationship.create_remote_schema_remote_relationship(args jsonb) RETURNS jsonb
LANGUAGE sql VOLATILE RETURN remote_relationship._remote_type_relationship(args, false);

CREATE FUNCTION remote_relationship.update_remote_schema_remote_relationship(args jsonb) RETURNS jsonb
LANGUAGE sql VOLATILE RETURN remote_relationship._remote_type_relationship(args, true);

CREATE FUNCTION remote_relationship.delete_remote_schema_remote_relationship(args jsonb) RETURNS jsonb
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  existing remote_relationship.relationship;
  t text;
  lhs regclass;
BEGIN
  PERFORM remote_relationship._lock();
  PERFORM remote_relationship._object(args, '$.args', ARRAY['name', 'remote_schema', 'type_name', 'type']);
  t := remote_relationship._type_name_of(args);
  SELECT * INTO existing FROM remote_relationship.relationship r
  WHERE r.remote_schema = remote_relationship._text(args, 'remote_schema', '$.args') AND r.type_name = t
    AND r.name = remote_relationship._text(args, 'name', '$.args');
  IF existing.name IS NULL THEN
    RAISE EXCEPTION 'no relationship defined on remote schema "%" with name "%"', args ->> 'remote_schema', args ->> 'name'
      USING ERRCODE = 'undefined_object';
  END IF;
  -- DROP FUNCTION checks that the caller owns the functions.
  PERFORM remote_relationship._drop(existing);
  RETURN '{"message": "success"}';
END
$$;

-- ---- relationships on tables -----------------------------------------------------------------

CREATE FUNCTION remote_relationship._table_relationship(args jsonb, replacing boolean) RETURNS jsonb
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  rel_name text;
  source text;
  lhs regclass;
  definition jsonb;
  stored jsonb;
  existing remote_relationship.relationship;
  statements jsonb;
  functions text[];
BEGIN
  PERFORM remote_relationship._lock();
  PERFORM remote_relationship._object(args, '$.args',
    ARRAY['name', 'source', 'table', 'definition', 'remote_schema', 'hasura_fields', 'remote_field']);
  rel_name := remote_relationship._text(args, 'name', '$.args');
  source := remote_relationship._source(coalesce(remote_relationship._text(args, 'source', '$.args', false), 'default'));
  lhs := remote_relationship._table(remote_relationship._get(args, 'table', '$.args', 'any'), source, '$.args.table');
  IF (args ? 'definition') = (args ? 'remote_schema') THEN
    RAISE EXCEPTION 'create_remote_relationship expects exactly one of: remote_schema, definition'
      USING ERRCODE = 'invalid_parameter_value', DETAIL = 'At $.args.';
  END IF;
  IF args ? 'definition' THEN
    IF args ?| ARRAY['hasura_fields', 'remote_field'] THEN
      RAISE EXCEPTION 'hasura_fields and remote_field belong inside definition.to_remote_schema (at $.args)'
        USING ERRCODE = 'invalid_parameter_value';
    END IF;
    definition := remote_relationship._get(args, 'definition', '$.args', 'object');
    stored := definition;
  ELSE
    -- The legacy form (remote_schema, hasura_fields, remote_field at the top) is kept as given.
    stored := jsonb_build_object('remote_schema', args -> 'remote_schema', 'hasura_fields', args -> 'hasura_fields',
                                 'remote_field', args -> 'remote_field');
    definition := jsonb_build_object('to_remote_schema', jsonb_build_object('remote_schema', args -> 'remote_schema',
                                     'lhs_fields', args -> 'hasura_fields', 'remote_field', args -> 'remote_field'));
  END IF;
  PERFORM remote_relationship._check_owner(lhs);
  SELECT r.* INTO existing FROM remote_relationship.relationship r JOIN pg_class c ON c.relname = r.table_name
  JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = r.table_schema
  WHERE c.oid = lhs AND r.name = rel_name;
  IF replacing AND existing.name IS NULL THEN
    RAISE EXCEPTION '"%" does not exist', rel_name USING ERRCODE = 'undefined_object',
      DETAIL = format('Table %s has no remote relationship "%s".', remote_relationship._table_label(lhs), rel_name);
  ELSIF NOT replacing AND existing.name IS NOT NULL THEN
    RAISE EXCEPTION 'relationship "%" already exists on table "%"', rel_name, remote_relationship._table_label(lhs)
      USING ERRCODE = 'duplicate_object', HINT = 'pg_update_remote_relationship changes it.';
  END IF;
  statements := remote_relationship._statements(ARRAY[lhs], NULL, rel_name, definition,
                                                CASE WHEN args ? 'definition' THEN '$.args.definition' ELSE '$.args' END);
  IF replacing THEN
    PERFORM remote_relationship._drop(existing);
  END IF;
  functions := remote_relationship._install(statements,
    format('relationship %s of table %s (source %s), made by remote_relationship''s metadata API',
           rel_name, remote_relationship._table_label(lhs), source));
  PERFORM remote_relationship._catalog_add(ROW(NULL, NULL, source, n.nspname, c.relname, rel_name, stored, functions)::remote_relationship.relationship)
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = lhs;
  RETURN '{"message": "success"}';
END
$$;

CREATE FUNCTION remote_relationship.pg_create_remote_relationship(args jsonb) RETURNS jsonb
LANGUAGE sql VOLATILE RETURN remote_relationship._table_relationship(args, false);
CREATE FUNCTION remote_relationship.create_remote_relationship(args jsonb) RETURNS jsonb
LANGUAGE sql VOLATILE RETURN remote_relationship._table_relationship(args, false);
CREATE FUNCTION remote_relationship.pg_update_remote_relationship(args jsonb) RETURNS jsonb
LANGUAGE sql VOLATILE RETURN remote_relationship._table_relationship(args, true);
CREATE FUNCTION remote_relationship.update_remote_relationship(args jsonb) RETURNS jsonb
LANGUAGE sql VOLATILE RETURN remote_relationship._table_relationship(args, true);

CREATE FUNCTION remote_relationship.pg_delete_remote_relationship(args jsonb) RETURNS jsonb
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  lhs regclass;
  existing remote_relationship.relationship;
  source text;
BEGIN
  PERFORM remote_relationship._lock();
  PERFORM remote_relationship._object(args, '$.args', ARRAY['name', 'source', 'table']);
  source := remote_relationship._source(coalesce(remote_relationship._text(args, 'source', '$.args', false), 'default'));
  lhs := remote_relationship._table(remote_relationship._get(args, 'table', '$.args', 'any'), source, '$.args.table');
  SELECT r.* INTO existing FROM remote_relationship.relationship r JOIN pg_class c ON c.relname = r.table_name
  JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = r.table_schema
  WHERE c.oid = lhs AND r.name = remote_relationship._text(args, 'name', '$.args');
  IF existing.name IS NULL THEN
    RAISE EXCEPTION '"%" does not exist', args ->> 'name' USING ERRCODE = 'undefined_object',
      DETAIL = format('Table %s has no remote relationship "%s".', remote_relationship._table_label(lhs), args ->> 'name');
  END IF;
  PERFORM remote_relationship._check_owner(lhs);
  PERFORM remote_relationship._drop(existing);
  RETURN '{"message": "success"}';
END
$$;

CREATE FUNCTION remote_relationship.delete_remote_relationship(args jsonb) RETURNS jsonb
LANGUAGE sql VOLATILE RETURN remote_relationship.pg_delete_remote_relationship(args);

-- ---- sources -----------------------------------------------------------------------------------

-- Hasura's "remote relationship users.R in source ..." list of what uses a remote schema or source.
CREATE FUNCTION remote_relationship._dependents(rs_name text, source_name text) RETURNS text
LANGUAGE sql STABLE
RETURN (SELECT string_agg(d, ', ' ORDER BY d) FROM (
  SELECT CASE WHEN r.remote_schema IS NOT NULL
              THEN format('remote_relationship %s on type %s in remote schema %s', r.name, r.type_name, r.remote_schema)
              ELSE format('remote relationship %s.%s in source "%s"',
                          CASE r.table_schema WHEN 'public' THEN r.table_name ELSE r.table_schema || '.' || r.table_name END,
                          r.name, r.source) END AS d
  FROM remote_relationship.relationship r
  WHERE (rs_name IS NOT NULL AND (r.remote_schema = rs_name OR r.definition #>> '{to_remote_schema,remote_schema}' = rs_name
                             OR r.definition ->> 'remote_schema' = rs_name))
     OR (source_name IS NOT NULL AND (r.source = source_name OR r.definition #>> '{to_source,source}' = source_name))) s);

CREATE FUNCTION remote_relationship.pg_add_source(args jsonb) RETURNS jsonb
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  source text;
BEGIN
  PERFORM remote_relationship._lock();
  PERFORM remote_relationship._object(args, '$.args',
    ARRAY['name', 'configuration', 'replace_configuration', 'customization', 'health_check']);
  source := remote_relationship._text(args, 'name', '$.args');
  PERFORM remote_relationship._get(args, 'configuration', '$.args', 'object', false);
  PERFORM remote_relationship._get(args, 'replace_configuration', '$.args', 'boolean', false);
  IF coalesce(args -> 'customization', '{}') NOT IN ('{}', 'null') OR coalesce(args -> 'health_check', 'null') <> 'null' THEN
    RAISE EXCEPTION 'customization and health_check of a source are not supported (at $.args)'
      USING ERRCODE = 'feature_not_supported',
            HINT = 'A source of remote_relationship is a name of this database; its tables keep their own names.';
  END IF;
  IF source = 'default' OR source = current_database()
     OR EXISTS (SELECT FROM remote_relationship.source s WHERE s.name = source) THEN
    IF coalesce((args ->> 'replace_configuration')::boolean, false) THEN
      RETURN '{"message": "success"}';
    END IF;
    RAISE EXCEPTION 'source with name "%" already exists', source USING ERRCODE = 'duplicate_object';
  END IF;
  IF NOT remote_relationship._owns_database() THEN
    RAISE EXCEPTION 'must be owner of database % to add a source', current_database() USING ERRCODE = 'insufficient_privilege';
  END IF;
  INSERT INTO remote_relationship.source VALUES (source);
  RETURN '{"message": "success"}';
END
$$;

CREATE FUNCTION remote_relationship.pg_drop_source(args jsonb) RETURNS jsonb
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  source_name text;
  dependents text;
  existing remote_relationship.relationship;
BEGIN
  PERFORM remote_relationship._lock();
  PERFORM remote_relationship._object(args, '$.args', ARRAY['name', 'cascade']);
  source_name := remote_relationship._text(args, 'name', '$.args');
  PERFORM remote_relationship._get(args, 'cascade', '$.args', 'boolean', false);
  IF source_name = 'default' OR source_name = current_database() THEN
    RAISE EXCEPTION 'source "%" is this database and cannot be dropped', source_name USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF NOT EXISTS (SELECT FROM remote_relationship.source s WHERE s.name = source_name) THEN
    RAISE EXCEPTION 'source with name "%" does not exist', source_name USING ERRCODE = 'undefined_object';
  END IF;
  IF NOT remote_relationship._owns_database() THEN
    RAISE EXCEPTION 'must be owner of database % to drop a source', current_database() USING ERRCODE = 'insufficient_privilege';
  END IF;
  dependents := remote_relationship._dependents(NULL, source_name);
  IF dependents IS NOT NULL THEN
    IF NOT coalesce((args ->> 'cascade')::boolean, false) THEN
      RAISE EXCEPTION 'cannot drop due to the following dependent objects: %', dependents
        USING ERRCODE = 'dependent_objects_still_exist', HINT = 'Give "cascade": true to drop them too.';
    END IF;
    FOR existing IN SELECT * FROM remote_relationship.relationship r
                    WHERE r.source = source_name OR r.definition #>> '{to_source,source}' = source_name LOOP
      PERFORM remote_relationship._drop(existing);
    END LOOP;
  END IF;
  DELETE FROM remote_relationship.source s WHERE s.name = source_name;
  RETURN '{"message": "success"}';
END
$$;

-- ---- remote schemas --------------------------------------------------------------------------

-- Hasura's remote schema definition as server and user mapping options:
-- {url, timeout_ms, forward_headers, headers} (NULL where not set).
CREATE FUNCTION remote_relationship._server_options(definition jsonb) RETURNS jsonb
LANGUAGE plpgsql STABLE AS $$
DECLARE
  path text := '$.args.definition';
  headers jsonb := '{}';
  from_env jsonb := '{}';
  header jsonb;
  timeout jsonb;
BEGIN
  PERFORM remote_relationship._object(definition, path,
    ARRAY['url', 'url_from_env', 'headers', 'timeout_seconds', 'forward_client_headers', 'customization']);
  IF definition ? 'url_from_env' THEN
    RAISE EXCEPTION 'url_from_env is not supported (at %)', path USING ERRCODE = 'feature_not_supported',
      HINT = 'Give the url itself; secrets belong in headers, which go to the user mapping.';
  END IF;
  IF coalesce(definition -> 'customization', 'null') NOT IN ('null', '{}') THEN
    RAISE EXCEPTION 'customization of a remote schema is not supported (at %.customization)', path
      USING ERRCODE = 'feature_not_supported', HINT = 'Name the foreign tables and columns as you like instead.';
  END IF;
  FOR header IN SELECT * FROM jsonb_array_elements(coalesce(remote_relationship._get(definition, 'headers', path, 'array', false), '[]')) LOOP
    PERFORM remote_relationship._object(header, path || '.headers[]', ARRAY['name', 'value', 'value_from_env']);
    IF (header ? 'value') = (header ? 'value_from_env') THEN
      RAISE EXCEPTION 'header "%" at %.headers needs one of value and value_from_env', header ->> 'name', path
        USING ERRCODE = 'invalid_parameter_value';
    END IF;
    -- Checked here, so that the statement that stores them cannot fail (its text, which holds
    -- the values, would be the error's CONTEXT).
    IF header ->> 'name' !~ '^[!#$%&''*+.^_`|~0-9A-Za-z-]+$' THEN
      RAISE EXCEPTION 'header name "%" at %.headers is not a valid HTTP header name', header ->> 'name', path
        USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF headers ? remote_relationship._text(header, 'name', path || '.headers[]') OR from_env ? (header ->> 'name') THEN
      RAISE EXCEPTION 'header "%" is given twice at %.headers', header ->> 'name', path USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF header ? 'value_from_env' THEN
      -- Read from the PostgreSQL server's environment at each request, never stored.
      IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
        RAISE EXCEPTION 'value_from_env (header "%" at %.headers) reads the server''s environment: only a superuser may use it',
          header ->> 'name', path USING ERRCODE = 'insufficient_privilege';
      END IF;
      IF jsonb_typeof(header -> 'value_from_env') IS DISTINCT FROM 'string'
         OR header ->> 'value_from_env' !~ '^[A-Za-z_][A-Za-z0-9_]*$' THEN
        RAISE EXCEPTION 'value_from_env of header "%" at %.headers is no environment variable name', header ->> 'name', path
          USING ERRCODE = 'invalid_parameter_value';
      END IF;
      from_env := from_env || jsonb_build_object(header ->> 'name', header -> 'value_from_env');
      CONTINUE;
    END IF;
    IF header ->> 'value' ~ '[\r\n]' OR jsonb_typeof(header -> 'value') <> 'string' THEN
      RAISE EXCEPTION 'the value of header "%" at %.headers is no string without line breaks', header ->> 'name', path
        USING ERRCODE = 'invalid_parameter_value';
    END IF;
    headers := headers || jsonb_build_object(header ->> 'name', header -> 'value');
  END LOOP;
  timeout := remote_relationship._get(definition, 'timeout_seconds', path, 'number', false);
  IF timeout IS NOT NULL AND (timeout::numeric <= 0 OR timeout::numeric <> trunc(timeout::numeric) OR timeout::numeric > 86400) THEN
    RAISE EXCEPTION 'timeout_seconds must be a whole number of seconds between 1 and 86400, not %', timeout
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  RETURN jsonb_strip_nulls(jsonb_build_object(
    'url', remote_relationship._text(definition, 'url', path),
    'timeout_ms', (timeout::numeric * 1000)::bigint::text,
    'forward_headers', CASE WHEN coalesce((remote_relationship._get(definition, 'forward_client_headers', path, 'boolean', false))::boolean, false)
                            THEN '{"x-hasura-role": "current_user"}' END,
    'headers', CASE WHEN headers <> '{}' THEN headers::text END,
    'headers_from_env', CASE WHEN from_env <> '{}' THEN from_env::text END));
END
$$;

-- Runs a statement that holds header values or a URL; an error of it is raised again without
-- the statement as its CONTEXT (the validator's messages never hold the values).
CREATE FUNCTION remote_relationship._execute_secret(statement text) RETURNS void
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  state text;
  message text;
  detail text;
  hint text;
BEGIN
  EXECUTE statement;
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, message = MESSAGE_TEXT, detail = PG_EXCEPTION_DETAIL,
                          hint = PG_EXCEPTION_HINT;
  IF coalesce(detail, '') = '' AND coalesce(hint, '') = '' THEN
    RAISE EXCEPTION USING ERRCODE = state, MESSAGE = message;
  ELSIF coalesce(hint, '') = '' THEN
    RAISE EXCEPTION USING ERRCODE = state, MESSAGE = message, DETAIL = detail;
  ELSIF coalesce(detail, '') = '' THEN
    RAISE EXCEPTION USING ERRCODE = state, MESSAGE = message, HINT = hint;
  END IF;
  RAISE EXCEPTION USING ERRCODE = state, MESSAGE = message, DETAIL = detail, HINT = hint;
END
$$;

-- ADD, SET or DROP one option of a server or user mapping so that it is value (NULL: unset).
CREATE FUNCTION remote_relationship._set_option(target text, current text[], option text, value text) RETURNS text
LANGUAGE sql IMMUTABLE
RETURN CASE
  WHEN value IS NULL AND EXISTS (SELECT FROM pg_options_to_table(current) o WHERE o.option_name = option)
    THEN format('ALTER %s OPTIONS (DROP %I)', target, option)
  WHEN value IS NULL THEN NULL
  WHEN EXISTS (SELECT FROM pg_options_to_table(current) o WHERE o.option_name = option)
    THEN format('ALTER %s OPTIONS (SET %I %L)', target, option, value)
  ELSE format('ALTER %s OPTIONS (ADD %I %L)', target, option, value) END;

CREATE FUNCTION remote_relationship.add_remote_schema(args jsonb) RETURNS jsonb
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  rs text;
  options jsonb;
  into_schema text;
BEGIN
  PERFORM remote_relationship._lock();
  PERFORM remote_relationship._object(args, '$.args', ARRAY['name', 'definition', 'comment', 'import_into']);
  rs := remote_relationship._text(args, 'name', '$.args');
  options := remote_relationship._server_options(remote_relationship._get(args, 'definition', '$.args', 'object'));
  into_schema := coalesce(remote_relationship._text(args, 'import_into', '$.args', false), rs);
  IF EXISTS (SELECT FROM pg_foreign_server WHERE srvname = rs) THEN
    RAISE EXCEPTION 'remote schema with name "%" already exists', rs USING ERRCODE = 'duplicate_object';
  END IF;
  -- (A URL may hold a password.)
  PERFORM remote_relationship._execute_secret(format('CREATE SERVER %I FOREIGN DATA WRAPPER remote_relationship OPTIONS (url %L%s%s)', rs, options ->> 'url',
                 CASE WHEN options ? 'timeout_ms' THEN format(', timeout_ms %L', options ->> 'timeout_ms') ELSE '' END,
                 CASE WHEN options ? 'forward_headers' THEN format(', forward_headers %L', options ->> 'forward_headers') ELSE '' END));
  PERFORM remote_relationship._execute_secret(format('CREATE USER MAPPING FOR PUBLIC SERVER %I%s', rs,
                 CASE WHEN options ?| ARRAY['headers', 'headers_from_env'] THEN format(' OPTIONS (%s)', concat_ws(', ',
                   CASE WHEN options ? 'headers' THEN format('headers %L', options ->> 'headers') END,
                   CASE WHEN options ? 'headers_from_env' THEN format('headers_from_env %L', options ->> 'headers_from_env') END))
                 ELSE '' END));
  IF remote_relationship._get(args, 'comment', '$.args', 'string', false) IS NOT NULL THEN
    EXECUTE format('COMMENT ON SERVER %I IS %L', rs, args ->> 'comment');
  END IF;
  EXECUTE format('CREATE SCHEMA IF NOT EXISTS %I', into_schema);
  EXECUTE format('IMPORT FOREIGN SCHEMA graphql FROM SERVER %I INTO %I', rs, into_schema);
  RETURN '{"message": "success"}';
END
$$;

CREATE FUNCTION remote_relationship.update_remote_schema(args jsonb) RETURNS jsonb
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  rs text;
  options jsonb;
  server pg_foreign_server;
  mapping text[];
  statement text;
BEGIN
  PERFORM remote_relationship._lock();
  PERFORM remote_relationship._object(args, '$.args', ARRAY['name', 'definition', 'comment', 'import_into']);
  rs := remote_relationship._text(args, 'name', '$.args');
  options := remote_relationship._server_options(remote_relationship._get(args, 'definition', '$.args', 'object'));
  SELECT * INTO server FROM pg_foreign_server WHERE oid = remote_relationship._server(rs);
  IF server.oid IS NULL THEN
    RAISE EXCEPTION 'remote schema with name "%" doesn''t exist', rs USING ERRCODE = 'undefined_object';
  END IF;
  FOR statement IN SELECT remote_relationship._set_option(format('SERVER %I', rs), server.srvoptions, o, options ->> o)
                   FROM unnest(ARRAY['url', 'timeout_ms', 'forward_headers']) o
                   UNION ALL SELECT remote_relationship._set_option(format('SERVER %I', rs), server.srvoptions, 'headers', NULL) LOOP
    IF statement IS NOT NULL THEN PERFORM remote_relationship._execute_secret(statement); END IF;
  END LOOP;
  IF NOT EXISTS (SELECT FROM pg_user_mappings WHERE srvid = server.oid AND umuser = 0) THEN
    EXECUTE format('CREATE USER MAPPING FOR PUBLIC SERVER %I', rs);
  END IF;
  SELECT umoptions INTO mapping FROM pg_user_mappings WHERE srvid = server.oid AND umuser = 0;
  FOR statement IN SELECT remote_relationship._set_option(format('USER MAPPING FOR PUBLIC SERVER %I', rs), mapping, o, options ->> o)
                   FROM unnest(ARRAY['headers', 'headers_from_env']) o LOOP
    IF statement IS NOT NULL THEN PERFORM remote_relationship._execute_secret(statement); END IF;
  END LOOP;
  EXECUTE format('COMMENT ON SERVER %I IS %L', rs, remote_relationship._text(args, 'comment', '$.args', false));
  RETURN '{"message": "success"}';
END
$$;

CREATE FUNCTION remote_relationship.remove_remote_schema(args jsonb) RETURNS jsonb
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  rs text;
  server oid;
  dependents text;
  rel regclass;
BEGIN
  PERFORM remote_relationship._lock();
  PERFORM remote_relationship._object(args, '$.args', ARRAY['name']);
  rs := remote_relationship._text(args, 'name', '$.args');
  server := remote_relationship._server(rs);
  IF server IS NULL THEN
    RAISE EXCEPTION 'no such remote schema: "%"', rs USING ERRCODE = 'undefined_object';
  END IF;
  dependents := remote_relationship._dependents(rs, NULL);
  IF dependents IS NOT NULL THEN
    RAISE EXCEPTION 'cannot drop due to the following dependent objects: %', dependents
      USING ERRCODE = 'dependent_objects_still_exist', HINT = 'Delete those relationships first.';
  END IF;
  -- Its foreign tables one by one, without CASCADE: a view on one stops the removal.
  FOR rel IN SELECT ftrelid::regclass FROM pg_foreign_table WHERE ftserver = server LOOP
    EXECUTE format('DROP FOREIGN TABLE %s', rel);
  END LOOP;
  EXECUTE format('DROP SERVER %I CASCADE', rs);
  RETURN '{"message": "success"}';
END
$$;

CREATE FUNCTION remote_relationship.reload_remote_schema(args jsonb) RETURNS jsonb
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  PERFORM remote_relationship._object(args, '$.args', ARRAY['name']);
  IF remote_relationship._server(remote_relationship._text(args, 'name', '$.args')) IS NULL THEN
    RAISE EXCEPTION 'remote schema with name "%" does not exist', args ->> 'name' USING ERRCODE = 'undefined_object';
  END IF;
  PERFORM remote_relationship.reload_schema((args ->> 'name')::name);
  RETURN '{"message": "success"}';
END
$$;

CREATE FUNCTION remote_relationship.introspect_remote_schema(args jsonb) RETURNS jsonb
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  PERFORM remote_relationship._object(args, '$.args', ARRAY['name']);
  IF remote_relationship._server(remote_relationship._text(args, 'name', '$.args')) IS NULL THEN
    RAISE EXCEPTION 'remote schema: "%" not found', args ->> 'name' USING ERRCODE = 'undefined_object';
  END IF;
  RETURN remote_relationship.introspect((args ->> 'name')::name);
END
$$;

-- ---- export, replace, bulk, and the one entry point --------------------------------------------

-- A remote schema as Hasura exports it. Headers come from the server and the PUBLIC user
-- mapping, the latter only for roles that may read the mapping (its owner, superusers).
CREATE FUNCTION remote_relationship._export_remote_schema(server oid) RETURNS jsonb
LANGUAGE sql STABLE
RETURN (
  WITH s AS (SELECT * FROM pg_foreign_server WHERE oid = server),
  o AS (SELECT option_name, option_value FROM s, pg_options_to_table(s.srvoptions)),
  h AS (SELECT key, value FROM o, jsonb_each_text(o.option_value::jsonb) WHERE o.option_name = 'headers'
        UNION ALL
        SELECT key, value FROM pg_user_mappings m, pg_options_to_table(m.umoptions) mo, jsonb_each_text(mo.option_value::jsonb)
        WHERE m.srvid = server AND m.umuser = 0 AND mo.option_name = 'headers'),
  e AS (SELECT key, value FROM pg_user_mappings m, pg_options_to_table(m.umoptions) mo, jsonb_each_text(mo.option_value::jsonb)
        WHERE m.srvid = server AND m.umuser = 0 AND mo.option_name = 'headers_from_env'),
  headers AS (SELECT jsonb_agg(entry ORDER BY key) AS list FROM (
                SELECT DISTINCT ON (lower(key)) key, jsonb_build_object('name', key, 'value', value) AS entry FROM h
                UNION ALL
                SELECT key, jsonb_build_object('name', key, 'value_from_env', value) FROM e) d),
  rels AS (SELECT r.type_name, jsonb_agg(jsonb_build_object('name', r.name, 'definition', r.definition) ORDER BY r.name) AS list
           FROM remote_relationship.relationship r, s WHERE r.remote_schema = s.srvname GROUP BY r.type_name)
  -- Keys without a value are left out (not stripped: a relationship's definition keeps its nulls).
  SELECT jsonb_strip_nulls(jsonb_build_object(
    'name', s.srvname,
    'definition', jsonb_build_object(
      'url', (SELECT option_value FROM o WHERE option_name = 'url'),
      'timeout_seconds', (SELECT ceil(option_value::numeric / 1000)::bigint FROM o WHERE option_name = 'timeout_ms'),
      'headers', (SELECT list FROM headers),
      'forward_client_headers', CASE WHEN EXISTS (SELECT FROM o WHERE option_name = 'forward_headers') THEN true END),
    'comment', obj_description(s.oid, 'pg_foreign_server')))
    || coalesce((SELECT jsonb_build_object('remote_relationships',
                          jsonb_agg(jsonb_build_object('type_name', type_name, 'relationships', list) ORDER BY type_name))
                 FROM rels HAVING count(*) > 0), '{}')
  FROM s);

CREATE FUNCTION remote_relationship._export() RETURNS jsonb
LANGUAGE sql STABLE
RETURN (
  WITH names AS (SELECT 'default' AS name UNION SELECT name FROM remote_relationship.source
                 UNION SELECT source FROM remote_relationship.relationship WHERE source IS NOT NULL),
  tables AS (SELECT r.source, r.table_schema, r.table_name,
                    jsonb_agg(jsonb_build_object('name', r.name, 'definition', r.definition) ORDER BY r.name) AS list
             FROM remote_relationship.relationship r WHERE r.source IS NOT NULL GROUP BY 1, 2, 3),
  sources AS (SELECT n.name, jsonb_build_object('name', n.name, 'kind', 'postgres', 'tables',
                       coalesce((SELECT jsonb_agg(jsonb_build_object('table', jsonb_build_object('schema', t.table_schema, 'name', t.table_name),
                                                                     'remote_relationships', t.list)
                                                  ORDER BY t.table_schema, t.table_name)
                                 FROM tables t WHERE t.source = n.name), '[]')) AS entry
              FROM names n),
  schemas AS (SELECT s.srvname, remote_relationship._export_remote_schema(s.oid) AS entry
              FROM pg_foreign_server s JOIN pg_foreign_data_wrapper w ON w.oid = s.srvfdw
              WHERE w.fdwname = 'remote_relationship')
  SELECT jsonb_build_object('version', 3, 'sources', (SELECT jsonb_agg(entry ORDER BY name) FROM sources))
         || coalesce((SELECT jsonb_build_object('remote_schemas', jsonb_agg(entry ORDER BY srvname)) FROM schemas HAVING count(*) > 0),
                     '{}'));

CREATE FUNCTION remote_relationship.export_metadata(args jsonb DEFAULT '{}') RETURNS jsonb
LANGUAGE plpgsql STABLE AS $$
BEGIN
  PERFORM remote_relationship._object(coalesce(args, '{}'), '$.args', '{}');
  RETURN remote_relationship._export();
END
$$;

-- The relationships of a metadata object, each as the args of the call that creates it,
-- with "kind" 'remote' or 'table'.
CREATE FUNCTION remote_relationship._wanted_relationships(metadata jsonb) RETURNS SETOF jsonb
LANGUAGE plpgsql STABLE AS $$
DECLARE
  source jsonb;
  t jsonb;
  rs jsonb;
  typed jsonb;
  r jsonb;
  i int := 0;
  j int;
BEGIN
  FOR source IN SELECT * FROM jsonb_array_elements(metadata -> 'sources') LOOP
    PERFORM remote_relationship._object(source, format('$.sources[%s]', i),
      ARRAY['name', 'kind', 'tables', 'configuration', 'functions', 'customization', 'health_check', 'query_tags']);
    IF coalesce(source -> 'functions', '[]') <> '[]' THEN
      RAISE EXCEPTION 'tracked functions ($.sources[%].functions) are not supported', i USING ERRCODE = 'feature_not_supported';
    END IF;
    j := 0;
    FOR t IN SELECT * FROM jsonb_array_elements(coalesce(remote_relationship._get(source, 'tables', format('$.sources[%s]', i), 'array'), '[]')) LOOP
      PERFORM remote_relationship._object(t, format('$.sources[%s].tables[%s]', i, j), ARRAY['table', 'remote_relationships']);
      FOR r IN SELECT * FROM jsonb_array_elements(coalesce(remote_relationship._get(t, 'remote_relationships', format('$.sources[%s].tables[%s]', i, j), 'array', false), '[]')) LOOP
        PERFORM remote_relationship._object(r, format('$.sources[%s].tables[%s].remote_relationships[]', i, j), ARRAY['name', 'definition']);
        RETURN NEXT jsonb_build_object('kind', 'table', 'source', source -> 'name', 'table', t -> 'table', 'name', r -> 'name')
                    || CASE WHEN r -> 'definition' ? 'remote_schema' THEN r -> 'definition'
                            ELSE jsonb_build_object('definition', r -> 'definition') END;
      END LOOP;
      j := j + 1;
    END LOOP;
    i := i + 1;
  END LOOP;
  i := 0;
  FOR rs IN SELECT * FROM jsonb_array_elements(coalesce(metadata -> 'remote_schemas', '[]')) LOOP
    PERFORM remote_relationship._object(rs, format('$.remote_schemas[%s]', i),
      ARRAY['name', 'definition', 'comment', 'permissions', 'remote_relationships']);
    IF coalesce(rs -> 'permissions', '[]') <> '[]' THEN
      RAISE EXCEPTION 'remote schema permissions ($.remote_schemas[%].permissions) are not supported', i
        USING ERRCODE = 'feature_not_supported', HINT = 'GRANT SELECT on the foreign tables decides who reads them.';
    END IF;
    FOR typed IN SELECT * FROM jsonb_array_elements(coalesce(rs -> 'remote_relationships', '[]')) LOOP
      PERFORM remote_relationship._object(typed, format('$.remote_schemas[%s].remote_relationships[]', i), ARRAY['type_name', 'relationships']);
      FOR r IN SELECT * FROM jsonb_array_elements(coalesce(typed -> 'relationships', '[]')) LOOP
        RETURN NEXT jsonb_build_object('kind', 'remote', 'remote_schema', rs -> 'name', 'type_name', typed -> 'type_name',
                                       'name', r -> 'name', 'definition', r -> 'definition');
      END LOOP;
    END LOOP;
    i := i + 1;
  END LOOP;
END
$$;

-- A registered relationship as the args of the call that creates it (as above).
CREATE FUNCTION remote_relationship._as_call(r remote_relationship.relationship) RETURNS jsonb
LANGUAGE sql IMMUTABLE
RETURN CASE WHEN r.remote_schema IS NOT NULL
  THEN jsonb_build_object('kind', 'remote', 'remote_schema', r.remote_schema, 'type_name', r.type_name,
                          'name', r.name, 'definition', r.definition)
  ELSE jsonb_build_object('kind', 'table', 'source', r.source,
                          'table', jsonb_build_object('schema', r.table_schema, 'name', r.table_name), 'name', r.name)
       || CASE WHEN r.definition ? 'remote_schema' THEN r.definition ELSE jsonb_build_object('definition', r.definition) END
  END;

-- The same call, with the table spelled as {schema, name} (Hasura also takes a bare name).
CREATE FUNCTION remote_relationship._normal_call(call jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE
RETURN CASE WHEN jsonb_typeof(call -> 'table') = 'string'
  THEN call || jsonb_build_object('table', jsonb_build_object('schema', 'public', 'name', call -> 'table'))
  WHEN call ? 'table' AND NOT call -> 'table' ? 'schema'
  THEN call || jsonb_build_object('table', call -> 'table' || '{"schema": "public"}')
  ELSE call END;

CREATE FUNCTION remote_relationship.replace_metadata(args jsonb) RETURNS jsonb
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v2 boolean := args ? 'metadata';
  metadata jsonb;
  wanted jsonb;
  current remote_relationship.relationship;
  call jsonb;
  rs jsonb;
  existing text;
  wanted_sources text[];
  alias text;
BEGIN
  PERFORM remote_relationship._lock();
  IF v2 THEN
    PERFORM remote_relationship._object(args, '$.args', ARRAY['metadata', 'allow_inconsistent_metadata', 'allow_warnings']);
    metadata := args -> 'metadata';
  ELSE
    metadata := args;
  END IF;
  PERFORM remote_relationship._object(metadata, CASE WHEN v2 THEN '$.args.metadata' ELSE '$.args' END,
                                      ARRAY['version', 'sources', 'remote_schemas']);
  IF coalesce(metadata -> 'version', 'null') <> '3' THEN
    RAISE EXCEPTION 'unexpected metadata version: %', coalesce(metadata ->> 'version', 'none')
      USING ERRCODE = 'invalid_parameter_value', HINT = 'replace_metadata takes version 3, as export_metadata writes it.';
  END IF;
  PERFORM remote_relationship._get(metadata, 'sources', '$.args', 'array');
  SELECT coalesce(jsonb_agg(remote_relationship._normal_call(w)), '[]') INTO wanted
  FROM remote_relationship._wanted_relationships(metadata) w;

  -- 1. Relationships that are gone or changed.
  FOR current IN SELECT * FROM remote_relationship.relationship LOOP
    IF NOT EXISTS (SELECT FROM jsonb_array_elements(wanted) w WHERE w = remote_relationship._as_call(current)) THEN
      PERFORM remote_relationship._drop(current);
    END IF;
  END LOOP;
  -- 2. Remote schemas: removed, added, changed.
  FOR existing IN SELECT s.srvname FROM pg_foreign_server s JOIN pg_foreign_data_wrapper w ON w.oid = s.srvfdw
                  WHERE w.fdwname = 'remote_relationship' ORDER BY 1 LOOP
    IF NOT EXISTS (SELECT FROM jsonb_array_elements(coalesce(metadata -> 'remote_schemas', '[]')) e WHERE e ->> 'name' = existing) THEN
      PERFORM remote_relationship.remove_remote_schema(jsonb_build_object('name', existing));
    END IF;
  END LOOP;
  FOR rs IN SELECT * FROM jsonb_array_elements(coalesce(metadata -> 'remote_schemas', '[]')) LOOP
    IF remote_relationship._server(rs ->> 'name') IS NULL THEN
      PERFORM remote_relationship.add_remote_schema(rs - 'remote_relationships' - 'permissions');
    ELSIF (remote_relationship._export_remote_schema(remote_relationship._server(rs ->> 'name')) - 'remote_relationships')
          <> jsonb_strip_nulls(rs - 'remote_relationships' - 'permissions') THEN
      PERFORM remote_relationship.update_remote_schema(rs - 'remote_relationships' - 'permissions');
    END IF;
  END LOOP;
  -- 3. Sources.
  wanted_sources := ARRAY(SELECT e ->> 'name' FROM jsonb_array_elements(metadata -> 'sources') e
                          WHERE e ->> 'name' NOT IN ('default', current_database()));
  FOR alias IN SELECT name FROM remote_relationship.source WHERE name <> ALL (wanted_sources) LOOP
    PERFORM remote_relationship.pg_drop_source(jsonb_build_object('name', alias));
  END LOOP;
  FOREACH alias IN ARRAY wanted_sources LOOP
    IF NOT EXISTS (SELECT FROM remote_relationship.source WHERE name = alias) THEN
      PERFORM remote_relationship.pg_add_source(jsonb_build_object('name', alias));
    END IF;
  END LOOP;
  -- 4. Relationships that are new or changed.
  FOR call IN SELECT * FROM jsonb_array_elements(wanted) LOOP
    IF NOT EXISTS (SELECT FROM remote_relationship.relationship r WHERE remote_relationship._as_call(r) = call) THEN
      IF call ->> 'kind' = 'remote' THEN
        PERFORM remote_relationship.create_remote_schema_remote_relationship(call - 'kind');
      ELSE
        PERFORM remote_relationship.pg_create_remote_relationship(call - 'kind');
      END IF;
    END IF;
  END LOOP;
  IF v2 THEN
    RETURN '{"is_consistent": true, "inconsistent_objects": []}';
  END IF;
  RETURN '{"message": "success"}';
END
$$;

-- The function that answers one metadata type.
CREATE FUNCTION remote_relationship._handler(metadata_type text) RETURNS text
LANGUAGE sql IMMUTABLE
RETURN CASE WHEN metadata_type IN (
  'add_remote_schema', 'update_remote_schema', 'remove_remote_schema', 'reload_remote_schema', 'introspect_remote_schema',
  'pg_add_source', 'pg_drop_source',
  'create_remote_schema_remote_relationship', 'update_remote_schema_remote_relationship', 'delete_remote_schema_remote_relationship',
  'pg_create_remote_relationship', 'pg_update_remote_relationship', 'pg_delete_remote_relationship',
  'create_remote_relationship', 'update_remote_relationship', 'delete_remote_relationship',
  'export_metadata', 'replace_metadata', 'bulk') THEN metadata_type END;

CREATE FUNCTION remote_relationship.metadata(body jsonb) RETURNS jsonb
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  handler text;
  answer jsonb;
BEGIN
  PERFORM remote_relationship._object(body, '$', ARRAY['type', 'args', 'version', 'resource_version', 'source']);
  handler := remote_relationship._handler(remote_relationship._text(body, 'type', '$'));
  IF handler IS NULL THEN
    RAISE EXCEPTION 'unknown metadata type "%"', body ->> 'type' USING ERRCODE = 'invalid_parameter_value',
      HINT = 'remote_relationship answers the remote schema, source, remote relationship, export, replace and bulk types.';
  END IF;
  IF handler <> 'export_metadata' AND NOT body ? 'args' THEN
    RAISE EXCEPTION 'missing key "args" at $' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  EXECUTE format('SELECT remote_relationship.%I($1)', handler) INTO answer USING coalesce(body -> 'args', '{}');
  IF handler = 'export_metadata' AND body -> 'version' = '2' THEN
    RETURN jsonb_build_object('resource_version', 1, 'metadata', answer);
  END IF;
  RETURN answer;
END
$$;

-- Each call in order; the first error fails them all (the transaction keeps none of them).
CREATE FUNCTION remote_relationship.bulk(args jsonb) RETURNS jsonb
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  answers jsonb := '[]';
  call jsonb;
  i int := 0;
  state text;
  message text;
  detail text;
  hint text;
BEGIN
  IF jsonb_typeof(args) IS DISTINCT FROM 'array' THEN
    RAISE EXCEPTION 'expected an array at $.args, got %', coalesce(jsonb_typeof(args), 'nothing')
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  FOR call IN SELECT * FROM jsonb_array_elements(args) LOOP
    BEGIN
      answers := answers || jsonb_build_array(remote_relationship.metadata(call));
    EXCEPTION WHEN OTHERS THEN
      GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, message = MESSAGE_TEXT, detail = PG_EXCEPTION_DETAIL, hint = PG_EXCEPTION_HINT;
      detail := concat_ws(' ', nullif(detail, ''), format('In $.args[%s] of bulk (%s).', i, coalesce(call ->> 'type', 'no type')));
      IF coalesce(hint, '') = '' THEN
        RAISE EXCEPTION USING ERRCODE = state, MESSAGE = message, DETAIL = detail;
      END IF;
      RAISE EXCEPTION USING ERRCODE = state, MESSAGE = message, DETAIL = detail, HINT = hint;
    END;
    i := i + 1;
  END LOOP;
  RETURN answers;
END
$$;
