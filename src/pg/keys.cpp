// Key converters of the relationship functions: a remote ID (text) compared with an integer
// or uuid column, or a list of IDs (jsonb, text[]) matched against any element. A value that
// is not a valid key of the column's type matches nothing (NULL, or left out of the array)
// instead of failing the whole join, as "id = 'abc'" on a text column would match nothing.
// Plain PostgreSQL code: no C++ object lives in these frames.
#include "pg_headers.hpp"

#include <cerrno>
#include <cstdlib>

extern "C" {
#include "catalog/pg_type.h"
#include "utils/array.h"
#include "utils/numeric.h"
#include "utils/uuid.h"
}

namespace {

// A decimal integer of the form GraphQL writes (an optional '-', digits), within [min, max].
bool ParseInteger(const char* text, int length, int64 min, int64 max, int64* out) {
  if (length <= 0 || length > 20) return false;
  char buffer[24];
  memcpy(buffer, text, length);
  buffer[length] = '\0';
  int start = buffer[0] == '-' ? 1 : 0;
  if (start == length) return false;
  for (int i = start; i < length; ++i)
    if (buffer[i] < '0' || buffer[i] > '9') return false;
  errno = 0;
  char* end = nullptr;
  long long value = strtoll(buffer, &end, 10);
  if (errno != 0 || *end != '\0' || value < min || value > max) return false;
  *out = value;
  return true;
}

bool IsHex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// 8-4-4-4-12 hex digits, or 32 without hyphens: what uuid_in accepts, checked first so that
// it cannot raise.
bool IsUuidText(const char* text, int length) {
  if (length == 32) {
    for (int i = 0; i < 32; ++i)
      if (!IsHex(text[i])) return false;
    return true;
  }
  if (length != 36) return false;
  for (int i = 0; i < 36; ++i) {
    bool hyphen = i == 8 || i == 13 || i == 18 || i == 23;
    if (hyphen ? text[i] != '-' : !IsHex(text[i])) return false;
  }
  return true;
}

enum class KeyType { kInt2, kInt4, kInt8, kUuid, kText };

Oid ElementType(KeyType type) {
  switch (type) {
    case KeyType::kInt2: return INT2OID;
    case KeyType::kInt4: return INT4OID;
    case KeyType::kInt8: return INT8OID;
    case KeyType::kUuid: return UUIDOID;
    default: return TEXTOID;
  }
}

// The key of type for text, or false when text is no such key.
bool ToKey(KeyType type, const char* text, int length, Datum* out) {
  int64 value = 0;
  switch (type) {
    case KeyType::kInt2:
      if (!ParseInteger(text, length, PG_INT16_MIN, PG_INT16_MAX, &value)) return false;
      *out = Int16GetDatum(static_cast<int16>(value));
      return true;
    case KeyType::kInt4:
      if (!ParseInteger(text, length, PG_INT32_MIN, PG_INT32_MAX, &value)) return false;
      *out = Int32GetDatum(static_cast<int32>(value));
      return true;
    case KeyType::kInt8:
      if (!ParseInteger(text, length, PG_INT64_MIN, PG_INT64_MAX, &value)) return false;
      *out = Int64GetDatum(value);
      return true;
    case KeyType::kUuid: {
      if (!IsUuidText(text, length)) return false;
      char* copy = pnstrdup(text, length);
      *out = DirectFunctionCall1(uuid_in, CStringGetDatum(copy));
      return true;
    }
    case KeyType::kText:
      *out = PointerGetDatum(cstring_to_text_with_len(text, length));
      return true;
  }
  return false;
}

Datum ScalarKey(FunctionCallInfo fcinfo, KeyType type) {
  text* value = PG_GETARG_TEXT_PP(0);
  Datum key;
  if (!ToKey(type, VARDATA_ANY(value), VARSIZE_ANY_EXHDR(value), &key)) PG_RETURN_NULL();
  PG_RETURN_DATUM(key);
}

ArrayType* MakeKeyArray(KeyType type, Datum* keys, int count) {
  Oid element = ElementType(type);
  int16 length;
  bool by_value;
  char align;
  get_typlenbyvalalign(element, &length, &by_value, &align);
  return construct_array(keys, count, element, length, by_value, align);
}

// The keys among the elements of a jsonb array (strings, and numbers as their text); a
// jsonb value that is no array is a list of one.
Datum JsonbKeys(FunctionCallInfo fcinfo, KeyType type) {
  Jsonb* list = PG_GETARG_JSONB_P(0);
  int capacity = JB_ROOT_IS_SCALAR(list) ? 1 : Max(JB_ROOT_COUNT(list), 1);
  Datum* keys = static_cast<Datum*>(palloc(sizeof(Datum) * capacity));
  int count = 0;
  JsonbIterator* iterator = JsonbIteratorInit(&list->root);
  JsonbValue value;
  JsonbIteratorToken token;
  int depth = 0;
  while ((token = JsonbIteratorNext(&iterator, &value, false)) != WJB_DONE) {
    if (token == WJB_BEGIN_ARRAY || token == WJB_BEGIN_OBJECT) ++depth;
    if (token == WJB_END_ARRAY || token == WJB_END_OBJECT) --depth;
    if (token != WJB_ELEM || depth != 1 || count == capacity) continue;
    if (value.type == jbvString) {
      if (ToKey(type, value.val.string.val, value.val.string.len, &keys[count])) ++count;
    } else if (value.type == jbvNumeric) {
      char* digits = DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(value.val.numeric)));
      if (ToKey(type, digits, static_cast<int>(strlen(digits)), &keys[count])) ++count;
    }
  }
  PG_RETURN_ARRAYTYPE_P(MakeKeyArray(type, keys, count));
}

Datum TextArrayKeys(FunctionCallInfo fcinfo, KeyType type) {
  ArrayType* list = PG_GETARG_ARRAYTYPE_P(0);
  Datum* elements;
  bool* nulls;
  int length;
  deconstruct_array(list, TEXTOID, -1, false, TYPALIGN_INT, &elements, &nulls, &length);
  Datum* keys = static_cast<Datum*>(palloc(sizeof(Datum) * Max(length, 1)));
  int count = 0;
  for (int i = 0; i < length; ++i) {
    if (nulls[i]) continue;
    text* element = DatumGetTextPP(elements[i]);
    if (ToKey(type, VARDATA_ANY(element), VARSIZE_ANY_EXHDR(element), &keys[count])) ++count;
  }
  PG_RETURN_ARRAYTYPE_P(MakeKeyArray(type, keys, count));
}

}  // namespace

extern "C" {

#define RR_KEY_FUNCTIONS(suffix, type)                                                           \
  PG_FUNCTION_INFO_V1(remote_relationship_key_##suffix);                                        \
  PG_FUNCTION_INFO_V1(remote_relationship_key_##suffix##_array_jsonb);                          \
  PG_FUNCTION_INFO_V1(remote_relationship_key_##suffix##_array_text);                           \
  Datum remote_relationship_key_##suffix(PG_FUNCTION_ARGS) { return ScalarKey(fcinfo, type); }  \
  Datum remote_relationship_key_##suffix##_array_jsonb(PG_FUNCTION_ARGS) { return JsonbKeys(fcinfo, type); } \
  Datum remote_relationship_key_##suffix##_array_text(PG_FUNCTION_ARGS) { return TextArrayKeys(fcinfo, type); }

RR_KEY_FUNCTIONS(int2, KeyType::kInt2)
RR_KEY_FUNCTIONS(int4, KeyType::kInt4)
RR_KEY_FUNCTIONS(int8, KeyType::kInt8)
RR_KEY_FUNCTIONS(uuid, KeyType::kUuid)
RR_KEY_FUNCTIONS(text, KeyType::kText)  // key_text itself is not declared: text needs no conversion

}  // extern "C"
