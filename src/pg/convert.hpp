// Conversion of remote values (text cells) into Datums of the column types: one path for
// every scan, with fast paths for the common types and the type's input function for the
// rest. Called only from extern "C" frames that hold no C++ objects (it may raise).
#pragma once

#include "pg_headers.hpp"

#include "core/response.hpp"
#include "guard.hpp"

namespace rr_pg {

enum class Conversion { kInput, kText, kInt2, kInt4, kInt8, kFloat8, kBool, kNumeric, kJsonb, kJson, kTimestampTz, kUuid };

struct ColumnConverter {
  AttrNumber attnum;
  const char* column_name;
  const char* field;          // remote field as written in the field option
  Oid type_id;
  int32 typmod;
  Conversion conversion;
  FmgrInfo input;
  Oid io_param;
  bool is_array;              // of the base type: domains over arrays count
  bool is_json;               // json/jsonb, or a domain over them
  bool is_json_array;         // an array of json/jsonb (or of domains over them)
  bool is_domain;             // NULL must pass the domain's constraints too
  const char* type_name;      // for messages, computed up front: no catalog access on error paths
  bool input_only;            // no remote field: the column shows the value its argument was given
  bool on_edge;               // field is one of the row's connection edge, not of the row
};

// Fills converter for a column of type type_id/typmod.
void InitColumnConverter(ColumnConverter* converter, AttrNumber attnum, const char* column_name,
                         const char* field, Oid type_id, int32 typmod);

// The text form the column's input wants: JSON for json/jsonb, array literals for arrays.
rr::CellFormat CellFormatFor(const ColumnConverter* converter);

// Converts one cell (a null one too: a domain may refuse NULL). Raises a conversion error
// (HV004) naming the column, the remote field and the value.
Datum ConvertCell(const ColumnConverter* converter, const rr::Cell* cell, const ErrorSite* site, bool* isnull);

}  // namespace rr_pg
