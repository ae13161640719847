// Stored analyses: one row per outcome and model in the analyses table, its
// result_json being the `prismaflow meta --json` contract object plus the
// sensitivity analyses run with it ("robustness", "leave1out", "egger",
// "subgroups", each present only when computed) and "outcome"/"label".
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace prismaflow::db {
class Database;
}

namespace prismaflow::analyze {

struct StoredAnalysis {
  std::string outcome;
  std::string measure, method, test;
  double level = 95;
  std::string input_sha256;  ///< hash of the analysed rows, to see staleness
  nlohmann::json result;
  std::string software;
};

/// Inserts or replaces the analysis of (outcome, measure, method, test,
/// level); logs an event. Returns true when the stored result changed. Call
/// inside a Transaction.
bool save_analysis(db::Database& db, const StoredAnalysis& analysis);

/// Every stored analysis, ordered by outcome name, then measure/method/test.
std::vector<StoredAnalysis> load_analyses(db::Database& db);

}  // namespace prismaflow::analyze
