// Where a review stands, read from the database in one pass: records per
// source, duplicates, screening progress per stage and reviewer, studies,
// outcomes and analyses. Backs `prismaflow status`.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace prismaflow::db {

class Database;

struct SourceCount {
  std::string name;
  std::string kind;
  std::int64_t records = 0;
};

struct ReviewerProgress {
  std::string stage;     ///< "ta" or "ft"
  std::string reviewer;
  std::int64_t include = 0, exclude = 0, maybe = 0, not_retrieved = 0;
};

struct ReviewStatus {
  std::vector<SourceCount> sources;
  std::int64_t records = 0;
  std::int64_t duplicates = 0;
  std::int64_t unique_records = 0;
  std::int64_t searches = 0;
  std::int64_t search_runs = 0;
  std::vector<ReviewerProgress> screening;
  std::int64_t ta_screened = 0;  ///< unique records with any current ta decision
  std::int64_t ft_assessed = 0;
  std::int64_t studies = 0;
  std::int64_t characterised_studies = 0;  ///< studies with characteristics extracted
  std::int64_t rob_studies = 0;            ///< studies with a risk-of-bias judgement
  std::int64_t outcomes = 0;
  std::int64_t outcome_rows = 0;
  std::int64_t analyses = 0;
  std::int64_t events = 0;  ///< entries in the append-only audit log
};

/// Reads the status. Never writes.
ReviewStatus read_review_status(Database& db);

}  // namespace prismaflow::db
