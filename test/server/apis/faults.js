'use strict';
// Retry / rate-limit faults, selected by the query string of any /.../graphql request:
//
//   ?fail=429|503|502|403&times=N&key=K[&retry_after=S]
//
// The first N requests (default 1; "always" for every one) that carry key K get the
// fault, later ones are answered normally. The counter is per key, for the life of the
// process or until POST /reset-faults. Without key, the key is "<path> <fail>".
// retry_after is sent verbatim as Retry-After (seconds or an HTTP date); 403 (GitHub's
// secondary rate limit) always sends one: retry_after, or 1 by default
// (retry_after=none leaves it out).

const { sendJson, send } = require('./http');

const SECONDARY_RATE_LIMIT = {
  message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. '
    + 'If you reach out to GitHub Support for help, please include the request ID '
    + '0000:0000:0000000:0000000:00000000.',
  documentation_url: 'https://docs.github.com/graphql/overview/rate-limits-and-node-limits-for-the-graphql-api#secondary-rate-limits',
};

const BAD_GATEWAY_HTML = '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n'
  + '<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

const MODES = {
  429: (res, h) => sendJson(res, 429, { errors: [{ message: 'Too Many Requests' }] }, h),
  503: (res, h) => send(res, 503, { 'content-type': 'text/plain; charset=utf-8', ...h }, 'Service Unavailable'),
  502: (res, h) => send(res, 502, { 'content-type': 'text/html', ...h }, BAD_GATEWAY_HTML),
  403: (res, h) => sendJson(res, 403, SECONDARY_RATE_LIMIT, {
    'x-ratelimit-limit': '5000',
    'x-ratelimit-remaining': '4999',
    'x-ratelimit-used': '1',
    'x-ratelimit-resource': 'graphql',
    ...h,
  }),
};

let counters = new Map();

function reset() { counters = new Map(); }

// Returns null (no fault in the URL), {error} (a bad switch: answer 400),
// {skip: true} (the key's N faults are used up) or {status, apply(res)}.
function check(url) {
  const fail = url.searchParams.get('fail');
  if (fail === null) return null;
  if (!Object.prototype.hasOwnProperty.call(MODES, fail)) {
    return { error: `unknown fail mode "${fail}"; known: ${Object.keys(MODES).join(', ')}` };
  }
  const timesText = url.searchParams.get('times');
  let times = 1;
  if (timesText === 'always') times = Infinity;
  else if (timesText !== null) {
    if (!/^[0-9]+$/.test(timesText)) return { error: `times must be a number or "always", not "${timesText}"` };
    times = Number(timesText);
  }
  const key = url.searchParams.get('key') || `${url.pathname} ${fail}`;
  const n = (counters.get(key) || 0) + 1;
  counters.set(key, n);
  if (n > times) return { skip: true, key, count: n };
  let retryAfter = url.searchParams.get('retry_after');
  if (retryAfter === null && fail === '403') retryAfter = '1';
  if (retryAfter === 'none' || retryAfter === '') retryAfter = null;
  const headers = retryAfter === null ? {} : { 'retry-after': retryAfter };
  return { status: Number(fail), key, count: n, apply: (res) => MODES[fail](res, headers) };
}

function snapshot() {
  return Object.fromEntries(counters);
}

module.exports = { check, reset, snapshot, MODES };
