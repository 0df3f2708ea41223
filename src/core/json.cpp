#include "json.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <new>
#include <stdexcept>
#include <string_view>

#include <rapidjson/error/en.h>

namespace rr {

void* ThrowingAllocator::Malloc(size_t size) {
  if (size == 0) return nullptr;
  void* pointer = std::malloc(size);
  if (pointer == nullptr) throw std::bad_alloc();
  return pointer;
}

void* ThrowingAllocator::Realloc(void* original, size_t, size_t new_size) {
  if (new_size == 0) {
    std::free(original);
    return nullptr;
  }
  void* pointer = std::realloc(original, new_size);
  if (pointer == nullptr) throw std::bad_alloc();
  return pointer;
}

void ThrowingAllocator::Free(void* pointer) noexcept { std::free(pointer); }

namespace {

// Every block carries its size in front of it, so that Free (which RapidJSON calls without
// one) knows whether it is a pool chunk. 16 bytes keep the block's alignment.
constexpr size_t kBlockHeader = 16;
static_assert(kBlockHeader % alignof(std::max_align_t) == 0, "the header must keep malloc's alignment");
// RapidJSON asks for its chunks' capacity (64 KiB by default) plus a small header of its own:
// every request in this range gets a block of the range's top size, and those are pooled.
constexpr size_t kPoolMinSize = 64 * 1024;
constexpr size_t kPoolBlockSize = kPoolMinSize + 1024;

struct PooledChunk {
  PooledChunk* next;
};
PooledChunk* pool_head = nullptr;
size_t pool_size = 0;

size_t& BlockSize(void* block) { return *static_cast<size_t*>(block); }

}  // namespace

void* PooledChunkAllocator::Malloc(size_t size) {
  if (size == 0) return nullptr;
  bool poolable = size > kPoolMinSize && size <= kPoolBlockSize;
  if (poolable && pool_head != nullptr) {
    PooledChunk* chunk = pool_head;
    pool_head = chunk->next;
    pool_size--;
    return chunk;
  }
  if (poolable) size = kPoolBlockSize;
  void* block = std::malloc(size + kBlockHeader);
  if (block == nullptr) throw std::bad_alloc();
  BlockSize(block) = size;
  return static_cast<char*>(block) + kBlockHeader;
}

void PooledChunkAllocator::Free(void* pointer) noexcept {
  if (pointer == nullptr) return;
  void* block = static_cast<char*>(pointer) - kBlockHeader;
  if (BlockSize(block) == kPoolBlockSize && pool_size < kMaxPooledChunks) {
    auto* chunk = static_cast<PooledChunk*>(pointer);  // the header stays as it is
    chunk->next = pool_head;
    pool_head = chunk;
    pool_size++;
    return;
  }
  std::free(block);
}

size_t PooledChunks() { return pool_size; }

namespace {

// Hands RapidJSON's events to the document, and stops the parse where nesting exceeds
// kMaxJsonDepth: the parser recurses once per level, and a hostile remote (or option value)
// must not exhaust the stack. One pass: no separate scan of the text for its depth.
class DepthLimitedHandler {
 public:
  explicit DepthLimitedHandler(JsonDocument* doc) : doc_(*doc) {}
  bool too_deep() const { return too_deep_; }

  bool Null() { return doc_.Null(); }
  bool Bool(bool b) { return doc_.Bool(b); }
  bool Int(int i) { return doc_.Int(i); }
  bool Uint(unsigned i) { return doc_.Uint(i); }
  bool Int64(int64_t i) { return doc_.Int64(i); }
  bool Uint64(uint64_t i) { return doc_.Uint64(i); }
  bool Double(double d) { return doc_.Double(d); }
  bool RawNumber(const char* text, rapidjson::SizeType length, bool copy) { return doc_.RawNumber(text, length, copy); }
  bool String(const char* text, rapidjson::SizeType length, bool copy) { return doc_.String(text, length, copy); }
  bool Key(const char* text, rapidjson::SizeType length, bool copy) { return doc_.Key(text, length, copy); }
  bool StartObject() { return Enter() && doc_.StartObject(); }
  bool EndObject(rapidjson::SizeType members) { --depth_; return doc_.EndObject(members); }
  bool StartArray() { return Enter() && doc_.StartArray(); }
  bool EndArray(rapidjson::SizeType elements) { --depth_; return doc_.EndArray(elements); }

 private:
  bool Enter() {
    if (++depth_ <= kMaxJsonDepth) return true;
    too_deep_ = true;
    return false;
  }
  JsonDocument& doc_;
  int depth_ = 0;
  bool too_deep_ = false;
};

}  // namespace

bool ParseJsonInPlace(std::string* buffer, JsonDocument* doc, std::string* error) {
  // A top-level number would start at byte 0, where IsRawNumber could not look behind it.
  if (!buffer->empty() && ((*buffer)[0] == '-' || ((*buffer)[0] >= '0' && (*buffer)[0] <= '9')))
    buffer->insert(buffer->begin(), ' ');
  rapidjson::GenericReader<rapidjson::UTF8<>, rapidjson::UTF8<>, ThrowingAllocator> reader;
  rapidjson::GenericInsituStringStream<rapidjson::UTF8<>> stream(&(*buffer)[0]);
  DepthLimitedHandler handler(doc);
  rapidjson::ParseResult result;
  auto parse = [&](JsonDocument&) {
    result = reader.Parse<kJsonParseFlags>(stream, handler);
    return !result.IsError();
  };
  doc->Populate(parse);
  if (!result.IsError()) return true;
  if (handler.too_deep()) {
    // The parse stops right after the bracket that went one level too deep.
    *error = "nested deeper than " + std::to_string(kMaxJsonDepth) + " levels at byte " +
             std::to_string(result.Offset() - 1);
    return false;
  }
  std::string reason = rapidjson::GetParseError_En(result.Code());
  if (!reason.empty() && reason.back() == '.') reason.pop_back();
  *error = reason + " at byte " + std::to_string(result.Offset());
  return false;
}

bool IsRawNumber(const JsonValue& value) {
  if (!value.IsString()) return false;
  // In-situ strings start after their opening quote; numbers start at their first digit
  // or sign. GetString() never points at the buffer's first byte for a string.
  const char* start = value.GetString();
  return start[-1] != '"';
}

const char* TerminatedRawNumber(const JsonValue& value) {
  char* digits = const_cast<char*>(value.GetString());
  digits[value.GetStringLength()] = '\0';
  return digits;
}

void AppendJsonString(const char* text, size_t length, std::string* out) {
  // Written by hand into the string (which throws std::bad_alloc when memory runs out):
  // RapidJSON's writer reserves 6 bytes per input byte in 32-bit arithmetic.
  static const char kHex[] = "0123456789abcdef";
  out->reserve(out->size() + length + 2);
  out->push_back('"');
  for (size_t i = 0; i < length; ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\b': out->append("\\b"); break;
      case '\f': out->append("\\f"); break;
      case '\n': out->append("\\n"); break;
      case '\r': out->append("\\r"); break;
      case '\t': out->append("\\t"); break;
      default:
        if (c < 0x20) {
          out->append("\\u00");
          out->push_back(kHex[c >> 4]);
          out->push_back(kHex[c & 0xF]);
        } else {
          out->push_back(static_cast<char>(c));
        }
    }
  }
  out->push_back('"');
}

namespace {

// An object without the members at the paths in skip, each already matched up to depth.
void AppendJsonObject(const JsonValue& object, const std::vector<const std::vector<std::string>*>& skip,
                      size_t depth, std::string* out) {
  out->push_back('{');
  bool first = true;
  std::vector<const std::vector<std::string>*> below;
  for (const auto& member : object.GetObject()) {
    std::string_view name(member.name.GetString(), member.name.GetStringLength());
    bool skipped = false;
    below.clear();
    for (const auto* path : skip) {
      if ((*path)[depth] != name) continue;
      if (path->size() == depth + 1) skipped = true;
      else below.push_back(path);
    }
    if (skipped) continue;
    if (!first) out->push_back(',');
    first = false;
    AppendJsonString(name.data(), name.size(), out);
    out->push_back(':');
    if (below.empty() || !member.value.IsObject()) {
      AppendJson(member.value, out);
    } else {
      AppendJsonObject(member.value, below, depth + 1, out);
    }
  }
  out->push_back('}');
}

}  // namespace

void AppendJson(const JsonValue& value, std::string* out) {
  switch (value.GetType()) {
    case rapidjson::kNullType:
      out->append("null");
      return;
    case rapidjson::kFalseType:
      out->append("false");
      return;
    case rapidjson::kTrueType:
      out->append("true");
      return;
    case rapidjson::kNumberType:  // ParseJsonInPlace keeps every number as text
      throw std::logic_error("AppendJson: a number that was not parsed as text");
    case rapidjson::kStringType:
      if (IsRawNumber(value)) {
        out->append(value.GetString(), value.GetStringLength());
      } else {
        AppendJsonString(value.GetString(), value.GetStringLength(), out);
      }
      return;
    case rapidjson::kArrayType: {
      out->push_back('[');
      bool first = true;
      for (const auto& element : value.GetArray()) {
        if (!first) out->push_back(',');
        first = false;
        AppendJson(element, out);
      }
      out->push_back(']');
      return;
    }
    case rapidjson::kObjectType:
      AppendJsonObject(value, {}, 0, out);
      return;
  }
}

void AppendJsonWithout(const JsonValue& value, const std::vector<std::vector<std::string>>& paths, std::string* out) {
  if (paths.empty() || !value.IsObject()) {
    AppendJson(value, out);
    return;
  }
  std::vector<const std::vector<std::string>*> skip;
  for (const auto& path : paths)
    if (!path.empty()) skip.push_back(&path);
  AppendJsonObject(value, skip, 0, out);
}

}  // namespace rr
