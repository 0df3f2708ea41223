'use strict';
// The fixed GitHub data behind /github/graphql (README.md in this folder's parent tells
// the counts). Every object is a plain object whose fields are values or functions
// (args, context) -> value; a field that an object does not have is filled in by the
// deterministic mocks of schema.js.

const { nodeId, decodeNodeId, GitHubError } = require('./ids');
const { paginate, order } = require('./connection');

const REPO_COUNT = 250;
const USER_COUNT = 50;
const ORG_COUNT = 10;
const VIEWER_DATABASE_ID = 583231;
const DAY = 24 * 3600 * 1000;
const HOUR = 3600 * 1000;
const EPOCH = Date.UTC(2020, 0, 1);

const pad = (n, w) => String(n).padStart(w, '0');
const iso = (ms) => new Date(ms).toISOString().replace('.000Z', 'Z');
const forbidden = () => new GitHubError('FORBIDDEN', 'Resource not accessible by integration');
const emptyConnection = (args, extra) => paginate([], args, extra);

function avatar(databaseId) {
  return (args) => `https://avatars.githubusercontent.com/u/${databaseId}?${args && args.size ? `s=${args.size}&` : ''}v=4`;
}

// ---------------------------------------------------------------- small fixed lists

const LANGUAGES = [
  ['JavaScript', '#f1e05a'], ['Python', '#3572A5'], ['Go', '#00ADD8'],
  ['Rust', '#dea584'], ['C++', '#f34b7d'], ['Shell', '#89e051'],
].map(([name, color], i) => ({ __typename: 'Language', id: nodeId('Language', i + 1), name, color }));

const rule = (key, label, description) => ({ __typename: 'LicenseRule', key, label, description });
const LICENSES = [
  {
    key: 'mit', name: 'MIT License', spdxId: 'MIT', nickname: null,
    permissions: [rule('commercial-use', 'Commercial use', 'The licensed material and derivatives may be used for commercial purposes.'),
      rule('modifications', 'Modification', 'The licensed material may be modified.'),
      rule('distribution', 'Distribution', 'The licensed material may be distributed.'),
      rule('private-use', 'Private use', 'The licensed material may be used and modified in private.')],
    conditions: [rule('include-copyright', 'License and copyright notice', 'A copy of the license and copyright notice must be included with the licensed material.')],
    limitations: [rule('liability', 'Liability', 'This license includes a limitation of liability.'),
      rule('warranty', 'Warranty', 'This license explicitly states that it does NOT provide any warranty.')],
  },
  {
    key: 'apache-2.0', name: 'Apache License 2.0', spdxId: 'Apache-2.0', nickname: null,
    permissions: [rule('commercial-use', 'Commercial use', 'The licensed material and derivatives may be used for commercial purposes.'),
      rule('patent-use', 'Patent use', 'This license provides an express grant of patent rights from contributors.')],
    conditions: [rule('include-copyright', 'License and copyright notice', 'A copy of the license and copyright notice must be included with the licensed material.'),
      rule('document-changes', 'State changes', 'Changes made to the licensed material must be documented.')],
    limitations: [rule('trademark-use', 'Trademark use', 'This license explicitly states that it does NOT grant trademark rights.')],
  },
  {
    key: 'gpl-3.0', name: 'GNU General Public License v3.0', spdxId: 'GPL-3.0', nickname: 'GNU GPLv3',
    permissions: [rule('distribution', 'Distribution', 'The licensed material may be distributed.')],
    conditions: [rule('disclose-source', 'Disclose source', 'Source code must be made available when the licensed material is distributed.'),
      rule('same-license', 'Same license', 'Modifications must be released under the same license.')],
    limitations: [rule('warranty', 'Warranty', 'This license explicitly states that it does NOT provide any warranty.')],
  },
].map((l, i) => ({
  __typename: 'License',
  id: nodeId('License', i + 1),
  url: `http://choosealicense.com/licenses/${l.key}/`,
  description: `${l.name}.`,
  body: `${l.name} text.`,
  featured: true,
  hidden: false,
  pseudoLicense: false,
  implementation: null,
  ...l,
}));

const TOPICS = ['graphql', 'postgresql', 'fdw', 'testing', 'cpp', 'api']
  .map((name, i) => ({ __typename: 'Topic', id: nodeId('Topic', i + 1), name }));

const LABELS = [
  ['bug', 'd73a4a', "Something isn't working"],
  ['enhancement', 'a2eeef', 'New feature or request'],
  ['documentation', '0075ca', 'Improvements or additions to documentation'],
  ['good first issue', '7057ff', 'Good for newcomers'],
];

// ---------------------------------------------------------------- users and organizations

const users = new Map(); // login (lower case) -> user
const usersByDbId = new Map();
const orgs = new Map();
const orgsByDbId = new Map();
const repos = []; // index n-1
let reposByName;

function makeUser(databaseId, login, name, extra) {
  const u = {
    __typename: 'User',
    id: nodeId('User', databaseId),
    databaseId,
    login,
    name,
    email: `${login}@example.com`,
    url: `https://github.com/${login}`,
    resourcePath: `/${login}`,
    avatarUrl: avatar(databaseId),
    isViewer: false,
    isSiteAdmin: false,
    isHireable: false,
    twitterUsername: null,
    websiteUrl: null,
    repositories: (args) => userRepositories(u, args),
    repository: (args) => (u.isViewer ? repoByName(args.name) : null),
    organizations: (args) => paginate(orgList().filter((o) => o.memberLogins.includes(u.login)), args),
    ...extra,
  };
  users.set(login.toLowerCase(), u);
  usersByDbId.set(databaseId, u);
  return u;
}

const VIEWER = makeUser(VIEWER_DATABASE_ID, 'octocat', 'The Octocat', {
  email: 'octocat@github.com',
  bio: 'GitHub mascot',
  company: '@github',
  location: 'San Francisco',
  createdAt: '2011-01-25T18:44:36Z',
  updatedAt: '2024-01-01T00:00:00Z',
  isViewer: true,
  websiteUrl: 'https://github.blog',
  twitterUsername: 'github',
});

const CITIES = ['Berlin', 'Lisbon', 'Tokyo', 'Toronto', 'Nairobi'];
for (let i = 1; i <= USER_COUNT; i++) {
  makeUser(1000 + i, `user-${pad(i, 3)}`, `User ${i}`, {
    bio: i % 3 === 0 ? null : `Bio of user ${i}`,
    company: i % 2 === 0 ? `Company ${i % 7}` : null,
    location: CITIES[i % CITIES.length],
    createdAt: iso(EPOCH - i * DAY),
    updatedAt: iso(EPOCH + i * DAY),
  });
}
const userList = () => [...usersByDbId.values()].filter((u) => !u.isViewer);
const userN = (i) => usersByDbId.get(1000 + i);

for (let i = 1; i <= ORG_COUNT; i++) {
  const databaseId = 5000 + i;
  const login = `org-${pad(i, 2)}`;
  const members = [];
  for (let j = (i - 1) * 5 + 1; j <= i * 5; j++) members.push(userN(j));
  if (i <= 3) members.unshift(VIEWER);
  const o = {
    __typename: 'Organization',
    id: nodeId('Organization', databaseId),
    databaseId,
    login,
    name: `Organization ${i}`,
    description: `Test organization number ${i}`,
    email: i % 2 ? `hello@${login}.example.com` : null,
    location: CITIES[i % CITIES.length],
    url: `https://github.com/${login}`,
    resourcePath: `/${login}`,
    avatarUrl: avatar(databaseId),
    createdAt: iso(EPOCH - 100 * DAY - i * DAY),
    updatedAt: iso(EPOCH + 100 * DAY + i * DAY),
    isVerified: i % 2 === 0,
    memberLogins: members.map((m) => m.login),
    membersWithRole: (args) => paginate(members, args, {}, (m) => ({ role: m.isViewer ? 'ADMIN' : 'MEMBER', hasTwoFactorEnabled: null })),
    repositories: (args) => emptyConnection(args, { totalDiskUsage: 0 }),
    repository: () => null,
  };
  orgs.set(login.toLowerCase(), o);
  orgsByDbId.set(databaseId, o);
}
const orgList = () => [...orgsByDbId.values()];

// ---------------------------------------------------------------- repositories, issues, pull requests

const issueCountOf = (n) => (n % 10) * 25;
const prCountOf = (n) => (n % 4) * 5;

function makeRepo(n) {
  const name = `repo-${pad(n, 3)}`;
  const createdMs = EPOCH + n * DAY;
  const langCount = n % 6 === 0 ? 0 : 1 + (n % 3);
  const langs = [];
  for (let j = 0; j < langCount; j++) langs.push({ lang: LANGUAGES[(n + j) % 5], size: 10000 * (langCount - j) + n * 10 });
  const topics = [];
  for (let j = 0; j < n % 4; j++) {
    const topic = TOPICS[(n + j) % TOPICS.length];
    topics.push({
      __typename: 'RepositoryTopic',
      id: nodeId('RepositoryTopic', n * 10 + j + 1),
      topic,
      url: `https://github.com/topics/${topic.name}`,
      resourcePath: `/topics/${topic.name}`,
    });
  }
  const fundingLinks = [];
  if (n % 3 === 0) fundingLinks.push({ __typename: 'FundingLink', platform: 'GITHUB', url: 'https://github.com/sponsors/octocat' });
  if (n % 9 === 0) fundingLinks.push({ __typename: 'FundingLink', platform: 'CUSTOM', url: `https://example.com/fund/${name}` });
  const description = n % 25 === 0 ? null : `Test repository number ${n}`;
  const isFork = n % 4 === 0;
  const isArchived = n % 20 === 0;
  const r = {
    __typename: 'Repository',
    n,
    id: nodeId('Repository', n),
    databaseId: n,
    name,
    nameWithOwner: `octocat/${name}`,
    url: `https://github.com/octocat/${name}`,
    resourcePath: `/octocat/${name}`,
    sshUrl: `git@github.com:octocat/${name}.git`,
    homepageUrl: n % 2 === 0 ? `https://octocat.github.io/${name}` : null,
    description: (args, ctx) => {
      if (ctx && ctx.partial && n % 7 === 0) throw forbidden();
      return description;
    },
    descriptionHTML: description === null ? '<div></div>' : `<div>${description}</div>`,
    createdAt: iso(createdMs),
    updatedAt: iso(createdMs + n * HOUR),
    pushedAt: n % 10 === 0 ? null : iso(createdMs + 30 * DAY),
    archivedAt: isArchived ? iso(createdMs + 60 * DAY) : null,
    isPrivate: n % 5 === 0,
    visibility: n % 5 === 0 ? 'PRIVATE' : 'PUBLIC',
    isFork,
    parent: () => (isFork ? repos[0] : null),
    isArchived,
    isTemplate: false,
    isMirror: false,
    isEmpty: false,
    isLocked: false,
    isDisabled: false,
    hasIssuesEnabled: true,
    hasWikiEnabled: n % 2 === 1,
    hasProjectsEnabled: true,
    hasDiscussionsEnabled: false,
    stargazerCount: (n * 37) % 1000,
    forkCount: n % 13,
    diskUsage: n * 10,
    owner: VIEWER,
    primaryLanguage: langs.length ? langs[0].lang : null,
    languages: (args) => langConnection(langs, args), // nodes: languages; edges carry the size
    licenseInfo: n % 4 === 3 ? null : LICENSES[n % 4],
    repositoryTopics: (args) => paginate(topics, args),
    fundingLinks,
    defaultBranchRef: { __typename: 'Ref', id: nodeId('Ref', n), name: 'main', prefix: 'refs/heads/' },
    labels: (args) => paginate(repoLabels(r).filter((l) => !args.query || l.name.includes(args.query)), args),
    label: (args) => repoLabels(r).find((l) => l.name === args.name) || null,
    issues: (args) => issueConnection(repoIssues(r), args),
    issue: (args) => {
      const i = repoIssues(r)[args.number - 1];
      if (!i) throw new GitHubError('NOT_FOUND', `Could not resolve to an Issue with the number of ${args.number}.`);
      return i;
    },
    pullRequests: (args) => prConnection(repoPRs(r), args),
    pullRequest: (args) => {
      const p = repoPRs(r)[args.number - issueCountOf(n) - 1];
      if (!p) throw new GitHubError('NOT_FOUND', `Could not resolve to a PullRequest with the number of ${args.number}.`);
      return p;
    },
    issueOrPullRequest: (args) => {
      const x = repoIssues(r)[args.number - 1] || repoPRs(r)[args.number - issueCountOf(n) - 1];
      if (!x) throw new GitHubError('NOT_FOUND', `Could not resolve to an issue or pull request with the number of ${args.number}.`);
      return x;
    },
    stargazers: (args) => paginate(userList().slice(0, n % 5), args),
    watchers: (args) => paginate([VIEWER], args),
  };
  return r;
}

function langConnection(langs, args) {
  const sorted = order(langs, args.orderBy, { SIZE: (l) => l.size });
  const page = paginate(sorted, args, { totalSize: langs.reduce((s, l) => s + l.size, 0) }, (l) => ({ size: l.size }));
  page.nodes = page.nodes.map((l) => l.lang);
  page.edges = page.edges.map((e) => ({ ...e, node: e.node.lang }));
  return page;
}

function repoLabels(r) {
  if (!r.labelList) {
    r.labelList = LABELS.map(([name, color, description], i) => ({
      __typename: 'Label',
      id: nodeId('Label', r.n * 10 + i + 1),
      name,
      color,
      description,
      isDefault: true,
      createdAt: r.createdAt,
      updatedAt: r.createdAt,
      url: `${r.url}/labels/${encodeURIComponent(name)}`,
      resourcePath: `${r.resourcePath}/labels/${encodeURIComponent(name)}`,
      repository: r,
      issues: (args) => issueConnection(repoIssues(r).filter((x) => x.labelNames.includes(name)), args),
      pullRequests: (args) => prConnection([], args),
    }));
  }
  return r.labelList;
}

const ISSUE_LABELS = [['bug'], ['enhancement', 'good first issue'], [], ['documentation']];

function commonItem(r, number, databaseId, type, k) {
  const createdMs = EPOCH + r.n * DAY + number * HOUR;
  const author = userN(((r.n + number - 2) % USER_COUNT) + 1);
  const comments = [];
  for (let j = 1; j <= number % 5; j++) {
    const c = userN(((r.n + number + j - 2) % USER_COUNT) + 1);
    comments.push({
      __typename: 'IssueComment',
      id: nodeId('IssueComment', databaseId * 10 + j),
      databaseId: databaseId * 10 + j,
      body: `Comment ${j} on #${number}`,
      bodyText: `Comment ${j} on #${number}`,
      author: c,
      createdAt: iso(createdMs + j * HOUR),
      updatedAt: iso(createdMs + j * HOUR),
      url: `${r.url}/${type === 'Issue' ? 'issues' : 'pull'}/${number}#issuecomment-${databaseId * 10 + j}`,
    });
  }
  const labelNames = ISSUE_LABELS[number % 4];
  return {
    id: nodeId(type, databaseId),
    databaseId,
    number,
    title: `${type === 'Issue' ? 'Issue' : 'Pull request'} ${number} of ${r.name}`,
    body: `This is ${type === 'Issue' ? 'issue' : 'pull request'} #${number} of ${r.nameWithOwner}.`,
    bodyText: `This is ${type === 'Issue' ? 'issue' : 'pull request'} #${number} of ${r.nameWithOwner}.`,
    createdAt: iso(createdMs),
    updatedAt: iso(createdMs + (k % 7) * DAY),
    url: `${r.url}/${type === 'Issue' ? 'issues' : 'pull'}/${number}`,
    resourcePath: `${r.resourcePath}/${type === 'Issue' ? 'issues' : 'pull'}/${number}`,
    repository: r,
    authorLogin: author.login,
    author: (args, ctx) => {
      if (ctx && ctx.partial && type === 'Issue' && number % 7 === 0) throw forbidden();
      return author;
    },
    locked: false,
    labelNames,
    labels: (args) => paginate(repoLabels(r).filter((l) => labelNames.includes(l.name)), args),
    comments: (args) => paginate(comments, args),
    commentCount: comments.length,
    assignees: (args) => paginate(number % 2 ? [VIEWER] : [], args),
    milestone: null,
  };
}

function repoIssues(r) {
  if (!r.issueList) {
    r.issueList = [];
    for (let k = 1; k <= issueCountOf(r.n); k++) {
      const closed = k % 3 === 0;
      const item = commonItem(r, k, r.n * 1000 + k, 'Issue', k);
      item.__typename = 'Issue';
      item.state = closed ? 'CLOSED' : 'OPEN';
      item.closed = closed;
      item.closedAt = closed ? iso(Date.parse(item.createdAt) + DAY) : null;
      item.stateReason = closed ? 'COMPLETED' : null;
      r.issueList.push(item);
    }
  }
  return r.issueList;
}

function repoPRs(r) {
  if (!r.prList) {
    r.prList = [];
    const base = issueCountOf(r.n);
    for (let j = 1; j <= prCountOf(r.n); j++) {
      const number = base + j;
      const state = ['CLOSED', 'OPEN', 'MERGED'][j % 3];
      const item = commonItem(r, number, r.n * 1000 + number, 'PullRequest', j);
      Object.assign(item, {
        __typename: 'PullRequest',
        state,
        closed: state !== 'OPEN',
        merged: state === 'MERGED',
        closedAt: state === 'OPEN' ? null : iso(Date.parse(item.createdAt) + DAY),
        mergedAt: state === 'MERGED' ? iso(Date.parse(item.createdAt) + DAY) : null,
        isDraft: j % 4 === 0,
        additions: j * 10,
        deletions: j * 3,
        changedFiles: j,
        headRefName: `feature-${j}`,
        baseRefName: 'main',
        permalink: item.url,
      });
      r.prList.push(item);
    }
  }
  return r.prList;
}

const ITEM_ORDER = {
  CREATED_AT: (x) => x.createdAt,
  UPDATED_AT: (x) => x.updatedAt,
  COMMENTS: (x) => x.commentCount,
};

function filterItems(list, args) {
  const f = { ...(args.filterBy || {}), ...args };
  let out = list;
  if (f.states && f.states.length) out = out.filter((x) => f.states.includes(x.state));
  if (f.labels && f.labels.length) out = out.filter((x) => x.labelNames.some((l) => f.labels.includes(l)));
  if (f.createdBy) out = out.filter((x) => x.authorLogin === f.createdBy);
  if (f.headRefName) out = out.filter((x) => x.headRefName === f.headRefName);
  if (f.baseRefName) out = out.filter((x) => x.baseRefName === f.baseRefName);
  return order(out, args.orderBy, ITEM_ORDER);
}

const issueConnection = (list, args) => paginate(filterItems(list, args), args);
const prConnection = (list, args) => paginate(filterItems(list, args), args);

const REPO_ORDER = {
  NAME: (r) => r.name,
  CREATED_AT: (r) => r.createdAt,
  UPDATED_AT: (r) => r.updatedAt,
  PUSHED_AT: (r) => r.pushedAt || '',
  STARGAZERS: (r) => r.stargazerCount,
};

function userRepositories(u, args) {
  let list = u.isViewer ? repos : [];
  if (args.privacy) list = list.filter((r) => r.isPrivate === (args.privacy === 'PRIVATE'));
  if (args.visibility) list = list.filter((r) => r.visibility === args.visibility);
  if (args.isFork != null) list = list.filter((r) => r.isFork === args.isFork);
  if (args.isArchived != null) list = list.filter((r) => r.isArchived === args.isArchived);
  if (args.isLocked != null) list = list.filter((r) => r.isLocked === args.isLocked);
  list = order(list, args.orderBy, REPO_ORDER);
  return paginate(list, args, { totalDiskUsage: list.reduce((s, r) => s + r.diskUsage, 0) });
}

for (let n = 1; n <= REPO_COUNT; n++) repos.push(makeRepo(n));
reposByName = new Map(repos.map((r) => [r.name.toLowerCase(), r]));
function repoByName(name) { return reposByName.get(String(name).toLowerCase()) || null; }

// ---------------------------------------------------------------- node(id:)

function byId(id) {
  const d = decodeNodeId(id);
  if (!d) return null;
  const x = d.databaseId;
  switch (d.type) {
    case 'User': return usersByDbId.get(x) || null;
    case 'Organization': return orgsByDbId.get(x) || null;
    case 'Repository': return repos[x - 1] || null;
    case 'Issue': { const r = repos[Math.floor(x / 1000) - 1]; return r ? repoIssues(r)[(x % 1000) - 1] || null : null; }
    case 'PullRequest': { const r = repos[Math.floor(x / 1000) - 1]; return r ? repoPRs(r)[(x % 1000) - issueCountOf(r.n) - 1] || null : null; }
    case 'IssueComment': {
      const item = byId(nodeId('Issue', Math.floor(x / 10))) || byId(nodeId('PullRequest', Math.floor(x / 10)));
      return item ? item.comments({ first: 100 }).nodes[(x % 10) - 1] || null : null;
    }
    case 'Label': { const r = repos[Math.floor(x / 10) - 1]; return r ? repoLabels(r)[(x % 10) - 1] || null : null; }
    case 'RepositoryTopic': { const r = repos[Math.floor(x / 10) - 1]; return r ? r.repositoryTopics({ first: 100 }).nodes[(x % 10) - 1] || null : null; }
    case 'Ref': return repos[x - 1] ? repos[x - 1].defaultBranchRef : null;
    case 'Language': return LANGUAGES[x - 1] || null;
    case 'License': return LICENSES[x - 1] || null;
    case 'Topic': return TOPICS[x - 1] || null;
    default: return null;
  }
}

// ---------------------------------------------------------------- search(query:, type:)

function searchCorpus(query, type) {
  const words = String(query || '').split(/\s+/).filter(Boolean);
  let mixed = false;
  let repo = null;
  const is = new Set();
  const terms = [];
  for (const w of words) {
    const lw = w.toLowerCase();
    if (lw === 'mixed') mixed = true;
    else if (lw.startsWith('repo:')) repo = lw.slice(5);
    else if (lw.startsWith('is:')) is.add(lw.slice(3));
    else if (lw.startsWith('user:') || lw.startsWith('org:') || lw.startsWith('in:') || lw.startsWith('sort:')) { /* ignored */ } else terms.push(lw);
  }
  let items;
  if (mixed) {
    const prs = repos.flatMap((r) => repoPRs(r)).slice(0, 10);
    const issues = repoIssues(repos[0]).slice(0, 10);
    items = [];
    for (let t = 0; t < 10; t++) items.push(repos[t], issues[t], userN(t + 1), prs[t], orgList()[t]);
  } else if (type === 'REPOSITORY') {
    items = repos;
  } else if (type === 'USER') {
    items = [];
    const us = userList();
    const os = orgList();
    for (let t = 0; t < os.length; t++) items.push(...us.slice(t * 5, t * 5 + 5), os[t]);
  } else if (type === 'ISSUE') {
    let source = [repos[0], repos[1]];
    if (repo) {
      const [owner, name] = repo.split('/');
      const r = owner === 'octocat' ? repoByName(name) : null;
      source = r ? [r] : [];
    }
    items = [];
    for (const r of source) {
      const is_ = repoIssues(r);
      const ps = repoPRs(r);
      let a = 0;
      let b = 0;
      while (a < is_.length || b < ps.length) {
        for (let k = 0; k < 3 && a < is_.length; k++) items.push(is_[a++]);
        if (b < ps.length) items.push(ps[b++]);
      }
    }
    if (is.has('issue')) items = items.filter((x) => x.__typename === 'Issue');
    if (is.has('pr')) items = items.filter((x) => x.__typename === 'PullRequest');
    if (is.has('open')) items = items.filter((x) => x.state === 'OPEN');
    if (is.has('closed')) items = items.filter((x) => x.state !== 'OPEN');
  } else {
    items = []; // DISCUSSION: none
  }
  if (terms.length) {
    const text = (x) => [x.name, x.login, x.title, x.nameWithOwner].filter(Boolean).join(' ').toLowerCase();
    items = items.filter((x) => terms.every((t) => text(x).includes(t)));
  }
  return items;
}

function search(args) {
  const items = searchCorpus(args.query, args.type);
  const count = (...types) => items.filter((x) => types.includes(x.__typename)).length;
  return paginate(items, args, {
    repositoryCount: count('Repository'),
    issueCount: count('Issue', 'PullRequest'),
    userCount: count('User', 'Organization'),
    discussionCount: 0,
    codeCount: 0,
    wikiCount: 0,
  });
}

// ---------------------------------------------------------------- the root

const RATE_LIMIT = {
  __typename: 'RateLimit',
  limit: 5000,
  cost: 1,
  remaining: 4999,
  used: 1,
  resetAt: '2030-01-01T00:00:00Z',
  nodeCount: 1,
};

const notFound = (message) => { throw new GitHubError('NOT_FOUND', message); };

const root = {
  viewer: () => VIEWER,
  user: (args) => users.get(args.login.toLowerCase())
    || notFound(`Could not resolve to a User with the login of '${args.login}'.`),
  organization: (args) => orgs.get(args.login.toLowerCase())
    || notFound(`Could not resolve to an Organization with the login of '${args.login}'.`),
  repositoryOwner: (args) => users.get(args.login.toLowerCase()) || orgs.get(args.login.toLowerCase()) || null,
  repository: (args) => (String(args.owner).toLowerCase() === 'octocat' && repoByName(args.name))
    || notFound(`Could not resolve to a Repository with the name '${args.owner}/${args.name}'.`),
  node: (args) => byId(args.id) || notFound(`Could not resolve to a node with the global id of '${args.id}'`),
  nodes: (args) => args.ids.map((id) => byId(id)
    || new GitHubError('NOT_FOUND', `Could not resolve to a node with the global id of '${id}'`)),
  search: (args) => search(args),
  rateLimit: () => RATE_LIMIT,
  topic: (args) => TOPICS.find((t) => t.name === args.name) || null,
  license: (args) => LICENSES.find((l) => l.key === args.key) || null,
  licenses: () => LICENSES,
};

module.exports = {
  root,
  VIEWER,
  REPO_COUNT,
  USER_COUNT,
  ORG_COUNT,
  repos,
  issueCountOf,
  prCountOf,
  byId,
};
