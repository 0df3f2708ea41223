'use strict';
// GitHub-style ids and cursors, and GitHub-style errors.
//
// Node ids use GitHub's legacy format: base64 of "0<length of type name>:<Type><databaseId>",
// e.g. "MDEwOlJlcG9zaXRvcnkx" is base64("010:Repository1"), "MDQ6VXNlcjU4MzIzMQ==" is
// base64("04:User583231") (octocat's real id). Cursors are base64("cursor:<position>"),
// position counting from 1, e.g. "Y3Vyc29yOjEwMA==" is the cursor of the 100th item.

function nodeId(type, databaseId) {
  return Buffer.from(`0${type.length}:${type}${databaseId}`, 'utf8').toString('base64');
}

// -> {type, databaseId} or null
function decodeNodeId(id) {
  if (typeof id !== 'string') return null;
  const text = Buffer.from(id, 'base64').toString('utf8');
  const m = /^0(\d+):([A-Za-z]+?)(\d+)$/.exec(text);
  if (!m || Number(m[1]) !== m[2].length) return null;
  if (nodeId(m[2], m[3]) !== id) return null;
  return { type: m[2], databaseId: Number(m[3]) };
}

function cursor(position) {
  return Buffer.from(`cursor:${position}`, 'utf8').toString('base64');
}

// A GitHub-style error: {type, path, locations, message} in the response.
class GitHubError extends Error {
  constructor(type, message) {
    super(message);
    this.githubType = type;
  }
}

// -> position (>= 0) or throws INVALID_CURSOR_ARGUMENTS like GitHub
function decodeCursor(text) {
  const m = typeof text === 'string'
    ? /^cursor:(\d+)$/.exec(Buffer.from(text, 'base64').toString('utf8')) : null;
  if (!m || cursor(Number(m[1])) !== text) {
    throw new GitHubError('INVALID_CURSOR_ARGUMENTS', `\`${text}\` does not appear to be a valid cursor.`);
  }
  return Number(m[1]);
}

module.exports = { nodeId, decodeNodeId, cursor, decodeCursor, GitHubError };
