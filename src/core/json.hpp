// JSON helpers over RapidJSON that keep numbers exactly as the remote wrote them.
//
// Documents are parsed in situ with kParseNumbersAsStringsFlag: a number becomes a
// string value that points at its own digits inside the buffer, so "12345678901234567890.5"
// survives untouched (a double would round it). A decoded string value always starts
// right after its opening quote, a number never does; IsRawNumber relies on that.
#pragma once
#include "core.hpp"

#include <string>
#include <vector>

#include "rapidjson_config.hpp"

#include <rapidjson/document.h>

namespace rr {

// RapidJSON's own allocator returns NULL when memory runs out and then writes through it;
// this one throws std::bad_alloc, which the boundary guard turns into an ERROR.
struct ThrowingAllocator {
  static const bool kNeedFree = true;
  void* Malloc(size_t size);
  void* Realloc(void* original, size_t original_size, size_t new_size);
  static void Free(void* pointer) noexcept;
};

// The chunks of parsed documents (64 KiB each, RapidJSON's default) come from a pool that
// keeps up to kMaxPooledChunks of them when a document goes, so that the next page's tree is
// built in memory already mapped: fresh pages from the kernel cost about a third of a big
// page's parse. Other sizes come from malloc. The pool belongs to the backend's one thread.
struct PooledChunkAllocator {
  static const bool kNeedFree = true;
  void* Malloc(size_t size);  // MemoryPoolAllocator asks its base for nothing else
  static void Free(void* pointer) noexcept;
};
constexpr size_t kMaxPooledChunks = 128;  // 8 MiB: the tree of a page of about 4 MB
// Chunks kept in the pool now (for tests).
size_t PooledChunks();

using JsonAllocator = rapidjson::MemoryPoolAllocator<PooledChunkAllocator>;
using JsonDocument = rapidjson::GenericDocument<rapidjson::UTF8<>, JsonAllocator, ThrowingAllocator>;
using JsonValue = rapidjson::GenericValue<rapidjson::UTF8<>, JsonAllocator>;

// Deeper nesting is refused while parsing: the parser and the writers below recurse once
// per level, and a hostile remote (or option value) must not exhaust the stack.
constexpr int kMaxJsonDepth = 512;

constexpr unsigned kJsonParseFlags =
    rapidjson::kParseInsituFlag | rapidjson::kParseNumbersAsStringsFlag;

// Parses buffer in place (buffer must stay alive and unmoved as long as doc is used).
// Returns false and sets *error (with the byte offset) when the text is not JSON or is
// nested deeper than kMaxJsonDepth.
bool ParseJsonInPlace(std::string* buffer, JsonDocument* doc, std::string* error);

// True when value is a number kept as text by ParseJsonInPlace.
bool IsRawNumber(const JsonValue& value);

// The digits of a raw number, NUL-terminated in the parsed buffer itself: the byte after them
// is a delimiter (",", "}", "]", white space or the buffer's end) that the parse has passed,
// which no value points at. Saves a copy per number.
const char* TerminatedRawNumber(const JsonValue& value);

// Appends value as compact JSON text, numbers written with their original digits.
void AppendJson(const JsonValue& value, std::string* out);

// Appends value as JSON text without the object members at the given paths (each a list of
// member names from value down).
void AppendJsonWithout(const JsonValue& value, const std::vector<std::vector<std::string>>& paths, std::string* out);

// Appends text as a quoted, escaped JSON string (also a valid GraphQL string literal).
void AppendJsonString(const char* text, size_t length, std::string* out);

}  // namespace rr
