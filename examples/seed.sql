-- The seed example: remote type Order joined with the local table public."user".
-- Run by `make demo` with psql -v url=http://127.0.0.1:PORT/graphql
\set ECHO queries
\pset footer on

CREATE EXTENSION IF NOT EXISTS remote_relationship;

CREATE SERVER "order-remote-schema" FOREIGN DATA WRAPPER remote_relationship
  OPTIONS (url :'url');
CREATE USER MAPPING FOR PUBLIC SERVER "order-remote-schema";

-- The remote type Order as a foreign table, from the remote's own schema.
IMPORT FOREIGN SCHEMA graphql LIMIT TO ("Order") FROM SERVER "order-remote-schema" INTO public;
\d "Order"

CREATE TABLE public."user" (id integer PRIMARY KEY, name text);
INSERT INTO public."user" VALUES (1, 'alice'), (2, 'bob'), (3, 'carol'), (4, 'dave'), (5, 'erin');

-- Orders with their user; order 20 points at user 99, which does not exist locally.
SELECT o.id, o.user_id, o.amount, o.status, u.name AS user_name
FROM "Order" o LEFT JOIN public."user" u ON u.id = o.user_id
ORDER BY o.id;

-- What the scan sends: only the fields the query needs.
EXPLAIN (VERBOSE, COSTS OFF)
SELECT o.id, u.name FROM "Order" o JOIN public."user" u ON u.id = o.user_id;
