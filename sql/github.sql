-- GitHub's public schema (npm @octokit/graphql-schema, mocked data in apis.js): what works
-- as tables today. Its connections take at most 100 rows a page, the default page_size.
CREATE EXTENSION IF NOT EXISTS remote_relationship;
\set VERBOSITY default
\set SHOW_CONTEXT never

CREATE SCHEMA gh;
CREATE SERVER gh FOREIGN DATA WRAPPER remote_relationship OPTIONS (url 'http://127.0.0.1:54412/github/graphql');
CREATE USER MAPPING FOR PUBLIC SERVER gh;

-- A connection at the root: pages of 100 without setting anything.
CREATE FOREIGN TABLE gh.found (id text) SERVER gh
  OPTIONS (query_field 'search', type_name 'Repository', relay_rows 'nodes',
           arguments '{"query": "repo", "type": "REPOSITORY"}');
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT count(*) FROM gh.found;
-- Above GitHub's cap the remote refuses the page, and the HINT says which option to lower.
ALTER FOREIGN TABLE gh.found OPTIONS (ADD page_size '250');
SELECT count(*) FROM gh.found;
ALTER FOREIGN TABLE gh.found OPTIONS (SET page_size '100');
SELECT count(*) FROM gh.found;
ALTER FOREIGN TABLE gh.found OPTIONS (DROP page_size);

-- search returns a connection of the SearchResultItem union: type_name picks Repository.
CREATE FOREIGN TABLE gh.repositories_found (name text, stars int OPTIONS (field 'stargazerCount'),
  owner text OPTIONS (field 'owner.login')) SERVER gh
  OPTIONS (query_field 'search', type_name 'Repository', arguments '{"query": "repo-00", "type": "REPOSITORY"}');
SELECT * FROM gh.repositories_found ORDER BY name LIMIT 3;
SELECT count(*) FROM gh.repositories_found;

-- One item of an interface: node(id:) as a Repository, repositoryOwner(login:) as a User
-- or an Organization (a row only when the item is of the table's type).
CREATE FOREIGN TABLE gh.repository_node (id text OPTIONS (argument 'id'), name text) SERVER gh
  OPTIONS (query_field 'node', type_name 'Repository');
SELECT * FROM gh.repository_node WHERE id = 'MDEwOlJlcG9zaXRvcnkx';
CREATE FOREIGN TABLE gh.owner_user (login text OPTIONS (argument 'login'), name text) SERVER gh
  OPTIONS (query_field 'repositoryOwner', type_name 'User');
CREATE FOREIGN TABLE gh.owner_org (login text OPTIONS (argument 'login'), name text) SERVER gh
  OPTIONS (query_field 'repositoryOwner', type_name 'Organization');
SELECT v.login, u.login IS NOT NULL AS is_user, o.login IS NOT NULL AS is_organization
FROM (VALUES ('octocat'), ('org-01')) v(login)
LEFT JOIN gh.owner_user u ON u.login = v.login LEFT JOIN gh.owner_org o ON o.login = v.login ORDER BY 1;

-- Single objects: rateLimit, repository(owner:, name:) with argument columns.
CREATE FOREIGN TABLE gh.rate_limit (lim int OPTIONS (field 'limit'), remaining int, cost int) SERVER gh
  OPTIONS (query_field 'rateLimit', query_returns 'object');
SELECT * FROM gh.rate_limit;
CREATE FOREIGN TABLE gh.repository (owner text OPTIONS (argument 'owner', input_only 'true'),
  name text OPTIONS (argument 'name'), stars int OPTIONS (field 'stargazerCount'), private boolean OPTIONS (field 'isPrivate'))
  SERVER gh OPTIONS (query_field 'repository', query_returns 'object',
                     argument_types '{"owner": "String!", "name": "String!"}');
SELECT name, stars, private FROM gh.repository WHERE owner = 'octocat' AND name = 'repo-042';
-- Joined with local names: one request per name.
CREATE TABLE gh.wanted (name text);
INSERT INTO gh.wanted VALUES ('repo-001'), ('repo-100'), ('repo-250');
SELECT w.name, r.stars FROM gh.wanted w JOIN gh.repository r ON r.owner = 'octocat' AND r.name = w.name ORDER BY 1;

-- IMPORT of the whole schema: a table per object type a query field returns (connections of
-- union items, search and sponsorables, are no table: see type_name above). Connections paged by
-- first/last are left out of jsonb columns (GitHub refuses them without first), so whole
-- rows read; a root field's required arguments are columns (owner_arg: Repository has an
-- owner field too), and a scan without them says which.
CREATE SCHEMA gh_all;
IMPORT FOREIGN SCHEMA github FROM SERVER gh INTO gh_all;
SELECT count(*) AS tables FROM information_schema.foreign_tables WHERE foreign_table_schema = 'gh_all';
SET client_min_messages = warning;
SELECT count(*) FROM (SELECT ROW(u.*)::text FROM gh_all."User" u OFFSET 0) s;
SELECT count(*) FROM (SELECT ROW(r.*)::text FROM gh_all."Repository" r WHERE owner_arg = 'octocat' AND name = 'repo-001' OFFSET 0) s;
SELECT count(*) FROM (SELECT ROW(a.*)::text FROM gh_all."SecurityAdvisory" a OFFSET 0) s;
SELECT name FROM gh_all."Repository" WHERE name = 'repo-001';
DROP SCHEMA gh_all CASCADE;
RESET client_min_messages;

DROP SCHEMA gh CASCADE;
DROP SERVER gh CASCADE;
