// Parsing and checking of option values. Pure functions: the PostgreSQL validator and the
// planner both call them, so an option is understood the same way everywhere.
// Each parser throws RemoteError(kInvalidOption) with a message that quotes the bad value.
#pragma once
#include "core.hpp"

#include <string>
#include <utility>
#include <vector>

namespace rr {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

enum class Pagination { kNone, kRelay, kOffset };

// A column's remote field: a dotted path of GraphQL names, each step with optional constant
// arguments, optionally followed by a selection set (arguments allowed inside) for object
// fields read into jsonb, e.g. "address.geo { lat lng }", "issues(states: [OPEN]).totalCount",
// "vulnerabilities(first: 10) { nodes { package { name } } }".
struct FieldSpec {
  std::vector<std::string> path;
  // Per step of path, its arguments in normal form ("(first: 10)"), or empty; may be shorter
  // than path (steps without arguments).
  std::vector<std::string> arguments;
  std::string selection;  // normalised "{ lat lng }", or empty
  // The steps of path the remote is asked for; the rest is read on our side, inside the
  // value of a JSON scalar (`metadata.campaign`). 0: all of them.
  size_t remote_steps = 0;
  // A field of the connection edge the row comes in (`edges { cursor node { ... } }`).
  bool on_edge = false;
  // Set by the request builder: the response key of the last step when it is aliased, and
  // the paths of other columns' aliased reads inside the object this column reads.
  std::string alias;
  std::vector<std::vector<std::string>> hidden;
  // Set by the request builder when a step has arguments: the response key of each step.
  std::vector<std::string> step_keys;
};

bool IsGraphQLName(const std::string& name);
// "a", "a.b.c": GraphQL names joined by dots (a query path, or the argument of a step of one).
bool IsGraphQLNamePath(const std::string& text);
// The steps of a dotted path ("repository.issues" -> {"repository", "issues"}).
std::vector<std::string> SplitDottedPath(const std::string& path);

// url must be http:// or https:// with a host, and parse with libcurl's URL parser.
void CheckHttpUrl(const std::string& url);

// The host of an absolute URL, or "" when it cannot be parsed.
std::string UrlHost(const std::string& url);

// scheme://host:port of an absolute URL (the default port when none is written), lower
// case; "" when it cannot be parsed.
std::string UrlOrigin(const std::string& url);

// Whether the URL carries a user name or password (user:password@host).
bool UrlHasUserinfo(const std::string& url);

// The URL as it may appear in messages: no user:password@, no query string or fragment.
// A URL whose '@' libcurl does not take as the end of a user:password@ shows only
// scheme://<redacted>.
std::string RedactUrl(const std::string& url);

// A JSON object of header name -> string value.
HeaderList ParseHeadersJson(const std::string& json);

// Whether a header name looks like it carries a credential (Cookie, or a name containing
// auth, token, key, secret, password, credential, session or signature): such headers belong
// in a user mapping, which only its user and superusers can read.
bool IsCredentialHeader(const std::string& name);

// Host, Content-Length, Transfer-Encoding, Connection, TE, Trailer, Upgrade, Keep-Alive,
// Expect and Proxy-*: set by the HTTP client, refused in headers and forward_headers.
bool IsReservedHeader(const std::string& name);

// One header whose value comes from the session (the forward_headers option).
struct ForwardedHeader {
  enum class Source { kCurrentUser, kSessionUser, kSetting } source;
  std::string name;
  std::string setting;  // for kSetting: the configuration parameter
};

// A JSON object of header name -> "current_user" | "session_user" | "setting:NAME".
std::vector<ForwardedHeader> ParseForwardHeadersJson(const std::string& json);

// base with each header of overrides replacing any of the same name (case-insensitive).
HeaderList MergeHeaders(HeaderList base, const HeaderList& overrides);

// Whether headers has one called name (case-insensitive).
bool HasHeader(const HeaderList& headers, const std::string& name);

// A base-10 integer in [1, max].
long ParsePositiveInteger(const std::string& text, long max);
// A base-10 integer in [min, max].
long ParseIntegerInRange(const std::string& text, long min, long max);

Pagination ParsePagination(const std::string& text);
const char* PaginationName(Pagination pagination);

// One fixed argument of a root field, from the `arguments` option.
struct FixedArgument {
  std::string name;     // "states", or "repository.owner" for an argument of a step above
  std::string json;     // the value as JSON text (a variable's value)
  std::string literal;  // the value as a GraphQL literal
};

// A JSON object of fixed field arguments, in order, checked once.
std::vector<FixedArgument> ParseArgumentsJson(const std::string& json);

// GraphQL argument text ("status: \"PAID\", ids: [1, 2]"); empty for no arguments.
std::string ArgumentsToGraphQL(const std::vector<FixedArgument>& arguments);
std::string ArgumentsJsonToGraphQL(const std::string& json);

FieldSpec ParseFieldSpec(const std::string& text);

// The arguments of step of field ("" when it has none).
const std::string& StepArgumentsOf(const FieldSpec& field, size_t step);
bool HasStepArguments(const FieldSpec& field);
// Sixteen hex digits of FNV-1a over text: names the aliases the request builder makes.
std::string HashTag(const std::string& text);
// The response key of step of field: its name, or for a step with arguments an alias made
// from them ("issues_rr<hash>"), so that columns asking with the same arguments share one
// read and columns asking with others get their own.
std::string ResponseKeyOf(const FieldSpec& field, size_t step);

}  // namespace rr
