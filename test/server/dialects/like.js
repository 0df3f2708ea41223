'use strict';
// SQL LIKE / ILIKE patterns as PostgreSQL reads them: "%" is any run of characters, "_" is
// exactly one character, backslash escapes the next character, and the pattern must match
// the whole string. ILIKE compares case-insensitively (JavaScript's Unicode simple case
// folding, which for the ASCII test data is the same as PostgreSQL's lower()).

const { GraphQLError } = require('graphql');

const cache = new Map();

function likeRegExp(pattern, caseInsensitive) {
  const key = (caseInsensitive ? 'i:' : 'c:') + pattern;
  if (cache.has(key)) return cache.get(key);
  let source = '';
  const chars = Array.from(pattern);
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c === '\\') {
      if (i + 1 >= chars.length) throw new GraphQLError('LIKE pattern must not end with escape character');
      source += escapeRegExp(chars[++i]);
    } else if (c === '%') {
      source += '[\\s\\S]*';
    } else if (c === '_') {
      source += '[\\s\\S]';
    } else {
      source += escapeRegExp(c);
    }
  }
  const re = new RegExp(`^${source}$`, caseInsensitive ? 'iu' : 'u');
  cache.set(key, re);
  return re;
}

function escapeRegExp(c) {
  return c.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

function like(value, pattern, caseInsensitive) {
  return likeRegExp(pattern, caseInsensitive).test(value);
}

// A pattern that matches `text` literally (for "includes" / "startsWith" style operators).
function escapeLike(text) {
  return text.replace(/[\\%_]/g, '\\$&');
}

module.exports = { like, escapeLike };
