#include "options.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <cstdlib>
#include <memory>
#include <new>
#include <set>

#include "error.hpp"
#include "json.hpp"

namespace rr {

namespace {

[[noreturn]] void Invalid(const std::string& message) {
  throw RemoteError(ErrorKind::kInvalidOption, message);
}

// ASCII only, whatever the backend's locale: GraphQL names are [_A-Za-z][_0-9A-Za-z]*.
bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool IsNameStart(char c) { return c == '_' || IsAsciiLetter(c); }

// Header names compare case-insensitively (they are ASCII tokens).
std::string AsciiLower(std::string text) {
  for (auto& c : text)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return text;
}
bool IsNameChar(char c) { return IsNameStart(c) || IsAsciiDigit(c); }

// RFC 7230 token characters, the only ones allowed in a header name.
bool IsHeaderNameChar(char c) {
  if (IsAsciiLetter(c) || IsAsciiDigit(c)) return true;
  for (const char* p = "!#$%&'*+-.^_`|~"; *p; ++p)
    if (*p == c) return true;
  return false;
}

bool IsHeaderName(const std::string& name) {
  if (name.empty()) return false;
  for (char c : name)
    if (!IsHeaderNameChar(c)) return false;
  return true;
}

// RFC 3986: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ).
bool IsUrlScheme(const std::string& text) {
  if (text.empty() || !IsAsciiLetter(text[0])) return false;
  for (char c : text)
    if (!IsAsciiLetter(c) && !IsAsciiDigit(c) && c != '+' && c != '-' && c != '.') return false;
  return true;
}

struct CurlUrlDeleter {
  void operator()(CURLU* url) const { curl_url_cleanup(url); }
};
using CurlUrl = std::unique_ptr<CURLU, CurlUrlDeleter>;

// Parses url the way libcurl reads it for a request (schemes libcurl supports only).
CURLUcode ParseUrl(const std::string& url, CurlUrl* parsed) {
  parsed->reset(curl_url());
  if (*parsed == nullptr) return CURLUE_OUT_OF_MEMORY;
  return curl_url_set(parsed->get(), CURLUPART_URL, url.c_str(), CURLU_PATH_AS_IS);
}

// One part of a parsed URL; false when the URL has none.
bool GetUrlPart(CURLU* url, CURLUPart part, std::string* value, unsigned flags = 0) {
  char* text = nullptr;
  if (curl_url_get(url, part, &text, flags) != CURLUE_OK) return false;
  value->assign(text);
  curl_free(text);
  return true;
}

// Whether libcurl read a user or a password in the URL.
bool HasUserinfo(CURLU* url) {
  std::string ignored;
  return GetUrlPart(url, CURLUPART_USER, &ignored) || GetUrlPart(url, CURLUPART_PASSWORD, &ignored);
}

// A URL with a user or password, as it may be shown: scheme://host[:port]/path, or only
// scheme://<redacted> when libcurl cannot parse it or the user:password@ it found does not
// account for every '@' (a password with an unencoded / ? or # makes libcurl cut the host
// part short, and what it then reads as host, port or path holds part of the password).
std::string RedactUserinfoUrl(const std::string& url, size_t at_count) {
  size_t scheme_end = url.find("://");
  std::string written_scheme = scheme_end == std::string::npos ? "" : url.substr(0, scheme_end);
  std::string redacted = IsUrlScheme(written_scheme) ? written_scheme + "://<redacted>" : "<redacted>";
  CurlUrl parsed;
  if (at_count != 1 || ParseUrl(url, &parsed) != CURLUE_OK) return redacted;
  std::string scheme, host, port, path;
  if (!HasUserinfo(parsed.get()) || !GetUrlPart(parsed.get(), CURLUPART_SCHEME, &scheme) ||
      !GetUrlPart(parsed.get(), CURLUPART_HOST, &host))
    return redacted;
  GetUrlPart(parsed.get(), CURLUPART_PATH, &path);
  std::string shown = scheme + "://" + host;
  if (GetUrlPart(parsed.get(), CURLUPART_PORT, &port)) shown += ":" + port;
  return shown + path;
}

void AppendGraphQLLiteral(const JsonValue& value, std::string* out) {
  if (value.IsObject()) {
    out->push_back('{');
    bool first = true;
    std::set<std::string> names;
    for (const auto& member : value.GetObject()) {
      std::string name(member.name.GetString(), member.name.GetStringLength());
      if (!IsGraphQLName(name)) Invalid("\"" + Abbreviate(name) + "\" is not a GraphQL name");
      if (!names.insert(name).second) Invalid("\"" + name + "\" is given twice");
      if (!first) out->append(", ");
      first = false;
      out->append(name).append(": ");
      AppendGraphQLLiteral(member.value, out);
    }
    out->push_back('}');
  } else if (value.IsArray()) {
    out->push_back('[');
    bool first = true;
    for (const auto& element : value.GetArray()) {
      if (!first) out->append(", ");
      first = false;
      AppendGraphQLLiteral(element, out);
    }
    out->push_back(']');
  } else {
    AppendJson(value, out);  // scalars: JSON and GraphQL spell them alike
  }
}

}  // namespace

std::string Abbreviate(const std::string& text, size_t max_chars) {
  if (text.size() <= max_chars) return text;
  size_t cut = max_chars;
  // Do not cut a UTF-8 sequence in half.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "...";
}

bool IsGraphQLName(const std::string& name) {
  if (name.empty() || !IsNameStart(name[0])) return false;
  for (char c : name)
    if (!IsNameChar(c)) return false;
  return true;
}

std::vector<std::string> SplitDottedPath(const std::string& path) {
  std::vector<std::string> steps;
  size_t start = 0;
  for (;;) {
    size_t dot = path.find('.', start);
    steps.push_back(path.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (dot == std::string::npos) return steps;
    start = dot + 1;
  }
}

bool IsGraphQLNamePath(const std::string& text) {
  for (const auto& step : SplitDottedPath(text))
    if (!IsGraphQLName(step)) return false;
  return true;
}

void CheckHttpUrl(const std::string& url) {
  size_t scheme_end = url.find("://");
  std::string scheme = scheme_end == std::string::npos ? "" : url.substr(0, scheme_end);
  scheme = AsciiLower(scheme);
  if (scheme != "http" && scheme != "https")
    Invalid("\"" + Abbreviate(RedactUrl(url)) + "\" is not an http:// or https:// URL");
  size_t host_start = scheme_end + 3;
  size_t host_end = url.find_first_of("/?#", host_start);
  std::string authority = url.substr(host_start, host_end == std::string::npos
                                                     ? std::string::npos
                                                     : host_end - host_start);
  size_t at = authority.rfind('@');
  if (at != std::string::npos) authority = authority.substr(at + 1);
  if (authority.empty() || authority[0] == ':')
    Invalid("\"" + Abbreviate(RedactUrl(url)) + "\" has no host");
  for (char c : url)
    if (IsAsciiSpace(c) || static_cast<unsigned char>(c) < 0x20 || c == 0x7F)
      Invalid("URL contains white space or control characters");
  // What libcurl cannot parse it cannot send to; the message must not show a password.
  CurlUrl parsed;
  CURLUcode code = ParseUrl(url, &parsed);
  if (code == CURLUE_OUT_OF_MEMORY) throw std::bad_alloc();
  size_t at_count = std::count(url.begin(), url.end(), '@');
  if (code != CURLUE_OK) {
    Invalid("\"" + Abbreviate(RedactUrl(url)) + "\" is not a valid URL (" + curl_url_strerror(code) + ")" +
            (at_count > 0 ? "; percent-encode any / ? # @ in the user name or password" : ""));
  }
  // An '@' that libcurl does not read as the end of user:password (a password starting with
  // '/' or digits and '/') would send the password to the host named by the user name, in
  // the request line: refuse it, as any other '@' (write %40).
  if (at_count > 1 || (at_count == 1 && !HasUserinfo(parsed.get())))
    Invalid("\"" + Abbreviate(RedactUrl(url)) + "\" has an \"@\" that does not end a user name or password; " +
            "percent-encode any / ? # @ in the user name or password, and write %40 for @ elsewhere");
}

std::string UrlHost(const std::string& url) {
  CurlUrl parsed;
  std::string host;
  if (ParseUrl(url, &parsed) == CURLUE_OK) GetUrlPart(parsed.get(), CURLUPART_HOST, &host);
  return host;
}

std::string UrlOrigin(const std::string& url) {
  CurlUrl parsed;
  std::string scheme, host, port;
  if (ParseUrl(url, &parsed) != CURLUE_OK || !GetUrlPart(parsed.get(), CURLUPART_SCHEME, &scheme) ||
      !GetUrlPart(parsed.get(), CURLUPART_HOST, &host) || !GetUrlPart(parsed.get(), CURLUPART_PORT, &port, CURLU_DEFAULT_PORT))
    return "";
  return AsciiLower(scheme + "://" + host + ":" + port);
}

bool UrlHasUserinfo(const std::string& url) {
  if (url.find('@') == std::string::npos) return false;
  CurlUrl parsed;
  if (ParseUrl(url, &parsed) != CURLUE_OK) return true;  // unreadable: assume the worst
  return HasUserinfo(parsed.get());
}

std::string RedactUrl(const std::string& url) {
  size_t at_count = std::count(url.begin(), url.end(), '@');
  // Without '@' the URL has no user or password: only the query and fragment can hold
  // secrets (tokens), and the text keeps the form the user wrote.
  if (at_count == 0) return url.substr(0, url.find_first_of("?#"));
  return RedactUserinfoUrl(url, at_count);
}

HeaderList ParseHeadersJson(const std::string& json) {
  std::string buffer = json;
  JsonDocument doc;
  std::string error;
  if (!ParseJsonInPlace(&buffer, &doc, &error)) Invalid("invalid JSON: " + error);
  if (!doc.IsObject()) Invalid("headers must be a JSON object of header name to string value");
  HeaderList headers;
  std::set<std::string> lower_names;
  int position = 0;
  for (const auto& member : doc.GetObject()) {
    ++position;
    std::string name(member.name.GetString(), member.name.GetStringLength());
    // An invalid name is not quoted: it may be a whole header typed curl-style, secret and
    // all ({"Authorization: Bearer ...": ""}), and the message reaches the server log.
    if (name.empty()) Invalid("empty header name");
    if (!IsHeaderName(name))
      Invalid("header name " + std::to_string(position) +
              " is not a valid HTTP header name (a token such as X-Api-Key; write {\"Name\": \"value\"})");
    if (!lower_names.insert(AsciiLower(name)).second) Invalid("header \"" + Abbreviate(name) + "\" is given twice");
    if (IsReservedHeader(name)) Invalid("header \"" + Abbreviate(name) + "\" is set by the HTTP client and may not be given");
    if (!member.value.IsString() || IsRawNumber(member.value))
      Invalid("the value of header \"" + Abbreviate(name) + "\" must be a JSON string");
    std::string value(member.value.GetString(), member.value.GetStringLength());
    for (char c : value)
      if (c == '\r' || c == '\n' || c == '\0')
        Invalid("the value of header \"" + Abbreviate(name) + "\" contains a line break or NUL");
    headers.emplace_back(std::move(name), std::move(value));
  }
  return headers;
}

bool IsCredentialHeader(const std::string& name) {
  std::string lower = AsciiLower(name);
  if (lower == "cookie") return true;
  for (const char* word : {"auth", "token", "key", "secret", "password", "passwd", "credential", "session", "signature"})
    if (lower.find(word) != std::string::npos) return true;
  return false;
}

// Headers that frame the request or route it (Host picks a virtual host behind the URL's
// address, the others change how the body is read): libcurl sets them, a user may not.
bool IsReservedHeader(const std::string& name) {
  std::string lower = AsciiLower(name);
  for (const char* reserved : {"host", "content-length", "transfer-encoding", "connection", "te", "trailer", "upgrade",
                               "keep-alive", "expect"})
    if (lower == reserved) return true;
  return lower.compare(0, 6, "proxy-") == 0;
}

std::vector<ForwardedHeader> ParseForwardHeadersJson(const std::string& json) {
  std::string buffer = json;
  JsonDocument doc;
  std::string error;
  if (!ParseJsonInPlace(&buffer, &doc, &error)) Invalid("invalid JSON: " + error);
  if (!doc.IsObject())
    Invalid("forward_headers must be a JSON object of header name to \"current_user\", \"session_user\" or "
            "\"setting:NAME\"");
  std::vector<ForwardedHeader> headers;
  std::set<std::string> lower_names;
  for (const auto& member : doc.GetObject()) {
    ForwardedHeader header;
    header.name.assign(member.name.GetString(), member.name.GetStringLength());
    if (!IsHeaderName(header.name)) Invalid("\"" + Abbreviate(header.name) + "\" is not a valid HTTP header name");
    if (!lower_names.insert(AsciiLower(header.name)).second) Invalid("header \"" + header.name + "\" is given twice");
    if (IsReservedHeader(header.name))
      Invalid("header \"" + header.name + "\" is set by the HTTP client and may not be forwarded");
    if (!member.value.IsString() || IsRawNumber(member.value))
      Invalid("the source of header \"" + header.name + "\" must be a JSON string");
    std::string source(member.value.GetString(), member.value.GetStringLength());
    if (source == "current_user") {
      header.source = ForwardedHeader::Source::kCurrentUser;
    } else if (source == "session_user") {
      header.source = ForwardedHeader::Source::kSessionUser;
    } else if (source.compare(0, 8, "setting:") == 0 && source.size() > 8) {
      header.source = ForwardedHeader::Source::kSetting;
      header.setting = source.substr(8);
      for (char c : header.setting)
        if (!IsNameChar(c) && c != '.')
          Invalid("\"" + Abbreviate(header.setting) + "\" (for header \"" + header.name + "\") is not a setting name");
      // Only custom settings (app.user_id): PostgreSQL's own may hold what the querying role
      // may read and the server's owner may not (primary_conninfo).
      if (header.setting.find('.') == std::string::npos || header.setting.front() == '.' || header.setting.back() == '.')
        Invalid("setting \"" + Abbreviate(header.setting) + "\" (for header \"" + header.name +
                "\") is not a custom setting such as app.user_id");
    } else {
      Invalid("the source of header \"" + header.name + "\" is \"" + Abbreviate(source) +
              "\", not one of current_user, session_user, setting:NAME");
    }
    headers.push_back(std::move(header));
  }
  return headers;
}

HeaderList MergeHeaders(HeaderList base, const HeaderList& overrides) {
  for (const auto& header : overrides) {
    std::string name = AsciiLower(header.first);
    for (auto it = base.begin(); it != base.end();)
      it = AsciiLower(it->first) == name ? base.erase(it) : it + 1;
    base.push_back(header);
  }
  return base;
}

bool HasHeader(const HeaderList& headers, const std::string& name) {
  std::string lower_name = AsciiLower(name);
  for (const auto& header : headers)
    if (AsciiLower(header.first) == lower_name) return true;
  return false;
}

long ParsePositiveInteger(const std::string& text, long max) { return ParseIntegerInRange(text, 1, max); }

long ParseIntegerInRange(const std::string& text, long min, long max) {
  const char* start = text.c_str();
  char* end = nullptr;
  errno = 0;
  long value = std::strtol(start, &end, 10);
  bool digits_only = !text.empty();
  for (char c : text)
    if (!IsAsciiDigit(c) && c != '+' && c != '-') digits_only = false;
  if (digits_only && errno == ERANGE)
    Invalid("\"" + Abbreviate(text) + "\" is out of range, it must be between " + std::to_string(min) + " and " + std::to_string(max));
  if (!digits_only || end == start || *end != '\0')
    Invalid("\"" + Abbreviate(text) + "\" is not an integer");
  if (value < min || value > max)
    Invalid(std::to_string(value) + " is out of range, it must be between " + std::to_string(min) + " and " +
            std::to_string(max));
  return value;
}

Pagination ParsePagination(const std::string& text) {
  if (text == "none") return Pagination::kNone;
  if (text == "relay") return Pagination::kRelay;
  if (text == "offset") return Pagination::kOffset;
  Invalid("\"" + Abbreviate(text) + "\" is not one of none, relay, offset");
}

const char* PaginationName(Pagination pagination) {
  switch (pagination) {
    case Pagination::kNone: return "none";
    case Pagination::kRelay: return "relay";
    case Pagination::kOffset: return "offset";
  }
  return "none";
}

std::vector<FixedArgument> ParseArgumentsJson(const std::string& json) {
  std::string buffer = json;
  JsonDocument doc;
  std::string error;
  if (!ParseJsonInPlace(&buffer, &doc, &error)) Invalid("invalid JSON: " + error);
  if (!doc.IsObject()) Invalid("arguments must be a JSON object of argument name to value");
  std::vector<FixedArgument> arguments;
  std::set<std::string> names;
  for (const auto& member : doc.GetObject()) {
    FixedArgument argument;
    argument.name.assign(member.name.GetString(), member.name.GetStringLength());
    if (!IsGraphQLNamePath(argument.name))
      Invalid("\"" + Abbreviate(argument.name) + "\" is not a GraphQL name (or step.argument for a step of a query path)");
    if (!names.insert(argument.name).second) Invalid("\"" + argument.name + "\" is given twice");
    AppendJson(member.value, &argument.json);
    AppendGraphQLLiteral(member.value, &argument.literal);
    arguments.push_back(std::move(argument));
  }
  return arguments;
}

std::string ArgumentsToGraphQL(const std::vector<FixedArgument>& arguments) {
  std::string text;
  for (const auto& argument : arguments)
    text.append(text.empty() ? "" : ", ").append(argument.name).append(": ").append(argument.literal);
  return text;
}

std::string ArgumentsJsonToGraphQL(const std::string& json) { return ArgumentsToGraphQL(ParseArgumentsJson(json)); }

namespace {

// Constant GraphQL values in argument lists, re-written in normal form: the text that goes
// into the document is ours, token by token, never the option's as it came.
class ArgumentParser {
 public:
  ArgumentParser(const std::string& text, size_t pos) : text_(text), pos_(pos) {}
  size_t pos() const { return pos_; }

  // "(name: value, ...)" at pos.
  void ArgumentList(std::string* out) {
    Expect('(');
    out->push_back('(');
    bool first = true;
    SkipIgnored();
    if (Peek() == ')') Fail("an empty argument list");
    while (Peek() != ')') {
      if (!first) out->append(", ");
      first = false;
      out->append(Name());
      SkipIgnored();
      Expect(':');
      out->append(": ");
      Value(out, 0);
      SkipIgnored();
    }
    ++pos_;
    out->push_back(')');
  }

 private:
  [[noreturn]] void Fail(const std::string& what) const {
    throw RemoteError(ErrorKind::kInvalidOption, what + " in the arguments of \"" + Abbreviate(text_) + "\"",
                      "Arguments of a column's field are constants: numbers, strings, true, false, null, enum "
                      "values, lists and input objects.");
  }
  char Peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }
  void SkipIgnored() {
    while (pos_ < text_.size() && (IsAsciiSpace(text_[pos_]) || text_[pos_] == ',')) ++pos_;
  }
  void Expect(char c) {
    SkipIgnored();
    if (Peek() != c) Fail(std::string("expected '") + c + "'");
    ++pos_;
  }
  std::string Name() {
    SkipIgnored();
    size_t start = pos_;
    if (!IsNameStart(Peek())) Fail("expected a name");
    while (pos_ < text_.size() && IsNameChar(text_[pos_])) ++pos_;
    return text_.substr(start, pos_ - start);
  }
  void Value(std::string* out, int depth) {
    if (depth > 16) Fail("values nested too deeply");
    SkipIgnored();
    char c = Peek();
    if (c == '$') Fail("a variable");
    if (c == '"') return String(out);
    if (c == '-' || (c >= '0' && c <= '9')) return Number(out);
    if (IsNameStart(c)) {
      out->append(Name());  // true, false, null or an enum value
      return;
    }
    if (c == '[' || c == '{') {
      bool list = c == '[';
      char close = list ? ']' : '}';
      ++pos_;
      out->push_back(c);
      bool first = true;
      SkipIgnored();
      while (Peek() != close) {
        if (Peek() == '\0') Fail(std::string("no closing '") + close + "'");
        out->append(first ? "" : ", ");
        first = false;
        if (!list) {
          out->append(Name());
          Expect(':');
          out->append(": ");
        }
        Value(out, depth + 1);
        SkipIgnored();
      }
      ++pos_;
      out->push_back(close);
      return;
    }
    Fail(c == '\0' ? std::string("a missing value") : "unexpected character '" + std::string(1, c) + "'");
  }
  void String(std::string* out) {
    if (text_.compare(pos_, 3, "\"\"\"") == 0) Fail("a block string");
    size_t start = pos_++;
    while (true) {
      char c = Peek();
      if (c == '\0') Fail("an unterminated string");
      if (static_cast<unsigned char>(c) < 0x20) Fail("a control character in a string");
      ++pos_;
      if (c == '"') break;
      if (c != '\\') continue;
      char escaped = Peek();
      if (escaped == 'u') {
        for (int k = 1; k <= 4; ++k)
          if (!isxdigit(static_cast<unsigned char>(pos_ + k < text_.size() ? text_[pos_ + k] : 0))) Fail("a bad \\u escape");
        pos_ += 5;
      } else if (escaped != '\0' && strchr("\"\\/bfnrt", escaped) != nullptr) {
        ++pos_;
      } else {
        Fail("a bad escape in a string");
      }
    }
    out->append(text_, start, pos_ - start);  // checked: quotes, escapes and no raw controls
  }
  void Number(std::string* out) {
    size_t start = pos_;
    if (Peek() == '-') ++pos_;
    auto digits = [&] {
      size_t from = pos_;
      while (Peek() >= '0' && Peek() <= '9') ++pos_;
      return pos_ - from;
    };
    size_t integer_start = pos_;
    if (digits() == 0) Fail("a bad number");
    if (text_[integer_start] == '0' && pos_ - integer_start > 1) Fail("a number with a leading zero");
    if (Peek() == '.') {
      ++pos_;
      if (digits() == 0) Fail("a bad number");
    }
    if (Peek() == 'e' || Peek() == 'E') {
      ++pos_;
      if (Peek() == '+' || Peek() == '-') ++pos_;
      if (digits() == 0) Fail("a bad number");
    }
    if (IsNameStart(Peek()) || Peek() == '.') Fail("a bad number");
    out->append(text_, start, pos_ - start);
  }

  const std::string& text_;
  size_t pos_;
};

}  // namespace

const std::string& StepArgumentsOf(const FieldSpec& field, size_t step) {
  static const std::string kNone;
  return step < field.arguments.size() ? field.arguments[step] : kNone;
}

bool HasStepArguments(const FieldSpec& field) {
  for (const auto& arguments : field.arguments)
    if (!arguments.empty()) return true;
  return false;
}

std::string HashTag(const std::string& text) {
  uint64_t hash = 1469598103934665603ULL;  // FNV-1a
  for (unsigned char c : text) hash = (hash ^ c) * 1099511628211ULL;
  char hex[17];
  snprintf(hex, sizeof(hex), "%016llx", static_cast<unsigned long long>(hash));
  return hex;
}

std::string ResponseKeyOf(const FieldSpec& field, size_t step) {
  const std::string& arguments = StepArgumentsOf(field, step);
  return arguments.empty() ? field.path[step] : field.path[step] + "_rr" + HashTag(arguments);
}

FieldSpec ParseFieldSpec(const std::string& text) {
  FieldSpec spec;
  auto bad_path = [&] { Invalid("\"" + Abbreviate(text) + "\" is not a field name or a dotted path of field names"); };
  size_t i = 0;
  size_t brace = std::string::npos;
  for (;;) {
    size_t start = i;
    while (i < text.size() && IsNameChar(text[i])) ++i;
    std::string part = text.substr(start, i - start);
    if (!IsGraphQLName(part)) bad_path();
    spec.path.push_back(part);
    size_t after = i;
    while (after < text.size() && IsAsciiSpace(text[after])) ++after;
    if (after < text.size() && text[after] == '(') {
      std::string arguments;
      ArgumentParser parser(text, after);
      parser.ArgumentList(&arguments);
      spec.arguments.resize(spec.path.size());
      spec.arguments.back() = arguments;
      i = after = parser.pos();
      while (after < text.size() && IsAsciiSpace(text[after])) ++after;
    }
    if (i < text.size() && text[i] == '.') {
      ++i;
      continue;
    }
    if (after == text.size()) break;
    if (text[after] != '{') bad_path();
    brace = after;
    break;
  }
  if (brace == std::string::npos) return spec;

  // A selection set: names with constant arguments, inline fragments and balanced braces
  // (no aliases, directives or variables).
  int depth = 0;
  bool expect_name = true;    // after '{' a name must follow
  bool expect_brace = false;  // after "... on Type" a '{' must follow
  i = brace;
  std::string normalised;
  while (i < text.size()) {
    char c = text[i];
    if (IsAsciiSpace(c) || c == ',') {
      ++i;
    } else if (c == '{') {
      if (depth > 0 && expect_name) Invalid("empty or misplaced \"{\" in selection of \"" + Abbreviate(text) + "\"");
      expect_brace = false;
      ++depth;
      normalised.append(normalised.empty() ? "{" : " {");
      expect_name = true;
      ++i;
    } else if (c == '}') {
      if (depth == 0 || expect_name || expect_brace) Invalid("unbalanced or empty selection in \"" + Abbreviate(text) + "\"");
      --depth;
      normalised.append(" }");
      ++i;
      if (depth == 0 && i < text.size()) {
        for (; i < text.size(); ++i)
          if (!IsAsciiSpace(text[i]))
            Invalid("unexpected text after the selection in \"" + Abbreviate(text) + "\"");
      }
    } else if (c == '.' && text.compare(i, 3, "...") == 0 && depth > 0 && !expect_brace) {
      // An inline fragment, "... on Type { ... }", for union and interface fields.
      size_t at = i + 3;
      while (at < text.size() && IsAsciiSpace(text[at])) ++at;
      size_t on_end = at;
      while (on_end < text.size() && IsNameChar(text[on_end])) ++on_end;
      size_t name_start = on_end;
      while (name_start < text.size() && IsAsciiSpace(text[name_start])) ++name_start;
      size_t name_end = name_start;
      while (name_end < text.size() && IsNameChar(text[name_end])) ++name_end;
      if (text.compare(at, on_end - at, "on") != 0 || on_end - at != 2 || name_end == name_start ||
          !IsNameStart(text[name_start]))
        Invalid("an inline fragment in \"" + Abbreviate(text) + "\" must read \"... on Type { fields }\"");
      normalised.append(" ... on ").append(text, name_start, name_end - name_start);
      expect_brace = true;
      expect_name = false;
      i = name_end;
    } else if (expect_brace) {
      Invalid("an inline fragment in \"" + Abbreviate(text) + "\" must be followed by \"{\"");
    } else if (IsNameStart(c)) {
      if (depth == 0) Invalid("selection of \"" + Abbreviate(text) + "\" must start with \"{\"");
      size_t end = i;
      while (end < text.size() && IsNameChar(text[end])) ++end;
      normalised.append(" ").append(text, i, end - i);
      expect_name = false;
      i = end;
      size_t after = i;
      while (after < text.size() && IsAsciiSpace(text[after])) ++after;
      if (after < text.size() && text[after] == '(') {
        ArgumentParser parser(text, after);
        parser.ArgumentList(&normalised);
        i = parser.pos();
      }
    } else {
      Invalid("unexpected character '" + std::string(1, c) + "' in selection of \"" +
              Abbreviate(text) + "\"");
    }
  }
  if (depth != 0) Invalid("unbalanced braces in selection of \"" + Abbreviate(text) + "\"");
  spec.selection = normalised;
  return spec;
}

}  // namespace rr
