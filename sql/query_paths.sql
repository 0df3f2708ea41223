-- Query paths: a table's query_field as a path of fields (`repository.issues`), each step
-- above the last one object with its own arguments (fixed, or from argument columns named
-- `step.argument`), the rows and their paging at the last step. Against GitHub's public
-- schema (mocked in apis.js) and the shop schema on graphql-yoga.
CREATE EXTENSION IF NOT EXISTS remote_relationship;
\set VERBOSITY default
\set SHOW_CONTEXT never

CREATE SCHEMA qp;
CREATE SERVER qp_gh FOREIGN DATA WRAPPER remote_relationship OPTIONS (url 'http://127.0.0.1:54412/github/graphql');
CREATE USER MAPPING FOR PUBLIC SERVER qp_gh;
CREATE SERVER qp_log FOREIGN DATA WRAPPER remote_relationship OPTIONS (url 'http://127.0.0.1:54412/log/graphql');
CREATE USER MAPPING FOR PUBLIC SERVER qp_log;
CREATE FOREIGN TABLE qp.requests (seq int, path text, document text, variables text)
  SERVER qp_log OPTIONS (query_field 'requests', argument_types '{"after": "Int"}');

-- Arguments at two steps: repository(owner:, name:) from argument columns, issues(states:)
-- fixed; paged by first/after at the last step (150 open issues of repo-009, pages of 100).
CREATE FOREIGN TABLE qp.issues (number int, title text, state text,
  owner text OPTIONS (argument 'repository.owner', input_only 'true'),
  repo text OPTIONS (argument 'repository.name', input_only 'true'))
  SERVER qp_gh OPTIONS (query_field 'repository.issues', type_name 'Issue', arguments '{"states": ["OPEN"]}');
EXPLAIN (VERBOSE, COSTS OFF) SELECT number FROM qp.issues WHERE owner = 'octocat' AND repo = 'repo-009';
SELECT coalesce(max(seq), 0) AS start FROM qp.requests \gset
SELECT count(*), min(number), max(number), count(*) FILTER (WHERE state = 'OPEN') AS open,
       min(owner) AS owner, min(repo) AS repo
FROM qp.issues WHERE owner = 'octocat' AND repo = 'repo-009';
-- What was sent: 2 pages, the second after the first's endCursor.
SELECT variables FROM qp.requests WHERE seq > :start AND path = '/github/graphql' AND document NOT LIKE '%__schema%' ORDER BY seq;
SELECT number, title FROM qp.issues WHERE owner = 'octocat' AND repo = 'repo-009' ORDER BY number LIMIT 3;
-- A LIMIT sizes the last step's page.
EXPLAIN (VERBOSE, COSTS OFF) SELECT number FROM qp.issues WHERE owner = 'octocat' AND repo = 'repo-009' LIMIT 2;
-- The arguments of the parents are required as the root field's are.
SELECT count(*) FROM qp.issues WHERE owner = 'octocat';

-- A path without arguments above: viewer.repositories, 250 rows in 3 pages.
CREATE FOREIGN TABLE qp.my_repositories (name text, stars int OPTIONS (field 'stargazerCount'),
  owner text OPTIONS (field 'owner.login')) SERVER qp_gh OPTIONS (query_field 'viewer.repositories');
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT count(*) FROM qp.my_repositories;
SELECT * FROM qp.my_repositories ORDER BY name LIMIT 3;

-- Three steps, the middle one with an argument: viewer.organization(login:).membersWithRole.
CREATE FOREIGN TABLE qp.org_members (login text) SERVER qp_gh
  OPTIONS (query_field 'viewer.organization.membersWithRole', arguments '{"viewer.organization.login": "org-01"}');
EXPLAIN (VERBOSE, COSTS OFF) SELECT * FROM qp.org_members;
SELECT count(*) FROM qp.org_members;

-- The item of a union at the last step: repository.issueOrPullRequest(number:) as an Issue.
CREATE FOREIGN TABLE qp.issue_or_pr (number int OPTIONS (argument 'number'), title text) SERVER qp_gh
  OPTIONS (query_field 'repository.issueOrPullRequest', type_name 'Issue',
           arguments '{"repository.owner": "octocat", "repository.name": "repo-009"}');
SELECT * FROM qp.issue_or_pr WHERE number = 3;

-- Joined with local repository names. With the argument types recorded (no introspection),
-- and the names read back from each issue (Issue.repository.name) rather than input-only,
-- the join sends all its keys in one request, each key an aliased copy of the whole path.
CREATE FOREIGN TABLE qp.closed_issues (number int,
  owner text OPTIONS (argument 'repository.owner', field 'repository.owner.login'),
  repo text OPTIONS (argument 'repository.name', field 'repository.name'))
  SERVER qp_gh OPTIONS (query_field 'repository.issues', pagination 'relay', query_returns 'connection',
    arguments '{"states": ["CLOSED"]}',
    argument_types '{"repository.owner": "String!", "repository.name": "String!", "first": "Int", "after": "String", "states": "[IssueState!]"}');
CREATE TABLE qp.wanted (name text);
INSERT INTO qp.wanted SELECT 'repo-' || lpad(g::text, 3, '0') FROM generate_series(1, 12) g;
ANALYZE qp.wanted;
EXPLAIN (VERBOSE, COSTS OFF) SELECT w.name, count(i.number) FROM qp.wanted w JOIN qp.closed_issues i ON i.owner = 'octocat' AND i.repo = w.name GROUP BY 1;
SELECT coalesce(max(seq), 0) AS start FROM qp.requests \gset
SELECT w.name, count(i.number) FROM qp.wanted w JOIN qp.closed_issues i ON i.owner = 'octocat' AND i.repo = w.name GROUP BY 1 ORDER BY 1;
SELECT count(*) AS requests, regexp_count(min(document), 'repository\(') AS aliased_paths
FROM qp.requests WHERE seq > :start AND path = '/github/graphql';
SET remote_relationship.enable_batched_join = off;
SELECT w.name, count(i.number) FROM qp.wanted w JOIN qp.closed_issues i ON i.owner = 'octocat' AND i.repo = w.name GROUP BY 1 ORDER BY 1;
RESET remote_relationship.enable_batched_join;

-- Partial errors below a path: a FORBIDDEN description is NULL under 'warn'; an error that
-- nulled a step above the rows (NOT_FOUND repository) took every row, and is an ERROR.
CREATE SERVER qp_gh_partial FOREIGN DATA WRAPPER remote_relationship
  OPTIONS (url 'http://127.0.0.1:54412/github/graphql?partial=1', on_partial_error 'warn');
CREATE USER MAPPING FOR PUBLIC SERVER qp_gh_partial;
CREATE FOREIGN TABLE qp.my_repositories_partial (name text, description text) SERVER qp_gh_partial
  OPTIONS (query_field 'viewer.repositories');
SELECT count(*), count(description) FROM qp.my_repositories_partial;
CREATE FOREIGN TABLE qp.issues_partial (number int) SERVER qp_gh_partial
  OPTIONS (query_field 'repository.issues', arguments '{"repository.owner": "octocat", "repository.name": "nope"}');
SELECT count(*) FROM qp.issues_partial;

-- The shop on graphql-yoga: customer(id:) { orders(first:, after:, status:) }, in pages of 3.
-- A customer that is not there is null, with no error: no rows.
CREATE SERVER qp_shop FOREIGN DATA WRAPPER remote_relationship OPTIONS (url 'http://127.0.0.1:54412/yoga/graphql');
CREATE USER MAPPING FOR PUBLIC SERVER qp_shop;
CREATE FOREIGN TABLE qp.customer_orders (number int, status text,
  customer text OPTIONS (argument 'customer.id', input_only 'true'))
  SERVER qp_shop OPTIONS (query_field 'customer.orders', page_size '3');
EXPLAIN (VERBOSE, COSTS OFF) SELECT * FROM qp.customer_orders WHERE customer = 'cust_1';
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT * FROM qp.customer_orders WHERE customer = 'cust_1';
SELECT * FROM qp.customer_orders WHERE customer = 'cust_1' ORDER BY number;
SELECT count(*) FROM qp.customer_orders WHERE customer = 'cust_999';
ALTER FOREIGN TABLE qp.customer_orders OPTIONS (ADD arguments '{"status": "PAID"}');
SELECT * FROM qp.customer_orders WHERE customer = 'cust_1' ORDER BY number;
-- A list at the last step: customer.addresses.
CREATE FOREIGN TABLE qp.customer_addresses (city text, customer text OPTIONS (argument 'customer.id', input_only 'true'))
  SERVER qp_shop OPTIONS (query_field 'customer.addresses');
SELECT * FROM qp.customer_addresses WHERE customer = 'cust_2';

-- Edge fields: a column with edge_field reads the connection edge its row comes in (GitHub's
-- StargazerEdge.starredAt, LanguageEdge.size, any edge's cursor), selected beside node.
CREATE FOREIGN TABLE qp.stargazers (login text, starred_at timestamptz OPTIONS (edge_field 'starredAt'),
  position text OPTIONS (edge_field 'cursor'), repo text OPTIONS (argument 'repository.name', input_only 'true'))
  SERVER qp_gh OPTIONS (query_field 'repository.stargazers', arguments '{"repository.owner": "octocat"}');
EXPLAIN (VERBOSE, COSTS OFF) SELECT * FROM qp.stargazers WHERE repo = 'repo-004';
SELECT * FROM qp.stargazers WHERE repo = 'repo-004' ORDER BY login;
CREATE FOREIGN TABLE qp.languages (name text, bytes int OPTIONS (edge_field 'size')) SERVER qp_gh
  OPTIONS (query_field 'repository.languages', arguments '{"repository.owner": "octocat", "repository.name": "repo-005"}');
SELECT * FROM qp.languages ORDER BY bytes DESC;
-- A connection at the root (the shop's customers), in pages of 4: each row its own cursor.
CREATE FOREIGN TABLE qp.customer_cursors (id text, position text OPTIONS (edge_field 'cursor')) SERVER qp_shop
  OPTIONS (query_field 'customers', page_size '4');
SELECT id, position, convert_from(decode(position, 'base64'), 'UTF8') AS decoded
FROM qp.customer_cursors WHERE id IN ('cust_1', 'cust_5', 'cust_9') ORDER BY id;
-- Either a field of the row or one of the edge, and only where there are edges.
CREATE FOREIGN TABLE qp.both_fields (name text OPTIONS (field 'name', edge_field 'cursor')) SERVER qp_gh;
CREATE FOREIGN TABLE qp.no_edges (name text, position text OPTIONS (edge_field 'cursor')) SERVER qp_gh
  OPTIONS (query_field 'licenses');
SELECT * FROM qp.no_edges;

-- Arguments in a column's field, at any step of its path or inside its selection set
-- (GitHub wants first on every connection): constants, re-written from our parse of them.
-- Columns asking for one field with other arguments each get their own read (an alias made
-- from the arguments); a column reading the parent whole does not see them.
CREATE FOREIGN TABLE qp.repository_counts (name text,
  open_issues int OPTIONS (field 'issues(states: [OPEN], first: 1).totalCount'),
  closed_issues int OPTIONS (field 'issues(states: [CLOSED], first: 1).totalCount'),
  first_titles text[] OPTIONS (field 'issues(first: 2, orderBy: {field: CREATED_AT, direction: ASC}).nodes.title'),
  stargazers jsonb OPTIONS (field 'stargazers(first: 2) { totalCount nodes { login } }'),
  owner jsonb OPTIONS (field 'owner { login }'),
  owner_repositories int OPTIONS (field 'owner.repositories(first: 1).totalCount'))
  SERVER qp_gh OPTIONS (query_field 'viewer.repositories', page_size '3');
EXPLAIN (VERBOSE, COSTS OFF) SELECT * FROM qp.repository_counts;
SELECT * FROM qp.repository_counts ORDER BY name LIMIT 4;
CREATE FOREIGN TABLE qp.advisories (ghsa text OPTIONS (field 'ghsaId'),
  packages jsonb OPTIONS (field 'vulnerabilities(first: 5) { nodes { package { name ecosystem } } }'))
  SERVER qp_gh OPTIONS (query_field 'securityAdvisories');
SELECT count(*), count(packages -> 'nodes') FROM qp.advisories;
-- Strings in arguments are GraphQL strings, kept as strings whatever they hold.
CREATE FOREIGN TABLE qp.tricky_string (v jsonb OPTIONS (field 'x(s: "a) } mutation { y", t: "\u00e9\n") { y }'))
  SERVER qp_gh OPTIONS (query_field 'viewer');
EXPLAIN (VERBOSE, COSTS OFF) SELECT * FROM qp.tricky_string;
-- Only constants, in GraphQL's syntax; and none in options that name fields only.
CREATE FOREIGN TABLE qp.bad_arg (a int OPTIONS (field 'issues(first: $n).totalCount')) SERVER qp_gh;
CREATE FOREIGN TABLE qp.bad_arg (a int OPTIONS (field 'issues(first: ).totalCount')) SERVER qp_gh;
CREATE FOREIGN TABLE qp.bad_arg (a int OPTIONS (field 'issues(first: 1 totalCount')) SERVER qp_gh;
CREATE FOREIGN TABLE qp.bad_arg (a int OPTIONS (field 'issues().totalCount')) SERVER qp_gh;
CREATE FOREIGN TABLE qp.bad_arg (a int OPTIONS (field 'issues(first: 01).totalCount')) SERVER qp_gh;
CREATE FOREIGN TABLE qp.bad_arg (a int OPTIONS (field 'x(s: "\q")')) SERVER qp_gh;
CREATE FOREIGN TABLE qp.bad_arg (a int OPTIONS (field 'x(s: {a 1})')) SERVER qp_gh;
CREATE FOREIGN TABLE qp.bad_arg (a int OPTIONS (field 'x { issues(first: 1) @skip(if: true) { totalCount } }')) SERVER qp_gh;
CREATE FOREIGN TABLE qp.bad_arg (a int OPTIONS (argument 'issues(first: 1)')) SERVER qp_gh;
CREATE FOREIGN TABLE qp.bad_arg (a int) SERVER qp_gh OPTIONS (query_field 'viewer(login: "x").repositories');

-- Errors, each before anything is sent but the introspection.
CREATE FOREIGN TABLE qp.bad_step (name text) SERVER qp_gh OPTIONS (query_field 'viewer.repositoriez');
SELECT * FROM qp.bad_step;
CREATE FOREIGN TABLE qp.list_step (name text) SERVER qp_gh OPTIONS (query_field 'licenses.name');
SELECT * FROM qp.list_step;
CREATE FOREIGN TABLE qp.scalar_step (name text) SERVER qp_gh OPTIONS (query_field 'viewer.login.x');
SELECT * FROM qp.scalar_step;
CREATE FOREIGN TABLE qp.bad_argument (name text) SERVER qp_gh
  OPTIONS (query_field 'viewer.repositories', arguments '{"user.login": "x"}');
SELECT * FROM qp.bad_argument;
CREATE FOREIGN TABLE qp.bad_column (name text, n int OPTIONS (argument 'viewer.repositories.first')) SERVER qp_gh
  OPTIONS (query_field 'viewer.repositories');
SELECT * FROM qp.bad_column WHERE n = 1;
CREATE FOREIGN TABLE qp.bad_path (name text) SERVER qp_gh OPTIONS (query_field 'viewer..repositories');
CREATE FOREIGN TABLE qp.bad_path (name text) SERVER qp_gh OPTIONS (query_field 'viewer.');
CREATE FOREIGN TABLE qp.bad_types (name text) SERVER qp_gh
  OPTIONS (query_field 'viewer.repositories', argument_types '{"viewer..x": "Int"}');
CREATE FOREIGN TABLE qp.bad_arguments (name text) SERVER qp_gh
  OPTIONS (query_field 'viewer.repositories', arguments '{".x": 1}');
CREATE FOREIGN TABLE qp.bad_column_path (n int OPTIONS (argument 'a..b')) SERVER qp_gh;

DROP SCHEMA qp CASCADE;
DROP SERVER qp_gh CASCADE;
DROP SERVER qp_gh_partial CASCADE;
DROP SERVER qp_shop CASCADE;
DROP SERVER qp_log CASCADE;
