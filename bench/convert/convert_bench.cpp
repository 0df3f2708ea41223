// Conversion microbenchmark: how many remote values a second one core turns into Datums of
// the column types, through the scan's own ConvertCell (its fast paths, the UTF-8 check, the
// per-cell error guard, the input functions). Google Benchmark runs inside a backend because
// the conversion needs one: catalogs, memory contexts, the input functions.
//
//   SELECT * FROM rr_bench.convert_bench(min_time => 0.2, repetitions => 5);
//
// Each benchmark converts 1 024 distinct values of a column type round and round, and resets
// the memory context every 1 024 values as the executor's per-tuple context would be. Every
// value is converted once before the timed loops, so no conversion ERROR can leave a timed
// loop (a longjmp there would skip Google Benchmark's destructors); only running out of
// memory in the middle of one still could, which a benchmark accepts.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "pg/convert.hpp"

extern "C" {
PG_MODULE_MAGIC;
PG_FUNCTION_INFO_V1(rr_convert_bench);
}

namespace {

constexpr int kValues = 1024;

struct TypeCase {
  const char* name;
  Oid type_id;
  rr::CellKind kind;
  std::vector<std::string> values;
  bool parsed = false;  // cells carry their parsed JSON value, as a scan's do
};

std::vector<TypeCase> MakeCases() {
  std::vector<TypeCase> cases = {
      {"integer", INT4OID, rr::CellKind::kNumber, {}},
      {"bigint", INT8OID, rr::CellKind::kNumber, {}},
      {"double precision", FLOAT8OID, rr::CellKind::kNumber, {}},
      {"boolean", BOOLOID, rr::CellKind::kBool, {}},
      {"numeric", NUMERICOID, rr::CellKind::kNumber, {}},
      {"text", TEXTOID, rr::CellKind::kString, {}},
      {"timestamptz", TIMESTAMPTZOID, rr::CellKind::kString, {}},
      {"uuid", UUIDOID, rr::CellKind::kString, {}},
      {"jsonb (from text)", JSONBOID, rr::CellKind::kJson, {}},
      {"jsonb", JSONBOID, rr::CellKind::kJson, {}, true},
  };
  char buffer[160];
  for (int i = 0; i < kValues; i++) {
    // Values shaped like an API's: ids, amounts with cents, short labels, ISO timestamps.
    snprintf(buffer, sizeof buffer, "%d", 100000 + i * 7919);
    cases[0].values.push_back(buffer);
    snprintf(buffer, sizeof buffer, "%lld", 9000000000LL + i * 104729LL);
    cases[1].values.push_back(buffer);
    snprintf(buffer, sizeof buffer, "%d.%03d", i * 31, i % 1000);
    cases[2].values.push_back(buffer);
    cases[3].values.push_back(i % 3 == 0 ? "f" : "t");
    snprintf(buffer, sizeof buffer, "%d.%02d", 10 + i * 13, i % 100);
    cases[4].values.push_back(buffer);
    snprintf(buffer, sizeof buffer, "order %05d shipped to customer", i);
    cases[5].values.push_back(buffer);
    snprintf(buffer, sizeof buffer, "2024-%02d-%02dT%02d:%02d:%02d.%03dZ", 1 + i % 12, 1 + i % 28, i % 24, i % 60,
             (i * 7) % 60, i % 1000);
    cases[6].values.push_back(buffer);
    snprintf(buffer, sizeof buffer, "%08x-%04x-4%03x-8%03x-%012x", i * 2654435761u, i % 65536, i % 4096,
             (i * 7) % 4096, i * 40503u);
    cases[7].values.push_back(buffer);
    snprintf(buffer, sizeof buffer, "{\"id\": %d, \"name\": \"item %d\", \"tags\": [\"a\", \"b\"], \"price\": %d.5}",
             i, i, i % 500);
    cases[8].values.push_back(buffer);
    cases[9].values.push_back(buffer);
  }
  return cases;
}

struct Prepared {
  const TypeCase* type_case;
  rr_pg::ColumnConverter converter;
  std::vector<rr::Cell> cells;
  std::vector<std::string> buffers;  // parsed in place: the documents point into them
  std::vector<rr::JsonDocument> documents;
};

const rr_pg::ErrorSite kSite = {"convert_bench", "http://127.0.0.1/graphql", "values", nullptr};

// Converts each value once, so the timed loops meet no ERROR. Raises on a bad value.
void CheckValues(Prepared* prepared) {
  for (const rr::Cell& cell : prepared->cells) {
    bool isnull;
    rr_pg::ConvertCell(&prepared->converter, &cell, &kSite, &isnull);
  }
}

// Parses each value as a scan's answer is parsed. No PostgreSQL call: may throw nothing out.
bool ParseValues(Prepared* prepared, const std::vector<std::string>& values) noexcept {
  try {
    prepared->buffers = values;
    prepared->documents.resize(values.size());
    std::string error;
    for (size_t k = 0; k < values.size(); k++)
      if (!rr::ParseJsonInPlace(&prepared->buffers[k], &prepared->documents[k], &error)) return false;
    return true;
  } catch (...) {
    return false;
  }
}

std::vector<Prepared>& Cases() {
  static std::vector<Prepared> prepared;
  return prepared;
}

// The values and their cells, parsed where a scan's would be; all C++, nothing of
// PostgreSQL, so nothing may longjmp through it and nothing is thrown out of it.
bool PrepareCells() noexcept {
  try {
    static std::vector<TypeCase> cases = MakeCases();
    std::vector<Prepared>& prepared = Cases();
    prepared.clear();
    prepared.resize(cases.size());
    for (size_t i = 0; i < cases.size(); i++) {
      Prepared& p = prepared[i];
      p.type_case = &cases[i];
      if (cases[i].parsed && !ParseValues(&p, cases[i].values)) return false;
      for (size_t k = 0; k < cases[i].values.size(); k++) {
        rr::Cell cell;
        cell.kind = cases[i].kind;
        cell.data = cases[i].values[k].c_str();
        cell.length = cases[i].values[k].size();
        if (cases[i].parsed) cell.json_value = &p.documents[k];
        p.cells.push_back(cell);
      }
    }
    return true;
  } catch (...) {
    return false;
  }
}

void ConvertLoop(benchmark::State& state, Prepared* prepared, MemoryContext values_context) {
  MemoryContext old = MemoryContextSwitchTo(values_context);
  size_t at = 0;
  for (auto _ : state) {
    bool isnull;
    Datum value = rr_pg::ConvertCell(&prepared->converter, &prepared->cells[at], &kSite, &isnull);
    benchmark::DoNotOptimize(value);
    if (++at == prepared->cells.size()) {
      at = 0;
      MemoryContextReset(values_context);
    }
  }
  MemoryContextReset(values_context);
  MemoryContextSwitchTo(old);
  state.SetItemsProcessed(state.iterations());
}

// Collects the CPU time a value of each repetition (no output of its own).
class CollectingReporter : public benchmark::BenchmarkReporter {
 public:
  bool ReportContext(const Context&) override { return true; }
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const Run& run : runs) {
      if (run.run_type != Run::RT_Iteration) continue;
      if (run.error_occurred) {
        errors.push_back(run.benchmark_name() + ": " + run.error_message);
        continue;
      }
      ns_per_value[run.run_name.function_name].push_back(run.GetAdjustedCPUTime());
    }
  }
  std::map<std::string, std::vector<double>> ns_per_value;
  std::vector<std::string> errors;
};

// Runs the benchmarks; the only C++ frame that PostgreSQL calls into. Fills results or error.
// Returns false with error set when Google Benchmark failed.
bool RunBenchmarks(std::vector<Prepared>* prepared, double min_time, int repetitions, MemoryContext values_context,
                   CollectingReporter* reporter, std::string* error) noexcept {
  try {
    std::string min_time_flag = "--benchmark_min_time=" + std::to_string(min_time);
    std::string repetitions_flag = "--benchmark_repetitions=" + std::to_string(repetitions);
    std::vector<std::string> flags = {"convert_bench", min_time_flag, repetitions_flag};
    std::vector<char*> argv;
    for (std::string& flag : flags) argv.push_back(flag.data());
    int argc = static_cast<int>(argv.size());
    benchmark::Initialize(&argc, argv.data());
    for (Prepared& p : *prepared) {
      Prepared* target = &p;
      benchmark::RegisterBenchmark(p.type_case->name, [target, values_context](benchmark::State& state) {
        ConvertLoop(state, target, values_context);
      });
    }
    benchmark::RunSpecifiedBenchmarks(reporter);
    benchmark::ClearRegisteredBenchmarks();
    return true;
  } catch (const std::exception& e) {
    *error = e.what();
  } catch (...) {
    *error = "unknown exception";
  }
  benchmark::ClearRegisteredBenchmarks();
  return false;
}

double Median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  size_t n = values.size();
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

}  // namespace

// rr_convert_bench(min_time float8, repetitions int) RETURNS TABLE (type text, repetitions
// int, values_per_second float8, min_values_per_second float8, max_values_per_second float8)
extern "C" Datum rr_convert_bench(PG_FUNCTION_ARGS) {
  double min_time = PG_GETARG_FLOAT8(0);
  int repetitions = PG_GETARG_INT32(1);
  if (min_time <= 0 || min_time > 10 || repetitions < 1 || repetitions > 100)
    ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                    errmsg("min_time must be in (0, 10] seconds and repetitions in [1, 100]")));

  // Plain objects only on this frame: an ERROR below may longjmp past it.
  if (!PrepareCells())
    ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("could not prepare the values to convert")));
  for (Prepared& p : Cases()) {
    rr_pg::InitColumnConverter(&p.converter, 1, p.type_case->name, "value", p.type_case->type_id, -1);
    CheckValues(&p);
  }

  MemoryContext values_context =
      AllocSetContextCreate(CurrentMemoryContext, "convert_bench values", ALLOCSET_DEFAULT_SIZES);
  static CollectingReporter reporter;
  reporter.ns_per_value.clear();
  reporter.errors.clear();
  static std::string error;
  error.clear();
  bool ok = RunBenchmarks(&Cases(), min_time, repetitions, values_context, &reporter, &error);
  MemoryContextDelete(values_context);
  if (!ok) ereport(ERROR, (errcode(ERRCODE_INTERNAL_ERROR), errmsg("Google Benchmark failed: %s", error.c_str())));
  if (!reporter.errors.empty())
    ereport(ERROR, (errcode(ERRCODE_INTERNAL_ERROR), errmsg("benchmark failed: %s", reporter.errors[0].c_str())));

  ReturnSetInfo* rsinfo = reinterpret_cast<ReturnSetInfo*>(fcinfo->resultinfo);
  InitMaterializedSRF(fcinfo, 0);
  for (const Prepared& p : Cases()) {
    auto found = reporter.ns_per_value.find(p.type_case->name);
    if (found == reporter.ns_per_value.end() || found->second.empty()) continue;
    const std::vector<double>& ns = found->second;
    Datum values[5];
    bool nulls[5] = {false, false, false, false, false};
    values[0] = CStringGetTextDatum(p.type_case->name);
    values[1] = Int32GetDatum(static_cast<int32>(ns.size()));
    values[2] = Float8GetDatum(1e9 / Median(ns));
    values[3] = Float8GetDatum(1e9 / *std::max_element(ns.begin(), ns.end()));
    values[4] = Float8GetDatum(1e9 / *std::min_element(ns.begin(), ns.end()));
    tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
  }
  return static_cast<Datum>(0);
}
