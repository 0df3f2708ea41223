#include "guard.hpp"

#include <cstring>
#include <new>

namespace rr_pg {

namespace {

// Length of the valid UTF-8 sequence at text (1..4), or 0 when it is not one.
size_t Utf8SequenceLength(const unsigned char* text, size_t left) {
  unsigned char lead = text[0];
  size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
  if (length == 0 || length > left) return 0;
  for (size_t i = 1; i < length; ++i)
    if ((text[i] & 0xC0) != 0x80) return 0;
  return length;
}

// Copies text (remote messages may hold anything) as valid UTF-8, cut to size on a
// character boundary; invalid bytes become '?'.
void CopyText(char* target, size_t size, const char* text) {
  if (text == nullptr) text = "";
  size_t in = 0, out = 0, length = std::strlen(text);
  while (in < length) {
    size_t sequence = Utf8SequenceLength(reinterpret_cast<const unsigned char*>(text) + in, length - in);
    size_t take = sequence == 0 ? 1 : sequence;
    if (out + take >= size) break;
    if (sequence == 0)
      target[out] = '?';
    else
      std::memcpy(target + out, text + in, take);
    in += take;
    out += take;
  }
  target[out] = '\0';
}

}  // namespace

void CaptureException(CaughtError* caught) noexcept {
  caught->message[0] = '\0';
  caught->detail[0] = '\0';
  caught->hint[0] = '\0';
  try {
    throw;
  } catch (const PostgresError& error) {
    caught->source = CaughtError::Source::kPostgres;
    caught->postgres = error.data();
  } catch (const rr::RemoteError& error) {
    caught->source = CaughtError::Source::kRemote;
    caught->kind = error.kind();
    CopyText(caught->message, sizeof(caught->message), error.what());
    CopyText(caught->detail, sizeof(caught->detail), error.detail().c_str());
    CopyText(caught->hint, sizeof(caught->hint), error.hint().c_str());
  } catch (const std::bad_alloc&) {
    caught->source = CaughtError::Source::kOutOfMemory;
    CopyText(caught->message, sizeof(caught->message), "out of memory in remote_relationship");
  } catch (const std::exception& error) {
    caught->source = CaughtError::Source::kOther;
    CopyText(caught->message, sizeof(caught->message), error.what());
  } catch (...) {
    caught->source = CaughtError::Source::kOther;
    CopyText(caught->message, sizeof(caught->message), "unknown C++ exception in remote_relationship");
  }
}

int SqlStateFor(rr::ErrorKind kind) {
  switch (kind) {
    case rr::ErrorKind::kConnection:
      return ERRCODE_FDW_UNABLE_TO_ESTABLISH_CONNECTION;  // HV00N
    case rr::ErrorKind::kInvalidJson:
    case rr::ErrorKind::kBadResponse:
      return ERRCODE_FDW_INVALID_STRING_FORMAT;  // HV00A: the reply cannot be read
    case rr::ErrorKind::kTooLarge:
      return ERRCODE_FDW_INVALID_STRING_LENGTH_OR_BUFFER_LENGTH;  // HV090
    case rr::ErrorKind::kInvalidOption:
    case rr::ErrorKind::kNotInSchema:
      return ERRCODE_FDW_INVALID_ATTRIBUTE_VALUE;  // HV024
    case rr::ErrorKind::kMissingArgument:
      return ERRCODE_FDW_UNABLE_TO_CREATE_EXECUTION;  // HV00L: no request can be made
    case rr::ErrorKind::kTimeout:
    case rr::ErrorKind::kTransfer:
    case rr::ErrorKind::kHttpStatus:
    case rr::ErrorKind::kGraphQL:
      return ERRCODE_FDW_UNABLE_TO_CREATE_REPLY;  // HV00M: the remote gave no usable reply
    case rr::ErrorKind::kCancelled:
      return ERRCODE_QUERY_CANCELED;
    case rr::ErrorKind::kInternal:
      return ERRCODE_FDW_ERROR;  // HV000
  }
  return ERRCODE_FDW_ERROR;
}

// Kept as is where the database is UTF-8 and the text valid, otherwise non-ASCII bytes
// become '?'. No call here can raise an error of its own.
void MakeServerText(char* text) {
  int encoding = GetDatabaseEncoding();
  size_t length = std::strlen(text);
  if ((encoding == PG_UTF8 || encoding == PG_SQL_ASCII) &&
      pg_verify_mbstr(PG_UTF8, text, static_cast<int>(length), true))
    return;
  for (size_t i = 0; i < length; ++i)
    if (static_cast<unsigned char>(text[i]) >= 0x80) text[i] = '?';
}

int ErrorSiteContext(const ErrorSite* site) {
  return errcontext("remote schema \"%s\"%s%s%s, URL %s", site->server_name, site->query_field ? ", field \"" : "",
                    site->query_field ? site->query_field : "", site->query_field ? "\"" : "",
                    site->url ? site->url : "(none)");
}

void RaiseCaughtError(CaughtError* caught, const ErrorSite* site) {
  if (caught->source == CaughtError::Source::kPostgres) ReThrowError(caught->postgres);

  if (caught->source == CaughtError::Source::kRemote && caught->kind == rr::ErrorKind::kCancelled) {
    // The transfer stopped because an interrupt is pending: let PostgreSQL raise it with
    // its own code (57014 for cancel and statement_timeout, FATAL for termination).
    CHECK_FOR_INTERRUPTS();
    ereport(ERROR, (errcode(ERRCODE_QUERY_CANCELED), errmsg("canceling statement due to user request")));
  }

  MakeServerText(caught->message);
  MakeServerText(caught->detail);
  MakeServerText(caught->hint);
  int sqlstate = caught->source == CaughtError::Source::kRemote         ? SqlStateFor(caught->kind)
                 : caught->source == CaughtError::Source::kOutOfMemory ? ERRCODE_OUT_OF_MEMORY
                                                                       : ERRCODE_FDW_ERROR;
  bool have_site = site != nullptr && site->server_name != nullptr;
  bool hint = caught->source == CaughtError::Source::kRemote && caught->kind == rr::ErrorKind::kGraphQL &&
              site != nullptr && site->graphql_hint != nullptr;
  ereport(ERROR,
          (errcode(sqlstate), errmsg("%s", caught->message),
           caught->detail[0] ? errdetail("%s", caught->detail) : 0,
           caught->hint[0] ? errhint("%s", caught->hint) : hint ? errhint("%s", site->graphql_hint) : 0,
           have_site ? ErrorSiteContext(site) : 0));
  pg_unreachable();
}

}  // namespace rr_pg
