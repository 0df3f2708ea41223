// Mutated responses: whatever the remote sends, reading a page either works or throws a
// RemoteError; it never crashes, hangs or throws anything else. Deterministic seed.
#include <gtest/gtest.h>

#include <random>

#include "core/error.hpp"
#include "core/response.hpp"

namespace {

const char* const kSeeds[] = {
    R"({"data":{"orders":[{"id":1,"name":"a\"b","user":{"city":"Oslo","geo":{"lat":1.5}},"tags":["x",null]},
        {"id":-2.5e3,"name":"\u00e9\u2713","user":null,"tags":[]}]}})",
    R"({"data":{"orders":{"edges":[{"node":{"id":1,"name":"n","user":{"city":"c"},"tags":[[1],[2]]}}],
        "pageInfo":{"hasNextPage":true,"endCursor":"Y3Vy"}}}})",
    R"({"errors":[{"message":"boom","path":["orders",0],"extensions":{"code":"X"}}],"data":null})",
    R"({"data":{"orders":{"id":7,"name":"one","user":{"city":"c","geo":{"lat":-1}},"tags":[true,{"k":null}]}}})",
};
constexpr int kSeedCount = sizeof(kSeeds) / sizeof(kSeeds[0]);

// The shape each seed is read as.
rr::ResultShape ResultOf(int seed) {
  return seed == 1 ? rr::ResultShape::kConnection : seed == 3 ? rr::ResultShape::kObject : rr::ResultShape::kList;
}

std::string Mutate(std::string text, std::mt19937* random) {
  const char alphabet[] = "{}[]\":,0123456789-+.eEtrufalsn \\u";
  int edits = 1 + static_cast<int>((*random)() % 2);
  for (int i = 0; i < edits && !text.empty(); ++i) {
    size_t at = (*random)() % text.size();
    switch ((*random)() % 4) {
      case 0: text[at] = alphabet[(*random)() % (sizeof(alphabet) - 1)]; break;
      case 1: text.erase(at, 1 + (*random)() % 8); break;
      case 2: text.insert(at, 1, alphabet[(*random)() % (sizeof(alphabet) - 1)]); break;
      case 3: text.resize(at); break;
    }
  }
  return text;
}

TEST(Robustness, MutatedResponsesFailCleanly) {
  std::mt19937 random(20261126);
  std::vector<std::string> fields = {"id", "name", "user.city", "user.geo.lat", "tags"};
  int loaded = 0, failed = 0;
  for (int i = 0; i < 30000; ++i) {
    rr::ScanRequestSpec spec;
    spec.query_field = "orders";
    int seed = i % kSeedCount;
    spec.result = ResultOf(seed);  // as the seed
    spec.pagination = seed == 1 ? rr::Pagination::kRelay : rr::Pagination::kNone;
    for (const auto& field : fields) spec.fields.push_back(rr::ParseFieldSpec(field));
    std::vector<rr::CellFormat> formats;
    for (size_t f = 0; f < fields.size(); ++f) formats.push_back(static_cast<rr::CellFormat>((i + f) % 3));
    std::string body = Mutate(kSeeds[seed], &random);
    rr::PageReader reader;
    try {
      reader.Load(body, spec);
      std::vector<rr::Cell> cells;
      for (size_t row = 0; row < reader.row_count(); ++row) {
        reader.ReadRow(row, formats, &cells);
        for (const auto& cell : cells)
          if (cell.kind != rr::CellKind::kNull) {
            ASSERT_EQ(cell.data[cell.length], '\0');
          }
      }
      ++loaded;
    } catch (const rr::RemoteError&) {
      ++failed;
    }
  }
  // Both outcomes occur, so the mutations exercise the readers and the error paths.
  EXPECT_GT(loaded, 300);
  EXPECT_GT(failed, 1000);
}

}  // namespace
