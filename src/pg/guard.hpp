// The boundary between C++ and PostgreSQL. Two rules hold everywhere in src/pg:
//
// 1. No C++ exception crosses into PostgreSQL. Every C++ step that an extern "C" entry
//    point takes runs inside RunGuarded(), which catches everything, copies the message
//    into a fixed buffer, lets the C++ frames unwind, and only then calls ereport(ERROR).
//
// 2. A PostgreSQL error (a longjmp) never skips a C++ destructor. ereport/elog and any
//    PostgreSQL function that may raise are called only from frames that hold no C++
//    object with a destructor (the FDW callbacks are written that way), or through
//    CallPostgres(), which turns the error into a PostgresError exception.
//
// C++ objects that outlive one call (a scan's state) are owned by a memory context reset
// callback (NewOwnedSlot), so an aborted query frees them too. The only other C++ state is
// per backend (connection.cpp) and is dropped by syscache callbacks that cannot throw.
#pragma once

#include "pg_headers.hpp"

#include <exception>

#include "core/error.hpp"

namespace rr_pg {

// Where a remote error happened, for the CONTEXT line of the message.
struct ErrorSite {
  const char* server_name = nullptr;  // remote schema (foreign server)
  const char* url = nullptr;          // already redacted
  const char* query_field = nullptr;
  const char* graphql_hint = nullptr;  // added to the remote's GraphQL errors, if set
};

// A PostgreSQL error caught by CallPostgres and carried through C++ frames.
class PostgresError : public std::exception {
 public:
  explicit PostgresError(ErrorData* data) : data_(data) {}
  const char* what() const noexcept override { return data_->message ? data_->message : "PostgreSQL error"; }
  ErrorData* data() const { return data_; }

 private:
  ErrorData* data_;
};

// What RunGuarded caught, kept in plain buffers so no C++ object is alive at ereport.
struct CaughtError {
  enum class Source { kNone, kRemote, kPostgres, kOutOfMemory, kOther } source = Source::kNone;
  rr::ErrorKind kind = rr::ErrorKind::kInternal;
  ErrorData* postgres = nullptr;
  char message[1024];
  char detail[1024];
  char hint[512];
};

void CaptureException(CaughtError* caught) noexcept;
// errcontext() of an error at site (server_name set): remote schema, field, URL. For ereport.
int ErrorSiteContext(const ErrorSite* site);
// Raises the caught error as a PostgreSQL ERROR (or lets a pending cancel win). Never returns.
[[noreturn]] void RaiseCaughtError(CaughtError* caught, const ErrorSite* site);
int SqlStateFor(rr::ErrorKind kind);
// Makes a captured (UTF-8) message safe to raise in this database, in place; never raises.
void MakeServerText(char* text);

template <typename Func>
void RunGuarded(const ErrorSite* site, Func&& func) {
  CaughtError caught;
  try {
    func();
    return;
  } catch (...) {
    CaptureException(&caught);
  }
  RaiseCaughtError(&caught, site);
}

// Runs a PostgreSQL call from C++ code; a PostgreSQL error becomes a PostgresError.
template <typename Func>
void CallPostgres(Func&& func) {
  MemoryContext caller_context = CurrentMemoryContext;
  ErrorData* volatile error = nullptr;
  PG_TRY();
  {
    func();
  }
  PG_CATCH();
  {
    MemoryContextSwitchTo(caller_context);
    error = CopyErrorData();
    FlushErrorState();
  }
  PG_END_TRY();
  if (error != nullptr) throw PostgresError(error);
}

// A slot, allocated in context, whose object is deleted when context is reset or
// deleted (also when the query aborts). Allocate the slot first and then create the
// object into it, so that no object exists that nothing owns. The owner may delete the
// object earlier itself and set the slot to nullptr.
namespace detail {
template <typename T>
struct OwnedSlot {
  T* object;  // first member: the T** handed out points here
  MemoryContextCallback callback;
};
template <typename T>
void DeleteOwned(void* arg) {
  auto* slot = static_cast<OwnedSlot<T>*>(arg);
  T* object = slot->object;
  slot->object = nullptr;
  delete object;  // destructors of owned objects never throw and never call PostgreSQL
}
}  // namespace detail

template <typename T>
T** NewOwnedSlot(MemoryContext context) {
  auto* slot = static_cast<detail::OwnedSlot<T>*>(
      MemoryContextAllocZero(context, sizeof(detail::OwnedSlot<T>)));
  slot->callback.func = detail::DeleteOwned<T>;
  slot->callback.arg = slot;
  MemoryContextRegisterResetCallback(context, &slot->callback);
  return &slot->object;
}

}  // namespace rr_pg
