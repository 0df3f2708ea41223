#include "convert.hpp"

namespace rr_pg {

void InitColumnConverter(ColumnConverter* converter, AttrNumber attnum, const char* column_name,
                         const char* field, Oid type_id, int32 typmod) {
  converter->attnum = attnum;
  converter->column_name = column_name;
  converter->field = field;
  converter->type_id = type_id;
  converter->typmod = typmod;
  Oid input_function;
  getTypeInputInfo(type_id, &input_function, &converter->io_param);
  fmgr_info(input_function, &converter->input);
  Oid base_type = getBaseType(type_id);
  Oid element_type = get_element_type(base_type);
  Oid element_base = OidIsValid(element_type) ? getBaseType(element_type) : InvalidOid;
  converter->is_array = OidIsValid(element_type);
  converter->is_json = base_type == JSONBOID || base_type == JSONOID;
  converter->is_json_array = element_base == JSONBOID || element_base == JSONOID;
  converter->is_domain = base_type != type_id;
  converter->type_name = format_type_with_typemod(type_id, typmod);

  switch (type_id) {
    case TEXTOID: converter->conversion = Conversion::kText; break;
    case INT2OID: converter->conversion = Conversion::kInt2; break;
    case INT4OID: converter->conversion = Conversion::kInt4; break;
    case INT8OID: converter->conversion = Conversion::kInt8; break;
    case FLOAT8OID: converter->conversion = Conversion::kFloat8; break;
    case BOOLOID: converter->conversion = Conversion::kBool; break;
    case NUMERICOID: converter->conversion = Conversion::kNumeric; break;
    case JSONBOID: converter->conversion = Conversion::kJsonb; break;
    case JSONOID: converter->conversion = Conversion::kJson; break;
    case UUIDOID: converter->conversion = Conversion::kUuid; break;
    case TIMESTAMPTZOID:
      // The fast path writes microseconds as they come; a precision (timestamptz(3)) rounds.
      converter->conversion = typmod < 0 ? Conversion::kTimestampTz : Conversion::kInput;
      break;
    default: converter->conversion = Conversion::kInput; break;  // numeric, dates, domains...
  }
}

rr::CellFormat CellFormatFor(const ColumnConverter* converter) {
  if (converter->is_json) return rr::CellFormat::kJson;
  if (converter->is_json_array) return rr::CellFormat::kPgJsonArray;
  return converter->is_array ? rr::CellFormat::kPgArray : rr::CellFormat::kText;
}

// Reads n digits at text into *value.
static bool Digits(const char* text, int n, int* value) {
  *value = 0;
  for (int i = 0; i < n; i++) {
    if (text[i] < '0' || text[i] > '9') return false;
    *value = *value * 10 + (text[i] - '0');
  }
  return true;
}

// The ISO 8601 form that APIs send, "2024-01-01T12:00:00.123Z" or with an offset
// ("+02:00", "+0200", "+02") and a 'T' or a space, read without the general date parser;
// false for anything else (no zone, other forms, a leap second, out of range), which then
// goes through timestamptz_in. The result is the one timestamptz_in gives.
static bool ReadIsoTimestampTz(const char* text, size_t length, TimestampTz* result) {
  int year, month, day, hour, minute, second;
  if (length < 20 || !Digits(text, 4, &year) || text[4] != '-' || !Digits(text + 5, 2, &month) || text[7] != '-' ||
      !Digits(text + 8, 2, &day) || (text[10] != 'T' && text[10] != ' ') || !Digits(text + 11, 2, &hour) ||
      text[13] != ':' || !Digits(text + 14, 2, &minute) || text[16] != ':' || !Digits(text + 17, 2, &second))
    return false;
  static const int kDaysInMonth[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (year < 1 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return false;
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (day > kDaysInMonth[month - 1] + (month == 2 && leap ? 1 : 0)) return false;
  size_t at = 19;
  int64 micros = 0;
  if (at < length && text[at] == '.') {
    int digits = 0;
    for (at++; at < length && text[at] >= '0' && text[at] <= '9'; at++, digits++) {
      if (digits >= 6) return false;  // beyond microseconds timestamptz_in rounds
      micros = micros * 10 + (text[at] - '0');
    }
    if (digits == 0) return false;
    for (int i = digits; i < 6; i++) micros *= 10;
  }
  int offset_seconds = 0;
  if (at + 1 == length && (text[at] == 'Z' || text[at] == 'z')) {
    at++;
  } else if (at < length && (text[at] == '+' || text[at] == '-')) {
    int sign = text[at] == '-' ? -1 : 1;
    int offset_hours, offset_minutes = 0;
    if (!Digits(text + at + 1, 2, &offset_hours)) return false;
    at += 3;
    if (at < length && text[at] == ':') at++;
    if (at < length) {
      if (!Digits(text + at, 2, &offset_minutes)) return false;
      at += 2;
    }
    if (offset_hours > 15 || offset_minutes > 59) return false;
    offset_seconds = sign * (offset_hours * 3600 + offset_minutes * 60);
  } else {
    return false;  // no zone: the session's TimeZone decides, in timestamptz_in
  }
  if (at != length) return false;
  int64 days = date2j(year, month, day) - POSTGRES_EPOCH_JDATE;
  *result = days * USECS_PER_DAY + ((hour * 60 + minute) * 60 + second - static_cast<int64>(offset_seconds)) * USECS_PER_SEC + micros;
  return IS_VALID_TIMESTAMP(*result);
}

// A plain decimal, "-123.4500": sign, up to 18 digits in all, a point and digits after it
// (no exponent, no spaces, no '+'), as *value / 10^*scale. False for every other form.
static bool ReadPlainDecimal(const char* text, size_t length, int64* value, int* scale) {
  bool negative = length > 0 && text[0] == '-';
  size_t at = negative ? 1 : 0;
  if (at >= length || text[at] < '0' || text[at] > '9') return false;  // "", "-", ".5", "+1", " 1"
  int64 magnitude = 0;
  int digits = 0;
  int fraction = -1;  // digits after the point; -1 before it
  for (; at < length; at++) {
    char c = text[at];
    if (c >= '0' && c <= '9') {
      if (++digits > 18) return false;
      magnitude = magnitude * 10 + (c - '0');
      if (fraction >= 0) fraction++;
    } else if (c == '.' && fraction < 0) {
      fraction = 0;
    } else {
      return false;
    }
  }
  if (fraction == 0) return false;  // "1."
  *value = negative ? -magnitude : magnitude;
  *scale = fraction < 0 ? 0 : fraction;
  return true;
}

// A JSON number whose decimal mantissa fits in 53 bits and whose power of ten is at most 22
// either way: then mantissa and power are exact doubles, and one multiplication or division
// rounds correctly, to what strtod (float8in) gives. False for the rest, which float8in reads.
static bool ReadExactDouble(const char* text, size_t length, double* result) {
  static const double kPowers[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                   1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
  size_t at = 0;
  bool negative = text[0] == '-';
  if (negative) at++;
  uint64 mantissa = 0;
  int digits = 0, exponent = 0;
  bool any = false;
  for (; at < length && text[at] >= '0' && text[at] <= '9'; at++, any = true) {
    if (mantissa != 0 || text[at] != '0') digits++;
    if (digits > 19) return false;
    mantissa = mantissa * 10 + (text[at] - '0');
  }
  if (!any) return false;
  if (at < length && text[at] == '.') {
    bool fraction = false;
    for (at++; at < length && text[at] >= '0' && text[at] <= '9'; at++, fraction = true) {
      if (mantissa != 0 || text[at] != '0') digits++;
      if (digits > 19) return false;
      mantissa = mantissa * 10 + (text[at] - '0');
      exponent--;
    }
    if (!fraction) return false;
  }
  if (at < length && (text[at] == 'e' || text[at] == 'E')) {
    at++;
    bool negative_exponent = at < length && text[at] == '-';
    if (at < length && (text[at] == '-' || text[at] == '+')) at++;
    int written = 0, n = 0;
    for (; at < length && text[at] >= '0' && text[at] <= '9'; at++, n++) {
      if (n >= 4) return false;
      written = written * 10 + (text[at] - '0');
    }
    if (n == 0) return false;
    exponent += negative_exponent ? -written : written;
  }
  if (at != length || mantissa > (UINT64CONST(1) << 53) || exponent < -22 || exponent > 22) return false;
  double value = static_cast<double>(mantissa);
  value = exponent < 0 ? value / kPowers[-exponent] : value * kPowers[exponent];
  *result = negative ? -value : value;
  return true;
}

// Hex digit values by byte, -1 for the rest: a table, as branches on random digits mispredict.
static const signed char* HexValues() {
  static signed char table[256];
  static bool filled = false;
  if (!filled) {
    memset(table, -1, sizeof table);
    for (int i = 0; i < 10; i++) table['0' + i] = static_cast<signed char>(i);
    for (int i = 0; i < 6; i++) table['a' + i] = table['A' + i] = static_cast<signed char>(10 + i);
    filled = true;
  }
  return table;
}

// The canonical form "8-4-4-4-12" hex digits, read without uuid_in; false for the other forms
// uuid_in takes (braces, no hyphens) and for anything invalid, which uuid_in then judges.
static bool ReadCanonicalUuid(const char* text, size_t length, pg_uuid_t* result) {
  if (length != 36 || text[8] != '-' || text[13] != '-' || text[18] != '-' || text[23] != '-') return false;
  static const int kByteAt[UUID_LEN] = {0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34};
  const signed char* hex = HexValues();
  int invalid = 0;
  for (int byte = 0; byte < UUID_LEN; byte++) {
    int high = hex[static_cast<unsigned char>(text[kByteAt[byte]])];
    int low = hex[static_cast<unsigned char>(text[kByteAt[byte] + 1])];
    invalid |= high | low;  // negative if either is not a hex digit
    result->data[byte] = static_cast<unsigned char>(static_cast<unsigned>(high) << 4 | static_cast<unsigned>(low));
  }
  return invalid >= 0;
}

// Pushes value (an object or a list, or a scalar inside one) into *state. False when it
// meets a string holding U+0000, which jsonb refuses: jsonb_in then reads the text and says so.
static bool PushJsonbString(JsonbParseState** state, const rr::JsonValue& text, JsonbIteratorToken token,
                            JsonbValue** result) {
  // Longer strings are jsonb_in's to refuse; U+0000 too.
  if (text.GetStringLength() > JENTRY_OFFLENMASK || memchr(text.GetString(), '\0', text.GetStringLength()) != nullptr)
    return false;
  JsonbValue string;
  string.type = jbvString;
  string.val.string.val = const_cast<char*>(text.GetString());
  string.val.string.len = static_cast<int>(text.GetStringLength());
  *result = pushJsonbValue(state, token, &string);
  return true;
}

// Pushes value (an object or a list, or a scalar inside one) into *state. False when it
// meets what jsonb_in refuses (a string with U+0000, or too long): jsonb_in then reads the
// text and says so. Plain iterators only: pushJsonbValue and numeric_in may raise.
static bool PushJsonbValue(JsonbParseState** state, const rr::JsonValue& value, JsonbIteratorToken token,
                           JsonbValue** result) {
  if (value.IsObject()) {
    *result = pushJsonbValue(state, WJB_BEGIN_OBJECT, nullptr);
    for (auto member = value.MemberBegin(); member != value.MemberEnd(); ++member) {
      if (!PushJsonbString(state, member->name, WJB_KEY, result) ||
          !PushJsonbValue(state, member->value, WJB_VALUE, result))
        return false;
    }
    *result = pushJsonbValue(state, WJB_END_OBJECT, nullptr);
    return true;
  }
  if (value.IsArray()) {
    *result = pushJsonbValue(state, WJB_BEGIN_ARRAY, nullptr);
    for (auto element = value.Begin(); element != value.End(); ++element)
      if (!PushJsonbValue(state, *element, WJB_ELEM, result)) return false;
    *result = pushJsonbValue(state, WJB_END_ARRAY, nullptr);
    return true;
  }
  if (value.IsString() && !rr::IsRawNumber(value)) return PushJsonbString(state, value, token, result);
  JsonbValue scalar;
  if (value.IsNull()) {
    scalar.type = jbvNull;
  } else if (value.IsBool()) {
    scalar.type = jbvBool;
    scalar.val.boolean = value.GetBool();
  } else if (value.IsString()) {
    // A raw number: as jsonb_in does, its text through numeric_in.
    scalar.type = jbvNumeric;
    scalar.val.numeric = DatumGetNumeric(DirectFunctionCall3(numeric_in, CStringGetDatum(rr::TerminatedRawNumber(value)),
                                                             ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1)));
  } else {
    return false;  // no other kind comes from ParseJsonInPlace
  }
  *result = pushJsonbValue(state, token, &scalar);
  return true;
}

// jsonb built from the parsed JSON value, without printing and parsing it again; the same
// value jsonb_in makes of its text (jsonb keeps the last of duplicate keys either way).
// Only in a UTF-8 database, where the value's strings are the text's, checked.
static bool JsonbFromParsedValue(const rr::JsonValue& value, Datum* result) {
  if (GetDatabaseEncoding() != PG_UTF8) return false;
  JsonbParseState* state = nullptr;
  JsonbValue* root = nullptr;
  if (!PushJsonbValue(&state, value, WJB_ELEM, &root) || root == nullptr) return false;
  *result = JsonbPGetDatum(JsonbValueToJsonb(root));
  return true;
}

static Datum ConvertUnchecked(const ColumnConverter* converter, const rr::Cell* cell) {
  // Cell data is NUL-terminated; the input functions take a non-const pointer.
  char* text = const_cast<char*>(cell->data);
  switch (converter->conversion) {
    case Conversion::kText:
      return PointerGetDatum(cstring_to_text_with_len(cell->data, static_cast<int>(cell->length)));
    case Conversion::kInt2:
      return Int16GetDatum(pg_strtoint16(text));
    case Conversion::kInt4:
      return Int32GetDatum(pg_strtoint32(text));
    case Conversion::kInt8:
      return Int64GetDatum(pg_strtoint64(text));
    case Conversion::kFloat8: {
      double value;
      if (cell->kind == rr::CellKind::kNumber && ReadExactDouble(cell->data, cell->length, &value))
        return Float8GetDatum(value);
      return Float8GetDatum(float8in_internal(text, nullptr, "double precision", text));
    }
    case Conversion::kBool:
      if (cell->kind == rr::CellKind::kBool) return BoolGetDatum(cell->data[0] == 't');
      return InputFunctionCall(const_cast<FmgrInfo*>(&converter->input), text, converter->io_param,
                               converter->typmod);
    case Conversion::kNumeric: {
      int64 value;
      int scale;
      if (converter->typmod < 0 && ReadPlainDecimal(cell->data, cell->length, &value, &scale))
        return NumericGetDatum(scale == 0 ? int64_to_numeric(value) : int64_div_fast_to_numeric(value, scale));
      return DirectFunctionCall3(numeric_in, CStringGetDatum(text), ObjectIdGetDatum(InvalidOid),
                                 Int32GetDatum(converter->typmod));
    }
    case Conversion::kJsonb: {
      Datum value;
      if (cell->json_value != nullptr && JsonbFromParsedValue(*cell->json_value, &value)) return value;
      return DirectFunctionCall1(jsonb_in, CStringGetDatum(text));
    }
    case Conversion::kTimestampTz: {
      TimestampTz value;
      if (cell->kind == rr::CellKind::kString && ReadIsoTimestampTz(cell->data, cell->length, &value))
        return TimestampTzGetDatum(value);
      return InputFunctionCall(const_cast<FmgrInfo*>(&converter->input), text, converter->io_param,
                               converter->typmod);
    }
    case Conversion::kUuid: {
      pg_uuid_t parsed;
      if (cell->kind == rr::CellKind::kString && ReadCanonicalUuid(cell->data, cell->length, &parsed)) {
        pg_uuid_t* value = static_cast<pg_uuid_t*>(palloc(sizeof(pg_uuid_t)));
        *value = parsed;
        return UUIDPGetDatum(value);
      }
      return InputFunctionCall(const_cast<FmgrInfo*>(&converter->input), text, converter->io_param,
                               converter->typmod);
    }
    case Conversion::kJson:
    case Conversion::kInput:
      return InputFunctionCall(const_cast<FmgrInfo*>(&converter->input), text, converter->io_param,
                               converter->typmod);
  }
  pg_unreachable();
}

static const char* CellKindName(rr::CellKind kind) {
  switch (kind) {
    case rr::CellKind::kNull: return "value";
    case rr::CellKind::kString: return "string";
    case rr::CellKind::kNumber: return "number";
    case rr::CellKind::kBool: return "boolean";
    case rr::CellKind::kJson: return "JSON value";
  }
  return "value";
}

Datum ConvertCell(const ColumnConverter* converter, const rr::Cell* cell, const ErrorSite* site, bool* isnull) {
  const char* query_field = site->query_field;
  *isnull = cell->kind == rr::CellKind::kNull;
  if (*isnull && !converter->is_domain) return static_cast<Datum>(0);
  // JSON strings may hold U+0000; no PostgreSQL text can (as JSON text it stays escaped).
  if (cell->kind == rr::CellKind::kString && memchr(cell->data, '\0', cell->length) != nullptr)
    ereport(ERROR,
            (errcode(ERRCODE_FDW_INVALID_DATA_TYPE),
             errmsg("cannot convert remote field \"%s\" of \"%s\" to column \"%s\" of type %s",
                    converter->field, query_field, converter->column_name, converter->type_name),
             errdetail("The remote string holds a NUL character (\\u0000), which PostgreSQL text cannot store."),
             site->server_name != nullptr ? ErrorSiteContext(site) : 0));

  MemoryContext caller_context = CurrentMemoryContext;
  ErrorData* volatile error = nullptr;
  volatile Datum result = 0;
  PG_TRY();
  {
    rr::Cell text = *cell;
    if (cell->kind == rr::CellKind::kNull) {
      // As postgres_fdw does: the input function of a domain checks NOT NULL and CHECKs.
      result = InputFunctionCall(const_cast<FmgrInfo*>(&converter->input), nullptr, converter->io_param,
                                 converter->typmod);
    } else {
    if (cell->kind == rr::CellKind::kString || cell->kind == rr::CellKind::kJson) {
      // The remote speaks UTF-8: check it (a UTF-8 database stores nothing invalid) and
      // convert it to the database's encoding.
      char* converted = pg_any_to_server(cell->data, static_cast<int>(cell->length), PG_UTF8);
      if (converted != cell->data) {
        text.data = converted;
        text.length = strlen(converted);
      }
    }
    result = ConvertUnchecked(converter, &text);
    }
  }
  PG_CATCH();
  {
    MemoryContextSwitchTo(caller_context);
    error = CopyErrorData();
    FlushErrorState();
  }
  PG_END_TRY();
  if (error == nullptr) return result;

  // Only data errors (22xxx: bad syntax, out of range, bad encoding) and constraint
  // violations of domains (23xxx) are conversion failures. Cancel, out of memory, deadlock
  // and the like keep their own codes, so that callers can react to them.
  int category = ERRCODE_TO_CATEGORY(error->sqlerrcode);
  if (error->elevel > ERROR ||
      (category != ERRCODE_DATA_EXCEPTION && category != ERRCODE_INTEGRITY_CONSTRAINT_VIOLATION))
    ReThrowError(error);
  const char* reason = error->message != nullptr ? error->message : "invalid value";

  // The value as the message shows it: in the database's encoding, cut short, and not at
  // all when the remote sent bytes that are not UTF-8.
  const int max_shown = 60;
  int length = static_cast<int>(cell->length);
  const char* shown_text = "(not valid UTF-8)";
  int shown = static_cast<int>(strlen(shown_text));
  bool cut = false;
  if (cell->kind == rr::CellKind::kNull) {
    shown_text = "null";
    shown = 4;
  } else if (pg_verify_mbstr(PG_UTF8, cell->data, length, true)) {
    // No encoding conversion here (it may fail again): UTF-8 as is where the database is
    // UTF-8, otherwise non-ASCII characters as '?'.
    int clipped = pg_encoding_mbcliplen(PG_UTF8, cell->data, length, max_shown);
    cut = clipped < length;
    shown = clipped;
    int encoding = GetDatabaseEncoding();
    if (encoding == PG_UTF8 || encoding == PG_SQL_ASCII) {
      shown_text = cell->data;
    } else {
      char* ascii = pnstrdup(cell->data, clipped);
      for (int i = 0; i < clipped; i++)
        if (static_cast<unsigned char>(ascii[i]) >= 0x80) ascii[i] = '?';
      shown_text = ascii;
    }
  }
  // The input function's message usually quotes the whole value again: cut it as well.
  const int max_reason = 160;
  int reason_length = static_cast<int>(strlen(reason));
  int reason_shown = pg_mbcliplen(reason, reason_length, max_reason);
  ereport(ERROR,
          (errcode(ERRCODE_FDW_INVALID_DATA_TYPE),
           errmsg("cannot convert remote field \"%s\" of \"%s\" to column \"%s\" of type %s",
                  converter->field, query_field, converter->column_name, converter->type_name),
           errdetail(cell->kind == rr::CellKind::kNull ? "The remote %s is %.*s%s: %.*s%s" : "The remote %s is \"%.*s%s\": %.*s%s",
                     CellKindName(cell->kind), shown, shown_text,
                     cut ? "..." : "", reason_shown, reason,
                     reason_shown < reason_length ? "..." : ""),
           site->server_name != nullptr ? ErrorSiteContext(site) : 0));
  pg_unreachable();
}

}  // namespace rr_pg
